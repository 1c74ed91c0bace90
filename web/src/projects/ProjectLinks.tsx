import { A, createAsync } from "@solidjs/router";
import { createResource, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { LoadError, Loading } from "../app/ui.js";
import { projectsApi, type FunnelStep } from "./api.js";
import { FunnelChart } from "./FunnelChart.js";
import { CardStatusBadge, OverdueFlag, quarterName, stageName } from "./project.js";
import { getAttention } from "./queries.js";
import { t } from "./strings.js";

/** Ways into the projects from the other features' pages. */

/**
 * The public forum page: the funnel of its cycle, each step a way into the funnel's own page with
 * that step open. Read once per forum straight from the API (not one of the page's queries, which
 * refresh themselves): if it fails or the forum has nothing yet, the section is not there.
 */
export function ForumFunnel(props: { forumId: string }) {
  const [funnel] = createResource(() => props.forumId, (forumId) => projectsApi.funnel(forumId));
  const href = (step: FunnelStep) => `/forums/${props.forumId}/funnel?step=${step}`;
  return (
    <ErrorBoundary fallback={null}>
      <Show when={funnel()}>
        {(f) => (
          <Show when={f().steps.some((s) => s.count > 0)}>
            <section class="section forum-funnel" aria-labelledby="forum-funnel-h">
              <div class="section-head">
                <h2 id="forum-funnel-h" class="section-title">
                  {t("funnel.title")}
                </h2>
                <A href={`/forums/${props.forumId}/funnel`} class="btn btn-secondary btn-small">
                  {t("funnel.more")}
                </A>
              </div>
              <FunnelChart steps={f().steps} hrefFor={href} idPrefix="forum-funnel" caption={t("funnel.caption", { title: f().title })} />
            </section>
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}

/** The staff's forum page: the way to the forum's projects. */
export function StaffProjectsLink(props: { forumId: string }) {
  return (
    <A href={`/staff/forums/${props.forumId}/projects`} class="btn btn-secondary btn-small">
      {t("projects.manageLink")}
    </A>
  );
}

/** The staff's landing page: projects that need a look — an overdue card, cards not signed off, running late. */
export function AttentionPanel() {
  return (
    <section class="section attention" aria-labelledby="attention-h" data-testid="attention">
      <h2 id="attention-h" class="section-title">
        {t("attention.title")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <AttentionList />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function AttentionList() {
  const items = createAsync(() => getAttention());
  return (
    <Show when={items()}>
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="empty">{t("attention.none")}</p>}>
          <ul class="attention-list">
            <For each={list()}>
              {(a) => (
                <li class="card attention-item">
                  <p class="attention-forum muted">{a.forumTitle}</p>
                  <h3 class="card-title">
                    <A href={`/staff/projects/${a.projectId}`} class="strong-link">
                      {a.title}
                    </A>
                  </h3>
                  <p class="attention-flags">
                    <span class="muted">{stageName(a.stage)}</span>
                    <Show when={a.overdue}>{(q) => <OverdueFlag quarter={q()} />}</Show>
                    <Show when={a.unsigned.length > 0}>
                      <span class="flag flag-info">{t("attention.unsigned", { quarters: a.unsigned.map(quarterName).join(", ") })}</span>
                    </Show>
                    <Show when={a.late}>{(s) => <CardStatusBadge status={s()} />}</Show>
                  </p>
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  );
}
