import { A, createAsync, useSearchParams } from "@solidjs/router";
import { ErrorBoundary, For, Show, Suspense } from "solid-js";
import { formatDate, formatNumber } from "../app/format.js";
import { LoadError, Loading, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import type { BodyView } from "./api.js";
import { AsOfForm, CompositionSummary, dayParam, SEATS, seatName } from "./governance.js";
import { MeetingTable, TaskTable } from "./MeetingLog.js";
import { getBodies, getMeetings, getMembers, getTasks } from "./queries.js";
import { t } from "./strings.js";

/**
 * `/governance/bodies`: the district's governance bodies for anyone — each body's composition on a
 * day (members by seat and subcommittee against its size limit, terms ending within 60 days), its
 * members' names only where the body publishes them (the API sends them only then), its meeting log
 * and its designated tasks. The day (기준일) is in the address, today unless chosen.
 */
export default function Bodies() {
  const [search] = useSearchParams();
  const on = () => dayParam(search.on);
  const bodies = createAsync(() => getBodies(on()));
  return (
    <div class="inner page gov-page">
      <PageTitle title={t("bodies.title")} />
      <div class="page-head">
        <p class="breadcrumb">
          <A href="/governance">{t("dash.title")}</A>
        </p>
        <h1 class="page-title">{t("bodies.title")}</h1>
        <p class="page-lead">{t("bodies.lead")}</p>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={bodies()}>
          {(list) => (
            <>
              <AsOfForm id="bodies-on" param="on" label={t("asOf.label")} hint={t("bodies.onHint")} value={list()[0]?.composition.on ?? on() ?? ""} />
              <Show when={list().length > 0} fallback={<p class="empty">{t("bodies.empty")}</p>}>
                <nav class="toc" aria-label={t("bodies.toc")}>
                  <ul>
                    <For each={list()}>
                      {(b) => (
                        <li>
                          <a href={`#body-${b.id}`}>{b.name}</a>
                        </li>
                      )}
                    </For>
                  </ul>
                </nav>
                <For each={list()}>{(b) => <BodySection body={b} />}</For>
              </Show>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function BodySection(props: { body: BodyView }) {
  const b = () => props.body;
  const c = () => props.body.composition;
  const headingId = () => `body-${b().id}`;
  return (
    <section class="section body-section" aria-labelledby={`${headingId()}-h`} id={headingId()} tabindex="-1" data-body={b().id}>
      <h2 id={`${headingId()}-h`} class="section-title">
        {b().name}
      </h2>
      <Show when={b().description}>
        <p class="muted">{b().description}</p>
      </Show>
      <CompositionSummary body={b()} />
      <div class="composition-tables">
        <ScrollRegion label={t("bodies.bySeat", { name: b().name })}>
          <table class="table gov-table">
            <caption class="table-caption">{t("bodies.bySeat", { name: b().name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.seat")}</th>
                <th scope="col" class="num">
                  {t("col.members")}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={SEATS.filter((s) => c().bySeat[s])}>
                {(s) => (
                  <tr>
                    <th scope="row">{seatName(s)}</th>
                    <td class="num">{t("common.people", { n: formatNumber(c().bySeat[s] ?? 0) })}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("col.sum")}</th>
                <td class="num strong">{t("common.people", { n: formatNumber(c().members) })}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
        <Show when={b().subcommittees.length > 0}>
          <ScrollRegion label={t("bodies.bySub", { name: b().name })}>
            <table class="table gov-table">
              <caption class="table-caption">{t("bodies.bySub", { name: b().name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.subcommittee")}</th>
                  <th scope="col" class="num">
                    {t("col.members")}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={b().subcommittees}>
                  {(s) => (
                    <tr>
                      <th scope="row">{s}</th>
                      <td class="num">{t("common.people", { n: formatNumber(c().bySubcommittee[s] ?? 0) })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollRegion>
        </Show>
      </div>
      <Show when={b().publicNames} fallback={<p class="muted small">{t("bodies.namesHidden")}</p>}>
        <PublicNames body={b()} />
      </Show>
      <Log body={b()} />
    </section>
  );
}

/** Only for bodies that publish names: the API answers anyone then. */
function PublicNames(props: { body: BodyView }) {
  const members = createAsync(() => getMembers(props.body.id));
  return (
    <div class="public-names">
      <h3 class="sub-title">{t("bodies.names")}</h3>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={members()}>
            {(list) => (
              <ul class="name-list" data-testid="public-names">
                <For each={list()}>
                  {(m) => (
                    <li>
                      <span class="strong">{m.displayName}</span>
                      <span class="muted">
                        {" "}
                        · {seatName(m.seat)}
                        {m.terms.length ? ` · ${formatDate(m.terms[m.terms.length - 1]!.startsOn)} ~ ${formatDate(m.terms[m.terms.length - 1]!.endsOn)}` : ""}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}

function Log(props: { body: BodyView }) {
  const meetings = createAsync(() => getMeetings(props.body.id));
  const tasks = createAsync(() => getTasks(props.body.id));
  return (
    <>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={meetings()}>
            {(list) => (
              <>
                <h3 class="sub-title">{t("bodies.log", { n: formatNumber(list().length) })}</h3>
                <Show when={list().length > 0} fallback={<p class="empty">{t("bodies.noMeetings")}</p>}>
                  <MeetingTable meetings={[...list()].reverse()} caption={t("bodies.logCaption", { name: props.body.name })} />
                </Show>
              </>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense>
          <Show when={tasks()}>
            {(list) => (
              <Show when={list().length > 0}>
                <h3 class="sub-title">{t("bodies.tasks", { n: formatNumber(list().length) })}</h3>
                <TaskTable tasks={list()} caption={t("bodies.tasksCaption", { name: props.body.name })} />
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </>
  );
}
