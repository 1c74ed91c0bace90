import { beforeAll, describe, expect, it } from "vitest";
import { Forum } from "../../../core/attendance/forum.js";
import { Session } from "../../../core/attendance/session.js";
import { Card } from "../../../core/projects/card.js";
import { Decision } from "../../../core/projects/decision.js";
import { Funnel } from "../../../core/projects/funnel.js";
import { Project } from "../../../core/projects/project.js";
import { Proposal } from "../../../core/proposals/proposal.js";
import { AppError } from "../../../core/shared/errors.js";
import { useTable } from "../../support/harness.js";

/**
 * Projects on DynamoDB Local: lineage both ways (merges and splits), the stage machine and the
 * money ladder, decisions corrected but never overwritten, cards per quarter, and the funnel's
 * counters equal to a recount after concurrent decisions and cards.
 */
let forumId: string;
let otherForumId: string;
let agendas: string[];
let plain: string;
const by = { userId: "u1", name: "추진반 김" };

const plan = (agendaIds: string[], extra: Partial<Project.CreateInput> = {}): Project.CreateInput => ({
  title: "골목 쉼터 조성",
  purpose: "어르신과 아이들이 쉬어 갈 곳",
  content: "동네 빈터에 그늘막과 의자를 놓습니다",
  field: "도시건설",
  period: { startsOn: "2024-01-01", endsOn: "2024-12-31" },
  taskForce: { publicMembers: 2, privateMembers: 5, members: [{ name: "주민 박", side: "private" }] },
  budgetLines: [
    { item: "시설비", amount: 40_000 },
    { item: "운영비", amount: 8_500 },
  ],
  agendaIds,
  ...extra,
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error("expected an error");
};

const council = (extra: Partial<Decision.Input> = {}): Decision.Input => ({
  kind: "council",
  outcome: "selected",
  decidedOn: "2023-09-15",
  meeting: { on: "2023-09-15", name: "관악구 협치회의 제2차 전체회의" },
  ...extra,
});
const budget = (extra: Partial<Decision.Input> = {}): Decision.Input => ({ kind: "budget", outcome: "funded", decidedOn: "2023-12-15", ...extra });
const card = (quarter: string, spend: number, extra: Partial<Card.Input> = {}): Card.Input => ({
  quarter,
  progress: 25,
  status: "on_track",
  spend,
  milestonesDone: "부지 확정",
  milestonesNext: "설계",
  issues: "",
  ...extra,
});

beforeAll(async () => {
  await useTable();
  const forum = await Forum.create({ title: "사업 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" });
  forumId = forum.id;
  otherForumId = (await Forum.create({ title: "다른 공론장", startsOn: "2023-05-01", endsOn: "2023-05-02" })).id;
  const session = await Session.create(forumId, { title: "1회차", startsAt: "2023-04-18T19:00" });
  agendas = [];
  for (let i = 0; i < 6; i++) agendas.push((await Proposal.capture(session.id, { title: `핵심 의제 ${i + 1}`, field: "도시건설" })).id);
  plain = (await Proposal.capture(session.id, { title: "그냥 의제", field: "도시건설" })).id;
  await Proposal.advance(agendas, "core", "핵심 의제 투표");
});

describe("lineage", () => {
  it("merges several agendas into one project, and splits one agenda into two; both sides know", async () => {
    const merged = await Project.create(forumId, plan([agendas[0]!, agendas[1]!]));
    const split = await Project.create(forumId, plan([agendas[1]!], { title: "쉼터 운영 교육" }));
    expect(merged.agendaIds).toEqual([agendas[0], agendas[1]]);
    const a0 = await Proposal.mustGet(agendas[0]!);
    const a1 = await Proposal.mustGet(agendas[1]!);
    expect(a0.projectIds).toEqual([merged.id]);
    expect(a1.projectIds).toEqual([merged.id, split.id]);
    expect([a0.stage, a1.stage]).toEqual(["project", "project"]);
    expect(a1.history.filter((h) => h.event === "project").map((h) => h.title)).toEqual(["골목 쉼터 조성", "쉼터 운영 교육"]);
    // Taking an agenda out of a plan (before any decision) leaves it a core agenda again when nothing else holds it.
    await Project.update(split.id, { agendaIds: [agendas[2]!] });
    expect((await Proposal.mustGet(agendas[1]!)).projectIds).toEqual([merged.id]);
    expect((await Proposal.mustGet(agendas[2]!)).stage).toBe("project");
    await Project.update(split.id, { agendaIds: [agendas[1]!] });
    expect((await Proposal.mustGet(agendas[2]!)).stage).toBe("core");
  });

  it("only from core agendas of the same forum", async () => {
    expect(await codeOf(Project.create(forumId, plan([plain])))).toBe("agenda_not_core");
    expect(await codeOf(Project.create(otherForumId, plan([agendas[3]!])))).toBe("agenda_not_core");
    expect(await codeOf(Project.create(forumId, plan([agendas[3]!], { field: "없는분야" })))).toBe("field_unknown");
  });
});

describe("decisions and the money ladder", () => {
  it("requested → proposed → approved (cut, with a reason) → executed; the stages follow", async () => {
    const p = await Project.create(forumId, plan([agendas[3]!]));
    expect(p.money.requested.amount).toBe(48_500);
    expect(p.stage).toBe("plan");
    expect(await codeOf(Card.file(p.id, card("2024Q1", 100), by))).toBe("not_funded");
    expect(await codeOf(Decision.record(p.id, budget()))).toBe("not_selected");

    const selected = await Decision.record(p.id, council());
    expect(selected.stage).toBe("selected");
    expect(selected.money.proposed).toMatchObject({ amount: 48_500, on: "2023-09-15" });
    // A second decision must say what it corrects.
    expect(await codeOf(Decision.record(p.id, council({ outcome: "not_selected", reasonCode: "budget" })))).toBe("already_decided");
    expect(await codeOf(Decision.record(p.id, budget({ amount: 60_000 })))).toBe("approved_above_proposed");
    expect(await codeOf(Decision.record(p.id, budget({ amount: 40_000 })))).toBe("reason_required");
    const funded = await Decision.record(p.id, budget({ amount: 40_000, reasonCode: "scope", reason: "운영비는 기존 사업으로" }));
    expect(funded.stage).toBe("funded");
    expect(funded.money.approved).toMatchObject({ amount: 40_000, on: "2023-12-15" });
    expect((await Proposal.mustGet(agendas[3]!)).stage).toBe("funded");
    // The council's decision cannot change under a budget decision.
    const inForce = Project.current(funded, "council")!;
    expect(await codeOf(Decision.record(p.id, council({ outcome: "not_selected", reasonCode: "budget", corrects: inForce.id })))).toBe("budget_decided");

    const first = await Card.file(p.id, card("2024Q1", 10_000), by);
    expect(first.version).toBe(1);
    const again = await Card.file(p.id, card("2024Q1", 12_000, { progress: 30 }), by);
    expect(again.version).toBe(2);
    expect(again.history.map((h) => h.spend)).toEqual([10_000]);
    await Card.file(p.id, card("2024Q2", 9_000, { status: "delayed" }), by);
    const now = await Project.mustGet(p.id);
    expect(now.stage).toBe("running");
    expect(now.money.executed).toBe(21_000);
    expect(now.cards.map((c) => [c.quarter, c.spend, c.status])).toEqual([
      ["2024Q1", 12_000, "on_track"],
      ["2024Q2", 9_000, "delayed"],
    ]);
    expect(await codeOf(Card.file(p.id, card("2025Q1", 0), by))).toBe("quarter_outside_period");
    const signed = await Card.signOff(p.id, "2024Q1", { userId: "s", name: "담당" });
    expect(signed.signedOff?.name).toBe("담당");
    expect(await codeOf(Project.update(p.id, { stage: "running" }))).toBe("stage_not_allowed");
    expect((await Project.update(p.id, { stage: "done" })).stage).toBe("done");
  });

  it("a correction keeps the earlier decision; a rejected budget takes the agenda back to its project stage", async () => {
    const p = await Project.create(forumId, plan([agendas[4]!]));
    const first = await Decision.record(p.id, council({ outcome: "not_selected", reasonCode: "duplicate" }));
    expect(first.stage).toBe("not_selected");
    const wrong = Project.current(first, "council")!;
    const corrected = await Decision.record(p.id, council({ corrects: wrong.id, reason: "회의록 확인 결과 선정" }));
    expect(corrected.stage).toBe("selected");
    expect(corrected.decisions).toHaveLength(2);
    expect(corrected.decisions[0]).toMatchObject({ id: wrong.id, outcome: "not_selected", supersededBy: corrected.decisions[1]!.id });
    expect(corrected.decisions[1]).toMatchObject({ outcome: "selected", corrects: wrong.id });
    const funded = await Decision.record(p.id, budget());
    expect((await Proposal.mustGet(agendas[4]!)).stage).toBe("funded");
    const rejected = await Decision.record(p.id, budget({ outcome: "rejected", reasonCode: "budget", corrects: Project.current(funded, "budget")!.id }));
    expect(rejected.stage).toBe("rejected");
    expect(rejected.money.approved).toBeUndefined();
    expect((await Proposal.mustGet(agendas[4]!)).stage).toBe("project");
  });

  it("refuses amounts that are negative, fractional or too large, and decisions dated in the future", () => {
    const bad = (amount: number) => Project.CreateInput.safeParse(plan([agendas[5]!], { budgetLines: [{ item: "x", amount }] })).success;
    expect([bad(-1), bad(1.5), bad(10_000_001), bad(10_000_000)]).toEqual([false, false, false, true]);
    expect(Decision.Input.safeParse(council({ decidedOn: "2999-01-01" })).success).toBe(false);
    expect(Decision.Input.safeParse(council({ outcome: "funded" })).success).toBe(false);
    expect(Decision.Input.safeParse(council({ outcome: "not_selected" })).success).toBe(false);
  });
});

describe("the funnel's counters", () => {
  it("equal a recount after concurrent decisions and cards", async () => {
    const forum = await Forum.create({ title: "동시 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" });
    const session = await Session.create(forum.id, { title: "S", startsAt: "2023-04-18T19:00" });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await Proposal.capture(session.id, { title: `동시 의제 ${i}`, field: "행정경제" })).id);
    await Proposal.advance(ids.slice(0, 6), "core");
    const projects = await Promise.all(ids.slice(0, 6).map((a, i) => Project.create(forum.id, plan([a], { title: `동시 사업 ${i}`, field: "행정경제" }))));
    await Promise.all(projects.map((p, i) => Decision.record(p.id, i < 4 ? council() : council({ outcome: "not_selected", reasonCode: "priority" }))));
    await Promise.all(projects.slice(0, 4).map((p, i) => Decision.record(p.id, i < 3 ? budget() : budget({ outcome: "rejected", reasonCode: "budget" }))));
    // Four quarters of three projects filed at once: twelve writes racing on three project items.
    await Promise.all(projects.slice(0, 3).flatMap((p) => ["2024Q1", "2024Q2", "2024Q3", "2024Q4"].map((q) => Card.file(p.id, card(q, 1_000), by))));
    const recount = await Funnel.recount(forum.id);
    expect(recount.differences).toEqual([]);
    expect(recount.ok).toBe(true);
    expect(recount.counters).toMatchObject({ proposals: 8, proposals_session: 8, core: 6, plans: 6, requested: 6 * 48_500, selected: 4, proposed: 4 * 48_500, funded: 3, approved: 3 * 48_500, running: 3, executed: 12_000 });
    const view = await Funnel.get(forum.id);
    expect(view.steps.map((s) => [s.step, s.count, s.money ?? null])).toEqual([
      ["proposals", 8, null],
      ["core", 6, null],
      ["plans", 6, 291_000],
      ["selected", 4, 194_000],
      ["funded", 3, 145_500],
      ["running", 3, 12_000],
    ]);
    const drill = await Funnel.drill(forum.id, "funded");
    expect(drill.items).toHaveLength(3);
    expect(drill.dropped.map((d) => d.reason?.ko)).toEqual(["재원 부족"]);
    const sel = await Funnel.drill(forum.id, "selected");
    expect(sel.dropped.map((d) => d.reason?.ko)).toEqual(["우선순위 낮음 (관악구 협치회의 제2차 전체회의, 2023-09-15)", "우선순위 낮음 (관악구 협치회의 제2차 전체회의, 2023-09-15)"]);
  });

  it("counts a published proposal once, drops a hidden or merged one, and recounts the same", async () => {
    const forum = await Forum.create({ title: "제안 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" });
    const a = await Proposal.submit(forum.id, { title: "온라인 제안 하나", body: "온라인으로 보낸 제안의 내용입니다", field: "도시건설" });
    const b = await Proposal.submit(forum.id, { title: "온라인 제안 둘", body: "온라인으로 보낸 제안의 내용입니다", field: "도시건설" });
    expect((await Funnel.counters(forum.id, true)).proposals).toBe(0); // pending until published
    await Proposal.update(a.id, { status: "published" });
    await Proposal.update(b.id, { status: "published" });
    expect(await Funnel.counters(forum.id, true)).toMatchObject({ proposals: 2, proposals_online: 2 });
    await Proposal.merge(b.id, a.id);
    expect((await Funnel.counters(forum.id, true)).proposals).toBe(1);
    expect((await Funnel.recount(forum.id)).ok).toBe(true);
  });
});

describe("overdue cards", () => {
  it("flags the first quarter that ended more than 15 days ago without a card", () => {
    const p = { stage: "running" as const, period: { startsOn: "2024-01-01", endsOn: "2024-12-31" }, cards: [{ quarter: "2024Q1", progress: 10, status: "on_track" as const, spend: 0, signedOff: false }] };
    expect(Card.overdue(p, "2024-07-10")).toBeUndefined();
    expect(Card.overdue(p, "2024-07-16")).toBe("2024Q2");
    expect(Card.overdue({ ...p, stage: "done" }, "2025-06-01")).toBeUndefined();
    expect(Card.quartersOf({ startsOn: "2024-02-10", endsOn: "2024-08-01" })).toEqual(["2024Q1", "2024Q2", "2024Q3"]);
  });
});
