import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, Match, Show, Switch } from "solid-js";
import { formatDateTime } from "../app/format.js";
import { Alert, PageLoadError, PageTitle } from "../app/ui.js";
import type { RoundView } from "./api.js";
import { getRound } from "./queries.js";
import { t } from "./strings.js";
import { OnlineVote } from "./vote/OnlineVote.js";
import { channelName, formatRoundPeriod, RoundStatusBadge } from "./voting.js";

/**
 * `/rounds/:roundId`: a resident votes online. The round's rules and status first; then, while it
 * is open online: the mobile number, the 6-digit code (HttpOnly voter cookie, 30 minutes), the
 * agendas (up to maxChoices), a review, and the ballot sent with an Idempotency-Key that a retry
 * after a network failure reuses (never counted twice). The receipt is shown large, to copy and to
 * check the ballot with.
 */
export default function Vote() {
  const params = useParams();
  const round = createAsync(() => getRound(params.roundId!));
  return (
    <div class="inner page vote-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={round()}>
          {(r) => (
            <>
              <PageTitle title={`${t("vote.title")}: ${r().title}`} />
              <RoundHead round={r()} />
              <Switch>
                <Match when={r().status === "scheduled"}>
                  <Alert tone="info" title={t("vote.notYet")}>
                    <p>{t("vote.notYetDetail", { when: formatDateTime(r().opensAt) })}</p>
                  </Alert>
                </Match>
                <Match when={r().status === "closed"}>
                  <Alert tone="neutral" title={t("vote.closed")}>
                    <p>
                      {t("vote.closedDetail")} <A href={`/rounds/${r().id}/results`}>{t("vote.seeResults")}</A>
                    </p>
                  </Alert>
                </Match>
                <Match when={!r().channels.includes("online")}>
                  <Alert tone="info" title={t("vote.sessionOnly")}>
                    <p>{t("vote.sessionOnlyDetail")}</p>
                  </Alert>
                </Match>
                <Match when={true}>
                  {/* A new flow (no choices or number carried over) for another round. */}
                  <Show when={r().id} keyed>
                    {(_id) => <OnlineVote round={r()} />}
                  </Show>
                </Match>
              </Switch>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function RoundHead(props: { round: RoundView }) {
  const r = () => props.round;
  return (
    <div class="page-head vote-head">
      <p class="page-kicker">{t("vote.kicker")}</p>
      <h1 class="page-title">{r().title}</h1>
      <div class="vote-facts">
        <RoundStatusBadge status={r().status} />
        <span>
          <span class="visually-hidden">{t("round.period")}: </span>
          {formatRoundPeriod(r())}
        </span>
      </div>
      <p class="page-lead">
        {t("vote.lead", { n: r().proposals.length, max: r().maxChoices })}
        <span class="dot" aria-hidden="true">·</span>
        {t("round.channels")}: {r().channels.map(channelName).join(", ")}
      </p>
    </div>
  );
}
