import { ApiError, api, type CheckInInput, type CheckInResult } from "./api.js";

/**
 * Sending a check-in from a venue with poor wifi: one Idempotency-Key per person, and the
 * very same request re-sent with that key after a network failure, a timeout or a gateway
 * error, with growing pauses. The server answers a retried key with the first answer, so a
 * request that did arrive (only its answer was lost) is neither counted twice nor reported
 * as "already checked in".
 */

const DELAYS_MS = [400, 800, 1600, 3200, 6400];
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

export type Outcome = "new" | "returning" | "repeat";

export const outcomeOf = (r: CheckInResult): Outcome => (!r.firstInSession ? "repeat" : r.firstInForum ? "new" : "returning");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends the check-in, retrying transient failures with the same key; onRetry(n) before attempt n (2, 3, …). */
export async function sendCheckIn(
  sessionId: string,
  input: CheckInInput,
  key: string,
  onRetry: (attempt: number) => void,
  delays: number[] = DELAYS_MS,
): Promise<CheckInResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const signal = typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(TIMEOUT_MS) : undefined;
      return (await api.checkIn(sessionId, input, key, signal)).data;
    } catch (err) {
      const transient = err instanceof ApiError && err.transient;
      if (!transient || attempt > delays.length) throw err;
      const base = delays[attempt - 1]!;
      onRetry(attempt + 1);
      await sleep(base / 2 + Math.random() * base);
    }
  }
}

/** 01012345678 → 010-1234-5678 while typing; anything that is not plain digits is left as typed. */
export function formatPhone(raw: string): string {
  if (!/^[\d\s-]*$/.test(raw)) return raw;
  const d = raw.replace(/\D/g, "").slice(0, 11);
  if (d.length < 4) return d;
  if (d.length < 8) return `${d.slice(0, 3)}-${d.slice(3)}`;
  if (d.length === 10) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
}

/** 19900131 → 1990-01-31 while typing; other separators are left as typed. */
export function formatBirthDate(raw: string): string {
  if (!/^[\d-]*$/.test(raw)) return raw;
  const d = raw.replace(/\D/g, "").slice(0, 8);
  if (d.length <= 4) return d;
  if (d.length <= 6) return `${d.slice(0, 4)}-${d.slice(4)}`;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}
