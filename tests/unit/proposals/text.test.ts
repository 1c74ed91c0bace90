import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Csv } from "../../../core/proposals/csv.js";
import { Receipt } from "../../../core/proposals/receipt.js";
import { Search } from "../../../core/proposals/search.js";
import { Verification } from "../../../core/voting/verification.js";

process.env.GONGNON_HMAC_KEY ??= "unit-test-key-unit-test-key-unit-test-key";

describe("Korean search", () => {
  const doc = (title: string, body = "") => ({ title: Search.normalise(title), text: Search.normalise(`${title}\n${body}`) });

  it("finds words inside compound words and across inconsistent spacing", () => {
    expect(Search.score(Search.terms("청소년"), doc("청소년여가문화공간 조성"))).toBe(2);
    expect(Search.score(Search.terms("여가 문화"), doc("청소년여가문화공간"))).toBe(2);
    expect(Search.score(Search.terms("여가문화"), doc("어르신 여가 문화 프로그램"))).toBe(2);
    expect(Search.score(Search.terms("공간"), doc("제목", "작은 공간을 만들어 주세요"))).toBe(1);
    expect(Search.score(Search.terms("청소년 지하철"), doc("청소년여가문화공간"))).toBe(0);
  });

  it("normalises width and case (NFKC): full-width and upper-case letters match", () => {
    expect(Search.score(Search.terms("ＷＩＦＩ"), doc("공공 wifi 확대"))).toBe(2);
    expect(Search.terms("  ")).toEqual([]);
    expect(Search.score([], doc("무엇이든"))).toBe(1);
  });
});

describe("receipt codes", () => {
  it("are 12 unambiguous characters, unique, and parse back from sloppy typing", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = Receipt.generate();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      seen.add(code);
      expect(Receipt.parse(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    }
    expect(seen.size).toBe(2000);
    expect(Receipt.parse("O0IL-0000-0000")).toBe("0011-0000-0000");
    expect(Receipt.parse("short")).toBeUndefined();
    expect(Receipt.parse("UUUU-UUUU-UUUU")).toBeUndefined();
    expect(() => Receipt.mustParse("x")).toThrow(/receipt|접수번호/);
    expect(Receipt.derive("job:2")).toBe(Receipt.derive("job:2"));
    expect(Receipt.derive("job:2")).not.toBe(Receipt.derive("job:3"));
  });
});

describe("CSV", () => {
  it("reads quotes, commas and line breaks inside fields, CRLF and a BOM", () => {
    expect(Csv.parse('\ufeff제목,내용\r\n"가, 나","줄\n바꿈 ""인용"""\r\n다,\n')).toEqual([
      ["제목", "내용"],
      ["가, 나", '줄\n바꿈 "인용"'],
      ["다", ""],
    ]);
  });

  it("round-trips any table of strings written the RFC 4180 way", () => {
    const cell = fc.string({ unit: fc.constantFrom("가", "a", ",", '"', "\n", " ", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ""));
        const text = table.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n");
        expect(Csv.parse(text)).toEqual(table);
      }),
    );
  });

  it("decodes CP949 (Korean Excel's CSV) as well as UTF-8", () => {
    expect(Csv.decode(new Uint8Array(Buffer.from("c1a6b8f1", "hex")))).toBe("제목");
    expect(Csv.decode(new TextEncoder().encode("제목"))).toBe("제목");
  });
});

describe("voter tokens", () => {
  // Their signature and expiry; the deny-list of given-up tokens is tested through the API (tests/api/security.test.ts).
  it("vouch for the person until they expire; a changed byte or a past expiry counts for nothing", () => {
    const { token } = Verification.voterToken("person-hash", 1_000);
    expect(Verification.signedVoter(token, 1_000)).toBe("person-hash");
    expect(Verification.signedVoter(token, 1_000 + Verification.VOTER_TOKEN_S)).toBeUndefined();
    const [p, exp, sig] = token.split(".");
    expect(Verification.signedVoter(`other.${exp}.${sig}`, 1_000)).toBeUndefined();
    expect(Verification.signedVoter(`${p}.${Number(exp) + 999}.${sig}`, 1_000)).toBeUndefined();
    expect(Verification.signedVoter("garbage", 1_000)).toBeUndefined();
    expect(Verification.signedVoter(undefined)).toBeUndefined();
  });
});
