import { A, createAsync, useParams } from "@solidjs/router";
import { batch, createEffect, createSignal, ErrorBoundary, For, on, onCleanup, onMount, Show } from "solid-js";
import { votingApi, type RoundResults as ResultsView, type RoundTally } from "../api-voting.js";
import { Alert, Icon, PageLoadError, PageTitle, ScrollRegion } from "../components/ui.js";
import { RoundStatusBadge } from "../components/voting.js";
import { formatClock, formatNumber } from "../format.js";
import { lang, t } from "../i18n.js";
import { getResults } from "../queries-voting.js";

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
  const [fresh, setFresh] = createSignal<ResultsView>();
  const [updated, setUpdated] = createSignal({ roundId: params.roundId!, at: new Date(), failed: false });
  const [fullscreen, setFullscreen] = createSignal(false);
  let page: HTMLElement | undefined;

  // Plain functions, never `a() ?? b()` inline in a prop: once a refresh has landed the resource is no longer read.
  const current = () => {
    const f = fresh();
    return f && f.roundId === params.roundId ? f : undefined;
  };
  const shown = () => current() ?? first();
  const refreshFailed = () => updated().failed && updated().roundId === params.roundId;

  onMount(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: AbortController | undefined;
    let disposed = false;
    const schedule = () => {
      clearTimeout(timer);
      timer = disposed ? undefined : setTimeout(() => void refresh(), REFRESH_MS);
    };
    const loaded = () => {
      try {
        return shown() !== undefined;
      } catch {
        return false;
      }
    };
    const refresh = async () => {
      if (disposed || running) return;
      if (document.hidden || !loaded()) return schedule();
      clearTimeout(timer);
      const roundId = params.roundId!;
      const ctrl = (running = new AbortController());
      const giveUp = setTimeout(() => ctrl.abort(), REFRESH_TIMEOUT_MS);
      try {
        const view = await votingApi.results(roundId, { signal: ctrl.signal });
        if (disposed || roundId !== params.roundId) return;
        batch(() => {
          setFresh(view);
          setUpdated({ roundId, at: new Date(), failed: false });
        });
      } catch {
        if (disposed || roundId !== params.roundId) return;
        setUpdated((u) => (u.roundId === roundId ? { ...u, failed: true } : { roundId, at: new Date(), failed: true }));
      } finally {
        clearTimeout(giveUp);
        running = undefined;
        schedule();
      }
    };
    const onOnline = () => void refresh();
    const onFs = () => setFullscreen(document.fullscreenElement !== null);
    createEffect(
      on(
        () => params.roundId,
        (roundId) => {
          running?.abort();
          setUpdated({ roundId: roundId!, at: new Date(), failed: false });
          schedule();
        },
        { defer: true },
      ),
    );
    schedule();
    window.addEventListener("online", onOnline);
    document.addEventListener("fullscreenchange", onFs);
    onCleanup(() => {
      disposed = true;
      clearTimeout(timer);
      running?.abort();
      window.removeEventListener("online", onOnline);
      document.removeEventListener("fullscreenchange", onFs);
    });
  });

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void page?.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={shown()}>
        {(v) => (
          <article class="results-page" ref={page} classList={{ "is-fullscreen": fullscreen() }}>
            <PageTitle title={`${t("results.title")}: ${v().title}`} />
            <div class="forum-hero results-hero">
              <div class="inner">
                <p class="page-kicker results-kicker">{t("results.kicker")}</p>
                <h1 class="forum-title">{v().title}</h1>
                <p class="results-meta">
                  <RoundStatusBadge status={v().status} large />
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
                    <p class="updated">{t("results.updated", { time: formatClock(updated().at) })}</p>
                    <button type="button" class="btn btn-tertiary btn-small" onClick={toggleFullscreen}>
                      {fullscreen() ? t("forum.exitFullscreen") : t("forum.fullscreen")}
                    </button>
                  </div>
                </div>
                <p class="refresh-status" role="status" aria-live="polite" aria-atomic="true" data-testid="refresh-status">
                  <Show when={refreshFailed()}>
                    <Icon name="warning" size={18} />
                    <span>{t("results.refreshFailed", { time: formatClock(updated().at) })}</span>
                  </Show>
                </p>
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

function TallyTable(props: { tallies: RoundTally[]; core: string[] }) {
  return (
    <table class="table">
      <caption class="visually-hidden">{t("results.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t("results.col.rank")}
          </th>
          <th scope="col">{t("results.col.agenda")}</th>
          <th scope="col">{t("results.col.field")}</th>
          <th scope="col" class="num">
            {t("results.col.votes")}
          </th>
          <th scope="col" class="num">
            {t("round.channel.online")}
          </th>
          <th scope="col" class="num">
            {t("round.channel.session")}
          </th>
        </tr>
      </thead>
      <tbody>
        <For each={props.tallies}>
          {(x) => (
            <tr>
              <td class="num">{x.rank}</td>
              <th scope="row">
                {x.title}
                <Show when={props.core.includes(x.proposalId)}>
                  {" "}
                  <span class="badge badge-core">{t("voting.core")}</span>
                </Show>
              </th>
              <td>{x.field}</td>
              <td class="num">{formatNumber(x.votes)}</td>
              <td class="num">{formatNumber(x.byChannel.online)}</td>
              <td class="num">{formatNumber(x.byChannel.session)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
