import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { call, type Account } from "../support/harness.js";
import { signedIn, seedForum } from "../support/fixtures.js";
import { expectAccessible, shot, signIn, useBrowser } from "../support/browser.js";

/**
 * The staff side of the offline console in a real headless Chromium against the real server and
 * DynamoDB Local: each session card on the forum page lists the tablets that reported their outbox,
 * with their counts and a warning while one still holds items; the round form sets the session
 * tablets' grace period. axe (WCAG 2.1 A/AA) on the pages.
 */

const kit = useBrowser("devices");
const app = kit.app;
const newPage = kit.newPage;
let staff: Account & { token: string };
let facilitatorToken: string;
let forumId: string;
let sessions: string[];
const SESSION_TITLES = ["1회차 — 동부권", "2회차 — 서부권"];
const CALM = "calmTablet0001aa";
const BUSY = "busyTablet0002bb";

beforeAll(async () => {
  staff = await signedIn(app, "staff", "담당 윤서진");
  const facilitator = await signedIn(app, "facilitator", "진행자 오민재");
  facilitatorToken = facilitator.token;
  const forum = await seedForum(app, staff.token, {
    title: "2023 태블릿 점검 공론장",
    sessions: [
      { title: SESSION_TITLES[0]!, startsAt: "2023-04-18T19:00" },
      { title: SESSION_TITLES[1]!, startsAt: "2023-04-20T19:00" },
    ],
    facilitators: [facilitator.id],
  });
  forumId = forum.id;
  sessions = forum.sessions;
  for (const [title, field] of [
    ["골목길 야간 조명 확충", "도시건설"],
    ["마을 도서관 주말 운영", "청년문화"],
  ] as const) {
    const p = await call(app.url, "POST", `/api/sessions/${sessions[0]}/proposals`, { token: staff.token, body: { title, field } });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
  }
});

/** A console's outbox report, as the tablet sends it. */
async function report(deviceId: string, body: Record<string, unknown>) {
  const res = await call(app.url, "PUT", `/api/sessions/${sessions[0]}/devices/${deviceId}`, {
    token: facilitatorToken,
    body: { rounds: [], attention: 0, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const sessionCard = (page: Page, title: string) => page.locator("li.session-card", { has: page.getByRole("heading", { level: 3, name: title, exact: true }) });

describe("the tablets of a session", () => {
  it("staff see every tablet that reported, with its counts and whether its outbox is empty; a refresh shows a newer report", async () => {
    await report(CALM, { sequence: 1, saved: 12, recorded: 12, pending: 0 });
    await report(BUSY, { label: "3번 테이블 태블릿", appVersion: "1.0.0", sequence: 4, saved: 9, recorded: 6, pending: 3, attention: 1 });
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, staff, `/staff/forums/${forumId}`);
      const card = sessionCard(page, SESSION_TITLES[0]!);
      const table = card.getByTestId("devices-table");
      await table.waitFor();
      await card.getByRole("heading", { level: 4, name: "이 회차의 태블릿" }).waitFor();
      expect(await table.locator("caption").textContent()).toContain(SESSION_TITLES[0]);

      // The tablet still holding items comes first, named by its label, its short id under it.
      const rows = table.locator("tbody tr");
      expect(await rows.count()).toBe(2);
      expect(await rows.first().getAttribute("data-device")).toBe(BUSY);
      const cells = async (deviceId: string) =>
        (await table.locator(`tr[data-device="${deviceId}"]`).locator("th, td").allTextContents()).map((s) => s.trim());
      const busy = await cells(BUSY);
      expect(busy[0]).toBe("3번 테이블 태블릿기기 busyTabl");
      expect(busy.slice(1, 5)).toEqual(["9", "6", "3", "1"]);
      expect(busy[5]).toMatch(/^\d+월 \d+일\(.\) (오전|오후) \d+:\d\d$/);
      expect(busy[6]).toBe("보내지 않은 항목 3건");
      const calm = await cells(CALM);
      expect(calm[0]).toBe("기기 calmTabl");
      expect(calm.slice(1, 5)).toEqual(["12", "12", "0", "0"]);
      expect(calm[6]).toBe("모두 보냄");
      expect(await card.getByTestId("devices-summary").textContent()).toBe("태블릿 1대에 보내지 않은 항목 3건이 있습니다.");
      expect(await card.locator(".status-pending").count()).toBeGreaterThan(0);

      // A session no tablet reported for says so.
      const other = sessionCard(page, SESSION_TITLES[1]!);
      await other.getByText("아직 이 회차에서 보내기 목록을 알려 온 태블릿이 없습니다.").waitFor();
      expect(await other.getByTestId("devices-table").count()).toBe(0);
      await expectAccessible(page, "/staff/forums/:forumId (tablets, one holding items)");
      await shot(page, "gongnon-staff-session-devices.png");

      // The busy tablet sends everything; a refresh of that card shows it.
      await report(BUSY, { label: "3번 테이블 태블릿", sequence: 5, saved: 9, recorded: 9, pending: 0, attention: 1 });
      await card.getByRole("button", { name: new RegExp(`^새로 고침\\s*: ${SESSION_TITLES[0]}$`) }).click();
      await page.waitForFunction(
        (title) =>
          [...document.querySelectorAll("li.session-card")].find((li) => li.querySelector("h3")?.textContent === title)?.querySelector("[data-testid=devices-summary]")?.textContent ===
          "태블릿 2대 모두 보내기 목록이 비어 있습니다.",
        SESSION_TITLES[0],
      );
      expect((await cells(BUSY))[6]).toBe("모두 보냄");
      expect(await card.locator(".status-pending").count()).toBe(0);
      await expectAccessible(page, "/staff/forums/:forumId (tablets, all sent)");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("the round form", () => {
  it("sets the session tablets' grace period on create and on edit; an out-of-range value is an error on the field", async () => {
    const { context, page, errors } = await newPage();
    try {
      await signIn(page, staff, `/staff/forums/${forumId}/rounds`);
      await page.getByLabel("골목길 야간 조명 확충").waitFor();
      const grace = page.getByLabel("현장 태블릿 유예 시간(분)");
      expect(await grace.inputValue()).toBe("120");
      await page.getByLabel("투표 이름").fill("유예 시간 점검 투표");
      await page.getByRole("button", { name: "모두 고르기" }).click();
      await page.getByLabel("한 사람이 고를 수 있는 수").fill("2");
      await page.getByLabel("투표 시작").fill("2020-01-01T09:00");
      await page.getByLabel("투표 마감").fill("2099-12-31T18:00");

      await grace.fill("2000");
      await page.getByRole("button", { name: "투표 만들기" }).click();
      await page.locator("#round-grace-error").waitFor();
      expect(await page.locator("#round-grace-error").textContent()).toContain("1440분");
      expect(await grace.getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page, "/staff/forums/:forumId/rounds (grace error)");

      await grace.fill("30");
      await page.getByRole("button", { name: "투표 만들기" }).click();
      await page.waitForURL(/\/staff\/rounds\/[^/]+$/);
      const roundId = new URL(page.url()).pathname.split("/").pop()!;
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.graceMinutes).toBe(30);
      await page.getByText("마감 후 30분").waitFor();

      // Editing shows the stored value and saves a new one.
      await page.getByRole("button", { name: "규칙 바꾸기" }).click();
      expect(await grace.inputValue()).toBe("30");
      await grace.fill("45");
      await page.getByRole("button", { name: "규칙 저장" }).click();
      await page.getByText("규칙을 바꾸었습니다.").waitFor();
      expect((await call(app.url, "GET", `/api/rounds/${roundId}`)).body.graceMinutes).toBe(45);
      await page.getByText("마감 후 45분").waitFor();
      await expectAccessible(page, "/staff/rounds/:roundId (grace saved)");
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
