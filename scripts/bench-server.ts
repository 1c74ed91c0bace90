import { startServer } from "../functions/local/server.js";

/**
 * The API (and, with BENCH_WEB_DIST, the built web app) alone in its own process, for `npm run
 * bench` (env: DYNAMODB_ENDPOINT, TABLE_NAME, GONGNON_HMAC_KEY).
 */
process.env.GONGNON_QUIET_LOG = "1";
const srv = await startServer({ port: 0, webDist: process.env.BENCH_WEB_DIST || undefined });
process.stdout.write(`LISTENING ${srv.url}\n`);
process.on("SIGTERM", () => process.exit(0));

// Started with an IPC channel (the soak section): `{ memory: n, gc? }` is answered with this
// process's memory usage, after a full collection when asked and started with --expose-gc.
if (process.send) {
  process.on("message", (m: { memory?: number; gc?: boolean }) => {
    if (typeof m?.memory !== "number") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    if (m.gc && gc) gc();
    process.send!({ memory: m.memory, collected: Boolean(m.gc && gc), usage: process.memoryUsage() });
  });
}
