import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { createHash, randomInt } from "node:crypto";
import { z } from "zod";
import { AppError, invalid, invalidInput, notFound } from "../shared/errors.js";
import { Identity } from "../attendance/identity.js";
import { Idempotency } from "../shared/idempotency.js";
import { Proposal } from "../proposals/proposal.js";
import { Receipt } from "../proposals/receipt.js";
import { Round } from "./round.js";
import { Session } from "../attendance/session.js";
import { Verification } from "./verification.js";
import { Sealed } from "../shared/sealing.js";
import { Keys, backoff, cancellationReasons, db, tableName, type TransactItem } from "../shared/table.js";

/**
 * Ballots: one per person per round, across both channels, counted exactly once.
 *
 * One transaction per ballot: Put VOTER (attribute_not_exists: the person has not voted in this
 * round), Put BALLOT (the choices, under the receipt), Update one turnout shard (ADD, under the
 * rules version and open-state conditions), Update one tally shard per choice (ADD), optionally
 * ConditionCheck the person's check-in to the forum, and Put the Idempotency-Key's record with the
 * answer. The VOTER item says that someone voted and how, never what; the BALLOT item says what,
 * never who. Counters therefore never drift from the ballots, and a recount proves it.
 */
export namespace Ballot {
  export const Choices = z
    .array(z.string().min(1).max(64))
    .min(1, { error: "의제를 하나 이상 고르세요 / choose at least one proposal" })
    .max(Round.MAX_CHOICES, { error: `의제는 ${Round.MAX_CHOICES}개까지 고를 수 있습니다 / at most ${Round.MAX_CHOICES} choices` });

  export const OnlineInput = z.object({ choices: Choices }).strict();
  export type OnlineInput = z.infer<typeof OnlineInput>;

  /**
   * At a session: the participant's number (or name + birth date) typed on the facilitator's
   * tablet, or sealed to the server's key there (`sealed`); `castAt`, when the console queued the
   * ballot (its clock corrected by the server's), lets a ballot queued offline while the round was
   * open land after the close, within the round's grace period.
   */
  export const SessionInput = z
    .object({
      sessionId: z.string().min(1).max(64),
      phone: z.string().max(40).optional(),
      name: z.string().max(100).optional(),
      birthDate: z.string().max(20).optional(),
      sealed: z.string().max(Sealed.MAX_LENGTH).optional(),
      choices: Choices,
      castAt: z.iso.datetime({ offset: true, error: "castAt는 시간대가 있는 ISO 8601 시각이어야 합니다 / castAt must be an ISO 8601 time with an offset" }).optional(),
    })
    .strict();
  export type SessionInput = z.infer<typeof SessionInput>;

  export const Cast = z.object({ receipt: z.string(), roundId: z.string(), channel: Round.Channel, choices: z.number() });
  export type Cast = z.infer<typeof Cast>;

  export const Verified = z.object({
    receipt: z.string(),
    roundId: z.string(),
    channel: Round.Channel,
    choices: z.array(z.object({ id: z.string(), title: z.string() })),
  });
  export type Verified = z.infer<typeof Verified>;

  const MAX_RETRIES = 10;

  /** How far ahead of the server's clock a console's `castAt` may be (its own clock drifts between syncs). */
  const CAST_AT_AHEAD_MS = 2 * 60_000;

  /**
   * Casts a ballot for `person` (a pseudonym). A repeat of the Idempotency-Key returns the first receipt.
   *
   * The key's record never names the person: its fingerprint covers the round, channel, session,
   * choices and `binding` (a digest of the sealed identifier, of the voter token, or a keyed hash
   * of a typed identifier under its own label), so a 7-day record does not link a voter to a receipt.
   */
  export async function cast(args: {
    roundId: string;
    person: string;
    binding?: string;
    channel: Round.Channel;
    sessionId?: string;
    choices: string[];
    idempotencyKey?: string;
    /** The server's now: the real clock, except for the demo loader replaying a past vote. */
    at?: Date;
    /** When the console queued the ballot (server-corrected): judged against the round's times. */
    castAt?: Date;
    /** Online: the voter token's deny-list entry, which must not exist (checked in the transaction). */
    unlessRevoked?: { PK: string; SK: string };
  }): Promise<Cast> {
    const choices = [...args.choices].sort();
    const claim = args.idempotencyKey
      ? { scope: `ballot:${args.roundId}`, key: args.idempotencyKey, fingerprint: Idempotency.fingerprint(args.roundId, args.channel, args.sessionId ?? null, choices, args.binding ?? null) }
      : undefined;
    return Idempotency.run(claim, Cast, (settle) => write(args, choices, claim, settle));
  }

  async function write(
    args: Parameters<typeof cast>[0],
    choices: string[],
    claim: Idempotency.Claim | undefined,
    settle: ((answer: Cast) => TransactItem) | undefined,
  ): Promise<Cast> {
    let fresh = false;
    const serverNow = args.at ?? new Date();
    if (args.castAt && args.castAt.getTime() > serverNow.getTime() + CAST_AT_AHEAD_MS) {
      throw invalid("cast_at_future", "castAt", "투표 시각이 서버 시각보다 앞섭니다. 태블릿의 시계를 확인하세요.", "castAt is ahead of the server's clock; check the tablet's clock.");
    }
    const castAt = args.castAt && args.castAt < serverNow ? args.castAt : serverNow;
    for (let attempt = 0; ; attempt++) {
      const round = await Round.cached(args.roundId, fresh);
      check(round, args.channel, choices, castAt, serverNow);
      const receipt = Receipt.generate();
      const shard = randomInt(0, round.shards);
      const now = Round.nowKst(serverNow);
      const cast = Round.nowKst(castAt);
      const answer: Cast = { receipt, roundId: round.id, channel: args.channel, choices: choices.length };
      const TableName = tableName();
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            // The day only: precise times would let someone line voters up with ballots.
            Item: { ...Keys.voter(round.id, args.person), type: "Voter", channel: args.channel, day: now.slice(0, 10) },
            ConditionExpression: "attribute_not_exists(PK)",
          },
        },
        {
          Put: {
            TableName,
            Item: { ...Keys.ballot(round.id, receipt), ...Keys.ballotIndex(round.id, shard, receipt), type: "Ballot", roundId: round.id, choices, channel: args.channel, sessionId: args.sessionId },
            ConditionExpression: "attribute_not_exists(PK)",
          },
        },
        {
          Update: {
            TableName,
            Key: Keys.turnout(round.id, shard),
            UpdateExpression: "ADD ballots :one, #ch :one",
            // Open when the ballot was cast; after a close only within the grace the close stamped.
            ConditionExpression:
              "rulesVersion = :v AND opensAt <= :cast AND closesAt > :cast AND (attribute_not_exists(closedAt) OR (closedAt > :cast AND graceUntil > :now))",
            ExpressionAttributeNames: { "#ch": args.channel },
            ExpressionAttributeValues: { ":one": 1, ":v": round.rulesVersion, ":now": now, ":cast": cast },
          },
        },
        ...choices.map((proposalId) => ({
          Update: {
            TableName,
            Key: Keys.tally(round.id, proposalId, shard),
            UpdateExpression: "SET proposalId = :p, #t = :type ADD votes :one, #ch :one",
            ExpressionAttributeNames: { "#ch": args.channel, "#t": "type" },
            ExpressionAttributeValues: { ":p": proposalId, ":one": 1, ":type": "Tally" },
          },
        })),
      ];
      const checkInAt = args.channel === "session" && round.requireCheckIn ? items.length : -1;
      if (checkInAt >= 0) {
        items.push({ ConditionCheck: { TableName, Key: Keys.participant(round.forumId, args.person), ConditionExpression: "attribute_exists(PK)" } });
      }
      const revokedAt = args.unlessRevoked ? items.length : -1;
      if (args.unlessRevoked) items.push({ ConditionCheck: { TableName, Key: args.unlessRevoked, ConditionExpression: "attribute_not_exists(PK)" } });
      if (settle) items.push(settle(answer));
      try {
        await db().send(new TransactWriteCommand({ TransactItems: items }));
        return answer;
      } catch (err) {
        const reasons = cancellationReasons(err);
        if (!reasons) throw err;
        const failed = (i: number) => reasons[i] === "ConditionalCheckFailed";
        if (claim && failed(items.length - 1)) return Idempotency.replay(claim, Cast);
        if (failed(0)) throw await alreadyVoted(round.id, args.person);
        if (checkInAt >= 0 && failed(checkInAt)) throw notCheckedIn();
        if (revokedAt >= 0 && failed(revokedAt)) throw Verification.verificationRequired();
        if (failed(2) && attempt < MAX_RETRIES) {
          fresh = true; // the rules changed, or the round opened or closed: check again against the stored round
          continue;
        }
        if (failed(1) && attempt < MAX_RETRIES) continue; // receipt collision
        if (reasons.includes("TransactionConflict") && attempt < MAX_RETRIES) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
  }

  /** Online: the pseudonym comes from a verified voter token, which must not have been given up. */
  export function castOnline(roundId: string, voter: { person: string; revoked: { PK: string; SK: string } }, input: OnlineInput, idempotencyKey?: string) {
    // The token's deny-list key is a digest of the token: bound under a label of its own, it names nobody.
    const binding = `voter:${createHash("sha256").update(`binding|${voter.revoked.PK}`).digest("base64url")}`;
    return cast({ roundId, person: voter.person, binding, channel: "online", choices: input.choices, idempotencyKey, unlessRevoked: voter.revoked });
  }

  /**
   * At a session: the identity typed at the table (or sealed there), hashed like a check-in; the
   * session must be the round's forum's.
   */
  export async function castAtSession(roundId: string, input: SessionInput, idempotencyKey?: string): Promise<Cast> {
    const { sessionId, choices, castAt, ...identity } = input;
    const parsed = Identity.Given.safeParse(identity);
    if (!parsed.success) throw invalidInput(parsed.error.issues[0]!, { code: "identity_required", field: "phone" });
    const { person, binding } = Identity.resolve(parsed.data);
    const [round, forumId] = await Promise.all([Round.cached(roundId), Session.forumOf(sessionId)]);
    if (forumId !== round.forumId) {
      throw invalid("session_not_in_forum", "sessionId", "이 회차는 이 투표의 공론장에 속하지 않습니다.", "This session is not part of this round's forum.");
    }
    return cast({ roundId, person, binding, channel: "session", sessionId, choices, idempotencyKey, castAt: castAt ? new Date(castAt) : undefined });
  }

  /**
   * The rules, checked before writing, so that each mistake gets its own message. The round's
   * times judge `castAt`; a ballot cast before the close and arriving after it (a console's
   * outbox) is taken at a session until the round's grace period ends.
   */
  function check(round: Round.Info, channel: Round.Channel, choices: string[], castAt: Date, now: Date) {
    const status = Round.statusAt(round, castAt);
    if (status === "closed") throw Round.closed(round);
    if (Round.statusOf(round, now) === "closed" && (channel !== "session" || now.getTime() >= Round.graceEndsAt(round))) throw Round.closed(round);
    if (status === "scheduled") {
      throw new AppError("conflict", "round_not_open", {
        ko: `‘${round.title}’ 투표는 ${round.opensAt.slice(0, 16).replace("T", " ")}에 시작합니다.`,
        en: `Voting in ‘${round.title}’ opens at ${round.opensAt.slice(0, 16).replace("T", " ")} (KST).`,
      });
    }
    if (!round.channels.includes(channel)) {
      throw new AppError(
        "conflict",
        "channel_not_open",
        channel === "online"
          ? { ko: "이 투표는 온라인으로 받지 않습니다. 공론장 회차에서 투표하세요.", en: "This round takes no online ballots; vote at a session." }
          : { ko: "이 투표는 회차 현장에서 받지 않습니다. 온라인으로 투표하세요.", en: "This round takes no ballots at sessions; vote online." },
      );
    }
    if (new Set(choices).size !== choices.length) {
      throw invalid("duplicate_choice", "choices", "같은 의제를 두 번 골랐습니다.", "The same proposal was chosen twice.");
    }
    if (choices.length > round.maxChoices) {
      throw invalid("too_many_choices", "choices", `의제는 ${round.maxChoices}개까지 고를 수 있습니다 (지금 ${choices.length}개).`, `At most ${round.maxChoices} choices (${choices.length} given).`);
    }
    const off = choices.filter((c) => !round.proposalIds.includes(c));
    if (off.length > 0) {
      throw invalid("choice_not_on_ballot", "choices", "투표 용지에 없는 의제를 골랐습니다.", "A choice is not on this round's ballot.");
    }
  }

  async function alreadyVoted(roundId: string, person: string): Promise<AppError> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.voter(roundId, person), ConsistentRead: true }));
    const channel = res.Item?.channel === "session" ? "session" : "online";
    return new AppError(
      "conflict",
      "already_voted",
      channel === "online"
        ? { ko: "이미 이 투표에 참여했습니다 (온라인). 한 사람은 한 번만 투표할 수 있습니다.", en: "This person has already voted in this round (online). Everyone votes once." }
        : { ko: "이미 이 투표에 참여했습니다 (회차 현장). 한 사람은 한 번만 투표할 수 있습니다.", en: "This person has already voted in this round (at a session). Everyone votes once." },
    );
  }

  // Access pattern: has this person voted in this round, and how? (GetItem VOTER)
  export async function voterStatus(roundId: string, person: string): Promise<{ voted: boolean; channel?: Round.Channel }> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.voter(roundId, person), ConsistentRead: true }));
    return res.Item ? { voted: true, channel: res.Item.channel as Round.Channel } : { voted: false };
  }

  const notCheckedIn = () =>
    new AppError("unprocessable", "not_checked_in", {
      ko: "이 투표는 공론장에 출석한 사람만 할 수 있습니다. 먼저 출석 확인을 하세요.",
      en: "Only people checked in to this forum may vote in this round; check in first.",
    });

  // Access pattern: one ballot by its receipt (what the voter chose, for them to verify).
  export async function verify(roundId: string, rawReceipt: string): Promise<Verified> {
    const receipt = Receipt.mustParse(rawReceipt);
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.ballot(roundId, receipt) }));
    if (!res.Item) throw notFound({ ko: "투표 기록", en: "Ballot" });
    const round = await Round.cached(roundId);
    const titles = new Map((await Proposal.all(round.forumId)).map((p) => [p.id, p.title]));
    const choices = (res.Item.choices as string[]).map((id) => ({ id, title: titles.get(id) ?? "—" }));
    return { receipt, roundId, channel: res.Item.channel as Round.Channel, choices };
  }

}
