import { execSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { josa } from "es-hangul";
import { User } from "../../core/accounts/user.js";
import { Forum } from "../../core/attendance/forum.js";
import { Identity } from "../../core/attendance/identity.js";
import { Session } from "../../core/attendance/session.js";
import { DemoProposals } from "../../core/demo/proposals.js";
import { Proposal, ProposalIndex } from "../../core/proposals/proposal.js";
import { GSI1, IndexPartition, Keys, queryPartition } from "../../core/shared/table.js";
import { Round } from "../../core/voting/round.js";
import { Verification } from "../../core/voting/verification.js";
import { projectRoot } from "../dynamo-local.js";
import { percentile, round, type Bench } from "./harness.js";

/**
 * A soak: ten minutes (GONGNON_SOAK_SECONDS) of mixed traffic against one API process on
 * DynamoDB Local, as a forum's busiest evening would bring it:
 *   - check-ins by facilitators' tablets (bearer token, Idempotency-Key; some exact repeats, some
 *     people at a second session, some checked in twice at the same one);
 *   - table ballots (facilitator, the voter's phone) and online ballots (voter cookie), 30% of
 *     them sent again with the same Idempotency-Key (a third of those at once, the rest seconds
 *     later), and a few second ballots from people who already voted (409 already_voted);
 *   - anonymous online proposals (the intake limits raised for the bench, as harness.ts does);
 *   - proposal searches over the forum (`?q=`);
 *   - 200 projector screens polling the round's results every 3–5 s.
 * A 409 in_progress (a repeat that arrives while its first request runs) or a 503 is waited out
 * and sent again with the same key, as the console does. Every latency is kept by route and by
 * minute; the API process's memory is read over IPC (process.memoryUsage, after a full GC at the
 * start and the end) and from /proc. Afterwards, what the clients saw accepted is compared with
 * what the server holds: the check-in and participant items and the forum's counters, the
 * round's ballots, turnout and tallies (recount), the forum's online proposals.
 *
 * The API runs in a process of its own started here (scripts/bench-server.ts with --expose-gc
 * and an IPC channel), on the bench's DynamoDB Local.
 */
const SECONDS = Number(process.env.GONGNON_SOAK_SECONDS ?? 600);
const BUCKET_S = Number(process.env.GONGNON_SOAK_BUCKET_SECONDS ?? 60);
const SCALE = Number(process.env.GONGNON_SOAK_SCALE ?? 1);
/** Requests per second offered by each stream (open loop, Poisson arrivals), before repeats. */
const RATES = { checkin: 15 * SCALE, tableBallot: 15 * SCALE, onlineBallot: 50 * SCALE, proposal: 8 * SCALE, search: 15 * SCALE };
const SCREENS = 200;
const SCREEN_EVERY_MS: [number, number] = [3_000, 5_000];
const SHARE = { ballotRetry: 0.3, checkinRetry: 0.15, proposalRetry: 0.1, concurrentOfRetries: 1 / 3, secondBallot: 0.03 };
const AGENDAS = 20;
const SEARCH_SEED = Number(process.env.GONGNON_SOAK_PROPOSALS ?? 3_000);
const SESSIONS = 6;
/** Requests in flight at once (the screens' included) above which the load generator sheds an arrival. */
const MAX_IN_FLIGHT = 512;
const TIMEOUT_MS = 30_000;
/** Before the measured traffic: the write and search streams at their rates (in the ledger and recounted, not measured), so that the JIT of the API and of DynamoDB Local is warm. */
const WARM_S = Number(process.env.GONGNON_SOAK_WARM_SECONDS ?? 20);

const ROUTES = ["checkin", "ballot-table", "ballot-online", "proposal", "search", "results"] as const;
type Route = (typeof ROUTES)[number];
const LABELS: Record<Route, string> = {
  checkin: "check-ins",
  "ballot-table": "table ballots",
  "ballot-online": "online ballots",
  proposal: "online proposals",
  search: "proposal search",
  results: "results polls",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

// ——— the API process, with its memory ————————————————————————————————————————

interface Memory {
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  vmRssMB: number;
  vmHwmMB: number;
  collected: boolean;
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

function procStatus(pid: number): { vmRssMB: number; vmHwmMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN);
  return { vmRssMB: round(kb("VmRSS") / 1024, 1), vmHwmMB: round(kb("VmHWM") / 1024, 1) };
}

const CLK_TCK = (() => {
  try {
    return Number(execSync("getconf CLK_TCK", { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

interface ApiProcess {
  url: string;
  pid: number;
  memory(gc?: boolean): Promise<Memory>;
  stop(): void;
}

function startApi(): Promise<ApiProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ["--expose-gc", "--import", "tsx", join(projectRoot, "scripts", "bench-server.ts")], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    });
    let asked = 0;
    const waiting = new Map<number, (m: { collected: boolean; usage: NodeJS.MemoryUsage }) => void>();
    child.on("message", (m: { memory: number; collected: boolean; usage: NodeJS.MemoryUsage }) => {
      waiting.get(m.memory)?.(m);
      waiting.delete(m.memory);
    });
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += String(d);
      const found = buf.match(/LISTENING (\S+)/);
      if (!found) return;
      resolve({
        url: found[1]!,
        pid: child.pid!,
        memory: (gc = false) =>
          new Promise<Memory>((res) => {
            const id = ++asked;
            waiting.set(id, ({ collected, usage }) =>
              res({ rssMB: mb(usage.rss), heapUsedMB: mb(usage.heapUsed), heapTotalMB: mb(usage.heapTotal), externalMB: mb(usage.external), ...procStatus(child.pid!), collected }),
            );
            child.send({ memory: id, gc });
          }),
        stop: () => void child.kill("SIGTERM"),
      });
    });
    child.once("exit", (code) => reject(new Error(`soak API server exited (${code})`)));
  });
}

// ——— requests, measured ——————————————————————————————————————————————————————

class Recorder {
  t0 = 0;
  buckets = Math.max(1, Math.ceil(SECONDS / BUCKET_S));
  /** Latencies (ms) by route and bucket, of requests sent during the soak. */
  latencies = new Map<Route, number[][]>(ROUTES.map((r) => [r, Array.from({ length: this.buckets }, () => [])]));
  /** Answers by route: "201", "409 in_progress", "503", "network", … */
  statuses = new Map<Route, Map<string, number>>(ROUTES.map((r) => [r, new Map()]));
  ok = new Map<Route, number>(ROUTES.map((r) => [r, 0]));
  /** Requests sent outside the measured traffic (the warm-up; after it, to settle a write whose answer never came). */
  afterwards = 0;
  measuring = false;

  record(route: Route, startedAt: number, ms: number, status: string) {
    if (!this.measuring) {
      this.afterwards++;
      return;
    }
    const b = Math.min(this.buckets - 1, Math.max(0, Math.floor((startedAt - this.t0) / (BUCKET_S * 1000))));
    this.latencies.get(route)![b]!.push(ms);
    const s = this.statuses.get(route)!;
    s.set(status, (s.get(status) ?? 0) + 1);
    if (status.startsWith("2")) this.ok.set(route, this.ok.get(route)! + 1);
  }
}

interface Answer {
  status: number;
  code?: string;
  body: any;
  retryAfterS?: number;
}

let open = 0;
const inFlight = () => open;

function client(url: string, rec: Recorder) {
  return async function request(route: Route, method: "GET" | "POST", path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
    const t0 = performance.now();
    open++;
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      let parsed: any;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const code: string | undefined = res.status >= 400 ? parsed?.error?.code : undefined;
      rec.record(route, t0, ms, code ? `${res.status} ${code}` : String(res.status));
      const ra = Number(res.headers.get("retry-after"));
      return { status: res.status, code, body: parsed, retryAfterS: Number.isFinite(ra) && ra > 0 ? ra : undefined };
    } catch {
      rec.record(route, t0, performance.now() - t0, "network");
      return { status: 0, body: undefined };
    } finally {
      open--;
    }
  };
}

// ——— writes and what became of them ———————————————————————————————————————————

/** One logical write under one Idempotency-Key, however many times it is sent. */
interface Write {
  route: Route;
  key: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** What identifies the answer (a receipt, an id): a key must only ever get one. */
  answerOf: (status: number, body: any) => string;
  answers: Set<string>;
  refusals: Map<string, number>;
  sends: number;
  inProgress: number;
}

const newWrite = (w: Pick<Write, "route" | "key" | "path" | "headers" | "body" | "answerOf">): Write => ({ ...w, answers: new Set(), refusals: new Map(), sends: 0, inProgress: 0 });
const settled = (w: Write) => w.answers.size > 0 || w.refusals.size > 0;

/**
 * Sends the write until it has an answer: a 2xx, or a refusal that is final. A 409 in_progress
 * (its first request still runs) is waited out briefly and sent again with the same key, as are
 * a 503 (Retry-After), a 5xx and a lost connection.
 */
async function send(request: ReturnType<typeof client>, w: Write, maxAttempts = 40): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    w.sends++;
    const res = await request(w.route, "POST", w.path, { ...w.headers, "idempotency-key": w.key }, w.body);
    if (res.status >= 200 && res.status < 300) {
      w.answers.add(w.answerOf(res.status, res.body));
      return;
    }
    if (res.status === 409 && res.code === "in_progress") {
      w.inProgress++;
      await sleep(250 + Math.random() * 500);
      continue;
    }
    if (res.status === 0 || res.status === 429 || res.status >= 500) {
      await sleep(Math.min(5_000, (res.retryAfterS ?? 0.5) * 1000) * (0.5 + Math.random()));
      continue;
    }
    const reason = res.code ? `${res.status} ${res.code}` : String(res.status);
    w.refusals.set(reason, (w.refusals.get(reason) ?? 0) + 1);
    return;
  }
}

// ——— the forum it all happens in ————————————————————————————————————————————————

const fields = Object.keys(DemoProposals.TOPICS);
const dongs = DemoProposals.DONGS.flat();
function proposalText(i: number, tag: string) {
  const field = fields[i % fields.length]!;
  const topics = DemoProposals.TOPICS[field]!;
  const topic = topics[Math.floor(i / fields.length) % topics.length]!;
  const dong = dongs[(i * 7) % dongs.length]!;
  return {
    title: `${dong}동 ${topic} ${tag}${i}`,
    body: `${dong}동 주민 제안 ${tag}${i}번: ${josa(topic, "을/를")} 바랍니다. 주민 누구나 이용할 수 있도록 운영 시간과 위치를 함께 검토해 주세요.`,
    field,
    area: `${dong}동`,
  };
}

const QUERIES = ["청소년", "주차장", "도시건설", "골목 상권", "신림동 돌봄", "가로등", "문화공간", "놀이터", "없는검색어", "어르신"];

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function setUp(url: string) {
  const staffPassword = randomBytes(12).toString("hex");
  const facPassword = randomBytes(12).toString("hex");
  const tag = randomBytes(3).toString("hex");
  await User.create({ email: `soak-staff-${tag}@gongnon.local`, name: "soak staff", role: "staff", password: staffPassword });
  const fac = await User.create({ email: `soak-fac-${tag}@gongnon.local`, name: "soak facilitator", role: "facilitator", password: facPassword });
  const forum = await Forum.create({ title: "소크 벤치 공론장", startsOn: "2023-04-01", endsOn: "2023-04-30" });
  const sessionIds: string[] = [];
  for (let i = 1; i <= SESSIONS; i++) {
    const s = await Session.create(forum.id, { title: `소크 ${i}회차`, startsAt: `2023-04-0${i}T19:00` });
    await Session.assignFacilitator(s.id, fac.id);
    sessionIds.push(s.id);
  }
  const agendas: string[] = [];
  for (let i = 0; i < AGENDAS; i++) agendas.push((await Proposal.capture(sessionIds[i % SESSIONS]!, { title: `소크 의제 ${i + 1}`, field: fields[i % fields.length]! })).id);
  console.log(`soak: writing ${SEARCH_SEED} published proposals to search…`);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < SEARCH_SEED; i = next++) await Proposal.create({ forumId: forum.id, ...proposalText(i, "s"), source: "import", status: "published" });
    }),
  );
  const r = await Round.create(forum.id, {
    title: "소크 투표",
    proposalIds: agendas,
    maxChoices: 3,
    opensAt: "2020-01-01T00:00",
    closesAt: "2099-01-01T00:00",
    channels: ["online", "session"],
    hideResultsUntilClosed: false,
    requireCheckIn: false,
  });
  return {
    forumId: forum.id,
    sessionIds,
    agendas,
    roundId: r.id,
    shards: r.shards,
    staffToken: await login(url, `soak-staff-${tag}@gongnon.local`, staffPassword),
    facToken: await login(url, `soak-fac-${tag}@gongnon.local`, facPassword),
  };
}

// ——— the soak ————————————————————————————————————————————————————————————————————

const phone = (base: number, n: number) => `010-${base + Math.floor(n / 10000)}-${String(n % 10000).padStart(4, "0")}`;
const personOf = (p: string) => Identity.resolve({ phone: p }).person;

/** 1 to 3 agendas, the first ones more often, so that the tallies differ. */
function choose(agendas: string[]): string[] {
  const n = 1 + Math.floor(Math.random() * 3);
  const out = new Set<string>();
  while (out.size < n) out.add(agendas[Math.min(agendas.length - 1, Math.floor(agendas.length * Math.random() ** 1.7))]!);
  return [...out];
}

export async function soakBench(bench: Bench) {
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  const api = await startApi();
  try {
    return await soak(bench, api, loadBefore);
  } finally {
    api.stop();
  }
}

async function soak(bench: Bench, api: ApiProcess, loadBefore: number[]) {
  const { url } = api;
  const setup = await setUp(url);
  const { forumId, sessionIds, agendas, roundId } = setup;
  const fac = { authorization: `Bearer ${setup.facToken}` };
  const staff = { authorization: `Bearer ${setup.staffToken}` };
  const rec = new Recorder();
  const request = client(url, rec);
  const searchPath = () => `/api/forums/${forumId}/proposals?q=${encodeURIComponent(pick(QUERIES))}&limit=20`;

  // Warm: the server's index of the forum and the round's rules (reads only: every write is in the ledger).
  for (let i = 0; i < 5; i++) {
    await request("search", "GET", searchPath());
    await request("results", "GET", `/api/rounds/${roundId}/results`);
  }
  const checkins: (Write & { sessionId: string; person: string })[] = [];
  const ballots: (Write & { channel: "online" | "session"; person: string; phone: string; choices: string[]; second: boolean })[] = [];
  const proposals: Write[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  let shed = 0;
  let retries = 0;
  const acceptedPeople: { sessionId: string; phone: string }[] = [];
  const voted: { phone: string; channel: "online" | "session" }[] = [];

  /** The end of the current phase: the warm-up, then the measured traffic. */
  let end = 0;
  const running = () => performance.now() < end;

  /** The first send, then (with the share) the same request again: at once, or a few seconds later. */
  const launch = (w: Write, retryShare: number, after?: (w: Write) => void) => {
    const first = send(request, w).then(() => after?.(w));
    track(first);
    if (Math.random() >= retryShare) return;
    retries++;
    if (Math.random() < SHARE.concurrentOfRetries) {
      track(sleep(Math.random() * 30).then(() => send(request, w)));
    } else {
      const delay = 1_000 + Math.random() * 7_000;
      track(sleep(delay).then(() => (running() ? send(request, w) : undefined)));
    }
  };

  let seqCheckin = 0;
  const checkinOp = () => {
    const k = seqCheckin++;
    const r = Math.random();
    let sessionId = pick(sessionIds);
    let p = phone(3000, k);
    if (acceptedPeople.length > 50 && r < 0.3) {
      const known = pick(acceptedPeople);
      p = known.phone;
      // a tenth: the same person at the same session again (a second tablet); else another session
      if (r < 0.1) sessionId = known.sessionId;
      else while (sessionId === known.sessionId) sessionId = pick(sessionIds);
    }
    const w = Object.assign(
      newWrite({ route: "checkin", key: `soak-ci-${k}`, path: `/api/sessions/${sessionId}/checkins`, headers: fac, body: { phone: p }, answerOf: (s, b) => `${s}:${b?.firstInSession}` }),
      { sessionId, person: personOf(p) },
    );
    checkins.push(w);
    launch(w, SHARE.checkinRetry, (done) => {
      if (done.answers.size > 0) acceptedPeople.push({ sessionId, phone: p });
    });
  };

  let seqBallot = 0;
  const ballotOp = (channel: "online" | "session") => {
    const k = seqBallot++;
    let p = phone(channel === "online" ? 8000 : 6000, k);
    let second = false;
    if (voted.length > 50 && Math.random() < SHARE.secondBallot) {
      // Someone who already voted (online or at a table) tries again with a new key: 409 already_voted.
      p = pick(voted).phone;
      second = true;
    }
    const person = personOf(p);
    const choices = choose(agendas);
    const path = `/api/rounds/${roundId}/ballots`;
    const w = Object.assign(
      channel === "online"
        ? newWrite({ route: "ballot-online", key: `soak-bo-${k}`, path, headers: { cookie: `gongnon_voter=${Verification.voterToken(person).token}` }, body: { choices }, answerOf: (_, b) => b?.receipt })
        : newWrite({ route: "ballot-table", key: `soak-bt-${k}`, path, headers: fac, body: { sessionId: pick(sessionIds), phone: p, choices }, answerOf: (_, b) => b?.receipt }),
      { channel, person, phone: p, choices, second },
    );
    ballots.push(w);
    launch(w, second ? 0 : SHARE.ballotRetry, (done) => {
      if (!second && done.answers.size > 0) voted.push({ phone: p, channel });
    });
  };

  let seqProposal = 0;
  const clients = Array.from({ length: 500 }, (_, i) => `soak${i}`.padEnd(22, "q"));
  const proposalOp = () => {
    const k = seqProposal++;
    const w = newWrite({
      route: "proposal",
      key: `soak-pr-${k}`,
      path: `/api/forums/${forumId}/proposals`,
      headers: { cookie: `gongnon_client=${pick(clients)}` },
      body: proposalText(k, "o"),
      answerOf: (_, b) => b?.id,
    });
    proposals.push(w);
    launch(w, SHARE.proposalRetry);
  };

  let searchErrors = 0;
  const searchOp = () => track(request("search", "GET", searchPath()).then((r) => void (r.status !== 200 && searchErrors++)));

  /** Poisson arrivals at `rate` per second until the end; an arrival finding too many in flight is shed. */
  const openLoop = async (rate: number, fire: () => void) => {
    if (!(rate > 0)) return;
    while (running()) {
      await sleep(-Math.log(1 - Math.random()) * (1000 / rate));
      if (!running()) break;
      if (inFlight() >= MAX_IN_FLIGHT) shed++;
      else fire();
    }
  };

  // The screens: each polls, waits 3–5 s after the answer, polls again; started spread over one interval.
  // A screen whose figure goes down between two polls would show a count going backwards.
  let seen = 0;
  let backwards = 0;
  const screen = async () => {
    await sleep(Math.random() * SCREEN_EVERY_MS[1]);
    let last = 0;
    while (running()) {
      const r = await request("results", "GET", `/api/rounds/${roundId}/results`);
      if (r.status === 200) {
        if (r.body.ballots < last) backwards++;
        last = r.body.ballots;
        seen = Math.max(seen, last);
      }
      await sleep(SCREEN_EVERY_MS[0] + Math.random() * (SCREEN_EVERY_MS[1] - SCREEN_EVERY_MS[0]));
    }
  };

  // Memory every 10 s, without forcing a collection.
  const samples: (Memory & { atS: number })[] = [];
  const sampler = async () => {
    while (running()) {
      samples.push({ atS: round((performance.now() - rec.t0) / 1000, 0), ...(await api.memory(false)) });
      await sleep(10_000);
    }
  };

  // Warm-up: the write and search streams (their writes in the ledger and recounted), unmeasured.
  const streams = () => [
    openLoop(RATES.checkin, checkinOp),
    openLoop(RATES.tableBallot, () => ballotOp("session")),
    openLoop(RATES.onlineBallot, () => ballotOp("online")),
    openLoop(RATES.proposal, proposalOp),
    openLoop(RATES.search, searchOp),
  ];
  console.log(`soak: warming up for ${WARM_S} s…`);
  end = performance.now() + WARM_S * 1000;
  await Promise.all(streams());
  while (pending.size > 0) await Promise.all([...pending]);
  const warm = { seconds: WARM_S, writes: checkins.length + ballots.length + proposals.length, requests: rec.afterwards, shed };
  shed = 0;
  await sleep(3_000);
  const memStart = await api.memory(true);
  const javaPid = bench.dynamo.javaPid;
  const cpu0 = { api: cpuSeconds(api.pid), java: cpuSeconds(javaPid), bench: process.cpuUsage() };

  console.log(`soak: ${SECONDS} s of mixed traffic (${JSON.stringify(RATES)}/s, ${SCREENS} screens)…`);
  rec.t0 = performance.now();
  rec.measuring = true;
  end = rec.t0 + SECONDS * 1000;
  await Promise.all([...streams(), ...Array.from({ length: SCREENS }, screen), sampler()]);
  const soakMs = SECONDS * 1000;
  console.log(`soak: traffic over; ${pending.size} requests still in flight…`);
  while (pending.size > 0) await Promise.all([...pending]);
  rec.measuring = false;
  const cpu1 = { api: cpuSeconds(api.pid), java: cpuSeconds(javaPid), bench: process.cpuUsage(cpu0.bench) };
  const loadAfter = os.loadavg().map((x) => round(x, 2));
  const memLast = await api.memory(false);
  const memEnd = await api.memory(true);

  // Writes whose answer never came (every send lost or 409 until the attempts ran out): sent again until they have one.
  const writes: Write[] = [...checkins, ...ballots, ...proposals];
  const unsettledAtEnd = writes.filter((w) => !settled(w)).length;
  for (let pass = 0; pass < 5 && writes.some((w) => !settled(w)); pass++) {
    await Promise.all(writes.filter((w) => !settled(w)).map((w) => send(request, w, 100)));
  }

  // ——— the recount: what the clients saw accepted against what the server holds ——————
  await sleep(2_500); // past the proposal index's re-read window
  const verification = await recount({ url, staff, forumId, sessionIds, roundId, shards: setup.shards, agendas, checkins, ballots, proposals });

  // ——— figures ————————————————————————————————————————————————————————————————————
  const perRoute = Object.fromEntries(
    ROUTES.map((r) => {
      const all = rec.latencies.get(r)!.flat().sort((a, b) => a - b);
      return [
        r,
        {
          requests: all.length,
          perSecond: round(all.length / (soakMs / 1000)),
          okPerSecond: round(rec.ok.get(r)! / (soakMs / 1000)),
          p50ms: round(percentile(all, 50)),
          p99ms: round(percentile(all, 99)),
          answers: Object.fromEntries([...rec.statuses.get(r)!].sort((a, b) => b[1] - a[1])),
        },
      ];
    }),
  ) as Record<Route, { requests: number; perSecond: number; okPerSecond: number; p50ms: number; p99ms: number; answers: Record<string, number> }>;
  const total = ROUTES.reduce((n, r) => n + perRoute[r].requests, 0);
  const totalOk = ROUTES.reduce((n, r) => n + rec.ok.get(r)!, 0);
  const perMinute = Array.from({ length: rec.buckets }, (_, b) => {
    const fromS = b * BUCKET_S;
    const toS = Math.min(SECONDS, (b + 1) * BUCKET_S);
    const routes = Object.fromEntries(
      ROUTES.map((r) => {
        const xs = [...rec.latencies.get(r)![b]!].sort((x, y) => x - y);
        return [r, { requests: xs.length, p50ms: round(percentile(xs, 50)), p99ms: round(percentile(xs, 99)) }];
      }),
    ) as Record<Route, { requests: number; p50ms: number; p99ms: number }>;
    const n = ROUTES.reduce((s, r) => s + routes[r].requests, 0);
    const mem = samples.filter((s) => s.atS >= fromS && s.atS < toS).pop();
    return { fromS, toS, requests: n, perSecond: round(n / (toS - fromS)), routes, rssMB: mem?.rssMB, heapUsedMB: mem?.heapUsedMB };
  });

  return {
    seconds: SECONDS,
    bucketSeconds: BUCKET_S,
    dynamodb: "DynamoDB Local, in memory, same machine",
    offered: { perSecond: RATES, screens: SCREENS, screenEveryMs: SCREEN_EVERY_MS, shares: SHARE, searchProposals: SEARCH_SEED, sessions: SESSIONS, agendas: AGENDAS },
    loadAverage: { before: loadBefore, after: loadAfter },
    cpuSeconds: {
      api: round(cpu1.api - cpu0.api),
      dynamodbLocal: round(cpu1.java - cpu0.java),
      loadGenerator: round((cpu1.bench.user + cpu1.bench.system) / 1e6),
      of: round((os.cpus().length * soakMs) / 1000),
    },
    throughput: { requests: total, perSecond: round(total / (soakMs / 1000)), okPerSecond: round(totalOk / (soakMs / 1000)), byRoute: perRoute },
    perMinute,
    memory: { start: memStart, lastSample: memLast, end: memEnd, samples },
    client: {
      logicalWrites: writes.length,
      repeatsScheduled: retries,
      sends: writes.reduce((n, w) => n + w.sends, 0),
      inProgressWaits: writes.reduce((n, w) => n + w.inProgress, 0),
      shed,
      searchErrors,
      unsettledAtEnd,
      unsettledAfterwards: writes.filter((w) => !settled(w)).length,
      warm,
      requestsOutsideMeasurement: rec.afterwards,
      resultsHighestBallotsSeen: seen,
      resultsWentBackwards: backwards,
    },
    writes: verification,
  };
}

// ——— recount ——————————————————————————————————————————————————————————————————————

interface Row {
  what: string;
  accepted: number;
  server: number;
  serverIs: string;
  lost: number;
  doubled: number;
}

async function recount(a: {
  url: string;
  staff: Record<string, string>;
  forumId: string;
  sessionIds: string[];
  roundId: string;
  shards: number;
  agendas: string[];
  checkins: (Write & { sessionId: string; person: string })[];
  ballots: (Write & { channel: "online" | "session"; choices: string[]; second: boolean })[];
  proposals: Write[];
}) {
  const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const res = await fetch(`${a.url}${path}`, { method, headers });
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };
  const rows: Row[] = [];
  const compareSets = (what: string, serverIs: string, accepted: Set<string>, held: Set<string>, extraDoubled = 0) => {
    let lost = 0;
    let extra = 0;
    for (const x of accepted) if (!held.has(x)) lost++;
    for (const x of held) if (!accepted.has(x)) extra++;
    rows.push({ what, accepted: accepted.size, server: held.size, serverIs, lost, doubled: extra + extraDoubled });
  };
  const compareCount = (what: string, serverIs: string, accepted: number, server: number) =>
    rows.push({ what, accepted, server, serverIs, lost: Math.max(0, accepted - server), doubled: Math.max(0, server - accepted) });
  const ok = <T extends Write>(ws: T[]) => ws.filter((w) => w.answers.size > 0);
  /** A key answered with two different receipts (or ids) would be a write made twice. */
  const keysTwice = (ws: Write[]) => ws.reduce((n, w) => n + Math.max(0, w.answers.size - 1), 0);

  // Check-ins: (session, person) pairs, and people.
  const acceptedPairs = new Set(ok(a.checkins).map((w) => `${w.sessionId}|${w.person}`));
  const acceptedPeople = new Set(ok(a.checkins).map((w) => w.person));
  const heldPairs = new Set<string>();
  for (const s of a.sessionIds) {
    for (const item of await queryPartition({ pk: Keys.session(s).PK, skPrefix: "CHECKIN#" })) heldPairs.add(`${s}|${String(item.SK).slice("CHECKIN#".length)}`);
  }
  const heldPeople = new Set((await queryPartition({ pk: Keys.forum(a.forumId).PK, skPrefix: "PARTICIPANT#" })).map((i) => String(i.SK).slice("PARTICIPANT#".length)));
  // Two keys for the same pair both answered "first in this session" would be a check-in counted twice.
  const firstsByPair = new Map<string, number>();
  for (const w of ok(a.checkins)) {
    if (![...w.answers].some((x) => x.endsWith(":true"))) continue;
    const pair = `${w.sessionId}|${w.person}`;
    firstsByPair.set(pair, (firstsByPair.get(pair) ?? 0) + 1);
  }
  const firstTwice = [...firstsByPair.values()].reduce((n, k) => n + Math.max(0, k - 1), 0);
  compareSets("check-ins (session, person)", "CHECKIN items", acceptedPairs, heldPairs, keysTwice(a.checkins) + firstTwice);
  const stats = await get(`/api/forums/${a.forumId}/stats`);
  compareCount("check-ins (session, person)", "forum's attendances (GET …/stats)", acceptedPairs.size, stats.attendances);
  compareCount("check-ins (session, person)", "Σ sessions' attendances (…/stats bySession)", acceptedPairs.size, stats.bySession.reduce((n: number, s: { attendances: number }) => n + s.attendances, 0));
  compareSets("participants (distinct people)", "PARTICIPANT items", acceptedPeople, heldPeople);
  compareCount("participants (distinct people)", "forum's participants (…/stats)", acceptedPeople.size, stats.participants);

  // Ballots: receipts, the turnout counters (recount), the tallies.
  const firsts = a.ballots.filter((w) => !w.second);
  const seconds = a.ballots.filter((w) => w.second);
  const acceptedReceipts = new Set(ok(a.ballots).flatMap((w) => [...w.answers]));
  const heldReceipts = new Set<string>();
  for (let s = 0; s < a.shards; s++) for (const item of await queryPartition({ index: GSI1, pk: IndexPartition.roundBallots(a.roundId, s) })) heldReceipts.add(String(item.GSI1SK));
  const secondsAccepted = ok(seconds).length;
  compareSets("ballots (receipts)", "BALLOT items", acceptedReceipts, heldReceipts, keysTwice(a.ballots));
  const rc = await get(`/api/rounds/${a.roundId}/recount`, a.staff, "POST");
  const acceptedBallots = ok(a.ballots).length;
  compareCount("ballots", "recount: ballots counted", acceptedBallots, rc.ballots.counted);
  compareCount("ballots", "recount: turnout counters", acceptedBallots, rc.ballots.counters);
  for (const ch of ["online", "session"] as const) {
    const n = ok(a.ballots).filter((w) => w.channel === ch).length;
    compareCount(`ballots ${ch === "online" ? "online" : "at a table"}`, "recount: turnout counters", n, rc.byChannel.counters[ch]);
  }
  const expected = new Map(a.agendas.map((p) => [p, 0]));
  for (const w of ok(a.ballots)) for (const c of w.choices) expected.set(c, expected.get(c)! + 1);
  const compareTallies = (serverIs: string, held: Map<string, number>) => {
    let lost = 0;
    let doubled = 0;
    for (const [p, n] of expected) {
      const got = held.get(p) ?? 0;
      if (got < n) lost += n - got;
      else doubled += got - n;
    }
    for (const [p, n] of held) if (!expected.has(p)) doubled += n;
    rows.push({
      what: `votes on the ${a.agendas.length} agendas (per agenda)`,
      accepted: [...expected.values()].reduce((x, y) => x + y, 0),
      server: [...held.values()].reduce((x, y) => x + y, 0),
      serverIs,
      lost,
      doubled,
    });
  };
  // The recount's tallies are counted again from the BALLOT items; the results' are the sharded tally counters.
  compareTallies("recount: counted from the BALLOT items", new Map((rc.tallies ?? []).map((t: { proposalId: string; votes: number }) => [t.proposalId, t.votes])));
  const results = await get(`/api/rounds/${a.roundId}/results`);
  compareTallies("tally counters (GET …/results)", new Map(results.tallies.map((t: { proposalId: string; votes: number }) => [t.proposalId, t.votes])));
  compareCount("ballots", "turnout on the screens (GET …/results)", acceptedBallots, results.ballots);

  // Online proposals: ids in the forum, read afresh from the table and through the staff list.
  ProposalIndex.forget();
  const heldProposals = new Set((await ProposalIndex.snapshot(a.forumId)).filter((e) => e.info.source === "online").map((e) => e.info.id));
  const acceptedProposals = new Set(ok(a.proposals).flatMap((w) => [...w.answers]));
  compareSets("online proposals", "the forum's proposals (source online)", acceptedProposals, heldProposals, keysTwice(a.proposals));
  const listed = await get(`/api/forums/${a.forumId}/proposals?source=online&limit=1`, a.staff);
  compareCount("online proposals", "staff list's total (…/proposals?source=online)", acceptedProposals.size, listed.total);

  const refusals = (ws: Write[]) => {
    const out: Record<string, number> = {};
    for (const w of ws) for (const [r, n] of w.refusals) out[r] = (out[r] ?? 0) + n;
    return out;
  };
  return {
    rows,
    lost: rows.reduce((n, r) => n + r.lost, 0),
    doubled: rows.reduce((n, r) => n + r.doubled, 0) + secondsAccepted,
    recountOk: rc.ok,
    recountDifferences: rc.differences.length,
    resultsBallotsAfter: results.ballots,
    secondBallots: { sent: seconds.length, refusedAlreadyVoted: seconds.filter((w) => w.refusals.has("409 already_voted")).length, accepted: secondsAccepted },
    refusals: { checkins: refusals(a.checkins), firstBallots: refusals(firsts), proposals: refusals(a.proposals) },
    keys: {
      checkins: { sent: a.checkins.length, accepted: ok(a.checkins).length },
      ballots: { sent: firsts.length, accepted: ok(firsts).length },
      proposals: { sent: a.proposals.length, accepted: ok(a.proposals).length },
    },
  };
}

// ——— markdown ————————————————————————————————————————————————————————————————————

export type SoakResults = Awaited<ReturnType<typeof soakBench>>;

export function soakMarkdown(r: SoakResults): string {
  const t = r.throughput;
  const o = r.offered.perSecond;
  const offered: Record<Route, string> = {
    checkin: `${o.checkin}/s + ${r.offered.shares.checkinRetry * 100}% repeats`,
    "ballot-table": `${o.tableBallot}/s + ${r.offered.shares.ballotRetry * 100}% repeats`,
    "ballot-online": `${o.onlineBallot}/s + ${r.offered.shares.ballotRetry * 100}% repeats`,
    proposal: `${o.proposal}/s + ${r.offered.shares.proposalRetry * 100}% repeats`,
    search: `${o.search}/s`,
    results: `${r.offered.screens} screens, every ${r.offered.screenEveryMs[0] / 1000}–${r.offered.screenEveryMs[1] / 1000} s`,
  };
  const answers = (a: Record<string, number>) =>
    Object.entries(a)
      .map(([k, n]) => `${k}: ${n}`)
      .join(", ");
  const m = r.memory;
  const w = r.writes;
  const lines = [
    `${r.dynamodb} · ${r.seconds} s of mixed traffic against one API process · load average (1/5/15 min) before ${r.loadAverage.before.join(" / ")}, after ${r.loadAverage.after.join(" / ")} · CPU seconds used: API ${r.cpuSeconds.api}, DynamoDB Local ${r.cpuSeconds.dynamodbLocal}, load generator ${r.cpuSeconds.loadGenerator} (of ${r.cpuSeconds.of} available)`,
    ``,
    `| route (whole run) | offered | requests | per second | 2xx per second | p50 ms | p99 ms | answers |`,
    `|---|---|---|---|---|---|---|---|`,
    ...ROUTES.map((k) => {
      const x = t.byRoute[k];
      return `| ${LABELS[k]} | ${offered[k]} | ${x.requests} | ${x.perSecond} | ${x.okPerSecond} | ${x.p50ms} | ${x.p99ms} | ${answers(x.answers)} |`;
    }),
    `| **all** | | ${t.requests} | **${t.perSecond}** | ${t.okPerSecond} | | | |`,
    ``,
    `| minute | req/s | ${ROUTES.map((k) => `${LABELS[k]} p50 / p99 ms`).join(" | ")} | API RSS MB | heap used MB |`,
    `|---|---|${ROUTES.map(() => "---|").join("")}---|---|`,
    ...r.perMinute.map(
      (b, i) =>
        `| ${r.bucketSeconds === 60 ? i + 1 : `${b.fromS}–${b.toS} s`} | ${b.perSecond} | ${ROUTES.map((k) => `${b.routes[k].p50ms} / ${b.routes[k].p99ms}`).join(" | ")} | ${b.rssMB ?? ""} | ${b.heapUsedMB ?? ""} |`,
    ),
    ``,
    `| API process memory | RSS MB (/proc VmRSS) | heap used MB | heap total MB |`,
    `|---|---|---|---|`,
    `| start: seeded and warmed, before the traffic, after a full GC | ${m.start.rssMB} (${m.start.vmRssMB}) | ${m.start.heapUsedMB} | ${m.start.heapTotalMB} |`,
    `| end: last sample under load | ${m.lastSample.rssMB} (${m.lastSample.vmRssMB}) | ${m.lastSample.heapUsedMB} | ${m.lastSample.heapTotalMB} |`,
    `| end: after the traffic, after a full GC | ${m.end.rssMB} (${m.end.vmRssMB}) | ${m.end.heapUsedMB} | ${m.end.heapTotalMB} |`,
    `| peak RSS (VmHWM) | ${m.end.vmHwmMB} | | |`,
    ``,
    `| recount: accepted by the clients (distinct keys with a 2xx) vs held by the server | accepted | server | lost | doubled |`,
    `|---|---|---|---|---|`,
    ...w.rows.map((x) => `| ${x.what} — ${x.serverIs} | ${x.accepted} | ${x.server} | ${x.lost} | ${x.doubled} |`),
    `| second ballots (a new key from someone who had voted) accepted | 0 expected | ${w.secondBallots.accepted} of ${w.secondBallots.sent} | | ${w.secondBallots.accepted} |`,
    `| **total** | | | **${w.lost}** | **${w.doubled}** |`,
    ``,
    `Recount ${w.recountOk ? "ok" : "NOT ok"} (${w.recountDifferences} differences). ${r.client.logicalWrites} writes under their own keys (${r.client.warm.writes} of them in the ${r.client.warm.seconds} s warm-up before the measured traffic, recounted with the rest) took ${r.client.sends} sends (${r.client.repeatsScheduled} repeats scheduled, ${r.client.inProgressWaits} answers of 409 in_progress waited out and sent again); ${r.client.unsettledAtEnd} writes were still without an answer when the traffic stopped (${r.client.unsettledAfterwards} after sending them again); ${r.client.shed} arrivals shed by the load generator. ${w.secondBallots.refusedAlreadyVoted} of ${w.secondBallots.sent} second ballots refused with 409 already_voted. The screens saw up to ${r.client.resultsHighestBallotsSeen} ballots during the run (${w.resultsBallotsAfter} after it); a screen's figure went down between two polls ${r.client.resultsWentBackwards} times.`,
    ``,
  ];
  return lines.join("\n");
}
