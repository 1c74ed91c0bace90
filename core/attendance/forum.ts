import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, notFound, whenFieldsValid } from "../shared/errors.js";
import { Text } from "../shared/text.js";
import { GSI1, IndexPartition, Keys, db, newId, queryPartition, tableName, updateExisting } from "../shared/table.js";
import { DateOnly } from "../shared/time.js";

export namespace Forum {
  /** The governance council's four subcommittees: the fields a forum sorts its proposals into unless told otherwise. */
  export const DEFAULT_FIELDS = ["행정경제", "복지보건", "도시건설", "청년문화"] as const;

  /**
   * The standing inbox of the always-open online portal: proposals made while no forum is open
   * for intake wait here until staff move them into a forum. It is not a stored forum.
   */
  export const INBOX = "inbox";

  export const Intake = z.enum(["open", "closed"]);
  export type Intake = z.infer<typeof Intake>;

  export const Fields = z
    .array(Text.field({ ko: "분야", en: "a field" }, { min: 1, max: 30 }))
    .min(1, { error: "분야를 하나 이상 정하세요 / give at least one field" })
    .max(20, { error: "분야는 20개까지입니다 / at most 20 fields" })
    .refine((f) => new Set(f).size === f.length, { error: "같은 분야가 두 번 있습니다 / a field is listed twice" });

  const Title = Text.field({ ko: "제목", en: "the title" }, { min: 1, max: 200 });
  const Description = Text.field({ ko: "설명", en: "the description" }, { max: 5000 });

  export const CreateInput = z
    .object({
      title: Title,
      startsOn: DateOnly,
      endsOn: DateOnly,
      description: Description.optional(),
      fields: Fields.optional(),
      intake: Intake.optional(),
    })
    .refine((f) => f.endsOn >= f.startsOn, {
      path: ["endsOn"],
      error: "종료일은 시작일과 같거나 그 뒤여야 합니다 / endsOn must not be before startsOn",
      ...whenFieldsValid,
    });
  export type CreateInput = z.infer<typeof CreateInput>;

  export const UpdateInput = z
    .object({
      title: Title.optional(),
      description: Description.optional(),
      fields: Fields.optional(),
      intake: Intake.optional(),
      /** A cycle whose record is complete: its projects, decisions and cards no longer change. */
      archived: z.boolean().optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Info = z.object({
    id: z.string(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    description: z.string().optional(),
    /** The fields its proposals are sorted into. */
    fields: z.array(z.string()),
    /** Whether residents' online proposals (and imports) are taken. */
    intake: Intake,
    archived: z.boolean(),
    sessions: z.number(),
    attendances: z.number(),
    participants: z.number(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  /** Where proposals can go: a forum, or the standing inbox. */
  export const Target = z.object({
    forumId: z.string(),
    title: z.string(),
    fields: z.array(z.string()),
    intake: Intake,
    inbox: z.boolean(),
  });
  export type Target = z.infer<typeof Target>;

  export const inboxTarget = (): Target => ({
    forumId: INBOX,
    title: "온라인 상시 제안함 (Online inbox)",
    fields: [...DEFAULT_FIELDS],
    intake: "open",
    inbox: true,
  });

  // Forums stored before fields and intake existed read as the default fields, intake closed.
  const toInfo = (item: Record<string, unknown>): Info =>
    Info.parse({ sessions: 0, attendances: 0, participants: 0, fields: [...DEFAULT_FIELDS], intake: "closed", archived: false, ...item });

  export async function create(input: CreateInput): Promise<Info> {
    const id = newId();
    const info: Info = {
      id,
      title: input.title,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      description: input.description,
      fields: input.fields ?? [...DEFAULT_FIELDS],
      intake: input.intake ?? "open",
      archived: false,
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

  /** Changes a forum's title, description, fields or intake. */
  export async function update(id: string, input: UpdateInput): Promise<Info> {
    if (id === INBOX) throw inboxIsFixed();
    return toInfo(await updateExisting(Keys.forum(id), input, { ko: "공론장", en: "Forum" }));
  }

  // Access pattern: get a forum (with its counters) by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    if (id === INBOX) return undefined;
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.forum(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const forum = await fromID(id);
    if (!forum) throw notFound({ ko: "공론장", en: "Forum" });
    return forum;
  }

  /** A forum, or the inbox, as a place proposals go. */
  export async function target(id: string): Promise<Target> {
    if (id === INBOX) return inboxTarget();
    const f = await mustGet(id);
    return { forumId: f.id, title: f.title, fields: f.fields, intake: f.intake, inbox: false };
  }

  // Access pattern: list forums, newest first (GSI1: FORUMS by start date).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.forums, descending: true })).map(toInfo);
  }

  /** Where the online portal sends a new proposal: the newest forum open for intake, else the inbox. */
  export async function intakeTarget(): Promise<Target> {
    const open = (await list()).find((f) => f.intake === "open");
    return open ? { forumId: open.id, title: open.title, fields: open.fields, intake: "open", inbox: false } : inboxTarget();
  }

  const inboxIsFixed = () =>
    new AppError("unprocessable", "inbox_fixed", {
      ko: "상시 제안함은 설정을 바꿀 수 없습니다.",
      en: "The standing inbox cannot be changed.",
    });
}
