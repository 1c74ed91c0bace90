import { promisify } from "node:util";
import { crc32, inflateRaw } from "node:zlib";
import { invalid } from "../shared/errors.js";

/**
 * A bounded, row-by-row reader of the first worksheet of an .xlsx file, on node:zlib alone.
 * General spreadsheet libraries materialise every cell of the used range (one cell in column XFD
 * makes 16,384 per row) and inflate whatever a ZIP header claims; this reader inflates only the
 * parts it needs, within a total uncompressed budget, keeps only the first columns, and gives the
 * event loop back every few hundred rows so that one upload cannot stall the other requests.
 */
export namespace Xlsx {
  export const MAX_UNCOMPRESSED = 32 * 1024 * 1024;
  export const MAX_CELLS = 200_000;
  export const MAX_SHARED_STRINGS = 1_000_000;

  /** A row that has something in it: its number in the sheet (from 1) and its first columns. */
  export interface Row {
    n: number;
    cells: string[];
  }

  export interface Options {
    /** Cells in this column (0-based) or further right are skipped without being stored. */
    maxColumns: number;
    maxCells?: number;
    maxUncompressed?: number;
  }

  /** Calls onRow for each row with a non-blank cell, in order; an error thrown by onRow stops reading. */
  export async function read(bytes: Uint8Array, onRow: (row: Row) => void, opts: Options): Promise<void> {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const zip = new Zip(buf, opts.maxUncompressed ?? MAX_UNCOMPRESSED);
    const rootRels = zip.has("_rels/.rels") ? await relationships(await zip.inflate("_rels/.rels")) : new Map<string, Rel>();
    const docRel = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"));
    const workbookPart = docRel ? resolvePart("", docRel.target) : "xl/workbook.xml";
    if (!zip.has(workbookPart)) throw unreadable("no workbook part", "통합 문서가 없음");
    const firstSheetId = await firstSheet(await zip.inflate(workbookPart));
    if (firstSheetId === undefined) throw invalid("file_empty", "file", "엑셀 파일에 시트가 없습니다.", "The spreadsheet has no sheet.");
    const dir = workbookPart.slice(0, workbookPart.lastIndexOf("/") + 1);
    const relsPart = `${dir}_rels/${workbookPart.slice(dir.length)}.rels`;
    const rels = zip.has(relsPart) ? await relationships(await zip.inflate(relsPart)) : new Map<string, Rel>();
    const sheetRel = rels.get(firstSheetId);
    if (!sheetRel) throw unreadable("the first sheet has no part", "첫 시트를 찾을 수 없음");
    if (!sheetRel.type.endsWith("/worksheet")) {
      throw invalid(
        "file_unreadable",
        "file",
        "첫 번째 시트가 표가 아닙니다 (차트 시트 등). 가져올 표를 첫 번째 시트에 두고 다시 저장해 올려 주세요.",
        "The first sheet is not a worksheet (a chart sheet, for instance); put the table to import first and save again.",
      );
    }
    const sheetPart = resolvePart(dir, sheetRel.target);
    if (!zip.has(sheetPart)) throw unreadable("the first sheet's part is missing", "첫 시트의 내용이 없음");
    const ssRel = [...rels.values()].find((r) => r.type.endsWith("/sharedStrings"));
    const ssPart = ssRel ? resolvePart(dir, ssRel.target) : `${dir}sharedStrings.xml`;
    const strings = zip.has(ssPart) ? await sharedStrings(await zip.inflate(ssPart)) : [];
    await sheetRows(await zip.inflate(sheetPart), strings, onRow, opts.maxColumns, opts.maxCells ?? MAX_CELLS);
  }

  /** All rows at once (see read). */
  export async function rows(bytes: Uint8Array, opts: Options): Promise<Row[]> {
    const out: Row[] = [];
    await read(bytes, (r) => out.push(r), opts);
    return out;
  }

  const unreadable = (en: string, ko: string) =>
    invalid(
      "file_unreadable",
      "file",
      `엑셀 파일을 읽을 수 없습니다 (${ko}). xlsx 형식인지 확인하고, 엑셀에서 다시 저장해 올려 주세요.`,
      `The spreadsheet cannot be read (${en}); check that it is an .xlsx file, or save it again from Excel.`,
    );
  const tooLarge = (max: number) =>
    invalid(
      "file_too_large",
      "file",
      `엑셀 파일의 압축을 풀면 너무 큽니다 (풀린 내용 ${Math.round(max / 1024 / 1024)}MB까지). 나누어 올려 주세요.`,
      `The spreadsheet is too large once uncompressed (${Math.round(max / 1024 / 1024)} MB at most); split it.`,
    );
  const tooManyCells = (max: number) =>
    invalid(
      "file_too_many_cells",
      "file",
      `엑셀 파일에 칸이 너무 많습니다 (${max}칸까지). 가져올 표만 새 파일에 담거나 나누어 올려 주세요.`,
      `The spreadsheet has too many cells (${max} at most); copy just the table to import into a new file, or split it.`,
    );

  const pause = () => new Promise<void>((r) => setImmediate(r));
  /** Bytes of XML and rows read between two pauses. */
  const PAUSE_BYTES = 256 * 1024;
  const PAUSE_ROWS = 256;

  // ---- ZIP ---------------------------------------------------------------------------------

  const inflateRawAsync = promisify(inflateRaw);

  interface Entry {
    flags: number;
    method: number;
    crc: number;
    compressed: number;
    size: number;
    offset: number;
  }

  /** The central directory of a ZIP archive; parts are inflated on demand, against one budget. */
  class Zip {
    private readonly entries = new Map<string, Entry>();

    private readonly max: number;

    constructor(
      private readonly buf: Buffer,
      private left: number,
    ) {
      this.max = left;
      const eocd = this.endOfDirectory();
      const u16 = (p: number) => buf.readUInt16LE(p);
      const u32 = (p: number) => buf.readUInt32LE(p);
      const total = u16(eocd + 10);
      const size = u32(eocd + 12);
      const offset = u32(eocd + 16);
      if (total === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw unreadable("ZIP64 archives are not supported", "ZIP64 형식");
      if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== total) throw unreadable("a multi-part archive", "여러 조각으로 나뉜 압축 파일");
      if (offset + size > eocd) throw unreadable("a broken ZIP directory", "압축 목록이 손상됨");
      let p = offset;
      for (let k = 0; k < total; k++) {
        if (p + 46 > eocd || u32(p) !== 0x02014b50) throw unreadable("a broken ZIP directory", "압축 목록이 손상됨");
        const flags = u16(p + 8);
        const nameLen = u16(p + 28);
        const end = p + 46 + nameLen + u16(p + 30) + u16(p + 32);
        if (end > eocd) throw unreadable("a broken ZIP directory", "압축 목록이 손상됨");
        const name = buf.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen).toLowerCase();
        const entry: Entry = { flags, method: u16(p + 10), crc: u32(p + 16), compressed: u32(p + 20), size: u32(p + 24), offset: u32(p + 42) };
        if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.offset === 0xffffffff) {
          throw unreadable("ZIP64 archives are not supported", "ZIP64 형식");
        }
        // Two entries of one name would let two readers see two different files.
        if (this.entries.has(name)) throw unreadable(`two entries named ${name}`, "같은 이름의 항목이 두 개");
        this.entries.set(name, entry);
        p = end;
      }
    }

    private endOfDirectory(): number {
      const buf = this.buf;
      // The record is 22 bytes plus a comment of up to 65,535; a comment may contain the signature.
      for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
        if (buf.readUInt32LE(p) === 0x06054b50 && p + 22 + buf.readUInt16LE(p + 20) === buf.length) return p;
      }
      throw unreadable("not a ZIP archive", "압축 형식이 아님");
    }

    has(name: string): boolean {
      return this.entries.has(name.toLowerCase());
    }

    async inflate(name: string): Promise<Buffer> {
      const e = this.entries.get(name.toLowerCase())!;
      if (e.flags & 0x41) {
        throw invalid(
          "file_unreadable",
          "file",
          "암호가 걸린 파일은 읽을 수 없습니다. 암호를 풀고 다시 저장해 올려 주세요.",
          "The spreadsheet is encrypted; remove the password and save it again.",
        );
      }
      if (e.size > this.left) throw tooLarge(this.max);
      const buf = this.buf;
      const p = e.offset;
      if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw unreadable("a broken ZIP entry", "압축 항목이 손상됨");
      const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
      if (start + e.compressed > buf.length) throw unreadable("a broken ZIP entry", "압축 항목이 손상됨");
      const data = buf.subarray(start, start + e.compressed);
      let out: Buffer;
      if (e.method === 0) out = data;
      else if (e.method === 8) {
        try {
          // The declared size may lie: the inflater itself stops at what is left of the budget.
          out = await inflateRawAsync(data, { maxOutputLength: Math.max(1, this.left) });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(this.max);
          throw unreadable("a damaged ZIP entry", "압축 항목이 손상됨");
        }
      } else throw unreadable(`compression method ${e.method}`, "지원하지 않는 압축 방식");
      if (out.length > this.left) throw tooLarge(this.max);
      if (out.length !== e.size || crc32(out) >>> 0 !== e.crc) throw unreadable("a damaged ZIP entry", "압축 항목이 손상됨");
      this.left -= out.length;
      return out;
    }
  }

  function resolvePart(base: string, target: string): string {
    let t = target;
    try {
      t = decodeURIComponent(target);
    } catch {
      /* keep it as written */
    }
    const segs: string[] = [];
    for (const s of (t.startsWith("/") ? t.slice(1) : base + t).split("/")) {
      if (s === "..") segs.pop();
      else if (s !== "." && s !== "") segs.push(s);
    }
    return segs.join("/");
  }

  // ---- XML ---------------------------------------------------------------------------------

  const END = 0;
  const OPEN = 1;
  const CLOSE = 2;
  const TEXT = 3;
  const CDATA = 4;

  const LT = 0x3c;
  const GT = 0x3e;
  const SLASH = 0x2f;
  const EQ = 0x3d;
  const COLON = 0x3a;
  const DQ = 0x22;
  const SQ = 0x27;

  /** A pull tokenizer over UTF-8 XML bytes: element tags (by local name), text and CDATA. */
  class Xml {
    pos = 0;
    /** Local name (without prefix) of the last tag. */
    name = "";
    selfClosing = false;
    /** The last tag's bytes, or the last text's. */
    start = 0;
    end = 0;

    private pauseAt = PAUSE_BYTES;

    constructor(readonly x: Buffer) {}

    /** True once every PAUSE_BYTES of XML: time to give the event loop a turn. */
    due(): boolean {
      if (this.pos < this.pauseAt) return false;
      this.pauseAt = this.pos + PAUSE_BYTES;
      return true;
    }

    next(): number {
      const x = this.x;
      const len = x.length;
      for (;;) {
        const p = this.pos;
        if (p >= len) return END;
        if (x[p] !== LT) {
          const q = x.indexOf(LT, p);
          this.start = p;
          this.end = this.pos = q < 0 ? len : q;
          return TEXT;
        }
        const c = x[p + 1];
        if (c === 0x21) {
          if (x.toString("latin1", p, p + 4) === "<!--") {
            const q = x.indexOf("-->", p + 4);
            if (q < 0) throw unreadable("broken XML", "XML이 손상됨");
            this.pos = q + 3;
            continue;
          }
          if (x.toString("latin1", p, p + 9) === "<![CDATA[") {
            const q = x.indexOf("]]>", p + 9);
            if (q < 0) throw unreadable("broken XML", "XML이 손상됨");
            this.start = p + 9;
            this.end = q;
            this.pos = q + 3;
            return CDATA;
          }
          // A DOCTYPE: Excel never writes one, and entities it would declare are not to be expanded.
          throw unreadable("XML with a DOCTYPE", "XML 문서 형식 선언이 있음");
        }
        if (c === 0x3f) {
          const q = x.indexOf("?>", p + 2);
          if (q < 0) throw unreadable("broken XML", "XML이 손상됨");
          this.pos = q + 2;
          continue;
        }
        const close = c === SLASH;
        let i = close ? p + 2 : p + 1;
        let nameStart = i;
        while (i < len) {
          const b = x[i]!;
          if (b === GT || b === SLASH || b <= 0x20) break;
          if (b === COLON) nameStart = i + 1;
          i++;
        }
        this.name = x.toString("latin1", nameStart, i);
        let quote = 0;
        for (; i < len; i++) {
          const b = x[i]!;
          if (quote) {
            if (b === quote) quote = 0;
          } else if (b === DQ || b === SQ) quote = b;
          else if (b === GT) break;
        }
        if (i >= len) throw unreadable("broken XML", "XML이 손상됨");
        this.start = p;
        this.end = this.pos = i + 1;
        this.selfClosing = !close && x[i - 1] === SLASH;
        return close ? CLOSE : OPEN;
      }
    }

    /** An attribute of the last opening tag, by local name (so "id" finds r:id, not sheetId). */
    attr(local: string): string | undefined {
      const x = this.x;
      const end = this.end - 1;
      let i = this.start + 1;
      while (i < end && x[i]! > 0x20 && x[i] !== SLASH) i++;
      for (;;) {
        while (i < end && x[i]! <= 0x20) i++;
        if (i >= end || x[i] === SLASH) return undefined;
        let nameStart = i;
        while (i < end && x[i] !== EQ && x[i]! > 0x20) {
          if (x[i] === COLON) nameStart = i + 1;
          i++;
        }
        const nameEnd = i;
        while (i < end && x[i]! <= 0x20) i++;
        if (x[i] !== EQ) return undefined;
        i++;
        while (i < end && x[i]! <= 0x20) i++;
        const q = x[i];
        if (q !== DQ && q !== SQ) return undefined;
        const v = x.indexOf(q, i + 1);
        if (v < 0 || v > end) return undefined;
        if (nameEnd - nameStart === local.length && x.toString("latin1", nameStart, nameEnd) === local) return text(x, i + 1, v);
        i = v + 1;
      }
    }

    text(): string {
      return text(this.x, this.start, this.end);
    }

    cdata(): string {
      return this.x.toString("utf8", this.start, this.end);
    }
  }

  const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
  const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

  function text(x: Buffer, a: number, b: number): string {
    let s = x.toString("utf8", a, b);
    if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
    if (s.includes("&")) {
      s = s.replace(ENTITY, (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
        if (name) return NAMED[name]!;
        const cp = hex ? parseInt(hex, 16) : Number(dec);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      });
    }
    return s;
  }

  /** Excel writes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x). */
  const unescape = (s: string) => (s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

  interface Rel {
    type: string;
    target: string;
  }

  async function relationships(x: Buffer): Promise<Map<string, Rel>> {
    const out = new Map<string, Rel>();
    const t = new Xml(x);
    for (let k = t.next(); k !== END; k = t.next()) {
      if (t.due()) await pause();
      if (k !== OPEN || t.name !== "Relationship") continue;
      const id = t.attr("Id");
      const target = t.attr("Target");
      if (id === undefined || target === undefined || t.attr("TargetMode") === "External") continue;
      out.set(id, { type: t.attr("Type") ?? "", target });
    }
    return out;
  }

  /** The relationship id of the first sheet in the workbook's tab order. */
  async function firstSheet(x: Buffer): Promise<string | undefined> {
    const t = new Xml(x);
    let inSheets = false;
    for (let k = t.next(); k !== END; k = t.next()) {
      if (t.due()) await pause();
      if (k === OPEN && t.name === "sheets") inSheets = true;
      else if (k === CLOSE && t.name === "sheets") return undefined;
      else if (inSheets && k === OPEN && t.name === "sheet") return t.attr("id");
    }
    return undefined;
  }

  /** The shared string table: each <si>'s text runs, without phonetic guides (<rPh>). */
  async function sharedStrings(x: Buffer): Promise<string[]> {
    const out: string[] = [];
    const t = new Xml(x);
    let value = "";
    let inSi = false;
    let inPh = false;
    let capture = false;
    for (let k = t.next(); k !== END; k = t.next()) {
      if (t.due()) await pause();
      if (k === TEXT || k === CDATA) {
        if (capture) value += k === TEXT ? t.text() : t.cdata();
        continue;
      }
      const name = t.name;
      if (k === OPEN) {
        if (name === "si") {
          if (out.length >= MAX_SHARED_STRINGS) throw tooManyCells(MAX_SHARED_STRINGS);
          if (t.selfClosing) out.push("");
          else {
            inSi = true;
            value = "";
          }
        } else if (name === "rPh") inPh = !t.selfClosing;
        else if (name === "t" && inSi && !inPh && !t.selfClosing) capture = true;
      } else if (name === "t") capture = false;
      else if (name === "rPh") inPh = false;
      else if (name === "si" && inSi) {
        out.push(unescape(value));
        inSi = false;
      }
    }
    return out;
  }

  function rowNumber(r: string): number {
    const n = /^[0-9]{1,7}$/.test(r) ? Number(r) : NaN;
    if (!(n >= 1 && n <= 1_048_576)) throw unreadable(`row number ${r}`, `줄 번호 ${r}`);
    return n;
  }

  /** 0-based column of a cell reference ("B3" → 1); anything past XFD counts as far right. */
  function columnOf(ref: string): number {
    let c = 0;
    let i = 0;
    for (; i < ref.length; i++) {
      const ch = ref.charCodeAt(i) & ~0x20;
      if (ch < 65 || ch > 90) break;
      if (c <= 16384) c = c * 26 + (ch - 64);
    }
    if (i === 0) throw unreadable(`cell reference ${ref}`, `칸 주소 ${ref}`);
    return c - 1;
  }

  function cellText(type: string, v: string, strings: string[]): string {
    switch (type) {
      case "s": {
        if (v.trim() === "") return "";
        const i = Number(v);
        if (!Number.isInteger(i) || i < 0 || i >= strings.length) throw unreadable(`shared string ${v}`, "공유 문자열 번호가 잘못됨");
        return strings[i]!;
      }
      case "b":
        return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
      case "str":
      case "inlineStr":
        return unescape(v);
      default:
        return v;
    }
  }

  async function sheetRows(x: Buffer, strings: string[], onRow: (row: Row) => void, maxColumns: number, maxCells: number): Promise<void> {
    const t = new Xml(x);
    let inData = false;
    let rowN = 0;
    let lastCol = -1;
    let cells: string[] = [];
    let width = 0;
    /** The column of the cell being read, or -1 when it is skipped. */
    let col = -1;
    let type = "";
    let value = "";
    let capture = false;
    let inIs = false;
    let inPh = false;
    let stored = 0;
    let rowsSincePause = 0;
    const endRow = () => {
      if (width === 0) return;
      const out = Array.from({ length: width }, (_, i) => cells[i] ?? "");
      if (out.some((c) => c.trim() !== "")) onRow({ n: rowN, cells: out });
    };
    for (let k = t.next(); k !== END; k = t.next()) {
      if (rowsSincePause >= PAUSE_ROWS || t.due()) {
        await pause();
        rowsSincePause = 0;
      }
      if (k === TEXT || k === CDATA) {
        if (capture) value += k === TEXT ? t.text() : t.cdata();
        continue;
      }
      const name = t.name;
      if (!inData) {
        if (k === OPEN && name === "sheetData") {
          if (t.selfClosing) return;
          inData = true;
        }
        continue;
      }
      if (k === OPEN) {
        switch (name) {
          case "row": {
            const r = t.attr("r");
            const n = r === undefined ? rowN + 1 : rowNumber(r);
            // Row numbers name rows in the preview, so they must mean what the sheet says.
            if (n <= rowN) throw unreadable(`row ${n} after row ${rowN}`, `${n}번째 줄이 ${rowN}번째 줄 뒤에 있음`);
            rowN = n;
            lastCol = -1;
            cells = [];
            width = 0;
            rowsSincePause++;
            break;
          }
          case "c": {
            const r = t.attr("r");
            const c = r === undefined ? lastCol + 1 : columnOf(r);
            lastCol = c;
            col = c < maxColumns && !t.selfClosing ? c : -1;
            if (col >= 0) {
              type = t.attr("t") ?? "n";
              value = "";
            }
            break;
          }
          case "v":
            if (col >= 0 && !t.selfClosing) {
              capture = true;
              value = "";
            }
            break;
          case "is":
            inIs = col >= 0 && !t.selfClosing;
            break;
          case "rPh":
            inPh = !t.selfClosing;
            break;
          case "t":
            if (col >= 0 && inIs && !inPh && !t.selfClosing) capture = true;
            break;
        }
      } else {
        switch (name) {
          case "v":
          case "t":
            capture = false;
            break;
          case "rPh":
            inPh = false;
            break;
          case "is":
            inIs = false;
            break;
          case "c":
            if (col >= 0) {
              const s = cellText(type, value, strings);
              if (s !== "") {
                if (++stored > maxCells) throw tooManyCells(maxCells);
                cells[col] = s;
                if (col >= width) width = col + 1;
              }
              col = -1;
            }
            capture = false;
            inIs = false;
            break;
          case "row":
            endRow();
            width = 0;
            break;
          case "sheetData":
            return;
        }
      }
    }
    if (inData) throw unreadable("the sheet ends early", "시트가 중간에 끊김");
  }
}
