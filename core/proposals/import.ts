import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Csv } from "./csv.js";
import { AppError, invalid, notFound, schemaMessage } from "../shared/errors.js";
import { Forum } from "../attendance/forum.js";
import { Proposal } from "./proposal.js";
import { Receipt } from "./receipt.js";
import { Session } from "../attendance/session.js";
import { db, epochSeconds, isConditionFailed, Keys, newId, tableName } from "../shared/table.js";
import { Xlsx } from "./xlsx.js";

/**
 * Importing proposals collected on paper, from a CSV or XLSX file. Every row is checked first and
 * reported with its errors; a file with any error writes nothing unless staff confirm which rows
 * to take. The rows to import are stored as a job and written a chunk at a time, so that the
 * client shows real progress, a lost connection resumes where it stopped, and no call runs into
 * the Lambda's time limit. Each row's proposal id and receipt derive from (job, row): a chunk
 * run twice writes nothing twice.
 */
export namespace ProposalImport {
  export const MAX_BYTES = 5 * 1024 * 1024;
  export const MAX_ROWS = 5000;
  const CHUNK_ROWS = 25;
  /** How long one call keeps writing chunks (at least one chunk per call). */
  const runBudgetMs = () => Number(process.env.GONGNON_IMPORT_BUDGET_MS ?? 2_000);
  const JOB_TTL_S = 7 * 24 * 3600;

  /** Header names, Korean or English, for each column. */
  const COLUMNS = {
    title: ["제목", "의제", "의제명", "title"],
    body: ["내용", "세부내용", "설명", "body", "text"],
    field: ["분야", "분과", "field"],
    area: ["동", "지역", "동네", "권역", "area"],
    session: ["회차", "session"],
    table: ["탁자", "탁자번호", "테이블", "table"],
  } as const;
  type Column = keyof typeof COLUMNS;

  export const RowError = z.object({ field: z.string(), message: z.string() });
  export const Row = z.object({
    /** The spreadsheet's row number (the header is row 1). */
    row: z.number(),
    title: z.string(),
    body: z.string(),
    field: z.string(),
    area: z.string().optional(),
    session: z.string().optional(),
    table: z.number().optional(),
    errors: z.array(RowError),
  });
  export type Row = z.infer<typeof Row>;

  export const Preview = z.object({
    fileName: z.string(),
    total: z.number(),
    valid: z.number(),
    invalid: z.number(),
    columns: z.array(z.string()),
    rows: z.array(Row),
  });
  export type Preview = z.infer<typeof Preview>;

  export const Job = z.object({
    id: z.string(),
    forumId: z.string(),
    fileName: z.string(),
    total: z.number(),
    done: z.number(),
    status: z.enum(["running", "done"]),
    createdAt: z.string(),
  });
  export type Job = z.infer<typeof Job>;

  type Lang = "ko" | "en";
  const msg = (lang: Lang, ko: string, en: string) => (lang === "en" ? en : ko);

  /**
   * Importer columns are looked for among the first MAX_COLUMNS; cells further right are not
   * read at all, so a stray cell in column XFD costs nothing.
   */
  const MAX_COLUMNS = 32;

  /** A spreadsheet row with something in it, by its number in the file (the header is row 1). */
  export interface SheetRow {
    n: number;
    cells: string[];
  }

  /**
   * Reads the file's non-blank rows, bounded while reading: the first MAX_COLUMNS columns, and an
   * error as soon as there are more than MAX_ROWS rows below the header.
   */
  export async function readCells(fileName: string, bytes: Uint8Array): Promise<SheetRow[]> {
    if (bytes.byteLength > MAX_BYTES) {
      throw invalid("file_too_large", "file", "파일이 너무 큽니다 (5MB까지). 나누어 올려 주세요.", "The file is too large (5 MB at most); split it.");
    }
    const rows: SheetRow[] = [];
    let data = 0;
    const take = (row: SheetRow) => {
      if (row.n > 1 && ++data > MAX_ROWS) {
        throw invalid(
          "file_too_many_rows",
          "file",
          `한 번에 ${MAX_ROWS}줄까지 가져올 수 있습니다 (이 파일은 ${MAX_ROWS}줄이 넘습니다). 나누어 올려 주세요.`,
          `At most ${MAX_ROWS} rows at a time (this file has more than ${MAX_ROWS}); split it.`,
        );
      }
      rows.push(row);
    };
    const isXlsx = bytes[0] === 0x50 && bytes[1] === 0x4b; // a ZIP container: XLSX
    if (isXlsx) {
      try {
        await Xlsx.read(bytes, take, { maxColumns: MAX_COLUMNS });
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw invalid("file_unreadable", "file", "엑셀 파일을 읽을 수 없습니다. xlsx 형식인지 확인하세요.", "The spreadsheet cannot be read; check that it is an .xlsx file.");
      }
      return rows;
    }
    if (/\.(xls|xlsm|ods|numbers)$/i.test(fileName)) {
      throw invalid("file_type", "file", "CSV 또는 XLSX 파일만 받을 수 있습니다. 엑셀에서 .xlsx로 저장하세요.", "Only CSV or XLSX files are accepted; save as .xlsx.");
    }
    if (bytes.includes(0)) {
      throw invalid("file_type", "file", "CSV 또는 XLSX 파일만 받을 수 있습니다.", "Only CSV or XLSX files are accepted.");
    }
    await Csv.read(Csv.decode(bytes), take, { maxColumns: MAX_COLUMNS });
    return rows;
  }

  /** Checks every row against the forum (its fields and sessions); nothing is written. */
  export async function preview(forumId: string, fileName: string, bytes: Uint8Array, lang: Lang = "ko"): Promise<Preview> {
    const { target, sessions } = await place(forumId);
    return check(target, sessions, fileName, bytes, lang);
  }

  /** Where the rows go: the forum (or inbox) and the sessions a row may name. */
  async function place(forumId: string) {
    const target = await Forum.target(forumId);
    const sessions = target.inbox ? [] : await Session.listByForum(target.forumId);
    return { target, sessions };
  }

  async function check(target: Forum.Target, sessions: Session.Info[], fileName: string, bytes: Uint8Array, lang: Lang): Promise<Preview> {
    const read = await readCells(fileName, bytes);
    const header = (read[0]?.n === 1 ? read[0].cells : []).map((h) => h.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, ""));
    const index = {} as Record<Column, number>;
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      index[col] = header.findIndex((h) => names.includes(h));
    }
    if (index.title < 0 || index.field < 0) {
      throw invalid(
        "file_columns",
        "file",
        `첫 줄에 열 이름이 있어야 합니다: 제목, 분야 (필수), 내용, 동, 회차, 탁자 (선택). 지금 첫 줄: ${header.join(", ") || "(비어 있음)"}`,
        `The first row must name the columns: 제목/title and 분야/field (required), 내용/body, 동/area, 회차/session, 탁자/table (optional). First row now: ${header.join(", ") || "(empty)"}`,
      );
    }
    const dataRows = read.filter((r) => r.n > 1 && r.cells.some((c) => c.trim().length > 0));
    if (dataRows.length === 0) throw invalid("file_empty", "file", "가져올 줄이 없습니다.", "The file has no rows to import.");
    const cell = (r: string[], col: Column) => (index[col] >= 0 ? (r[index[col]] ?? "").trim() : "");
    const rows: Row[] = [];
    for (const { n, cells: r } of dataRows) {
      // Thousands of rows of checks: other requests get their turn between batches.
      if (rows.length % 500 === 499) await new Promise<void>((res) => setImmediate(res));
      const errors: { field: string; message: string }[] = [];
      const check = <T>(field: string, schema: z.ZodType<T>, value: unknown): T | undefined => {
        const res = schema.safeParse(value);
        if (res.success) return res.data;
        errors.push({ field, message: schemaMessage(res.error.issues[0]!)[lang] });
        return undefined;
      };
      const title = cell(r, "title");
      const bodyText = cell(r, "body");
      const field = cell(r, "field");
      const area = cell(r, "area") || undefined;
      const sessionRef = cell(r, "session") || undefined;
      const tableRaw = cell(r, "table");
      check("title", Proposal.Title, title);
      check("body", Proposal.SessionInput.shape.body, bodyText);
      if (area !== undefined) check("area", Proposal.Area, area);
      if (!field) errors.push({ field: "field", message: msg(lang, "분야가 비어 있습니다", "the field is empty") });
      else if (!target.fields.includes(field)) {
        errors.push({
          field: "field",
          message: msg(lang, `'${field}'은(는) 이 공론장의 분야가 아닙니다 (${target.fields.join(", ")})`, `'${field}' is not one of this forum's fields (${target.fields.join(", ")})`),
        });
      }
      let table: number | undefined;
      if (tableRaw) table = check("table", Proposal.Table, /^\d+$/.test(tableRaw) ? Number(tableRaw) : tableRaw);
      if (sessionRef && !findSession(sessions, sessionRef)) {
        errors.push({
          field: "session",
          message: msg(lang, `'${sessionRef}' 회차가 없습니다 (회차 번호나 회차 이름을 쓰세요)`, `no session '${sessionRef}' (use its number or its title)`),
        });
      }
      rows.push({ row: n, title, body: bodyText, field, area, session: sessionRef, table, errors });
    }
    const invalidRows = rows.filter((r) => r.errors.length > 0).length;
    const columns = (Object.keys(COLUMNS) as Column[]).filter((c) => index[c] >= 0);
    return { fileName, total: rows.length, valid: rows.length - invalidRows, invalid: invalidRows, columns, rows };
  }

  /** `3`, `3회차` or a session's title. */
  function findSession(sessions: Session.Info[], ref: string): Session.Info | undefined {
    const m = ref.normalize("NFKC").trim().match(/^(\d+)\s*(회차|차)?$/);
    if (m) return sessions[Number(m[1]) - 1];
    return sessions.find((s) => s.title.trim() === ref.trim());
  }

  /**
   * Starts an import: the rows to take are all rows (refused if any has an error) or exactly the
   * confirmed ones (refused if one of those has an error). Imports into a closed forum are refused.
   */
  export async function start(
    forumId: string,
    fileName: string,
    bytes: Uint8Array,
    opts: { confirmRows?: number[]; lang?: Lang } = {},
  ): Promise<Job> {
    const { target, sessions } = await place(forumId);
    if (target.intake !== "open") {
      throw new AppError("conflict", "forum_closed", {
        ko: `‘${target.title}’은(는) 제안 접수가 닫혀 있어 가져올 수 없습니다. 공론장 설정에서 접수를 연 뒤 다시 시도하세요.`,
        en: `‘${target.title}’ is closed for proposals, so nothing can be imported; open its intake in the forum settings first.`,
      });
    }
    const p = await check(target, sessions, fileName, bytes, opts.lang ?? "ko");
    let take = p.rows;
    if (opts.confirmRows) {
      const wanted = new Set(opts.confirmRows);
      take = p.rows.filter((r) => wanted.has(r.row));
      const unknown = [...wanted].filter((n) => !p.rows.some((r) => r.row === n));
      if (unknown.length > 0) {
        throw invalid("rows_unknown", "rows", `파일에 없는 줄 번호입니다: ${unknown.join(", ")}`, `These rows are not in the file: ${unknown.join(", ")}`);
      }
      const bad = take.filter((r) => r.errors.length > 0).map((r) => r.row);
      if (bad.length > 0) {
        throw new AppError(
          "unprocessable",
          "rows_have_errors",
          { ko: `고른 줄 중 오류가 있는 줄이 있습니다: ${bad.join(", ")}. 고치거나 빼고 다시 고르세요.`, en: `Some confirmed rows have errors: ${bad.join(", ")}; fix them or leave them out.` },
          { field: "rows" },
        );
      }
      if (take.length === 0) throw invalid("rows_empty", "rows", "가져올 줄을 하나 이상 고르세요.", "Confirm at least one row to import.");
    } else if (p.invalid > 0) {
      throw new AppError(
        "unprocessable",
        "import_has_errors",
        {
          ko: `${p.total}줄 중 ${p.invalid}줄에 오류가 있어 아무것도 가져오지 않았습니다. 파일을 고치거나, 가져올 줄을 골라 다시 시도하세요.`,
          en: `${p.invalid} of ${p.total} rows have errors, so nothing was imported. Fix the file, or confirm the rows to import.`,
        },
        { field: "file" },
      );
    }
    const id = newId();
    const createdAt = new Date().toISOString();
    const job: Job = { id, forumId: target.forumId, fileName, total: take.length, done: 0, status: "running", createdAt };
    const expiresAt = epochSeconds() + JOB_TTL_S;
    const stored = take.map((r) => {
      const s = r.session ? findSession(sessions, r.session) : undefined;
      return { row: r.row, title: r.title, body: r.body, field: r.field, area: r.area, table: r.table, sessionId: s?.id, sessionTitle: s?.title };
    });
    for (let c = 0; c * CHUNK_ROWS < stored.length; c++) {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...Keys.importChunk(id, c), type: "ImportChunk", rows: stored.slice(c * CHUNK_ROWS, (c + 1) * CHUNK_ROWS), expiresAt },
        }),
      );
    }
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.importJob(id), type: "ImportJob", ...job, expiresAt } }));
    return run(id);
  }

  // Access pattern: an import job by id.
  export async function get(id: string): Promise<Job> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.importJob(id), ConsistentRead: true }));
    if (!res.Item) throw notFound({ ko: "가져오기 작업", en: "Import" });
    return Job.parse(res.Item);
  }

  /** Writes the next chunks for a few seconds and returns the progress. Safe to call twice at once. */
  export async function run(id: string): Promise<Job> {
    const started = Date.now();
    let job = await get(id);
    for (let chunks = 0; job.status === "running" && (chunks === 0 || Date.now() - started < runBudgetMs()); chunks++) {
      const chunk = Math.floor(job.done / CHUNK_ROWS);
      const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.importChunk(id, chunk), ConsistentRead: true }));
      const rows = (res.Item?.rows ?? []) as { row: number; title: string; body: string; field: string; area?: string; table?: number; sessionId?: string; sessionTitle?: string }[];
      const at = job.createdAt;
      for (const r of rows.slice(job.done - chunk * CHUNK_ROWS)) {
        await Proposal.create(
          { forumId: job.forumId, title: r.title, body: r.body, field: r.field, area: r.area, table: r.table, sessionId: r.sessionId, sessionTitle: r.sessionTitle, source: "import", status: "published" },
          { id: `${id}r${String(r.row).padStart(5, "0")}`, receipt: Receipt.derive(`${id}:${r.row}`), at },
        );
      }
      const done = Math.min(job.total, (chunk + 1) * CHUNK_ROWS);
      try {
        const upd = await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: Keys.importJob(id),
            UpdateExpression: "SET done = :done, #s = :status",
            ConditionExpression: "done = :prev",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: { ":done": done, ":prev": job.done, ":status": done >= job.total ? "done" : "running" },
            ReturnValues: "ALL_NEW",
          }),
        );
        job = Job.parse(upd.Attributes);
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        job = await get(id); // another call moved it on
      }
    }
    return job;
  }
}
