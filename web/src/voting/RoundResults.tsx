import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { votingApi, type RoundResults as ResultsView, type RoundTally } from "./api.js";
import { Alert, Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { RoundStatusBadge, TallyTable } from "./voting.js";
import { formatClock, formatDateTime, formatNumber } from "../app/format.js";
import { TallyCheck } from "./TallyCheck.js";
import { lang } from "../app/i18n.js";
import { t } from "./strings.js";
import { createFullscreen, createPoll } from "../app/poll.js";
import { getResults } from "./queries.js";

const REFRESH_MS = 10_000;
/** A refresh that has had no answer by then counts as failed. */
const REFRESH_TIMEOUT_MS = 8_000;

/**
 * `/rounds/:roundId/results`: the projector page. Turnout large; per agenda a horizontal bar split
 * by channel (online / at a session) with a legend, the figures also as text and as a table. While
 * the round hides its results, only the turnout, with why.
 *
 * The first load goes through the route's query; after that the page polls the API directly every
 * 10 s and writes what comes back into its own signal (never revalidating the query): a failed
 * refresh keeps the last good figures on screen, says so politely, and tries again (at once when
 * the browser is back online). See "Reading route data" in web/README.md.
 */
export default function RoundResults() {
  const params = useParams();
  const first = createAsync(() => getResults(params.roundId!));
  // Plain functions, never `a() ?? b()` inline in a prop: once a refresh has landed the resource is no longer read.
  const shown = (): ResultsView | undefined => poll.latest() ?? first();
  const poll = createPoll<ResultsView>({
    key: () => params.roundId!,
    everyMs: REFRESH_MS,
    timeoutMs: REFRESH_TIMEOUT_MS,
    loaded: () => shown() !== undefined,
    read: (roundId, signal) => votingApi.results(roundId, { signal }),
  });
  const fullscreen = createFullscreen();

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={shown()}>
        {(v) => (
          <article class="results-page" ref={fullscreen.ref} classList={{ "is-fullscreen": fullscreen.active() }}>
            <PageTitle title={`${t("results.title")}: ${v().title}`} />
            <div class="forum-hero results-hero">
              <div class="inner">
                <p class="page-kicker results-kicker">{t("results.kicker")}</p>
                <h1 class="forum-title">{v().title}</h1>
                <p class="results-meta">
                  <RoundStatusBadge status={v().status} large />
                  <Show when={v().provisional}>
                    <span class="badge badge-tie" data-testid="results-provisional">
                      {t("results.provisional")}
                    </span>
                  </Show>
                  <span>{t("results.maxChoices", { max: v().maxChoices })}</span>
                </p>
              </div>
            </div>
            <div class="inner page">
              <section class="section" aria-labelledby="turnout-h">
                <div class="section-head">
                  <h2 id="turnout-h" class="section-title">
                    {t("results.turnout")}
                  </h2>
                  <div class="section-tools">
                    <p class="updated">{t("results.updated", { time: formatClock(poll.updatedAt()) })}</p>
                    <button type="button" class="btn btn-tertiary btn-small" onClick={fullscreen.toggle}>
                      {fullscreen.active() ? t("common.exitFullscreen") : t("common.fullscreen")}
                    </button>
                  </div>
                </div>
                <p class="refresh-status" role="status" aria-live="polite" aria-atomic="true" data-testid="refresh-status">
                  <Show when={poll.failed()}>
                    <Icon name="warning" size={18} />
                    <span>{t("results.refreshFailed", { time: formatClock(poll.updatedAt()) })}</span>
                  </Show>
                </p>
                <Show when={v().provisional}>
                  <Alert tone="warning" title={t("results.provisional")}>
                    <p>{t("results.provisionalDetail", { n: v().tabletsWaiting, until: v().provisionalUntil ? formatDateTime(v().provisionalUntil!) : "—" })}</p>
                  </Alert>
                </Show>
                <dl class="figures">
                  <div class="figure">
                    <dt>{t("results.ballots")}</dt>
                    <dd>
                      <span class="figure-value" data-testid="turnout-ballots">
                        {formatNumber(v().ballots)}
                      </span>
                      <span class="figure-unit">{lang() === "ko" ? "명" : ""}</span>
                    </dd>
                  </div>
                  <div class="figure figure-online">
                    <dt>
                      <span class="swatch swatch-online" aria-hidden="true" />
                      {t("round.channel.online")}
                    </dt>
                    <dd>
                      <span class="figure-value" data-testid="turnout-online">
                        {formatNumber(v().byChannel.online)}
                      </span>
                      <span class="figure-unit">{lang() === "ko" ? "명" : ""}</span>
                    </dd>
                  </div>
                  <div class="figure figure-session">
                    <dt>
                      <span class="swatch swatch-session" aria-hidden="true" />
                      {t("round.channel.session")}
                    </dt>
                    <dd>
                      <span class="figure-value" data-testid="turnout-session">
                        {formatNumber(v().byChannel.session)}
                      </span>
                      <span class="figure-unit">{lang() === "ko" ? "명" : ""}</span>
                    </dd>
                  </div>
                </dl>
              </section>

              <Show
                when={!v().hidden}
                fallback={
                  <Alert tone="info" title={t("results.hiddenTitle")} class="results-hidden">
                    <p data-testid="results-hidden">{t("results.hiddenDetail")}</p>
                  </Alert>
                }
              >
                <section class="section" aria-labelledby="tallies-h">
                  <div class="section-head">
                    <h2 id="tallies-h" class="section-title">
                      {t("results.tallies")}
                    </h2>
                    <ul class="legend" aria-label={t("results.legend")}>
                      <li>
                        <span class="swatch swatch-online" aria-hidden="true" />
                        {t("round.channel.online")}
                      </li>
                      <li>
                        <span class="swatch swatch-session" aria-hidden="true" />
                        {t("round.channel.session")}
                      </li>
                    </ul>
                  </div>
                  <TallyBars tallies={v().tallies} core={v().coreAgendaIds} />
                  <div class="results-table">
                    <h3 class="mini-title" id="results-table-h">
                      {t("results.tableTitle")}
                    </h3>
                    <ScrollRegion label={t("results.tableTitle")}>
                      <TallyTable tallies={v().tallies} core={v().coreAgendaIds} />
                    </ScrollRegion>
                  </div>
                </section>
              </Show>
              <Show when={v().ballotList}>
                {(list) => <TallyCheck roundId={v().roundId} list={list()} tallies={v().tallies} ballots={v().ballots} />}
              </Show>
              <p class="results-foot">
                <A href={`/rounds/${v().roundId}`}>{t("results.toVote")}</A>
              </p>
            </div>
          </article>
        )}
      </Show>
    </ErrorBoundary>
  );
}

/** One bar per agenda, longest first: online and session segments on a scale of the most votes. */
function TallyBars(props: { tallies: RoundTally[]; core: string[] }) {
  const top = () => Math.max(1, ...props.tallies.map((x) => x.votes));
  const pct = (n: number) => `${(n / top()) * 100}%`;
  return (
    <ol class="tally-bars" data-testid="tally-bars">
      <For each={props.tallies}>
        {(x) => (
          <li class="tally" classList={{ "is-core": props.core.includes(x.proposalId) }} data-proposal={x.proposalId}>
            <p class="tally-rank">{t("results.rank", { n: x.rank })}</p>
            <div class="tally-main">
              <p class="tally-title">
                <span>{x.title}</span>
                <Show when={props.core.includes(x.proposalId)}>
                  <span class="badge badge-core">{t("voting.core")}</span>
                </Show>
              </p>
              <div class="tally-track" aria-hidden="true">
                <span class="tally-seg tally-online" style={{ width: pct(x.byChannel.online) }} />
                <span class="tally-seg tally-session" style={{ width: pct(x.byChannel.session) }} />
              </div>
              <p class="tally-split">
                {t("round.channel.online")} {formatNumber(x.byChannel.online)}
                <span class="dot" aria-hidden="true">·</span>
                {t("round.channel.session")} {formatNumber(x.byChannel.session)}
              </p>
            </div>
            <p class="tally-votes" data-testid="tally-votes">
              {t("results.votes", { n: formatNumber(x.votes) })}
            </p>
          </li>
        )}
      </For>
    </ol>
  );
}

