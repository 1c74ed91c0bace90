import type { CheckIn } from "../../../core/attendance/checkin.js";
import type { Forum } from "../../../core/attendance/forum.js";
import type { Identity } from "../../../core/attendance/identity.js";
import type { ProposalImport } from "../../../core/proposals/import.js";
import type { Proposal } from "../../../core/proposals/proposal.js";
import type { Session } from "../../../core/attendance/session.js";
import type { Stats } from "../../../core/attendance/stats.js";
import type { User } from "../../../core/accounts/user.js";
import { lang } from "./i18n.js";

/**
 * The browser's API client: plain fetch, the session cookie (never a stored bearer token),
 * the CSRF double-submit header on writes, and Accept-Language matching the UI.
 * Types come from core's schemas, type-only, so no server code reaches the bundle.
 */

export type ForumInfo = Forum.Info;
export type ForumInput = Forum.CreateInput;
export type SessionInfo = Session.Info;
export type SessionInput = Session.CreateInput;
export type Facilitator = Session.Facilitator;
export type ForumStats = Stats.ForumStats;
export type CheckInResult = CheckIn.Result;
export type CheckInInput = Identity.Input;
export type Role = User.Role;
export type UserInfo = User.Info;
export type UserInput = User.CreateInput;
export type UserUpdate = User.UpdateInput;
export type ForumUpdate = Forum.UpdateInput;
/** Where proposals go: a forum, or the standing inbox (forumId "inbox"). */
export type IntakeTarget = Forum.Target;
export type ProposalInfo = Proposal.Info;
export type ProposalStatus = Proposal.Status;
export type ProposalSource = Proposal.Source;
export type ProposalStage = Proposal.Stage;
export type ProposalEvent = Proposal.Event;
/** A list item: what everyone sees, plus the rest of the proposal for staff. */
export type ProposalItem = Proposal.Page["items"][number];
export type ProposalPage = Proposal.Page;
export type ProposalQuery = Proposal.ListQuery;
export type ProposalInput = Proposal.CreateInput;
export type ProposalCreated = Proposal.Created;
export type ProposalUpdate = Proposal.UpdateInput;
export type AgendaInput = Proposal.SessionInput;
export type ReceiptView = Proposal.ReceiptView;
export type ImportPreview = ProposalImport.Preview;
export type ImportRow = ProposalImport.Row;
export type ImportJob = ProposalImport.Job;
export interface Me {
  userId: string;
  email: string;
  name: string;
  role: Role;
}
export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: Me;
}

/** An API error answer ({error:{code,message,field?}}), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Worth retrying with the same Idempotency-Key: the request may never have arrived, or the server hiccupped. */
  get transient(): boolean {
    return this.status === 0 || this.status === 500 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

/** The session's CSRF token, from the readable cookie the server sets at sign-in (`__Host-` on https). */
export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === "gongnon_csrf" || k === "__Host-gongnon_csrf") return decodeURIComponent(v.join("="));
  }
  return undefined;
}

export interface Answer<T> {
  status: number;
  data: T;
}

export async function request<T>(
  method: "GET" | "POST" | "PATCH" | "DELETE",
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": lang(), ...opts.headers };
  // FormData (file uploads) sets its own multipart content type with the boundary.
  const form = opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const csrf = csrfToken();
    if (csrf) headers["x-csrf-token"] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", (err as Error).message || "network error");
  }
  const text = await res.text().catch(() => "");
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
    const retry = Number(res.headers.get("retry-after"));
    throw new ApiError(
      res.status,
      e?.code ?? "http_error",
      e?.message ?? `HTTP ${res.status}`,
      e?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
  return { status: res.status, data: data as T };
}

const get = async <T>(path: string, signal?: AbortSignal) => (await request<T>("GET", path, { signal })).data;
const send = async <T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown) =>
  (await request<T>(method, path, { body })).data;
const id = encodeURIComponent;

/** ?a=1&b=2 from the defined, non-empty values. */
function queryString(q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

function importForm(file: File, fields: Record<string, string>): FormData {
  const form = new FormData();
  form.set("file", file, file.name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

export const api = {
  login: (email: string, password: string) => send<LoginResult>("POST", "/auth/login", { email, password }),
  logout: () => send<void>("POST", "/auth/logout"),
  me: () => get<Me>("/auth/me"),

  forums: async () => (await get<{ forums: ForumInfo[] }>("/forums")).forums,
  forum: (forumId: string, signal?: AbortSignal) => get<ForumInfo>(`/forums/${id(forumId)}`, signal),
  createForum: (input: ForumInput) => send<ForumInfo>("POST", "/forums", input),
  updateForum: (forumId: string, input: ForumUpdate) => send<ForumInfo>("PATCH", `/forums/${id(forumId)}`, input),
  forumStats: (forumId: string, signal?: AbortSignal) => get<ForumStats>(`/forums/${id(forumId)}/stats`, signal),

  sessions: async (forumId: string, signal?: AbortSignal) =>
    (await get<{ sessions: SessionInfo[] }>(`/forums/${id(forumId)}/sessions`, signal)).sessions,
  session: (sessionId: string) => get<SessionInfo>(`/sessions/${id(sessionId)}`),
  createSession: (forumId: string, input: SessionInput) => send<SessionInfo>("POST", `/forums/${id(forumId)}/sessions`, input),
  mySessions: async () => (await get<{ sessions: SessionInfo[] }>("/me/sessions")).sessions,

  facilitators: async (sessionId: string) =>
    (await get<{ facilitators: Facilitator[] }>(`/sessions/${id(sessionId)}/facilitators`)).facilitators,
  assign: (sessionId: string, userId: string) => send<Facilitator>("POST", `/sessions/${id(sessionId)}/facilitators`, { userId }),
  unassign: (sessionId: string, userId: string) => send<void>("DELETE", `/sessions/${id(sessionId)}/facilitators/${id(userId)}`),

  users: async () => (await get<{ users: UserInfo[] }>("/users")).users,
  createUser: (input: UserInput) => send<UserInfo>("POST", "/users", input),
  updateUser: (userId: string, input: UserUpdate) => send<UserInfo>("PATCH", `/users/${id(userId)}`, input),

  /** One check-in attempt; the caller owns the Idempotency-Key so that retries reuse it. */
  checkIn: (sessionId: string, input: CheckInInput, idempotencyKey: string, signal?: AbortSignal) =>
    request<CheckInResult>("POST", `/sessions/${id(sessionId)}/checkins`, {
      body: input,
      headers: { "idempotency-key": idempotencyKey },
      signal,
    }),

  /** Where an online proposal goes now: the newest forum open for intake, or the standing inbox. */
  intake: () => get<IntakeTarget>("/intake"),
  /** One submission attempt (anonymous); the caller owns the Idempotency-Key so that retries reuse it. */
  propose: (forumId: string, input: ProposalInput, idempotencyKey: string, signal?: AbortSignal) =>
    request<ProposalCreated>("POST", `/forums/${id(forumId)}/proposals`, { body: input, headers: { "idempotency-key": idempotencyKey }, signal }),
  receipt: (code: string) => get<ReceiptView>(`/proposals/${id(code)}`),
  proposals: (forumId: string, q: ProposalQuery = {}, signal?: AbortSignal) =>
    get<ProposalPage>(`/forums/${id(forumId)}/proposals${queryString(q)}`, signal),
  proposal: (forumId: string, proposalId: string) => get<ProposalItem>(`/forums/${id(forumId)}/proposals/${id(proposalId)}`),
  /** An agenda captured at a session's table; Idempotency-Key as for check-ins. */
  captureAgenda: (sessionId: string, input: AgendaInput, idempotencyKey: string, signal?: AbortSignal) =>
    request<ProposalCreated>("POST", `/sessions/${id(sessionId)}/proposals`, { body: input, headers: { "idempotency-key": idempotencyKey }, signal }),
  updateProposal: (proposalId: string, input: ProposalUpdate) => send<ProposalInfo>("PATCH", `/proposals/${id(proposalId)}`, input),
  mergeProposal: (proposalId: string, into: string) =>
    send<{ merged: ProposalInfo; into: ProposalInfo }>("POST", `/proposals/${id(proposalId)}/merge`, { into }),

  /** Checks every row of a CSV/XLSX file against the forum; writes nothing. */
  previewImport: (forumId: string, file: File) =>
    send<ImportPreview>("POST", `/forums/${id(forumId)}/proposals/import`, importForm(file, { dryRun: "true" })),
  /** Starts the import (all rows, or exactly the confirmed spreadsheet rows); 202 with the job's first progress. */
  startImport: (forumId: string, file: File, rows?: number[]) =>
    send<ImportJob>("POST", `/forums/${id(forumId)}/proposals/import`, importForm(file, rows ? { rows: rows.join(",") } : {})),
  /** Imports the next rows; safe to repeat. */
  continueImport: (importId: string, signal?: AbortSignal) =>
    request<ImportJob>("POST", `/imports/${id(importId)}/continue`, { signal }).then((a) => a.data),
};
