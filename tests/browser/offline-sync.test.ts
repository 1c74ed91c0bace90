import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { seedForum } from "../support/fixtures.js";
import { CHROMIUM_ARGS, DESKTOP, signIn, useBrowser } from "../support/browser.js";
import { castOffline, checkIn, indexedDbDump, makeReady, outboxStates } from "../support/offline.js";
import { webDist } from "../support/web.js";

/**
 * The offline console's queue in the hard cases, in a real headless Chromium against the real
 * local server: a browser closed with items queued and relaunched on the same profile, two tabs of
 * one console, a sign-in that ended while items waited, a new app version arriving while items are
 * queued, and a tablet whose clock is hours off.
 */

const kit = useBrowser("offline-sync");
const app = kit.app;
let staff: Account;
let facilitator: Account;
let token: string;

beforeAll(async () => {
  staff = await createAccount("staff", "담당 동기화");
  facilitator = await createAccount("facilitator", "진행자 동기화");
  token = await login(app.url, staff);
});

let n = 0;
/** A forum with one session this test's facilitator runs. */
async function session(title: string) {
  const forum = await seedForum(app, token, { title: `${title} 공론장`, sessions: [{ title: `${title} 회차`, startsAt: "2023-04-18T19:00" }], facilitators: [facilitator.id] });
  return { forumId: forum.id, sessionId: forum.sessions[0]!, heading: new RegExp(`${title} 회차`) };
}

/** Signs in on the console and makes it ready for offline (reloaded under the service worker). */
async function readyConsole(page: Page, sessionId: string, heading: RegExp) {
  await signIn(page, facilitator, `/console/${sessionId}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await makeReady(page);
}

const attendances = async (sessionId: string) => (await call(app.url, "GET", `/api/sessions/${sessionId}`, { token })).body.attendances as number;
const phone = () => `010-63${String(Math.floor(n / 100) % 100).padStart(2, "0")}-${String(1000 + (n++ % 9000))}`;

/** Records the Idempotency-Key of every check-in that reached the server (a request that failed offline never does). */
async function countCheckIns(context: BrowserContext) {
  const keys: string[] = [];
  await context.route("**/api/sessions/*/checkins", async (route) => {
    const response = await route.fetch();
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    await route.fulfill({ response });
  });
  return keys;
}

describe("offline console: the queue in the hard cases", () => {
  it("items queued offline survive closing the browser: relaunched online on the same profile, the queue drains", async () => {
    const s = await session("재실행");
    const profile = await mkdtemp(join(tmpdir(), "gongnon-profile-"));
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: inject("chromiumPath"),
        args: CHROMIUM_ARGS,
        viewport: DESKTOP,
        locale: "ko-KR",
        timezoneId: "Asia/Seoul",
        baseURL: app.url,
        reducedMotion: "reduce",
        serviceWorkers: "allow",
      });
    try {
      let context = await launch();
      const page = context.pages()[0] ?? (await context.newPage());
      await readyConsole(page, s.sessionId, s.heading);
      await context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { level: 1, name: s.heading }).waitFor({ timeout: 15_000 });
      for (const p of [phone(), phone()]) await checkIn(page, p);
      await page.getByTestId("outbox-summary").filter({ hasText: "2건 저장, 0건 기록" }).waitFor();
      expect(await attendances(s.sessionId)).toBe(0);
      await context.close();

      // Relaunched with the network: the console opens, its sender sends on start.
      context = await launch();
      try {
        const again = context.pages()[0] ?? (await context.newPage());
        await again.goto(`/console/${s.sessionId}`);
        await again.getByTestId("outbox-summary").filter({ hasText: "2건 저장, 2건 기록" }).waitFor({ timeout: 30_000 });
        expect(await attendances(s.sessionId)).toBe(2);
      } finally {
        await context.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  }, 120_000);

  it("two tabs of one console: each queued item is sent once", async () => {
    const s = await session("두 탭");
    const { context, page, errors } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      await readyConsole(page, s.sessionId, s.heading);
      const other = await context.newPage();
      await other.goto(`/console/${s.sessionId}`);
      await other.getByRole("heading", { level: 1, name: s.heading }).waitFor();
      await context.setOffline(true);
      for (const p of [phone(), phone()]) await checkIn(page, p);
      await checkIn(other, phone());
      await page.getByTestId("outbox-summary").filter({ hasText: "3건 저장, 0건 기록" }).waitFor();

      const keys = await countCheckIns(context);
      await context.setOffline(false);
      // Both tabs are asked to send at once (and each hears `online`).
      await Promise.all([page.getByRole("button", { name: "지금 보내기" }).click(), other.getByRole("button", { name: "지금 보내기" }).click()]);
      for (const tab of [page, other]) await tab.getByTestId("outbox-summary").filter({ hasText: "3건 저장, 3건 기록" }).waitFor({ timeout: 30_000 });
      expect(keys.length).toBe(3);
      expect(new Set(keys).size).toBe(3);
      expect(await attendances(s.sessionId)).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("signed out while items are queued: they wait (never dropped), and drain after sign-in", async () => {
    const s = await session("로그인 대기");
    const { context, page } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      await readyConsole(page, s.sessionId, s.heading);
      await context.setOffline(true);
      await checkIn(page, phone());
      // The sign-in ends (its cookie gone) while the tablet is offline; then the network is back.
      await context.clearCookies({ name: "gongnon_session" });
      await context.setOffline(false);
      await page.getByRole("button", { name: "지금 보내기" }).click();
      await page.getByText("로그인이 끝나 보내지 못하고 있습니다").waitFor({ timeout: 30_000 });
      // Kept as saved between tries (the sender's `online` pass and "send now" may still be at it).
      await expect.poll(() => outboxStates(page), { timeout: 15_000 }).toEqual(["saved"]);
      await expect.poll(() => indexedDbDump(page), { timeout: 15_000 }).toContain('"waitsForSignIn":true');
      expect(await attendances(s.sessionId)).toBe(0);

      // Signed in again: the console opens and its sender sends the waiting item.
      await signIn(page, facilitator, `/console/${s.sessionId}`);
      await page.getByTestId("outbox-summary").filter({ hasText: "1건 저장, 1건 기록" }).waitFor({ timeout: 30_000 });
      expect(await attendances(s.sessionId)).toBe(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("a new app version while items are queued: the update waits, the items sync, then it applies", async () => {
    const s = await session("업데이트");
    const sw = join(webDist("offline-sync"), "sw.js");
    const original = await readFile(sw, "utf8");
    const { context, page, errors } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      await readyConsole(page, s.sessionId, s.heading);
      // The server is down for check-ins (503) while two are typed: they stay queued.
      let down = true;
      await context.route("**/api/sessions/*/checkins", (route) => (down ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "unavailable", message: "잠시 후 다시 시도해 주세요" }) }) : route.continue()));
      for (const p of [phone(), phone()]) await checkIn(page, p);
      await page.getByTestId("outbox-summary").filter({ hasText: "보내지 않음 2건" }).waitFor();

      // A new version is deployed: its service worker installs and waits; the console offers it.
      await writeFile(sw, `${original}\nself.addEventListener("message", (e) => { if (e.data === "gongnon-test-version") e.ports[0]?.postMessage("v2"); });\n`);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const apply = page.getByRole("button", { name: "새 버전 적용" });
      await apply.waitFor({ timeout: 30_000 });
      expect(await apply.isDisabled()).toBe(true);
      expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);

      // The server is back: the items sync, and only then can the update be applied.
      down = false;
      await page.getByRole("button", { name: "지금 보내기" }).click();
      await page.getByTestId("outbox-summary").filter({ hasText: "2건 저장, 2건 기록" }).waitFor({ timeout: 30_000 });
      await apply.and(page.locator(":not([disabled])")).waitFor();
      await Promise.all([page.waitForEvent("load"), apply.click()]);
      await page.getByRole("heading", { level: 1, name: s.heading }).waitFor();
      const version = await page.evaluate(
        () =>
          new Promise<string>((ok) => {
            const ch = new MessageChannel();
            ch.port1.onmessage = (e) => ok(String(e.data));
            navigator.serviceWorker.controller?.postMessage("gongnon-test-version", [ch.port2]);
            setTimeout(() => ok("old"), 5_000);
          }),
      );
      expect(version).toBe("v2");
      // Nothing was lost across the update.
      await page.getByTestId("outbox-summary").filter({ hasText: "2건 저장, 2건 기록" }).waitFor();
      expect(await attendances(s.sessionId)).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await writeFile(sw, original);
    }
  }, 120_000);

  it("a tablet whose clock is hours off: its offline ballot is judged by the server-corrected time", async () => {
    const s = await session("시계");
    const agendas: string[] = [];
    for (const title of ["공원 그늘막 설치", "골목 가로등 교체"]) {
      const agenda = await call(app.url, "POST", `/api/sessions/${s.sessionId}/proposals`, { token, body: { title, field: "도시건설" } });
      expect(agenda.status, JSON.stringify(agenda.body)).toBe(201);
      agendas.push(agenda.body.id);
    }
    const round = await call(app.url, "POST", `/api/forums/${s.forumId}/rounds`, {
      token,
      body: { title: "시계 현장 투표", proposalIds: agendas, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-12-31T23:00", channels: ["session"] },
    });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const roundId = round.body.id as string;
    const { context, page, errors } = await kit.newPage(undefined, { serviceWorkers: "allow" });
    try {
      // The tablet's clock runs 3 hours ahead of the server's.
      await page.clock.install({ time: new Date(Date.now() + 3 * 3_600_000) });
      await readyConsole(page, s.sessionId, s.heading);
      const clock = page.getByTestId("ready-checks").locator('[data-check="clock"]');
      expect(await clock.textContent()).toMatch(/태블릿 시계가 서버보다 (3시간 0분|2시간 59분) 빠릅니다/);

      await context.setOffline(true);
      await page.getByRole("link", { name: /현장 투표 화면 열기: 시계 현장 투표/ }).click();
      await page.getByRole("heading", { level: 1, name: /시계 현장 투표/ }).waitFor({ timeout: 15_000 });
      await castOffline(page, "01063990001", "공원 그늘막 설치");
      const queued = await indexedDbDump(page);
      const castAt = Date.parse(/"castAt":"([^"]+)"/.exec(queued)![1]!);
      // Stamped by the corrected clock: the server's time, not the tablet's 3 hours ahead.
      expect(Math.abs(castAt - Date.now())).toBeLessThan(10 * 60_000);

      // The round closes while the ballot waits on the tablet; the tablet was made ready for it,
      // so the results are provisional until it reports again.
      const closed = await call(app.url, "POST", `/api/rounds/${roundId}/close?force=true`, { token });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect((await call(app.url, "GET", `/api/rounds/${roundId}/results`)).body.provisional).toBe(true);

      // Back online: cast before the close by the corrected clock, so it is taken within the grace period.
      await context.setOffline(false);
      await page.goto(`/console/${s.sessionId}`);
      await page.getByRole("button", { name: "지금 보내기" }).click();
      await expect.poll(() => outboxStates(page), { timeout: 30_000 }).toEqual(["recorded"]);
      const after = await call(app.url, "GET", `/api/rounds/${roundId}`);
      expect(after.body.turnout).toEqual({ ballots: 1, online: 0, session: 1 });
      await expect.poll(async () => (await call(app.url, "GET", `/api/rounds/${roundId}/results`)).body.provisional, { timeout: 15_000 }).toBe(false);
      // The staff's list of tablets shows this one's clock offset, about +3 hours.
      const devices = await call(app.url, "GET", `/api/sessions/${s.sessionId}/devices`, { token });
      expect(Math.round(devices.body.devices[0].clockOffsetMs / 3_600_000)).toBe(3);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
