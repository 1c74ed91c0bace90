import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { SHOTS, expectAccessible, signIn, useBrowser } from "../support/browser.js";

/**
 * Proposals in a real headless Chromium against the real server and DynamoDB Local: a resident
 * proposes and follows the receipt, a facilitator captures agendas on the console, staff
 * moderate, merge and import, search finds words inside Korean compounds, text stays text, and
 * axe (WCAG 2.1 A/AA) on every new page.
 */

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

// One chunk of 25 rows per import request, so that the progress bar has steps to show.
const kit = useBrowser("proposals", { env: { GONGNON_IMPORT_BUDGET_MS: "0" } });
const app = kit.app;
const newPage = kit.newPage;
let staff: Account;
let facilitator: Account;
let staffToken: string;
/** The newest forum, open for intake: where /propose sends proposals. */
let forum: { id: string; title: string; sessionId: string; sessionTitle: string };

beforeAll(async () => {
  staff = await createAccount("staff", "담당 정민수");
  facilitator = await createAccount("facilitator", "진행자 오세린");
  staffToken = await login(app.url, staff);
  const title = "2030 관악 주민 제안 공론장";
  const f = await call(app.url, "POST", "/api/forums", { token: staffToken, body: { title, startsOn: "2030-04-01", endsOn: "2030-04-30" } });
  expect(f.status).toBe(201);
  const s = await call(app.url, "POST", `/api/forums/${f.body.id}/sessions`, { token: staffToken, body: { title: "1회차 — 서부권", startsAt: "2030-04-03T19:00", venue: "구청 대강당" } });
  expect(s.status).toBe(201);
  expect((await call(app.url, "POST", `/api/sessions/${s.body.id}/facilitators`, { token: staffToken, body: { userId: facilitator.id } })).status).toBe(201);
  forum = { id: f.body.id, title, sessionId: s.body.id, sessionTitle: s.body.title };
});

/** Each online proposal from its own client cookie, so the per-client rate limit stays out of the way. */
let clientSeq = 0;
const freshClient = () => `gongnon_client=${`b${String(++clientSeq).padStart(5, "0")}`.padEnd(22, "x")}`;

async function proposeViaApi(forumId: string, body: Record<string, unknown>): Promise<{ id: string; receipt: string }> {
  const res = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body, headers: { cookie: freshClient() } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function captureViaApi(sessionId: string, body: Record<string, unknown>): Promise<{ id: string; receipt: string }> {
  const res = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staffToken, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const publish = async (id: string) => expect((await call(app.url, "PATCH", `/api/proposals/${id}`, { token: staffToken, body: { status: "published" } })).status).toBe(200);

async function newForum(title: string, extra: Record<string, unknown> = {}): Promise<{ id: string; sessionId: string }> {
  const f = await call(app.url, "POST", "/api/forums", { token: staffToken, body: { title, startsOn: "2024-05-01", endsOn: "2024-05-31", ...extra } });
  expect(f.status).toBe(201);
  const s = await call(app.url, "POST", `/api/forums/${f.body.id}/sessions`, { token: staffToken, body: { title: `1회차 — ${title}`, startsAt: "2024-05-02T19:00" } });
  return { id: f.body.id, sessionId: s.body.id };
}

const modCard = (page: Page, title: string) => page.getByTestId("mod-card").filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });

describe("proposals in the browser", () => {
  it("a resident proposes on a phone, keeps the receipt code and follows it; after staff publish it, the receipt page says so", async () => {
    const resident = await newPage(PHONE);
    await resident.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { page } = resident;
    try {
      // From the home page's banner.
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "공론장" }).waitFor();
      await expectAccessible(page, "/ (with the propose banner)");
      await page.screenshot({ path: join(SHOTS, "gongnon-home-phone.png"), fullPage: true });
      await page.getByRole("main").getByRole("link", { name: "제안하기" }).click();
      await page.waitForURL("**/propose");
      await page.getByRole("heading", { level: 1, name: "제안하기" }).waitFor();
      expect(await page.title()).toBe("제안하기 | 공론 Gongnon");
      await page.getByText(forum.title).waitFor();
      // On a phone the main menu is behind the header's menu button.
      await page.getByRole("banner").getByRole("button", { name: "메뉴" }).click();
      expect(await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "제안하기" }).getAttribute("class")).toContain("active");
      await expectAccessible(page, "/propose");

      // Nothing filled in: the API's first complaint goes next to its field.
      await page.getByRole("button", { name: "제안 보내기" }).click();
      const titleError = page.locator("#proposal-title-error");
      await titleError.waitFor();
      expect(await titleError.textContent()).toContain("제목");
      const titleInput = page.getByLabel("제목");
      expect(await titleInput.getAttribute("aria-invalid")).toBe("true");
      expect(await titleInput.getAttribute("aria-describedby")).toContain("proposal-title-error");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("proposal-title");
      await expectAccessible(page, "/propose (field error)");

      // A field that is not the forum's is refused by name; then the real proposal.
      await page.getByLabel("분야").selectOption("청년문화");
      await titleInput.fill("청소년여가문화공간 조성");
      await page.getByLabel("내용").fill("방과 후 청소년이 머물 곳이 부족합니다.\n동마다 작은 여가문화공간을 만들어 주세요.");
      expect(await page.locator("#proposal-body-count").textContent()).toMatch(/^\d+ \/ 3,000자$/);
      expect(await page.getByLabel("내용").getAttribute("aria-describedby")).toContain("proposal-body-count");
      await page.getByLabel("동네").fill("신림동");
      await page.screenshot({ path: join(SHOTS, "gongnon-propose-phone.png"), fullPage: true });
      await page.getByRole("button", { name: "제안 보내기" }).click();

      const done = page.getByRole("heading", { level: 2, name: "제안이 접수되었습니다" });
      await done.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("제안이 접수되었습니다");
      const code = (await page.getByTestId("receipt-code").textContent())!;
      expect(code).toMatch(RECEIPT);
      await page.getByRole("button", { name: "접수번호 복사" }).click();
      await page.getByRole("status").filter({ hasText: "접수번호를 복사했습니다." }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
      expect(await page.getByText("이 접수번호를 꼭 적어 두거나 복사해 두세요").count()).toBe(1);
      await expectAccessible(page, "/propose (received)");
      await page.screenshot({ path: join(SHOTS, "gongnon-propose-received-phone.png"), fullPage: true });

      // The receipt page: pending, one event.
      await page.getByRole("link", { name: "진행 상황 보기" }).click();
      await page.waitForURL(`**/p/${code}`);
      await page.getByRole("heading", { level: 1, name: "내 제안 진행 상황" }).waitFor();
      await page.getByTestId("proposal-title").waitFor();
      expect(await page.getByTestId("proposal-title").textContent()).toBe("청소년여가문화공간 조성");
      expect(await page.locator(".receipt-status [data-status]").textContent()).toBe("검토 대기");
      expect(await page.locator(".timeline-title").allTextContents()).toEqual(["접수"]);
      expect(await page.locator(".stage-step[aria-current=step]").textContent()).toContain("제안");
      expect(await page.title()).toBe(`내 제안 진행 상황 ${code} | 공론 Gongnon`);
      await expectAccessible(page, "/p/:code (pending)");

      // Staff publish it from the queue (pending first).
      const staffSide = await newPage();
      try {
        await signIn(staffSide.page, staff, `/staff/forums/${forum.id}/proposals`);
        const card = modCard(staffSide.page, "청소년여가문화공간 조성");
        await card.waitFor();
        expect(await staffSide.page.locator(".status-tab.current").textContent()).toMatch(/^검토 대기\d+$/);
        await expectAccessible(staffSide.page, "/staff/forums/:forumId/proposals");
        await card.getByRole("button", { name: "게시", exact: true }).click();
        await staffSide.page.getByTestId("mod-notice").filter({ hasText: "‘청소년여가문화공간 조성’을(를) 게시했습니다." }).waitFor();
        await card.locator('[data-status="published"]').waitFor();
        // Focus stays on the card (its title), drawn anew.
        expect(await staffSide.page.evaluate(() => document.activeElement?.textContent)).toBe("청소년여가문화공간 조성");
      } finally {
        await staffSide.context.close();
      }

      await page.reload();
      await page.locator('.receipt-status [data-status="published"]').waitFor();
      expect(await page.locator(".receipt-status [data-status]").textContent()).toBe("게시");
      expect(await page.locator(".timeline-title").allTextContents()).toEqual(["접수", "게시 — 공개 목록에 올라감"]);
      await page.getByRole("link", { name: "공개 목록 보기" }).waitFor();
      await expectAccessible(page, "/p/:code (published)");
      await page.screenshot({ path: join(SHOTS, "gongnon-receipt-phone.png"), fullPage: true });

      // A code typed by hand, any case, no dashes.
      await page.goto("/p");
      await page.getByRole("heading", { level: 1, name: "접수번호로 제안 확인" }).waitFor();
      await expectAccessible(page, "/p");
      await page.getByRole("button", { name: "확인하기" }).click();
      expect(await page.locator("#receipt-code-input-error").textContent()).toContain("접수번호를 입력하세요.");
      await page.getByLabel("접수번호", { exact: true }).fill(code.replace(/-/g, "").toLowerCase());
      await page.getByRole("button", { name: "확인하기" }).click();
      await page.getByTestId("proposal-title").waitFor();
      expect(await page.getByTestId("receipt-code").textContent()).toBe(code);

      // An unknown code: the API's message inside the page, and the lookup form still there.
      await page.goto("/p/AAAA-BBBB-CCCC");
      const alert = page.getByRole("main").getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("이 접수번호로 접수된 제안이 없습니다.");
      expect(await page.title()).toBe("페이지를 불러오지 못했습니다 | 공론 Gongnon");
      await page.getByRole("textbox", { name: "다른 접수번호 확인" }).waitFor();
      await expectAccessible(page, "/p/:code (unknown)");
      expect(resident.errors).toEqual([]);
    } finally {
      await resident.context.close();
    }
  });

  it("a lost answer is re-sent with the same Idempotency-Key (one proposal); a rate limit shows its wait and keeps what was typed", async () => {
    const { context, page, errors } = await newPage(TABLET);
    const keys: string[] = [];
    let dropped = false;
    await page.route("**/api/forums/*/proposals", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      if (!dropped) {
        dropped = true;
        await route.fetch();
        await route.abort("connectionreset");
        return;
      }
      await route.continue();
    });
    const before = (await call(app.url, "GET", `/api/forums/${forum.id}/proposals?status=pending&limit=1`, { token: staffToken })).body.total;
    const limit = process.env.GONGNON_INTAKE_PER_CLIENT;
    try {
      await page.goto("/propose");
      await page.getByLabel("분야").selectOption("도시건설");
      await page.getByLabel("제목").fill("횡단보도 신호 시간 연장");
      await page.getByLabel("내용").fill("어르신이 건너기에 신호가 너무 짧습니다. 늘려 주세요.");
      await page.getByRole("button", { name: "제안 보내기" }).click();
      await page.getByRole("heading", { level: 2, name: "제안이 접수되었습니다" }).waitFor({ timeout: 15_000 });
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      const after = (await call(app.url, "GET", `/api/forums/${forum.id}/proposals?status=pending&limit=1`, { token: staffToken })).body.total;
      expect(after).toBe(before + 1);

      // This client's limit is now reached: 429, with the wait counting down; what was typed stays.
      process.env.GONGNON_INTAKE_PER_CLIENT = "1";
      await page.getByRole("button", { name: "다른 제안하기" }).click();
      await page.getByLabel("분야").selectOption("복지보건");
      await page.getByLabel("제목").fill("경로당 냉방비 지원");
      await page.getByLabel("내용").fill("여름마다 경로당 냉방비가 모자랍니다.");
      await page.getByRole("button", { name: "제안 보내기" }).click();
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("요청이 너무 많습니다.");
      expect(await page.getByTestId("proposal-wait").textContent()).toMatch(/^(\d+초|\d+:\d{2}) 뒤에 다시 보낼 수 있습니다$/);
      expect(await page.getByRole("button", { name: /뒤에 다시 보낼 수 있습니다/ }).isDisabled()).toBe(true);
      expect(await page.getByLabel("제목").inputValue()).toBe("경로당 냉방비 지원");
      await expectAccessible(page, "/propose (rate limited)");
      await page.screenshot({ path: join(SHOTS, "gongnon-propose-429-tablet.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      if (limit === undefined) delete process.env.GONGNON_INTAKE_PER_CLIENT;
      else process.env.GONGNON_INTAKE_PER_CLIENT = limit;
      await context.close();
    }
  });

  it("a facilitator captures agendas on the console (retried once, recorded once) and they appear in the public list", async () => {
    const { context, page, errors } = await newPage(TABLET);
    try {
      await signIn(page, facilitator);
      await page.waitForURL("**/console");
      await page.getByRole("link", { name: new RegExp(`^출석 콘솔 열기\\s*: ${forum.sessionTitle}$`) }).click();
      await page.getByLabel("휴대전화 번호").waitFor();
      const agendaTab = page.getByRole("tab", { name: "의제 기록" });
      expect(await page.getByRole("tab", { name: "출석 확인" }).getAttribute("aria-selected")).toBe("true");
      await agendaTab.click();
      await page.waitForURL("**?mode=agenda");
      expect(await agendaTab.getAttribute("aria-selected")).toBe("true");
      expect(await page.getByLabel("휴대전화 번호").isVisible()).toBe(false);
      await page.getByRole("heading", { level: 1, name: `의제 기록: ${forum.sessionTitle}` }).waitFor();
      await expectAccessible(page, "/console/:sessionId?mode=agenda");

      // The first capture reaches the server, but its answer is lost: the retry replays it.
      const keys: string[] = [];
      let dropped = false;
      await page.route("**/api/sessions/*/proposals", async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (!dropped) {
          dropped = true;
          await route.fetch();
          await route.abort("connectionreset");
          return;
        }
        await route.continue();
      });
      await page.getByLabel("탁자 번호").fill("3");
      await page.getByLabel("분야", { exact: true }).selectOption("도시건설");
      await page.getByLabel("의제 제목").fill("보행로 턱 낮추기");
      await page.getByLabel("내용").fill("유모차와 휠체어가 다니기 어렵습니다.");
      await page.getByRole("button", { name: "의제 기록" }).click();
      await page.locator('.agenda-feedback [data-agenda="saved"]').waitFor({ timeout: 15_000 });
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
      expect(await page.locator(".agenda-feedback").textContent()).toContain("‘보행로 턱 낮추기’ · 탁자 3");
      // Ready for the next agenda from the same table: title and text cleared, table and field kept.
      expect(await page.getByLabel("의제 제목").inputValue()).toBe("");
      expect(await page.getByLabel("탁자 번호").inputValue()).toBe("3");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("agenda-title");

      // A title too short: the API's message on the field, in the banner too.
      await page.getByLabel("의제 제목").fill("a");
      await page.getByRole("button", { name: "의제 기록" }).click();
      await page.locator('.agenda-feedback [data-agenda="error"]').waitFor();
      expect(await page.locator("#agenda-title-error").textContent()).toContain("2자 이상");
      await page.getByLabel("탁자 번호").fill("5");
      await page.getByLabel("의제 제목").fill("골목 가로등 늘리기");
      await page.getByRole("button", { name: "의제 기록" }).click();
      await page.locator(".agenda-feedback").filter({ hasText: "‘골목 가로등 늘리기’ · 탁자 5" }).waitFor();
      const list = page.getByTestId("agenda-list");
      await expect.poll(() => list.locator("li").count()).toBe(2);
      expect(await list.locator("li").first().textContent()).toContain("골목 가로등 늘리기");
      await expectAccessible(page, "/console/:sessionId?mode=agenda (two captured)");
      await page.screenshot({ path: join(SHOTS, "gongnon-console-agenda-tablet.png"), fullPage: true });

      // Check-in still works on its tab.
      await page.getByRole("tab", { name: "출석 확인" }).click();
      await page.getByLabel("휴대전화 번호").fill("010-4444-0001");
      await page.getByRole("button", { name: "출석 확인" }).click();
      await page.locator('.feedback[data-kind="new"]').waitFor();

      // Arrow keys move between the tabs.
      await page.getByRole("tab", { name: "출석 확인" }).focus();
      await page.keyboard.press("ArrowRight");
      expect(await page.getByRole("tab", { name: "의제 기록" }).getAttribute("aria-selected")).toBe("true");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-agenda");

      // Once, not twice, in the public list, with the session and table.
      const listed = await call(app.url, "GET", `/api/forums/${forum.id}/proposals?source=session&q=${encodeURIComponent("보행로")}`);
      expect(listed.body.total).toBe(1);
      await page.getByRole("link", { name: "공개 제안 목록에서 보기" }).click();
      await page.waitForURL(`**/forums/${forum.id}/proposals?source=session`);
      const card = page.getByTestId("proposal-card").filter({ hasText: "보행로 턱 낮추기" });
      await card.waitFor();
      expect(await card.textContent()).toContain("회차 현장");
      expect(await card.textContent()).toContain(`${forum.sessionTitle} · 탁자 3`);
      expect(await page.getByLabel("접수 경로").inputValue()).toBe("session");
      await expectAccessible(page, "/forums/:forumId/proposals?source=session");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("staff merge a duplicate into another proposal (after a refusal shown as it came); the duplicate's receipt page says where it went", async () => {
    const target = await proposeViaApi(forum.id, { title: "공원 야간 조명 개선", body: "밤에 공원이 너무 어둡습니다. 조명을 늘려 주세요.", field: "도시건설" });
    const other = await proposeViaApi(forum.id, { title: "공원 산책로 조명", body: "산책로 조명이 부족합니다. 저녁 운동이 어렵습니다.", field: "도시건설" });
    const dup = await proposeViaApi(forum.id, { title: "공원이 어두워요", body: "저녁에 공원 산책하기가 무섭습니다. 밝게 해 주세요.", field: "도시건설", area: "봉천동" });
    await publish(target.id);
    await publish(other.id);
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, staff, `/staff/forums/${forum.id}/proposals`);
      const card = modCard(page, "공원이 어두워요");
      await card.waitFor();
      await card.getByRole("button", { name: "병합", exact: true }).click();
      const search = card.getByRole("searchbox", { name: "병합할 제안 찾기" });
      await search.waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`mod-${dup.id}-merge-q`);
      await search.fill("공원 조명");
      await card.getByRole("search").getByRole("button", { name: "검색" }).click();
      await card.getByRole("button", { name: /^이 제안에 병합\s*: 공원 산책로 조명$/ }).waitFor();
      await card.getByRole("button", { name: /^이 제안에 병합\s*: 공원 야간 조명 개선$/ }).waitFor();
      await expectAccessible(page, "/staff/forums/:forumId/proposals (merge panel)");

      // Someone hides the chosen one meanwhile: the API's refusal, as it came.
      await card.getByRole("button", { name: /^이 제안에 병합\s*: 공원 산책로 조명$/ }).click();
      expect(await card.getByRole("alert").or(card.locator(".alert-warning")).first().textContent()).toContain("되돌릴 수 없습니다");
      expect((await call(app.url, "PATCH", `/api/proposals/${other.id}`, { token: staffToken, body: { status: "hidden", reason: "중복 게시" } })).status).toBe(200);
      await card.getByRole("button", { name: "병합하기" }).click();
      await card.locator(`#mod-${dup.id}-merge-q-error`).filter({ hasText: "숨긴 제안에는 병합할 수 없습니다." }).waitFor();

      // The right one this time.
      await card.getByRole("button", { name: /^이 제안에 병합\s*: 공원 야간 조명 개선$/ }).click();
      await card.getByRole("button", { name: "병합하기" }).click();
      await page.getByTestId("mod-notice").filter({ hasText: "‘공원이 어두워요’을(를) ‘공원 야간 조명 개선’에 병합했습니다." }).waitFor();
      await card.locator('[data-status="merged"]').waitFor();
      expect(await card.textContent()).toContain("‘공원 야간 조명 개선’에 병합됨");
      await page.screenshot({ path: join(SHOTS, "gongnon-staff-queue.png"), fullPage: true });
      await page.goto(`/staff/forums/${forum.id}/proposals?status=published`);
      await modCard(page, "공원 야간 조명 개선").getByRole("button", { name: "숨기기" }).click();
      await page.setViewportSize(PHONE);
      await expectAccessible(page, "/staff/forums/:forumId/proposals (phone, hide panel)");
      await page.screenshot({ path: join(SHOTS, "gongnon-staff-queue-phone.png"), fullPage: true });
    } finally {
      await context.close();
    }

    const resident = await newPage(PHONE);
    try {
      await resident.page.goto(`/p/${dup.receipt}`);
      await resident.page.getByTestId("merged-into").waitFor();
      expect(await resident.page.getByTestId("merged-into").textContent()).toBe("‘공원 야간 조명 개선’에 병합되었습니다.");
      expect(await resident.page.locator(".receipt-status [data-status]").first().textContent()).toBe("병합");
      expect(await resident.page.locator(".timeline-title").last().textContent()).toBe("비슷한 제안에 병합됨");
      await expectAccessible(resident.page, "/p/:code (merged)");
      await resident.page.screenshot({ path: join(SHOTS, "gongnon-receipt-merged-phone.png"), fullPage: true });
      // The one it went into says it absorbed another, on the public list.
      await resident.page.goto(`/forums/${forum.id}/proposals?q=${encodeURIComponent("야간 조명")}`);
      const card = resident.page.getByTestId("proposal-card").filter({ hasText: "공원 야간 조명 개선" });
      await card.waitFor();
      expect(await card.textContent()).toContain("비슷한 제안 1건 병합");
      expect(resident.errors).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await resident.context.close();
    }
  });

  it("staff hide with a reason the proposer reads, reclassify, correct text (the original kept), toggle intake, and move a proposal out of the inbox", async () => {
    const p = await proposeViaApi(forum.id, { title: "광고 글입니다", body: "이 글은 광고입니다. 연락 주세요 010-0000-0000", field: "행정경제" });
    const q = await proposeViaApi(forum.id, { title: "도서관 운영시간 연장 해주세여", body: "주말에도 도서관을 늦게까지 열어 주세요.", field: "행정경제" });
    const inbox = await proposeViaApi("inbox", { title: "상시 제안: 버스 정류장 그늘막", body: "여름에 정류장에서 기다리기가 힘듭니다.", field: "도시건설" });
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, staff, `/staff/forums/${forum.id}/proposals`);
      // Hide: without a reason the API says one is needed, on the field.
      const hideCard = modCard(page, "광고 글입니다");
      await hideCard.getByRole("button", { name: "숨기기" }).click();
      await hideCard.getByRole("button", { name: "숨기기" }).last().waitFor();
      await hideCard.locator("form").getByRole("button", { name: "숨기기" }).click();
      await hideCard.locator(`#mod-${p.id}-hide-reason-error`).waitFor();
      expect(await hideCard.locator(`#mod-${p.id}-hide-reason-error`).textContent()).toContain("사유");
      await hideCard.getByLabel("숨기는 사유").fill("광고와 개인 연락처가 있어 공개하지 않습니다.");
      await hideCard.locator("form").getByRole("button", { name: "숨기기" }).click();
      await hideCard.locator('[data-status="hidden"]').waitFor();
      expect(await hideCard.textContent()).toContain("광고와 개인 연락처가 있어 공개하지 않습니다.");

      // Reclassify and correct the text.
      const fixCard = modCard(page, "도서관 운영시간 연장 해주세여");
      await fixCard.getByRole("button", { name: "분야 변경" }).click();
      await fixCard.getByLabel("분야", { exact: true }).selectOption("청년문화");
      await fixCard.getByRole("button", { name: "저장" }).click();
      await page.getByTestId("mod-notice").filter({ hasText: "‘청년문화’(으)로 바꿨습니다" }).waitFor();
      await fixCard.getByRole("button", { name: "글 다듬기" }).click();
      await fixCard.getByLabel("제목").fill("도서관 운영시간 연장");
      await fixCard.getByRole("button", { name: "저장" }).click();
      const fixed = modCard(page, "도서관 운영시간 연장");
      await fixed.waitFor();
      expect(await fixed.locator("details.original").textContent()).toContain("도서관 운영시간 연장 해주세여");
      await expectAccessible(page, "/staff/forums/:forumId/proposals (after moderation)");

      // The forum's setup page: intake switch and fields, and the way to the queue.
      await page.goto(`/staff/forums/${forum.id}`);
      const intake = page.getByRole("switch", { name: "온라인 제안 접수" });
      await intake.waitFor();
      expect(await intake.getAttribute("aria-checked")).toBe("true");
      expect(await page.locator(".proposal-settings .chip").allTextContents()).toEqual(["행정경제", "복지보건", "도시건설", "청년문화"]);
      await expectAccessible(page, "/staff/forums/:forumId (proposal settings)");
      await page.getByRole("button", { name: "분야 고치기" }).click();
      await page.getByLabel("분야 (한 줄에 하나씩)").waitFor();
      await page.setViewportSize(TABLET);
      await expectAccessible(page, "/staff/forums/:forumId (editing fields, tablet)");
      await page.screenshot({ path: join(SHOTS, "gongnon-staff-forum-tablet.png"), fullPage: true });
      await page.getByRole("button", { name: "취소" }).click();
      await page.setViewportSize({ width: 1180, height: 820 });
      await intake.click();
      await expect.poll(() => intake.getAttribute("aria-checked")).toBe("false");
      expect((await call(app.url, "GET", "/api/forums/" + forum.id)).body.intake).toBe("closed");
      await intake.click();
      await expect.poll(() => intake.getAttribute("aria-checked")).toBe("true");

      // The inbox, from the staff landing page: move the proposal into the forum.
      await page.goto("/staff");
      await page.getByRole("link", { name: "상시 제안함 관리" }).click();
      await page.waitForURL("**/staff/forums/inbox/proposals");
      await page.getByRole("heading", { level: 1, name: "제안 관리" }).waitFor();
      const inboxCard = modCard(page, "상시 제안: 버스 정류장 그늘막");
      await inboxCard.getByRole("button", { name: "공론장으로 옮기기" }).click();
      await inboxCard.getByLabel("옮길 공론장").selectOption(forum.id);
      expect(await inboxCard.getByLabel("분야", { exact: true }).inputValue()).toBe("도시건설");
      await expectAccessible(page, "/staff/forums/inbox/proposals (move panel)");
      await inboxCard.getByRole("button", { name: "공론장으로 옮기기" }).last().click();
      await inboxCard.getByText("이 제안은 다른 공론장으로 옮겼습니다.").waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    const resident = await newPage(PHONE);
    try {
      await resident.page.goto(`/p/${p.receipt}`);
      await resident.page.getByTestId("hidden-reason").waitFor();
      expect(await resident.page.getByTestId("hidden-reason").textContent()).toBe("사유: 광고와 개인 연락처가 있어 공개하지 않습니다.");
      expect(await resident.page.locator(".timeline-detail").last().textContent()).toBe("사유: 광고와 개인 연락처가 있어 공개하지 않습니다.");
      await expectAccessible(resident.page, "/p/:code (hidden)");

      await resident.page.goto(`/p/${q.receipt}`);
      await resident.page.getByTestId("proposal-title").filter({ hasText: "도서관 운영시간 연장" }).waitFor();
      await resident.page.getByText("처음 보낸 글 보기").click();
      expect(await resident.page.locator("details.original").textContent()).toContain("도서관 운영시간 연장 해주세여");
      expect(await resident.page.locator(".timeline-title").allTextContents()).toEqual(["접수", "분야 변경", "담당자가 글을 다듬음"]);

      await resident.page.goto(`/p/${inbox.receipt}`);
      await resident.page.locator(".timeline-title").filter({ hasText: "공론장으로 옮김" }).waitFor();
      expect(await resident.page.locator(".timeline-detail").last().textContent()).toBe(`온라인 상시 제안함 → ${forum.title}`);
      // In English too (on a phone the language switch is behind the header's menu button).
      await resident.page.getByRole("banner").getByRole("button", { name: "메뉴" }).click();
      await resident.page.getByRole("button", { name: "English" }).click();
      await resident.page.getByRole("heading", { level: 1, name: "My proposal" }).waitFor();
      expect(await resident.page.locator(".timeline-detail").last().textContent()).toBe(`Online inbox → ${forum.title}`);
      expect(await resident.page.locator(".receipt-status [data-status]").first().textContent()).toBe("Pending review");
      await expectAccessible(resident.page, "/p/:code (English)");
    } finally {
      await resident.context.close();
    }
  });

  it("a <script> in a title shows as text everywhere, and nothing runs", async () => {
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { context, page, errors } = await newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto("/propose");
      await page.getByLabel("분야").selectOption("행정경제");
      await page.getByLabel("제목").fill(payload);
      await page.getByLabel("내용").fill(`<b>굵게</b> 그리고 <a href="javascript:alert(2)">링크</a>`);
      await page.getByRole("button", { name: "제안 보내기" }).click();
      await page.getByRole("heading", { level: 2, name: "제안이 접수되었습니다" }).waitFor();
      expect(await page.locator(".received").textContent()).toContain(payload);
      const code = (await page.getByTestId("receipt-code").textContent())!;
      await page.goto(`/p/${code}`);
      await page.getByTestId("proposal-title").waitFor();
      expect(await page.getByTestId("proposal-title").textContent()).toBe(payload);
      expect(await page.getByTestId("proposal-body").textContent()).toBe(`<b>굵게</b> 그리고 <a href="javascript:alert(2)">링크</a>`);
      const id = (await call(app.url, "GET", `/api/proposals/${code}`)).body.proposal.id;
      await publish(id);
      await page.goto(`/forums/${forum.id}/proposals?field=${encodeURIComponent("행정경제")}`);
      const card = page.getByTestId("proposal-card").filter({ hasText: "alert" });
      await card.waitFor();
      expect(await card.getByRole("heading", { level: 3 }).textContent()).toBe(payload);
      await signIn(page, staff, `/staff/forums/${forum.id}/proposals?status=published`);
      await modCard(page, payload).waitFor();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.querySelectorAll("main script, main img[src='x'], main b, main a[href^='javascript']").length)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the public list: 청소년 finds 청소년여가문화공간; filters, counts per field as a chart and a table, more by cursor; the forum page shows the total", async () => {
    const f = await newForum("검색 공론장");
    await captureViaApi(f.sessionId, { title: "청소년여가문화공간 조성", body: "방과 후 머물 곳이 필요합니다.", field: "청년문화", table: 2 });
    await captureViaApi(f.sessionId, { title: "어르신 쉼터 확대", body: "무더위 쉼터를 늘려 주세요.", field: "복지보건", table: 4 });
    for (let i = 1; i <= 22; i++) {
      await captureViaApi(f.sessionId, { title: `골목길 정비 ${i}`, body: `골목 ${i}번지의 포장이 깨졌습니다.`, field: "도시건설" });
    }
    const { context, page, errors } = await newPage();
    try {
      // The forum's public page: the total and the way in.
      await page.goto(`/forums/${f.id}`);
      await page.getByTestId("proposal-total").waitFor();
      expect(await page.getByTestId("proposal-total").textContent()).toBe("24건");
      await expectAccessible(page, "/forums/:forumId (with proposals)");
      await page.screenshot({ path: join(SHOTS, "gongnon-forum-with-proposals.png"), fullPage: true });
      await page.getByRole("link", { name: "제안 목록 보기" }).click();
      await page.waitForURL(`**/forums/${f.id}/proposals`);
      await page.getByRole("heading", { level: 1, name: "주민 제안" }).waitFor();
      expect(await page.title()).toBe("주민 제안: 검색 공론장 | 공론 Gongnon");
      expect(await page.getByTestId("result-count").textContent()).toBe("제안 24건");
      expect(await page.getByTestId("proposal-card").count()).toBe(20);
      const chart = page.getByRole("table", { name: /분야별 제안 수/ });
      expect(await chart.getByRole("row", { name: /도시건설/ }).textContent()).toContain("22건");
      expect(await chart.getByRole("row", { name: /청년문화/ }).textContent()).toContain("1건");
      await expectAccessible(page, "/forums/:forumId/proposals");
      await page.screenshot({ path: join(SHOTS, "gongnon-proposals-list.png"), fullPage: true });

      // More, by cursor: the rest, and focus on the first new one.
      await page.getByRole("button", { name: "더 보기 (20 / 24건)" }).click();
      await expect.poll(() => page.getByTestId("proposal-card").count()).toBe(24);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H3");
      expect(await page.getByRole("button", { name: /더 보기/ }).count()).toBe(0);

      // Search inside a compound word.
      await page.getByLabel("검색어").fill("청소년");
      await page.getByRole("search").getByRole("button", { name: "검색" }).click();
      await page.getByTestId("result-count").filter({ hasText: "‘청소년’ 검색 결과 1건" }).waitFor();
      expect(await page.getByTestId("proposal-card").count()).toBe(1);
      expect(await page.getByTestId("proposal-card").getByRole("heading").textContent()).toBe("청소년여가문화공간 조성");
      expect(page.url()).toContain(`q=${encodeURIComponent("청소년")}`);
      expect(await chart.getByRole("row", { name: /도시건설/ }).textContent()).toContain("0건");

      // A field from the chart, then clear.
      await page.getByRole("link", { name: "조건 지우기" }).click();
      await page.getByTestId("result-count").filter({ hasText: "제안 24건" }).waitFor();
      await chart.getByRole("link", { name: "복지보건" }).click();
      await page.getByTestId("result-count").filter({ hasText: "제안 1건" }).waitFor();
      expect(await page.getByLabel("분야", { exact: true }).inputValue()).toBe("복지보건");
      expect(await chart.getByRole("link", { name: "복지보건" }).getAttribute("aria-current")).toBe("true");
      await page.setViewportSize(PHONE);
      await expectAccessible(page, "/forums/:forumId/proposals (phone, filtered)");
      await page.screenshot({ path: join(SHOTS, "gongnon-proposals-list-phone.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("staff import a CSV: the preview reports the bad row and writes nothing; confirmed rows import with a progress bar to 100%; a fixed file imports whole", async () => {
    const f = await newForum("가져오기 공론장");
    const header = "제목,내용,분야,동,회차,탁자";
    const rows = Array.from({ length: 30 }, (_, i) => `서면 제안 ${i + 1},종이로 받은 제안 ${i + 1}번입니다,${i === 3 ? "교통" : "도시건설"},신림동,1,${(i % 9) + 1}`);
    const csv = (lines: string[]) => ({ name: "paper.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...lines].join("\r\n"), "utf8") });
    const count = async () => (await call(app.url, "GET", `/api/forums/${f.id}/proposals?source=import&limit=1`, { token: staffToken })).body.total as number;
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, staff, `/staff/forums/${f.id}`);
      await page.getByRole("link", { name: "파일로 가져오기" }).click();
      await page.waitForURL(`**/staff/forums/${f.id}/import`);
      await page.getByRole("heading", { level: 1, name: "서면 제안 가져오기" }).waitFor();
      await expectAccessible(page, "/staff/forums/:forumId/import");

      await page.getByRole("button", { name: "검사하기 (미리 보기)" }).click();
      await page.locator("#import-file-error").filter({ hasText: "가져올 파일을 고르세요." }).waitFor();

      await page.getByLabel("CSV 또는 XLSX 파일").setInputFiles(csv(rows));
      await page.getByRole("button", { name: "검사하기 (미리 보기)" }).click();
      await page.getByRole("heading", { level: 2, name: "2. 검사 결과: paper.csv" }).waitFor();
      expect(await page.getByTestId("import-invalid").textContent()).toBe("1줄");
      const bad = page.locator('tr[data-row="5"]');
      expect(await bad.getAttribute("class")).toContain("row-error");
      expect(await bad.textContent()).toContain("'교통'은(는) 이 공론장의 분야가 아닙니다");
      expect(await page.getByLabel("5번째 줄 가져오기", { exact: true }).isDisabled()).toBe(true);
      expect(await page.getByLabel("6번째 줄 가져오기", { exact: true }).isChecked()).toBe(true);
      expect(await count()).toBe(0);
      await expectAccessible(page, "/staff/forums/:forumId/import (preview with an error)");
      await page.screenshot({ path: join(SHOTS, "gongnon-import-preview.png"), fullPage: true });

      // Confirm the 29 good rows: 25 in the first request, 4 in the next; the bar goes to 100 %.
      await page.evaluate(() => {
        const seen: string[] = ((window as unknown as { __progress: string[] }).__progress = []);
        new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"]');
          const v = bar?.getAttribute("aria-valuenow");
          if (v && seen[seen.length - 1] !== v) seen.push(v);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
      });
      await page.getByRole("button", { name: "고른 29줄 가져오기" }).click();
      const bar = page.getByRole("progressbar");
      await page.getByRole("heading", { level: 3, name: "29줄을 가져왔습니다" }).waitFor({ timeout: 20_000 });
      expect(await bar.getAttribute("aria-valuenow")).toBe("29");
      expect(await bar.getAttribute("aria-valuemax")).toBe("29");
      expect(await bar.getAttribute("aria-valuetext")).toBe("29줄 중 29줄 (100%)");
      expect(await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress)).toEqual(["25", "29"]);
      expect(await count()).toBe(29);
      await expectAccessible(page, "/staff/forums/:forumId/import (done)");
      await page.screenshot({ path: join(SHOTS, "gongnon-import-done.png"), fullPage: true });

      // The file fixed (another batch): every row valid, imported whole.
      await page.getByRole("button", { name: "다른 파일 가져오기" }).click();
      const fixed = Array.from({ length: 3 }, (_, i) => `고친 제안 ${i + 1},다시 정리한 제안입니다,청년문화,,,`);
      await page.getByLabel("CSV 또는 XLSX 파일").setInputFiles(csv(fixed));
      await page.getByRole("button", { name: "검사하기 (미리 보기)" }).click();
      await page.getByText("모든 줄이 정상입니다.").waitFor();
      await page.getByRole("button", { name: "3줄 모두 가져오기" }).click();
      await page.getByRole("heading", { level: 3, name: "3줄을 가져왔습니다" }).waitFor({ timeout: 20_000 });
      expect(await count()).toBe(32);
      await page.getByRole("link", { name: "가져온 제안 보기" }).click();
      await page.waitForURL("**/proposals?status=published&source=import");
      await modCard(page, "고친 제안 1").waitFor();
      expect(await modCard(page, "고친 제안 1").textContent()).toContain("서면 접수");
      expect(await page.getByTestId("result-count").textContent()).toBe("제안 32건");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the pages' Content-Security-Policy", () => {
  it("every page visited above ran under it without a single refusal", () => {
    expect(kit.cspViolations).toEqual([]);
  });
});
