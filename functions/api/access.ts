import type { Context, MiddlewareHandler } from "hono";
import { Session } from "../../core/attendance/session.js";
import { TaskForce } from "../../core/projects/task-force.js";
import { STAFF, requireRole, requireUser } from "./auth.js";
import type { Env } from "./env.js";
import { secured } from "./schemas.js";

/**
 * Who may call a route, declared once beside its OpenAPI `security`: each preset carries the
 * documented lock (`security`, and `x-access` naming the rule) and the enforced one (route
 * middleware, which runs before the route's validators, so a caller who may not call a route
 * learns nothing from its schema). Spread one into `createRoute({...})`.
 */

const signedIn: MiddlewareHandler<Env> = async (c, next) => {
  requireUser(c);
  await next();
};

const staffOnly: MiddlewareHandler<Env> = async (c, next) => {
  requireRole(c, ...STAFF);
  await next();
};

/** Staff, or a facilitator assigned to the session named by the path's `sessionId`. */
const sessionTeam: MiddlewareHandler<Env> = async (c, next) => {
  await assertSessionTeam(c, c.req.param("sessionId") ?? "");
  await next();
};

/** The "assigned facilitator of this session" rule, for routes whose session comes in the body. */
export async function assertSessionTeam(c: Context<Env>, sessionId: string): Promise<void> {
  const actor = requireUser(c);
  if (STAFF.includes(actor.role)) return;
  if (actor.role !== "facilitator" || !(await Session.isFacilitator(sessionId, actor.userId))) throw Session.notAssigned();
}

/** Staff, or a task-force member assigned to the project named by the path's `projectId`. */
const projectTeam: MiddlewareHandler<Env> = async (c, next) => {
  const actor = requireUser(c);
  if (!STAFF.includes(actor.role)) {
    const projectId = c.req.param("projectId") ?? "";
    if (actor.role !== "taskforce" || !(await TaskForce.isMember(projectId, actor.userId))) throw TaskForce.notAssigned();
  }
  await next();
};

export type AccessRule = "public" | "signed-in" | "staff" | "session-team" | "project-team" | "voter-or-session-team";

const preset = <R extends AccessRule>(rule: R, middleware: MiddlewareHandler<Env>) => ({ security: secured, "x-access": rule, middleware });

export const Access = {
  /** Anyone. */
  public: { "x-access": "public" } as const,
  /** Any signed-in account. */
  signedIn: preset("signed-in", signedIn),
  /** Staff and admins. */
  staff: preset("staff", staffOnly),
  /** Staff, or a facilitator assigned to the path's session. */
  sessionTeam: preset("session-team", sessionTeam),
  /** Staff, or a task-force member assigned to the path's project. */
  projectTeam: preset("project-team", projectTeam),
};
