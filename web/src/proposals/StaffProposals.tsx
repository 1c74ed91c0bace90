import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onCleanup, Show } from "solid-js";
import type { ForumInfo } from "../attendance/api.js";
import { getForums } from "../attendance/queries.js";
import { proposalsApi, type ProposalInfo, type ProposalItem, type ProposalStatus } from "./api.js";
import { EditPanel, FieldPanel, HidePanel, isConflict, MergePanel, MovePanel, type Done } from "./Moderation.js";
import { placeName, ProposalMeta, StatusBadge } from "./proposal.js";
import { ProposalFilters } from "./ProposalFilters.js";
import { Alert, Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { formatNumber } from "../app/format.js";
import { t } from "./strings.js";
import { createProposalList, useFilters, useHrefWith } from "./proposal-list.js";
import { getPlace, getStatusCounts, INBOX } from "./queries.js";
import { ExpandableText } from "./ForumProposals.js";

type Tab = ProposalStatus | "all";
const TABS: Tab[] = ["pending", "published", "hidden", "merged", "all"];

/**
 * `/staff/forums/:forumId/proposals` (and `/staff/forums/inbox/proposals`): the moderation queue.
 * Pending proposals first (the default tab), then by status; search and filters; per proposal:
 * publish, hide with a reason, reclassify, correct the text, merge, and — in the inbox — move
 * into a forum. A changed proposal stays where it is in the list, showing its new state.
 */
export default function StaffProposals() {
  const params = useParams();
  const forumId = () => params.forumId!;
  const { filters, setFilters, raw } = useFilters();
  const tab = (): Tab => (raw.status === "all" ? "all" : (filters().status ?? "pending"));
  const query = () => ({ ...filters(), status: tab() === "all" ? undefined : (tab() as ProposalStatus) });
  const list = createProposalList(forumId, query);
  const place = createAsync(() => getPlace(forumId()));
  // Only the inbox moves proposals into forums; elsewhere nothing to load.
  const forums = createAsync(() => (forumId() === INBOX ? getForums() : Promise.resolve([] as ForumInfo[])));
  const counts = createAsync(() => getStatusCounts(forumId()));
  const hrefWith = useHrefWith();
  const [notice, setNotice] = createSignal("");
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(noticeTimer));

  const changed: Done = (infos, message) => {
    for (const info of infos) list.replace(info);
    clearTimeout(noticeTimer);
    setNotice(message);
    noticeTimer = setTimeout(() => setNotice(""), 8000);
    void revalidate(getStatusCounts.keyFor(forumId()));
    // The card was drawn anew with the new state: focus its title, so the keyboard stays where it was.
    setTimeout(() => document.getElementById(`mod-${infos[0]!.id}-h`)?.focus(), 0);
  };

  const loadMore = async () => {
    const firstNew = await list.loadMore();
    if (firstNew) document.getElementById(`mod-${firstNew}-h`)?.focus();
  };

  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={place()}>
          {(pl) => (
            <Show when={forums()}>
              {(fs) => (
                <>
                  <PageTitle title={`${t("mod.title")}: ${placeName(pl().title)}`} />
                  <div class="page-head">
                    <p class="breadcrumb">
                      <Show when={!pl().inbox} fallback={<A href="/staff">{t("mod.backToForums")}</A>}>
                        <A href={`/staff/forums/${pl().id}`}>{t("mod.backToForum")}</A>
                      </Show>
                    </p>
                    <p class="page-kicker">{placeName(pl().title)}</p>
                    <h1 class="page-title">{t("mod.title")}</h1>
                    <p class="page-lead">{pl().inbox ? t("mod.leadInbox") : t("mod.lead")}</p>
                    <div class="head-actions">
                      <A href={`/forums/${pl().id}/proposals`} class="btn btn-secondary btn-small">
                        {t("mod.publicList")}
                      </A>
                      <A href={`/staff/forums/${pl().id}/import`} class="btn btn-secondary btn-small">
                        <Icon name="upload" size={18} />
                        {t("import.link")}
                      </A>
                    </div>
                  </div>
                  <ErrorBoundary fallback={<StatusTabs current={tab()} hrefFor={(s) => hrefWith({ status: s })} />}>
                    <StatusTabs current={tab()} counts={counts()} hrefFor={(s) => hrefWith({ status: s })} />
                  </ErrorBoundary>
                  <Show when={list.page()}>
                    {(pg) => (
                      <section class="list-main" aria-labelledby="queue-h">
                        <h2 id="queue-h" class="visually-hidden">
                          {t(`mod.tab.${tab()}`)}
                        </h2>
                        <ProposalFilters idPrefix="mod" filters={filters()} fields={pg().byField.map((b) => b.field)} onChange={setFilters} />
                        <p class="result-count" role="status" data-testid="result-count">
                          {t("list.total", { n: formatNumber(pg().total) })}
                        </p>
                        <Show when={(list.items() ?? []).length > 0} fallback={<p class="empty">{tab() === "pending" ? t("mod.nonePending") : t("list.noMatch")}</p>}>
                          <ol class="mod-list">
                            <For each={list.items()}>
                              {(p) => (
                                <ModerationCard
                                  proposal={p}
                                  forumId={forumId()}
                                  fields={pg().byField.map((b) => b.field)}
                                  forums={fs()}
                                  onChanged={changed}
                                />
                              )}
                            </For>
                          </ol>
                        </Show>
                        <Show when={list.nextCursor()}>
                          <button type="button" class="btn btn-secondary btn-large btn-block more-button" onClick={loadMore} disabled={list.loading()}>
                            {list.loading()
                              ? t("common.loading")
                              : t("list.more", { shown: formatNumber(list.items()?.length ?? 0), total: formatNumber(pg().total) })}
                          </button>
                        </Show>
                        <Show when={list.error()}>
                          <p class="field-error" role="alert">
                            <Icon name="error" size={18} />
                            <span>{list.error()}</span>
                          </p>
                        </Show>
                      </section>
                    )}
                  </Show>
                </>
              )}
            </Show>
          )}
        </Show>
      </ErrorBoundary>
      <div class="toast" role="status" aria-live="polite" data-testid="mod-notice">
        <Show when={notice()}>
          <Icon name="check" size={20} />
          <span>{notice()}</span>
        </Show>
      </div>
    </div>
  );
}

function StatusTabs(props: { current: Tab; counts?: Record<ProposalStatus, number>; hrefFor: (s: Tab) => string }) {
  return (
    <nav class="status-tabs" aria-label={t("mod.tabsLabel")}>
      <ul>
        <For each={TABS}>
          {(s) => (
            <li>
              {/* A plain <a>: the router's <A> would mark every tab "current" (same path). */}
              <a href={props.hrefFor(s)} class="status-tab" classList={{ current: props.current === s }} aria-current={props.current === s ? "page" : undefined}>
                {t(`mod.tab.${s}`)}
                <Show when={props.counts}>
                  {(c) => (
                    <Show when={s !== "all"}>
                      <span class="tab-count">{formatNumber(c()[s as ProposalStatus])}</span>
                    </Show>
                  )}
                </Show>
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

type Mode = "hide" | "field" | "edit" | "merge" | "move";

function ModerationCard(props: { proposal: ProposalItem; forumId: string; fields: string[]; forums: ForumInfo[]; onChanged: Done }) {
  const p = () => props.proposal;
  const base = () => `mod-${p().id}`;
  const [mode, setMode] = createSignal<Mode>();
  const [error, setError] = createSignal<string>();
  const [stale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const status = () => p().status;
  const movedAway = () => p().forumId !== props.forumId;
  const mergedInto = () => [...(p().history ?? [])].reverse().find((e) => e.event === "merged")?.title;
  const can = {
    publish: () => status() === "pending" || status() === "hidden",
    hide: () => status() === "pending" || status() === "published",
    merge: () => status() === "pending" || status() === "published",
    reclassify: () => status() !== "merged",
    move: () => props.forumId === INBOX && status() !== "merged",
  };

  const onError = (err: unknown) => {
    if (isConflict(err)) setStale(true);
  };
  const done: Done = (infos, message) => {
    setMode(undefined);
    setStale(false);
    props.onChanged(infos, message);
  };
  const toggle = (m: Mode) => {
    setError(undefined);
    setMode(mode() === m ? undefined : m);
  };
  const cancel = () => {
    const m = mode();
    setMode(undefined);
    document.getElementById(`${base()}-${m}-btn`)?.focus();
  };
  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const info = await proposalsApi.updateProposal(p().id, { status: "published" });
      done([info], t("mod.published", { title: info.title }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setError(undefined);
    try {
      const fresh = (await proposalsApi.proposal(props.forumId, p().id)) as ProposalInfo;
      done([fresh], t("mod.reloaded", { title: fresh.title }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const toggleButton = (m: Mode, label: string) => (
    <button
      type="button"
      id={`${base()}-${m}-btn`}
      class="btn btn-tertiary btn-small"
      aria-expanded={mode() === m ? "true" : "false"}
      aria-controls={mode() === m ? `${base()}-${m}` : undefined}
      onClick={() => toggle(m)}
    >
      {label}
    </button>
  );
  const panel = { onDone: done, onCancel: cancel, onError };

  return (
    <li class={`card mod-card mod-${status()}`} data-testid="mod-card">
      <div class="mod-card-head">
        <h3 id={`${base()}-h`} class="proposal-card-title" tabindex="-1">
          {p().title}
        </h3>
        <Show when={status()}>{(s) => <StatusBadge status={s()} />}</Show>
      </div>
      <ProposalMeta proposal={p()} />
      <ExpandableText id={`${base()}-text`} text={p().body} />
      <Show when={p().original}>
        {(o) => (
          <details class="original">
            <summary>{t("proposal.originalSummary")}</summary>
            <p class="original-title">{o().title}</p>
            <p class="proposal-text">{o().body}</p>
          </details>
        )}
      </Show>
      <Show when={status() === "hidden" && p().hiddenReason}>
        <p class="mod-note">
          <strong>{t("mod.hiddenReason")}</strong> {p().hiddenReason}
        </p>
      </Show>
      <Show when={status() === "merged"}>
        <p class="mod-note">{mergedInto() ? t("mod.mergedInto", { title: mergedInto()! }) : t("proposal.status.merged")}</p>
      </Show>
      <Show
        when={!movedAway()}
        fallback={
          <Alert tone="success">
            <p>{t("mod.movedAway")}</p>
            <p>
              <A href={`/staff/forums/${p().forumId}/proposals?status=${p().status}`}>{t("mod.openThere")}</A>
            </p>
          </Alert>
        }
      >
        <div class="mod-actions" role="group" aria-label={t("mod.actionsFor", { title: p().title })}>
          <Show when={can.publish()}>
            <button type="button" class="btn btn-primary btn-small" onClick={publish} disabled={busy()}>
              {t("mod.publish")}
            </button>
          </Show>
          <Show when={can.hide()}>{toggleButton("hide", t("mod.hide"))}</Show>
          <Show when={can.reclassify()}>{toggleButton("field", t("mod.reclassify"))}</Show>
          {toggleButton("edit", t("mod.edit"))}
          <Show when={can.merge()}>{toggleButton("merge", t("mod.merge"))}</Show>
          <Show when={can.move()}>{toggleButton("move", t("mod.move"))}</Show>
        </div>
        <Show when={mode() === "hide"}>
          <HidePanel proposal={p()} id={`${base()}-hide`} {...panel} />
        </Show>
        <Show when={mode() === "field"}>
          <FieldPanel proposal={p()} id={`${base()}-field`} fields={props.fields} {...panel} />
        </Show>
        <Show when={mode() === "edit"}>
          <EditPanel proposal={p()} id={`${base()}-edit`} {...panel} />
        </Show>
        <Show when={mode() === "merge"}>
          <MergePanel proposal={p()} id={`${base()}-merge`} forumId={props.forumId} {...panel} />
        </Show>
        <Show when={mode() === "move"}>
          <MovePanel proposal={p()} id={`${base()}-move`} forums={props.forums} {...panel} />
        </Show>
      </Show>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
      <Show when={stale()}>
        <Alert tone="warning">
          <p>{t("mod.stale")}</p>
          <button type="button" class="btn btn-secondary btn-small" onClick={reload}>
            {t("mod.reload")}
          </button>
        </Alert>
      </Show>
    </li>
  );
}
