import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { AppError, UNAVAILABLE_RETRY_AFTER_S, isUnavailable, schemaMessage, type ErrorKind } from "../../core/shared/errors.js";
import type { Env } from "./env.js";
import { log } from "./log.js";

/** The one place that turns errors into HTTP answers: {error: {code, message, field?}}. */

const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  too_large: 413,
};

export function language(header: string | undefined): "ko" | "en" {
  if (!header) return "ko";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "ko";
}

const FIELD_KO: Record<string, string> = {
  title: "제목",
  startsOn: "시작일",
  endsOn: "종료일",
  startsAt: "시작 시각",
  description: "설명",
  venue: "장소",
  area: "권역",
  phone: "휴대전화 번호",
  name: "이름",
  birthDate: "생년월일",
  email: "이메일",
  password: "비밀번호",
  role: "역할",
  userId: "사용자",
  body: "내용",
  field: "분야",
  fields: "분야 목록",
  table: "탁자 번호",
  reason: "사유",
  into: "병합 대상",
  receipt: "접수번호",
  forumId: "공론장",
  intake: "제안 접수",
  q: "검색어",
  cursor: "페이지",
  limit: "개수",
  file: "파일",
  rows: "줄 번호",
  choices: "선택한 의제",
  code: "인증번호",
  proposalIds: "의제",
  maxChoices: "선택 가능 수",
  opensAt: "투표 시작",
  closesAt: "투표 마감",
  channels: "투표 방법",
  sessionId: "회차",
};

/** A zod failure as one actionable message naming the field, plus the full list of issues. */
export function validationBody(error: ZodError, lang: "ko" | "en") {
  const issues = error.issues.map((i) => {
    const field = i.path.join(".") || "body";
    return { field, message: schemaMessage(i)[lang] };
  });
  const first = error.issues[0];
  const field = first?.path.join(".") || "body";
  const { ko, en } = first ? schemaMessage(first) : { ko: "", en: "" };
  const label = FIELD_KO[field] ? `${FIELD_KO[field]}(${field})` : field;
  return {
    error: {
      code: "invalid_input",
      field,
      message: lang === "en" ? `Invalid ${field}: ${en}` : `${label} 입력이 올바르지 않습니다: ${ko}`,
      issues,
    },
  };
}

export function errorResponse(err: Error, c: Context<Env>) {
  const lang = c.get("lang") ?? language(c.req.header("accept-language"));
  if (err instanceof AppError) {
    if (err.retryAfterSeconds) c.header("Retry-After", String(err.retryAfterSeconds));
    // The rest of an oversized body is never read: the connection cannot carry another request.
    if (err.kind === "too_large") c.header("Connection", "close");
    return c.json(
      { error: { code: err.code, message: lang === "en" ? err.messages.en : err.messages.ko, field: err.field } },
      STATUS[err.kind],
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const malformed = status === 400;
    return c.json(
      {
        error: {
          code: malformed ? "malformed_body" : "http_error",
          message: malformed
            ? lang === "en"
              ? "The request body is not valid JSON."
              : "요청 본문이 올바른 JSON이 아닙니다."
            : err.message,
        },
      },
      status,
    );
  }
  if (isUnavailable(err)) {
    // Not the caller's mistake and not a bug: the database could not take the request now.
    log("warn", { msg: "database unavailable", path: c.req.path, method: c.req.method, name: err.name, code: (err as { code?: string }).code });
    c.header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_S));
    return c.json(
      {
        error: {
          code: "database_unavailable",
          message:
            lang === "en"
              ? "The database cannot be reached right now, so this request was not completed. Send it again in a moment: sending the same request again never records it twice."
              : "지금 데이터베이스에 연결할 수 없어 이 요청을 처리하지 못했습니다. 잠시 후 다시 보내 주세요. 같은 요청을 다시 보내도 두 번 기록되지 않습니다.",
        },
      },
      503,
    );
  }
  if (isNumberOutOfRange(err)) {
    // A number the schema allows but DynamoDB cannot store (magnitude below 1e-130 or above 1e125).
    return c.json(
      {
        error: {
          code: "number_out_of_range",
          message:
            lang === "en"
              ? "A number in the request is too small or too large to be stored; round it and send it again."
              : "요청의 숫자가 너무 작거나 커서 저장할 수 없습니다. 숫자를 반올림해 다시 보내 주세요.",
        },
      },
      400,
    );
  }
  if (isConditionRace(err)) {
    // A transaction whose condition failed because the item changed meanwhile, past the domain's retries.
    c.header("Retry-After", "1");
    return c.json(
      {
        error: {
          code: "concurrent_change",
          message:
            lang === "en"
              ? "Someone changed the same record at the same moment, so this request was not recorded. Send it again."
              : "같은 항목이 동시에 바뀌어 이 요청은 기록되지 않았습니다. 다시 보내 주세요.",
        },
      },
      409,
    );
  }
  log("error", { msg: "unhandled", path: c.req.path, method: c.req.method, name: err.name, stack: err.stack });
  return c.json(
    {
      error: {
        code: "internal",
        message: lang === "en" ? "Something went wrong on our side; please try again." : "서버에서 문제가 생겼습니다. 잠시 후 다시 시도하세요.",
      },
    },
    500,
  );
}

/** DynamoDB's refusal of a number it cannot represent (not a bug of ours: the value was too small or too large). */
function isNumberOutOfRange(err: Error): boolean {
  return err.name === "ValidationException" && /Number (underflow|overflow)|magnitude (smaller|larger) than supported range/i.test(err.message);
}

/** A transaction cancelled by a failed condition (and nothing worse) that no domain code turned into its own error. */
function isConditionRace(err: Error): boolean {
  const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return err.name === "TransactionCanceledException" && !!reasons?.some((r) => r.Code === "ConditionalCheckFailed") && reasons.every((r) => !r.Code || r.Code === "None" || r.Code === "ConditionalCheckFailed");
}
