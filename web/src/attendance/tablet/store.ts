import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { ForumInfo, SessionInfo } from "../api.js";
import type { RoundView } from "../../voting/api.js";
import type { SealingKey } from "./seal.js";

/**
 * The console's storage on the tablet (IndexedDB, one database for the origin):
 *
 * - `outbox`: every check-in, captured agenda and table ballot, saved before the screen says so,
 *   under the Idempotency-Key minted when it was saved (see outbox.ts);
 * - `model`: the read model "make ready for offline" stores per session (the session, its forum,
 *   the open rounds with their ballots), what the console's screens read when the API cannot be
 *   reached;
 * - `meta`: this tablet's random device id, the server's sealing key, the clock offset.
 *
 * Nothing here holds a typed identifier in the clear: those are sealed (seal.ts) before they are
 * written. Writes use the "strict" durability, so a saved item survives a crash or a power cut.
 */

export type ItemKind = "checkin" | "agenda" | "ballot";
export type ItemState = "saved" | "sending" | "recorded" | "attention";

/** What the server said about a recorded item, without anything about the person. */
export interface Recorded {
  /** checkin: new / returning / repeat; agenda: created; ballot: receipt. */
  outcome: "new" | "returning" | "repeat" | "created" | "receipt";
  receipt?: string;
  title?: string;
  at: number;
}

export interface Problem {
  status: number;
  code: string;
  message: string;
}

export interface OutboxItem {
  /** The Idempotency-Key, minted once when the item was saved. */
  key: string;
  kind: ItemKind;
  sessionId: string;
  roundId?: string;
  /** The request's JSON (identifiers sealed); dropped once the item is recorded. */
  body?: Record<string, unknown>;
  state: ItemState;
  savedAt: number;
  attempts: number;
  /** Not sent again before this (backoff, Retry-After). */
  notBefore: number;
  /** While `sending`: when, so that a send interrupted by a closed tab is picked up again. */
  sendingSince?: number;
  /** The page (outbox.ts PAGE_ID) sending it: once that page is gone, the item is sent again at once. */
  sendingBy?: string;
  /** The queue waits for sign-in (401/403): kept, sent after the facilitator signs in again. */
  waitsForSignIn?: boolean;
  answer?: Recorded;
  problem?: Problem;
  /** The app version that saved it (an update must still send it). */
  appVersion: string;
}

export interface ReadModel {
  sessionId: string;
  session: SessionInfo;
  forum?: ForumInfo;
  rounds: RoundView[];
  storedAt: number;
}

export interface Meta {
  deviceId: string;
  sealingKey: SealingKey & { fetchedAt: number };
  /** The tablet's clock minus the server's, in ms, and when it was measured. */
  clock: { offsetMs: number; at: number };
  /** Grows with every outbox report (Device.Report.sequence). */
  reportSequence: number;
}

interface ConsoleDB extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { bySession: string } };
  model: { key: string; value: ReadModel };
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
}

export const DB_NAME = "gongnon-console";
let opened: Promise<IDBPDatabase<ConsoleDB>> | undefined;

export function db(): Promise<IDBPDatabase<ConsoleDB>> {
  opened ??= openDB<ConsoleDB>(DB_NAME, 1, {
    upgrade(d) {
      const outbox = d.createObjectStore("outbox", { keyPath: "key" });
      outbox.createIndex("bySession", "sessionId");
      d.createObjectStore("model", { keyPath: "sessionId" });
      d.createObjectStore("meta");
    },
    blocking() {
      // A newer app version wants to upgrade the schema: let it.
      void opened?.then((x) => x.close());
      opened = undefined;
    },
  });
  return opened;
}

const STRICT = { durability: "strict" } as const;

export async function getMeta<K extends keyof Meta>(key: K): Promise<Meta[K] | undefined> {
  return (await (await db()).get("meta", key)) as Meta[K] | undefined;
}

export async function setMeta<K extends keyof Meta>(key: K, value: Meta[K]): Promise<void> {
  const tx = (await db()).transaction("meta", "readwrite", STRICT);
  await Promise.all([tx.store.put(value, key), tx.done]);
}

/** This tablet's device id: random, names nobody, kept for as long as the tablet keeps its storage. */
export async function deviceId(): Promise<string> {
  const known = await getMeta("deviceId");
  if (known) return known;
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const id = `t${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  await setMeta("deviceId", id);
  return id;
}

export async function putItem(item: OutboxItem): Promise<void> {
  const tx = (await db()).transaction("outbox", "readwrite", STRICT);
  await Promise.all([tx.store.put(item), tx.done]);
}

/** Changes an item as it is now in the store (another tab may have changed it). */
export async function updateItem(key: string, change: (item: OutboxItem) => OutboxItem | undefined): Promise<OutboxItem | undefined> {
  const tx = (await db()).transaction("outbox", "readwrite", STRICT);
  const now = await tx.store.get(key);
  const next = now ? change(now) : undefined;
  if (next) await tx.store.put(next);
  await tx.done;
  return next;
}

export async function allItems(): Promise<OutboxItem[]> {
  return (await (await db()).getAll("outbox")).sort((a, b) => a.savedAt - b.savedAt);
}

export async function deleteItems(keys: string[]): Promise<void> {
  const tx = (await db()).transaction("outbox", "readwrite", STRICT);
  await Promise.all([...keys.map((k) => tx.store.delete(k)), tx.done]);
}

export async function saveModel(model: ReadModel): Promise<void> {
  const tx = (await db()).transaction("model", "readwrite", STRICT);
  await Promise.all([tx.store.put(model), tx.done]);
}

export async function readModel(sessionId: string): Promise<ReadModel | undefined> {
  return (await db()).get("model", sessionId);
}

export async function allModels(): Promise<ReadModel[]> {
  return (await db()).getAll("model");
}
