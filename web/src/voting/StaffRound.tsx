import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { Alert, PageLoadError, PageTitle } from "../app/ui.js";
import type { RoundView } from "./api.js";
import { RecountPanel } from "./staff/RecountPanel.js";
import { Ranking } from "./staff/Ranking.js";
import { Rules } from "./staff/Rules.js";
import { formatRoundPeriod, RoundStatusBadge } from "./voting.js";
import { t } from "./strings.js";
import { getBallotCandidates, getResults, getRound, getRounds, getStaffResults } from "./queries.js";

/**
 * `/staff/rounds/:roundId`: one round for staff — status and turnout, its rules (editable until
 * the first ballot locks them), closing it, the ranking, choosing the core agendas (the top N,
 * ties at the cutoff resolved by hand) and a recount against the counters.
 */
export default function StaffRound() {
  const params = useParams();
  const location = useLocation<{ created?: string }>();
  const round = createAsync(() => getRound(params.roundId!));
  const [notice, setNotice] = createSignal<string | undefined>(location.state?.created ? t("round.created", { title: location.state.created }) : undefined);

  const refresh = (r: RoundView) =>
    revalidate([getRound.keyFor(r.id), getStaffResults.keyFor(r.id), getResults.keyFor(r.id), getRounds.keyFor(r.forumId), getBallotCandidates.keyFor(r.forumId)]);

  return (
    <div class="inner page staff-round">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={round()}>
          {(r) => (
            <>
              <PageTitle title={`${t("round.manage")}: ${r().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/staff/forums/${r().forumId}/rounds`}>{t("rounds.title")}</A>
                </p>
                <h1 class="page-title">{r().title}</h1>
                <div class="vote-facts">
                  <RoundStatusBadge status={r().status} />
                  <span>{formatRoundPeriod(r())}</span>
                </div>
                <p class="head-actions">
                  <A href={`/rounds/${r().id}`} class="btn btn-secondary btn-small">
                    {t("round.votePage")}
                  </A>
                  <A href={`/rounds/${r().id}/results`} class="btn btn-secondary btn-small">
                    {t("round.resultsPage")}
                  </A>
                </p>
              </div>
              <div role="status">
                <Show when={notice()}>
                  <Alert tone="success">
                    <p>{notice()}</p>
                  </Alert>
                </Show>
              </div>

              <section class="section" aria-labelledby="turnout-h">
                <h2 id="turnout-h" class="section-title">
                  {t("results.turnout")}
                </h2>
                <dl class="mini-figures">
                  <div>
                    <dt>{t("results.ballots")}</dt>
                    <dd data-testid="staff-ballots">{formatNumber(r().turnout.ballots)}</dd>
                  </div>
                  <div>
                    <dt>{t("round.channel.online")}</dt>
                    <dd>{formatNumber(r().turnout.online)}</dd>
                  </div>
                  <div>
                    <dt>{t("round.channel.session")}</dt>
                    <dd>{formatNumber(r().turnout.session)}</dd>
                  </div>
                </dl>
              </section>

              <Rules round={r()} onChanged={async (msg) => void (await refresh(r()), setNotice(msg))} />

              <section class="section" aria-labelledby="ranking-h">
                <h2 id="ranking-h" class="section-title" tabindex="-1">
                  {t("round.ranking")}
                </h2>
                <Ranking round={r()} onChanged={async (msg) => void (await refresh(r()), setNotice(msg))} />
              </section>

              <RecountPanel round={r()} />
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}
