import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Index, Show, Suspense } from "solid-js";
import { createStore } from "solid-js/store";
import { formatNumber } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { createFormErrors, Field, FormError, Icon, PageLoadError, PageTitle, SelectField } from "../app/ui.js";
import { governanceApi, type PledgeInfo, type PledgeInput, type PledgeItem } from "./api.js";
import { narrowField, quarterName, yearName } from "./governance.js";
import { getDashboard, getPledge, getPledges } from "./queries.js";
import { PledgeCard } from "./PledgeCard.js";
import { t } from "./strings.js";

/**
 * `/staff/governance/pledges/:pledgeId`: the pledge's definition as a form — its title and years,
 * each indicator's item, indicator, unit, weight (the running sum shown), yearly targets and the
 * quarterly year's four targets, the rule that counts its actual (shown in words, kept as it is),
 * and the budget plan, execution and items. Saved whole (PUT); each of the API's 400s goes next
 * to the field it names.
 */
export default function StaffPledge() {
  const params = useParams();
  const pledge = createAsync(() => getPledge(params.pledgeId!));
  return (
    <div class="inner page gov-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={pledge()}>
          {(pl) => (
            <>
              <PageTitle title={`${pl().title} | ${t("sg.title")}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href="/staff/governance">{t("sg.title")}</A>
                </p>
                <h1 class="page-title">{pl().title}</h1>
                <p class="page-lead">{t("pledge.lead")}</p>
              </div>
              <section class="section" aria-labelledby="pledge-report-h">
                <h2 id="pledge-report-h" class="section-title">
                  {t("pledge.report")}
                </h2>
                <ul class="card-grid">
                  <PledgeCard pledge={pl()} />
                </ul>
              </section>
              <PledgeForm pledge={pl()} />
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

interface ItemDraft {
  title: string;
  indicator: string;
  unit: string;
  weight: string;
  targets: Record<string, string>;
  quarterlyYear: string;
  quarterly: string[];
}

const text = (n: number | undefined) => (n === undefined ? "" : String(n));
const years = (from: number, to: number) => (to >= from && to - from < 50 ? Array.from({ length: to - from + 1 }, (_, i) => String(from + i)) : []);
/** Only the years filled in; a number as typed (the API says what is wrong with it). */
const byYear = (values: Record<string, string>, within: string[]) =>
  Object.fromEntries(within.filter((y) => values[y]?.trim()).map((y) => [y, Number(values[y])]));

function draftOf(item: PledgeItem): ItemDraft {
  return {
    title: item.title,
    indicator: item.indicator,
    unit: item.unit,
    weight: String(item.weight),
    targets: Object.fromEntries(Object.entries(item.targets).map(([y, n]) => [y, String(n)])),
    quarterlyYear: item.quarterly?.year ?? "",
    quarterly: item.quarterly ? item.quarterly.targets.map(String) : ["", "", "", ""],
  };
}

function PledgeForm(props: { pledge: PledgeInfo }) {
  const pledge = props.pledge;
  const dashboard = createAsync(() => getDashboard(undefined, pledge.id));
  const [title, setTitle] = createSignal(pledge.title);
  const [fromYear, setFromYear] = createSignal(String(pledge.fromYear));
  const [toYear, setToYear] = createSignal(String(pledge.toYear));
  const [items, setItems] = createStore<ItemDraft[]>(pledge.items.map(draftOf));
  const [plan, setPlan] = createStore<Record<string, string>>(Object.fromEntries(Object.entries(pledge.budget?.plan ?? {}).map(([y, n]) => [y, String(n)])));
  const [executed, setExecuted] = createStore<Record<string, string>>(Object.fromEntries(Object.entries(pledge.budget?.executed ?? {}).map(([y, n]) => [y, String(n)])));
  const [byItem, setByItem] = createStore((pledge.budget?.byItem ?? []).map((i) => ({ item: i.item, amount: String(i.amount), projects: i.projects })));
  const [saved, setSaved] = createSignal(false);
  const span = () => years(Number(fromYear()), Number(toYear()));
  const weightSum = () => items.reduce((s, i) => s + (Number(i.weight) || 0), 0);
  const ruleText = (key: string) => {
    try {
      const rule = dashboard()?.indicators.find((i) => i.key === key)?.rule;
      return rule ? (lang() === "en" ? rule.en : rule.ko) : undefined;
    } catch {
      return undefined;
    }
  };

  // Every field the API may name, by its path in the pledge's JSON.
  const ids: Record<string, string> = { title: "pl-title", fromYear: "pl-from", toYear: "pl-to", items: "pl-weights", budget: "pl-budget" };
  const wide = years(pledge.fromYear - 5, pledge.toYear + 5);
  pledge.items.forEach((_, i) => {
    for (const f of ["title", "indicator", "unit", "weight"]) ids[`items.${i}.${f}`] = `pl-${i}-${f}`;
    ids[`items.${i}`] = `pl-${i}-weight`;
    ids[`items.${i}.targets`] = `pl-${i}-targets`;
    for (const y of wide) ids[`items.${i}.targets.${y}`] = `pl-${i}-t-${y}`;
    ids[`items.${i}.quarterly`] = `pl-${i}-qyear`;
    ids[`items.${i}.quarterly.year`] = `pl-${i}-qyear`;
    for (const q of [0, 1, 2, 3]) ids[`items.${i}.quarterly.targets.${q}`] = `pl-${i}-q-${q}`;
    ids[`items.${i}.rule`] = `pl-${i}-rule`;
  });
  for (const y of wide) {
    ids[`budget.plan.${y}`] = `pl-plan-${y}`;
    ids[`budget.executed.${y}`] = `pl-exec-${y}`;
  }
  (pledge.budget?.byItem ?? []).forEach((_, k) => {
    ids[`budget.byItem.${k}.item`] = `pl-bi-${k}-item`;
    ids[`budget.byItem.${k}.amount`] = `pl-bi-${k}-amount`;
  });
  const errors = createFormErrors(ids);

  const input = (): PledgeInput => ({
    title: title(),
    fromYear: Number(fromYear() || NaN),
    toYear: Number(toYear() || NaN),
    items: pledge.items.map((orig, i) => {
      const d = items[i]!;
      return {
        key: orig.key,
        title: d.title,
        indicator: d.indicator,
        unit: d.unit,
        weight: Number(d.weight || NaN),
        targets: byYear(d.targets, span()),
        ...(d.quarterlyYear ? { quarterly: { year: d.quarterlyYear, targets: d.quarterly.map((v) => Number(v || 0)) } } : {}),
        rule: orig.rule,
      };
    }),
    ...(pledge.budget
      ? {
          budget: {
            unit: "million KRW" as const,
            plan: byYear(plan, span()),
            executed: byYear(executed, span()),
            byItem: byItem.map((b) => ({ item: b.item, amount: Number(b.amount || NaN), ...(b.projects ? { projects: true } : {}) })),
          },
        }
      : {}),
  });

  const submit = errors.submit(async () => {
    setSaved(false);
    try {
      await governanceApi.replacePledge(pledge.id, input());
    } catch (err) {
      throw narrowField(err, Object.keys(ids));
    }
    await revalidate([getPledge.keyFor(pledge.id), getPledges.key, getDashboard.key]);
    setSaved(true);
  });

  return (
    <section class="section" aria-labelledby="pledge-form-h">
      <h2 id="pledge-form-h" class="section-title">
        {t("pledge.edit")}
      </h2>
      <form class="card form pledge-form" onSubmit={submit} novalidate data-testid="pledge-form">
        <FormError errors={errors} />
        <Field id="pl-title" label={t("pledge.title")} required maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} error={errors.field("title")} />
        <div class="field-row">
          <Field id="pl-from" type="number" inputmode="numeric" label={t("pledge.fromYear")} required value={fromYear()} onInput={(e) => setFromYear(e.currentTarget.value)} error={errors.field("fromYear")} />
          <Field id="pl-to" type="number" inputmode="numeric" label={t("pledge.toYear")} required value={toYear()} onInput={(e) => setToYear(e.currentTarget.value)} error={errors.field("toYear")} />
        </div>

        <Index each={pledge.items}>
          {(orig, i) => (
            <fieldset class="gov-fieldset pledge-item" data-item={orig().key}>
              <legend class="item-legend">{t("pledge.item", { n: i + 1, title: items[i]!.title })}</legend>
              <div class="field-row">
                <Field id={`pl-${i}-title`} label={t("col.item")} required maxLength={100} value={items[i]!.title} onInput={(e) => setItems(i, "title", e.currentTarget.value)} error={errors.field(`items.${i}.title`)} />
                <Field id={`pl-${i}-indicator`} label={t("col.indicator")} required maxLength={100} value={items[i]!.indicator} onInput={(e) => setItems(i, "indicator", e.currentTarget.value)} error={errors.field(`items.${i}.indicator`)} />
                <Field id={`pl-${i}-unit`} label={t("col.unit")} required maxLength={10} value={items[i]!.unit} onInput={(e) => setItems(i, "unit", e.currentTarget.value)} error={errors.field(`items.${i}.unit`)} />
                <Field
                  id={`pl-${i}-weight`}
                  type="number"
                  inputmode="decimal"
                  min={0}
                  max={100}
                  label={t("pledge.weight")}
                  required
                  value={items[i]!.weight}
                  onInput={(e) => setItems(i, "weight", e.currentTarget.value)}
                  error={errors.field(`items.${i}.weight`) ?? errors.field(`items.${i}`)}
                />
              </div>
              <div class="gov-fieldset" id={`pl-${i}-targets`} tabindex="-1" role="group" aria-labelledby={`pl-${i}-targets-l`}>
                <p class="field-label" id={`pl-${i}-targets-l`}>
                  {t("pledge.targets")}
                </p>
                <div class="year-row">
                  <For each={span()}>
                    {(y) => (
                      <Field
                        id={`pl-${i}-t-${y}`}
                        type="number"
                        inputmode="numeric"
                        min={0}
                        label={t("pledge.targetYear", { year: yearName(y) })}
                        class="field-narrow"
                        value={items[i]!.targets[y] ?? ""}
                        onInput={(e) => setItems(i, "targets", y, e.currentTarget.value)}
                        error={errors.field(`items.${i}.targets.${y}`)}
                      />
                    )}
                  </For>
                </div>
                <Show when={errors.field(`items.${i}.targets`)}>
                  {(e) => (
                    <p class="field-error">
                      <Icon name="error" size={18} />
                      <span>{e()}</span>
                    </p>
                  )}
                </Show>
                <p class="muted small">{t("pledge.targetSum", { n: formatNumber(span().reduce((s, y) => s + (Number(items[i]!.targets[y]) || 0), 0)) })}</p>
              </div>
              <div class="year-row">
                <SelectField
                  id={`pl-${i}-qyear`}
                  label={t("pledge.quarterYear")}
                  class="field-narrow"
                  value={items[i]!.quarterlyYear}
                  onChange={(e) => setItems(i, "quarterlyYear", e.currentTarget.value)}
                  error={errors.field(`items.${i}.quarterly.year`) ?? errors.field(`items.${i}.quarterly`)}
                >
                  <option value="">{t("pledge.noQuarters")}</option>
                  <For each={span()}>
                    {(y) => (
                      <option value={y} selected={items[i]!.quarterlyYear === y}>
                        {yearName(y)}
                      </option>
                    )}
                  </For>
                </SelectField>
                <Show when={items[i]!.quarterlyYear}>
                  <For each={[0, 1, 2, 3]}>
                    {(q) => (
                      <Field
                        id={`pl-${i}-q-${q}`}
                        type="number"
                        inputmode="numeric"
                        min={0}
                        label={t("pledge.targetQuarter", { quarter: quarterName(q + 1) })}
                        class="field-narrow"
                        value={items[i]!.quarterly[q] ?? ""}
                        onInput={(e) => setItems(i, "quarterly", q, e.currentTarget.value)}
                        error={errors.field(`items.${i}.quarterly.targets.${q}`)}
                      />
                    )}
                  </For>
                </Show>
              </div>
              <p class="rule-text" id={`pl-${i}-rule`} tabindex="-1">
                <Icon name="info" size={18} />
                <Suspense fallback={<span>{t("pledge.rule", { rule: "…" })}</span>}>
                  <span>{t("pledge.rule", { rule: ruleText(orig().key) ?? "…" })}</span>
                </Suspense>
              </p>
              <Show when={errors.field(`items.${i}.rule`)}>
                {(e) => (
                  <p class="field-error">
                    <Icon name="error" size={18} />
                    <span>{e()}</span>
                  </p>
                )}
              </Show>
            </fieldset>
          )}
        </Index>

        <div id="pl-weights" tabindex="-1" class="weight-sum" classList={{ "is-off": Math.abs(weightSum() - 100) > 1e-9 }} aria-describedby={errors.field("items") ? "pl-weights-error" : undefined}>
          <p role="status" data-testid="weight-sum">
            {t("pledge.weightSum", { n: formatNumber(weightSum()) })}
            <Show when={Math.abs(weightSum() - 100) > 1e-9}> — {t("pledge.weightOff")}</Show>
          </p>
          <Show when={errors.field("items")}>
            <p class="field-error" id="pl-weights-error">
              <Icon name="error" size={18} />
              <span>{errors.field("items")}</span>
            </p>
          </Show>
        </div>

        <Show when={pledge.budget}>
          <fieldset class="gov-fieldset" id="pl-budget" tabindex="-1">
            <legend class="item-legend">{t("pledge.budget")}</legend>
            <p class="field-hint">{t("budget.unit")}</p>
            <Show when={errors.field("budget")}>
              <p class="field-error">
                <Icon name="error" size={18} />
                <span>{errors.field("budget")}</span>
              </p>
            </Show>
            <div class="year-row">
              <For each={span()}>
                {(y) => (
                  <Field id={`pl-plan-${y}`} type="number" inputmode="decimal" min={0} class="field-narrow" label={t("pledge.planYear", { year: yearName(y) })} value={plan[y] ?? ""} onInput={(e) => setPlan(y, e.currentTarget.value)} error={errors.field(`budget.plan.${y}`)} />
                )}
              </For>
            </div>
            <div class="year-row">
              <For each={span()}>
                {(y) => (
                  <Field id={`pl-exec-${y}`} type="number" inputmode="decimal" min={0} class="field-narrow" label={t("pledge.executedYear", { year: yearName(y) })} value={executed[y] ?? ""} onInput={(e) => setExecuted(y, e.currentTarget.value)} error={errors.field(`budget.executed.${y}`)} />
                )}
              </For>
            </div>
            <Index each={byItem}>
              {(b, k) => (
                <div class="field-row">
                  <Field id={`pl-bi-${k}-item`} label={t("pledge.budgetItem", { n: k + 1 })} value={b().item} onInput={(e) => setByItem(k, "item", e.currentTarget.value)} error={errors.field(`budget.byItem.${k}.item`)} />
                  <Field id={`pl-bi-${k}-amount`} type="number" inputmode="decimal" min={0} label={t("pledge.budgetAmount", { n: k + 1 })} value={b().amount} onInput={(e) => setByItem(k, "amount", e.currentTarget.value)} error={errors.field(`budget.byItem.${k}.amount`)} />
                </div>
              )}
            </Index>
          </fieldset>
        </Show>

        <p class="status-line" role="status">
          <Show when={saved()}>
            <Icon name="check" size={18} />
            <span>{t("pledge.saved")}</span>
          </Show>
        </p>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
            {t("pledge.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
