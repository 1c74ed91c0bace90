import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import * as accounts from "../../../web/src/accounts/strings.js";
import * as app from "../../../web/src/app/strings.js";
import * as attendance from "../../../web/src/attendance/strings.js";
import * as tablet from "../../../web/src/attendance/tablet/strings.js";
import * as governance from "../../../web/src/governance/strings.js";
import * as projects from "../../../web/src/projects/strings.js";
import * as proposals from "../../../web/src/proposals/strings.js";
import * as voting from "../../../web/src/voting/strings.js";

/**
 * Every dictionary of the web app: Korean and English hold the same keys, and every key is used
 * somewhere in web/src, either written out (`t("vote.title")`) or, for keys the code builds from a
 * value (`t(\`role.${role}\`)`), matched by a pattern the dictionary declares in its `built` list.
 */
const dictionaries = { app, attendance, tablet, accounts, proposals, voting, projects, governance };

const SRC = "web/src";
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) && e.name !== "strings.ts" ? [path] : [];
  });
}
const code = sources(SRC)
  .map((path) => readFileSync(path, "utf8"))
  .join("\n");

/** "role.*" matches role.admin, role.staff…; its prefix must itself be built somewhere (`role.${`). */
const matches = (pattern: string, key: string) => pattern.endsWith(".*") && key.startsWith(pattern.slice(0, -1));

describe.each(Object.entries(dictionaries))("the %s strings", (_name, { dictionary, built }) => {
  const ko = Object.keys(dictionary.ko);
  const en = Object.keys(dictionary.en);

  it("have the same keys in Korean and English", () => {
    expect(ko.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !ko.includes(k))).toEqual([]);
  });

  it("have no empty string", () => {
    expect([...ko.filter((k) => !(dictionary.ko as Record<string, string>)[k]?.trim()), ...en.filter((k) => !(dictionary.en as Record<string, string>)[k]?.trim())]).toEqual([]);
  });

  it("are all used in web/src", () => {
    const unused = ko.filter((key) => !code.includes(`"${key}"`) && !built.some((p) => matches(p, key)));
    expect(unused).toEqual([]);
  });

  it("build keys only from declared patterns that are built in the code", () => {
    for (const pattern of built) {
      expect(pattern, "a pattern ends with .*").toMatch(/\.\*$/);
      expect(code.includes(`\`${pattern.slice(0, -1)}\${`), `${pattern} is built somewhere`).toBe(true);
      expect(ko.some((k) => matches(pattern, k)), `${pattern} matches a key`).toBe(true);
    }
  });
});

describe("the dictionaries together", () => {
  it("never define a shared key again in a feature", () => {
    const shared = Object.keys(app.dictionary.ko);
    const again = Object.entries(dictionaries)
      .filter(([name]) => name !== "app")
      .flatMap(([name, d]) => Object.keys(d.dictionary.ko).filter((k) => shared.includes(k)).map((k) => `${name}: ${k}`));
    expect(again).toEqual([]);
  });

  it("cover every strings.ts in web/src", () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" })
      .filter((p) => p.endsWith("strings.ts"))
      .map((p) => relative(SRC, join(SRC, p)))
      .sort();
    expect(files).toEqual(["accounts/strings.ts", "app/strings.ts", "attendance/strings.ts", "attendance/tablet/strings.ts", "governance/strings.ts", "projects/strings.ts", "proposals/strings.ts", "voting/strings.ts"]);
  });
});
