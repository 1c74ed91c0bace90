import { query } from "@solidjs/router";
import { api, type ProposalQuery, type ProposalStatus } from "./api.js";

/** Route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getForums = query(() => api.forums(), "forums");
export const getForum = query((forumId: string) => api.forum(forumId), "forum");
export const getForumStats = query((forumId: string) => api.forumStats(forumId), "forumStats");
export const getSessions = query((forumId: string) => api.sessions(forumId), "sessions");
export const getSession = query((sessionId: string) => api.session(sessionId), "session");
export const getMySessions = query(() => api.mySessions(), "mySessions");
export const getUsers = query(() => api.users(), "users");
export const getFacilitators = query((sessionId: string) => api.facilitators(sessionId), "facilitators");

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

export const getIntake = query(() => api.intake(), "intake");
export const getPlace = query(async (forumId: string): Promise<Place> => {
  if (forumId === INBOX) return { id: INBOX, inbox: true, intake: "open" };
  const f = await api.forum(forumId);
  return { id: f.id, title: f.title, inbox: false, fields: f.fields, intake: f.intake };
}, "place");
export const getReceipt = query((code: string) => api.receipt(code), "receipt");
/** The first page of a forum's proposals for these filters; later pages are fetched with the cursor by the page itself. */
export const getProposals = query((forumId: string, q: ProposalQuery) => api.proposals(forumId, q), "proposals");

/** How many proposals of a forum are in each status (staff), for the moderation queue's tabs. */
export const getStatusCounts = query(async (forumId: string): Promise<Record<ProposalStatus, number>> => {
  // One request: the list answers with its counts per status.
  return (await api.proposals(forumId, { limit: 1 })).byStatus;
}, "statusCounts");
