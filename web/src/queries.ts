import { query } from "@solidjs/router";
import { api } from "./api.js";

/** Route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getForums = query(() => api.forums(), "forums");
export const getForum = query((forumId: string) => api.forum(forumId), "forum");
export const getForumStats = query((forumId: string) => api.forumStats(forumId), "forumStats");
export const getSessions = query((forumId: string) => api.sessions(forumId), "sessions");
export const getSession = query((sessionId: string) => api.session(sessionId), "session");
export const getMySessions = query(() => api.mySessions(), "mySessions");
export const getUsers = query(() => api.users(), "users");
export const getFacilitators = query((sessionId: string) => api.facilitators(sessionId), "facilitators");
