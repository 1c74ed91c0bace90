import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, startApp, type Account } from "../../support/harness.js";
import { useApp } from "../../support/fixtures.js";

/**
 * Proposals through the real HTTP API on DynamoDB Local: online intake (forum or inbox), session
 * capture, receipts, moderation, merges and their refusals, search, roles and bad input.
 */

// A day-long window, so that no test's burst straddles a window's edge (limits count per fixed window).
const app = useApp({ env: { GONGNON_INTAKE_PER_CLIENT: "5", GONGNON_INTAKE_PER_IP: "1000", GONGNON_INTAKE_WINDOW_S: "86400" } });
let staff: Account, fac: Account, otherFac: Account;
let tokens: { staff: string; fac: string; otherFac: string };
let forumId: string, otherForumId: string, sessionId: string, otherSessionId: string;

/** Each online submission comes from its own client cookie unless one is given, so the per-client limit stays out of the way. */
let clientSeq = 0;
const freshClient = () => `gongnon_client=${`c${String(++clientSeq).padStart(5, "0")}`.padEnd(22, "x")}`;

async function propose(forum: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return call(app.url, "POST", `/api/forums/${forum}/proposals`, { body, headers: { cookie: freshClient(), ...headers } });
}

beforeAll(async () => {
  [staff, fac, otherFac] = await Promise.all([createAccount("staff"), createAccount("facilitator"), createAccount("facilitator")]);
  tokens = { staff: await login(app.url, staff), fac: await login(app.url, fac), otherFac: await login(app.url, otherFac) };
  const forum = await call(app.url, "POST", "/api/forums", {
    token: tokens.staff,
    body: { title: "제안 테스트 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" },
  });
  expect(forum.status).toBe(201);
  expect(forum.body.intake).toBe("open");
  expect(forum.body.fields).toEqual(["행정경제", "복지보건", "도시건설", "청년문화"]);
  forumId = forum.body.id;
  const other = await call(app.url, "POST", "/api/forums", {
    token: tokens.staff,
    body: { title: "다른 공론장", startsOn: "2022-04-17", endsOn: "2022-04-27", fields: ["안전", "환경"], intake: "closed" },
  });
  otherForumId = other.body.id;
  sessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: tokens.staff, body: { title: "1회차", startsAt: "2023-04-18T19:00" } })).body.id;
  otherSessionId = (await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token: tokens.staff, body: { title: "2회차", startsAt: "2023-04-19T19:00" } })).body.id;
  expect((await call(app.url, "POST", `/api/sessions/${sessionId}/facilitators`, { token: tokens.staff, body: { userId: fac.id } })).status).toBe(201);
});

const valid = { title: "청소년여가문화공간 조성", body: "방과 후 청소년이 머물 곳이 부족합니다. 동마다 작은 공간을 만들어 주세요.", field: "청년문화", area: "신림동" };

describe("online intake", () => {
  it("the portal sends proposals to the newest open forum; a resident gets a receipt and follows it", async () => {
    const target = await call(app.url, "GET", "/api/intake");
    expect(target.body).toMatchObject({ forumId, inbox: false, intake: "open" });

    const res = await propose(forumId, valid);
    expect(res.status).toBe(201);
    expect(res.body.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(res.body.status).toBe("pending");

    // Any spelling of the code finds it: lower case, no dashes.
    const page = await call(app.url, "GET", `/api/proposals/${res.body.receipt.replace(/-/g, "").toLowerCase()}`);
    expect(page.status).toBe(200);
    expect(page.body.proposal).toMatchObject({ title: valid.title, status: "pending", source: "online", field: "청년문화" });
    expect(page.body.forum).toEqual({ id: forumId, title: "제안 테스트 공론장" });
    expect(page.body.proposal.history.map((e: { event: string }) => e.event)).toEqual(["submitted"]);

    // Pending: not in the public list, in the staff one.
    const pub = await call(app.url, "GET", `/api/forums/${forumId}/proposals`);
    expect(pub.body.items.map((p: { id: string }) => p.id)).not.toContain(res.body.id);
    const all = await call(app.url, "GET", `/api/forums/${forumId}/proposals?status=pending`, { token: tokens.staff });
    expect(all.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it("a closed forum refuses online proposals; with none open they go to the inbox", async () => {
    const closed = await propose(otherForumId, { ...valid, field: "안전" });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("intake_closed");

    expect((await call(app.url, "PATCH", `/api/forums/${forumId}`, { token: tokens.staff, body: { intake: "closed" } })).status).toBe(200);
    const target = await call(app.url, "GET", "/api/intake");
    expect(target.body).toMatchObject({ forumId: "inbox", inbox: true });
    const res = await propose("inbox", valid);
    expect(res.status).toBe(201);
    expect(res.body.forumId).toBe("inbox");
    const refused = await propose(forumId, valid);
    expect(refused.status).toBe(409);

    // Staff move it into a forum (publishing it too); the inbox no longer lists it.
    await call(app.url, "PATCH", `/api/forums/${forumId}`, { token: tokens.staff, body: { intake: "open" } });
    const moved = await call(app.url, "PATCH", `/api/proposals/${res.body.id}`, { token: tokens.staff, body: { forumId, status: "published" } });
    expect(moved.status).toBe(200);
    expect(moved.body.forumId).toBe(forumId);
    const inbox = await call(app.url, "GET", "/api/forums/inbox/proposals", { token: tokens.staff });
    expect(inbox.body.items.map((p: { id: string }) => p.id)).not.toContain(res.body.id);
    const list = await call(app.url, "GET", `/api/forums/${forumId}/proposals`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it("bad input is a 400 naming the field; nothing is written", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, title: "" }, "title"],
      [{ ...valid, title: "가".repeat(101) }, "title"],
      [{ ...valid, body: "짧음" }, "body"],
      [{ ...valid, body: "가".repeat(3001) }, "body"],
      [{ ...valid, field: "없는분야" }, "field"],
      [{ ...valid, area: "가".repeat(51) }, "area"],
      [{ ...valid, title: "제목\u0000널" }, "title"],
      [{ ...valid, extra: 1 }, "body"],
      [{ title: valid.title, body: valid.body }, "field"],
    ];
    const before = await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=100`, { token: tokens.staff });
    for (const [input, field] of cases) {
      const res = await propose(forumId, input);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    const malformed = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body: "{not json", headers: { "content-type": "application/json", cookie: freshClient() } });
    expect(malformed.status).toBe(400);
    const after = await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=100`, { token: tokens.staff });
    expect(after.body.total).toBe(before.body.total);
    expect((await call(app.url, "GET", "/api/forums/nope/proposals")).status).toBe(404);
    expect((await call(app.url, "GET", "/api/proposals/not-a-code")).status).toBe(400);
    expect((await call(app.url, "GET", "/api/proposals/0000-0000-0000")).status).toBe(404);
  });

  it("text is stored as given and returned as text", async () => {
    const script = { ...valid, title: "<script>alert('x')</script> 제목", body: "<img src=x onerror=alert(1)> 내용입니다 충분히 길게" };
    const res = await propose(forumId, script);
    expect(res.status).toBe(201);
    const page = await call(app.url, "GET", `/api/proposals/${res.body.receipt}`);
    expect(page.body.proposal.title).toBe(script.title);
    expect(page.body.proposal.body).toBe(script.body);
    expect(page.headers.get("content-type")).toContain("application/json");
  });

  it("a retried submission with the same Idempotency-Key returns the first receipt and writes once", async () => {
    const cookie = freshClient();
    const headers = { "idempotency-key": "retry-proposal-1", cookie };
    const body = { ...valid, title: "재시도 제안" };
    const answers = await Promise.all([1, 2, 3].map(() => call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body, headers })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.receipt)).size).toBe(1);
    const list = await call(app.url, "GET", `/api/forums/${forumId}/proposals?q=재시도`, { token: tokens.staff });
    expect(list.body.total).toBe(1);
    const reused = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body: { ...body, title: "다른 제안" }, headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
  });
});

describe("rate limits", () => {
  it("per client: the sixth proposal in a window is a 429 with Retry-After; another client at the same address goes on", async () => {
    const cookie = freshClient();
    for (let i = 0; i < 5; i++) {
      const res = await propose(forumId, { ...valid, title: `한도 시험 ${i}` }, { cookie });
      expect(res.status).toBe(201);
    }
    const limited = await propose(forumId, { ...valid, title: "한도 초과" }, { cookie });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("too_many_requests");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86400);
    expect(limited.body.error.message).toMatch(/다시 시도/);
    expect((await propose(forumId, { ...valid, title: "다른 단말" })).status).toBe(201);
  });

  it("a retry whose answer was lost gets its receipt even at the limit or after intake closed, and uses no slot", async () => {
    const cookie = freshClient();
    const body = { ...valid, title: "잃어버린 응답" };
    const first = await propose(forumId, body, { cookie, "idempotency-key": "lost-answer" });
    expect(first.status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await propose(forumId, { ...valid, title: `채우기 ${i}` }, { cookie })).status).toBe(201);
    expect((await propose(forumId, { ...valid, title: "넘침" }, { cookie })).status).toBe(429);
    const retry = await propose(forumId, body, { cookie, "idempotency-key": "lost-answer" });
    expect(retry.status).toBe(201);
    expect(retry.body.receipt).toBe(first.body.receipt);
    expect(retry.body.error).toBeUndefined();
    await call(app.url, "PATCH", `/api/forums/${forumId}`, { token: tokens.staff, body: { intake: "closed" } });
    try {
      const afterClose = await propose(forumId, body, { "idempotency-key": "lost-answer" });
      expect(afterClose.status).toBe(201);
      expect(afterClose.body.receipt).toBe(first.body.receipt);
    } finally {
      await call(app.url, "PATCH", `/api/forums/${forumId}`, { token: tokens.staff, body: { intake: "open" } });
    }
    const limited = await propose(forumId, { ...valid, title: "넘침 2" }, { cookie });
    expect(limited.body.error.message).toContain("처리되지 않았습니다");
  });

  it("a client without the cookie is given one", async () => {
    const res = await call(app.url, "POST", `/api/forums/${forumId}/proposals`, { body: { ...valid, title: "쿠키 없음" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("set-cookie")).toMatch(/gongnon_client=[A-Za-z0-9_-]{22};.*HttpOnly/i);
  });

  it("the limit is shared by every instance (state in DynamoDB): a second server sees the first one's count", async () => {
    const second = await startApp();
    try {
      const cookie = freshClient();
      for (let i = 0; i < 5; i++) {
        const url = i % 2 === 0 ? app.url : second.url;
        const res = await call(url, "POST", `/api/forums/${forumId}/proposals`, { body: { ...valid, title: `인스턴스 ${i}` }, headers: { cookie } });
        expect(res.status).toBe(201);
      }
      const limited = await call(second.url, "POST", `/api/forums/${forumId}/proposals`, { body: valid, headers: { cookie } });
      expect(limited.status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it("per address: clients who drop their cookie meet the larger per-IP limit", async () => {
    process.env.GONGNON_INTAKE_PER_IP = "3";
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await propose(forumId, { ...valid, title: `주소 ${i}` })).status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);

      // Behind a trusted proxy (CloudFront on AWS): the address is the entry the proxy appended, not what the client wrote.
      process.env.GONGNON_TRUSTED_PROXIES = "1";
      const via = (client: string, spoof: string) => propose(forumId, { ...valid, title: `프록시 ${spoof}` }, { "x-forwarded-for": `${spoof}, ${client}` });
      const fromA = [];
      for (let i = 0; i < 4; i++) fromA.push((await via("198.51.100.7", `10.0.0.${i}`)).status);
      expect(fromA).toEqual([201, 201, 201, 429]);
      expect((await via("198.51.100.8", "10.0.0.1")).status).toBe(201);
    } finally {
      delete process.env.GONGNON_TRUSTED_PROXIES;
      process.env.GONGNON_INTAKE_PER_IP = "1000";
    }
  });
});

describe("session capture", () => {
  it("the session's facilitator captures an agenda with its table; it is published at once with the session as source", async () => {
    const res = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, {
      token: tokens.fac,
      body: { title: "경로당 스마트 돌봄", body: "3번 탁자에서 나온 의견", field: "복지보건", table: 3 },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("published");
    const one = await call(app.url, "GET", `/api/forums/${forumId}/proposals/${res.body.id}`);
    expect(one.body).toMatchObject({ source: "session", sessionId, sessionTitle: "1회차", table: 3 });
    expect(one.body.history).toBeUndefined();
  });

  it("roles: anonymous 401, another session's facilitator 403, staff anywhere", async () => {
    const body = { title: "탁자 의제", field: "도시건설" };
    expect((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { body })).status).toBe(401);
    expect((await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: tokens.otherFac, body })).status).toBe(403);
    expect((await call(app.url, "POST", `/api/sessions/${otherSessionId}/proposals`, { token: tokens.fac, body })).status).toBe(403);
    expect((await call(app.url, "POST", `/api/sessions/${otherSessionId}/proposals`, { token: tokens.staff, body })).status).toBe(201);
    const bad = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: tokens.fac, body: { ...body, table: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("table");
  });

  it("a tablet's retries with one Idempotency-Key capture the agenda once", async () => {
    const headers = { "idempotency-key": "tablet-capture-7" };
    const body = { title: "골목길 가로등 확충", field: "도시건설", table: 7 };
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: tokens.fac, body, headers })));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const list = await call(app.url, "GET", `/api/forums/${forumId}/proposals?q=가로등`);
    expect(list.body.total).toBe(1);
  });
});

describe("moderation", () => {
  async function published(title: string, field = "도시건설") {
    const res = await call(app.url, "POST", `/api/sessions/${sessionId}/proposals`, { token: tokens.staff, body: { title, field, body: `${title}에 대한 의견` } });
    expect(res.status).toBe(201);
    return res.body as { id: string; receipt: string };
  }

  it("staff publish, hide with a reason the proposer sees, reclassify, and correct text keeping the original", async () => {
    const res = await propose(forumId, { ...valid, title: "공원 화장실 개선" });
    const id = res.body.id;
    expect((await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.fac, body: { status: "published" } })).status).toBe(403);
    expect((await call(app.url, "PATCH", `/api/proposals/${id}`, { body: { status: "published" } })).status).toBe(401);

    expect((await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { status: "published" } })).body.status).toBe("published");
    const noReason = await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { status: "hidden" } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe("reason");
    const hidden = await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { status: "hidden", reason: "개인정보가 들어 있어 숨겼습니다" } });
    expect(hidden.body).toMatchObject({ status: "hidden", hiddenReason: "개인정보가 들어 있어 숨겼습니다" });
    let page = await call(app.url, "GET", `/api/proposals/${res.body.receipt}`);
    expect(page.body.proposal.hiddenReason).toBe("개인정보가 들어 있어 숨겼습니다");

    await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { status: "published" } });
    const badField = await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { field: "없음" } });
    expect(badField.status).toBe(400);
    const edited = await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { field: "도시건설", title: "공원 화장실 개선 요청" } });
    expect(edited.body).toMatchObject({ field: "도시건설", title: "공원 화장실 개선 요청", original: { title: "공원 화장실 개선", body: valid.body } });
    const again = await call(app.url, "PATCH", `/api/proposals/${id}`, { token: tokens.staff, body: { title: "공원 화장실 개선 요청합니다" } });
    expect(again.body.original.title).toBe("공원 화장실 개선");
    page = await call(app.url, "GET", `/api/proposals/${res.body.receipt}`);
    expect(page.body.proposal.history.map((e: { event: string }) => e.event)).toEqual([
      "submitted",
      "published",
      "hidden",
      "published",
      "reclassified",
      "edited",
      "edited",
    ]);
    expect(page.body.proposal.hiddenReason).toBeUndefined();
  });

  it("merging: the duplicate points to the one that absorbed it, keeps its source, and its receipt page says so", async () => {
    const a = await propose(forumId, { ...valid, title: "버스정류장 온열의자" });
    await call(app.url, "PATCH", `/api/proposals/${a.body.id}`, { token: tokens.staff, body: { status: "published" } });
    const b = await published("정류장 온열의자 설치");
    expect((await call(app.url, "POST", `/api/proposals/${a.body.id}/merge`, { token: tokens.fac, body: { into: b.id } })).status).toBe(403);
    const merged = await call(app.url, "POST", `/api/proposals/${a.body.id}/merge`, { token: tokens.staff, body: { into: b.id } });
    expect(merged.status).toBe(200);
    expect(merged.body.merged).toMatchObject({ status: "merged", mergedInto: b.id, source: "online" });
    expect(merged.body.into.mergedFrom).toEqual([a.body.id]);
    const page = await call(app.url, "GET", `/api/proposals/${a.body.receipt}`);
    expect(page.body.mergedInto).toMatchObject({ id: b.id, title: "정류장 온열의자 설치", status: "published" });
    expect(page.body.proposal.source).toBe("online");
    const list = await call(app.url, "GET", `/api/forums/${forumId}/proposals?q=온열의자`);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([b.id]);
  });

  it("refuses a merge cycle, merging into a hidden, pending, merged or other forum's proposal, and into itself", async () => {
    const a = await published("물놀이장 운영 확대");
    const b = await published("물놀이장 확대 운영");
    const c = await published("어린이 물놀이장");
    expect((await call(app.url, "POST", `/api/proposals/${a.id}/merge`, { token: tokens.staff, body: { into: b.id } })).status).toBe(200);
    const cycle = await call(app.url, "POST", `/api/proposals/${b.id}/merge`, { token: tokens.staff, body: { into: a.id } });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe("merge_cycle");
    const intoMerged = await call(app.url, "POST", `/api/proposals/${c.id}/merge`, { token: tokens.staff, body: { into: a.id } });
    expect(intoMerged.body.error.code).toBe("merge_cycle".replace("cycle", "into_merged"));
    const again = await call(app.url, "POST", `/api/proposals/${a.id}/merge`, { token: tokens.staff, body: { into: c.id } });
    expect(again.body.error.code).toBe("already_merged");

    await call(app.url, "PATCH", `/api/proposals/${c.id}`, { token: tokens.staff, body: { status: "hidden", reason: "중복" } });
    const d = await published("물놀이장 그늘막");
    const intoHidden = await call(app.url, "POST", `/api/proposals/${d.id}/merge`, { token: tokens.staff, body: { into: c.id } });
    expect(intoHidden.status).toBe(422);
    expect(intoHidden.body.error.code).toBe("merge_into_hidden");

    const pending = await propose(forumId, { ...valid, title: "대기 중 제안" });
    expect((await call(app.url, "POST", `/api/proposals/${d.id}/merge`, { token: tokens.staff, body: { into: pending.body.id } })).body.error.code).toBe("merge_into_pending");

    const otherSession = (await call(app.url, "POST", `/api/forums/${otherForumId}/sessions`, { token: tokens.staff, body: { title: "타 공론장", startsAt: "2022-04-18T19:00" } })).body.id;
    const foreign = await call(app.url, "POST", `/api/sessions/${otherSession}/proposals`, { token: tokens.staff, body: { title: "다른 곳 제안", field: "안전" } });
    const other = await call(app.url, "POST", `/api/proposals/${d.id}/merge`, { token: tokens.staff, body: { into: foreign.body.id } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("merge_other_forum");
    const self = await call(app.url, "POST", `/api/proposals/${d.id}/merge`, { token: tokens.staff, body: { into: d.id } });
    expect(self.status).toBe(400);
    const missing = await call(app.url, "POST", `/api/proposals/${d.id}/merge`, { token: tokens.staff, body: { into: "nope" } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("into");
  });

  it("two staff merging A into B and B into A at once: exactly one wins", async () => {
    const a = await published("동시 병합 가");
    const b = await published("동시 병합 나");
    const [ab, ba] = await Promise.all([
      call(app.url, "POST", `/api/proposals/${a.id}/merge`, { token: tokens.staff, body: { into: b.id } }),
      call(app.url, "POST", `/api/proposals/${b.id}/merge`, { token: tokens.staff, body: { into: a.id } }),
    ]);
    expect([ab.status, ba.status].filter((s) => s === 200).length).toBe(1);
    expect([ab.status, ba.status].filter((s) => s === 409 || s === 422).length).toBe(1);
  });
});

describe("browsing and search", () => {
  let searchForum: string;
  let searchSession: string;
  beforeAll(async () => {
    const f = await call(app.url, "POST", "/api/forums", { token: tokens.staff, body: { title: "검색 공론장", startsOn: "2023-05-01", endsOn: "2023-05-31" } });
    searchForum = f.body.id;
    const s = (await call(app.url, "POST", `/api/forums/${searchForum}/sessions`, { token: tokens.staff, body: { title: "검색 회차", startsAt: "2023-05-02T19:00" } })).body.id;
    searchSession = s;
    const titles: [string, string][] = [
      ["청소년여가문화공간 조성", "청년문화"],
      ["청소년 진로 상담 확대", "청년문화"],
      ["어르신 여가 문화 프로그램", "복지보건"],
      ["보행로 정비", "도시건설"],
      ["골목상권 활성화", "행정경제"],
    ];
    for (const [title, field] of titles) {
      expect((await call(app.url, "POST", `/api/sessions/${s}/proposals`, { token: tokens.staff, body: { title, field, body: `${title} 세부 내용` } })).status).toBe(201);
    }
    const pending = await propose(searchForum, { ...valid, title: "청소년 대기 제안" });
    expect(pending.status).toBe(201);
  });

  it("finds words inside Korean compound words and across inconsistent spacing", async () => {
    const q = async (term: string) =>
      (await call(app.url, "GET", `/api/forums/${searchForum}/proposals?q=${encodeURIComponent(term)}`)).body.items.map((p: { title: string }) => p.title);
    expect(await q("청소년")).toEqual(expect.arrayContaining(["청소년여가문화공간 조성", "청소년 진로 상담 확대"]));
    expect(await q("청소년")).toHaveLength(2); // the pending one is not public
    expect(await q("여가문화")).toEqual(expect.arrayContaining(["청소년여가문화공간 조성", "어르신 여가 문화 프로그램"]));
    expect(await q("문화 공간")).toEqual(["청소년여가문화공간 조성"]);
    expect(await q("상권")).toEqual(["골목상권 활성화"]);
    expect(await q("지하철")).toEqual([]);
  });

  it("filters by field, source and status, counts per field, and pages with a cursor", async () => {
    const byField = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?field=${encodeURIComponent("청년문화")}`);
    expect(byField.body.total).toBe(2);
    expect(byField.body.byField).toEqual(
      expect.arrayContaining([
        { field: "청년문화", count: 2 },
        { field: "복지보건", count: 1 },
        { field: "도시건설", count: 1 },
        { field: "행정경제", count: 1 },
      ]),
    );
    const online = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?source=online`, { token: tokens.staff });
    expect(online.body.total).toBe(1);
    const all = await call(app.url, "GET", `/api/forums/${searchForum}/proposals`, { token: tokens.staff });
    expect(all.body.byStatus).toEqual({ pending: 1, published: 5, hidden: 0, merged: 0 });
    const publicCounts = await call(app.url, "GET", `/api/forums/${searchForum}/proposals`);
    expect(publicCounts.body.byStatus).toEqual({ pending: 0, published: 5, hidden: 0, merged: 0 });
    const bySession = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?sessionId=${searchSession}`);
    expect(bySession.body.total).toBe(5);
    expect((await call(app.url, "GET", `/api/forums/${searchForum}/proposals?sessionId=other`)).body.total).toBe(0);
    const pending = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?status=pending`, { token: tokens.staff });
    expect(pending.body.items[0].title).toBe("청소년 대기 제안");
    const publicPending = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?status=pending`);
    expect(publicPending.body.total).toBe(0);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(app.url, "GET", `/api/forums/${searchForum}/proposals?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);

    expect((await call(app.url, "GET", `/api/forums/${searchForum}/proposals?limit=0`)).status).toBe(400);
    expect((await call(app.url, "GET", `/api/forums/${searchForum}/proposals?source=fax`)).status).toBe(400);
    expect((await call(app.url, "GET", `/api/forums/${searchForum}/proposals?cursor=garbage`)).status).toBe(400);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await call(app.url, "GET", "/api/openapi.json");
    for (const path of ["/api/forums/{forumId}/proposals", "/api/sessions/{sessionId}/proposals", "/api/proposals/{receipt}", "/api/proposals/{proposalId}", "/api/proposals/{proposalId}/merge", "/api/intake"]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
