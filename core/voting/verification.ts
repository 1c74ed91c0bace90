import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { CodeSender } from "./code-sender.js";
import { hmacKey } from "../shared/config.js";
import { AppError, invalid } from "../shared/errors.js";
import { Identity } from "../attendance/identity.js";
import { RateLimit } from "../shared/rate-limit.js";
import { db, epochSeconds, isConditionFailed, Keys, tableName } from "../shared/table.js";

/**
 * Proving a mobile number for online voting: a 6-digit one-time code, single use, valid for
 * 5 minutes, 5 tries, at most one send a minute and 5 an hour per number. What is stored is
 * keyed by the person's pseudonym (the same keyed hash as check-ins) and holds only a keyed
 * hash of the code. A correct code yields a short-lived signed voter token (a cookie).
 */
export namespace Verification {
  export const CODE_TTL_S = 5 * 60;
  export const MAX_ATTEMPTS = 5;
  export const RESEND_AFTER_S = 60;
  export const SENDS_PER_HOUR = 5;
  export const VOTER_TOKEN_S = 30 * 60;

  export const RequestInput = z.object({ phone: z.string().max(40) }).strict();
  export const ConfirmInput = z
    .object({
      phone: z.string().max(40),
      code: z.string().regex(/^\s*\d{6}\s*$/, { error: "인증번호는 숫자 6자리입니다 / the code has 6 digits" }),
    })
    .strict();

  export const Requested = z.object({ expiresInSeconds: z.number(), resendAfterSeconds: z.number(), to: z.string() });
  export type Requested = z.infer<typeof Requested>;

  const codeHash = (person: string, code: string) => createHmac("sha256", hmacKey()).update(`code:${person}:${code}`).digest("base64url");

  /** Sends a fresh code to the number (replacing any earlier one). */
  export async function request(phoneRaw: string, limits: RateLimit.Rule[] = []): Promise<Requested> {
    const phone = Identity.normalisePhone(phoneRaw);
    const person = Identity.hash(`phone:${phone}`);
    const key = Keys.verification(person);
    const now = epochSeconds();
    const prev = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    const sentAt = Number(prev.Item?.sentAt ?? 0);
    if (now - sentAt < RESEND_AFTER_S) throw resendTooSoon(RESEND_AFTER_S - (now - sentAt));
    await RateLimit.hit([{ bucket: `verify-phone:${person}`, limit: SENDS_PER_HOUR, windowSeconds: 3600 }, ...limits]);
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...key, type: "Verification", codeHash: codeHash(person, code), attempts: 0, sentAt: now, expiresAt: now + CODE_TTL_S },
          // Two sends racing each other: only one code goes out.
          ConditionExpression: "attribute_not_exists(sentAt) OR sentAt <= :cutoff",
          ExpressionAttributeValues: { ":cutoff": now - RESEND_AFTER_S },
        }),
      );
    } catch (err) {
      if (isConditionFailed(err)) throw resendTooSoon(RESEND_AFTER_S);
      throw err;
    }
    try {
      await CodeSender.send({ phone, code, text: `[공론] 인증번호 ${code} — 5분 안에 입력하세요. (Gongnon code ${code}, valid 5 min)` });
    } catch (err) {
      // Not sent: no code to wait for, so no resend wait either.
      await db().send(new DeleteCommand({ TableName: tableName(), Key: key })).catch(() => undefined);
      throw err;
    }
    return { expiresInSeconds: CODE_TTL_S, resendAfterSeconds: RESEND_AFTER_S, to: CodeSender.mask(phone) };
  }

  /**
   * Checks the code; right, it is used up and the person's pseudonym comes back. Failing is
   * answered the same way whether or not a code is pending for the number: the tries are counted
   * per number either way (on the same item, created for a number that has none), so "wrong, N
   * more tries" and "5 wrong: request a new code" never tell whether a code was ever sent.
   */
  export async function confirm(phoneRaw: string, codeRaw: string): Promise<string> {
    const phone = Identity.normalisePhone(phoneRaw);
    const code = codeRaw.trim();
    const person = Identity.hash(`phone:${phone}`);
    const key = Keys.verification(person);
    const now = epochSeconds();
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
    const item = res.Item;
    const attempts = Number(item?.attempts ?? 0);
    if (attempts >= MAX_ATTEMPTS) throw tooManyAttempts();
    const live = item?.codeHash !== undefined && Number(item.expiresAt) > now;
    const right = live && safeEqual(String(item!.codeHash), codeHash(person, code));
    if (!right) {
      // One more try used, on the code's item, or on one made for a number without a code.
      const upd = await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: "ADD attempts :one SET expiresAt = if_not_exists(expiresAt, :exp), #t = :type",
          ExpressionAttributeNames: { "#t": "type" },
          ExpressionAttributeValues: { ":one": 1, ":exp": now + CODE_TTL_S, ":type": "Verification" },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      const left = MAX_ATTEMPTS - Number(upd.Attributes?.attempts ?? attempts + 1);
      if (left <= 0) throw tooManyAttempts();
      throw invalid(
        "code_wrong",
        "code",
        `인증번호가 맞지 않거나 만료되었습니다 (5분). ${left}번 더 시도할 수 있습니다.`,
        `The code is wrong or has expired (5 minutes); ${left} more tries.`,
      );
    }
    try {
      // Single use: of two confirmations at once, one gets the token. The item stays (without a
      // code) until its resend wait is over, so a used code does not open a fresh send at once.
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: "REMOVE codeHash SET expiresAt = :exp",
          ConditionExpression: "codeHash = :h AND attempts < :max",
          ExpressionAttributeValues: { ":h": item!.codeHash, ":max": MAX_ATTEMPTS, ":exp": Number(item!.sentAt ?? now) + RESEND_AFTER_S },
        }),
      );
    } catch (err) {
      if (isConditionFailed(err)) return confirm(phoneRaw, codeRaw);
      throw err;
    }
    return person;
  }

  const safeEqual = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  const tooManyAttempts = () =>
    new AppError("unprocessable", "code_attempts_exceeded", {
      ko: `인증번호를 ${MAX_ATTEMPTS}번 틀렸습니다. 새 인증번호를 받으세요.`,
      en: `The code was entered wrongly ${MAX_ATTEMPTS} times; request a new one.`,
    });

  // ——— The voter token: stateless, signed, short-lived ————————————————————————————

  const sign = (payload: string) => createHmac("sha256", hmacKey()).update(`voter-token:${payload}`).digest("base64url");

  export function voterToken(person: string, now = epochSeconds()): { token: string; maxAge: number } {
    const payload = `${person}.${now + VOTER_TOKEN_S}`;
    return { token: `${payload}.${sign(payload)}`, maxAge: VOTER_TOKEN_S };
  }

  /** The person a voter token vouches for, or undefined (forged, malformed, expired, given up). */
  export async function fromVoterToken(token: string | undefined, now = epochSeconds()): Promise<string | undefined> {
    return (await inspectVoterToken(token, now))?.person;
  }

  /** The same, with the seconds the token has left. */
  export async function inspectVoterToken(token: string | undefined, now = epochSeconds()): Promise<{ person: string; expiresInSeconds: number } | undefined> {
    const valid = verifyVoterToken(token, now);
    if (!valid) return undefined;
    const revoked = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.revokedVoterToken(tokenHash(token!)), ConsistentRead: true }));
    return revoked.Item ? undefined : valid;
  }

  /** Gives a token up before it expires (a shared device after voting): it never vouches again, on any instance. */
  export async function revokeVoterToken(token: string | undefined, now = epochSeconds()): Promise<void> {
    const valid = verifyVoterToken(token, now);
    if (!valid) return;
    await db().send(
      new PutCommand({ TableName: tableName(), Item: { ...Keys.revokedVoterToken(tokenHash(token!)), type: "RevokedVoterToken", expiresAt: now + valid.expiresInSeconds + 60 } }),
    );
  }

  const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

  /** Whom a token's signature and expiry vouch for, before the deny-list is asked (pure, no table). */
  export const signedVoter = (token: string | undefined, now = epochSeconds()) => verifyVoterToken(token, now)?.person;

  /**
   * A signed, unexpired token's person and the key of its deny-list entry, for a write that checks
   * the entry's absence in its own transaction (a ballot) instead of reading it first.
   */
  export function voterClaim(token: string | undefined, now = epochSeconds()): { person: string; revoked: { PK: string; SK: string } } | undefined {
    const valid = verifyVoterToken(token, now);
    return valid ? { person: valid.person, revoked: Keys.revokedVoterToken(tokenHash(token!)) } : undefined;
  }

  export const verificationRequired = () =>
    new AppError("unauthorized", "voter_verification_required", {
      ko: "온라인 투표는 휴대전화 인증이 필요합니다. 인증번호를 받아 입력하세요 (인증은 30분 유효).",
      en: "Online voting needs a verified mobile number; request and enter a code (valid for 30 minutes).",
    });

  function verifyVoterToken(token: string | undefined, now: number): { person: string; expiresInSeconds: number } | undefined {
    if (!token || token.length > 200) return undefined;
    const parts = token.split(".");
    if (parts.length !== 3) return undefined;
    const [person, exp, sig] = parts as [string, string, string];
    const want = Buffer.from(sign(`${person}.${exp}`));
    const got = Buffer.from(sig);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    if (!(Number(exp) > now)) return undefined;
    return { person, expiresInSeconds: Number(exp) - now };
  }

  const resendTooSoon = (wait: number) =>
    new AppError(
      "rate_limited",
      "code_resend_too_soon",
      { ko: `인증번호는 1분에 한 번 보낼 수 있습니다. ${wait}초 뒤에 다시 요청하세요.`, en: `A code can be sent once a minute; ask again in ${wait} s.` },
      { retryAfterSeconds: wait },
    );

}
