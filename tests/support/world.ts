import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, randomBytes } from "node:crypto";
import { Auth } from "../../core/accounts/auth.js";
import { User } from "../../core/accounts/user.js";
import { Proposal } from "../../core/proposals/proposal.js";
import { Keys, db, epochSeconds, tableName } from "../../core/shared/table.js";
import { createLocalApp } from "../../functions/local/server.js";
import { createAccount, lastCode, useTable, type Account } from "./harness.js";
import { operationsOf, type Operation } from "./openapi.js";

/**
 * The real app in-process — the very Hono app the local server serves (`createLocalApp`), called
 * with `app.request` instead of over a socket — on a fresh table, with a world of real entities
 * made through the API: accounts of every role signed in, a forum with two sessions, published and
 * pending proposals, an open round with a ballot, two projects with their task forces, a body with
 * a member, a meeting, a pledge and an import job. Tests that walk every route (the fuzz, the role
 * matrix) stand on it, so their path ids resolve.
 */

export type InProcessApp = ReturnType<typeof createLocalApp>;

export interface Request {
  method: string;
  /** Path with query string, as sent (already encoded where it should be). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

export interface Answer {
  status: number;
  text: string;
  /** The parsed body, when it is JSON. */
  json?: any;
  headers: Headers;
  ms: number;
}

export class NoAnswer extends Error {}

/** One request to the in-process app, answered within `timeoutMs` or thrown as NoAnswer. */
export async function send(app: InProcessApp, req: Request, timeoutMs = 15_000): Promise<Answer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer within ${timeoutMs} ms: ${req.method} ${req.path.slice(0, 200)}`)), timeoutMs);
  });
  try {
    const res = await Promise.race([
      Promise.resolve(app.request(`http://127.0.0.1${req.path}`, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined })),
      timeout,
    ]);
    const text = await Promise.race([res.text(), timeout]);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, text, json, headers: res.headers, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/** JSON in, JSON out, with a bearer token. */
export function sendJson(app: InProcessApp, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return send(app, {
    method,
    path,
    headers: {
      ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
}

/** The whole app's OpenAPI document, as /api/openapi.json serves it, as operations. */
export async function operations(app: InProcessApp): Promise<Operation[]> {
  const res = await send(app, { method: "GET", path: "/api/openapi.json" });
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  return operationsOf(res.json);
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

/**
 * A sign-in session written as Auth.login writes it (so no scrypt per caller): a fresh bearer
 * token for the account, or one whose session has already ended (`expired`).
 */
export async function mintToken(userId: string, opts: { expired?: boolean } = {}): Promise<string> {
  const found = await User.withAuth(userId);
  if (!found) throw new Error(`no user ${userId}`);
  const token = randomBytes(32).toString("base64url");
  const now = epochSeconds();
  await db().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...Keys.authSession(sha256(token)), type: "AuthSession", userId, authVersion: found.authVersion, expiresAt: opts.expired ? now - 60 : now + 3600 },
    }),
  );
  return token;
}

/** A cookie session: the Cookie header for a token, and the CSRF header value that goes with it. */
export const cookieSession = (token: string) => ({ cookie: `gongnon_session=${token}`, csrf: Auth.csrfToken(token) });

let phoneSeq = 0;
/** A mobile number nobody else in this file uses. */
export const freshPhone = () => {
  const n = ++phoneSeq;
  return `010-7${String(Math.floor(n / 10000) % 1000).padStart(3, "0")}-${String(n % 10000).padStart(4, "0")}`;
};

/** Proves a fresh number through the local code outbox: the voter cookie ("gongnon_voter=…"). */
export async function voterCookie(app: InProcessApp, phone = freshPhone()): Promise<string> {
  const client = `gongnon_client=${randomBytes(16).toString("base64url")}`;
  const sent = await sendJson(app, "POST", "/api/verifications", { body: { phone }, headers: { cookie: client } });
  if (sent.status !== 202) throw new Error(`code request: ${sent.status} ${sent.text}`);
  const code = lastCode(phone.slice(-4));
  const ok = await sendJson(app, "POST", "/api/verifications/confirm", { body: { phone, code }, headers: { cookie: client } });
  if (ok.status !== 200) throw new Error(`code confirmation: ${ok.status} ${ok.text}`);
  const set = ok.headers.get("set-cookie") ?? "";
  const voter = set.split(/,(?=\s*\w+=)/).map((c) => c.trim().split(";")[0]!).find((c) => c.startsWith("gongnon_voter="));
  if (!voter) throw new Error(`no voter cookie in ${set}`);
  return voter;
}

export interface World {
  app: InProcessApp;
  ops: Operation[];
  accounts: Record<"staff" | "admin" | "fac" | "otherFac" | "tf" | "otherTf" | "spareFac" | "spareTf", Account>;
  tokens: Record<"staff" | "admin" | "fac" | "otherFac" | "tf" | "otherTf", string>;
  forumId: string;
  sessionId: string;
  otherSessionId: string;
  /** Published proposals captured at the session: [0..2] on the round's ballot, [3..5] core agendas. */
  proposalIds: string[];
  proposalReceipts: string[];
  /** An online proposal, pending. */
  pending: { id: string; receipt: string };
  roundId: string;
  ballotReceipt: string;
  projectId: string;
  otherProjectId: string;
  bodyId: string;
  memberId: string;
  meetingId: string;
  pledgeId: string;
  importId: string;
  deviceId: string;
}

function must(res: Answer, status: number, what: string): any {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res.json;
}

/** A fresh table, the in-process app and the world above; `env` is set before the app is made. */
export async function makeWorld(env: Record<string, string> = {}): Promise<World> {
  await useTable();
  Object.assign(process.env, { GONGNON_INTAKE_PER_CLIENT: "1000000", GONGNON_INTAKE_PER_IP: "1000000", GONGNON_VERIFY_PER_IP: "1000000", ...env });
  const app = createLocalApp();
  const roles = { staff: "staff", admin: "admin", fac: "facilitator", otherFac: "facilitator", tf: "taskforce", otherTf: "taskforce", spareFac: "facilitator", spareTf: "taskforce" } as const;
  const entries = await Promise.all(Object.entries(roles).map(async ([k, role]) => [k, await createAccount(role)] as const));
  const accounts = Object.fromEntries(entries) as World["accounts"];
  const tokens = {} as World["tokens"];
  for (const k of ["staff", "admin", "fac", "otherFac", "tf", "otherTf"] as const) {
    const res = await sendJson(app, "POST", "/api/auth/login", { body: { email: accounts[k].email, password: accounts[k].password } });
    tokens[k] = must(res, 200, `login ${k}`).token;
  }
  const staff = tokens.staff;
  const j = (method: string, path: string, body?: unknown, token = staff) => sendJson(app, method, path, { token, body });

  const forumId = must(await j("POST", "/api/forums", { title: "전 경로 공론장", startsOn: "2023-04-17", endsOn: "2099-12-31", intake: "open" }), 201, "forum").id;
  const sessionId = must(await j("POST", `/api/forums/${forumId}/sessions`, { title: "1회차", startsAt: "2023-04-18T19:00" }), 201, "session").id;
  const otherSessionId = must(await j("POST", `/api/forums/${forumId}/sessions`, { title: "2회차", startsAt: "2023-04-19T19:00" }), 201, "session").id;
  must(await j("POST", `/api/sessions/${sessionId}/facilitators`, { userId: accounts.fac.id }), 201, "assign");
  must(await j("POST", `/api/sessions/${otherSessionId}/facilitators`, { userId: accounts.otherFac.id }), 201, "assign other");
  must(await j("POST", `/api/sessions/${sessionId}/facilitators`, { userId: accounts.spareFac.id }), 201, "assign spare");

  const proposalIds: string[] = [];
  const proposalReceipts: string[] = [];
  for (const [i, field] of ["행정경제", "복지보건", "도시건설", "청년문화", "도시건설", "행정경제"].entries()) {
    const p = must(await j("POST", `/api/sessions/${sessionId}/proposals`, { title: `전 경로 의제 ${i + 1}`, field }), 201, "capture");
    proposalIds.push(p.id);
    proposalReceipts.push(p.receipt);
  }
  const pendingRes = must(
    await sendJson(app, "POST", `/api/forums/${forumId}/proposals`, { body: { title: "온라인 제안", body: "온라인으로 보낸 제안의 내용입니다", field: "도시건설" } }),
    201,
    "online proposal",
  );
  const roundId = must(
    await j("POST", `/api/forums/${forumId}/rounds`, {
      title: "전 경로 투표",
      proposalIds: proposalIds.slice(0, 3),
      maxChoices: 2,
      opensAt: "2020-01-01T00:00",
      closesAt: "2099-01-01T00:00",
      channels: ["online", "session"],
    }),
    201,
    "round",
  ).id;
  const ballotReceipt = must(await j("POST", `/api/rounds/${roundId}/ballots`, { sessionId, phone: freshPhone(), choices: [proposalIds[0]] }), 201, "ballot").receipt;

  await Proposal.advance(proposalIds.slice(3), "core");
  const plan = (agendaIds: string[]) => ({
    title: "골목 쉼터 조성",
    purpose: "쉬어 갈 곳",
    content: "그늘막과 의자",
    field: "도시건설",
    period: { startsOn: "2024-01-01", endsOn: "2024-12-31" },
    taskForce: { publicMembers: 2, privateMembers: 3 },
    budgetLines: [{ item: "시설비", amount: 50_000 }],
    agendaIds,
  });
  const projectId = must(await j("POST", `/api/forums/${forumId}/projects`, plan([proposalIds[3]!])), 201, "project").id;
  const otherProjectId = must(await j("POST", `/api/forums/${forumId}/projects`, plan([proposalIds[4]!])), 201, "other project").id;
  must(await j("POST", `/api/projects/${projectId}/members`, { userId: accounts.tf.id }), 201, "task force");
  must(await j("POST", `/api/projects/${otherProjectId}/members`, { userId: accounts.otherTf.id }), 201, "other task force");
  must(await j("POST", `/api/projects/${projectId}/members`, { userId: accounts.spareTf.id }), 201, "spare task force");

  const bodyId = must(await j("POST", "/api/bodies", { name: "전 경로 위원회", kind: "committee", sizeLimit: 50, subcommittees: ["가분과"], termYears: 2, maxRenewals: 1 }), 201, "body").id;
  const memberId = must(
    await j("POST", `/api/bodies/${bodyId}/members`, { displayName: "위원 갑", seat: "appointed", subcommittee: "가분과", term: { startsOn: "2023-01-01", endsOn: "2024-12-31" } }),
    201,
    "member",
  ).id;
  const meetingId = must(await j("POST", `/api/bodies/${bodyId}/meetings`, { kind: "full", ordinal: 1, title: "제1차 전체회의", on: "2023-05-10" }), 201, "meeting").id;
  const pledgeId = must(
    await j("POST", "/api/pledges", {
      title: "전 경로 공약",
      fromYear: 2023,
      toYear: 2024,
      items: [
        { key: "meetings", title: "위원회 운영", indicator: "개최 횟수", unit: "회", weight: 60, targets: { "2023": 4 }, rule: { source: "meetings", bodyId, kinds: ["full"], subcommittees: "once" } },
        { key: "sessions", title: "공론장", indicator: "회차", unit: "회", weight: 40, targets: { "2023": 2 }, rule: { source: "sessions" } },
      ],
      budget: { unit: "million KRW", plan: { "2023": 100 }, byItem: [{ item: "위원회", amount: 100 }], executed: { "2023": 80 } },
    }),
    201,
    "pledge",
  ).id;
  const form = new FormData();
  form.set("file", new Blob(["제목,내용,분야\r\n종이 제안,종이로 낸 제안입니다,도시건설\r\n"], { type: "text/csv" }), "paper.csv");
  const importId = must(await send(app, { method: "POST", path: `/api/forums/${forumId}/proposals/import`, headers: { authorization: `Bearer ${staff}` }, body: form }), 202, "import").id;
  const deviceId = "console-0001";
  must(
    await j("PUT", `/api/sessions/${sessionId}/devices/${deviceId}`, { sequence: 1, saved: 0, recorded: 0, pending: 0, attention: 0, rounds: [] }, tokens.fac),
    200,
    "device report",
  );

  return {
    app,
    ops: await operations(app),
    accounts,
    tokens,
    forumId,
    sessionId,
    otherSessionId,
    proposalIds,
    proposalReceipts,
    pending: { id: pendingRes.id, receipt: pendingRes.receipt },
    roundId,
    ballotReceipt,
    projectId,
    otherProjectId,
    bodyId,
    memberId,
    meetingId,
    pledgeId,
    importId,
    deviceId,
  };
}

/**
 * Real values for a path parameter by its name (the schema's enum when it has one): what makes a
 * route's path resolve to this world's entities. Account ids are the spare accounts', so that a
 * write through a path never takes a caller's own role or assignment away.
 */
export function realIds(w: World, name: string, schema: { enum?: unknown[] } = {}): string[] {
  if (schema.enum?.length) return schema.enum.map(String);
  const byName: Record<string, string[]> = {
    forumId: [w.forumId],
    sessionId: [w.sessionId],
    userId: [w.accounts.spareFac.id, w.accounts.spareTf.id],
    proposalId: [w.proposalIds[1]!, w.proposalIds[2]!, w.pending.id],
    roundId: [w.roundId],
    receipt: [w.proposalReceipts[0]!, w.ballotReceipt, w.pending.receipt],
    projectId: [w.projectId],
    bodyId: [w.bodyId],
    memberId: [w.memberId],
    meetingId: [w.meetingId],
    pledgeId: [w.pledgeId],
    importId: [w.importId],
    deviceId: [w.deviceId, "console-0002"],
    quarter: ["2024Q1", "2024Q2"],
  };
  return byName[name] ?? [`${name}-unknown`];
}

/** The path with its {params} replaced by the given values (URI-encoded). */
export const fillPath = (path: string, values: Record<string, string>) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
