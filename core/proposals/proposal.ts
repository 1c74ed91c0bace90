import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, invalid, notFound, whenFieldsValid } from "../shared/errors.js";
import { Forum } from "../attendance/forum.js";
import { Idempotency } from "../shared/idempotency.js";
import { Receipt } from "./receipt.js";
import { Search } from "./search.js";
import { Session } from "../attendance/session.js";
import { Text } from "../shared/text.js";
import { GSI1, IndexPartition, Keys, Prefix, backoff, cancellationReasons, counterAdd, db, epochSeconds, newId, queryAll, shareDelta, tableName, type TransactItem } from "../shared/table.js";

/**
 * Proposals (의제): the top of the funnel. Residents send them online, facilitators capture
 * them at a session's tables, staff import paper ones; staff moderate, reclassify, correct and
 * merge them. Every change is kept in the proposal's history, which its receipt page shows.
 */
export namespace Proposal {
  export const Status = z.enum(["pending", "published", "hidden", "merged"]);
  export type Status = z.infer<typeof Status>;
  export const Source = z.enum(["online", "session", "import"]);
  export type Source = z.infer<typeof Source>;
  /** How far down the funnel it went; later stages are set by the voting and project work. */
  export const Stage = z.enum(["proposed", "core", "project", "funded"]);
  export type Stage = z.infer<typeof Stage>;

  export const LIMITS = { title: 100, body: 3000, area: 50, reason: 300, table: 200 } as const;

  const text = (min: number, max: number, what: { ko: string; en: string }) => Text.field(what, { min, max });

  export const Title = text(2, LIMITS.title, { ko: "제목", en: "the title" });
  export const Body = text(10, LIMITS.body, { ko: "내용", en: "the text" });
  export const Field = Text.field({ ko: "분야", en: "the field" }, { max: 30 }).pipe(z.string().min(1, { error: "분야를 고르세요 / choose a field" }));
  export const Area = text(1, LIMITS.area, { ko: "동네", en: "the neighbourhood" });
  export const Table = z
    .number({ error: "탁자 번호는 숫자여야 합니다 / table must be a number" })
    .int()
    .min(1)
    .max(LIMITS.table);

  /** A resident's online proposal. */
  export const CreateInput = z.object({ title: Title, body: Body, field: Field, area: Area.optional() }).strict();
  export type CreateInput = z.infer<typeof CreateInput>;

  /** An agenda raised at a session's table, captured on the facilitator's tablet. */
  export const SessionInput = z
    .object({ title: Title, body: text(0, LIMITS.body, { ko: "내용", en: "the text" }).optional(), field: Field, table: Table.optional() })
    .strict();
  export type SessionInput = z.infer<typeof SessionInput>;

  /** Staff moderation: publish or hide (with a reason), reclassify, correct the text, move out of the inbox. */
  export const UpdateInput = z
    .object({
      status: z.enum(["published", "hidden"]).optional(),
      reason: text(2, LIMITS.reason, { ko: "숨김 사유", en: "the reason" }).optional(),
      field: Field.optional(),
      title: Title.optional(),
      body: text(0, LIMITS.body, { ko: "내용", en: "the text" }).optional(),
      forumId: z.string().min(1).max(64).optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" })
    .refine((v) => v.status !== "hidden" || v.reason !== undefined, {
      path: ["reason"],
      error: "숨길 때는 제안자에게 보일 사유를 적어 주세요 / hiding needs a reason, shown to the proposer",
      ...whenFieldsValid,
    });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Event = z.object({
    at: z.string(),
    event: z.enum(["submitted", "published", "hidden", "reclassified", "edited", "merged", "absorbed", "moved", "core", "project", "funded"]),
    reason: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    /** merged: the proposal it went into; absorbed: the one it took in. */
    proposalId: z.string().optional(),
    title: z.string().optional(),
  });
  export type Event = z.infer<typeof Event>;

  export const Info = z.object({
    id: z.string(),
    forumId: z.string(),
    title: z.string(),
    body: z.string(),
    field: z.string(),
    area: z.string().optional(),
    source: Source,
    sessionId: z.string().optional(),
    sessionTitle: z.string().optional(),
    table: z.number().optional(),
    status: Status,
    hiddenReason: z.string().optional(),
    mergedInto: z.string().optional(),
    mergedFrom: z.array(z.string()),
    stage: Stage,
    /** The execution plans (projects) this agenda went into: the lineage, kept on both sides. */
    projectIds: z.array(z.string()),
    /** The text as first given, kept when staff correct it. */
    original: z.object({ title: z.string(), body: z.string() }).optional(),
    history: z.array(Event),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  /** What everyone may see of a published proposal. */
  export const Public = Info.pick({
    id: true,
    forumId: true,
    title: true,
    body: true,
    field: true,
    area: true,
    source: true,
    sessionId: true,
    sessionTitle: true,
    table: true,
    status: true,
    mergedFrom: true,
    stage: true,
    createdAt: true,
  });
  export type Public = z.infer<typeof Public>;

  export const Created = z.object({ id: z.string(), receipt: z.string(), forumId: z.string(), status: Status });
  export type Created = z.infer<typeof Created>;

  /** The receipt page: the proposal as its proposer sees it, where it went, and its forum. */
  export const ReceiptView = z.object({
    receipt: z.string(),
    proposal: Info.omit({ mergedFrom: true }),
    forum: z.object({ id: z.string(), title: z.string() }),
    /** Where a merged proposal ended up (following merges to the last one). */
    mergedInto: z.object({ id: z.string(), title: z.string(), status: Status, stage: Stage }).optional(),
  });
  export type ReceiptView = z.infer<typeof ReceiptView>;

  export const ListQuery = z.object({
    field: z.string().max(30).optional(),
    source: Source.optional(),
    status: Status.optional(),
    stage: Stage.optional(),
    sessionId: z.string().max(64).optional(),
    q: z.string().max(100, { error: "검색어는 100자까지입니다 / the search may have at most 100 characters" }).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  });
  export type ListQuery = z.infer<typeof ListQuery>;

  export const Page = z.object({
    items: z.array(Info.partial().extend(Public.shape)),
    /** How many match the filters (all pages). */
    total: z.number(),
    nextCursor: z.string().optional(),
    /** Per field, over the proposals the caller may see that match the search and the other filters but the field. */
    byField: z.array(z.object({ field: z.string(), count: z.number() })),
    /** Per status, likewise (the public sees published ones only). */
    byStatus: z.object({ pending: z.number(), published: z.number(), hidden: z.number(), merged: z.number() }),
  });
  export type Page = z.infer<typeof Page>;

  /** A stored proposal item as Info (items written before a field existed get its default). */
  export const fromItem = (item: Record<string, unknown>): Info => Info.parse({ mergedFrom: [], stage: "proposed", history: [], projectIds: [], ...item });

  /**
   * What a proposal adds to its forum's funnel counters: a published one (not merged, not in the
   * inbox) counts as a proposal of its source, and as a core agenda from the core stage on.
   */
  export function funnelShare(p: Info | undefined): Record<string, number> {
    if (!p || p.status !== "published" || p.forumId === Forum.INBOX) return {};
    return { proposals: 1, [`proposals_${p.source}`]: 1, core: p.stage === "proposed" ? 0 : 1 };
  }

  /** The counter changes of a write from `before` to `after` (two forums when it moved). */
  export function funnelChanges(before: Info | undefined, after: Info | undefined): TransactItem[] {
    const forums = new Set([before?.forumId, after?.forumId].filter((f): f is string => f !== undefined && f !== Forum.INBOX));
    return [...forums].flatMap((forumId) => {
      const share = (p: Info | undefined) => (p?.forumId === forumId ? funnelShare(p) : {});
      const item = counterAdd(Keys.funnel(forumId), "Funnel", shareDelta(share(before), share(after)));
      return item ? [item] : [];
    });
  }
  const toPublic = (p: Info): Public => Public.parse(p);

  // ——— Writes ————————————————————————————————————————————————————————————————

  /** A resident's online proposal: to a forum open for intake, or to the standing inbox. Pending until staff publish it. */
  export async function submit(forumId: string, input: CreateInput, opts: { idempotencyKey?: string } = {}): Promise<Created> {
    const target = await Forum.target(forumId);
    if (target.intake !== "open") throw intakeClosed(target.title);
    assertField(input.field, target.fields);
    return create(
      {
        forumId: target.forumId,
        title: input.title,
        body: input.body,
        field: input.field,
        area: input.area,
        source: "online",
        status: "pending",
      },
      { idempotencyKey: opts.idempotencyKey, requireOpenForum: !target.inbox },
    );
  }

  /**
   * The answer an earlier request with this Idempotency-Key got, if any: a retry is answered with
   * its receipt before any limit or intake check (its proposal was received already).
   */
  export async function previousAnswer(forumId: string, input: CreateInput, idempotencyKey: string): Promise<Created | undefined> {
    const claim = claimOf({ forumId, title: input.title, body: input.body, field: input.field, area: input.area }, idempotencyKey);
    return Idempotency.lookup(claim, Created);
  }

  function claimOf(p: Pick<NewProposal, "forumId" | "title" | "body" | "field" | "area" | "table" | "sessionId">, key: string, scope?: string): Idempotency.Claim {
    return {
      scope: scope ?? `proposal:${p.forumId}`,
      key,
      fingerprint: Idempotency.fingerprint(p.forumId, p.title, p.body, p.field, p.area ?? null, p.table ?? null, p.sessionId ?? null),
    };
  }

  /** An agenda raised at a session's table; published at once (a facilitator wrote it down in the open). */
  export async function capture(sessionId: string, input: SessionInput, opts: { idempotencyKey?: string } = {}): Promise<Created> {
    const session = await Session.mustGet(sessionId);
    const forum = await Forum.mustGet(session.forumId);
    assertField(input.field, forum.fields);
    return create(
      {
        forumId: forum.id,
        title: input.title,
        body: input.body ?? "",
        field: input.field,
        source: "session",
        sessionId,
        sessionTitle: session.title,
        table: input.table,
        status: "published",
      },
      { idempotencyKey: opts.idempotencyKey, scope: `proposal:session:${sessionId}` },
    );
  }

  export type NewProposal = Pick<Info, "forumId" | "title" | "body" | "field" | "area" | "source" | "sessionId" | "sessionTitle" | "table" | "status">;

  /**
   * Writes a new proposal and its receipt in one transaction (with the Idempotency-Key's record,
   * when given, carrying the answer). `id` and `receipt` may be fixed by the caller (imports derive
   * them, so a repeated chunk writes nothing twice); then an existing proposal means "already done".
   */
  export async function create(
    p: NewProposal,
    opts: { idempotencyKey?: string; scope?: string; requireOpenForum?: boolean; id?: string; receipt?: string; at?: string } = {},
  ): Promise<Created> {
    const claim = opts.idempotencyKey ? claimOf(p, opts.idempotencyKey, opts.scope) : undefined;
    return Idempotency.run(claim, Created, (settle) => write(p, opts, claim, settle));
  }

  async function write(
    p: NewProposal,
    opts: { requireOpenForum?: boolean; id?: string; receipt?: string; at?: string },
    claim: Idempotency.Claim | undefined,
    settle: ((answer: Created) => TransactItem) | undefined,
  ): Promise<Created> {
    for (let attempt = 0; ; attempt++) {
      const id = opts.id ?? newId();
      const receipt = opts.receipt ?? Receipt.generate();
      const at = opts.at ?? new Date().toISOString();
      const info: Info = {
        ...p,
        id,
        mergedFrom: [],
        stage: "proposed",
        projectIds: [],
        history: [{ at, event: "submitted" }, ...(p.status === "published" ? [{ at, event: "published" as const }] : [])],
        createdAt: at,
        updatedAt: at,
      };
      const created: Created = { id, receipt, forumId: p.forumId, status: p.status };
      const TableName = tableName();
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: { ...Keys.proposal(id), ...Keys.proposalIndex(p.forumId, at, id), type: "Proposal", receipt, ...info },
            ConditionExpression: "attribute_not_exists(PK)",
          },
        },
        {
          Put: {
            TableName,
            Item: { ...Keys.receipt(receipt), type: "Receipt", proposalId: id },
            ConditionExpression: "attribute_not_exists(PK)",
          },
        },
      ];
      if (opts.requireOpenForum) {
        items.push({
          ConditionCheck: {
            TableName,
            Key: Keys.forum(p.forumId),
            ConditionExpression: "#i = :open",
            ExpressionAttributeNames: { "#i": "intake" },
            ExpressionAttributeValues: { ":open": "open" },
          },
        });
      }
      items.push(...funnelChanges(undefined, info));
      if (settle) items.push(settle(created));
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        ProposalIndex.note(info);
        return created;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        const failed = (i: number) => reasons[i] === "ConditionalCheckFailed";
        if (claim && failed(items.length - 1)) return Idempotency.replay(claim, Created);
        if (opts.id && failed(0)) return created; // a derived id already written: an import chunk ran before
        if (opts.requireOpenForum && failed(2)) throw intakeClosed((await Forum.target(p.forumId)).title);
        if (failed(1) && !opts.receipt && attempt < 3) continue; // a receipt collision (2⁻⁶⁰): draw again
        if (reasons.includes("TransactionConflict") && attempt < 5) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
  }

  /** Staff moderation. Read, change, write back guarded by the version read (someone else's change in between is a 409). */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    const before = await mustGet(id);
    if (before.status === "merged" && (input.status !== undefined || input.forumId !== undefined)) throw alreadyMerged(before);
    const at = new Date().toISOString();
    const next: Info = { ...before, history: [...before.history] };
    const events: Event[] = [];
    let movedFrom: string | undefined;

    if (input.forumId !== undefined && input.forumId !== before.forumId) {
      if (before.forumId !== Forum.INBOX) {
        throw new AppError(
          "unprocessable",
          "move_only_from_inbox",
          { ko: "상시 제안함에 있는 제안만 공론장으로 옮길 수 있습니다.", en: "Only proposals in the standing inbox can be moved into a forum." },
          { field: "forumId" },
        );
      }
      if (before.mergedFrom.length > 0) {
        throw new AppError(
          "unprocessable",
          "move_absorbed",
          { ko: "다른 제안이 병합된 제안은 옮길 수 없습니다.", en: "A proposal that absorbed others cannot be moved." },
          { field: "forumId" },
        );
      }
      const target = await Forum.mustGet(input.forumId);
      const field = input.field ?? before.field;
      if (!target.fields.includes(field)) {
        throw invalid(
          "field_not_in_forum",
          "field",
          `옮길 공론장에 '${field}' 분야가 없습니다. 분야도 함께 고르세요: ${target.fields.join(", ")}`,
          `The forum has no field '${field}'; choose one of: ${target.fields.join(", ")}`,
        );
      }
      movedFrom = before.forumId;
      next.forumId = target.id;
      events.push({ at, event: "moved", from: Forum.INBOX, to: target.title });
    }
    if (input.field !== undefined && input.field !== before.field) {
      assertField(input.field, (await Forum.target(next.forumId)).fields);
      next.field = input.field;
      events.push({ at, event: "reclassified", from: before.field, to: input.field });
    }
    const newTitle = input.title !== undefined && input.title !== before.title;
    const newBody = input.body !== undefined && input.body !== before.body;
    if (newTitle || newBody) {
      next.original = before.original ?? { title: before.title, body: before.body };
      if (input.title !== undefined) next.title = input.title;
      if (input.body !== undefined) next.body = input.body;
      events.push({ at, event: "edited" });
    }
    if (input.status !== undefined && (input.status !== before.status || input.status === "hidden")) {
      if (input.status === "hidden" && before.mergedFrom.length > 0) {
        throw new AppError("unprocessable", "hide_absorbed", {
          ko: "다른 제안이 병합된 제안은 숨길 수 없습니다. 병합된 제안들이 갈 곳을 잃습니다.",
          en: "A proposal that absorbed others cannot be hidden: they would point nowhere.",
        });
      }
      next.status = input.status;
      next.hiddenReason = input.status === "hidden" ? input.reason : undefined;
      events.push(input.status === "hidden" ? { at, event: "hidden", reason: input.reason } : { at, event: "published" });
    }
    if (events.length === 0) return before;
    next.history.push(...events);
    next.updatedAt = at;
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          versioned(next, before.updatedAt),
          ...(movedFrom ? [tombstone(id, movedFrom, at)] : []),
          ...funnelChanges(before, next),
        ],
      }),
    ).catch((err) => {
      throw cancellationReasons(err)?.[0] === "ConditionalCheckFailed" ? changedMeanwhile() : err;
    });
    ProposalIndex.note(next, movedFrom);
    return next;
  }

  /** Merges a duplicate into another proposal of the same forum: it points there, keeps its own source, and its receipt page says so. */
  export async function merge(id: string, intoId: string): Promise<{ merged: Info; into: Info }> {
    if (id === intoId) {
      throw invalid("merge_self", "into", "제안을 자기 자신에 병합할 수 없습니다.", "A proposal cannot be merged into itself.");
    }
    const [source, target] = await Promise.all([mustGet(id), fromID(intoId)]);
    if (!target) throw invalid("merge_target_missing", "into", "병합할 대상 제안이 없습니다.", "There is no proposal to merge into with this id.");
    if (target.forumId !== source.forumId) {
      throw new AppError(
        "unprocessable",
        "merge_other_forum",
        { ko: "다른 공론장의 제안에는 병합할 수 없습니다.", en: "A proposal can only be merged into one of the same forum." },
        { field: "into" },
      );
    }
    if (source.status === "merged") throw alreadyMerged(source);
    if (source.status === "hidden") {
      throw new AppError("unprocessable", "merge_hidden_source", {
        ko: "숨긴 제안은 병합할 수 없습니다. 먼저 게시하세요.",
        en: "A hidden proposal cannot be merged; publish it first.",
      });
    }
    if (target.status === "merged") {
      const cycle = await leadsTo(target, id);
      throw new AppError(
        "unprocessable",
        cycle ? "merge_cycle" : "merge_into_merged",
        cycle
          ? {
              ko: `‘${target.title}’은(는) 이미 이 제안에 병합되었습니다. 서로를 병합하면 순환이 생깁니다.`,
              en: `‘${target.title}’ was already merged into this proposal; merging back would make a cycle.`,
            }
          : {
              ko: `‘${target.title}’은(는) 이미 다른 제안에 병합되었습니다. 그 제안에 병합하세요.`,
              en: `‘${target.title}’ was itself merged into another proposal; merge into that one.`,
            },
        { field: "into" },
      );
    }
    if (target.status !== "published") {
      throw new AppError(
        "unprocessable",
        target.status === "hidden" ? "merge_into_hidden" : "merge_into_pending",
        target.status === "hidden"
          ? { ko: "숨긴 제안에는 병합할 수 없습니다.", en: "A proposal cannot be merged into a hidden one." }
          : { ko: "게시되지 않은 제안에는 병합할 수 없습니다. 대상을 먼저 게시하세요.", en: "Publish the proposal to merge into first." },
        { field: "into" },
      );
    }
    const at = new Date().toISOString();
    const merged: Info = {
      ...source,
      status: "merged",
      mergedInto: target.id,
      history: [...source.history, { at, event: "merged", proposalId: target.id, title: target.title }],
      updatedAt: at,
    };
    const into: Info = {
      ...target,
      mergedFrom: [...target.mergedFrom, source.id, ...source.mergedFrom],
      history: [...target.history, { at, event: "absorbed", proposalId: source.id, title: source.title }],
      updatedAt: at,
    };
    await db()
      .send(
        new TransactWriteCommand({
          TransactItems: [versioned(merged, source.updatedAt), versioned(into, target.updatedAt), ...funnelChanges(source, merged), ...funnelChanges(target, into)],
        }),
      )
      .catch((err) => {
        throw cancellationReasons(err) ? changedMeanwhile() : err;
      });
    ProposalIndex.note(merged);
    ProposalIndex.note(into);
    return { merged, into };
  }

  /** Marks proposals as having reached a funnel stage (core agenda, project, funded). */
  export async function advance(ids: string[], stage: Exclude<Stage, "proposed">, note?: string): Promise<void> {
    for (const id of ids) {
      for (let attempt = 0; ; attempt++) {
        const before = await mustGet(id);
        if (before.stage === stage) break;
        const at = new Date().toISOString();
        const next: Info = { ...before, stage, history: [...before.history, { at, event: stage, reason: note }], updatedAt: at };
        try {
          await db().send(new TransactWriteCommand({ TransactItems: [versioned(next, before.updatedAt), ...funnelChanges(before, next)] }));
          ProposalIndex.note(next);
          break;
        } catch (err) {
          if (cancellationReasons(err)?.[0] === "ConditionalCheckFailed" && attempt < 5) continue;
          throw err;
        }
      }
    }
  }

  /**
   * The lineage side of a project write: the proposal with its new list of projects and stage (and
   * an event for its history), as transaction items guarded by the version read. The project's
   * own transaction carries them, so both sides of the lineage change together or not at all.
   */
  export function relink(before: Info, projectIds: string[], stage: Stage, event?: Omit<Event, "at">): { next: Info; items: TransactItem[] } {
    const at = new Date().toISOString();
    const next: Info = { ...before, projectIds, stage, history: event ? [...before.history, { at, ...event }] : before.history, updatedAt: at };
    return { next, items: [versioned(next, before.updatedAt), ...funnelChanges(before, next)] };
  }

  /** The whole item again, with its index key moved to the new version; written only if nobody changed it since `version`. */
  function versioned(p: Info, version: string) {
    return {
      Put: {
        TableName: tableName(),
        Item: { ...Keys.proposal(p.id), ...Keys.proposalIndex(p.forumId, p.updatedAt, p.id), type: "Proposal", ...p },
        ConditionExpression: "updatedAt = :v",
        ExpressionAttributeValues: { ":v": version },
      },
    };
  }

  /** Stays in the old forum's index partition for a day so every instance's index learns of the move. */
  function tombstone(id: string, forumId: string, at: string) {
    return {
      Put: {
        TableName: tableName(),
        Item: { ...Keys.proposalMoved(id, forumId), ...Keys.proposalIndex(forumId, at, id), type: "ProposalMoved", id, expiresAt: epochSeconds() + 24 * 3600 },
      },
    };
  }

  // ——— Reads ————————————————————————————————————————————————————————————————

  // Access pattern: get a proposal by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.proposal(id), ConsistentRead: true }));
    return res.Item ? fromItem(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const p = await fromID(id);
    if (!p) throw notFound({ ko: "제안", en: "Proposal" });
    return p;
  }

  /** A published proposal for everyone; any proposal for staff. */
  export async function view(forumId: string, id: string, staff: boolean): Promise<Info | Public> {
    const p = await fromID(id);
    if (!p || p.forumId !== forumId || (!staff && p.status !== "published")) throw notFound({ ko: "제안", en: "Proposal" });
    return staff ? p : toPublic(p);
  }

  // Access pattern: a proposal by its receipt code (receipt item → proposal).
  export async function fromReceipt(raw: string): Promise<ReceiptView> {
    const receipt = Receipt.mustParse(raw);
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.receipt(receipt) }));
    const proposalId = res.Item?.proposalId as string | undefined;
    const p = proposalId ? await fromID(proposalId) : undefined;
    if (!p) {
      throw new AppError("not_found", "receipt_not_found", {
        ko: "이 접수번호로 접수된 제안이 없습니다. 번호를 다시 확인하세요.",
        en: "No proposal has this receipt code; check the code.",
      });
    }
    const forum = await Forum.target(p.forumId);
    let mergedInto: ReceiptView["mergedInto"];
    let at: Info | undefined = p;
    for (let hops = 0; at?.status === "merged" && at.mergedInto && hops < 20; hops++) {
      at = await fromID(at.mergedInto);
      if (at) mergedInto = { id: at.id, title: at.title, status: at.status, stage: at.stage };
    }
    const { mergedFrom: _absorbed, ...proposal } = p;
    return { receipt, proposal, forum: { id: forum.forumId, title: forum.title }, mergedInto };
  }

  /** Follows `from`'s merges: does it end up at `id`? */
  async function leadsTo(from: Info, id: string): Promise<boolean> {
    let at: Info | undefined = from;
    for (let hops = 0; at?.mergedInto && hops < 20; hops++) {
      if (at.mergedInto === id) return true;
      at = await fromID(at.mergedInto);
    }
    return false;
  }

  /**
   * A forum's proposals, filtered, searched and paginated. The public sees published ones; staff
   * see all. Newest first; with a search, title matches come before matches in the text.
   */
  export async function list(forumId: string, query: ListQuery, opts: { staff: boolean }): Promise<Page> {
    const target = await Forum.target(forumId);
    const all = await ProposalIndex.snapshot(target.forumId);
    const terms = Search.terms(query.q);
    const visible = opts.staff ? all : all.filter((e) => e.info.status === "published");
    const scored: { e: ProposalIndex.Entry; score: number }[] = [];
    for (const e of visible) {
      const score = Search.score(terms, e.norm);
      if (score > 0) scored.push({ e, score });
    }
    const counts = new Map<string, number>(target.fields.map((f) => [f, 0]));
    const byStatus = { pending: 0, published: 0, hidden: 0, merged: 0 };
    const matching = scored.filter(({ e }) => {
      const p = e.info;
      const rest = (!query.source || p.source === query.source) && (!query.stage || reached(p.stage, query.stage)) && (!query.sessionId || p.sessionId === query.sessionId);
      if (rest && (!query.field || p.field === query.field)) byStatus[p.status]++;
      const beforeField = rest && (!query.status || p.status === query.status);
      if (beforeField) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
      return beforeField && (!query.field || p.field === query.field);
    });
    matching.sort((a, b) => b.score - a.score || cmp(b.e.info.createdAt, a.e.info.createdAt) || cmp(b.e.info.id, a.e.info.id));
    const after = decodeCursor(query.cursor);
    const start = after
      ? matching.findIndex(
          ({ e, score }) =>
            score < after.s || (score === after.s && (e.info.createdAt < after.c || (e.info.createdAt === after.c && e.info.id < after.i))),
        )
      : 0;
    const limit = query.limit ?? 20;
    const from = start < 0 ? matching.length : start;
    const page = matching.slice(from, from + limit);
    const last = page[page.length - 1];
    const more = from + limit < matching.length;
    return {
      items: page.map(({ e }) => (opts.staff ? e.info : toPublic(e.info))),
      total: matching.length,
      nextCursor: more && last ? encodeCursor({ s: last.score, c: last.e.info.createdAt, i: last.e.info.id }) : undefined,
      byField: [...counts].map(([field, count]) => ({ field, count })),
      byStatus,
    };
  }

  /** Every proposal of a forum (staff exports, voting ballots, the demo); from the same index. */
  export async function all(forumId: string): Promise<Info[]> {
    return (await ProposalIndex.snapshot(forumId)).map((e) => e.info);
  }

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  /**
   * A stage filter means "got at least this far": a core agenda stays one when it goes into a
   * project; `proposed` alone means not (yet) a core agenda.
   */
  const reached = (stage: Stage, filter: Stage) => (filter === "proposed" ? stage === "proposed" : Stage.options.indexOf(stage) >= Stage.options.indexOf(filter));
  const encodeCursor = (c: { s: number; c: string; i: string }) => Buffer.from(JSON.stringify(c)).toString("base64url");
  function decodeCursor(raw: string | undefined): { s: number; c: string; i: string } | undefined {
    if (!raw) return undefined;
    try {
      const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
      if (typeof v.s === "number" && typeof v.c === "string" && typeof v.i === "string") return v;
    } catch {
      /* falls through */
    }
    throw invalid("cursor_invalid", "cursor", "페이지 정보(cursor)가 올바르지 않습니다. 처음부터 다시 불러오세요.", "The cursor is not valid; load the list from the start.");
  }

  // ——— Errors ——————————————————————————————————————————————————————————————

  function assertField(field: string, fields: string[]) {
    if (!fields.includes(field)) {
      throw invalid(
        "field_unknown",
        "field",
        `'${field}'은(는) 이 공론장의 분야가 아닙니다. 다음 중에서 고르세요: ${fields.join(", ")}`,
        `'${field}' is not one of this forum's fields; choose one of: ${fields.join(", ")}`,
      );
    }
  }

  const intakeClosed = (title: string) =>
    new AppError("conflict", "intake_closed", {
      ko: `‘${title}’은(는) 지금 제안을 받지 않습니다. 제안하기 화면에서 지금 열린 곳으로 보내 주세요.`,
      en: `‘${title}’ is not taking proposals now; send yours from the Propose page, which picks the open one.`,
    });

  const alreadyMerged = (p: Info) =>
    new AppError("unprocessable", "already_merged", {
      ko: `‘${p.title}’은(는) 이미 다른 제안에 병합되었습니다.`,
      en: `‘${p.title}’ was already merged into another proposal.`,
    });

  const changedMeanwhile = () =>
    new AppError("conflict", "changed_meanwhile", {
      ko: "그 사이 다른 사람이 이 제안을 바꾸었습니다. 새로 고친 뒤 다시 시도하세요.",
      en: "Someone else changed this proposal meanwhile; reload and try again.",
    });
}

/**
 * Each instance keeps a forum's proposals in memory for listing and search, and brings them up to
 * date on every read with one small Query: the proposals whose index key (their last change)
 * is newer than what it has seen, less a few seconds for clocks and index lag. A full reload
 * every few minutes bounds any drift. Searching 10,000 proposals thus costs one short Query and a
 * scan of memory, not 10,000 items read from the table.
 */
export namespace ProposalIndex {
  export interface Entry {
    info: Proposal.Info;
    norm: { title: string; text: string };
  }
  interface Forum {
    entries: Map<string, Entry>;
    watermark: string;
    loadedAt: number;
    refreshedAt: number;
  }

  /** Re-read this much before the newest change seen: clocks of instances and the index may lag a little. */
  const OVERLAP_MS = 2_000;
  /** Searches within this long of the last delta query reuse it (this instance's own writes are seen at once). */
  const MIN_REFRESH_MS = 250;
  const FULL_RELOAD_MS = 15 * 60_000;
  const MAX_FORUMS = 50;
  const forums = new Map<string, Forum>();
  const loading = new Map<string, Promise<Forum>>();
  const refreshing = new Map<string, Promise<void>>();

  const entry = (info: Proposal.Info): Entry => ({
    info,
    norm: {
      title: Search.normalise(info.title),
      text: Search.normalise(`${info.title}\n${info.body}\n${info.area ?? ""}\n${info.sessionTitle ?? ""}`),
    },
  });

  /** A write made by this instance, seen at once (the index query may lag a little on AWS). */
  export function note(info: Proposal.Info, movedFrom?: string) {
    if (movedFrom) forums.get(movedFrom)?.entries.delete(info.id);
    const f = forums.get(info.forumId);
    if (!f) return;
    const had = f.entries.get(info.id);
    if (!had || had.info.updatedAt <= info.updatedAt) f.entries.set(info.id, entry(info));
  }

  export function forget() {
    forums.clear();
  }

  // Access pattern: a forum's proposals changed since a time (GSI1: FORUM#id, PROPOSAL#updatedAt#id).
  function read(forumId: string, since?: string): Promise<Record<string, unknown>[]> {
    return queryAll({
      IndexName: GSI1,
      KeyConditionExpression: "GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":pk": IndexPartition.forum(forumId),
        ":from": `${Prefix.proposal}${since ?? ""}`,
        ":to": `${Prefix.proposal}\uffff`,
      },
    });
  }

  /** Reads the whole forum into a fresh index (one per forum at a time). */
  function load(forumId: string): Promise<Forum> {
    const pending = loading.get(forumId);
    if (pending) return pending;
    const started = Date.now();
    const run = (async () => {
      const fresh: Forum = { entries: new Map(), watermark: "", loadedAt: started, refreshedAt: started };
      apply(fresh, await read(forumId));
      if (forums.size >= MAX_FORUMS && !forums.has(forumId)) forums.delete(forums.keys().next().value!);
      forums.set(forumId, fresh);
      return fresh;
    })().finally(() => loading.delete(forumId));
    loading.set(forumId, run);
    return run;
  }

  export async function snapshot(forumId: string): Promise<Entry[]> {
    const now = Date.now();
    let f = forums.get(forumId);
    if (!f) f = await load(forumId);
    else {
      // The periodic full read is only a safety net: it runs beside the searches, which go on from the deltas.
      if (now - f.loadedAt > FULL_RELOAD_MS) load(forumId).catch(() => undefined);
      if (now - f.refreshedAt >= MIN_REFRESH_MS) {
        // One delta query at a time per forum; searches arriving meanwhile share it.
        const forum = f;
        let pending = refreshing.get(forumId);
        if (!pending) {
          forum.refreshedAt = now;
          const since = forum.watermark ? new Date(Date.parse(forum.watermark) - OVERLAP_MS).toISOString() : "";
          pending = read(forumId, since)
            .then((items) => apply(forum, items))
            .finally(() => refreshing.delete(forumId));
          refreshing.set(forumId, pending);
        }
        await pending;
      }
    }
    return [...f.entries.values()];
  }

  function apply(f: Forum, items: Record<string, unknown>[]) {
    for (const item of items) {
      const sk = String(item.GSI1SK);
      const at = sk.slice(Prefix.proposal.length, sk.lastIndexOf("#"));
      if (at > f.watermark) f.watermark = at;
      if (item.type === "ProposalMoved") {
        const had = f.entries.get(String(item.id));
        if (had && had.info.updatedAt <= at) f.entries.delete(String(item.id));
        continue;
      }
      const info = Proposal.fromItem(item);
      const had = f.entries.get(info.id);
      if (!had || had.info.updatedAt <= info.updatedAt) f.entries.set(info.id, entry(info));
    }
  }
}
