import { invalid } from "../shared/errors.js";

/**
 * A small, strict RFC 4180 CSV reader: quoted fields with commas, quotes ("") and line breaks
 * inside, CRLF or LF, a UTF-8 byte-order mark. Files saved as CSV by Korean Excel are usually
 * CP949 (EUC-KR), not UTF-8: bytes that are not valid UTF-8 are read as EUC-KR instead.
 *
 * Strict, because a lenient reader loses rows without a word: after an unclosed quote the rest
 * of the file becomes one cell. Here a quote may only open a field and close it (followed by a
 * comma, a line break or the end), so a file with any quote missing or stray is an error naming
 * its row: every file read without error has an even number of quotes.
 */
export namespace Csv {
  /** A record that has something in it: its number in the file (from 1) and its first fields. */
  export interface Row {
    n: number;
    cells: string[];
  }

  export function decode(bytes: Uint8Array): string {
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return new TextDecoder("euc-kr").decode(bytes);
    }
  }

  /** Every record, blank ones included, all fields: for small inputs. */
  export function parse(text: string): string[][] {
    const out: string[][] = [];
    for (const r of records(text, Infinity, false)) if (r) out.push(r.cells);
    return out;
  }

  /**
   * The bounded reader for uploads: calls onRow for each record with a non-blank field (blank
   * records are skipped but keep their numbers), with at most maxColumns fields, and gives the
   * event loop a turn every 64K characters. An error thrown by onRow stops reading.
   */
  export async function read(text: string, onRow: (row: Row) => void, opts: { maxColumns: number }): Promise<void> {
    for (const r of records(text, opts.maxColumns, true)) {
      if (r) onRow(r);
      else await new Promise<void>((res) => setImmediate(res));
    }
  }

  const QUOTE = 0x22;
  const COMMA = 0x2c;
  const CR = 0x0d;
  const LF = 0x0a;
  const PAUSE_CHARS = 64 * 1024;

  const unclosed = (n: number) =>
    invalid(
      "csv_unclosed_quote",
      "file",
      `${n}번째 줄에서 연 따옴표(")가 닫히지 않았습니다. 이대로 읽으면 그 뒤의 줄이 모두 한 칸에 합쳐져 사라지므로 아무것도 가져오지 않았습니다. 따옴표를 닫거나 지운 뒤 다시 올려 주세요.`,
      `The quote (") opened in row ${n} is never closed: everything after it would run together into one cell and rows would be lost, so nothing was read. Close or remove the quote and upload again.`,
    );
  const stray = (n: number) =>
    invalid(
      "csv_bad_quote",
      "file",
      `${n}번째 줄의 따옴표(")가 맞지 않습니다. 따옴표가 든 칸은 칸 전체를 따옴표로 감싸고 안의 따옴표는 두 번("") 써야 합니다 (엑셀에서 CSV로 저장하면 그렇게 됩니다). 고친 뒤 다시 올려 주세요.`,
      `Row ${n} has a quote (") out of place: a cell with quotes in it must be wrapped in quotes, with each quote inside doubled ("") — as Excel saves CSV. Fix it and upload again.`,
    );

  /** Records in order; null now and then, where an async reader may pause. */
  function* records(text: string, maxColumns: number, skipBlank: boolean): Generator<Row | null> {
    const len = text.length;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let n = 0;
    let pauseAt = i + PAUSE_CHARS;
    while (i < len) {
      n++;
      if (i >= pauseAt) {
        yield null;
        pauseAt = i + PAUSE_CHARS;
      }
      let c = text.charCodeAt(i);
      if (skipBlank && (c === LF || c === CR)) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        continue;
      }
      const cells: string[] = [];
      let blank = true;
      for (let col = 0; ; col++) {
        const keep = col < maxColumns;
        let value = "";
        if (text.charCodeAt(i) === QUOTE) {
          let from = i + 1;
          for (;;) {
            const q = text.indexOf('"', from);
            if (q < 0) throw unclosed(n);
            if (text.charCodeAt(q + 1) === QUOTE) {
              if (keep) value += text.slice(from, q + 1);
              from = q + 2;
              continue;
            }
            if (keep) value += text.slice(from, q);
            i = q + 1;
            break;
          }
          c = text.charCodeAt(i);
          if (i < len && c !== COMMA && c !== LF && c !== CR) throw stray(n);
        } else {
          let j = i;
          for (; j < len; j++) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE) throw stray(n);
          }
          if (keep) value = text.slice(i, j);
          i = j;
        }
        if (keep) {
          cells.push(value);
          if (blank && value.trim() !== "") blank = false;
        }
        if (i >= len) break;
        c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          if (i >= pauseAt) {
            yield null;
            pauseAt = i + PAUSE_CHARS;
          }
          continue;
        }
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        break;
      }
      if (!(skipBlank && blank)) yield { n, cells };
    }
  }
}
