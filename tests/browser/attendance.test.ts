import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page, Route } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { SHOTS, expectAccessible, keypad, signIn, useBrowser } from "../support/browser.js";
import { webDist } from "../support/web.js";

/**
 * The web app in a real headless Chromium (the one shipped in @sparticuz/chromium) against
 * the real local server and DynamoDB Local: the staff set-up, the check-in console, the
 * public figures, sign-in errors, the English UI, and axe (WCAG 2.1 A/AA) on every page.
 */

const kit = useBrowser("main");
const app = kit.app;
const newPage = kit.newPage;
const WEB_DIST = webDist("main");
let staff: Account;
let facilitator: Account;

beforeAll(async () => {
  staff = await createAccount("staff", "담당 이서연");
  facilitator = await createAccount("facilitator", "진행자 김하나");
});

const banner = (page: Page) => page.locator(".feedback-slot .feedback");

/** Uncaught errors in the page: a failed load must end in the page's own error message, never here. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/**
 * Marks the loaded document, so that `stillSameDocument` can tell a client-side navigation (the
 * router, in a transition) from a full page load: the two take different paths through Solid.
 */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __gongnonDoc?: boolean }).__gongnonDoc = true));
}
async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __gongnonDoc?: boolean }).__gongnonDoc === true);
}

/** Follows an in-app link to `href` the way the router sees a click on any <a> (client-side). */
async function followLink(page: Page, href: string) {
  await page.evaluate((to) => {
    document.getElementById("test-link")?.remove();
    const a = document.createElement("a");
    a.id = "test-link";
    a.href = to;
    a.textContent = to;
    document.querySelector("footer")!.append(a);
  }, href);
  await page.locator("#test-link").click();
}

/** A forum with two sessions and three check-ins (A; A and B), set up through the API: figures 2 / 3 / 2. */
async function seedForum(title: string): Promise<{ forumId: string; sessions: { id: string; title: string }[] }> {
  const token = await login(app.url, staff);
  const forum = await call(app.url, "POST", "/api/forums", { token, body: { title, startsOn: "2023-04-17", endsOn: "2023-04-27" } });
  expect(forum.status).toBe(201);
  const sessions: { id: string; title: string }[] = [];
  for (const [i, day] of ["2023-04-18", "2023-04-20"].entries()) {
    const s = await call(app.url, "POST", `/api/forums/${forum.body.id}/sessions`, {
      token,
      body: { title: `${i + 1}회차 — ${title}`, startsAt: `${day}T19:00`, venue: "구청 대강당" },
    });
    expect(s.status).toBe(201);
    sessions.push({ id: s.body.id, title: s.body.title });
  }
  for (const [sessionId, phone] of [
    [sessions[0]!.id, "010-7000-0001"],
    [sessions[1]!.id, "010-7000-0001"],
    [sessions[1]!.id, "010-7000-0002"],
  ] as const) {
    const r = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone } });
    expect(r.status).toBe(201);
  }
  return { forumId: forum.body.id, sessions };
}

async function expectFigures(page: Page, sessions: string, attendances: string, participants: string) {
  await page.getByTestId("figure-sessions").waitFor({ timeout: 10_000 });
  expect(await page.getByTestId("figure-sessions").textContent()).toBe(sessions);
  expect(await page.getByTestId("figure-attendances").textContent()).toBe(attendances);
  expect(await page.getByTestId("figure-participants").textContent()).toBe(participants);
  await page.locator('svg[role="img"]').waitFor();
  await page.getByRole("table").getByRole("row").nth(2).waitFor();
}

/** The page's error message, inside <main>, with the site header and its menu still there. */
async function expectLoadError(page: Page, message: string) {
  const alert = page.getByRole("main").getByRole("alert");
  await alert.waitFor({ timeout: 10_000 });
  expect(await alert.textContent()).toContain("정보를 불러오지 못했습니다.");
  expect(await alert.textContent()).toContain(message);
  expect(await alert.getByRole("button", { name: "다시 시도" }).isVisible()).toBe(true);
  expect(await page.getByRole("banner").isVisible()).toBe(true);
  expect(await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "공론장", exact: true }).isVisible()).toBe(true);
}

/** The title of a page whose own data failed to load (not the previous page's title). */
const LOAD_FAILED_TITLE = "페이지를 불러오지 못했습니다 | 공론 Gongnon";

/** Answers a request as an overloaded server would (503 with the API's error body). */
async function unavailable(route: Route) {
  await route.fulfill({
    status: 503,
    contentType: "application/json",
    body: JSON.stringify({ error: { code: "unavailable", message: "Service Unavailable" } }),
  });
}

describe("web app", () => {
  it("builds without server code in the bundle", () => {
    const assets = join(WEB_DIST, "assets");
    const js = readdirSync(assets).filter((f) => f.endsWith(".js"));
    expect(js.length).toBeGreaterThan(0);
    for (const f of js) {
      const code = readFileSync(join(assets, f), "utf8");
      expect(code).not.toMatch(/@aws-sdk|DynamoDBClient|node:crypto/);
    }
    const fonts = readdirSync(assets).filter((f) => f.endsWith(".woff2"));
    // Two weights (Regular, Bold), each cut into unicode-range slices (web/scripts/subset-fonts.mjs).
    expect(new Set(fonts.map((f) => /^PretendardGOV-(Regular|Bold)-/.exec(f)?.[1]))).toEqual(new Set(["Regular", "Bold"]));
  });

  it("staff set up a forum and a session, the console checks two people in, the public page shows 1 / 2 / 2", async () => {
    const { context, page } = await newPage();
    try {
      // Sign-in page, then the staff landing page.
      await page.goto("/login");
      await page.getByRole("heading", { level: 1, name: "로그인" }).waitFor();
      await expectAccessible(page, "/login");
      await signIn(page, staff);
      await page.waitForURL("**/staff");
      await page.getByRole("heading", { level: 1, name: "공론장 관리" }).waitFor();
      await expectAccessible(page, "/staff");

      // Create a forum: a field-level error first (end before start), then the real one.
      await page.getByLabel("공론장 이름").fill("브라우저 테스트 공론장");
      await page.getByLabel("시작일").fill("2023-04-17");
      await page.getByLabel("종료일").fill("2023-04-10");
      await page.getByRole("button", { name: "공론장 만들기" }).click();
      const endsError = page.locator("#forum-ends-error");
      await endsError.waitFor();
      expect(await endsError.textContent()).toContain("종료일");
      expect(await page.getByLabel("종료일").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("종료일").getAttribute("aria-describedby")).toContain("forum-ends-error");
      await page.getByLabel("종료일").fill("2023-04-27");
      await page.getByLabel("소개").fill("브라우저 테스트로 만든 공론장입니다.");
      await page.getByRole("button", { name: "공론장 만들기" }).click();
      await page.waitForURL(/\/staff\/forums\/[^/]+$/);
      const forumId = new URL(page.url()).pathname.split("/").pop()!;
      await page.getByRole("heading", { level: 1, name: "브라우저 테스트 공론장" }).waitFor();

      // Add a session: outside the forum's period the API's error lands on the date field.
      await page.getByLabel("회차 이름").fill("1회차 — 동부권");
      await page.getByLabel("날짜").fill("2023-05-02");
      await page.getByLabel("시작 시각").fill("19:00");
      await page.getByLabel("권역").fill("동부권");
      await page.getByLabel("장소").fill("동부 주민센터");
      await page.getByRole("button", { name: "회차 추가" }).click();
      const dateError = page.locator("#session-date-error");
      await dateError.waitFor();
      expect(await dateError.textContent()).toContain("기간");
      await page.getByLabel("날짜").fill("2023-04-17");
      await page.getByRole("button", { name: "회차 추가" }).click();
      const card = page.locator(".session-card", { hasText: "1회차 — 동부권" });
      await card.waitFor();

      // Assign the facilitator.
      await card.getByLabel("1회차 — 동부권 진행자 배정").selectOption(facilitator.id);
      await card.getByRole("button", { name: "배정", exact: true }).click();
      await card.locator(".chip", { hasText: "진행자 김하나" }).waitFor();
      await expectAccessible(page, "/staff/forums/:forumId");

      // The session console.
      await card.getByRole("link", { name: /^출석 콘솔 열기\s*: 1회차 — 동부권$/ }).click();
      await page.waitForURL(/\/console\/[^/]+$/);
      const phone = page.getByLabel("휴대전화 번호");
      await phone.waitFor();
      expect(await phone.getAttribute("inputmode")).toBe("numeric");
      expect(await phone.getAttribute("autocomplete")).toBe("off");
      await expectAccessible(page, "/console/:sessionId");

      // Person A on the keypad: new to the forum.
      await keypad(page, "01012345678");
      expect(await phone.inputValue()).toBe("010-1234-5678");
      await page.getByRole("button", { name: "출석 확인" }).click();
      await page.locator('.feedback[data-kind="new"]').waitFor();
      expect(await banner(page).textContent()).toContain("새 참석자 — 이 공론장 첫 참석");
      expect(await phone.inputValue()).toBe("");
      expect(await page.getByTestId("count-session").textContent()).toBe("1");
      await expectAccessible(page, "/console/:sessionId (after a check-in)");

      // Person B typed, sent with Enter.
      await phone.fill("01098765432");
      await phone.press("Enter");
      await page.getByTestId("count-session").filter({ hasText: "2" }).waitFor();
      expect(await banner(page).getAttribute("data-kind")).toBe("new");

      // Person A again, written differently: already checked in, nothing counted.
      await phone.fill("+82 10 1234 5678");
      await page.getByRole("button", { name: "출석 확인" }).click();
      await page.locator('.feedback[data-kind="repeat"]').waitFor();
      expect(await banner(page).textContent()).toContain("이미 출석한 분입니다");
      expect(await page.getByTestId("count-session").textContent()).toBe("2");
      expect(await page.getByTestId("count-participants").textContent()).toBe("2");
      expect(await page.getByTestId("count-attendances").textContent()).toBe("2");
      await expectAccessible(page, "/console/:sessionId (already checked in)");
      await page.screenshot({ path: join(SHOTS, "gongnon-console.png") });

      // A malformed number: the API's message, tied to the field, and the input is kept.
      await phone.fill("010-1234-567");
      await page.getByRole("button", { name: "출석 확인" }).click();
      await page.locator('.feedback[data-kind="error"]').waitFor();
      expect(await banner(page).textContent()).toContain("휴대전화 번호의 자릿수가 맞지 않습니다");
      expect(await phone.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#phone-error").textContent()).toContain("자릿수");
      expect(await phone.inputValue()).toBe("010-123-4567");
      await page.screenshot({ path: join(SHOTS, "gongnon-console-error.png") });

      // The public page: 1 session, 2 attendances, 2 participants, a chart with a text alternative.
      await page.goto(`/forums/${forumId}`);
      await page.getByTestId("figure-sessions").waitFor();
      expect(await page.getByTestId("figure-sessions").textContent()).toBe("1");
      expect(await page.getByTestId("figure-attendances").textContent()).toBe("2");
      expect(await page.getByTestId("figure-participants").textContent()).toBe("2");
      const chart = page.locator('svg[role="img"]');
      expect(await chart.getAttribute("aria-label")).toContain("1회차 — 동부권 2명");
      await page.getByRole("table").getByRole("rowheader", { name: "1회차 — 동부권" }).waitFor();
      await expectAccessible(page, "/forums/:forumId");
      await page.screenshot({ path: join(SHOTS, "gongnon-forum.png"), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await expectAccessible(page, "/forums/:forumId (phone width)");
      await page.setViewportSize({ width: 1180, height: 820 });

      // Home lists the forum.
      await page.goto("/");
      await page.getByRole("link", { name: "브라우저 테스트 공론장" }).waitFor();
      await expectAccessible(page, "/");
    } finally {
      await context.close();
    }
  });

  it("staff manage facilitator accounts", async () => {
    const { context, page } = await newPage();
    try {
      await signIn(page, staff);
      await page.waitForURL("**/staff");
      await page.getByRole("link", { name: "계정 관리" }).click();
      await page.getByRole("heading", { level: 1, name: "계정 관리" }).waitFor();
      // Staff may only create facilitators and task-force members.
      const roles = await page.getByLabel("역할").locator("option").allTextContents();
      expect(roles).toEqual(["진행자", "실행추진반"]);
      await page.getByLabel("이름", { exact: true }).fill("진행자 박두리");
      await page.getByLabel("이메일").fill("duri@test.gongnon.kr");
      await page.getByLabel("초기 비밀번호").fill("short");
      await page.getByRole("button", { name: "계정 만들기" }).click();
      await page.locator("#user-password-error").waitFor();
      expect(await page.locator("#user-password-error").textContent()).toContain("10자");
      await page.getByLabel("초기 비밀번호").fill("long-enough-password");
      await page.getByRole("button", { name: "계정 만들기" }).click();
      await page.getByRole("status").filter({ hasText: "duri@test.gongnon.kr" }).waitFor();
      const row = page.getByRole("row", { name: /진행자 박두리/ });
      await row.getByRole("button", { name: "진행자 박두리 계정 사용 중지" }).click();
      await row.getByText("사용 중지", { exact: true }).first().waitFor();
      await row.getByRole("button", { name: "진행자 박두리 계정 다시 사용" }).waitFor();
      await expectAccessible(page, "/staff/users");
    } finally {
      await context.close();
    }
  });

  it("retries a check-in with the same Idempotency-Key when the answer is lost, and a double tap counts once", async () => {
    // A session assigned to the facilitator, set up through the API.
    const token = await login(app.url, staff);
    const forum = await call(app.url, "POST", "/api/forums", { token, body: { title: "재시도 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" } });
    const session = await call(app.url, "POST", `/api/forums/${forum.body.id}/sessions`, {
      token,
      body: { title: "재시도 회차", startsAt: "2023-04-18T19:00", venue: "서부 주민센터" },
    });
    await call(app.url, "POST", `/api/sessions/${session.body.id}/facilitators`, { token, body: { userId: facilitator.id } });

    const { context, page } = await newPage({ width: 820, height: 1180 });
    try {
      await signIn(page, facilitator);
      await page.waitForURL("**/console");
      await page.getByRole("heading", { level: 2, name: "재시도 회차" }).waitFor();
      await expectAccessible(page, "/console");
      await page.getByRole("link", { name: /^출석 콘솔 열기\s*: 재시도 회차$/ }).click();
      await page.waitForURL(`**/console/${session.body.id}`);

      // The first attempt reaches the server, but its answer is lost on the way back.
      const keys: string[] = [];
      let dropped = false;
      await page.route("**/api/sessions/*/checkins", async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (!dropped) {
          dropped = true;
          await route.fetch();
          await route.abort("connectionreset");
          return;
        }
        await route.continue();
      });
      await page.getByLabel("휴대전화 번호").fill("010-5555-0101");
      await page.getByRole("button", { name: "출석 확인" }).click();
      // The check-in is saved on the tablet first, then re-sent (the banner says so for a moment).
      await page.locator('.feedback[data-kind="retrying"]').filter({ hasText: "재시도 중" }).waitFor();
      await page.locator('.feedback[data-kind="new"]').waitFor();
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).toBe(keys[0]);
      expect(await page.getByTestId("count-session").textContent()).toBe("1");

      // A double tap sends one request: the button is disabled while the check-in is pending.
      keys.length = 0;
      await page.getByRole("radio", { name: "이름 + 생년월일" }).check();
      await page.getByLabel("이름", { exact: true }).fill("홍길동");
      await keypad(page, "19600101");
      expect(await page.getByLabel("생년월일", { exact: true }).inputValue()).toBe("1960-01-01");
      await page.getByRole("button", { name: "출석 확인" }).dblclick();
      await page.getByTestId("count-session").filter({ hasText: "2" }).waitFor();
      await page.waitForTimeout(300);
      expect(keys).toHaveLength(1);
      expect(await page.getByLabel("이름", { exact: true }).inputValue()).toBe("");
      await page.screenshot({ path: join(SHOTS, "gongnon-console-portrait.png") });
    } finally {
      await context.close();
    }
  });

  it("switches to English (persisted), with the API's messages in English and the wait after too many failed sign-ins", async () => {
    const target = await createAccount("facilitator");
    const { context, page } = await newPage();
    try {
      await page.goto("/login");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("link", { name: "Skip to main content" }).count()).toBe(1);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");

      const attempt = async () => {
        await page.getByLabel("Email").fill(target.email);
        await page.getByLabel("Password").fill("wrong-password");
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.getByRole("alert").waitFor();
        return (await page.getByRole("alert").textContent()) ?? "";
      };
      expect(await attempt()).toContain("The email or password is incorrect.");
      for (let i = 0; i < 4; i++) await attempt();
      expect(await attempt()).toContain("Too many failed sign-ins");
      expect(await page.getByRole("alert").textContent()).toMatch(/You can try again in \d+ seconds/);
      expect(await page.getByRole("button", { name: /You can try again/ }).isDisabled()).toBe(true);
      await expectAccessible(page, "/login (English, locked)");

      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Forums" }).waitFor();
      await page.getByRole("button", { name: "한국어" }).click();
      await page.getByRole("heading", { level: 1, name: "공론장" }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    } finally {
      await context.close();
    }
  });
  it("opens a forum's public page from its card on the home page, by client-side navigation", async () => {
    const title = "카드로 여는 공론장";
    const { forumId } = await seedForum(title);
    const { context, page } = await newPage();
    const errors = pageErrors(page);
    try {
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "공론장" }).waitFor();
      await markDocument(page);
      await page.getByRole("main").getByRole("link", { name: title }).click();
      await page.waitForURL(`**/forums/${forumId}`);
      await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 10_000 });
      await expectFigures(page, "2", "3", "2");
      await page.getByRole("table").getByRole("rowheader", { name: `2회차 — ${title}` }).waitFor();
      expect(await page.title()).toBe(`${title} | 공론 Gongnon`);
      expect(await stillSameDocument(page)).toBe(true);

      // Back to the list by the breadcrumb, and into the forum again (now from the cache).
      await page.locator(".breadcrumb").getByRole("link", { name: "공론장" }).click();
      await page.getByRole("heading", { level: 1, name: "공론장" }).waitFor();
      await page.getByRole("main").getByRole("link", { name: title }).click();
      await expectFigures(page, "2", "3", "2");
      expect(await stillSameDocument(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("staff follow links from the forum list to the set-up page, the public page and a session's console", async () => {
    const title = "링크로 여는 공론장";
    const { forumId, sessions } = await seedForum(title);
    const { context, page } = await newPage();
    const errors = pageErrors(page);
    try {
      await signIn(page, staff);
      await page.waitForURL("**/staff");
      await page.getByRole("heading", { level: 1, name: "공론장 관리" }).waitFor();
      await markDocument(page);

      // The list → the forum's set-up page.
      await page.getByRole("link", { name: title, exact: true }).click();
      await page.waitForURL(`**/staff/forums/${forumId}`);
      await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 10_000 });
      await page.locator(".session-card", { hasText: sessions[1]!.title }).waitFor();
      expect(await page.title()).toBe(`공론장 설정: ${title} | 공론 Gongnon`);

      // Set-up → the public page, and back.
      await page.getByRole("link", { name: "공개 화면 보기" }).click();
      await page.waitForURL(`**/forums/${forumId}`);
      await expectFigures(page, "2", "3", "2");
      await page.goBack();
      await page.waitForURL(`**/staff/forums/${forumId}`);
      await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 10_000 });

      // Set-up → a session's console: its title, the counts, the field.
      await page.getByRole("link", { name: new RegExp(`^출석 콘솔 열기\\s*: ${sessions[1]!.title}$`) }).click();
      await page.waitForURL(`**/console/${sessions[1]!.id}`);
      await page.getByRole("heading", { level: 1, name: `출석 확인: ${sessions[1]!.title}` }).waitFor({ timeout: 10_000 });
      await page.getByTestId("count-session").filter({ hasText: "2" }).waitFor();
      expect(await page.getByTestId("count-attendances").textContent()).toBe("3");
      expect(await page.getByTestId("count-participants").textContent()).toBe("2");
      expect(await page.getByLabel("휴대전화 번호").isVisible()).toBe(true);

      // Console → the public page.
      await page.getByRole("link", { name: "공개 화면 보기" }).click();
      await page.waitForURL(`**/forums/${forumId}`);
      await expectFigures(page, "2", "3", "2");
      expect(await stillSameDocument(page)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a failed refresh of the public page keeps the last figures and says so politely; it keeps trying, and the next good refresh brings the new figures", async () => {
    const title = "새로 고침 공론장";
    const { forumId, sessions } = await seedForum(title);
    const token = await login(app.url, staff);
    const { context, page } = await newPage();
    const errors = pageErrors(page);
    // Every request the page makes, and those for this forum (first load, refreshes).
    const allCalls: string[] = [];
    page.on("request", (req) => void allCalls.push(new URL(req.url()).pathname));
    const forumCalls: string[] = [];
    page.on("request", (req) => {
      const path = new URL(req.url()).pathname;
      if (path.startsWith(`/api/forums/${forumId}`)) forumCalls.push(path);
    });
    const refreshes = () => forumCalls.filter((p) => p.endsWith("/stats")).length;
    try {
      // Fake timers from the start, so that 30 s pass when the test says so.
      await page.clock.install();
      await page.goto(`/forums/${forumId}`);
      await expectFigures(page, "2", "3", "2");
      const failedLine = page.getByRole("status").filter({ hasText: "업데이트 실패" });
      expect(await failedLine.count()).toBe(0);
      const updated = page.locator(".updated");
      const updatedBefore = await updated.textContent();
      expect(refreshes()).toBe(1);

      // The venue's connection fails: every call for the forum answers 503.
      await page.route("**/api/forums/**", unavailable);
      await page.clock.fastForward("00:31");
      await expect.poll(refreshes, { timeout: 10_000 }).toBe(2);
      const errorBox = page.getByRole("main").getByRole("alert");
      await failedLine.or(errorBox).first().waitFor({ timeout: 10_000 });
      expect(await errorBox.count(), "the error box replaced the figures").toBe(0);
      await failedLine.waitFor();
      const status = page.getByTestId("refresh-status");
      expect(await status.getAttribute("aria-live")).toBe("polite");
      expect(await status.textContent()).toMatch(/^업데이트 실패 — 30초 후 다시 시도합니다 \(마지막 갱신 (오전|오후) \d{1,2}:\d{2}:\d{2}\)$/);
      expect(await status.textContent()).toContain(updatedBefore!.split(" 기준")[0]!);
      expect(refreshes()).toBe(2);
      // The last good figures, chart and table stay; the title stays the forum's.
      await expectFigures(page, "2", "3", "2");
      expect(await page.locator('svg[role="img"]').getAttribute("aria-label")).toContain(`${sessions[1]!.title} 2명`);
      await page.getByRole("table").getByRole("rowheader", { name: sessions[1]!.title }).waitFor();
      expect(await updated.textContent()).toBe(updatedBefore);
      expect(await page.title()).toBe(`${title} | 공론 Gongnon`);
      await expectAccessible(page, "/forums/:forumId (refresh failed)");
      await page.screenshot({ path: join(SHOTS, "gongnon-forum-refresh-failed.png") });

      // In English too.
      await page.getByRole("button", { name: "English" }).click();
      await status.filter({ hasText: "Update failed" }).waitFor();
      expect(await status.textContent()).toMatch(/^Update failed — trying again in 30 seconds \(last updated \d{1,2}:\d{2}:\d{2}\)$/);
      await page.getByRole("button", { name: "한국어" }).click();
      await failedLine.waitFor();

      // Still failing 30 s later: one more try (one timer, not a pile of them), the figures stay.
      await page.clock.fastForward("00:31");
      await expect.poll(refreshes, { timeout: 10_000 }).toBe(3);
      await page.waitForTimeout(300);
      expect(refreshes()).toBe(3);
      await expectFigures(page, "2", "3", "2");
      expect(await failedLine.count()).toBe(1);

      // Meanwhile someone checks in; then the connection comes back: the next refresh shows it.
      const checkIn = await call(app.url, "POST", `/api/sessions/${sessions[0]!.id}/checkins`, { token, body: { phone: "010-7000-0003" } });
      expect(checkIn.status).toBe(201);
      await page.unroute("**/api/forums/**", unavailable);
      await page.clock.fastForward("00:31");
      await page.getByTestId("figure-attendances").filter({ hasText: "4" }).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("figure-participants").textContent()).toBe("3");
      expect(await page.getByTestId("figure-sessions").textContent()).toBe("2");
      expect(await page.locator('svg[role="img"]').getAttribute("aria-label")).toContain(`${sessions[0]!.title} 2명`);
      await expect.poll(() => status.textContent()).toBe("");
      expect(await updated.textContent()).not.toBe(updatedBefore);
      expect(refreshes()).toBe(4);

      // Offline this time (the request never leaves): as before; and back online, it refreshes at once.
      await page.route("**/api/forums/**", (route) => route.abort("internetdisconnected"));
      await page.clock.fastForward("00:31");
      await failedLine.waitFor({ timeout: 10_000 });
      await expectFigures(page, "2", "4", "3");
      const again = await call(app.url, "POST", `/api/sessions/${sessions[1]!.id}/checkins`, { token, body: { phone: "010-7000-0004" } });
      expect(again.status).toBe(201);
      await page.unrouteAll();
      await context.setOffline(true);
      await context.setOffline(false);
      await page.getByTestId("figure-attendances").filter({ hasText: "5" }).waitFor({ timeout: 5_000 });
      expect(await page.getByTestId("figure-participants").textContent()).toBe("4");
      await expect.poll(() => status.textContent()).toBe("");

      // A request that never gets an answer: given up after 20 s, reported, and tried again after that.
      await page.route("**/api/forums/**", () => undefined);
      await page.clock.fastForward("00:31");
      await expect.poll(refreshes, { timeout: 10_000 }).toBe(7);
      expect(await failedLine.count()).toBe(0);
      await page.clock.fastForward("00:21");
      await failedLine.waitFor({ timeout: 10_000 });
      await expectFigures(page, "2", "5", "4");
      await page.unrouteAll({ behavior: "ignoreErrors" });
      await page.clock.fastForward("00:31");
      await expect.poll(refreshes, { timeout: 10_000 }).toBe(8);
      await expect.poll(() => status.textContent()).toBe("");
      await expectFigures(page, "2", "5", "4");

      // First load (forum, stats, sessions, and the proposals' total, the voting rounds and the funnel, each read once) + 7 refreshes of 3 calls each.
      expect(forumCalls.length).toBe(27);

      // A link to another forum's page (the same page component with a new id): that forum's figures,
      // not the refreshed ones of this forum; and from then on only that forum is refreshed.
      const other = await seedForum("옆 공론장");
      const otherCalls = () => allCalls.filter((p) => p.startsWith(`/api/forums/${other.forumId}/stats`)).length;
      await followLink(page, `/forums/${other.forumId}`);
      await page.getByRole("heading", { level: 1, name: "옆 공론장" }).waitFor({ timeout: 10_000 });
      await expectFigures(page, "2", "3", "2");
      expect(await page.title()).toBe("옆 공론장 | 공론 Gongnon");
      expect(await status.textContent()).toBe("");
      expect(otherCalls()).toBe(1);
      await page.clock.fastForward("00:31");
      await expect.poll(otherCalls, { timeout: 10_000 }).toBe(2);
      await expectFigures(page, "2", "3", "2");
      expect(forumCalls.length).toBe(27);

      // Leaving the page (client-side, to a page with no link to a forum, so that nothing preloads
      // one on hover) leaves no timer behind: no more calls for either forum.
      await followLink(page, "/login");
      await page.getByRole("heading", { level: 1, name: "로그인" }).waitFor();
      const callsAfterLeaving = allCalls.length;
      await page.clock.fastForward("01:05");
      await page.clock.fastForward("00:31");
      await page.waitForTimeout(300);
      expect(allCalls.slice(callsAfterLeaving).filter((p) => p.startsWith("/api/forums/"))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the console keeps its counts and what is being typed through failed polls, and catches up once they work again", async () => {
    const { sessions } = await seedForum("폴링 공론장");
    const token = await login(app.url, staff);
    const { context, page } = await newPage({ width: 820, height: 1180 });
    const errors = pageErrors(page);
    let polls = 0;
    const failPolls = async (route: Route) => {
      polls++;
      await unavailable(route);
    };
    const pollUrls = /\/api\/(sessions\/[^/?]+|forums\/[^/?]+\/stats)(\?.*)?$/;
    try {
      await page.clock.install();
      await signIn(page, staff);
      await page.waitForURL("**/staff");
      await page.goto(`/console/${sessions[1]!.id}`);
      await page.getByTestId("count-session").filter({ hasText: "2" }).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("count-participants").textContent()).toBe("2");
      expect(await page.getByTestId("count-attendances").textContent()).toBe("3");
      const phone = page.getByLabel("휴대전화 번호");
      await keypad(page, "0107000");
      expect(await phone.inputValue()).toBe("010-7000");

      // Two polls fail (10 s apart): the counts, the console and the half-typed number all stay.
      await page.route(pollUrls, failPolls);
      await page.clock.fastForward("00:11");
      await expect.poll(() => polls, { timeout: 10_000 }).toBe(2);
      await page.clock.fastForward("00:11");
      await expect.poll(() => polls, { timeout: 10_000 }).toBe(4);
      await page.waitForTimeout(300);
      expect(await page.getByTestId("count-session").textContent()).toBe("2");
      expect(await page.getByTestId("count-participants").textContent()).toBe("2");
      expect(await page.getByTestId("count-attendances").textContent()).toBe("3");
      expect(await phone.inputValue()).toBe("010-7000");
      expect(await page.getByRole("main").getByRole("alert").count()).toBe(0);
      expect(await banner(page).getAttribute("class")).toContain("feedback-ready");
      await expectAccessible(page, "/console/:sessionId (polls failing)");

      // Someone is checked in at another tablet; the polls work again and bring the new counts.
      const r = await call(app.url, "POST", `/api/sessions/${sessions[1]!.id}/checkins`, { token, body: { phone: "010-7000-0005" } });
      expect(r.status).toBe(201);
      await page.unroute(pollUrls, failPolls);
      await page.clock.fastForward("00:11");
      await page.getByTestId("count-session").filter({ hasText: "3" }).waitFor({ timeout: 10_000 });
      expect(await page.getByTestId("count-participants").textContent()).toBe("3");
      expect(await page.getByTestId("count-attendances").textContent()).toBe("4");
      expect(await phone.inputValue()).toBe("010-7000");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("an unknown forum or session shows the page's error message inside the page, not a blank app", async () => {
    const { context, page } = await newPage();
    const errors = pageErrors(page);
    try {
      // Loaded directly.
      await page.goto("/forums/doesnotexist");
      await expectLoadError(page, "공론장을(를) 찾을 수 없습니다.");
      expect(await page.title()).toBe(LOAD_FAILED_TITLE);
      await expectAccessible(page, "/forums/:forumId (unknown)");
      // Retrying an id that is still unknown keeps the message.
      await page.getByRole("button", { name: "다시 시도" }).click();
      await expectLoadError(page, "공론장을(를) 찾을 수 없습니다.");
      // The menu still works.
      await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "공론장", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "공론장" }).waitFor();

      // Reached by a link (client-side navigation).
      await markDocument(page);
      expect(await page.title()).toBe("공론장 | 공론 Gongnon");
      await followLink(page, "/forums/doesnotexist");
      await page.waitForURL("**/forums/doesnotexist");
      await expectLoadError(page, "공론장을(를) 찾을 수 없습니다.");
      // The title says the page failed, not the forum list's title left over from before.
      expect(await page.title()).toBe(LOAD_FAILED_TITLE);
      expect(await stillSameDocument(page)).toBe(true);

      // Signed in: an unknown session's console and an unknown forum's set-up page.
      await signIn(page, staff);
      await page.waitForURL("**/staff");
      await page.getByRole("heading", { level: 1, name: "공론장 관리" }).waitFor();
      await markDocument(page);
      await followLink(page, "/console/doesnotexist");
      await page.waitForURL("**/console/doesnotexist");
      await expectLoadError(page, "회차을(를) 찾을 수 없습니다.");
      expect(await page.title()).toBe(LOAD_FAILED_TITLE);
      await followLink(page, "/staff/forums/doesnotexist");
      await page.waitForURL("**/staff/forums/doesnotexist");
      await expectLoadError(page, "공론장을(를) 찾을 수 없습니다.");
      expect(await page.title()).toBe(LOAD_FAILED_TITLE);
      expect(await stillSameDocument(page)).toBe(true);

      await page.goto("/console/doesnotexist");
      await expectLoadError(page, "회차을(를) 찾을 수 없습니다.");
      expect(await page.title()).toBe(LOAD_FAILED_TITLE);
      await expectAccessible(page, "/console/:sessionId (unknown)");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the pages' Content-Security-Policy", () => {
  it("every page visited above ran under it without a single refusal", async () => {
    const { context, page } = await newPage();
    const res = await page.goto("/");
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await context.close();
    expect(kit.cspViolations).toEqual([]);
  });
});
