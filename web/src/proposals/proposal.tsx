import { For, Show } from "solid-js";
import type { ProposalEvent, ProposalItem, ProposalSource, ProposalStage, ProposalStatus } from "./api.js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { t } from "./strings.js";
import { INBOX } from "./queries.js";
import { Icon, type IconName } from "../app/ui.js";

/** The pieces every proposal page shares: badges, the funnel's stages, the history as a timeline, the counts per field. */

const STATUS_ICON: Record<ProposalStatus, IconName> = { pending: "sync", published: "eye", hidden: "hidden", merged: "merge" };

/** Colour, icon and word: never colour alone. */
export function StatusBadge(props: { status: ProposalStatus; large?: boolean }) {
  return (
    <span class={`status-badge status-${props.status}`} classList={{ "status-large": props.large }} data-status={props.status}>
      <Icon name={STATUS_ICON[props.status]} size={props.large ? 20 : 16} />
      {t(`proposal.status.${props.status}`)}
    </span>
  );
}

export function SourceBadge(props: { source: ProposalSource }) {
  return <span class={`badge badge-source source-${props.source}`}>{t(`proposal.source.${props.source}`)}</span>;
}

export function FieldBadge(props: { field: string }) {
  return <span class="badge badge-field">{props.field}</span>;
}

/** "1회차 — 동부권 · 탁자 3" for an agenda raised at a session; nothing otherwise. */
export function sessionLine(p: { sessionTitle?: string; table?: number }): string | undefined {
  const parts = [p.sessionTitle, p.table !== undefined ? t("proposal.table", { n: p.table }) : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** Badges and the small print under a proposal's title. */
export function ProposalMeta(props: { proposal: ProposalItem; showStatus?: boolean }) {
  const p = () => props.proposal;
  return (
    <div class="proposal-meta">
      <Show when={props.showStatus && p().status}>{(s) => <StatusBadge status={s()} />}</Show>
      <FieldBadge field={p().field} />
      <SourceBadge source={p().source} />
      <Show when={sessionLine(p())}>{(line) => <span class="meta-text">{line()}</span>}</Show>
      <Show when={p().area}>
        <span class="meta-text">{p().area}</span>
      </Show>
      <span class="meta-text">
        <time datetime={p().createdAt}>{formatDateTime(p().createdAt)}</time>
      </span>
      <Show when={p().mergedFrom.length > 0}>
        <span class="meta-text">{t("proposal.absorbedCount", { n: p().mergedFrom.length })}</span>
      </Show>
    </div>
  );
}

const STAGES: ProposalStage[] = ["proposed", "core", "project", "funded"];

/** How far down the funnel a proposal went, as steps: 제안 → 핵심 의제 → 사업 선정 → 예산 반영. */
export function StageSteps(props: { stage: ProposalStage }) {
  const at = () => STAGES.indexOf(props.stage);
  return (
    <ol class="stage-steps" aria-label={t("proposal.stageLabel")}>
      <For each={STAGES}>
        {(s, i) => (
          <li class="stage-step" classList={{ done: i() < at(), current: i() === at() }} aria-current={i() === at() ? "step" : undefined}>
            <span class="stage-dot" aria-hidden="true">
              <Show when={i() <= at()} fallback={i() + 1}>
                <Icon name="check" size={28} />
              </Show>
            </span>
            <span class="stage-name">{t(`proposal.stage.${s}`)}</span>
            <Show when={i() === at()}>
              <span class="visually-hidden"> ({t("proposal.stageNow")})</span>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}

const EVENT_ICON: Record<ProposalEvent["event"], IconName> = {
  submitted: "send",
  published: "eye",
  hidden: "hidden",
  reclassified: "tag",
  edited: "edit",
  merged: "merge",
  absorbed: "merge",
  moved: "move",
  core: "flag",
  project: "flag",
  funded: "star",
};

/** The inbox is named in the UI's language; forums by their title. */
export const placeName = (name: string | undefined) => (!name || name === INBOX ? t("inbox.title") : name);

function EventDetail(props: { e: ProposalEvent }) {
  const e = () => props.e;
  switch (e().event) {
    case "hidden":
      return <Show when={e().reason}>{(r) => <p class="timeline-detail">{t("proposal.event.reason", { reason: r() })}</p>}</Show>;
    case "reclassified":
      return <p class="timeline-detail">{t("proposal.event.fromTo", { from: e().from ?? "", to: e().to ?? "" })}</p>;
    case "moved":
      return <p class="timeline-detail">{t("proposal.event.fromTo", { from: placeName(e().from), to: placeName(e().to) })}</p>;
    case "merged":
    case "absorbed":
      return <Show when={e().title}>{(title) => <p class="timeline-detail">‘{title()}’</p>}</Show>;
    default:
      return <Show when={e().reason}>{(r) => <p class="timeline-detail">{r()}</p>}</Show>;
  }
}

/** The proposal's history, oldest first, as a vertical timeline. */
export function Timeline(props: { history: ProposalEvent[] }) {
  return (
    <ol class="timeline">
      <For each={props.history}>
        {(e, i) => (
          <li class={`timeline-item event-${e.event}`} classList={{ latest: i() === props.history.length - 1 }}>
            <span class="timeline-mark" aria-hidden="true">
              <Icon name={EVENT_ICON[e.event]} size={20} />
            </span>
            <div class="timeline-body">
              <p class="timeline-title">{t(`proposal.event.${e.event}`)}</p>
              <EventDetail e={e} />
              <p class="timeline-time">
                <time datetime={e.at}>{formatDateTime(e.at)}</time>
              </p>
            </div>
          </li>
        )}
      </For>
    </ol>
  );
}

/**
 * Counts per field as a horizontal bar chart that is also the table of its figures: each row
 * names the field (a link that filters by it, when given), says the number, and draws the bar
 * (hidden from assistive technology, which reads the number).
 */
export function FieldChart(props: { counts: { field: string; count: number }[]; caption: string; hrefFor?: (field: string) => string; current?: string }) {
  const max = () => Math.max(1, ...props.counts.map((c) => c.count));
  return (
    <table class="field-chart">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead class="visually-hidden">
        <tr>
          <th scope="col">{t("proposal.col.field")}</th>
          <th scope="col">{t("proposal.col.count")}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.counts}>
          {(c) => (
            <tr classList={{ current: props.current === c.field }}>
              <th scope="row">
                <Show when={props.hrefFor} fallback={c.field}>
                  {(href) => (
                    // A plain <a>: the router still takes the click, but does not mark every link to this path "current".
                    <a href={href()(c.field)} aria-current={props.current === c.field ? "true" : undefined}>
                      {c.field}
                    </a>
                  )}
                </Show>
              </th>
              <td class="field-chart-bar">
                <span class="bar-track" aria-hidden="true">
                  <span class="bar-fill" style={{ width: `${(c.count / max()) * 100}%` }} />
                </span>
                <span class="bar-value">{t("common.count", { n: formatNumber(c.count) })}</span>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
