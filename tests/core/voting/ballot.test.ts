import { ScanCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Ballot } from "../../../core/voting/ballot.js";
import { Forum } from "../../../core/attendance/forum.js";
import { Identity } from "../../../core/attendance/identity.js";
import { Proposal } from "../../../core/proposals/proposal.js";
import { Results } from "../../../core/voting/results.js";
import { Round } from "../../../core/voting/round.js";
import { Session } from "../../../core/attendance/session.js";
import { Keys, db, resetClient, tableName } from "../../../core/shared/table.js";
import { injectTransactionConflicts } from "../../support/faults.js";
import { useTable } from "../../support/harness.js";

/** Ballots against DynamoDB Local: contention injected through SDK middleware, rules racing ballots, secrecy of the stored items. */

let forumId: string;
let sessionId: string;
let proposals: string[];

beforeAll(async () => {
  await useTable();
  const forum = await Forum.create({ title: "투표 코어", startsOn: "2023-04-17", endsOn: "2023-04-27" });
  forumId = forum.id;
  sessionId = (await Session.create(forumId, { title: "S", startsAt: "2023-04-18T19:00" })).id;
  proposals = [];
  for (let i = 0; i < 5; i++) proposals.push((await Proposal.capture(sessionId, { title: `코어 의제 ${i}`, field: "도시건설" })).id);
});
beforeEach(() => resetClient());

const person = (i: number) => Identity.of({ phone: `010-3${String(i).padStart(3, "0")}-${String(4000 + i).slice(-4)}` });
const newRound = (extra: Partial<Round.CreateInput> = {}) =>
  Round.create(forumId, {
    title: "코어 투표",
    proposalIds: proposals,
    maxChoices: 2,
    opensAt: "2020-01-01T00:00",
    closesAt: "2099-01-01T00:00",
    channels: ["online", "session"],
    hideResultsUntilClosed: false,
    requireCheckIn: false,
    ...extra,
  });

describe("ballots in core", () => {
  it("transaction conflicts (as real DynamoDB raises them under contention) are retried; each person still counts once", async () => {
    const round = await newRound();
    const injected = injectTransactionConflicts(0.3, 2);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 90 }, (_, i) => Ballot.cast({ roundId: round.id, person: person(i % 30), channel: "online", choices: [proposals[i % 5]!] })),
    );
    expect(injected.count).toBeGreaterThan(0);
    resetClient();
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    expect(ok).toHaveLength(30);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as { code?: string }).code).toBe("already_voted");
    const recount = await Results.recount(round.id);
    expect(recount).toMatchObject({ ok: true, ballots: { counted: 30, counters: 30 } });
  });

  it("a rules change racing the first ballots: either the change lands before any ballot, or it is refused", async () => {
    for (let trial = 0; trial < 5; trial++) {
      const round = await newRound();
      const [change, ...ballots] = await Promise.allSettled([
        Round.update(round.id, { maxChoices: 1 }),
        ...Array.from({ length: 5 }, (_, i) => Ballot.cast({ roundId: round.id, person: person(100 + trial * 10 + i), channel: "session", choices: proposals.slice(0, 2) })),
      ]);
      const counted = ballots.filter((b) => b.status === "fulfilled").length;
      if (change.status === "fulfilled") {
        // The change won: no two-choice ballot may have been counted under the new one-choice rule.
        const results = await Results.recount(round.id);
        expect(results.ok).toBe(true);
        expect(results.ballots.counted).toBe(counted);
        expect(counted).toBe(0);
      } else {
        expect((change.reason as { code?: string }).code).toBe("rules_locked");
        expect(counted).toBeGreaterThan(0);
      }
    }
  });

  it("the table never links a voter to their choices", async () => {
    const round = await newRound();
    const voter = person(999);
    const cast = await Ballot.cast({ roundId: round.id, person: voter, channel: "online", choices: [proposals[3]!] });
    const items = (await db().send(new ScanCommand({ TableName: tableName() }))).Items ?? [];
    const voterItem = items.find((i) => String(i.PK).startsWith(`VOTER#${round.id}`));
    const ballotItem = items.find((i) => String(i.PK) === `BALLOT#${round.id}#${cast.receipt}`);
    expect(voterItem).toBeDefined();
    expect(ballotItem).toBeDefined();
    expect(JSON.stringify(voterItem)).not.toContain(proposals[3]!);
    expect(JSON.stringify(voterItem)).not.toContain(cast.receipt);
    expect(JSON.stringify(ballotItem)).not.toContain(voter);
    expect(Object.keys(voterItem!).sort()).toEqual(["PK", "SK", "channel", "day", "type"]);
  });

  it("a closed round takes no ballot, even from an instance whose cached rules still say open", async () => {
    const round = await newRound();
    await Round.cached(round.id); // this instance remembers it open
    // Another instance closes it: here, straight in the table, so this instance's cache is not told.
    const at = Round.nowKst();
    for (const Key of [Keys.round(round.id), ...Array.from({ length: round.shards }, (_, s) => Keys.turnout(round.id, s))]) {
      await db().send(new UpdateCommand({ TableName: tableName(), Key, UpdateExpression: "SET closedAt = :at", ExpressionAttributeValues: { ":at": at } }));
    }
    expect((await Round.cached(round.id)).closedAt).toBeUndefined();
    await expect(Ballot.cast({ roundId: round.id, person: person(500), channel: "online", choices: [proposals[0]!] })).rejects.toMatchObject({ code: "round_closed" });
    expect((await Round.turnout(round, true)).ballots).toBe(0);
  });
});
