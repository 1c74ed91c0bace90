import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "./errors.js";
import { Keys, db, epochSeconds, tableName } from "./table.js";

/**
 * Idempotency-Key for writes whose answer is known before the write (a new proposal's id and
 * receipt, a ballot's receipt): the record, with that answer, goes into the same transaction as
 * the write itself, so a retry finds either nothing (and writes) or the first answer (and replays it).
 * Check-ins keep their own variant (their answer carries counters read after the write).
 */
export namespace Idempotency {
  export const TTL_S = 24 * 3600;

  /** The Idempotency-Key header: printable ASCII, bounded. */
  export const Key = z.string().regex(/^[\x21-\x7e]{1,128}$/, {
    error: "Idempotency-Key는 1~128자의 인쇄 가능한 ASCII여야 합니다 / Idempotency-Key must be 1-128 printable ASCII characters",
  });

  /** A digest of what the request asked for: the same key with a different request is refused. */
  export const fingerprint = (...parts: unknown[]) => createHash("sha256").update(JSON.stringify(parts)).digest("base64url");

  export interface Claim {
    scope: string;
    key: string;
    fingerprint: string;
  }

  /** The Put that claims the key, carrying the first answer; a failed condition means "seen before". */
  export function put(claim: Claim, response: unknown) {
    return {
      Put: {
        TableName: tableName(),
        Item: {
          ...Keys.idempotency(claim.scope, claim.key),
          type: "Idempotency",
          fingerprint: claim.fingerprint,
          response,
          expiresAt: epochSeconds() + TTL_S,
        },
        ConditionExpression: "attribute_not_exists(PK)",
      },
    };
  }

  // The answers handed out as replays, so that the API can say so (Idempotent-Replayed: true)
  // without the answer's own shape carrying it.
  const replays = new WeakSet<object>();

  /** Marks an answer as the replay of an earlier request with the same key. */
  export function markReplayed<T extends object>(answer: T): T {
    replays.add(answer);
    return answer;
  }

  /** Whether this answer is a replay (IETF idempotency-key draft, Stripe: `Idempotent-Replayed: true`). */
  export const wasReplayed = (answer: unknown) => typeof answer === "object" && answer !== null && replays.has(answer);

  /** The first answer stored under the key; 422 when the key was used for a different request. */
  export async function replay<T>(claim: Claim, schema: z.ZodType<T>): Promise<T> {
    const answer = await lookup(claim, schema);
    if (answer === undefined) throw new Error("idempotency record vanished during replay");
    return answer;
  }

  /** The first answer if the key was used before (422 if for another request), else undefined. */
  export async function lookup<T>(claim: Claim, schema: z.ZodType<T>): Promise<T | undefined> {
    const res = await db().send(
      new GetCommand({ TableName: tableName(), Key: Keys.idempotency(claim.scope, claim.key), ConsistentRead: true }),
    );
    if (!res.Item) return undefined;
    if (res.Item.fingerprint !== claim.fingerprint) throw reused();
    const answer = schema.parse(res.Item.response);
    return typeof answer === "object" && answer !== null ? markReplayed(answer) : answer;
  }

  export const reused = () =>
    new AppError(
      "unprocessable",
      "idempotency_key_reused",
      {
        ko: "이 Idempotency-Key는 다른 요청에 이미 쓰였습니다. 새 요청에는 새 키를 쓰세요.",
        en: "This Idempotency-Key was already used for a different request; use a new key for a new request.",
      },
      { field: "Idempotency-Key" },
    );
}
