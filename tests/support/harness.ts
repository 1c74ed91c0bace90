import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { Sealed } from "../../core/shared/sealing.js";
import { resetClient } from "../../core/shared/table.js";
import { User } from "../../core/accounts/user.js";
import { setLogSink } from "../../functions/api/log.js";
import { startServer } from "../../functions/local/server.js";
import { ensureTable } from "../../scripts/dynamo-local.js";

/**
 * Test harness: a fresh table per test file in the run's DynamoDB Local, a random HMAC key,
 * and (for API and browser tests) the real local server on a free port.
 */
export async function useTable(): Promise<string> {
  const endpoint = inject("dynamoEndpoint");
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = name;
  process.env.GONGNON_HMAC_KEY = randomBytes(32).toString("hex");
  process.env.GONGNON_SEALING_KEY = Sealed.newKeyPem();
  Sealed.setKeyProvider(undefined);
  process.env.GONGNON_OUTBOX = join(tmpdir(), `gongnon-outbox-${name}.jsonl`);
  resetClient();
  await ensureTable(endpoint, name);
  return name;
}

export interface Account {
  email: string;
  password: string;
  id: string;
}

export async function createAccount(role: User.Role, name = `${role} ${randomBytes(2).toString("hex")}`): Promise<Account> {
  const email = `${role}-${randomBytes(4).toString("hex")}@test.gongnon.kr`;
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const user = await User.create({ email, password, role, name });
  return { email, password, id: user.id };
}

export interface TestApp {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the real local server (API + built web app when webDist is given); captures its log lines. */
export async function startApp(opts: { webDist?: string } = {}): Promise<TestApp> {
  const logs: string[] = [];
  setLogSink((line) => logs.push(line));
  process.env.GONGNON_QUIET_LOG = "0";
  const srv = await startServer({ port: 0, webDist: opts.webDist });
  return { url: srv.url, logs, close: srv.close };
}

export async function login(url: string, account: Account): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** JSON request helper with a bearer token. */
export async function call(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}

/**
 * What a console does with a key still in flight: 409 `in_progress` means "send the same request
 * again shortly" (the test waits 100 ms, not the Retry-After's seconds).
 */
export async function callAsConsole(...args: Parameters<typeof call>): ReturnType<typeof call> {
  for (;;) {
    const res = await call(...args);
    if (res.status !== 409 || res.body?.error?.code !== "in_progress") return res;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The local code sender's outbox: the newest code sent to a number ending in `last4`. */
export function lastCode(last4: string): string | undefined {
  const file = process.env.GONGNON_OUTBOX!;
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { to: string; code: string });
  return lines.reverse().find((l) => l.to.endsWith(`-${last4}`))?.code;
}
