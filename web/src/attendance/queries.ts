import { query } from "@solidjs/router";
import { attendanceApi } from "./api.js";

/** Attendance's route data: cached per key, shared by preload and createAsync, refreshed with revalidate(key). */
export const getForums = query(() => attendanceApi.forums(), "forums");
export const getForum = query((forumId: string) => attendanceApi.forum(forumId), "forum");
export const getForumStats = query((forumId: string) => attendanceApi.forumStats(forumId), "forumStats");
export const getSessions = query((forumId: string) => attendanceApi.sessions(forumId), "sessions");
export const getSession = query((sessionId: string) => attendanceApi.session(sessionId), "session");
export const getMySessions = query(() => attendanceApi.mySessions(), "mySessions");
export const getFacilitators = query((sessionId: string) => attendanceApi.facilitators(sessionId), "facilitators");
export const getSessionDevices = query((sessionId: string) => attendanceApi.devices(sessionId), "sessionDevices");
