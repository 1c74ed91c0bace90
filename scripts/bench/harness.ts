import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { join } from "node:path";
import { Sealed } from "../../core/shared/sealing.js";
import { ensureTable, projectRoot, startDynamoLocal, type LocalDynamo } from "../dynamo-local.js";

/**
 * What the benchmark sections share: one DynamoDB Local (in memory), the API in a process of its
 * own, and the measuring loops: `direct` (core's DynamoDB operations from concurrent loops, no
 * HTTP) and `http` (the same through the API, driven by autocannon).
 */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export interface Bench {
  dynamo: LocalDynamo;
  /** The API server's URL (started on first use). */
  url(): Promise<string>;
  /** Another server process, with these environment variables (a table of its own, the web app). */
  serve(env: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  const dynamo = await startDynamoLocal();
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = "bench";
  process.env.GONGNON_HMAC_KEY = randomBytes(32).toString("hex");
  process.env.GONGNON_SEALING_KEY = Sealed.newKeyPem();
  process.env.GONGNON_QUIET_LOG = "1";
  // The bench measures capacity, not the abuse limits: the server takes any number of anonymous proposals.
  process.env.GONGNON_INTAKE_PER_CLIENT = "1000000";
  process.env.GONGNON_INTAKE_PER_IP = "1000000";
  process.env.GONGNON_OUTBOX = join(os.tmpdir(), "gongnon-bench-outbox.jsonl");
  await ensureTable(dynamo.endpoint, "bench");
  const servers: ChildProcess[] = [];
  let url: Promise<string> | undefined;
  const serve = (env: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const server = spawn(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "bench-server.ts")], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
      servers.push(server);
      let buf = "";
      server.stdout!.on("data", (d) => {
        buf += String(d);
        const m = buf.match(/LISTENING (\S+)/);
        if (m) resolve(m[1]!);
      });
      server.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    });
  return {
    dynamo,
    url() {
      url ??= serve({});
      return url;
    },
    serve,
    async stop() {
      for (const server of servers) server.kill("SIGTERM");
      await dynamo.stop();
    },
  };
}

export interface Run {
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
export const summary = (latencies: number[], seconds: number, errors: number): Run => {
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, errors };
};

/** `concurrency` loops calling `op` until the time is up: core's DynamoDB operations, no HTTP. */
export async function direct(concurrency: number, seconds: number, op: (k: number) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const k = i++;
        const t0 = performance.now();
        try {
          await op(k);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summary(latencies, seconds, errors);
}

export interface Req {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The same through the HTTP API with autocannon; `next` builds each request. */
export async function http(url: string, connections: number, seconds: number, next: (k: number) => Req): Promise<Run> {
  let k = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...next(k++) }) }],
  });
  return { rate: result["2xx"] / seconds, p50: result.latency.p50, p99: result.latency.p99, requests: result["2xx"], errors: result.errors + result.non2xx };
}

/** Two runs of each, interleaved (direct, API, direct, API), averaged. */
export async function compare(name: string, runDirect: () => Promise<Run>, runApi: () => Promise<Run>) {
  console.log(`${name}: ${SECONDS} s per run, direct / API interleaved…`);
  const r1 = await runDirect();
  const a1 = await runApi();
  const r2 = await runDirect();
  const a2 = await runApi();
  const avg = (a: Run, b: Run) => ({ perSecond: round((a.rate + b.rate) / 2), p50ms: round((a.p50 + b.p50) / 2), p99ms: round((a.p99 + b.p99) / 2), errors: a.errors + b.errors, runs: [a, b] });
  const d = avg(r1, r2);
  const h = avg(a1, a2);
  return { direct: d, api: h, ratio: round(h.perSecond / d.perSecond, 3) };
}


export function round(n: number, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
