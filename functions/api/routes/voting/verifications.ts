import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { RateLimit } from "../../../../core/shared/rate-limit.js";
import { Verification } from "../../../../core/voting/verification.js";
import { clientOf } from "../../client.js";
import { Cookies, dropCookie, readCookie, writeCookie } from "../../cookies.js";
import type { Env } from "../../env.js";
import { Errors, body, json } from "../../schemas.js";
import { Access } from "../../access.js";

/** Proving a mobile number for online voting: one-time codes and the voter cookie. */

const requestCode = createRoute({
  ...Access.public,
  method: "post",
  path: "/verifications",
  tags: ["voting"],
  summary: "Send a one-time code to a mobile number (6 digits, 5 minutes, single use); at most one a minute",
  request: body(Verification.RequestInput),
  responses: { 202: json(Verification.Requested, "Sent"), 400: Errors[400], 429: Errors[429] },
});

const confirmCode = createRoute({
  ...Access.public,
  method: "post",
  path: "/verifications/confirm",
  tags: ["voting"],
  summary: "Check the code; sets a short-lived HttpOnly voter cookie (30 minutes)",
  request: body(Verification.ConfirmInput),
  responses: {
    200: json(z.object({ verified: z.literal(true), expiresInSeconds: z.number() }), "Verified"),
    400: Errors[400],
    422: Errors[422],
    429: Errors[429],
  },
});

const voterStatus = createRoute({
  ...Access.public,
  method: "get",
  path: "/verifications/me",
  tags: ["voting"],
  summary: "Whether this browser holds a valid voter cookie, and for how much longer",
  responses: { 200: json(z.object({ verified: z.boolean(), expiresInSeconds: z.number().optional() }), "Status") },
});

const forgetVoter = createRoute({
  ...Access.public,
  method: "delete",
  path: "/verifications/me",
  tags: ["voting"],
  summary: "Give up the voter cookie (a shared device after voting): it stops working at once, everywhere",
  responses: { 204: { description: "Dropped" } },
});

export const verificationRoutes = new OpenAPIHono<Env>()
  .openapi(requestCode, async (c) => {
    const who = clientOf(c);
    const limits: RateLimit.Rule[] = [
      { bucket: `verify-client:${who.client}`, limit: 10, windowSeconds: 3600 },
      { bucket: `verify-ip:${who.ip}`, limit: Number(process.env.GONGNON_VERIFY_PER_IP ?? 300), windowSeconds: 3600 },
    ];
    return c.json(await Verification.request(c.req.valid("json").phone, limits), 202);
  })
  .openapi(confirmCode, async (c) => {
    const { phone, code } = c.req.valid("json");
    const person = await Verification.confirm(phone, code);
    const { token, maxAge } = Verification.voterToken(person);
    // SameSite=Strict: no other site can make the browser send it; ballots are JSON, which forms cannot send.
    writeCookie(c, Cookies.voter, token, { httpOnly: true, sameSite: "Strict", maxAge });
    return c.json({ verified: true as const, expiresInSeconds: maxAge }, 200);
  })
  .openapi(voterStatus, async (c) => {
    const token = await Verification.inspectVoterToken(readCookie(c, Cookies.voter));
    return c.json(token ? { verified: true, expiresInSeconds: token.expiresInSeconds } : { verified: false }, 200);
  })
  .openapi(forgetVoter, async (c) => {
    await Verification.revokeVoterToken(readCookie(c, Cookies.voter));
    dropCookie(c, Cookies.voter);
    return c.body(null, 204);
  });
