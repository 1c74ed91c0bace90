import ExcelJS from "exceljs";
import { z } from "zod";
import { Forum } from "../attendance/forum.js";
import { Session } from "../attendance/session.js";
import { Proposal } from "../proposals/proposal.js";
import { Card } from "./card.js";
import { Decision } from "./decision.js";
import { Funnel } from "./funnel.js";
import { Money } from "./money.js";
import { Project } from "./project.js";

/**
 * Staff exports of a forum's road from proposals to projects — XLSX (one sheet per step and a
 * summary that repeats the funnel; typed numbers in 천원, dates as `2023. 9. 15.`, Korean headers)
 * and CSV (one step, UTF-8 with a BOM, which Korean Excel opens correctly) — and the public open
 * data of the funnel (JSON, CSV) without personal data or task-force names. Only the files Lambda
 * loads this module (it carries the spreadsheet library).
 *
 * Text that begins with =, +, -, @, a tab or a carriage return is prefixed with ' so that no
 * spreadsheet runs it as a formula; numbers stay numbers (a cut of -64,000 is a number).
 */
export namespace Export {
  export const SHEETS = ["proposals", "core", "plans", "selected", "funded", "running"] as const;
  export const Sheet = z.enum(SHEETS);
  export type Sheet = z.infer<typeof Sheet>;

  export const Query = z.object({
    format: z.enum(["xlsx", "csv"]),
    stage: Project.Stage.optional(),
    field: z.string().max(30).optional(),
    /** CSV holds one step: which (default: plans). */
    sheet: Sheet.optional(),
  });
  export type Query = z.infer<typeof Query>;

  export const OpenQuery = z.object({ format: z.enum(["json", "csv"]) });

  const SHEET_KO: Record<Sheet, string> = {
    proposals: "제안",
    core: "핵심 의제",
    plans: "실행계획",
    selected: "협치회의 선정",
    funded: "구의회 예산",
    running: "추진 현황",
  };

  type Cell = string | number | Date | undefined;
  interface Column {
    header: string;
    kind?: "money" | "date" | "number" | "percent";
    width?: number;
  }
  interface Table {
    sheet: Sheet;
    columns: Column[];
    rows: Cell[][];
  }

  const SOURCE_KO = { session: "회차", online: "온라인", import: "가져오기" } as const;
  const STATUS_KO = { on_track: "정상", delayed: "지연", blocked: "중단" } as const;
  const STAGE_KO: Record<Proposal.Stage, string> = { proposed: "제안", core: "핵심 의제", project: "실행계획", funded: "예산 반영" };

  /** A date string (YYYY-MM-DD or ISO) as a date at noon UTC, so that no time zone moves its day. */
  const day = (s: string | undefined) => (s ? new Date(`${s.slice(0, 10)}T12:00:00Z`) : undefined);

  /** The tables of a forum's road, filtered by a project stage and a field. */
  export async function tables(forumId: string, filter: { stage?: Project.Stage; field?: string } = {}): Promise<{ forum: Forum.Info; tables: Table[]; funnel: Funnel.Step[] }> {
    const forum = await Forum.mustGet(forumId);
    const [all, projectsAll, sessions, funnel] = await Promise.all([Proposal.all(forum.id), Project.listByForum(forum.id), Session.listByForum(forum.id), Funnel.counters(forum.id)]);
    const sessionTitle = new Map(sessions.map((s) => [s.id, s.title]));
    const byField = <T extends { field: string }>(xs: T[]) => (filter.field ? xs.filter((x) => x.field === filter.field) : xs);
    const proposals = byField(all.filter((p) => p.status === "published"));
    const core = proposals.filter((p) => p.stage !== "proposed");
    const projects = byField(filter.stage ? projectsAll.filter((p) => p.stage === filter.stage) : projectsAll);
    const titleOf = new Map(projectsAll.map((p) => [p.id, p.title]));
    const council = (p: Project.Info) => Project.current(p, "council");
    const budget = (p: Project.Info) => Project.current(p, "budget");
    const reason = (d: Project.Decision | undefined) => [d?.reasonCode ? Decision.REASONS_KO[d.reasonCode as Decision.ReasonCode] : undefined, d?.reason].filter(Boolean).join(" — ");
    const selected = projects.filter((p) => council(p)?.outcome === "selected");
    return {
      forum,
      funnel: Funnel.steps(funnel),
      tables: [
        {
          sheet: "proposals",
          columns: [{ header: "번호", kind: "number", width: 6 }, { header: "제목", width: 40 }, { header: "분야", width: 10 }, { header: "출처", width: 8 }, { header: "회차", width: 20 }, { header: "동", width: 10 }, { header: "단계", width: 10 }, { header: "접수일", kind: "date", width: 12 }],
          rows: proposals.map((p, i) => [i + 1, p.title, p.field, SOURCE_KO[p.source], p.sessionId ? sessionTitle.get(p.sessionId) ?? p.sessionTitle : "", p.area ?? "", STAGE_KO[p.stage], day(p.createdAt)]),
        },
        {
          sheet: "core",
          columns: [{ header: "번호", kind: "number", width: 6 }, { header: "핵심 의제", width: 40 }, { header: "분야", width: 10 }, { header: "출처", width: 8 }, { header: "실행계획", width: 40 }, { header: "단계", width: 10 }],
          rows: core.map((p, i) => [i + 1, p.title, p.field, SOURCE_KO[p.source], p.projectIds.map((id) => titleOf.get(id) ?? id).join(", "), STAGE_KO[p.stage]]),
        },
        {
          sheet: "plans",
          columns: [
            { header: "사업명", width: 36 },
            { header: "분야(분과)", width: 10 },
            { header: "사업 시작", kind: "date", width: 12 },
            { header: "사업 종료", kind: "date", width: 12 },
            { header: "의제 수", kind: "number", width: 8 },
            { header: "추진반 공공", kind: "number", width: 10 },
            { header: "추진반 민간", kind: "number", width: 10 },
            { header: "신청액", kind: "money", width: 14 },
            { header: "단계", width: 10 },
          ],
          rows: projects.map((p) => [p.title, p.field, day(p.period.startsOn), day(p.period.endsOn), p.agendaIds.length, p.taskForce.publicMembers, p.taskForce.privateMembers, p.money.requested.amount, Project.STAGE_KO[p.stage]]),
        },
        {
          sheet: "selected",
          columns: [
            { header: "사업명", width: 36 },
            { header: "분야(분과)", width: 10 },
            { header: "결정", width: 8 },
            { header: "신청액", kind: "money", width: 14 },
            { header: "제안액", kind: "money", width: 14 },
            { header: "증감", kind: "money", width: 14 },
            { header: "결정일", kind: "date", width: 12 },
            { header: "회의", width: 28 },
            { header: "사유", width: 30 },
          ],
          rows: projects
            .filter((p) => council(p))
            .map((p) => {
              const d = council(p)!;
              const proposed = d.outcome === "selected" ? d.amount : 0;
              return [p.title, p.field, d.outcome === "selected" ? "선정" : "미선정", p.money.requested.amount, proposed, proposed - p.money.requested.amount, day(d.decidedOn), d.meeting?.name ?? "", reason(d)];
            }),
        },
        {
          sheet: "funded",
          columns: [
            { header: "사업명", width: 36 },
            { header: "분야(분과)", width: 10 },
            { header: "결정", width: 10 },
            { header: "제안액", kind: "money", width: 14 },
            { header: "반영액", kind: "money", width: 14 },
            { header: "증감", kind: "money", width: 14 },
            { header: "결정일", kind: "date", width: 12 },
            { header: "사유", width: 30 },
          ],
          rows: selected.map((p) => {
            const d = budget(p);
            const proposed = p.money.proposed?.amount ?? 0;
            const approved = d?.outcome === "funded" ? d.amount : 0;
            const outcome = !d ? "결정 전" : d.outcome === "rejected" ? "미반영" : approved < proposed ? "감액 반영" : "전액 반영";
            return [p.title, p.field, outcome, proposed, approved, d ? approved - proposed : undefined, day(d?.decidedOn), reason(d)];
          }),
        },
        {
          sheet: "running",
          columns: [
            { header: "사업명", width: 36 },
            { header: "분야(분과)", width: 10 },
            { header: "단계", width: 10 },
            { header: "반영액", kind: "money", width: 14 },
            { header: "집행액", kind: "money", width: 14 },
            { header: "집행률", kind: "percent", width: 10 },
            { header: "최근 분기", width: 10 },
            { header: "진척도", kind: "percent", width: 10 },
            { header: "상태", width: 8 },
            { header: "미제출 분기", width: 12 },
          ],
          rows: selected
            .filter((p) => budget(p)?.outcome === "funded")
            .map((p) => {
              const last = p.cards.at(-1);
              const approved = p.money.approved?.amount ?? 0;
              return [p.title, p.field, Project.STAGE_KO[p.stage], approved, p.money.executed, approved > 0 ? p.money.executed / approved : 0, last?.quarter ?? "", last ? last.progress / 100 : undefined, last ? STATUS_KO[last.status] : "", Card.overdue(p) ?? ""];
            }),
        },
      ],
    };
  }

  /** What a text cell becomes: formulas neutralised. */
  export function safeText(s: string): string {
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  }

  const MONEY = '#,##0"천원";-#,##0"천원";0"천원"';
  const DATE = "yyyy. m. d.";

  export async function xlsx(forumId: string, filter: { stage?: Project.Stage; field?: string } = {}): Promise<Uint8Array> {
    const { forum, tables: all, funnel } = await tables(forumId, filter);
    const wb = new ExcelJS.Workbook();
    wb.creator = "Gongnon";
    wb.created = new Date();
    const summary = wb.addWorksheet("요약");
    summary.columns = [{ width: 18 }, { width: 10 }, { width: 18 }, { width: 20 }];
    summary.addRow([safeText(forum.title)]).font = { bold: true, size: 14 };
    summary.addRow([`${forum.startsOn} ~ ${forum.endsOn}`, "", "", `작성일 ${new Date().toISOString().slice(0, 10)}`]);
    summary.addRow([]);
    const head = summary.addRow(["단계", "건수", "금액", "금액(읽기)"]);
    head.font = { bold: true };
    const STEP_KO: Record<Funnel.StepName, string> = { proposals: "제안", core: "핵심 의제", plans: "실행계획", selected: "협치회의 선정", funded: "구의회 예산 반영", running: "추진·완료" };
    for (const s of funnel) {
      const row = summary.addRow([STEP_KO[s.step], s.count, s.money ?? null, s.money !== undefined ? Money.prose(s.money) : ""]);
      row.getCell(3).numFmt = MONEY;
    }
    for (const t of all) {
      const ws = wb.addWorksheet(SHEET_KO[t.sheet]);
      ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width ?? 12 }));
      ws.getRow(1).font = { bold: true };
      ws.views = [{ state: "frozen", ySplit: 1 }];
      for (const r of t.rows) {
        const row = ws.addRow(r.map((v) => (typeof v === "string" ? safeText(v) : v ?? null)));
        t.columns.forEach((c, i) => {
          const cell = row.getCell(i + 1);
          if (c.kind === "money") cell.numFmt = MONEY;
          else if (c.kind === "date") cell.numFmt = DATE;
          else if (c.kind === "percent") cell.numFmt = "0%";
        });
      }
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  const csvCell = (v: Cell, kind?: Column["kind"]): string => {
    if (v === undefined) return "";
    if (v instanceof Date) return `${v.getUTCFullYear()}. ${v.getUTCMonth() + 1}. ${v.getUTCDate()}.`;
    if (typeof v === "number") return kind === "percent" ? String(Math.round(v * 1000) / 10) : String(v);
    const s = safeText(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };

  /** One table as CSV: UTF-8 with a byte-order mark, commas, CRLF (what Excel expects). */
  export function toCsv(t: { columns: Column[]; rows: Cell[][] }): Uint8Array {
    const lines = [t.columns.map((c) => csvCell(c.header)).join(","), ...t.rows.map((r) => r.map((v, i) => csvCell(v, t.columns[i]?.kind)).join(","))];
    return new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);
  }

  export async function csv(forumId: string, sheet: Sheet = "plans", filter: { stage?: Project.Stage; field?: string } = {}): Promise<Uint8Array> {
    const { tables: all } = await tables(forumId, filter);
    return toCsv(all.find((t) => t.sheet === sheet)!);
  }

  // ——— Open data (public): the funnel and the projects, no personal data ——————————————

  export const OpenData = z.object({
    forum: z.object({ id: z.string(), title: z.string(), startsOn: z.string(), endsOn: z.string() }),
    funnel: z.array(Funnel.Step),
    projects: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        field: z.string(),
        stage: Project.Stage,
        period: z.object({ startsOn: z.string(), endsOn: z.string() }),
        agendas: z.number(),
        taskForce: z.object({ publicMembers: z.number(), privateMembers: z.number() }),
        requested: z.number(),
        proposed: z.number().optional(),
        approved: z.number().optional(),
        executed: z.number(),
        council: z.object({ outcome: z.string(), on: z.string(), reason: z.string().optional() }).optional(),
        budget: z.object({ outcome: z.string(), on: z.string(), reason: z.string().optional() }).optional(),
        latest: z.object({ quarter: z.string(), progress: z.number(), status: z.string() }).optional(),
      }),
    ),
    generatedAt: z.string(),
    unit: z.literal("thousand KRW"),
  });
  export type OpenData = z.infer<typeof OpenData>;

  export async function openData(forumId: string): Promise<OpenData> {
    const forum = await Forum.mustGet(forumId);
    const [counters, projects] = await Promise.all([Funnel.counters(forum.id), Project.listByForum(forum.id)]);
    const decided = (d: Project.Decision | undefined) =>
      d ? { outcome: d.outcome, on: d.decidedOn, ...(d.reasonCode || d.reason ? { reason: [d.reasonCode ? Decision.REASONS_KO[d.reasonCode as Decision.ReasonCode] : undefined, d.reason].filter(Boolean).join(" — ") } : {}) } : undefined;
    return {
      forum: { id: forum.id, title: forum.title, startsOn: forum.startsOn, endsOn: forum.endsOn },
      funnel: Funnel.steps(counters),
      projects: projects.map((p) => {
        const last = p.cards.at(-1);
        return {
          id: p.id,
          title: p.title,
          field: p.field,
          stage: p.stage,
          period: p.period,
          agendas: p.agendaIds.length,
          taskForce: { publicMembers: p.taskForce.publicMembers, privateMembers: p.taskForce.privateMembers },
          requested: p.money.requested.amount,
          proposed: p.money.proposed?.amount,
          approved: p.money.approved?.amount,
          executed: p.money.executed,
          council: decided(Project.current(p, "council")),
          budget: decided(Project.current(p, "budget")),
          latest: last ? { quarter: last.quarter, progress: last.progress, status: last.status } : undefined,
        };
      }),
      generatedAt: new Date().toISOString(),
      unit: "thousand KRW",
    };
  }

  export function openDataCsv(d: OpenData): Uint8Array {
    const columns: Column[] = ["사업 ID", "사업명", "분야", "단계", "사업 시작", "사업 종료", "의제 수", "추진반 공공", "추진반 민간", "신청액(천원)", "제안액(천원)", "반영액(천원)", "집행액(천원)", "협치회의", "구의회", "최근 분기", "진척도(%)"].map((header) => ({ header }));
    return toCsv({
      columns,
      rows: d.projects.map((p) => [
        p.id,
        p.title,
        p.field,
        p.stage,
        day(p.period.startsOn),
        day(p.period.endsOn),
        p.agendas,
        p.taskForce.publicMembers,
        p.taskForce.privateMembers,
        p.requested,
        p.proposed,
        p.approved,
        p.executed,
        p.council ? `${p.council.outcome} ${p.council.on}${p.council.reason ? ` ${p.council.reason}` : ""}` : "",
        p.budget ? `${p.budget.outcome} ${p.budget.on}${p.budget.reason ? ` ${p.budget.reason}` : ""}` : "",
        p.latest?.quarter ?? "",
        p.latest?.progress,
      ]),
    });
  }
}
