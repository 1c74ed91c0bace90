import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { Proposal } from "../../../core/proposals/proposal.js";
import { call, type Account } from "../../support/harness.js";
import { seedForum, signedIn, useApp } from "../../support/fixtures.js";

/**
 * Projects through the real HTTP API: who may do what (staff, the project's task force, another
 * project's task force, facilitators, the public), bad input that writes nothing, the exports
 * read back with a real XLSX reader and as CSV, the public open data without names, and the
 * receipt page's journey.
 */
const app = useApp();
let staff: string, admin: string;
let member: Account & { token: string }, otherMember: Account & { token: string }, fac: Account & { token: string };
let forumId: string, sessionId: string;
let core: string[];
let projectId: string, otherProjectId: string;
let receiptOfFirst: string;

const plan = (agendaIds: string[], extra: Record<string, unknown> = {}) => ({
  title: "골목 쉼터 조성",
  purpose: "쉬어 갈 곳",
  content: "그늘막과 의자",
  field: "도시건설",
  period: { startsOn: "2024-01-01", endsOn: "2024-12-31" },
  taskForce: { publicMembers: 2, privateMembers: 3, members: [{ name: "비공개이름갑", side: "private" }] },
  budgetLines: [
    { item: "시설비", amount: 50_000 },
    { item: "운영비", amount: 14_000 },
  ],
  agendaIds,
  ...extra,
});
const card = (quarter: string, extra: Record<string, unknown> = {}) => ({
  quarter,
  progress: 30,
  status: "on_track",
  spend: 5_000,
  milestonesDone: "부지 확정",
  milestonesNext: "설계",
  issues: "비공개 문제점",
  ...extra,
});

beforeAll(async () => {
  ({ token: staff } = await signedIn(app, "staff"));
  ({ token: admin } = await signedIn(app, "admin"));
  member = await signedIn(app, "taskforce", "추진반원 가");
  otherMember = await signedIn(app, "taskforce", "추진반원 나");
  fac = await signedIn(app, "facilitator");
  const forum = await seedForum(app, staff, { title: "사업 API 공론장", sessions: [{ title: "1회차", startsAt: "2023-04-18T19:00" }] });
  [forumId, sessionId] = [forum.id, forum.sessions[0]!];
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staff, body: { title: `사업 의제 ${i + 1}`, field: "도시건설" } });
    ids.push(res.body.id);
    if (i === 0) receiptOfFirst = res.body.receipt;
  }
  await Proposal.advance(ids.slice(0, 4), "core");
  core = ids.slice(0, 4);
  projectId = (await call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[0]!, core[1]!]) })).body.id;
  otherProjectId = (await call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[2]!], { title: "=HYPERLINK(\"http://evil\")" }) })).body.id;
  expect((await call(app.url, "POST", `/api/projects/${projectId}/members`, { token: staff, body: { userId: member.id } })).status).toBe(201);
  expect((await call(app.url, "POST", `/api/projects/${otherProjectId}/members`, { token: staff, body: { userId: otherMember.id } })).status).toBe(201);
});

const decide = (id: string, body: Record<string, unknown>, token = staff) => call(app.url, "POST", `/api/projects/${id}/decisions`, { token, body });

describe("the road through the API", () => {
  it("staff decide, the project's task force files cards, the funnel and the journey follow", async () => {
    expect((await decide(projectId, { kind: "budget", outcome: "funded", decidedOn: "2023-12-01" })).body.error.code).toBe("not_selected");
    const selected = await decide(projectId, { kind: "council", outcome: "selected", decidedOn: "2023-09-15", meeting: { on: "2023-09-15", name: "관악구 협치회의 제2차 전체회의" } });
    expect(selected.status).toBe(200);
    expect(selected.body.money.proposed.amount).toBe(64_000);
    const above = await decide(projectId, { kind: "budget", outcome: "funded", amount: 70_000, decidedOn: "2023-12-15" });
    expect(above.status).toBe(409);
    expect(above.body.error.code).toBe("approved_above_proposed");
    const funded = await decide(projectId, { kind: "budget", outcome: "funded", decidedOn: "2023-12-15" });
    expect(funded.body.stage).toBe("funded");
    await decide(otherProjectId, { kind: "council", outcome: "selected", decidedOn: "2023-09-15" });
    await decide(otherProjectId, { kind: "budget", outcome: "rejected", reasonCode: "budget", decidedOn: "2023-12-15" });

    const filed = await call(app.url, "POST", `/api/projects/${projectId}/cards`, { token: member.token, body: card("2024Q1") });
    expect(filed.status).toBe(201);
    const again = await call(app.url, "POST", `/api/projects/${projectId}/cards`, { token: member.token, body: card("2024Q1", { spend: 7_000, progress: 35 }) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, spend: 7_000 });
    expect(again.body.history).toHaveLength(1);
    expect((await call(app.url, "POST", `/api/projects/${projectId}/cards/2024Q1/sign-off`, { token: staff })).body.signedOff.name).toBeTruthy();

    const funnel = (await call(app.url, "GET", `/api/forums/${forumId}/funnel`)).body;
    expect(funnel.steps.map((s: { step: string; count: number; money?: number }) => [s.step, s.count, s.money ?? null])).toEqual([
      ["proposals", 5, null],
      ["core", 4, null],
      ["plans", 2, 128_000],
      ["selected", 2, 128_000],
      ["funded", 1, 64_000],
      ["running", 1, 7_000],
    ]);
    const drill = (await call(app.url, "GET", `/api/forums/${forumId}/funnel/funded`)).body;
    expect(drill.dropped).toEqual([expect.objectContaining({ id: otherProjectId, reason: expect.objectContaining({ ko: "재원 부족" }) })]);
    expect((await call(app.url, "POST", `/api/forums/${forumId}/funnel/recount`, { token: staff })).body.ok).toBe(true);

    const receipt = (await call(app.url, "GET", `/api/proposals/${receiptOfFirst}`)).body;
    expect(receipt.journey.projects).toEqual([
      expect.objectContaining({ id: projectId, stage: "running", council: expect.objectContaining({ outcome: "selected", meeting: "관악구 협치회의 제2차 전체회의" }), budget: expect.objectContaining({ outcome: "funded", amount: 64_000 }), latest: { quarter: "2024Q1", progress: 35, status: "on_track" } }),
    ]);
    expect(receipt.journey.stopped).toBeUndefined();
    expect(receipt.proposal.stage).toBe("funded");
  });
});

describe("who may do what", () => {
  type Who = "anon" | "fac" | "member" | "otherMember" | "staff" | "admin";
  const tokenOf = (who: Who) => ({ anon: undefined, fac: fac.token, member: member.token, otherMember: otherMember.token, staff, admin })[who];
  const cases: { name: string; method: string; path: () => string; body?: () => unknown; expect: Record<Who, number> }[] = [
    { name: "create a project", method: "POST", path: () => `/api/forums/${forumId}/projects`, body: () => plan([core[3]!]), expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 201, admin: 201 } },
    { name: "change a plan", method: "PATCH", path: () => `/api/projects/${projectId}`, body: () => ({ purpose: "바뀐 목적" }), expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "record a decision", method: "POST", path: () => `/api/projects/${projectId}/decisions`, body: () => ({ kind: "council", outcome: "selected", decidedOn: "2023-09-15" }), expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 409, admin: 409 } },
    // The member files 2024Q3 first (201); staff filing it again update it (200).
    { name: "file a card for the project", method: "POST", path: () => `/api/projects/${projectId}/cards`, body: () => card("2024Q3"), expect: { anon: 401, fac: 403, member: 201, otherMember: 403, staff: 200, admin: 200 } },
    { name: "read the project's cards", method: "GET", path: () => `/api/projects/${projectId}/cards`, expect: { anon: 401, fac: 403, member: 200, otherMember: 403, staff: 200, admin: 200 } },
    { name: "sign a card off", method: "POST", path: () => `/api/projects/${projectId}/cards/2024Q1/sign-off`, expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "list the task force", method: "GET", path: () => `/api/projects/${projectId}/members`, expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "projects needing a look", method: "GET", path: () => "/api/projects/attention", expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "recount the funnel", method: "POST", path: () => `/api/forums/${forumId}/funnel/recount`, expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "export", method: "GET", path: () => `/api/forums/${forumId}/exports?format=csv`, expect: { anon: 401, fac: 403, member: 403, otherMember: 403, staff: 200, admin: 200 } },
    { name: "the funnel (public)", method: "GET", path: () => `/api/forums/${forumId}/funnel`, expect: { anon: 200, fac: 200, member: 200, otherMember: 200, staff: 200, admin: 200 } },
    { name: "a project (public)", method: "GET", path: () => `/api/projects/${projectId}`, expect: { anon: 200, fac: 200, member: 200, otherMember: 200, staff: 200, admin: 200 } },
    { name: "open data (public)", method: "GET", path: () => `/api/forums/${forumId}/open-data?format=json`, expect: { anon: 200, fac: 200, member: 200, otherMember: 200, staff: 200, admin: 200 } },
  ];
  const order: Who[] = ["anon", "fac", "otherMember", "member", "staff", "admin"];
  for (const c of cases) {
    it(`${c.name}: ${order.map((w) => `${w} ${c.expect[w]}`).join(", ")}`, async () => {
      for (const who of order) {
        const res = await call(app.url, c.method, c.path(), { token: tokenOf(who), body: c.body?.() });
        expect({ who, status: res.status }).toEqual({ who, status: c.expect[who] });
      }
    });
  }

  it("a task-force member sees their own projects only", async () => {
    const mine = await call(app.url, "GET", "/api/me/projects", { token: member.token });
    expect(mine.body.projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
  });

  it("only task-force accounts can be assigned", async () => {
    const res = await call(app.url, "POST", `/api/projects/${projectId}/members`, { token: staff, body: { userId: fac.id } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("not_taskforce");
  });
});

describe("bad input is a clear 4xx and writes nothing", () => {
  const refused: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
    ["a negative amount", () => call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[3]!], { budgetLines: [{ item: "x", amount: -5 }] }) }), 400, "budgetLines.0.amount"],
    ["an amount with a fraction", () => call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[3]!], { budgetLines: [{ item: "x", amount: 10.5 }] }) }), 400, "budgetLines.0.amount"],
    ["an amount above 10,000,000천원", () => call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[3]!], { budgetLines: [{ item: "x", amount: 10_000_001 }] }) }), 400, "budgetLines.0.amount"],
    ["an agenda that is not a core agenda", () => call(app.url, "POST", `/api/forums/${forumId}/projects`, { token: staff, body: plan([core[3]!, "nope"]) }), 400, "agendaIds"],
    ["a quarter outside the period", () => call(app.url, "POST", `/api/projects/${projectId}/cards`, { token: member.token, body: card("2025Q2") }), 400, "quarter"],
    ["a quarter in the future", () => call(app.url, "POST", `/api/projects/${projectId}/cards`, { token: member.token, body: card("2099Q1") }), 400, "quarter"],
    ["progress above 100", () => call(app.url, "POST", `/api/projects/${projectId}/cards`, { token: member.token, body: card("2024Q1", { progress: 101 }) }), 400, "progress"],
    ["a decision dated in the future", () => decide(projectId, { kind: "council", outcome: "selected", decidedOn: "2999-01-01" }), 400, "decidedOn"],
    ["a decision meant for another forum", () => decide(projectId, { kind: "budget", outcome: "funded", decidedOn: "2023-12-15", forumId: "another" }), 409, "forumId"],
  ];
  for (const [what, send, status, field] of refused) {
    it(`${what}: ${status} naming ${field}`, async () => {
      const before = (await call(app.url, "POST", `/api/forums/${forumId}/funnel/recount`, { token: staff })).body.counters;
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message.length).toBeGreaterThan(5);
      const after = (await call(app.url, "POST", `/api/forums/${forumId}/funnel/recount`, { token: staff })).body;
      expect(after.counters).toEqual(before);
      expect(after.ok).toBe(true);
    });
  }

  it("an archived forum's projects no longer change", async () => {
    const forum = await seedForum(app, staff, { title: "마감된 공론장", sessions: [{ title: "S", startsAt: "2023-04-18T19:00" }] });
    const p = (await call(app.url, "POST", `/api/sessions/${forum.sessions[0]}/proposals`, { token: staff, body: { title: "마감 의제", field: "도시건설" } })).body.id;
    await Proposal.advance([p], "core");
    const project = (await call(app.url, "POST", `/api/forums/${forum.id}/projects`, { token: staff, body: plan([p]) })).body.id;
    expect((await call(app.url, "PATCH", `/api/forums/${forum.id}`, { token: staff, body: { archived: true } })).status).toBe(200);
    const res = await decide(project, { kind: "council", outcome: "selected", decidedOn: "2023-09-15" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("forum_archived");
  });
});

describe("exports and open data", () => {
  it("XLSX: a summary that repeats the funnel, a sheet per step, typed numbers in 천원, dates, formulas neutralised, Korean intact", async () => {
    const res = await fetch(`${app.url}/api/forums/${forumId}/exports?format=xlsx`, { headers: { authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain(".xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["요약", "제안", "핵심 의제", "실행계획", "협치회의 선정", "구의회 예산", "추진 현황"]);
    const summary = wb.getWorksheet("요약")!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes("구의회 예산 반영") && r.includes(64_000))).toBe(true);
    const funded = wb.getWorksheet("구의회 예산")!;
    expect(funded.getRow(1).values).toEqual([undefined, "사업명", "분야(분과)", "결정", "제안액", "반영액", "증감", "결정일", "사유"]);
    const rejected = funded.getRows(2, funded.rowCount - 1)!.find((r) => String(r.getCell(1).value).includes("HYPERLINK"))!;
    expect(rejected.getCell(1).value).toBe(`'=HYPERLINK("http://evil")`);
    expect(rejected.getCell(6).value).toBe(-64_000);
    expect(rejected.getCell(6).numFmt).toContain("천원");
    expect(rejected.getCell(7).value).toBeInstanceOf(Date);
    expect(rejected.getCell(7).numFmt).toBe("yyyy. m. d.");
    expect(rejected.getCell(8).value).toBe("재원 부족");
    const plans = wb.getWorksheet("실행계획")!;
    expect(typeof plans.getRow(2).getCell(8).value).toBe("number");
  });

  it("CSV: UTF-8 with a BOM, Korean headers, numbers as numbers, formulas neutralised; filters by stage", async () => {
    const res = await fetch(`${app.url}/api/forums/${forumId}/exports?format=csv&sheet=funded`, { headers: { authorization: `Bearer ${staff}` } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("사업명,분야(분과),결정,제안액,반영액,증감,결정일,사유");
    const evil = lines.find((l) => l.includes("HYPERLINK"))!;
    expect(evil.startsWith(`"'=HYPERLINK(""http://evil"")"`)).toBe(true);
    expect(evil).toContain(",64000,0,-64000,2023. 12. 15.,재원 부족");
    const running = await fetch(`${app.url}/api/forums/${forumId}/exports?format=csv&sheet=plans&stage=running`, { headers: { authorization: `Bearer ${staff}` } });
    const planLines = new TextDecoder().decode(await running.arrayBuffer()).trim().split("\r\n");
    expect(planLines).toHaveLength(2);
    expect(planLines[1]).toContain("골목 쉼터 조성");
  });

  it("open data holds the funnel and the projects, and no name of a person", async () => {
    const json = (await call(app.url, "GET", `/api/forums/${forumId}/open-data?format=json`)).body;
    expect(json.funnel).toHaveLength(6);
    expect(json.projects.length).toBeGreaterThan(1);
    const csv = await (await fetch(`${app.url}/api/forums/${forumId}/open-data?format=csv`)).text();
    const publicReads = [
      JSON.stringify(json),
      csv,
      JSON.stringify((await call(app.url, "GET", `/api/forums/${forumId}/projects`)).body),
      JSON.stringify((await call(app.url, "GET", `/api/projects/${projectId}`)).body),
      JSON.stringify((await call(app.url, "GET", `/api/forums/${forumId}/funnel/running`)).body),
      JSON.stringify((await call(app.url, "GET", `/api/proposals/${receiptOfFirst}`)).body),
    ].join("\n");
    for (const secret of ["비공개이름갑", "추진반원 가", member.email, "비공개 문제점"]) expect(publicReads).not.toContain(secret);
    // Staff do see the names.
    const staffView = JSON.stringify((await call(app.url, "GET", `/api/projects/${projectId}`, { token: staff })).body);
    expect(staffView).toContain("비공개이름갑");
  });
});

