import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, type Account } from "../support/harness.js";
import { useApp } from "../support/fixtures.js";

const app = useApp();
let admin: Account, staff: Account, fac: Account, otherFac: Account;
let tokens: Record<"admin" | "staff" | "fac" | "otherFac", string>;
let forumId: string, sessionId: string, otherSessionId: string;
let proposalIds: string[], roundId: string;
let phoneSeq = 0;
const nextPhone = () => `010-4100-${String(++phoneSeq).padStart(4, "0")}`;

beforeAll(async () => {
  [admin, staff, fac, otherFac] = await Promise.all([
    createAccount("admin"),
    createAccount("staff"),
    createAccount("facilitator"),
    createAccount("facilitator"),
  ]);
  tokens = {
    admin: await login(app.url, admin),
    staff: await login(app.url, staff),
    fac: await login(app.url, fac),
    otherFac: await login(app.url, otherFac),
  };
  const forum = await call(app.url, "POST", "/api/forums", {
    token: tokens.staff,
    body: { title: "역할 테스트", startsOn: "2023-04-17", endsOn: "2023-04-27" },
  });
  forumId = forum.body.id;
  sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: tokens.staff, body: { title: "A", startsAt: "2023-04-17T19:00" } })).body.id;
  otherSessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: tokens.staff, body: { title: "B", startsAt: "2023-04-18T19:00" } })).body.id;
  const assigned = await call(app.url, "POST", `/api/sessions/${sessionId}/facilitators`, { token: tokens.staff, body: { userId: fac.id } });
  expect(assigned.status).toBe(201);
  proposalIds = [];
  for (const title of ["역할 의제 1", "역할 의제 2"]) {
    proposalIds.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: tokens.staff, body: { title, field: "도시건설" } })).body.id);
  }
  roundId = (
    await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token: tokens.staff,
      body: { title: "역할 투표", proposalIds, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["online", "session"] },
    })
  ).body.id;
});

type Who = "anon" | "admin" | "staff" | "fac";
const tokenOf = (who: Who) => (who === "anon" ? undefined : tokens[who]);

describe("the role matrix", () => {
  const cases: { name: string; method: string; path: () => string; body?: () => unknown; expect: Record<Who, number> }[] = [
    { name: "create forum", method: "POST", path: () => "/api/forums", body: () => ({ title: "x", startsOn: "2023-01-01", endsOn: "2023-01-02" }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "create session", method: "POST", path: () => `/api/forums/${forumId}/sessions`, body: () => ({ title: "x", startsAt: "2023-04-20T10:00" }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "assign facilitator", method: "POST", path: () => `/api/sessions/${otherSessionId}/facilitators`, body: () => ({ userId: otherFac.id }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "list facilitators", method: "GET", path: () => `/api/sessions/${sessionId}/facilitators`, expect: { anon: 401, fac: 403, staff: 200, admin: 200 } },
    { name: "list users", method: "GET", path: () => "/api/users", expect: { anon: 401, fac: 403, staff: 200, admin: 200 } },
    { name: "check in at own session", method: "POST", path: () => `/api/sessions/${sessionId}/checkins`, body: () => ({ phone: "010-4000-0001" }), expect: { anon: 401, fac: 201, staff: 200, admin: 200 } },
    { name: "check in at another session", method: "POST", path: () => `/api/sessions/${otherSessionId}/checkins`, body: () => ({ phone: "010-4000-0002" }), expect: { anon: 401, fac: 403, staff: 201, admin: 200 } },
    { name: "me", method: "GET", path: () => "/api/auth/me", expect: { anon: 401, fac: 200, staff: 200, admin: 200 } },
    { name: "forum stats (public)", method: "GET", path: () => `/api/forums/${forumId}/stats`, expect: { anon: 200, fac: 200, staff: 200, admin: 200 } },
    { name: "forums (public)", method: "GET", path: () => "/api/forums", expect: { anon: 200, fac: 200, staff: 200, admin: 200 } },
    { name: "online proposal (anonymous)", method: "POST", path: () => `/api/forums/${forumId}/proposals`, body: () => ({ title: "누구나 제안", body: "누구나 보낼 수 있는 제안입니다", field: "도시건설" }), expect: { anon: 201, fac: 201, staff: 201, admin: 201 } },
    { name: "capture an agenda at own session", method: "POST", path: () => `/api/sessions/${sessionId}/proposals`, body: () => ({ title: "탁자 의제", field: "도시건설" }), expect: { anon: 401, fac: 201, staff: 201, admin: 201 } },
    { name: "capture an agenda at another session", method: "POST", path: () => `/api/sessions/${otherSessionId}/proposals`, body: () => ({ title: "탁자 의제", field: "도시건설" }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "moderate a proposal", method: "PATCH", path: () => `/api/proposals/${proposalIds[0]}`, body: () => ({ field: "행정경제" }), expect: { anon: 401, fac: 403, staff: 200, admin: 200 } },
    { name: "create a round", method: "POST", path: () => `/api/forums/${forumId}/rounds`, body: () => ({ title: "R", proposalIds, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["session"] }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "table ballot at own session", method: "POST", path: () => `/api/rounds/${roundId}/ballots`, body: () => ({ sessionId, phone: nextPhone(), choices: [proposalIds[0]] }), expect: { anon: 401, fac: 201, staff: 201, admin: 201 } },
    { name: "table ballot at another session", method: "POST", path: () => `/api/rounds/${roundId}/ballots`, body: () => ({ sessionId: otherSessionId, phone: nextPhone(), choices: [proposalIds[0]] }), expect: { anon: 401, fac: 403, staff: 201, admin: 201 } },
    { name: "recount a round", method: "POST", path: () => `/api/rounds/${roundId}/recount`, expect: { anon: 401, fac: 403, staff: 200, admin: 200 } },
    { name: "round results (public)", method: "GET", path: () => `/api/rounds/${roundId}/results`, expect: { anon: 200, fac: 200, staff: 200, admin: 200 } },
  ];
  const order: Who[] = ["anon", "fac", "staff", "admin"];
  for (const c of cases) {
    it(`${c.name}: ${order.map((w) => `${w} ${c.expect[w]}`).join(", ")}`, async () => {
      for (const who of order) {
        const res = await call(app.url, c.method, c.path(), { token: tokenOf(who), body: c.body?.() });
        expect({ who, status: res.status }).toEqual({ who, status: c.expect[who] });
        if (res.status >= 400) expect(res.body.error.message.length).toBeGreaterThan(3);
      }
    });
  }

  it("a facilitator sees only their own sessions", async () => {
    const mine = await call(app.url, "GET", "/api/me/sessions", { token: tokens.fac });
    expect(mine.body.sessions.map((s: { id: string }) => s.id)).toEqual([sessionId]);
  });

  it("unassigning takes a facilitator's access away", async () => {
    await call(app.url, "DELETE", `/api/sessions/${otherSessionId}/facilitators/${otherFac.id}`, { token: tokens.staff });
    const res = await call(app.url, "POST", `/api/sessions/${otherSessionId}/checkins`, { token: tokens.otherFac, body: { phone: "010-4000-0003" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("not_assigned");
  });

  it("staff manage facilitator accounts only; admins any", async () => {
    const body = (role: string) => ({ email: `${role}-${Math.random().toString(36).slice(2)}@x.kr`, name: "새 계정", role, password: "long-enough-pw" });
    expect((await call(app.url, "POST", "/api/users", { token: tokens.staff, body: body("facilitator") })).status).toBe(201);
    expect((await call(app.url, "POST", "/api/users", { token: tokens.staff, body: body("staff") })).status).toBe(403);
    expect((await call(app.url, "POST", "/api/users", { token: tokens.admin, body: body("staff") })).status).toBe(201);
    expect((await call(app.url, "PATCH", `/api/users/${admin.id}`, { token: tokens.staff, body: { disabled: true } })).status).toBe(403);
    const dup = await call(app.url, "POST", "/api/users", { token: tokens.admin, body: { ...body("staff"), email: staff.email } });
    expect(dup.status).toBe(409);
  });

  it("a disabled account can no longer sign in or use its token", async () => {
    const victim = await createAccount("facilitator");
    const token = await login(app.url, victim);
    expect((await call(app.url, "GET", "/api/auth/me", { token })).status).toBe(200);
    expect((await call(app.url, "PATCH", `/api/users/${victim.id}`, { token: tokens.staff, body: { disabled: true } })).status).toBe(200);
    const again = await call(app.url, "POST", "/api/auth/login", { body: { email: victim.email, password: victim.password } });
    // Answered as a wrong password is: the answer never confirms a disabled account's password.
    const wrong = await call(app.url, "POST", "/api/auth/login", { body: { email: victim.email, password: "not-the-password" } });
    expect(again.status).toBe(401);
    expect(again.body).toEqual(wrong.body);
    expect(again.body.error.code).toBe("invalid_credentials");
    const me = await call(app.url, "GET", "/api/auth/me", { token });
    expect(me.status).toBe(401);
  });
});

describe("sessions and cookies", () => {
  it("login sets an HttpOnly session cookie; cookie writes need the CSRF header", async () => {
    const res = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: staff.email.toUpperCase(), password: staff.password }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("gongnon_session="))!;
    const csrf = cookies.find((c) => c.startsWith("gongnon_csrf="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(csrf).not.toMatch(/HttpOnly/i);
    const jar = [session, csrf].map((c) => c.split(";")[0]).join("; ");
    const csrfValue = csrf.split(";")[0]!.split("=")[1]!;
    const body = { title: "쿠키", startsOn: "2023-01-01", endsOn: "2023-01-02" };
    expect((await call(app.url, "GET", "/api/auth/me", { headers: { cookie: jar } })).status).toBe(200);
    const noCsrf = await call(app.url, "POST", "/api/forums", { headers: { cookie: jar }, body });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe("csrf_failed");
    const wrong = await call(app.url, "POST", "/api/forums", { headers: { cookie: jar, "x-csrf-token": "nope" }, body });
    expect(wrong.status).toBe(403);
    const ok = await call(app.url, "POST", "/api/forums", { headers: { cookie: jar, "x-csrf-token": csrfValue }, body });
    expect(ok.status).toBe(201);
    const out = await call(app.url, "POST", "/api/auth/logout", { headers: { cookie: jar, "x-csrf-token": csrfValue } });
    expect(out.status).toBe(204);
    expect((await call(app.url, "GET", "/api/auth/me", { headers: { cookie: jar } })).status).toBe(401);
  });

  it("logout ends a bearer token", async () => {
    const token = await login(app.url, fac);
    expect((await call(app.url, "POST", "/api/auth/logout", { token })).status).toBe(204);
    expect((await call(app.url, "GET", "/api/auth/me", { token })).status).toBe(401);
  });

  it("repeated failed logins are slowed down with 429 and Retry-After, even with the right password", async () => {
    const target = await createAccount("staff");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call(app.url, "POST", "/api/auth/login", { body: { email: target.email, password: "wrong-password" } })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const locked = await call(app.url, "POST", "/api/auth/login", { body: { email: target.email, password: target.password } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.body.error.code).toBe("too_many_failed_logins");
  });

  it("unknown emails and wrong passwords get the same answer", async () => {
    const a = await call(app.url, "POST", "/api/auth/login", { body: { email: "nobody@x.kr", password: "whatever-pw" } });
    const b = await call(app.url, "POST", "/api/auth/login", { body: { email: fac.email, password: "whatever-pw" } });
    expect(a.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });
});
