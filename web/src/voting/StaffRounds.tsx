import { A, createAsync, revalidate, useNavigate, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { votingApi } from "./api.js";
import RoundForm from "./RoundForm.js";
import { LoadError, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { channelName, formatRoundPeriod, RoundStatusBadge } from "./voting.js";
import { formatNumber } from "../app/format.js";
import { t } from "./strings.js";
import { getForum } from "../attendance/queries.js";
import { getRounds } from "./queries.js";

/** `/staff/forums/:forumId/rounds`: a forum's voting rounds, and a form to create one. */
export default function StaffRounds() {
  const params = useParams();
  const navigate = useNavigate();
  const forum = createAsync(() => getForum(params.forumId!));
  const rounds = createAsync(() => getRounds(params.forumId!));
  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={forum()}>
          {(f) => (
            <>
              <PageTitle title={`${t("rounds.title")}: ${f().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/staff/forums/${f().id}`}>{f().title}</A>
                </p>
                <h1 class="page-title">{t("rounds.title")}</h1>
                <p class="page-lead">{t("rounds.lead", { forum: f().title })}</p>
              </div>
              <section class="section" aria-labelledby="rounds-h">
                <h2 id="rounds-h" class="section-title">
                  {t("rounds.list")}
                </h2>
                <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
                  <Show when={rounds()}>
                    {(list) => (
                      <Show when={list().length > 0} fallback={<p class="empty">{t("rounds.none")}</p>}>
                        <ScrollRegion label={t("rounds.list")}>
                          <table class="table">
                            <caption class="visually-hidden">{t("rounds.list")}</caption>
                            <thead>
                              <tr>
                                <th scope="col">{t("rounds.col.title")}</th>
                                <th scope="col">{t("rounds.col.status")}</th>
                                <th scope="col">{t("round.period")}</th>
                                <th scope="col" class="num">
                                  {t("rounds.col.agendas")}
                                </th>
                                <th scope="col">{t("round.channels")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              <For each={list()}>
                                {(r) => (
                                  <tr>
                                    <th scope="row">
                                      <A href={`/staff/rounds/${r.id}`} class="strong-link">
                                        {r.title}
                                      </A>
                                    </th>
                                    <td>
                                      <RoundStatusBadge status={r.status} />
                                    </td>
                                    <td class="round-period">{formatRoundPeriod(r)}</td>
                                    <td class="num">{t("rounds.agendas", { n: formatNumber(r.proposalIds.length), max: r.maxChoices })}</td>
                                    <td>{r.channels.map(channelName).join(", ")}</td>
                                  </tr>
                                )}
                              </For>
                            </tbody>
                          </table>
                        </ScrollRegion>
                      </Show>
                    )}
                  </Show>
                </ErrorBoundary>
              </section>
              <section class="section" aria-labelledby="new-round-h">
                <h2 id="new-round-h" class="section-title">
                  {t("rounds.create")}
                </h2>
                <RoundForm
                  forumId={f().id}
                  submitLabel={t("rounds.createSubmit")}
                  onSubmit={async (input) => {
                    const created = await votingApi.createRound(f().id, input);
                    await revalidate(getRounds.keyFor(f().id));
                    navigate(`/staff/rounds/${created.id}`, { state: { created: created.title } });
                  }}
                />
              </section>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}
