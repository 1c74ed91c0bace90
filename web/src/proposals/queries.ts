import { query } from "@solidjs/router";
import { attendanceApi } from "../attendance/api.js";
import { proposalsApi, type ProposalQuery, type ProposalStatus } from "./api.js";

/** The proposals' route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */

export const INBOX = "inbox";

/** Where proposals are sorted: a forum (its title, fields, intake), or the standing inbox, which is not a stored forum. */
export interface Place {
  id: string;
  /** undefined for the inbox: the page names it in the UI's language. */
  title?: string;
  inbox: boolean;
  fields?: string[];
  intake: "open" | "closed";
}

export const getIntake = query(() => proposalsApi.intake(), "intake");
export const getPlace = query(async (forumId: string): Promise<Place> => {
  if (forumId === INBOX) return { id: INBOX, inbox: true, intake: "open" };
  const f = await attendanceApi.forum(forumId);
  return { id: f.id, title: f.title, inbox: false, fields: f.fields, intake: f.intake };
}, "place");
export const getReceipt = query((code: string) => proposalsApi.receipt(code), "receipt");
/** The first page of a forum's proposals for these filters; later pages are fetched with the cursor by the page itself. */
export const getProposals = query((forumId: string, q: ProposalQuery) => proposalsApi.proposals(forumId, q), "proposals");

/** How many proposals of a forum are in each status (staff), for the moderation queue's tabs. */
export const getStatusCounts = query(async (forumId: string): Promise<Record<ProposalStatus, number>> => {
  // One request: the list answers with its counts per status.
  return (await proposalsApi.proposals(forumId, { limit: 1 })).byStatus;
}, "statusCounts");
