import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { AppError } from "./errors.js";
import { Keys, db, tableName } from "./table.js";

/**
 * Fixed-window request limits kept in DynamoDB, so that every Lambda instance shares them.
 * One conditional counter per (bucket, window): the write that would pass the limit fails its
 * condition and becomes a 429 whose Retry-After is the time left in the window.
 */
export namespace RateLimit {
  export interface Rule {
    /** e.g. "intake-client:<hash>"; never a raw IP address or identifier. */
    bucket: string;
    limit: number;
    windowSeconds: number;
  }

  /** Counts one request against every rule, in order; throws a 429 on the first that is full. */
  export async function hit(rules: Rule[], now = Date.now()): Promise<void> {
    for (const rule of rules) {
      const t = Math.floor(now / 1000);
      const window = Math.floor(t / rule.windowSeconds);
      const resetsAt = (window + 1) * rule.windowSeconds;
      try {
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: Keys.rateLimit(rule.bucket, window),
            UpdateExpression: "ADD hits :one SET expiresAt = :exp",
            ConditionExpression: "attribute_not_exists(hits) OR hits < :limit",
            ExpressionAttributeValues: { ":one": 1, ":limit": rule.limit, ":exp": resetsAt + 60 },
          }),
        );
      } catch (err) {
        if ((err as Error).name !== "ConditionalCheckFailedException") throw err;
        const wait = Math.max(1, resetsAt - t);
        throw new AppError(
          "rate_limited",
          "too_many_requests",
          {
            ko: `요청이 너무 많습니다. 이번 요청은 처리되지 않았습니다. ${formatWait(wait, "ko")} 뒤에 다시 시도하세요 (앞서 처리된 것은 그대로 있습니다).`,
            en: `Too many requests: this one was not processed. Try again in ${formatWait(wait, "en")} (what was processed before stays).`,
          },
          { retryAfterSeconds: wait },
        );
      }
    }
  }


  function formatWait(s: number, lang: "ko" | "en"): string {
    if (s < 60) return lang === "ko" ? `${s}초` : `${s} s`;
    const m = Math.ceil(s / 60);
    return lang === "ko" ? `${m}분` : `${m} min`;
  }
}
