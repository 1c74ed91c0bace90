import { createSignal } from "solid-js";
import { ApiError } from "../../app/api.js";
import { newIdempotencyKey, withRetry } from "../../app/retry.js";
import { proposalsApi, type AgendaInput } from "../../proposals/api.js";
import { votingApi, type BallotInput } from "../../voting/api.js";
import { attendanceApi, type CheckInInput, type CheckInResult, type DeviceReport } from "../api.js";
import { outcomeOf } from "../checkin.js";
import { seal, type Identifier } from "./seal.js";
import { t } from "./strings.js";
import {
  allItems,
  deleteItems,
  deviceId,
  getMeta,
  putItem,
  readModel,
  setMeta,
  updateItem,
  type ItemKind,
  type OutboxItem,
  type Recorded,
} from "./store.js";

/**
 * The console's outbox: every check-in, captured agenda and table ballot is saved here (IndexedDB,
 * store.ts) with its Idempotency-Key minted once, before the screen says "saved on this tablet",
 * and sent when the network allows. The server answers a key it has seen with its first answer
 * (for 7 days), so sending an item again, from this tab or another, never records it twice.
 *
 * - Sent on start, on `online`, when the page becomes visible, on a backoff timer and on "send
 *   now"; `navigator.onLine` is never trusted (the request is simply tried) and Background Sync is
 *   not used (no iOS browser has it).
 * - One tab sends at a time (Web Locks; without them, each tab sends and the keys keep it exactly
 *   once).
 * - States: saved → sending → recorded (with the server's answer) or needs attention (a refusal:
 *   already voted, round closed, 4xx). A network failure, a 5xx, 429 or 409 `in_progress` leaves
 *   it saved, to be sent again later with the same key; 401/403 leave it saved, waiting for
 *   sign-in. Nothing is deleted on an error; a recorded item keeps only its key and answer.
 * - Typed identifiers are sealed to the server's public key (seal.ts) before they are written.
 */

const LOCK = "gongnon-outbox-send";
const CHANNEL = "gongnon-outbox";
/** A `sending` item older than this was interrupted (a tab closed mid-request): sent again. */
const STALE_MS = 30_000;
const TICK_MS = 15_000;
/**
 * This page, while it lives: it holds a Web Lock of this name until it is closed or navigated
 * away, so another page can tell an item this one left `sending` (a request cut off by a reload)
 * from one a live tab is still sending, and take it over at once instead of after STALE_MS.
 */
const PAGE_ID = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
const PAGE_LOCK = (id: string) => `gongnon-page-${id}`;
if (typeof navigator !== "undefined" && typeof navigator.locks?.request === "function") {
  void navigator.locks.request(PAGE_LOCK(PAGE_ID), () => new Promise<never>(() => undefined)).catch(() => undefined);
}

/** The pages still alive (their locks held), or undefined where Web Locks cannot tell. */
async function livePages(): Promise<Set<string> | undefined> {
  if (typeof navigator.locks?.query !== "function") return undefined;
  const { held = [] } = await navigator.locks.query();
  return new Set(held.map((l) => l.name ?? ""));
}

/** A `sending` item whose request was cut off: its page is gone, or it has been too long. */
const interrupted = (i: OutboxItem, now: number, live: Set<string> | undefined) =>
  i.state === "sending" && (now - (i.sendingSince ?? 0) > STALE_MS || (live !== undefined && i.sendingBy !== PAGE_ID && !live.has(PAGE_LOCK(i.sendingBy ?? ""))));
const KEY_FRESH_MS = 10 * 60_000;

const [items, setItems] = createSignal<OutboxItem[]>([]);
/** The outbox as this tab last read it (all sessions), oldest first. */
export { items };

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : undefined;
if (channel) channel.onmessage = () => void reload();

async function reload() {
  setItems(await allItems());
}

function changed() {
  void reload();
  channel?.postMessage("changed");
}

export const isUnsent = (i: OutboxItem) => i.state === "saved" || i.state === "sending";

/** The tablet's clock minus the server's, as last measured (0 before the first measurement). */
export async function clockOffsetMs(): Promise<number> {
  return (await getMeta("clock"))?.offsetMs ?? 0;
}

/** Measures the clock offset against GET /api/clock (the midpoint of the round trip). */
export async function measureClock(): Promise<number> {
  const t0 = Date.now();
  const server = await attendanceApi.clock(AbortSignal.timeout?.(8_000));
  const t1 = Date.now();
  const offsetMs = Math.round((t0 + t1) / 2 - server.epochMs);
  await setMeta("clock", { offsetMs, at: t1 });
  return offsetMs;
}

/** The server's time now, by the tablet's clock corrected with the last offset. */
export async function serverNow(): Promise<Date> {
  return new Date(Date.now() - (await clockOffsetMs()));
}

/** The sealing key: fetched when online (at most every few minutes), else the one stored. */
export async function sealingKey(fresh = false) {
  const stored = await getMeta("sealingKey");
  if (stored && !fresh && Date.now() - stored.fetchedAt < KEY_FRESH_MS) return stored;
  try {
    const key = { ...(await attendanceApi.sealingKey(AbortSignal.timeout?.(8_000))), fetchedAt: Date.now() };
    await setMeta("sealingKey", key);
    return key;
  } catch (err) {
    if (stored) return stored;
    throw err;
  }
}

/**
 * What a console screen fetches while online, for when the network drops: the sealing key and the
 * clock's offset, each tried again a few times (a slow or busy network at the venue's door).
 */
export function prepareForOffline(): void {
  const tries = async (work: () => Promise<unknown>) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        return void (await work());
      } catch {
        await new Promise((r) => setTimeout(r, 1_500 * (attempt + 1)));
      }
    }
  };
  void tries(() => sealingKey(true));
  void tries(() => measureClock());
}

/** An identifier sealed for the outbox: the tablet keeps only this. */
export async function sealIdentifier(person: Identifier): Promise<string> {
  return seal(await sealingKey(), person);
}

/** Saves an item (durably) under a fresh Idempotency-Key; only then may the screen say it is saved. */
export async function save(kind: ItemKind, sessionId: string, body: Record<string, unknown>, roundId?: string): Promise<OutboxItem> {
  const item: OutboxItem = {
    key: newIdempotencyKey(),
    kind,
    sessionId,
    roundId,
    body,
    state: "saved",
    savedAt: Date.now(),
    attempts: 0,
    notBefore: 0,
    appVersion: __APP_VERSION__,
  };
  await putItem(item);
  changed();
  return item;
}

/** A check-in for the outbox: the identifier sealed. */
export async function saveCheckIn(sessionId: string, person: Identifier) {
  return save("checkin", sessionId, { sealed: await sealIdentifier(person) } satisfies CheckInInput);
}

/** A table ballot for the outbox: the identifier sealed, castAt by the server-corrected clock. */
export async function saveBallot(sessionId: string, roundId: string, person: Identifier, choices: string[]) {
  const body: BallotInput = { sessionId, sealed: await sealIdentifier(person), choices, castAt: (await serverNow()).toISOString() };
  return save("ballot", sessionId, body, roundId);
}

export async function saveAgenda(sessionId: string, input: AgendaInput) {
  return save("agenda", sessionId, input);
}

function send(item: OutboxItem, signal: AbortSignal | undefined): Promise<unknown> {
  const body = item.body ?? {};
  if (item.kind === "checkin") return attendanceApi.checkIn(item.sessionId, body as CheckInInput, item.key, signal);
  if (item.kind === "agenda") return proposalsApi.captureAgenda(item.sessionId, body as AgendaInput, item.key, signal);
  return votingApi.cast(item.roundId!, body as BallotInput, item.key, signal);
}

function answerOf(item: OutboxItem, raw: unknown): Recorded {
  const at = Date.now();
  if (item.kind === "checkin") return { outcome: outcomeOf(raw as CheckInResult), at };
  if (item.kind === "agenda") return { outcome: "created", title: (raw as { title?: string }).title, at };
  return { outcome: "receipt", receipt: (raw as { receipt?: string }).receipt, at };
}

type Verdict = "retry" | "signin" | "refused";

function verdictOf(err: unknown): Verdict {
  if (!(err instanceof ApiError)) return "retry"; // a timeout: the request may not have arrived
  if (err.transient || err.status === 429 || (err.status === 409 && err.code === "in_progress")) return "retry";
  if (err.status === 401 || err.status === 403) return "signin";
  return "refused";
}

/** Growing pauses between sends of one item (2 s … 1 min, with jitter), never shorter than Retry-After. */
const backoffMs = (attempts: number, retryAfterSeconds?: number) =>
  Math.max(Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts - 1)) * (0.5 + Math.random() / 2), (retryAfterSeconds ?? 0) * 1000);

export type Attempt =
  | { kind: "recorded"; raw: unknown; answer: Recorded }
  | { kind: "queued" | "signin"; error: unknown }
  | { kind: "refused"; error: ApiError }
  | { kind: "busy" };

/**
 * Sends one item now, if nobody else is sending it: the screen that saved it (with a short in-page
 * retry, `delays`), or the sender (one attempt). Resolves with what happened; the store says it too.
 */
export async function attempt(key: string, opts: { delays?: number[]; onRetry?: (n: number) => void } = {}): Promise<Attempt> {
  const live = await livePages();
  const now = Date.now();
  const claimed = await updateItem(key, (i) => (i.state === "saved" || interrupted(i, now, live) ? { ...i, state: "sending", sendingSince: now, sendingBy: PAGE_ID } : undefined));
  if (!claimed) return { kind: "busy" };
  changed();
  try {
    const raw = await withRetry((signal) => send(claimed, signal), opts.onRetry ?? (() => undefined), opts.delays ?? []);
    const answer = answerOf(claimed, raw);
    // Recorded: only the key and the answer stay (no sealed identifier, no choices).
    await updateItem(key, (i) => ({
      key: i.key,
      kind: i.kind,
      sessionId: i.sessionId,
      roundId: i.roundId,
      state: "recorded",
      savedAt: i.savedAt,
      attempts: i.attempts + 1,
      notBefore: 0,
      answer,
      appVersion: i.appVersion,
    }));
    changed();
    return { kind: "recorded", raw, answer };
  } catch (err) {
    const verdict = verdictOf(err);
    if (verdict === "refused") {
      const e = err as ApiError;
      await updateItem(key, (i) => ({ ...i, state: "attention", attempts: i.attempts + 1, sendingSince: undefined, sendingBy: undefined, problem: { status: e.status, code: e.code, message: e.message } }));
      changed();
      return { kind: "refused", error: e };
    }
    const retryAfter = err instanceof ApiError ? err.retryAfterSeconds : undefined;
    await updateItem(key, (i) => ({
      ...i,
      state: "saved",
      attempts: i.attempts + 1,
      sendingSince: undefined,
      sendingBy: undefined,
      notBefore: Date.now() + backoffMs(i.attempts + 1, retryAfter),
      waitsForSignIn: verdict === "signin",
    }));
    changed();
    schedule();
    return { kind: verdict === "signin" ? "signin" : "queued", error: err };
  }
}

/**
 * Takes back an item the screen refused in front of the person (a number the server cannot read,
 * already voted): what was typed is still on screen to correct, so it does not wait in the outbox.
 */
export async function withdraw(key: string): Promise<void> {
  await deleteItems([key]);
  changed();
}

let draining: Promise<void> | undefined;

/** Sends every due item, oldest first (one tab at a time); stops at the first network failure. */
export function drain(opts: { force?: boolean } = {}): Promise<void> {
  draining ??= (async () => {
    try {
      const run = () => drainHere(opts.force ?? false);
      if (typeof navigator.locks?.request === "function") await navigator.locks.request(LOCK, { ifAvailable: true }, async (lock) => (lock ? run() : undefined));
      else await run();
    } finally {
      draining = undefined;
      await reload();
      schedule();
    }
  })();
  return draining;
}

async function drainHere(force: boolean) {
  const live = await livePages();
  const now = Date.now();
  const due = (await allItems()).filter((i) => (i.state === "saved" && (force || i.notBefore <= now)) || interrupted(i, now, live));
  const sessions = new Set<string>();
  for (const item of due) {
    sessions.add(item.sessionId);
    const r = await attempt(item.key);
    if (r.kind === "queued" || r.kind === "signin") break;
  }
  for (const s of sessions) await report(s).catch(() => undefined);
}

/** Counts of one session's items, for the console's footer and its report. */
export function countsFor(list: OutboxItem[], sessionId: string) {
  const mine = list.filter((i) => i.sessionId === sessionId);
  return {
    saved: mine.length,
    recorded: mine.filter((i) => i.state === "recorded").length,
    pending: mine.filter(isUnsent).length,
    attention: mine.filter((i) => i.state === "attention").length,
  };
}

/** Reports this tablet's outbox for a session (PUT /api/sessions/{id}/devices/{deviceId}). */
export async function report(sessionId: string): Promise<void> {
  const list = await allItems();
  const mine = list.filter((i) => i.sessionId === sessionId);
  // The rounds this tablet took ballots for, and those it was made ready to take them for: until
  // it reports again after a round's close, that round's results stay provisional.
  const ready = ((await readModel(sessionId).catch(() => undefined))?.rounds ?? []).map((r) => r.id);
  const rounds = [...new Set([...mine.filter((i) => i.kind === "ballot").map((i) => i.roundId!), ...ready])].slice(0, 20).map((roundId) => {
    const ballots = mine.filter((i) => i.roundId === roundId);
    return { roundId, saved: ballots.length, recorded: ballots.filter((i) => i.state === "recorded").length, pending: ballots.filter(isUnsent).length };
  });
  const sequence = Math.max(((await getMeta("reportSequence")) ?? 0) + 1, Date.now());
  await setMeta("reportSequence", sequence);
  const clock = await getMeta("clock");
  const body: DeviceReport = {
    appVersion: __APP_VERSION__.slice(0, 40),
    sequence,
    ...countsFor(list, sessionId),
    rounds,
    ...(clock ? { clockOffsetMs: Math.max(-7 * 86_400_000, Math.min(7 * 86_400_000, clock.offsetMs)) } : {}),
  };
  await attendanceApi.reportDevice(sessionId, await deviceId(), body);
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** The backoff timer: the next send when the earliest waiting item is due (or a tick). */
function schedule() {
  clearTimeout(timer);
  const waiting = items().filter(isUnsent);
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((i) => i.notBefore));
  timer = setTimeout(() => void drain(), Math.max(1_000, Math.min(TICK_MS, next - Date.now())));
}

let started = false;

/** Starts the sender in this tab (the console's screens call it): now, on `online`, when visible, on the timer. */
export function startSender(): void {
  if (started) return;
  started = true;
  window.addEventListener("online", () => void drain({ force: true }));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void drain();
  });
  void reload().then(() => drain({ force: true }));
}

/**
 * Signing out: recorded items go; unsent ones only if the facilitator confirms (they would be
 * lost). Returns false when the facilitator kept them.
 */
export async function purgeForSignOut(confirmUnsent: (n: number) => boolean): Promise<boolean> {
  const list = await allItems();
  const unsent = list.filter((i) => i.state !== "recorded");
  const purgeAll = unsent.length > 0 && confirmUnsent(unsent.length);
  await deleteItems(list.filter((i) => i.state === "recorded" || purgeAll).map((i) => i.key));
  changed();
  return unsent.length === 0 || purgeAll;
}

/** Sign-out's question, in the UI's words (app/Layout.tsx loads this module only when a console stored something). */
export const purgeAsking = () => purgeForSignOut((n) => window.confirm(t("outbox.confirmPurge", { n })));
