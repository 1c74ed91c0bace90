import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../core/accounts/password.js";
import { toKst } from "../../../core/shared/time.js";

describe("passwords", () => {
  it("are stored as scrypt hashes and verified", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored).not.toContain("correct");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("wrong horse battery", stored)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });
  it("salts each hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });
});

describe("times", () => {
  it("reads times without an offset as KST and keeps an explicit offset", () => {
    expect(toKst("2023-04-17T19:00")).toBe("2023-04-17T19:00:00+09:00");
    expect(toKst("2023-04-17T10:00:00Z")).toBe("2023-04-17T19:00:00+09:00");
    expect(toKst("2023-04-17T20:00:00+09:00")).toBe("2023-04-17T20:00:00+09:00");
  });
});
