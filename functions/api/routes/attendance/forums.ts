import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Forum } from "../../../../core/attendance/forum.js";
import { Session } from "../../../../core/attendance/session.js";
import { Stats } from "../../../../core/attendance/stats.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

const ForumInfo = Forum.Info;
const SessionInfo = Session.Info;

const create = createRoute({
  method: "post",
  path: "/forums",
  tags: ["forums"],
  summary: "Create a forum (staff)",
  ...Access.staff,
  request: body(Forum.CreateInput),
  responses: { 201: json(ForumInfo, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403] },
});

const update = createRoute({
  method: "patch",
  path: "/forums/{forumId}",
  tags: ["forums"],
  summary: "Change a forum (staff): title, description, proposal fields, intake open or closed",
  ...Access.staff,
  request: { params: IdParam("forumId"), ...body(Forum.UpdateInput) },
  responses: { 200: json(ForumInfo, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 422: Errors[422] },
});

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums",
  tags: ["forums"],
  summary: "List forums, newest first (public)",
  responses: { 200: json(z.object({ forums: z.array(ForumInfo) }), "Forums") },
});

const get = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}",
  tags: ["forums"],
  summary: "A forum with its counters (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(ForumInfo, "The forum"), 404: Errors[404] },
});

const createSession = createRoute({
  method: "post",
  path: "/forums/{forumId}/sessions",
  tags: ["sessions"],
  summary: "Add a session to a forum (staff); its date must fall inside the forum's period",
  ...Access.staff,
  request: { params: IdParam("forumId"), ...body(Session.CreateInput) },
  responses: { 201: json(SessionInfo, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const listSessions = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/sessions",
  tags: ["sessions"],
  summary: "A forum's sessions by start time (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(z.object({ sessions: z.array(SessionInfo) }), "Sessions"), 404: Errors[404] },
});

const stats = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/stats",
  tags: ["forums"],
  summary: "Attendance figures: sessions, attendances, distinct participants, per session (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(Stats.ForumStats, "Figures"), 404: Errors[404] },
});

export const forumRoutes = new OpenAPIHono<Env>()
  .openapi(create, async (c) => c.json(await Forum.create(c.req.valid("json")), 201))
  .openapi(update, async (c) => c.json(await Forum.update(c.req.valid("param").forumId, c.req.valid("json")), 200))
  .openapi(list, async (c) => c.json({ forums: await Forum.list() }, 200))
  .openapi(get, async (c) => c.json(await Forum.mustGet(c.req.valid("param").forumId), 200))
  .openapi(createSession, async (c) => c.json(await Session.create(c.req.valid("param").forumId, c.req.valid("json")), 201))
  .openapi(listSessions, async (c) => {
    const { forumId } = c.req.valid("param");
    await Forum.mustGet(forumId);
    return c.json({ sessions: await Session.listByForum(forumId) }, 200);
  })
  .openapi(stats, async (c) => c.json(await Stats.forum(c.req.valid("param").forumId), 200));
