import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Schema } from "hono";
import { base } from "./base.js";
import type { Env } from "./env.js";
import { cardRoutes } from "./routes/projects/cards.js";
import { funnelRoutes } from "./routes/projects/funnel.js";
import { projectRoutes } from "./routes/projects/projects.js";
import { receiptRoutes } from "./routes/proposals/receipts.js";

/**
 * The records Lambda's app: the road past the votes and the record the pledge is measured from —
 * a receipt's journey, projects, decisions, cards, the funnel, the governance bodies, meetings and
 * the pledge dashboard. Staff and the curious read them; a vote's cold start never loads them.
 */
export const recordRoutes = <S extends Schema>(app: OpenAPIHono<Env, S, "/api">) =>
  app
    .route("/", receiptRoutes)
    // The funnel's routes first: /projects/attention must not be read as a project's id.
    .route("/", funnelRoutes)
    .route("/", projectRoutes)
    .route("/", cardRoutes);

export function createRecordsApi() {
  return recordRoutes(base());
}
