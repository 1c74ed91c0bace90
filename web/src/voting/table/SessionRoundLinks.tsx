import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { consoleOpenRounds } from "../../attendance/tablet/model.js";
import { t } from "../strings.js";

/**
 * The session console: the open rounds that take ballots at sessions, each to its table ballot
 * screen. Offline, the rounds stored by "make ready for offline" (their screens open offline too).
 * Its own module: the public pages' voting links never load the console's storage.
 */
export function SessionRoundLinks(props: { forumId: string; sessionId: string }) {
  const rounds = createAsync(() => consoleOpenRounds(props.forumId, props.sessionId));
  return (
    <ErrorBoundary fallback={null}>
      <Show when={(rounds() ?? []).length > 0}>
        <nav class="session-rounds" aria-label={t("forumRounds.tableNav")}>
          <For each={rounds()}>
            {(r) => (
              <A href={`/console/${props.sessionId}/vote/${r.id}`} class="btn btn-secondary btn-large">
                <span>
                  {t("forumRounds.table")}: {r.title}
                </span>
              </A>
            )}
          </For>
        </nav>
      </Show>
    </ErrorBoundary>
  );
}
