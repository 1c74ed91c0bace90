import { afterAll, beforeAll, expect } from "vitest";
import type { User } from "../../core/accounts/user.js";
import { call, createAccount, login, startApp, useTable, type Account, type TestApp } from "./harness.js";
import { buildWeb } from "./web.js";

/**
 * Set-ups most test files share: the real server on a fresh table for the file, signed-in
 * accounts, and a forum with its sessions made through the API.
 */

/** The real local server on a fresh table for this file (with a web build of its own when `web` names one); closed after. */
export function useApp(opts: { web?: string; env?: Record<string, string> } = {}): TestApp {
  const app: TestApp = { url: "", logs: [], close: async () => undefined };
  beforeAll(async () => {
    await useTable();
    Object.assign(process.env, opts.env ?? {});
    Object.assign(app, await startApp({ webDist: opts.web ? await buildWeb(opts.web) : undefined }));
  });
  afterAll(() => app.close());
  return app;
}

/** A new account of the role, signed in: the account and its bearer token. */
export async function signedIn(app: TestApp, role: User.Role, name?: string): Promise<Account & { token: string }> {
  const account = await createAccount(role, name);
  return { ...account, token: await login(app.url, account) };
}

export interface SeededForum {
  id: string;
  sessions: string[];
}

/**
 * A forum (2023-04-17 to 04-27 unless told otherwise) and its sessions, made by staff through
 * the API; `facilitators` are assigned to the first session.
 */
export async function seedForum(
  app: TestApp,
  token: string,
  opts: { title: string; startsOn?: string; endsOn?: string; sessions?: { title: string; startsAt: string }[]; facilitators?: string[]; extra?: Record<string, unknown> },
): Promise<SeededForum> {
  const forum = await call(app.url, "POST", "/api/forums", {
    token,
    body: { title: opts.title, startsOn: opts.startsOn ?? "2023-04-17", endsOn: opts.endsOn ?? "2023-04-27", ...opts.extra },
  });
  expect(forum.status, JSON.stringify(forum.body)).toBe(201);
  const sessions: string[] = [];
  for (const s of opts.sessions ?? []) {
    const res = await call(app.url, "POST", `/api/forums/${forum.body.id}/sessions`, { token, body: s });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    sessions.push(res.body.id);
  }
  for (const userId of opts.facilitators ?? []) {
    expect((await call(app.url, "POST", `/api/sessions/${sessions[0]}/facilitators`, { token, body: { userId } })).status).toBe(201);
  }
  return { id: forum.body.id, sessions };
}
