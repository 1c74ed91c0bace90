import { A } from "@solidjs/router";
import { For, Show, type JSX } from "solid-js";
import { formatDate, formatDateTime } from "../app/format.js";
import { lang } from "../app/i18n.js";
import { Alert, Icon, type IconName } from "../app/ui.js";
import type { ReceiptView } from "../proposals/api.js";
import { CardStatusBadge, money, moneyProse, Progress, quarterName, StageBadge } from "./project.js";
import { t, type Key } from "./strings.js";

type JourneyView = ReceiptView["journey"];
type ProjectPath = JourneyView["projects"][number];

/** One step of the road: done, the step it stopped before, or still ahead. */
function Step(props: { state: "done" | "stopped" | "ahead"; icon: IconName; title: string; children?: JSX.Element; testId?: string }) {
  return (
    <li class={`journey-step is-${props.state}`} data-testid={props.testId}>
      <span class="journey-mark" aria-hidden="true">
        <Icon name={props.state === "stopped" ? "error" : props.icon} size={20} />
      </span>
      <div class="journey-body">
        <p class="journey-title">
          {props.title}
          <span class="visually-hidden"> ({t(`journey.state.${props.state}` as Key)})</span>
        </p>
        {props.children}
      </div>
    </li>
  );
}

/**
 * The receipt page's end of the road: raised → published → core agenda → part of project X →
 * selected or not (with the reason) → funded with N천원 → the latest quarterly progress; or where it
 * stopped, and why.
 */
export default function Journey(props: { journey: JourneyView }) {
  const j = () => props.journey;
  const stopped = (before: NonNullable<JourneyView["stopped"]>["before"]) => j().stopped?.before === before;
  return (
    <section class="section journey" aria-labelledby="journey-h" data-testid="journey">
      <h2 id="journey-h" class="section-title">
        {t("journey.title")}
      </h2>
      <Show when={j().stopped}>
        {(s) => (
          <Alert tone="warning" title={t("journey.stoppedTitle", { step: t(`journey.before.${s().before}` as Key) })}>
            <p data-testid="journey-stopped">{s().reason[lang()]}</p>
          </Alert>
        )}
      </Show>
      <ol class="journey-steps">
        <Step state="done" icon="send" title={t("journey.raised")}>
          <p class="journey-when">
            <time datetime={j().raisedAt}>{formatDateTime(j().raisedAt)}</time>
          </p>
        </Step>
        <Step state={j().publishedAt ? "done" : stopped("published") ? "stopped" : "ahead"} icon="eye" title={t("journey.published")}>
          <Show when={j().publishedAt}>
            {(at) => (
              <p class="journey-when">
                <time datetime={at()}>{formatDateTime(at())}</time>
              </p>
            )}
          </Show>
        </Step>
        <Step state={j().coreAt ? "done" : stopped("core") ? "stopped" : "ahead"} icon="flag" title={t("journey.core")}>
          <Show when={j().coreAt}>
            {(at) => (
              <p class="journey-when">
                <time datetime={at()}>{formatDateTime(at())}</time>
              </p>
            )}
          </Show>
        </Step>
        <Show
          when={j().projects.length > 0}
          fallback={<Step state={stopped("project") ? "stopped" : "ahead"} icon="tag" title={t("journey.project")} />}
        >
          <For each={j().projects}>{(p) => <ProjectSteps path={p} />}</For>
        </Show>
      </ol>
    </section>
  );
}

function ProjectSteps(props: { path: ProjectPath }) {
  const p = () => props.path;
  return (
    <>
      <Step state="done" icon="tag" title={t("journey.inProject")} testId="journey-project">
        <p class="journey-project">
          <A href={`/projects/${p().id}`} class="strong-link">
            {p().title}
          </A>{" "}
          <StageBadge stage={p().stage} />
        </p>
        <p class="journey-detail">{t("journey.requested", { amount: money(p().requested) })}</p>
      </Step>
      <Show
        when={p().council}
        fallback={<Step state="ahead" icon="check" title={t("journey.council")} />}
      >
        {(c) => (
          <Step state={c().outcome === "selected" ? "done" : "stopped"} icon="check" title={c().outcome === "selected" ? t("journey.selected") : t("journey.notSelected")} testId="journey-council">
            <p class="journey-detail">
              {[c().meeting, formatDate(c().on)].filter(Boolean).join(" · ")}
            </p>
            <Show when={c().outcome === "selected"}>
              <p class="journey-detail">{t("journey.proposed", { amount: money(c().amount) })}</p>
            </Show>
            <Show when={c().reason}>{(r) => <p class="journey-reason">{t("journey.reason", { reason: r()[lang()] })}</p>}</Show>
          </Step>
        )}
      </Show>
      <Show when={p().council?.outcome !== "not_selected"}>
        <Show when={p().budget} fallback={<Step state="ahead" icon="star" title={t("journey.budget")} />}>
          {(b) => (
            <Step state={b().outcome === "funded" ? "done" : "stopped"} icon="star" title={b().outcome === "funded" ? t("journey.funded", { amount: money(b().amount) }) : t("journey.rejected")} testId="journey-budget">
              <p class="journey-detail">
                {formatDate(b().on)}
                <Show when={b().outcome === "funded"}> · {moneyProse(b().amount)}</Show>
              </p>
              <Show when={b().reason}>{(r) => <p class="journey-reason">{t("journey.reason", { reason: r()[lang()] })}</p>}</Show>
            </Step>
          )}
        </Show>
        <Show when={p().budget?.outcome === "funded"}>
          <Show when={p().latest} fallback={<Step state="ahead" icon="sync" title={t("journey.progress")} />}>
            {(l) => (
              <Step state="done" icon="sync" title={t("journey.latest", { quarter: quarterName(l().quarter) })} testId="journey-progress">
                <div class="journey-progress">
                  <Progress value={l().progress} status={l().status} />
                  <CardStatusBadge status={l().status} />
                </div>
                <p class="journey-detail">{t("journey.executed", { amount: money(p().executed) })}</p>
              </Step>
            )}
          </Show>
        </Show>
      </Show>
    </>
  );
}
