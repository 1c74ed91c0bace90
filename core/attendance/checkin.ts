import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "../shared/errors.js";
import { Identity } from "./identity.js";
import { Idempotency } from "../shared/idempotency.js";
import { Keys, backoff, batchGetAll, cancellationReasons, db, epochSeconds, tableName, unlessConditionFailed, type TransactItem } from "../shared/table.js";

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

  const IDEMPOTENCY_TTL_S = 24 * 3600;
  const MAX_CONFLICT_RETRIES = 8;

  /** Records that `identity` attended the session. Repeats and retried Idempotency-Keys change nothing. */
  export async function record(args: {
    sessionId: string;
    forumId: string;
    identity: Identity.Input;
    idempotencyKey?: string;
  }): Promise<Outcome> {
    const person = Identity.of(args.identity);
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
    const idem = idempotencyKey ? Keys.idempotency(`checkin:${sessionId}`, idempotencyKey) : undefined;
    // The key binds to this person only: a digest, so the idempotency item cannot link sessions.
    const fingerprint = idem ? createHash("sha256").update(`${sessionId}|${person}`).digest("base64url") : undefined;

    let newInForum = true;
    for (let attempt = 0; ; attempt++) {
      const items = transaction({ sessionId, forumId, person, newInForum, idem, fingerprint });
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        const counts = await counters(sessionId, forumId);
        const result: Result = { firstInSession: true, firstInForum: newInForum, ...counts };
        if (idem) await storeResponse(idem, result);
        return { created: true, result };
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        const [checkIn, participant, , , idemReason] = reasons;
        if (idemReason === "ConditionalCheckFailed") return replay(idem!, fingerprint!, sessionId, forumId);
        if (checkIn === "ConditionalCheckFailed") {
          const counts = await counters(sessionId, forumId);
          const result: Result = { firstInSession: false, firstInForum: false, ...counts };
          if (idem) await storeFirstAnswer(idem, fingerprint!, false, result);
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
    idem?: { PK: string; SK: string };
    fingerprint?: string;
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
    if (a.idem) {
      items.push({
        Put: {
          TableName,
          Item: {
            ...a.idem,
            type: "Idempotency",
            fingerprint: a.fingerprint,
            created: true,
            firstInForum: a.newInForum,
            expiresAt: epochSeconds() + IDEMPOTENCY_TTL_S,
          },
          ConditionExpression: "attribute_not_exists(PK)",
        },
      });
    }
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
  async function storeResponse(idem: { PK: string; SK: string }, result: Result) {
    await unlessConditionFailed(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: idem,
          UpdateExpression: "SET #r = :r",
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(#r)",
          ExpressionAttributeNames: { "#r": "response" },
          ExpressionAttributeValues: { ":r": result },
        }),
      ),
    );
  }

  /** A repeat with a fresh key: remember its answer (unless a concurrent retry already did). */
  async function storeFirstAnswer(idem: { PK: string; SK: string }, fingerprint: string, created: boolean, result: Result) {
    await unlessConditionFailed(
      db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: idem,
          UpdateExpression: "SET #t = :t, fingerprint = :f, created = :c, firstInForum = :ff, #r = :r, expiresAt = :e",
          ConditionExpression: "attribute_not_exists(PK)",
          ExpressionAttributeNames: { "#t": "type", "#r": "response" },
          ExpressionAttributeValues: {
            ":t": "Idempotency",
            ":f": fingerprint,
            ":c": created,
            ":ff": result.firstInForum,
            ":r": result,
            ":e": epochSeconds() + IDEMPOTENCY_TTL_S,
          },
        }),
      ),
    );
  }

  async function replay(idem: { PK: string; SK: string }, fingerprint: string, sessionId: string, forumId: string): Promise<Outcome> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: idem, ConsistentRead: true }));
    const item = res.Item;
    if (!item) throw new Error("idempotency record vanished during replay");
    if (item.fingerprint !== fingerprint) {
      throw new AppError(
        "unprocessable",
        "idempotency_key_reused",
        {
          ko: "이 Idempotency-Key는 다른 사람의 출석에 이미 쓰였습니다. 새 요청에는 새 키를 쓰세요.",
          en: "This Idempotency-Key was already used for a different check-in; use a new key for a new request.",
        },
        { field: "Idempotency-Key" },
      );
    }
    const created = Boolean(item.created);
    if (item.response) return Idempotency.markReplayed({ created, result: Result.parse(item.response) });
    // The first request is still between its transaction and storing its answer: same flags, live counts.
    const counts = await counters(sessionId, forumId);
    return Idempotency.markReplayed({ created, result: { firstInSession: created, firstInForum: Boolean(item.firstInForum), ...counts } });
  }

}
