import { createAsync } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { formatDate, formatDateTime } from "../app/format.js";
import { Icon, LoadError, Loading } from "../app/ui.js";
import { projectsApi, type CardInfo, type ProjectView } from "./api.js";
import { quartersOf } from "./figures.js";
import { CardStatusBadge, money, OverdueFlag, Progress, quarterName } from "./project.js";
import { getCards } from "./queries.js";
import { t } from "./strings.js";

/**
 * Staff's view of the management cards: every quarter of the project's period, the card filed for
 * it (progress, status, spend, milestones, issues, the task force's meeting, who filed which
 * version) or that none is, the overdue one flagged; signing a card off.
 */
export function CardsPanel(props: { project: ProjectView; onChanged: (message: string) => Promise<void> }) {
  return (
    <section class="section" aria-labelledby="cards-h">
      <h2 id="cards-h" class="section-title">
        {t("cards.title")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <CardList project={props.project} onChanged={props.onChanged} />
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function CardList(props: { project: ProjectView; onChanged: (message: string) => Promise<void> }) {
  const cards = createAsync(() => getCards(props.project.id));
  const byQuarter = () => new Map((cards() ?? []).map((c) => [c.quarter, c]));
  return (
    <Show when={cards()}>
      <ol class="quarter-list" data-testid="staff-cards">
        <For each={quartersOf(props.project.period)}>
          {(q) => (
            <li class="card quarter-card" data-quarter={q}>
              <div class="quarter-head">
                <h3 class="card-title">{quarterName(q)}</h3>
                <Show when={props.project.overdue === q}>
                  <OverdueFlag quarter={q} />
                </Show>
              </div>
              <Show when={byQuarter().get(q)} fallback={<p class="muted">{t("cards.notFiled")}</p>}>
                {(c) => <CardBody project={props.project} card={c()} onChanged={props.onChanged} />}
              </Show>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}

export function CardFacts(props: { card: Pick<CardInfo, "progress" | "status" | "spend" | "milestonesDone" | "milestonesNext" | "issues" | "meetingOn"> }) {
  const c = () => props.card;
  return (
    <dl class="facts card-facts">
      <div>
        <dt>{t("card.progress")}</dt>
        <dd class="card-progress">
          <Progress value={c().progress} status={c().status} />
          <CardStatusBadge status={c().status} />
        </dd>
      </div>
      <div>
        <dt>{t("card.spend")}</dt>
        <dd>{money(c().spend)}</dd>
      </div>
      <Show when={c().milestonesDone}>
        <div>
          <dt>{t("card.done")}</dt>
          <dd class="pre-line">{c().milestonesDone}</dd>
        </div>
      </Show>
      <Show when={c().milestonesNext}>
        <div>
          <dt>{t("card.next")}</dt>
          <dd class="pre-line">{c().milestonesNext}</dd>
        </div>
      </Show>
      <Show when={c().issues}>
        <div>
          <dt>{t("card.issues")}</dt>
          <dd class="pre-line">{c().issues}</dd>
        </div>
      </Show>
      <Show when={c().meetingOn}>
        {(on) => (
          <div>
            <dt>{t("card.meetingOn")}</dt>
            <dd>{formatDate(on())}</dd>
          </div>
        )}
      </Show>
    </dl>
  );
}

function CardBody(props: { project: ProjectView; card: CardInfo; onChanged: (message: string) => Promise<void> }) {
  const c = () => props.card;
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const signOff = async () => {
    setPending(true);
    setError(undefined);
    try {
      await projectsApi.signOff(props.project.id, c().quarter);
      await props.onChanged(t("cards.signedOffNotice", { quarter: quarterName(c().quarter) }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <CardFacts card={c()} />
      <p class="card-meta">
        {t("cards.filedBy", { name: c().filedBy.name, at: formatDateTime(c().filedAt) })}
        <Show when={c().version > 1}> · {t("cards.version", { n: c().version })}</Show>
      </p>
      <Show
        when={c().signedOff}
        fallback={
          <p>
            <button type="button" class="btn btn-secondary btn-small" disabled={pending()} onClick={signOff}>
              {t("cards.signOff")}
              <span class="visually-hidden">: {quarterName(c().quarter)}</span>
            </button>
          </p>
        }
      >
        {(s) => (
          <p class="signed">
            <Icon name="check" size={18} />
            <span>{t("cards.signedOff", { name: s().name, at: formatDateTime(s().at) })}</span>
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">
          <Icon name="error" size={18} />
          <span>{error()}</span>
        </p>
      </Show>
      <Show when={c().history.length > 0}>
        <details class="card-history">
          <summary>{t("cards.earlier", { n: c().history.length })}</summary>
          <ol>
            <For each={c().history}>
              {(v, i) => (
                <li>
                  <p class="mini-title">{t("cards.versionBy", { n: i() + 1, name: v.filedBy.name, at: formatDateTime(v.filedAt) })}</p>
                  <CardFacts card={v} />
                </li>
              )}
            </For>
          </ol>
        </details>
      </Show>
    </>
  );
}
