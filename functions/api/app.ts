import { docsPage } from "./docs.js";
import { base } from "./base.js";
import { hotRoutes } from "./hot.js";
import { governanceRoutes } from "./governance.js";
import { recordRoutes } from "./records.js";
import { reportRoutes } from "./routes/governance/report.js";
import { exportRoutes } from "./routes/projects/exports.js";
import { importRoutes } from "./routes/proposals/imports.js";

/**
 * The whole HTTP API, mounted at /api: what the local server serves, and on AWS the files Lambda
 * (imports, exports, the OpenAPI document and its reference page).
 */
export function createApi() {
  const app = base();
  // The report's route before the governance routes: /pledges/{pledgeId}/report is its own.
  const routes = governanceRoutes(recordRoutes(hotRoutes(app)).route("/", importRoutes).route("/", exportRoutes).route("/", reportRoutes));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: "gongnon_session",
    description: "Browser session; writes also need the X-CSRF-Token header with the session's CSRF token (the gongnon_csrf cookie).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "voter", {
    type: "apiKey",
    in: "cookie",
    name: "gongnon_voter",
    description: "A verified mobile number (POST /verifications/confirm), for online ballots; 30 minutes.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Gongnon API",
      version: "0.1.0",
      description: "공론 — participatory governance: forums, sessions, pseudonymous attendance, proposals, agenda voting, projects and their funnel.",
    },
  });
  app.get("/docs", (c) => c.html(docsPage("/api/openapi.json")));
  return routes;
}

export type Api = ReturnType<typeof createApi>;

export { createHotApi } from "./hot.js";
