import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { LoadError, usePageTitle } from "../app/ui.js";
import { formatNumber, formatPeriod } from "../app/format.js";
import { t } from "./strings.js";
import { getForums } from "./queries.js";

/** `/`: the public list of forums with their headline figures. */
export default function Home() {
  const forums = createAsync(() => getForums());
  usePageTitle(() => t("home.title"));
  return (
    <div class="inner page">
      <div class="page-head">
        <h1 class="page-title">{t("home.title")}</h1>
        <p class="page-lead">{t("home.lead")}</p>
      </div>
      <section class="propose-banner" aria-labelledby="propose-h">
        <div class="propose-banner-text">
          <h2 id="propose-h" class="propose-banner-title">
            {t("home.proposeTitle")}
          </h2>
          <p>{t("home.proposeLead")}</p>
        </div>
        <div class="propose-banner-actions">
          <A href="/propose" class="btn btn-primary btn-large">
            {t("nav.propose")}
          </A>
          <A href="/p" class="btn btn-tertiary btn-large">
            {t("home.track")}
          </A>
        </div>
      </section>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={forums()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("home.empty")}</p>}>
              <ul class="card-grid" aria-label={t("home.listLabel")}>
                <For each={list()}>
                  {(forum) => (
                    <li class="card forum-card">
                      <h2 class="card-title">
                        <A href={`/forums/${forum.id}`}>{forum.title}</A>
                      </h2>
                      <p class="card-meta">{formatPeriod(forum.startsOn, forum.endsOn)}</p>
                      <Show when={forum.description}>
                        <p class="card-desc">{forum.description}</p>
                      </Show>
                      <dl class="mini-stats">
                        <div>
                          <dt>{t("stat.sessions")}</dt>
                          <dd>{t("stat.sessionsUnit", { n: formatNumber(forum.sessions) })}</dd>
                        </div>
                        <div>
                          <dt>{t("stat.attendances")}</dt>
                          <dd>{t("stat.peopleUnit", { n: formatNumber(forum.attendances) })}</dd>
                        </div>
                        <div>
                          <dt>{t("stat.participants")}</dt>
                          <dd>{t("stat.peopleUnit", { n: formatNumber(forum.participants) })}</dd>
                        </div>
                      </dl>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}
