import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Device } from "../../../../core/attendance/device.js";
import { Sealed } from "../../../../core/shared/sealing.js";
import { Access } from "../../access.js";
import { requireUser } from "../../auth.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/**
 * What the offline console needs from the server besides its writes: the server's clock (to
 * correct its own), the public key it seals identifiers to, and a place to report its outbox.
 */

const clock = createRoute({
  ...Access.public,
  method: "get",
  path: "/clock",
  tags: ["console"],
  summary: "The server's time, for a console to measure its clock's offset (public)",
  responses: { 200: json(z.object({ now: z.string(), epochMs: z.number() }), "The server's time") },
});

const SealingKey = z.object({ alg: z.string(), kid: z.string(), jwk: z.object({ kty: z.literal("EC"), crv: z.literal("P-256"), x: z.string(), y: z.string() }) }).openapi("SealingKey");

const sealingKey = createRoute({
  ...Access.public,
  method: "get",
  path: "/sealing-key",
  tags: ["console"],
  summary: "The public key a console seals typed identifiers to before they enter its outbox (public)",
  description: "ECDH P-256 + HKDF-SHA256 + AES-256-GCM; a sealed value is v1.<kid>.<ephemeral point>.<iv>.<ciphertext>. See the README (sealed identifiers).",
  responses: { 200: json(SealingKey, "The current key") },
});

const DeviceParams = IdParam("sessionId").extend({
  deviceId: z.string().regex(Device.ID_PATTERN, { error: Device.ID_ERROR }).openapi({ param: { name: "deviceId", in: "path" } }),
});

const report = createRoute({
  method: "put",
  path: "/sessions/{sessionId}/devices/{deviceId}",
  tags: ["console"],
  summary: "A console reports its outbox for the session: saved, recorded, waiting, per round (the session's facilitators, staff)",
  ...Access.sessionTeam,
  request: { params: DeviceParams, ...body(Device.Report) },
  responses: { 200: json(Device.Info, "Recorded (or the newer report already there)"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const devices = createRoute({
  method: "get",
  path: "/sessions/{sessionId}/devices",
  tags: ["console"],
  summary: "The session's consoles with their outboxes as last reported (the session's facilitators, staff)",
  ...Access.sessionTeam,
  request: { params: IdParam("sessionId") },
  responses: { 200: json(z.object({ devices: z.array(Device.Info), allEmpty: z.boolean() }), "The consoles"), 401: Errors[401], 403: Errors[403] },
});

export const consoleRoutes = new OpenAPIHono<Env>()
  .openapi(clock, (c) => {
    const now = new Date();
    return c.json({ now: now.toISOString(), epochMs: now.getTime() }, 200);
  })
  .openapi(sealingKey, (c) => {
    // The same for everyone; a rotation reaches consoles within minutes.
    c.header("Cache-Control", "public, max-age=300");
    return c.json(Sealed.publicKey(), 200);
  })
  .openapi(report, async (c) => {
    const { sessionId, deviceId } = c.req.valid("param");
    return c.json(await Device.report(sessionId, deviceId, requireUser(c).userId, c.req.valid("json")), 200);
  })
  .openapi(devices, async (c) => {
    const list = await Device.list(c.req.valid("param").sessionId);
    return c.json({ devices: list, allEmpty: list.every((d) => d.pending === 0) }, 200);
  });
