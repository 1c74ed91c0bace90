import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, invalid, invalidInput, notFound, whenFieldsValid } from "../shared/errors.js";
import { Device } from "../attendance/device.js";
import { Forum } from "../attendance/forum.js";
import { Proposal } from "../proposals/proposal.js";
import { batchGetAll, cancellationReasons, db, GSI1, IndexPartition, isConditionFailed, Keys, newId, Prefix, queryPartition, tableName } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateTime, toKst } from "../shared/time.js";

/**
 * Voting rounds: which published proposals are on the ballot, how many a voter may choose, when,
 * through which channels, whether results stay hidden until the close, and whether session voters
 * must have checked in. The rules lock with the first ballot.
 *
 * Each round has SHARDS turnout items (TURNOUT#round#s). A ballot adds to one of them in its own
 * transaction, under the condition that the shard still carries the rules version the ballot was
 * checked against and that the round is open and not closed. Changing the rules rewrites every
 * shard under the condition that none has a ballot; closing stamps every shard. So the rules can
 * never change under a ballot, no ballot lands after a close, and no single item takes every
 * ballot's write (or read).
 */
export namespace Round {
  export const Channel = z.enum(["online", "session"]);
  export type Channel = z.infer<typeof Channel>;
  export const SHARDS = 8;
  export const MAX_CHOICES = 10;

  const rules = {
    title: Text.field({ ko: "투표 이름", en: "the title" }, { min: 1, max: 200 }),
    proposalIds: z
      .array(z.string().min(1).max(64))
      .min(2, { error: "투표할 의제를 2개 이상 고르세요 / put at least 2 proposals on the ballot" })
      .max(300, { error: "한 투표에는 의제 300개까지 올릴 수 있습니다 / at most 300 proposals on one ballot" }),
    maxChoices: z.number().int().min(1).max(MAX_CHOICES, { error: `한 사람이 고를 수 있는 수는 ${MAX_CHOICES}개까지입니다 / at most ${MAX_CHOICES} choices` }),
    opensAt: DateTime,
    closesAt: DateTime,
    channels: z.array(Channel).min(1, { error: "투표 방법을 하나 이상 고르세요 / choose at least one channel" }).max(2),
    hideResultsUntilClosed: z.boolean(),
    requireCheckIn: z.boolean(),
    /**
     * Minutes after the close during which a ballot a console queued while the round was open
     * (by the server-corrected clock) is still taken; results are provisional meanwhile.
     */
    graceMinutes: z.number().int().min(0).max(24 * 60, { error: "유예 시간은 24시간(1440분)까지입니다 / the grace period is at most 1440 minutes" }),
  };
  export const DEFAULT_GRACE_MINUTES = 120;

  type Rules = { [K in keyof typeof rules]: z.infer<(typeof rules)[K]> };
  const ruleChecks = <T extends Partial<Rules>>(schema: z.ZodType<T>) =>
    schema
      .refine((r) => !r.proposalIds || new Set(r.proposalIds).size === r.proposalIds.length, {
        path: ["proposalIds"],
        error: "같은 의제가 두 번 있습니다 / a proposal is listed twice",
        ...whenFieldsValid,
      })
      .refine((r) => !r.channels || new Set(r.channels).size === r.channels.length, { path: ["channels"], error: "같은 투표 방법이 두 번 있습니다 / a channel is listed twice", ...whenFieldsValid })
      .refine((r) => !r.opensAt || !r.closesAt || Date.parse(toKst(r.closesAt)) > Date.parse(toKst(r.opensAt)), {
        path: ["closesAt"],
        error: "마감은 시작보다 뒤여야 합니다 / closesAt must be after opensAt",
        ...whenFieldsValid,
      })
      .refine((r) => !r.maxChoices || !r.proposalIds || r.proposalIds.length < 2 || r.maxChoices <= r.proposalIds.length, {
        path: ["maxChoices"],
        error: "고를 수 있는 수가 의제 수보다 많습니다 / maxChoices is more than the proposals on the ballot",
        ...whenFieldsValid,
      });

  export const CreateInput = ruleChecks(
    z
      .object({
        ...rules,
        hideResultsUntilClosed: rules.hideResultsUntilClosed.default(false),
        requireCheckIn: rules.requireCheckIn.default(false),
        graceMinutes: rules.graceMinutes.default(DEFAULT_GRACE_MINUTES),
      })
      .strict(),
  );
  export type CreateInput = z.infer<typeof CreateInput>;

  export const UpdateInput = ruleChecks(z.object(rules).partial().strict()).refine((v) => Object.keys(v).length > 0, {
    error: "변경할 항목이 없습니다 / nothing to change",
  });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Info = z.object({
    id: z.string(),
    forumId: z.string(),
    ...rules,
    rulesVersion: z.number(),
    shards: z.number(),
    closedAt: z.string().optional(),
    /** The published ballot list's digest, kept from the moment the count was final (see BallotList). */
    ballotList: z.object({ hash: z.string(), count: z.number(), at: z.string() }).optional(),
    coreAgendaIds: z.array(z.string()),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  export const Status = z.enum(["scheduled", "open", "closed"]);
  export type Status = z.infer<typeof Status>;

  export const Turnout = z.object({ ballots: z.number(), online: z.number(), session: z.number() });
  export type Turnout = z.infer<typeof Turnout>;

  export const View = Info.extend({
    status: Status,
    /** True once a ballot exists: the rules can no longer change. */
    locked: z.boolean(),
    turnout: Turnout,
    proposals: z.array(z.object({ id: z.string(), title: z.string(), field: z.string(), area: z.string().optional(), stage: Proposal.Stage })),
  });
  export type View = z.infer<typeof View>;

  const toInfo = (item: Record<string, unknown>): Info => Info.parse({ coreAgendaIds: [], graceMinutes: DEFAULT_GRACE_MINUTES, ...item });

  /** Times are compared as KST strings with an explicit offset (all in one format, so sortable). */
  export const nowKst = (now = new Date()) => toKst(now.toISOString());

  export function statusOf(r: Pick<Info, "opensAt" | "closesAt" | "closedAt">, now = new Date()): Status {
    const t = nowKst(now);
    if (r.closedAt || t >= r.closesAt) return "closed";
    return t >= r.opensAt ? "open" : "scheduled";
  }

  /** The round's status at a moment (a queued ballot's `castAt`): closed from an early close on, or from closesAt. */
  export function statusAt(r: Pick<Info, "opensAt" | "closesAt" | "closedAt">, at: Date): Status {
    const t = nowKst(at);
    if ((r.closedAt && t >= r.closedAt) || t >= r.closesAt) return "closed";
    return t >= r.opensAt ? "open" : "scheduled";
  }

  /** When the round closed (early, or at closesAt), in ms. */
  export const closedAtMs = (r: Pick<Info, "closesAt" | "closedAt">) => Math.min(Date.parse(r.closesAt), r.closedAt ? Date.parse(r.closedAt) : Infinity);

  /** Until when queued session ballots are still taken, in ms. */
  export const graceEndsAt = (r: Pick<Info, "closesAt" | "closedAt" | "graceMinutes">) => closedAtMs(r) + r.graceMinutes * 60_000;

  /** The proposals must be published proposals of the forum. */
  async function checkBallot(forumId: string, ids: string[]) {
    const byId = new Map((await Proposal.all(forumId)).map((p) => [p.id, p]));
    const wrong = ids.filter((id) => byId.get(id)?.status !== "published");
    if (wrong.length > 0) {
      throw invalid(
        "proposal_not_on_forum",
        "proposalIds",
        `투표에는 이 공론장에 게시된 의제만 올릴 수 있습니다. 맞지 않는 것: ${wrong.slice(0, 5).join(", ")}`,
        `Only published proposals of this forum can be on the ballot; not: ${wrong.slice(0, 5).join(", ")}`,
      );
    }
  }

  export async function create(forumId: string, input: Omit<CreateInput, "graceMinutes"> & { graceMinutes?: number }): Promise<Info> {
    const forum = await Forum.mustGet(forumId);
    await checkBallot(forum.id, input.proposalIds);
    const id = newId();
    const info: Info = {
      id,
      forumId: forum.id,
      ...input,
      graceMinutes: input.graceMinutes ?? DEFAULT_GRACE_MINUTES,
      opensAt: toKst(input.opensAt),
      closesAt: toKst(input.closesAt),
      rulesVersion: 1,
      shards: SHARDS,
      coreAgendaIds: [],
      createdAt: new Date().toISOString(),
    };
    const TableName = tableName();
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { ...Keys.round(id), ...Keys.roundIndex(forum.id, info.opensAt, id), type: "Round", ...info }, ConditionExpression: "attribute_not_exists(PK)" } },
          ...Array.from({ length: SHARDS }, (_, s) => ({
            Put: {
              TableName,
              Item: { ...Keys.turnout(id, s), type: "Turnout", roundId: id, rulesVersion: 1, opensAt: info.opensAt, closesAt: info.closesAt, ballots: 0, online: 0, session: 0 },
            },
          })),
        ],
      }),
    );
    remember(info);
    return info;
  }

  /** Changes the rules; refused (409) once a ballot exists, atomically with the ballots themselves. */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    const before = await mustGet(id);
    if (before.closedAt) throw closed(before);
    if (input.proposalIds) await checkBallot(before.forumId, input.proposalIds);
    const next: Info = {
      ...before,
      ...input,
      opensAt: input.opensAt ? toKst(input.opensAt) : before.opensAt,
      closesAt: input.closesAt ? toKst(input.closesAt) : before.closesAt,
      rulesVersion: before.rulesVersion + 1,
    };
    // The changed rules together with the kept ones must pass the same checks as a new round's.
    const { title, proposalIds, maxChoices, opensAt, closesAt, channels, hideResultsUntilClosed, requireCheckIn } = next;
    const whole = CreateInput.safeParse({ title, proposalIds, maxChoices, opensAt, closesAt, channels, hideResultsUntilClosed, requireCheckIn });
    if (!whole.success) throw invalidInput(whole.error.issues[0]!);
    const TableName = tableName();
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: { ...Keys.round(id), ...Keys.roundIndex(next.forumId, next.opensAt, id), type: "Round", ...next },
                ConditionExpression: "rulesVersion = :v AND attribute_not_exists(closedAt)",
                ExpressionAttributeValues: { ":v": before.rulesVersion },
              },
            },
            ...Array.from({ length: before.shards }, (_, s) => ({
              Update: {
                TableName,
                Key: Keys.turnout(id, s),
                UpdateExpression: "SET rulesVersion = :nv, opensAt = :o, closesAt = :c",
                ConditionExpression: "ballots = :zero",
                ExpressionAttributeValues: { ":nv": next.rulesVersion, ":o": next.opensAt, ":c": next.closesAt, ":zero": 0 },
              },
            })),
          ],
        }),
      );
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      if (reasons.slice(1).includes("ConditionalCheckFailed")) {
        throw new AppError("conflict", "rules_locked", {
          ko: "이미 투표가 시작되어 규칙을 바꿀 수 없습니다. 투표한 사람이 있으면 규칙은 잠깁니다.",
          en: "Ballots have been cast, so the rules are locked and cannot change.",
        });
      }
      throw new AppError("conflict", "changed_meanwhile", {
        ko: "그 사이 다른 사람이 이 투표를 바꾸었습니다. 새로 고친 뒤 다시 시도하세요.",
        en: "Someone else changed this round meanwhile; reload and try again.",
      });
    }
    remember(next);
    return next;
  }

  /** Closes the round now: on the round and on every shard, so no ballot can land after. */
  /**
   * Closes the round now. Refused (409 `tablets_pending`) while a console of the forum's sessions
   * last reported table ballots for it still in its outbox, unless `force`: those would then
   * depend on the grace period.
   */
  export async function close(id: string, when?: Date, opts: { force?: boolean } = {}): Promise<Info> {
    const before = await mustGet(id);
    if (before.closedAt) return before;
    if (!opts.force) {
      const holding = (await Device.forRound(before.forumId, id)).filter((d) => d.pending > 0);
      if (holding.length > 0) {
        const n = holding.reduce((s, d) => s + d.pending, 0);
        const names = holding.map((d) => d.label ?? d.deviceId.slice(0, 8)).join(", ");
        throw new AppError("conflict", "tablets_pending", {
          ko: `태블릿 ${holding.length}대(${names})에 아직 보내지 않은 투표 ${n}건이 있습니다. 태블릿을 인터넷에 연결해 모두 보낸 뒤 마감하세요. 그래도 지금 마감하면 유예 시간(${before.graceMinutes}분) 안에 도착한 투표만 집계됩니다.`,
          en: `${holding.length} tablet(s) (${names}) still hold ${n} unsent ballot(s). Connect them and let them send before closing; closing now counts only those that arrive within the ${before.graceMinutes}-minute grace period.`,
        });
      }
    }
    const at = nowKst(when);
    // Ballots queued before the close still land on the shards until then (see Ballot.cast).
    const graceUntil = toKst(new Date(Date.parse(at) + before.graceMinutes * 60_000).toISOString());
    const TableName = tableName();
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: Keys.round(id),
                UpdateExpression: "SET closedAt = :at",
                ConditionExpression: "attribute_not_exists(closedAt)",
                ExpressionAttributeValues: { ":at": at },
              },
            },
            ...Array.from({ length: before.shards }, (_, s) => ({
              Update: { TableName, Key: Keys.turnout(id, s), UpdateExpression: "SET closedAt = :at, graceUntil = :g", ExpressionAttributeValues: { ":at": at, ":g": graceUntil } },
            })),
          ],
        }),
      );
    } catch (err) {
      if (!cancellationReasons(err)) throw err;
      return mustGet(id); // closed by someone else meanwhile
    }
    const next = { ...before, closedAt: at };
    remember(next);
    return next;
  }

  /** Makes the chosen proposals core agendas (after the close). Repeating the same choice is harmless. */
  export async function chooseCoreAgendas(id: string, proposalIds: string[]): Promise<Info> {
    const round = await mustGet(id);
    if (statusOf(round) !== "closed") {
      throw new AppError("conflict", "round_not_closed", {
        ko: "투표를 마감한 뒤에 핵심 의제를 정할 수 있습니다.",
        en: "Close the round before choosing core agendas.",
      });
    }
    const unique = [...new Set(proposalIds)];
    if (unique.length !== proposalIds.length) throw invalid("duplicate_choice", "proposalIds", "같은 의제가 두 번 있습니다.", "A proposal is listed twice.");
    const off = unique.filter((p) => !round.proposalIds.includes(p));
    if (off.length > 0) throw invalid("not_on_ballot", "proposalIds", "이 투표에 오르지 않은 의제가 있습니다.", "Some proposals were not on this round's ballot.");
    const same = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
    if (round.coreAgendaIds.length > 0 && !same(round.coreAgendaIds, unique)) {
      throw new AppError("conflict", "core_agendas_chosen", {
        ko: "이 투표의 핵심 의제는 이미 정해졌습니다.",
        en: "This round's core agendas were already chosen.",
      });
    }
    if (round.coreAgendaIds.length === 0) {
      try {
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: Keys.round(id),
            UpdateExpression: "SET coreAgendaIds = :ids",
            ConditionExpression: "attribute_not_exists(coreAgendaIds) OR size(coreAgendaIds) = :zero",
            ExpressionAttributeValues: { ":ids": unique, ":zero": 0 },
          }),
        );
      } catch (err) {
        if (isConditionFailed(err)) return chooseCoreAgendas(id, proposalIds);
        throw err;
      }
    }
    await Proposal.advance(unique, "core", round.title);
    const next = { ...round, coreAgendaIds: unique };
    remember(next);
    return next;
  }

  // ——— Reads ————————————————————————————————————————————————————————————————

  // Access pattern: a round by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.round(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const r = await fromID(id);
    if (!r) throw notFound({ ko: "투표", en: "Round" });
    return r;
  }

  /** The rules change rarely and every ballot re-checks their version on its shard: an instance may keep them a few seconds. */
  const CACHE_MS = 5_000;
  const cache = new Map<string, { round: Info; until: number }>();
  function remember(round: Info) {
    if (cache.size > 1000) cache.clear();
    cache.set(round.id, { round, until: Date.now() + CACHE_MS });
  }
  export async function cached(id: string, fresh = false): Promise<Info> {
    const hit = cache.get(id);
    if (!fresh && hit && hit.until > Date.now()) return hit.round;
    const round = await mustGet(id);
    remember(round);
    return round;
  }

  // Access pattern: a forum's rounds by opening time (GSI1: FORUM#id, ROUND#opensAt#id).
  export async function listByForum(forumId: string): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.forum(forumId), skPrefix: Prefix.round, descending: true })).map(toInfo);
  }

  // Access pattern: a round's turnout, summed over its shards (one BatchGet).
  export async function turnout(round: Pick<Info, "id" | "shards">, consistent = false): Promise<Turnout> {
    const items = await batchGetAll(Array.from({ length: round.shards }, (_, s) => Keys.turnout(round.id, s)), { consistent });
    return items.reduce<Turnout>(
      (t, i) => ({ ballots: t.ballots + Number(i.ballots ?? 0), online: t.online + Number(i.online ?? 0), session: t.session + Number(i.session ?? 0) }),
      { ballots: 0, online: 0, session: 0 },
    );
  }

  // Access pattern: every tally shard of every agenda on the ballot (BatchGets of 100 keys).
  export async function tallies(round: Pick<Info, "id" | "shards" | "proposalIds">, consistent = false): Promise<Map<string, { votes: number; online: number; session: number }>> {
    const keys = round.proposalIds.flatMap((p) => Array.from({ length: round.shards }, (_, s) => Keys.tally(round.id, p, s)));
    const out = new Map(round.proposalIds.map((p) => [p, { votes: 0, online: 0, session: 0 }]));
    for (const item of await batchGetAll(keys, { consistent })) {
      const t = out.get(String(item.proposalId));
      if (!t) continue;
      t.votes += Number(item.votes ?? 0);
      t.online += Number(item.online ?? 0);
      t.session += Number(item.session ?? 0);
    }
    return out;
  }

  // Access pattern: every ballot of a round (GSI1: BALLOTS#round#shard, one query per shard).
  export async function ballots(round: Pick<Info, "id" | "shards">): Promise<{ receipt: string; choices: string[]; channel: Channel }[]> {
    const parts = await Promise.all(
      Array.from({ length: round.shards }, (_, s) => queryPartition({ index: GSI1, pk: IndexPartition.roundBallots(round.id, s) })),
    );
    return parts.flat().map((i) => ({ receipt: String(i.GSI1SK), choices: i.choices as string[], channel: i.channel as Channel }));
  }

  /** Within the grace period: the consoles that took ballots for the round and have not reported an empty outbox since the close. */
  export async function tabletsWaiting(round: Info): Promise<number> {
    if (Date.now() >= graceEndsAt(round)) return 0;
    const closed = closedAtMs(round);
    const devices = await Device.forRound(round.forumId, round.id);
    return devices.filter((d) => d.pending > 0 || Date.parse(d.reportedAt) < closed).length;
  }

  /** Keeps the published ballot list's digest on the round, once (the first final reading stands). */
  export async function keepBallotList(id: string, list: NonNullable<Info["ballotList"]>): Promise<NonNullable<Info["ballotList"]>> {
    try {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: Keys.round(id),
          UpdateExpression: "SET ballotList = :b",
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(ballotList)",
          ExpressionAttributeValues: { ":b": list },
        }),
      );
      cache.delete(id);
      return list;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return (await mustGet(id)).ballotList!;
    }
  }

  export async function view(id: string): Promise<View> {
    const round = await mustGet(id);
    const [t, proposals] = await Promise.all([turnout(round), Proposal.all(round.forumId)]);
    const byId = new Map(proposals.map((p) => [p.id, p]));
    return {
      ...round,
      status: statusOf(round),
      locked: t.ballots > 0,
      turnout: t,
      proposals: round.proposalIds.map((pid) => {
        const p = byId.get(pid);
        return { id: pid, title: p?.title ?? "—", field: p?.field ?? "", area: p?.area, stage: p?.stage ?? "proposed" };
      }),
    };
  }

  export const closed = (r: Pick<Info, "title">) =>
    new AppError("conflict", "round_closed", {
      ko: `‘${r.title}’ 투표는 마감되었습니다.`,
      en: `Voting in ‘${r.title}’ has closed.`,
    });
}
