import ExcelJS from "exceljs";
import fc from "fast-check";
import { PassThrough } from "node:stream";
import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Csv } from "../../../core/proposals/csv.js";
import { AppError } from "../../../core/shared/errors.js";
import { ProposalImport } from "../../../core/proposals/import.js";
import { Xlsx } from "../../../core/proposals/xlsx.js";

/** The bounded readers behind the paper-proposal import: XLSX on node:zlib, and strict CSV. */

/** A ZIP archive (deflate); `declare` overrides an entry's uncompressed size, `flags` its flags. */
function zip(files: Record<string, string | Buffer>, opts: { declare?: Record<string, number>; flags?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = opts.declare?.[name] ?? data.length;
    const flags = 0x800 | (opts.flags ?? 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
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
  return Buffer.concat([...parts, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A minimal workbook around one sheet's <sheetData> content. */
function xlsx(sheetData: string | Buffer, opts: { shared?: string[]; declare?: Record<string, number>; flags?: number } = {}): Buffer {
  const sheet =
    typeof sheetData === "string"
      ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`
      : sheetData;
  const files: Record<string, string | Buffer> = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="제안" sheetId="7" r:id="rId9"/><sheet name="other" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="${REL}/worksheet" Target="/xl/worksheets/first.xml"/><Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>`,
    "xl/worksheets/first.xml": sheet,
  };
  if (opts.shared) {
    files["xl/sharedStrings.xml"] = `<sst ${NS} count="${opts.shared.length}">${opts.shared.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
  }
  return zip(files, opts);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).kind).toBe("validation");
  return err as AppError;
}

function syncRefusal(f: () => unknown): AppError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a refusal");
}

const heapGrowth = async (f: () => Promise<unknown>) => {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 1);
  try {
    await f();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().heapUsed) - before;
};

const MB = 1024 * 1024;

describe("XLSX reader", () => {
  it("reads back what exceljs wrote: shared strings, numbers, booleans, rich text, Korean, entities; empty rows keep their numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("제안");
    sheet.addRow(["제목", "분야", "탁자"]);
    sheet.addRow(["청소년 쉼터 & <확대>", "청년문화", 3]);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: "굵은 ", font: { bold: true } }, { text: '"제목"' }] }, true, 2.5]);
    sheet.getCell("B6").value = "  앞뒤 공백  ";
    sheet.getCell("D6").value = { formula: "1+1", result: 2 };
    sheet.getCell("A7").value = "줄\n바꿈";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await Xlsx.rows(bytes, { maxColumns: 32 })).toEqual([
      { n: 1, cells: ["제목", "분야", "탁자"] },
      { n: 2, cells: ["청소년 쉼터 & <확대>", "청년문화", "3"] },
      { n: 4, cells: ['굵은 "제목"', "TRUE", "2.5"] },
      { n: 6, cells: ["", "  앞뒤 공백  ", "", "2"] },
      { n: 7, cells: ["줄\n바꿈"] },
    ]);
  });

  it("reads inline and formula strings (exceljs's streaming writer, no shared strings, data descriptors)", async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = wb.addWorksheet("s");
    sheet.addRow(["제목 & <꺾쇠>", { richText: [{ text: "가" }, { text: "나" }] }, false]).commit();
    sheet.addRow([]).commit();
    sheet.addRow(["셋째 줄"]).commit();
    await wb.commit();
    expect(await Xlsx.rows(Buffer.concat(chunks), { maxColumns: 32 })).toEqual([
      { n: 1, cells: ["제목 & <꺾쇠>", "가나", "FALSE"] },
      { n: 3, cells: ["셋째 줄"] },
    ]);
  });

  it("decodes entities, CDATA, prefixed elements, Excel's _xHHHH_ escapes; skips phonetic runs; takes the first sheet in tab order", async () => {
    const data =
      '<row r="1">' +
      inline("A1", "&#54620;&#xAE00; &amp; &lt;&gt;&quot;&apos; &bogus;") +
      '<c r="B1" t="inlineStr"><is><r><t xml:space="preserve"> 앞 </t></r><r><t><![CDATA[<그대로>]]></t></r><rPh sb="0" eb="1"><t>읽는 법</t></rPh></is></c>' +
      '<c t="s"><v>1</v></c>' + // no reference: the next column
      '<c r="D1" t="str"><v>a_x000D_b_x005F_x000D_</v></c>' +
      '<c r="E1" t="e"><v>#N/A</v></c>' +
      "</row>" +
      '<x:row r="3" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A3"><x:v>007</x:v></x:c></x:row>';
    const bytes = xlsx(data, { shared: ["영", "하나"] });
    expect(await Xlsx.rows(bytes, { maxColumns: 32 })).toEqual([
      { n: 1, cells: ["한글 & <>\"' &bogus;", " 앞 <그대로>", "하나", "a\rb_x000D_", "#N/A"] },
      { n: 3, cells: ["007"] },
    ]);
  });

  it("an XLSX with a cell in column XFD on each of 2,000 rows reads only the known columns, with bounded memory", async () => {
    let data = `<row r="1" spans="1:16384">${inline("A1", "제목")}${inline("B1", "분야")}${inline("XFD1", "끝")}</row>`;
    for (let r = 2; r <= 2001; r++) data += `<row r="${r}" spans="16384:16384"><c r="XFD${r}"><v>${r}</v></c></row>`;
    data += `<row r="2002">${inline("A2002", "제안")}${inline("B2002", "도시건설")}<c r="AF2002"><v>32</v></c><c r="AG2002"><v>33</v></c></row>`;
    const bytes = xlsx(data);
    expect(bytes.length).toBeLessThan(64 * 1024);
    let rows: ProposalImport.SheetRow[] = [];
    const growth = await heapGrowth(async () => (rows = await ProposalImport.readCells("attack.xlsx", bytes)));
    expect(rows).toEqual([
      { n: 1, cells: ["제목", "분야"] },
      { n: 2002, cells: ["제안", "도시건설", ...Array(29).fill(""), "32"] },
    ]);
    expect(growth).toBeLessThan(100 * MB);
  });

  it("a sheet that inflates beyond the budget is file_too_large, whether its header says so or lies", async () => {
    const sheet = Buffer.alloc(Xlsx.MAX_UNCOMPRESSED + MB, 0x20);
    const honest = xlsx(sheet);
    expect(honest.length).toBeLessThan(ProposalImport.MAX_BYTES);
    const lying = xlsx(sheet, { declare: { "xl/worksheets/first.xml": 1000 } });
    for (const bytes of [honest, lying]) {
      const err = await refusal(ProposalImport.readCells("bomb.xlsx", bytes));
      expect(err).toMatchObject({ code: "file_too_large", field: "file" });
      expect(err.messages.ko).toContain("32MB");
      expect(err.messages.en).toContain("32 MB");
    }
  });

  it("more than 5,000 rows is a 400 as soon as row 5,002 is read (what follows is never looked at)", async () => {
    let data = `<row r="1">${inline("A1", "제목")}${inline("B1", "분야")}</row>`;
    for (let r = 2; r <= 5002; r++) data += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    data += '<row r="3"><c r="A3" t="s"><v>99</v></c></row>'; // would be unreadable, were it reached
    const err = await refusal(ProposalImport.readCells("many.xlsx", xlsx(data)));
    expect(err.code).toBe("file_too_many_rows");
    expect(err.messages.ko).toContain("5000줄");

    let ok = `<row r="1">${inline("A1", "제목")}</row>`;
    for (let r = 2; r <= 5001; r++) ok += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    expect(await ProposalImport.readCells("limit.xlsx", xlsx(ok))).toHaveLength(5001);
  });

  it("caps the cells it stores (file_too_many_cells)", async () => {
    const data = Array.from({ length: 11 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    expect(await Xlsx.rows(xlsx(data), { maxColumns: 32, maxCells: 11 })).toHaveLength(11);
    const err = await refusal(Xlsx.rows(xlsx(data), { maxColumns: 32, maxCells: 10 }));
    expect(err).toMatchObject({ code: "file_too_many_cells", field: "file" });
  });

  it("refuses what it cannot read safely, with file_unreadable and a message", async () => {
    const cases: [string, Uint8Array][] = [
      ["not a zip", Buffer.from("PK\x03\x04 but nothing else")],
      ["encrypted", xlsx(`<row r="1">${inline("A1", "x")}</row>`, { flags: 1 })],
      ["doctype", xlsx(Buffer.from(`<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet ${NS}><sheetData/></worksheet>`))],
      ["rows out of order", xlsx(`<row r="2">${inline("A2", "x")}</row><row r="1">${inline("A1", "y")}</row>`)],
      ["cut short", xlsx(Buffer.from(`<worksheet ${NS}><sheetData><row r="1">${inline("A1", "x")}</row>`))],
    ];
    for (const [what, bytes] of cases) {
      const err = await refusal(ProposalImport.readCells(`${what}.xlsx`, bytes));
      expect(err.code, what).toBe("file_unreadable");
      expect(err.messages.ko, what).toMatch(/엑셀|암호/);
    }
    const truncated = xlsx(`<row r="1">${inline("A1", "x")}</row>`).subarray(0, 200);
    expect((await refusal(ProposalImport.readCells("t.xlsx", truncated))).code).toBe("file_unreadable");
  });
});

describe("CSV reader", () => {
  it("a 5 MB CSV of newlines reads as no rows, with bounded memory", async () => {
    const text = "제목,분야\n" + "\n".repeat(ProposalImport.MAX_BYTES - 20);
    const bytes = new TextEncoder().encode(text);
    expect(bytes.byteLength).toBeLessThanOrEqual(ProposalImport.MAX_BYTES);
    let rows: ProposalImport.SheetRow[] = [];
    const growth = await heapGrowth(async () => (rows = await ProposalImport.readCells("newlines.csv", bytes)));
    expect(rows).toEqual([{ n: 1, cells: ["제목", "분야"] }]);
    expect(growth).toBeLessThan(100 * MB);
    expect(await ProposalImport.readCells("blank.csv", new TextEncoder().encode(",,,\r\n".repeat(1_000_000)))).toEqual([]);
  });

  it("an unclosed quote is a 400 naming the row where it opened, not a file one row short", async () => {
    const twoRows = '제목,분야\r\n"청소년 쉼터,청년문화\r\n어르신 쉼터,복지보건\r\n';
    const err = await refusal(ProposalImport.readCells("paper.csv", new TextEncoder().encode(twoRows)));
    expect(err).toMatchObject({ code: "csv_unclosed_quote", field: "file" });
    expect(err.messages.ko).toContain("2번째 줄");
    expect(err.messages.en).toContain("row 2");
    expect(syncRefusal(() => Csv.parse(twoRows)).code).toBe("csv_unclosed_quote");
    // Rows are counted as records: a quoted line break does not shift the numbers.
    expect(syncRefusal(() => Csv.parse('a\n"b\nc",d\n\ne,"f')).messages.en).toContain("row 4");
    const stray = syncRefusal(() => Csv.parse('제목,분야\n"따옴표"뒤,글\n'));
    expect(stray.code).toBe("csv_bad_quote");
    expect(stray.messages.ko).toContain("2번째 줄");
  });

  it("stops at the row limit while reading, and keeps at most the known columns", async () => {
    const many = "제목,분야\n" + "가,도시건설\n".repeat(5001) + '"never closed';
    expect((await refusal(ProposalImport.readCells("many.csv", new TextEncoder().encode(many)))).code).toBe("file_too_many_rows");
    const wide = await ProposalImport.readCells("wide.csv", new TextEncoder().encode(`${Array.from({ length: 40 }, (_, i) => `c${i}`).join(",")}\n`));
    expect(wide[0]!.cells).toHaveLength(32);
    expect(wide[0]!.cells[31]).toBe("c31");
  });

  const cell = fc.string({ unit: fc.constantFrom("가", "a", ",", '"', "\n", "\r", " ", "1"), maxLength: 6 });
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

  /** The table as CSV, quoting the cells that need it (and those in `force`); where each closing quote is. */
  function write(rows: string[][], force: (r: number, c: number) => boolean, eol: string) {
    let text = "";
    const closing: { at: number; row: number }[] = [];
    rows.forEach((row, r) => {
      if (r > 0) text += eol;
      row.forEach((v, c) => {
        if (c > 0) text += ",";
        if (/[",\r\n]/.test(v) || (row.length === 1 && v === "") || force(r, c)) {
          text += `"${v.replace(/"/g, '""')}`;
          closing.push({ at: text.length, row: r + 1 });
          text += '"';
        } else text += v;
      });
    });
    return { text, closing };
  }

  it("property: any table written as CSV reads back the same (blank rows skipped by the bounded reader, numbers kept)", async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.func(fc.boolean()), fc.constantFrom("\r\n", "\n"), fc.boolean(), async (rows, force, eol, trailing) => {
        const { text } = write(rows, (r, c) => force(r, c), eol);
        const csv = trailing ? text + eol : text;
        expect(Csv.parse(csv)).toEqual(rows);
        const read: Csv.Row[] = [];
        await Csv.read(csv, (r) => read.push(r), { maxColumns: 32 });
        expect(read).toEqual(rows.map((cells, i) => ({ n: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== "")));
      }),
    );
  });

  it("property: a dropped closing quote is always reported with a row, never silently merged", () => {
    fc.assert(
      fc.property(table, fc.func(fc.boolean()), fc.nat(), fc.constantFrom("\r\n", "\n"), (rows, force, pick, eol) => {
        const { text, closing } = write(rows, (r, c) => force(r, c) || (r === 0 && c === 0), eol);
        const drop = closing[pick % closing.length]!;
        const broken = text.slice(0, drop.at) + text.slice(drop.at + 1);
        const err = syncRefusal(() => Csv.parse(broken));
        expect(["csv_unclosed_quote", "csv_bad_quote"]).toContain(err.code);
        const row = Number(err.messages.en.match(/row (\d+)/i)?.[1]);
        expect(row).toBeGreaterThanOrEqual(drop.row);
        expect(row).toBeLessThanOrEqual(broken.split(/\r\n|\r|\n/).length);
      }),
    );
  });
});
