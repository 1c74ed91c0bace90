import { A, createAsync, useSearchParams } from "@solidjs/router";
import { ErrorBoundary, For, Show, Suspense } from "solid-js";
import { formatNumber } from "../app/format.js";
import { LoadError, Loading, PageLoadError, PageTitle } from "../app/ui.js";
import type { Dashboard } from "./api.js";
import { BudgetTables } from "./Budget.js";
import { AsOfForm, dayParam, quarterName, reportDate, yearName } from "./governance.js";
import { getDashboard, getLog } from "./queries.js";
import { t } from "./strings.js";

/**
 * `/governance/report`: the pledge progress report for paper (A4), in the shape of the district's
 * own tables — 추진실적 총괄, 일정별 추진실적, 예산 집행액, 분기별 목표 — as of a day, dates as Korean
 * documents write them (2023. 12. 31.). On screen a bar to choose the day and print; in print only
 * the document (governance.css: @page A4, the header, navigation and footer hidden).
 */
export default function Report() {
  const [search] = useSearchParams();
  const asOf = () => dayParam(search.asOf);
  const dashboard = createAsync(() => getDashboard(asOf(), undefined));
  return (
    <div class="inner page report-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={dashboard()}>
          {(d) => (
            <>
              <PageTitle title={`${t("report.title")}: ${d().title} (${reportDate(d().asOf)})`} />
              <div class="report-tools" data-testid="report-tools">
                <p class="breadcrumb">
                  <A href={`/governance?asOf=${d().asOf}`}>{t("dash.title")}</A>
                </p>
                <AsOfForm id="report-asof" param="asOf" label={t("asOf.label")} hint={t("report.asOfHint")} value={d().asOf} />
                <p class="head-actions">
                  <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                    {t("report.print")}
                  </button>
                </p>
              </div>
              <article class="report-doc" data-testid="report-doc">
                <header class="report-head">
                  <h1 class="report-title">{t("report.docTitle", { title: d().title })}</h1>
                  <p class="report-date">{t("report.asOf", { date: reportDate(d().asOf) })}</p>
                </header>
                <Summary d={d()} />
                <DatedLog d={d()} />
                <section class="report-section" aria-labelledby="r-budget-h">
                  <h2 id="r-budget-h" class="report-h2">
                    {t("report.s3")}
                  </h2>
                  <Show when={d().budget} fallback={<p>{t("report.noBudget")}</p>}>
                    {(b) => <BudgetTables budget={b()} fromYear={d().fromYear} toYear={d().toYear} />}
                  </Show>
                </section>
                <Quarters d={d()} />
              </article>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

/** 1. 추진실적 총괄: the indicators with their weights, targets, actuals and rates, the total and its arithmetic. */
function Summary(props: { d: Dashboard }) {
  return (
    <section class="report-section" aria-labelledby="r-summary-h">
      <h2 id="r-summary-h" class="report-h2">
        {t("report.s1")}
      </h2>
      <table class="table report-table" data-testid="report-summary">
        <thead>
          <tr>
            <th scope="col">{t("col.no")}</th>
            <th scope="col">{t("col.item")}</th>
            <th scope="col" class="num">
              {t("report.weightCol")}
            </th>
            <th scope="col">{t("col.indicator")}</th>
            <th scope="col">{t("col.unit")}</th>
            <th scope="col" class="num">
              {t("col.target")}
            </th>
            <th scope="col" class="num">
              {t("col.actual")}
            </th>
            <th scope="col" class="num">
              {t("report.rateCol")}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.d.indicators}>
            {(i, n) => (
              <tr>
                <td class="num">{n() + 1}</td>
                <th scope="row">{i.title}</th>
                <td class="num">{formatNumber(i.weight)}</td>
                <td>{i.indicator}</td>
                <td>{i.unit}</td>
                <td class="num">{formatNumber(i.target)}</td>
                <td class="num">{formatNumber(i.actual)}</td>
                <td class="num">{i.rate.toFixed(1)}</td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colspan="7">
              {t("report.totalRow")}
            </th>
            <td class="num strong" data-testid="report-total">
              {props.d.total.toFixed(1)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p class="report-note">{t("report.formula", { formula: props.d.formula })}</p>
    </section>
  );
}

/** 2. 일정별 추진실적: every body's meetings and the designated tasks, oldest first, as the report's dated log. */
function DatedLog(props: { d: Dashboard }) {
  const log = createAsync(() => getLog(`${props.d.fromYear}-01-01`, props.d.asOf));
  return (
    <section class="report-section" aria-labelledby="r-log-h">
      <h2 id="r-log-h" class="report-h2">
        {t("report.s2")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={log()}>
            {(rows) => (
              <table class="table report-table report-log" data-testid="report-log">
                <thead>
                  <tr>
                    <th scope="col">{t("col.no")}</th>
                    <th scope="col">{t("col.date")}</th>
                    <th scope="col">{t("report.what")}</th>
                    <th scope="col">{t("report.detail")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(r, n) => (
                      <tr>
                        <td class="num">{n() + 1}</td>
                        <td class="nowrap">{reportDate(r.on)}</td>
                        <th scope="row">{r.meeting ? r.meeting.title : t("report.taskWhat", { name: r.body.name })}</th>
                        <td>
                          <Show
                            when={r.meeting}
                            fallback={
                              <ul class="plain-list dotted">
                                <li>{t("report.taskTarget", { invited: formatNumber(r.task!.invited), participated: formatNumber(r.task!.participated) })}</li>
                                <li>{t("report.taskTopic", { topic: r.task!.topic })}</li>
                                <Show when={r.task!.summary}>
                                  <li>{t("report.taskHow", { how: r.task!.summary! })}</li>
                                </Show>
                              </ul>
                            }
                          >
                            {(m) => (
                              <ul class="plain-list dotted">
                                <For each={[...m().agenda, ...m().decisions]}>{(x) => <li>{x}</li>}</For>
                                <Show when={m().policyProposals > 0}>
                                  <li>{t("meeting.policyProposals", { n: formatNumber(m().policyProposals) })}</li>
                                </Show>
                              </ul>
                            )}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

/** 4. 분기별 목표: the quarterly year's targets and actuals, a quarter behind schedule marked in words. */
function Quarters(props: { d: Dashboard }) {
  const withQuarters = () => props.d.indicators.filter((i) => i.quarterly);
  const year = () => withQuarters()[0]?.quarterly?.year ?? props.d.asOf.slice(0, 4);
  const cell = (n: number | undefined) => (n === undefined ? "—" : formatNumber(n));
  return (
    <section class="report-section" aria-labelledby="r-quarters-h">
      <h2 id="r-quarters-h" class="report-h2">
        {t("report.s4", { year: yearName(year()) })}
      </h2>
      <table class="table report-table" data-testid="report-quarters">
        <thead>
          <tr>
            <th scope="col">{t("col.item")}</th>
            <th scope="col">{t("col.indicator")}</th>
            <th scope="col">{t("col.row")}</th>
            <th scope="col" class="num">
              {t("col.sum")}
            </th>
            <For each={[1, 2, 3, 4]}>
              {(q) => (
                <th scope="col" class="num">
                  {quarterName(q)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <For each={withQuarters()}>
          {(i) => (
            <tbody>
              <tr>
                <th scope="rowgroup" rowspan="2">
                  {i.title}
                </th>
                <td rowspan="2">{i.indicator}</td>
                <th scope="row" class="row-name">
                  {t("col.target")}
                </th>
                <td class="num">{formatNumber(i.quarterly!.quarters.reduce((s, q) => s + (q.target ?? 0), 0))}</td>
                <For each={i.quarterly!.quarters}>{(q) => <td class="num">{cell(q.target)}</td>}</For>
              </tr>
              <tr>
                <th scope="row" class="row-name">
                  {t("col.actual")}
                </th>
                <td class="num">{formatNumber(i.quarterly!.quarters.reduce((s, q) => s + q.actual, 0))}</td>
                <For each={i.quarterly!.quarters}>
                  {(q) => (
                    <td class="num" classList={{ "is-behind": q.behind }}>
                      {formatNumber(q.actual)}
                      <Show when={q.behind}>
                        <span class="behind-mark"> ({t("dash.behind")})</span>
                      </Show>
                    </td>
                  )}
                </For>
              </tr>
            </tbody>
          )}
        </For>
      </table>
    </section>
  );
}
