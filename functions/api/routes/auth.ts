import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomBytes } from "node:crypto";
import { Auth } from "../../../core/auth.js";
import { User } from "../../../core/user.js";
import { CSRF_COOKIE, SESSION_COOKIE, requireUser } from "../auth.js";
import type { Env } from "../env.js";
import { Errors, body, json, secured } from "../schemas.js";

const Me = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: User.Role }).openapi("Me");
const LoginResult = z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string(), user: Me }).openapi("LoginResult");

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in: sets an HttpOnly session cookie and returns a bearer token",
  request: body(Auth.LoginInput),
  responses: { 200: json(LoginResult, "Signed in"), 400: Errors[400], 401: Errors[401], 429: Errors[429] },
});

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "Sign out: ends the session",
  security: secured,
  responses: { 204: { description: "Signed out" } },
});

const me = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["auth"],
  summary: "The signed-in user",
  security: secured,
  responses: { 200: json(Me, "The user"), 401: Errors[401] },
});

const secure = (url: string) => url.startsWith("https:");

export const authRoutes = new OpenAPIHono<Env>()
  .openapi(login, async (c) => {
    const input = c.req.valid("json");
    const { token, actor, expiresAt } = await Auth.login(input);
    const csrfToken = randomBytes(24).toString("base64url");
    const maxAge = Auth.SESSION_HOURS * 3600;
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", path: "/", secure: secure(c.req.url), maxAge });
    setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: "Lax", path: "/", secure: secure(c.req.url), maxAge });
    return c.json({ token, csrfToken, expiresAt, user: actor }, 200);
  })
  .openapi(logout, async (c) => {
    const header = c.req.header("authorization");
    const token = header?.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : getCookie(c, SESSION_COOKIE);
    if (token) await Auth.logout(token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    deleteCookie(c, CSRF_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .openapi(me, (c) => c.json(requireUser(c), 200));
