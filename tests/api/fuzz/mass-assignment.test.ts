import { beforeAll, describe, expect, it } from "vitest";
import { makeWorld, sendJson, type World } from "../../support/world.js";

/**
 * Mass assignment, by name: keys a caller has no right to set change nothing, whether the route
 * refuses them (400/403) or drops them. (The fuzz in writes-*.test.ts tries undeclared keys on
 * every write route generically; these are the ones that matter most, checked by reading back.)
 */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
});

const users = async () => (await sendJson(w.app, "GET", "/api/users", { token: w.tokens.admin })).json.users as { id: string; role: string; name: string; disabled?: boolean }[];
const user = async (id: string) => (await users()).find((u) => u.id === id)!;

describe("mass assignment changes nothing", () => {
  it('role: "admin" on a user update by staff is refused, and the account stays as it was', async () => {
    const before = await user(w.accounts.spareFac.id);
    const res = await sendJson(w.app, "PATCH", `/api/users/${w.accounts.spareFac.id}`, { token: w.tokens.staff, body: { name: "바뀐 이름", role: "admin" } });
    expect(res.status).toBe(403);
    expect(await user(w.accounts.spareFac.id)).toEqual(before);
  });

  it('staff cannot make themselves admin ("self-update")', async () => {
    const res = await sendJson(w.app, "PATCH", `/api/users/${w.accounts.staff.id}`, { token: w.tokens.staff, body: { role: "admin" } });
    expect(res.status).toBe(403);
    expect((await user(w.accounts.staff.id)).role).toBe("staff");
    // The same token still has staff's powers only.
    expect((await sendJson(w.app, "POST", "/api/users", { token: w.tokens.staff, body: { email: "x-self@test.gongnon.kr", name: "x", role: "staff", password: "long-enough-pw" } })).status).toBe(403);
  });

  it("undeclared keys on a user update (id, authVersion, isAdmin, passwordHash) are refused or dropped", async () => {
    const res = await sendJson(w.app, "PATCH", `/api/users/${w.accounts.spareTf.id}`, {
      token: w.tokens.admin,
      body: { name: "이름만", id: "chosen-id", isAdmin: true, authVersion: 0, passwordHash: "scrypt$1$1$1$x$y", __proto__: { role: "admin" } },
    });
    expect([200, 400]).toContain(res.status);
    const after = await user(w.accounts.spareTf.id);
    expect(after.role).toBe("taskforce");
    expect(after.id).toBe(w.accounts.spareTf.id);
    expect((await users()).some((u) => u.id === "chosen-id")).toBe(false);
  });

  it("a new account by staff cannot choose its id, role admin or its disabled flag", async () => {
    const email = `mass-${Date.now()}@test.gongnon.kr`;
    expect((await sendJson(w.app, "POST", "/api/users", { token: w.tokens.staff, body: { email, name: "새 계정", role: "admin", password: "long-enough-pw" } })).status).toBe(403);
    const res = await sendJson(w.app, "POST", "/api/users", { token: w.tokens.staff, body: { email, name: "새 계정", role: "facilitator", password: "long-enough-pw", id: "chosen-id-2", disabled: true, authVersion: 99 } });
    expect([201, 400]).toContain(res.status);
    if (res.status === 201) {
      expect(res.json.id).not.toBe("chosen-id-2");
      const made = await user(res.json.id);
      expect(made.role).toBe("facilitator");
      expect(made.disabled ?? false).toBe(false);
      // Its password works: a sign-in, so the account is live.
      expect((await sendJson(w.app, "POST", "/api/auth/login", { body: { email, password: "long-enough-pw" } })).status).toBe(200);
    }
  });

  it("status, stage or source on a public proposal are refused, and nothing is published", async () => {
    const body = { title: "몰래 공개", body: "상태를 정해서 보내는 제안입니다", field: "도시건설" };
    for (const extra of [{ status: "published" }, { stage: "core" }, { source: "session" }, { receipt: "P-000000" }, { id: "chosen" }]) {
      const res = await sendJson(w.app, "POST", `/api/forums/${w.forumId}/proposals`, { body: { ...body, ...extra } });
      expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
    }
    const list = await sendJson(w.app, "GET", `/api/forums/${w.forumId}/proposals?q=${encodeURIComponent("몰래 공개")}`);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).not.toContain("몰래 공개");
  });

  it("a session's facilitator cannot set status on an agenda they capture", async () => {
    const res = await sendJson(w.app, "POST", `/api/sessions/${w.sessionId}/proposals`, { token: w.tokens.fac, body: { title: "탁자 의제", field: "도시건설", status: "hidden", stage: "core" } });
    expect(res.status).toBe(400);
  });
});
