import { A, createAsync, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, ErrorBoundary, on, Show } from "solid-js";
import { formatClock } from "../app/format.js";
import { createFullscreen, createPoll } from "../app/poll.js";
import { Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { openDataHref, projectsApi, type FunnelStep, type FunnelView } from "./api.js";
import { isStep } from "./figures.js";
import { FunnelChart, stepName } from "./FunnelChart.js";
import { FunnelDrill } from "./FunnelDrill.js";
import { getFunnel } from "./queries.js";
import { t } from "./strings.js";

const REFRESH_MS = 30_000;
const REFRESH_TIMEOUT_MS = 20_000;

/**
 * `/forums/:forumId/funnel`: the road of a forum's cycle from proposals to funded work, for
 * residents on a phone and for the projector (full screen): the funnel as a chart and a table; a
 * step pressed opens below what is in it and what dropped out before it, with the reasons (the step
 * is in the address, `?step=`, so it can be shared); the open data as JSON and CSV. The figures
 * refresh every 30 s by the rules of web/README.md (a failed refresh keeps the last good ones).
 */
export default function FunnelPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const first = createAsync(() => getFunnel(params.forumId!));
  const shown = (): FunnelView | undefined => poll.latest() ?? first();
  const poll = createPoll<FunnelView>({
    key: () => params.forumId!,
    everyMs: REFRESH_MS,
    timeoutMs: REFRESH_TIMEOUT_MS,
    loaded: () => shown() !== undefined,
    read: (forumId, signal) => projectsApi.funnel(forumId, signal),
  });
  const fullscreen = createFullscreen();
  const step = (): FunnelStep | undefined => (isStep(search.step) ? search.step : undefined);
  const href = (s: FunnelStep) => `/forums/${params.forumId}/funnel?step=${s}`;

  // A step opened from the chart: its list takes the focus (and the screen), so that it is found.
  let drillHeading: HTMLHeadingElement | undefined;
  createEffect(
    on(
      step,
      (s) => {
        if (s) queueMicrotask(() => drillHeading?.focus({ preventScroll: false }));
      },
      { defer: true },
    ),
  );

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={shown()}>
        {(f) => (
          <article class="funnel-page" ref={fullscreen.ref} classList={{ "is-fullscreen": fullscreen.active() }}>
            <PageTitle title={`${t("funnel.title")}: ${f().title}`} />
            <div class="forum-hero">
              <div class="inner">
                <p class="breadcrumb">
                  <A href={`/forums/${f().forumId}`}>{f().title}</A>
                </p>
                <h1 class="forum-title">{t("funnel.title")}</h1>
                <p class="forum-desc">{t("funnel.lead", { title: f().title })}</p>
              </div>
            </div>
            <div class="inner page">
              <section class="section" aria-labelledby="funnel-h">
                <div class="section-head">
                  <h2 id="funnel-h" class="section-title">
                    {t("funnel.chartTitle")}
                  </h2>
                  <div class="section-tools">
                    <p class="updated">{t("funnel.updated", { time: formatClock(poll.updatedAt()) })}</p>
                    <button type="button" class="btn btn-tertiary btn-small" onClick={fullscreen.toggle}>
                      {fullscreen.active() ? t("common.exitFullscreen") : t("common.fullscreen")}
                    </button>
                  </div>
                </div>
                <p class="refresh-status" role="status" aria-live="polite" aria-atomic="true">
                  <Show when={poll.failed()}>
                    <Icon name="warning" size={18} />
                    <span>{t("funnel.refreshFailed", { time: formatClock(poll.updatedAt()) })}</span>
                  </Show>
                </p>
                <p class="chart-note muted">{t("funnel.howTo")}</p>
                <FunnelChart steps={f().steps} selected={step()} hrefFor={href} idPrefix="funnel" caption={t("funnel.caption", { title: f().title })} />
              </section>

              <Show when={step()} keyed fallback={<p class="empty funnel-hint">{t("funnel.pick")}</p>}>
                {(s) => <FunnelDrill forumId={f().forumId} step={s} headingRef={(el) => (drillHeading = el)} />}
              </Show>

              <section class="section open-data" aria-labelledby="open-data-h">
                <h2 id="open-data-h" class="section-title">
                  {t("openData.title")}
                </h2>
                <p class="muted">{t("openData.lead")}</p>
                <p class="head-actions">
                  <a class="btn btn-secondary" href={openDataHref(f().forumId, "json")} rel="external" data-testid="open-data-json">
                    {t("openData.json")}
                  </a>
                  <a class="btn btn-secondary" href={openDataHref(f().forumId, "csv")} download="" data-testid="open-data-csv">
                    {t("openData.csv")}
                  </a>
                </p>
              </section>
              <p class="visually-hidden" aria-live="polite">
                {step() ? t("drill.opened", { step: stepName(step()!) }) : ""}
              </p>
            </div>
          </article>
        )}
      </Show>
    </ErrorBoundary>
  );
}
