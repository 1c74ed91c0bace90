import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setHmacKeyProvider } from "../../core/config.js";
import { AppError } from "../../core/errors.js";
import { Identity } from "../../core/identity.js";

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
