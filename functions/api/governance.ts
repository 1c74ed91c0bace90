import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { base } from "./base.js";
import type { Env } from "./env.js";
import { bodyRoutes } from "./routes/governance/bodies.js";
import { meetingRoutes } from "./routes/governance/meetings.js";
import { pledgeRoutes } from "./routes/governance/pledges.js";

/**
 * The governance Lambda's app: the bodies and their members, the meeting log, the designated
 * tasks, the pledge and its dashboard, the history series.
 */
export const governanceRoutes = <S extends Schema>(app: OpenAPIHono<Env, S, "/api">) =>
  // The dashboard's route comes with the pledges' and before /pledges/{pledgeId} (pledgeRoutes orders them).
  app.route("/", bodyRoutes).route("/", meetingRoutes).route("/", pledgeRoutes);

export function createGovernanceApi() {
  return governanceRoutes(base());
}
