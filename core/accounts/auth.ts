import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { hmacKey } from "../shared/config.js";
import { AppError } from "../shared/errors.js";
import { dummyHash, verifyPassword } from "./password.js";
import { RateLimit } from "../shared/rate-limit.js";
import { Keys, db, epochSeconds, tableName } from "../shared/table.js";
import { User } from "./user.js";

/**
 * Sign-in sessions: a random token given to the client, stored only as its SHA-256.
 *
 * Guessing is slowed the way OWASP recommends, with device cookies: a browser that has signed in
 * as an account before holds a signed device cookie for it. Failures from such a browser count
 * against that cookie alone; failures from anywhere else count against the account's "unknown
 * devices" and against the caller's address. So a stranger who keeps failing locks out only
 * unknown devices, never the owner's known browser, and one address cannot spray passwords
 * across many accounts.
 */
export namespace Auth {
  export const LoginInput = z.object({
    email: z.string().trim().toLowerCase().min(1).max(200),
    password: z.string().min(1).max(200),
  });
  export type LoginInput = z.infer<typeof LoginInput>;

  export interface Actor {
    userId: string;
    email: string;
    name: string;
    role: User.Role;
    /** When the sign-in session ends (a console checks it lasts through the session it runs). */
    expiresAt?: string;
  }

  export const SESSION_HOURS = 12;
  export const DEVICE_DAYS = 180;
  const WINDOW_S = 15 * 60;
  /** Failures allowed in 15 minutes: per known device, per account from unknown devices, per address. */
  const FREE = { device: 5, unknown: 5, address: 30 };

  const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

  /** Tokens are looked up on every request; an instance keeps an answer for a few seconds. */
  const CACHE_MS = 10_000;
  const cache = new Map<string, { actor: Actor; until: number }>();

  const invalidCredentials = () =>
    new AppError("unauthorized", "invalid_credentials", {
      ko: "이메일 또는 비밀번호가 맞지 않습니다.",
      en: "The email or password is incorrect.",
    });

  const locked = (wait: number) =>
    RateLimit.tooMany(wait, {
      ko: `로그인 실패가 너무 많습니다. ${RateLimit.formatWait(wait, "ko")} 뒤에 다시 시도하세요. 전에 로그인한 적이 있는 브라우저에서는 바로 로그인할 수 있습니다.`,
      en: `Too many failed sign-ins. Try again in ${RateLimit.formatWait(wait, "en")}; a browser that has signed in to this account before can sign in now.`,
    }, "too_many_failed_logins");

  // ——— Device cookies: `<nonce>.<expiry>.<HMAC(email, nonce, expiry)>` ——————————————————

  const deviceSignature = (email: string, nonce: string, exp: string) =>
    createHmac("sha256", hmacKey()).update(`device:${email}:${nonce}:${exp}`).digest("base64url");

  function newDevice(email: string, now: number): string {
    const nonce = randomBytes(16).toString("base64url");
    const exp = String(now + DEVICE_DAYS * 86400);
    return `${nonce}.${exp}.${deviceSignature(email, nonce, exp)}`;
  }

  /** The device's nonce when the cookie is this account's and still valid. */
  function knownDevice(email: string, cookie: string | undefined, now: number): string | undefined {
    if (!cookie || cookie.length > 200) return undefined;
    const [nonce, exp, sig, extra] = cookie.split(".");
    if (!nonce || !exp || !sig || extra !== undefined || !(Number(exp) > now)) return undefined;
    const want = Buffer.from(deviceSignature(email, nonce, exp));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got) ? nonce : undefined;
  }

  const rule = (bucket: string, limit: number): RateLimit.Rule => ({ bucket, limit, windowSeconds: WINDOW_S });

  export interface LoginContext {
    /** The device cookie this browser sent, if any. */
    device?: string;
    /** A keyed hash of the caller's address. */
    address: string;
  }

  /** Checks the password; returns a session token and a fresh device cookie for this browser. */
  export async function login(
    input: LoginInput,
    ctx: LoginContext = { address: "unknown" },
  ): Promise<{ token: string; actor: Actor; expiresAt: string; device: string }> {
    const now = epochSeconds();
    const nonce = knownDevice(input.email, ctx.device, now);
    const rules = nonce
      ? [rule(`login-device:${sha256(nonce)}`, FREE.device)]
      : [rule(`login-unknown:${sha256(input.email)}`, FREE.unknown), rule(`login-address:${ctx.address}`, FREE.address)];
    for (const r of rules) {
      const state = await RateLimit.check(r);
      if (state.full) throw locked(state.retryAfterSeconds);
    }
    const user = await User.withPasswordByEmail(input.email);
    const ok = user
      ? await verifyPassword(input.password, user.passwordHash)
      : (await verifyPassword(input.password, await dummyHash()), false);
    // A disabled account answers as a wrong password does: the answer never confirms a password.
    if (!ok || !user || user.disabled) {
      await Promise.all(rules.map((r) => RateLimit.record(r)));
      throw invalidCredentials();
    }
    await RateLimit.clear(rules[0]!);
    const token = randomBytes(32).toString("base64url");
    const expires = now + SESSION_HOURS * 3600;
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, role: user.role };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Keys.authSession(sha256(token)), type: "AuthSession", userId: user.id, authVersion: user.authVersion, expiresAt: expires },
      }),
    );
    return { token, actor, expiresAt: new Date(expires * 1000).toISOString(), device: newDevice(input.email, now) };
  }

  /** The CSRF token of a session: bound to it, so a token from another session never passes. */
  export const csrfToken = (sessionToken: string) => createHmac("sha256", hmacKey()).update(`csrf:${sha256(sessionToken)}`).digest("base64url");

  // Access pattern: resolve a session token to its user (token hash → session → user).
  export async function fromToken(token: string): Promise<Actor | undefined> {
    const hash = sha256(token);
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.actor;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.authSession(hash) }));
    if (!res.Item || Number(res.Item.expiresAt) <= epochSeconds()) return undefined;
    const found = await User.withAuth(res.Item.userId as string);
    // A password change, a role change or a disable since sign-in ends the session for good.
    if (!found || found.info.disabled || found.authVersion !== Number(res.Item.authVersion ?? 0)) return undefined;
    const user = found.info;
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, role: user.role, expiresAt: new Date(Number(res.Item.expiresAt) * 1000).toISOString() };
    if (cache.size > 5000) cache.clear();
    cache.set(hash, { actor, until: Date.now() + CACHE_MS });
    return actor;
  }

  /** Drops this instance's cached sessions of a user at once (other instances follow within CACHE_MS). */
  export function forgetUser(userId: string) {
    for (const [hash, entry] of cache) if (entry.actor.userId === userId) cache.delete(hash);
  }

  export async function logout(token: string): Promise<void> {
    const hash = sha256(token);
    cache.delete(hash);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.authSession(hash) }));
  }
}
