import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Forum } from "../attendance/forum.js";
import { Proposal } from "../proposals/proposal.js";
import { Keys, Prefix, GSI1, IndexPartition, db, queryPartition, tableName } from "../shared/table.js";
import { Results } from "../voting/results.js";
import { Round } from "../voting/round.js";
import { Decision } from "./decision.js";
import { Money } from "./money.js";
import { Project } from "./project.js";

/**
 * The funnel of a forum's cycle: proposals (by source) → core agendas → execution plans →
 * selected by the council (proposed money) → funded by the district council (approved money) →
 * running / done (executed money). The figures are counters kept in the same transaction as every
 * proposal and project write, so reading the funnel costs one GetItem however many proposals a
 * forum has; `recount` recomputes them from the items. Each step also opens the list of what is in
 * it, and what dropped out between it and the step before, with the reasons.
 */
export namespace Funnel {
  export const STEPS = ["proposals", "core", "plans", "selected", "funded", "running"] as const;
  export const StepName = z.enum(STEPS);
  export type StepName = z.infer<typeof StepName>;

  export const Counters = z.object({
    proposals: z.number(),
    proposals_session: z.number(),
    proposals_online: z.number(),
    proposals_import: z.number(),
    core: z.number(),
    plans: z.number(),
    requested: z.number(),
    selected: z.number(),
    proposed: z.number(),
    funded: z.number(),
    approved: z.number(),
    running: z.number(),
    done: z.number(),
    executed: z.number(),
  });
  export type Counters = z.infer<typeof Counters>;
  const ZERO: Counters = Object.fromEntries(Object.keys(Counters.shape).map((k) => [k, 0])) as Counters;

  export const Step = z.object({
    step: StepName,
    count: z.number(),
    /** 천원: requested (plans), proposed (selected), approved (funded), executed (running). */
    money: z.number().optional(),
    /** proposals: by source; running: running and done. */
    detail: z.record(z.string(), z.number()).optional(),
  });
  export type Step = z.infer<typeof Step>;

  export const View = z.object({ forumId: z.string(), title: z.string(), steps: z.array(Step), counters: Counters });
  export type View = z.infer<typeof View>;

  // Access pattern: a forum's funnel (GetItem FUNNEL#forum).
  export async function counters(forumId: string, consistent = false): Promise<Counters> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.funnel(forumId), ConsistentRead: consistent }));
    return { ...ZERO, ...Counters.partial().parse(res.Item ?? {}) };
  }

  export async function get(forumId: string): Promise<View> {
    const [forum, c] = await Promise.all([Forum.mustGet(forumId), counters(forumId)]);
    return { forumId: forum.id, title: forum.title, steps: steps(c), counters: c };
  }

  export function steps(c: Counters): Step[] {
    return [
      { step: "proposals", count: c.proposals, detail: { session: c.proposals_session, online: c.proposals_online, import: c.proposals_import } },
      { step: "core", count: c.core },
      { step: "plans", count: c.plans, money: c.requested },
      { step: "selected", count: c.selected, money: c.proposed },
      { step: "funded", count: c.funded, money: c.approved },
      { step: "running", count: c.running + c.done, money: c.executed, detail: { running: c.running, done: c.done } },
    ];
  }

  // ——— Drill-down ————————————————————————————————————————————————————————————

  export const Entry = z.object({
    kind: z.enum(["proposal", "project"]),
    id: z.string(),
    title: z.string(),
    field: z.string(),
    /** A project's money at this step (천원). */
    amount: z.number().optional(),
    stage: z.string(),
    /** Why it dropped out (for the `dropped` list), in Korean and English. */
    reason: z.object({ ko: z.string(), en: z.string() }).optional(),
  });
  export type Entry = z.infer<typeof Entry>;

  export const Drill = z.object({
    forumId: z.string(),
    step: StepName,
    items: z.array(Entry),
    /** What was at the step before but is not at this one, with the reasons. */
    dropped: z.array(Entry),
    total: z.number(),
    droppedTotal: z.number(),
  });
  export type Drill = z.infer<typeof Drill>;

  const LIST_LIMIT = 500;

  export async function drill(forumId: string, step: StepName): Promise<Drill> {
    const forum = await Forum.mustGet(forumId);
    const proposals = (await Proposal.all(forum.id)).filter((p) => p.status === "published");
    const core = proposals.filter((p) => p.stage !== "proposed");
    const projects = step === "proposals" || step === "core" ? [] : await Project.listByForum(forum.id);
    const asProposal = (p: Proposal.Info, reason?: Entry["reason"]): Entry => ({ kind: "proposal", id: p.id, title: p.title, field: p.field, stage: p.stage, ...(reason ? { reason } : {}) });
    const asProject = (p: Project.Info, amount: number | undefined, reason?: Entry["reason"]): Entry => ({
      kind: "project",
      id: p.id,
      title: p.title,
      field: p.field,
      stage: p.stage,
      ...(amount !== undefined ? { amount } : {}),
      ...(reason ? { reason } : {}),
    });
    const council = (p: Project.Info) => Project.current(p, "council");
    const budget = (p: Project.Info) => Project.current(p, "budget");
    const said = (d: Project.Decision | undefined, fallback: Entry["reason"]): Entry["reason"] =>
      d?.reasonCode || d?.reason
        ? {
            ko: [d.reasonCode ? Decision.REASONS_KO[d.reasonCode as Decision.ReasonCode] : undefined, d.reason, d.meeting ? `(${d.meeting.name}, ${d.meeting.on})` : undefined].filter(Boolean).join(" "),
            en: [d.reasonCode, d.reason, d.meeting ? `(${d.meeting.name}, ${d.meeting.on})` : undefined].filter(Boolean).join(" "),
          }
        : fallback;

    let items: Entry[] = [];
    let dropped: Entry[] = [];
    if (step === "proposals") items = proposals.map((p) => asProposal(p));
    else if (step === "core") {
      const votes = await voteReasons(forum.id);
      items = core.map((p) => asProposal(p));
      dropped = proposals.filter((p) => p.stage === "proposed").map((p) => asProposal(p, votes.get(p.id) ?? { ko: "핵심 의제로 선정되지 않음", en: "not chosen as a core agenda" }));
    } else if (step === "plans") {
      items = projects.map((p) => asProject(p, p.money.requested.amount));
      dropped = core.filter((p) => p.projectIds.length === 0).map((p) => asProposal(p, { ko: "실행계획으로 이어지지 않음", en: "not taken into an execution plan" }));
    } else if (step === "selected") {
      const isSelected = (p: Project.Info) => council(p)?.outcome === "selected";
      items = projects.filter(isSelected).map((p) => asProject(p, p.money.proposed?.amount));
      dropped = projects
        .filter((p) => !isSelected(p))
        .map((p) =>
          asProject(
            p,
            p.money.requested.amount,
            council(p) ? said(council(p), { ko: "협치회의 미선정", en: "not selected by the council" }) : p.stage === "cancelled" ? cancelled(p) : { ko: "협치회의 결정 전", en: "awaiting the council's decision" },
          ),
        );
    } else if (step === "funded") {
      const selected = projects.filter((p) => council(p)?.outcome === "selected");
      const isFunded = (p: Project.Info) => budget(p)?.outcome === "funded";
      items = selected.filter(isFunded).map((p) => asProject(p, p.money.approved?.amount, cut(p)));
      dropped = selected
        .filter((p) => !isFunded(p))
        .map((p) =>
          asProject(
            p,
            p.money.proposed?.amount,
            budget(p) ? said(budget(p), { ko: "구의회 예산 미반영", en: "not funded by the district council" }) : p.stage === "cancelled" ? cancelled(p) : { ko: "구의회 예산 결정 전", en: "awaiting the district council's budget" },
          ),
        );
    } else {
      const funded = projects.filter((p) => council(p)?.outcome === "selected" && budget(p)?.outcome === "funded");
      const going = (p: Project.Info) => p.stage === "running" || p.stage === "done";
      items = funded.filter(going).map((p) => asProject(p, p.money.executed));
      dropped = funded.filter((p) => !going(p)).map((p) => asProject(p, p.money.approved?.amount, p.stage === "cancelled" ? cancelled(p) : { ko: "추진 시작 전", en: "not started yet" }));
    }
    return { forumId: forum.id, step, items: items.slice(0, LIST_LIMIT), dropped: dropped.slice(0, LIST_LIMIT), total: items.length, droppedTotal: dropped.length };
  }

  const cancelled = (p: Project.Info): Entry["reason"] => {
    const note = p.history.filter((h) => h.event === "cancelled").at(-1)?.note;
    return { ko: `사업 취소${note ? `: ${note}` : ""}`, en: `cancelled${note ? `: ${note}` : ""}` };
  };

  /** A cut is a reason too: the funded amount below the proposed one. */
  const cut = (p: Project.Info): Entry["reason"] | undefined => {
    const proposed = p.money.proposed?.amount ?? 0;
    const approved = p.money.approved?.amount ?? 0;
    return approved < proposed
      ? { ko: `감액 ${Money.thousands(proposed - approved)}${p.money.approved?.reason ? `: ${p.money.approved.reason}` : ""}`, en: `cut by ${Money.thousands(proposed - approved)}` }
      : undefined;
  };

  /** For proposals that were on a closed ballot and not chosen: their votes and rank. */
  async function voteReasons(forumId: string): Promise<Map<string, Entry["reason"]>> {
    const out = new Map<string, Entry["reason"]>();
    for (const round of await Round.listByForum(forumId)) {
      if (round.coreAgendaIds.length === 0) continue;
      const results = await Results.get(round.id);
      for (const t of results.tallies) {
        if (round.coreAgendaIds.includes(t.proposalId) || out.has(t.proposalId)) continue;
        out.set(t.proposalId, {
          ko: `‘${round.title}’에서 ${t.votes}표, ${t.rank}위 (핵심 의제 ${round.coreAgendaIds.length}개에 들지 못함)`,
          en: `${t.votes} votes, rank ${t.rank} in ‘${round.title}’ (not among the ${round.coreAgendaIds.length} core agendas)`,
        });
      }
    }
    return out;
  }

  // ——— Recount ———————————————————————————————————————————————————————————————

  export const Recount = z.object({
    forumId: z.string(),
    counted: Counters,
    counters: Counters,
    differences: z.array(z.object({ counter: z.string(), counted: z.number(), counters: z.number() })),
    ok: z.boolean(),
  });
  export type Recount = z.infer<typeof Recount>;

  /** Recomputes the funnel from the proposals and projects themselves and compares with the counters. */
  export async function recount(forumId: string): Promise<Recount> {
    const forum = await Forum.mustGet(forumId);
    const [proposalItems, projects, stored] = await Promise.all([
      queryPartition({ index: GSI1, pk: IndexPartition.forum(forum.id), skPrefix: Prefix.proposal }),
      Project.listByForum(forum.id),
      counters(forum.id, true),
    ]);
    const counted: Counters = { ...ZERO };
    const add = (share: Record<string, number>) => {
      for (const [k, v] of Object.entries(share)) (counted as Record<string, number>)[k] = ((counted as Record<string, number>)[k] ?? 0) + v;
    };
    for (const item of proposalItems) if (item.type === "Proposal") add(Proposal.funnelShare(Proposal.fromItem(item)));
    for (const p of projects) add(Project.funnelShare(p));
    const differences = (Object.keys(ZERO) as (keyof Counters)[])
      .filter((k) => counted[k] !== stored[k])
      .map((k) => ({ counter: k, counted: counted[k], counters: stored[k] }));
    return { forumId: forum.id, counted, counters: stored, differences, ok: differences.length === 0 };
  }

}
