import { ApiError } from "../../app/api.js";
import { votingApi, type RoundView } from "../../voting/api.js";
import { getRound, getRounds } from "../../voting/queries.js";
import type { ForumInfo, SessionInfo } from "../api.js";
import { getForum, getSession } from "../queries.js";
import { measureClock, report, sealingKey } from "./outbox.js";
import { readModel, saveModel, type ReadModel } from "./store.js";

/**
 * The console's read model: what its screens read when the API cannot be reached. Each time the
 * console loads its session and forum online, they are stored on the tablet (IndexedDB, never
 * the service worker's cache); offline, the stored copy is read instead. "Make ready for offline"
 * (makeReady) stores all of it at once: the session, its forum (fields), and the forum's open
 * rounds that take ballots at sessions, each with its agendas (the ballot's choices).
 */

const unreachable = (err: unknown) => err instanceof ApiError && err.status === 0;

/**
 * Stores part of the model, one change after another: each is a read-modify-write, and two at
 * once (the session's and the forum's answers) would otherwise each write over the other's part.
 * The session's change is always queued first (the forum is loaded once the session is known).
 */
let queue: Promise<void> = Promise.resolve();
function keep(sessionId: string, change: { session?: SessionInfo; forum?: ForumInfo; round?: RoundView; rounds?: RoundView[] }): Promise<void> {
  const done = queue.then(async () => {
    const old = await readModel(sessionId);
    const session = change.session ?? old?.session;
    if (!session) return;
    let rounds = change.rounds ?? old?.rounds ?? [];
    if (change.round) rounds = [...rounds.filter((r) => r.id !== change.round!.id), change.round];
    await saveModel({ sessionId, session, forum: change.forum ?? old?.forum, rounds, storedAt: Date.now() });
  });
  // The next change waits for this one, failed or not; the caller hears of a failure.
  queue = done.catch(() => undefined);
  return done;
}

/** Offline (the API unreachable): the stored model, else the error. */
async function storedOr<T>(sessionId: string, err: unknown, pick: (m: ReadModel) => T | undefined): Promise<T> {
  const stored = unreachable(err) ? await readModel(sessionId).catch(() => undefined) : undefined;
  const value = stored ? pick(stored) : undefined;
  if (value !== undefined) return value;
  throw err;
}

export async function consoleSession(sessionId: string): Promise<SessionInfo> {
  try {
    const session = await getSession(sessionId);
    void keep(sessionId, { session }).catch(() => undefined);
    return session;
  } catch (err) {
    return storedOr(sessionId, err, (m) => m.session);
  }
}

export async function consoleForum(session: SessionInfo): Promise<ForumInfo | undefined> {
  try {
    const forum = await getForum(session.forumId);
    void keep(session.id, { forum }).catch(() => undefined);
    return forum;
  } catch (err) {
    return storedOr(session.id, err, (m) => m.forum);
  }
}

/** A round for the table ballot screen: online it is kept in the session's model (with its agendas). */
export async function consoleRound(sessionId: string, roundId: string): Promise<RoundView> {
  try {
    const round = await getRound(roundId);
    // Kept, and reported: the server now knows this tablet may bring ballots for the round.
    if (takesTableBallots(round)) void keep(sessionId, { round }).then(() => report(sessionId)).catch(() => undefined);
    return round;
  } catch (err) {
    return storedOr(sessionId, err, (m) => m.rounds.find((r) => r.id === roundId));
  }
}

export type RoundLink = { id: string; title: string; status: string; channels: string[] };
const takesTableBallots = (r: RoundLink) => r.status === "open" && r.channels.includes("session");

/** The forum's open rounds that take ballots at sessions (the console's links); offline, the stored ones. */
export async function consoleOpenRounds(forumId: string, sessionId: string): Promise<RoundLink[]> {
  try {
    return (await getRounds(forumId)).filter(takesTableBallots);
  } catch (err) {
    return storedOr(sessionId, err, (m) => m.rounds.filter(takesTableBallots));
  }
}

export type ReadyStep = "session" | "rounds" | "key" | "clock" | "storage";
export const READY_STEPS: ReadyStep[] = ["session", "rounds", "key", "clock", "storage"];

/**
 * "Make ready for offline": everything the console needs with no network, fetched now and stored
 * on the tablet, one step after another (`onStep` shows the progress). Resolves with the steps
 * that failed (none: ready). Storage persistence is asked for, not required (a browser may say no).
 */
export async function makeReady(sessionId: string, onStep: (step: ReadyStep, state: "running" | "done" | "failed") => void): Promise<ReadyStep[]> {
  const failed: ReadyStep[] = [];
  const run = async (step: ReadyStep, work: () => Promise<unknown>) => {
    onStep(step, "running");
    try {
      if ((await work()) === false) throw new Error(step);
      onStep(step, "done");
    } catch {
      failed.push(step);
      onStep(step, "failed");
    }
  };
  let session: SessionInfo | undefined;
  await run("session", async () => {
    session = await getSession(sessionId);
    const forum = await getForum(session.forumId);
    await keep(sessionId, { session, forum });
  });
  await run("rounds", async () => {
    if (!session) throw new Error("no session");
    const open = (await votingApi.rounds(session.forumId)).filter(takesTableBallots);
    const rounds = await Promise.all(open.map((r) => votingApi.round(r.id)));
    await keep(sessionId, { rounds });
  });
  await run("key", () => sealingKey(true));
  await run("clock", () => measureClock());
  await run("storage", async () => (await navigator.storage?.persist?.()) ?? false);
  // The server learns which rounds this tablet may bring ballots for (see outbox.ts report).
  await report(sessionId).catch(() => undefined);
  return failed;
}
