import { query } from "@solidjs/router";
import { proposalsApi, type ProposalItem } from "../proposals/api.js";
import { votingApi } from "./api.js";

/** Voting's route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getRounds = query((forumId: string) => votingApi.rounds(forumId), "voting.rounds");
export const getRound = query((roundId: string) => votingApi.round(roundId), "voting.round");
/** The public results (the projector's first load; later readings are polled by the page itself). */
export const getResults = query((roundId: string) => votingApi.results(roundId), "voting.results");
/** The same for staff, past the browser's few-second copy: they read it right after closing a round. */
export const getStaffResults = query((roundId: string) => votingApi.results(roundId, { fresh: true }), "voting.staffResults");
export const getVoterStatus = query(() => votingApi.voterStatus(), "voting.voter");
export const getBallotCheck = query((roundId: string, receipt: string) => votingApi.ballot(roundId, receipt), "voting.ballot");

/** Every published proposal of a forum (what may go on a ballot), following nextCursor 100 at a time. */
export const getBallotCandidates = query(async (forumId: string): Promise<ProposalItem[]> => {
  const all: ProposalItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = await proposalsApi.proposals(forumId, { status: "published", limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}, "voting.candidates");
