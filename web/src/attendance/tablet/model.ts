import { ApiError } from "../../app/api.js";
import type { ForumInfo, SessionInfo } from "../api.js";
import { getForum, getSession } from "../queries.js";
import { readModel, saveModel } from "./store.js";

/**
 * The console's read model: what its screens read when the API cannot be reached. Each time the
 * console loads its session and forum online, they are stored on the tablet (IndexedDB, never
 * the service worker's cache); offline, the stored copy is read instead.
 */

const unreachable = (err: unknown) => err instanceof ApiError && err.status === 0;

/**
 * Stores part of the model, one change after another: each is a read-modify-write, and two at
 * once (the session's and the forum's answers) would otherwise each write over the other's part.
 * The session's change is always queued first (the forum is loaded once the session is known).
 */
let queue: Promise<void> = Promise.resolve();
function keep(sessionId: string, change: { session?: SessionInfo; forum?: ForumInfo }): Promise<void> {
  queue = queue.then(async () => {
    const old = await readModel(sessionId);
    const session = change.session ?? old?.session;
    if (!session) return;
    await saveModel({ sessionId, session, forum: change.forum ?? old?.forum, rounds: old?.rounds ?? [], storedAt: Date.now() });
  }).catch(() => undefined);
  return queue;
}

export async function consoleSession(sessionId: string): Promise<SessionInfo> {
  try {
    const session = await getSession(sessionId);
    void keep(sessionId, { session }).catch(() => undefined);
    return session;
  } catch (err) {
    const stored = unreachable(err) ? await readModel(sessionId).catch(() => undefined) : undefined;
    if (stored) return stored.session;
    throw err;
  }
}

export async function consoleForum(session: SessionInfo): Promise<ForumInfo | undefined> {
  try {
    const forum = await getForum(session.forumId);
    void keep(session.id, { forum }).catch(() => undefined);
    return forum;
  } catch (err) {
    const stored = unreachable(err) ? await readModel(session.id).catch(() => undefined) : undefined;
    if (stored?.forum) return stored.forum;
    throw err;
  }
}
