import type { MiddlewareHandler } from "hono";
import { TaskForce } from "../../../../core/projects/task-force.js";
import { preset } from "../../access.js";
import { STAFF, requireUser } from "../../auth.js";
import type { Env } from "../../env.js";

/** Staff, or a task-force member assigned to the project named by the path's `projectId`. */
const projectTeam: MiddlewareHandler<Env> = async (c, next) => {
  const actor = requireUser(c);
  if (!STAFF.includes(actor.role)) {
    const projectId = c.req.param("projectId") ?? "";
    if (actor.role !== "taskforce" || !(await TaskForce.isMember(projectId, actor.userId))) throw TaskForce.notAssigned();
  }
  await next();
};

/** Who may file and read a project's cards: declared with the routes' OpenAPI security, enforced before validation. */
export const ProjectAccess = { team: preset("project-team", projectTeam) };
