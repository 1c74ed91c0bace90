import { z } from "zod";
import { Proposal } from "../proposals/proposal.js";
import { AppError, invalid, whenFieldsValid } from "../shared/errors.js";
import { newId, type TransactItem } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";
import { Amount } from "./amount.js";
import { Money } from "./money.js";
import { Project } from "./project.js";

/**
 * The two decisions on a project: the governance council's selection (협치회의: selected or not,
 * with the proposed money) and the district council's budget (구의회: funded in full or cut, or
 * rejected, with the approved money). A decision is never overwritten: a correction is a new
 * decision that names the one it corrects, and the history keeps both.
 */
export namespace Decision {
  /** Why the council did not select a plan, or the district council cut or rejected it. */
  export const ReasonCode = z.enum(["duplicate", "budget", "feasibility", "legal", "priority", "scope", "other"]);
  export type ReasonCode = z.infer<typeof ReasonCode>;

  export const REASONS_KO: Record<ReasonCode, string> = {
    duplicate: "기존 사업과 중복",
    budget: "재원 부족",
    feasibility: "실현 가능성 부족",
    legal: "법·제도상 제약",
    priority: "우선순위 낮음",
    scope: "사업 범위 조정",
    other: "기타",
  };

  export const Input = z
    .object({
      kind: z.enum(["council", "budget"]),
      outcome: z.enum(["selected", "not_selected", "funded", "rejected"]),
      /** Proposed (council) or approved (budget) money in 천원; defaults to the step before's. */
      amount: Amount.Schema.optional(),
      reasonCode: ReasonCode.optional(),
      reason: Text.field({ ko: "사유", en: "the reason" }, { min: 2, max: 500 }).optional(),
      decidedOn: DateOnly,
      meeting: z.object({ on: DateOnly, name: Text.field({ ko: "회의 이름", en: "the meeting's name" }, { min: 2, max: 100 }) }).strict().optional(),
      /** The decision in force that this one corrects (required once a decision of this kind exists). */
      corrects: z.string().min(1).max(64).optional(),
      /** The forum the caller means; a project of another forum is refused. */
      forumId: z.string().min(1).max(64).optional(),
    })
    .strict()
    .refine((d) => (d.kind === "council" ? ["selected", "not_selected"] : ["funded", "rejected"]).includes(d.outcome), {
      path: ["outcome"],
      error: "협치회의는 선정·미선정을, 구의회는 예산 반영·미반영을 결정합니다 / the council selects or not; the district council funds or rejects",
      ...whenFieldsValid,
    })
    .refine((d) => !["not_selected", "rejected"].includes(d.outcome) || d.reasonCode !== undefined, {
      path: ["reasonCode"],
      error: "미선정·미반영에는 사유를 고르세요 / a plan not selected or not funded needs a reason",
      ...whenFieldsValid,
    })
    .refine((d) => d.decidedOn <= kstToday() && (!d.meeting || d.meeting.on <= kstToday()), {
      path: ["decidedOn"],
      error: "결정일은 오늘이나 그 전이어야 합니다 / the decision cannot be dated in the future",
      ...whenFieldsValid,
    });
  export type Input = z.infer<typeof Input>;

  /** Records a decision (or a correction of the one in force); the stage, the money and the funnel move with it. */
  export async function record(projectId: string, input: Input): Promise<Project.Info> {
    return Project.write(projectId, async (before) => {
      if (input.forumId !== undefined && input.forumId !== before.forumId) {
        throw new AppError("conflict", "other_forum", {
          ko: "이 사업은 다른 공론장의 사업입니다. 공론장을 확인하세요.",
          en: "This project belongs to another forum; check the forum.",
        }, { field: "forumId" });
      }
      const inForce = Project.current(before, input.kind);
      if (inForce && input.corrects !== inForce.id) {
        throw new AppError(
          "conflict",
          input.corrects ? "not_in_force" : "already_decided",
          input.corrects
            ? { ko: "정정할 결정이 지금 유효한 결정이 아닙니다. 새로 고친 뒤 다시 시도하세요.", en: "The decision to correct is not the one in force; reload and try again." }
            : {
                ko: `이 사업의 ${input.kind === "council" ? "협치회의" : "구의회"} 결정이 이미 있습니다. 바꾸려면 그 결정을 정정하세요 (corrects).`,
                en: `This project already has a ${input.kind === "council" ? "council" : "budget"} decision; to change it, correct that decision (corrects).`,
              },
          { field: "corrects" },
        );
      }
      if (!inForce && input.corrects) throw invalid("nothing_to_correct", "corrects", "정정할 결정이 없습니다.", "There is no decision to correct.");

      const money = { ...before.money };
      let stage = before.stage;
      if (input.kind === "council") {
        if (Project.current(before, "budget")) {
          throw new AppError("conflict", "budget_decided", {
            ko: "구의회 예산 결정이 이미 있어 협치회의 결정을 바꿀 수 없습니다. 예산 결정을 먼저 정정하세요.",
            en: "The district council has decided the budget, so the council's decision cannot change; correct the budget decision first.",
          });
        }
        if (!["plan", "selected", "not_selected"].includes(before.stage)) throw late(before.stage);
        const selected = input.outcome === "selected";
        const amount = selected ? (input.amount ?? before.money.requested.amount) : 0;
        if (selected && amount !== before.money.requested.amount && !input.reason) {
          throw invalid("reason_required", "reason", "신청액과 다른 금액을 제안할 때는 사유를 적어 주세요.", "Proposing an amount other than the one requested needs a reason.");
        }
        money.proposed = selected ? { amount, on: input.decidedOn, ...(input.reason ? { reason: input.reason } : {}) } : undefined;
        stage = selected ? "selected" : "not_selected";
      } else {
        const council = Project.current(before, "council");
        if (council?.outcome !== "selected") {
          throw new AppError("conflict", "not_selected", {
            ko: "협치회의가 선정하지 않은 사업에는 예산을 반영할 수 없습니다.",
            en: "A project the council did not select cannot be funded.",
          });
        }
        if (!["selected", "funded", "rejected"].includes(before.stage)) throw late(before.stage);
        const funded = input.outcome === "funded";
        const proposed = before.money.proposed?.amount ?? 0;
        const amount = funded ? (input.amount ?? proposed) : 0;
        if (funded && amount > proposed && !input.reason) {
          throw new AppError(
            "conflict",
            "approved_above_proposed",
            {
              ko: `제안액(${Money.thousands(proposed)})보다 많은 금액(${Money.thousands(amount)})을 반영하려면 사유를 적어 주세요.`,
              en: `Approving more (${Money.thousands(amount)}) than was proposed (${Money.thousands(proposed)}) needs a reason.`,
            },
            { field: "reason" },
          );
        }
        if (funded && amount < proposed && input.reasonCode === undefined) {
          throw invalid("reason_required", "reasonCode", "제안액보다 줄여 반영할 때는 감액 사유를 고르세요.", "Funding less than was proposed needs a reason for the cut.");
        }
        money.approved = funded ? { amount, on: input.decidedOn, ...(input.reason || input.reasonCode ? { reason: reasonText(input) } : {}) } : undefined;
        stage = funded ? "funded" : "rejected";
      }

      const at = new Date().toISOString();
      const decision: Project.Decision = {
        id: newId(),
        kind: input.kind,
        outcome: input.outcome,
        amount: input.kind === "council" ? (money.proposed?.amount ?? 0) : (money.approved?.amount ?? 0),
        reasonCode: input.reasonCode,
        reason: input.reason,
        meeting: input.meeting,
        decidedOn: input.decidedOn,
        recordedAt: at,
        corrects: inForce?.id,
      };
      const next: Project.Info = {
        ...before,
        stage,
        money,
        decisions: [...before.decisions.map((d) => (d.id === inForce?.id ? { ...d, supersededBy: decision.id } : d)), decision],
        history: [...before.history, { at, event: inForce ? "corrected" : "decided", note: `${input.kind}:${input.outcome}` }],
        updatedAt: at,
      };
      const { items, agendas } = input.kind === "budget" ? await agendasFollow(next) : { items: [], agendas: [] };
      return { next, items, agendas, result: next };
    });
  }

  /** A budget decision moves the project's agendas to `funded` (or back, when a correction rejects it). */
  async function agendasFollow(p: Project.Info): Promise<{ items: TransactItem[]; agendas: Proposal.Info[] }> {
    const items: TransactItem[] = [];
    const agendas: Proposal.Info[] = [];
    const funded = Project.current(p, "budget")?.outcome === "funded";
    for (const id of p.agendaIds) {
      const a = await Proposal.fromID(id);
      if (!a) continue;
      // Still in this project either way: funded, or as funded as its other projects make it.
      const others = funded ? "funded" : await Project.agendaStage(a.projectIds, p.id);
      const stage = others === "core" ? "project" : others;
      if (stage === a.stage) continue;
      const l = Proposal.relink(a, a.projectIds, stage, funded ? { event: "funded", title: p.title, to: p.id, reason: Money.thousands(p.money.approved?.amount ?? 0) } : undefined);
      items.push(...l.items);
      agendas.push(l.next);
    }
    return { items, agendas };
  }

  const reasonText = (d: Input) => [d.reasonCode ? REASONS_KO[d.reasonCode] : undefined, d.reason].filter(Boolean).join(" — ");

  const late = (stage: Project.Stage) =>
    new AppError("conflict", "stage_not_allowed", {
      ko: `‘${Project.STAGE_KO[stage]}’ 단계의 사업에는 이 결정을 기록할 수 없습니다.`,
      en: `This decision cannot be recorded for a project at the ${stage} stage.`,
    });
}
