import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { Funnel } from "../../../../core/projects/funnel.js";
import { Project } from "../../../../core/projects/project.js";
import { Access } from "../../access.js";
import type { Env } from "../../env.js";
import { Errors, IdParam, json } from "../../schemas.js";

/** The funnel of a forum's cycle, its drill-down, its recount; the staff's list of projects needing a look. */

const get = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/funnel",
  tags: ["projects"],
  summary: "The funnel: proposals (by source) → core agendas → plans → selected (proposed money) → funded (approved money) → running / done (public)",
  request: { params: IdParam("forumId") },
  responses: { 200: json(Funnel.View, "The funnel, from its counters"), 404: Errors[404] },
});

const drill = createRoute({
  ...Access.public,
  method: "get",
  path: "/forums/{forumId}/funnel/{step}",
  tags: ["projects"],
  summary: "What is at one step of the funnel, and what dropped out between it and the step before, with the reasons (public)",
  request: { params: IdParam("forumId").extend({ step: z.enum(Funnel.STEPS).openapi({ param: { name: "step", in: "path" } }) }) },
  responses: { 200: json(Funnel.Drill, "The step"), 400: Errors[400], 404: Errors[404] },
});

const recount = createRoute({
  method: "post",
  path: "/forums/{forumId}/funnel/recount",
  tags: ["projects"],
  summary: "Recompute the funnel from the proposals and projects and compare with its counters (staff); there must be no difference",
  ...Access.staff,
  request: { params: IdParam("forumId") },
  responses: { 200: json(Funnel.Recount, "The recount"), 401: Errors[401], 403: Errors[403], 404: Errors[404] },
});

const attention = createRoute({
  method: "get",
  path: "/projects/attention",
  tags: ["projects"],
  summary: "Projects that need a look: a card overdue (a quarter ended more than 15 days ago), cards not signed off, running late (staff)",
  ...Access.staff,
  responses: { 200: json(z.object({ projects: z.array(Project.Attention) }), "Projects"), 401: Errors[401], 403: Errors[403] },
});

export const funnelRoutes = new OpenAPIHono<Env>()
  .openapi(get, async (c) => {
    // The same for everyone: shared caches may keep it for a few seconds.
    c.header("Cache-Control", "public, max-age=5");
    return c.json(await Funnel.get(c.req.valid("param").forumId), 200);
  })
  .openapi(drill, async (c) => {
    const { forumId, step } = c.req.valid("param");
    c.header("Cache-Control", "public, max-age=5");
    return c.json(await Funnel.drill(forumId, step), 200);
  })
  .openapi(recount, async (c) => c.json(await Funnel.recount(c.req.valid("param").forumId), 200))
  .openapi(attention, async (c) => c.json({ projects: await Project.attention() }, 200));
