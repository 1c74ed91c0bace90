import { createSignal, For, onCleanup, onMount } from "solid-js";
import { Money } from "../../../core/projects/money.js";
import { formatDate, formatNumber } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { Icon, type IconName } from "../app/ui.js";
import type { CardStatus, DecisionRecord, Ladder, ProjectStage, ProjectView, ReasonCode } from "./api.js";
import { t, type Key } from "./strings.js";
import "./projects.css";

/** What the projects' pages share: stage and status badges, amounts in 천원 and in words, the reasons. */

export const REASON_CODES = ["duplicate", "budget", "feasibility", "legal", "priority", "scope", "other"] as const satisfies readonly ReasonCode[];
export const CARD_STATUSES = ["on_track", "delayed", "blocked"] as const satisfies readonly CardStatus[];

/** `225,500천원` (Korean budget tables), `225,500 thousand KRW`. */
export const money = (amount: number) => (lang() === "ko" ? Money.thousands(amount) : t("money.thousands", { n: formatNumber(amount) }));
/** `2억 2,550만 원`, `KRW 225.5 million`. */
export const moneyProse = (amount: number) => (lang() === "ko" ? Money.prose(amount) : Money.english(amount));

/** An amount both ways: the figure as budget tables write it, and in words underneath. */
export function Amount(props: { amount: number; testId?: string }) {
  return (
    <span class="amount">
      <span class="amount-figure" data-testid={props.testId}>
        {money(props.amount)}
      </span>
      <span class="amount-prose">{moneyProse(props.amount)}</span>
    </span>
  );
}

const STAGE_ICON: Record<ProjectStage, IconName> = {
  plan: "edit",
  selected: "check",
  not_selected: "error",
  funded: "star",
  rejected: "error",
  running: "sync",
  done: "check",
  cancelled: "hidden",
};

export const stageName = (stage: ProjectStage) => t(`stage.${stage}` as Key);

/** Colour, icon and word: never colour alone. */
export function StageBadge(props: { stage: ProjectStage; large?: boolean }) {
  return (
    <span class={`status-badge project-stage stage-${props.stage}`} classList={{ "status-large": props.large }} data-stage={props.stage} data-testid="project-stage">
      <Icon name={STAGE_ICON[props.stage]} size={props.large ? 20 : 16} />
      {stageName(props.stage)}
    </span>
  );
}

const STATUS_ICON: Record<CardStatus, IconName> = { on_track: "check", delayed: "warning", blocked: "error" };

export function CardStatusBadge(props: { status: CardStatus }) {
  return (
    <span class={`status-badge card-status card-${props.status}`}>
      <Icon name={STATUS_ICON[props.status]} size={16} />
      {t(`cardStatus.${props.status}` as Key)}
    </span>
  );
}

/** A quarter whose card is late (ended more than 15 days ago without one). */
export function OverdueFlag(props: { quarter: string }) {
  return (
    <span class="flag flag-warning" data-testid="overdue">
      <Icon name="warning" size={16} />
      {t("flag.overdue", { quarter: quarterName(props.quarter) })}
    </span>
  );
}

/** `2024Q1` → `2024년 1분기`, `Q1 2024`. */
export const quarterName = (quarter: string) => t("quarter", { year: quarter.slice(0, 4), q: quarter.slice(5) });

export const reasonName = (code: string) => ((REASON_CODES as readonly string[]).includes(code) ? t(`reason.${code}` as Key) : code);

/** A progress bar with its figure in words beside it (the bar itself is decoration). */
export function Progress(props: { value: number; status?: CardStatus }) {
  return (
    <span class="progress-line">
      <span class="progress progress-small" aria-hidden="true">
        <span class="progress-fill" classList={{ [`fill-${props.status ?? "on_track"}`]: true }} style={{ width: `${Math.max(0, Math.min(100, props.value))}%` }} />
      </span>
      <span class="progress-figure">{t("progress.value", { n: props.value })}</span>
    </span>
  );
}

/** The money ladder in brief: 신청 62,000 · 제안 58,500 · 반영 58,500 · 집행 41,500 (천원), a step not reached as "—". */
export function LadderBrief(props: { money: Ladder }) {
  const parts = () =>
    [
      { key: "requested", amount: props.money.requested.amount },
      { key: "proposed", amount: props.money.proposed?.amount },
      { key: "approved", amount: props.money.approved?.amount },
      { key: "executed", amount: props.money.approved ? props.money.executed : undefined },
    ] as const;
  return (
    <dl class="ladder-brief">
      <For each={parts()}>
        {(p) => (
          <div class="ladder-part" classList={{ "is-missing": p.amount === undefined }}>
            <dt>{t(`ladder.${p.key}` as Key)}</dt>
            <dd>
              {p.amount === undefined ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span class="visually-hidden">{t("ladder.none")}</span>
                </>
              ) : (
                formatNumber(p.amount)
              )}
            </dd>
          </div>
        )}
      </For>
      <div class="ladder-unit">
        <dt class="visually-hidden">{t("ladder.col.amount")}</dt>
        <dd>{t("money.unit")}</dd>
      </div>
    </dl>
  );
}

/** The decision of a kind in force: the last one no other corrects (core's Project.current). */
export const currentDecision = (p: Pick<ProjectView, "decisions">, kind: DecisionRecord["kind"]) => p.decisions.filter((d) => d.kind === kind && !d.supersededBy).at(-1);

/** A decision's reason in words: the code's label and the free text. */
export const decisionReason = (d: Pick<DecisionRecord, "reasonCode" | "reason">) => [d.reasonCode ? reasonName(d.reasonCode) : undefined, d.reason].filter(Boolean).join(" — ");

export const dateOrDash = (day: string | undefined) => (day ? formatDate(day) : "—");

/** The width of an element in CSS pixels, kept up to date (charts draw in real pixels, so their text stays legible on a phone). */
export function createWidth(initial: number) {
  const [width, setWidth] = createSignal(initial);
  let el: HTMLElement | undefined;
  onMount(() => {
    if (!el) return;
    setWidth(Math.round(el.clientWidth) || initial);
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    onCleanup(() => ro.disconnect());
  });
  return { width, ref: (e: HTMLElement) => (el = e) };
}
