import { A } from "@solidjs/router";
import { createSignal, For } from "solid-js";
import { formatNumber } from "../app/format.js";
import { Field } from "../app/ui.js";
import { kstToday } from "../projects/figures.js";
import { reportHref, type PledgeInfo } from "./api.js";
import { t } from "./strings.js";

/** A pledge: its indicators in brief, the way to edit them, and the report for a day (XLSX, or the printable page). */
export function PledgeCard(props: { pledge: PledgeInfo }) {
  const [asOf, setAsOf] = createSignal(kstToday());
  const idp = () => `report-${props.pledge.id}`;
  return (
    <li class="card pledge-card" data-pledge={props.pledge.id}>
      <h3 class="card-title">{props.pledge.title}</h3>
      <p class="card-meta">{t("dash.lead", { from: props.pledge.fromYear, to: props.pledge.toYear })}</p>
      <ul class="plain-list">
        <For each={props.pledge.items}>
          {(i) => (
            <li>
              {i.title} · {i.indicator} · {formatNumber(i.weight)}%
            </li>
          )}
        </For>
      </ul>
      <p class="head-actions">
        <A href={`/staff/governance/pledges/${props.pledge.id}`} class="btn btn-secondary btn-small">
          {t("sg.editPledge")}
        </A>
      </p>
      <div class="report-download">
        <Field id={`${idp()}-asof`} type="date" label={t("sg.reportAsOf")} value={asOf()} onInput={(e) => setAsOf(e.currentTarget.value)} />
        <p class="head-actions">
          <a class="btn btn-primary btn-small" download="" href={reportHref(props.pledge.id, asOf())} data-testid="report-xlsx">
            {t("sg.reportXlsx")}
          </a>
          <A class="btn btn-tertiary btn-small" href={`/governance/report?asOf=${encodeURIComponent(asOf())}`}>
            {t("report.open")}
          </A>
        </p>
      </div>
    </li>
  );
}
