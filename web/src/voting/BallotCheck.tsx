import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { Alert, Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { channelName } from "./voting.js";
import { t } from "./strings.js";
import { getBallotCheck, getRound } from "./queries.js";

/** `/rounds/:roundId/ballots/:receipt`: what a ballot chose, for whoever holds its receipt (the voter). */
export default function BallotCheck() {
  const params = useParams();
  const ballot = createAsync(() => getBallotCheck(params.roundId!, params.receipt!));
  const round = createAsync(() => getRound(params.roundId!));
  return (
    <div class="inner page narrow-form">
      <div class="page-head">
        <p class="breadcrumb">
          <A href={`/rounds/${params.roundId}`}>{t("ballot.back")}</A>
        </p>
        <h1 class="page-title">{t("ballot.title")}</h1>
      </div>
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={ballot()}>
          {(b) => (
            <section class="card ballot-check" aria-labelledby="ballot-h">
              <PageTitle title={`${t("ballot.title")} ${b().receipt}`} />
              <h2 id="ballot-h" class="section-title">
                {t("ballot.counted")}
              </h2>
              <dl class="facts">
                {/* The round's title is a nicety: a failure to load it leaves the ballot on screen. */}
                <ErrorBoundary fallback={null}>
                  <Show when={round()}>
                    {(r) => (
                      <div>
                        <dt>{t("ballot.round")}</dt>
                        <dd>{r().title}</dd>
                      </div>
                    )}
                  </Show>
                </ErrorBoundary>
                <div>
                  <dt>{t("vote.receipt")}</dt>
                  <dd>
                    <strong data-testid="ballot-receipt">{b().receipt}</strong>
                  </dd>
                </div>
                <div>
                  <dt>{t("ballot.channel")}</dt>
                  <dd>{channelName(b().channel)}</dd>
                </div>
              </dl>
              <h3 class="mini-title">{t("ballot.choices", { n: b().choices.length })}</h3>
              <ol class="chosen-list" data-testid="ballot-choices">
                <For each={b().choices}>
                  {(c) => (
                    <li class="chosen-item">
                      <Icon name="check" size={24} />
                      <span class="chosen-title">{c.title}</span>
                    </li>
                  )}
                </For>
              </ol>
              <Alert tone="info">
                <p>{t("ballot.privacy")}</p>
              </Alert>
              <p>
                <A href={`/rounds/${params.roundId}/results`}>{t("vote.seeResults")}</A>
              </p>
            </section>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}
