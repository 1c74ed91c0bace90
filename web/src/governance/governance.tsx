import { useSearchParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatDate, formatNumber } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { Field, Icon } from "../app/ui.js";
import { dayParam } from "./queries.js";
export { dayParam };
import type { BodyKind, BodyView, MeetingKind, Seat, SeriesName, TaskMethod } from "./api.js";
import { t, type Key } from "./strings.js";
import "./governance.css";

/** What the governance pages share: the names of kinds and seats, figures as the report prints them, the as-of picker, the paired bar chart. */

export const BODY_KINDS = ["committee", "advisory", "council", "experts", "other"] as const satisfies readonly BodyKind[];
export const SEATS = ["ex_officio", "appointed", "public", "civil"] as const satisfies readonly Seat[];
export const MEETING_KINDS = ["full", "steering", "planning", "subcommittee", "extended_subcommittee", "other"] as const satisfies readonly MeetingKind[];
export const TASK_METHODS = ["offline_survey", "online_survey", "meeting", "other"] as const satisfies readonly TaskMethod[];
/** core's History.SERIES (the browser cannot import core's module: it carries the database client). */
export const SERIES = ["council-meetings", "forum-sessions", "projects-found", "projects-budget"] as const satisfies readonly SeriesName[];

export const bodyKindName = (kind: BodyKind) => t(`bodyKind.${kind}` as Key);
export const seatName = (seat: Seat) => t(`seat.${seat}` as Key);
export const meetingKindName = (kind: MeetingKind) => t(`meetingKind.${kind}` as Key);
export const methodName = (method: TaskMethod) => t(`method.${method}` as Key);

/** A rate as the report prints it: one decimal. */
export const percent = (n: number) => `${n.toFixed(1)}%`;
/** 백만 원 (million KRW), as the pledge's budget tables give it; the unit is written once, in the table's caption. */
export const millions = (n: number) => formatNumber(Math.round(n * 10) / 10);
/** A date as Korean documents write it: `2023. 12. 31.` (core's koDate; its module also carries zod, which the pages do not need). */
export const koDate = (day: string) => `${Number(day.slice(0, 4))}. ${Number(day.slice(5, 7))}. ${Number(day.slice(8, 10))}.`;
/** The report's dates: the Korean documents' style in Korean, the app's own date in English. */
export const reportDate = (day: string) => (lang() === "ko" ? koDate(day) : formatDate(day));
export const ordinalName = (n: number) => t("meeting.ordinal", { n });
export const quarterName = (q: number) => t("quarter.name", { q });
export const yearName = (y: string | number) => t("year.name", { y });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day before the same date `years` later: the last day of a term that starts on `day`. */
export function termEnd(day: string, years: number): string {
  if (!DAY.test(day)) return "";
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Lines typed one per line, blank ones dropped. */
export const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

/** A number typed into a field: empty is "none" (undefined), anything else as typed (the API says what is wrong with it). */
export const typedNumber = (s: string) => (s.trim() === "" ? undefined : Number(s));

/**
 * An API error whose field is a path inside one of the form's fields (`agenda.2`, `term.endsOn`,
 * `items.0.targets.2023`) named by the longest of `known` it starts with, so that createFormErrors
 * puts it next to that field.
 */
export function narrowField(err: unknown, known: string[]): unknown {
  if (!(err instanceof ApiError) || !err.field || known.includes(err.field)) return err;
  const f = err.field;
  const best = known.filter((k) => f.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  return best ? new ApiError(err.status, err.code, err.message, best, err.retryAfterSeconds) : err;
}

/** A quarter whose actual fell short of its target once it ended: colour, icon and word. */
export function BehindFlag() {
  return (
    <span class="flag-behind" data-testid="behind">
      <Icon name="warning" size={16} />
      {t("dash.behind")}
    </span>
  );
}

/** The day a page's figures are read on (기준일), in the address: a date field and a button. */
export function AsOfForm(props: { id: string; label: string; hint: string; value: string; param: string }) {
  const [, setSearch] = useSearchParams();
  const [day, setDay] = createSignal<string>();
  const shown = () => day() ?? props.value;
  return (
    <form
      class="asof-form"
      onSubmit={(e) => {
        e.preventDefault();
        setSearch({ [props.param]: dayParam(shown()) });
      }}
    >
      <Field id={props.id} type="date" label={props.label} hint={props.hint} value={shown()} onInput={(e) => setDay(e.currentTarget.value)} />
      <button type="submit" class="btn btn-secondary">
        {t("asOf.apply")}
      </button>
    </form>
  );
}

export interface PairGroup {
  label: string;
  /** The first series (a target, a value entered by hand); undefined where there is none. */
  a?: number;
  b?: number;
  /** Marked on the chart (a quarter behind schedule). */
  flagged?: boolean;
}

/**
 * Two series side by side per group (target and actual by quarter, entered by hand and counted by
 * Gongnon by year) as an SVG bar chart. One image to assistive technology, its title and a
 * description reading every figure; the page always shows the same figures in a table too.
 */
export function PairChart(props: { groups: PairGroup[]; names: [string, string]; title: string; idPrefix: string; flagText?: string }) {
  const groups = createMemo(() => props.groups);
  const W = () => Math.max(360, 40 + groups().length * 92);
  const H = 230;
  const top = 30;
  const bottom = 52;
  const plot = H - top - bottom;
  const max = () => Math.max(1, ...groups().flatMap((g) => [g.a ?? 0, g.b ?? 0]));
  const slot = () => (W() - 40) / Math.max(1, groups().length);
  const cx = (i: number) => 20 + slot() * (i + 0.5);
  const bar = 26;
  const h = (v: number) => (v / max()) * plot;
  const value = (v: number | undefined) => (v === undefined ? "—" : formatNumber(v));
  const description = () =>
    groups()
      .map((g) => `${g.label}: ${props.names[0]} ${value(g.a)}, ${props.names[1]} ${value(g.b)}${g.flagged && props.flagText ? ` (${props.flagText})` : ""}`)
      .join("; ");
  return (
    <svg class="pair-chart" viewBox={`0 0 ${W()} ${H}`} role="img" aria-labelledby={`${props.idPrefix}-title ${props.idPrefix}-desc`} preserveAspectRatio="xMidYMid meet">
      <title id={`${props.idPrefix}-title`}>{props.title}</title>
      <desc id={`${props.idPrefix}-desc`}>{description()}</desc>
      <For each={[0.5, 1]}>{(f) => <line x1="20" x2={W() - 20} y1={top + plot - f * plot} y2={top + plot - f * plot} class="grid" />}</For>
      <For each={groups()}>
        {(g, i) => (
          <g>
            <Show when={g.a !== undefined}>
              <rect x={cx(i()) - bar - 2} y={top + plot - h(g.a!)} width={bar} height={Math.max(h(g.a!), g.a! > 0 ? 2 : 0)} rx="3" class="bar-a" />
            </Show>
            <text x={cx(i()) - bar / 2 - 2} y={top + plot - h(g.a ?? 0) - 8} class="value" text-anchor="middle">
              {value(g.a)}
            </text>
            <rect x={cx(i()) + 2} y={top + plot - h(g.b ?? 0)} width={bar} height={Math.max(h(g.b ?? 0), (g.b ?? 0) > 0 ? 2 : 0)} rx="3" class="bar-b" classList={{ "is-flagged": !!g.flagged }} />
            <text x={cx(i()) + bar / 2 + 2} y={top + plot - h(g.b ?? 0) - 8} class="value" text-anchor="middle">
              {value(g.b)}
            </text>
            <text x={cx(i())} y={H - bottom + 22} class="label" text-anchor="middle">
              {g.label}
            </text>
            <Show when={g.flagged && props.flagText}>
              <text x={cx(i())} y={H - bottom + 42} class="flag-text" text-anchor="middle">
                ▲ {props.flagText}
              </text>
            </Show>
          </g>
        )}
      </For>
      <line x1="20" x2={W() - 20} y1={top + plot} y2={top + plot} class="axis" />
    </svg>
  );
}

/** The legend under paired charts: what each bar is, by its swatch and its word. */
export function PairLegend(props: { names: [string, string]; flagText?: string }) {
  return (
    <p class="pair-legend">
      <span class="legend-item">
        <span class="swatch swatch-a" aria-hidden="true" />
        {props.names[0]}
      </span>
      <span class="legend-item">
        <span class="swatch swatch-b" aria-hidden="true" />
        {props.names[1]}
      </span>
      <Show when={props.flagText}>
        <span class="legend-item">
          <span class="swatch swatch-flagged" aria-hidden="true" />
          {props.flagText}
        </span>
      </Show>
    </p>
  );
}

/** Members now against the limit, the term rule, terms ending within 60 days. */
export function CompositionSummary(props: { body: BodyView }) {
  const c = () => props.body.composition;
  return (
    <dl class="facts composition" data-testid="composition">
      <div>
        <dt>{t("bodies.kind")}</dt>
        <dd>{bodyKindName(props.body.kind)}</dd>
      </div>
      <div>
        <dt>{t("bodies.members", { date: formatDate(c().on) })}</dt>
        <dd data-testid="composition-members">{t("bodies.ofLimit", { n: formatNumber(c().members), max: formatNumber(c().sizeLimit) })}</dd>
      </div>
      <div>
        <dt>{t("bodies.term")}</dt>
        <dd>
          {props.body.maxRenewals === undefined
            ? t("bodies.termAny", { years: props.body.termYears })
            : t("bodies.termRenewals", { years: props.body.termYears, n: props.body.maxRenewals })}
        </dd>
      </div>
      <div>
        <dt>{t("bodies.endingSoon")}</dt>
        <dd data-testid="composition-ending">{t("common.people", { n: formatNumber(c().endingSoon) })}</dd>
      </div>
    </dl>
  );
}
