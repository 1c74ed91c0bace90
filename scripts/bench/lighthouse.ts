import chromium from "@sparticuz/chromium";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { resolve } from "node:path";
import { build } from "vite";
import { ensureTable, projectRoot } from "../dynamo-local.js";
import { round, type Bench } from "./harness.js";

/**
 * Lighthouse 12 (the pinned 12.2.3) on the pages residents meet first, against the app as `npm
 * start` serves it (the demo cycle loaded, the web app built, compression and caching on), in the
 * headless Chromium the tests use: mobile (Lighthouse's default throttling) and desktop. Scores
 * and the lab Core Web Vitals (LCP, CLS, and TBT, the lab stand-in for INP).
 */
const TABLE = "lighthouse";

export async function lighthouseBench(bench: Bench) {
  // The demo in a table of its own, so the home page lists what `npm start` would.
  process.env.TABLE_NAME = TABLE;
  await ensureTable(bench.dynamo.endpoint, TABLE);
  const { Demo } = await import("../../core/demo/demo.js");
  const { Round } = await import("../../core/voting/round.js");
  console.log("lighthouse: loading the demo cycle…");
  const forum = await Demo.load();
  const [round_] = await Round.listByForum(forum.id);
  const webDist = resolve(projectRoot, ".test-results", "web-lighthouse");
  console.log("lighthouse: building the web app…");
  await build({ configFile: resolve(projectRoot, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webDist, emptyOutDir: true } });
  const url = await bench.serve({ TABLE_NAME: TABLE, BENCH_WEB_DIST: webDist });
  process.env.TABLE_NAME = "bench";

  const pages = [
    { name: "home", path: "/" },
    { name: "forum", path: `/forums/${forum.id}` },
    { name: "vote", path: `/rounds/${round_!.id}` },
    { name: "propose", path: "/propose" },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: await chromium.executablePath(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
  const rows: Row[] = [];
  try {
    for (const formFactor of ["mobile", "desktop"] as const) {
      for (const page of pages) {
        // One warm-up load (the server compresses each file once), then the measured one.
        await audit(chrome.port, url + page.path, formFactor);
        const lhr = await audit(chrome.port, url + page.path, formFactor);
        const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
        const metric = (id: string) => lhr.audits[id]?.numericValue ?? 0;
        rows.push({
          page: page.name,
          path: page.path,
          formFactor,
          performance: score("performance"),
          accessibility: score("accessibility"),
          bestPractices: score("best-practices"),
          lcpMs: round(metric("largest-contentful-paint"), 0),
          cls: round(metric("cumulative-layout-shift"), 3),
          tbtMs: round(metric("total-blocking-time"), 0),
          fcpMs: round(metric("first-contentful-paint"), 0),
          transferKb: round(metric("total-byte-weight") / 1024, 0),
        });
        console.log(`lighthouse ${formFactor} ${page.name}: ${JSON.stringify(rows[rows.length - 1])}`);
      }
    }
  } finally {
    await chrome.kill();
  }
  return { version: "12.2.3", rows, aim: { performanceMobile: 95, accessibility: 100, bestPractices: 100 } };
}

interface Row {
  page: string;
  path: string;
  formFactor: "mobile" | "desktop";
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  fcpMs: number;
  transferKb: number;
}

async function audit(port: number, url: string, formFactor: "mobile" | "desktop") {
  const result = await lighthouse(
    url,
    { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility", "best-practices"] },
    formFactor === "desktop" ? desktopConfig : undefined,
  );
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  return result.lhr;
}

export type LighthouseResults = Awaited<ReturnType<typeof lighthouseBench>>;

export function lighthouseMarkdown(r: LighthouseResults): string {
  return [
    `Lighthouse ${r.version}, headless Chromium, against the app as \`npm start\` serves it (demo loaded); aim: performance ≥ ${r.aim.performanceMobile} on mobile, accessibility and best practices ${r.aim.accessibility}.`,
    ``,
    `| page | form factor | performance | accessibility | best practices | LCP ms | CLS | TBT ms | FCP ms | transfer KB |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
    ...r.rows.map((x) => `| ${x.page} (\`${x.path.replace(/[0-9a-z]{29}/, "…")}\`) | ${x.formFactor} | ${x.performance} | ${x.accessibility} | ${x.bestPractices} | ${x.lcpMs} | ${x.cls} | ${x.tbtMs} | ${x.fcpMs} | ${x.transferKb} |`),
    ``,
  ].join("\n");
}
