import { A, createAsync, revalidate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatDateTime, formatPeriod } from "../app/format.js";
import { Alert, createFormErrors, Field, FormError, Icon, LoadError, Loading, PageLoadError, PageTitle, SelectField, TextArea } from "../app/ui.js";
import { createWrite } from "../app/write.js";
import { projectsApi, type CardInfo, type CardInput, type CardStatus, type ProjectView } from "./api.js";
import { CardFacts } from "./CardsPanel.js";
import { fileableQuarters, parseAmount } from "./figures.js";
import { CARD_STATUSES, money, moneyProse, OverdueFlag, quarterName, StageBadge } from "./project.js";
import { getCards, getMyProjects, getProject } from "./queries.js";
import { t, type Key } from "./strings.js";

/**
 * `/taskforce/projects/:projectId`: a task-force member files the quarterly management card of
 * their project — progress with its status, the quarter's spend, milestones done and next, issues,
 * the date of the quarterly meeting. A quarter filed again is an update (version 2); the earlier
 * cards are listed below.
 */
export default function TaskForceProject() {
  const params = useParams();
  const project = createAsync(() => getProject(params.projectId!));
  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={project()}>
          {(p) => (
            <>
              <PageTitle title={`${t("card.title")}: ${p().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href="/taskforce">{t("tf.title")}</A>
                </p>
                <h1 class="page-title">{p().title}</h1>
                <p class="project-facts-line">
                  <StageBadge stage={p().stage} />
                  <span class="badge badge-field">{p().field}</span>
                  <span>{formatPeriod(p().period.startsOn, p().period.endsOn)}</span>
                  <Show when={p().overdue}>{(q) => <OverdueFlag quarter={q()} />}</Show>
                </p>
                <p class="page-lead">{t("ladder.approved")}: {p().money.approved ? money(p().money.approved!.amount) : t("ladder.none")}</p>
              </div>
              <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
                <Suspense fallback={<Loading />}>
                  <CardsOf project={p()} />
                </Suspense>
              </ErrorBoundary>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function CardsOf(props: { project: ProjectView }) {
  const cards = createAsync(() => getCards(props.project.id));
  const [notice, setNotice] = createSignal<string>();
  return (
    <Show when={cards()}>
      {(list) => (
        <div class="two-col">
          <section class="section" aria-labelledby="card-form-h">
            <h2 id="card-form-h" class="section-title">
              {t("card.title")}
            </h2>
            <div role="status">
              <Show when={notice()}>
                <Alert tone="success">
                  <p data-testid="card-notice">{notice()}</p>
                </Alert>
              </Show>
            </div>
            <Show
              when={["funded", "running", "done"].includes(props.project.stage)}
              fallback={<p class="empty">{t("card.notFunded")}</p>}
            >
              <Show when={fileableQuarters(props.project.period).length > 0} fallback={<p class="empty">{t("card.notBegun")}</p>}>
                <CardForm project={props.project} cards={list()} onFiled={setNotice} />
              </Show>
            </Show>
          </section>
          <section class="section" aria-labelledby="earlier-h">
            <h2 id="earlier-h" class="section-title">
              {t("card.earlier")}
            </h2>
            <Show when={list().length > 0} fallback={<p class="empty">{t("tf.noCards")}</p>}>
              <ol class="quarter-list" data-testid="earlier-cards">
                <For each={[...list()].reverse()}>
                  {(c) => (
                    <li class="card quarter-card" data-quarter={c.quarter}>
                      <div class="quarter-head">
                        <h3 class="card-title">{quarterName(c.quarter)}</h3>
                        <Show when={c.signedOff} fallback={<span class="flag flag-info">{t("card.awaitingSignOff")}</span>}>
                          <span class="flag flag-ok">
                            <Icon name="check" size={16} />
                            {t("card.signed")}
                          </span>
                        </Show>
                      </div>
                      <CardFacts card={c} />
                      <p class="card-meta">
                        {t("cards.filedBy", { name: c.filedBy.name, at: formatDateTime(c.filedAt) })}
                        <Show when={c.version > 1}> · {t("cards.version", { n: c.version })}</Show>
                      </p>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </section>
        </div>
      )}
    </Show>
  );
}

function CardForm(props: { project: ProjectView; cards: CardInfo[]; onFiled: (message: string) => void }) {
  const quarters = () => fileableQuarters(props.project.period);
  const filed = (q: string) => props.cards.find((c) => c.quarter === q);
  const firstOpen = () => quarters().find((q) => !filed(q)) ?? quarters().at(-1)!;
  const [quarter, setQuarter] = createSignal(firstOpen());
  const [progress, setProgress] = createSignal("");
  const [status, setStatus] = createSignal<CardStatus>("on_track");
  const [spend, setSpend] = createSignal("");
  const [done, setDone] = createSignal("");
  const [next, setNext] = createSignal("");
  const [issues, setIssues] = createSignal("");
  const [meetingOn, setMeetingOn] = createSignal("");
  const errors = createFormErrors({
    quarter: "card-quarter",
    progress: "card-progress",
    status: "card-status-0",
    spend: "card-spend",
    milestonesDone: "card-done",
    milestonesNext: "card-next",
    issues: "card-issues",
    meetingOn: "card-meeting",
  });
  const write = createWrite((input: CardInput, _key, signal) => projectsApi.fileCard(props.project.id, input, signal), { lost: () => t("card.lost") });

  /** A quarter already filed: its card fills the form (filing it again makes the next version). */
  const load = (q: string) => {
    setQuarter(q);
    const c = filed(q);
    setProgress(c ? String(c.progress) : "");
    setStatus(c?.status ?? "on_track");
    setSpend(c ? String(c.spend) : "");
    setDone(c?.milestonesDone ?? "");
    setNext(c?.milestonesNext ?? "");
    setIssues(c?.issues ?? "");
    setMeetingOn(c?.meetingOn ?? "");
  };
  load(quarter());

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (write.pending()) return;
    errors.clear();
    const input: CardInput = {
      quarter: quarter(),
      progress: progress().trim() === "" ? Number.NaN : Number(progress()),
      status: status(),
      spend: spend().trim() === "" ? 0 : parseAmount(spend()),
      milestonesDone: done(),
      milestonesNext: next(),
      issues: issues(),
      ...(meetingOn() ? { meetingOn: meetingOn() } : {}),
    };
    try {
      const card = await write.run(input);
      await revalidate([getCards.keyFor(props.project.id), getProject.keyFor(props.project.id), getMyProjects.key]);
      props.onFiled(card.version === 1 ? t("card.filed", { quarter: quarterName(card.quarter) }) : t("card.updated", { quarter: quarterName(card.quarter), n: card.version }));
      document.getElementById("card-form-h")?.scrollIntoView({ block: "start" });
    } catch (err) {
      // A field named: the message goes next to it (the form-wide problem line is for the rest).
      if (err instanceof ApiError && err.field) {
        write.dismiss();
        errors.show(err);
      }
    }
  };

  return (
    <form class="card form card-form" onSubmit={submit} novalidate data-testid="card-form">
      <FormError errors={errors} />
      <Show when={write.problem()}>
        <Alert tone="danger" role="alert">
          <p>{write.problem()}</p>
        </Alert>
      </Show>
      <SelectField id="card-quarter" label={t("card.quarter")} hint={filed(quarter()) ? t("card.refile", { n: (filed(quarter())?.version ?? 1) + 1 }) : t("card.quarterHint")} value={quarter()} onChange={(e) => load(e.currentTarget.value)} error={errors.field("quarter")}>
        <For each={quarters()}>
          {(q) => (
            <option value={q} selected={quarter() === q}>
              {quarterName(q)}
              {filed(q) ? ` — ${t("card.alreadyFiled")}` : ""}
            </option>
          )}
        </For>
      </SelectField>
      <div class="field-row">
        <Field id="card-progress" type="number" inputmode="numeric" min={0} max={100} label={t("card.progressLabel")} hint={t("card.progressHint")} required value={progress()} onInput={(e) => setProgress(e.currentTarget.value)} error={errors.field("progress")} />
        <Field
          id="card-spend"
          inputmode="numeric"
          autocomplete="off"
          label={t("card.spendLabel")}
          hint={Number.isFinite(parseAmount(spend())) ? moneyProse(parseAmount(spend())) : t("card.spendHint")}
          value={spend()}
          onInput={(e) => setSpend(e.currentTarget.value)}
          error={errors.field("spend")}
        />
      </div>
      <fieldset class="fieldset">
        <legend class="field-label">{t("card.status")}</legend>
        <div class="radio-row">
          <For each={CARD_STATUSES}>
            {(s, i) => (
              <label class="check-option">
                <input type="radio" class="checkbox" name="card-status" id={`card-status-${i()}`} value={s} checked={status() === s} onChange={() => setStatus(s)} />
                {t(`cardStatus.${s}` as Key)}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <TextArea id="card-done" label={t("card.done")} rows={3} maxLength={2000} value={done()} onInput={(e) => setDone(e.currentTarget.value)} error={errors.field("milestonesDone")} />
      <TextArea id="card-next" label={t("card.next")} rows={3} maxLength={2000} value={next()} onInput={(e) => setNext(e.currentTarget.value)} error={errors.field("milestonesNext")} />
      <TextArea id="card-issues" label={t("card.issues")} hint={t("card.issuesHint")} rows={3} maxLength={2000} value={issues()} onInput={(e) => setIssues(e.currentTarget.value)} error={errors.field("issues")} />
      <Field id="card-meeting" type="date" label={t("card.meetingOn")} optional value={meetingOn()} onInput={(e) => setMeetingOn(e.currentTarget.value)} error={errors.field("meetingOn")} />
      <button type="submit" class="btn btn-primary btn-large" disabled={write.pending()}>
        <Show when={write.pending()} fallback={filed(quarter()) ? t("card.submitUpdate") : t("card.submit")}>
          <span class="spinner spinner-light" aria-hidden="true" />
          {write.retrying() > 0 ? t("card.retrying", { n: write.retrying() }) : t("form.saving")}
        </Show>
      </button>
    </form>
  );
}
