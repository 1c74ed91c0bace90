import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ensureTable, projectRoot, startDynamoLocal } from "./dynamo-local.js";

/**
 * `npm run bench`: throughput and latency through the HTTP API (a separate server process, driven
 * by autocannon) beside the very same DynamoDB operations issued directly by core from as many
 * concurrent loops, in interleaved runs of one process, so that the ratio compares like with like:
 *   - check-ins (new person each, with an Idempotency-Key) at 32 clients;
 *   - ballots (online, a new voter each, 30% of requests retries of an earlier one) at 32 and 64;
 *   - online proposals (anonymous, rate-limited per client and address) at 32;
 *   - search over a forum of 10,000 proposals: cold, warm, and under load, beside one full read
 *     of the forum's proposals (what a search without the instance index would cost each time).
 * Writes bench/results.json and bench/results.md, and quotes them in the README.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RETRY_SHARE = 0.3;
const SEARCH_PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 10_000);

const dynamo = await startDynamoLocal();
process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
process.env.TABLE_NAME = "bench";
process.env.GONGNON_HMAC_KEY = randomBytes(32).toString("hex");
process.env.GONGNON_QUIET_LOG = "1";
// The bench measures capacity, not the abuse limits: the server takes any number of anonymous proposals.
process.env.GONGNON_INTAKE_PER_CLIENT = "1000000";
process.env.GONGNON_INTAKE_PER_IP = "1000000";
process.env.GONGNON_OUTBOX = join(os.tmpdir(), "gongnon-bench-outbox.jsonl");
await ensureTable(dynamo.endpoint, "bench");

const { Forum } = await import("../core/attendance/forum.js");
const { Session } = await import("../core/attendance/session.js");
const { CheckIn } = await import("../core/attendance/checkin.js");
const { User } = await import("../core/accounts/user.js");
const { Proposal, ProposalIndex } = await import("../core/proposals/proposal.js");
const { Round } = await import("../core/voting/round.js");
const { Ballot } = await import("../core/voting/ballot.js");
const { RateLimit } = await import("../core/shared/rate-limit.js");
const { Verification } = await import("../core/voting/verification.js");
const { Identity } = await import("../core/attendance/identity.js");
const { DemoProposals } = await import("../core/demo/proposals.js");

interface Run {
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (latencies: number[], seconds: number, errors: number): Run => {
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, errors };
};

/** `concurrency` loops calling `op` until the time is up: core's DynamoDB operations, no HTTP. */
async function direct(concurrency: number, seconds: number, op: (k: number) => Promise<unknown>): Promise<Run> {
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

interface Req {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The same through the HTTP API with autocannon; `next` builds each request. */
async function http(url: string, connections: number, seconds: number, next: (k: number) => Req): Promise<Run> {
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
async function compare(name: string, runDirect: () => Promise<Run>, runApi: () => Promise<Run>) {
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

// ——— check-ins ————————————————————————————————————————————————————————————

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

async function checkIns(url: string, token: string) {
  const C = 32;
  return compare(
    "check-ins",
    async () => {
      const { forumId, sessionIds } = await newSessions();
      return direct(C, SECONDS, (k) => CheckIn.record({ sessionId: sessionIds[k % 6]!, forumId, identity: { phone: nextPhone() }, idempotencyKey: `raw-${k}` }));
    },
    async () => {
      const { sessionIds } = await newSessions();
      return http(url, C, SECONDS, (n) => ({
        method: "POST",
        path: `/api/sessions/${sessionIds[n % 6]}/checkins`,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": `api-${n}` },
        body: JSON.stringify({ phone: nextPhone() }),
      }));
    },
  );
}

// ——— ballots ———————————————————————————————————————————————————————————————

let ballotForum: { forumId: string; proposalIds: string[] } | undefined;
async function newRound() {
  if (!ballotForum) {
    const forum = await Forum.create({ title: "투표 벤치마크", startsOn: "2023-04-01", endsOn: "2023-04-30" });
    const session = await Session.create(forum.id, { title: "S", startsAt: "2023-04-02T19:00" });
    const proposalIds: string[] = [];
    for (let i = 0; i < 20; i++) proposalIds.push((await Proposal.capture(session.id, { title: `벤치 의제 ${i + 1}`, field: "도시건설" })).id);
    ballotForum = { forumId: forum.id, proposalIds };
  }
  const round = await Round.create(ballotForum.forumId, {
    title: "벤치 투표",
    proposalIds: ballotForum.proposalIds,
    maxChoices: 3,
    opensAt: "2020-01-01T00:00",
    closesAt: "2099-01-01T00:00",
    channels: ["online", "session"],
    hideResultsUntilClosed: false,
    requireCheckIn: false,
  });
  return { roundId: round.id, proposalIds: ballotForum.proposalIds };
}

/** Ballots to send: a new voter each, or (30%) the exact repeat of a recent one, as a tablet on bad wifi would. */
function ballotFeed(proposalIds: string[], prefix: string) {
  const sent: { person: string; choices: string[]; key: string }[] = [];
  let n = 0;
  return () => {
    if (sent.length > 20 && Math.random() < RETRY_SHARE) return sent[sent.length - 1 - Math.floor(Math.random() * Math.min(200, sent.length))]!;
    const i = n++;
    const choices = [0, 7, 13].slice(0, 1 + (i % 3)).map((o) => proposalIds[(i + o) % proposalIds.length]!);
    const b = { person: Identity.hash(`bench:${prefix}:${i}`), choices, key: `${prefix}-${i}` };
    sent.push(b);
    return b;
  };
}

async function ballots(url: string, concurrency: number) {
  let runNo = 0;
  return compare(
    `ballots at ${concurrency}`,
    async () => {
      const { roundId, proposalIds } = await newRound();
      const feed = ballotFeed(proposalIds, `d${concurrency}-${runNo++}`);
      return direct(concurrency, SECONDS, () => {
        const b = feed();
        return Ballot.cast({ roundId, person: b.person, channel: "online", choices: b.choices, idempotencyKey: b.key });
      });
    },
    async () => {
      const { roundId, proposalIds } = await newRound();
      const feed = ballotFeed(proposalIds, `a${concurrency}-${runNo++}`);
      return http(url, concurrency, SECONDS, () => {
        const b = feed();
        // The voter cookie a verified phone gets (POST /verifications/confirm), minted here with the same key.
        const cookie = `gongnon_voter=${Verification.voterToken(b.person).token}`;
        return {
          method: "POST",
          path: `/api/rounds/${roundId}/ballots`,
          headers: { "content-type": "application/json", cookie, "idempotency-key": b.key },
          body: JSON.stringify({ choices: b.choices }),
        };
      });
    },
  );
}

// ——— proposals ——————————————————————————————————————————————————————————————

const fields = Object.keys(DemoProposals.TOPICS);
const proposalText = (i: number) => {
  const field = fields[i % fields.length]!;
  const topics = DemoProposals.TOPICS[field]!;
  const dongs = DemoProposals.DONGS.flat();
  const topic = topics[Math.floor(i / fields.length) % topics.length]!;
  const dong = dongs[(i * 7) % dongs.length]!;
  return {
    title: `${dong}동 ${topic} ${i}`,
    body: `${dong}동 주민 제안 ${i}번: ${topic}을(를) 바랍니다. 주민 누구나 이용할 수 있도록 운영 시간과 위치를 함께 검토해 주세요.`,
    field,
    area: `${dong}동`,
  };
};

async function submissions(url: string) {
  const C = 32;
  const rules = (k: string) => [
    { bucket: `intake-client:${k}`, limit: 1_000_000, windowSeconds: 600 },
    { bucket: `intake-ip:bench`, limit: 1_000_000, windowSeconds: 600 },
  ];
  let n = 0;
  return compare(
    "online proposals",
    async () => {
      const forum = await Forum.create({ title: "제안 벤치", startsOn: "2023-04-01", endsOn: "2023-04-30" });
      return direct(C, SECONDS, async (k) => {
        const key = `d${n++}`;
        await RateLimit.hit(rules(key));
        await Proposal.submit(forum.id, proposalText(k), { idempotencyKey: key });
      });
    },
    async () => {
      const forum = await Forum.create({ title: "제안 벤치", startsOn: "2023-04-01", endsOn: "2023-04-30" });
      return http(url, C, SECONDS, (k) => ({
        method: "POST",
        path: `/api/forums/${forum.id}/proposals`,
        headers: { "content-type": "application/json", cookie: `gongnon_client=${`b${n++}`.padEnd(22, "z")}`, "idempotency-key": `a${k}` },
        body: JSON.stringify(proposalText(k)),
      }));
    },
  );
}

async function search(url: string) {
  const forum = await Forum.create({ title: "검색 벤치", startsOn: "2023-04-01", endsOn: "2023-04-30" });
  console.log(`search: writing ${SEARCH_PROPOSALS} proposals…`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < SEARCH_PROPOSALS; i = next++) {
        await Proposal.create({ forumId: forum.id, ...proposalText(i), source: "import", status: "published" });
      }
    }),
  );
  // Steady state: searches come after the writes have settled past the index's re-read window (2 s).
  await new Promise((r) => setTimeout(r, 2_500));
  const queries = ["청소년", "주차장", "도시건설", "골목 상권", "신림동 돌봄", "가로등", "문화공간", "없는검색어"];
  const path = (i: number) => `/api/forums/${forum.id}/proposals?q=${encodeURIComponent(queries[i % queries.length]!)}&limit=20`;

  // What a search costs without the instance index: every proposal of the forum read again.
  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    ProposalIndex.forget();
    const t0 = performance.now();
    const all = await ProposalIndex.snapshot(forum.id);
    full.push(performance.now() - t0);
    if (all.length !== SEARCH_PROPOSALS) throw new Error(`expected ${SEARCH_PROPOSALS} proposals, read ${all.length}`);
  }
  full.sort((a, b) => a - b);

  const timed = async (p: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${p}`);
    const body = (await res.json()) as { total: number };
    if (res.status !== 200) throw new Error(`search failed: ${res.status}`);
    return { ms: performance.now() - t0, total: body.total };
  };
  const cold = await timed(path(0));
  const warm: number[] = [];
  for (let i = 0; i < 200; i++) warm.push((await timed(path(i))).ms);
  warm.sort((a, b) => a - b);
  const hits = (await timed(path(0))).total;
  const load = await http(url, 16, SECONDS, (k) => ({ method: "GET", path: path(k) }));
  return {
    proposals: SEARCH_PROPOSALS,
    hitsFor청소년: hits,
    fullReadMs: round(full[2]!),
    coldMs: round(cold.ms),
    warmSequential: { p50ms: round(percentile(warm, 50)), p99ms: round(percentile(warm, 99)) },
    underLoad16: { perSecond: round(load.rate), p50ms: round(load.p50), p99ms: round(load.p99), errors: load.errors },
  };
}

// ——— run ——————————————————————————————————————————————————————————————————

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
  {
    const { forumId, sessionIds } = await newSessions();
    await direct(32, 3, (k) => CheckIn.record({ sessionId: sessionIds[k % 6]!, forumId, identity: { phone: nextPhone() } }));
    const { roundId, proposalIds } = await newRound();
    const feed = ballotFeed(proposalIds, "warm");
    await http(url, 32, 3, () => {
      const b = feed();
      return {
        method: "POST",
        path: `/api/rounds/${roundId}/ballots`,
        headers: { "content-type": "application/json", cookie: `gongnon_voter=${Verification.voterToken(b.person).token}`, "idempotency-key": b.key },
        body: JSON.stringify({ choices: b.choices }),
      };
    });
  }

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, dynamodb: "DynamoDB Local, in memory, same machine" },
    seconds: SECONDS,
    checkIns: { concurrency: 32, ...(await checkIns(url, token)), aim: 0.7 },
    ballots: {
      retryShare: RETRY_SHARE,
      at32: { concurrency: 32, ...(await ballots(url, 32)), aim: 0.7 },
      at64: { concurrency: 64, ...(await ballots(url, 64)), aim: 0.7 },
    },
    proposals: { concurrency: 32, ...(await submissions(url)) },
    search: await search(url),
  };
  mkdirSync(join(projectRoot, "bench"), { recursive: true });
  writeFileSync(join(projectRoot, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  const row = (label: string, r: { perSecond: number; p50ms: number; p99ms: number }) => `| ${label} | ${r.perSecond} | ${r.p50ms} | ${r.p99ms} |`;
  const ratio = (r: { ratio: number }, aim?: number) => `| **ratio API / direct** | **${r.ratio}**${aim ? ` (aim ≥ ${aim})` : ""} | | |`;
  const s = results.search;
  const md = [
    `# Benchmark results`,
    ``,
    `${results.date} · ${results.machine.cpus} cores · Node ${results.machine.node} · ${results.machine.dynamodb} · ${SECONDS} s per run, two runs each, interleaved`,
    ``,
    `| check-ins at 32 clients (new person each, with Idempotency-Key) | per second | p50 ms | p99 ms |`,
    `|---|---|---|---|`,
    row("direct: core's DynamoDB operations (the local ceiling)", results.checkIns.direct),
    row("through the HTTP API", results.checkIns.api),
    ratio(results.checkIns, 0.7),
    ``,
    `| ballots (online, new voter each, ${RETRY_SHARE * 100}% retries with the same Idempotency-Key) | per second | p50 ms | p99 ms |`,
    `|---|---|---|---|`,
    row("32 clients — direct: core's ballot transaction", results.ballots.at32.direct),
    row("32 clients — through the HTTP API", results.ballots.at32.api),
    ratio(results.ballots.at32, 0.7),
    row("64 clients — direct: core's ballot transaction", results.ballots.at64.direct),
    row("64 clients — through the HTTP API", results.ballots.at64.api),
    ratio(results.ballots.at64, 0.7),
    ``,
    `| online proposals at 32 clients (anonymous, rate-limited per client and address) | per second | p50 ms | p99 ms |`,
    `|---|---|---|---|`,
    row("direct: core's rate limit + proposal writes", results.proposals.direct),
    row("through the HTTP API", results.proposals.api),
    ratio(results.proposals),
    ``,
    `| search over ${s.proposals.toLocaleString("en")} proposals of one forum (Korean substring, 20 per page) | ms |`,
    `|---|---|`,
    `| one full read of the forum's proposals (what every search would cost without the index) | ${s.fullReadMs} |`,
    `| first search on a fresh server (builds the instance index) | ${s.coldMs} |`,
    `| warm, one client: p50 / p99 | ${s.warmSequential.p50ms} / ${s.warmSequential.p99ms} |`,
    `| warm, 16 clients: p50 / p99 (${s.underLoad16.perSecond} searches/s) | ${s.underLoad16.p50ms} / ${s.underLoad16.p99ms} |`,
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
