import { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../../core/shared/errors.js";
import { authenticate } from "./auth.js";
import type { Env } from "./env.js";
import { errorResponse, language, validationBody } from "./errors.js";
import { log } from "./log.js";

/** The app every part of the API stands on: /api, languages, logging, headers, body limit, authentication, errors. */
export function base() {
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
  return app;
}

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
