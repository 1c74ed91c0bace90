import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { formatPeriod } from "../app/format.js";
import { ScrollRegion } from "../app/ui.js";
import type { ProjectView } from "./api.js";
import { money, moneyProse } from "./project.js";
import { t } from "./strings.js";

/**
 * A project's plan as it stands: purpose, content, period, the agendas it came from, the task
 * force (names for staff only: the public answer has none) and the budget lines with their total.
 */
export function PlanFacts(props: { project: Pick<ProjectView, "purpose" | "content" | "period" | "agendas" | "taskForce" | "budgetLines" | "money">; staff?: boolean; agendaHref: (id: string) => string }) {
  const p = () => props.project;
  const members = () => ("members" in p().taskForce ? (p().taskForce as { members?: { name: string; side: "public" | "private" }[] }).members : undefined) ?? [];
  return (
    <div class="plan-facts">
      <dl class="facts">
        <Show when={p().purpose}>
          <div>
            <dt>{t("form.purpose")}</dt>
            <dd class="pre-line">{p().purpose}</dd>
          </div>
        </Show>
        <Show when={p().content}>
          <div>
            <dt>{t("form.content")}</dt>
            <dd class="pre-line">{p().content}</dd>
          </div>
        </Show>
        <div>
          <dt>{t("plan.period")}</dt>
          <dd>{formatPeriod(p().period.startsOn, p().period.endsOn)}</dd>
        </div>
        <div>
          <dt>{t("plan.agendas")}</dt>
          <dd>
            <ul class="agenda-links" data-testid="project-agendas">
              <For each={p().agendas}>
                {(a) => (
                  <li>
                    <A href={props.agendaHref(a.id)}>{a.title}</A> <span class="badge badge-field">{a.field}</span>
                  </li>
                )}
              </For>
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("form.taskForce")}</dt>
          <dd>
            {t("taskforce.counts", { public: p().taskForce.publicMembers, private: p().taskForce.privateMembers })}
            <Show when={props.staff && members().length > 0}>
              <ul class="member-list">
                <For each={members()}>
                  {(m) => (
                    <li>
                      {m.name} <span class="muted">({t(m.side === "public" ? "side.public" : "side.private")})</span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </dd>
        </div>
      </dl>
      <h3 class="mini-title budget-title">{t("plan.budget")}</h3>
      <ScrollRegion label={t("plan.budget")}>
        <table class="table budget-table" data-testid="budget-table">
          <thead>
            <tr>
              <th scope="col">{t("plan.col.item")}</th>
              <th scope="col" class="num">
                {t("plan.col.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={p().budgetLines} fallback={<tr><td colSpan={2} class="muted">{t("plan.noLines")}</td></tr>}>
              {(l) => (
                <tr>
                  <th scope="row">{l.item}</th>
                  <td class="num nowrap">{money(l.amount)}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("form.total")}</th>
              <td class="num">
                <span class="amount">
                  <strong class="amount-figure" data-testid="budget-total">
                    {money(p().money.requested.amount)}
                  </strong>
                  <span class="amount-prose">{moneyProse(p().money.requested.amount)}</span>
                </span>
              </td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </div>
  );
}
