import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, lastCode, login, type Account } from "../support/harness.js";
import { SHOTS, expectAccessible, keypad, shot, signIn, useBrowser } from "../support/browser.js";

/**
 * Agenda voting in a real headless Chromium against the real server and DynamoDB Local: a resident
 * votes online (one-time code from the local outbox, a lost answer retried with the same key), the
 * table ballot screen serves people in a row without leaving anything of the previous one, the
 * projector's results update themselves (and keep the last figures when a refresh fails), hidden
 * results show only the turnout, and staff create, close and settle a round with a tie at the
 * cutoff. axe (WCAG 2.1 A/AA) on every page, at phone and tablet widths.
 */

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1180, height: 820 };
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const OPEN = { opensAt: "2020-01-01T00:00", closesAt: "2099-12-31T23:00" };

const kit = useBrowser("voting", { env: { GONGNON_VERIFY_PER_IP: "100000" }, viewport: TABLET });
const app = kit.app;
const newPage = kit.newPage;
let staff: Account;
let facilitator: Account;
let staffToken: string;
let forumId: string;
let sessionId: string;
/** Six published agendas (captured at the session), with their receipt codes. */
let agendas: { id: string; receipt: string; title: string; field: string }[];

beforeAll(async () => {
  staff = await createAccount("staff", "담당 한지우");
  facilitator = await createAccount("facilitator", "진행자 문가은");
  staffToken = await login(app.url, staff);
  const f = await call(app.url, "POST", "/api/forums", { token: staffToken, body: { title: "2023 협치관악 의제 투표 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" } });
  expect(f.status).toBe(201);
  forumId = f.body.id;
  const s = await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: staffToken, body: { title: "3회차 — 남부권", startsAt: "2023-04-20T19:00", venue: "구청 대강당" } });
  expect(s.status).toBe(201);
  sessionId = s.body.id;
  expect((await call(app.url, "POST", `/api/sessions/${sessionId}/facilitators`, { token: staffToken, body: { userId: facilitator.id } })).status).toBe(201);
  agendas = [];
  for (const [title, field] of [
    ["골목길 야간 조명 확충", "도시건설"],
    ["어르신 무료 급식소 확대", "복지보건"],
    ["청년 창업 공유 공간 조성", "행정경제"],
    ["하천 산책로 정비", "도시건설"],
    ["마을 도서관 주말 운영", "청년문화"],
    ["공원 반려견 놀이터 설치", "도시건설"],
  ] as const) {
    const p = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staffToken, body: { title, field } });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    agendas.push({ id: p.body.id, receipt: p.body.receipt, title, field });
  }
});

async function newRound(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
    token: staffToken,
    body: { title, proposalIds: agendas.map((a) => a.id), maxChoices: 3, ...OPEN, channels: ["online", "session"], ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

let clientSeq = 0;
const freshClient = () => `gongnon_client=${`w${String(++clientSeq).padStart(5, "0")}`.padEnd(22, "z")}`;

/** An online ballot through the API: a code from the outbox, the voter cookie, the ballot. */
async function voteOnline(roundId: string, phone: string, choices: string[]) {
  const client = freshClient();
  expect((await call(app.url, "POST", "/api/verifications", { body: { phone }, headers: { cookie: client } })).status).toBe(202);
  const ok = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone, code: lastCode(phone.slice(-4)) }, headers: { cookie: client } });
  expect(ok.status).toBe(200);
  const voter = (ok.headers.get("set-cookie") ?? "").split(";")[0]!;
  const res = await call(app.url, "POST", `/api/rounds/${roundId}/ballots`, { body: { choices }, headers: { cookie: voter } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function voteAtTable(roundId: string, phone: string, choices: string[]): Promise<string> {
  const res = await call(app.url, "POST", `/api/rounds/${roundId}/ballots`, { token: staffToken, body: { sessionId, phone, choices } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.receipt;
}

const card = (page: Page, title: string) => page.locator("label.pick-card", { hasText: title });


describe("online voting", () => {
  it("a resident verifies their phone, chooses within the limit, votes once (a lost answer retried with the same key), checks the ballot; a second attempt is already voted", async () => {
    const roundId = await newRound("온라인 주민 투표", { maxChoices: 2 });
    const { context, page, errors } = await newPage(PHONE);
    try {
      await page.goto(`/rounds/${roundId}`);
      await page.getByRole("heading", { level: 1, name: "온라인 주민 투표" }).waitFor();
      expect(await page.getByTestId("round-status").first().textContent()).toBe("투표 중");
      const phone = page.getByLabel("휴대전화 번호", { exact: true });
      await phone.waitFor();
      expect(await page.title()).toBe("주민 투표: 온라인 주민 투표 | 공론 Gongnon");
      await expectAccessible(page, "/rounds/:roundId (phone step, phone width)");
      await shot(page, "gongnon-vote-phone-step.png");

      // Step 1: the number (formatted while typing), a code sent to the masked number.
      await page.getByRole("button", { name: "인증번호 받기" }).click();
      await page.locator("#vote-phone-error").waitFor();
      await phone.fill("01055550101");
      expect(await phone.inputValue()).toBe("010-5555-0101");
      await page.getByRole("button", { name: "인증번호 받기" }).click();
      await page.getByRole("heading", { level: 2, name: "인증번호를 입력하세요" }).waitFor();
      expect(await page.getByTestId("code-sent").textContent()).toContain("010-****-0101");
      const codeInput = page.getByLabel("인증번호 6자리");
      expect(await codeInput.getAttribute("autocomplete")).toBe("one-time-code");
      expect(await codeInput.getAttribute("inputmode")).toBe("numeric");
      expect(await page.getByRole("button", { name: "인증번호 다시 받기" }).isDisabled()).toBe(true);
      expect(await page.locator("#vote-resend-note").textContent()).toMatch(/다시 받기까지 \d+초/);
      await expectAccessible(page, "/rounds/:roundId (code step)");
      await shot(page, "gongnon-vote-code-step.png");

      // Step 2: a wrong code is an error on the field, with the tries left; then the right one.
      const code = lastCode("0101")!;
      expect(code).toMatch(/^\d{6}$/);
      await codeInput.fill(code === "000000" ? "111111" : "000000");
      await page.getByRole("button", { name: "인증하기" }).click();
      await page.locator("#vote-code-error").waitFor();
      expect(await page.locator("#vote-code-error").textContent()).toContain("4번 더 시도");
      expect(await codeInput.getAttribute("aria-invalid")).toBe("true");
      await codeInput.fill(code);
      await page.getByRole("button", { name: "인증하기" }).click();

      // Step 3: choose at most 2; the third card is disabled, the counter says 2/2.
      await page.getByRole("heading", { level: 2, name: "투표할 의제를 고르세요" }).waitFor();
      expect(await page.getByTestId("pick-count").textContent()).toBe("0/2");
      await page.getByRole("button", { name: "고른 의제 확인" }).click();
      await page.locator("#vote-picker-error").waitFor();
      await card(page, agendas[0]!.title).click();
      await card(page, agendas[3]!.title).click();
      expect(await page.getByTestId("pick-count").textContent()).toBe("2/2");
      expect(await card(page, agendas[1]!.title).locator("input").isDisabled()).toBe(true);
      await card(page, agendas[1]!.title).click({ force: true });
      expect(await page.locator(".pick-input:checked").count()).toBe(2);
      await expectAccessible(page, "/rounds/:roundId (choose step)");
      await shot(page, "gongnon-vote-choose-phone.png");
      await shot(page, "gongnon-vote-choose-phone-viewport.png", false);

      // Review, then cast: the first answer is lost on the way back; the retry carries the same key.
      await page.getByRole("button", { name: "고른 의제 확인" }).click();
      await page.getByRole("heading", { level: 2, name: "고른 의제를 확인하세요" }).waitFor();
      expect(await page.getByTestId("chosen-list").locator("li").allTextContents()).toEqual([
        expect.stringContaining(agendas[0]!.title),
        expect.stringContaining(agendas[3]!.title),
      ]);
      await expectAccessible(page, "/rounds/:roundId (review step)");
      const keys: string[] = [];
      await page.route("**/api/rounds/*/ballots", async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (keys.length === 1) {
          await route.fetch(); // it arrives and is counted …
          await route.abort("connectionreset"); // … but the answer is lost
        } else await route.continue();
      });
      await page.getByRole("button", { name: "이대로 투표하기" }).click();
      await page.getByRole("heading", { level: 2, name: "투표가 접수되었습니다" }).waitFor();
      await page.unroute("**/api/rounds/*/ballots");
      expect(keys.length).toBe(2);
      expect(keys[0]).toBeTruthy();
      expect(keys[1]).toBe(keys[0]);
      const receipt = (await page.getByTestId("ballot-receipt").textContent())!;
      expect(receipt).toMatch(RECEIPT);
      const turnout = await call(app.url, "GET", `/api/rounds/${roundId}`);
      expect(turnout.body.turnout).toEqual({ ballots: 1, online: 1, session: 0 });
      await expectAccessible(page, "/rounds/:roundId (done)");
      await shot(page, "gongnon-vote-done-phone.png");

      // The ballot as counted, by its receipt.
      await page.getByRole("link", { name: "내 투표 확인하기" }).click();
      await page.getByRole("heading", { level: 1, name: "내 투표 확인" }).waitFor();
      await page.getByTestId("ballot-choices").waitFor();
      expect((await page.getByTestId("ballot-choices").locator("li").allTextContents()).sort()).toEqual([agendas[0]!.title, agendas[3]!.title].sort());
      expect(await page.getByTestId("ballot-receipt").textContent()).toBe(receipt);
      await expectAccessible(page, "/rounds/:roundId/ballots/:receipt");

      // A second attempt from the same person (still verified): told before choosing anything, online.
      await page.goto(`/rounds/${roundId}`);
      await page.getByRole("heading", { level: 2, name: "이미 투표했습니다" }).waitFor();
      expect(await page.getByRole("heading", { level: 2, name: "투표할 의제를 고르세요" }).count()).toBe(0);
      expect(await page.getByTestId("vote-refusal").textContent()).toContain("이미 이 투표에 참여했습니다 (온라인)");
      await expectAccessible(page, "/rounds/:roundId (already voted)");
      await shot(page, "gongnon-vote-already-phone.png");

      // On a shared device: end the verification; the cookie is gone.
      await page.getByRole("button", { name: "이 기기에서 인증 끝내기" }).click();
      await page.getByText("이 기기에서 인증을 끝냈습니다.").waitFor();
      expect(await page.evaluate(async () => (await (await fetch("/api/verifications/me")).json()).verified)).toBe(false);
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.turnout.ballots).toBe(1);
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);

  it("a round not open yet, a closed one and a session-only one say so instead of the ballot", async () => {
    const early = await newRound("아직 열리지 않은 투표", { opensAt: "2099-01-01T09:00", closesAt: "2099-01-31T18:00" });
    const sessionOnly = await newRound("현장 전용 투표", { channels: ["session"] });
    const { context, page } = await newPage(PHONE);
    try {
      await page.goto(`/rounds/${early}`);
      await page.getByText("아직 투표 기간이 아닙니다").waitFor();
      expect(await page.getByLabel("휴대전화 번호", { exact: true }).count()).toBe(0);
      await page.goto(`/rounds/${sessionOnly}`);
      await page.getByText("이 투표는 회차 현장에서만 할 수 있습니다").waitFor();
      expect((await call(app.url, "POST", `/api/rounds/${sessionOnly}/close`, { token: staffToken })).status).toBe(200);
      await page.goto(`/rounds/${sessionOnly}`);
      await page.getByText("투표가 마감되었습니다").waitFor();
      expect(await page.getByRole("link", { name: "투표 결과 보기" }).getAttribute("href")).toBe(`/rounds/${sessionOnly}/results`);
      await expectAccessible(page, "/rounds/:roundId (closed)");
      await page.goto("/rounds/nope");
      await page.getByRole("main").getByRole("alert").waitFor();
      expect(await page.title()).toBe("페이지를 불러오지 못했습니다 | 공론 Gongnon");
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });
});

describe("table ballot screen", () => {
  it("people vote in a row on the facilitator's tablet; nothing of the previous one stays; a repeat person is told they already voted", async () => {
    const roundId = await newRound("현장 핵심 의제 투표");
    const { context, page, errors } = await newPage(TABLET);
    try {
      await signIn(page, facilitator, `/console/${sessionId}`);
      const open = page.getByRole("link", { name: "현장 투표 화면 열기: 현장 핵심 의제 투표" });
      await open.waitFor();
      await expectAccessible(page, "/console/:sessionId (with the table ballot link)");
      await open.click();
      await page.waitForURL(`**/console/${sessionId}/vote/${roundId}`);
      await page.getByRole("heading", { level: 1, name: /현장 핵심 의제 투표/ }).waitFor();
      const phone = page.getByLabel("휴대전화 번호");
      expect(await phone.getAttribute("autocomplete")).toBe("off");
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (who)");
      await shot(page, "gongnon-table-who-tablet.png", false);

      // Person A: number on the keypad, two agendas, confirm.
      await keypad(page, "01066660001");
      expect(await phone.inputValue()).toBe("010-6666-0001");
      await page.getByRole("button", { name: "다음: 의제 고르기" }).click();
      await page.getByRole("heading", { level: 2, name: "투표할 의제를 고르세요" }).waitFor();
      await card(page, agendas[1]!.title).click();
      await card(page, agendas[4]!.title).click();
      expect(await page.getByTestId("pick-count").textContent()).toBe("2/3");
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (choose)");
      await shot(page, "gongnon-table-choose-tablet.png", false);
      await page.getByRole("button", { name: "고른 의제 확인" }).click();
      await page.getByRole("button", { name: "이대로 투표하기" }).click();
      const done = page.getByTestId("table-done");
      await done.waitFor();
      expect(await done.textContent()).toContain("투표가 접수되었습니다");
      const receiptA = (await done.locator(".table-receipt strong").textContent())!;
      expect(receiptA).toMatch(RECEIPT);
      expect(await done.textContent()).not.toContain(agendas[1]!.title);
      expect(await page.getByTestId("count-served").textContent()).toBe("1");
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (done)");
      await shot(page, "gongnon-table-done-tablet.png", false);

      // Next person: the number, the choices and the receipt are gone from the page.
      await page.getByRole("button", { name: "다음 분 투표하기" }).click();
      await page.getByRole("heading", { level: 2, name: "본인 확인" }).waitFor();
      const html = await page.content();
      for (const trace of [receiptA, "6666", "0001", agendas[1]!.title, agendas[4]!.title]) expect(html).not.toContain(trace);
      expect(await phone.inputValue()).toBe("");

      // Person B: name + birth date, one agenda; the picker starts empty.
      await page.getByRole("radio", { name: "이름 + 생년월일" }).check();
      await page.getByLabel("이름", { exact: true }).fill("박 투표");
      await keypad(page, "19800505");
      expect(await page.getByLabel("생년월일", { exact: true }).inputValue()).toBe("1980-05-05");
      await page.getByRole("button", { name: "다음: 의제 고르기" }).click();
      await page.getByRole("heading", { level: 2, name: "투표할 의제를 고르세요" }).waitFor();
      expect(await page.getByTestId("pick-count").textContent()).toBe("0/3");
      expect(await page.locator(".pick-input:checked").count()).toBe(0);
      await card(page, agendas[2]!.title).click();
      await page.getByRole("button", { name: "고른 의제 확인" }).click();
      await page.getByRole("button", { name: "이대로 투표하기" }).click();
      await done.waitFor();
      await page.getByRole("button", { name: "다음 분 투표하기" }).click();
      await page.getByRole("heading", { level: 2, name: "본인 확인" }).waitFor();
      expect(await page.content()).not.toContain("박 투표");

      // Person A again: already voted (at a session); the screen then starts over.
      await keypad(page, "01066660001");
      await page.getByRole("button", { name: "다음: 의제 고르기" }).click();
      await card(page, agendas[5]!.title).click();
      await page.getByRole("button", { name: "고른 의제 확인" }).click();
      await page.getByRole("button", { name: "이대로 투표하기" }).click();
      const refused = page.getByTestId("table-refused");
      await refused.waitFor();
      expect(await refused.getAttribute("data-kind")).toBe("already");
      expect(await refused.textContent()).toContain("이미 투표한 분입니다");
      expect(await page.getByTestId("table-refusal").textContent()).toContain("(회차 현장)");
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (already voted)");
      await shot(page, "gongnon-table-already-tablet.png", false);
      await page.getByRole("button", { name: "다음 분 투표하기" }).click();
      await page.getByRole("heading", { level: 2, name: "본인 확인" }).waitFor();
      expect(await page.content()).not.toContain("6666");

      const round = await call(app.url, "GET", `/api/rounds/${roundId}`);
      expect(round.body.turnout).toEqual({ ballots: 2, online: 0, session: 2 });

      // Portrait tablet and phone: still usable and accessible.
      await page.setViewportSize({ width: 820, height: 1180 });
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (portrait)");
      await shot(page, "gongnon-table-portrait.png", false);
      await page.setViewportSize(PHONE);
      await expectAccessible(page, "/console/:sessionId/vote/:roundId (phone)");
      await shot(page, "gongnon-table-phone.png");
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("results", () => {
  it("the projector shows turnout and per-agenda bars split by channel, updates itself, and keeps the last figures when a refresh fails", async () => {
    const roundId = await newRound("결과 화면 투표");
    await voteAtTable(roundId, "010-7100-0001", [agendas[0]!.id, agendas[1]!.id]);
    await voteAtTable(roundId, "010-7100-0002", [agendas[0]!.id]);
    await voteOnline(roundId, "010-7100-0003", [agendas[0]!.id, agendas[2]!.id]);
    await new Promise((r) => setTimeout(r, 1100)); // past the server's one-second memo
    const { context, page, errors } = await newPage(TABLET);
    try {
      await page.goto(`/rounds/${roundId}/results`);
      await page.getByRole("heading", { level: 1, name: "결과 화면 투표" }).waitFor();
      expect(await page.getByTestId("turnout-ballots").textContent()).toBe("3");
      expect(await page.getByTestId("turnout-online").textContent()).toBe("1");
      expect(await page.getByTestId("turnout-session").textContent()).toBe("2");
      const top = page.getByTestId("tally-bars").locator("li").first();
      expect(await top.textContent()).toContain(agendas[0]!.title);
      expect(await top.getByTestId("tally-votes").textContent()).toBe("3표");
      expect(await top.locator(".tally-split").textContent()).toBe("온라인 1·회차 현장 2");
      expect(await page.getByRole("list", { name: "범례" }).textContent()).toBe("온라인회차 현장");
      // The same figures as a table for screen readers.
      const row = page.getByRole("table").getByRole("row", { name: new RegExp(agendas[0]!.title) });
      expect(await row.locator("td").allTextContents()).toEqual(["1", agendas[0]!.field, "3", "1", "2"]);
      await expectAccessible(page, "/rounds/:roundId/results (tablet)");
      await shot(page, "gongnon-results-tablet.png");

      // A new ballot shows up by itself.
      await voteAtTable(roundId, "010-7100-0004", [agendas[1]!.id]);
      await page.getByTestId("turnout-ballots").filter({ hasText: /^4$/ }).waitFor({ timeout: 25_000 });
      expect(await page.getByTestId("turnout-session").textContent()).toBe("3");

      // A failed refresh keeps the figures and says so, politely.
      await page.route("**/api/rounds/*/results", (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Service Unavailable" } }) }));
      await page.getByTestId("refresh-status").filter({ hasText: "업데이트 실패" }).waitFor({ timeout: 25_000 });
      expect(await page.getByTestId("turnout-ballots").textContent()).toBe("4");
      expect(await page.getByTestId("tally-bars").locator("li").count()).toBe(6);
      await page.unroute("**/api/rounds/*/results");

      await page.setViewportSize(PHONE);
      await expectAccessible(page, "/rounds/:roundId/results (phone)");
      await shot(page, "gongnon-results-phone.png");

      // In English too, the figures unchanged (on a phone the language switch is behind the header's menu button).
      await page.getByRole("banner").getByRole("button", { name: "메뉴" }).click();
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 2, name: "Votes per agenda" }).waitFor();
      expect(await page.getByTestId("tally-bars").locator("li").first().getByTestId("tally-votes").textContent()).toBe("3 votes");
      await expectAccessible(page, "/rounds/:roundId/results (English)");
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);

  it("a round that hides its results until the close shows only the turnout", async () => {
    const roundId = await newRound("비공개 결과 투표", { hideResultsUntilClosed: true });
    await voteAtTable(roundId, "010-7200-0001", [agendas[0]!.id]);
    await voteAtTable(roundId, "010-7200-0002", [agendas[3]!.id]);
    const { context, page } = await newPage(TABLET);
    try {
      await page.goto(`/rounds/${roundId}/results`);
      await page.getByTestId("results-hidden").waitFor();
      expect(await page.getByTestId("turnout-ballots").textContent()).toBe("2");
      expect(await page.getByTestId("tally-bars").count()).toBe(0);
      expect(await page.content()).not.toContain(agendas[0]!.title);
      await expectAccessible(page, "/rounds/:roundId/results (hidden)");
      await shot(page, "gongnon-results-hidden.png");
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  });
});

describe("the published ballot list", () => {
  it("once closed, the results page shows the list's hash and recounts it in the browser; a voter finds their ballot in it", async () => {
    const roundId = await newRound("명부 공개 투표", { hideResultsUntilClosed: true });
    const [a0, a1, a2] = agendas.map((a) => a.id);
    const mine = await voteAtTable(roundId, "010-7400-0001", [a0!, a2!]);
    await voteAtTable(roundId, "010-7400-0002", [a0!]);
    await voteAtTable(roundId, "010-7400-0003", [a1!, a0!]);
    const { context, page, errors } = await newPage(PHONE);
    try {
      // Before the close: no list, and the ballot page says when it comes.
      await page.goto(`/rounds/${roundId}/ballots/${mine}`);
      await page.getByTestId("ballot-in-list").and(page.locator('[data-state="later"]')).waitFor();
      expect(await page.getByTestId("tally-check").count()).toBe(0);

      expect((await call(app.url, "POST", `/api/rounds/${roundId}/close`, { token: staffToken })).status).toBe(200);
      const published = (await call(app.url, "GET", `/api/rounds/${roundId}/results`)).body.ballotList;
      expect(published).toMatchObject({ count: 3, final: true });

      await page.goto(`/rounds/${roundId}/results`);
      await page.getByTestId("tally-check").waitFor();
      expect(await page.getByTestId("tally-hash").textContent()).toBe(published.hash);
      expect(await page.getByTestId("tally-count").textContent()).toBe("3표");
      await page.getByRole("button", { name: "이 브라우저에서 다시 세기" }).click();
      await page.getByTestId("tally-verdict").waitFor();
      expect(await page.getByTestId("tally-verdict").getAttribute("data-match")).toBe("true");
      expect(await page.getByTestId("tally-verdict").textContent()).toContain("공개된 해시와 같습니다");
      const row = page.getByTestId("tally-table").locator(`tr[data-proposal="${a0}"] td`);
      expect(await row.allTextContents()).toEqual(["3", "3", expect.stringContaining("같음")]);
      await expectAccessible(page, "/rounds/:roundId/results (the ballot list, phone)");
      await shot(page, "gongnon-results-tally-check.png");

      // The voter: their receipt's line is in the list, with their choices.
      await page.goto(`/rounds/${roundId}/ballots/${mine}`);
      await page.getByTestId("ballot-in-list").and(page.locator('[data-state="found"]')).waitFor();
      await page.getByText("공개 명부에 있습니다").waitFor();
      expect(await page.getByTestId("ballot-in-list").textContent()).toContain("고른 의제 2개가 그대로 있습니다");
      await expectAccessible(page, "/rounds/:roundId/ballots/:receipt (in the list)");
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("closing while tablets hold ballots", () => {
  it("the close names the tablets and their unsent ballots, and staff may wait or close anyway", async () => {
    const roundId = await newRound("태블릿 대기 투표");
    const report = await call(app.url, "PUT", `/api/sessions/${sessionId}/devices/tablet-wait-0001`, {
      token: staffToken,
      body: { label: "2번 테이블", sequence: 1, saved: 5, recorded: 2, pending: 3, attention: 0, rounds: [{ roundId, saved: 5, recorded: 2, pending: 3 }] },
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const { context, page, errors } = await newPage(TABLET);
    try {
      await signIn(page, staff, `/staff/rounds/${roundId}`);
      await page.getByRole("heading", { level: 1, name: "태블릿 대기 투표" }).waitFor();
      await page.getByRole("button", { name: "투표 마감" }).click();
      await page.getByRole("button", { name: "지금 마감하기" }).click();
      await page.getByTestId("tablets-pending").waitFor();
      expect(await page.getByTestId("tablets-pending").textContent()).toContain("2번 테이블");
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.status).not.toBe("closed");
      await expectAccessible(page, "/staff/rounds/:roundId (tablets pending)");
      await page.getByRole("button", { name: "그래도 지금 마감하기" }).click();
      await page.getByText("투표를 마감했습니다.").waitFor();
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.status).toBe("closed");
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe("staff", () => {
  it("staff create a round, change its rules until the first ballot locks them, close it, settle a tie at the cutoff and choose core agendas", async () => {
    const { context, page, errors } = await newPage(TABLET);
    try {
      await signIn(page, staff, `/staff/forums/${forumId}`);
      await page.getByRole("link", { name: "의제 투표", exact: true }).click();
      await page.waitForURL(`**/staff/forums/${forumId}/rounds`);
      await page.getByRole("heading", { level: 1, name: "의제 투표 관리" }).waitFor();
      await page.getByLabel(agendas[0]!.title).waitFor();
      await expectAccessible(page, "/staff/forums/:forumId/rounds");

      // One agenda only: the API's error lands next to the picker.
      await page.getByLabel("투표 이름").fill("핵심 의제 선정 투표");
      await page.getByLabel(agendas[0]!.title).check();
      await page.getByRole("button", { name: "투표 만들기" }).click();
      await page.locator("#round-proposals-error").waitFor();
      expect(await page.locator("#round-proposals-error").textContent()).toContain("2개 이상");

      // Filter by field, take the whole field, then everything.
      await page.getByLabel("분야", { exact: true }).selectOption("도시건설");
      expect(await page.locator(".staff-pick").count()).toBe(3);
      await page.getByRole("button", { name: "‘도시건설’ 모두 고르기" }).click();
      expect(await page.locator("#round-proposals-count").textContent()).toBe("3개 골랐습니다");
      await page.getByLabel("분야", { exact: true }).selectOption("");
      await page.getByRole("button", { name: "모두 고르기" }).click();
      expect(await page.locator("#round-proposals-count").textContent()).toBe("6개 골랐습니다");
      await shot(page, "gongnon-staff-rounds.png");
      await page.getByLabel("한 사람이 고를 수 있는 수").fill("2");
      await page.getByLabel("투표 시작").fill("2020-01-01T09:00");
      await page.getByLabel("투표 마감").fill("2099-12-31T18:00");
      await page.getByRole("button", { name: "투표 만들기" }).click();
      await page.waitForURL(/\/staff\/rounds\/[^/]+$/);
      const roundId = new URL(page.url()).pathname.split("/").pop()!;
      await page.getByRole("heading", { level: 1, name: "핵심 의제 선정 투표" }).waitFor();
      await page.getByText("‘핵심 의제 선정 투표’ 투표를 만들었습니다.").waitFor();
      await expectAccessible(page, "/staff/rounds/:roundId");

      // Rules change while nobody has voted.
      await page.getByRole("button", { name: "규칙 바꾸기" }).click();
      await page.getByLabel("한 사람이 고를 수 있는 수").fill("3");
      await page.getByRole("button", { name: "규칙 저장" }).click();
      await page.getByText("규칙을 바꾸었습니다.").waitFor();
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.maxChoices).toBe(3);

      // Three ballots: agenda 0 gets 3 votes; agendas 1, 2, 3 one each (a three-way tie for 2nd).
      const [a0, a1, a2, a3] = agendas.map((a) => a.id);
      await voteAtTable(roundId, "010-7300-0001", [a0!, a1!]);
      await voteAtTable(roundId, "010-7300-0002", [a0!, a2!]);
      await voteOnline(roundId, "010-7300-0003", [a0!, a3!]);
      await page.reload();
      await page.getByTestId("rules-locked").waitFor();
      expect(await page.getByTestId("rules-locked").textContent()).toContain("3명");
      expect(await page.getByRole("button", { name: "규칙 바꾸기" }).count()).toBe(0);
      expect(await page.getByTestId("staff-ballots").textContent()).toBe("3");

      // Close, confirmed.
      await page.getByRole("button", { name: "투표 마감" }).click();
      await page.getByText("‘핵심 의제 선정 투표’ 투표를 지금 마감할까요?").waitFor();
      await page.getByRole("button", { name: "지금 마감하기" }).click();
      await page.getByText("투표를 마감했습니다.").waitFor();
      expect(await page.getByTestId("round-status").first().textContent()).toBe("마감");

      // Core agendas: the top 2 cut through a tie at rank 2; staff must choose one of the three.
      const n = page.getByLabel("핵심 의제 수");
      await n.waitFor();
      expect(await n.inputValue()).toBe("6");
      await n.fill("2");
      const tie = page.getByTestId("core-tie");
      await tie.waitFor();
      expect(await tie.textContent()).toContain("1표로 동점인 의제가 3개");
      const table = page.getByTestId("core-table");
      expect(await table.locator("tr.is-tied").count()).toBe(3);
      expect(await table.getByLabel(agendas[0]!.title).isChecked()).toBe(true);
      for (const a of agendas.slice(1, 4)) expect(await table.getByLabel(a.title).isChecked()).toBe(false);
      await expectAccessible(page, "/staff/rounds/:roundId (core agendas, tie)");
      await page.getByRole("button", { name: "핵심 의제 확정" }).click();
      await page.getByText("동점인 의제 가운데 1개를 더 골라야 합니다.").waitFor();
      await shot(page, "gongnon-staff-core-tie.png");
      await table.getByLabel(agendas[2]!.title).check();
      expect(await page.getByTestId("core-count").textContent()).toBe("2개 골랐습니다");
      await page.getByRole("button", { name: "핵심 의제 확정" }).click();
      await page.getByText("핵심 의제 2개로 확정할까요?").waitFor();
      await page.getByRole("button", { name: "확정하기" }).click();
      await page.getByText("핵심 의제 2개를 확정했습니다.").waitFor();
      await page.getByText("핵심 의제 2개를 정했습니다").waitFor();
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.coreAgendaIds.sort()).toEqual([a0, a2].sort());

      // The proposals' receipt pages say "core"; the others stay proposed.
      for (const [a, stage] of [
        [agendas[0]!, "core"],
        [agendas[2]!, "core"],
        [agendas[1]!, "proposed"],
      ] as const) {
        const r = await call(app.url, "GET", `/api/proposals/${a.receipt}`);
        expect({ title: a.title, stage: r.body.proposal.stage }).toEqual({ title: a.title, stage });
      }

      // The recount agrees with the counters.
      await page.getByRole("button", { name: "재검표하기" }).click();
      await page.getByText("재검표 결과가 계수기와 일치합니다").waitFor();
      expect(await page.getByTestId("recount-report").textContent()).toContain("투표 3장 (온라인 1, 회차 현장 2)");
      await expectAccessible(page, "/staff/rounds/:roundId (closed, chosen)");
      await shot(page, "gongnon-staff-round.png");

      // The public forum page lists the round with its results.
      await page.goto(`/forums/${forumId}`);
      await page.getByRole("heading", { level: 2, name: "의제 투표" }).waitFor();
      await expectAccessible(page, "/forums/:forumId (with its rounds)");
      await shot(page, "gongnon-forum-rounds.png");
      await page.getByRole("link", { name: /^결과 보기\s*: 핵심 의제 선정 투표$/ }).click();
      await page.getByRole("heading", { level: 1, name: "핵심 의제 선정 투표" }).waitFor();
      const core = page.getByTestId("tally-bars").locator("li.is-core");
      expect(await core.count()).toBe(2);
      await page.goto(`/p/${agendas[2]!.receipt}`);
      await page.getByTestId("proposal-title").waitFor();
      expect(await page.locator(".stage-step.current").textContent()).toContain("핵심 의제");

      await page.setViewportSize(PHONE);
      await page.goto(`/staff/rounds/${roundId}`);
      await page.getByRole("heading", { level: 1, name: "핵심 의제 선정 투표" }).waitFor();
      await page.getByTestId("ranking-table").waitFor();
      await expectAccessible(page, "/staff/rounds/:roundId (phone)");
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, `gongnon-voting-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    } finally {
      await context.close();
    }
  }, 150_000);
});

describe("the pages' Content-Security-Policy", () => {
  it("every page visited above ran under it without a single refusal", () => {
    expect(kit.cspViolations).toEqual([]);
  });
});
