/**
 * `npm run verify-tally -- <url>`: counts a closed round again from its published ballot list,
 * with nothing but the public API, and compares with the published totals and digest.
 *
 * <url> is the round's results page (https://…/rounds/<roundId>/results), its API results, or its
 * ballot list (…/api/rounds/<roundId>/ballots.csv). Prints the arithmetic; exits 0 when the list,
 * its digest and the totals agree, 1 when anything differs, 2 when the list cannot be read.
 * Deliberately standalone (fetch and node:crypto only), so anyone can read it and run it.
 */
import { createHash } from "node:crypto";

const arg = process.argv.slice(2).find((a) => a !== "--");
if (!arg) {
  console.error("usage: npm run verify-tally -- <url of the round's results page or ballot list>");
  process.exit(2);
}

let url: URL;
try {
  url = new URL(arg);
} catch {
  console.error(`not a URL: ${arg}`);
  process.exit(2);
}
const roundId = url.pathname.match(/\/rounds\/([^/]+)/)?.[1];
if (!roundId) {
  console.error(`no round in ${arg}: expected …/rounds/<roundId>/…`);
  process.exit(2);
}
const api = `${url.origin}/api/rounds/${encodeURIComponent(roundId)}`;

async function get(path: string): Promise<Response> {
  const res = await fetch(`${api}${path}`, { headers: { "accept-language": "ko" } });
  if (!res.ok) {
    const text = await res.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
    } catch {
      /* not JSON */
    }
    console.error(`${api}${path}: ${res.status} ${message}`);
    process.exit(2);
  }
  return res;
}

const csvText = await (await get("/ballots.csv")).text();
const list = (await (await get("/ballots.json")).json()) as {
  title: string;
  final: boolean;
  count: number;
  hash: string;
  published?: { hash: string; count: number; at: string };
  proposals: { id: string; title: string }[];
};
const results = (await (await get("/results")).json()) as {
  ballots: number;
  byChannel: { online: number; session: number };
  tallies: { proposalId: string; title: string; votes: number; byChannel: { online: number; session: number } }[];
  ballotList?: { hash: string; count: number; final: boolean };
  provisional?: boolean;
};

const problems: string[] = [];
const digest = createHash("sha256").update(csvText, "utf8").digest("hex");
const lines = csvText.split("\r\n").filter(Boolean);
if (lines[0] !== "receipt_sha256,channel,choices") problems.push(`unexpected header: ${lines[0]}`);
const rows = lines.slice(1).map((line) => {
  const [hash, channel, choices = ""] = line.split(",");
  return { hash: hash!, channel: channel!, choices: choices.split(" ").filter(Boolean) };
});

const votes = new Map<string, { online: number; session: number }>();
const seen = new Set<string>();
let online = 0;
let session = 0;
for (const r of rows) {
  if (!/^[0-9a-f]{64}$/.test(r.hash)) problems.push(`not a receipt hash: ${r.hash}`);
  if (seen.has(r.hash)) problems.push(`receipt listed twice: ${r.hash}`);
  seen.add(r.hash);
  if (r.channel !== "online" && r.channel !== "session") problems.push(`unknown channel ${r.channel} for ${r.hash}`);
  if (r.channel === "online") online++;
  else session++;
  for (const c of r.choices) {
    const v = votes.get(c) ?? { online: 0, session: 0 };
    if (r.channel === "online") v.online++;
    else v.session++;
    votes.set(c, v);
  }
}

console.log(`${list.title}: ${rows.length} ballots in the published list (${online} online + ${session} at sessions)`);
console.log(`list digest (SHA-256 of the CSV): ${digest}`);
const published = results.ballotList?.hash ?? list.published?.hash;
if (!published) problems.push("the results publish no digest of the list");
else if (published !== digest) problems.push(`the list's digest ${digest} differs from the published ${published}: a ballot changed after the count was final`);
else console.log(`equals the digest the results page shows${results.ballotList?.final ? " (kept when the count became final)" : " (not final yet: the grace period runs)"}`);
if (rows.length !== results.ballots) problems.push(`the list has ${rows.length} ballots, the results say ${results.ballots}`);
if (online !== results.byChannel.online || session !== results.byChannel.session) {
  problems.push(`by channel: the list ${online} online + ${session} at sessions, the results ${results.byChannel.online} + ${results.byChannel.session}`);
}
const titles = new Map(list.proposals.map((p) => [p.id, p.title]));
console.log("");
for (const t of results.tallies) {
  const v = votes.get(t.proposalId) ?? { online: 0, session: 0 };
  const counted = v.online + v.session;
  const ok = counted === t.votes && v.online === t.byChannel.online && v.session === t.byChannel.session;
  console.log(`${ok ? "✓" : "✗"} ${titles.get(t.proposalId) ?? t.title}: ${v.online} + ${v.session} = ${counted} (published ${t.votes})`);
  if (!ok) problems.push(`${t.title}: counted ${counted} (${v.online} online + ${v.session} at sessions), published ${t.votes}`);
  votes.delete(t.proposalId);
}
for (const [id] of votes) problems.push(`a choice that is not on the ballot: ${id}`);
if (results.tallies.length === 0 && rows.length > 0) problems.push("the results show no totals to compare with");

console.log("");
if (problems.length > 0) {
  for (const p of problems) console.log(`DIFFERS: ${p}`);
  process.exit(1);
}
console.log(`OK: the published list adds up to the published totals${results.provisional ? " (provisional: a console may still send ballots)" : ""}.`);
