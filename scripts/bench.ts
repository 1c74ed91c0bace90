import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ensureTable, projectRoot, startDynamoLocal } from "./dynamo-local.js";

/**
 * `npm run bench`: check-ins per second and latency through the HTTP API at 32 concurrent
 * clients, and in the same run the very same DynamoDB operations issued directly (core's
 * CheckIn.record: the transaction, the counter read, the idempotency answer) at the same
 * concurrency. Writes bench/results.json and bench/results.md, and quotes them in the README.
 */
const CONCURRENCY = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const dynamo = await startDynamoLocal();
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.TABLE_NAME = "bench";
process.env.GONGNON_HMAC_KEY = randomBytes(32).toString("hex");
process.env.GONGNON_QUIET_LOG = "1";
await ensureTable(dynamo.endpoint, "bench");

const { Forum } = await import("../core/forum.js");
const { Session } = await import("../core/session.js");
const { CheckIn } = await import("../core/checkin.js");
const { User } = await import("../core/user.js");

async function newSessions() {
  const forum = await Forum.create({ title: "벤치마크", startsOn: "2023-04-01", endsOn: "2023-04-30" });
  const sessions = [];
  for (let i = 1; i <= 6; i++) sessions.push(await Session.create(forum.id, { title: `S${i}`, startsAt: `2023-04-0${i}T19:00` }));
  return { forumId: forum.id, sessionIds: sessions.map((s) => s.id) };
}

let seq = 0;
const nextPhone = () => {
  const n = seq++;
  return `010-${String(1000 + Math.floor(n / 10000)).padStart(4, "0")}-${String(n % 10000).padStart(4, "0")}`;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Core's check-in called directly from CONCURRENCY loops: the local ceiling. */
async function raw(seconds: number) {
  const { forumId, sessionIds } = await newSessions();
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const k = i++;
        const t0 = performance.now();
        try {
          await CheckIn.record({ sessionId: sessionIds[k % 6]!, forumId, identity: { phone: nextPhone() }, idempotencyKey: `raw-${k}` });
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, errors };
}

/** The same check-ins through the HTTP API (a separate server process), with autocannon. */
async function api(url: string, token: string, seconds: number) {
  const { sessionIds } = await newSessions();
  let k = 0;
  const result = await autocannon({
    url,
    connections: CONCURRENCY,
    duration: seconds,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const n = k++;
          return {
            ...req,
            path: `/api/sessions/${sessionIds[n % 6]}/checkins`,
            headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": `api-${n}` },
            body: JSON.stringify({ phone: nextPhone() }),
          };
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    rate: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: ok,
    errors: result.errors + result.non2xx,
  };
}

const server = spawn(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "bench-server.ts")], {
  env: process.env,
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise<string>((resolve, reject) => {
  let buf = "";
  server.stdout!.on("data", (d) => {
    buf += String(d);
    const m = buf.match(/LISTENING (\S+)/);
    if (m) resolve(m[1]!);
  });
  server.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
});

try {
  const password = randomBytes(12).toString("hex");
  await User.create({ email: "bench@gongnon.local", name: "bench", role: "staff", password });
  const login = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bench@gongnon.local", password }),
  });
  const { token } = (await login.json()) as { token: string };

  console.log(`warming up (3 s each)…`);
  await raw(3);
  await api(url, token, 3);

  console.log(`measuring ${SECONDS} s each at ${CONCURRENCY} concurrent clients: direct, API, direct, API…`);
  const r1 = await raw(SECONDS);
  const a1 = await api(url, token, SECONDS);
  const r2 = await raw(SECONDS);
  const a2 = await api(url, token, SECONDS);
  const direct = { rate: (r1.rate + r2.rate) / 2, p50: (r1.p50 + r2.p50) / 2, p99: (r1.p99 + r2.p99) / 2, runs: [r1, r2] };
  const http = { rate: (a1.rate + a2.rate) / 2, p50: (a1.p50 + a2.p50) / 2, p99: (a1.p99 + a2.p99) / 2, runs: [a1, a2] };
  const ratio = http.rate / direct.rate;

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, dynamodb: "DynamoDB Local, in memory, same machine" },
    concurrency: CONCURRENCY,
    seconds: SECONDS,
    checkIns: {
      direct: { perSecond: round(direct.rate), p50ms: round(direct.p50), p99ms: round(direct.p99), runs: direct.runs },
      api: { perSecond: round(http.rate), p50ms: round(http.p50), p99ms: round(http.p99), runs: http.runs },
      ratio: round(ratio, 3),
      aim: 0.7,
    },
  };
  mkdirSync(join(projectRoot, "bench"), { recursive: true });
  writeFileSync(join(projectRoot, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  const md = [
    `# Benchmark results`,
    ``,
    `${results.date} · ${results.machine.cpus} cores · Node ${results.machine.node} · ${results.machine.dynamodb} · ${CONCURRENCY} concurrent clients · ${SECONDS} s per run, two runs each, interleaved`,
    ``,
    `| check-ins (new person each, with Idempotency-Key) | per second | p50 ms | p99 ms |`,
    `|---|---|---|---|`,
    `| direct: core's DynamoDB operations (the local ceiling) | ${round(direct.rate)} | ${round(direct.p50)} | ${round(direct.p99)} |`,
    `| through the HTTP API | ${round(http.rate)} | ${round(http.p50)} | ${round(http.p99)} |`,
    `| **ratio API / direct** | **${round(ratio, 3)}** (aim ≥ 0.7) | | |`,
    ``,
  ].join("\n");
  writeFileSync(join(projectRoot, "bench", "results.md"), md);
  quoteInReadme(md);
  console.log(md);
} finally {
  server.kill("SIGTERM");
  await dynamo.stop();
}

/** The README quotes the latest results between its bench markers. */
function quoteInReadme(md: string) {
  const path = join(projectRoot, "README.md");
  const readme = readFileSync(path, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return;
  const body = md.replace(/^# Benchmark results\n\n/, "");
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${body}${readme.slice(to)}`);
}

function round(n: number, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
