import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { resetClient, useClientMiddleware } from "../../core/shared/table.js";
import { call } from "../support/harness.js";
import { seedForum, signedIn, useApp } from "../support/fixtures.js";

/**
 * DynamoDB throttles and times out (injected below the SDK's retries, as real DynamoDB would):
 * on every keyed write path — check-ins, table ballots, captured agendas, online proposals,
 * meetings — the SDK retries, what still fails is a 503 with Retry-After, and after the caller
 * sends again with its key nothing is counted twice. One of the faults is the nastiest: the write
 * lands and its answer is lost (a timeout after the fact), so the SDK sends it again.
 */
const app = useApp({ env: { GONGNON_INTAKE_PER_CLIENT: "100000", GONGNON_INTAKE_PER_IP: "100000" } });
let staff: string, fac: string;
let forumId: string, sessionId: string, roundId: string, bodyId: string;
let proposals: string[];

beforeAll(async () => {
  ({ token: staff } = await signedIn(app, "staff"));
  const f = await signedIn(app, "facilitator");
  fac = f.token;
  const forum = await seedForum(app, staff, { title: "스로틀 공론장", sessions: [{ title: "1회차", startsAt: "2023-04-18T19:00" }], facilitators: [f.id], extra: { intake: "open" } });
  [forumId, sessionId] = [forum.id, forum.sessions[0]!];
  proposals = [];
  for (const i of [1, 2]) proposals.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staff, body: { title: `의제 ${i}`, field: "행정경제" } })).body.id);
  roundId = (await call(app.url, "POST", `/api/forums/${forumId}/rounds`, { token: staff, body: { title: "R", proposalIds: proposals, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["session"] } })).body.id;
  bodyId = (await call(app.url, "POST", "/api/bodies", { token: staff, body: { name: "스로틀 위원회", kind: "committee", sizeLimit: 10, subcommittees: [], termYears: 2 } })).body.id;
});

type Fault = "throttled" | "timeout" | "lost answer";
/** Injects faults into a share of calls (changeable as it runs), beneath the SDK's retry (so it retries them). */
function injectFaults(rate: { share: number }): Record<Fault, number> {
  const injected: Record<Fault, number> = { throttled: 0, timeout: 0, "lost answer": 0 };
  useClientMiddleware((client) =>
    client.middlewareStack.add(
      (next) => async (args) => {
        const r = Math.random();
        const share = rate.share;
        if (r < share / 3) {
          injected.throttled++;
          throw new ProvisionedThroughputExceededException({ message: "injected: throughput exceeded", $metadata: { httpStatusCode: 400 } });
        }
        if (r < (2 * share) / 3) {
          injected.timeout++;
          throw Object.assign(new Error("injected: socket timed out before the request was sent"), { name: "TimeoutError" });
        }
        const res = await next(args);
        if (r < share) {
          injected["lost answer"]++;
          throw Object.assign(new Error("injected: the answer was lost after the write landed"), { name: "TimeoutError" });
        }
        return res;
      },
      { step: "deserialize", name: "injectFaults", priority: "low" },
    ),
  );
  return injected;
}

interface Req {
  what: string;
  path: string;
  body: unknown;
  token?: string;
  key: string;
  statuses: number[];
}

async function send(r: Req): Promise<number> {
  const res = await call(app.url, "POST", r.path, { token: r.token, body: r.body, headers: { "idempotency-key": r.key } });
  r.statuses.push(res.status);
  if (res.status === 503) expect(res.headers.get("retry-after")).toBe("2");
  return res.status;
}

/** Sends it again with its key while the answer says "try again" (503, 409 in_progress). */
async function sendUntilDone(r: Req): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await send(r);
    if (status !== 503 && status !== 409) return;
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe("throttling and timeouts on every write path", () => {
  it("the SDK retries what it can, the rest is a 503, never a 500; sent again with its key, nothing is counted twice", async () => {
    const key = () => randomBytes(16).toString("base64url");
    const phone = (i: number) => `010-5${String(i).padStart(3, "0")}-${String(1000 + i)}`;
    const batch = (from: number, to: number): Req[] =>
      Array.from({ length: to - from }, (_, j) => from + j).flatMap((i) => [
        { what: "checkin", path: `/api/sessions/${sessionId}/checkins`, body: { phone: phone(i) }, token: fac, key: key(), statuses: [] },
        { what: "ballot", path: `/api/rounds/${roundId}/ballots`, body: { sessionId, phone: phone(i), choices: [proposals[i % 2]] }, token: fac, key: key(), statuses: [] },
        { what: "agenda", path: `/api/sessions/${sessionId}/proposals`, body: { title: `현장 의제 ${i}`, field: "행정경제" }, token: fac, key: key(), statuses: [] },
        { what: "proposal", path: `/api/forums/${forumId}/proposals`, body: { title: `온라인 제안 ${i}`, body: "주민이 온라인으로 보낸 제안입니다.", field: "행정경제" }, key: key(), statuses: [] },
        { what: "meeting", path: `/api/bodies/${bodyId}/meetings`, body: { kind: "full", title: `제${i + 1}차 회의`, on: "2023-05-10" }, token: staff, key: key(), statuses: [] },
      ]);
    const rate = { share: 0.1 };
    const injected = injectFaults(rate);

    // Throttling now and then: the SDK's retries absorb nearly all of it.
    const light = batch(0, 30);
    await Promise.all([...light.map(send), ...light.filter((_, i) => i % 3 === 0).map((r) => send({ ...r, statuses: [] }))]);
    const absorbed = { ...injected };
    const lightOk = light.filter((r) => r.statuses[0] === 200 || r.statuses[0] === 201).length;

    // A storm: most calls fail, the retries (and their quota) run out, callers get 503s.
    rate.share = 0.8;
    const storm = batch(30, 50);
    await Promise.all(storm.map(send));
    const stormed = storm.filter((r) => r.statuses[0] === 503).length;

    // It passes: everything not yet answered is sent again with its key.
    rate.share = 0;
    const reqs = [...light, ...storm];
    await Promise.all(reqs.map((r) => (r.statuses.at(-1) === 503 || r.statuses.at(-1) === 409 ? sendUntilDone(r) : undefined)));
    resetClient();

    const all = reqs.flatMap((r) => r.statuses);
    console.log(
      `injected ${JSON.stringify(injected)} (${JSON.stringify(absorbed)} during light throttling, when ${lightOk}/${light.length} requests succeeded at once); storm: ${stormed}/${storm.length} answered 503; ${all.length} sends in all`,
    );
    expect(absorbed.throttled + absorbed.timeout + absorbed["lost answer"]).toBeGreaterThan(20);
    expect(lightOk / light.length).toBeGreaterThan(0.8);
    expect(stormed).toBeGreaterThan(0);
    expect(injected["lost answer"]).toBeGreaterThan(5);
    expect(all.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(reqs.filter((r) => ![200, 201].includes(r.statuses.at(-1)!)).map((r) => `${r.what}: ${r.statuses.join(",")}`)).toEqual([]);

    const stats = (await call(app.url, "GET", `/api/forums/${forumId}/stats`)).body;
    expect(stats).toMatchObject({ attendances: 50, participants: 50 });
    const recount = (await call(app.url, "POST", `/api/rounds/${roundId}/recount`, { token: staff })).body;
    expect(recount).toMatchObject({ ok: true, ballots: { counted: 50, counters: 50 } });
    const pending = (await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=1&status=pending`, { token: staff })).body;
    expect(pending.total).toBe(50);
    const published = (await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=1`)).body;
    expect(published.total).toBe(50 + proposals.length);
    expect((await call(app.url, "GET", `/api/bodies/${bodyId}/meetings`)).body.meetings).toHaveLength(50);
    const funnel = await call(app.url, "POST", `/api/forums/${forumId}/funnel/recount`, { token: staff });
    expect(funnel.body.differences ?? []).toEqual([]);
    expect(app.logs.filter((l) => l.includes('"unhandled"'))).toEqual([]);
  }, 240_000);
});
