import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, login } from "../../support/harness.js";
import { seedForum, signedIn, useApp } from "../../support/fixtures.js";

const app = useApp();
let token: string;
let forumId: string;
let sessionId: string;

beforeAll(async () => {
  ({ token } = await signedIn(app, "staff"));
  const forum = await seedForum(app, token, { title: "검증", sessions: [{ title: "S", startsAt: "2023-04-17T19:00" }] });
  [forumId, sessionId] = [forum.id, forum.sessions[0]!];
});

describe("bad bodies get 400 with the field and the reason", () => {
  it.each([
    ["/api/forums", { startsOn: "2023-01-01", endsOn: "2023-01-02" }, "title"],
    ["/api/forums", { title: "x", startsOn: "2023-02-30", endsOn: "2023-03-01" }, "startsOn"],
    ["/api/forums", { title: "x", startsOn: "2023-03-02", endsOn: "2023-03-01" }, "endsOn"],
    ["/api/forums", { title: "x".repeat(201), startsOn: "2023-03-01", endsOn: "2023-03-01" }, "title"],
  ])("POST %s %j → field %s", async (path, body, field) => {
    const res = await call(app.url, "POST", path, { token, body });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(field);
  });

  it("a session needs a real date-time inside the forum's period", async () => {
    const bad = await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token, body: { title: "x", startsAt: "next tuesday" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("startsAt");
    const outside = await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token, body: { title: "x", startsAt: "2023-05-01T10:00" } });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe("session_outside_forum");
    const missing = await call(app.url, "POST", `/api/forums/nope/sessions`, { token, body: { title: "x", startsAt: "2023-04-20T10:00" } });
    expect(missing.status).toBe(404);
  });

  it("a malformed number is refused with a message saying what is wrong, in Korean or English", async () => {
    const ko = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: "010-123-45" } });
    expect(ko.status).toBe(400);
    expect(ko.body.error).toMatchObject({ code: "phone_wrong_length", field: "phone" });
    expect(ko.body.error.message).toMatch(/자릿수/);
    const en = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: "02-123-4567" }, headers: { "accept-language": "en-US,en" } });
    expect(en.body.error.message).toMatch(/must start with 01/);
    const both = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: "010-1234-5678", name: "a", birthDate: "2000-01-01" } });
    expect(both.status).toBe(400);
    const halfName = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { name: "홍길동" } });
    expect(halfName.status).toBe(400);
    expect(halfName.body.error.field).toBe("birthDate");
    const badDate = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { name: "홍길동", birthDate: "1990-02-30" } });
    expect(badDate.body.error).toMatchObject({ code: "birth_date_not_a_date", field: "birthDate" });
  });

  it("malformed JSON, unknown sessions and routes are 4xx, never 500", async () => {
    const res = await call(app.url, "POST", "/api/forums", { token, body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect((await call(app.url, "POST", `/api/sessions/nope/checkins`, { token, body: { phone: "010-1234-5678" } })).status).toBe(404);
    expect((await call(app.url, "GET", `/api/forums/nope/stats`)).status).toBe(404);
    expect((await call(app.url, "GET", `/api/nothing-here`)).status).toBe(404);
    const key = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone: "010-1234-5678" }, headers: { "idempotency-key": "x".repeat(200) } });
    expect(key.status).toBe(400);
  });

  it("any JSON body at all gets a 2xx or a 4xx on check-in and forum creation (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), async (value, phone) => {
        const r1 = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: JSON.stringify(value), headers: { "content-type": "application/json" } });
        const r2 = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body: { phone } });
        const r3 = await call(app.url, "POST", "/api/forums", { token, body: JSON.stringify(value), headers: { "content-type": "application/json" } });
        for (const r of [r1, r2, r3]) {
          expect(r.status).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(500);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("serves the OpenAPI document and a reference page", async () => {
    const doc = await call(app.url, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of ["/api/auth/login", "/api/forums", "/api/forums/{forumId}/sessions", "/api/sessions/{sessionId}/checkins", "/api/forums/{forumId}/stats", "/api/sessions/{sessionId}/facilitators", "/api/users"]) {
      expect(paths).toContain(p);
    }
    const page = await fetch(`${app.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/openapi.json");
  });
});
