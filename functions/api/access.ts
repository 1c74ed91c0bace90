import type { Context, MiddlewareHandler } from "hono";
import { Session } from "../../core/attendance/session.js";
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

export type AccessRule = "public" | "signed-in" | "staff" | "session-team" | "project-team" | "voter-or-session-team";

export const preset = <R extends AccessRule>(rule: R, middleware: MiddlewareHandler<Env>) => ({ security: secured, "x-access": rule, middleware });

/** The presets of the hot routes; features on other Lambdas add theirs with `preset` (e.g. routes/projects/team.ts). */
export const Access = {
  /** Anyone. */
  public: { "x-access": "public" } as const,
  /** Any signed-in account. */
  signedIn: preset("signed-in", signedIn),
  /** Staff and admins. */
  staff: preset("staff", staffOnly),
  /** Staff, or a facilitator assigned to the path's session. */
  sessionTeam: preset("session-team", sessionTeam),
};
