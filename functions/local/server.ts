import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CodeSender } from "../../core/voting/code-sender.js";
import { createApi } from "../api/app.js";
import { log } from "../api/log.js";
import { PAGE_HEADERS } from "../web/headers.js";
import { staticFiles } from "./static.js";

/**
 * The local host: the very same Hono API the Lambda serves, plus the built web app with a
 * single-page-app fallback (any non-API path that is not a file gets index.html), compressed and
 * cached as CloudFront serves them.
 */
export function createLocalApp(webDist?: string) {
  // One-time codes go to an outbox file in the data folder (and the log), not to a phone.
  CodeSender.set(CodeSender.outbox(process.env.GONGNON_OUTBOX ?? join(process.env.DATA_DIR ?? ".data", "outbox.jsonl"), (line) => log("info", line)));
  const app = new Hono();
  const api = createApi();
  // JSON answers compressed as CloudFront compresses them (gzip for clients that accept it).
  app.use("/api/*", compress());
  // The API app answers everything under /api itself (its own 404 and error handling), as on Lambda.
  app.all("/api/*", (c) => api.fetch(c.req.raw, c.env));
  if (webDist && existsSync(join(webDist, "index.html"))) {
    const files = staticFiles(webDist);
    app.use("/*", async (c, next) => {
      await next();
      for (const [k, v] of Object.entries(PAGE_HEADERS)) c.res.headers.set(k, v);
    });
    // A path whose last segment has a dot names a file: a missing one is a 404, not the app (as
    // the CloudFront function decides). Other paths are client-side routes: index.html, looked
    // at on each request so that a rebuild while the server runs is picked up at once.
    app.get("*", async (c) => {
      const file = c.req.path.split("/").pop()!.includes(".");
      const res = await files.answer(c, file ? c.req.path : "/index.html");
      return res ?? c.text("Not found", 404);
    });
  }
  return app;
}

export function startServer(opts: { port: number; hostname?: string; webDist?: string }): Promise<{ server: ServerType; url: string; close(): Promise<void> }> {
  const app = createLocalApp(opts.webDist);
  const hostname = opts.hostname ?? "127.0.0.1";
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: opts.port, hostname }, (info) => {
      resolve({
        server,
        url: `http://${hostname}:${info.port}`,
        close: () => new Promise<void>((res) => server.close(() => res())),
      });
    });
  });
}
