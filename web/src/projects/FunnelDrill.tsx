import { A, createAsync } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { formatNumber } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { LoadError, Loading, ScrollRegion } from "../app/ui.js";
import type { FunnelEntry, FunnelStep } from "./api.js";
import { previousStep } from "./figures.js";
import { stepName } from "./FunnelChart.js";
import { money, stageName } from "./project.js";
import { getFunnelStep } from "./queries.js";
import { t, type Key } from "./strings.js";

const SHOWN = 30;

/** An entry's stage in words: a proposal's (제안 … 예산 반영) or a project's (계획 … 완료). */
const entryStage = (e: FunnelEntry) => (e.kind === "project" ? stageName(e.stage as Parameters<typeof stageName>[0]) : t(`agendaStage.${e.stage}` as Key));

/** Where an entry leads: a project to its public page, a proposal to the forum's list, searched by its title. */
const entryHref = (forumId: string, e: FunnelEntry) => (e.kind === "project" ? `/projects/${e.id}` : `/forums/${forumId}/proposals?q=${encodeURIComponent(e.title)}`);

/**
 * One step of the funnel opened: what is in it, and what dropped out between it and the step
 * before, with the reasons. Its own boundary: the chart above stays while it loads or fails.
 */
export function FunnelDrill(props: { forumId: string; step: FunnelStep; headingRef?: (el: HTMLHeadingElement) => void }) {
  const prev = () => previousStep(props.step);
  return (
    <section class="section funnel-drill" aria-labelledby="drill-h" data-testid="funnel-drill">
      <h2 id="drill-h" class="section-title" tabindex="-1" ref={props.headingRef}>
        {t("drill.title", { step: stepName(props.step) })}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <DrillLists forumId={props.forumId} step={props.step} previous={prev()} />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function DrillLists(props: { forumId: string; step: FunnelStep; previous?: FunnelStep }) {
  const drill = createAsync(() => getFunnelStep(props.forumId, props.step));
  return (
    <Show when={drill()}>
      {(d) => (
        <div class="drill-lists">
          <div>
            <h3 class="drill-subtitle">{t("drill.items", { n: formatNumber(d().total) })}</h3>
            <EntryTable forumId={props.forumId} entries={d().items} total={d().total} label={t("drill.items", { n: formatNumber(d().total) })} testId="drill-items" />
          </div>
          <div>
            <h3 class="drill-subtitle">
              {props.previous ? t("drill.dropped", { from: stepName(props.previous), n: formatNumber(d().droppedTotal) }) : t("drill.droppedFirst")}
            </h3>
            <Show when={props.previous}>
              <EntryTable forumId={props.forumId} entries={d().dropped} total={d().droppedTotal} label={t("drill.droppedLabel")} reasons testId="drill-dropped" />
            </Show>
          </div>
        </div>
      )}
    </Show>
  );
}

function EntryTable(props: { forumId: string; entries: FunnelEntry[]; total: number; label: string; reasons?: boolean; testId: string }) {
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.entries : props.entries.slice(0, SHOWN));
  const hasAmount = () => props.entries.some((e) => e.amount !== undefined);
  return (
    <Show when={props.entries.length > 0} fallback={<p class="empty">{t("drill.none")}</p>}>
      <ScrollRegion label={props.label}>
        <table class="table drill-table" data-testid={props.testId}>
          <caption class="visually-hidden">{props.label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("drill.col.title")}</th>
              <th scope="col">{t("drill.col.field")}</th>
              <Show when={hasAmount()}>
                <th scope="col" class="num">
                  {t("drill.col.amount")}
                </th>
              </Show>
              <th scope="col">{t("drill.col.stage")}</th>
              <Show when={props.reasons}>
                <th scope="col">{t("drill.col.reason")}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(e) => (
                <tr data-kind={e.kind}>
                  <th scope="row">
                    <A href={entryHref(props.forumId, e)}>{e.title}</A>
                    <Show when={e.kind === "project"}>
                      <span class="cell-sub">{t("drill.kind.project")}</span>
                    </Show>
                  </th>
                  <td>{e.field}</td>
                  <Show when={hasAmount()}>
                    <td class="num nowrap">{e.amount !== undefined ? money(e.amount) : "—"}</td>
                  </Show>
                  <td class="nowrap">{entryStage(e)}</td>
                  <Show when={props.reasons}>
                    <td class="drill-reason">{e.reason ? e.reason[lang()] : "—"}</td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
      <Show when={!all() && props.entries.length > SHOWN}>
        <button type="button" class="btn btn-secondary more-button" onClick={() => setAll(true)}>
          {t("drill.showAll", { n: formatNumber(props.entries.length) })}
        </button>
      </Show>
      <Show when={props.total > props.entries.length}>
        <p class="muted">{t("drill.truncated", { shown: formatNumber(props.entries.length), n: formatNumber(props.total) })}</p>
      </Show>
    </Show>
  );
}
