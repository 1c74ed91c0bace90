import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalApp, startServer } from "../../functions/local/server.js";
import { call, createAccount, lastCode, login, type Account } from "../support/harness.js";
import { useApp } from "../support/fixtures.js";

/**
 * The holes an attacker's probe found, each closed at the mechanism that owns it: validation
 * after authorisation, bounded bodies, device cookies against lock-outs, sessions that end with
 * a password change, CSRF tokens bound to their session, one text rule, the last admin, and
 * answers that leak nothing.
 */

const app = useApp({ env: { GONGNON_VERIFY_PER_IP: "100000" } });
let admin: Account, staff: Account;
let adminToken: string, staffToken: string;
let forumId: string;

beforeAll(async () => {
  [admin, staff] = await Promise.all([createAccount("admin"), createAccount("staff")]);
  [adminToken, staffToken] = await Promise.all([login(app.url, admin), login(app.url, staff)]);
  forumId = (await call(app.url, "POST", "/api/forums", { token: staffToken, body: { title: "보안 점검", startsOn: "2023-04-17", endsOn: "2023-04-27" } })).body.id;
});

/** A cookie jar from a response's Set-Cookie headers (name=value pairs only). */
const jarOf = (res: Response, previous = "") => {
  const jar = new Map(previous ? previous.split("; ").map((p) => p.split("=", 2) as [string, string]) : []);
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [k, v] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
    if (/max-age=0/i.test(c)) jar.delete(k);
    else jar.set(k, v);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
};

/** Signs in as a browser would, carrying only the device cookie from an earlier sign-in (if any). */
async function signIn(email: string, password: string, jar = "") {
  const cookie = jar.split("; ").filter((p) => p.startsWith("gongnon_device=")).join("; ");
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as any;
  return { status: res.status, body, jar: jarOf(res, cookie), retryAfter: res.headers.get("retry-after") };
}

describe("authorise first, then validate; no 500 for bad dates", () => {
  it("an anonymous caller gets 401 from staff routes, never their schema errors", async () => {
    const rules = await call(app.url, "PATCH", "/api/rounds/anything", { body: { opensAt: "x", closesAt: "y" } });
    expect(rules.status).toBe(401);
    expect(rules.body.error.code).toBe("sign_in_required");
    const forum = await call(app.url, "POST", "/api/forums", { body: { title: 42 } });
    expect(forum.status).toBe(401);
    expect(forum.body.error.field).toBeUndefined();
  });

  it("staff sending bad dates get a 400 naming the field", async () => {
    const patch = await call(app.url, "PATCH", "/api/rounds/anything", { token: staffToken, body: { opensAt: "x", closesAt: "y" } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.field).toBe("opensAt");
    const create = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token: staffToken,
      body: { title: "날짜", proposalIds: ["a", "b"], maxChoices: 1, opensAt: "2023-13-45T99:99", closesAt: "soon", channels: ["online"] },
    });
    expect(create.status).toBe(400);
    expect(["opensAt", "closesAt"]).toContain(create.body.error.field);
  });
});

describe("one person is counted once", () => {
  it("a name typed with invisible characters, full-width Latin or compatibility jamo checks in the same person; controls are a 400", async () => {
    const sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: staffToken, body: { title: "정규화", startsAt: "2023-04-20T19:00" } })).body.id;
    const checkIn = (name: string) => call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token: staffToken, body: { name, birthDate: "1971-03-04" } });
    expect((await checkIn("이영희 lee ㄱ")).status).toBe(201);
    for (const typed of ["이\u200b영희 lee ㄱ", "이영\u00ad희 lee ㄱ", "이영희\u3164 lee ㄱ", "이영희 ｌｅｅ ㄱ", "이영희 LEE \u1100"]) {
      const again = await checkIn(typed);
      expect({ typed, status: again.status, first: again.body.firstInSession }).toEqual({ typed, status: 200, first: false });
    }
    for (const typed of ["이영희\u0000 lee ㄱ", "이영희\u0007 lee ㄱ"]) {
      const refused = await checkIn(typed);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: "identifier_control", field: "name" });
    }
    const session = await call(app.url, "GET", `/api/sessions/${sessionId}`);
    expect(session.body.attendances).toBe(1);
  });
});

describe("JSON bodies are bounded", () => {
  it("a body over 64 KB is a 413 answered before it is read, with or without Content-Length", async () => {
    const big = JSON.stringify({ phone: "x".repeat(200_000) });
    const declared = await call(app.url, "POST", "/api/verifications", { body: big });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("body_too_large");
    expect(declared.body.error.message).toContain("64KB");
    // Streamed without a length (chunked): cut off at the limit, long before the body ends.
    const streamed = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = request(`${app.url}/api/verifications`, { method: "POST", agent: false, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
      let sent = 0;
      const chunk = "x".repeat(16 * 1024);
      req.on("response", (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
      req.on("error", (err) => (sent > 0 ? undefined : reject(err)));
      const pump = () => {
        while (sent < 400 && !req.destroyed) {
          sent++;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        if (!req.destroyed) req.end();
      };
      pump();
    });
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(400);
  });

  it("an ordinary body still passes", async () => {
    const res = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body: { title: "보통 크기", body: "가".repeat(3000), field: "도시건설" } });
    expect(res.status).toBe(201);
  });
});

describe("device cookies: a stranger cannot lock the owner out", () => {
  it("a stranger fails ten times; the owner's known browser still signs in; the stranger stays locked out", async () => {
    const owner = await createAccount("admin");
    const known = await signIn(owner.email, owner.password);
    expect(known.status).toBe(200);
    expect(known.jar).toMatch(/gongnon_device=/);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(owner.email, `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const stranger = await signIn(owner.email, owner.password);
    expect(stranger.status).toBe(429);
    expect(stranger.body.error.code).toBe("too_many_failed_logins");
    expect(Number(stranger.retryAfter)).toBeGreaterThan(0);
    const again = await signIn(owner.email, owner.password, known.jar);
    expect(again.status).toBe(200);
    expect(again.body.user.email).toBe(owner.email);
  });

  it("failures from a known browser lock that browser only", async () => {
    const owner = await createAccount("staff");
    const known = await signIn(owner.email, owner.password);
    for (let i = 0; i < 5; i++) expect((await signIn(owner.email, `typo-${i}`, known.jar)).status).toBe(401);
    expect((await signIn(owner.email, owner.password, known.jar)).status).toBe(429);
    expect((await signIn(owner.email, owner.password)).status).toBe(200);
  });

  it("a device cookie of another account is worth nothing", async () => {
    const a = await createAccount("staff");
    const b = await createAccount("staff");
    const aJar = (await signIn(a.email, a.password)).jar;
    for (let i = 0; i < 5; i++) await signIn(b.email, `nope-${i}`);
    expect((await signIn(b.email, b.password, aJar)).status).toBe(429);
  });
});

describe("sign-in sessions end with a password change, a disable or a role change", () => {
  it("every session of the account, also after it is enabled again", async () => {
    const victim = await createAccount("facilitator");
    const tokens = [await login(app.url, victim), await login(app.url, victim)];
    const me = async () => Promise.all(tokens.map(async (t) => (await call(app.url, "GET", "/api/auth/me", { token: t })).status));
    expect(await me()).toEqual([200, 200]);
    expect((await call(app.url, "PATCH", `/api/users/${victim.id}`, { token: staffToken, body: { password: "a-new-password-1" } })).status).toBe(200);
    expect(await me()).toEqual([401, 401]);

    const fresh = await login(app.url, { ...victim, password: "a-new-password-1" });
    expect((await call(app.url, "PATCH", `/api/users/${victim.id}`, { token: staffToken, body: { disabled: true } })).status).toBe(200);
    expect((await call(app.url, "PATCH", `/api/users/${victim.id}`, { token: staffToken, body: { disabled: false } })).status).toBe(200);
    expect((await call(app.url, "GET", "/api/auth/me", { token: fresh })).status).toBe(401);

    const promoted = await createAccount("facilitator");
    const t = await login(app.url, promoted);
    expect((await call(app.url, "PATCH", `/api/users/${promoted.id}`, { token: adminToken, body: { role: "staff" } })).status).toBe(200);
    expect((await call(app.url, "GET", "/api/auth/me", { token: t })).status).toBe(401);
  });

  it("a name change keeps the sessions", async () => {
    const person = await createAccount("facilitator");
    const t = await login(app.url, person);
    expect((await call(app.url, "PATCH", `/api/users/${person.id}`, { token: staffToken, body: { name: "새 이름" } })).status).toBe(200);
    expect((await call(app.url, "GET", "/api/auth/me", { token: t })).status).toBe(200);
  });
});

describe("CSRF tokens are bound to their session", () => {
  it("a matching cookie and header from another session do not pass", async () => {
    const a = await signIn(staff.email, staff.password);
    const b = await signIn(staff.email, staff.password);
    const csrf = (jar: string) => jar.split("; ").find((p) => p.startsWith("gongnon_csrf="))!.split("=")[1]!;
    const session = (jar: string) => jar.split("; ").find((p) => p.startsWith("gongnon_session="))!;
    const body = { title: "CSRF", startsOn: "2023-01-01", endsOn: "2023-01-02" };
    // Session A's cookie with session B's token in both the cookie and the header: refused.
    const mixed = `${session(a.jar)}; gongnon_csrf=${csrf(b.jar)}`;
    const refused = await call(app.url, "POST", "/api/forums", { headers: { cookie: mixed, "x-csrf-token": csrf(b.jar) }, body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("csrf_failed");
    const own = await call(app.url, "POST", "/api/forums", { headers: { cookie: a.jar, "x-csrf-token": csrf(a.jar) }, body });
    expect(own.status).toBe(201);
  });

  it("on https the cookies carry the __Host- (and, under /api, __Secure-) prefixes", async () => {
    const local = createLocalApp();
    const res = await local.fetch(
      new Request("https://gongnon.example/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: staff.email, password: staff.password }) }),
    );
    expect(res.status).toBe(200);
    const names = res.headers.getSetCookie().map((c) => c.split("=")[0]);
    expect(names).toEqual(expect.arrayContaining(["__Host-gongnon_session", "__Host-gongnon_csrf", "__Host-gongnon_device"]));
    for (const c of res.headers.getSetCookie()) expect(c).toMatch(/Secure/);
    const jar = jarOf(res);
    const csrf = jar.split("; ").find((p) => p.startsWith("__Host-gongnon_csrf="))!.split("=")[1]!;
    const me = await local.fetch(new Request("https://gongnon.example/api/auth/me", { headers: { cookie: jar } }));
    expect(me.status).toBe(200);
    const write = await local.fetch(
      new Request("https://gongnon.example/api/forums", {
        method: "POST",
        headers: { cookie: jar, "x-csrf-token": csrf, "content-type": "application/json" },
        body: JSON.stringify({ title: "https", startsOn: "2023-01-01", endsOn: "2023-01-02" }),
      }),
    );
    expect(write.status).toBe(201);
  });
});

describe("one text rule: no control characters or bidi overrides in what people write", () => {
  const cases: { name: string; method: string; path: () => string; body: () => unknown; field: string }[] = [
    { name: "NUL in a forum title", method: "POST", path: () => "/api/forums", body: () => ({ title: "공론\u0000장", startsOn: "2023-01-01", endsOn: "2023-01-02" }), field: "title" },
    { name: "ESC in a forum's field", method: "POST", path: () => "/api/forums", body: () => ({ title: "분야", startsOn: "2023-01-01", endsOn: "2023-01-02", fields: ["도시\u001b건설"] }), field: "fields.0" },
    { name: "ESC in a session venue", method: "POST", path: () => `/api/forums/${forumId}/sessions`, body: () => ({ title: "회차", startsAt: "2023-04-18T19:00", venue: "구청\u001b[31m" }), field: "venue" },
    { name: "NUL in a user name", method: "POST", path: () => "/api/users", body: () => ({ email: "ctl@x.kr", name: "진행\u0000자", role: "facilitator", password: "long-enough-pw" }), field: "name" },
    { name: "U+202E in a proposal title", method: "POST", path: () => `/api/forums/${forumId}/proposals`, body: () => ({ title: "공원 \u202eexe.txt", body: "방향을 바꾸는 문자가 든 제안입니다", field: "도시건설" }), field: "title" },
    { name: "U+2066 in a round title", method: "POST", path: () => `/api/forums/${forumId}/rounds`, body: () => ({ title: "투표\u2066", proposalIds: ["a", "b"], maxChoices: 1, opensAt: "2023-04-17T10:00", closesAt: "2023-04-18T10:00", channels: ["online"] }), field: "title" },
  ];
  for (const c of cases) {
    it(`${c.name}: 400 naming ${c.field}`, async () => {
      const res = await call(app.url, c.method, c.path(), { token: adminToken, body: c.body() });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(c.field);
      expect(res.body.error.message.length).toBeGreaterThan(10);
    });
  }
});

describe("answers that leak nothing", () => {
  it("a voter cookie given up with DELETE /verifications/me stops working at once", async () => {
    const num = "010-5555-4321";
    const cookie = "gongnon_client=leak000000000000000000";
    expect((await call(app.url, "POST", "/api/verifications", { body: { phone: num }, headers: { cookie } })).status).toBe(202);
    const res = await fetch(`${app.url}/api/verifications/confirm`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ phone: num, code: lastCode("4321") }) });
    expect(res.status).toBe(200);
    const voter = jarOf(res).split("; ").find((p) => p.startsWith("gongnon_voter="))!;
    expect((await call(app.url, "GET", "/api/verifications/me", { headers: { cookie: voter } })).body.verified).toBe(true);
    expect((await call(app.url, "DELETE", "/api/verifications/me", { headers: { cookie: voter } })).status).toBe(204);
    // The browser dropped it; a copy kept elsewhere is refused too.
    expect((await call(app.url, "GET", "/api/verifications/me", { headers: { cookie: voter } })).body.verified).toBe(false);
    // A ballot with the copy is refused (the deny-list is checked inside the ballot's transaction).
    const sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: staffToken, body: { title: "투표 회차", startsAt: "2023-04-21T19:00" } })).body.id;
    const ids: string[] = [];
    for (const title of ["철회 의제 가", "철회 의제 나"]) ids.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: staffToken, body: { title, field: "도시건설" } })).body.id);
    const round = await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token: staffToken,
      body: { title: "철회 투표", proposalIds: ids, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["online"] },
    });
    const ballot = await call(app.url, "POST", `/api/rounds/${round.body.id}/ballots`, { headers: { cookie: voter }, body: { choices: [ids[0]] } });
    expect(ballot.status).toBe(401);
    expect(ballot.body.error.code).toBe("voter_verification_required");
    expect((await call(app.url, "GET", `/api/rounds/${round.body.id}/results`)).body.ballots).toBe(0);
  });

  it("pages carry security headers; a missing asset is a 404, not the app", async () => {
    const dist = mkdtempSync(join(tmpdir(), "gongnon-dist-"));
    try {
      mkdirSync(join(dist, "assets"));
      writeFileSync(join(dist, "index.html"), "<!doctype html><title>app</title>");
      writeFileSync(join(dist, "assets", "app-abc.js"), "console.log(1)");
      const srv = await startServer({ port: 0, webDist: dist });
      try {
        const page = await fetch(`${srv.url}/forums/x`);
        expect(page.status).toBe(200);
        expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
        expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
        expect(page.headers.get("x-content-type-options")).toBe("nosniff");
        expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(page.headers.get("x-frame-options")).toBe("DENY");
        expect((await fetch(`${srv.url}/assets/app-abc.js`)).headers.get("content-security-policy")).toBeTruthy();
        const missing = await fetch(`${srv.url}/assets/missing-123.js`);
        expect(missing.status).toBe(404);
        expect(await missing.text()).not.toContain("<title>app</title>");
      } finally {
        await srv.close();
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

// Last: it locks this test run's one address (127.0.0.1) for unknown devices.
describe("a per-address limit against password spraying", () => {
  it("one address spraying passwords over many accounts is stopped; known browsers are not", async () => {
    const owner = await createAccount("staff");
    const known = await signIn(owner.email, owner.password);
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await signIn(`victim-${i}@spray.kr`, "Password123!")).status;
    expect(status).toBe(429);
    expect((await signIn(owner.email, owner.password)).status).toBe(429);
    expect((await signIn(owner.email, owner.password, known.jar)).status).toBe(200);
  });
});
