import { z } from "zod";

/** Dates and times. Forums are Korean: times without an offset are Korea Standard Time (UTC+9, no DST). */

export const DateOnly = z.iso.date({ error: "YYYY-MM-DD 형식의 날짜여야 합니다 / must be a date, YYYY-MM-DD" });

export const DateTime = z.iso
  .datetime({ local: true, offset: true, error: "날짜와 시각이어야 합니다 (예: 2023-04-17T19:00) / must be a date and time, e.g. 2023-04-17T19:00" });

const KST_MS = 9 * 3600_000;

/** Normalises a date-time to KST with an explicit offset: 2023-04-17T19:00:00+09:00. */
export function toKst(value: string): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}+09:00`);
  const kst = new Date(ms + KST_MS).toISOString().slice(0, 19);
  return `${kst}+09:00`;
}

/** The KST calendar date of a KST date-time. */
export const kstDate = (kst: string) => kst.slice(0, 10);

/** A date as Korean documents write it: `2023. 9. 15.` */
export const koDate = (day: string) => `${Number(day.slice(0, 4))}. ${Number(day.slice(5, 7))}. ${Number(day.slice(8, 10))}.`;

/** Today's date in Korea (YYYY-MM-DD). */
export const kstToday = (now = new Date()) => new Date(now.getTime() + KST_MS).toISOString().slice(0, 10);
