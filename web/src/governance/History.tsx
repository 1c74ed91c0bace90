import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import type { HistorySeries } from "./api.js";
import { PairChart, PairLegend, yearName } from "./governance.js";
import { getHistory } from "./queries.js";
import { t } from "./strings.js";

/** Every year either side has a figure for, in order. */
export const seriesYears = (s: HistorySeries) => [...new Set([...Object.keys(s.values), ...Object.keys(s.counted)])].sort();
const value = (n: number | null | undefined) => (n === null || n === undefined ? "—" : formatNumber(Math.round(n * 10) / 10));

/**
 * `/governance/history`: the yearly series from before Gongnon (council meetings, forum sessions,
 * projects found and their money), each year's figure as the district entered it by hand, always
 * labelled so, beside what Gongnon counted from its own record; a chart and a table per series.
 */
export default function History() {
  const series = createAsync(() => getHistory());
  return (
    <div class="inner page gov-page">
      <PageTitle title={t("hist.title")} />
      <div class="page-head">
        <p class="breadcrumb">
          <A href="/governance">{t("dash.title")}</A>
        </p>
        <h1 class="page-title">{t("hist.title")}</h1>
        <p class="page-lead">{t("hist.lead")}</p>
      </div>
      <p class="figures-note">
        <Icon name="info" size={20} />
        <span>{t("hist.note")}</span>
      </p>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={series()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("hist.empty")}</p>}>
              <For each={list()}>{(s, i) => <SeriesSection series={s} index={i()} />}</For>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function SeriesSection(props: { series: HistorySeries; index: number }) {
  const s = () => props.series;
  const names = (): [string, string] => [t("hist.hand"), t("hist.counted")];
  const years = () => seriesYears(s());
  return (
    <section class="section" aria-labelledby={`series-${props.index}-h`} data-series={s().series}>
      <h2 id={`series-${props.index}-h`} class="section-title">
        {s().title} <span class="unit">({s().unit})</span>
      </h2>
      <Show when={s().source}>
        <p class="muted small">{t("hist.source", { source: s().source! })}</p>
      </Show>
      <PairLegend names={names()} />
      <div class="chart-box">
        <PairChart
          idPrefix={`hc-${props.index}`}
          title={t("hist.chartTitle", { title: s().title, unit: s().unit })}
          names={names()}
          groups={years().map((y) => ({ label: y, a: s().values[y] ?? undefined, b: s().counted[y] }))}
        />
      </div>
      <ScrollRegion label={t("hist.tableLabel", { title: s().title })}>
        <table class="table gov-table" data-testid={`history-${s().series}`}>
          <caption class="visually-hidden">{t("hist.tableLabel", { title: s().title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("col.year")}</th>
              <th scope="col" class="num">
                {t("hist.hand")} <span class="cell-sub">{t("hist.handSub")}</span>
              </th>
              <th scope="col" class="num">
                {t("hist.counted")} <span class="cell-sub">{t("hist.countedSub")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={years()}>
              {(y) => (
                <tr data-year={y}>
                  <th scope="row">{yearName(y)}</th>
                  <td class="num" data-testid="hand">
                    {value(s().values[y])}
                  </td>
                  <td class="num" data-testid="counted">
                    {value(s().counted[y])}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("col.sum")}</th>
              <td class="num strong">{value(Object.values(s().values).reduce<number>((a, n) => a + (n ?? 0), 0))}</td>
              <td class="num strong">{value(Object.values(s().counted).reduce((a, n) => a + n, 0))}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}
