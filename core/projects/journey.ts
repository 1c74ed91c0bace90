import { z } from "zod";
import { Proposal } from "../proposals/proposal.js";
import { Results } from "../voting/results.js";
import { Round } from "../voting/round.js";
import { Decision } from "./decision.js";
import { Project } from "./project.js";

/**
 * What became of a proposal, to the end of the road: raised → published → core agenda → part of
 * project X → selected or not (with the reason) → funded with N천원 → its latest quarterly progress.
 * A proposal that dropped out says at which step and why. The receipt page (`/p/:code`) shows it.
 */
export namespace Journey {
  const Reason = z.object({ ko: z.string(), en: z.string() });

  export const ProjectPath = z.object({
    id: z.string(),
    title: z.string(),
    stage: Project.Stage,
    requested: z.number(),
    council: z.object({ outcome: z.enum(["selected", "not_selected"]), on: z.string(), meeting: z.string().optional(), amount: z.number(), reason: Reason.optional() }).optional(),
    budget: z.object({ outcome: z.enum(["funded", "rejected"]), on: z.string(), amount: z.number(), reason: Reason.optional() }).optional(),
    executed: z.number(),
    latest: z.object({ quarter: z.string(), progress: z.number(), status: z.enum(["on_track", "delayed", "blocked"]) }).optional(),
  });
  export type ProjectPath = z.infer<typeof ProjectPath>;

  export const View = z.object({
    raisedAt: z.string(),
    publishedAt: z.string().optional(),
    coreAt: z.string().optional(),
    projects: z.array(ProjectPath),
    /** Where it stopped, when it did: the step it did not reach, and why. */
    stopped: z.object({ before: z.enum(["published", "core", "project", "selected", "funded"]), reason: Reason }).optional(),
  });
  export type View = z.infer<typeof View>;

  export async function of(p: Proposal.Info): Promise<View> {
    const at = (event: Proposal.Event["event"]) => p.history.find((h) => h.event === event)?.at;
    const view: View = { raisedAt: p.createdAt, publishedAt: at("published"), coreAt: at("core"), projects: [] };
    if (p.status === "hidden") return { ...view, stopped: { before: "published", reason: { ko: `공개되지 않음: ${p.hiddenReason ?? ""}`.trim(), en: `not published: ${p.hiddenReason ?? ""}`.trim() } } };
    if (p.status === "pending") return view;
    if (p.stage === "proposed") {
      const reason = await notChosen(p);
      return reason ? { ...view, stopped: { before: "core", reason } } : view;
    }
    const projects = await Project.many(p.projectIds);
    view.projects = projects.map(path);
    if (projects.length === 0) {
      // Stopped only once plans have been decided in the forum; before that it is on its way.
      const others = await Project.listByForum(p.forumId);
      if (others.some((o) => o.decisions.length > 0)) view.stopped = { before: "project", reason: { ko: "실행계획으로 이어지지 않았습니다", en: "not taken into an execution plan" } };
    } else {
      const selected = view.projects.filter((x) => x.council?.outcome === "selected");
      if (selected.length === 0 && view.projects.every((x) => x.council?.outcome === "not_selected")) {
        view.stopped = { before: "selected", reason: view.projects[0]!.council!.reason ?? { ko: "협치회의에서 선정되지 않았습니다", en: "not selected by the council" } };
      } else if (selected.length > 0 && selected.every((x) => x.budget?.outcome === "rejected")) {
        view.stopped = { before: "funded", reason: selected[0]!.budget!.reason ?? { ko: "구의회 예산에 반영되지 않았습니다", en: "not funded by the district council" } };
      }
    }
    return view;
  }

  const reasonOf = (d: Project.Decision): { ko: string; en: string } | undefined =>
    d.reasonCode || d.reason
      ? { ko: [d.reasonCode ? Decision.REASONS_KO[d.reasonCode as Decision.ReasonCode] : undefined, d.reason].filter(Boolean).join(" — "), en: [d.reasonCode, d.reason].filter(Boolean).join(" — ") }
      : undefined;

  function path(x: Project.Info): ProjectPath {
    const council = Project.current(x, "council");
    const budget = Project.current(x, "budget");
    const latest = x.cards.at(-1);
    return {
      id: x.id,
      title: x.title,
      stage: x.stage,
      requested: x.money.requested.amount,
      council: council
        ? { outcome: council.outcome as "selected" | "not_selected", on: council.decidedOn, meeting: council.meeting?.name, amount: council.amount, reason: reasonOf(council) }
        : undefined,
      budget: budget ? { outcome: budget.outcome as "funded" | "rejected", on: budget.decidedOn, amount: budget.amount, reason: reasonOf(budget) } : undefined,
      executed: x.money.executed,
      latest: latest ? { quarter: latest.quarter, progress: latest.progress, status: latest.status } : undefined,
    };
  }

  /** A proposal on a closed ballot that did not become a core agenda: its votes and rank. */
  async function notChosen(p: Proposal.Info): Promise<{ ko: string; en: string } | undefined> {
    for (const round of await Round.listByForum(p.forumId)) {
      if (round.coreAgendaIds.length === 0 || !round.proposalIds.includes(p.id)) continue;
      const tally = (await Results.get(round.id)).tallies.find((t) => t.proposalId === p.id);
      return {
        ko: `‘${round.title}’에서 ${tally?.votes ?? 0}표(${tally?.rank ?? "-"}위)로 핵심 의제 ${round.coreAgendaIds.length}개에 들지 못했습니다`,
        en: `${tally?.votes ?? 0} votes (rank ${tally?.rank ?? "-"}) in ‘${round.title}’: not among the ${round.coreAgendaIds.length} core agendas`,
      };
    }
    return undefined;
  }
}
