import { lang, locale } from "./i18n.js";

/** Dates as the district sees them: always Korea Standard Time, whatever the device's zone. */
const TZ = "Asia/Seoul";

/**
 * Intl formatters, made once per locale and options: making one costs far more than using it
 * (a few of them per bar made the forum page's chart one long main-thread task on a phone).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(loc: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${loc} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(loc, options)));
  return f;
}
function numberFormat(loc: string): Intl.NumberFormat {
  const key = `n ${loc}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(loc)));
  return f;
}

export function formatNumber(n: number): string {
  return numberFormat(locale()).format(n);
}

/** A calendar date (YYYY-MM-DD) with its weekday: 2023년 4월 17일(월), Mon 17 Apr 2023. */
export function formatDate(day: string): string {
  const d = new Date(`${day}T12:00:00+09:00`);
  if (Number.isNaN(d.getTime())) return day;
  if (lang() === "ko") {
    const wd = dateFormat("ko-KR", { timeZone: TZ, weekday: "short" }).format(d);
    const [y, m, dd] = day.split("-").map(Number);
    return `${y}년 ${m}월 ${dd}일(${wd})`;
  }
  return dateFormat("en-GB", { timeZone: TZ, year: "numeric", month: "short", day: "numeric", weekday: "short" }).format(d);
}

export function formatPeriod(from: string, to: string): string {
  return `${formatDate(from)} ~ ${formatDate(to)}`;
}

/** A session's start (an ISO date-time with offset). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = dateFormat(locale(), { timeZone: TZ, hour: "numeric", minute: "2-digit", hour12: lang() === "ko" }).format(d);
  const day = dateFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const [, m, dd] = day.split("-").map(Number);
  const wd = dateFormat(locale(), { timeZone: TZ, weekday: "short" }).format(d);
  return lang() === "ko" ? `${m}월 ${dd}일(${wd}) ${time}` : `${wd} ${dd} ${dateFormat("en-GB", { timeZone: TZ, month: "short" }).format(d)}, ${time}`;
}

/** Short month/day with weekday for chart axes: 4/17(월), Mon 17/4. */
export function formatShortDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = dateFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const [, m, dd] = day.split("-").map(Number);
  const wd = dateFormat(locale(), { timeZone: TZ, weekday: "short" }).format(d);
  return lang() === "ko" ? `${m}/${dd}(${wd})` : `${wd} ${dd}/${m}`;
}

export function formatClock(d: Date): string {
  return dateFormat(locale(), { timeZone: TZ, hour: "numeric", minute: "2-digit", second: "2-digit", hour12: lang() === "ko" }).format(d);
}
