import { describe, expect, it } from "vitest";
import { call, createAccount, login } from "../support/harness.js";
import { useApp } from "../support/fixtures.js";

const app = useApp();

describe("smoke", () => {
  it("creates a forum, a session and checks a person in", async () => {
    const staff = await createAccount("staff");
    const token = await login(app.url, staff);
    const forum = await call(app.url, "POST", "/api/forums", { token, body: { title: "F", startsOn: "2023-04-17", endsOn: "2023-04-27" } });
    expect(forum.status).toBe(201);
    const session = await call(app.url, "POST", `/api/forums/${forum.body.id}/sessions`, { token, body: { title: "S1", startsAt: "2023-04-17T19:00" } });
    expect(session.status).toBe(201);
    const c1 = await call(app.url, "POST", `/api/sessions/${session.body.id}/checkins`, { token, body: { phone: "010-1234-5678" } });
    expect(c1.status).toBe(201);
    expect(c1.body).toMatchObject({ firstInSession: true, firstInForum: true, sessionAttendances: 1, forumParticipants: 1 });
    const c2 = await call(app.url, "POST", `/api/sessions/${session.body.id}/checkins`, { token, body: { phone: "+82 10 1234 5678" } });
    expect(c2.status).toBe(200);
    expect(c2.body.firstInSession).toBe(false);
    const stats = await call(app.url, "GET", `/api/forums/${forum.body.id}/stats`);
    expect(stats.body).toMatchObject({ sessions: 1, attendances: 1, participants: 1 });
    const doc = await call(app.url, "GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain("/api/sessions/{sessionId}/checkins");
  });
});
