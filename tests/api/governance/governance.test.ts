import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../support/harness.js";
import { signedIn, useApp } from "../../support/fixtures.js";

/**
 * The governance record through the API: only staff write; the public sees compositions, meeting
 * logs and the dashboard, and no member's name unless the body publishes names; the dashboard's
 * figures change with the log; bad input is a 4xx naming the field; the report reads back.
 */
const app = useApp();
let staff: string, fac: string;
let bodyId: string, openBodyId: string, pledgeId: string;

const pledge = (weights = [60, 40]) => ({
  title: "API 공약",
  fromYear: 2023,
  toYear: 2024,
  items: [
    { key: "meetings", title: "위원회 운영", indicator: "개최 횟수", unit: "회", weight: weights[0], targets: { "2023": 4 }, quarterly: { year: "2023", targets: [1, 1, 1, 1] }, rule: { source: "meetings", bodyId, kinds: ["full"], subcommittees: "once" } },
    { key: "sessions", title: "공론장", indicator: "회차", unit: "회", weight: weights[1], targets: { "2023": 2 }, rule: { source: "sessions" } },
  ],
  budget: { unit: "million KRW", plan: { "2023": 100, "2024": 50 }, byItem: [{ item: "위원회", amount: 150 }], executed: { "2023": 80 } },
});

beforeAll(async () => {
  ({ token: staff } = await signedIn(app, "staff"));
  ({ token: fac } = await signedIn(app, "facilitator"));
  const body = await call(app.url, "POST", "/api/bodies", { token: staff, body: { name: "API 위원회", kind: "committee", sizeLimit: 5, subcommittees: ["가분과"], termYears: 2, maxRenewals: 1 } });
  expect(body.status).toBe(201);
  bodyId = body.body.id;
  openBodyId = (await call(app.url, "POST", "/api/bodies", { token: staff, body: { name: "공개 기구", kind: "experts", sizeLimit: 3, subcommittees: [], termYears: 2, publicNames: true } })).body.id;
  await call(app.url, "POST", `/api/bodies/${bodyId}/members`, { token: staff, body: { displayName: "비공개위원", seat: "appointed", subcommittee: "가분과", term: { startsOn: "2023-01-01", endsOn: "2024-12-31" } } });
  await call(app.url, "POST", `/api/bodies/${openBodyId}/members`, { token: staff, body: { displayName: "공개조정관", seat: "civil", term: { startsOn: "2023-01-01", endsOn: "2024-12-31" } } });
  const created = await call(app.url, "POST", "/api/pledges", { token: staff, body: pledge() });
  expect(created.status).toBe(201);
  pledgeId = created.body.id;
});

describe("the governance API", () => {
  it("staff record a meeting and the dashboard's figure and rate change", async () => {
    const before = (await call(app.url, "GET", `/api/pledges/dashboard?asOf=2023-12-31&pledgeId=${pledgeId}`)).body;
    expect(before.indicators[0]).toMatchObject({ actual: 0, target: 4, rate: 0 });
    const meeting = await call(app.url, "POST", `/api/bodies/${bodyId}/meetings`, { token: staff, body: { kind: "full", ordinal: 1, title: "제1차 전체회의", on: "2023-05-10", agenda: ["운영 계획"], decisions: ["계획 의결"], policyProposals: 2 }, headers: { "idempotency-key": "m-1" } });
    expect(meeting.status).toBe(201);
    const retry = await call(app.url, "POST", `/api/bodies/${bodyId}/meetings`, { token: staff, body: { kind: "full", ordinal: 1, title: "제1차 전체회의", on: "2023-05-10", agenda: ["운영 계획"], decisions: ["계획 의결"], policyProposals: 2 }, headers: { "idempotency-key": "m-1" } });
    expect(retry.body.id).toBe(meeting.body.id);
    const after = (await call(app.url, "GET", `/api/pledges/dashboard?asOf=2023-12-31&pledgeId=${pledgeId}`)).body;
    expect(after.indicators[0]).toMatchObject({ actual: 1, rate: 25 });
    expect(after.total).toBe(15);
    expect(after.formula).toBe("0.60 × 25.0 + 0.40 × 0.0 = 15.0");
    expect(after.indicators[0].quarterly.quarters.map((q: { actual: number }) => q.actual)).toEqual([0, 1, 0, 0]);
    const moved = await call(app.url, "PATCH", `/api/meetings/${meeting.body.id}`, { token: staff, body: { on: "2023-08-01" } });
    expect(moved.status).toBe(200);
    const later = (await call(app.url, "GET", `/api/pledges/dashboard?asOf=2023-12-31&pledgeId=${pledgeId}`)).body;
    expect(later.indicators[0].quarterly.quarters.map((q: { actual: number }) => q.actual)).toEqual([0, 0, 1, 0]);
    expect((await call(app.url, "GET", `/api/bodies/${bodyId}/meetings`)).body.meetings.map((m: { title: string }) => m.title)).toEqual(["제1차 전체회의"]);
  });

  it("only staff write; the public sees composition, and names only where the body publishes them", async () => {
    const writes = [
      ["POST", "/api/bodies", { name: "x", kind: "other", sizeLimit: 1, subcommittees: [], termYears: 1 }],
      ["POST", `/api/bodies/${bodyId}/members`, { displayName: "y", seat: "civil", term: { startsOn: "2023-01-01", endsOn: "2023-12-31" } }],
      ["POST", `/api/bodies/${bodyId}/meetings`, { kind: "full", title: "회의", on: "2023-01-01" }],
      ["POST", `/api/bodies/${bodyId}/tasks`, { topic: "설문", startsOn: "2023-01-01", endsOn: "2023-01-02", method: "online_survey", invited: 5, participated: 1 }],
      ["POST", "/api/pledges", pledge()],
      ["PUT", `/api/pledges/${pledgeId}`, pledge()],
      ["PUT", "/api/history/council-meetings", { title: "협치회의", unit: "회", values: { "2018": 16 } }],
    ] as const;
    for (const [method, path, body] of writes) {
      expect({ path, status: (await call(app.url, method, path, { body })).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await call(app.url, method, path, { token: fac, body })).status }).toEqual({ path, status: 403 });
    }
    const bodies = await call(app.url, "GET", "/api/bodies?on=2023-06-01");
    expect(bodies.status).toBe(200);
    expect(JSON.stringify(bodies.body)).not.toContain("비공개위원");
    expect(bodies.body.bodies.find((b: { id: string }) => b.id === bodyId).composition).toMatchObject({ members: 1, bySeat: { appointed: 1 }, bySubcommittee: { 가분과: 1 } });
    expect((await call(app.url, "GET", `/api/bodies/${bodyId}?on=2025-06-01`)).body.composition.members).toBe(0);
    expect((await call(app.url, "GET", `/api/bodies/${bodyId}/members`)).status).toBe(403);
    expect((await call(app.url, "GET", `/api/bodies/${bodyId}/members`, { token: staff })).body.members[0].displayName).toBe("비공개위원");
    expect((await call(app.url, "GET", `/api/bodies/${openBodyId}/members`)).body.members[0].displayName).toBe("공개조정관");
  });

  it("bad input is a 4xx naming the field", async () => {
    const cases = [
      [(await call(app.url, "POST", "/api/pledges", { token: staff, body: pledge([60, 30]) })), "items"],
      [(await call(app.url, "POST", "/api/pledges", { token: staff, body: { ...pledge(), items: [{ ...pledge().items[0], weight: 100, targets: { "2030": 1 } }] } })), "items.0.targets.2030"],
      [(await call(app.url, "POST", `/api/bodies/${bodyId}/meetings`, { token: staff, body: { kind: "full", title: "미래 회의", on: "2999-01-01" } })), "on"],
      [(await call(app.url, "POST", `/api/bodies/${bodyId}/meetings`, { token: staff, body: { kind: "subcommittee", subcommittees: ["없는분과"], title: "분과", on: "2023-01-01" } })), "subcommittees"],
      [(await call(app.url, "POST", `/api/bodies/${bodyId}/tasks`, { token: staff, body: { topic: "설문", startsOn: "2023-01-01", endsOn: "2023-01-02", method: "online_survey", invited: 5, participated: 9 } })), "participated"],
      [(await call(app.url, "GET", "/api/pledges/dashboard?asOf=yesterday")), "asOf"],
      [(await call(app.url, "GET", "/api/bodies?on=2023-13-01")), "on"],
    ] as const;
    for (const [res, field] of cases) {
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.error.field).toBe(field);
    }
    const full = await call(app.url, "POST", `/api/bodies/${openBodyId}/members`, { token: staff, body: { displayName: "넘침", seat: "civil", term: { startsOn: "2023-01-01", endsOn: "2024-12-31" } } });
    expect(full.status).toBe(201);
    await call(app.url, "POST", `/api/bodies/${openBodyId}/members`, { token: staff, body: { displayName: "넘침2", seat: "civil", term: { startsOn: "2023-01-01", endsOn: "2024-12-31" } } });
    const over = await call(app.url, "POST", `/api/bodies/${openBodyId}/members`, { token: staff, body: { displayName: "넘침3", seat: "civil", term: { startsOn: "2023-06-01", endsOn: "2024-12-31" } } });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("body_full");
  });

  it("the report reads back: the four tables, the total, Korean dates", async () => {
    await call(app.url, "PUT", "/api/history/council-meetings", { token: staff, body: { title: "협치회의 운영", unit: "회", values: { "2018": 16, "2019": null } } });
    const history = (await call(app.url, "GET", "/api/history")).body.series;
    expect(history).toEqual([expect.objectContaining({ series: "council-meetings", enteredBy: "hand", values: { "2018": 16, "2019": null }, counted: {} })]);
    const res = await fetch(`${app.url}/api/pledges/${pledgeId}/report?asOf=2023-12-31`, { headers: { authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["추진실적 총괄", "일정별 추진실적", "예산 집행액", "분기별 목표"]);
    const total = wb.getWorksheet("추진실적 총괄")!;
    expect(String(total.getCell("A1").value)).toContain("2023. 12. 31.");
    const totalRow = total.getRows(1, total.rowCount)!.find((r) => r.getCell(2).value === "총 이행률(%)")!;
    expect(totalRow.getCell(8).value).toBe(15);
    const dated = wb.getWorksheet("일정별 추진실적")!;
    expect(dated.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(dated.getRow(2).getCell(2).numFmt).toBe("yyyy. m. d.");
    expect(dated.getRow(2).getCell(3).value).toBe("제1차 전체회의");
    expect(String(dated.getRow(2).getCell(4).value)).toContain("정책제안 2건");
    expect((await fetch(`${app.url}/api/pledges/${pledgeId}/report`)).status).toBe(401);
  });
});
