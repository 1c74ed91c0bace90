import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { Identity } from "../../../core/attendance/identity.js";
import { Keys, db, tableName } from "../../../core/shared/table.js";
import { call, callAsConsole, createAccount, lastCode, login, type Account } from "../../support/harness.js";
import { seedForum, useApp } from "../../support/fixtures.js";

/**
 * Agenda voting through the real HTTP API on DynamoDB Local: rounds and their locked rules,
 * one-time codes from the local outbox, online and table ballots counted exactly once under
 * concurrent retries, hidden results, recount, and core agendas.
 */

const app = useApp({ env: { GONGNON_INTAKE_PER_IP: "100000", GONGNON_VERIFY_PER_IP: "100000" } });
let staff: Account, fac: Account, otherFac: Account;
let token: string, facToken: string, otherFacToken: string;
let forumId: string, sessionId: string, otherSessionId: string;
let proposals: string[];

const OPEN = { opensAt: "2020-01-01T00:00", closesAt: "2099-12-31T23:00" };
let clientSeq = 0;
const client = () => `gongnon_client=${`v${String(++clientSeq).padStart(6, "0")}`.padEnd(22, "y")}`;
const phone = (i: number) => `010-6${String(i).padStart(3, "0")}-${String(2000 + i).slice(-4)}`;

beforeAll(async () => {
  [staff, fac, otherFac] = await Promise.all([createAccount("staff"), createAccount("facilitator"), createAccount("facilitator")]);
  [token, facToken, otherFacToken] = await Promise.all([login(app.url, staff), login(app.url, fac), login(app.url, otherFac)]);
  const forum = await seedForum(app, token, {
    title: "투표 공론장",
    sessions: [
      { title: "1회차", startsAt: "2023-04-18T19:00" },
      { title: "2회차", startsAt: "2023-04-19T19:00" },
    ],
    facilitators: [fac.id],
  });
  [forumId, sessionId, otherSessionId] = [forum.id, forum.sessions[0]!, forum.sessions[1]!];
  proposals = [];
  for (const [i, field] of ["행정경제", "복지보건", "도시건설", "청년문화", "도시건설", "청년문화"].entries()) {
    const p = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title: `투표 의제 ${i + 1}`, field } });
    expect(p.status).toBe(201);
    proposals.push(p.body.id);
  }
});

async function newRound(extra: Record<string, unknown> = {}) {
  const res = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
    token,
    body: { title: "핵심 의제 투표", proposalIds: proposals, maxChoices: 3, ...OPEN, channels: ["online", "session"], ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

/** Proves a number through the outbox and returns the voter cookie. */
async function verify(num: string, cookie = client()): Promise<string> {
  const sent = await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie } });
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  const code = lastCode(num.slice(-4));
  expect(code).toMatch(/^\d{6}$/);
  const ok = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code }, headers: { cookie } });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  const set = ok.headers.get("set-cookie") ?? "";
  expect(set).toMatch(/gongnon_voter=[^;]+;.*HttpOnly/i);
  expect(set).toMatch(/SameSite=Strict/i);
  return set.split(";")[0]!;
}

// As a console sends: a key still in flight (409 in_progress) is sent again shortly.
const ballot = (roundId: string, body: unknown, opts: { voter?: string; token?: string; key?: string } = {}) =>
  callAsConsole(app.url, "POST", `/api/rounds/${roundId}/ballots`, {
    body,
    token: opts.token,
    headers: { ...(opts.voter ? { cookie: opts.voter } : {}), ...(opts.key ? { "idempotency-key": opts.key } : {}) },
  });

describe("rounds", () => {
  it("staff create a round; bad rules are 400s naming the field; others may not", async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ proposalIds: [proposals[0]] }, "proposalIds"],
      [{ proposalIds: [proposals[0], proposals[0]] }, "proposalIds"],
      [{ maxChoices: 0 }, "maxChoices"],
      [{ maxChoices: 7 }, "maxChoices"],
      [{ closesAt: "2019-01-01T00:00" }, "closesAt"],
      [{ channels: [] }, "channels"],
      [{ channels: ["fax"] }, "channels.0"],
      [{ proposalIds: [proposals[0], "nope"], maxChoices: 1 }, "proposalIds"],
    ];
    for (const [extra, field] of bad) {
      const res = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
        token,
        body: { title: "x", proposalIds: proposals, maxChoices: 3, ...OPEN, channels: ["online"], ...extra },
      });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.error.field).toBe(field);
    }
    const body = { title: "x", proposalIds: proposals, maxChoices: 3, ...OPEN, channels: ["online"] };
    expect((await call(app.url, "POST", `/api/forums/${forumId}/rounds`, { body })).status).toBe(401);
    expect((await call(app.url, "POST", `/api/forums/${forumId}/rounds`, { token: facToken, body })).status).toBe(403);
    const round = await newRound();
    const view = await call(app.url, "GET", `/api/rounds/${round.id}`);
    expect(view.body).toMatchObject({ status: "open", locked: false, maxChoices: 3, turnout: { ballots: 0 } });
    expect(view.body.proposals.map((p: { title: string }) => p.title)).toContain("투표 의제 1");
    const list = await call(app.url, "GET", `/api/forums/${forumId}/rounds`);
    expect(list.body.rounds.map((r: { id: string }) => r.id)).toContain(round.id);
  });

  it("rules can change until the first ballot, then they are locked", async () => {
    const round = await newRound();
    // A change is checked together with the rules it keeps.
    const tooMany = await call(app.url, "PATCH", `/api/rounds/${round.id}`, { token, body: { proposalIds: proposals.slice(0, 2), maxChoices: 3 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe("maxChoices");
    const early = await call(app.url, "PATCH", `/api/rounds/${round.id}`, { token, body: { closesAt: "2019-06-01T00:00" } });
    expect(early.status).toBe(400);
    expect(early.body.error.field).toBe("closesAt");
    const changed = await call(app.url, "PATCH", `/api/rounds/${round.id}`, { token, body: { maxChoices: 2 } });
    expect(changed.status).toBe(200);
    expect(changed.body.maxChoices).toBe(2);
    const tooManyChoices = await ballot(round.id, { sessionId, phone: phone(900), choices: proposals.slice(0, 3) }, { token });
    expect(tooManyChoices.status).toBe(400);
    expect(tooManyChoices.body.error.code).toBe("too_many_choices");
    expect((await ballot(round.id, { sessionId, phone: phone(900), choices: proposals.slice(0, 2) }, { token })).status).toBe(201);
    const locked = await call(app.url, "PATCH", `/api/rounds/${round.id}`, { token, body: { maxChoices: 3 } });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("rules_locked");
    expect((await call(app.url, "GET", `/api/rounds/${round.id}`)).body).toMatchObject({ locked: true, maxChoices: 2 });
  });
});

describe("verification codes", () => {
  it("a wrong code says how many tries are left, as it does for a number no code was sent to; the right one is single use; resend is throttled, also after a use", async () => {
    const num = "010-7777-1234";
    const cookie = client();
    expect((await call(app.url, "POST", "/api/verifications", { body: { phone: "010-123" }, headers: { cookie } })).status).toBe(400);
    expect((await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie } })).status).toBe(202);
    const again = await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie } });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    const code = lastCode("1234")!;
    const wrong = code === "000000" ? "111111" : "000000";
    const bad = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code: wrong } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "code_wrong", field: "code" });
    expect(bad.body.error.message).toContain("4번");
    // No code was ever sent to this number: the same answer, so nobody learns whether a code is pending.
    const never = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: "010-7777-0001", code: wrong } });
    expect(never.status).toBe(400);
    expect(never.body).toEqual(bad.body);
    expect((await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code: "12ab56" } })).status).toBe(400);
    const good = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: "+82 10-7777-1234", code } });
    expect(good.status).toBe(200);
    const reused = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code } });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe("code_wrong");
    // A code that was just used does not open a new send at once: the one-a-minute guard holds.
    const soon = await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie } });
    expect(soon.status).toBe(429);
  });

  it("five wrong codes use it up, as for a number without a code; an expired code is refused as a wrong one", async () => {
    const num = "010-7777-5678";
    await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie: client() } });
    const code = lastCode("5678")!;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) expect((await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code: wrong } })).status).toBe(400);
    const fifth = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code: wrong } });
    expect(fifth.status).toBe(422);
    expect(fifth.body.error.code).toBe("code_attempts_exceeded");
    const right = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: num, code } });
    expect(right.body.error.code).toBe("code_attempts_exceeded");
    const none = "010-7777-0002";
    for (let i = 0; i < 4; i++) expect((await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: none, code: wrong } })).status).toBe(400);
    expect((await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: none, code: wrong } })).body).toEqual(fifth.body);

    const late = "010-7777-9012";
    await call(app.url, "POST", "/api/verifications", { body: { phone: late }, headers: { cookie: client() } });
    const person = Identity.of({ phone: late });
    await db().send(new UpdateCommand({ TableName: tableName(), Key: Keys.verification(person), UpdateExpression: "SET expiresAt = :past", ExpressionAttributeValues: { ":past": 1 } }));
    const expired = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: late, code: lastCode("9012") } });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe("code_wrong");
    expect(expired.body.error.message).toContain("만료");
  });

  it("no raw number reaches the table or the log: the outbox and log show it masked", async () => {
    const joined = app.logs.join("\n");
    expect(joined).not.toContain("01077771234");
    expect(joined).not.toContain("7777-1234");
    expect(joined).toContain("010-****-1234");
  });
});

describe("ballots", () => {
  it("online: needs a verified number; a retried ballot returns its receipt; a second one is a 409 naming the channel", async () => {
    const round = await newRound();
    const choices = [proposals[0], proposals[1]];
    const noVoter = await ballot(round.id, { choices });
    expect(noVoter.status).toBe(401);
    expect(noVoter.body.error.code).toBe("voter_verification_required");
    expect((await call(app.url, "GET", "/api/verifications/me")).body.verified).toBe(false);

    const voter = await verify(phone(1));
    const me = (await call(app.url, "GET", "/api/verifications/me", { headers: { cookie: voter } })).body;
    expect(me.verified).toBe(true);
    expect(me.expiresInSeconds).toBeGreaterThan(1700);
    expect(me.expiresInSeconds).toBeLessThanOrEqual(1800);
    expect((await call(app.url, "GET", `/api/rounds/${round.id}/voter`, { headers: { cookie: voter } })).body).toEqual({ verified: true, voted: false });
    expect((await call(app.url, "GET", `/api/rounds/${round.id}/voter`)).body).toEqual({ verified: false, voted: false });
    const first = await ballot(round.id, { choices }, { voter, key: "online-1" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ roundId: round.id, channel: "online", choices: 2 });
    expect((await call(app.url, "GET", `/api/rounds/${round.id}/voter`, { headers: { cookie: voter } })).body).toEqual({ verified: true, voted: true, channel: "online" });
    const retry = await ballot(round.id, { choices }, { voter, key: "online-1" });
    expect(retry.status).toBe(201);
    expect(retry.body.receipt).toBe(first.body.receipt);
    const second = await ballot(round.id, { choices: [proposals[2]] }, { voter, key: "online-2" });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("already_voted");
    expect(second.body.error.message).toContain("온라인");
    const reused = await ballot(round.id, { choices: [proposals[3]] }, { voter, key: "online-1" });
    expect(reused.status).toBe(422);

    // The same person at a session table: also refused, naming the online ballot.
    const atTable = await ballot(round.id, { sessionId, phone: phone(1), choices: [proposals[2]] }, { token: facToken });
    expect(atTable.status).toBe(409);
    expect(atTable.body.error.message).toContain("온라인");

    // The voter checks their ballot by its receipt.
    const check = await call(app.url, "GET", `/api/rounds/${round.id}/ballots/${first.body.receipt}`);
    expect(check.body.choices.map((c: { title: string }) => c.title).sort()).toEqual(["투표 의제 1", "투표 의제 2"]);

    // A forged voter cookie counts for nothing.
    const forged = await ballot(round.id, { choices }, { voter: `gongnon_voter=${voter.split("=")[1]!.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}` });
    expect(forged.status).toBe(401);
  });

  it("at a session: the session's facilitator or staff; another facilitator 403; the person by phone or name + birth date", async () => {
    const round = await newRound();
    const body = { sessionId, phone: phone(2), choices: [proposals[0]] };
    expect((await ballot(round.id, body)).status).toBe(401);
    expect((await ballot(round.id, body, { token: otherFacToken })).status).toBe(403);
    expect((await ballot(round.id, { ...body, sessionId: otherSessionId }, { token: facToken })).status).toBe(403);
    const ok = await ballot(round.id, body, { token: facToken });
    expect(ok.status).toBe(201);
    expect(ok.body.channel).toBe("session");
    const again = await ballot(round.id, { ...body, choices: [proposals[1]] }, { token });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("회차");
    expect((await ballot(round.id, { sessionId, name: "김 투표", birthDate: "1980-05-05", choices: [proposals[1]] }, { token: facToken })).status).toBe(201);
    expect((await ballot(round.id, { sessionId, name: "김투표", birthDate: "1980.5.5", choices: [proposals[2]] }, { token: facToken })).status).toBe(409);
    const noPerson = await ballot(round.id, { sessionId, choices: [proposals[1]] }, { token: facToken });
    expect(noPerson.status).toBe(400);
    const noSession = await ballot(round.id, { phone: phone(3), choices: [proposals[1]] }, { token: facToken });
    expect(noSession.status).toBe(400);
    expect(noSession.body.error.field).toBe("sessionId");
  });

  it("bad ballots are clear 4xx and nothing is counted", async () => {
    const round = await newRound({ maxChoices: 2 });
    const early = await newRound({ opensAt: "2099-01-01T00:00", closesAt: "2099-12-31T00:00" });
    const onlineOnly = await newRound({ channels: ["online"] });
    const checked = await newRound({ requireCheckIn: true });
    const cases: [string, unknown, number, string][] = [
      [round.id, { sessionId, phone: phone(10), choices: ["nope"] }, 400, "choice_not_on_ballot"],
      [round.id, { sessionId, phone: phone(10), choices: [proposals[0], proposals[0]] }, 400, "duplicate_choice"],
      [round.id, { sessionId, phone: phone(10), choices: proposals.slice(0, 3) }, 400, "too_many_choices"],
      [round.id, { sessionId, phone: phone(10), choices: [] }, 400, "invalid_input"],
      [round.id, { sessionId, phone: "010-12", choices: [proposals[0]] }, 400, "phone_wrong_length"],
      [early.id, { sessionId, phone: phone(10), choices: [proposals[0]] }, 409, "round_not_open"],
      [onlineOnly.id, { sessionId, phone: phone(10), choices: [proposals[0]] }, 409, "channel_not_open"],
      [checked.id, { sessionId, phone: phone(10), choices: [proposals[0]] }, 422, "not_checked_in"],
      ["nope", { sessionId, phone: phone(10), choices: [proposals[0]] }, 404, "not_found"],
    ];
    for (const [roundId, body, status, code] of cases) {
      const res = await ballot(roundId, body, { token });
      expect({ code, status: res.status, got: res.body.error?.code }).toEqual({ code, status, got: code });
    }
    // Checked in: now the same person may vote.
    expect((await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: phone(10) } })).status).toBe(201);
    expect((await ballot(checked.id, { sessionId, phone: phone(10), choices: [proposals[0]] }, { token })).status).toBe(201);

    const closed = await call(app.url, "POST", `/api/rounds/${round.id}/close`, { token });
    expect(closed.status).toBe(200);
    const late = await ballot(round.id, { sessionId, phone: phone(11), choices: [proposals[0]] }, { token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("round_closed");
    for (const r of [round, early, onlineOnly]) {
      const res = await call(app.url, "GET", `/api/rounds/${r.id}/results`);
      expect(res.body.ballots).toBe(0);
      expect(res.body.tallies.every((t: { votes: number }) => t.votes === 0)).toBe(true);
    }
  });

  it("500 ballots from 200 voters, each sent three times at once, some voters trying a second ballot: counted exactly once", async () => {
    const round = await newRound();
    const online = await Promise.all(Array.from({ length: 100 }, (_, i) => verify(phone(100 + i))));
    type Attempt = { voter: number; choices: string[]; key: string };
    const attempts: Attempt[] = [];
    for (let v = 0; v < 200; v++) {
      const pick = (n: number, off: number) => Array.from({ length: n }, (_, k) => proposals[(v + off + k * 2) % proposals.length]!);
      attempts.push({ voter: v, choices: pick(1 + (v % 3), 0), key: `bulk-${v}-a` });
      if (v % 2 === 0) attempts.push({ voter: v, choices: pick(1 + ((v + 1) % 3), 1), key: `bulk-${v}-b` });
      if (v % 4 === 0) attempts.push({ voter: v, choices: pick(1, 3), key: `bulk-${v}-c` });
    }
    expect(attempts.length).toBe(350);
    while (attempts.length < 500) {
      const v = attempts.length % 200;
      attempts.push({ voter: v, choices: [proposals[(v + attempts.length) % proposals.length]!], key: `bulk-${v}-x${attempts.length}` });
    }
    const send = (a: Attempt) =>
      a.voter < 100
        ? ballot(round.id, { choices: a.choices }, { voter: online[a.voter], key: a.key })
        : ballot(round.id, { sessionId, phone: phone(100 + a.voter), choices: a.choices }, { token: facToken, key: a.key });
    const requests = attempts.flatMap((a) => [a, a, a]).sort(() => Math.random() - 0.5);
    const answers = new Map<string, { status: number; receipt?: string; code?: string }[]>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 48 }, async () => {
        for (let i = next++; i < requests.length; i = next++) {
          const a = requests[i]!;
          const res = await send(a);
          const list = answers.get(a.key) ?? [];
          list.push({ status: res.status, receipt: res.body.receipt, code: res.body.error?.code });
          answers.set(a.key, list);
        }
      }),
    );

    // Per attempt: three 201s with one receipt, or refusals only (409 already voted). Per voter: exactly one accepted attempt.
    const accepted: Attempt[] = [];
    for (const a of attempts) {
      const got = answers.get(a.key)!;
      expect(got).toHaveLength(3);
      const ok = got.filter((g) => g.status === 201);
      if (ok.length > 0) {
        expect({ key: a.key, statuses: got.map((g) => g.status) }).toEqual({ key: a.key, statuses: [201, 201, 201] });
        expect(new Set(ok.map((g) => g.receipt)).size).toBe(1);
        accepted.push(a);
      } else {
        for (const g of got) expect(g).toMatchObject({ status: 409, code: "already_voted" });
      }
    }
    const byVoter = new Map<number, number>();
    for (const a of accepted) byVoter.set(a.voter, (byVoter.get(a.voter) ?? 0) + 1);
    expect(byVoter.size).toBe(200);
    expect([...byVoter.values()].every((n) => n === 1)).toBe(true);

    const expected = new Map(proposals.map((p) => [p, 0]));
    for (const a of accepted) for (const c of a.choices) expected.set(c, expected.get(c)! + 1);
    await new Promise((r) => setTimeout(r, 1100)); // past the results' one-second memo
    const results = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(results.body.ballots).toBe(200);
    expect(results.body.byChannel).toEqual({ online: 100, session: 100 });
    for (const t of results.body.tallies as { proposalId: string; votes: number; byChannel: { online: number; session: number } }[]) {
      expect({ p: t.proposalId, votes: t.votes }).toEqual({ p: t.proposalId, votes: expected.get(t.proposalId) });
      expect(t.byChannel.online + t.byChannel.session).toBe(t.votes);
    }
    const recount = await call(app.url, "POST", `/api/rounds/${round.id}/recount`, { token });
    expect(recount.body).toMatchObject({ ok: true, differences: [], ballots: { counted: 200, counters: 200 } });
    expect((await call(app.url, "POST", `/api/rounds/${round.id}/recount`, { token: facToken })).status).toBe(403);
  }, 180_000);
});

describe("results and core agendas", () => {
  it("hidden results show only the turnout until the round closes; then the ranking, and staff choose core agendas", async () => {
    const round = await newRound({ hideResultsUntilClosed: true });
    for (let i = 0; i < 5; i++) {
      const choices = i < 3 ? [proposals[0]!, proposals[1]!] : [proposals[1]!, proposals[2]!];
      expect((await ballot(round.id, { sessionId, phone: phone(500 + i), choices }, { token })).status).toBe(201);
    }
    const hidden = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(hidden.body).toMatchObject({ hidden: true, ballots: 5, tallies: [], status: "open" });
    expect(hidden.headers.get("cache-control")).toBe("public, max-age=5");
    const early = await call(app.url, "POST", `/api/rounds/${round.id}/core-agendas`, { token, body: { proposalIds: [proposals[1]] } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("round_not_closed");

    expect((await call(app.url, "POST", `/api/rounds/${round.id}/close`, { token: facToken })).status).toBe(403);
    expect((await call(app.url, "POST", `/api/rounds/${round.id}/close`, { token })).body.closedAt).toBeDefined();
    const shown = await call(app.url, "GET", `/api/rounds/${round.id}/results`);
    expect(shown.body.hidden).toBe(false);
    expect(shown.body.tallies.slice(0, 3).map((t: { proposalId: string; votes: number; rank: number }) => [t.proposalId, t.votes, t.rank])).toEqual([
      [proposals[1], 5, 1],
      [proposals[0], 3, 2],
      [proposals[2], 2, 3],
    ]);
    expect(shown.body.tallies.filter((t: { rank: number }) => t.rank === 4)).toHaveLength(3); // the zero-vote tie shares rank 4

    const off = await call(app.url, "POST", `/api/rounds/${round.id}/core-agendas`, { token, body: { proposalIds: ["nope"] } });
    expect(off.status).toBe(400);
    const chosen = await call(app.url, "POST", `/api/rounds/${round.id}/core-agendas`, { token, body: { proposalIds: [proposals[1], proposals[0]] } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.coreAgendaIds).toEqual([proposals[1], proposals[0]]);
    expect((await call(app.url, "POST", `/api/rounds/${round.id}/core-agendas`, { token, body: { proposalIds: [proposals[1], proposals[0]] } })).status).toBe(200);
    const other = await call(app.url, "POST", `/api/rounds/${round.id}/core-agendas`, { token, body: { proposalIds: [proposals[2]] } });
    expect(other.status).toBe(409);
    const core = await call(app.url, "GET", `/api/forums/${forumId}/proposals?stage=core`);
    expect(core.body.items.map((p: { id: string }) => p.id).sort()).toEqual([proposals[0], proposals[1]].sort());
  });

  it("is in the OpenAPI document", async () => {
    const doc = await call(app.url, "GET", "/api/openapi.json");
    for (const path of ["/api/forums/{forumId}/rounds", "/api/rounds/{roundId}", "/api/verifications", "/api/verifications/confirm", "/api/rounds/{roundId}/ballots", "/api/rounds/{roundId}/results", "/api/rounds/{roundId}/close", "/api/rounds/{roundId}/core-agendas"]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});

describe("a code that could not be sent", () => {
  it("leaves no resend wait behind: the next request sends at once", async () => {
    const { CodeSender } = await import("../../../core/voting/code-sender.js");
    const working = process.env.GONGNON_OUTBOX!;
    CodeSender.set(async () => {
      throw new Error("SMS provider down");
    });
    try {
      const failed = await call(app.url, "POST", "/api/verifications", { body: { phone: "010-7111-2222" }, headers: { cookie: client() } });
      expect(failed.status).toBe(500);
      expect(failed.body.error.code).toBe("internal");
    } finally {
      CodeSender.set(CodeSender.outbox(working));
    }
    const again = await call(app.url, "POST", "/api/verifications", { body: { phone: "010-7111-2222" }, headers: { cookie: client() } });
    expect(again.status).toBe(202);
    expect(lastCode("2222")).toMatch(/^\d{6}$/);
  });
});
