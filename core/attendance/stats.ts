import { z } from "zod";
import { Forum } from "./forum.js";
import { Session } from "./session.js";

/** A forum's public attendance figures. */
export namespace Stats {
  export const ForumStats = z.object({
    forumId: z.string(),
    title: z.string(),
    /** Sessions held: started, or with people checked in (early check-in counts). */
    sessions: z.number(),
    /** All sessions, future ones included. */
    scheduledSessions: z.number(),
    attendances: z.number(),
    participants: z.number(),
    bySession: z.array(
      z.object({ sessionId: z.string(), title: z.string(), startsAt: z.string(), area: z.string().optional(), attendances: z.number() }),
    ),
  });
  export type ForumStats = z.infer<typeof ForumStats>;

  /** attendances = Σ distinct people per session; participants = distinct people across the forum. */
  export async function forum(forumId: string, now = new Date()): Promise<ForumStats> {
    const [forum, sessions] = await Promise.all([Forum.mustGet(forumId), Session.listByForum(forumId)]);
    const held = sessions.filter((s) => Date.parse(s.startsAt) <= now.getTime() || s.attendances > 0);
    return {
      forumId,
      title: forum.title,
      sessions: held.length,
      scheduledSessions: sessions.length,
      attendances: forum.attendances,
      participants: forum.participants,
      bySession: sessions.map((s) => ({
        sessionId: s.id,
        title: s.title,
        startsAt: s.startsAt,
        area: s.area,
        attendances: s.attendances,
      })),
    };
  }
}
