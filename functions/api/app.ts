import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../../core/shared/errors.js";
import { authenticate } from "./auth.js";
import { docsPage } from "./docs.js";
import type { MiddlewareHandler } from "hono";
import type { Env } from "./env.js";
import { errorResponse, language, validationBody } from "./errors.js";
import { log } from "./log.js";
import { authRoutes } from "./routes/accounts/auth.js";
import { forumRoutes } from "./routes/attendance/forums.js";
import { importRoutes } from "./routes/proposals/imports.js";
import { proposalRoutes } from "./routes/proposals/proposals.js";
import { sessionRoutes } from "./routes/attendance/sessions.js";
import { userRoutes } from "./routes/accounts/users.js";
import { ballotRoutes } from "./routes/voting/ballots.js";
import { roundRoutes } from "./routes/voting/rounds.js";
import { verificationRoutes } from "./routes/voting/verifications.js";

/** The whole HTTP API, mounted at /api; the Lambda handler and the local server serve this very app. */
export function createApi() {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(validationBody(result.error, c.get("lang") ?? "ko"), 400);
    },
  }).basePath("/api");

  app.use(async (c, next) => {
    const started = performance.now();
    c.set("lang", language(c.req.header("accept-language")));
    c.header("Cache-Control", "no-store");
    await next();
    log("info", {
      msg: "request",
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use(limitBody);
  app.use(authenticate);

  const routes = app
    .route("/", authRoutes)
    .route("/", userRoutes)
    .route("/", forumRoutes)
    .route("/", sessionRoutes)
    .route("/", proposalRoutes)
    .route("/", importRoutes)
    .route("/", roundRoutes)
    .route("/", verificationRoutes)
    .route("/", ballotRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.openAPIRegistry.registerComponent("securitySchemes", "cookie", {
    type: "apiKey",
    in: "cookie",
    name: "gongnon_session",
    description: "Browser session; writes also need the X-CSRF-Token header echoing the gongnon_csrf cookie.",
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
      description: "공론 — participatory governance: forums, sessions, pseudonymous attendance, proposals, agenda voting.",
    },
  });
  app.get("/docs", (c) => c.html(docsPage("/api/openapi.json")));

  app.notFound((c) =>
    c.json(
      {
        error: {
          code: "no_such_route",
          message: c.get("lang") === "en" ? `No API route ${c.req.method} ${c.req.path}.` : `API 경로가 없습니다: ${c.req.method} ${c.req.path}`,
        },
      },
      404,
    ),
  );
  app.onError((err, c) => errorResponse(err, c));
  return routes;
}

export type Api = ReturnType<typeof createApi>;

/** JSON bodies are small; only uploads (which carry their own, larger limit after the role check) may be bigger. */
export const MAX_JSON_BYTES = 64 * 1024;
const UPLOADS = /^\/api\/forums\/[^/]+\/proposals\/import\/?$/;
const jsonLimit = bodyLimit({
  maxSize: MAX_JSON_BYTES,
  // Answered from Content-Length before the body is read; a body without one is cut off at the limit.
  onError: () => {
    throw new AppError("too_large", "body_too_large", {
      ko: `요청 본문이 너무 큽니다 (${MAX_JSON_BYTES / 1024}KB까지). 내용을 줄여 다시 보내세요.`,
      en: `The request body is too large (${MAX_JSON_BYTES / 1024} KB at most); shorten it and send it again.`,
    });
  },
});
const limitBody: MiddlewareHandler<Env> = (c, next) => (UPLOADS.test(c.req.path) ? next() : jsonLimit(c, next));
