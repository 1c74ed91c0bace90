import { beforeAll, describe, expect, it } from "vitest";
import { Demo } from "../../../core/demo/demo.js";
import { Identity } from "../../../core/attendance/identity.js";
import { Proposal } from "../../../core/proposals/proposal.js";
import { Results } from "../../../core/voting/results.js";
import { Round } from "../../../core/voting/round.js";
import { Stats } from "../../../core/attendance/stats.js";
import { Body } from "../../../core/governance/body.js";
import { Meeting } from "../../../core/governance/meeting.js";
import { Pledge } from "../../../core/governance/pledge.js";
import { Card } from "../../../core/projects/card.js";
import { Funnel } from "../../../core/projects/funnel.js";
import { Project } from "../../../core/projects/project.js";
import { useTable } from "../../support/harness.js";

beforeAll(async () => {
  await useTable();
});

describe("the demo cycle", () => {
  it("plans 149 distinct valid people over 262 attendances in 6 sessions", () => {
    const people = Demo.people();
    expect(people).toHaveLength(149);
    expect(new Set(people.map((p) => Identity.normalise(p))).size).toBe(149);
    const plan = Demo.attendance();
    expect(plan.map((s) => s.length)).toEqual(Demo.SESSIONS.map((s) => s.attendances));
    expect(plan.flat()).toHaveLength(262);
    expect(new Set(plan.flat()).size).toBe(149);
  });

  it("loads through the real check-in path and shows 6 sessions, 262 attendances, 149 participants", async () => {
    const forum = await Demo.load();
    expect(forum).toMatchObject({ title: Demo.FORUM.title, startsOn: "2023-04-17", endsOn: "2023-04-27", sessions: 6, attendances: 262, participants: 149 });
    const stats = await Stats.forum(forum.id);
    expect(stats.sessions).toBe(6);
    expect(stats.bySession.map((s) => s.attendances)).toEqual(Demo.SESSIONS.map((s) => s.attendances));
    expect(stats.bySession.reduce((a, s) => a + s.attendances, 0)).toBe(262);

    // 153 published agendas over the four fields, from the six sessions and online.
    const page = await Proposal.list(forum.id, { limit: 100 }, { staff: false });
    expect(page.total).toBe(153);
    expect(page.byField.map((f) => f.field)).toEqual(["행정경제", "복지보건", "도시건설", "청년문화"]);
    expect(page.byField.reduce((a, f) => a + f.count, 0)).toBe(153);
    for (const f of page.byField) expect(f.count).toBeGreaterThan(30);
    const all = await Proposal.all(forum.id);
    expect(all.every((p) => p.status === "published")).toBe(true);
    const bySession = new Map<string, number>();
    for (const p of all) bySession.set(p.sessionId ?? "online", (bySession.get(p.sessionId ?? "online") ?? 0) + 1);
    expect(bySession.size).toBe(7);
    expect(bySession.get("online")).toBe(21);
    expect(forum.intake).toBe("closed");
    const search = await Proposal.list(forum.id, { q: "청소년" }, { staff: false });
    expect(search.items.map((p) => p.title)).toContain("청소년여가문화공간 조성");

    // A closed round of 300 ballots whose ranking yields the 15 core agendas, with no tie at the cutoff.
    const [round] = await Round.listByForum(forum.id);
    expect(Round.statusOf(round!)).toBe("closed");
    const results = await Results.get(round!.id);
    expect(results).toMatchObject({ status: "closed", hidden: false, ballots: 300, byChannel: { online: 254, session: 46 } });
    expect(results.tallies.reduce((a, t) => a + t.votes, 0)).toBe(900);
    const top = results.tallies.slice(0, 15);
    expect(results.tallies[14]!.votes).toBeGreaterThan(results.tallies[15]!.votes);
    expect(new Set(results.coreAgendaIds)).toEqual(new Set(top.map((t) => t.proposalId)));
    const core = await Proposal.list(forum.id, { stage: "core", limit: 100 }, { staff: false });
    expect(core.total).toBe(15);
    expect((await Results.recount(round!.id)).ok).toBe(true);

    // The road beyond: 4 projects selected at the council's 2023-09 meeting worth 225,500천원,
    // 3 funded by the district council worth 161,500천원, their quarterly cards.
    const funnel = await Funnel.get(forum.id);
    expect(funnel.steps.map((s) => [s.step, s.count, s.money ?? null])).toEqual([
      ["proposals", 153, null],
      ["core", 15, null],
      ["plans", 6, 384_000],
      ["selected", 4, 225_500],
      ["funded", 3, 161_500],
      ["running", 3, 133_500],
    ]);
    expect(funnel.steps[0]!.detail).toEqual({ session: 132, online: 21, import: 0 });
    expect((await Funnel.recount(forum.id)).ok).toBe(true);
    const projects = await Project.listByForum(forum.id);
    const selected = projects.filter((p) => Project.current(p, "council")?.outcome === "selected");
    expect(selected.every((p) => Project.current(p, "council")!.meeting?.name === "관악구 협치회의 제2차 전체회의" && p.money.proposed!.on.startsWith("2023-09"))).toBe(true);
    expect(projects.map((p) => p.stage).sort()).toEqual(["done", "not_selected", "not_selected", "rejected", "running", "running"]);
    expect(projects.filter((p) => p.cards.some((c) => c.status === "delayed"))).toHaveLength(1);
    expect(projects.filter((p) => Card.overdue(p)).map((p) => Card.overdue(p))).toEqual(["2024Q4"]);
    // One core agenda went into two projects; three went into none.
    expect(new Set(projects.flatMap((p) => p.agendaIds)).size).toBe(12);
    expect(projects.flatMap((p) => p.agendaIds)).toHaveLength(13);

    // The governance record the pledge is measured from: as of 2023-12-31, 16 / 3 / 18 / 6 → 46.5%.
    const pledge = await Pledge.current();
    const dash = await Pledge.dashboard(pledge.id, "2023-12-31");
    expect(dash.indicators.map((i) => [i.target, i.actual, i.rate, i.weight])).toEqual([
      [24, 16, 66.7, 30],
      [9, 3, 33.3, 30],
      [40, 18, 45.0, 20],
      [16, 6, 37.5, 20],
    ]);
    expect(dash.total).toBe(46.5);
    expect(dash.budget).toMatchObject({ planTotal: 2_536, executedTotal: 1_175 });
    const bodies = await Body.list();
    const sizes = await Promise.all(bodies.map(async (b) => Body.composition(b, await Body.members(b.id), "2023-12-31")));
    expect(sizes.map((c) => c.members)).toEqual([36, 127, 38, 3]);
    expect(sizes[0]!.bySeat).toEqual({ ex_officio: 9, appointed: 27 });
    // The council's log: 7 meetings from 2022-07 and 11 in 2023.
    const council = bodies.find((b) => b.kind === "council")!;
    const log = await Meeting.listByBody(council.id);
    expect([log.filter((m) => m.on < "2023").length, log.filter((m) => m.on >= "2023").length]).toEqual([7, 11]);
  });

  it("plans ballots of three distinct agendas each", () => {
    const ballots = Demo.ballots();
    expect(ballots).toHaveLength(300);
    for (const b of ballots) expect(new Set(b).size).toBe(3);
    expect(new Set([...Demo.people(), ...Demo.onlineVoters()].map((p) => Identity.normalise(p))).size).toBe(300);
  });
});
