import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Auth } from "../../../../core/accounts/auth.js";
import { User } from "../../../../core/accounts/user.js";
import { requireUser } from "../../auth.js";
import { addressOf } from "../../client.js";
import { Cookies, dropCookie, readCookie, writeCookie } from "../../cookies.js";
import type { Env } from "../../env.js";
import { Access } from "../../access.js";
import { Errors, body, json, secured } from "../../schemas.js";

const Me = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: User.Role, expiresAt: z.string().optional() }).openapi("Me");
const LoginResult = z.object({ token: z.string(), csrfToken: z.string(), expiresAt: z.string(), user: Me }).openapi("LoginResult");

const login = createRoute({
  ...Access.public,
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
  summary: "Sign out: ends the session (harmless when signed out)",
  security: secured,
  "x-access": "public",
  responses: { 204: { description: "Signed out" } },
});

const me = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["auth"],
  summary: "The signed-in user",
  ...Access.signedIn,
  responses: { 200: json(Me, "The user"), 401: Errors[401] },
});

export const authRoutes = new OpenAPIHono<Env>()
  .openapi(login, async (c) => {
    const input = c.req.valid("json");
    const { token, actor, expiresAt, device } = await Auth.login(input, { device: readCookie(c, Cookies.device), address: addressOf(c) });
    const csrfToken = Auth.csrfToken(token);
    const maxAge = Auth.SESSION_HOURS * 3600;
    writeCookie(c, Cookies.session, token, { httpOnly: true, sameSite: "Lax", maxAge });
    writeCookie(c, Cookies.csrf, csrfToken, { httpOnly: false, sameSite: "Lax", maxAge });
    // This browser is now known to the account: failures elsewhere never lock it out.
    writeCookie(c, Cookies.device, device, { httpOnly: true, sameSite: "Strict", maxAge: Auth.DEVICE_DAYS * 86400 });
    return c.json({ token, csrfToken, expiresAt, user: actor }, 200);
  })
  .openapi(logout, async (c) => {
    const header = c.req.header("authorization");
    const token = header?.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : readCookie(c, Cookies.session);
    if (token) await Auth.logout(token);
    dropCookie(c, Cookies.session);
    dropCookie(c, Cookies.csrf);
    return c.body(null, 204);
  })
  .openapi(me, (c) => c.json(requireUser(c), 200));
