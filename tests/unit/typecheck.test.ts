import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** The whole codebase typechecks: server (core, functions, scripts, tests, sst.config.ts) and web. */
const tsc = (project: string) => {
  try {
    execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", project], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
};

describe("typecheck", () => {
  it("server side", () => {
    expect(tsc("tsconfig.json")).toBe("");
  }, 180_000);
  it("web app", () => {
    expect(existsSync("web/tsconfig.json")).toBe(true);
    expect(tsc("web/tsconfig.json")).toBe("");
  }, 180_000);
});
