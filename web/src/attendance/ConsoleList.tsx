import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { isStaff } from "../accounts/auth.js";
import { getMe } from "../accounts/queries.js";
import { Alert, LoadError, usePageTitle } from "../app/ui.js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { t } from "./strings.js";
import { getMySessions } from "./queries.js";

/** `/console`: the sessions assigned to the signed-in facilitator. */
export default function ConsoleList() {
  const me = createAsync(() => getMe());
  const sessions = createAsync(() => getMySessions());
  usePageTitle(() => t("console.listTitle"));
  return (
    <div class="inner page">
      <div class="page-head">
        <h1 class="page-title">{t("console.listTitle")}</h1>
        <p class="page-lead">{t("console.listLead")}</p>
      </div>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={isStaff(me()?.role)}>
          <Alert tone="info">
            <p>
              {t("console.staffNote")} <A href="/staff">{t("nav.staff")}</A>
            </p>
          </Alert>
        </Show>
        <Show when={sessions()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("console.noSessions")}</p>}>
              <ul class="card-grid">
                <For each={list()}>
                  {(s) => (
                    <li class="card console-card">
                      <h2 class="card-title">{s.title}</h2>
                      <p class="card-meta">
                        {formatDateTime(s.startsAt)}
                        <Show when={s.venue}> · {s.venue}</Show>
                      </p>
                      <p class="card-meta">{t("setup.attendances", { n: formatNumber(s.attendances) })}</p>
                      <A href={`/console/${s.id}`} class="btn btn-primary btn-large btn-block">
                        {t("console.open")}
                        <span class="visually-hidden">: {s.title}</span>
                      </A>
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
