import ExcelJS from "exceljs";
import { koDate } from "../shared/time.js";
import { Body } from "./body.js";
import { DesignatedTask, Meeting } from "./meeting.js";
import { Pledge } from "./pledge.js";

/**
 * The pledge progress report as an XLSX in the shape of the district's own tables: 추진실적 총괄
 * (indicators, weights, targets, actuals, rates, the total), 일정별 추진실적 (the dated log), 예산
 * 집행액 (plan and execution by year), 분기별 목표 (the year's quarterly targets and actuals). Korean
 * dates and formats. Only the files Lambda loads this module.
 */
export namespace Report {
  const DATE = "yyyy. m. d.";
  const PERCENT = '0.0"%"';
  const day = (s: string) => new Date(`${s}T12:00:00Z`);

  /** The dated log: meetings of every body and the designated tasks, oldest first. */
  export async function log(from: string, asOf: string): Promise<{ on: string; what: string; detail: string }[]> {
    const rows: { on: string; what: string; detail: string }[] = [];
    for (const body of await Body.list()) {
      for (const m of await Meeting.listByBody(body.id)) {
        if (m.on < from || m.on > asOf) continue;
        const detail = [...m.agenda, ...m.decisions, ...(m.policyProposals > 0 ? [`정책제안 ${m.policyProposals}건`] : [])].map((x) => `· ${x}`).join(" ");
        rows.push({ on: m.on, what: m.title, detail });
      }
      for (const t of await DesignatedTask.listByBody(body.id)) {
        if (t.startsOn < from || t.startsOn > asOf) continue;
        rows.push({ on: t.startsOn, what: `${body.name} 지정과제 활동`, detail: `· 대상: ${t.invited}명(실제 참여자 ${t.participated}명) · 내용: ${t.topic}${t.summary ? ` · 방법: ${t.summary}` : ""}` });
      }
    }
    return rows.sort((a, b) => a.on.localeCompare(b.on));
  }

  export async function xlsx(pledgeId: string, asOf: string): Promise<Uint8Array> {
    const d = await Pledge.dashboard(pledgeId, asOf);
    const wb = new ExcelJS.Workbook();
    wb.creator = "Gongnon";

    const total = wb.addWorksheet("추진실적 총괄");
    total.columns = [{ width: 6 }, { width: 32 }, { width: 16 }, { width: 16 }, { width: 8 }, { width: 8 }, { width: 8 }, { width: 16 }];
    total.addRow([`${d.title} — 추진실적 총괄 (${koDate(asOf)} 기준)`]).font = { bold: true, size: 13 };
    total.addRow(["구분", "세부 사업", "전체사업 대비비율(%)", "확인지표", "단위", "목표", "실적", "사업 이행률(%)"]).font = { bold: true };
    d.indicators.forEach((i, n) => {
      const row = total.addRow([n + 1, i.title, i.weight, i.indicator, i.unit, i.target, i.actual, i.rate]);
      row.getCell(8).numFmt = PERCENT;
    });
    const sum = total.addRow(["", "총 이행률(%)", "", "", "", "", "", d.total]);
    sum.font = { bold: true };
    sum.getCell(8).numFmt = PERCENT;
    total.addRow([]);
    total.addRow(["", `계산: ${d.formula}`]);

    const dated = wb.addWorksheet("일정별 추진실적");
    dated.columns = [{ header: "연번", width: 6 }, { header: "일자", width: 12 }, { header: "추진사항", width: 48 }, { header: "세부내용", width: 90 }];
    dated.getRow(1).font = { bold: true };
    (await log(`${d.fromYear}-01-01`, asOf)).forEach((r, n) => {
      const row = dated.addRow([n + 1, day(r.on), r.what, r.detail]);
      row.getCell(2).numFmt = DATE;
    });

    const money = wb.addWorksheet("예산 집행액");
    money.columns = [{ width: 28 }, { width: 10 }, ...Array.from({ length: d.toYear - d.fromYear + 1 }, () => ({ width: 10 }))];
    const years = Array.from({ length: d.toYear - d.fromYear + 1 }, (_, i) => String(d.fromYear + i));
    money.addRow(["(단위: 백만 원)"]);
    money.addRow(["구분", "계", ...years]).font = { bold: true };
    if (d.budget) {
      const at = (rows: { year: string; amount: number }[], y: string) => rows.find((r) => r.year === y)?.amount ?? null;
      money.addRow(["투자계획", d.budget.planTotal, ...years.map((y) => at(d.budget!.plan, y))]);
      money.addRow(["집행액", d.budget.executedTotal, ...years.map((y) => at(d.budget!.executed, y))]);
      money.addRow([]);
      money.addRow(["사업별 계획", "계획", "반영(협치과제)", "집행(협치과제)"]).font = { bold: true };
      for (const i of d.budget.byItem) money.addRow([i.item, i.amount, i.approved ?? null, i.executed ?? null]);
    }
    money.eachRow((row, n) => {
      if (n > 2) row.eachCell((cell, c) => c > 1 && typeof cell.value === "number" && (cell.numFmt = "#,##0.#"));
    });

    const quarters = wb.addWorksheet("분기별 목표");
    quarters.columns = [{ width: 32 }, { width: 16 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }];
    const year = d.indicators.find((i) => i.quarterly)?.quarterly?.year ?? asOf.slice(0, 4);
    quarters.addRow([`${year}년 분기별 목표와 실적`]).font = { bold: true };
    quarters.addRow(["세부 사업", "확인지표", "구분", "계", "1/4", "2/4", "3/4", "4/4"]).font = { bold: true };
    for (const i of d.indicators) {
      if (!i.quarterly) continue;
      const t = i.quarterly.quarters.map((q) => q.target ?? null);
      const a = i.quarterly.quarters.map((q) => q.actual);
      quarters.addRow([i.title, i.indicator, "목표", t.reduce<number>((s, n) => s + (n ?? 0), 0), ...t]);
      const row = quarters.addRow(["", "", "실적", a.reduce((s, n) => s + n, 0), ...a]);
      i.quarterly.quarters.forEach((q, k) => {
        if (q.behind) row.getCell(5 + k).font = { color: { argb: "FFB3261E" }, bold: true };
      });
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
}
