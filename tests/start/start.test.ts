import { execSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Demo } from "../../core/demo/demo.js";
import { freePort } from "../../scripts/dynamo-local.js";

/** `npm start`'s script end to end: empty data folder → demo cycle served → Ctrl-C → restart keeps the data. */
const dataDir = mkdtempSync(join(tmpdir(), "gongnon-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; output: () => string; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SKIP_WEB_BUILD: "1", ADMIN_EMAIL: "Admin@Test.kr", TABLE_NAME: "gongnon", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/serving on (http:\/\/\S+)/);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`start exited (${code}): ${out}`));
    });
  });
  return { child, output: () => out, url };
}

function recount(...args: string[]): { code: number; out: string } {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/recount.ts", ...args], { env: { ...process.env, DATA_DIR: dataDir, DYNAMODB_ENDPOINT: "", TABLE_NAME: "gongnon" }, encoding: "utf8" });
  return { code: res.status ?? -1, out: `${res.stdout}${res.stderr}` };
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGINT");
  });

const javaRunningFor = (dir: string) => {
  try {
    return execSync("ps -eo args", { encoding: "utf8" }).split("\n").some((l) => l.includes("DynamoDBLocal.jar") && l.includes(dir));
  } catch {
    return false;
  }
};

describe("npm start", () => {
  it("loads the demo into an empty store, serves it, stops Java on Ctrl-C, and keeps the data on restart", async () => {
    const port = await freePort();
    const first = await start(port, { ADMIN_PASSWORD: "" });
    const forums = (await (await fetch(`${first.url}/api/forums`)).json()) as { forums: { id: string; title: string }[] };
    expect(forums.forums).toHaveLength(1);
    expect(forums.forums[0]!.title).toBe(Demo.FORUM.title);
    const stats = await (await fetch(`${first.url}/api/forums/${forums.forums[0]!.id}/stats`)).json();
    expect(stats).toMatchObject({ sessions: 6, attendances: 262, participants: 149 });
    const generated = first.output().match(/generated password \(shown once\): (\S+)/)?.[1];
    expect(generated).toBeTruthy();
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@test.kr", password: generated }),
    });
    expect(login.status).toBe(200);
    expect(statSync(join(dataDir, "hmac.key")).mode & 0o777).toBe(0o600);
    expect(javaRunningFor(dataDir)).toBe(true);

    // The demo's agendas and its closed vote; `npm run recount` finds the running DynamoDB Local.
    const forumId = forums.forums[0]!.id;
    const proposals = await (await fetch(`${first.url}/api/forums/${forumId}/proposals?limit=1`)).json();
    expect(proposals.total).toBe(153);
    const rounds = await (await fetch(`${first.url}/api/forums/${forumId}/rounds`)).json();
    expect(rounds.rounds).toHaveLength(1);
    const roundId = rounds.rounds[0].id as string;
    expect(recount(roundId)).toMatchObject({ code: 0, out: expect.stringContaining("OK: the counters equal the ballots.") });
    // The funnel of the demo: 153 → 15 → 6 plans → 4 selected (225,500천원) → 3 funded (161,500천원).
    const funnel = await (await fetch(`${first.url}/api/forums/${forumId}/funnel`)).json();
    expect(funnel.steps.map((s: { count: number }) => s.count)).toEqual([153, 15, 6, 4, 3, 3]);
    expect(funnel.steps.map((s: { money?: number }) => s.money ?? null)).toEqual([null, null, 384_000, 225_500, 161_500, 133_500]);
    expect(recount("funnel", forumId)).toMatchObject({ code: 0, out: expect.stringContaining("OK: the funnel's counters equal its proposals and projects.") });

    await stop(first.child);
    await new Promise((r) => setTimeout(r, 500));
    expect(javaRunningFor(dataDir)).toBe(false);
    // With the app stopped, it starts DynamoDB Local on the data folder for the occasion.
    const offline = recount(roundId);
    expect(offline.code).toBe(0);
    expect(offline.out).toContain("ballots: counted 300, counters 300");
    expect(recount("no-such-round").code).toBe(2);

    const second = await start(port);
    expect(second.output()).not.toContain("loading the demo");
    expect(second.output()).not.toContain("generated password");
    const again = (await (await fetch(`${second.url}/api/forums`)).json()) as { forums: { id: string }[] };
    expect(again.forums.map((f) => f.id)).toEqual(forums.forums.map((f) => f.id));
    const stats2 = await (await fetch(`${second.url}/api/forums/${again.forums[0]!.id}/stats`)).json();
    expect(stats2).toMatchObject({ attendances: 262, participants: 149 });
    await stop(second.child);
  }, 180_000);

  it("starts DynamoDB Local again when it dies; meanwhile requests are 503s that say to retry; the API recovers by itself", async () => {
    const run = await start(await freePort());
    const before = (await (await fetch(`${run.url}/api/forums`)).json()) as { forums: { id: string }[] };
    const { javaPid } = JSON.parse(readFileSync(join(dataDir, "running.json"), "utf8")) as { javaPid: number };
    process.kill(javaPid, "SIGKILL");
    // Until it is back: a 503 with Retry-After and a message that says to send again, never a 500.
    const statuses = new Set<number>();
    let down: { status: number; retryAfter: string | null; body: any } | undefined;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${run.url}/api/forums`, { headers: { "accept-language": "ko" } });
      statuses.add(res.status);
      if (res.status === 503) down ??= { status: 503, retryAfter: res.headers.get("retry-after"), body: await res.json() };
      else await res.arrayBuffer();
      if (res.status === 200 && down) break;
      if (Date.now() > deadline) throw new Error(`no recovery: ${[...statuses].join(", ")}\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(statuses.has(500)).toBe(false);
    expect(down).toMatchObject({ retryAfter: "2", body: { error: { code: "database_unavailable" } } });
    expect(down!.body.error.message).toContain("다시 보내");
    expect(run.output()).toContain("DynamoDB Local is back");
    const after = (await (await fetch(`${run.url}/api/forums`)).json()) as { forums: { id: string }[] };
    expect(after.forums.map((f) => f.id)).toEqual(before.forums.map((f) => f.id));
    const now = JSON.parse(readFileSync(join(dataDir, "running.json"), "utf8")) as { javaPid: number };
    expect(now.javaPid).not.toBe(javaPid);
    await stop(run.child);
    await new Promise((r) => setTimeout(r, 500));
    expect(javaRunningFor(dataDir)).toBe(false);
  }, 120_000);

  it("takes DynamoDB Local down with it when its Node process is killed outright (SIGKILL)", async () => {
    const run = await start(await freePort());
    expect(javaRunningFor(dataDir)).toBe(true);
    const { javaPid } = JSON.parse(readFileSync(join(dataDir, "running.json"), "utf8")) as { javaPid: number };
    expect(javaPid).toBeGreaterThan(0);
    const exited = new Promise((resolve) => run.child.once("exit", resolve));
    run.child.kill("SIGKILL");
    await exited;
    const deadline = Date.now() + 30_000;
    while (javaRunningFor(dataDir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(javaRunningFor(dataDir)).toBe(false);
  }, 120_000);
});
