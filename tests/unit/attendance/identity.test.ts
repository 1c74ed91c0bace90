import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { setHmacKeyProvider } from "../../../core/shared/config.js";
import { AppError } from "../../../core/shared/errors.js";
import { Identity } from "../../../core/attendance/identity.js";

beforeAll(() => setHmacKeyProvider(() => randomBytes(32)));

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error("expected an error");
};

describe("mobile numbers", () => {
  it.each([
    "010-1234-5678",
    "010 1234 5678",
    "01012345678",
    "+82 10-1234-5678",
    "82-10-1234-5678",
    "+821012345678",
    "+82 010-1234-5678",
    " 010.1234.5678 ",
    "(010) 1234-5678",
    "０１０-１２３４-５６７８",
  ])("%s is 01012345678", (raw) => {
    expect(Identity.normalisePhone(raw)).toBe("01012345678");
  });

  it("accepts legacy 01x numbers with 10 digits", () => {
    expect(Identity.normalisePhone("011-234-5678")).toBe("0112345678");
  });

  it.each([
    ["010-1234-567", "phone_wrong_length"],
    ["010-1234-56789", "phone_wrong_length"],
    ["02-123-4567", "phone_not_mobile"],
    ["010-abcd-5678", "phone_invalid_characters"],
    ["+1 415 555 0100", "phone_not_korean"],
    ["010+1234-5678", "phone_invalid_plus"],
    ["", "phone_required"],
    ["   ", "phone_required"],
  ])("%s is refused (%s) with a message naming the field", (raw, code) => {
    expect(codeOf(() => Identity.normalisePhone(raw))).toBe(code);
    try {
      Identity.normalisePhone(raw);
    } catch (err) {
      expect((err as AppError).field).toBe("phone");
      expect((err as AppError).kind).toBe("validation");
      expect((err as AppError).messages.ko.length).toBeGreaterThan(5);
    }
  });

  it("never echoes the number in its error message", () => {
    try {
      Identity.normalisePhone("010-9876-543");
    } catch (err) {
      expect(JSON.stringify((err as AppError).messages)).not.toContain("9876");
    }
  });
});

describe("name and birth date", () => {
  it("is NFC, case and whitespace insensitive", () => {
    const nfd = "홍길동".normalize("NFD");
    expect(nfd).not.toBe("홍길동");
    const a = Identity.normalise({ name: ` ${nfd} `, birthDate: "1990-01-31" });
    const b = Identity.normalise({ name: "홍 길동", birthDate: "19900131" });
    expect(a).toBe(b);
    expect(Identity.normalise({ name: "Kim  Min Jun", birthDate: "1990.1.31" })).toBe(
      Identity.normalise({ name: "kimminjun", birthDate: "1990-01-31" }),
    );
  });

  it.each([
    ["1990-02-30", "birth_date_not_a_date"],
    ["2023-13-01", "birth_date_not_a_date"],
    ["1899-12-31", "birth_date_out_of_range"],
    ["2999-01-01", "birth_date_out_of_range"],
    ["31/01/1990", "birth_date_format"],
    ["yesterday", "birth_date_format"],
  ])("%s is refused (%s)", (raw, code) => {
    expect(codeOf(() => Identity.normaliseBirthDate(raw))).toBe(code);
  });

  it("accepts 29 February in a leap year only", () => {
    expect(Identity.normaliseBirthDate("2000-02-29")).toBe("2000-02-29");
    expect(codeOf(() => Identity.normaliseBirthDate("2001-02-29"))).toBe("birth_date_not_a_date");
  });

  it("a phone and a name are different kinds of identifier", () => {
    expect(Identity.normalise({ phone: "010-1234-5678" })).toBe("phone:01012345678");
    expect(Identity.normalise({ name: "a", birthDate: "2000-01-01" })).toBe("name:a|2000-01-01");
  });
});

describe("the input schema", () => {
  it("takes a phone, or name + birth date, not both, not half", () => {
    expect(Identity.Input.safeParse({ phone: "010" }).success).toBe(true);
    expect(Identity.Input.safeParse({ name: "a", birthDate: "2000-01-01" }).success).toBe(true);
    expect(Identity.Input.safeParse({ phone: "010", name: "a", birthDate: "2000-01-01" }).success).toBe(false);
    expect(Identity.Input.safeParse({ name: "a" }).success).toBe(false);
    expect(Identity.Input.safeParse({}).success).toBe(false);
    expect(Identity.Input.safeParse({ phone: "010", extra: 1 }).success).toBe(false);
  });
});

describe("hashing", () => {
  it("is HMAC-SHA256 under the key: stable, keyed, and not the identifier", async () => {
    const { createHmac } = await import("node:crypto");
    const key = randomBytes(32);
    setHmacKeyProvider(() => key);
    const h = Identity.of({ phone: "010-1234-5678" });
    expect(h).toBe(createHmac("sha256", key).update("phone:01012345678").digest("base64url"));
    expect(Identity.of({ phone: "+82 10 1234 5678" })).toBe(h);
    expect(h).not.toContain("1234");
    setHmacKeyProvider(() => randomBytes(32));
    expect(Identity.of({ phone: "010-1234-5678" })).not.toBe(h);
  });

  it("refuses a short key", () => {
    setHmacKeyProvider(() => "short");
    expect(() => Identity.of({ phone: "010-1234-5678" })).toThrow(/at least 32 bytes/);
    setHmacKeyProvider(() => randomBytes(32));
  });
});

describe("one person is one person however the name is typed", () => {
  // Invisible characters a keyboard, a copy-paste or an attacker can slip into a name.
  const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u3164", "\u115f", "\u1160", "\u180e", "\u2061", "\u200e", "\u200f", "\u034f"];
  // Compatibility jamo and the conjoining jamo NFKC maps them to.
  const JAMO: [string, string][] = [
    ["\u3131", "\u1100"],
    ["\u3134", "\u1102"],
    ["\u3137", "\u1103"],
    ["\u314f", "\u1161"],
  ];
  const fullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
  const latin = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'.");
  const jamo = fc.constantFrom(...JAMO.map(([compat]) => compat));
  const name = fc.array(fc.oneof(syllable, syllable, latin, jamo), { minLength: 1, maxLength: 12 }).map((a) => a.join(""));

  /** The same name, typed another way: invisible characters anywhere, full-width Latin, conjoining jamo, case, spaces. */
  const variant = (base: string) =>
    fc
      .record({
        inserts: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE, " ", "\u3000", "\t")), { maxLength: 6 }),
        wide: fc.boolean(),
        conjoining: fc.boolean(),
        upper: fc.boolean(),
      })
      .map(({ inserts, wide, conjoining, upper }) => {
        let s = upper ? base.toUpperCase() : base.toLowerCase();
        if (conjoining) for (const [compat, conj] of JAMO) s = s.split(compat).join(conj);
        if (wide) s = fullWidth(s);
        const chars = [...s];
        for (const [at, ch] of inserts) chars.splice(at % (chars.length + 1), 0, ch);
        return chars.join("");
      });

  it("any name and its variants map to one identity", () => {
    fc.assert(
      fc.property(
        name.chain((n) => fc.tuple(fc.constant(n), variant(n))),
        ([n, v]) => {
          expect(Identity.of({ name: v, birthDate: "1980-05-05" })).toBe(Identity.of({ name: n, birthDate: "1980-05-05" }));
        },
      ),
      { numRuns: 500, seed: 20231201 },
    );
  });

  it.each([
    ["zero-width space", "이\u200b영희"],
    ["soft hyphen", "이영\u00ad희"],
    ["Hangul filler", "이영희\u3164"],
    ["byte-order mark", "\ufeff이영희"],
  ])("%s: the same person as 이영희", (_what, typed) => {
    expect(Identity.normaliseName(typed)).toBe(Identity.normaliseName("이영희"));
  });

  it("compatibility jamo and full-width Latin are the letters they stand for", () => {
    expect(Identity.normaliseName("\u3131")).toBe(Identity.normaliseName("\u1100"));
    expect(Identity.normaliseName("ｌｅｅ")).toBe(Identity.normaliseName("lee"));
    expect(Identity.normaliseName("ＬＥＥ")).toBe("lee");
  });

  it.each([
    ["NUL", "이\u0000영희"],
    ["BEL", "이영희\u0007"],
    ["ESC", "\u001b이영희"],
    ["DEL", "이영\u007f희"],
    ["a C1 control", "이영\u0085희"],
  ])("%s is refused with a 400 naming the field", (_what, typed) => {
    expect(codeOf(() => Identity.of({ name: typed, birthDate: "1980-05-05" }))).toBe("identifier_control");
    expect(codeOf(() => Identity.normalisePhone(`010-1234${typed.includes("\u0000") ? "\u0000" : "\u0007"}-5678`))).toBe("identifier_control");
  });

  it("invisible characters in a phone number do not make another person", () => {
    expect(Identity.normalisePhone("010\u200b-1234-\u20605678")).toBe("01012345678");
  });
});
