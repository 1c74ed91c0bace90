import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, invalid, notFound } from "../shared/errors.js";
import { Forum } from "./forum.js";
import { GSI1, IndexPartition, Keys, Prefix, db, newId, queryPartition, tableName } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateTime, kstDate, toKst } from "../shared/time.js";
import { User } from "../accounts/user.js";

/** A forum session: one in-person meeting at a venue, run by assigned facilitators. */
export namespace Session {
  export const CreateInput = z.object({
    title: Text.field({ ko: "회차 이름", en: "the title" }, { min: 1, max: 200 }),
    startsAt: DateTime,
    venue: Text.field({ ko: "장소", en: "the venue" }, { max: 200 }).optional(),
    area: Text.field({ ko: "권역", en: "the area" }, { max: 100 }).optional(),
  });
  export type CreateInput = z.infer<typeof CreateInput>;

  export const Info = z.object({
    id: z.string(),
    forumId: z.string(),
    title: z.string(),
    startsAt: z.string(),
    venue: z.string().optional(),
    area: z.string().optional(),
    attendances: z.number(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  export const Facilitator = z.object({ userId: z.string(), name: z.string(), email: z.string() });
  export type Facilitator = z.infer<typeof Facilitator>;

  const toInfo = (item: Record<string, unknown>): Info => Info.parse({ attendances: 0, ...item });

  /** Adds a session to a forum; its date must fall inside the forum's period. */
  export async function create(forumId: string, input: CreateInput): Promise<Info> {
    const forum = await Forum.mustGet(forumId);
    const startsAt = toKst(input.startsAt);
    const day = kstDate(startsAt);
    if (day < forum.startsOn || day > forum.endsOn) {
      throw invalid(
        "session_outside_forum",
        "startsAt",
        `회차 날짜(${day})가 공론장 기간(${forum.startsOn}~${forum.endsOn}) 밖입니다.`,
        `The session date (${day}) is outside the forum's period (${forum.startsOn} to ${forum.endsOn}).`,
      );
    }
    const id = newId();
    const info: Info = {
      id,
      forumId,
      title: input.title,
      startsAt,
      venue: input.venue,
      area: input.area,
      attendances: 0,
      createdAt: new Date().toISOString(),
    };
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...Keys.session(id), ...Keys.sessionIndex(forumId, startsAt, id), type: "Session", ...info },
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: Keys.forum(forumId),
              UpdateExpression: "ADD sessions :one",
              ConditionExpression: "attribute_exists(PK)",
              ExpressionAttributeValues: { ":one": 1 },
            },
          },
        ],
      }),
    );
    forumOfCache.set(id, forumId);
    return info;
  }

  // Access pattern: get a session (with its attendance counter) by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.session(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const session = await fromID(id);
    if (!session) throw notFound({ ko: "회차", en: "Session" });
    return session;
  }

  /** A session's forum never changes, so an instance remembers it. */
  const forumOfCache = new Map<string, string>();
  export async function forumOf(sessionId: string): Promise<string> {
    const hit = forumOfCache.get(sessionId);
    if (hit) return hit;
    const session = await mustGet(sessionId);
    if (forumOfCache.size > 10_000) forumOfCache.clear();
    forumOfCache.set(sessionId, session.forumId);
    return session.forumId;
  }

  // Access pattern: list a forum's sessions by start time (GSI1: FORUM#id, SESSION#startsAt).
  export async function listByForum(forumId: string): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.forum(forumId), skPrefix: Prefix.session })).map(toInfo);
  }

  /** Assigns a facilitator account to a session (idempotent). */
  export async function assignFacilitator(sessionId: string, userId: string): Promise<Facilitator> {
    const session = await mustGet(sessionId);
    const user = await User.fromID(userId);
    if (!user) throw invalid("user_not_found", "userId", "해당 사용자가 없습니다.", "There is no user with this id.");
    if (user.disabled) {
      throw invalid("user_disabled", "userId", "사용이 중지된 계정은 배정할 수 없습니다.", "A disabled account cannot be assigned.");
    }
    const facilitator: Facilitator = { userId: user.id, name: user.name, email: user.email };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...Keys.assignment(sessionId, userId),
          ...Keys.assignmentIndex(userId, session.startsAt, sessionId),
          type: "Assignment",
          sessionId,
          forumId: session.forumId,
          ...facilitator,
        },
      }),
    );
    assignmentCache.set(`${sessionId}/${userId}`, { assigned: true, until: Date.now() + ASSIGNMENT_CACHE_MS });
    return facilitator;
  }

  export async function unassignFacilitator(sessionId: string, userId: string): Promise<void> {
    await db().send(new DeleteCommand({ TableName: tableName(), Key: Keys.assignment(sessionId, userId) }));
    assignmentCache.delete(`${sessionId}/${userId}`);
  }

  // Access pattern: a session's facilitators (PK SESSION#id, SK begins_with FACILITATOR#).
  export async function listFacilitators(sessionId: string): Promise<Facilitator[]> {
    const items = await queryPartition({ pk: Keys.session(sessionId).PK, skPrefix: Prefix.facilitator });
    return items.map((i) => Facilitator.parse(i));
  }

  // Access pattern: the sessions assigned to a facilitator (GSI1: FACILITATOR#userId).
  export async function listForFacilitator(userId: string): Promise<Info[]> {
    const items = await queryPartition({ index: GSI1, pk: IndexPartition.facilitatorSessions(userId) });
    const sessions = await Promise.all(items.map((i) => fromID(i.sessionId as string)));
    return sessions.filter((s): s is Info => s !== undefined);
  }

  const ASSIGNMENT_CACHE_MS = 10_000;
  const assignmentCache = new Map<string, { assigned: boolean; until: number }>();

  // Access pattern: is this user assigned to this session? (one GetItem, kept for a few seconds)
  export async function isFacilitator(sessionId: string, userId: string): Promise<boolean> {
    const key = `${sessionId}/${userId}`;
    const hit = assignmentCache.get(key);
    if (hit && hit.until > Date.now()) return hit.assigned;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.assignment(sessionId, userId) }));
    const assigned = res.Item !== undefined;
    if (assignmentCache.size > 10_000) assignmentCache.clear();
    assignmentCache.set(key, { assigned, until: Date.now() + ASSIGNMENT_CACHE_MS });
    return assigned;
  }

  export const notAssigned = () =>
    new AppError("forbidden", "not_assigned", {
      ko: "이 회차에 배정된 진행자만 할 수 있습니다.",
      en: "Only facilitators assigned to this session may do this.",
    });
}
