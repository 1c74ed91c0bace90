import { A, createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { formatNumber } from "../app/format.js";
import { createFormErrors, Field, FormError, Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { kstToday } from "../projects/figures.js";
import { governanceApi, type HistorySeries, type SeriesName } from "./api.js";
import { narrowField, SERIES, yearName } from "./governance.js";
import { getHistory } from "./queries.js";
import { t, type Key } from "./strings.js";

const FIRST_YEAR = 2018;

/**
 * `/staff/governance/history`: the yearly series entered by hand (the years before Gongnon): per
 * series its title, unit, source and a value per year (empty: the record has none, printed –),
 * beside what Gongnon counted itself for the same year. The public page labels these values as
 * entered by hand.
 */
export default function StaffHistory() {
  const series = createAsync(() => getHistory());
  return (
    <div class="inner page gov-page">
      <PageTitle title={`${t("sh.title")} | ${t("sg.title")}`} />
      <div class="page-head">
        <p class="breadcrumb">
          <A href="/staff/governance">{t("sg.title")}</A>
        </p>
        <h1 class="page-title">{t("sh.title")}</h1>
        <p class="page-lead">{t("sh.lead")}</p>
        <p class="head-actions">
          <A href="/governance/history" class="btn btn-secondary btn-small">
            {t("sh.public")}
          </A>
        </p>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={series()}>
          {(list) => <For each={SERIES}>{(name) => <SeriesForm name={name} series={list().find((s) => s.series === name)} />}</For>}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function SeriesForm(props: { name: SeriesName; series?: HistorySeries }) {
  const p = `hs-${props.name}`;
  const s = props.series;
  const entered = Object.keys(s?.values ?? {}).map(Number);
  const thisYear = Number(kstToday().slice(0, 4));
  const from = Math.min(FIRST_YEAR, ...entered);
  const to = Math.max(thisYear, ...entered);
  const years = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  const [title, setTitle] = createSignal(s?.title ?? t(`series.${props.name}` as Key));
  const [unit, setUnit] = createSignal(s?.unit ?? "");
  const [source, setSource] = createSignal(s?.source ?? "");
  const [values, setValues] = createStore<Record<string, string>>(Object.fromEntries(years.map((y) => [y, s?.values[y] === null || s?.values[y] === undefined ? "" : String(s.values[y])])));
  const [saved, setSaved] = createSignal(false);
  const ids: Record<string, string> = { title: `${p}-title`, unit: `${p}-unit`, source: `${p}-source`, values: `${p}-values` };
  for (const y of years) ids[`values.${y}`] = `${p}-v-${y}`;
  const errors = createFormErrors(ids);
  const submit = errors.submit(async () => {
    setSaved(false);
    try {
      await governanceApi.putHistory(props.name, {
        title: title(),
        unit: unit(),
        values: Object.fromEntries(years.map((y) => [y, values[y]?.trim() ? Number(values[y]) : null])),
        ...(source().trim() ? { source: source() } : {}),
      });
    } catch (err) {
      throw narrowField(err, Object.keys(ids));
    }
    await revalidate(getHistory.key);
    setSaved(true);
  });
  const headingId = `${p}-h`;
  return (
    <section class="section" aria-labelledby={headingId} data-series={props.name}>
      <h2 id={headingId} class="section-title">
        {title() || t(`series.${props.name}` as Key)}
      </h2>
      <form class="card form" onSubmit={submit} novalidate data-testid={`${p}-form`}>
        <FormError errors={errors} />
        <div class="field-row">
          <Field id={ids.title} label={t("sh.seriesTitle")} required maxLength={100} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} error={errors.field("title")} />
          <Field id={ids.unit} label={t("col.unit")} hint={t("sh.unitHint")} required maxLength={20} value={unit()} onInput={(e) => setUnit(e.currentTarget.value)} error={errors.field("unit")} />
        </div>
        <Field id={ids.source} label={t("sh.source")} optional maxLength={300} value={source()} onInput={(e) => setSource(e.currentTarget.value)} error={errors.field("source")} />
        <div id={ids.values} tabindex="-1">
          <ScrollRegion label={t("sh.valuesLabel", { title: title() })}>
            <table class="table gov-table">
              <caption class="table-caption">
                {t("sh.valuesLabel", { title: title() })}
                <span class="cell-sub">{t("sh.valuesHint")}</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.year")}</th>
                  <th scope="col">{t("hist.hand")}</th>
                  <th scope="col" class="num">
                    {t("hist.counted")}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={years}>
                  {(y) => (
                    <tr>
                      <th scope="row">
                        <label for={`${p}-v-${y}`}>{yearName(y)}</label>
                      </th>
                      <td>
                        <input
                          id={`${p}-v-${y}`}
                          class="input input-number"
                          type="number"
                          inputmode="decimal"
                          min={0}
                          value={values[y] ?? ""}
                          onInput={(e) => setValues(y, e.currentTarget.value)}
                          aria-invalid={errors.field(`values.${y}`) ? "true" : undefined}
                          aria-describedby={errors.field(`values.${y}`) ? `${p}-v-${y}-error` : undefined}
                        />
                        <Show when={errors.field(`values.${y}`)}>
                          <p class="field-error" id={`${p}-v-${y}-error`}>
                            <Icon name="error" size={18} />
                            <span>{errors.field(`values.${y}`)}</span>
                          </p>
                        </Show>
                      </td>
                      <td class="num">{s?.counted[y] !== undefined ? formatNumber(s.counted[y]!) : "—"}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollRegion>
        </div>
        <p class="status-line" role="status">
          <Show when={saved()}>
            <Icon name="check" size={18} />
            <span>{t("sh.saved", { title: title() })}</span>
          </Show>
        </p>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
            {t("sh.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
