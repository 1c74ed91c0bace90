import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Project } from "../projects/project.js";
import { Session } from "../attendance/session.js";
import { AppError, invalid, invalidInput, notFound, whenFieldsValid } from "../shared/errors.js";
import { Idempotency } from "../shared/idempotency.js";
import { GSI1, IndexPartition, Keys, Prefix, cancellationReasons, db, newId, queryPartition, tableName } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";
import { Body } from "./body.js";

/**
 * The meeting log of each body: which kind of meeting (full, steering, planning, subcommittee —
 * which ones —, extended subcommittee), its number (제2차), date, place, attendance, agenda items,
 * decisions, the policy proposals it produced, and what it decided elsewhere in Gongnon (the
 * council meeting that selected projects, forum sessions). The pledge dashboard counts from it.
 */
export namespace Meeting {
  export const Kind = z.enum(["full", "steering", "planning", "subcommittee", "extended_subcommittee", "other"]);
  export type Kind = z.infer<typeof Kind>;

  const Items = z.array(Text.field({ ko: "항목", en: "an item" }, { min: 1, max: 500 })).max(50);

  const Fields = z
    .object({
      kind: Kind,
      /** Which subcommittees met (a round of several counts once or per subcommittee, by the indicator's rule). */
      subcommittees: z.array(z.string().min(1).max(30)).max(20).optional(),
      title: Text.field({ ko: "회의 이름", en: "the title" }, { min: 2, max: 200 }),
      /** 제N차. */
      ordinal: z.number().int().min(1).max(100).optional(),
      on: DateOnly,
      place: Text.field({ ko: "장소", en: "the place" }, { max: 200 }).optional(),
      attendance: z.number().int().min(0).max(10_000).optional(),
      agenda: Items.optional(),
      decisions: Items.optional(),
      /** 정책제안 N건. */
      policyProposals: z.number().int().min(0).max(1000).optional(),
      projectIds: z.array(z.string().min(1).max(64)).max(50).optional(),
      sessionIds: z.array(z.string().min(1).max(64)).max(50).optional(),
    })
    .strict();

  export const Input = Fields.refine((m) => m.on <= kstToday(), { path: ["on"], error: "회의 날짜는 오늘이나 그 전이어야 합니다 / a meeting cannot be dated in the future", ...whenFieldsValid })
    .refine((m) => !["subcommittee", "extended_subcommittee"].includes(m.kind) || (m.subcommittees?.length ?? 0) > 0, {
      path: ["subcommittees"],
      error: "분과 회의는 어느 분과가 모였는지 적어 주세요 / a subcommittee meeting names its subcommittees",
      ...whenFieldsValid,
    });
  export type Input = z.infer<typeof Input>;

  export const UpdateInput = Fields.partial().refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Info = z.object({
    id: z.string(),
    bodyId: z.string(),
    kind: Kind,
    subcommittees: z.array(z.string()),
    title: z.string(),
    ordinal: z.number().optional(),
    on: z.string(),
    place: z.string().optional(),
    attendance: z.number().optional(),
    agenda: z.array(z.string()),
    decisions: z.array(z.string()),
    policyProposals: z.number(),
    projectIds: z.array(z.string()),
    sessionIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  const toInfo = (item: Record<string, unknown>): Info => Info.parse({ subcommittees: [], agenda: [], decisions: [], policyProposals: 0, projectIds: [], sessionIds: [], ...item });

  async function checked(body: Body.Info, input: Input) {
    const wrong = (input.subcommittees ?? []).filter((s) => !body.subcommittees.includes(s));
    if (wrong.length > 0) {
      throw invalid("subcommittee_unknown", "subcommittees", `${body.name}에는 ${wrong.join(", ")} 분과가 없습니다 (${body.subcommittees.join(", ") || "분과 없음"}).`, `${body.name} has no subcommittee ${wrong.join(", ")}.`);
    }
    if ((input.kind === "planning" || input.kind === "steering") && !body.steering) {
      throw invalid("kind_unknown", "kind", `${body.name}에는 운영·기획위원회가 없습니다.`, `${body.name} has no steering or planning committee.`);
    }
    for (const id of input.projectIds ?? []) if (!(await Project.fromID(id))) throw invalid("project_unknown", "projectIds", `사업 ${id}이(가) 없습니다.`, `There is no project ${id}.`);
    for (const id of input.sessionIds ?? []) if (!(await Session.fromID(id))) throw invalid("session_unknown", "sessionIds", `회차 ${id}이(가) 없습니다.`, `There is no session ${id}.`);
  }

  /** Records a meeting; an Idempotency-Key makes a retried request record it once. */
  export async function create(bodyId: string, input: Input, opts: { idempotencyKey?: string } = {}): Promise<Info> {
    const body = await Body.mustGet(bodyId);
    await checked(body, input);
    const claim = opts.idempotencyKey ? { scope: `meeting:${bodyId}`, key: opts.idempotencyKey, fingerprint: Idempotency.fingerprint(bodyId, input) } : undefined;
    const Created = z.object({ id: z.string() });
    const { id } = await Idempotency.run(claim, Created, async (settle) => {
      const at = new Date().toISOString();
      const meeting: Info = toInfo({ ...input, id: newId(), bodyId, createdAt: at, updatedAt: at });
      try {
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName(), Item: { ...Keys.meeting(meeting.id), ...Keys.meetingIndex(bodyId, meeting.on, meeting.id), type: "Meeting", ...meeting }, ConditionExpression: "attribute_not_exists(PK)" } },
              ...(settle ? [settle({ id: meeting.id })] : []),
            ],
          }),
        );
      } catch (err) {
        if (claim && cancellationReasons(err)?.[1] === "ConditionalCheckFailed") return Idempotency.replay(claim, Created);
        throw err;
      }
      return { id: meeting.id };
    });
    return mustGet(id);
  }

  /** Changes a meeting (re-dated, corrected); its index entry moves with its date. */
  export async function update(id: string, change: UpdateInput): Promise<Info> {
    const before = await mustGet(id);
    const body = await Body.mustGet(before.bodyId);
    const { id: _id, bodyId: _body, createdAt: _c, updatedAt: _u, ...kept } = before;
    const merged = Input.safeParse({ ...kept, ...change });
    if (!merged.success) throw invalidInput(merged.error.issues[0]!);
    const input = merged.data;
    await checked(body, input);
    const next: Info = toInfo({ ...input, id, bodyId: before.bodyId, createdAt: before.createdAt, updatedAt: new Date().toISOString() });
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...Keys.meeting(id), ...Keys.meetingIndex(before.bodyId, next.on, id), type: "Meeting", ...next },
          ConditionExpression: "updatedAt = :v",
          ExpressionAttributeValues: { ":v": before.updatedAt },
        }),
      );
    } catch (err) {
      if ((err as Error).name === "ConditionalCheckFailedException") throw changedMeanwhile();
      throw err;
    }
    return next;
  }

  export async function remove(id: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.meeting(id) }));
  }

  // Access pattern: a meeting by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.meeting(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const m = await fromID(id);
    if (!m) throw notFound({ ko: "회의", en: "Meeting" });
    return m;
  }

  // Access pattern: a body's meetings by date (GSI1: BODY#id, MEETING#on#id).
  export async function listByBody(bodyId: string): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.body(bodyId), skPrefix: Prefix.meeting })).map(toInfo);
  }

  const changedMeanwhile = () =>
    new AppError("conflict", "changed_meanwhile", { ko: "그 사이 다른 사람이 이 회의를 바꾸었습니다. 새로 고친 뒤 다시 시도하세요.", en: "Someone else changed this meeting meanwhile; reload and try again." });
}

/** The advisory group's designated tasks (지정과제): surveys and opinions asked of its members. */
export namespace DesignatedTask {
  export const Method = z.enum(["offline_survey", "online_survey", "meeting", "other"]);
  export type Method = z.infer<typeof Method>;

  export const Input = z
    .object({
      topic: Text.field({ ko: "과제", en: "the topic" }, { min: 2, max: 200 }),
      startsOn: DateOnly,
      endsOn: DateOnly,
      method: Method,
      invited: z.number().int().min(0).max(10_000),
      participated: z.number().int().min(0).max(10_000),
      summary: Text.field({ ko: "결과 요약", en: "the summary" }, { max: 2000 }).optional(),
    })
    .strict()
    .refine((t) => t.endsOn >= t.startsOn, { path: ["endsOn"], error: "종료일은 시작일 뒤여야 합니다 / endsOn must not be before startsOn", ...whenFieldsValid })
    .refine((t) => t.participated <= t.invited, { path: ["participated"], error: "참여 인원이 대상 인원보다 많습니다 / more took part than were invited", ...whenFieldsValid })
    .refine((t) => t.startsOn <= kstToday(), { path: ["startsOn"], error: "시작일은 오늘이나 그 전이어야 합니다 / a task cannot start in the future", ...whenFieldsValid });
  export type Input = z.infer<typeof Input>;

  export const Info = z.object({
    id: z.string(),
    bodyId: z.string(),
    topic: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    method: Method,
    invited: z.number(),
    participated: z.number(),
    summary: z.string().optional(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  export async function create(bodyId: string, input: Input): Promise<Info> {
    await Body.mustGet(bodyId);
    const task: Info = { ...input, id: newId(), bodyId, createdAt: new Date().toISOString() };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.task(bodyId, task.id), type: "DesignatedTask", ...task } }));
    return task;
  }

  // Access pattern: a body's designated tasks (PK BODY#id, SK begins_with TASK#).
  export async function listByBody(bodyId: string): Promise<Info[]> {
    return (await queryPartition({ pk: Keys.body(bodyId).PK, skPrefix: Prefix.task })).map((i) => Info.parse(i)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  }
}
