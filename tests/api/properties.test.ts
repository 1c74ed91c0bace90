import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/harness.js";
import { seedForum, signedIn, useApp } from "../support/fixtures.js";

/**
 * Never a 500 for a user's mistake: any JSON body (and any string in a field) sent to the proposal,
 * voting and moderation endpoints gets a 2xx or a 4xx with a message.
 */
const app = useApp({ env: { GONGNON_INTAKE_PER_CLIENT: "100000", GONGNON_INTAKE_PER_IP: "100000", GONGNON_VERIFY_PER_IP: "100000" } });
let token: string;
let forumId: string;
let sessionId: string;
let roundId: string;
let proposalId: string;

beforeAll(async () => {
  ({ token } = await signedIn(app, "staff"));
  const forum = await seedForum(app, token, { title: "검증", sessions: [{ title: "S", startsAt: "2023-04-17T19:00" }] });
  [forumId, sessionId] = [forum.id, forum.sessions[0]!];
  const ids: string[] = [];
  for (const title of ["하나", "둘", "셋"]) ids.push((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token, body: { title: `의제 ${title}`, field: "도시건설" } })).body.id);
  proposalId = ids[0]!;
  roundId = (
    await call(app.url, "POST", `/api/forums/${forumId}/rounds`, {
      token,
      body: { title: "R", proposalIds: ids, maxChoices: 2, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["online", "session"] },
    })
  ).body.id;
});

const raw = (path: string, value: unknown, opts: { token?: string; method?: string } = {}) =>
  call(app.url, opts.method ?? "POST", path, { token: opts.token, body: JSON.stringify(value), headers: { "content-type": "application/json" } });

function expect4xxOr2xx(r: { status: number; body: any }) {
  expect(r.status).toBeGreaterThanOrEqual(200);
  expect(r.status).toBeLessThan(500);
  if (r.status >= 400) expect(r.body.error.message.length).toBeGreaterThan(3);
}

describe("any input gets a 2xx or a clear 4xx (property)", () => {
  it("proposals, moderation and merges", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), fc.string(), async (value, s1, s2) => {
        expect4xxOr2xx(await raw(`/api/forums/${forumId}/proposals`, value));
        expect4xxOr2xx(await raw(`/api/forums/${forumId}/proposals`, { title: s1, body: s2, field: s1 }));
        expect4xxOr2xx(await raw(`/api/sessions/${sessionId}/proposals`, value, { token }));
        expect4xxOr2xx(await raw(`/api/proposals/${proposalId}`, value, { token, method: "PATCH" }));
        expect4xxOr2xx(await raw(`/api/proposals/${proposalId}/merge`, { into: s1 }, { token }));
        expect4xxOr2xx(await call(app.url, "GET", `/api/proposals/${encodeURIComponent(s1 || "x")}`));
        expect4xxOr2xx(await call(app.url, "GET", `/api/forums/${forumId}/proposals?q=${encodeURIComponent(s1)}&cursor=${encodeURIComponent(s2)}`));
      }),
      { numRuns: 40 },
    );
  });

  it("rounds, codes and ballots", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string(), fc.array(fc.string(), { maxLength: 4 }), async (value, s, choices) => {
        expect4xxOr2xx(await raw(`/api/forums/${forumId}/rounds`, value, { token }));
        expect4xxOr2xx(await raw(`/api/rounds/${roundId}`, value, { token, method: "PATCH" }));
        expect4xxOr2xx(await raw("/api/verifications", value));
        expect4xxOr2xx(await raw("/api/verifications/confirm", { phone: s, code: s }));
        expect4xxOr2xx(await raw(`/api/rounds/${roundId}/ballots`, value, { token }));
        expect4xxOr2xx(await raw(`/api/rounds/${roundId}/ballots`, { sessionId, phone: s, choices }, { token }));
        expect4xxOr2xx(await raw(`/api/rounds/${roundId}/core-agendas`, value, { token }));
        expect4xxOr2xx(await call(app.url, "GET", `/api/rounds/${roundId}/ballots/${encodeURIComponent(s || "x")}`));
      }),
      { numRuns: 40 },
    );
  });
});
