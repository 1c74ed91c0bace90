import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { formatPeriod } from "../app/format.js";
import { PageLoadError, usePageTitle } from "../app/ui.js";
import { CardStatusBadge, OverdueFlag, Progress, quarterName, StageBadge } from "./project.js";
import { getMyProjects } from "./queries.js";
import { t } from "./strings.js";

/** `/taskforce`: where a task-force member lands — the projects they report on, each with its latest card. */
export default function TaskForceList() {
  const projects = createAsync(() => getMyProjects());
  usePageTitle(() => t("tf.title"));
  return (
    <div class="inner page">
      <div class="page-head">
        <h1 class="page-title">{t("tf.title")}</h1>
        <p class="page-lead">{t("tf.lead")}</p>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={projects()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("tf.empty")}</p>}>
              <ul class="card-grid tf-projects" data-testid="tf-projects">
                <For each={list()}>
                  {(p) => (
                    <li class="card tf-project">
                      <h2 class="card-title">{p.title}</h2>
                      <p class="project-facts-line">
                        <StageBadge stage={p.stage} />
                        <span class="badge badge-field">{p.field}</span>
                      </p>
                      <p class="card-meta">{formatPeriod(p.period.startsOn, p.period.endsOn)}</p>
                      <Show when={p.cards.at(-1)} fallback={<p class="muted">{t("tf.noCards")}</p>}>
                        {(c) => (
                          <div class="tf-latest">
                            <p class="mini-title">{t("tf.latest", { quarter: quarterName(c().quarter) })}</p>
                            <p class="card-progress">
                              <Progress value={c().progress} status={c().status} />
                              <CardStatusBadge status={c().status} />
                            </p>
                          </div>
                        )}
                      </Show>
                      <Show when={p.overdue}>{(q) => <OverdueFlag quarter={q()} />}</Show>
                      <p class="head-actions">
                        <A href={`/taskforce/projects/${p.id}`} class="btn btn-primary">
                          {t("tf.fileCard")}
                          <span class="visually-hidden">: {p.title}</span>
                        </A>
                      </p>
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
