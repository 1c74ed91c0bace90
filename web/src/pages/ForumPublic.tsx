import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onCleanup, onMount, Show } from "solid-js";
import BarChart from "../components/BarChart.js";
import { Icon, LoadError, PageTitle, ScrollRegion } from "../components/ui.js";
import { formatClock, formatDateTime, formatNumber, formatPeriod, formatShortDate } from "../format.js";
import { lang, t } from "../i18n.js";
import { getForum, getForumStats, getSessions } from "../queries.js";

const REFRESH_MS = 30_000;

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

/** `/forums/:forumId`: the public page of a forum, also meant for the projector at a session. */
export default function ForumPublic() {
  const params = useParams();
  const forum = createAsync(() => getForum(params.forumId!));
  const stats = createAsync(() => getForumStats(params.forumId!));
  const sessions = createAsync(() => getSessions(params.forumId!));
  const [updatedAt, setUpdatedAt] = createSignal(new Date());
  const [fullscreen, setFullscreen] = createSignal(false);
  let section: HTMLElement | undefined;

  onMount(() => {
    const timer = setInterval(async () => {
      if (document.hidden) return;
      await revalidate([getForum.keyFor(params.forumId!), getForumStats.keyFor(params.forumId!), getSessions.keyFor(params.forumId!)]);
      setUpdatedAt(new Date());
    }, REFRESH_MS);
    const onFs = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener("fullscreenchange", onFs);
    onCleanup(() => {
      clearInterval(timer);
      document.removeEventListener("fullscreenchange", onFs);
    });
  });

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void section?.requestFullscreen?.().catch(() => undefined);
  };

  const venueOf = (sessionId: string) => sessions()?.find((s) => s.id === sessionId);
  const bars = () =>
    (stats()?.bySession ?? []).map((s, i) => ({
      label: lang() === "ko" ? `${i + 1}회차` : `#${i + 1}`,
      sublabel: formatShortDate(s.startsAt),
      value: s.attendances,
    }));
  const chartLabel = () =>
    t("forum.chartLabel", {
      items: (stats()?.bySession ?? []).map((s, i) => t("forum.chartItem", { title: `${bars()[i]?.label} ${s.title}`, n: s.attendances })).join(", "),
    });

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><LoadError error={err} retry={reset} /></div>}>
      {/* One resource per <Show when>, never `a() && b()`: see "Reading route data" in web/README.md. */}
      <Show when={forum()}>
        {(f) => (
          <Show when={stats()}>
            {(st) => (
              <article class="forum-public" ref={section} classList={{ "is-fullscreen": fullscreen() }}>
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
                        <p class="updated">{t("forum.updated", { time: formatClock(updatedAt()) })}</p>
                        <button type="button" class="btn btn-tertiary btn-small" onClick={toggleFullscreen}>
                          {fullscreen() ? t("forum.exitFullscreen") : t("forum.fullscreen")}
                        </button>
                      </div>
                    </div>
                    <Figures sessions={st().sessions} attendances={st().attendances} participants={st().participants} />
                    <p class="figures-note">
                      <Icon name="info" size={18} />
                      <span>{t("forum.figuresNote")}</span>
                    </p>
                  </section>

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
