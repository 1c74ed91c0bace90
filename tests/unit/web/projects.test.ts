import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { Card } from "../../../core/projects/card.js";
import { Decision } from "../../../core/projects/decision.js";
import { Funnel } from "../../../core/projects/funnel.js";
import * as app from "../../../web/src/app/strings.js";
import { FUNNEL_STEPS, fileableQuarters, funnelLayout, ladderSteps, parseAmount, previousStep, quarterBounds, quartersOf, sum } from "../../../web/src/projects/figures.js";
import * as projects from "../../../web/src/projects/strings.js";
import { buildWeb } from "../../support/web.js";

/**
 * The projects feature of the web app: its arithmetic agrees with core's own rules (which the browser
 * cannot import: they carry the database client), its strings hold the checks of strings.test.ts,
 * and its pages stay out of the first page's scripts.
 */

describe("the projects' arithmetic", () => {
  const periods = [
    { startsOn: "2024-01-01", endsOn: "2024-12-31" },
    { startsOn: "2024-02-15", endsOn: "2025-04-01" },
    { startsOn: "2023-12-31", endsOn: "2024-01-01" },
    { startsOn: "2024-05-05", endsOn: "2024-05-06" },
    { startsOn: "2022-11-30", endsOn: "2026-03-31" },
  ];

  it("the quarters of a period and their bounds are core's", () => {
    for (const p of periods) {
      expect(quartersOf(p)).toEqual(Card.quartersOf(p));
      for (const q of quartersOf(p)) expect(quarterBounds(q)).toEqual(Card.bounds(q));
    }
    expect(quartersOf({ startsOn: "2024-02-15", endsOn: "2025-04-01" })).toEqual(["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]);
  });

  it("a card may be filed for the quarters that have begun", () => {
    expect(fileableQuarters({ startsOn: "2024-01-01", endsOn: "2024-12-31" }, "2024-07-01")).toEqual(["2024Q1", "2024Q2", "2024Q3"]);
    expect(fileableQuarters({ startsOn: "2024-01-01", endsOn: "2024-12-31" }, "2023-12-31")).toEqual([]);
  });

  it("the funnel's steps are core's, in order", () => {
    expect([...FUNNEL_STEPS]).toEqual([...Funnel.STEPS]);
    expect(previousStep("proposals")).toBeUndefined();
    expect(previousStep("plans")).toBe("core");
  });

  it("reads amounts as typed in 천원: digits, with separators; anything else is not a number", () => {
    expect(parseAmount("52000")).toBe(52000);
    expect(parseAmount("24,000")).toBe(24000);
    expect(parseAmount(" 1 000 천원")).toBe(1000);
    expect(parseAmount("")).toBeNaN();
    expect(parseAmount("12.5")).toBeNaN();
    expect(parseAmount("-3")).toBeNaN();
    expect(sum([40000, 24000, Number.NaN])).toBe(64000);
  });

  it("the money ladder: a step not reached has no amount; executed only once funded", () => {
    const money = { requested: { amount: 62000, on: "2023-08-01" }, proposed: { amount: 58500, on: "2023-09-15", reason: "조정" }, executed: 0 };
    const steps = ladderSteps(money, { funded: false });
    expect(steps.map((s) => [s.key, s.amount])).toEqual([
      ["requested", 62000],
      ["proposed", 58500],
      ["approved", undefined],
      ["executed", undefined],
    ]);
    expect(steps[1]!.reason).toBe("조정");
    expect(ladderSteps({ ...money, approved: { amount: 58500, on: "2023-12-15" }, executed: 41500 }, { funded: true })[3]!.amount).toBe(41500);
  });

  it("the funnel's bars: proportional to the counts, centred, never invisible; narrow charts stack their labels", () => {
    const wide = funnelLayout([153, 15, 6, 4, 3, 3], 1000);
    expect(wide.narrow).toBe(false);
    expect(wide.rows[0]!.barWidth).toBeCloseTo(wide.plot);
    expect(wide.rows[1]!.barWidth).toBeCloseTo((15 / 153) * wide.plot);
    for (const r of wide.rows) expect(r.barX + r.barWidth / 2).toBeCloseTo(wide.left + wide.plot / 2);
    expect(funnelLayout([0, 0], 1000).rows.every((r) => r.barWidth >= 6)).toBe(true);
    const narrow = funnelLayout([153, 15], 360);
    expect(narrow.narrow).toBe(true);
    expect(narrow.rows[0]!.barWidth).toBe(360);
    expect(narrow.rows[0]!.labelY).toBeLessThan(narrow.rows[0]!.y);
  });
});

/** The checks of strings.test.ts, for the projects' dictionary (that file lists the dictionaries it knows). */
describe("the projects' strings", () => {
  const { dictionary, built } = projects;
  const ko = Object.keys(dictionary.ko);
  const en = Object.keys(dictionary.en);
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sources(path);
      return /\.(ts|tsx)$/.test(e.name) && e.name !== "strings.ts" ? [path] : [];
    });
  const code = sources("web/src")
    .map((p) => readFileSync(p, "utf8"))
    .join("\n");
  const matches = (pattern: string, key: string) => pattern.endsWith(".*") && key.startsWith(pattern.slice(0, -1));

  it("have the same keys in Korean and English, none empty", () => {
    expect(ko.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !ko.includes(k))).toEqual([]);
    expect([...ko.filter((k) => !(dictionary.ko as Record<string, string>)[k]?.trim()), ...en.filter((k) => !(dictionary.en as Record<string, string>)[k]?.trim())]).toEqual([]);
  });

  it("are all used in web/src, built keys only from declared patterns that are built in the code", () => {
    expect(ko.filter((key) => !code.includes(`"${key}"`) && !built.some((p) => matches(p, key)))).toEqual([]);
    for (const pattern of built) {
      expect(code.includes(`\`${pattern.slice(0, -1)}\${`), `${pattern} is built somewhere`).toBe(true);
      expect(ko.some((k) => matches(pattern, k)), `${pattern} matches a key`).toBe(true);
    }
  });

  it("define no shared key again", () => {
    const shared = Object.keys(app.dictionary.ko);
    expect(ko.filter((k) => shared.includes(k))).toEqual([]);
  });

  it("name the reasons exactly as core does (Decision.REASONS_KO), one key per reason code", () => {
    const reasons = Object.fromEntries(ko.filter((k) => k.startsWith("reason.")).map((k) => [k.slice("reason.".length), (dictionary.ko as Record<string, string>)[k]]));
    expect(reasons).toEqual(Decision.REASONS_KO);
    expect(Object.keys(reasons).sort()).toEqual([...Decision.ReasonCode.options].sort());
  });
});

describe("the projects' pages and the first page", () => {
  let dist = "";
  let html = "";
  const asset = (href: string) => readFileSync(join(dist, href.replace(/^\//, "")));
  const initial = () =>
    [...html.matchAll(/<(script|link)\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => /type="module"/.test(tag) || /rel="modulepreload"/.test(tag))
      .map((tag) => /(?:src|href)="([^"]+)"/.exec(tag)![1]!);

  beforeAll(async () => {
    dist = await buildWeb("projects-bundle");
    html = readFileSync(join(dist, "index.html"), "utf8");
  }, 120_000);

  it("carry no page code into the first page's scripts, which stay within 40 KB gzipped", () => {
    const scripts = initial();
    const code = scripts.map((src) => asset(src).toString("utf8"));
    // Markers of the projects' pages and components: the funnel chart, the project form, the card form, the journey.
    for (const marker of ["funnel-band", "agenda-choices", "card-form", "journey-steps", "ladder-brief"]) {
      expect(code.some((c) => c.includes(marker)), `${marker} is in the first page's scripts`).toBe(false);
      const chunks = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
      expect(chunks.some((f) => readFileSync(join(dist, "assets", f), "utf8").includes(marker)), `${marker} is in no chunk`).toBe(true);
    }
    const total = scripts.reduce((s, src) => s + gzipSync(asset(src), { level: 9 }).length, 0);
    expect(total).toBeLessThanOrEqual(40 * 1024);
  });

  it("bring their CSS with their chunks, not with the first page", () => {
    const first = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => asset(/href="([^"]+)"/.exec(m[0])![1]!).toString("utf8"));
    expect(first).toHaveLength(1);
    expect(first[0]).not.toContain(".funnel-band");
    const css = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".css"));
    expect(css.some((f) => readFileSync(join(dist, "assets", f), "utf8").includes(".funnel-band"))).toBe(true);
  });
});
