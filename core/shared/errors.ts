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

/** What a schema issue carries: our own messages, or zod's built-in ones with their details. */
export type SchemaIssue = { path: PropertyKey[]; message: string; code?: string; minimum?: unknown; maximum?: unknown; keys?: string[] };

/**
 * A schema issue's message in both languages: the one place that reads our "한국어 / English"
 * messages. zod's built-in messages are English; Korean gets a short summary of the same rule.
 */
export function schemaMessage(issue: SchemaIssue): Message {
  const parts = issue.message.split(" / ");
  if (parts.length === 2) return { ko: parts[0]!, en: parts[1]! };
  const en = issue.message;
  switch (issue.code) {
    case "invalid_type":
      return { ko: /received undefined/.test(en) ? "필수 항목입니다" : "형식이 맞지 않습니다", en };
    case "too_small":
      return { ko: `너무 짧거나 작습니다 (최소 ${String(issue.minimum)})`, en };
    case "too_big":
      return { ko: `너무 길거나 큽니다 (최대 ${String(issue.maximum)})`, en };
    case "invalid_format":
      return { ko: "형식이 맞지 않습니다", en };
    case "unrecognized_keys":
      return { ko: `알 수 없는 항목: ${issue.keys?.join(", ")}`, en };
    case "invalid_value":
      return { ko: "허용되지 않는 값입니다", en };
    case undefined:
      return { ko: en, en };
    default:
      return { ko: "값을 확인하세요", en };
  }
}

/** A schema's first complaint as a 400 naming its field. */
export const invalidInput = (issue: SchemaIssue, opts: { code?: string; field?: string } = {}) => {
  const { ko, en } = schemaMessage(issue);
  return invalid(opts.code ?? "invalid_input", issue.path.map(String).join(".") || (opts.field ?? "body"), ko, en);
};

/**
 * For refinements that compare fields with each other: run only when every field parsed, so a
 * check never sees (and never trips over) a value its own field refused.
 */
export const whenFieldsValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 } as const;

const UNAVAILABLE_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "UND_ERR_SOCKET"]);

/**
 * Whether an error means the database could not be reached or would not take the request now
 * (refused or dropped connections, timeouts, throttling, DynamoDB's own 5xx, a transaction
 * cancelled for throttling or contention after the retries): the request was not completed and
 * may be sent again. The API answers these with 503 and Retry-After, never 500.
 */
export function isUnavailable(err: unknown): boolean {
  for (let e = err as { name?: string; code?: string; message?: string; cause?: unknown; $metadata?: { httpStatusCode?: number }; CancellationReasons?: { Code?: string }[] } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e !== "object") return false;
    if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (e.code && NETWORK_CODES.has(e.code)) return true;
    if (e.name === "TransactionCanceledException" && e.CancellationReasons?.some((r) => r.Code === "ThrottlingError" || r.Code === "TransactionConflict")) return true;
    if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
    if (/socket hang up|ECONNREFUSED|ECONNRESET/.test(e.message ?? "")) return true;
  }
  return false;
}

/** How long a caller should wait before sending a request the database could not take. */
export const UNAVAILABLE_RETRY_AFTER_S = 2;
