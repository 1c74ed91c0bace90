import { A, createAsync, useSearchParams } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { formatDate, formatNumber } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import type { Dashboard as DashboardView, Indicator } from "./api.js";
import { BudgetTables } from "./Budget.js";
import { AsOfForm, BehindFlag, dayParam, PairChart, PairLegend, percent, quarterName, yearName } from "./governance.js";
import { getDashboard } from "./queries.js";
import { t } from "./strings.js";

/** What each indicator adds to the total: weight × rate, as the formula writes it. */
const share = (i: Indicator) => (i.weight / 100) * i.rate;

/**
 * `/governance`: the pledge's fulfilment, for anyone. Per indicator the target, the actual (counted
 * from the record, never typed), the rate and the weight; the total and the arithmetic behind it,
 * written out with the numbers; the targets and actuals by year and by quarter, a quarter behind
 * schedule marked (일정 지연); the quarterly trend as a chart beside its table; the budget. The day
 * the figures are read on (기준일) is in the address, today unless chosen.
 */
export default function Dashboard() {
  const [search] = useSearchParams();
  const asOf = () => dayParam(search.asOf);
  const dashboard = createAsync(() => getDashboard(asOf(), undefined));
  return (
    <div class="inner page gov-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={dashboard()}>{(d) => <DashboardBody d={d()} />}</Show>
      </ErrorBoundary>
    </div>
  );
}

function DashboardBody(props: { d: DashboardView }) {
  const d = () => props.d;
  return (
    <>
      <PageTitle title={`${t("dash.title")}: ${d().title}`} />
      <div class="page-head">
        <p class="page-kicker">{t("dash.title")}</p>
        <h1 class="page-title">{d().title}</h1>
        <p class="page-lead">{t("dash.lead", { from: d().fromYear, to: d().toYear })}</p>
        <nav class="head-actions" aria-label={t("gov.related")}>
          <A href="/governance/bodies" class="btn btn-secondary btn-small">
            {t("bodies.title")}
          </A>
          <A href="/governance/history" class="btn btn-secondary btn-small">
            {t("hist.title")}
          </A>
          <A href={`/governance/report?asOf=${d().asOf}`} class="btn btn-tertiary btn-small">
            {t("report.open")}
          </A>
        </nav>
      </div>

      <AsOfForm id="dash-asof" param="asOf" label={t("asOf.label")} hint={t("dash.asOfHint")} value={d().asOf} />

      <section class="section" aria-labelledby="total-h">
        <h2 id="total-h" class="section-title">
          {t("dash.totalTitle")}
        </h2>
        <div class="total-row">
          <dl class="figures total-figures">
            <div class="figure figure-accent">
              <dt>{t("dash.total")}</dt>
              <dd>
                <span class="figure-value" data-testid="dash-total">
                  {d().total.toFixed(1)}
                </span>
                <span class="figure-unit">%</span>
              </dd>
            </div>
          </dl>
          <div class="formula card" data-testid="dash-formula">
            <p class="formula-rule">{t("dash.formulaRule")}</p>
            <p class="formula-line">
              {t("dash.total")} = {d().formula}%
            </p>
            <ul class="formula-parts">
              <For each={d().indicators}>
                {(i) => (
                  <li>
                    {t("dash.ratePart", { title: i.title, actual: formatNumber(i.actual), target: formatNumber(i.target), rate: percent(i.rate) })}
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
        <p class="figures-note">
          <Icon name="info" size={20} />
          <span>{t("dash.asOfNote", { date: formatDate(d().asOf) })}</span>
        </p>
      </section>

      <section class="section" aria-labelledby="indicators-h">
        <h2 id="indicators-h" class="section-title">
          {t("dash.indicators")}
        </h2>
        <ScrollRegion label={t("dash.indicators")}>
          <table class="table gov-table" data-testid="dash-indicators">
            <caption class="visually-hidden">{t("dash.indicatorsCaption", { date: formatDate(d().asOf) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.item")}</th>
                <th scope="col">{t("col.indicator")}</th>
                <th scope="col" class="num">
                  {t("col.weight")}
                </th>
                <th scope="col" class="num">
                  {t("col.target")}
                </th>
                <th scope="col" class="num">
                  {t("col.actual")}
                </th>
                <th scope="col" class="num">
                  {t("col.rate")}
                </th>
                <th scope="col" class="num">
                  {t("col.share")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={d().indicators}>
                {(i) => (
                  <tr data-indicator={i.key}>
                    <th scope="row">{i.title}</th>
                    <td>
                      {i.indicator}
                      <span class="cell-sub">{t("dash.counts", { rule: lang() === "en" ? i.rule.en : i.rule.ko })}</span>
                    </td>
                    <td class="num">{formatNumber(i.weight)}%</td>
                    <td class="num">
                      {formatNumber(i.target)}
                      {i.unit}
                    </td>
                    <td class="num" data-testid={`actual-${i.key}`}>
                      {formatNumber(i.actual)}
                      {i.unit}
                    </td>
                    <td class="num strong" data-testid={`rate-${i.key}`}>
                      {percent(i.rate)}
                    </td>
                    <td class="num">{share(i).toFixed(2)}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan="6">
                  {t("dash.total")}
                </th>
                <td class="num strong">{percent(d().total)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
      </section>

      <ByYear d={d()} />
      <ByQuarter d={d()} />

      <Show when={d().budget}>
        {(b) => (
          <section class="section" aria-labelledby="budget-h">
            <h2 id="budget-h" class="section-title">
              {t("budget.title")}
            </h2>
            <BudgetTables budget={b()} fromYear={d().fromYear} toYear={d().toYear} />
          </section>
        )}
      </Show>
    </>
  );
}

const years = (d: DashboardView) => Array.from({ length: d.toYear - d.fromYear + 1 }, (_, i) => String(d.fromYear + i));
const cell = (n: number | undefined) => (n === undefined ? "—" : formatNumber(n));

/** Targets and actuals by year, an indicator's two rows as the plan's table prints them. */
function ByYear(props: { d: DashboardView }) {
  return (
    <section class="section" aria-labelledby="years-h">
      <h2 id="years-h" class="section-title">
        {t("dash.byYear")}
      </h2>
      <ScrollRegion label={t("dash.byYear")}>
        <table class="table gov-table" data-testid="dash-years">
          <caption class="visually-hidden">{t("dash.byYear")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("col.item")}</th>
              <th scope="col">{t("col.row")}</th>
              <For each={years(props.d)}>
                {(y) => (
                  <th scope="col" class="num">
                    {yearName(y)}
                  </th>
                )}
              </For>
              <th scope="col" class="num">
                {t("col.sum")}
              </th>
            </tr>
          </thead>
          <For each={props.d.indicators}>
            {(i) => (
              <tbody>
                  <tr class="row-target">
                    <th scope="rowgroup" rowspan="2">
                      {i.title}
                    </th>
                    <th scope="row" class="row-name">
                      {t("col.target")}
                    </th>
                    <For each={i.byYear}>{(y) => <td class="num">{cell(y.target)}</td>}</For>
                    <td class="num">{formatNumber(i.target)}</td>
                  </tr>
                  <tr>
                    <th scope="row" class="row-name">
                      {t("col.actual")}
                    </th>
                    <For each={i.byYear}>{(y) => <td class="num">{formatNumber(y.actual)}</td>}</For>
                    <td class="num strong">{formatNumber(i.actual)}</td>
                  </tr>
              </tbody>
            )}
          </For>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** The quarterly year: a chart per indicator (target beside actual), the same figures in a table, quarters behind schedule marked in both. */
function ByQuarter(props: { d: DashboardView }) {
  const withQuarters = () => props.d.indicators.filter((i) => i.quarterly);
  const year = () => withQuarters()[0]?.quarterly?.year;
  const names = (): [string, string] => [t("col.target"), t("col.actual")];
  return (
    <Show when={year()}>
      {(y) => (
        <section class="section" aria-labelledby="quarters-h">
          <h2 id="quarters-h" class="section-title">
            {t("dash.byQuarter", { year: y() })}
          </h2>
          <p class="muted">{t("dash.byQuarterLead")}</p>
          <PairLegend names={names()} flagText={t("dash.behind")} />
          <ul class="chart-grid" aria-label={t("dash.chartsLabel", { year: y() })}>
            <For each={withQuarters()}>
              {(i, n) => (
                <li class="chart-box chart-cell">
                  <PairChart
                    idPrefix={`qc-${n()}`}
                    title={t("dash.chartTitle", { title: i.title, year: i.quarterly!.year })}
                    names={names()}
                    flagText={t("dash.behind")}
                    groups={i.quarterly!.quarters.map((q) => ({ label: quarterName(q.quarter), a: q.target, b: q.actual, flagged: q.behind }))}
                  />
                  <p class="chart-cell-title" aria-hidden="true">
                    {i.title}
                  </p>
                </li>
              )}
            </For>
          </ul>
          <ScrollRegion label={t("dash.byQuarter", { year: y() })}>
            <table class="table gov-table" data-testid="dash-quarters">
              <caption class="visually-hidden">{t("dash.byQuarter", { year: y() })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.item")}</th>
                  <th scope="col">{t("col.row")}</th>
                  <For each={[1, 2, 3, 4]}>
                    {(q) => (
                      <th scope="col" class="num">
                        {quarterName(q)}
                      </th>
                    )}
                  </For>
                  <th scope="col" class="num">
                    {t("col.sum")}
                  </th>
                </tr>
              </thead>
              <For each={withQuarters()}>
                {(i) => (
                  <tbody>
                      <tr class="row-target">
                        <th scope="rowgroup" rowspan="2">
                          {i.title}
                        </th>
                        <th scope="row" class="row-name">
                          {t("col.target")}
                        </th>
                        <For each={i.quarterly!.quarters}>{(q) => <td class="num">{cell(q.target)}</td>}</For>
                        <td class="num">{formatNumber(i.quarterly!.quarters.reduce((s, q) => s + (q.target ?? 0), 0))}</td>
                      </tr>
                      <tr data-indicator={i.key}>
                        <th scope="row" class="row-name">
                          {t("col.actual")}
                        </th>
                        <For each={i.quarterly!.quarters}>
                          {(q) => (
                            <td class="num" classList={{ "is-behind": q.behind }} data-quarter={q.quarter}>
                              {formatNumber(q.actual)}
                              <Show when={q.behind}>
                                {" "}
                                <BehindFlag />
                              </Show>
                            </td>
                          )}
                        </For>
                        <td class="num strong">{formatNumber(i.quarterly!.quarters.reduce((s, q) => s + q.actual, 0))}</td>
                      </tr>
                  </tbody>
                )}
              </For>
            </table>
          </ScrollRegion>
        </section>
      )}
    </Show>
  );
}
