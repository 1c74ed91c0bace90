import { createMemo, For, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { ScrollRegion } from "../app/ui.js";
import type { Ladder } from "./api.js";
import { ladderSteps, type LadderStep } from "./figures.js";
import { createWidth, dateOrDash, money, moneyProse } from "./project.js";
import { t, type Key } from "./strings.js";

/**
 * The money ladder — requested → proposed → approved → executed — as a step chart (a bar per step,
 * a line stepping from one to the next; a step not reached yet is an empty dashed box) and, beside
 * it, the same figures as a table with each step's date and reason. The picture is decoration
 * (aria-hidden): the table is what assistive technology reads.
 */
export function MoneyLadder(props: { money: Ladder; funded: boolean; id: string; lastQuarter?: string }) {
  const steps = createMemo(() => ladderSteps(props.money, { funded: props.funded }));
  const box = createWidth(640);
  const W = () => Math.max(280, box.width());
  const narrow = () => W() < 520;
  const H = () => (narrow() ? 230 : 270);
  const top = 40;
  const bottom = () => (narrow() ? 58 : 62);
  const plot = () => H() - top - bottom();
  const slot = () => W() / 4;
  const barW = () => Math.min(110, slot() * 0.6);
  const max = () => Math.max(1, ...steps().map((s) => s.amount ?? 0));
  const h = (s: LadderStep) => (s.amount === undefined ? plot() * 0.25 : Math.max(2, (s.amount / max()) * plot()));
  const x = (i: number) => slot() * i + (slot() - barW()) / 2;
  const y = (s: LadderStep) => top + plot() - h(s);
  /** The step line: across the top of each reached bar, then down or up to the next. */
  const line = () => {
    const reached = steps().map((s, i) => ({ s, i })).filter(({ s }) => s.amount !== undefined);
    return reached.map(({ s, i }, k) => `${k === 0 ? "M" : "L"}${x(i)},${y(s)} L${x(i) + barW()},${y(s)}`).join(" ");
  };
  const stepName = (s: LadderStep) => t(`ladder.${s.key}` as Key);
  const when = (s: LadderStep) => (s.key === "executed" ? (props.lastQuarter ? t("ladder.executedUntil", { quarter: props.lastQuarter }) : t("ladder.executedNone")) : dateOrDash(s.on));

  return (
    <div class="money-ladder">
      <div class="chart-box ladder-chart">
        <div class="chart-measure" ref={box.ref} />
        <svg width={W()} height={H()} viewBox={`0 0 ${W()} ${H()}`} aria-hidden="true" class="ladder-svg">
          <line x1="0" x2={W()} y1={top + plot()} y2={top + plot()} class="axis" />
          <For each={steps()}>
            {(s, i) => (
              <g classList={{ "is-missing": s.amount === undefined }} class={`ladder-${s.key}`}>
                <rect x={x(i())} y={y(s)} width={barW()} height={h(s)} rx="4" class="ladder-bar" />
                <text x={x(i()) + barW() / 2} y={y(s) - 10} text-anchor="middle" class="ladder-value" font-size={String(narrow() ? 12 : 15)}>
                  {s.amount === undefined ? t("ladder.none") : narrow() ? formatNumber(s.amount) : money(s.amount)}
                </text>
                <text x={x(i()) + barW() / 2} y={top + plot() + 22} text-anchor="middle" class="ladder-label" font-size={String(narrow() ? 13 : 15)}>
                  {stepName(s)}
                </text>
                <text x={x(i()) + barW() / 2} y={top + plot() + 42} text-anchor="middle" class="ladder-sublabel" font-size={String(narrow() ? 11 : 13)}>
                  {s.key === "executed" ? (props.lastQuarter ?? "") : s.on ?? ""}
                </text>
              </g>
            )}
          </For>
          <path d={line()} class="ladder-line" />
        </svg>
        <Show when={narrow()}>
          <p class="chart-note muted">{t("ladder.unitNote")}</p>
        </Show>
      </div>
      <ScrollRegion label={t("ladder.table")}>
        <table class="table ladder-table" id={props.id} data-testid="ladder-table">
          <caption class="visually-hidden">{t("ladder.table")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ladder.col.step")}</th>
              <th scope="col" class="num">
                {t("ladder.col.amount")}
              </th>
              <th scope="col">{t("ladder.col.when")}</th>
              <th scope="col">{t("ladder.col.reason")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={steps()}>
              {(s) => (
                <tr data-step={s.key}>
                  <th scope="row">{stepName(s)}</th>
                  <td class="num">
                    <Show when={s.amount !== undefined} fallback={<span class="muted">{t("ladder.none")}</span>}>
                      <span class="amount">
                        <span class="amount-figure">{money(s.amount!)}</span>
                        <span class="amount-prose">{moneyProse(s.amount!)}</span>
                      </span>
                    </Show>
                  </td>
                  <td class="nowrap">{s.amount === undefined ? "—" : when(s)}</td>
                  <td>{s.reason ?? "—"}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
