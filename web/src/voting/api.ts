import type { Ballot } from "../../../core/voting/ballot.js";
import type { Results } from "../../../core/voting/results.js";
import type { Round } from "../../../core/voting/round.js";
import type { Verification } from "../../../core/voting/verification.js";
import { request } from "../app/api.js";

/**
 * The voting half of the browser's API client (rounds, one-time codes, ballots, results), on the
 * same `request` as api.ts: the session cookie, CSRF on writes, Accept-Language. Types come from
 * core's schemas, type-only, so no server code reaches the bundle.
 */

export type RoundChannel = Round.Channel;
export type RoundStatus = Round.Status;
export type RoundInfo = Round.Info;
export type RoundListItem = Round.Info & { status: Round.Status };
export type RoundView = Round.View;
export type RoundProposal = Round.View["proposals"][number];
export type RoundInput = Round.CreateInput;
export type RoundUpdate = Round.UpdateInput;
export type RoundResults = Results.View;
export type RoundTally = Results.Tally;
export type Recount = Results.Recount;
export type CodeSent = Verification.Requested;
export type BallotCast = Ballot.Cast;
export type BallotCheck = Ballot.Verified;
/** A ballot typed on a session's table tablet: the participant by phone, or by name + birth date. */
export type TableBallotInput = { sessionId: string; choices: string[] } & ({ phone: string } | { name: string; birthDate: string });

const id = encodeURIComponent;
const get = async <T>(path: string, opts: { signal?: AbortSignal; fresh?: boolean } = {}) =>
  // Results may be kept a few seconds by caches (Cache-Control: public, max-age=5); staff screens
  // that just changed a round ask past the browser's copy.
  (await request<T>("GET", path, { signal: opts.signal, headers: opts.fresh ? { "cache-control": "no-cache" } : undefined })).data;
const send = async <T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown) => (await request<T>(method, path, { body })).data;

export const votingApi = {
  rounds: async (forumId: string, signal?: AbortSignal) => (await get<{ rounds: RoundListItem[] }>(`/forums/${id(forumId)}/rounds`, { signal })).rounds,
  round: (roundId: string, signal?: AbortSignal) => get<RoundView>(`/rounds/${id(roundId)}`, { signal }),
  createRound: (forumId: string, input: RoundInput) => send<RoundInfo>("POST", `/forums/${id(forumId)}/rounds`, input),
  updateRound: (roundId: string, input: RoundUpdate) => send<RoundInfo>("PATCH", `/rounds/${id(roundId)}`, input),
  closeRound: (roundId: string) => send<RoundInfo>("POST", `/rounds/${id(roundId)}/close`),
  chooseCoreAgendas: (roundId: string, proposalIds: string[]) => send<RoundInfo>("POST", `/rounds/${id(roundId)}/core-agendas`, { proposalIds }),
  recount: (roundId: string) => send<Recount>("POST", `/rounds/${id(roundId)}/recount`),
  results: (roundId: string, opts: { signal?: AbortSignal; fresh?: boolean } = {}) => get<RoundResults>(`/rounds/${id(roundId)}/results`, opts),

  /** Sends a one-time code to the number (429 with Retry-After when asked again within a minute). */
  requestCode: (phone: string) => send<CodeSent>("POST", "/verifications", { phone }),
  /** Checks the code; the answer sets the HttpOnly voter cookie (30 minutes). */
  confirmCode: (phone: string, code: string) => send<{ verified: true; expiresInSeconds: number }>("POST", "/verifications/confirm", { phone, code }),
  voterStatus: () => get<{ verified: boolean; expiresInSeconds?: number }>("/verifications/me"),
  /** For the verified voter of this browser: voted in this round already, and how? */
  voterInRound: (roundId: string) => get<{ verified: boolean; voted: boolean; channel?: "online" | "session" }>(`/rounds/${id(roundId)}/voter`),
  /** Drops the voter cookie (a shared device, after voting). */
  forgetVoter: () => send<void>("DELETE", "/verifications/me"),

  /** One online ballot attempt with the voter cookie; the caller owns the Idempotency-Key so that retries reuse it. */
  castOnline: (roundId: string, choices: string[], idempotencyKey: string, signal?: AbortSignal) =>
    request<BallotCast>("POST", `/rounds/${id(roundId)}/ballots`, { body: { choices }, headers: { "idempotency-key": idempotencyKey }, signal }).then((a) => a.data),
  /** One ballot typed at a session's table (facilitator or staff signed in); Idempotency-Key as above. */
  castAtTable: (roundId: string, input: TableBallotInput, idempotencyKey: string, signal?: AbortSignal) =>
    request<BallotCast>("POST", `/rounds/${id(roundId)}/ballots`, { body: input, headers: { "idempotency-key": idempotencyKey }, signal }).then((a) => a.data),
  /** What a ballot chose, by its receipt. */
  ballot: (roundId: string, receipt: string) => get<BallotCheck>(`/rounds/${id(roundId)}/ballots/${id(receipt)}`),
};
