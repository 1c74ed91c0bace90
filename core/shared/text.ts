import { z } from "zod";

/**
 * The one rule for text that people write (titles, names, venues, reasons, bodies): trimmed,
 * bounded, and free of characters that can only hide or disguise: control characters (other
 * than tab and line breaks) and the invisible bidirectional overrides (U+202A–U+202E,
 * U+2066–U+2069) that make "exe.txt" read as "txt.exe".
 */
export namespace Text {
  const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
  const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

  export interface What {
    ko: string;
    en: string;
  }

  /** What is wrong with the text, if anything. */
  export function problem(s: string): "control" | "bidi" | undefined {
    if (CONTROL.test(s)) return "control";
    if (BIDI.test(s)) return "bidi";
    return undefined;
  }

  /** A zod string for text a person writes: `min`–`max` characters after trimming, no controls or bidi overrides. */
  export function field(what: What, opts: { min?: number; max: number }) {
    const min = opts.min ?? 0;
    let schema = z.string().trim();
    if (min > 0) schema = schema.min(min, { error: `${what.ko}을(를) ${min}자 이상 적어 주세요 / ${what.en} needs at least ${min} characters` });
    return schema
      .max(opts.max, { error: `${what.ko}은(는) ${opts.max}자까지 쓸 수 있습니다 / ${what.en} may have at most ${opts.max} characters` })
      .superRefine((s, ctx) => {
        const p = problem(s);
        if (p === "control") ctx.addIssue({ code: "custom", message: `${what.ko}에 쓸 수 없는 제어 문자가 있습니다 / ${what.en} contains control characters` });
        if (p === "bidi") {
          ctx.addIssue({
            code: "custom",
            message: `${what.ko}에 글자 방향을 바꾸는 보이지 않는 문자(U+202E 등)가 있습니다. 지우고 다시 입력하세요 / ${what.en} contains invisible direction-override characters (such as U+202E); remove them`,
          });
        }
      });
  }
}
