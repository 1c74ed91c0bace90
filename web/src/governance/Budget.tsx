import { For, Show } from "solid-js";
import { ScrollRegion } from "../app/ui.js";
import type { Budget } from "./api.js";
import { millions, yearName } from "./governance.js";
import { t } from "./strings.js";

/**
 * The pledge's money in 백만 원 as the plan prints it: the plan and the execution by year (with
 * their totals), then the plan by item, where the projects' line also carries what the district
 * council approved and what was executed for the funded projects. The dashboard and the printed
 * report show the same two tables.
 */
export function BudgetTables(props: { budget: Budget; fromYear: number; toYear: number; idPrefix?: string }) {
  const years = () => Array.from({ length: props.toYear - props.fromYear + 1 }, (_, i) => String(props.fromYear + i));
  const at = (rows: { year: string; amount: number }[], y: string) => {
    const r = rows.find((x) => x.year === y);
    return r ? millions(r.amount) : "—";
  };
  const cell = (n: number | undefined) => (n === undefined ? "—" : millions(n));
  return (
    <div class="budget-tables">
      <ScrollRegion label={t("budget.byYear")}>
        <table class="table gov-table" data-testid="budget-years">
          <caption class="table-caption">
            {t("budget.byYear")} <span class="unit">{t("budget.unit")}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("col.row")}</th>
              <th scope="col" class="num">
                {t("col.sum")}
              </th>
              <For each={years()}>
                {(y) => (
                  <th scope="col" class="num">
                    {yearName(y)}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("budget.plan")}</th>
              <td class="num strong" data-testid="budget-plan-total">
                {millions(props.budget.planTotal)}
              </td>
              <For each={years()}>{(y) => <td class="num">{at(props.budget.plan, y)}</td>}</For>
            </tr>
            <tr>
              <th scope="row">{t("budget.executed")}</th>
              <td class="num strong" data-testid="budget-executed-total">
                {millions(props.budget.executedTotal)}
              </td>
              <For each={years()}>{(y) => <td class="num">{at(props.budget.executed, y)}</td>}</For>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <ScrollRegion label={t("budget.byItem")}>
        <table class="table gov-table" data-testid="budget-items">
          <caption class="table-caption">
            {t("budget.byItem")} <span class="unit">{t("budget.unit")}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("col.item")}</th>
              <th scope="col" class="num">
                {t("budget.plan")}
              </th>
              <th scope="col" class="num">
                {t("budget.approved")}
              </th>
              <th scope="col" class="num">
                {t("budget.projectsExecuted")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.budget.byItem}>
              {(i) => (
                <tr>
                  <th scope="row">{i.item}</th>
                  <td class="num">{millions(i.amount)}</td>
                  <td class="num">{cell(i.approved)}</td>
                  <td class="num">{cell(i.executed)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("col.sum")}</th>
              <td class="num strong">{millions(props.budget.byItem.reduce((s, i) => s + i.amount, 0))}</td>
              <td colspan="2" />
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
      <Show when={props.budget.byItem.some((i) => i.approved !== undefined)}>
        <p class="muted small">{t("budget.projectsNote")}</p>
      </Show>
    </div>
  );
}
