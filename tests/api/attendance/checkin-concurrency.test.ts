import { beforeAll, describe, expect, it } from "vitest";
import { call, callAsConsole, createAccount, login } from "../../support/harness.js";
import { seedForum, signedIn, useApp } from "../../support/fixtures.js";

const app = useApp();
let token: string;
let forumId: string;
let sessions: string[];

beforeAll(async () => {
  const fac = await createAccount("facilitator");
  const staff = await signedIn(app, "staff");
  const forum = await seedForum(app, staff.token, { title: "동시성", sessions: [17, 18].map((day) => ({ title: `S${day}`, startsAt: `2023-04-${day}T19:00` })) });
  [forumId, sessions] = [forum.id, forum.sessions];
  for (const id of sessions) await call(app.url, "POST", `/api/sessions/${id}/facilitators`, { token: staff.token, body: { userId: fac.id } });
  token = await login(app.url, fac);
});

describe("check-ins through the HTTP API under retries", () => {
  it("200 concurrent check-ins, half repeats, each sent up to three times with its Idempotency-Key: exact counts, first answers replayed", async () => {
    const phone = (i: number) => `010-6${String(i).padStart(3, "0")}-${String(2000 + i)}`;
    const requests = [
      ...Array.from({ length: 100 }, (_, i) => ({ key: `first-${i}`, session: sessions[i % 2]!, phone: phone(i) })),
      // repeats: 50 at the same session (a double tap with a new key), 50 at the other session
      ...Array.from({ length: 100 }, (_, i) => ({ key: `repeat-${i}`, session: sessions[i < 50 ? i % 2 : (i + 1) % 2]!, phone: phone(i) })),
    ];
    const sends = requests.flatMap((r, i) => Array.from({ length: 1 + (i % 3) }, () => r)).sort(() => Math.random() - 0.5);
    const answers = await Promise.all(
      sends.map(async (r) => ({
        r,
        // As a console sends: a key still in flight (409 in_progress) is sent again shortly.
        res: await callAsConsole(app.url, "POST", `/api/sessions/${r.session}/checkins`, { token, body: { phone: r.phone }, headers: { "idempotency-key": r.key } }),
      })),
    );
    for (const { res } of answers) expect([200, 201]).toContain(res.status);
    // Every send of one key got the same status and flags.
    const byKey = new Map<string, { status: number; first: boolean; forum: boolean }[]>();
    for (const { r, res } of answers) {
      const list = byKey.get(r.key) ?? [];
      list.push({ status: res.status, first: res.body.firstInSession, forum: res.body.firstInForum });
      byKey.set(r.key, list);
    }
    for (const [, list] of byKey) for (const a of list) expect(a).toEqual(list[0]);
    const pairs = new Set(requests.map((r) => `${r.session}|${r.phone}`));
    const created = [...byKey.values()].filter((l) => l[0]!.status === 201).length;
    expect(created).toBe(pairs.size);
    const stats = await call(app.url, "GET", `/api/forums/${forumId}/stats`);
    expect(stats.body.attendances).toBe(pairs.size);
    expect(stats.body.participants).toBe(100);
    for (const s of sessions) {
      const expected = new Set(requests.filter((r) => r.session === s).map((r) => r.phone)).size;
      expect(stats.body.bySession.find((b: { sessionId: string }) => b.sessionId === s).attendances).toBe(expected);
    }
  });

  it("a retried key returns the very first answer, counts included", async () => {
    const headers = { "idempotency-key": "retry-me" };
    const first = await call(app.url, "POST", `/api/sessions/${sessions[0]}/checkins`, { token, body: { phone: "010-7777-1234" }, headers });
    await call(app.url, "POST", `/api/sessions/${sessions[0]}/checkins`, { token, body: { phone: "010-7777-9999" } });
    const retry = await call(app.url, "POST", `/api/sessions/${sessions[0]}/checkins`, { token, body: { phone: "010-7777-1234" }, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const misuse = await call(app.url, "POST", `/api/sessions/${sessions[0]}/checkins`, { token, body: { phone: "010-7777-5555" }, headers });
    expect(misuse.status).toBe(422);
    expect(misuse.body.error.code).toBe("idempotency_key_reused");
  });
});
