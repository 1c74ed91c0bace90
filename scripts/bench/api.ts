import { randomBytes } from "node:crypto";
import { josa } from "es-hangul";
import { Session } from "../../core/attendance/session.js";
import { CheckIn } from "../../core/attendance/checkin.js";
import { Forum } from "../../core/attendance/forum.js";
import { Identity } from "../../core/attendance/identity.js";
import { User } from "../../core/accounts/user.js";
import { DemoProposals } from "../../core/demo/proposals.js";
import { Proposal, ProposalIndex } from "../../core/proposals/proposal.js";
import { RateLimit } from "../../core/shared/rate-limit.js";
import { Ballot } from "../../core/voting/ballot.js";
import { Round } from "../../core/voting/round.js";
import { Verification } from "../../core/voting/verification.js";
import { SECONDS, compare, direct, http, percentile, round, type Bench } from "./harness.js";

/**
 * Throughput and latency through the HTTP API beside the very same DynamoDB operations issued
 * directly by core from as many concurrent loops, in interleaved runs, so that the ratio compares
 * like with like:
 *   - check-ins (new person each, with an Idempotency-Key) at 32 clients;
 *   - ballots (online, a new voter each, 30% of requests retries of an earlier one) at 32 and 64;
 *   - online proposals (anonymous, rate-limited per client and address) at 32;
 *   - search over a forum of 10,000 proposals: cold, warm, and under load, beside one full read
 *     of the forum's proposals (what a search without the instance index would cost each time).
 */
const RETRY_SHARE = 0.3;
const SEARCH_PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 10_000);

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
    body: `${dong}동 주민 제안 ${i}번: ${josa(topic, "을/를")} 바랍니다. 주민 누구나 이용할 수 있도록 운영 시간과 위치를 함께 검토해 주세요.`,
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


export async function apiBench(bench: Bench) {
  const url = await bench.url();
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

  return {
    seconds: SECONDS,
    dynamodb: "DynamoDB Local, in memory, same machine",
    checkIns: { concurrency: 32, ...(await checkIns(url, token)), aim: 0.7 },
    ballots: {
      retryShare: RETRY_SHARE,
      at32: { concurrency: 32, ...(await ballots(url, 32)), aim: 0.7 },
      at64: { concurrency: 64, ...(await ballots(url, 64)), aim: 0.7 },
    },
    proposals: { concurrency: 32, ...(await submissions(url)) },
    search: await search(url),
  };
}

export type ApiResults = Awaited<ReturnType<typeof apiBench>>;

export function apiMarkdown(results: ApiResults): string {
  const row = (label: string, r: { perSecond: number; p50ms: number; p99ms: number }) => `| ${label} | ${r.perSecond} | ${r.p50ms} | ${r.p99ms} |`;
  const ratio = (r: { ratio: number }, aim?: number) => `| **ratio API / direct** | **${r.ratio}**${aim ? ` (aim ≥ ${aim})` : ""} | | |`;
  const s = results.search;
  const md = [
    `${results.dynamodb} · ${results.seconds} s per run, two runs each, interleaved`,
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
  return md;
}
