import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { seedForum } from "../support/fixtures.js";
import { expectAccessible, shot, signIn, useBrowser } from "../support/browser.js";
import { cacheStorageDump, castOffline, checkIn, indexedDbDump, makeReady, outboxStates } from "../support/offline.js";

/**
 * The offline console in a real headless Chromium against the real local server: the service
 * worker opens the console with no network, check-ins typed offline wait in the IndexedDB outbox
 * (the numbers sealed, never in the clear), and are recorded exactly once when the network is back;
 * agendas captured offline wait there too; signing out asks before unsent items are purged; a tablet
 * made ready for offline reopens the table ballot screen with no network and queues its ballots.
 */

const kit = useBrowser("offline");
const app = kit.app;
let staff: Account;
let facilitator: Account;

beforeAll(async () => {
  staff = await createAccount("staff", "담당 오프라인");
  facilitator = await createAccount("facilitator", "진행자 오프라인");
});

describe("offline console", () => {
  it("opens offline from the service worker, queues check-ins sealed, records each exactly once when back online, asks before purging unsent items", async () => {
    const token = await login(app.url, staff);
    const forum = await seedForum(app, token, { title: "오프라인 공론장", sessions: [{ title: "오프라인 회차", startsAt: "2023-04-18T19:00" }], facilitators: [facilitator.id] });
    const sessionId = forum.sessions[0]!;
    const { context, page, errors } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      // Online once: the console registers its service worker and stores its read model.
      await signIn(page, facilitator, `/console/${sessionId}`);
      await page.getByRole("heading", { level: 1, name: /오프라인 회차/ }).waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // The read model (session, forum) and the sealing key are on the tablet.
      await expect
        .poll(async () => {
          const d = await indexedDbDump(page);
          return { session: d.includes(`"sessionId":"${sessionId}"`), key: d.includes('"kid"'), forum: d.includes("오프라인 공론장") };
        }, { timeout: 30_000 })
        .toEqual({ session: true, key: true, forum: true });
      // The page the worker controls (the first one was loaded before it was installed).
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /오프라인 회차/ }).waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      // Offline: the reload is answered by the service worker, the session by the stored model.
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /오프라인 회차/ }).waitFor({ timeout: 15_000 });

      const phones = ["010-6100-0001", "010-6100-0002", "010-6100-0001"];
      for (const phone of phones) await checkIn(page, phone);
      await page.getByTestId("outbox-summary").filter({ hasText: "3건 저장, 0건 기록" }).waitFor();

      // An agenda captured offline: saved on the tablet, listed as not sent yet.
      await page.getByRole("tab", { name: "의제 기록" }).click();
      await page.getByLabel("분야").selectOption({ index: 1 });
      // What the server would refuse is refused on the tablet, before anything is saved.
      await page.getByLabel("의제 제목").fill("가");
      await page.getByRole("button", { name: "의제 기록", exact: true }).click();
      await page.getByText("의제 제목은 2자 이상 100자 이하로 적어 주세요.").first().waitFor();
      expect(await page.getByTestId("outbox-summary").textContent()).toContain("3건 저장");
      await page.getByLabel("의제 제목").fill("오프라인 탁자 의제");
      await page.getByRole("button", { name: "의제 기록", exact: true }).click();
      await page.locator('[data-agenda="queued"]').waitFor({ timeout: 15_000 });
      await page.getByTestId("agenda-list").locator('li[data-unsent="true"]', { hasText: "오프라인 탁자 의제" }).waitFor();
      expect(await page.getByLabel("의제 제목").inputValue()).toBe("");
      await page.getByRole("tab", { name: "출석 확인" }).click();
      await page.getByTestId("outbox-summary").filter({ hasText: "4건 저장, 0건 기록" }).waitFor();

      // No digit sequence of a typed number anywhere in the origin's IndexedDB, Cache Storage or localStorage.
      const cached = await cacheStorageDump(page);
      expect(cached).toContain("/index.html"); // the precache is there, and read
      const stored = (await indexedDbDump(page)) + cached + (await page.evaluate(() => JSON.stringify({ ...localStorage })));
      for (const phone of phones) {
        expect(stored).not.toContain(phone);
        expect(stored).not.toContain(phone.replace(/-/g, ""));
        expect(stored).not.toContain(phone.replace(/-/g, "").slice(3));
      }

      // Back online: the first answer is lost on the way back, and the item is sent again with its key.
      let dropped = false;
      const keys: string[] = [];
      await context.route("**/api/sessions/*/checkins", async (route) => {
        keys.push(route.request().headers()["idempotency-key"] ?? "");
        if (!dropped) {
          dropped = true;
          await route.fetch();
          await route.abort("connectionreset");
          return;
        }
        await route.continue();
      });
      await context.setOffline(false);
      await page.getByRole("button", { name: "지금 보내기" }).click();
      await page.getByTestId("outbox-summary").filter({ hasText: "4건 저장, 4건 기록" }).waitFor({ timeout: 30_000 });
      expect(await outboxStates(page)).toEqual(["recorded", "recorded", "recorded", "recorded"]);
      // The agenda is recorded once, and the agenda tab lists it as the API has it.
      const agendas = await call(app.url, "GET", `/api/forums/${forum.id}/proposals?sessionId=${sessionId}`);
      expect(agendas.body.items.map((p: { title: string }) => p.title)).toEqual(["오프라인 탁자 의제"]);
      expect(new Set(keys).size).toBe(3);
      expect(keys.length).toBeGreaterThanOrEqual(4);

      // The server recorded two people, the repeated number once: exactly once each.
      const session = await call(app.url, "GET", `/api/sessions/${sessionId}`, { token });
      expect(session.body.attendances).toBe(2);
      // After sending, no sealed identifier remains on the tablet.
      expect(await indexedDbDump(page)).not.toMatch(/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{40,}/);

      // The console reported its outbox: empty.
      await expect
        .poll(async () => {
          const devices = await call(app.url, "GET", `/api/sessions/${sessionId}/devices`, { token });
          return devices.body.devices?.length === 1 && devices.body.allEmpty && devices.body.devices[0].recorded === 4;
        }, { timeout: 10_000 })
        .toBe(true);

      // An unsent item, then sign-out: asked first; declining keeps it.
      await context.setOffline(true);
      await checkIn(page, "010-6100-0003");
      const asked: string[] = [];
      page.once("dialog", (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.getByRole("button", { name: "로그아웃" }).click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain("보내지 않은 항목 1건");
      const left = await indexedDbDump(page);
      expect(left).toMatch(/"state":"(saved|sending)"/);
      expect(left).not.toContain('"state":"recorded"');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("table ballots cast with no network are saved on the tablet, then sent exactly once; one already voted needs attention", async () => {
    const token = await login(app.url, staff);
    const forum = await seedForum(app, token, { title: "오프라인 투표 공론장", sessions: [{ title: "오프라인 투표 회차", startsAt: "2023-04-18T19:00" }], facilitators: [facilitator.id] });
    const sessionId = forum.sessions[0]!;
    const agendas: string[] = [];
    for (const title of ["마을버스 노선 조정", "경로당 냉방 지원"]) {
      const p = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title, field: "도시건설" } });
      expect(p.status, JSON.stringify(p.body)).toBe(201);
      agendas.push(p.body.id);
    }
    const round = await call(app.url, "POST", `/api/forums/${forum.id}/rounds`, {
      token,
      body: { title: "오프라인 현장 투표", proposalIds: agendas, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-12-31T23:00", channels: ["online", "session"] },
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const roundId = round.body.id;
    // Person A already voted (at another table) before the tablet's queue reaches the server.
    expect((await call(app.url, "POST", `/api/rounds/${roundId}/ballots`, { token, body: { sessionId, phone: "010-6200-0001", choices: [agendas[0]] } })).status).toBe(201);

    const { context, page, errors } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      // Made ready online: the session, its forum, the open round with its agendas, the key, the clock.
      await signIn(page, facilitator, `/console/${sessionId}`);
      await page.getByRole("heading", { level: 1, name: /오프라인 투표 회차/ }).waitFor();
      await makeReady(page);
      const checks = page.getByTestId("ready-checks");
      for (const id of ["worker", "model", "key", "clock", "signIn"]) await checks.locator(`[data-check="${id}"][data-tone="ok"]`).waitFor({ state: "attached" });
      expect(await checks.locator('[data-check="model"]').textContent()).toContain("진행 중인 투표 1건");
      await page.getByTestId("ready").locator("summary").click();
      await expectAccessible(page, "the console's pre-session check");
      await shot(page, "gongnon-console-ready.png");

      // Offline: the console reloads, its link to the round comes from the stored model, and the
      // table ballot screen reloads with no network too.
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("link", { name: /현장 투표 화면 열기: 오프라인 현장 투표/ }).click();
      await page.getByRole("heading", { level: 1, name: /오프라인 현장 투표/ }).waitFor({ timeout: 15_000 });
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /오프라인 현장 투표/ }).waitFor({ timeout: 15_000 });
      for (const phone of ["01062000001", "01062000002"]) {
        const done = await castOffline(page, phone, "경로당 냉방 지원");
        expect(await done.textContent()).toContain("이 태블릿에 저장되었습니다");
        await page.getByRole("button", { name: "다음 분 투표하기" }).click();
        await page.getByRole("heading", { level: 2, name: "본인 확인" }).waitFor();
      }
      const stored = await indexedDbDump(page);
      for (const digits of ["62000001", "62000002", "6200-0001"]) expect(stored).not.toContain(digits);
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.turnout.ballots).toBe(1);

      // Back online: the outbox sends both; B is counted once, A (already voted) needs attention.
      await context.setOffline(false);
      await page.goto(`/console/${sessionId}`);
      await page.getByRole("button", { name: "지금 보내기" }).click();
      await expect.poll(async () => (await outboxStates(page)).sort().join(","), { timeout: 30_000 }).toBe("attention,recorded");
      expect(await page.getByTestId("outbox-list").textContent()).toContain("이미 이 투표에 참여했습니다");
      const after = await call(app.url, "GET", `/api/rounds/${roundId}`);
      expect(after.body.turnout).toEqual({ ballots: 2, online: 0, session: 2 });
      const recount = await call(app.url, "POST", `/api/rounds/${roundId}/recount`, { token });
      expect(recount.body.ok).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
