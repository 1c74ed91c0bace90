import { api, type CheckInInput, type CheckInResult } from "../app/api.js";
import { DELAYS_MS, withRetry } from "../app/retry.js";

/**
 * Sending a check-in from a venue with poor wifi: one Idempotency-Key per person, and the
 * very same request re-sent with that key after a network failure, a timeout or a gateway
 * error, with growing pauses (see retry.ts). The server answers a retried key with the first
 * answer, so a request that did arrive (only its answer was lost) is neither counted twice nor
 * reported as "already checked in".
 */

export { newIdempotencyKey } from "../app/retry.js";

export type Outcome = "new" | "returning" | "repeat";

export const outcomeOf = (r: CheckInResult): Outcome => (!r.firstInSession ? "repeat" : r.firstInForum ? "new" : "returning");

/** Sends the check-in, retrying transient failures with the same key; onRetry(n) before attempt n (2, 3, …). */
export function sendCheckIn(
  sessionId: string,
  input: CheckInInput,
  key: string,
  onRetry: (attempt: number) => void,
  delays: number[] = DELAYS_MS,
): Promise<CheckInResult> {
  return withRetry(async (signal) => (await api.checkIn(sessionId, input, key, signal)).data, onRetry, delays);
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
