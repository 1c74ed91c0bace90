import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { Demo } from "../../core/demo/demo.js";
import { Identity } from "../../core/attendance/identity.js";
import { db, tableName } from "../../core/shared/table.js";
import { call, createAccount, lastCode, login } from "../support/harness.js";
import { useApp } from "../support/fixtures.js";

const app = useApp();


async function scanAll(): Promise<string> {
  const items: unknown[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey }));
    items.push(...(res.Items ?? []));
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return JSON.stringify(items);
}

describe("privacy", () => {
  it("no phone number or name used by the demo or the API is in the table or the server logs", async () => {
    await Demo.load();
    const token = await login(app.url, await createAccount("staff"));
    const forumId = (await call(app.url, "POST", "/api/forums", { token, body: { title: "개인정보", startsOn: "2023-04-17", endsOn: "2023-04-27" } })).body.id;
    const sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token, body: { title: "S", startsAt: "2023-04-17T19:00" } })).body.id;
    const voters: { phone?: string; name?: string; birthDate?: string }[] = [
      { phone: "010-8555-1212" },
      { phone: "010 8555 3434" },
      { name: "투표비밀이", birthDate: "1972-08-09" },
    ];
    const apiPeople = [
      { phone: "010-8123-4567" },
      { phone: "+82 10 8765 4321" },
      { name: "비밀순이", birthDate: "1961-03-14" },
      { phone: "010-8123-456" }, // malformed: refused, must not be logged either
    ];
    for (const body of apiPeople) {
      const res = await call(app.url, "POST", `/api/sessions/${sessionId}/checkins`, { token, body, headers: { "idempotency-key": `k-${JSON.stringify(body).length}-${Math.random()}` } });
      expect([200, 201, 400]).toContain(res.status);
    }

    // Voting: a proposal, a verified online voter and table ballots, through the API.
    const [demo] = (await call(app.url, "GET", "/api/forums")).body.forums.filter((f: { title: string }) => f.title === Demo.FORUM.title);
    const proposalIds = (await call(app.url, "GET", `/api/forums/${demo.id}/proposals?limit=3`)).body.items.map((p: { id: string }) => p.id);
    const round = await call(app.url, "POST", `/api/forums/${demo.id}/rounds`, {
      token,
      body: { title: "비밀 투표", proposalIds, maxChoices: 1, opensAt: "2020-01-01T00:00", closesAt: "2099-01-01T00:00", channels: ["online", "session"] },
    });
    const demoSession = (await call(app.url, "GET", `/api/forums/${demo.id}/sessions`)).body.sessions[0].id;
    const sent = await call(app.url, "POST", "/api/verifications", { body: { phone: voters[0]!.phone } });
    expect(sent.status).toBe(202);
    const confirmed = await call(app.url, "POST", "/api/verifications/confirm", { body: { phone: voters[0]!.phone, code: lastCode("1212") } });
    const cookie = (confirmed.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect((await call(app.url, "POST", `/api/rounds/${round.body.id}/ballots`, { body: { choices: [proposalIds[0]] }, headers: { cookie } })).status).toBe(201);
    for (const v of voters.slice(1)) {
      const res = await call(app.url, "POST", `/api/rounds/${round.body.id}/ballots`, { token, body: { sessionId: demoSession, ...v, choices: [proposalIds[1]] } });
      expect(res.status).toBe(201);
    }

    const table = await scanAll();
    const logs = app.logs.join("\n");
    expect(table).toContain("PARTICIPANT#");
    expect(logs).toContain('"msg":"request"');

    const needles = new Set<string>();
    for (const p of [...Demo.people(), ...Demo.onlineVoters(), ...apiPeople, ...voters]) {
      if (p.phone) {
        const digits = p.phone.replace(/\D/g, "");
        needles.add(p.phone);
        needles.add(digits);
        needles.add(digits.slice(-8)); // the subscriber part alone
        if (digits.length >= 11) needles.add(Identity.normalisePhone(p.phone));
      }
      if (p.name) {
        needles.add(p.name);
        needles.add(p.birthDate!);
      }
    }
    expect(needles.size).toBeGreaterThan(700);
    const leaks = [...needles].filter((n) => table.includes(n) || logs.includes(n));
    expect(leaks).toEqual([]);
    // Every item says what it is, so a scan of the table (an export, an audit) can be read.
    const untyped = (JSON.parse(table) as { PK: string; type?: string }[]).filter((i) => typeof i.type !== "string").map((i) => i.PK.split("#")[0]);
    expect([...new Set(untyped)]).toEqual([]);
  });
});
