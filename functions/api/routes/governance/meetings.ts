import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { DesignatedTask, Meeting } from "../../../../core/governance/meeting.js";
import { Access } from "../../access.js";
import { idempotencyKeyOf } from "../../client.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, idempotencyHeader, json } from "../../schemas.js";

/** The meeting log of each body, and the advisory group's designated tasks. */

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/bodies/{bodyId}/meetings",
  tags: ["governance"],
  summary: "A body's meeting log by date: kind, subcommittees, agenda, decisions, policy proposals, linked projects and sessions (public)",
  request: { params: IdParam("bodyId") },
  responses: { 200: json(z.object({ meetings: z.array(Meeting.Info) }), "Meetings"), 404: Errors[404] },
});

const create = createRoute({
  method: "post",
  path: "/bodies/{bodyId}/meetings",
  tags: ["governance"],
  summary: "Record a meeting (staff); an Idempotency-Key makes a retry record it once",
  ...Access.staff,
  request: { params: IdParam("bodyId"), headers: idempotencyHeader, ...body(Meeting.Input) },
  responses: { 201: json(Meeting.Info, "Recorded"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409], 422: Errors[422] },
});

const one = createRoute({
  ...Access.public,
  method: "get",
  path: "/meetings/{meetingId}",
  tags: ["governance"],
  summary: "A meeting (public)",
  request: { params: IdParam("meetingId") },
  responses: { 200: json(Meeting.Info, "The meeting"), 404: Errors[404] },
});

const update = createRoute({
  method: "patch",
  path: "/meetings/{meetingId}",
  tags: ["governance"],
  summary: "Correct a meeting (staff): re-dated, its counts move with it",
  ...Access.staff,
  request: { params: IdParam("meetingId"), ...body(Meeting.UpdateInput) },
  responses: { 200: json(Meeting.Info, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const remove = createRoute({
  method: "delete",
  path: "/meetings/{meetingId}",
  tags: ["governance"],
  summary: "Delete a meeting recorded by mistake (staff)",
  ...Access.staff,
  request: { params: IdParam("meetingId") },
  responses: { 204: { description: "Deleted" }, 401: Errors[401], 403: Errors[403] },
});

const tasks = createRoute({
  ...Access.public,
  method: "get",
  path: "/bodies/{bodyId}/tasks",
  tags: ["governance"],
  summary: "A body's designated tasks (지정과제): topic, period, method, invited and taking part (public)",
  request: { params: IdParam("bodyId") },
  responses: { 200: json(z.object({ tasks: z.array(DesignatedTask.Info) }), "Tasks"), 404: Errors[404] },
});

const addTask = createRoute({
  method: "post",
  path: "/bodies/{bodyId}/tasks",
  tags: ["governance"],
  summary: "Record a designated task (staff)",
  ...Access.staff,
  request: { params: IdParam("bodyId"), ...body(DesignatedTask.Input) },
  responses: { 201: json(DesignatedTask.Info, "Recorded"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

export const meetingRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json({ meetings: await Meeting.listByBody(c.req.valid("param").bodyId) }, 200))
  .openapi(create, async (c) => c.json(await Meeting.create(c.req.valid("param").bodyId, c.req.valid("json"), { idempotencyKey: idempotencyKeyOf(c) }), 201))
  .openapi(one, async (c) => c.json(await Meeting.mustGet(c.req.valid("param").meetingId), 200))
  .openapi(update, async (c) => c.json(await Meeting.update(c.req.valid("param").meetingId, c.req.valid("json")), 200))
  .openapi(remove, async (c) => {
    await Meeting.remove(c.req.valid("param").meetingId);
    return c.body(null, 204);
  })
  .openapi(tasks, async (c) => c.json({ tasks: await DesignatedTask.listByBody(c.req.valid("param").bodyId) }, 200))
  .openapi(addTask, async (c) => c.json(await DesignatedTask.create(c.req.valid("param").bodyId, c.req.valid("json")), 201));
