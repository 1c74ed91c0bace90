import type { Context } from "hono";
import { randomBytes } from "node:crypto";
import { Identity } from "../../core/attendance/identity.js";
import { Idempotency } from "../../core/shared/idempotency.js";
import { invalid } from "../../core/shared/errors.js";
import type { RateLimit } from "../../core/shared/rate-limit.js";
import { Cookies, readCookie, writeCookie } from "./cookies.js";
import type { Env } from "./env.js";

/**
 * Who is asking, for rate limits on anonymous writes. A whole venue shares one IP address, so
 * the first limit is per client: a random id in a long-lived HttpOnly cookie, issued on first
 * contact. Someone who drops the cookie to get a new id each time still meets the second, much
 * larger limit per IP address. Both are kept as keyed hashes, never as the address itself.
 */
export function clientOf(c: Context<Env>): { client: string; ip: string } {
  let client = readCookie(c, Cookies.client);
  if (!client || !/^[A-Za-z0-9_-]{22}$/.test(client)) {
    client = randomBytes(16).toString("base64url");
    writeCookie(c, Cookies.client, client, { httpOnly: true, sameSite: "Lax", maxAge: 365 * 24 * 3600 });
  }
  return { client: Identity.hash(`client:${client}`), ip: addressOf(c) };
}

/** A keyed hash of the caller's address (never the address itself). */
export const addressOf = (c: Context<Env>) => Identity.hash(`ip:${clientIp(c)}`);

/**
 * The caller's address: the connection's peer (Node) or API Gateway's sourceIp (Lambda). Behind
 * our own proxies (CloudFront in front of the API: GONGNON_TRUSTED_PROXIES=1) the peer is the
 * proxy, and the address is the X-Forwarded-For entry that the nearest trusted proxy appended;
 * anything further left was written by the client and is not trusted.
 */
export function clientIp(c: Context<Env>): string {
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } }; incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const direct = env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? "unknown";
  const hops = Number(process.env.GONGNON_TRUSTED_PROXIES ?? 0);
  if (!(hops > 0)) return direct;
  const chain = (c.req.header("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // A host that also appends its own peer (the proxy itself) to the header: that entry is not a hop.
  if (chain[chain.length - 1] === direct) chain.pop();
  return chain[chain.length - hops] ?? direct;
}

/** Limits on anonymous online proposals (per client and per IP address, 10-minute windows). */
export function intakeRules(who: { client: string; ip: string }): RateLimit.Rule[] {
  const windowSeconds = Number(process.env.GONGNON_INTAKE_WINDOW_S ?? 600);
  return [
    { bucket: `intake-client:${who.client}`, limit: Number(process.env.GONGNON_INTAKE_PER_CLIENT ?? 5), windowSeconds },
    { bucket: `intake-ip:${who.ip}`, limit: Number(process.env.GONGNON_INTAKE_PER_IP ?? 120), windowSeconds },
  ];
}

/** Says `Idempotent-Replayed: true` when the answer is the first answer of an earlier request with the same key. */
export function replayed<T>(c: Context<Env>, answer: T): T {
  if (Idempotency.wasReplayed(answer)) c.header("Idempotent-Replayed", "true");
  return answer;
}

/** The optional Idempotency-Key header, validated. */
export function idempotencyKeyOf(c: Context<Env>): string | undefined {
  const raw = c.req.header("idempotency-key");
  if (raw === undefined) return undefined;
  const key = Idempotency.Key.safeParse(raw);
  if (!key.success) {
    throw invalid("invalid_idempotency_key", "Idempotency-Key", "Idempotency-Key는 1~128자의 인쇄 가능한 ASCII여야 합니다.", "Idempotency-Key must be 1-128 printable ASCII characters.");
  }
  return key.data;
}
