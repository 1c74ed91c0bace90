import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { Demo } from "../../core/demo/demo.js";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { SHOTS, expectAccessible, shot, signIn, useBrowser } from "../support/browser.js";

/**
 * The governance record's pages in a real headless Chromium against the real server and DynamoDB
 * Local, on the demo cycle (loaded through core's demo loader, as `npm start` does): the public
 * dashboard reads the demo's 46.5% with its arithmetic, a quarter behind schedule, the quarterly
 * charts beside their tables and the budget; the bodies page shows compositions and names only of
 * the body that publishes them; the history series labels what was entered by hand; the report
 * prints on A4 with its four tables and without the site's navigation. Staff record a meeting in
 * the browser and the dashboard's figure and rate for that indicator change (then correct and
 * delete it); appoint members and see the API's refusals (body full, overlapping term, third
 * term) and a term ending soon flagged; edit the pledge's weights and targets with the API's 400s
 * next to their fields; enter a history series. axe (WCAG 2.1 A/AA) on every new page.
 */

const PHONE = { width: 390, height: 844 };
const kit = useBrowser("governance");
const app = kit.app;
let staff: Account;
let staffToken: string;
let pledgeId: string;
let committeeId: string;

const kstToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last day of a two-year term from `day`. */
const twoYearsFrom = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 2);
  return plusDays(d.toISOString().slice(0, 10), -1);
};

beforeAll(async () => {
  await Demo.load();
  staff = await createAccount("staff", "담당 한결");
  staffToken = await login(app.url, staff);
  pledgeId = (await call(app.url, "GET", "/api/pledges")).body.pledges[0].id;
  committeeId = (await call(app.url, "GET", "/api/bodies")).body.bodies.find((b: { kind: string }) => b.kind === "committee").id;
}, 300_000);

/** On failure: a screenshot of where it happened. */
async function guarded(page: Page, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, `gongnon-governance-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  }
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

describe("the public governance pages", () => {
  it("the dashboard shows the demo's 46.5% with its arithmetic, by year and quarter, behind schedule marked, charts with tables, the budget", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      // The default is what the API answers: today in Korea (no meeting since 2023, so the same 46.5%).
      await page.goto("/governance");
      await page.getByRole("heading", { level: 1, name: "6-2 협치행정 구현" }).waitFor();
      expect(await page.getByLabel("기준일").inputValue()).toBe(kstToday());
      expect(await text(page, "dash-total")).toBe("46.5");

      await page.goto("/governance?asOf=2023-12-31");
      await page.getByRole("heading", { level: 1, name: "6-2 협치행정 구현" }).waitFor();
      expect(await page.getByLabel("기준일").inputValue()).toBe("2023-12-31");
      expect(await text(page, "dash-total")).toBe("46.5");
      // The arithmetic, written out with the numbers.
      const formula = await text(page, "dash-formula");
      expect(formula).toContain("0.30 × 66.7 + 0.30 × 33.3 + 0.20 × 45.0 + 0.20 × 37.5 = 46.5");
      expect(formula).toContain("혁신·협치위원회 운영: 16 ÷ 24 = 66.7%");
      expect(await page.getByRole("link", { name: "공약 이행 현황" }).getAttribute("class")).toContain("is-current");
      // Per indicator: actuals 16 / 3 / 18 / 6 and their rates.
      for (const [key, actual, rate] of [
        ["committee", "16회", "66.7%"],
        ["advisory", "3회", "33.3%"],
        ["council", "18회", "45.0%"],
        ["forums", "6회", "37.5%"],
      ]) {
        expect(await text(page, `actual-${key}`)).toBe(actual);
        expect(await text(page, `rate-${key}`)).toBe(rate);
      }
      // 2023 by quarter: only the advisory group's third quarter (target 1, no task) is behind schedule.
      const quarters = page.getByTestId("dash-quarters");
      expect(await quarters.getByTestId("behind").count()).toBe(1);
      expect(await quarters.locator('tr[data-indicator="advisory"] td[data-quarter="3"]').textContent()).toContain("일정 지연");
      expect(await quarters.locator('tr[data-indicator="committee"] td').allTextContents()).toEqual(["1", "5", "5", "3", "14"]);
      // Every chart is an image with its figures in its name, beside the table of the same figures.
      const charts = page.locator("svg.pair-chart[role=img]");
      expect(await charts.count()).toBe(4);
      expect(await charts.first().getAttribute("aria-labelledby")).toBe("qc-0-title qc-0-desc");
      expect(await page.locator("#qc-1-desc").textContent()).toContain("3분기: 목표 1, 실적 0 (일정 지연)");
      // The budget in 백만 원.
      expect(await text(page, "budget-plan-total")).toBe("2,536");
      expect(await text(page, "budget-executed-total")).toBe("1,175");
      expect(await page.getByTestId("budget-items").textContent()).toContain("161.5");
      await expectAccessible(page, "/governance");
      await shot(page, "gongnon-governance-dashboard.png");

      // Another day: the figures follow, the day in the address.
      await page.getByLabel("기준일").fill("2023-06-30");
      await page.getByRole("button", { name: "보기" }).click();
      await page.waitForURL("**/governance?asOf=2023-06-30");
      await expect.poll(() => text(page, "dash-total")).toBe("26.8");
      expect(await text(page, "actual-committee")).toBe("8회");
      expect(errors).toEqual([]);
    });
    await context.close();

    const phone = await kit.newPage(PHONE);
    await phone.page.goto("/governance?asOf=2023-12-31");
    await phone.page.getByTestId("dash-total").waitFor();
    await expectAccessible(phone.page, "/governance (phone)");
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it("the bodies page shows each body's composition, names only where the body publishes them, and its meeting log", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await page.goto("/governance/bodies?on=2023-12-31");
      await page.getByRole("heading", { level: 1, name: "협치 기구" }).waitFor();
      const committee = page.locator(`section[data-body="${committeeId}"]`);
      await committee.getByRole("heading", { level: 2, name: "더불어으뜸관악 혁신·협치위원회" }).waitFor();
      expect(await committee.getByTestId("composition-members").textContent()).toBe("36명 / 정원 36명");
      expect(await committee.textContent()).toContain("연임 1회까지");
      expect(await committee.getByRole("table", { name: /자리별 인원/ }).textContent()).toContain("당연직9명");
      expect(await committee.getByTestId("public-names").count()).toBe(0);
      expect(await committee.textContent()).toContain("이 기구 위원의 이름은 공개하지 않습니다");
      const experts = page.locator("section.body-section").filter({ hasText: "협치조정관 1명" });
      await experts.getByTestId("public-names").waitFor();
      expect(await experts.getByTestId("public-names").locator("li").count()).toBe(3);
      expect(await experts.getByTestId("public-names").textContent()).toContain("협치조정관");
      // No committee member's name anywhere (the first invented one is 김민수).
      await page.locator("table.meeting-table").first().waitFor();
      expect(await page.locator("main").textContent()).not.toContain("김민수");
      // The council's log: its 18 meetings, the one that selected the projects linked to them.
      const council = page.locator("section.body-section").filter({ has: page.getByRole("heading", { level: 2, name: "관악구 협치회의", exact: true }) });
      await expect.poll(() => council.locator("table.meeting-table tbody tr").count()).toBe(18);
      const selection = council.locator("table.meeting-table tbody tr").filter({ hasText: "2023년 9월 15일" });
      expect(await selection.textContent()).toContain("225,500천 원 규모 협치과제 선정");
      expect(await selection.getByRole("link").count()).toBe(4);
      await expect.poll(async () => (await selection.getByRole("link").first().textContent()) ?? "").not.toContain("…");
      // The committee's log: 정책제안 5건 on its first 2023 meeting, 제1차.
      expect(await committee.locator("table.meeting-table").textContent()).toContain("정책제안 5건");
      expect(await committee.locator("table.meeting-table").textContent()).toContain("제1차");
      // The advisory group's designated tasks.
      expect(await page.getByTestId("task-table").locator("tbody tr").count()).toBe(3);
      await expectAccessible(page, "/governance/bodies");
      await shot(page, "gongnon-governance-bodies.png");
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it("the history page shows the hand-entered values, labelled, beside Gongnon's own counts", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await page.goto("/governance/history");
      await page.getByRole("heading", { level: 1, name: "연도별 협치 기록" }).waitFor();
      const council = page.getByTestId("history-council-meetings");
      await council.waitFor();
      expect(await council.locator("thead").textContent()).toContain("직접 입력");
      expect(await council.locator("thead").textContent()).toContain("Gongnon 집계");
      expect(await council.locator('tr[data-year="2018"] td').allTextContents()).toEqual(["16", "—"]);
      // 2022: 14 by hand, Gongnon's log starts in July (7); 2023: 11 both.
      expect(await council.locator('tr[data-year="2022"] td').allTextContents()).toEqual(["14", "7"]);
      expect(await council.locator('tr[data-year="2023"] td').allTextContents()).toEqual(["11", "11"]);
      expect(await page.getByTestId("history-forum-sessions").locator('tr[data-year="2018"] td').allTextContents()).toEqual(["—", "—"]);
      expect(await page.getByTestId("history-forum-sessions").locator('tr[data-year="2023"] td').allTextContents()).toEqual(["6", "6"]);
      expect(await page.locator("svg.pair-chart[role=img]").count()).toBe(4);
      await expectAccessible(page, "/governance/history");
      // English, the second language.
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("heading", { level: 1, name: "Governance by year" }).waitFor();
      expect(await council.locator("thead").textContent()).toContain("Entered by hand");
      expect(await council.locator("thead").textContent()).toContain("Counted by Gongnon");
      await expectAccessible(page, "/governance/history (English)");
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 60_000);

  it("the report prints on A4: the four tables, Korean dates, no navigation", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await page.goto("/governance/report?asOf=2023-12-31");
      await page.getByRole("heading", { level: 1, name: "6-2 협치행정 구현 추진실적" }).waitFor();
      expect(await page.getByTestId("report-doc").textContent()).toContain("2023. 12. 31. 기준");
      expect(await text(page, "report-total")).toBe("46.5");
      await expect.poll(() => page.getByTestId("report-log").locator("tbody tr").count()).toBe(32);
      expect(await page.getByTestId("report-log").locator("tbody tr").first().textContent()).toContain("2022. 7. 21.");
      await expectAccessible(page, "/governance/report");

      await page.emulateMedia({ media: "print" });
      for (const id of ["report-summary", "report-log", "budget-years", "budget-items", "report-quarters"]) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
      for (const hidden of [".site-header", ".site-footer", ".masthead", ".report-tools"]) expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
      expect(await page.getByRole("button", { name: "인쇄하기" }).isVisible()).toBe(false);
      await shot(page, "gongnon-governance-report-print.png");

      // The page's own @page size (A4, 210 × 297 mm = 595 × 842 pt) wins over Playwright's "A4" (8.27 × 11.7 in, 596 × 843 pt).
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      writeFileSync(join(SHOTS, "gongnon-governance-report.pdf"), pdf);
      const raw = pdf.toString("latin1");
      const boxes = [...raw.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[3]), Number(m[4])].map(Math.round));
      expect(boxes.length).toBeGreaterThanOrEqual(1);
      for (const box of boxes) expect(box).toEqual([595, 842]);
      const pages = [...raw.matchAll(/\/Type\s*\/Page(?![s\w])/g)].length;
      // Four tables and a 32-row dated log do not fit one page.
      expect(pages).toBeGreaterThanOrEqual(2);
      await page.emulateMedia({ media: "screen" });
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);
});

describe("staff keep the governance record", () => {
  it("record a meeting in the browser and the dashboard's figure and rate for that indicator change; correct it; delete it", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await signIn(page, staff, "/staff/governance");
      await page.getByRole("heading", { level: 1, name: "거버넌스 관리" }).waitFor();
      await page.getByTestId("sg-bodies").waitFor();
      const xlsx = page.getByTestId("report-xlsx");
      expect(await xlsx.getAttribute("href")).toBe(`/api/pledges/${pledgeId}/report?asOf=${kstToday()}`);
      await page.getByLabel("보고서 기준일").fill("2023-12-31");
      expect(await xlsx.getAttribute("href")).toBe(`/api/pledges/${pledgeId}/report?asOf=2023-12-31`);
      const download = await page.request.get(`/api/pledges/${pledgeId}/report?asOf=2023-12-31`);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toContain("spreadsheetml");
      await expectAccessible(page, "/staff/governance");

      await page.getByRole("link", { name: "더불어으뜸관악 혁신·협치위원회" }).click();
      await page.waitForURL(`**/staff/governance/bodies/${committeeId}`);
      await page.getByRole("heading", { level: 1, name: "더불어으뜸관악 혁신·협치위원회" }).waitFor();
      await page.getByTestId("staff-meetings").waitFor();
      await expectAccessible(page, "/staff/governance/bodies/:bodyId");

      const form = page.getByTestId("meeting-new-form");
      // A subcommittee meeting that names no subcommittee: the API's 400, next to the subcommittees.
      await form.getByLabel("회의 종류").selectOption("subcommittee");
      await form.getByLabel("회의 날짜").fill("2023-12-28");
      await form.getByLabel("회의 이름").fill("제3기 더불어으뜸관악 혁신·협치위원회 제3차 전체회의");
      await form.getByRole("button", { name: "회의 기록" }).click();
      await page.locator("#meeting-new-subs-error").waitFor();
      expect(await page.locator("#meeting-new-subs-error").textContent()).toContain("분과 회의는 어느 분과가 모였는지 적어 주세요");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("meeting-new-subs");

      await form.getByLabel("회의 종류").selectOption("full");
      await form.getByLabel("차수").fill("3");
      await form.getByLabel("장소").fill("관악구청 대회의실");
      await form.getByLabel("참석 인원").fill("30");
      await form.getByLabel("정책제안 건수").fill("2");
      await form.getByLabel("안건", { exact: false }).first().fill("2024년 위원회 운영 계획 보고\n분과별 활동 결과 공유");
      await form.getByLabel("결정 사항").fill("2024년 운영 계획 의결");
      await form.getByRole("button", { name: "회의 기록" }).click();
      await page.getByText("‘제3기 더불어으뜸관악 혁신·협치위원회 제3차 전체회의’ 회의를 기록했습니다.").waitFor();
      const row = page.getByTestId("staff-meetings").locator("tbody tr").filter({ hasText: "제3차 전체회의" });
      expect(await row.textContent()).toContain("정책제안 2건");
      expect(await row.textContent()).toContain("참석 30명");

      // The dashboard counts it: 17 of 24 → 70.8%, the total 47.7%.
      await page.goto("/governance?asOf=2023-12-31");
      await page.getByTestId("dash-total").waitFor();
      expect(await text(page, "actual-committee")).toBe("17회");
      expect(await text(page, "rate-committee")).toBe("70.8%");
      expect(await text(page, "dash-total")).toBe("47.7");
      expect(await page.getByTestId("dash-quarters").locator('tr[data-indicator="committee"] td[data-quarter="4"]').textContent()).toBe("4");

      // Re-dated into 2024: the 2023 figures are as before.
      await page.goto(`/staff/governance/bodies/${committeeId}`);
      await row.getByRole("button", { name: /고치기/ }).click();
      const edit = page.getByTestId("meeting-edit-form");
      expect(await edit.getByLabel("장소").inputValue()).toBe("관악구청 대회의실");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("회의 고치기");
      await edit.getByLabel("회의 날짜").fill("2024-01-10");
      await edit.getByRole("button", { name: "고친 내용 저장" }).click();
      await page.getByText("‘제3기 더불어으뜸관악 혁신·협치위원회 제3차 전체회의’ 회의를 고쳤습니다.").waitFor();
      expect(await row.textContent()).toContain("2024년 1월 10일");
      await page.goto("/governance?asOf=2023-12-31");
      await page.getByTestId("dash-total").waitFor();
      expect(await text(page, "actual-committee")).toBe("16회");
      expect(await text(page, "dash-total")).toBe("46.5");

      // Deleted (asked first): as of today it no longer counts either.
      await page.goto(`/staff/governance/bodies/${committeeId}`);
      await row.getByRole("button", { name: /삭제/ }).click();
      await row.getByRole("button", { name: "삭제 확인" }).click();
      await page.getByText("‘제3기 더불어으뜸관악 혁신·협치위원회 제3차 전체회의’ 회의 기록을 삭제했습니다.").waitFor();
      expect(await row.count()).toBe(0);
      await page.goto("/governance");
      await page.getByTestId("dash-total").waitFor();
      expect(await text(page, "actual-committee")).toBe("16회");
      expect(await text(page, "dash-total")).toBe("46.5");
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 180_000);

  it("record a designated task: the advisory group's third quarter is no longer behind schedule", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      const advisoryId = (await call(app.url, "GET", "/api/bodies")).body.bodies.find((b: { kind: string }) => b.kind === "advisory").id;
      await signIn(page, staff, `/staff/governance/bodies/${advisoryId}`);
      await page.getByRole("heading", { level: 1, name: "관악구 정책자문단" }).waitFor();
      await page.getByTestId("task-table").waitFor();
      const form = page.getByTestId("task-form");
      await form.getByLabel("과제").fill("관악 청년 정책 온라인 의견 조사");
      await form.getByLabel("시작일").fill("2023-09-04");
      await form.getByLabel("종료일").fill("2023-09-15");
      await form.getByLabel("방법").selectOption("online_survey");
      await form.getByLabel("대상 인원").fill("127");
      await form.getByLabel("참여 인원").fill("130");
      await form.getByRole("button", { name: "지정과제 기록" }).click();
      // More took part than were invited: the API's 400, next to that field.
      await page.locator("#task-participated-error").waitFor();
      expect(await page.locator("#task-participated-error").textContent()).toContain("참여 인원이 대상 인원보다 많습니다");
      await form.getByLabel("참여 인원").fill("51");
      await form.getByRole("button", { name: "지정과제 기록" }).click();
      await page.getByText("‘관악 청년 정책 온라인 의견 조사’ 지정과제를 기록했습니다.").waitFor();
      expect(await page.getByTestId("task-table").locator("tbody tr").count()).toBe(4);

      await page.goto("/governance?asOf=2023-12-31");
      await page.getByTestId("dash-total").waitFor();
      expect(await text(page, "actual-advisory")).toBe("4회");
      expect(await text(page, "rate-advisory")).toBe("44.4%");
      expect(await page.getByTestId("dash-quarters").getByTestId("behind").count()).toBe(0);
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it("create a body, appoint members; the API's refusals (full, overlapping term, third term) are shown; a term ending soon is flagged; renew", async () => {
    const { context, page, errors } = await kit.newPage();
    const today = kstToday();
    await guarded(page, async () => {
      await signIn(page, staff, "/staff/governance");
      await page.getByRole("heading", { level: 1, name: "거버넌스 관리" }).waitFor();
      const create = page.getByTestId("new-body-form");
      await create.getByLabel("기구 이름").fill("시험 협치 위원회");
      await create.getByLabel("기구 구분").selectOption("other");
      await create.getByLabel("정원(명)").fill("1");
      await create.getByLabel("임기(년)").fill("2");
      await create.getByLabel("연임 가능 횟수").fill("1");
      await create.getByRole("button", { name: "기구 만들기" }).click();
      await page.waitForURL("**/staff/governance/bodies/*");
      await page.getByRole("heading", { level: 1, name: "시험 협치 위원회" }).waitFor();
      await page.getByText("‘시험 협치 위원회’ 기구를 만들었습니다.").waitFor();

      // A term ending in 30 days: flagged.
      const appoint = page.getByTestId("appoint-form");
      await appoint.getByLabel("표시 이름").fill("가위원");
      await appoint.getByLabel("임기 시작일").fill(plusDays(today, -700));
      await appoint.getByLabel("임기 종료일").fill(plusDays(today, 30));
      await appoint.getByRole("button", { name: "위촉" }).click();
      await page.getByText("가위원 위원을 위촉했습니다.").waitFor();
      const a = page.getByTestId("member-table").locator('tr[data-member="가위원"]');
      expect(await a.getByTestId("ending-soon").textContent()).toBe("임기 만료 임박 (D-30)");

      // The body is full during that term.
      await appoint.getByLabel("표시 이름").fill("나위원");
      await appoint.getByLabel("임기 시작일").fill(today);
      // The end follows the start: the body's two-year term.
      expect(await appoint.getByLabel("임기 종료일").inputValue()).toBe(twoYearsFrom(today));
      await appoint.getByRole("button", { name: "위촉" }).click();
      await page.getByTestId("appoint-term-error").waitFor();
      expect(await page.getByTestId("appoint-term-error").textContent()).toContain("시험 협치 위원회의 정원은 1명입니다");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("appoint-term");

      // Renewal overlapping the current term: refused.
      await a.getByRole("button", { name: /연임/ }).click();
      const renew = page.getByTestId("renew-form");
      expect(await renew.getByLabel("임기 시작일").inputValue()).toBe(plusDays(today, 31));
      await renew.getByLabel("임기 시작일").fill(plusDays(today, 10));
      await renew.getByRole("button", { name: "연임 기록" }).click();
      await page.getByTestId("renew-term-error").waitFor();
      expect(await page.getByTestId("renew-term-error").textContent()).toContain("새 임기가 기존 임기");
      await expectAccessible(page, "/staff/governance/bodies/:bodyId (members, refusals)");

      // From the day after: the second term; no longer ending soon.
      await renew.getByLabel("임기 시작일").fill(plusDays(today, 31));
      await renew.getByRole("button", { name: "연임 기록" }).click();
      await page.getByText("가위원 위원의 2번째 임기를 기록했습니다.").waitFor();
      expect(await a.getByTestId("ending-soon").count()).toBe(0);
      expect(await a.locator("ol li").count()).toBe(2);

      // A third term: beyond the one renewal allowed.
      await a.getByRole("button", { name: /연임/ }).click();
      await page.getByTestId("renew-form").getByRole("button", { name: "연임 기록" }).click();
      await page.getByTestId("renew-term-error").waitFor();
      expect(await page.getByTestId("renew-term-error").textContent()).toContain("연임을 1회까지 허용합니다");
      await page.getByTestId("renew-form").getByRole("button", { name: "취소" }).click();

      // A change of name.
      await a.getByRole("button", { name: /고치기/ }).click();
      await page.getByTestId("member-edit-form").getByLabel("표시 이름").fill("가위원장");
      await page.getByTestId("member-edit-form").getByRole("button", { name: "저장" }).click();
      await page.getByText("가위원장 위원 정보를 저장했습니다.").waitFor();
      await page.getByTestId("member-table").locator('tr[data-member="가위원장"]').waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 180_000);

  it("enter a history series by hand; the public page shows it labelled", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await signIn(page, staff, "/staff/governance/history");
      await page.getByRole("heading", { level: 1, name: "연도별 기록 입력" }).waitFor();
      const form = page.getByTestId("hs-council-meetings-form");
      expect(await form.getByLabel("2018년").inputValue()).toBe("16");
      await expectAccessible(page, "/staff/governance/history");
      await form.getByLabel("2018년").fill("17");
      await form.getByRole("button", { name: "저장" }).click();
      await page.getByText("‘협치회의 운영’ 기록을 저장했습니다.").waitFor();
      await page.getByRole("link", { name: "공개 화면 보기" }).click();
      await page.getByRole("heading", { level: 1, name: "연도별 협치 기록" }).waitFor();
      await expect.poll(async () => page.getByTestId("history-council-meetings").locator('tr[data-year="2018"] td').allTextContents()).toEqual(["17", "—"]);
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it("edit the pledge's weights and targets: the API's 400s next to their fields, then the dashboard follows", async () => {
    const { context, page, errors } = await kit.newPage();
    await guarded(page, async () => {
      await signIn(page, staff, `/staff/governance/pledges/${pledgeId}`);
      await page.getByRole("heading", { level: 1, name: "6-2 협치행정 구현" }).waitFor();
      const committee = page.locator('fieldset[data-item="committee"]');
      expect(await committee.getByLabel("비율(%)").inputValue()).toBe("30");
      expect(await committee.getByLabel("2026년 목표").inputValue()).toBe("3");
      await committee.getByText(/실적 집계: 더불어으뜸관악 혁신·협치위원회의 전체회의·기획위원회·분과위원회 개최 수/).waitFor();
      await expectAccessible(page, "/staff/governance/pledges/:pledgeId");

      // Weights that add up to 110%: the API's message on the weights' sum.
      await committee.getByLabel("비율(%)").fill("40");
      expect(await text(page, "weight-sum")).toContain("비율 합계 110%");
      await page.getByRole("button", { name: "공약 저장" }).click();
      await page.locator("#pl-weights-error").waitFor();
      expect(await page.locator("#pl-weights-error").textContent()).toContain("100%여야 합니다");

      // A negative target: the API's message next to that year's field.
      await committee.getByLabel("비율(%)").fill("30");
      await committee.getByLabel("2026년 목표").fill("-1");
      await page.getByRole("button", { name: "공약 저장" }).click();
      await page.locator("#pl-0-t-2026-error").waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pl-0-t-2026");
      await expectAccessible(page, "/staff/governance/pledges/:pledgeId (errors)");

      // 2026 target 4: 16 of 25 → 64.0%.
      await committee.getByLabel("2026년 목표").fill("4");
      await page.getByRole("button", { name: "공약 저장" }).click();
      await page.getByText("공약을 저장했습니다.", { exact: false }).waitFor();
      await page.goto("/governance?asOf=2023-12-31");
      await page.getByTestId("dash-total").waitFor();
      expect(await text(page, "rate-committee")).toBe("64.0%");
      expect(errors).toEqual([]);
    });
    await context.close();
    // Put the demo's pledge back as it was.
    const restored = (await call(app.url, "GET", `/api/pledges/${pledgeId}`)).body;
    restored.items[0].targets["2026"] = 3;
    const { id: _id, createdAt: _c, updatedAt: _u, ...input } = restored;
    expect((await call(app.url, "PUT", `/api/pledges/${pledgeId}`, { token: staffToken, body: input })).status).toBe(200);
    expect(kit.cspViolations).toEqual([]);
  }, 120_000);
});
