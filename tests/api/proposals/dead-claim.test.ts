import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { Keys, db, tableName } from "../../../core/shared/table.js";
import { call } from "../../support/harness.js";
import { seedForum, signedIn, useApp } from "../../support/fixtures.js";

/**
 * An online proposal whose first request died holding its Idempotency-Key's claim (its release lost
 * while the database was away, as the soak saw) is not blocked for the record's 7 days: once the
 * claim is older than CLAIM_S the retry with the same key is taken in and lands once; a claim still
 * fresh answers 409 in_progress.
 */
const app = useApp({ env: { GONGNON_INTAKE_PER_CLIENT: "100000", GONGNON_INTAKE_PER_IP: "100000" } });
let forumId: string;

beforeAll(async () => {
  const { token } = await signedIn(app, "staff");
  forumId = (await seedForum(app, token, { title: "죽은 요청 공론장", extra: { intake: "open" } })).id;
});

const body = { title: "버스 정류장 그늘막 설치", body: "여름에 정류장이 너무 덥습니다.", field: "도시건설" };
const send = (key: string) => call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body, headers: { "idempotency-key": key } });
const idem = async (key: string) => (await db().send(new GetCommand({ TableName: tableName(), Key: Keys.idempotency(`proposal:${forumId}`, key), ConsistentRead: true }))).Item;

describe("a claim left by a request that died", () => {
  it("blocks only while fresh; after CLAIM_S the retry with the same key lands, once", async () => {
    const first = await send("dead-claim-model-000001");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const fingerprint = (await idem("dead-claim-model-000001"))!.fingerprint;
    const claim = (key: string, startedAt: number) =>
      db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.idempotency(`proposal:${forumId}`, key), type: "Idempotency", state: "in_progress", owner: "gone", fingerprint, startedAt } }));

    await claim("dead-claim-fresh-000001", Date.now());
    const busy = await send("dead-claim-fresh-000001");
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("in_progress");

    await claim("dead-claim-stale-000001", Date.now() - 60_000);
    const landed = await send("dead-claim-stale-000001");
    expect(landed.status, JSON.stringify(landed.body)).toBe(201);
    const again = await send("dead-claim-stale-000001");
    expect(again.status).toBe(201);
    expect(again.body.receipt).toBe(landed.body.receipt);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await idem("dead-claim-stale-000001"))!.state).toBe("done");
  });
});
