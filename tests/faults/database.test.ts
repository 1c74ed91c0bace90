import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sealed } from "../../core/shared/sealing.js";
import { resetClient } from "../../core/shared/table.js";
import { ensureTable, superviseDynamoLocal, type SupervisedDynamo } from "../../scripts/dynamo-local.js";
import { call, createAccount, login, startApp, type TestApp } from "../support/harness.js";

/**
 * The database goes away and comes back, twice, under a steady load of check-ins, table ballots
 * and captured agendas, each with its Idempotency-Key. DynamoDB Local (on a data folder, under the
 * same supervision as `npm start`) is killed with SIGKILL while requests are in flight. Afterwards,
 * every request is sent again with its key until it has an answer: each is present exactly once,
 * the counters equal what the items say, and no request was ever answered with a 500.
 */
let dynamo: SupervisedDynamo;
let app: TestApp;
let dataDir: string;
let fac: string;
let staff: string;
let forumId: string, sessionId: string, roundId: string;
let proposals: string[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "gongnon-faults-"));
  dynamo = await superviseDynamoLocal({ dbPath: dataDir });
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TABLE_NAME = "faults";
  process.env.GONGNON_HMAC_KEY = randomBytes(32).toString("hex");
  process.env.GONGNON_SEALING_KEY = Sealed.newKeyPem();
  process.env.GONGNON_OUTBOX = join(dataDir, "outbox.jsonl");
  resetClient();
  await ensureTable(dynamo.endpoint, "faults");
  app = await startApp();
  const [s, f] = await Promise.all([createAccount("staff"), createAccount("facilitator")]);
  [staff, fac] = await Promise.all([login(app.url, s), login(app.url, f)]);
  forumId = (await call(app.url, "POST", "/api/forums", { token: staff, body: { title: "장애 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" } })).body.id;
  sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: staff, body: { title: "1회차", startsAt: "2023-04-18T19:00" } })).body.id;
  expect((await call(app.url, "POST", `/api/sessions/${sessionId}/facilitators`, { token: staff, body: { userId: f.id } })).status).toBe(201);
  proposals = [];
  for (const i of [1, 2, 3]) proposals.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staff, body: { title: `의제 ${i}`, field: "행정경제" } })).body.id);
  roundId = (
    await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token: staff,
      body: { title: "장애 중 투표", proposalIds: proposals, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["session"] },
    })
  ).body.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await dynamo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Kind = "checkin" | "ballot" | "agenda";
interface Sent {
  kind: Kind;
  key: string;
  path: string;
  body: unknown;
  statuses: number[];
}

const phone = (i: number) => `010-7${String(Math.floor(i / 10000)).padStart(3, "0")}-${String(i % 10000).padStart(4, "0")}`;

async function send(s: Sent): Promise<number> {
  let status: number;
  try {
    const res = await call(app.url, "POST", s.path, { token: fac, body: s.body, headers: { "idempotency-key": s.key } });
    status = res.status;
  } catch {
    status = 0; // no answer
  }
  s.statuses.push(status);
  return status;
}

/** Sends it again with its key until it gets an answer that is not "try again" (503, 409 in_progress, none). */
async function settle(s: Sent): Promise<number> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = s.statuses.at(-1)!;
    if (status >= 200 && status < 300) return status;
    if (status !== 0 && status !== 503 && status !== 409) return status;
    if (Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 250));
    await send(s);
  }
}

describe("DynamoDB Local killed twice under load", () => {
  it("every request present exactly once after retries with its key; counters equal the items; never a 500", async () => {
    const sent: Sent[] = [];
    let n = 0;
    let running = true;
    const make = (kind: Kind): Sent => {
      const i = n++;
      const key = `${kind}-${i}-${randomBytes(12).toString("base64url")}`;
      if (kind === "checkin") return { kind, key, path: `/api/sessions/${sessionId}/checkins`, body: { phone: phone(i) }, statuses: [] };
      if (kind === "ballot") return { kind, key, path: `/api/rounds/${roundId}/ballots`, body: { sessionId, phone: phone(i), choices: [proposals[i % 3]] }, statuses: [] };
      return { kind, key, path: `/api/sessions/${sessionId}/proposals`, body: { title: `현장 의제 ${i}`, field: "행정경제" }, statuses: [] };
    };
    const worker = async (w: number) => {
      const kinds: Kind[] = ["checkin", "ballot", "agenda"];
      for (let j = 0; running; j++) {
        const s = make(kinds[(w + j) % 3]!);
        sent.push(s);
        await send(s);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    const faults: { at: number; downFor: number }[] = [];
    const t0 = Date.now();
    for (const wait of [3_000, 4_000]) {
      await new Promise((r) => setTimeout(r, wait));
      const before = dynamo.restarts;
      process.kill(dynamo.javaPid, "SIGKILL");
      const killed = Date.now();
      while (dynamo.restarts === before) await new Promise((r) => setTimeout(r, 50));
      faults.push({ at: killed - t0, downFor: Date.now() - killed });
    }
    await new Promise((r) => setTimeout(r, 2_000));
    running = false;
    await Promise.all(workers);

    const first = sent.map((s) => s.statuses[0]!);
    const count = (pred: (st: number) => boolean) => first.filter(pred).length;
    console.log(
      `faults: ${JSON.stringify(faults)}; ${sent.length} requests: ${count((st) => st >= 200 && st < 300)} 2xx, ${count((st) => st === 503)} 503, ${count((st) => st === 409)} 409 in_progress, ${count((st) => st === 0)} no answer`,
    );
    // The faults were felt: some requests were refused while the database was away.
    expect(count((st) => st === 503 || st === 0)).toBeGreaterThan(0);

    await Promise.all(sent.map(settle));
    const all = sent.flatMap((s) => s.statuses);
    expect(all.filter((st) => st >= 500 && st !== 503)).toEqual([]);
    const unsettled = sent.filter((s) => !(s.statuses.at(-1)! >= 200 && s.statuses.at(-1)! < 300));
    expect(unsettled.map((s) => `${s.kind} ${s.key}: ${s.statuses.join(",")}`)).toEqual([]);

    // Exactly once: what the table holds equals the distinct requests.
    const of = (k: Kind) => sent.filter((s) => s.kind === k).length;
    const stats = await call(app.url, "GET", `/api/forums/${forumId}/stats`);
    expect(stats.body).toMatchObject({ attendances: of("checkin"), participants: of("checkin") });
    const recount = await call(app.url, "POST", `/api/rounds/${roundId}/recount`, { token: staff });
    expect(recount.body.ok).toBe(true);
    expect(recount.body.ballots).toEqual({ counted: of("ballot"), counters: of("ballot") });
    const listed = await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=1`);
    expect(listed.body.total).toBe(of("agenda") + proposals.length);
    const funnel = await call(app.url, "POST", `/api/forums/${forumId}/funnel/recount`, { token: staff });
    expect(funnel.status).toBe(200);
    expect(funnel.body.differences ?? []).toEqual([]);
  }, 300_000);
});
