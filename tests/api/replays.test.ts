import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, lastCode } from "../support/harness.js";
import { seedForum, signedIn, useApp } from "../support/fixtures.js";

/** A retried request with an Idempotency-Key gets the first answer, and says that it is a replay. */
const app = useApp({ env: { GONGNON_VERIFY_PER_IP: "100000" } });
let token: string;
let forumId: string, sessionId: string;

beforeAll(async () => {
  ({ token } = await signedIn(app, "staff"));
  const fac = await createAccount("facilitator");
  const forum = await seedForum(app, token, { title: "재시도", sessions: [{ title: "S", startsAt: "2023-04-18T19:00" }], facilitators: [fac.id] });
  [forumId, sessionId] = [forum.id, forum.sessions[0]!];
});

const replayedHeader = (res: { headers: Headers }) => res.headers.get("idempotent-replayed");

describe("Idempotent-Replayed", () => {
  it("check-ins: the retry says so; a new request for the same person does not", async () => {
    const send = (key: string) => call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: "010-3333-1111" }, headers: { "idempotency-key": key } });
    const first = await send("c-1");
    expect(first.status).toBe(201);
    expect(replayedHeader(first)).toBeNull();
    const retry = await send("c-1");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(replayedHeader(retry)).toBe("true");
    const repeat = await send("c-2");
    expect(repeat.status).toBe(200);
    expect(replayedHeader(repeat)).toBeNull();
  });

  it("proposals, online and at a table", async () => {
    const body = { title: "재시도 제안", body: "두 번 보내진 제안입니다. 한 번만 접수됩니다.", field: "도시건설" };
    const headers = { "idempotency-key": "p-1", cookie: "gongnon_client=replay0000000000000000" };
    const first = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body, headers });
    const retry = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect([replayedHeader(first), replayedHeader(retry)]).toEqual([null, "true"]);
    const capture = () => call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title: "탁자 재시도", field: "도시건설" }, headers: { "idempotency-key": "t-1" } });
    const a = await capture();
    const b = await capture();
    expect(b.body).toEqual(a.body);
    expect([replayedHeader(a), replayedHeader(b)]).toEqual([null, "true"]);
  });

  it("ballots, online and at a table", async () => {
    const ids: string[] = [];
    for (const title of ["의제 가", "의제 나"]) ids.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title, field: "도시건설" } })).body.id);
    const round = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token,
      body: { title: "재시도 투표", proposalIds: ids, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["online", "session"] },
    });
    const table = () => call(app.url, "POST", `/api/rounds/${round.body.id}/ballots`, { token, body: { sessionId, phone: "010-3333-2222", choices: [ids[0]] }, headers: { "idempotency-key": "b-1" } });
    const a = await table();
    const b = await table();
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([replayedHeader(a), replayedHeader(b)]).toEqual([null, "true"]);

    const cookie = "gongnon_client=replay1111111111111111";
    await call(app.url, "POST", "/api/verifications", { body: { phone: "010-3333-4444" }, headers: { cookie } });
    const ok = await fetch(`${app.url}/api/verifications/confirm`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: "010-3333-4444", code: lastCode("4444") }) });
    const voter = (ok.headers.get("set-cookie") ?? "").split(";")[0]!;
    const online = () => call(app.url, "POST", `/api/rounds/${round.body.id}/ballots`, { body: { choices: [ids[1]] }, headers: { cookie: voter, "idempotency-key": "o-1" } });
    const c = await online();
    const d = await online();
    expect([c.status, d.status]).toEqual([201, 201]);
    expect(d.body.receipt).toBe(c.body.receipt);
    expect([replayedHeader(c), replayedHeader(d)]).toEqual([null, "true"]);
  });

  it("is documented in the OpenAPI document on those answers", async () => {
    const doc = (await call(app.url, "GET", "/api/openapi.json")).body;
    const header = (path: string, status: string) => doc.paths[`/api${path}`].post.responses[status].headers?.["Idempotent-Replayed"];
    expect(header("/sessions/{sessionId}/checkins", "201")).toBeDefined();
    expect(header("/sessions/{sessionId}/checkins", "200")).toBeDefined();
    expect(header("/forums/{forumId}/proposals", "201")).toBeDefined();
    expect(header("/sessions/{sessionId}/proposals", "201")).toBeDefined();
    expect(header("/rounds/{roundId}/ballots", "201")).toBeDefined();
  });
});
