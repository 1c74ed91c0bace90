import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { CheckIn } from "../../../../core/attendance/checkin.js";
import { Identity } from "../../../../core/attendance/identity.js";
import { Session } from "../../../../core/attendance/session.js";
import { Access } from "../../access.js";
import { idempotencyKeyOf, replayed } from "../../client.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, idempotencyHeader, json, replayable } from "../../schemas.js";

const SessionInfo = Session.Info;
const Facilitator = Session.Facilitator;

const get = createRoute({
  ...Access.public,
  method: "get",
  path: "/sessions/{sessionId}",
  tags: ["sessions"],
  summary: "A session with its attendance counter (public)",
  request: { params: IdParam("sessionId") },
  responses: { 200: json(SessionInfo, "The session"), 404: Errors[404] },
});

const assign = createRoute({
  method: "post",
  path: "/sessions/{sessionId}/facilitators",
  tags: ["sessions"],
  summary: "Assign a facilitator to a session (staff)",
  ...Access.staff,
  request: { params: IdParam("sessionId"), ...body(z.object({ userId: z.string().min(1).max(64) })) },
  responses: { 201: json(Facilitator, "Assigned"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const listFacilitators = createRoute({
  method: "get",
  path: "/sessions/{sessionId}/facilitators",
  tags: ["sessions"],
  summary: "A session's facilitators (staff)",
  ...Access.staff,
  request: { params: IdParam("sessionId") },
  responses: { 200: json(z.object({ facilitators: z.array(Facilitator) }), "Facilitators"), 401: Errors[401], 403: Errors[403] },
});

const unassign = createRoute({
  method: "delete",
  path: "/sessions/{sessionId}/facilitators/{userId}",
  tags: ["sessions"],
  summary: "Remove a facilitator from a session (staff)",
  ...Access.staff,
  request: { params: IdParam("sessionId").extend(IdParam("userId").shape) },
  responses: { 204: { description: "Removed" }, 401: Errors[401], 403: Errors[403] },
});

const checkIn = createRoute({
  method: "post",
  path: "/sessions/{sessionId}/checkins",
  tags: ["check-ins"],
  summary: "Check a person in by mobile number, or name + birth date, as typed or sealed on the tablet (the session's facilitators, staff)",
  description:
    "The identifier (or the sealed one, opened in memory) is normalised and stored only as an HMAC. 201 the first time, 200 with firstInSession: false on a repeat. " +
    "Send an Idempotency-Key header to make retries return the first answer (kept 7 days; 409 in_progress while the first request still runs).",
  ...Access.sessionTeam,
  request: {
    params: IdParam("sessionId"),
    headers: idempotencyHeader,
    ...body(Identity.Given),
  },
  responses: {
    200: replayable(CheckIn.Result, "Already checked in to this session"),
    201: replayable(CheckIn.Result, "Checked in"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
  },
});

export const sessionRoutes = new OpenAPIHono<Env>()
  .openapi(get, async (c) => c.json(await Session.mustGet(c.req.valid("param").sessionId), 200))
  .openapi(assign, async (c) => {
    const { sessionId } = c.req.valid("param");
    return c.json(await Session.assignFacilitator(sessionId, c.req.valid("json").userId), 201);
  })
  .openapi(listFacilitators, async (c) => c.json({ facilitators: await Session.listFacilitators(c.req.valid("param").sessionId) }, 200))
  .openapi(unassign, async (c) => {
    const { sessionId, userId } = c.req.valid("param");
    await Session.unassignFacilitator(sessionId, userId);
    return c.body(null, 204);
  })
  .openapi(checkIn, async (c) => {
    const { sessionId } = c.req.valid("param");
    const forumId = await Session.forumOf(sessionId);
    const idempotencyKey = idempotencyKeyOf(c);
    const outcome = await CheckIn.record({ sessionId, forumId, identity: c.req.valid("json"), idempotencyKey });
    return c.json(replayed(c, outcome).result, outcome.created ? 201 : 200);
  });
