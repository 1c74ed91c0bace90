import { A, createAsync, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { isStaff } from "../accounts/auth.js";
import { getMe } from "../accounts/queries.js";
import type { ProposalItem } from "./api.js";
import { FieldChart, placeName, ProposalMeta } from "./proposal.js";
import { ProposalFilters } from "./ProposalFilters.js";
import { Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { formatNumber } from "../app/format.js";
import { t } from "./strings.js";
import { createProposalList, useFilters, useHrefWith } from "./proposal-list.js";
import { getPlace } from "./queries.js";

/** Long texts start folded to a few lines, with a button that unfolds them. */
export function ExpandableText(props: { text: string; id: string }) {
  const [open, setOpen] = createSignal(false);
  const long = () => props.text.length > 180 || props.text.split("\n").length > 4;
  return (
    <>
      <p id={props.id} class="proposal-text" classList={{ folded: long() && !open() }}>
        {props.text}
      </p>
      <Show when={long()}>
        <button type="button" class="link-button" aria-expanded={open() ? "true" : "false"} aria-controls={props.id} onClick={() => setOpen((o) => !o)}>
          {open() ? t("list.fold") : t("list.unfold")}
        </button>
      </Show>
    </>
  );
}

function ProposalCard(props: { proposal: ProposalItem; staff: boolean }) {
  const p = () => props.proposal;
  return (
    <li class="card proposal-card" data-testid="proposal-card">
      <h3 id={`proposal-${p().id}-h`} class="proposal-card-title" tabindex="-1">
        {p().title}
      </h3>
      <ProposalMeta proposal={p()} showStatus={props.staff} />
      <ExpandableText id={`proposal-${p().id}-text`} text={p().body} />
    </li>
  );
}

/**
 * `/forums/:forumId/proposals`: a forum's published proposals for everyone (staff see every
 * status): search, filters, "more" by cursor, and the counts per field as a chart that is also
 * a table. Staff get a link to the moderation queue.
 */
export default function ForumProposals() {
  const params = useParams();
  const forumId = () => params.forumId!;
  const me = createAsync(() => getMe());
  // The header reads a failed getMe as signed out; so does this page (it is public).
  const staff = () => {
    try {
      return isStaff(me()?.role);
    } catch {
      return false;
    }
  };
  const { filters, setFilters } = useFilters();
  const list = createProposalList(forumId, filters);
  const place = createAsync(() => getPlace(forumId()));
  const hrefWith = useHrefWith();
  const [moreNote, setMoreNote] = createSignal("");
  const filtered = () => Object.values(filters()).some(Boolean);

  const loadMore = async () => {
    const before = list.items()?.length ?? 0;
    const firstNew = await list.loadMore();
    if (!firstNew) return;
    setMoreNote(t("list.loadedMore", { n: (list.items()?.length ?? 0) - before }));
    document.getElementById(`proposal-${firstNew}-h`)?.focus();
  };

  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={place()}>
          {(pl) => (
            <>
              <PageTitle title={`${t("list.title")}: ${placeName(pl().title)}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <Show when={!pl().inbox} fallback={<A href="/">{t("nav.forums")}</A>}>
                    <A href={`/forums/${pl().id}`}>{pl().title}</A>
                  </Show>
                </p>
                <p class="page-kicker">{placeName(pl().title)}</p>
                <h1 class="page-title">{t("list.title")}</h1>
                <p class="page-lead">{t("list.lead")}</p>
                <div class="head-actions">
                  <Show when={pl().intake === "open"}>
                    <A href={pl().inbox ? "/propose" : `/propose?forum=${pl().id}`} class="btn btn-primary">
                      {t("list.propose")}
                    </A>
                  </Show>
                  <Show when={staff()}>
                    <A href={`/staff/forums/${pl().id}/proposals`} class="btn btn-secondary">
                      {t("list.moderate")}
                    </A>
                  </Show>
                </div>
              </div>
              <Show when={list.page()}>
                {(pg) => (
                  <div class="list-layout">
                    <section class="list-main" aria-labelledby="results-h">
                      <h2 id="results-h" class="visually-hidden">
                        {t("list.results")}
                      </h2>
                      <ProposalFilters
                        idPrefix="list"
                        filters={filters()}
                        fields={pg().byField.map((b) => b.field)}
                        withStatus={staff()}
                        onChange={(patch) => {
                          setMoreNote("");
                          setFilters(patch);
                        }}
                      />
                      <div class="result-bar">
                        <p class="result-count" role="status" data-testid="result-count">
                          {filters().q ? t("list.totalFor", { q: filters().q!, n: formatNumber(pg().total) }) : t("list.total", { n: formatNumber(pg().total) })}
                        </p>
                        <Show when={filtered()}>
                          <a href={hrefWith({ q: undefined, field: undefined, source: undefined, status: undefined })} class="link-small">
                            {t("list.clear")}
                          </a>
                        </Show>
                      </div>
                      <Show when={(list.items() ?? []).length > 0} fallback={<p class="empty">{filtered() ? t("list.noMatch") : t("list.empty")}</p>}>
                        <ol class="proposal-list">
                          <For each={list.items()}>{(p) => <ProposalCard proposal={p} staff={staff()} />}</For>
                        </ol>
                      </Show>
                      <Show when={list.nextCursor()}>
                        <button type="button" class="btn btn-secondary btn-large btn-block more-button" onClick={loadMore} disabled={list.loading()}>
                          <Show when={list.loading()} fallback={t("list.more", { shown: formatNumber(list.items()?.length ?? 0), total: formatNumber(pg().total) })}>
                            <span class="spinner" aria-hidden="true" />
                            {t("common.loading")}
                          </Show>
                        </button>
                      </Show>
                      <Show when={list.error()}>
                        <p class="field-error" role="alert">
                          <Icon name="error" size={18} />
                          <span>{list.error()}</span>
                        </p>
                      </Show>
                      <p class="visually-hidden" role="status">
                        {moreNote()}
                      </p>
                    </section>
                    <aside class="list-side" aria-labelledby="by-field-h">
                      <h2 id="by-field-h" class="section-title">
                        {t("list.byField")}
                      </h2>
                      <p class="muted chart-note">
                        <Show when={filters().q}>{t("list.byFieldSearch", { q: filters().q! })} · </Show>
                        {t("list.byFieldCaption")}
                      </p>
                      <FieldChart
                        counts={pg().byField}
                        caption={t("list.byField")}
                        current={filters().field}
                        hrefFor={(field) => hrefWith({ field: filters().field === field ? undefined : field })}
                      />
                    </aside>
                  </div>
                )}
              </Show>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}
