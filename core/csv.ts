/**
 * A small RFC 4180 CSV reader: quoted fields with commas, quotes ("") and line breaks inside,
 * CRLF or LF, a UTF-8 byte-order mark. Files saved as CSV by Korean Excel are usually CP949
 * (EUC-KR), not UTF-8: bytes that are not valid UTF-8 are read as EUC-KR instead.
 */
export namespace Csv {
  export function decode(bytes: Uint8Array): string {
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return new TextDecoder("euc-kr").decode(bytes);
    }
  }

  export function parse(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const endField = () => {
      row.push(field);
      field = "";
    };
    const endRow = () => {
      endField();
      rows.push(row);
      row = [];
    };
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"' && field.length === 0) quoted = true;
      else if (ch === ",") endField();
      else if (ch === "\n") endRow();
      else if (ch === "\r") {
        if (text[i + 1] === "\n") i++;
        endRow();
      } else field += ch;
    }
    if (field.length > 0 || row.length > 0) endRow();
    return rows;
  }
}
