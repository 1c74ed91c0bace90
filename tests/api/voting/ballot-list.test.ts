import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Keys, db, tableName } from "../../../core/shared/table.js";
import { call } from "../../support/harness.js";
import { seedForum, signedIn, useApp } from "../../support/fixtures.js";

/**
 * A tally anyone can check: after the close, the published ballot list (receipt hash, channel,
 * choices; no voter, no time), its digest kept on the round and shown with the results, a voter
 * finding their own ballot in it, and `npm run verify-tally` adding it up — and noticing a change.
 */
const app = useApp();
let staff: string, fac: string;
let sessionId: string, roundId: string;
let proposals: string[];
const receipts: { receipt: string; choices: string[] }[] = [];

beforeAll(async () => {
  ({ token: staff } = await signedIn(app, "staff"));
  const f = await signedIn(app, "facilitator");
  fac = f.token;
  const forum = await seedForum(app, staff, { title: "명부 공론장", sessions: [{ title: "1회차", startsAt: "2023-04-18T19:00" }], facilitators: [f.id] });
  sessionId = forum.sessions[0]!;
  proposals = [];
  for (const i of [1, 2, 3]) proposals.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staff, body: { title: `명부 의제 ${i}`, field: "행정경제" } })).body.id);
  roundId = (
    await call(app.url, "POST", `/api/forums/${forum.id}/rounds`, {
      token: staff,
      body: { title: "명부 투표", proposalIds: proposals, maxChoices: 2, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["session"], hideResultsUntilClosed: true },
    })
  ).body.id;
  for (let i = 0; i < 12; i++) {
    const choices = i % 3 === 0 ? [proposals[0]!, proposals[2]!] : [proposals[i % 3]!];
    const res = await call(app.url, "POST", `/api/rounds/${roundId}/ballots`, { token: fac, body: { sessionId, phone: `010-3300-${String(1000 + i)}`, choices } });
    expect(res.status).toBe(201);
    receipts.push({ receipt: res.body.receipt, choices });
  }
});

// Asynchronously: the server answering it runs in this process.
const verifyTally = (url: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/verify-tally.ts", url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (out += String(d)));
    child.once("exit", (code) => resolve({ code, out }));
  });

describe("the published ballot list", () => {
  it("is not published before the close (a hidden-results round shows nothing)", async () => {
    const res = await call(app.url, "GET", `/api/rounds/${roundId}/ballots.json`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("round_not_closed");
    expect((await call(app.url, "GET", `/api/rounds/${roundId}/ballots.csv`)).status).toBe(409);
    expect((await call(app.url, "GET", `/api/rounds/${roundId}/results`)).body.ballotList).toBeUndefined();
  });

  it("after the close: every ballot once, by receipt hash, no voter and no time; its digest on the results; a voter finds theirs; verify-tally adds it up", async () => {
    expect((await call(app.url, "POST", `/api/rounds/${roundId}/close`, { token: staff })).status).toBe(200);
    const list = (await call(app.url, "GET", `/api/rounds/${roundId}/ballots.json`)).body;
    expect(list).toMatchObject({ count: 12, final: true });
    expect(list.ballots.map((b: { receiptHash: string }) => b.receiptHash)).toEqual([...list.ballots.map((b: { receiptHash: string }) => b.receiptHash)].sort());
    for (const b of list.ballots) expect(Object.keys(b).sort()).toEqual(["channel", "choices", "receiptHash"]);
    const text = JSON.stringify(list);
    for (const r of receipts) expect(text).not.toContain(r.receipt);
    expect(text).not.toMatch(/010-?3300/);
    // A voter's receipt → its line, with the choices they made.
    const mine = receipts[4]!;
    const hash = createHash("sha256").update(mine.receipt).digest("hex");
    expect(list.ballots.find((b: { receiptHash: string }) => b.receiptHash === hash).choices).toEqual([...mine.choices].sort());
    // The CSV's SHA-256 is the list's digest, kept on the round and shown by the results from now on.
    const csv = await fetch(`${app.url}/api/rounds/${roundId}/ballots.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const body = await csv.text();
    expect(body.split("\r\n")[0]).toBe("receipt_sha256,channel,choices");
    expect(createHash("sha256").update(body).digest("hex")).toBe(list.hash);
    expect(list.published.hash).toBe(list.hash);
    const results = (await call(app.url, "GET", `/api/rounds/${roundId}/results`)).body;
    expect(results.ballotList).toEqual({ hash: list.hash, count: 12, final: true });
    const totals = Object.fromEntries(list.totals.map((t: { proposalId: string; votes: number }) => [t.proposalId, t.votes]));
    expect(totals).toEqual({ [proposals[0]!]: 4, [proposals[1]!]: 4, [proposals[2]!]: 8 });

    const ok = await verifyTally(`${app.url}/rounds/${roundId}/results`);
    expect(ok.out).toContain("OK: the published list adds up to the published totals");
    expect(ok.out).toContain("12 ballots in the published list");
    expect(ok.code).toBe(0);
  });

  it("a ballot changed after the count was final shows: the digest differs from the kept one, and verify-tally says so", async () => {
    const victim = receipts[1]!;
    await db().send(
      new UpdateCommand({ TableName: tableName(), Key: Keys.ballot(roundId, victim.receipt), UpdateExpression: "SET choices = :c", ExpressionAttributeValues: { ":c": [proposals[2]!] } }),
    );
    const list = (await call(app.url, "GET", `/api/rounds/${roundId}/ballots.json`)).body;
    expect(list.hash).not.toBe(list.published.hash);
    const bad = await verifyTally(`${app.url}/api/rounds/${roundId}/ballots.csv`);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("differs from the published");
    expect(bad.out).toContain("DIFFERS");
    expect((await verifyTally(`${app.url}/rounds/nope/results`)).code).toBe(2);
    expect((await verifyTally("not a url")).code).toBe(2);
  });
});
