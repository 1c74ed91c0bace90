import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidInput, schemaMessage } from "../../../core/shared/errors.js";

/** Every schema complaint reaches people in Korean and English through one function. */
describe("schema messages", () => {
  const first = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!;

  it("splits our own '한국어 / English' messages", () => {
    const issue = first(z.string().min(2, { error: "두 글자 이상 / at least two characters" }), "a");
    expect(schemaMessage(issue)).toEqual({ ko: "두 글자 이상", en: "at least two characters" });
  });

  it("gives zod's built-in English messages a Korean summary of the same rule", () => {
    const shape = z.object({ a: z.string(), b: z.string().max(3), c: z.enum(["x"]) }).strict();
    const issues = shape.safeParse({ a: 1, b: "long", c: "y", d: 1 }).error!.issues;
    const ko = issues.map((i) => schemaMessage(i).ko);
    expect(ko).toEqual(expect.arrayContaining(["형식이 맞지 않습니다", "너무 길거나 큽니다 (최대 3)", "허용되지 않는 값입니다", "알 수 없는 항목: d"]));
    expect(schemaMessage(first(z.object({ a: z.string() }), {})).ko).toBe("필수 항목입니다");
    for (const i of issues) expect(schemaMessage(i).en).toBe(i.message);
  });

  it("invalidInput names the field", () => {
    const err = invalidInput(first(z.object({ title: z.string().min(2, { error: "짧음 / short" }) }), { title: "a" }));
    expect(err).toMatchObject({ code: "invalid_input", field: "title", messages: { ko: "짧음", en: "short" } });
  });
});
