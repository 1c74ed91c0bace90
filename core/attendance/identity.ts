import { createHmac } from "node:crypto";
import { z } from "zod";
import { hmacKey } from "../shared/config.js";
import { AppError, invalid, schemaMessage } from "../shared/errors.js";
import { Sealed } from "../shared/sealing.js";

/**
 * Pseudonymous identities. A person is recognised across sessions by
 * HMAC-SHA256(key, normalised identifier); the raw phone number or name is never stored.
 */
export namespace Identity {
  /** What a facilitator types: a mobile number, or name + birth date for people without a phone. */
  export const Input = z
    .object({
      phone: z.string().max(40).optional(),
      name: z.string().max(100).optional(),
      birthDate: z.string().max(20).optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      const byPhone = v.phone !== undefined;
      const byName = v.name !== undefined || v.birthDate !== undefined;
      if (byPhone === byName) {
        ctx.addIssue({
          code: "custom",
          path: byPhone ? ["name"] : ["phone"],
          message: "휴대전화 번호, 또는 이름과 생년월일 중 하나만 보내세요 / send either phone, or name and birthDate",
        });
      } else if (byName && (v.name === undefined || v.birthDate === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [v.name === undefined ? "name" : "birthDate"],
          message: "이름과 생년월일을 함께 입력하세요 / name and birthDate go together",
        });
      }
    });
  export type Input = z.infer<typeof Input>;

  /**
   * Normalises a Korean mobile number to its 11-digit domestic form (01012345678).
   * Accepts 010-1234-5678, 010 1234 5678, 01012345678, +82 10-1234-5678, 82-10-1234-5678.
   */
  export function normalisePhone(raw: string): string {
    const trimmed = canonical(raw, "phone").trim();
    if (trimmed.length === 0) {
      throw invalid("phone_required", "phone", "휴대전화 번호를 입력하세요.", "Enter a mobile number.");
    }
    if (!/^[+\d\s\-.()]+$/.test(trimmed)) {
      throw invalid(
        "phone_invalid_characters",
        "phone",
        "휴대전화 번호에는 숫자와 - 만 쓸 수 있습니다 (예: 010-1234-5678).",
        "A mobile number may contain only digits and dashes (e.g. 010-1234-5678).",
      );
    }
    if (trimmed.indexOf("+") > 0 || (trimmed.match(/\+/g) ?? []).length > 1) {
      throw invalid("phone_invalid_plus", "phone", "'+'는 국가번호 앞에만 쓸 수 있습니다 (예: +82 10-1234-5678).", "'+' may only precede the country code (e.g. +82 10-1234-5678).");
    }
    let digits = trimmed.replace(/\D/g, "");
    const international = trimmed.startsWith("+") || (digits.startsWith("82") && digits.length >= 11 && digits.length <= 13);
    if (international) {
      if (!digits.startsWith("82")) {
        throw invalid("phone_not_korean", "phone", "한국 휴대전화 번호(+82)만 받을 수 있습니다.", "Only Korean mobile numbers (+82) are accepted.");
      }
      digits = digits.slice(2);
      if (!digits.startsWith("0")) digits = "0" + digits;
    }
    if (!digits.startsWith("01")) {
      throw invalid("phone_not_mobile", "phone", "휴대전화 번호는 010 등 01로 시작해야 합니다.", "A mobile number must start with 01 (e.g. 010).");
    }
    const ok = digits.startsWith("010") ? digits.length === 11 : /^01[16789]\d{7,8}$/.test(digits);
    if (!ok) {
      throw invalid(
        "phone_wrong_length",
        "phone",
        `휴대전화 번호의 자릿수가 맞지 않습니다 (${digits.length}자리). 010 번호는 11자리입니다.`,
        `The mobile number has the wrong number of digits (${digits.length}); 010 numbers have 11.`,
      );
    }
    return digits;
  }

  /**
   * One person is one person however the name was typed: the canonical form (below), lower case,
   * all whitespace removed. `ｌｅｅ` is `lee`, `ㄱ` (U+3131) is `ᄀ` (U+1100), `이\u200b영희` is `이영희`.
   */
  export function normaliseName(raw: string): string {
    // NFKC again once spaces are gone: "ㄱ ㅏ" and "ㄱㅏ" must compose alike.
    const name = canonical(raw, "name").toLowerCase().replace(/\s+/gu, "").normalize("NFKC");
    if (name.length === 0) throw invalid("name_required", "name", "이름을 입력하세요.", "Enter a name.");
    if (name.length > 50) throw invalid("name_too_long", "name", "이름은 50자 이하로 입력하세요.", "A name may have at most 50 characters.");
    return name;
  }

  /** A real calendar date, YYYY-MM-DD (also YYYYMMDD, YYYY.MM.DD, YYYY/MM/DD), not in the future. */
  export function normaliseBirthDate(raw: string, today = new Date()): string {
    const m = canonical(raw, "birthDate").trim().match(/^(\d{4})[-./\s]?(\d{1,2})[-./\s]?(\d{1,2})\.?$/);
    if (!m) {
      throw invalid("birth_date_format", "birthDate", "생년월일은 1990-01-31 형식으로 입력하세요.", "Enter the birth date as YYYY-MM-DD, e.g. 1990-01-31.");
    }
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      throw invalid("birth_date_not_a_date", "birthDate", "존재하지 않는 날짜입니다. 생년월일을 확인하세요.", "That date does not exist; check the birth date.");
    }
    if (y < 1900 || date.getTime() > today.getTime()) {
      throw invalid("birth_date_out_of_range", "birthDate", "생년월일은 1900년 이후, 오늘 이전이어야 합니다.", "The birth date must be after 1900 and not in the future.");
    }
    return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }

  // Control characters other than whitespace: never typed by a person, so refused rather than dropped.
  const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
  // Invisible characters: zero-width spaces and joiners, soft hyphens, Hangul fillers, BOMs, bidi marks.
  const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

  /**
   * The form every identifier is compared in: Unicode NFKC (full-width Latin and digits become
   * ASCII, compatibility jamo become conjoining jamo), with default-ignorable and format characters
   * removed (NFKC again after, as a removal can let neighbours compose). Control characters are a 400.
   * Changing this function changes the pseudonym of every identifier it changes (see the README).
   */
  export function canonical(raw: string, field: "phone" | "name" | "birthDate"): string {
    if (CONTROL.test(raw)) {
      throw invalid("identifier_control", field, "입력에 쓸 수 없는 제어 문자가 있습니다. 지우고 다시 입력하세요.", "The input contains control characters; remove them and type it again.");
    }
    return raw.normalize("NFKC").replace(INVISIBLE, "").normalize("NFKC");
  }

  /** The normalised identifier that is hashed; never stored or logged. */
  export function normalise(input: Input): string {
    if (input.phone !== undefined) return `phone:${normalisePhone(input.phone)}`;
    return `name:${normaliseName(input.name ?? "")}|${normaliseBirthDate(input.birthDate ?? "")}`;
  }

  /**
   * What a console sends: the identifier as typed (`phone`, or `name` + `birthDate`), or sealed
   * to the server's key on the tablet (`sealed`, see core/shared/sealing.ts).
   */
  export const Given = z
    .object({
      phone: z.string().max(40).optional(),
      name: z.string().max(100).optional(),
      birthDate: z.string().max(20).optional(),
      sealed: z.string().max(Sealed.MAX_LENGTH).optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.sealed === undefined) {
        const plain = Input.safeParse(v);
        if (!plain.success) for (const issue of plain.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      } else if (v.phone !== undefined || v.name !== undefined || v.birthDate !== undefined) {
        ctx.addIssue({ code: "custom", path: ["sealed"], message: "sealed를 보낼 때는 번호나 이름을 함께 보내지 마세요 / send sealed alone, without phone or name" });
      }
    });
  export type Given = z.infer<typeof Given>;

  export interface Resolved {
    /** The pseudonym. */
    person: string;
    /**
     * What a retried request may be matched by without naming the person: the sealed value's
     * digest, or (an identifier sent as typed, by an older console) a keyed hash of the identifier
     * under a label of its own, which differs from the pseudonym.
     */
    binding: string;
  }

  /** Opens a sealed identifier (a 400 naming `sealed` if it cannot be read), normalises and hashes it. */
  export function resolve(given: Given): Resolved {
    if (given.sealed === undefined) {
      const normalised = normalise(given);
      return { person: hash(normalised), binding: `typed:${createHmac("sha256", hmacKey()).update(`binding|${normalised}`, "utf8").digest("base64url")}` };
    }
    let identifier: unknown;
    try {
      identifier = JSON.parse(Sealed.open(given.sealed));
    } catch (err) {
      if (err instanceof SyntaxError) throw invalid("sealed_unreadable", "sealed", "암호화된 식별 정보의 형식이 맞지 않습니다.", "The sealed identifier is not in the expected form.");
      throw err;
    }
    const parsed = Input.safeParse(identifier);
    // The console cannot show which part was wrong (it holds only the sealed value): the error names `sealed`.
    if (!parsed.success) {
      const { ko, en } = schemaMessage(parsed.error.issues[0]!);
      throw invalid("sealed_identifier_invalid", "sealed", ko, en);
    }
    try {
      return { person: of(parsed.data), binding: `sealed:${Sealed.digest(given.sealed)}` };
    } catch (err) {
      if (err instanceof AppError && err.kind === "validation") throw new AppError("validation", err.code, err.messages, { field: "sealed" });
      throw err;
    }
  }

  /** HMAC-SHA256 of a normalised identifier under the key kept outside the table. */
  export function hash(normalised: string): string {
    return createHmac("sha256", hmacKey()).update(normalised, "utf8").digest("base64url");
  }

  /** Normalise, then hash. */
  export function of(input: Input): string {
    return hash(normalise(input));
  }
}
