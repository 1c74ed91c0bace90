import type { InferRequestType } from "hono/client";
import type { Round } from "../../../core/voting/round.js";
import { abortable, client, data, id, type Data } from "../app/api.js";

/** Voting's calls: rounds, one-time codes, ballots, results. */

const round = client.rounds[":roundId"];
const forumRounds = client.forums[":forumId"].rounds;

export type RoundChannel = Round.Channel;
export type RoundStatus = Round.Status;
export type RoundInfo = Data<typeof round.$patch>;
export type RoundListItem = Data<typeof forumRounds.$get>["rounds"][number];
export type RoundView = Data<typeof round.$get>;
export type RoundProposal = RoundView["proposals"][number];
export type RoundInput = InferRequestType<typeof forumRounds.$post>["json"];
export type RoundUpdate = InferRequestType<typeof round.$patch>["json"];
export type RoundResults = Data<typeof round.results.$get>;
export type RoundTally = RoundResults["tallies"][number];
export type Recount = Data<typeof round.recount.$post>;
export type CodeSent = Data<typeof client.verifications.$post>;
export type BallotInput = InferRequestType<typeof round.ballots.$post>["json"];
export type BallotCast = Data<typeof round.ballots.$post>;
export type BallotCheck = Data<(typeof round.ballots)[":receipt"]["$get"]>;
export type BallotList = Data<(typeof round)["ballots.json"]["$get"]>;

const param = (roundId: string) => ({ param: { roundId: id(roundId) } });

export const votingApi = {
  rounds: async (forumId: string, signal?: AbortSignal) => (await data(forumRounds.$get({ param: { forumId: id(forumId) } }, abortable(signal)))).rounds,
  round: (roundId: string, signal?: AbortSignal) => data(round.$get(param(roundId), abortable(signal))),
  createRound: (forumId: string, input: RoundInput) => data(forumRounds.$post({ param: { forumId: id(forumId) }, json: input })),
  updateRound: (roundId: string, input: RoundUpdate) => data(round.$patch({ ...param(roundId), json: input })),
  /** 409 tablets_pending while a console still holds table ballots for the round; `force` closes anyway. */
  closeRound: (roundId: string, force = false) => data(round.close.$post({ ...param(roundId), query: force ? { force: "true" } : {} })),
  chooseCoreAgendas: (roundId: string, proposalIds: string[]) => data(round["core-agendas"].$post({ ...param(roundId), json: { proposalIds } })),
  recount: (roundId: string) => data(round.recount.$post(param(roundId))),
  results: (roundId: string, opts: { signal?: AbortSignal; fresh?: boolean } = {}) =>
    // Results may be kept a few seconds by caches (Cache-Control: public, max-age=5); staff screens
    // that just changed a round ask past the browser's copy.
    data(round.results.$get(param(roundId), { ...abortable(opts.signal), ...(opts.fresh ? { headers: { "cache-control": "no-cache" } } : {}) })),

  /** Sends a one-time code to the number (429 with Retry-After when asked again within a minute). */
  requestCode: (phone: string) => data(client.verifications.$post({ json: { phone } })),
  /** Checks the code; the answer sets the HttpOnly voter cookie (30 minutes). */
  confirmCode: (phone: string, code: string) => data(client.verifications.confirm.$post({ json: { phone, code } })),
  voterStatus: () => data(client.verifications.me.$get()),
  /** For the verified voter of this browser: voted in this round already, and how? */
  voterInRound: (roundId: string) => data(round.voter.$get(param(roundId))),
  /** Drops the voter cookie (a shared device, after voting). */
  forgetVoter: () => data(client.verifications.me.$delete()),

  /**
   * One ballot attempt: online with the voter cookie ({choices}), or typed at a session's table by
   * its facilitator or staff ({sessionId, phone | name + birthDate, choices}). The caller owns the
   * Idempotency-Key so that retries reuse it.
   */
  cast: (roundId: string, input: BallotInput, idempotencyKey: string, signal?: AbortSignal) =>
    data(round.ballots.$post({ ...param(roundId), header: { "idempotency-key": idempotencyKey }, json: input }, abortable(signal))),
  /** A closed round's published ballot list (409 round_not_closed before the close). */
  ballotList: (roundId: string, signal?: AbortSignal) => data(round["ballots.json"].$get(param(roundId), abortable(signal))),
  /** The same list as CSV text: its SHA-256 is the list's hash. */
  ballotListCsv: async (roundId: string, signal?: AbortSignal): Promise<string> => (await round["ballots.csv"].$get(param(roundId), abortable(signal))).text(),
  /** What a ballot chose, by its receipt. */
  ballot: (roundId: string, receipt: string) => data(round.ballots[":receipt"].$get({ param: { roundId: id(roundId), receipt: id(receipt) } })),
};
