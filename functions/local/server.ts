import { serve, type ServerType } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { CodeSender } from "../../core/voting/code-sender.js";
import { createApi } from "../api/app.js";
import { log } from "../api/log.js";
import { PAGE_HEADERS } from "../web/headers.js";

/**
 * The local host: the very same Hono API the Lambda serves, plus the built web app with a
 * single-page-app fallback (any non-API path that is not a file gets index.html).
 */
export function createLocalApp(webDist?: string) {
  // One-time codes go to an outbox file in the data folder (and the log), not to a phone.
  CodeSender.set(CodeSender.outbox(process.env.GONGNON_OUTBOX ?? join(process.env.DATA_DIR ?? ".data", "outbox.jsonl"), (line) => log("info", line)));
  const app = new Hono();
  const api = createApi();
  // The API app answers everything under /api itself (its own 404 and error handling), as on Lambda.
  app.all("/api/*", (c) => api.fetch(c.req.raw, c.env));
  if (webDist && existsSync(join(webDist, "index.html"))) {
    const root = relative(process.cwd(), webDist) || ".";
    app.use("/*", async (c, next) => {
      await next();
      for (const [k, v] of Object.entries(PAGE_HEADERS)) c.res.headers.set(k, v);
    });
    app.use("/*", serveStatic({ root }));
    // A path whose last segment has a dot names a file: a missing one is a 404, not the app
    // (as the CloudFront function decides). Other paths are client-side routes: index.html,
    // read on each request so that a rebuild while the server runs is picked up at once.
    app.get("*", async (c) => {
      if (c.req.path.split("/").pop()!.includes(".")) return c.text("Not found", 404);
      return c.html(await readFile(join(webDist, "index.html"), "utf8"));
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
