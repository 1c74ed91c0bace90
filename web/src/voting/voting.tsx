import "./voting.css";
import { createMemo, createSignal, For, onCleanup, Show } from "solid-js";
import type { RoundChannel, RoundProposal, RoundStatus, RoundTally } from "./api.js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { t, type Key } from "./strings.js";
import { Icon } from "../app/ui.js";

/** Pieces shared by the voting pages: status badges, the agenda picker, the receipt box, clocks. */

const statusKey: Record<RoundStatus, Key> = { scheduled: "round.status.scheduled", open: "round.status.open", closed: "round.status.closed" };

/** Scheduled / open / closed: colour, dot and word. */
export function RoundStatusBadge(props: { status: RoundStatus; large?: boolean }) {
  return (
    <span class={`round-status round-${props.status}`} classList={{ "round-status-large": props.large }} data-testid="round-status">
      {t(statusKey[props.status])}
    </span>
  );
}

export const channelName = (c: RoundChannel) => t(c === "online" ? "round.channel.online" : "round.channel.session");

/** "4월 20일(목) 오후 7:00 ~ 4월 27일(목) 오후 9:00" */
export const formatRoundPeriod = (r: { opensAt: string; closesAt: string }) => `${formatDateTime(r.opensAt)} ~ ${formatDateTime(r.closesAt)}`;

/** A KST date-time with offset (2023-04-27T21:00:00+09:00) as a datetime-local value (2023-04-27T21:00). */
export const toLocalInput = (kst: string) => kst.slice(0, 16);

/** Now in KST as a datetime-local value, plus `days`. */
export function kstInput(days = 0, hour?: number): string {
  const d = new Date(Date.now() + 9 * 3600_000 + days * 86_400_000);
  const s = d.toISOString().slice(0, 16);
  return hour === undefined ? s : `${s.slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

/** 010-1234-5678 → 010-****-5678 (what the code was sent to, when the server did not say). */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, "");
  return d.length >= 8 ? `${d.slice(0, 3)}-****-${d.slice(-4)}` : phone;
}

/** A clock that ticks every second while the component lives (countdowns). */
export function useNow() {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(timer));
  return now;
}

/** 95 → "1:35"; under a minute, "45초" / "45 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s <= 60) return t("vote.seconds", { n: s });
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The ballot: one big checkable card per agenda, a running count against the limit, and the
 * limit enforced (once it is reached, the other cards are disabled until one is unchecked).
 * Long ballots can be narrowed by field; what is chosen stays chosen when hidden by the filter.
 */
export function AgendaPicker(props: {
  id: string;
  proposals: RoundProposal[];
  max: number;
  selected: string[];
  onChange: (next: string[]) => void;
  error?: string;
  legend: string;
  disabled?: boolean;
}) {
  const [field, setField] = createSignal<string>();
  const fields = createMemo(() => {
    const counts = new Map<string, number>();
    for (const p of props.proposals) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ name, count }));
  });
  const shown = () => (field() ? props.proposals.filter((p) => p.field === field()) : props.proposals);
  const full = () => props.selected.length >= props.max;
  const toggle = (pid: string, on: boolean) => {
    if (on && !props.selected.includes(pid) && !full()) props.onChange([...props.selected, pid]);
    if (!on) props.onChange(props.selected.filter((x) => x !== pid));
  };
  const describedBy = () => [`${props.id}-count`, props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ");

  return (
    <fieldset class="agenda-picker" id={props.id} tabindex="-1" aria-describedby={describedBy()} classList={{ "has-error": !!props.error }}>
      <legend class="picker-legend">{props.legend}</legend>
      <div class="pick-bar">
        <p id={`${props.id}-count`} class="pick-count" classList={{ "is-full": full() }} aria-live="polite" aria-atomic="true">
          <span class="visually-hidden">{t("vote.chosenLabel")} </span>
          <strong data-testid="pick-count">
            {props.selected.length}/{props.max}
          </strong>
          <span class="pick-count-text">{full() ? t("vote.limitReached", { max: props.max }) : t("vote.upTo", { max: props.max })}</span>
        </p>
        <Show when={fields().length > 1 && props.proposals.length > 6}>
          <div class="pick-filter" role="group" aria-label={t("vote.filterLabel")}>
            <button type="button" class="pick-filter-btn" aria-pressed={field() === undefined ? "true" : "false"} onClick={() => setField(undefined)}>
              {t("vote.filterAll")} <span class="muted">{formatNumber(props.proposals.length)}</span>
            </button>
            <For each={fields()}>
              {(f) => (
                <button type="button" class="pick-filter-btn" aria-pressed={field() === f.name ? "true" : "false"} onClick={() => setField(f.name)}>
                  {f.name} <span class="muted">{formatNumber(f.count)}</span>
                </button>
              )}
            </For>
          </div>
        </Show>
      </div>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error" role="alert">
          <Icon name="error" size={20} />
          <span>{props.error}</span>
        </p>
      </Show>
      <ul class="pick-list">
        <For each={shown()}>
          {(p) => {
            const checked = () => props.selected.includes(p.id);
            return (
              <li>
                <label class="pick-card" classList={{ "is-checked": checked(), "is-off": !checked() && full() }}>
                  <input
                    type="checkbox"
                    class="pick-input"
                    value={p.id}
                    checked={checked()}
                    disabled={props.disabled || (!checked() && full())}
                    onChange={(e) => {
                      toggle(p.id, e.currentTarget.checked);
                      // A refused check (limit reached meanwhile) must not stay ticked on screen.
                      e.currentTarget.checked = props.selected.includes(p.id);
                    }}
                  />
                  <span class="pick-mark" aria-hidden="true">
                    <svg viewBox="0 0 24 24" width="24" height="24">
                      <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
                    </svg>
                  </span>
                  <span class="pick-body">
                    <span class="pick-title">{p.title}</span>
                    <span class="pick-meta">
                      <span class="badge badge-field">{p.field}</span>
                      <Show when={p.area}>
                        <span class="pick-area">{p.area}</span>
                      </Show>
                    </span>
                  </span>
                </label>
              </li>
            );
          }}
        </For>
      </ul>
    </fieldset>
  );
}

/** The chosen agendas, in the order of the ballot, for the review step. */
export function ChosenList(props: { proposals: RoundProposal[]; selected: string[] }) {
  const chosen = () => props.proposals.filter((p) => props.selected.includes(p.id));
  return (
    <ol class="chosen-list" data-testid="chosen-list">
      <For each={chosen()}>
        {(p) => (
          <li class="chosen-item">
            <Icon name="check" size={24} />
            <span class="chosen-title">{p.title}</span>
            <span class="badge badge-field">{p.field}</span>
          </li>
        )}
      </For>
    </ol>
  );
}

/** The ballot's receipt, large, with a copy button (and a manual-copy fallback where the clipboard is refused). */
export function BallotReceipt(props: { receipt: string; label: string }) {
  const [copied, setCopied] = createSignal<"ok" | "manual">();
  let code: HTMLParagraphElement | undefined;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.receipt);
      setCopied("ok");
    } catch {
      const range = document.createRange();
      if (code) range.selectNodeContents(code);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      setCopied("manual");
    }
  };
  return (
    <div class="receipt-box">
      <p class="receipt-label">{props.label}</p>
      <p class="receipt-code" ref={code} data-testid="ballot-receipt">
        {props.receipt}
      </p>
      <button type="button" class="btn btn-secondary" onClick={copy}>
        <Icon name="copy" size={20} />
        {t("vote.copy")}
      </button>
      <p class="copy-status" role="status">
        {copied() === "ok" ? t("vote.copied") : copied() === "manual" ? t("vote.copyManual") : ""}
      </p>
    </div>
  );
}

/** The steps of a ballot, with the current one marked for assistive technology. */
export function Steps(props: { steps: string[]; current: number; label: string }) {
  return (
    <ol class="vote-steps" aria-label={props.label}>
      <For each={props.steps}>
        {(s, i) => (
          <li class="vote-step" classList={{ "is-current": i() === props.current, "is-done": i() < props.current }} aria-current={i() === props.current ? "step" : undefined}>
            <span class="vote-step-no" aria-hidden="true">
              {i() < props.current ? "✓" : i() + 1}
            </span>
            <span class="vote-step-name">
              <Show when={i() < props.current}>
                <span class="visually-hidden">{t("vote.stepDone")} </span>
              </Show>
              {s}
            </span>
          </li>
        )}
      </For>
    </ol>
  );
}

/** The ranking as a table: rank, agenda (core agendas marked), field, votes and the split by channel. */
export function TallyTable(props: { tallies: RoundTally[]; core: string[]; testId?: string }) {
  return (
    <table class="table" data-testid={props.testId}>
      <caption class="visually-hidden">{t("results.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t("results.col.rank")}
          </th>
          <th scope="col">{t("results.col.agenda")}</th>
          <th scope="col">{t("results.col.field")}</th>
          <th scope="col" class="num">
            {t("results.col.votes")}
          </th>
          <th scope="col" class="num">
            {t("round.channel.online")}
          </th>
          <th scope="col" class="num">
            {t("round.channel.session")}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.tallies}>
          {(x) => (
            <tr>
              <td class="num">{x.rank}</td>
              <th scope="row">
                {x.title}
                <Show when={props.core.includes(x.proposalId)}>
                  {" "}
                  <span class="badge badge-core">{t("voting.core")}</span>
                </Show>
              </th>
              <td>{x.field}</td>
              <td class="num">{formatNumber(x.votes)}</td>
              <td class="num">{formatNumber(x.byChannel.online)}</td>
              <td class="num">{formatNumber(x.byChannel.session)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
