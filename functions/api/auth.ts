import type { Context, MiddlewareHandler } from "hono";
import { timingSafeEqual } from "node:crypto";
import { Auth } from "../../core/accounts/auth.js";
import { AppError } from "../../core/shared/errors.js";
import type { User } from "../../core/accounts/user.js";
import { Cookies, readCookie } from "./cookies.js";
import type { Env } from "./env.js";

export const CSRF_HEADER = "x-csrf-token";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Resolves the signed-in user from `Authorization: Bearer` or the session cookie.
 * Cookie-authenticated writes must send the session's CSRF token in the X-CSRF-Token header: an
 * HMAC of the session token (the readable CSRF cookie carries it for the page), so a token or
 * cookie pair from any other session never passes. Bearer tokens are not sent by browsers on
 * their own, so they need none.
 */
export const authenticate: MiddlewareHandler<Env> = async (c, next) => {
  const header = c.req.header("authorization");
  let token: string | undefined;
  if (header?.toLowerCase().startsWith("bearer ")) {
    token = header.slice(7).trim();
    c.set("authVia", "bearer");
  } else {
    token = readCookie(c, Cookies.session);
    if (token) c.set("authVia", "cookie");
  }
  if (token && token.length <= 100) {
    const actor = await Auth.fromToken(token);
    if (actor) c.set("actor", actor);
  }
  if (token && c.get("actor") && c.get("authVia") === "cookie" && !SAFE.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER) ?? "";
    if (!sent || !safeEqual(Auth.csrfToken(token), sent)) {
      throw new AppError("forbidden", "csrf_failed", {
        ko: "보안 토큰(CSRF)이 없거나 맞지 않습니다. 페이지를 새로 고친 뒤 다시 시도하세요.",
        en: "The security (CSRF) token is missing or wrong; reload the page and try again.",
      });
    }
  }
  await next();
};

export function requireUser(c: Context<Env>): Auth.Actor {
  const actor = c.get("actor");
  if (!actor) {
    throw new AppError("unauthorized", "sign_in_required", {
      ko: "로그인이 필요합니다.",
      en: "Sign in first.",
    });
  }
  return actor;
}

export function requireRole(c: Context<Env>, ...roles: User.Role[]): Auth.Actor {
  const actor = requireUser(c);
  if (!roles.includes(actor.role)) {
    throw new AppError("forbidden", "role_required", {
      ko: "이 작업을 할 권한이 없습니다.",
      en: "You do not have permission to do this.",
    });
  }
  return actor;
}

export const STAFF: User.Role[] = ["admin", "staff"];

/** Whether the caller is signed in as staff or admin (for reads that show staff more). */
export const isStaff = (c: Context<Env>) => {
  const role = c.get("actor")?.role;
  return role !== undefined && STAFF.includes(role);
};
