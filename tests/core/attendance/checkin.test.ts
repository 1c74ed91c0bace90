import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CheckIn } from "../../../core/attendance/checkin.js";
import { AppError } from "../../../core/shared/errors.js";
import { Forum } from "../../../core/attendance/forum.js";
import { Session } from "../../../core/attendance/session.js";
import { Stats } from "../../../core/attendance/stats.js";
import { db, resetClient, tableName } from "../../../core/shared/table.js";
import { injectTransactionConflicts } from "../../support/faults.js";
import { useTable } from "../../support/harness.js";

beforeAll(async () => {
  await useTable();
});
beforeEach(() => resetClient());

const phone = (i: number) => `010-5${String(i).padStart(3, "0")}-${String(1000 + i).slice(-4)}`;

async function newForum(sessions = 2) {
  const forum = await Forum.create({ title: "테스트 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" });
  const list = [];
  for (let i = 0; i < sessions; i++) {
    list.push(await Session.create(forum.id, { title: `S${i}`, startsAt: `2023-04-${17 + i}T19:00` }));
  }
  return { forum, sessions: list };
}

async function countItems(pk: string, prefix: string) {
  let n = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const res = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :sk)",
        ExpressionAttributeValues: { ":pk": pk, ":sk": prefix },
        Select: "COUNT",
        ExclusiveStartKey,
      }),
    );
    n += res.Count ?? 0;
    ExclusiveStartKey = res.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return n;
}

/** Counters must equal the items they count. */
async function expectCountersMatchItems(forumId: string, sessionIds: string[]) {
  const forum = await Forum.mustGet(forumId);
  let sum = 0;
  for (const id of sessionIds) {
    const s = await Session.mustGet(id);
    const items = await countItems(`SESSION#${id}`, "CHECKIN#");
    expect(s.attendances).toBe(items);
    sum += items;
  }
  expect(forum.attendances).toBe(sum);
  expect(forum.participants).toBe(await countItems(`FORUM#${forumId}`, "PARTICIPANT#"));
  return forum;
}

describe("check-in", () => {
  it("answers first-in-session / first-in-forum and counts a repeat once", async () => {
    const { forum, sessions } = await newForum(2);
    const [a, b] = sessions as [Session.Info, Session.Info];
    const first = await CheckIn.record({ sessionId: a.id, forumId: forum.id, identity: { phone: "010-1111-2222" } });
    expect(first).toEqual({
      created: true,
      result: { firstInSession: true, firstInForum: true, sessionAttendances: 1, forumAttendances: 1, forumParticipants: 1 },
    });
    const repeat = await CheckIn.record({ sessionId: a.id, forumId: forum.id, identity: { phone: "+82 10 1111 2222" } });
    expect(repeat.created).toBe(false);
    expect(repeat.result).toMatchObject({ firstInSession: false, sessionAttendances: 1, forumParticipants: 1 });
    const other = await CheckIn.record({ sessionId: b.id, forumId: forum.id, identity: { phone: "01011112222" } });
    expect(other.result).toMatchObject({ firstInSession: true, firstInForum: false, sessionAttendances: 1, forumAttendances: 2, forumParticipants: 1 });
    const byName = await CheckIn.record({ sessionId: b.id, forumId: forum.id, identity: { name: "홍길동", birthDate: "1950-05-05" } });
    expect(byName.result).toMatchObject({ firstInSession: true, firstInForum: true, forumParticipants: 2 });
    await expectCountersMatchItems(forum.id, [a.id, b.id]);
  });

  it("200 concurrent check-ins, half repeating earlier ones, count exactly", async () => {
    const { forum, sessions } = await newForum(3);
    const people = Array.from({ length: 100 }, (_, i) => phone(i));
    // 100 first check-ins spread over 3 sessions, then 100 repeats of the same (session, person) pairs
    // or of the same person at another session; all 200 sent at once in a shuffled order.
    const firsts = people.map((p, i) => ({ session: sessions[i % 3]!, phone: p }));
    const repeats = people.map((p, i) => ({ session: sessions[(i % 2 === 0 ? i : i + 1) % 3]!, phone: p }));
    const all = [...firsts, ...repeats].sort(() => Math.random() - 0.5);
    const outcomes = await Promise.all(
      all.map((r) => CheckIn.record({ sessionId: r.session.id, forumId: forum.id, identity: { phone: r.phone } })),
    );
    const pairs = new Set(all.map((r) => `${r.session.id}|${r.phone}`));
    expect(outcomes.filter((o) => o.created).length).toBe(pairs.size);
    expect(outcomes.filter((o) => o.result.firstInForum).length).toBe(100);
    const f = await expectCountersMatchItems(forum.id, sessions.map((s) => s.id));
    expect(f.attendances).toBe(pairs.size);
    expect(f.participants).toBe(100);
    for (const s of sessions) {
      const expected = new Set(all.filter((r) => r.session.id === s.id).map((r) => r.phone)).size;
      expect((await Session.mustGet(s.id)).attendances).toBe(expected);
    }
  });

  it("retries transaction conflicts (injected as real DynamoDB would) and stays exact", async () => {
    const { forum, sessions } = await newForum(1);
    const injected = injectTransactionConflicts(0.3, 3);
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, i) => CheckIn.record({ sessionId: sessions[0]!.id, forumId: forum.id, identity: { phone: phone(i % 40) } })),
    );
    expect(injected.count).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.created).length).toBe(40);
    resetClient();
    const f = await expectCountersMatchItems(forum.id, [sessions[0]!.id]);
    expect(f.participants).toBe(40);
  });

  it("an Idempotency-Key replays the first answer; reused for someone else it is refused", async () => {
    const { forum, sessions } = await newForum(1);
    const sessionId = sessions[0]!.id;
    const args = { sessionId, forumId: forum.id, identity: { phone: "010-3333-4444" }, idempotencyKey: "tablet-1-req-1" };
    const [x, y, z] = await Promise.all([CheckIn.record(args), CheckIn.record(args), CheckIn.record(args)]);
    for (const o of [x, y, z]) expect(o).toMatchObject({ created: true, result: { firstInSession: true, firstInForum: true } });
    const later = await CheckIn.record(args);
    expect(later).toEqual({ created: true, result: later.result });
    expect(later.result.sessionAttendances).toBe(1);
    // Same person, new key: an ordinary repeat.
    const again = await CheckIn.record({ ...args, idempotencyKey: "tablet-1-req-2" });
    expect(again.created).toBe(false);
    expect(await CheckIn.record({ ...args, idempotencyKey: "tablet-1-req-2" })).toMatchObject({ created: false });
    await expect(CheckIn.record({ ...args, identity: { phone: "010-9999-0000" } })).rejects.toMatchObject({
      code: "idempotency_key_reused",
      kind: "unprocessable",
    });
    expect((await Session.mustGet(sessionId)).attendances).toBe(1);
  });

  it("refuses a malformed number before writing anything", async () => {
    const { forum, sessions } = await newForum(1);
    await expect(
      CheckIn.record({ sessionId: sessions[0]!.id, forumId: forum.id, identity: { phone: "010-12-34" } }),
    ).rejects.toBeInstanceOf(AppError);
    expect((await Forum.mustGet(forum.id)).attendances).toBe(0);
  });
});

describe("forums and sessions", () => {
  it("refuses a session outside the forum's period and one in a missing forum", async () => {
    const { forum } = await newForum(0);
    await expect(Session.create(forum.id, { title: "late", startsAt: "2023-05-01T10:00" })).rejects.toMatchObject({
      code: "session_outside_forum",
      field: "startsAt",
    });
    await expect(Session.create("nope", { title: "x", startsAt: "2023-04-18T10:00" })).rejects.toMatchObject({ kind: "not_found" });
  });

  it("lists sessions by start time and reports stats per session", async () => {
    const forum = await Forum.create({ title: "순서", startsOn: "2023-04-01", endsOn: "2023-04-30" });
    const late = await Session.create(forum.id, { title: "late", startsAt: "2023-04-20T10:00" });
    const early = await Session.create(forum.id, { title: "early", startsAt: "2023-04-02T10:00" });
    await CheckIn.record({ sessionId: late.id, forumId: forum.id, identity: { phone: "010-2222-3333" } });
    const stats = await Stats.forum(forum.id);
    expect(stats.bySession.map((s) => s.sessionId)).toEqual([early.id, late.id]);
    expect(stats).toMatchObject({ sessions: 2, attendances: 1, participants: 1 });
    expect((await Forum.list()).map((f) => f.id)).toContain(forum.id);
  });

  it("counts a session as held once it has started or has check-ins, not before", async () => {
    const forum = await Forum.create({ title: "예정", startsOn: "2023-04-01", endsOn: "2023-04-30" });
    await Session.create(forum.id, { title: "first", startsAt: "2023-04-10T19:00" });
    const second = await Session.create(forum.id, { title: "second", startsAt: "2023-04-20T19:00" });
    const before = await Stats.forum(forum.id, new Date("2023-04-15T00:00:00+09:00"));
    expect(before).toMatchObject({ sessions: 1, scheduledSessions: 2 });
    await CheckIn.record({ sessionId: second.id, forumId: forum.id, identity: { phone: "010-2222-4444" } });
    expect(await Stats.forum(forum.id, new Date("2023-04-15T00:00:00+09:00"))).toMatchObject({ sessions: 2, scheduledSessions: 2 });
    expect(await Stats.forum(forum.id, new Date("2023-05-01T00:00:00+09:00"))).toMatchObject({ sessions: 2 });
  });
});
