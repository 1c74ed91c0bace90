/** Domain errors: a stable code, a kind the API maps to an HTTP status, and a message in Korean and English. */
export type ErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unprocessable"
  | "too_large";

export interface Message {
  ko: string;
  en: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly messages: Message;
  readonly field?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    kind: ErrorKind,
    code: string,
    messages: Message,
    extra: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(messages.en);
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.messages = messages;
    this.field = extra.field;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const invalid = (code: string, field: string, ko: string, en: string) =>
  new AppError("validation", code, { ko, en }, { field });

export const notFound = (what: { ko: string; en: string }) =>
  new AppError("not_found", "not_found", {
    ko: `${what.ko}을(를) 찾을 수 없습니다.`,
    en: `${what.en} not found.`,
  });

/**
 * A schema's first complaint as a 400 naming its field. Our schema messages are "한국어 / English";
 * a message without the split is used for both.
 */
export const invalidInput = (issue: { path: PropertyKey[]; message: string }, opts: { code?: string; field?: string } = {}) => {
  const [ko, en] = issue.message.split(" / ");
  return invalid(opts.code ?? "invalid_input", issue.path.map(String).join(".") || (opts.field ?? "body"), ko ?? issue.message, en ?? ko ?? issue.message);
};

/**
 * For refinements that compare fields with each other: run only when every field parsed, so a
 * check never sees (and never trips over) a value its own field refused.
 */
export const whenFieldsValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 } as const;
