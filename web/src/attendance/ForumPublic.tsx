import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, For, lazy, Show, Suspense } from "solid-js";
import BarChart from "../app/BarChart.js";
import { Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { formatClock, formatDateTime, formatNumber, formatPeriod, formatShortDate } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { t } from "./strings.js";
import { createFullscreen, createPoll } from "../app/poll.js";
import { attendanceApi, type ForumInfo, type ForumStats, type SessionInfo } from "./api.js";
import { getForum, getForumStats, getSessions } from "./queries.js";

/**
 * The ways into proposals and voting: chunks of their own (with those features' strings and
 * voting.css), so the figures do not wait for them; each reads its own data once it is there.
 */
const ProposalSummary = lazy(() => import("../proposals/ProposalLinks.js").then((m) => ({ default: m.ProposalSummary })));
const ForumRounds = lazy(() => import("../voting/VotingLinks.js").then((m) => ({ default: m.ForumRounds })));
const ForumFunnel = lazy(() => import("../projects/ProjectLinks.js").then((m) => ({ default: m.ForumFunnel })));

const REFRESH_MS = 30_000;
/** A refresh that has had no answer by then counts as failed (a venue network can swallow requests). */
const REFRESH_TIMEOUT_MS = 20_000;

/** The three headline figures, large enough for a projector. */
export function Figures(props: { sessions: number; attendances: number; participants: number }) {
  return (
    <dl class="figures">
      <div class="figure">
        <dt>{t("stat.sessions")}</dt>
        <dd>
          <span class="figure-value" data-testid="figure-sessions">{formatNumber(props.sessions)}</span>
          <span class="figure-unit">{lang() === "ko" ? "회" : ""}</span>
        </dd>
      </div>
      <div class="figure">
        <dt>{t("stat.attendances")}</dt>
        <dd>
          <span class="figure-value" data-testid="figure-attendances">{formatNumber(props.attendances)}</span>
          <span class="figure-unit">{lang() === "ko" ? "명" : ""}</span>
        </dd>
      </div>
      <div class="figure figure-accent">
        <dt>{t("stat.participants")}</dt>
        <dd>
          <span class="figure-value" data-testid="figure-participants">{formatNumber(props.participants)}</span>
          <span class="figure-unit">{lang() === "ko" ? "명" : ""}</span>
        </dd>
      </div>
    </dl>
  );
}

/** What one background refresh read: the forum, its figures and its sessions, all from the same moment. */
interface Snapshot {
  forum: ForumInfo;
  stats: ForumStats;
  sessions: SessionInfo[];
}

/**
 * `/forums/:forumId`: the public page of a forum, also meant for the projector at a session.
 *
 * The first load goes through the route's queries (preloaded, cached); if it fails (an unknown
 * forum, a 500) the page shows the error with a retry. After that the page refreshes itself every
 * 30 s by calling the API directly, not by revalidating those queries: a revalidated query that
 * fails turns its resource into an error, and the whole page would give way to the error box until
 * someone pressed retry — on an unattended projector, for good. A refresh that fails keeps the last
 * good figures on screen, says so politely, and tries again in 30 s (at once when the browser is
 * back online).
 */
export default function ForumPublic() {
  const params = useParams();
  const forum = createAsync(() => getForum(params.forumId!));
  const stats = createAsync(() => getForumStats(params.forumId!));
  const sessions = createAsync(() => getSessions(params.forumId!));
  // Plain functions, not `poll.latest()?.x ?? resource()` inline in a prop (see "Reading route data" in
  // web/README.md). Once a refresh has landed, the resource is no longer read at all, so nothing that
  // later happens to it can take the figures away. Keyed by forum: another forum's figures never show.
  const shownForum = (): ForumInfo | undefined => poll.latest()?.forum ?? forum();
  const shownStats = (): ForumStats | undefined => poll.latest()?.stats ?? stats();
  const shownSessions = (): SessionInfo[] | undefined => poll.latest()?.sessions ?? sessions();
  const poll = createPoll<Snapshot>({
    key: () => params.forumId!,
    everyMs: REFRESH_MS,
    timeoutMs: REFRESH_TIMEOUT_MS,
    // A failed first load is the ErrorBoundary's to show.
    loaded: () => shownForum() !== undefined && shownStats() !== undefined,
    read: async (forumId, signal) => {
      const [f, st, ss] = await Promise.all([
        attendanceApi.forum(forumId, signal),
        attendanceApi.forumStats(forumId, signal),
        attendanceApi.sessions(forumId, signal),
      ]);
      return { forum: f, stats: st, sessions: ss };
    },
  });
  const fullscreen = createFullscreen();

  const venueOf = (sessionId: string) => shownSessions()?.find((s) => s.id === sessionId);
  // Plain functions (a memo here would read the resources outside the ErrorBoundary); BarChart
  // keeps its bars in a memo, and chartLabel builds them once, not once per session.
  const bars = () =>
    (shownStats()?.bySession ?? []).map((s, i) => ({
      label: lang() === "ko" ? `${i + 1}회차` : `#${i + 1}`,
      sublabel: formatShortDate(s.startsAt),
      value: s.attendances,
    }));
  const chartLabel = () => {
    const shown = bars();
    return t("forum.chartLabel", {
      items: (shownStats()?.bySession ?? []).map((s, i) => t("forum.chartItem", { title: `${shown[i]?.label} ${s.title}`, n: s.attendances })).join(", "),
    });
  };

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      {/* One resource per <Show when>, never `a() && b()`: see "Reading route data" in web/README.md. */}
      <Show when={shownForum()}>
        {(f) => (
          <Show when={shownStats()}>
            {(st) => (
              <article class="forum-public" ref={fullscreen.ref} classList={{ "is-fullscreen": fullscreen.active() }}>
                <PageTitle title={f().title} />
                <div class="forum-hero">
                  <div class="inner">
                    <p class="breadcrumb">
                      <A href="/">{t("nav.forums")}</A>
                    </p>
                    <h1 class="forum-title">{f().title}</h1>
                    <p class="forum-period">
                      <span class="visually-hidden">{t("common.period")}: </span>
                      {formatPeriod(f().startsOn, f().endsOn)}
                    </p>
                    <Show when={f().description}>
                      <p class="forum-desc">{f().description}</p>
                    </Show>
                  </div>
                </div>
                <div class="inner page">
                  <section aria-labelledby="figures-h" class="section">
                    <div class="section-head">
                      <h2 id="figures-h" class="section-title">{t("forum.figures")}</h2>
                      <div class="section-tools">
                        <p class="updated">{t("forum.updated", { time: formatClock(poll.updatedAt()) })}</p>
                        <button type="button" class="btn btn-tertiary btn-small" onClick={fullscreen.toggle}>
                          {fullscreen.active() ? t("common.exitFullscreen") : t("common.fullscreen")}
                        </button>
                      </div>
                    </div>
                    {/* Always in the page (empty while all is well), so that screen readers pick up what is written into it. */}
                    <p class="refresh-status" role="status" aria-live="polite" aria-atomic="true" data-testid="refresh-status">
                      <Show when={poll.failed()}>
                        <Icon name="warning" size={18} />
                        <span>{t("forum.refreshFailed", { time: formatClock(poll.updatedAt()) })}</span>
                      </Show>
                    </p>
                    <Figures sessions={st().sessions} attendances={st().attendances} participants={st().participants} />
                    <p class="figures-note">
                      <Icon name="info" size={18} />
                      <span>{t("forum.figuresNote")}</span>
                    </p>
                  </section>

                  {/* Once per forum (keyed by the address): a refresh does not fetch the total again. */}
                  {/* Their own boundaries: the figures never wait for them, nor go if their code fails to load. */}
                  <ErrorBoundary fallback={null}>
                    <Suspense>
                      <Show when={params.forumId} keyed>
                        {(forumId) => <ProposalSummary forumId={forumId} intake={f().intake} />}
                      </Show>
                    </Suspense>
                  </ErrorBoundary>
                  <ErrorBoundary fallback={null}>
                    <Suspense>
                      <Show when={params.forumId} keyed>
                        {(forumId) => <ForumRounds forumId={forumId} />}
                      </Show>
                    </Suspense>
                  </ErrorBoundary>
                  <ErrorBoundary fallback={null}>
                    <Suspense>
                      <Show when={params.forumId} keyed>
                        {(forumId) => <ForumFunnel forumId={forumId} />}
                      </Show>
                    </Suspense>
                  </ErrorBoundary>

                  <section aria-labelledby="chart-h" class="section">
                    <h2 id="chart-h" class="section-title">{t("forum.chartTitle")}</h2>
                    <Show when={bars().length > 0} fallback={<p class="empty">{t("forum.chartEmpty")}</p>}>
                      <ScrollRegion class="chart-box" label={t("forum.chartTitle")}>
                        <BarChart bars={bars()} label={chartLabel()} />
                      </ScrollRegion>
                    </Show>
                  </section>

                  <section aria-labelledby="sessions-h" class="section">
                    <h2 id="sessions-h" class="section-title">{t("forum.sessions")}</h2>
                    <Show when={st().bySession.length > 0} fallback={<p class="empty">{t("forum.chartEmpty")}</p>}>
                      <ScrollRegion label={t("forum.sessions")}>
                        <table class="table">
                          <caption class="visually-hidden">{t("forum.tableCaption")}</caption>
                          <thead>
                            <tr>
                              <th scope="col">{t("forum.col.no")}</th>
                              <th scope="col">{t("forum.col.title")}</th>
                              <th scope="col">{t("forum.col.when")}</th>
                              <th scope="col">{t("forum.col.area")}</th>
                              <th scope="col">{t("forum.col.where")}</th>
                              <th scope="col" class="num">
                                {t("forum.col.attendances")}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={st().bySession}>
                              {(s, i) => (
                                <tr>
                                  <td>{i() + 1}</td>
                                  <th scope="row">{s.title}</th>
                                  <td class="nowrap">{formatDateTime(s.startsAt)}</td>
                                  <td>{s.area ?? "—"}</td>
                                  <td>{venueOf(s.sessionId)?.venue ?? "—"}</td>
                                  <td class="num">{t("common.people", { n: formatNumber(s.attendances) })}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </ScrollRegion>
                    </Show>
                  </section>
                </div>
              </article>
            )}
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}
