import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { Forum } from "../attendance/forum.js";
import { Session } from "../attendance/session.js";
import { Project } from "../projects/project.js";
import { AppError, invalid, notFound } from "../shared/errors.js";
import { GSI1, IndexPartition, Keys, db, newId, queryPartition, tableName } from "../shared/table.js";
import { Text } from "../shared/text.js";
import { DateOnly, kstToday } from "../shared/time.js";
import { Body } from "./body.js";
import { DesignatedTask, Meeting } from "./meeting.js";

/**
 * The pledge (공약) the district measures its cooperative governance by: indicators with weights,
 * yearly targets over the pledge's years and quarterly targets for a year, each with **the rule
 * that counts its actual from the record** — meetings of a body of given kinds (a round of
 * subcommittees once, or each subcommittee), a body's designated tasks, forum sessions held. Rate
 * = actual ÷ target; total = Σ weight × rate. Nobody types an actual.
 */
export namespace Pledge {
  export const Rule = z.discriminatedUnion("source", [
    z.object({
      source: z.literal("meetings"),
      bodyId: z.string().min(1).max(64),
      kinds: z.array(Meeting.Kind).min(1),
      /** A meeting of several subcommittees counts once, or once per subcommittee. */
      subcommittees: z.enum(["once", "each"]),
    }).strict(),
    z.object({ source: z.literal("tasks"), bodyId: z.string().min(1).max(64) }).strict(),
    z.object({ source: z.literal("sessions"), /** Only these forums' sessions; absent: every forum's. */ forumIds: z.array(z.string().min(1).max(64)).max(100).optional() }).strict(),
  ]);
  export type Rule = z.infer<typeof Rule>;

  const Count = z.number().int().min(0).max(100_000);
  const Year = z.string().regex(/^20\d\d$/, { error: "연도는 2023처럼 네 자리로 적어 주세요 / a year is written like 2023" });

  export const Item = z
    .object({
      key: z.string().regex(/^[a-z0-9-]{1,30}$/),
      title: Text.field({ ko: "세부 사업", en: "the item" }, { min: 2, max: 100 }),
      indicator: Text.field({ ko: "확인지표", en: "the indicator" }, { min: 2, max: 100 }),
      unit: Text.field({ ko: "단위", en: "the unit" }, { min: 1, max: 10 }),
      /** Percent of the pledge. */
      weight: z.number().min(0).max(100),
      targets: z.record(Year, Count),
      quarterly: z.object({ year: Year, targets: z.array(Count).length(4) }).strict().optional(),
      rule: Rule,
    })
    .strict();
  export type Item = z.infer<typeof Item>;

  export const BudgetInput = z
    .object({
      /** 백만 원 (million KRW), as the plan's tables give it. */
      unit: z.literal("million KRW"),
      plan: z.record(Year, z.number().min(0).max(10_000_000)),
      byItem: z.array(z.object({ item: Text.field({ ko: "항목", en: "the item" }, { min: 1, max: 100 }), amount: z.number().min(0).max(10_000_000), projects: z.boolean().optional() }).strict()).max(20),
      executed: z.record(Year, z.number().min(0).max(10_000_000)),
    })
    .strict();
  export type BudgetInput = z.infer<typeof BudgetInput>;

  export const Input = z
    .object({
      title: Text.field({ ko: "공약 이름", en: "the title" }, { min: 2, max: 200 }),
      fromYear: z.number().int().min(2000).max(2100),
      toYear: z.number().int().min(2000).max(2100),
      items: z.array(Item).min(1).max(20),
      budget: BudgetInput.optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      if (p.toYear < p.fromYear) ctx.addIssue({ code: "custom", path: ["toYear"], message: "끝 연도가 시작 연도보다 앞섭니다 / toYear is before fromYear" });
      const total = p.items.reduce((s, i) => s + i.weight, 0);
      if (Math.abs(total - 100) > 1e-9) {
        ctx.addIssue({ code: "custom", path: ["items"], message: `지표의 비율을 더하면 100%여야 합니다 (지금 ${total}%) / the weights must add up to 100% (now ${total}%)` });
      }
      const inside = (y: string) => Number(y) >= p.fromYear && Number(y) <= p.toYear;
      p.items.forEach((item, i) => {
        for (const y of Object.keys(item.targets)) {
          if (!inside(y)) ctx.addIssue({ code: "custom", path: ["items", i, "targets", y], message: `${y}년은 공약 기간(${p.fromYear}~${p.toYear}) 밖입니다 / ${y} is outside the pledge's years` });
        }
        if (item.quarterly && !inside(item.quarterly.year)) {
          ctx.addIssue({ code: "custom", path: ["items", i, "quarterly", "year"], message: `${item.quarterly.year}년은 공약 기간 밖입니다 / that year is outside the pledge's years` });
        }
      });
      for (const y of [...Object.keys(p.budget?.plan ?? {}), ...Object.keys(p.budget?.executed ?? {})]) {
        if (!inside(y)) ctx.addIssue({ code: "custom", path: ["budget"], message: `${y}년은 공약 기간 밖입니다 / ${y} is outside the pledge's years` });
      }
      if (new Set(p.items.map((i) => i.key)).size !== p.items.length) ctx.addIssue({ code: "custom", path: ["items"], message: "같은 key의 지표가 두 번 있습니다 / an indicator key is listed twice" });
    });
  export type Input = z.infer<typeof Input>;

  export const Info = z.object({
    id: z.string(),
    title: z.string(),
    fromYear: z.number(),
    toYear: z.number(),
    items: z.array(Item),
    budget: BudgetInput.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
  export type Info = z.infer<typeof Info>;

  async function checkRules(input: Input) {
    for (const [i, item] of input.items.entries()) {
      if (item.rule.source === "sessions") continue;
      const body = await Body.fromID(item.rule.bodyId);
      if (!body) throw invalid("body_unknown", `items.${i}.rule.bodyId`, "지표가 세는 협치 기구가 없습니다.", "The indicator counts a body that does not exist.");
    }
  }

  export async function create(input: Input): Promise<Info> {
    await checkRules(input);
    const at = new Date().toISOString();
    const info: Info = { ...input, id: newId(), createdAt: at, updatedAt: at };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.pledge(info.id), ...Keys.pledgeIndex(at, info.id), type: "Pledge", ...info } }));
    return info;
  }

  /** Replaces the pledge's definition (items, targets, rules, budget). */
  export async function replace(id: string, input: Input): Promise<Info> {
    const before = await mustGet(id);
    await checkRules(input);
    const info: Info = { ...input, id, createdAt: before.createdAt, updatedAt: new Date().toISOString() };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.pledge(id), ...Keys.pledgeIndex(before.createdAt, id), type: "Pledge", ...info } }));
    return info;
  }

  export async function fromID(id: string): Promise<Info | undefined> {
    const res = await db().send(new GetCommand({ TableName: tableName(), Key: Keys.pledge(id), ConsistentRead: true }));
    return res.Item ? Info.parse(res.Item) : undefined;
  }

  export async function mustGet(id: string): Promise<Info> {
    const p = await fromID(id);
    if (!p) throw notFound({ ko: "공약", en: "Pledge" });
    return p;
  }

  // Access pattern: every pledge, oldest first (GSI1: PLEDGES).
  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.pledges })).map((i) => Info.parse(i));
  }

  // ——— The dashboard ————————————————————————————————————————————————————————

  const QuarterRow = z.object({ quarter: z.number(), target: z.number().optional(), actual: z.number(), behind: z.boolean(), ended: z.boolean() });
  export const Indicator = z.object({
    key: z.string(),
    title: z.string(),
    indicator: z.string(),
    unit: z.string(),
    weight: z.number(),
    target: z.number(),
    actual: z.number(),
    /** Percent, one decimal, as the report prints it. */
    rate: z.number(),
    byYear: z.array(z.object({ year: z.string(), target: z.number().optional(), actual: z.number() })),
    quarterly: z.object({ year: z.string(), quarters: z.array(QuarterRow) }).optional(),
    /** What the actual counts, in words. */
    rule: z.object({ ko: z.string(), en: z.string() }),
  });
  export type Indicator = z.infer<typeof Indicator>;

  export const Dashboard = z.object({
    pledgeId: z.string(),
    title: z.string(),
    asOf: z.string(),
    fromYear: z.number(),
    toYear: z.number(),
    indicators: z.array(Indicator),
    /** Σ weight × rate, percent, one decimal. */
    total: z.number(),
    /** The arithmetic, so anyone can redo it. */
    formula: z.string(),
    budget: z
      .object({
        unit: z.literal("million KRW"),
        plan: z.array(z.object({ year: z.string(), amount: z.number() })),
        planTotal: z.number(),
        byItem: z.array(z.object({ item: z.string(), amount: z.number(), approved: z.number().optional(), executed: z.number().optional() })),
        executed: z.array(z.object({ year: z.string(), amount: z.number() })),
        executedTotal: z.number(),
      })
      .optional(),
  });
  export type Dashboard = z.infer<typeof Dashboard>;

  const round1 = (n: number) => Math.round(n * 10) / 10;
  const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

  /** The dates each indicator counts, from the record, as of a day. */
  async function events(rule: Rule, from: string, asOf: string): Promise<string[]> {
    const inRange = (d: string) => d >= from && d <= asOf;
    if (rule.source === "meetings") {
      return (await Meeting.listByBody(rule.bodyId))
        .filter((m) => rule.kinds.includes(m.kind) && inRange(m.on))
        .flatMap((m) => Array.from({ length: rule.subcommittees === "each" ? Math.max(1, m.subcommittees.length) : 1 }, () => m.on));
    }
    if (rule.source === "tasks") return (await DesignatedTask.listByBody(rule.bodyId)).map((t) => t.startsOn).filter(inRange);
    const forums = rule.forumIds ?? (await Forum.list()).map((f) => f.id);
    const sessions = (await Promise.all(forums.map((f) => Session.listByForum(f)))).flat();
    // A session is held once it has begun (its KST date).
    return sessions.map((s) => s.startsAt.slice(0, 10)).filter(inRange);
  }

  async function describe(rule: Rule): Promise<{ ko: string; en: string }> {
    if (rule.source === "sessions") return { ko: "공론장 회차 개최 수 (Gongnon의 회차 기록)", en: "forum sessions held (Gongnon's session records)" };
    const body = await Body.fromID(rule.bodyId);
    const name = body?.name ?? rule.bodyId;
    if (rule.source === "tasks") return { ko: `${name} 지정과제 수`, en: `designated tasks of ${name}` };
    const KO: Record<Meeting.Kind, string> = { full: "전체회의", steering: "운영위원회", planning: "기획위원회", subcommittee: "분과위원회", extended_subcommittee: "확대분과회의", other: "기타 회의" };
    return {
      ko: `${name}의 ${rule.kinds.map((k) => KO[k]).join("·")} 개최 수 (분과 회의는 ${rule.subcommittees === "each" ? "분과마다 1회" : "한 번에 1회"})`,
      en: `${name}'s ${rule.kinds.join(", ")} meetings held (a subcommittee round counts ${rule.subcommittees === "each" ? "once per subcommittee" : "once"})`,
    };
  }

  /** The dashboard as of a day: per indicator target, actual, rate and weight; the weighted total; the budget. */
  export async function dashboard(id: string, asOf = kstToday()): Promise<Dashboard> {
    const pledge = await mustGet(id);
    const from = `${pledge.fromYear}-01-01`;
    const indicators: Indicator[] = [];
    for (const item of pledge.items) {
      const dates = await events(item.rule, from, asOf);
      const target = Object.values(item.targets).reduce((s, n) => s + n, 0);
      const years = Array.from({ length: pledge.toYear - pledge.fromYear + 1 }, (_, i) => String(pledge.fromYear + i));
      const byYear = years.map((year) => ({ year, target: item.targets[year], actual: dates.filter((d) => d.startsWith(year)).length }));
      const quarterly = item.quarterly
        ? {
            year: item.quarterly.year,
            quarters: [1, 2, 3, 4].map((q) => {
              const actual = dates.filter((d) => d.startsWith(item.quarterly!.year) && quarterOf(d) === q).length;
              const qTarget = item.quarterly!.targets[q - 1]!;
              const endsOn = new Date(Date.UTC(Number(item.quarterly!.year), q * 3, 0)).toISOString().slice(0, 10);
              const ended = endsOn <= asOf;
              return { quarter: q, target: qTarget > 0 ? qTarget : undefined, actual, behind: ended && actual < qTarget, ended };
            }),
          }
        : undefined;
      indicators.push({
        key: item.key,
        title: item.title,
        indicator: item.indicator,
        unit: item.unit,
        weight: item.weight,
        target,
        actual: dates.length,
        rate: target > 0 ? round1((dates.length / target) * 100) : 0,
        byYear,
        quarterly,
        rule: await describe(item.rule),
      });
    }
    const total = round1(indicators.reduce((s, i) => s + (i.weight / 100) * i.rate, 0));
    const formula = `${indicators.map((i) => `${(i.weight / 100).toFixed(2)} × ${i.rate.toFixed(1)}`).join(" + ")} = ${total.toFixed(1)}`;
    return { pledgeId: pledge.id, title: pledge.title, asOf, fromYear: pledge.fromYear, toYear: pledge.toYear, indicators, total, formula, budget: await budget(pledge) };
  }

  /** The budget plan and execution; the projects line takes the funded projects' approved and executed money. */
  async function budget(pledge: Info): Promise<Dashboard["budget"]> {
    const b = pledge.budget;
    if (!b) return undefined;
    const byYear = (r: Record<string, number>) => Object.entries(r).sort(([a], [c]) => a.localeCompare(c)).map(([year, amount]) => ({ year, amount }));
    const projects = (await Promise.all((await Forum.list()).map((f) => Project.listByForum(f.id)))).flat();
    const funded = projects.filter((p) => Project.current(p, "budget")?.outcome === "funded" && Number(p.period.startsOn.slice(0, 4)) >= pledge.fromYear);
    // 천원 → 백만 원.
    const approved = funded.reduce((s, p) => s + (p.money.approved?.amount ?? 0), 0) / 1000;
    const executed = funded.reduce((s, p) => s + p.money.executed, 0) / 1000;
    return {
      unit: "million KRW",
      plan: byYear(b.plan),
      planTotal: Object.values(b.plan).reduce((s, n) => s + n, 0),
      byItem: b.byItem.map((i) => (i.projects ? { item: i.item, amount: i.amount, approved: round1(approved), executed: round1(executed) } : { item: i.item, amount: i.amount })),
      executed: byYear(b.executed),
      executedTotal: Object.values(b.executed).reduce((s, n) => s + n, 0),
    };
  }

  export const AsOf = z.object({ asOf: DateOnly.optional(), pledgeId: z.string().min(1).max(64).optional() });

  /** The newest pledge (the district's current one), for the public dashboard. */
  export async function current(): Promise<Info> {
    const all = await list();
    const last = all.at(-1);
    if (!last) throw new AppError("not_found", "no_pledge", { ko: "아직 등록된 공약이 없습니다.", en: "No pledge has been set up yet." });
    return last;
  }

}

/**
 * Yearly aggregates for the years before Gongnon (council meetings, forum sessions, projects
 * found and their money), entered by hand and always labelled so, beside what Gongnon counts.
 */
export namespace History {
  export const SERIES = ["council-meetings", "forum-sessions", "projects-found", "projects-budget"] as const;
  export const Series = z.enum(SERIES);
  export type Series = z.infer<typeof Series>;

  export const Input = z
    .object({
      title: Text.field({ ko: "제목", en: "the title" }, { min: 2, max: 100 }),
      unit: Text.field({ ko: "단위", en: "the unit" }, { min: 1, max: 20 }),
      /** By year; null where the record has none (–). */
      values: z.record(z.string().regex(/^(19|20)\d\d$/), z.number().min(0).max(10_000_000).nullable()),
      source: Text.field({ ko: "출처", en: "the source" }, { max: 300 }).optional(),
    })
    .strict();
  export type Input = z.infer<typeof Input>;

  /** Not strict: a stored item carries its keys beside these fields. */
  export const Info = z.object(Input.shape).extend({ series: Series, enteredBy: z.literal("hand"), updatedAt: z.string() });
  export type Info = z.infer<typeof Info>;

  export async function put(series: Series, input: Input): Promise<Info> {
    const info: Info = { ...input, series, enteredBy: "hand", updatedAt: new Date().toISOString() };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...Keys.historySeries(series), type: "HistorySeries", ...info } }));
    return info;
  }

  export async function list(): Promise<Info[]> {
    return (await queryPartition({ index: GSI1, pk: IndexPartition.history })).map((i) => Info.parse(i));
  }

  /** What Gongnon counted itself for the same series, by year, from its own record. */
  export async function counted(): Promise<Record<Series, Record<string, number>>> {
    const out: Record<Series, Record<string, number>> = { "council-meetings": {}, "forum-sessions": {}, "projects-found": {}, "projects-budget": {} };
    const add = (s: Series, year: string, n: number) => (out[s][year] = (out[s][year] ?? 0) + n);
    const council = (await Body.list()).filter((b) => b.kind === "council");
    for (const b of council) for (const m of await Meeting.listByBody(b.id)) add("council-meetings", m.on.slice(0, 4), 1);
    for (const f of await Forum.list()) {
      for (const s of await Session.listByForum(f.id)) if (s.startsAt.slice(0, 10) <= kstToday()) add("forum-sessions", s.startsAt.slice(0, 4), 1);
      for (const p of await Project.listByForum(f.id)) {
        const funded = Project.current(p, "budget");
        if (funded?.outcome !== "funded") continue;
        // By the year the project was found (its funding decision), as the seed's table counts.
        add("projects-found", funded.decidedOn.slice(0, 4), 1);
        add("projects-budget", funded.decidedOn.slice(0, 4), funded.amount / 1000);
      }
    }
    return out;
  }
}
