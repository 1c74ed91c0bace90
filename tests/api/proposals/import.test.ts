import ExcelJS from "exceljs";
import { crc32, deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createAccount, login, type Account } from "../../support/harness.js";
import { useApp } from "../../support/fixtures.js";

/** Importing paper proposals from CSV and XLSX through the HTTP API: preview, all-or-nothing, confirmed rows, chunks. */

const app = useApp();
let staff: Account, fac: Account;
let token: string, facToken: string;
let forumId: string;

beforeAll(async () => {
  [staff, fac] = await Promise.all([createAccount("staff"), createAccount("facilitator")]);
  token = await login(app.url, staff);
  facToken = await login(app.url, fac);
  forumId = (await call(app.url, "POST", "/api/forums", { token, body: { title: "가져오기 공론장", startsOn: "2023-04-17", endsOn: "2023-04-27" } })).body.id;
  for (const [title, at] of [
    ["1회차 공론장", "2023-04-17T19:00"],
    ["2회차 공론장", "2023-04-19T19:00"],
  ]) {
    expect((await call(app.url, "POST", `/api/forums/${forumId}/sessions`, { token, body: { title, startsAt: at } })).status).toBe(201);
  }
});

async function upload(forum: string, file: Blob, name: string, fields: Record<string, string> = {}, auth: string | null = token) {
  const form = new FormData();
  form.set("file", file, name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${app.url}/api/forums/${forum}/proposals/import`, {
    method: "POST",
    body: form,
    headers: auth ? { authorization: `Bearer ${auth}` } : {},
  });
  return { status: res.status, body: (await res.json()) as any };
}

const csv = (text: string) => new Blob([text], { type: "text/csv" });
const count = async (q = "") => (await call(app.url, "GET", `/api/forums/${forumId}/proposals?limit=100${q}`, { token })).body.total as number;

const GOOD = [
  "제목,내용,분야,동,회차,탁자",
  '청소년 쉼터 확대,"방과 후 쉼터가 부족합니다, 늘려 주세요",청년문화,신림동,1,3',
  "어르신 무더위 쉼터,여름철 쉼터 운영 시간 연장,복지보건,,2회차,",
  '"따옴표 ""제목""","줄바꿈이\n있는 내용",도시건설,,,',
].join("\r\n");

describe("import", () => {
  it("a dry run reports every row and writes nothing", async () => {
    const bad = `${GOOD}\r\n,내용만 있음,도시건설,,,\r\n잘못된 분야,내용,교통,,,\r\n없는 회차,내용,도시건설,,9,\r\n탁자 오류,내용,도시건설,,,abc`;
    const res = await upload(forumId, csv(bad), "paper.csv", { dryRun: "true" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fileName: "paper.csv", total: 7, valid: 3, invalid: 4 });
    expect(res.body.columns).toEqual(["title", "body", "field", "area", "session", "table"]);
    const byRow = Object.fromEntries(res.body.rows.map((r: { row: number; errors: { field: string }[] }) => [r.row, r.errors.map((e) => e.field)]));
    expect(byRow).toEqual({ 2: [], 3: [], 4: [], 5: ["title"], 6: ["field"], 7: ["session"], 8: ["table"] });
    expect(res.body.rows[0]).toMatchObject({ title: "청소년 쉼터 확대", body: "방과 후 쉼터가 부족합니다, 늘려 주세요", area: "신림동", session: "1", table: 3 });
    expect(res.body.rows[2]).toMatchObject({ title: '따옴표 "제목"', body: "줄바꿈이\n있는 내용" });
    expect(res.body.rows[4].errors[0].message).toContain("교통");
    expect(await count()).toBe(0);

    // Without confirmation, a file with errors imports nothing.
    const refused = await upload(forumId, csv(bad), "paper.csv");
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("import_has_errors");
    expect(await count()).toBe(0);

    // Confirming rows that have errors is refused too; confirming good rows imports exactly those.
    const badConfirm = await upload(forumId, csv(bad), "paper.csv", { rows: "2,6" });
    expect(badConfirm.status).toBe(422);
    expect(badConfirm.body.error.code).toBe("rows_have_errors");
    expect(await count()).toBe(0);
    const ok = await upload(forumId, csv(bad), "paper.csv", { rows: "2,4" });
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({ total: 2, done: 2, status: "done" });
    expect(await count()).toBe(2);
    const imported = await call(app.url, "GET", `/api/forums/${forumId}/proposals?q=${encodeURIComponent("청소년 쉼터")}`);
    expect(imported.body.items[0]).toMatchObject({ source: "import", status: "published", sessionTitle: "1회차 공론장", table: 3, area: "신림동" });
  });

  it("an XLSX file imports in chunks with progress; repeated continue calls write nothing twice", async () => {
    const forum = (await call(app.url, "POST", "/api/forums", { token, body: { title: "엑셀 공론장", startsOn: "2023-06-01", endsOn: "2023-06-30" } })).body.id;
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("제안");
    sheet.addRow(["title", "field", "body"]);
    for (let i = 1; i <= 120; i++) sheet.addRow([`종이 제안 ${i}번`, i % 2 ? "행정경제" : "도시건설", `제안 내용 ${i}`]);
    const bytes = await wb.xlsx.writeBuffer();
    const xlsx = new Blob([bytes as ArrayBuffer]);
    const preview = await upload(forum, xlsx, "paper.xlsx", { dryRun: "true" });
    expect(preview.body).toMatchObject({ total: 120, valid: 120, invalid: 0 });

    process.env.GONGNON_IMPORT_BUDGET_MS = "0"; // one chunk (25 rows) per call
    const started = await upload(forum, xlsx, "paper.xlsx");
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total: 120, done: 25, status: "running" });
    const seen = [started.body.done as number];
    let job = started.body;
    while (job.status !== "done") {
      const [a, b] = await Promise.all([
        call(app.url, "POST", `/api/imports/${job.id}/continue`, { token }),
        call(app.url, "POST", `/api/imports/${job.id}/continue`, { token }),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      job = a.body.done >= b.body.done ? a.body : b.body;
      seen.push(job.done);
    }
    delete process.env.GONGNON_IMPORT_BUDGET_MS;
    expect(seen[seen.length - 1]).toBe(120);
    expect(seen.length).toBeGreaterThanOrEqual(3); // progress came in steps
    for (const done of seen.slice(0, -1)) expect(done % 25).toBe(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
    const list = await call(app.url, "GET", `/api/forums/${forum}/proposals?limit=100`, { token });
    expect(list.body.total).toBe(120);
    expect(list.body.byField).toEqual(expect.arrayContaining([{ field: "행정경제", count: 60 }, { field: "도시건설", count: 60 }]));
    expect((await call(app.url, "GET", `/api/imports/${job.id}`, { token })).body).toMatchObject({ status: "done", done: 120 });
  });

  it("reads CSV saved by Korean Excel (CP949)", async () => {
    // "제목,분야\n교통 안전,도시건설\n" in CP949.
    const cp949 = Buffer.from("c1a6b8f12cbad0bedf0ab1b3c5eb20bec8c0fc2cb5b5bdc3b0c7bcb30a", "hex");
    const res = await upload(forumId, new Blob([cp949]), "excel.csv", { dryRun: "true" });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ title: "교통 안전", field: "도시건설", errors: [] });
  });

  it("refuses a closed forum, a file without the needed columns, a binary file, bad row lists, and non-staff", async () => {
    const closed = (await call(app.url, "POST", "/api/forums", { token, body: { title: "닫힌 공론장", startsOn: "2022-01-01", endsOn: "2022-01-02", intake: "closed" } })).body.id;
    const shut = await upload(closed, csv(GOOD), "paper.csv");
    expect(shut.status).toBe(409);
    expect(shut.body.error.code).toBe("forum_closed");

    const noCols = await upload(forumId, csv("이름,전화\n홍길동,010"), "paper.csv", { dryRun: "true" });
    expect(noCols.status).toBe(400);
    expect(noCols.body.error).toMatchObject({ code: "file_columns", field: "file" });
    expect(noCols.body.error.message).toContain("제목");

    const xls = await upload(forumId, new Blob([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0])]), "old.xls", { dryRun: "true" });
    expect(xls.status).toBe(400);
    expect(xls.body.error.code).toBe("file_type");

    const rows = await upload(forumId, csv(GOOD), "paper.csv", { rows: "2;3" });
    expect(rows.status).toBe(400);
    expect(rows.body.error.field).toBe("rows");
    const unknownRows = await upload(forumId, csv(GOOD), "paper.csv", { rows: "99" });
    expect(unknownRows.status).toBe(400);
    expect(unknownRows.body.error.code).toBe("rows_unknown");

    const noFile = await fetch(`${app.url}/api/forums/${forumId}/proposals/import`, { method: "POST", body: new FormData(), headers: { authorization: `Bearer ${token}` } });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as any).error.field).toBe("file");

    expect((await upload(forumId, csv(GOOD), "paper.csv", {}, null)).status).toBe(401);
    expect((await upload(forumId, csv(GOOD), "paper.csv", {}, facToken)).status).toBe(403);
    expect((await call(app.url, "POST", "/api/imports/nope/continue", { token })).status).toBe(404);
  });

  it("a file over 5 MB is a 400 that says so", async () => {
    const big = csv("제목,분야\n" + "가,도시건설\n".repeat(600_000));
    const res = await upload(forumId, big, "big.csv", { dryRun: "true" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("file_too_large");
  });
});

describe("import: files built to exhaust the server", () => {
  /** A ZIP (deflate) of the given parts: enough of an .xlsx for the reader. */
  function zip(files: Record<string, string>): Uint8Array<ArrayBuffer> {
    const parts: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const [name, content] of Object.entries(files)) {
      const data = Buffer.from(content);
      const packed = deflateRawSync(data);
      const nameBytes = Buffer.from(name);
      const [local, dir] = [Buffer.alloc(30), Buffer.alloc(46)];
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(crc32(data), 14);
      local.writeUInt32LE(packed.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(nameBytes.length, 26);
      dir.writeUInt32LE(0x02014b50, 0);
      dir.writeUInt16LE(8, 10);
      dir.writeUInt32LE(crc32(data), 16);
      dir.writeUInt32LE(packed.length, 20);
      dir.writeUInt32LE(data.length, 24);
      dir.writeUInt16LE(nameBytes.length, 28);
      dir.writeUInt32LE(offset, 42);
      parts.push(local, nameBytes, packed);
      central.push(dir, nameBytes);
      offset += 30 + nameBytes.length + packed.length;
    }
    const cd = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(central.length / 2, 8);
    end.writeUInt16LE(central.length / 2, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return new Uint8Array(Buffer.concat([...parts, cd, end]));
  }

  it("an XLSX with a cell in column XFD on each of 2,000 rows, a 5 MB CSV of newlines and an unclosed quote are 400s that say why", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("제안");
    sheet.addRow(["제목", "분야"]);
    for (let r = 2; r <= 2001; r++) sheet.getCell(`XFD${r}`).value = r;
    const xfd = await upload(forumId, new Blob([await wb.xlsx.writeBuffer()]), "xfd.xlsx", { dryRun: "true" });
    expect(xfd.status).toBe(400);
    expect(xfd.body.error).toMatchObject({ code: "file_empty", field: "file", message: expect.stringContaining("가져올 줄이 없습니다") });

    const newlines = await upload(forumId, csv("제목,분야\n" + "\n".repeat(5 * 1024 * 1024 - 20)), "newlines.csv", { dryRun: "true" });
    expect(newlines.status).toBe(400);
    expect(newlines.body.error).toMatchObject({ code: "file_empty", message: expect.any(String) });

    const unclosed = await upload(forumId, csv('제목,분야\r\n"청소년 쉼터,청년문화\r\n어르신 쉼터,복지보건\r\n'), "quote.csv", { dryRun: "true" });
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.error).toMatchObject({ code: "csv_unclosed_quote", field: "file", message: expect.stringContaining("2번째 줄") });
  });

  it("while a big upload is being read, other requests are answered before it", async () => {
    // 1.2 million cells right of the columns the importer reads: ~30 MB of XML in ~200 KB.
    const far = Array.from({ length: 100 }, () => '<c r="ZZ1"><v>1</v></c>').join("");
    let rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>제목</t></is></c><c r="B1" t="inlineStr"><is><t>분야</t></is></c></row>';
    for (let r = 2; r <= 12_000; r++) rows += `<row r="${r}">${far}</row>`;
    const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const bytes = zip({
      "xl/workbook.xml": `<workbook xmlns:r="${rel}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      "xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      "xl/worksheets/sheet1.xml": `<worksheet><sheetData>${rows}</sheetData></worksheet>`,
    });
    const answered: string[] = [];
    let settled = false;
    const importing = upload(forumId, new Blob([bytes]), "big.xlsx", { dryRun: "true" }).finally(() => {
      settled = true;
      answered.push("import");
    });
    while (!settled) {
      const res = await fetch(`${app.url}/api/forums`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!settled) answered.push("forums");
    }
    const res = await importing;
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("file_empty");
    // Requests sent one after another, each after the previous one's answer, all before the import's.
    expect(answered.slice(0, 3)).toEqual(["forums", "forums", "forums"]);
    expect(answered.indexOf("import")).toBeGreaterThanOrEqual(3);
  });
});
