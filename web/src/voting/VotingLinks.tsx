import { A } from "@solidjs/router";
import { createResource, ErrorBoundary, For, Show } from "solid-js";
import { votingApi } from "./api.js";
import { t } from "./strings.js";
import { formatRoundPeriod, RoundStatusBadge } from "./voting.js";

/**
 * Ways into voting from the existing pages. Each loads the forum's rounds on its own and, if that
 * fails or there are none, shows nothing: the page around it never depends on voting.
 */

/**
 * The public forum page: its rounds, with a way to vote (open online) and to the results. Read
 * once per forum, straight from the API (not a route query), like the proposals' total: the page
 * around it refreshes itself and must not bring this along.
 */
export function ForumRounds(props: { forumId: string }) {
  const [rounds] = createResource(() => props.forumId, (forumId) => votingApi.rounds(forumId));
  return (
    <ErrorBoundary fallback={null}>
      <Show when={rounds()}>
        {(list) => (
          <Show when={list().length > 0}>
            <section class="section forum-rounds" aria-labelledby="rounds-h">
              <h2 id="rounds-h" class="section-title">
                {t("forumRounds.title")}
              </h2>
              <ul class="round-cards">
                <For each={list()}>
                  {(r) => (
                    <li class="card round-card">
                      <div class="round-card-head">
                        <h3 class="card-title">{r.title}</h3>
                        <RoundStatusBadge status={r.status} />
                      </div>
                      <p class="card-meta">{formatRoundPeriod(r)}</p>
                      <p class="head-actions">
                        <Show when={r.status === "open" && r.channels.includes("online")}>
                          <A href={`/rounds/${r.id}`} class="btn btn-primary">
                            {t("forumRounds.vote")}
                            <span class="visually-hidden">: {r.title}</span>
                          </A>
                        </Show>
                        <Show when={r.status !== "open" || !r.channels.includes("online")}>
                          <A href={`/rounds/${r.id}`} class="btn btn-tertiary">
                            {t("forumRounds.details")}
                            <span class="visually-hidden">: {r.title}</span>
                          </A>
                        </Show>
                        <A href={`/rounds/${r.id}/results`} class="btn btn-secondary">
                          {t("forumRounds.results")}
                          <span class="visually-hidden">: {r.title}</span>
                        </A>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}

/** The staff's forum page: the way to the forum's rounds. */
export function StaffRoundsLink(props: { forumId: string }) {
  return (
    <A href={`/staff/forums/${props.forumId}/rounds`} class="btn btn-secondary btn-small">
      {t("rounds.manageLink")}
    </A>
  );
}
