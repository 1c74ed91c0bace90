import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { Forum } from "../../../core/attendance/forum.js";
import { Proposal, ProposalIndex } from "../../../core/proposals/proposal.js";
import { Keys, db, epochSeconds, resetClient, tableName, useClientMiddleware } from "../../../core/shared/table.js";
import { useTable } from "../../support/harness.js";

/**
 * The instance index that serves listing and search. Writes by this instance are noted at once;
 * writes by other instances arrive through the delta query on the forum's index partition. Here
 * "another instance" writes the table directly, exactly as its own Proposal.update would, without
 * telling this instance's index.
 */
beforeAll(async () => {
  await useTable();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = async (forumId: string) => (await ProposalIndex.snapshot(forumId)).map((e) => e.info);

/** What another instance's update leaves in the table: the item with a newer version and index key. */
async function writeElsewhere(id: string, change: Partial<Proposal.Info>, movedFrom?: string) {
  const item = (await db().send(new GetCommand({ TableName: tableName(), Key: Keys.proposal(id) }))).Item!;
  const at = new Date().toISOString();
  const next = { ...item, ...change, updatedAt: at };
  await db().send(new PutCommand({ TableName: tableName(), Item: { ...next, ...Keys.proposalIndex(String(next.forumId), at, id) } }));
  if (movedFrom) {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Keys.proposalMoved(id, movedFrom), ...Keys.proposalIndex(movedFrom, at, id), type: "ProposalMoved", id, expiresAt: epochSeconds() + 60 },
      }),
    );
  }
}

describe("the proposal index", () => {
  it("sees another instance's edit through the delta query, without a full reload", async () => {
    const forum = await Forum.create({ title: "색인", startsOn: "2023-04-17", endsOn: "2023-04-27" });
    const a = await Proposal.submit(forum.id, { title: "인덱스 가", body: "인덱스 시험용 제안 내용입니다", field: "도시건설" });
    expect((await ids(forum.id)).find((p) => p.id === a.id)?.title).toBe("인덱스 가");
    await writeElsewhere(a.id, { title: "인덱스 가 (고침)", status: "published" });
    await wait(300); // past the interval in which searches share one delta query
    const seen = (await ids(forum.id)).find((p) => p.id === a.id);
    expect(seen).toMatchObject({ title: "인덱스 가 (고침)", status: "published" });
    const page = await Proposal.list(forum.id, { q: "고침" }, { staff: false });
    expect(page.items.map((p) => p.id)).toEqual([a.id]);
  });

  it("drops a proposal another instance moved out of the inbox, and the forum it went to shows it", async () => {
    const forum = await Forum.create({ title: "색인 2", startsOn: "2023-04-17", endsOn: "2023-04-27" });
    const a = await Proposal.submit(Forum.INBOX, { title: "옮겨질 제안", body: "인박스에서 옮겨질 제안입니다", field: "도시건설" });
    expect((await ids(Forum.INBOX)).map((p) => p.id)).toContain(a.id);
    expect(await ids(forum.id)).toEqual([]);
    await writeElsewhere(a.id, { forumId: forum.id, status: "published" }, Forum.INBOX);
    await wait(300);
    expect((await ids(Forum.INBOX)).map((p) => p.id)).not.toContain(a.id);
    expect((await ids(forum.id)).map((p) => p.id)).toEqual([a.id]);
  });

  it("a fresh instance reads the whole forum; concurrent first searches share one read", async () => {
    const forum = await Forum.create({ title: "색인 3", startsOn: "2023-04-17", endsOn: "2023-04-27" });
    for (let i = 0; i < 30; i++) await Proposal.submit(forum.id, { title: `제안 ${i}`, body: "동시 첫 검색 시험 내용", field: "행정경제" });
    ProposalIndex.forget();
    // Count the Query calls the searches send (a page of ≤ 1 MB each: 30 proposals are one page).
    const queries = { count: 0 };
    useClientMiddleware((client) =>
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === "QueryCommand") queries.count++;
          return next(args);
        },
        { step: "initialize", name: "countQueries" },
      ),
    );
    try {
      const all = await Promise.all(Array.from({ length: 5 }, () => ProposalIndex.snapshot(forum.id)));
      for (const s of all) expect(s).toHaveLength(30);
      expect(queries.count).toBe(1);
      // Later searches arriving together share one delta query too.
      await wait(300);
      queries.count = 0;
      await Promise.all(Array.from({ length: 5 }, () => ProposalIndex.snapshot(forum.id)));
      expect(queries.count).toBe(1);
    } finally {
      resetClient();
    }
  });
});
