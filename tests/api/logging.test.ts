import { describe, expect, it } from "vitest";
import { call, createAccount, login } from "../support/harness.js";
import { useApp } from "../support/fixtures.js";

const app = useApp();

describe("request log lines", () => {
  it("carry method, route pattern, status and timing — not the path's ids, not the body", async () => {
    const token = await login(app.url, await createAccount("staff"));
    const forum = await call(app.url, "POST", "/api/forums", { token, body: { title: "로그", startsOn: "2023-04-17", endsOn: "2023-04-27" } });
    app.logs.length = 0;
    await call(app.url, "GET", `/api/forums/${forum.body.id}/stats`);
    const line = JSON.parse(app.logs.find((l) => l.includes('"msg":"request"'))!);
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/api/forums/:forumId/stats", status: 200 });
    expect(typeof line.ms).toBe("number");
    const res = await fetch(`${app.url}/api/forums`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(JSON.stringify(line)).not.toContain(forum.body.id);
    expect(JSON.stringify(app.logs)).not.toContain(token);
  });
});
