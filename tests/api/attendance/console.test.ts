import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Identity } from "../../../core/attendance/identity.js";
import { Idempotency } from "../../../core/shared/idempotency.js";
import { Sealed } from "../../../core/shared/sealing.js";
import { Keys, db, epochSeconds, tableName } from "../../../core/shared/table.js";
import { toKst } from "../../../core/shared/time.js";
import { Round } from "../../../core/voting/round.js";
import { seal, type SealingKey } from "../../../web/src/attendance/tablet/seal.js";
import { call, callAsConsole, createAccount, login, type Account } from "../../support/harness.js";
import { seedForum, useApp } from "../../support/fixtures.js";

/**
 * What the offline console relies on from the server: identifiers sealed on the tablet (opened,
 * hashed and forgotten; anything unreadable a 400 naming `sealed`), idempotency records kept 7
 * days that name no voter, 409 in_progress while a key's first request still runs, table ballots
 * queued before a close landing within the round's grace period, results provisional until the
 * consoles report empty outboxes, the consoles' reports, the server's clock.
 */
const app = useApp();
let staff: Account, fac: Account, otherFac: Account;
let token: string, facToken: string, otherFacToken: string;
let forumId: string, sessionId: string, otherSessionId: string;
let proposals: string[];
let key: SealingKey;

const OPEN = { opensAt: "2020-01-01T00:00", closesAt: "2099-12-31T23:00" };
const phone = (i: number) => `010-4${String(i).padStart(3, "0")}-${String(3000 + i).slice(-4)}`;

beforeAll(async () => {
  [staff, fac, otherFac] = await Promise.all([createAccount("staff"), createAccount("facilitator"), createAccount("facilitator")]);
  [token, facToken, otherFacToken] = await Promise.all([login(app.url, staff), login(app.url, fac), login(app.url, otherFac)]);
  const forum = await seedForum(app, token, {
    title: "오프라인 공론장",
    sessions: [
      { title: "1회차", startsAt: "2023-04-18T19:00" },
      { title: "2회차", startsAt: "2023-04-19T19:00" },
    ],
    facilitators: [fac.id],
  });
  [forumId, sessionId, otherSessionId] = [forum.id, forum.sessions[0]!, forum.sessions[1]!];
  await call(app.url, "POST", `/api/sessions/${otherSessionId}/facilitators`, { token, body: { userId: otherFac.id } });
  proposals = [];
  for (const i of [1, 2, 3]) proposals.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title: `의제 ${i}`, field: "행정경제" } })).body.id);
  const res = await call(app.url, "GET", "/api/sealing-key");
  expect(res.status).toBe(200);
  key = res.body;
});

async function newRound(extra: Record<string, unknown> = {}) {
  const res = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, { token, body: { title: "현장 투표", proposalIds: proposals, maxChoices: 2, ...OPEN, channels: ["online", "session"], ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; graceMinutes: number };
}

const checkIn = (body: unknown, key?: string, session = sessionId) =>
  call(app.url, "POST", `/api/sessions/${session}/checkins`, { token: facToken, body, headers: key ? { "idempotency-key": key } : {} });
const tableBallot = (roundId: string, body: Record<string, unknown>, key?: string) =>
  call(app.url, "POST", `/api/rounds/${roundId}/ballots`, { token: facToken, body: { sessionId, ...body }, headers: key ? { "idempotency-key": key } : {} });
const idemItem = async (scope: string, k: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: Keys.idempotency(scope, k), ConsistentRead: true }))).Item!;

describe("sealed identifiers", () => {
  it("the public key has no private part; a sealed number checks the same person in as the typed one", async () => {
    expect(key).toMatchObject({ alg: "ECDH-P256+HKDF-SHA256+A256GCM", jwk: { kty: "EC", crv: "P-256" } });
    expect(JSON.stringify(key)).not.toContain('"d"');
    const typed = await checkIn({ phone: phone(1) });
    expect(typed.status).toBe(201);
    const sealed = await seal(key, { phone: phone(1).replace(/-/g, " ") });
    expect(sealed).not.toContain(phone(1).slice(-4));
    const again = await checkIn({ sealed }, "sealed-1");
    expect(again.status).toBe(200);
    expect(again.body.firstInSession).toBe(false);
    const other = await checkIn({ sealed: await seal(key, { name: "김하나", birthDate: "1990-01-02" }) }, "sealed-2");
    expect(other.status).toBe(201);
  });

  it("anything unreadable is a 400 naming sealed, never a 500", async () => {
    const good = await seal(key, { phone: phone(2) });
    const parts = good.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    const cases: [unknown, string][] = [
      [{ sealed: "garbage" }, "sealed_unreadable"],
      [{ sealed: ["v2", ...parts.slice(1)].join(".") }, "sealed_unreadable"],
      [{ sealed: [...parts.slice(0, 4), flip(parts[4]!)].join(".") }, "sealed_unreadable"],
      [{ sealed: [parts[0], parts[1], flip(parts[2]!), ...parts.slice(3)].join(".") }, "sealed_unreadable"],
      [{ sealed: [parts[0], "AAAAAAAAAAAAAAAA", ...parts.slice(2)].join(".") }, "sealed_key_retired"],
      [{ sealed: "v1.a.b.c.d!" }, "sealed_unreadable"],
      [{ sealed: await seal(key, { phone: "010-12" }) }, "phone_wrong_length"],
      [{ sealed: await seal(key, { nickname: "x" } as never) }, "sealed_identifier_invalid"],
    ];
    for (const [body, code] of cases) {
      const res = await checkIn(body);
      expect({ code, status: res.status, field: res.body.error?.field }).toEqual({ code, status: 400, field: "sealed" });
      expect(res.body.error.code).toBe(code);
    }
    const both = await checkIn({ sealed: good, phone: phone(2) });
    expect(both.status).toBe(400);
    expect(both.body.error.field).toBe("sealed");
  });
});

describe("idempotency for an outbox", () => {
  it("records live 7 days; a ballot's record names nobody: its fingerprint is the request's public parts and the ciphertext's digest", async () => {
    const round = await newRound();
    const sealed = await seal(key, { phone: phone(10) });
    const res = await tableBallot(round.id, { sealed, choices: [proposals[0]] }, "k-ballot-10-000000000000");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const item = await idemItem(`ballot:${round.id}`, "k-ballot-10-000000000000");
    expect(Number(item.expiresAt)).toBeGreaterThanOrEqual(epochSeconds() + 7 * 86400 - 120);
    const person = Identity.of({ phone: phone(10) });
    expect(item.fingerprint).toBe(Idempotency.fingerprint(round.id, "session", sessionId, [proposals[0]], `sealed:${Sealed.digest(sealed)}`));
    expect(item.fingerprint).not.toBe(Idempotency.fingerprint(round.id, person, "session", [proposals[0]]));
    expect(JSON.stringify(item)).not.toContain(person);
    // The same key with another person's sealed number is another request: 422, not their receipt.
    const stolen = await tableBallot(round.id, { sealed: await seal(key, { phone: phone(11) }), choices: [proposals[0]] }, "k-ballot-10-000000000000");
    expect(stolen.status).toBe(422);
    const replay = await tableBallot(round.id, { sealed, choices: [proposals[0]] }, "k-ballot-10-000000000000");
    expect(replay.status).toBe(201);
    expect(replay.body.receipt).toBe(res.body.receipt);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const checkin = await checkIn({ phone: phone(12) }, "k-checkin-12");
    expect(checkin.status).toBe(201);
    expect(Number((await idemItem(`checkin:${sessionId}`, "k-checkin-12")).expiresAt)).toBeGreaterThanOrEqual(epochSeconds() + 7 * 86400 - 120);
  });

  it("409 in_progress while the key's first request runs; the answer once it settles; a dead claim is taken over", async () => {
    const person = Identity.of({ phone: phone(20) });
    const claim = { scope: `checkin:${sessionId}`, key: "k-running", fingerprint: createHash("sha256").update(`${sessionId}|${person}`).digest("base64url") };
    const started = await Idempotency.begin(claim);
    expect("owned" in started).toBe(true);
    const busy = await checkIn({ phone: phone(20) }, "k-running");
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: "in_progress", field: "Idempotency-Key" });
    expect(busy.headers.get("retry-after")).toBe("2");
    // Another request under the same key is told so at once, running or not.
    expect((await checkIn({ phone: phone(21) }, "k-running")).status).toBe(422);
    // The first request gives up (a refusal): the retry is judged afresh and lands once.
    await Idempotency.release((started as { owned: Idempotency.Owned }).owned);
    const landed = await checkIn({ phone: phone(20) }, "k-running");
    expect(landed.status).toBe(201);
    expect((await checkIn({ phone: phone(20) }, "k-running")).body).toEqual(landed.body);

    // A claim whose request died (older than CLAIM_S) does not block the key forever.
    const dead = { ...claim, key: "k-dead" };
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...Keys.idempotency(dead.scope, dead.key), state: "in_progress", owner: "gone", fingerprint: dead.fingerprint, startedAt: Date.now() - 60_000 } }),
    );
    const taken = await checkIn({ phone: phone(20) }, "k-dead");
    expect(taken.status).toBe(200);
    expect(taken.body.firstInSession).toBe(false);
  });

  it("items queued by the previous console (typed numbers, any key) are still accepted", async () => {
    const round = await newRound();
    const res = await tableBallot(round.id, { phone: phone(30), choices: [proposals[1]] }, "old-key-1");
    expect(res.status).toBe(201);
    const again = await tableBallot(round.id, { phone: phone(30), choices: [proposals[1]] }, "old-key-1");
    expect(again.body.receipt).toBe(res.body.receipt);
    const item = await idemItem(`ballot:${round.id}`, "old-key-1");
    expect(JSON.stringify(item)).not.toContain(Identity.of({ phone: phone(30) }));
  });
});

describe("time: a ballot queued before the close lands within the grace period", () => {
  it("judged by castAt; refused when cast after the close, when the grace is over, or when castAt is ahead of the server", async () => {
    const round = await newRound();
    const before = new Date(Date.now() - 60_000).toISOString();
    const closed = await call(app.url, "POST", `/api/rounds/${round.id}/close`, { token });
    expect(closed.status).toBe(200);
    const late = await tableBallot(round.id, { sealed: await seal(key, { phone: phone(40) }), choices: [proposals[0]], castAt: before }, "late-40-00000000000000");
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    const afterClose = await tableBallot(round.id, { phone: phone(41), choices: [proposals[0]], castAt: new Date().toISOString() });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.error.code).toBe("round_closed");
    const noCastAt = await tableBallot(round.id, { phone: phone(42), choices: [proposals[0]] });
    expect(noCastAt.body.error.code).toBe("round_closed");
    const ahead = await tableBallot(round.id, { phone: phone(43), choices: [proposals[0]], castAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.field).toBe("castAt");

    // Three hours later (the close moved back in the record): the 2-hour grace is over.
    const old = toKst(new Date(Date.now() - 3 * 3_600_000).toISOString());
    const graceOver = toKst(new Date(Date.now() - 3_600_000).toISOString());
    await db().send(new UpdateCommand({ TableName: tableName(), Key: Keys.round(round.id), UpdateExpression: "SET closedAt = :c", ExpressionAttributeValues: { ":c": old } }));
    for (let s = 0; s < Round.SHARDS; s++) {
      await db().send(new UpdateCommand({ TableName: tableName(), Key: Keys.turnout(round.id, s), UpdateExpression: "SET closedAt = :c, graceUntil = :g", ExpressionAttributeValues: { ":c": old, ":g": graceOver } }));
    }
    const tooLate = await tableBallot(round.id, { phone: phone(44), choices: [proposals[0]], castAt: toKst(new Date(Date.now() - 4 * 3_600_000).toISOString()) });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe("round_closed");
    const results = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(results.body.ballots).toBe(1);
  });

  it("online ballots get no grace; the round's grace is a rule (0–1440 minutes)", async () => {
    expect((await call(app.url, "POST", `/api/forums/${forumId}/rounds`, { token, body: { title: "x", proposalIds: proposals, maxChoices: 1, ...OPEN, channels: ["session"], graceMinutes: 2000 } })).body.error.field).toBe("graceMinutes");
    const round = await newRound({ graceMinutes: 30 });
    expect(round.graceMinutes).toBe(30);
    expect((await newRound()).graceMinutes).toBe(Round.DEFAULT_GRACE_MINUTES);
  });
});

describe("consoles report their outboxes", () => {
  const report = (deviceId: string, body: Record<string, unknown>, opts: { token?: string; session?: string } = {}) =>
    call(app.url, "PUT", `/api/sessions/${opts.session ?? sessionId}/devices/${deviceId}`, {
      token: opts.token ?? facToken,
      body: { sequence: 1, saved: 0, recorded: 0, pending: 0, attention: 0, rounds: [], ...body },
    });

  it("staff see every tablet of a session; a late older report never replaces a newer one; only the session's team reports", async () => {
    expect((await report("tablet-aaaa-0001", { label: "1번 테이블", sequence: 5, saved: 27, recorded: 27 })).status).toBe(200);
    expect((await report("tablet-aaaa-0001", { sequence: 4, saved: 26, recorded: 20, pending: 6 })).body).toMatchObject({ saved: 27, recorded: 27, pending: 0 });
    expect((await report("tablet-aaaa-0002", { sequence: 1, saved: 3, recorded: 1, pending: 2 })).status).toBe(200);
    const list = await call(app.url, "GET", `/api/sessions/${sessionId}/devices`, { token });
    expect(list.status).toBe(200);
    expect(list.body.allEmpty).toBe(false);
    expect(list.body.devices.map((d: { deviceId: string; saved: number }) => [d.deviceId, d.saved])).toEqual([
      ["tablet-aaaa-0001", 27],
      ["tablet-aaaa-0002", 3],
    ]);
    expect((await report("tablet-aaaa-0003", {}, { token: otherFacToken })).status).toBe(403);
    expect((await call(app.url, "GET", `/api/sessions/${sessionId}/devices`)).status).toBe(401);
    const bad = await report("short", {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("deviceId");
    expect((await report("tablet-aaaa-0004", { pending: -1 })).body.error.field).toBe("pending");
  });

  it("a round with a tablet still holding ballots: closing is a 409 unless forced; results are provisional until every tablet that took ballots reports empty", async () => {
    const round = await newRound();
    const ballot = await callAsConsole(app.url, "POST", `/api/rounds/${round.id}/ballots`, {
      token: facToken,
      body: { sessionId, sealed: await seal(key, { phone: phone(50) }), choices: [proposals[2]] },
      headers: { "idempotency-key": "p-50-00000000000000000" },
    });
    expect(ballot.status).toBe(201);
    expect((await report("tablet-bbbb-0001", { sequence: 1, saved: 2, recorded: 1, pending: 1, rounds: [{ roundId: round.id, saved: 2, recorded: 1, pending: 1 }] })).status).toBe(200);
    const refused = await call(app.url, "POST", `/api/rounds/${round.id}/close`, { token });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("tablets_pending");
    expect(refused.body.error.message).toContain("tablet-b");
    const forced = await call(app.url, "POST", `/api/rounds/${round.id}/close?force=true`, { token });
    expect(forced.status).toBe(200);
    const provisional = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(provisional.body).toMatchObject({ status: "closed", provisional: true, tabletsWaiting: 1 });
    expect(Date.parse(provisional.body.provisionalUntil)).toBeGreaterThan(Date.now() + 119 * 60_000);
    // The tablet reconnects, sends its last ballot (queued before the close) and reports an empty outbox.
    const last = await tableBallot(round.id, { sealed: await seal(key, { phone: phone(51) }), choices: [proposals[2]], castAt: new Date(Date.now() - 120_000).toISOString() }, "p-51-00000000000000000");
    expect(last.status).toBe(201);
    expect((await report("tablet-bbbb-0001", { sequence: 2, saved: 2, recorded: 2, pending: 0, rounds: [{ roundId: round.id, saved: 2, recorded: 2, pending: 0 }] })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // past the results' one-second memo
    const final = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(final.body).toMatchObject({ provisional: false, tabletsWaiting: 0, ballots: 2 });
    expect(final.body.provisionalUntil).toBeUndefined();
  });
});

describe("the console's clock and sign-in", () => {
  it("the server's time; the sign-in's end", async () => {
    const res = await call(app.url, "GET", "/api/clock");
    expect(res.status).toBe(200);
    expect(Math.abs(res.body.epochMs - Date.now())).toBeLessThan(5_000);
    expect(Date.parse(res.body.now)).toBe(res.body.epochMs);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const me = await call(app.url, "GET", "/api/auth/me", { token: facToken });
    expect(Date.parse(me.body.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3_600_000);
  });
});
