import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Forum } from "../attendance/forum.js";
import { Proposal, ProposalIndex } from "../proposals/proposal.js";
import { AppError, invalid, notFound, whenFieldsValid } from "../shared/errors.js";
import { GSI1, IndexPartition, Keys, Prefix, backoff, batchGetAll, cancellationReasons, counterAdd, db, newId, queryPartition, shareDelta, tableName, type TransactItem } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";
import { Card } from "./card.js";
import { Amount } from "./amount.js";

/**
 * Projects (실행계획서, execution plans): the road from core agendas to funded work. A project
 * comes from one or more core agendas of a forum (several agendas merge into one project; one
 * agenda may go into two), belongs to one of the forum's fields (the council's subcommittee), and
 * carries its plan: purpose, content, period, task force and budget lines. Its money ladder —
 * requested (the plan) → proposed (the council) → approved (the district council) → executed
 * (the management cards) — follows from its decisions and cards, each with a date and, where the
 * amount changes, a reason.
 *
 * Every write reads the project, computes the next version and writes it in one transaction
 * guarded by the version read, together with what moves with it: the lineage on the agendas, the
 * forum's funnel counters, a card. A write that loses a race is computed again from the new state.
 */
export namespace Project {
  export const Stage = z.enum(["plan", "selected", "not_selected", "funded", "rejected", "running", "done", "cancelled"]);
  export type Stage = z.infer<typeof Stage>;

  export const Side = z.enum(["public", "private"]);
  export const Member = z.object({ name: Text.field({ ko: "이름", en: "the name" }, { min: 1, max: 50 }), side: Side }).strict();
  export type Member = z.infer<typeof Member>;

  const Count = z.number().int({ error: "인원은 정수여야 합니다 / a number of people is a whole number" }).min(0).max(500);

  /** The task force (실행추진반): how many public and private members; names are optional and for staff only. */
  export const TaskForce = z
    .object({ publicMembers: Count, privateMembers: Count, members: z.array(Member).max(100).optional() })
    .strict();
  export type TaskForce = z.infer<typeof TaskForce>;

  export const BudgetLine = z.object({ item: Text.field({ ko: "예산 항목", en: "the budget item" }, { min: 1, max: 100 }), amount: Amount.Schema }).strict();
  export type BudgetLine = z.infer<typeof BudgetLine>;

  export const Period = z
    .object({ startsOn: DateOnly, endsOn: DateOnly })
    .strict()
    .refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], error: "사업 종료일은 시작일 뒤여야 합니다 / endsOn must not be before startsOn", ...whenFieldsValid });
  export type Period = z.infer<typeof Period>;

  const AgendaIds = z
    .array(z.string().min(1).max(64))
    .min(1, { error: "핵심 의제를 하나 이상 고르세요 / choose at least one core agenda" })
    .max(30)
    .refine((ids) => new Set(ids).size === ids.length, { error: "같은 의제가 두 번 있습니다 / an agenda is listed twice" });

  const plan = {
    title: Text.field({ ko: "사업명", en: "the title" }, { min: 2, max: 100 }),
    purpose: Text.field({ ko: "추진 목적", en: "the purpose" }, { max: 2000 }),
    content: Text.field({ ko: "사업 내용", en: "the content" }, { max: 5000 }),
    field: Text.field({ ko: "분야", en: "the field" }, { min: 1, max: 30 }),
    period: Period,
    taskForce: TaskForce,
    budgetLines: z.array(BudgetLine).max(50),
  };

  export const CreateInput = z.object({ ...plan, agendaIds: AgendaIds }).strict();
  export type CreateInput = z.infer<typeof CreateInput>;

  /** Where a project may go by hand; the decisions move it to selected, not_selected, funded and rejected. */
  export const Move = z.enum(["running", "done", "cancelled"]);
  export type Move = z.infer<typeof Move>;

  export const UpdateInput = z
    .object({
      ...Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v.optional()])),
      agendaIds: AgendaIds.optional(),
      stage: Move.optional(),
      reason: Text.field({ ko: "사유", en: "the reason" }, { min: 2, max: 300 }).optional(),
    } as { [K in keyof typeof plan]: z.ZodOptional<(typeof plan)[K]> } & {
      agendaIds: z.ZodOptional<typeof AgendaIds>;
      stage: z.ZodOptional<typeof Move>;
      reason: z.ZodOptional<z.ZodString>;
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" })
    .refine((v) => v.stage !== "cancelled" || v.reason !== undefined, {
      path: ["reason"],
      error: "사업을 취소할 때는 사유를 적어 주세요 / cancelling a project needs a reason",
      ...whenFieldsValid,
    });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Step = z.object({ amount: z.number(), on: z.string(), reason: z.string().optional() });
  export type Step = z.infer<typeof Step>;

  /** requested → proposed → approved → executed, in 천원. */
  export const Ladder = z.object({
    requested: Step,
    proposed: Step.optional(),
    approved: Step.optional(),
    executed: z.number(),
  });
  export type Ladder = z.infer<typeof Ladder>;

  export const Decision = z.object({
    id: z.string(),
    kind: z.enum(["council", "budget"]),
    outcome: z.enum(["selected", "not_selected", "funded", "rejected"]),
    amount: z.number(),
    reasonCode: z.string().optional(),
    reason: z.string().optional(),
    meeting: z.object({ on: z.string(), name: z.string() }).optional(),
    decidedOn: z.string(),
    recordedAt: z.string(),
    /** The decision this one corrects; the corrected one keeps `supersededBy`. */
    corrects: z.string().optional(),
    supersededBy: z.string().optional(),
  });
  export type Decision = z.infer<typeof Decision>;

  export const Event = z.object({
    at: z.string(),
    event: z.enum(["created", "edited", "decided", "corrected", "running", "done", "cancelled", "card"]),
    note: z.string().optional(),
  });
  export type Event = z.infer<typeof Event>;

  /** One quarter's management card, as the project keeps it (the full card is its own item). */
  export const CardSummary = z.object({
    quarter: z.string(),
    progress: z.number(),
    status: z.enum(["on_track", "delayed", "blocked"]),
    spend: z.number(),
    signedOff: z.boolean(),
  });
  export type CardSummary = z.infer<typeof CardSummary>;

  export const Info = z.object({
    id: z.string(),
    forumId: z.string(),
    title: z.string(),
    purpose: z.string(),
    content: z.string(),
    field: z.string(),
    period: z.object({ startsOn: z.string(), endsOn: z.string() }),
    agendaIds: z.array(z.string()),
    taskForce: z.object({ publicMembers: z.number(), privateMembers: z.number(), members: z.array(z.object({ name: z.string(), side: Side })).optional() }),
    budgetLines: z.array(z.object({ item: z.string(), amount: z.number() })),
    stage: Stage,
    money: Ladder,
    decisions: z.array(Decision),
    cards: z.array(CardSummary),
    history: z.array(Event),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  /** What everyone sees: all but the task force's names (shown to staff only). */
  export const Public = Info.extend({ taskForce: z.object({ publicMembers: z.number(), privateMembers: z.number() }) });
  export type Public = z.infer<typeof Public>;

  export const toPublic = (p: Info): Public => {
    const { members: _names, ...counts } = p.taskForce;
    return { ...p, taskForce: counts };
  };

  const fromItem = (item: Record<string, unknown>): Info => Info.parse({ cards: [], history: [], decisions: [], ...item });

  export const requested = (lines: { amount: number }[]) => lines.reduce((s, l) => s + l.amount, 0);

  /** The decision of a kind in force: the last one not corrected by another. */
  export const current = (p: Pick<Info, "decisions">, kind: Decision["kind"]) => p.decisions.filter((d) => d.kind === kind && !d.supersededBy).at(-1);

  /**
   * What a project adds to its forum's funnel: a plan with its requested money; selected with the
   * proposed money once the council's decision in force selects it; funded with the approved money
   * once the district council's funds it (a later cancellation drops it out after the step it
   * reached); running or done by its stage; the executed money of its cards.
   */
  export function funnelShare(p: Info | undefined): Record<string, number> {
    if (!p) return {};
    const selected = current(p, "council")?.outcome === "selected";
    const funded = selected && current(p, "budget")?.outcome === "funded";
    return {
      plans: 1,
      requested: p.money.requested.amount,
      selected: selected ? 1 : 0,
      proposed: selected ? (p.money.proposed?.amount ?? 0) : 0,
      funded: funded ? 1 : 0,
      approved: funded ? (p.money.approved?.amount ?? 0) : 0,
      running: p.stage === "running" ? 1 : 0,
      done: p.stage === "done" ? 1 : 0,
      executed: p.money.executed,
    };
  }

  // ——— Writes ————————————————————————————————————————————————————————————————

  /** A write's outcome: the next version, what else moves with it, and the caller's answer. */
  export interface Change<T> {
    next: Info;
    items?: TransactItem[];
    /** Agendas whose lineage the write changes (this instance's proposal index learns at once). */
    agendas?: Proposal.Info[];
    result: T;
  }

  const MAX_ATTEMPTS = 8;

  /**
   * Reads the project (and its forum), lets `change` compute the next version, and writes it with
   * everything that moves with it, guarded by the version read. Lost races are computed again.
   */
  export async function write<T>(id: string, change: (before: Info, forum: Forum.Info) => Promise<Change<T>>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const before = await mustGet(id);
      const forum = await Forum.mustGet(before.forumId);
      if (forum.archived) throw archived(forum);
      const { next, items = [], agendas = [], result } = await change(before, forum);
      const counters = counterAdd(Keys.funnel(next.forumId), "Funnel", shareDelta(funnelShare(before), funnelShare(next)));
      try {
        await db().send(new TransactWriteCommand({ TransactItems: [versioned(next, before.updatedAt), ...items, ...(counters ? [counters] : [])] }));
        for (const a of agendas) ProposalIndex.note(a);
        return result;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons || attempt >= MAX_ATTEMPTS) throw reasons ? changedMeanwhile() : err;
        await backoff(attempt);
      }
    }
  }

  function versioned(p: Info, version: string | undefined): TransactItem {
    return {
      Put: {
        TableName: tableName(),
        Item: { ...Keys.project(p.id), ...Keys.projectIndex(p.forumId, p.createdAt, p.id), type: "Project", ...p },
        ...(version === undefined
          ? { ConditionExpression: "attribute_not_exists(PK)" }
          : { ConditionExpression: "updatedAt = :v", ExpressionAttributeValues: { ":v": version } }),
      },
    };
  }

  /** A new project from core agendas of the forum; the agendas learn of it in the same transaction. */
  export async function create(forumId: string, input: CreateInput): Promise<Info> {
    const forum = await Forum.mustGet(forumId);
    if (forum.archived) throw archived(forum);
    assertField(input.field, forum.fields);
    const agendas = await coreAgendas(forum.id, input.agendaIds);
    const at = new Date().toISOString();
    const id = newId();
    const project: Info = {
      id,
      forumId: forum.id,
      title: input.title,
      purpose: input.purpose,
      content: input.content,
      field: input.field,
      period: input.period,
      agendaIds: input.agendaIds,
      taskForce: input.taskForce,
      budgetLines: input.budgetLines,
      stage: "plan",
      money: { requested: { amount: requested(input.budgetLines), on: kstToday() }, executed: 0 },
      decisions: [],
      cards: [],
      history: [{ at, event: "created" }],
      createdAt: at,
      updatedAt: at,
    };
    const linked = agendas.map((a) => Proposal.relink(a, [...a.projectIds, id], a.stage === "core" ? "project" : a.stage, { event: "project", title: project.title, to: id }));
    const lineage = linked.flatMap((l) => l.items);
    const counters = counterAdd(Keys.funnel(forum.id), "Funnel", funnelShare(project));
    try {
      await db().send(new TransactWriteCommand({ TransactItems: [versioned(project, undefined), ...lineage, ...(counters ? [counters] : [])] }));
    } catch (err) {
      throw cancellationReasons(err) ? changedMeanwhile() : err;
    }
    for (const l of linked) ProposalIndex.note(l.next);
    return project;
  }

  /** Changes the plan (until the council decides on it) or moves the project (running, done, cancelled). */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    return write(id, async (before, forum) => {
      const at = new Date().toISOString();
      const next: Info = { ...before, history: [...before.history], updatedAt: at };
      const items: TransactItem[] = [];
      const agendas: Proposal.Info[] = [];
      const link = (l: { next: Proposal.Info; items: TransactItem[] }) => {
        items.push(...l.items);
        agendas.push(l.next);
      };
      const { stage, reason, agendaIds, ...fields } = input;
      const planChange = Object.keys(fields).length > 0 || agendaIds !== undefined;
      if (planChange) {
        const decided = before.stage !== "plan";
        if (decided && (fields.budgetLines !== undefined || agendaIds !== undefined || fields.field !== undefined)) {
          throw new AppError("conflict", "plan_decided", {
            ko: "협치회의가 이미 결정한 계획이라 예산, 의제, 분야는 바꿀 수 없습니다. 바꾸려면 결정을 정정하세요.",
            en: "The council has decided on this plan, so its budget, agendas and field cannot change; correct the decision instead.",
          });
        }
        if (fields.field !== undefined) assertField(fields.field, forum.fields);
        Object.assign(next, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
        if (fields.budgetLines) next.money = { ...next.money, requested: { amount: requested(fields.budgetLines), on: kstToday() } };
        if (agendaIds) {
          const added = agendaIds.filter((a) => !before.agendaIds.includes(a));
          const removed = before.agendaIds.filter((a) => !agendaIds.includes(a));
          const fresh = await coreAgendas(before.forumId, added);
          for (const a of fresh) link(Proposal.relink(a, [...a.projectIds, id], a.stage === "core" ? "project" : a.stage, { event: "project", title: next.title, to: id }));
          for (const gone of removed) {
            const a = await Proposal.mustGet(gone);
            const rest = a.projectIds.filter((p) => p !== id);
            link(Proposal.relink(a, rest, await agendaStage(rest, id)));
          }
          next.agendaIds = agendaIds;
        }
        next.history.push({ at, event: "edited" });
      }
      if (stage) {
        const allowed: Record<Move, Stage[]> = { running: ["funded"], done: ["running"], cancelled: ["plan", "selected", "funded", "running"] };
        if (!allowed[stage].includes(before.stage)) throw badMove(before.stage, stage);
        next.stage = stage;
        next.history.push({ at, event: stage, note: reason });
      }
      return { next, items, agendas, result: next };
    });
  }

  /** An agenda's stage from the projects it is in (but `except`): funded if one is funded, else project, else core. */
  export async function agendaStage(projectIds: string[], except?: string): Promise<Proposal.Stage> {
    const others = projectIds.filter((p) => p !== except);
    if (others.length === 0) return "core";
    const items = await batchGetAll(others.map((p) => Keys.project(p)));
    return items.some((i) => current(fromItem(i), "budget")?.outcome === "funded") ? "funded" : "project";
  }

  /** The proposals as agendas for a project of the forum: published core agendas of that forum. */
  async function coreAgendas(forumId: string, ids: string[]): Promise<Proposal.Info[]> {
    const found = await Promise.all(ids.map((id) => Proposal.fromID(id)));
    const wrong = ids.filter((id, i) => {
      const p = found[i];
      return !p || p.forumId !== forumId || p.status !== "published" || p.stage === "proposed";
    });
    if (wrong.length > 0) {
      throw invalid(
        "agenda_not_core",
        "agendaIds",
        `실행계획은 이 공론장의 핵심 의제로만 만들 수 있습니다. 맞지 않는 의제: ${wrong.slice(0, 5).join(", ")}`,
        `An execution plan can only come from core agendas of this forum; not: ${wrong.slice(0, 5).join(", ")}`,
      );
    }
    return found as Proposal.Info[];
  }

  // ——— Reads ————————————————————————————————————————————————————————————————

  // Access pattern: a project by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.project(id), ConsistentRead: true }));
    return res.Item ? fromItem(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const p = await fromID(id);
    if (!p) throw notFound({ ko: "사업", en: "Project" });
    return p;
  }

  // Access pattern: a forum's projects, oldest first (GSI1: FORUM#id, PROJECT#createdAt#id).
  export async function listByForum(forumId: string): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.forum(forumId), skPrefix: Prefix.project })).map(fromItem);
  }

  /** Several projects by id (a proposal's lineage). */
  export async function many(ids: string[]): Promise<Info[]> {
    if (ids.length === 0) return [];
    const items = await batchGetAll(ids.map((id) => Keys.project(id)));
    const byId = new Map(items.map((i) => [String(i.id), fromItem(i)]));
    return ids.map((id) => byId.get(id)).filter((p): p is Info => p !== undefined);
  }

  /** A project as its page shows it: the agendas it came from, and the quarter whose card is overdue. */
  export const View = Info.extend({
    taskForce: Info.shape.taskForce,
    agendas: z.array(z.object({ id: z.string(), title: z.string(), field: z.string() })),
    overdue: z.string().optional(),
  });
  export type View = z.infer<typeof View>;

  /** Staff see the task force's names; everyone else its counts. */
  export async function views(projects: Info[], staff: boolean): Promise<View[]> {
    if (projects.length === 0) return [];
    const forums = [...new Set(projects.map((p) => p.forumId))];
    const titles = new Map((await Promise.all(forums.map((f) => Proposal.all(f)))).flat().map((a) => [a.id, a]));
    return projects.map((p) => ({
      ...(staff ? p : toPublic(p)),
      agendas: p.agendaIds.map((id) => ({ id, title: titles.get(id)?.title ?? "—", field: titles.get(id)?.field ?? "" })),
      overdue: Card.overdue(p),
    }));
  }

  export async function view(id: string, staff: boolean): Promise<View> {
    return (await views([await mustGet(id)], staff))[0]!;
  }

  export const Attention = z.object({
    projectId: z.string(),
    forumId: z.string(),
    forumTitle: z.string(),
    title: z.string(),
    stage: Stage,
    /** A quarter that ended more than 15 days ago without a card. */
    overdue: z.string().optional(),
    /** Cards filed but not yet signed off. */
    unsigned: z.array(z.string()),
    /** The latest card's status when it is not on track. */
    late: z.enum(["delayed", "blocked"]).optional(),
  });
  export type Attention = z.infer<typeof Attention>;

  /** For the staff dashboard: every project of every forum that needs a look (overdue, unsigned, late). */
  export async function attention(): Promise<Attention[]> {
    const forums = await Forum.list();
    const perForum = await Promise.all(forums.map(async (f) => (await listByForum(f.id)).map((p) => ({ f, p }))));
    return perForum
      .flat()
      .map(({ f, p }) => {
        const last = p.cards.at(-1);
        return {
          projectId: p.id,
          forumId: f.id,
          forumTitle: f.title,
          title: p.title,
          stage: p.stage,
          overdue: Card.overdue(p),
          unsigned: p.cards.filter((c) => !c.signedOff).map((c) => c.quarter),
          late: last && last.status !== "on_track" ? last.status : undefined,
        };
      })
      .filter((a) => a.overdue || a.unsigned.length > 0 || a.late);
  }

  // ——— Rules and errors ——————————————————————————————————————————————————————

  function assertField(field: string, fields: string[]) {
    if (!fields.includes(field)) {
      throw invalid(
        "field_unknown",
        "field",
        `'${field}'은(는) 이 공론장의 분야(분과)가 아닙니다. 다음 중에서 고르세요: ${fields.join(", ")}`,
        `'${field}' is not one of this forum's fields (subcommittees); choose one of: ${fields.join(", ")}`,
      );
    }
  }

  export const STAGE_KO: Record<Stage, string> = {
    plan: "계획",
    selected: "선정",
    not_selected: "미선정",
    funded: "예산 반영",
    rejected: "예산 미반영",
    running: "추진 중",
    done: "완료",
    cancelled: "취소",
  };

  const badMove = (from: Stage, to: Move) =>
    new AppError(
      "conflict",
      "stage_not_allowed",
      {
        ko: `‘${STAGE_KO[from]}’ 단계의 사업은 ‘${STAGE_KO[to]}’(으)로 옮길 수 없습니다. ${to === "running" ? "예산이 반영된 사업만 추진할 수 있습니다." : to === "done" ? "추진 중인 사업만 완료할 수 있습니다." : "완료된 사업은 취소할 수 없습니다."}`,
        en: `A project at the ${from} stage cannot move to ${to}. ${to === "running" ? "Only funded projects start running." : to === "done" ? "Only running projects can be done." : "A finished project cannot be cancelled."}`,
      },
      { field: "stage" },
    );

  const archived = (forum: Forum.Info) =>
    new AppError("conflict", "forum_archived", {
      ko: `‘${forum.title}’은(는) 기록이 마감된 공론장이라 사업을 바꿀 수 없습니다.`,
      en: `‘${forum.title}’ is archived: its projects no longer change.`,
    });

  export const changedMeanwhile = () =>
    new AppError("conflict", "changed_meanwhile", {
      ko: "그 사이 다른 사람이 이 사업을 바꾸었습니다. 새로 고친 뒤 다시 시도하세요.",
      en: "Someone else changed this project meanwhile; reload and try again.",
    });
}
