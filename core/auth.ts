import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "./errors.js";
import { dummyHash, verifyPassword } from "./password.js";
import { Keys, db, epochSeconds, tableName } from "./table.js";
import { User } from "./user.js";

/** Sign-in sessions: a random token given to the client, stored only as its SHA-256. */
export namespace Auth {
  export const LoginInput = z.object({
    email: z.string().trim().toLowerCase().min(1).max(200),
    password: z.string().min(1).max(200),
  });
  export type LoginInput = z.infer<typeof LoginInput>;

  export interface Actor {
    userId: string;
    email: string;
    name: string;
    role: User.Role;
  }

  export const SESSION_HOURS = 12;
  const FREE_FAILURES = 5;
  const FAILURE_WINDOW_S = 15 * 60;
  const MAX_LOCK_S = 15 * 60;

  const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

  /** Tokens are looked up on every request; an instance keeps an answer for a few seconds. */
  const CACHE_MS = 10_000;
  const cache = new Map<string, { actor: Actor; until: number }>();

  const invalidCredentials = () =>
    new AppError("unauthorized", "invalid_credentials", {
      ko: "이메일 또는 비밀번호가 맞지 않습니다.",
      en: "The email or password is incorrect.",
    });

  /** Checks the password; repeated failures for one email lock it for growing periods (429 with Retry-After). */
  export async function login(input: LoginInput): Promise<{ token: string; actor: Actor; expiresAt: string }> {
    const throttleKey = Keys.loginThrottle(sha256(input.email));
    const now = epochSeconds();
    const throttle = await db().send(new GetCommand({ TableName: tableName(), Key: throttleKey, ConsistentRead: true }));
    const lockedUntil = Number(throttle.Item?.lockedUntil ?? 0);
    if (lockedUntil > now) {
      throw new AppError(
        "rate_limited",
        "too_many_failed_logins",
        {
          ko: `로그인 실패가 너무 많습니다. ${lockedUntil - now}초 후에 다시 시도하세요.`,
          en: `Too many failed sign-ins. Try again in ${lockedUntil - now} seconds.`,
        },
        { retryAfterSeconds: lockedUntil - now },
      );
    }
    const user = await User.withPasswordByEmail(input.email);
    const ok = user
      ? await verifyPassword(input.password, user.passwordHash)
      : (await verifyPassword(input.password, await dummyHash()), false);
    if (!ok || !user || user.disabled) {
      const res = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: throttleKey,
          UpdateExpression: "ADD failures :one SET expiresAt = :exp",
          ExpressionAttributeValues: { ":one": 1, ":exp": now + FAILURE_WINDOW_S },
          ReturnValues: "ALL_NEW",
        }),
      );
      const failures = Number(res.Attributes?.failures ?? 1);
      if (failures >= FREE_FAILURES) {
        const lock = Math.min(MAX_LOCK_S, 30 * 2 ** (failures - FREE_FAILURES));
        await db().send(
          new UpdateCommand({
            TableName: tableName(),
            Key: throttleKey,
            UpdateExpression: "SET lockedUntil = :until, expiresAt = :exp",
            ExpressionAttributeValues: { ":until": now + lock, ":exp": now + lock + FAILURE_WINDOW_S },
          }),
        );
      }
      if (user?.disabled && ok) {
        throw new AppError("unauthorized", "account_disabled", {
          ko: "사용이 중지된 계정입니다. 관리자에게 문의하세요.",
          en: "This account is disabled; contact an administrator.",
        });
      }
      throw invalidCredentials();
    }
    if (throttle.Item) await db().send(new DeleteCommand({ TableName: tableName(), Key: throttleKey }));
    const token = randomBytes(32).toString("base64url");
    const expires = now + SESSION_HOURS * 3600;
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, role: user.role };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Keys.authSession(sha256(token)), type: "AuthSession", userId: user.id, expiresAt: expires },
      }),
    );
    return { token, actor, expiresAt: new Date(expires * 1000).toISOString() };
  }

  // Access pattern: resolve a session token to its user (token hash → session → user).
  export async function fromToken(token: string): Promise<Actor | undefined> {
    const hash = sha256(token);
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.actor;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.authSession(hash) }));
    if (!res.Item || Number(res.Item.expiresAt) <= epochSeconds()) return undefined;
    const user = await User.fromID(res.Item.userId as string);
    if (!user || user.disabled) return undefined;
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, role: user.role };
    if (cache.size > 5000) cache.clear();
    cache.set(hash, { actor, until: Date.now() + CACHE_MS });
    return actor;
  }

  /** Drops this instance's cached sessions of a user (after disabling them or changing their role). */
  export function forgetUser(userId: string) {
    for (const [hash, entry] of cache) if (entry.actor.userId === userId) cache.delete(hash);
  }

  export async function logout(token: string): Promise<void> {
    const hash = sha256(token);
    cache.delete(hash);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.authSession(hash) }));
  }
}
