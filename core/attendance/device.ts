import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Keys, Prefix, db, isConditionFailed, queryPartition, tableName } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { Session } from "./session.js";

/**
 * The consoles (tablets) that ran a session, each with its outbox as it last reported it: how many
 * items it saved, how many the server recorded, how many still wait, per voting round. A device id
 * is random, minted by the console, and names nobody. Staff see every tablet of a session so that
 * nobody closes a round while a tablet still holds ballots; a round's results stay provisional
 * until every console that took ballots for it has reported an empty outbox after the close.
 */
export namespace Device {
  export const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
  export const ID_ERROR = "기기 ID는 8~64자의 영문, 숫자, -, _입니다 / a device id is 8-64 letters, digits, - or _";

  const Count = z.number().int().min(0).max(1_000_000);

  export const Report = z
    .object({
      /** What the facilitator calls it ("3번 테이블 태블릿"). */
      label: Text.field({ ko: "기기 이름", en: "the device label" }, { max: 40 }).optional(),
      appVersion: z.string().max(40).optional(),
      /** Grows with every report: an older report arriving late never replaces a newer one. */
      sequence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      saved: Count,
      recorded: Count,
      pending: Count,
      attention: Count,
      /** Table ballots per round this console took. */
      rounds: z.array(z.object({ roundId: z.string().min(1).max(64), saved: Count, recorded: Count, pending: Count }).strict()).max(20),
      /** The console's clock minus the server's, in ms, as it last measured. */
      clockOffsetMs: z.number().int().min(-7 * 86_400_000).max(7 * 86_400_000).optional(),
    })
    .strict();
  export type Report = z.infer<typeof Report>;

  /** Not strict: a stored item carries its keys beside these fields. */
  export const Info = z.object(Report.shape).extend({ deviceId: z.string(), sessionId: z.string(), reportedAt: z.string(), reportedBy: z.string() });
  export type Info = z.infer<typeof Info>;

  const toInfo = (item: Record<string, unknown>): Info => Info.parse({ ...item, label: item.label ?? undefined });

  /** Records a console's report (unless a newer one is already there: then that one stands). */
  export async function report(sessionId: string, deviceId: string, userId: string, input: Report): Promise<Info> {
    await Session.mustGet(sessionId);
    const info: Info = { ...input, deviceId, sessionId, reportedAt: new Date().toISOString(), reportedBy: userId };
    try {
      await db().send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...Keys.device(sessionId, deviceId), type: "Device", ...info },
          ConditionExpression: "attribute_not_exists(PK) OR #seq < :seq",
          ExpressionAttributeNames: { "#seq": "sequence" },
          ExpressionAttributeValues: { ":seq": input.sequence },
        }),
      );
      return info;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return (await list(sessionId)).find((d) => d.deviceId === deviceId)!;
    }
  }

  /** A session's consoles. */
  export async function list(sessionId: string): Promise<Info[]> {
    return (await queryPartition({ pk: Keys.session(sessionId).PK, skPrefix: Prefix.device })).map(toInfo);
  }

  export interface RoundState {
    deviceId: string;
    sessionId: string;
    label?: string;
    pending: number;
    reportedAt: string;
  }

  /** The consoles of a forum's sessions that took table ballots for a round, with what they still hold. */
  export async function forRound(forumId: string, roundId: string): Promise<RoundState[]> {
    const sessions = await Session.listByForum(forumId);
    const devices = (await Promise.all(sessions.map((s) => list(s.id)))).flat();
    return devices.flatMap((d) => {
      const r = d.rounds.find((x) => x.roundId === roundId);
      return r ? [{ deviceId: d.deviceId, sessionId: d.sessionId, label: d.label, pending: r.pending, reportedAt: d.reportedAt }] : [];
    });
  }
}
