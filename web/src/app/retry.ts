import { ApiError } from "./api.js";

/**
 * Sending a write from a venue or a phone with poor reception: one Idempotency-Key per thing
 * sent (a person checked in, a proposal, an agenda), and the very same request re-sent with that
 * key after a network failure, a timeout or a gateway error, with growing pauses. The server
 * answers a retried key with the first answer, so a request that did arrive (only its answer was
 * lost) is never written twice.
 */

export const DELAYS_MS = [400, 800, 1600, 3200, 6400];
const TIMEOUT_MS = 10_000;

/** A fresh Idempotency-Key; crypto.randomUUID needs a secure context, which a venue's LAN address may not be. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") {
    try {
      return crypto.randomUUID();
    } catch {
      /* insecure context */
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `attempt` (which must send the same request with the same key each time), retrying
 * transient failures; onRetry(n) before attempt n (2, 3, …). Other errors are thrown at once.
 */
export async function withRetry<T>(
  attempt: (signal: AbortSignal | undefined) => Promise<T>,
  onRetry: (attempt: number) => void,
  delays: number[] = DELAYS_MS,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      const signal = typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(TIMEOUT_MS) : undefined;
      return await attempt(signal);
    } catch (err) {
      const transient = isTransient(err);
      if (!transient || n > delays.length) throw err;
      const base = delays[n - 1]!;
      onRetry(n + 1);
      await sleep(base / 2 + Math.random() * base);
    }
  }
}

/** The request may never have arrived, its answer was lost, or the server hiccupped: worth sending again with the same key. */
export const isTransient = (err: unknown): boolean => err instanceof ApiError && err.transient;

/**
 * One Idempotency-Key per payload: the same payload re-sent after a failure keeps its key (so the
 * server replays the first answer if it did arrive); anything else gets a new one.
 */
export function createKeyKeeper() {
  let failed: { fingerprint: string; key: string } | undefined;
  return {
    keyFor(payload: unknown): string {
      const fingerprint = JSON.stringify(payload);
      return failed?.fingerprint === fingerprint ? failed.key : newIdempotencyKey();
    },
    /** After a transient failure: keep the key for this payload. */
    failed(payload: unknown, key: string) {
      failed = { fingerprint: JSON.stringify(payload), key };
    },
    settled() {
      failed = undefined;
    },
  };
}
