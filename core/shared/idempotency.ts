import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "./errors.js";
import { Keys, db, epochSeconds, isConditionFailed, tableName, unlessConditionFailed, type TransactItem } from "./table.js";

/**
 * Idempotency-Key for writes whose answer is known before the write (a new proposal's id and
 * receipt, a ballot's receipt).
 *
 * 1. **Claim** (`begin`): a conditional Put of the key's record in state `in_progress`, with an
 *    owner token. If the key is taken: the first answer (a replay), 422 if the key came with a
 *    different request, or 409 `in_progress` while the first request still runs (a claim older
 *    than CLAIM_S, whose request died, is taken over).
 * 2. **Settle** (`settle`): the record, now with the answer, goes into the same transaction as the
 *    write itself, under the condition that this request still owns the claim.
 * 3. **Release** (`release`): a request that failed (a refusal, an error) deletes its claim, so a
 *    retry is judged afresh.
 *
 * Records live 7 days (TTL_S): longer than a tablet stays offline with its outbox. Check-ins use
 * the same claim and keep their own answer (it carries counters read after the write).
 */
export namespace Idempotency {
  /** 7 days: a tablet's outbox may hold an item that long and still be answered with its first answer. */
  export const TTL_S = 7 * 24 * 3600;
  /** A claim this old belongs to a request that died (a Lambda's time limit is 20 s). */
  export const CLAIM_S = 25;
  /** How long a duplicate waits for the first request's answer before it is told 409 `in_progress`. */
  export const WAIT_MS = 1500;

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

  /** A claimed key: this request owns it until it settles or releases it. */
  export interface Owned extends Claim {
    owner: string;
  }

  export type Started = { owned: Owned } | { item: Record<string, unknown> };

  /**
   * Claims the key before the work. Returns the claim, or the stored record of a request that
   * finished with this key (422 if that was a different request; 409 `in_progress` while it runs).
   */
  export async function begin(claim: Claim): Promise<Started> {
    const waitUntil = Date.now() + WAIT_MS;
    for (let attempt = 0; attempt < 100; attempt++) {
      const owner = randomUUID();
      const now = Date.now();
      try {
        await db().send(
          new PutCommand({
            TableName: tableName(),
            Item: { ...Keys.idempotency(claim.scope, claim.key), type: "Idempotency", state: "in_progress", owner, fingerprint: claim.fingerprint, startedAt: now, expiresAt: epochSeconds() + TTL_S },
            ConditionExpression: "attribute_not_exists(PK) OR (#s = :ip AND startedAt < :stale)",
            ExpressionAttributeNames: { "#s": "state" },
            ExpressionAttributeValues: { ":ip": "in_progress", ":stale": now - CLAIM_S * 1000 },
          }),
        );
        return { owned: { ...claim, owner } };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
      let item = await read(claim);
      // The Put landed but its answer was lost, and the SDK's retry found the claim: it is ours.
      if (item?.owner === owner && item.state === "in_progress") return { owned: { ...claim, owner } };
      item = await awaitFirst(claim, item, waitUntil);
      if (!item) continue; // released (or expired) meanwhile: claim again
      if (item.fingerprint !== claim.fingerprint) throw reused();
      if (item.state === "in_progress") {
        if (Number(item.startedAt) < Date.now() - CLAIM_S * 1000) continue; // its request died: take it over
        throw inProgress();
      }
      return { item };
    }
    throw inProgress();
  }

  /** The Put, inside the write's own transaction, that stores the answer under a key this request still owns. */
  export function settle(owned: Owned, response: unknown, extra: Record<string, unknown> = {}): TransactItem {
    return {
      Put: {
        TableName: tableName(),
        Item: { ...Keys.idempotency(owned.scope, owned.key), type: "Idempotency", state: "done", fingerprint: owned.fingerprint, ...extra, ...(response === undefined ? {} : { response }), expiresAt: epochSeconds() + TTL_S },
        ConditionExpression: "#o = :o AND #s = :ip",
        ExpressionAttributeNames: { "#o": "owner", "#s": "state" },
        ExpressionAttributeValues: { ":o": owned.owner, ":ip": "in_progress" },
      },
    };
  }

  /** Gives the key back after a failed request (a refusal is not remembered: a retry is judged again). */
  export async function release(owned: Owned): Promise<void> {
    await unlessConditionFailed(
      db().send(
        new DeleteCommand({
          TableName: tableName(),
          Key: Keys.idempotency(owned.scope, owned.key),
          ConditionExpression: "#o = :o AND #s = :ip",
          ExpressionAttributeNames: { "#o": "owner", "#s": "state" },
          ExpressionAttributeValues: { ":o": owned.owner, ":ip": "in_progress" },
        }),
      ),
    );
  }

  /**
   * Runs a write under the key: claims it, hands `work` the settle item for its transaction, and
   * releases the claim if the work fails. Without a key, just the work.
   */
  export async function run<T>(claim: Claim | undefined, answer: z.ZodType<T>, work: (settle: ((response: T) => TransactItem) | undefined) => Promise<T>): Promise<T> {
    if (!claim) return work(undefined);
    const started = await begin(claim);
    if ("item" in started) return answerOf(started.item, answer);
    try {
      return await work((response) => settle(started.owned, response));
    } catch (err) {
      await release(started.owned).catch(() => undefined);
      throw err;
    }
  }

  /**
   * A duplicate sent while the first still runs (two tabs, a retry on a slow network): waits until
   * `until` for the first answer (or the claim's release), then gives what the record says.
   */
  async function awaitFirst(claim: Claim, item: Record<string, unknown> | undefined, until: number) {
    while (item?.state === "in_progress" && item.fingerprint === claim.fingerprint && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 40));
      item = await read(claim);
    }
    return item;
  }

  const read = async (claim: Claim) =>
    (await db().send(new GetCommand({ TableName: tableName(), Key: Keys.idempotency(claim.scope, claim.key), ConsistentRead: true }))).Item;

  const answerOf = <T>(item: Record<string, unknown>, schema: z.ZodType<T>): T => {
    const answer = schema.parse(item.response);
    return typeof answer === "object" && answer !== null ? markReplayed(answer) : answer;
  };

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

  /**
   * The first answer stored under the key, when this request's settle failed (its claim was taken
   * over): 422 when the key was used for a different request, 409 while the other still runs.
   */
  export async function replay<T>(claim: Claim, schema: z.ZodType<T>): Promise<T> {
    const answer = await lookup(claim, schema);
    if (answer === undefined) throw inProgress();
    return answer;
  }

  /** The first answer if the key was used before (422 if for another request, 409 while it runs), else undefined. */
  export async function lookup<T>(claim: Claim, schema: z.ZodType<T>): Promise<T | undefined> {
    const item = await awaitFirst(claim, await read(claim), Date.now() + WAIT_MS);
    if (!item) return undefined;
    if (item.fingerprint !== claim.fingerprint) throw reused();
    if (item.state === "in_progress") {
      // A claim older than CLAIM_S belongs to a request that died (its release lost with a database
      // that went away): no answer, and the caller's own `run` takes the claim over. Without this a
      // route that looks for a previous answer first would answer 409 in_progress for 7 days.
      if (Number(item.startedAt) < Date.now() - CLAIM_S * 1000) return undefined;
      throw inProgress();
    }
    return answerOf(item, schema);
  }

  export const inProgress = () =>
    new AppError(
      "conflict",
      "in_progress",
      {
        ko: "같은 Idempotency-Key의 첫 요청을 아직 처리하고 있습니다. 잠시 후 같은 키로 다시 보내세요.",
        en: "The first request with this Idempotency-Key is still being processed; send it again with the same key shortly.",
      },
      { field: "Idempotency-Key", retryAfterSeconds: 2 },
    );

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
