import { beforeAll, describe, expect, it } from "vitest";
import { Forum } from "../../../core/attendance/forum.js";
import { Session } from "../../../core/attendance/session.js";
import { Body } from "../../../core/governance/body.js";
import { DesignatedTask, Meeting } from "../../../core/governance/meeting.js";
import { Pledge } from "../../../core/governance/pledge.js";
import { AppError } from "../../../core/shared/errors.js";
import { useTable } from "../../support/harness.js";

/**
 * The governance record on DynamoDB Local: the term rules of bodies, and a pledge dashboard whose
 * actuals follow the meeting log as it changes (a meeting re-dated across a quarter moves its
 * count; a retried write counts once).
 */
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error("expected an error");
};

beforeAll(async () => {
  await useTable();
});

const body = (extra: Partial<Body.CreateInput> = {}) =>
  Body.create({ name: "시험 위원회", kind: "committee", sizeLimit: 3, subcommittees: ["가분과", "나분과"], steering: true, termYears: 2, maxRenewals: 1, ...extra });
const term = (startsOn: string, endsOn: string) => ({ startsOn, endsOn });

describe("bodies and terms", () => {
  it("refuse a member beyond the size limit on any day of the term; a finished term frees the seat", async () => {
    const b = await body();
    for (const n of ["가", "나", "다"]) await Body.addMember(b.id, { displayName: `위원 ${n}`, seat: "appointed", term: term("2023-01-01", "2024-12-31") });
    expect(await codeOf(Body.addMember(b.id, { displayName: "위원 라", seat: "appointed", term: term("2024-06-01", "2026-05-31") }))).toBe("body_full");
    // After the three terms end, there is room again.
    const later = await Body.addMember(b.id, { displayName: "위원 라", seat: "appointed", term: term("2025-01-01", "2026-12-31") });
    expect(later.terms).toHaveLength(1);
    const comp = Body.composition(b, await Body.members(b.id), "2024-11-15");
    expect(comp).toMatchObject({ members: 3, sizeLimit: 3, bySeat: { appointed: 3 }, endingSoon: 3 });
  });

  it("allow one renewal where the body allows one; never overlapping terms", async () => {
    const b = await body({ sizeLimit: 10 });
    const m = await Body.addMember(b.id, { displayName: "연임 위원", seat: "ex_officio", subcommittee: "가분과", term: term("2020-01-01", "2021-12-31") });
    expect(await codeOf(Body.renew(b.id, m.id, term("2021-06-01", "2023-05-31")))).toBe("terms_overlap");
    const renewed = await Body.renew(b.id, m.id, term("2022-01-01", "2023-12-31"));
    expect(renewed.terms).toHaveLength(2);
    expect(await codeOf(Body.renew(b.id, m.id, term("2024-01-01", "2025-12-31")))).toBe("renewals_exceeded");
    expect(await codeOf(Body.addMember(b.id, { displayName: "x", seat: "civil", subcommittee: "없는분과", term: term("2024-01-01", "2025-12-31") }))).toBe("subcommittee_unknown");
    expect(Body.flagEnding(renewed, "2023-11-15")).toBe(true);
    expect(Body.flagEnding(renewed, "2023-06-01")).toBe(false);
  });

  it("two appointments racing for the last seat: one lands", async () => {
    const b = await body({ sizeLimit: 1 });
    const both = await Promise.allSettled(["갑", "을"].map((n) => Body.addMember(b.id, { displayName: n, seat: "civil", term: term("2023-01-01", "2024-12-31") })));
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await Body.members(b.id)).toHaveLength(1);
  });
});

describe("the dashboard follows the record", () => {
  it("counts meetings by the indicator's rule; re-dating across a quarter moves the count; a retried write counts once", async () => {
    const committee = await body({ sizeLimit: 30, subcommittees: ["가분과", "나분과", "다분과"] });
    const council = await body({ name: "시험 협치회의", kind: "council", sizeLimit: 40, subcommittees: ["가분과", "나분과"] });
    const advisory = await body({ name: "시험 자문단", kind: "advisory", sizeLimit: 100, subcommittees: [] });
    const forum = await Forum.create({ title: "대시보드 공론장", startsOn: "2023-05-01", endsOn: "2023-05-10" });
    for (const d of ["01", "03"]) await Session.create(forum.id, { title: `회차 ${d}`, startsAt: `2023-05-${d}T19:00` });
    const pledge = await Pledge.create({
      title: "시험 공약",
      fromYear: 2023,
      toYear: 2024,
      items: [
        { key: "committee", title: "위원회", indicator: "개최 횟수", unit: "회", weight: 40, targets: { "2023": 4, "2024": 4 }, quarterly: { year: "2023", targets: [1, 1, 1, 1] }, rule: { source: "meetings", bodyId: committee.id, kinds: ["full", "subcommittee"], subcommittees: "each" } },
        { key: "council", title: "협치회의", indicator: "개최 횟수", unit: "회", weight: 30, targets: { "2023": 4 }, rule: { source: "meetings", bodyId: council.id, kinds: ["full", "subcommittee"], subcommittees: "once" } },
        { key: "tasks", title: "자문단", indicator: "지정 과제", unit: "회", weight: 10, targets: { "2023": 2 }, rule: { source: "tasks", bodyId: advisory.id } },
        { key: "forums", title: "공론장", indicator: "회차", unit: "회", weight: 20, targets: { "2023": 4 }, rule: { source: "sessions", forumIds: [forum.id] } },
      ],
    });
    const at = async () => Object.fromEntries((await Pledge.dashboard(pledge.id, "2023-12-31")).indicators.map((i) => [i.key, i.actual]));
    expect(await at()).toEqual({ committee: 0, council: 0, tasks: 0, forums: 2 });

    const round = { kind: "subcommittee" as const, subcommittees: ["가분과", "나분과"], title: "분과 회의", on: "2023-03-15" };
    const m = await Meeting.create(committee.id, round);
    await Meeting.create(council.id, round);
    await Meeting.create(committee.id, { kind: "full", title: "전체회의", on: "2023-06-10" });
    // Retries of one request with its key record one meeting.
    await Promise.all(Array.from({ length: 5 }, () => Meeting.create(council.id, { kind: "full", title: "전체회의", on: "2023-06-11" }, { idempotencyKey: "council-full-1" })));
    await DesignatedTask.create(advisory.id, { topic: "축제 설문", startsOn: "2023-10-01", endsOn: "2023-10-03", method: "offline_survey", invited: 50, participated: 20 });
    expect(await at()).toEqual({ committee: 3, council: 2, tasks: 1, forums: 2 });

    const q = async () => (await Pledge.dashboard(pledge.id, "2023-12-31")).indicators[0]!.quarterly!.quarters.map((x) => x.actual);
    expect(await q()).toEqual([2, 1, 0, 0]);
    await Meeting.update(m.id, { on: "2023-07-20" });
    expect(await q()).toEqual([0, 1, 2, 0]);
    const d = await Pledge.dashboard(pledge.id, "2023-12-31");
    expect(d.indicators[0]).toMatchObject({ target: 8, actual: 3, rate: 37.5, weight: 40 });
    expect(d.indicators[0]!.quarterly!.quarters.map((x) => x.behind)).toEqual([true, false, false, true]);
    expect(d.total).toBe(Math.round((0.4 * 37.5 + 0.3 * 50 + 0.1 * 50 + 0.2 * 50) * 10) / 10);
    expect(d.formula).toBe(`0.40 × 37.5 + 0.30 × 50.0 + 0.10 × 50.0 + 0.20 × 50.0 = ${d.total.toFixed(1)}`);
    // Figures as of an earlier day count only what happened by then.
    expect((await Pledge.dashboard(pledge.id, "2023-06-10")).indicators.map((i) => i.actual)).toEqual([1, 1, 0, 2]);
    await Meeting.remove(m.id);
    expect((await at()).committee).toBe(1);
  });

  it("refuses weights that do not add up to 100%, a target outside the pledge's years, a meeting in the future, more participants than invited", async () => {
    const item = { key: "a", title: "지표", indicator: "횟수", unit: "회", weight: 60, targets: { "2023": 1 }, rule: { source: "sessions" as const } };
    const weights = Pledge.Input.safeParse({ title: "시험", fromYear: 2022, toYear: 2026, items: [item, { ...item, key: "b", weight: 30 }] });
    expect(weights.success).toBe(false);
    expect(weights.error!.issues[0]!.path).toEqual(["items"]);
    const outside = Pledge.Input.safeParse({ title: "시험", fromYear: 2022, toYear: 2026, items: [{ ...item, weight: 100, targets: { "2027": 1 } }] });
    expect(outside.error!.issues[0]!.path).toEqual(["items", 0, "targets", "2027"]);
    expect(Meeting.Input.safeParse({ kind: "full", title: "미래 회의", on: "2999-01-01" }).error!.issues[0]!.path).toEqual(["on"]);
    expect(Meeting.Input.safeParse({ kind: "subcommittee", title: "분과 없음", on: "2023-01-01" }).error!.issues[0]!.path).toEqual(["subcommittees"]);
    expect(DesignatedTask.Input.safeParse({ topic: "설문", startsOn: "2023-01-01", endsOn: "2023-01-02", method: "online_survey", invited: 10, participated: 11 }).error!.issues[0]!.path).toEqual(["participated"]);
    const b = await body();
    expect(await codeOf(Meeting.create(b.id, { kind: "subcommittee", subcommittees: ["없는분과"], title: "분과", on: "2023-01-01" }))).toBe("subcommittee_unknown");
  });
});
