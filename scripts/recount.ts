import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Results } from "../core/voting/results.js";
import { Round } from "../core/voting/round.js";
import { startDynamoLocal, type LocalDynamo } from "./dynamo-local.js";

/**
 * `npm run recount -- <roundId>`: counts a round's ballots again and compares with its counters.
 * `npm run recount -- funnel <forumId>`: recomputes a forum's funnel from its proposals and
 * projects and compares with its counters.
 * Where: DYNAMODB_ENDPOINT if set; else the running `npm start` (DATA_DIR/running.json); else a
 * DynamoDB Local started on DATA_DIR's data for the occasion; on AWS, run it under `sst bind`
 * (which provides the table) with DATA_DIR pointing nowhere. Exits 1 when anything differs.
 */
const [first, second] = process.argv.slice(2);
const funnelOf = first === "funnel" ? second : undefined;
const roundId = first === "funnel" ? undefined : first;
if (!roundId && !funnelOf) {
  console.error("usage: npm run recount -- <roundId>   |   npm run recount -- funnel <forumId>");
  process.exit(2);
}
const dataDir = resolve(process.env.DATA_DIR ?? ".data");
let own: LocalDynamo | undefined;

async function reachable(endpoint: string) {
  try {
    await fetch(endpoint, { method: "POST", signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

if (!process.env.DYNAMODB_ENDPOINT && !process.env.SST_Table_tableName_Data) {
  const running = join(dataDir, "running.json");
  const info = existsSync(running) ? (JSON.parse(readFileSync(running, "utf8")) as { dynamodb: string; table: string }) : undefined;
  if (info && (await reachable(info.dynamodb))) {
    process.env.DYNAMODB_ENDPOINT = info.dynamodb;
    process.env.TABLE_NAME ??= info.table;
  } else if (existsSync(join(dataDir, "dynamodb"))) {
    own = await startDynamoLocal({ dbPath: join(dataDir, "dynamodb") });
    process.env.DYNAMODB_ENDPOINT = own.endpoint;
  }
  process.env.TABLE_NAME ??= "gongnon";
}

try {
  if (funnelOf) await recountFunnel(funnelOf);
  else await recountRound(roundId!);
} catch (err) {
  console.error(`recount failed: ${(err as Error).message}`);
  process.exitCode = 2;
} finally {
  await own?.stop();
}

async function recountFunnel(forumId: string) {
  const { Funnel } = await import("../core/projects/funnel.js");
  const r = await Funnel.recount(forumId);
  for (const k of Object.keys(r.counted) as (keyof typeof r.counted)[]) console.log(`${k}: counted ${r.counted[k]}, counters ${r.counters[k]}`);
  for (const d of r.differences) console.log(`DIFFERENT ${d.counter}: the items say ${d.counted}, the counters say ${d.counters}`);
  console.log(r.ok ? "OK: the funnel's counters equal its proposals and projects." : "MISMATCH: the funnel's counters differ from its items.");
  process.exitCode = r.ok ? 0 : 1;
}

async function recountRound(roundId: string) {
  const round = await Round.mustGet(roundId);
  const r = await Results.recount(roundId);
  console.log(`round: ${round.title} (${roundId}), ${Round.statusOf(round)}`);
  console.log(`ballots: counted ${r.ballots.counted}, counters ${r.ballots.counters}`);
  console.log(`by channel: counted online ${r.byChannel.counted.online} / session ${r.byChannel.counted.session}; counters online ${r.byChannel.counters.online} / session ${r.byChannel.counters.session}`);
  if (r.differences.length > 0) {
    for (const d of r.differences) console.log(`DIFFERENT ${d.proposalId}: ballots say ${d.counted}, counters say ${d.counters}`);
  }
  console.log(r.ok ? "OK: the counters equal the ballots." : "MISMATCH: the counters differ from the ballots.");
  process.exitCode = r.ok ? 0 : 1;
}
