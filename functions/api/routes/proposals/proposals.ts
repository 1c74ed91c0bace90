import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Forum } from "../../../../core/attendance/forum.js";
import { Proposal } from "../../../../core/proposals/proposal.js";
import { RateLimit } from "../../../../core/shared/rate-limit.js";
import { Access } from "../../access.js";
import { isStaff } from "../../auth.js";
import { clientOf, idempotencyKeyOf, intakeRules, replayed } from "../../client.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, idempotencyHeader, json, replayable } from "../../schemas.js";

const intake = createRoute({
  ...Access.public,
  method: "get",
  path: "/intake",
  tags: ["proposals"],
  summary: "Where an online proposal goes now: the newest forum open for intake, or the standing inbox (public)",
  responses: { 200: json(Forum.Target, "The target and its fields") },
});

const submit = createRoute({
  ...Access.public,
  method: "post",
  path: "/forums/{forumId}/proposals",
  tags: ["proposals"],
  summary: "A resident's online proposal (anonymous); forumId may be `inbox`",
  description:
    "Pending until staff publish it. The answer carries the receipt code for /p/{receipt}. Limited per client (cookie) and per IP " +
    "address across all instances: 429 with Retry-After. An Idempotency-Key makes a retry return the first answer.",
  request: { params: IdParam("forumId"), headers: idempotencyHeader, ...body(Proposal.CreateInput) },
  responses: {
    201: replayable(Proposal.Created, "Received"),
    400: Errors[400],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
    429: Errors[429],
  },
});

const capture = createRoute({
  method: "post",
  path: "/sessions/{sessionId}/proposals",
  tags: ["proposals"],
  summary: "An agenda raised at a table, captured on the facilitator's tablet (the session's facilitators, staff)",
  ...Access.sessionTeam,
  request: { params: IdParam("sessionId"), headers: idempotencyHeader, ...body(Proposal.SessionInput) },
  responses: { 201: replayable(Proposal.Created, "Captured and published"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409], 422: Errors[422] },
});

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/proposals",
  tags: ["proposals"],
  summary: "A forum's proposals: published ones for everyone, all for staff; filter, Korean substring search, pages",
  request: { params: IdParam("forumId"), query: Proposal.ListQuery },
  responses: { 200: json(Proposal.Page, "One page and the counts per field"), 400: Errors[400], 404: Errors[404] },
});

const one = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/proposals/{proposalId}",
  tags: ["proposals"],
  summary: "One proposal (published ones for everyone, any for staff)",
  request: { params: IdParam("forumId").extend(IdParam("proposalId").shape) },
  responses: { 200: json(Proposal.Info.partial().extend(Proposal.Public.shape), "The proposal"), 404: Errors[404] },
});

const update = createRoute({
  method: "patch",
  path: "/proposals/{proposalId}",
  tags: ["proposals"],
  summary: "Moderate (staff): publish, hide with a reason, reclassify, correct the text (the original is kept), move out of the inbox",
  ...Access.staff,
  request: { params: IdParam("proposalId"), ...body(Proposal.UpdateInput) },
  responses: { 200: json(Proposal.Info, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409], 422: Errors[422] },
});

const merge = createRoute({
  method: "post",
  path: "/proposals/{proposalId}/merge",
  tags: ["proposals"],
  summary: "Merge a duplicate into another published proposal of the same forum (staff)",
  ...Access.staff,
  request: { params: IdParam("proposalId"), ...body(z.object({ into: z.string().min(1).max(64) }).strict()) },
  responses: {
    200: json(z.object({ merged: Proposal.Info, into: Proposal.Info }), "Merged"),
    400: Errors[400],
    401: Errors[401],
    403: Errors[403],
    404: Errors[404],
    409: Errors[409],
    422: Errors[422],
  },
});

export const proposalRoutes = new OpenAPIHono<Env>()
  .openapi(intake, async (c) => c.json(await Forum.intakeTarget(), 200))
  .openapi(submit, async (c) => {
    const { forumId } = c.req.valid("param");
    const input = c.req.valid("json");
    const idempotencyKey = idempotencyKeyOf(c);
    // A retry whose first answer was lost gets that answer, whatever the limits or the intake now say.
    const previous = idempotencyKey ? await Proposal.previousAnswer(forumId, input, idempotencyKey) : undefined;
    if (previous) return c.json(replayed(c, previous), 201);
    await RateLimit.hit(intakeRules(clientOf(c)));
    return c.json(replayed(c, await Proposal.submit(forumId, input, { idempotencyKey })), 201);
  })
  .openapi(capture, async (c) => {
    const { sessionId } = c.req.valid("param");
    return c.json(replayed(c, await Proposal.capture(sessionId, c.req.valid("json"), { idempotencyKey: idempotencyKeyOf(c) })), 201);
  })
  .openapi(list, async (c) => {
    const { forumId } = c.req.valid("param");
    return c.json(await Proposal.list(forumId, c.req.valid("query"), { staff: isStaff(c) }), 200);
  })
  .openapi(one, async (c) => {
    const { forumId, proposalId } = c.req.valid("param");
    return c.json(await Proposal.view(forumId, proposalId, isStaff(c)), 200);
  })
  .openapi(update, async (c) => c.json(await Proposal.update(c.req.valid("param").proposalId, c.req.valid("json")), 200))
  .openapi(merge, async (c) => c.json(await Proposal.merge(c.req.valid("param").proposalId, c.req.valid("json").into), 200));
