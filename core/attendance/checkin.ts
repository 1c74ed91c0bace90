import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../shared/errors.js";
import { Identity } from "./identity.js";
import { Idempotency } from "../shared/idempotency.js";
import { Keys, backoff, batchGetAll, cancellationReasons, db, tableName, unlessConditionFailed, type TransactItem } from "../shared/table.js";

/**
 * Check-ins: a person (a keyed hash) attends a session. The check-in item, the forum
 * participant item and the counters change in one transaction guarded by conditions, so the
 * counters can never drift from the items, and a repeat changes nothing.
 */
export namespace CheckIn {
  export const Result = z.object({
    firstInSession: z.boolean(),
    firstInForum: z.boolean(),
    sessionAttendances: z.number(),
    forumAttendances: z.number(),
    forumParticipants: z.number(),
  });
  export type Result = z.infer<typeof Result>;

  export interface Outcome {
    /** true when this call (or the first call with the same Idempotency-Key) created the check-in. */
    created: boolean;
    result: Result;
  }

  const MAX_CONFLICT_RETRIES = 8;

  /** Records that `identity` attended the session. Repeats and retried Idempotency-Keys change nothing. */
  export async function record(args: {
    sessionId: string;
    forumId: string;
    /** As typed, or sealed on the tablet. */
    identity: Identity.Given;
    idempotencyKey?: string;
  }): Promise<Outcome> {
    const { person } = Identity.resolve(args.identity);
    return recordHashed({ ...args, person });
  }

  /** The same, for an already hashed identity (the demo loader and benchmarks use it). */
  export async function recordHashed(args: {
    sessionId: string;
    forumId: string;
    person: string;
    idempotencyKey?: string;
  }): Promise<Outcome> {
    const { sessionId, forumId, person, idempotencyKey } = args;
    // The key binds to this person only: a digest, so the idempotency item cannot link sessions.
    const claim = idempotencyKey
      ? { scope: `checkin:${sessionId}`, key: idempotencyKey, fingerprint: createHash("sha256").update(`${sessionId}|${person}`).digest("base64url") }
      : undefined;
    const started = claim ? await Idempotency.begin(claim) : undefined;
    if (started && "item" in started) return replayed(started.item, sessionId, forumId);
    const owned = started?.owned;
    try {
      return await write({ sessionId, forumId, person, owned });
    } catch (err) {
      if (owned) await Idempotency.release(owned).catch(() => undefined);
      throw err;
    }
  }

  async function write(a: { sessionId: string; forumId: string; person: string; owned?: Idempotency.Owned }): Promise<Outcome> {
    const { sessionId, forumId, person, owned } = a;
    let newInForum = true;
    for (let attempt = 0; ; attempt++) {
      const items = transaction({ sessionId, forumId, person, newInForum, owned });
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        const counts = await counters(sessionId, forumId);
        const result: Result = { firstInSession: true, firstInForum: newInForum, ...counts };
        if (owned) await storeResponse(owned, result);
        return { created: true, result };
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        const [checkIn, participant, , , idemReason] = reasons;
        if (idemReason === "ConditionalCheckFailed") return replay(owned!, sessionId, forumId);
        if (checkIn === "ConditionalCheckFailed") {
          const counts = await counters(sessionId, forumId);
          const result: Result = { firstInSession: false, firstInForum: false, ...counts };
          if (owned) await storeFirstAnswer(owned, result);
          return { created: false, result };
        }
        if (participant === "ConditionalCheckFailed") {
          // Known to the forum (or not, if a concurrent first check-in is rolled back): flip and retry.
          newInForum = !newInForum;
          if (attempt < MAX_CONFLICT_RETRIES * 2) continue;
        }
        if (reasons.includes("TransactionConflict") && attempt < MAX_CONFLICT_RETRIES) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
  }

  /** The transaction, in a fixed order: [check-in, participant, session counter, forum counters, idempotency?]. */
  function transaction(a: {
    sessionId: string;
    forumId: string;
    person: string;
    newInForum: boolean;
    owned?: Idempotency.Owned;
  }) {
    const TableName = tableName();
    const now = new Date().toISOString();
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: { ...Keys.checkIn(a.sessionId, a.person), type: "CheckIn", at: now },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      a.newInForum
        ? {
            Put: {
              TableName,
              Item: { ...Keys.participant(a.forumId, a.person), type: "Participant", firstSessionId: a.sessionId, at: now },
              ConditionExpression: "attribute_not_exists(PK)",
            },
          }
        : {
            ConditionCheck: {
              TableName,
              Key: Keys.participant(a.forumId, a.person),
              ConditionExpression: "attribute_exists(PK)",
            },
          },
      {
        Update: {
          TableName,
          Key: Keys.session(a.sessionId),
          UpdateExpression: "ADD attendances :one",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeValues: { ":one": 1 },
        },
      },
      {
        Update: {
          TableName,
          Key: Keys.forum(a.forumId),
          UpdateExpression: a.newInForum ? "ADD attendances :one, participants :one" : "ADD attendances :one",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeValues: { ":one": 1 },
        },
      },
    ];
    // The answer follows once the counters are read (storeResponse); the flags say what it will be.
    if (a.owned) items.push(Idempotency.settle(a.owned, undefined, { created: true, firstInForum: a.newInForum }));
    return items;
  }

  // Access pattern: a session's and its forum's counters, read together.
  async function counters(sessionId: string, forumId: string) {
    const items = await batchGetAll([Keys.session(sessionId), Keys.forum(forumId)], { consistent: true, projection: "PK, attendances, participants" });
    const session = items.find((i) => i.PK === Keys.session(sessionId).PK);
    const forum = items.find((i) => i.PK === Keys.forum(forumId).PK);
    return {
      sessionAttendances: Number(session?.attendances ?? 0),
      forumAttendances: Number(forum?.attendances ?? 0),
      forumParticipants: Number(forum?.participants ?? 0),
    };
  }

  /** The first answer is kept with the key so that a retry returns it unchanged. */
  async function storeResponse(owned: Idempotency.Owned, result: Result) {
    await unlessConditionFailed(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: Keys.idempotency(owned.scope, owned.key),
          UpdateExpression: "SET #r = :r",
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(#r)",
          ExpressionAttributeNames: { "#r": "response" },
          ExpressionAttributeValues: { ":r": result },
        }),
      ),
    );
  }

  /** A repeat with a fresh key: its answer settles the claim. */
  async function storeFirstAnswer(owned: Idempotency.Owned, result: Result) {
    const { Put } = Idempotency.settle(owned, result, { created: false, firstInForum: false });
    await unlessConditionFailed(db().send(new PutCommand(Put!)));
  }

  /** This request's claim was taken over (it ran past the claim's life): the other's answer. */
  async function replay(claim: Idempotency.Claim, sessionId: string, forumId: string): Promise<Outcome> {
    const item = (await db().send(new GetCommand({ TableName: tableName(), Key: Keys.idempotency(claim.scope, claim.key), ConsistentRead: true }))).Item;
    if (!item || item.state === "in_progress") throw Idempotency.inProgress();
    if (item.fingerprint !== claim.fingerprint) throw reusedForAnother();
    return replayed(item, sessionId, forumId);
  }

  async function replayed(item: Record<string, unknown>, sessionId: string, forumId: string): Promise<Outcome> {
    const created = Boolean(item.created);
    if (item.response) return Idempotency.markReplayed({ created, result: Result.parse(item.response) });
    // The first request is between its transaction and storing its answer: same flags, live counts.
    const counts = await counters(sessionId, forumId);
    return Idempotency.markReplayed({ created, result: { firstInSession: created, firstInForum: Boolean(item.firstInForum), ...counts } });
  }

  const reusedForAnother = () =>
    new AppError(
      "unprocessable",
      "idempotency_key_reused",
      {
        ko: "이 Idempotency-Key는 다른 사람의 출석에 이미 쓰였습니다. 새 요청에는 새 키를 쓰세요.",
        en: "This Idempotency-Key was already used for a different check-in; use a new key for a new request.",
      },
      { field: "Idempotency-Key" },
    );
}
