import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Decision } from "../../../../core/projects/decision.js";
import { Project } from "../../../../core/projects/project.js";
import { TaskForce } from "../../../../core/projects/task-force.js";
import { Access } from "../../access.js";
import { isStaff, requireUser } from "../../auth.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, body, json } from "../../schemas.js";

/** Projects (execution plans): their plans, the decisions on them, and their task forces. */

const create = createRoute({
  method: "post",
  path: "/forums/{forumId}/projects",
  tags: ["projects"],
  summary: "Turn core agendas of a forum into a project (execution plan) (staff); the agendas learn of it",
  ...Access.staff,
  request: { params: IdParam("forumId"), ...body(Project.CreateInput) },
  responses: { 201: json(Project.Info, "Created"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const list = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/projects",
  tags: ["projects"],
  summary: "A forum's projects with their money ladders and stages (public; staff also see task-force names)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(z.object({ projects: z.array(Project.View) }), "Projects"), 404: Errors[404] },
});

const get = createRoute({
  ...Access.public,
  method: "get",
  path: "/projects/{projectId}",
  tags: ["projects"],
  summary: "A project: plan, agendas, decisions, money ladder, quarterly cards in brief (public; staff also see task-force names)",
  request: { params: IdParam("projectId") },
  responses: { 200: json(Project.View, "The project"), 404: Errors[404] },
});

const update = createRoute({
  method: "patch",
  path: "/projects/{projectId}",
  tags: ["projects"],
  summary: "Change the plan (until the council decides) or move the project: running, done, cancelled (with a reason) (staff)",
  ...Access.staff,
  request: { params: IdParam("projectId"), ...body(Project.UpdateInput) },
  responses: { 200: json(Project.Info, "Changed"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const decide = createRoute({
  method: "post",
  path: "/projects/{projectId}/decisions",
  tags: ["projects"],
  summary: "Record the council's selection or the district council's budget decision (staff); a correction names the decision it corrects",
  description:
    "council: selected / not_selected (a reason code), with the proposed amount (default: requested). budget: funded (in full or cut, with a reason) / rejected. " +
    "409: funding a project the council did not select; approving more than proposed without a reason; a second decision without `corrects`.",
  ...Access.staff,
  request: { params: IdParam("projectId"), ...body(Decision.Input) },
  responses: { 200: json(Project.Info, "Decided"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404], 409: Errors[409] },
});

const members = createRoute({
  method: "get",
  path: "/projects/{projectId}/members",
  tags: ["projects"],
  summary: "The task-force accounts assigned to a project (staff)",
  ...Access.staff,
  request: { params: IdParam("projectId") },
  responses: { 200: json(z.object({ members: z.array(TaskForce.Assignee) }), "Members"), 401: Errors[401], 403: Errors[403] },
});

const assign = createRoute({
  method: "post",
  path: "/projects/{projectId}/members",
  tags: ["projects"],
  summary: "Assign a task-force account to a project (staff): it may file this project's cards",
  ...Access.staff,
  request: { params: IdParam("projectId"), ...body(z.object({ userId: z.string().min(1).max(64) }).strict()) },
  responses: { 201: json(TaskForce.Assignee, "Assigned"), 400: Errors[400], 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const unassign = createRoute({
  method: "delete",
  path: "/projects/{projectId}/members/{userId}",
  tags: ["projects"],
  summary: "Remove a task-force account from a project (staff)",
  ...Access.staff,
  request: { params: IdParam("projectId").extend(IdParam("userId").shape) },
  responses: { 204: { description: "Removed" }, 401: Errors[401], 403: Errors[403] },
});

const mine = createRoute({
  method: "get",
  path: "/me/projects",
  tags: ["projects"],
  summary: "The projects the signed-in task-force member is assigned to",
  ...Access.signedIn,
  responses: { 200: json(z.object({ projects: z.array(Project.View) }), "Projects"), 401: Errors[401] },
});

export const projectRoutes = new OpenAPIHono<Env>()
  .openapi(create, async (c) => c.json(await Project.create(c.req.valid("param").forumId, c.req.valid("json")), 201))
  .openapi(list, async (c) => c.json({ projects: await Project.views(await Project.listByForum(c.req.valid("param").forumId), isStaff(c)) }, 200))
  .openapi(get, async (c) => c.json(await Project.view(c.req.valid("param").projectId, isStaff(c)), 200))
  .openapi(update, async (c) => c.json(await Project.update(c.req.valid("param").projectId, c.req.valid("json")), 200))
  .openapi(decide, async (c) => c.json(await Decision.record(c.req.valid("param").projectId, c.req.valid("json")), 200))
  .openapi(members, async (c) => c.json({ members: await TaskForce.list(c.req.valid("param").projectId) }, 200))
  .openapi(assign, async (c) => {
    const { projectId } = c.req.valid("param");
    return c.json(await TaskForce.assign(projectId, c.req.valid("json").userId), 201);
  })
  .openapi(unassign, async (c) => {
    const { projectId, userId } = c.req.valid("param");
    await TaskForce.unassign(projectId, userId);
    return c.body(null, 204);
  })
  .openapi(mine, async (c) => {
    const actor = requireUser(c);
    return c.json({ projects: await Project.views(await TaskForce.projectsOf(actor.userId), false) }, 200);
  });
