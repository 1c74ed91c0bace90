import type { Hono } from "hono";
import { hc, type ClientResponse } from "hono/client";
import type { ExtractSchema } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { Api } from "../../../functions/api/app.js";
import { lang } from "./i18n.js";

/**
 * The browser's way to the API: Hono's typed client over the server's own route types
 * (`functions/api/app.ts`, imported type-only, so no server code reaches the bundle), so a route
 * that changes its path, input or answer no longer type-checks against its caller. Each feature
 * keeps its calls in its own `api.ts`; this file holds what every call shares: the session cookie
 * (never a stored bearer token), the CSRF double-submit header on writes, Accept-Language matching
 * the UI, and errors as ApiError (a network failure is status 0).
 */

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

/** Every request of the client goes through here: the shared headers, the cookie, and errors as ApiError. */
async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("accept", "application/json");
  headers.set("accept-language", lang());
  if ((init.method ?? "GET").toUpperCase() !== "GET") {
    const csrf = csrfToken();
    if (csrf) headers.set("x-csrf-token", csrf);
  }
  let res: Response;
  try {
    res = await fetch(input, { ...init, headers, credentials: "same-origin" });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", (err as Error).message || "network error");
  }
  if (res.ok) return res;
  const e = (parse(await res.text().catch(() => "")) as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const retry = Number(res.headers.get("retry-after"));
  throw new ApiError(res.status, e?.code ?? "http_error", e?.message ?? `HTTP ${res.status}`, e?.field, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Only the routes whose path the type system knows. A route whose path type is lost (it becomes
 * `string`) would otherwise turn the whole client into an untyped one; left out, it is simply not
 * callable, which the type check reports at its caller.
 */
type Known<S> = { [K in keyof S as {} extends Record<K, 1> ? never : K]: S[K] };

/** The API's routes under /api: `client.rounds[":roundId"].$get({ param: { roundId: id(r) } })`. */
export const client = hc<Hono<{}, Known<ExtractSchema<Api>>, "/">>("/", { fetch: send }).api;

/** What a call answers when it succeeds (errors were thrown as ApiError by `send`). */
export type Answer<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

/** The success answer of a route, by its client method: `Data<typeof client.auth.me.$get>`. */
export type Data<M extends (...args: never[]) => Promise<unknown>> = Answer<Awaited<ReturnType<M>>>;

/** The answer's JSON (undefined for an empty answer, e.g. a 204). */
export async function data<R extends ClientResponse<unknown, number, string>>(res: Promise<R>): Promise<Answer<R>> {
  return parse(await (await res).text()) as Answer<R>;
}

/** A path parameter, encoded (the client puts params into the path as they are). */
export const id = encodeURIComponent;

/** RequestInit for a call that may be given up (a timeout, a page left). */
export const abortable = (signal: AbortSignal | undefined) => (signal ? { init: { signal } } : undefined);
