import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { projectRoot } from "./dynamo-local.js";
import { startBench } from "./bench/harness.js";

/**
 * `npm run bench [-- section …]`: the benchmark sections (all when none is named), each measured in
 * this one run against its own DynamoDB Local. Results merge into bench/results.json (a section not
 * run keeps its last figures, with their date), and bench/results.md, which the README quotes.
 */
const SECTIONS = {
  api: async () => (await import("./bench/api.js")),
  "cold-start": async () => (await import("./bench/cold-start.js")),
  lighthouse: async () => (await import("./bench/lighthouse.js")),
  funnel: async () => (await import("./bench/funnel.js")),
  soak: async () => (await import("./bench/soak.js")),
} as const;
type Section = keyof typeof SECTIONS;

const asked = process.argv.slice(2).filter((a) => a !== "--") as Section[];
const unknown = asked.filter((a) => !(a in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(", ")}; sections: ${Object.keys(SECTIONS).join(", ")}`);
  process.exit(2);
}
const run = asked.length > 0 ? asked : (Object.keys(SECTIONS) as Section[]);

const file = join(projectRoot, "bench", "results.json");
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { sections?: Record<string, unknown>; [k: string]: any }) : {};
// A file from before the sections holds the api figures alone, at its top level: kept as the api section.
const before = previous.sections ?? (previous.checkIns ? { api: { date: previous.date, data: { seconds: previous.seconds, dynamodb: previous.machine?.dynamodb, checkIns: previous.checkIns, ballots: previous.ballots, proposals: previous.proposals, search: previous.search } } } : {});
const results: { machine: unknown; sections: Record<string, { date: string; data: any }> } = {
  machine: { cpus: os.cpus().length, node: process.version },
  sections: before as Record<string, { date: string; data: any }>,
};

const bench = await startBench();
/** A section that fails keeps its last figures (the others still run); the run then exits non-zero. */
const failed: string[] = [];
async function section(name: Section, measure: () => Promise<unknown>) {
  try {
    results.sections[name] = { date: new Date().toISOString(), data: await measure() };
  } catch (err) {
    failed.push(name);
    console.error(`bench section ${name} failed:`, err);
  }
}
try {
  if (run.includes("api")) await section("api", async () => (await SECTIONS["api"]()).apiBench(bench));
  if (run.includes("cold-start")) await section("cold-start", async () => (await SECTIONS["cold-start"]()).coldStartBench(bench));
  if (run.includes("funnel")) await section("funnel", async () => (await SECTIONS["funnel"]()).funnelBench(bench));
  if (run.includes("soak")) await section("soak", async () => (await SECTIONS["soak"]()).soakBench(bench));
  if (run.includes("lighthouse")) await section("lighthouse", async () => (await SECTIONS["lighthouse"]()).lighthouseBench(bench));
} finally {
  await bench.stop();
}

mkdirSync(join(projectRoot, "bench"), { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
const md = await markdown();
writeFileSync(join(projectRoot, "bench", "results.md"), `# Benchmark results\n\n${md}`);
quoteInReadme(md);
console.log(md);
if (failed.length > 0) {
  console.error(`failed section(s): ${failed.join(", ")}`);
  process.exitCode = 1;
}

async function markdown(): Promise<string> {
  const parts: string[] = [`${os.cpus().length} cores · Node ${process.version} · each section with its own date`, ``];
  const s = results.sections;
  if (s.api) parts.push(`### Through the API vs. directly (${s.api.date})`, ``, (await SECTIONS.api()).apiMarkdown(s.api.data));
  if (s["cold-start"]) parts.push(`### Cold starts (${s["cold-start"].date})`, ``, (await SECTIONS["cold-start"]()).coldStartMarkdown(s["cold-start"].data));
  if (s.funnel) parts.push(`### The funnel and the exports (${s.funnel.date})`, ``, (await SECTIONS.funnel()).funnelMarkdown(s.funnel.data));
  if (s.soak) parts.push(`### Soak: ${s.soak.data.seconds >= 120 ? `${Math.round(s.soak.data.seconds / 60)} minutes` : `${s.soak.data.seconds} s`} of mixed traffic (${s.soak.date})`, ``, (await SECTIONS.soak()).soakMarkdown(s.soak.data));
  if (s.lighthouse) parts.push(`### First pages in Lighthouse (${s.lighthouse.date})`, ``, (await SECTIONS.lighthouse()).lighthouseMarkdown(s.lighthouse.data));
  return parts.join("\n");
}

/** The README quotes the latest results between its bench markers. */
function quoteInReadme(md: string) {
  const path = join(projectRoot, "README.md");
  const readme = readFileSync(path, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return;
  writeFileSync(path, `${readme.slice(0, from + start.length)}\n${md}${readme.slice(to)}`);
}
