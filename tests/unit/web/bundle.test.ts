import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { dictionary as shell } from "../../../web/src/app/strings.js";
import { buildWeb } from "../../support/web.js";

/**
 * What a resident's phone loads first, from a real `vite build`: the entry script and what
 * index.html preloads stay within the budget; the pages are chunks of their own; the fonts swap and
 * exactly the one the first paint needs is preloaded; every CSS variable the app uses is defined.
 * Byte budgets only, never time.
 */
const JS_BUDGET = 40 * 1024;
/** Page code that must not reach the first page: a staff page's, the voting page's, the queue's. */
const PAGE_MARKERS = {
  "attendance/StaffForum.tsx": "assign-form",
  "voting/vote/ChooseStep.tsx": "pick-count",
  "proposals/StaffProposals.tsx": "mod-card",
};
const FIRST_PAINT_FONT = /^PretendardGOV-Regular-core-[\w-]+\.woff2$/;

let dist = "";
let html = "";
const asset = (href: string) => readFileSync(join(dist, href.replace(/^\//, "")));
const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1]!, m[2] ?? ""]));
const tags = (name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, "g"))].map((m) => attrs(m[0]));

beforeAll(async () => {
  dist = await buildWeb("bundle");
  html = readFileSync(join(dist, "index.html"), "utf8");
});

/** The entry script and every modulepreload: the JavaScript the first page needs before any route code. */
function initialScripts(): string[] {
  const entry = tags("script").filter((a) => a.type === "module" && a.src).map((a) => a.src!);
  const preloads = tags("link").filter((a) => a.rel === "modulepreload" || (a.rel === "preload" && a.as === "script")).map((a) => a.href!);
  expect(entry).toHaveLength(1);
  return [...entry, ...preloads];
}

/** Each @font-face of the built CSS: its descriptors by name. */
function fontFaces(): Record<string, string>[] {
  const css = readdirSync(join(dist, "assets"))
    .filter((f) => f.endsWith(".css"))
    .map((f) => readFileSync(join(dist, "assets", f), "utf8"))
    .join("\n");
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) =>
    Object.fromEntries(
      m[1]!
        .split(";")
        .map((d) => d.split(/:(.*)/s).map((s) => s.trim()))
        .filter(([k, v]) => k && v)
        .map(([k, v]) => [k!, v!]),
    ),
  );
}

const inRange = (range: string, c: number) =>
  range.split(",").some((r) => {
    const [a, b = a] = r.trim().replace(/^U\+/i, "").split("-").map((h) => parseInt(h, 16));
    return c >= a! && c <= b!;
  });

describe("the first page's bundle", () => {
  it(`loads at most ${JS_BUDGET / 1024} KB of gzipped JavaScript (entry + modulepreloads)`, () => {
    const sizes = initialScripts().map((src) => ({ src, gzip: gzipSync(asset(src), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    expect(total, JSON.stringify(sizes)).toBeLessThanOrEqual(JS_BUDGET);
  });

  it("carries no page code: the pages are chunks of their own, loaded with their route", () => {
    const initial = initialScripts().map((src) => asset(src).toString("utf8"));
    const chunks = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
    for (const [page, marker] of Object.entries(PAGE_MARKERS)) {
      expect(initial.some((code) => code.includes(marker)), `${page} is in the first page's scripts`).toBe(false);
      expect(chunks.some((f) => readFileSync(join(dist, "assets", f), "utf8").includes(marker)), `${page}'s marker is in no chunk`).toBe(true);
    }
    // The route table is in the entry, the pages behind dynamic imports.
    expect(chunks.length).toBeGreaterThan(10);
  });

  it("loads only the shell's CSS first: the tablet's and voting's styles come with their chunks", () => {
    const css = tags("link").filter((a) => a.rel === "stylesheet").map((a) => asset(a.href!).toString("utf8"));
    expect(css).toHaveLength(1);
    expect(css[0]).toContain(".site-header");
    expect(css[0]).not.toContain(".keypad");
    expect(css[0]).not.toContain(".pick-card");
  });

  it("swaps every font in, in the two weights the CSS uses", () => {
    const faces = fontFaces();
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) {
      expect(face["font-display"], JSON.stringify(face)).toBe("swap");
      expect(face["unicode-range"], JSON.stringify(face)).toBeTruthy();
    }
    expect(new Set(faces.map((f) => f["font-weight"]))).toEqual(new Set(["400", "700"]));
  });

  it("preloads exactly the font the first paint needs: Regular, the slice with the shell's own text", () => {
    const fonts = tags("link").filter((a) => a.rel === "preload" && a.as === "font");
    expect(fonts).toHaveLength(1);
    const [font] = fonts;
    expect(font!.href!.split("/").pop()).toMatch(FIRST_PAINT_FONT);
    expect(font!.crossorigin).toBeDefined();
    expect(font!.type).toBe("font/woff2");
    expect(asset(font!.href!).length).toBeGreaterThan(0);
    // That file is a Regular face whose range holds every character of the header and footer (ko).
    const face = fontFaces().find((f) => f.src?.includes(font!.href!));
    expect(face?.["font-weight"]).toBe("400");
    const text = Object.values(shell.ko).join("");
    const missing = [...new Set(text)].filter((ch) => ch.trim() && !inRange(face!["unicode-range"]!, ch.codePointAt(0)!));
    expect(missing).toEqual([]);
  });
});

describe("the CSS variables", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  const sources = files("web/src").filter((f) => /\.(css|tsx?)$/.test(f));
  const css = sources.filter((f) => f.endsWith(".css")).map((f) => readFileSync(f, "utf8"));
  const defined = new Set(css.flatMap((text) => [...text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!)));

  it("every var(--…) the app uses is defined (KRDS tokens in the trimmed tokens.css, the app's own in app.css)", () => {
    const used = new Set(sources.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });

  it("the trimmed tokens keep krds-uiux's values, and the whole token file is no longer imported", () => {
    const krds = new Map(
      [...readFileSync("node_modules/krds-uiux/resources/css/token/krds_tokens.css", "utf8").matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
    );
    const trimmed = [...readFileSync("web/src/app/styles/tokens.css", "utf8").matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)];
    expect(trimmed.length).toBeGreaterThan(0);
    expect(trimmed.length).toBeLessThan(krds.size / 2);
    for (const [, name, value] of trimmed) expect([name, value!.trim()]).toEqual([name, krds.get(name!)]);
    expect(sources.filter((f) => /(import|@import)\s*(url\()?["'][^"']*krds_tokens\.css/.test(readFileSync(f, "utf8")))).toEqual([]);
  });
});
