import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { AppError, invalid, notFound } from "../shared/errors.js";
import { Keys, Prefix, db, queryPartition, tableName, type TransactItem } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";
import { Amount } from "./amount.js";
import { Project } from "./project.js";

/**
 * Management cards (관리카드): a funded project's task force reports every quarter — progress,
 * spend, milestones done and next, issues, and the date of its quarterly meeting. A card filed
 * again for the same quarter is an update of the first, whose earlier versions stay in its history.
 * Staff sign a card off. The project keeps a summary of each card and the executed money (the sum
 * of the spend), written in the same transaction as the card.
 */
export namespace Card {
  export const Status = z.enum(["on_track", "delayed", "blocked"]);
  export type Status = z.infer<typeof Status>;

  /** `2024Q1`. */
  export const Quarter = z.string().regex(/^20\d\dQ[1-4]$/, { error: "분기는 2024Q1 형식으로 적어 주세요 / the quarter is written like 2024Q1" });

  export const Input = z
    .object({
      quarter: Quarter,
      progress: z.number().int({ error: "진척도는 0~100의 정수입니다 / progress is a whole number from 0 to 100" }).min(0).max(100),
      status: Status,
      spend: Amount.Schema,
      milestonesDone: Text.field({ ko: "이번 분기 추진 내용", en: "the milestones done" }, { max: 2000 }),
      milestonesNext: Text.field({ ko: "다음 분기 계획", en: "the next milestones" }, { max: 2000 }),
      issues: Text.field({ ko: "문제점과 건의", en: "the issues" }, { max: 2000 }),
      meetingOn: DateOnly.optional(),
    })
    .strict();
  export type Input = z.infer<typeof Input>;

  const Version = z.object({ ...Input.shape, filedBy: z.object({ userId: z.string(), name: z.string() }), filedAt: z.string() });

  export const Info = Version.extend({
    projectId: z.string(),
    version: z.number(),
    signedOff: z.object({ userId: z.string(), name: z.string(), at: z.string() }).optional(),
    /** Earlier versions of this quarter's card, oldest first. */
    history: z.array(Version),
  });
  export type Info = z.infer<typeof Info>;

  /** What the public sees of a card: no names, no internal issues. */
  export const Public = Info.pick({ quarter: true, progress: true, status: true, spend: true, milestonesDone: true, milestonesNext: true, meetingOn: true }).extend({
    signedOff: z.boolean(),
  });
  export type Public = z.infer<typeof Public>;
  export const toPublic = (c: Info): Public => ({
    quarter: c.quarter,
    progress: c.progress,
    status: c.status,
    spend: c.spend,
    milestonesDone: c.milestonesDone,
    milestonesNext: c.milestonesNext,
    meetingOn: c.meetingOn,
    signedOff: c.signedOff !== undefined,
  });

  /** The first and last day of a quarter. */
  export function bounds(quarter: string): { startsOn: string; endsOn: string } {
    const year = Number(quarter.slice(0, 4));
    const q = Number(quarter.slice(5));
    const start = new Date(Date.UTC(year, (q - 1) * 3, 1));
    const end = new Date(Date.UTC(year, q * 3, 0));
    return { startsOn: start.toISOString().slice(0, 10), endsOn: end.toISOString().slice(0, 10) };
  }

  /** The quarters a period touches, in order. */
  export function quartersOf(period: { startsOn: string; endsOn: string }): string[] {
    const out: string[] = [];
    let y = Number(period.startsOn.slice(0, 4));
    let q = Math.floor((Number(period.startsOn.slice(5, 7)) - 1) / 3) + 1;
    for (;;) {
      const quarter = `${y}Q${q}`;
      if (bounds(quarter).startsOn > period.endsOn) return out;
      out.push(quarter);
      if (++q > 4) [y, q] = [y + 1, 1];
    }
  }

  export const OVERDUE_DAYS = 15;

  /**
   * The first quarter of a funded or running project's period that ended more than 15 days ago
   * without a card: what the staff dashboard flags.
   */
  export function overdue(p: Pick<Project.Info, "stage" | "period" | "cards">, today = kstToday()): string | undefined {
    if (!["funded", "running"].includes(p.stage)) return undefined;
    const filed = new Set(p.cards.map((c) => c.quarter));
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - OVERDUE_DAYS * 86400_000).toISOString().slice(0, 10);
    return quartersOf(p.period).find((q) => !filed.has(q) && bounds(q).endsOn < cutoff);
  }

  /** Files a quarter's card (or updates it: the earlier version goes to its history). */
  export async function file(projectId: string, input: Input, by: { userId: string; name: string }): Promise<Info> {
    return Project.write(projectId, async (before) => {
      if (!["funded", "running", "done"].includes(before.stage)) {
        throw new AppError("conflict", "not_funded", {
          ko: "예산이 반영된 사업만 관리카드를 제출할 수 있습니다.",
          en: "Only funded projects file management cards.",
        });
      }
      const { startsOn, endsOn } = bounds(input.quarter);
      if (endsOn < before.period.startsOn || startsOn > before.period.endsOn) {
        throw invalid(
          "quarter_outside_period",
          "quarter",
          `${input.quarter}는 사업 기간(${before.period.startsOn}~${before.period.endsOn}) 밖의 분기입니다.`,
          `${input.quarter} is outside the project's period (${before.period.startsOn} to ${before.period.endsOn}).`,
        );
      }
      if (startsOn > kstToday()) throw invalid("quarter_in_future", "quarter", `${input.quarter}는 아직 시작하지 않은 분기입니다.`, `${input.quarter} has not begun yet.`);
      const previous = await get(projectId, input.quarter);
      const at = new Date().toISOString();
      const version = { ...input, filedBy: by, filedAt: at };
      const card: Info = previous
        ? { ...previous, ...version, version: previous.version + 1, signedOff: undefined, history: [...previous.history, versionOf(previous)] }
        : { ...version, projectId, version: 1, history: [] };
      const summary: Project.CardSummary = { quarter: input.quarter, progress: input.progress, status: input.status, spend: input.spend, signedOff: false };
      const cards = [...before.cards.filter((c) => c.quarter !== input.quarter), summary].sort((a, b) => a.quarter.localeCompare(b.quarter));
      const next: Project.Info = {
        ...before,
        // The first card of a funded project means it is under way.
        stage: before.stage === "funded" ? "running" : before.stage,
        cards,
        money: { ...before.money, executed: cards.reduce((s, c) => s + c.spend, 0) },
        history: [...before.history, { at, event: "card", note: input.quarter }],
        updatedAt: at,
      };
      return { next, items: [put(card, previous?.version)], result: card };
    });
  }

  /** Staff sign a quarter's card off. */
  export async function signOff(projectId: string, quarter: string, by: { userId: string; name: string }): Promise<Info> {
    return Project.write(projectId, async (before) => {
      const card = await get(projectId, quarter);
      if (!card) throw notFound({ ko: `${quarter} 관리카드`, en: `The ${quarter} card` });
      const at = new Date().toISOString();
      const signed: Info = { ...card, signedOff: { ...by, at } };
      const next: Project.Info = { ...before, cards: before.cards.map((c) => (c.quarter === quarter ? { ...c, signedOff: true } : c)), updatedAt: at };
      return { next, items: [put(signed, card.version, true)], result: signed };
    });
  }

  const versionOf = (c: Info): z.infer<typeof Version> => ({
    quarter: c.quarter,
    progress: c.progress,
    status: c.status,
    spend: c.spend,
    milestonesDone: c.milestonesDone,
    milestonesNext: c.milestonesNext,
    issues: c.issues,
    meetingOn: c.meetingOn,
    filedBy: c.filedBy,
    filedAt: c.filedAt,
  });

  /** The card, new or replacing the version read. */
  function put(card: Info, previousVersion: number | undefined, sameVersion = false): TransactItem {
    return {
      Put: {
        TableName: tableName(),
        Item: { ...Keys.card(card.projectId, card.quarter), type: "Card", ...card },
        ...(previousVersion === undefined
          ? { ConditionExpression: "attribute_not_exists(PK)" }
          : { ConditionExpression: "version = :v", ExpressionAttributeValues: { ":v": sameVersion ? card.version : previousVersion } }),
      },
    };
  }

  // Access pattern: one quarter's card.
  export async function get(projectId: string, quarter: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.card(projectId, quarter), ConsistentRead: true }));
    return res.Item ? Info.parse({ history: [], ...res.Item }) : undefined;
  }

  // Access pattern: a project's cards by quarter (PK PROJECT#id, SK begins_with CARD#).
  export async function list(projectId: string): Promise<Info[]> {
    return (await queryPartition({ pk: Keys.project(projectId).PK, skPrefix: Prefix.card })).map((i) => Info.parse({ history: [], ...i }));
  }
}
