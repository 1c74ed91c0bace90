import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, invalid, notFound, whenFieldsValid } from "../shared/errors.js";
import { GSI1, IndexPartition, Keys, Prefix, cancellationReasons, db, newId, queryPartition, tableName, updateExisting } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";

/**
 * The district's governance bodies — the innovation & governance committee (혁신·협치위원회), the
 * policy advisory group (정책자문단), the governance council (협치회의), the governance experts
 * (협치전문가) — each with its size limit, subcommittees and terms, and their members. A member's
 * record holds a display name, the kind of seat, the subcommittee and the terms: nothing else
 * personal. The public sees counts and composition; names only where the district marks a body's
 * names public.
 */
export namespace Body {
  export const Kind = z.enum(["committee", "advisory", "council", "experts", "other"]);
  export type Kind = z.infer<typeof Kind>;
  export const Seat = z.enum(["ex_officio", "appointed", "public", "civil"]);
  export type Seat = z.infer<typeof Seat>;

  const Name = Text.field({ ko: "이름", en: "the name" }, { min: 1, max: 100 });
  const Subcommittees = z
    .array(Text.field({ ko: "분과", en: "a subcommittee" }, { min: 1, max: 30 }))
    .max(20)
    .refine((s) => new Set(s).size === s.length, { error: "같은 분과가 두 번 있습니다 / a subcommittee is listed twice" });

  export const CreateInput = z
    .object({
      name: Name,
      kind: Kind,
      /** The most members at any time. */
      sizeLimit: z.number().int().min(1).max(1000),
      subcommittees: Subcommittees,
      /** Whether it has a steering or planning committee (운영위원회, 기획위원회). */
      steering: z.boolean().optional(),
      termYears: z.number().int().min(1).max(10),
      /** How many times a member may be reappointed (연임); absent: any number of times. */
      maxRenewals: z.number().int().min(0).max(10).optional(),
      /** Whether the public may see its members' names. */
      publicNames: z.boolean().optional(),
      order: z.number().int().min(0).max(999).optional(),
      description: Text.field({ ko: "설명", en: "the description" }, { max: 1000 }).optional(),
    })
    .strict();
  export type CreateInput = z.infer<typeof CreateInput>;

  export const UpdateInput = CreateInput.partial().strict().refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type UpdateInput = z.infer<typeof UpdateInput>;

  export const Info = z.object({
    id: z.string(),
    name: z.string(),
    kind: Kind,
    sizeLimit: z.number(),
    subcommittees: z.array(z.string()),
    steering: z.boolean(),
    termYears: z.number(),
    maxRenewals: z.number().optional(),
    publicNames: z.boolean(),
    order: z.number(),
    description: z.string().optional(),
    /** Bumped by every membership change, which is written only if nobody changed it since it was read. */
    version: z.number(),
    createdAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  export const Term = z.object({ startsOn: DateOnly, endsOn: DateOnly }).strict().refine((t) => t.endsOn > t.startsOn, {
    path: ["endsOn"],
    error: "임기 종료일은 시작일 뒤여야 합니다 / a term ends after it starts",
    ...whenFieldsValid,
  });
  export type Term = z.infer<typeof Term>;

  export const MemberInput = z
    .object({
      displayName: Text.field({ ko: "표시 이름", en: "the display name" }, { min: 1, max: 50 }),
      seat: Seat,
      subcommittee: Text.field({ ko: "분과", en: "the subcommittee" }, { min: 1, max: 30 }).optional(),
      term: Term,
    })
    .strict();
  export type MemberInput = z.infer<typeof MemberInput>;

  export const MemberUpdate = z
    .object({
      displayName: MemberInput.shape.displayName.optional(),
      seat: Seat.optional(),
      subcommittee: MemberInput.shape.subcommittee.nullable().optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { error: "변경할 항목이 없습니다 / nothing to change" });
  export type MemberUpdate = z.infer<typeof MemberUpdate>;

  export const Member = z.object({
    id: z.string(),
    bodyId: z.string(),
    displayName: z.string(),
    seat: Seat,
    subcommittee: z.string().optional(),
    /** First appointment, then each renewal, in order. */
    terms: z.array(z.object({ startsOn: z.string(), endsOn: z.string() })),
    createdAt: z.string(),
  });
  export type Member = z.infer<typeof Member>;

  export const EXPIRY_WARNING_DAYS = 60;

  /** How a body stands on a day: counts by seat and subcommittee, and terms ending within 60 days. */
  export const Composition = z.object({
    bodyId: z.string(),
    on: z.string(),
    members: z.number(),
    sizeLimit: z.number(),
    bySeat: z.record(z.string(), z.number()),
    bySubcommittee: z.record(z.string(), z.number()),
    endingSoon: z.number(),
  });
  export type Composition = z.infer<typeof Composition>;

  const toInfo = (item: Record<string, unknown>): Info => Info.parse({ steering: false, publicNames: false, order: 0, version: 0, ...item });

  export async function create(input: CreateInput): Promise<Info> {
    const id = newId();
    const info: Info = {
      id,
      name: input.name,
      kind: input.kind,
      sizeLimit: input.sizeLimit,
      subcommittees: input.subcommittees,
      steering: input.steering ?? false,
      termYears: input.termYears,
      maxRenewals: input.maxRenewals,
      publicNames: input.publicNames ?? false,
      order: input.order ?? 0,
      description: input.description,
      version: 0,
      createdAt: new Date().toISOString(),
    };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.body(id), ...Keys.bodyIndex(info.order, id), type: "Body", ...info } }));
    return info;
  }

  export async function update(id: string, input: UpdateInput): Promise<Info> {
    const before = await mustGet(id);
    const next = { ...before, ...input };
    return toInfo(await updateExisting(Keys.body(id), { ...input, ...Keys.bodyIndex(next.order, id) }, { ko: "협치 기구", en: "Body" }));
  }

  // Access pattern: a body by id.
  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.body(id), ConsistentRead: true }));
    return res.Item ? toInfo(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const b = await fromID(id);
    if (!b) throw notFound({ ko: "협치 기구", en: "Body" });
    return b;
  }

  // Access pattern: every body, in its order (GSI1: BODIES).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.bodies })).map(toInfo);
  }

  // Access pattern: a body's members (PK BODY#id, SK begins_with MEMBER#).
  export async function members(bodyId: string): Promise<Member[]> {
    return (await queryPartition({ pk: Keys.body(bodyId).PK, skPrefix: Prefix.member })).map((i) => Member.parse(i));
  }

  const serving = (m: Member, day: string) => m.terms.some((t) => t.startsOn <= day && day <= t.endsOn);

  export function composition(body: Info, members: Member[], on = kstToday()): Composition {
    const now = members.filter((m) => serving(m, on));
    const soon = new Date(Date.parse(`${on}T00:00:00Z`) + EXPIRY_WARNING_DAYS * 86400_000).toISOString().slice(0, 10);
    const count = (key: (m: Member) => string | undefined) =>
      now.reduce<Record<string, number>>((acc, m) => {
        const k = key(m);
        if (k) acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {});
    return {
      bodyId: body.id,
      on,
      members: now.length,
      sizeLimit: body.sizeLimit,
      bySeat: count((m) => m.seat),
      bySubcommittee: count((m) => m.subcommittee),
      endingSoon: now.filter((m) => endingSoon(m, on, soon)).length,
    };
  }

  /** A member whose current term ends within 60 days and who has no next term. */
  const endingSoon = (m: Member, on: string, soon: string) => {
    const current = m.terms.find((t) => t.startsOn <= on && on <= t.endsOn);
    return current !== undefined && current.endsOn <= soon && !m.terms.some((t) => t.startsOn > current.endsOn);
  };

  export const flagEnding = (m: Member, on = kstToday()) =>
    endingSoon(m, on, new Date(Date.parse(`${on}T00:00:00Z`) + EXPIRY_WARNING_DAYS * 86400_000).toISOString().slice(0, 10));

  /** Appoints a member; refused beyond the body's size limit at any day of the term. */
  export async function addMember(bodyId: string, input: MemberInput): Promise<Member> {
    return changeMembers(bodyId, async (body, all) => {
      if (input.subcommittee !== undefined && !body.subcommittees.includes(input.subcommittee)) throw unknownSubcommittee(body, input.subcommittee);
      const member: Member = { id: newId(), bodyId, displayName: input.displayName, seat: input.seat, subcommittee: input.subcommittee, terms: [input.term], createdAt: new Date().toISOString() };
      assertWithinLimit(body, all, input.term);
      return member;
    });
  }

  /** Reappoints a member for another term (연임): not beyond the body's renewals, never overlapping. */
  export async function renew(bodyId: string, memberId: string, term: Term): Promise<Member> {
    return changeMembers(bodyId, async (body, all) => {
      const before = all.find((m) => m.id === memberId);
      if (!before) throw notFound({ ko: "위원", en: "Member" });
      if (body.maxRenewals !== undefined && before.terms.length > body.maxRenewals) {
        throw new AppError(
          "conflict",
          "renewals_exceeded",
          {
            ko: `${body.name}은(는) 연임을 ${body.maxRenewals}회까지 허용합니다. ${before.displayName} 위원은 이미 ${before.terms.length}번 임기를 맡았습니다.`,
            en: `${body.name} allows ${body.maxRenewals} renewal(s); ${before.displayName} has already served ${before.terms.length} term(s).`,
          },
          { field: "term" },
        );
      }
      const overlap = before.terms.find((t) => t.startsOn <= term.endsOn && term.startsOn <= t.endsOn);
      if (overlap) {
        throw new AppError(
          "conflict",
          "terms_overlap",
          { ko: `새 임기가 기존 임기(${overlap.startsOn}~${overlap.endsOn})와 겹칩니다.`, en: `The new term overlaps an earlier one (${overlap.startsOn} to ${overlap.endsOn}).` },
          { field: "term" },
        );
      }
      const member: Member = { ...before, terms: [...before.terms, term].sort((a, b) => a.startsOn.localeCompare(b.startsOn)) };
      assertWithinLimit(body, all.filter((m) => m.id !== memberId), term);
      return member;
    });
  }

  export async function updateMember(bodyId: string, memberId: string, input: MemberUpdate): Promise<Member> {
    return changeMembers(bodyId, async (body, all) => {
      const before = all.find((m) => m.id === memberId);
      if (!before) throw notFound({ ko: "위원", en: "Member" });
      if (input.subcommittee && !body.subcommittees.includes(input.subcommittee)) throw unknownSubcommittee(body, input.subcommittee);
      return {
        ...before,
        displayName: input.displayName ?? before.displayName,
        seat: input.seat ?? before.seat,
        subcommittee: input.subcommittee === null ? undefined : (input.subcommittee ?? before.subcommittee),
      };
    });
  }

  /**
   * A membership change, computed from the body's members as read and written together with a
   * bump of the body's version: two appointments racing for the last seat cannot both land.
   */
  async function changeMembers(bodyId: string, change: (body: Info, members: Member[]) => Promise<Member>): Promise<Member> {
    for (let attempt = 0; ; attempt++) {
      const body = await mustGet(bodyId);
      const member = await change(body, await members(bodyId));
      try {
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName(),
                  Key: Keys.body(bodyId),
                  UpdateExpression: "SET version = :next",
                  ConditionExpression: "attribute_exists(PK) AND (attribute_not_exists(version) OR version = :v)",
                  ExpressionAttributeValues: { ":v": body.version, ":next": body.version + 1 },
                },
              },
              { Put: { TableName: tableName(), Item: { ...Keys.member(bodyId, member.id), type: "Member", ...member } } },
            ],
          }),
        );
        return member;
      } catch (err) {
        if (!cancellationReasons(err) || attempt >= 8) throw err;
      }
    }
  }

  /** The most members serving on any day of `term`, with the one it is for, must not pass the limit. */
  function assertWithinLimit(body: Info, others: Member[], term: Term) {
    const points = [term.startsOn, ...others.flatMap((m) => m.terms.map((t) => t.startsOn)).filter((d) => d > term.startsOn && d <= term.endsOn)];
    const most = Math.max(...points.map((d) => others.filter((m) => serving(m, d)).length + 1));
    if (most > body.sizeLimit) {
      throw new AppError(
        "conflict",
        "body_full",
        {
          ko: `${body.name}의 정원은 ${body.sizeLimit}명입니다. 이 임기 중에 ${most}명이 되어 위촉할 수 없습니다.`,
          en: `${body.name} has at most ${body.sizeLimit} members; during this term it would have ${most}.`,
        },
        { field: "term" },
      );
    }
  }

  const unknownSubcommittee = (body: Info, s: string) =>
    invalid("subcommittee_unknown", "subcommittee", `‘${s}’은(는) ${body.name}의 분과가 아닙니다 (${body.subcommittees.join(", ")}).`, `‘${s}’ is not a subcommittee of ${body.name} (${body.subcommittees.join(", ")}).`);

  /** What the public sees of a member: the seat and subcommittee, and the name only where the body publishes names. */
  export const publicMember = (body: Info, m: Member) => (body.publicNames ? m : { ...m, displayName: "" });
}
