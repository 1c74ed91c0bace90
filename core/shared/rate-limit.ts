import { DeleteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { AppError, type Message } from "./errors.js";
import { batchGetAll, db, isConditionFailed, Keys, tableName } from "./table.js";

/**
 * Request limits kept in DynamoDB, so that every Lambda instance shares them. Counts live in
 * one item per (bucket, fixed window); the limit applies to a sliding window, estimated as
 * this window's count plus the previous window's, weighted by how much of it still overlaps
 * the last `windowSeconds` (so a burst at a window's edge cannot pass twice the limit). The
 * write that would pass the limit fails its condition and becomes a 429 whose Retry-After says
 * when the estimate falls below the limit again.
 */
export namespace RateLimit {
  export interface Rule {
    /** e.g. "intake-client:<hash>"; never a raw IP address or identifier. */
    bucket: string;
    limit: number;
    windowSeconds: number;
  }

  interface Reading {
    window: number;
    current: number;
    previous: number;
    /** How far into the current window, 0 ≤ f < 1. */
    elapsed: number;
  }

  async function read(rule: Rule, now: number): Promise<Reading> {
    const t = now / 1000;
    const window = Math.floor(t / rule.windowSeconds);
    const items = await batchGetAll([Keys.rateLimit(rule.bucket, window), Keys.rateLimit(rule.bucket, window - 1)], { consistent: true });
    const hits = (w: number) => Number(items.find((i) => i.PK === Keys.rateLimit(rule.bucket, w).PK)?.hits ?? 0);
    return { window, current: hits(window), previous: hits(window - 1), elapsed: t / rule.windowSeconds - window };
  }

  const estimate = (r: Reading) => r.current + r.previous * (1 - r.elapsed);

  /** Seconds until the sliding estimate falls below the limit (at least 1). */
  function wait(rule: Rule, r: Reading): number {
    const W = rule.windowSeconds;
    let s: number;
    if (r.current >= rule.limit) s = (1 - r.elapsed) * W + W * (1 - rule.limit / Math.max(r.current, 1));
    else s = W * (1 - (rule.limit - r.current) / Math.max(r.previous, 1)) - r.elapsed * W;
    return Math.max(1, Math.ceil(s));
  }

  /**
   * A finished window's count no longer changes (but for requests in flight at its end), so an
   * instance reads it once: a limited request costs one conditional write, as with fixed windows.
   */
  const finished = new Map<string, number>();
  async function previousHits(rule: Rule, window: number): Promise<number> {
    const key = `${rule.bucket}#${window - 1}`;
    const known = finished.get(key);
    if (known !== undefined) return known;
    const [item] = await batchGetAll([Keys.rateLimit(rule.bucket, window - 1)], { consistent: true });
    const hits = Number(item?.hits ?? 0);
    if (finished.size > 10_000) finished.clear();
    finished.set(key, hits);
    return hits;
  }

  /** Counts one request against every rule, in order; throws a 429 on the first that is full. */
  export async function hit(rules: Rule[], now = Date.now()): Promise<void> {
    for (const rule of rules) {
      const t = now / 1000;
      const window = Math.floor(t / rule.windowSeconds);
      const elapsed = t / rule.windowSeconds - window;
      const previous = await previousHits(rule, window);
      // What this window may still take, given the previous window's weighted share.
      const room = rule.limit - Math.floor(previous * (1 - elapsed));
      const full = () => tooMany(wait(rule, { window, current: Math.max(room, 0), previous, elapsed }));
      if (room <= 0) throw full();
      try {
        await add(rule, window, room);
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        throw full();
      }
    }
  }

  /** Whether a rule is full now, without counting (for limits that count only failures). */
  export async function check(rule: Rule, now = Date.now()): Promise<{ full: boolean; retryAfterSeconds: number }> {
    const r = await read(rule, now);
    const full = estimate(r) >= rule.limit;
    return { full, retryAfterSeconds: full ? wait(rule, r) : 0 };
  }

  /** Counts one event against a rule, unconditionally. */
  export async function record(rule: Rule, now = Date.now()): Promise<void> {
    await add(rule, Math.floor(now / 1000 / rule.windowSeconds));
  }

  /** Forgets a bucket's counts (e.g. failed sign-ins after a successful one). */
  export async function clear(rule: Rule, now = Date.now()): Promise<void> {
    const window = Math.floor(now / 1000 / rule.windowSeconds);
    await Promise.all([window, window - 1].map((w) => db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.rateLimit(rule.bucket, w) }))));
  }

  function add(rule: Rule, window: number, below?: number) {
    return db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: Keys.rateLimit(rule.bucket, window),
        UpdateExpression: "ADD hits :one SET expiresAt = :exp, #t = :type",
        ExpressionAttributeNames: { "#t": "type" },
        ...(below === undefined ? {} : { ConditionExpression: "attribute_not_exists(hits) OR hits < :below" }),
        // Kept through the next window, whose estimate reads it.
        ExpressionAttributeValues: { ":one": 1, ":type": "RateLimit", ":exp": (window + 2) * rule.windowSeconds + 60, ...(below === undefined ? {} : { ":below": below }) },
      }),
    );
  }

  export const tooMany = (wait: number, message?: Message, code = "too_many_requests") =>
    new AppError(
      "rate_limited",
      code,
      message ?? {
        ko: `요청이 너무 많습니다. 이번 요청은 처리되지 않았습니다. ${formatWait(wait, "ko")} 뒤에 다시 시도하세요 (앞서 처리된 것은 그대로 있습니다).`,
        en: `Too many requests: this one was not processed. Try again in ${formatWait(wait, "en")} (what was processed before stays).`,
      },
      { retryAfterSeconds: wait },
    );

  export function formatWait(s: number, lang: "ko" | "en"): string {
    if (s < 60) return lang === "ko" ? `${s}초` : `${s} s`;
    const m = Math.ceil(s / 60);
    return lang === "ko" ? `${m}분` : `${m} min`;
  }
}
