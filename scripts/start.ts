import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Sealed } from "../core/shared/sealing.js";
import { Demo } from "../core/demo/demo.js";
import { Forum } from "../core/attendance/forum.js";
import { User } from "../core/accounts/user.js";
import { startServer } from "../functions/local/server.js";
import { ensureTable, projectRoot, superviseDynamoLocal } from "./dynamo-local.js";

/**
 * `npm start`: DynamoDB Local with its data in DATA_DIR, the table, the admin account, the demo
 * cycle on an empty store, the web build, and the app + API on 127.0.0.1:PORT. Ctrl-C stops all.
 */
// The AWS SDK warns that its 2027 releases will need Node 22 (the Lambdas run nodejs22.x); that
// notice is not for someone starting the app locally, so only that one warning is dropped.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning).includes("NodeVersionSupportWarning")) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const dataDir = resolve(process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
mkdirSync(dataDir, { recursive: true });

const keyFile = join(dataDir, "hmac.key");
if (!existsSync(keyFile)) {
  writeFileSync(keyFile, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
  console.log(`[gongnon] generated the HMAC key in ${keyFile} (mode 600; keep it: it links people across sessions)`);
}
chmodSync(keyFile, 0o600);
process.env.GONGNON_HMAC_KEY_FILE = keyFile;
// The private key consoles seal typed identifiers to (the README says how to rotate it).
const sealingFile = join(dataDir, "sealing-key.pem");
if (!existsSync(sealingFile)) {
  writeFileSync(sealingFile, Sealed.newKeyPem(), { mode: 0o600 });
  console.log(`[gongnon] generated the sealing key in ${sealingFile} (mode 600)`);
}
chmodSync(sealingFile, 0o600);
process.env.GONGNON_SEALING_KEY_FILE = sealingFile;
process.env.TABLE_NAME ??= "gongnon";
// One-time voting codes land here locally (and in the log), instead of on a phone.
process.env.GONGNON_OUTBOX = join(dataDir, "outbox.jsonl");

// Supervised: if DynamoDB Local dies, it is started again on the same data and port, and the API recovers.
const running = join(dataDir, "running.json");
let runningInfo: Record<string, unknown> | undefined;
const dynamo = await superviseDynamoLocal(
  {
    dbPath: join(dataDir, "dynamodb"),
    port: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined,
    // What `npm run recount` and the tests read: the Java now running.
    onRestart: (javaPid) => runningInfo && writeFileSync(running, JSON.stringify({ ...runningInfo, javaPid }) + "\n"),
  },
  (msg) => console.log(`[gongnon] ${msg}`),
);
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
let stopping = false;
const stop = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log("\n[gongnon] stopping…");
  rmSync(running, { force: true });
  await dynamo.stop();
  process.exit(code);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("exit", () => {
  if (!dynamo.running) return;
  try {
    process.kill(dynamo.javaPid, "SIGKILL");
  } catch {
    /* already gone */
  }
});

try {
  console.log(`[gongnon] DynamoDB Local on ${dynamo.endpoint}, data in ${join(dataDir, "dynamodb")}`);
  if (await ensureTable(dynamo.endpoint, process.env.TABLE_NAME)) console.log(`[gongnon] created table ${process.env.TABLE_NAME}`);

  const email = (process.env.ADMIN_EMAIL ?? "admin@gongnon.local").toLowerCase();
  const given = process.env.ADMIN_PASSWORD || undefined;
  const password = given ?? randomBytes(12).toString("base64url");
  const admin = User.CreateInput.safeParse({ email, password, name: "관리자", role: "admin" });
  if (!admin.success) {
    throw new Error(`ADMIN_EMAIL / ADMIN_PASSWORD: ${admin.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  if (await User.ensure(admin.data)) {
    console.log(`[gongnon] created the admin ${email}` + (given ? " with ADMIN_PASSWORD" : ` — generated password (shown once): ${password}`));
  }

  if ((await Forum.list()).length === 0) {
    process.stdout.write("[gongnon] loading the demo cycle… ");
    const forum = await Demo.load((done, total) => {
      if (done % 50 === 0 || done === total) process.stdout.write(`${done}/${total} `);
    });
    console.log(`\n[gongnon] demo forum "${forum.title}": ${forum.sessions} sessions, ${forum.attendances} attendances, ${forum.participants} participants`);
  }

  const webDist = join(projectRoot, "web", "dist");
  if (process.env.SKIP_WEB_BUILD !== "1") {
    console.log("[gongnon] building the web app…");
    const { build } = await import("vite");
    await build({ configFile: join(projectRoot, "web", "vite.config.ts"), logLevel: "warn" });
  }
  const srv = await startServer({ port, webDist });
  // Lets `npm run recount` find this DynamoDB Local while the app runs.
  runningInfo = { dynamodb: dynamo.endpoint, table: process.env.TABLE_NAME, api: srv.url, pid: process.pid };
  writeFileSync(running, JSON.stringify({ ...runningInfo, javaPid: dynamo.javaPid }) + "\n");
  console.log(`[gongnon] serving on ${srv.url}  (API reference: ${srv.url}/api/docs)  — Ctrl-C to stop`);
} catch (err) {
  console.error("[gongnon] start failed:", err);
  await stop(1);
}
