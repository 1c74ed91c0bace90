import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { notFound } from "./errors.js";
import { GSI1, IndexPartition, Keys, db, newId, queryPartition, tableName } from "./table.js";
import { DateOnly } from "./time.js";

export namespace Forum {
  export const CreateInput = z
    .object({
      title: z.string().trim().min(1).max(200),
      startsOn: DateOnly,
      endsOn: DateOnly,
      description: z.string().trim().max(5000).optional(),
    })
    .refine((f) => f.endsOn >= f.startsOn, {
      path: ["endsOn"],
      error: "종료일은 시작일과 같거나 그 뒤여야 합니다 / endsOn must not be before startsOn",
    });
  export type CreateInput = z.infer<typeof CreateInput>;

  export const Info = z.object({
    id: z.string(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    description: z.string().optional(),
    sessions: z.number(),
    attendances: z.number(),
    participants: z.number(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  const toInfo = (item: Record<string, unknown>): Info =>
    Info.parse({ sessions: 0, attendances: 0, participants: 0, ...item });

  export async function create(input: CreateInput): Promise<Info> {
    const id = newId();
    const info: Info = {
      id,
      title: input.title,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      description: input.description,
      sessions: 0,
      attendances: 0,
      participants: 0,
      createdAt: new Date().toISOString(),
    };
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...Keys.forum(id), ...Keys.forumIndex(input.startsOn, id), type: "Forum", ...info },
      }),
    );
    return info;
  }

  // Access pattern: get a forum (with its counters) by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.forum(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const forum = await fromID(id);
    if (!forum) throw notFound({ ko: "공론장", en: "Forum" });
    return forum;
  }

  // Access pattern: list forums, newest first (GSI1: FORUMS by start date).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.forums, descending: true })).map(toInfo);
  }
}
