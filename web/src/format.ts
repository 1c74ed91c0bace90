import { lang, locale } from "./i18n.js";

/** Dates as the district sees them: always Korea Standard Time, whatever the device's zone. */
const TZ = "Asia/Seoul";

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** A calendar date (YYYY-MM-DD) with its weekday. */
export function formatDate(day: string): string {
  const d = new Date(`${day}T12:00:00+09:00`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, year: "numeric", month: "long", day: "numeric", weekday: "short" }).format(d);
}

export function formatPeriod(from: string, to: string): string {
  return `${formatDate(from)} ~ ${formatDate(to)}`;
}

/** A session's start (an ISO date-time with offset). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TZ,
    month: "long",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
    hour12: lang() === "ko",
  }).format(d);
}

/** Short month/day for chart axes. */
export function formatShortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, month: "numeric", day: "numeric" }).format(d);
}

export function formatClock(d: Date): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: TZ, hour: "numeric", minute: "2-digit", second: "2-digit", hour12: lang() === "ko" }).format(d);
}
