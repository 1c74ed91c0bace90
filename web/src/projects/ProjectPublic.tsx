import { A, createAsync, useParams } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { formatDate, formatPeriod } from "../app/format.js";
import { Icon, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import type { DecisionRecord } from "./api.js";
import { MoneyLadder } from "./MoneyLadder.js";
import { PlanFacts } from "./PlanFacts.js";
import { CardStatusBadge, decisionReason, money, Progress, quarterName, StageBadge } from "./project.js";
import { getProject } from "./queries.js";
import { t, type Key } from "./strings.js";

/**
 * `/projects/:projectId`: a project for everyone — its plan, the agendas it came from (links to the
 * forum's proposals), the decisions with their reasons, the money ladder and the progress of each
 * quarter. No task-force names (the API does not send them to the public).
 */
export default function ProjectPublic() {
  const params = useParams();
  const project = createAsync(() => getProject(params.projectId!));
  return (
    <div class="inner page project-public">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={project()}>
          {(p) => (
            <>
              <PageTitle title={p().title} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/forums/${p().forumId}/funnel`}>{t("funnel.title")}</A>
                </p>
                <p class="page-kicker">{t("public.kicker")}</p>
                <h1 class="page-title">{p().title}</h1>
                <p class="project-facts-line">
                  <StageBadge stage={p().stage} large />
                  <span class="badge badge-field">{p().field}</span>
                  <span>{formatPeriod(p().period.startsOn, p().period.endsOn)}</span>
                </p>
              </div>

              <Show when={p().cards.at(-1)}>
                {(c) => (
                  <section class="card latest-progress" aria-labelledby="latest-h" data-testid="latest-progress">
                    <h2 id="latest-h" class="mini-title">
                      {t("public.latest", { quarter: quarterName(c().quarter) })}
                    </h2>
                    <p class="card-progress">
                      <Progress value={c().progress} status={c().status} />
                      <CardStatusBadge status={c().status} />
                    </p>
                  </section>
                )}
              </Show>

              <section class="section" aria-labelledby="ladder-h">
                <h2 id="ladder-h" class="section-title">
                  {t("ladder.title")}
                </h2>
                <MoneyLadder money={p().money} funded={!!p().money.approved} id="public-ladder" lastQuarter={p().cards.at(-1)?.quarter} />
              </section>

              <section class="section" aria-labelledby="plan-h">
                <h2 id="plan-h" class="section-title">
                  {t("plan.title")}
                </h2>
                <PlanFacts project={p()} agendaHref={(id) => `/forums/${p().forumId}/proposals?q=${encodeURIComponent(p().agendas.find((a) => a.id === id)?.title ?? "")}`} />
              </section>

              <section class="section" aria-labelledby="decisions-h">
                <h2 id="decisions-h" class="section-title">
                  {t("decision.title")}
                </h2>
                <Show when={p().decisions.length > 0} fallback={<p class="empty">{t("public.noDecisions")}</p>}>
                  <ol class="timeline decision-timeline" data-testid="public-decisions">
                    <For each={p().decisions}>{(d) => <DecisionItem decision={d} />}</For>
                  </ol>
                </Show>
              </section>

              <section class="section" aria-labelledby="quarters-h">
                <h2 id="quarters-h" class="section-title">
                  {t("public.quarters")}
                </h2>
                <Show when={p().cards.length > 0} fallback={<p class="empty">{t("tf.noCards")}</p>}>
                  <ScrollRegion label={t("public.quarters")}>
                    <table class="table quarters-table">
                      <thead>
                        <tr>
                          <th scope="col">{t("public.col.quarter")}</th>
                          <th scope="col">{t("card.progress")}</th>
                          <th scope="col" class="num">
                            {t("card.spend")}
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={p().cards}>
                          {(c) => (
                            <tr>
                              <th scope="row">{quarterName(c.quarter)}</th>
                              <td>
                                <span class="card-progress">
                                  <Progress value={c.progress} status={c.status} />
                                  <CardStatusBadge status={c.status} />
                                </span>
                              </td>
                              <td class="num nowrap">{money(c.spend)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </ScrollRegion>
                </Show>
              </section>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function DecisionItem(props: { decision: DecisionRecord }) {
  const d = () => props.decision;
  const positive = () => d().outcome === "selected" || d().outcome === "funded";
  return (
    <li class="timeline-item" classList={{ "is-superseded": !!d().supersededBy }}>
      <span class="timeline-mark" aria-hidden="true">
        <Icon name={positive() ? "check" : "error"} size={20} />
      </span>
      <div class="timeline-body">
        <p class="timeline-title">
          {t(`decision.kind.${d().kind}` as Key)}: {t(`outcome.${d().outcome}` as Key)}
          <Show when={positive()}> · {money(d().amount)}</Show>
        </p>
        <Show when={decisionReason(d())}>
          <p class="timeline-detail">{t("journey.reason", { reason: decisionReason(d()) })}</p>
        </Show>
        <p class="timeline-time">
          {formatDate(d().decidedOn)}
          <Show when={d().meeting}> · {d().meeting!.name}</Show>
        </p>
        <Show when={d().supersededBy}>
          <p class="timeline-detail muted">{t("decision.superseded")}</p>
        </Show>
        <Show when={d().corrects}>
          <p class="timeline-detail muted">{t("decision.isCorrection")}</p>
        </Show>
      </div>
    </li>
  );
}
