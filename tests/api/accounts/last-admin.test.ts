import { describe, expect, it } from "vitest";
import { User } from "../../../core/accounts/user.js";
import { call, createAccount, login } from "../../support/harness.js";
import { useApp } from "../../support/fixtures.js";

/** The bootstrap admin can never be lost: the last enabled admin cannot be disabled or demoted. */
const app = useApp();

describe("the last admin", () => {
  it("cannot be disabled or demoted (409); with two, one can, even when both try at once", async () => {
    const only = await createAccount("admin");
    const t = await login(app.url, only);
    const disable = await call(app.url, "PATCH", `/api/users/${only.id}`, { token: t, body: { disabled: true } });
    expect(disable.status).toBe(409);
    expect(disable.body.error.code).toBe("last_admin");
    expect(disable.body.error.message).toContain("관리자");
    const demote = await call(app.url, "PATCH", `/api/users/${only.id}`, { token: t, body: { role: "staff" } });
    expect(demote.status).toBe(409);
    expect((await call(app.url, "GET", "/api/auth/me", { token: t })).status).toBe(200);

    const second = await createAccount("admin");
    // Two admins demoted at once: exactly one of the changes lands (the count moves in the same transaction).
    const both = await Promise.allSettled([User.update(second.id, { role: "staff" }), User.update(only.id, { disabled: true })]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("last_admin");
    const admins = (await User.list()).filter((u) => u.role === "admin" && !u.disabled);
    expect(admins).toHaveLength(1);
    // Through the API, the remaining admin demoting the other (now staff) back and forth is fine.
    const third = await createAccount("admin");
    const t3 = await login(app.url, third);
    expect((await call(app.url, "PATCH", `/api/users/${admins[0]!.id}`, { token: t3, body: { role: "staff" } })).status).toBe(200);
    expect((await call(app.url, "PATCH", `/api/users/${third.id}`, { token: t3, body: { role: "staff" } })).status).toBe(409);
  });
});
