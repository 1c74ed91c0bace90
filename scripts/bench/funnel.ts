import { Forum } from "../../core/attendance/forum.js";
import { DemoProposals } from "../../core/demo/proposals.js";
import { Export } from "../../core/projects/export.js";
import { Proposal } from "../../core/proposals/proposal.js";
import { median, percentile, round, type Bench } from "./harness.js";

/**
 * The funnel's read latency through the API for a forum of 150 proposals and one of 10,000 (its
 * figures are counters, so the two should cost the same: aim within 1.2×), and the time to export
 * 10,000 proposals as XLSX and as CSV (the files Lambda's work, in process).
 */
const SIZES = [150, Number(process.env.BENCH_FUNNEL_PROPOSALS ?? 10_000)];
const READS = 300;

async function forumOf(size: number) {
  const forum = await Forum.create({ title: `깔때기 벤치 ${size}`, startsOn: "2023-04-01", endsOn: "2023-04-30" });
  const fields = Object.keys(DemoProposals.TOPICS);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < size; i = next++) {
        const field = fields[i % fields.length]!;
        await Proposal.create({ forumId: forum.id, title: `깔때기 제안 ${i}`, body: `벤치마크용 제안 ${i}번의 내용입니다.`, field, source: "import", status: "published" });
      }
    }),
  );
  return forum.id;
}

export async function funnelBench(bench: Bench) {
  const url = await bench.url();
  const reads: { proposals: number; p50ms: number; p99ms: number }[] = [];
  let big = "";
  for (const size of SIZES) {
    console.log(`funnel: a forum of ${size} proposals…`);
    const forumId = await forumOf(size);
    big = forumId;
    for (let i = 0; i < 20; i++) await fetch(`${url}/api/forums/${forumId}/funnel`).then((r) => r.arrayBuffer());
    const ms: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/forums/${forumId}/funnel`);
      const body = (await res.json()) as { steps: { count: number }[] };
      ms.push(performance.now() - t0);
      if (body.steps[0]!.count !== size) throw new Error(`funnel says ${body.steps[0]!.count} proposals, wrote ${size}`);
    }
    ms.sort((a, b) => a - b);
    reads.push({ proposals: size, p50ms: round(percentile(ms, 50), 2), p99ms: round(percentile(ms, 99), 2) });
  }
  const timed = async (run: () => Promise<Uint8Array>) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      bytes = (await run()).byteLength;
      times.push(performance.now() - t0);
    }
    return { medianMs: round(median(times), 0), bytes };
  };
  console.log("funnel: exporting…");
  const xlsx = await timed(() => Export.xlsx(big));
  const csv = await timed(() => Export.csv(big, "proposals"));
  return { reads, ratio: round(reads[1]!.p50ms / reads[0]!.p50ms, 2), aim: 1.2, exports: { proposals: SIZES[1]!, xlsx, csv } };
}

export type FunnelResults = Awaited<ReturnType<typeof funnelBench>>;

export function funnelMarkdown(r: FunnelResults): string {
  return [
    `| funnel read through the API (\`GET /api/forums/{id}/funnel\`, ${READS} sequential reads) | p50 ms | p99 ms |`,
    `|---|---|---|`,
    ...r.reads.map((x) => `| a forum of ${x.proposals.toLocaleString("en")} proposals | ${x.p50ms} | ${x.p99ms} |`),
    `| **ratio p50 ${r.reads[1]!.proposals.toLocaleString("en")} / ${r.reads[0]!.proposals}** | **${r.ratio}** (aim ≤ ${r.aim}) | |`,
    ``,
    `| export of ${r.exports.proposals.toLocaleString("en")} proposals (median of 3) | ms | bytes |`,
    `|---|---|---|`,
    `| XLSX (all sheets, the summary) | ${r.exports.xlsx.medianMs} | ${r.exports.xlsx.bytes.toLocaleString("en")} |`,
    `| CSV (the proposals) | ${r.exports.csv.medianMs} | ${r.exports.csv.bytes.toLocaleString("en")} |`,
    ``,
  ].join("\n");
}
