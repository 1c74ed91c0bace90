import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { Proposal } from "../../core/proposals/proposal.js";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { SHOTS, expectAccessible, shot, signIn, useBrowser } from "../support/browser.js";

/**
 * From core agendas to funded work, in a real headless Chromium against the real server and
 * DynamoDB Local: staff build a project from two core agendas (agendas, field, plan, budget lines
 * with their running total), record the council's decision (and correct it) and the district
 * council's budget, assign the task-force account; the task-force member lands on /taskforce and
 * files a quarter's card (and files it again: version 2); the public funnel shows the counts and
 * the money and drills down into a step (what is in it, what dropped out and why); the receipt of one
 * of the two agendas shows its journey to the end. axe (WCAG 2.1 A/AA) on every new page, at phone
 * width for the public ones too.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1180, height: 820 };

const kit = useBrowser("projects", { viewport: DESKTOP });
const app = kit.app;
const newPage = kit.newPage;
let staff: Account;
let taskforce: Account;
let staffToken: string;
let forumId: string;
/** Five agendas captured at the session; the first three become core agendas. */
let agendas: { id: string; receipt: string; title: string; field: string }[];
let projectId: string;

const PROJECT = "골목길 안심 조명과 안내판 설치";
const MEETING = "관악구 협치회의 제2차 전체회의";

beforeAll(async () => {
  staff = await createAccount("staff", "담당 서하늘");
  taskforce = await createAccount("taskforce", "추진반 강민재");
  staffToken = await login(app.url, staff);
  const f = await call(app.url, "POST", "/api/forums", { token: staffToken, body: { title: "2023 협치관악 사업 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" } });
  expect(f.status, JSON.stringify(f.body)).toBe(201);
  forumId = f.body.id;
  const s = await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: staffToken, body: { title: "1회차 — 동부권", startsAt: "2023-04-18T19:00", venue: "구청 대강당" } });
  expect(s.status).toBe(201);
  agendas = [];
  for (const [title, field] of [
    ["골목길 야간 조명 확충", "도시건설"],
    ["통학로 안내판 정비", "도시건설"],
    ["어르신 무료 급식소 확대", "복지보건"],
    ["청년 창업 공유 공간 조성", "행정경제"],
    ["마을 도서관 주말 운영", "청년문화"],
  ] as const) {
    const p = await call(app.url, "POST", `/api/sessions/${s.body.id}/proposals`, { token: staffToken, body: { title, field } });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    agendas.push({ id: p.body.id, receipt: p.body.receipt, title, field });
  }
  await Proposal.advance(agendas.slice(0, 3).map((a) => a.id), "core", "핵심 의제 선정 투표");
});

/** On failure: a screenshot of where it happened. */
async function guarded(page: Page, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    await page.screenshot({ path: join(SHOTS, `gongnon-projects-failed-${Date.now()}.png`), fullPage: true }).catch(() => undefined);
    throw err;
  }
}

describe("staff turn core agendas into a project", () => {
  it("build it from two core agendas with budget lines, record and correct the council's decision, the budget, assign the task force", async () => {
    const { context, page, errors } = await newPage();
    await guarded(page, async () => {
      await signIn(page, staff, `/staff/forums/${forumId}`);
      await page.getByRole("heading", { level: 1, name: "2023 협치관악 사업 공론장" }).waitFor();
      await page.getByRole("link", { name: "사업 관리", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "사업 관리" }).waitFor();
      await page.getByText("아직 만든 사업이 없습니다.").waitFor();
      const choices = page.getByTestId("pf-agenda-choices");
      await choices.waitFor();
      // The core agendas (and only they): three of the five.
      expect(await choices.locator("li").count()).toBe(3);
      // The exports are plain links with the filters in their address.
      expect(await page.getByTestId("export-xlsx").getAttribute("href")).toBe(`/api/forums/${forumId}/exports?format=xlsx`);
      await page.getByLabel("분야", { exact: true }).selectOption("도시건설");
      expect(await page.getByTestId("export-csv").getAttribute("href")).toBe(`/api/forums/${forumId}/exports?format=csv&field=${encodeURIComponent("도시건설")}&sheet=plans`);
      await expectAccessible(page, "/staff/forums/:forumId/projects");

      await page.getByLabel("분야(분과)").selectOption("도시건설");
      await page.getByLabel("사업명").fill(PROJECT);
      await page.getByLabel("추진 목적").fill("밤길이 어두운 골목과 통학로를 안전하게 합니다.");
      await page.getByLabel("사업 내용").fill("조명이 부족한 골목에 안심 조명을 달고, 통학로 안내판을 새로 만듭니다.");
      await page.getByLabel("사업 시작일").fill("2024-01-01");
      await page.getByLabel("사업 종료일").fill("2024-12-31");
      await page.getByLabel("공공 위원 수").fill("2");
      await page.getByLabel("민간 위원 수").fill("3");
      await page.getByLabel("예산 항목 1", { exact: true }).fill("안심 조명 설치");
      await page.getByLabel("항목 1 금액(천원)").fill("40000");
      await page.getByRole("button", { name: "예산 항목 추가" }).click();
      await page.getByLabel("예산 항목 2", { exact: true }).fill("통학로 안내판 제작");
      await page.getByLabel("항목 2 금액(천원)").fill("24,000");
      // The running total, both ways.
      expect(await page.getByTestId("pf-total").textContent()).toContain("64,000천원");
      expect(await page.getByTestId("pf-total").textContent()).toContain("6,400만 원");

      // No agenda chosen: the API's message sits on the agendas, which take the focus.
      await page.getByRole("button", { name: "사업 만들기" }).click();
      await page.locator("#pf-agendas-error").waitFor();
      expect(await page.locator("#pf-agendas-error").textContent()).toContain("핵심 의제를 하나 이상 고르세요");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pf-agendas");

      await choices.getByLabel(agendas[0]!.title).check();
      await choices.getByLabel(agendas[1]!.title).check();
      await page.getByText("2개 골랐습니다.").waitFor();
      await shot(page, "gongnon-projects-create.png");
      await page.getByRole("button", { name: "사업 만들기" }).click();

      await page.waitForURL("**/staff/projects/*");
      projectId = new URL(page.url()).pathname.split("/").pop()!;
      await page.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
      await page.getByText(`‘${PROJECT}’ 사업을 만들었습니다.`).waitFor();
      expect(await page.getByTestId("project-stage").first().textContent()).toContain("계획");
      expect(await page.getByTestId("budget-total").textContent()).toBe("64,000천원");
      expect(await page.getByTestId("project-agendas").locator("li").allTextContents()).toEqual([expect.stringContaining(agendas[0]!.title), expect.stringContaining(agendas[1]!.title)]);
      await expectAccessible(page, "/staff/projects/:projectId (plan)");

      // The council first says no (a reason code is needed), then the decision is corrected.
      const council = page.getByTestId("council-form");
      await council.getByLabel("미선정").check();
      await council.getByRole("button", { name: "협치회의 선정 결정 기록" }).click();
      await page.locator("#council-new-code-error").waitFor();
      await council.getByLabel("사유 구분").selectOption("priority");
      await council.getByLabel("결정일(회의일)").fill("2023-09-15");
      await council.getByLabel("회의 이름").fill(MEETING);
      await council.getByRole("button", { name: "협치회의 선정 결정 기록" }).click();
      await page.getByText("협치회의 선정: ‘미선정’ 결정을 기록했습니다.").waitFor();
      expect(await page.getByTestId("project-stage").first().textContent()).toContain("미선정");

      await page.getByTestId("council-decision").getByRole("button", { name: "정정" }).click();
      const fix = page.getByTestId("council-form");
      await fix.getByLabel("선정", { exact: true }).check();
      await fix.getByLabel("사유 구분").selectOption("");
      expect(await fix.getByLabel("제안액(천원)").inputValue()).toBe("64000");
      await fix.getByRole("button", { name: "정정 기록" }).click();
      await page.getByText("협치회의 선정 결정을 ‘선정’(으)로 정정했습니다. 이전 결정은 기록에 남습니다.").waitFor();
      const history = page.getByTestId("decision-history");
      expect(await history.locator("tbody tr").count()).toBe(2);
      expect(await history.locator("tbody tr").first().textContent()).toContain("정정됨");
      expect(await history.locator("tbody tr").nth(1).textContent()).toContain("유효");

      // Once decided, the plan's budget, agendas and field are fixed.
      await page.getByRole("button", { name: "계획 고치기" }).click();
      await page.getByText("협치회의가 결정한 사업이라 핵심 의제, 분야, 예산은 바꿀 수 없습니다.").waitFor();
      expect(await page.getByLabel("분야(분과)").isDisabled()).toBe(true);
      expect(await page.getByLabel("항목 1 금액(천원)").isDisabled()).toBe(true);
      await page.getByRole("button", { name: "취소", exact: true }).click();

      // The district council funds it in full (the proposed amount by default).
      const budget = page.getByTestId("budget-form");
      await budget.waitFor();
      expect(await budget.getByLabel("반영액(천원)").inputValue()).toBe("64000");
      await budget.getByLabel("결정일(회의일)").fill("2023-12-15");
      await budget.getByLabel("회의 이름").fill("관악구의회 제2차 정례회 본회의");
      await budget.getByRole("button", { name: "구의회 예산 결정 기록" }).click();
      await page.getByText("구의회 예산: ‘예산 반영’ 결정을 기록했습니다.").waitFor();
      expect(await page.getByTestId("project-stage").first().textContent()).toContain("예산 반영");
      const ladder = page.getByTestId("ladder-table");
      expect(await ladder.locator('tr[data-step="proposed"]').textContent()).toContain("64,000천원");
      expect(await ladder.locator('tr[data-step="approved"]').textContent()).toContain("64,000천원");

      // The task force: the account assigned.
      await page.getByLabel("배정할 실행추진반 계정").selectOption({ label: `추진반 강민재 (${taskforce.email})` });
      await page.getByRole("button", { name: "배정", exact: true }).click();
      await page.getByText("추진반 강민재 계정을 배정했습니다.").waitFor();
      expect(await page.getByTestId("taskforce-members").textContent()).toContain("추진반 강민재");
      await expectAccessible(page, "/staff/projects/:projectId (decided, task force assigned)");
      await shot(page, "gongnon-projects-staff-project.png");

      const members = await call(app.url, "GET", `/api/projects/${projectId}/members`, { token: staffToken });
      expect(members.body.members.map((m: { userId: string }) => m.userId)).toEqual([taskforce.id]);
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it("staff may create task-force accounts", async () => {
    const { context, page, errors } = await newPage();
    await guarded(page, async () => {
      await signIn(page, staff, "/staff/users");
      await page.getByRole("heading", { level: 1, name: "계정 관리" }).waitFor();
      expect(await page.locator("#user-role option").allTextContents()).toEqual(["진행자", "실행추진반"]);
      await page.getByLabel("이름").fill("추진반 윤서진");
      await page.getByLabel("이메일").fill(`tf-${Date.now()}@test.gongnon.kr`);
      await page.locator("#user-role").selectOption("taskforce");
      await page.getByLabel("초기 비밀번호").fill("pw-long-enough-1");
      await page.getByRole("button", { name: "계정 만들기" }).click();
      await page.getByText(/추진반 윤서진\(.+\) 계정을 만들었습니다\./).waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});

describe("the task force reports quarterly", () => {
  it("a task-force member lands on /taskforce, files the first quarter's card, then files it again (version 2)", async () => {
    const { context, page, errors } = await newPage();
    await guarded(page, async () => {
      await signIn(page, taskforce);
      await page.waitForURL("**/taskforce");
      await page.getByRole("heading", { level: 1, name: "내 사업" }).waitFor();
      await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "내 사업" }).waitFor();
      await page.getByTestId("tf-projects").getByRole("heading", { name: PROJECT }).waitFor();
      await expectAccessible(page, "/taskforce");
      await page.getByRole("link", { name: new RegExp(`^관리카드 작성\\s*: ${PROJECT}$`) }).click();

      await page.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
      const form = page.getByTestId("card-form");
      await form.waitFor();
      expect(await page.getByLabel("분기", { exact: true }).inputValue()).toBe("2024Q1");
      await expectAccessible(page, "/taskforce/projects/:projectId (card form)");
      await page.getByLabel("진척도(%)").fill("30");
      await page.getByLabel("지연").check();
      await page.getByLabel("이번 분기 집행액(천원)").fill("12000");
      await page.getByLabel("이번 분기 추진 내용").fill("설치할 골목 12곳을 주민과 함께 정했습니다.");
      await page.getByLabel("다음 분기 계획").fill("조명 6곳 설치, 안내판 시안 확정");
      await page.getByLabel("문제점과 건의").fill("한전 협의가 늦어지고 있습니다.");
      await page.getByLabel("분기 회의일").fill("2024-03-20");
      await shot(page, "gongnon-projects-card-form.png");
      await page.getByRole("button", { name: "관리카드 제출" }).click();
      await page.getByTestId("card-notice").waitFor();
      expect(await page.getByTestId("card-notice").textContent()).toBe("2024년 1분기 관리카드를 제출했습니다.");
      expect(await page.getByTestId("earlier-cards").locator("li").count()).toBe(1);

      // The same quarter again: the form holds the card as filed; sending it makes version 2.
      expect(await page.getByLabel("진척도(%)").inputValue()).toBe("30");
      await page.getByLabel("진척도(%)").fill("35");
      await page.getByRole("button", { name: "고친 관리카드 제출" }).click();
      await page.getByText("2024년 1분기 관리카드를 고쳤습니다 (2번째 판).").waitFor();
      expect(await page.getByTestId("earlier-cards").textContent()).toContain("2번째 판");
      expect(await page.getByTestId("earlier-cards").textContent()).toContain("35%");
      await expectAccessible(page, "/taskforce/projects/:projectId (filed)");
      await shot(page, "gongnon-projects-card-filed.png");

      const cards = await call(app.url, "GET", `/api/projects/${projectId}/cards`, { token: staffToken });
      expect(cards.body.cards).toHaveLength(1);
      expect(cards.body.cards[0]).toMatchObject({ quarter: "2024Q1", progress: 35, status: "delayed", spend: 12000, version: 2 });
      // A task-force member has no staff pages.
      await page.goto("/staff");
      await page.getByText("이 화면을 쓸 권한이 없습니다.").waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 90_000);

  it("staff see the project among those that need a look, and sign the card off", async () => {
    const { context, page, errors } = await newPage();
    await guarded(page, async () => {
      await signIn(page, staff, "/staff");
      const panel = page.getByTestId("attention");
      await panel.getByRole("link", { name: PROJECT }).waitFor();
      const item = panel.locator(".attention-item", { hasText: PROJECT });
      expect(await item.textContent()).toContain("확인 전 관리카드: 2024년 1분기");
      expect(await item.textContent()).toContain("지연");
      expect(await item.textContent()).toContain("2024년 2분기 관리카드 기한 지남");
      await expectAccessible(page, "/staff (with projects that need a look)");
      await shot(page, "gongnon-projects-attention.png");
      await panel.getByRole("link", { name: PROJECT }).click();
      await page.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
      expect(await page.getByTestId("project-stage").first().textContent()).toContain("추진 중");
      const q1 = page.getByTestId("staff-cards").locator('li[data-quarter="2024Q1"]');
      expect(await q1.textContent()).toContain("35%");
      await q1.getByRole("button", { name: /^확인\s*: 2024년 1분기$/ }).click();
      await page.getByText("2024년 1분기 관리카드를 확인했습니다.").waitFor();
      await q1.getByText(/담당 서하늘 확인/).waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 60_000);
});

describe("the public funnel and a proposal's journey", () => {
  it("the funnel page shows counts and money, drills into a step (what is in it, what dropped out and why), at desktop and phone widths", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page, errors } = await newPage(viewport);
      const where = viewport === PHONE ? " (phone)" : "";
      await guarded(page, async () => {
        await page.goto(`/forums/${forumId}`);
        await page.getByRole("heading", { level: 2, name: "제안에서 사업까지" }).waitFor();
        await page.getByRole("link", { name: "자세히 보기" }).click();
        await page.getByRole("heading", { level: 1, name: "제안에서 사업까지" }).waitFor();
        const table = page.getByTestId("funnel-table");
        await table.waitFor();
        expect(await page.getByTestId("funnel-count-proposals").textContent()).toBe("5건");
        expect(await page.getByTestId("funnel-count-core").textContent()).toBe("3건");
        expect(await page.getByTestId("funnel-count-plans").textContent()).toBe("1건");
        expect(await page.getByTestId("funnel-money-plans").textContent()).toBe("64,000천원");
        expect(await page.getByTestId("funnel-money-selected").textContent()).toBe("64,000천원");
        expect(await page.getByTestId("funnel-money-funded").textContent()).toBe("64,000천원");
        expect(await page.getByTestId("funnel-count-running").textContent()).toBe("1건");
        expect(await page.getByTestId("funnel-money-running").textContent()).toBe("12,000천원");
        // The chart writes its figures too, and names itself.
        const svg = page.getByTestId("funnel-svg");
        expect(await svg.textContent()).toContain("64,000천원");
        expect(await svg.getAttribute("role")).toBe("img");
        expect(await page.locator("#funnel-desc").textContent()).toContain("실행계획 1건 신청액 64,000천원");
        await expectAccessible(page, `/forums/:forumId/funnel${where}`);
        await shot(page, `gongnon-projects-funnel${viewport === PHONE ? "-phone" : ""}.png`);

        // Pressing the step on the chart opens it: the plan, and the core agenda that went into none, with why.
        await svg.locator('g[data-step="plans"]').click();
        await page.waitForURL("**/funnel?step=plans");
        const drill = page.getByTestId("funnel-drill");
        await drill.getByRole("heading", { level: 2, name: "실행계획 단계" }).waitFor();
        await drill.getByTestId("drill-items").waitFor();
        expect(await drill.getByTestId("drill-items").locator("tbody tr").count()).toBe(1);
        expect(await drill.getByTestId("drill-items").textContent()).toContain("64,000천원");
        const dropped = drill.getByTestId("drill-dropped");
        expect(await dropped.locator("tbody tr").count()).toBe(1);
        expect(await dropped.textContent()).toContain(agendas[2]!.title);
        expect(await dropped.textContent()).toContain("실행계획으로 이어지지 않음");
        // The heading of the opened step has the focus.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("drill-h");
        await expectAccessible(page, `/forums/:forumId/funnel?step=plans${where}`);
        await shot(page, `gongnon-projects-funnel-drill${viewport === PHONE ? "-phone" : ""}.png`);

        // The table's link opens a step as well (the keyboard's way): the core agendas, and the two proposals that were not.
        await table.getByRole("link", { name: /^목록 보기\s*: 핵심 의제$/ }).click();
        await drill.getByRole("heading", { level: 2, name: "핵심 의제 단계" }).waitFor();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="drill-dropped"] tbody tr').length === 2);
        expect(await drill.getByTestId("drill-dropped").textContent()).toContain("핵심 의제로 선정되지 않음");

        // The open data.
        expect(await page.getByTestId("open-data-json").getAttribute("href")).toBe(`/api/forums/${forumId}/open-data?format=json`);
        expect(await page.getByTestId("open-data-csv").getAttribute("href")).toBe(`/api/forums/${forumId}/open-data?format=csv`);

        // A project in a step links to its public page.
        await table.getByRole("link", { name: /^목록 보기\s*: 구의회 예산 반영$/ }).click();
        await drill.getByRole("heading", { level: 2, name: "구의회 예산 반영 단계" }).waitFor();
        await drill.getByTestId("drill-items").getByRole("link", { name: PROJECT }).click();
        await page.getByRole("heading", { level: 1, name: PROJECT }).waitFor();
        await page.getByTestId("ladder-table").waitFor();
        expect(await page.getByTestId("ladder-table").locator('tr[data-step="approved"]').textContent()).toContain("64,000천원");
        expect(await page.getByTestId("public-decisions").textContent()).toContain(MEETING);
        expect(await page.getByTestId("latest-progress").textContent()).toContain("35%");
        // No names of the task force on the public page.
        expect(await page.locator("main").textContent()).not.toContain("추진반 강민재");
        await expectAccessible(page, `/projects/:projectId${where}`);
        await shot(page, `gongnon-projects-public-project${viewport === PHONE ? "-phone" : ""}.png`);
        expect(errors).toEqual([]);
      });
      await context.close();
    }
  }, 120_000);

  it("the receipt of one of the two agendas shows its journey: the project, selected, funded with the amount, the latest progress", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const { context, page, errors } = await newPage(viewport);
      await guarded(page, async () => {
        await page.goto(`/p/${agendas[1]!.receipt}`);
        await page.getByTestId("proposal-title").waitFor();
        const journey = page.getByTestId("journey");
        await journey.waitFor();
        expect(await journey.getByTestId("journey-project").textContent()).toContain(PROJECT);
        expect(await journey.getByTestId("journey-council").textContent()).toContain("협치회의에서 선정");
        expect(await journey.getByTestId("journey-council").textContent()).toContain(MEETING);
        expect(await journey.getByTestId("journey-budget").textContent()).toContain("구의회 예산 64,000천원 반영");
        expect(await journey.getByTestId("journey-progress").textContent()).toContain("2024년 1분기");
        expect(await journey.getByTestId("journey-progress").textContent()).toContain("35%");
        expect(await journey.getByTestId("journey-stopped").count()).toBe(0);
        await expectAccessible(page, `/p/:code (journey)${viewport === PHONE ? " (phone)" : ""}`);
        await shot(page, `gongnon-projects-journey${viewport === PHONE ? "-phone" : ""}.png`);

        // An agenda that went into no project says where it stopped, and why.
        await page.goto(`/p/${agendas[2]!.receipt}`);
        await page.getByTestId("journey-stopped").waitFor();
        expect(await page.getByTestId("journey").textContent()).toContain("‘실행계획 반영’ 단계에 이르지 못했습니다");
        expect(await page.getByTestId("journey-stopped").textContent()).toBe("실행계획으로 이어지지 않았습니다");
        await expectAccessible(page, `/p/:code (stopped)${viewport === PHONE ? " (phone)" : ""}`);
        expect(errors).toEqual([]);
      });
      await context.close();
    }
  }, 90_000);
});

describe("the pages' Content-Security-Policy", () => {
  it("every page visited above ran under it without a single refusal", () => {
    expect(kit.cspViolations).toEqual([]);
  });
});
