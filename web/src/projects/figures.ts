/**
 * The pure arithmetic of the projects' pages (no DOM, no strings): quarters of a period, the money
 * ladder's steps, the funnel chart's geometry. tests/unit/web/projects.test.ts checks the quarters
 * against core's own rule (core/projects/card.ts, which the browser cannot import: it carries the
 * database client).
 */

/** Today in Korea (YYYY-MM-DD), whatever the device's zone: the API dates decisions and quarters so. */
export const kstToday = (now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** The first and last day of a quarter (`2024Q1`). */
export function quarterBounds(quarter: string): { startsOn: string; endsOn: string } {
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
  for (let guard = 0; guard < 200; guard++) {
    const quarter = `${y}Q${q}`;
    if (quarterBounds(quarter).startsOn > period.endsOn) break;
    out.push(quarter);
    if (++q > 4) [y, q] = [y + 1, 1];
  }
  return out;
}

/** The quarters of the period a card may be filed for today: those that have begun. */
export const fileableQuarters = (period: { startsOn: string; endsOn: string }, today = kstToday()) =>
  quartersOf(period).filter((q) => quarterBounds(q).startsOn <= today);

/** A whole number of 천원 as typed: digits, with or without thousands separators; NaN when it is not one. */
export function parseAmount(typed: string): number {
  const clean = typed.replace(/[,\s]/g, "").replace(/천원$/, "");
  return /^\d+$/.test(clean) ? Number(clean) : Number.NaN;
}

export const sum = (amounts: number[]) => amounts.reduce((s, a) => s + (Number.isFinite(a) ? a : 0), 0);

export type LadderKey = "requested" | "proposed" | "approved" | "executed";
export const LADDER: LadderKey[] = ["requested", "proposed", "approved", "executed"];

export interface LadderStep {
  key: LadderKey;
  /** Undefined while the step has not been reached (no decision yet). */
  amount?: number;
  on?: string;
  reason?: string;
}

/** requested → proposed → approved → executed; a step the project has not reached has no amount. */
export function ladderSteps(money: {
  requested: { amount: number; on: string; reason?: string };
  proposed?: { amount: number; on: string; reason?: string };
  approved?: { amount: number; on: string; reason?: string };
  executed: number;
}, opts: { funded: boolean }): LadderStep[] {
  return [
    { key: "requested", ...money.requested },
    { key: "proposed", ...money.proposed },
    { key: "approved", ...money.approved },
    opts.funded ? { key: "executed", amount: money.executed } : { key: "executed" },
  ];
}

/** One row of the funnel chart: where its bar sits, in the chart's own pixels. */
export interface FunnelRow {
  y: number;
  barX: number;
  barWidth: number;
  /** Where the labels go: beside the bar (wide) or above it (narrow). */
  labelY: number;
}

/**
 * The funnel's rows for a chart `width` pixels wide: wide charts put the step's name left and its
 * figures right of a centred bar; narrow ones (phones) put both above a bar across the width. Bar
 * widths are proportional to the counts (never thinner than a visible sliver).
 */
export function funnelLayout(counts: number[], width: number) {
  const narrow = width < 760;
  const left = narrow ? 0 : Math.min(280, width * 0.28);
  const right = narrow ? 0 : Math.min(240, width * 0.26);
  const rowHeight = narrow ? 76 : 64;
  const bar = narrow ? 28 : 40;
  const gap = narrow ? 10 : 18;
  const plot = Math.max(40, width - left - right);
  const max = Math.max(1, ...counts);
  const rows: FunnelRow[] = counts.map((c, i) => {
    const top = i * (rowHeight + gap);
    const w = Math.max(6, (c / max) * plot);
    return { y: narrow ? top + 36 : top + (rowHeight - bar) / 2, barX: left + (plot - w) / 2, barWidth: w, labelY: narrow ? top + 22 : top + rowHeight / 2 };
  });
  return { narrow, left, right, plot, rowHeight, bar, gap, rows, height: counts.length * (rowHeight + gap) - gap };
}

/** The funnel's steps in order (core's Funnel.STEPS; the unit test holds them equal). */
export const FUNNEL_STEPS = ["proposals", "core", "plans", "selected", "funded", "running"] as const;
export type FunnelStepName = (typeof FUNNEL_STEPS)[number];
export const previousStep = (step: FunnelStepName): FunnelStepName | undefined => FUNNEL_STEPS[FUNNEL_STEPS.indexOf(step) - 1];
export const isStep = (s: unknown): s is FunnelStepName => typeof s === "string" && (FUNNEL_STEPS as readonly string[]).includes(s);
