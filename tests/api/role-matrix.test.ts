import { beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../support/harness.js";
import type { Operation } from "../support/openapi.js";
import { cookieSession, fillPath, freshPhone, makeWorld, mintToken, realIds, send, sendJson, voterCookie, type Answer, type World } from "../support/world.js";

/**
 * Every role on every route, generated from the app's own OpenAPI document: each operation (every
 * method) is called as each of the callers below, and the outcome is judged against ONE declared
 * table — which callers each `x-access` rule lets through, given the route's path parameters.
 * A caller the table turns away must get a 401/403 whose code is an authorisation code (a 400, a
 * 404 or a 2xx would show that the request got past the lock); a caller the table lets through
 * must not be turned away by the lock. A route without `x-access` (every route declares one, with a
 * preset of functions/api/access.ts, `Access.public` included), or whose `x-access` the table does
 * not know, fails the test, so a new route cannot slip past without someone deciding who may call it.
 */

const CALLERS = [
  "anonymous",
  "voter cookie",
  "facilitator of this session",
  "facilitator of another session",
  "task-force member of this project",
  "task-force member of another project",
  "staff",
  "admin (cookie + CSRF header)",
  "disabled staff account",
  "expired staff session",
  "staff cookie without CSRF header",
] as const;
type Caller = (typeof CALLERS)[number];

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
/** The codes of the locks themselves (access presets, the CSRF check, the voter check). */
const AUTH_CODES = new Set(["sign_in_required", "role_required", "not_assigned", "csrf_failed", "voter_verification_required"]);

const signedInAccounts: Caller[] = ["facilitator of this session", "facilitator of another session", "task-force member of this project", "task-force member of another project", "staff", "admin (cookie + CSRF header)"];
const staffs: Caller[] = ["staff", "admin (cookie + CSRF header)"];

interface Probe {
  /** What the probe is, when a rule has more than one. */
  name?: string;
  /** A body for the route (default: none for routes without one, `{}` for JSON routes). */
  body?: (w: World) => unknown;
  /** Who gets past the lock. */
  pass: (caller: Caller, op: Operation) => boolean;
}
/** Reads by a staff cookie need no CSRF header; its writes are refused. */
const staffCookieReads = (c: Caller, op: Operation) => c === "staff cookie without CSRF header" && SAFE.has(op.method);

/** THE TABLE: each x-access rule → who passes (and which path parameter the rule is judged by). */
const RULES: Record<string, { pathParam?: string; probes: Probe[] }> = {
  public: { probes: [{ pass: (c, op) => c !== "staff cookie without CSRF header" || SAFE.has(op.method) }] },
  "signed-in": { probes: [{ pass: (c, op) => signedInAccounts.includes(c) || staffCookieReads(c, op) }] },
  staff: { probes: [{ pass: (c, op) => staffs.includes(c) || staffCookieReads(c, op) }] },
  "session-team": { pathParam: "sessionId", probes: [{ pass: (c, op) => c === "facilitator of this session" || staffs.includes(c) || staffCookieReads(c, op) }] },
  "project-team": { pathParam: "projectId", probes: [{ pass: (c, op) => c === "task-force member of this project" || staffs.includes(c) || staffCookieReads(c, op) }] },
  "voter-or-session-team": {
    probes: [
      { name: "at this session", body: (w) => ({ sessionId: w.sessionId, phone: freshPhone(), choices: [w.proposalIds[0]] }), pass: (c) => c === "facilitator of this session" || staffs.includes(c) },
      { name: "online", body: (w) => ({ choices: [w.proposalIds[0]] }), pass: (c) => c === "voter cookie" },
    ],
  },
};


/** Query parameters a route requires, with a value that passes them (so that the lock, not the query, is judged). */
const REQUIRED_QUERY: Record<string, string> = { format: "csv" };

const ruleOf = (op: Operation): string | undefined => op.access;

let w: World;
let disabledId: string;
let expiredToken: string;

beforeAll(async () => {
  w = await makeWorld();
  const disabled = await createAccount("staff");
  disabledId = disabled.id;
  const off = await sendJson(w.app, "PATCH", `/api/users/${disabled.id}`, { token: w.tokens.admin, body: { disabled: true } });
  expect(off.status).toBe(200);
  expiredToken = await mintToken(w.accounts.staff.id, { expired: true });
});

/** The headers that make a caller (fresh tokens each time, so that a logout never takes one away from the next call). */
async function as(caller: Caller, method: string, voter: string): Promise<Record<string, string>> {
  const bearer = async (id: string) => ({ authorization: `Bearer ${await mintToken(id)}` });
  switch (caller) {
    case "anonymous":
      return {};
    case "voter cookie":
      return { cookie: voter };
    case "facilitator of this session":
      return bearer(w.accounts.fac.id);
    case "facilitator of another session":
      return bearer(w.accounts.otherFac.id);
    case "task-force member of this project":
      return bearer(w.accounts.tf.id);
    case "task-force member of another project":
      return bearer(w.accounts.otherTf.id);
    case "staff":
      return bearer(w.accounts.staff.id);
    case "admin (cookie + CSRF header)": {
      const s = cookieSession(await mintToken(w.accounts.admin.id));
      return { cookie: s.cookie, ...(SAFE.has(method) ? {} : { "x-csrf-token": s.csrf }) };
    }
    case "disabled staff account":
      return bearer(disabledId);
    case "expired staff session":
      return { authorization: `Bearer ${expiredToken}` };
    case "staff cookie without CSRF header":
      return { cookie: cookieSession(await mintToken(w.accounts.staff.id)).cookie };
  }
}

const denied = (res: Answer) => (res.status === 401 || res.status === 403) && AUTH_CODES.has(res.json?.error?.code);

describe("every role on every route (generated from the OpenAPI document)", () => {
  it("each route's x-access is in the table, and each caller gets exactly what the table says", async () => {
    const started = performance.now();
    const problems: string[] = [];
    let checks = 0;
    // Routes that take things away (the round's close, deletions, logouts) last, so the others meet the world as it was made.
    const last = (o: Operation) => (o.method === "DELETE" || /\/close$|\/logout$/.test(o.path) ? 1 : 0);
    const ops = [...w.ops].sort((a, b) => last(a) - last(b));
    expect(ops.length).toBeGreaterThan(60);
    const routes = new Set<string>();
    for (const op of ops) {
      const ruleName = ruleOf(op);
      const rule = ruleName ? RULES[ruleName] : undefined;
      if (!rule) {
        problems.push(`${op.key}: x-access ${JSON.stringify(op.access)} is not in the role table`);
        continue;
      }
      if (rule.pathParam && !op.path.includes(`{${rule.pathParam}}`)) {
        problems.push(`${op.key}: rule ${ruleName} is judged by the path's {${rule.pathParam}}, which this route has not`);
        continue;
      }
      routes.add(op.key);
      const values: Record<string, string> = {};
      for (const p of op.params.filter((x) => x.in === "path")) values[p.name] = realIds(w, p.name, p.schema)[0]!;
      const query = op.params.filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=${REQUIRED_QUERY[p.name] ?? "x"}`);
      const path = fillPath(op.path, values) + (query.length ? `?${query.join("&")}` : "");
      const voter = await voterCookie(w.app);
      for (const probe of rule.probes) {
        for (const caller of CALLERS) {
          const headers = await as(caller, op.method, voter);
          const body = probe.body ? probe.body(w) : op.body?.type === "json" ? {} : undefined;
          if (body !== undefined) headers["content-type"] = "application/json";
          const res = await send(w.app, { method: op.method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
          checks++;
          const should = probe.pass(caller, op);
          const where = `${op.key}${probe.name ? ` (${probe.name})` : ""} as ${caller} [${ruleName}]`;
          if (res.status >= 500) problems.push(`${where}: ${res.status} ${res.text.slice(0, 200)}`);
          else if (!should && !denied(res)) problems.push(`${where}: should be turned away by the lock, got ${res.status} ${res.text.slice(0, 160)}`);
          else if (should && denied(res)) problems.push(`${where}: should pass the lock, got ${res.status} ${res.json?.error?.code}`);
        }
      }
    }
    console.log(
      `[role matrix] ${CALLERS.length} callers × ${routes.size} routes (every method; ${ops.length} operations in the document) = ${checks} calls checked against the table, ${Math.round(performance.now() - started)} ms`,
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
