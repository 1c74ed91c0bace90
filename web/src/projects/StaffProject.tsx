import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, Show, Suspense } from "solid-js";
import { getForum } from "../attendance/queries.js";
import { formatPeriod } from "../app/format.js";
import { Alert, LoadError, Loading, PageLoadError, PageTitle } from "../app/ui.js";
import { projectsApi, type ProjectInput, type ProjectUpdate, type ProjectView } from "./api.js";
import { CardsPanel } from "./CardsPanel.js";
import { DecisionPanel } from "./DecisionPanel.js";
import { MoneyLadder } from "./MoneyLadder.js";
import { PlanFacts } from "./PlanFacts.js";
import { ProjectForm } from "./ProjectForm.js";
import { OverdueFlag, quarterName, StageBadge } from "./project.js";
import { getAttention, getCards, getCoreAgendas, getForumProjects, getFunnel, getMyProjects, getProject } from "./queries.js";
import { StageMoves } from "./StageMoves.js";
import { TaskForcePanel } from "./TaskForcePanel.js";
import { t } from "./strings.js";

/**
 * `/staff/projects/:projectId`: one project for staff — the money ladder, the plan (editable; its
 * budget, agendas and field fixed once the council has decided), the council's and the district
 * council's decisions with their corrections, the stage moves, the task force's accounts and the
 * quarterly cards with their sign-off.
 */
export default function StaffProject() {
  const params = useParams();
  const location = useLocation<{ created?: string }>();
  const project = createAsync(() => getProject(params.projectId!));
  const [notice, setNotice] = createSignal<string | undefined>(location.state?.created ? t("project.created", { title: location.state.created }) : undefined);

  /** After any change: this project and everything that shows it. */
  const refresh = async (p: ProjectView, message: string) => {
    await revalidate([
      getProject.keyFor(p.id),
      getCards.keyFor(p.id),
      getForumProjects.keyFor(p.forumId),
      getCoreAgendas.keyFor(p.forumId),
      getFunnel.keyFor(p.forumId),
      getAttention.key,
      getMyProjects.key,
    ]);
    setNotice(message);
  };

  return (
    <div class="inner page staff-project">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={project()}>
          {(p) => (
            <>
              <PageTitle title={`${t("project.manage")}: ${p().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/staff/forums/${p().forumId}/projects`}>{t("projects.title")}</A>
                </p>
                <h1 class="page-title">{p().title}</h1>
                <p class="project-facts-line">
                  <StageBadge stage={p().stage} large />
                  <span class="badge badge-field">{p().field}</span>
                  <span>{formatPeriod(p().period.startsOn, p().period.endsOn)}</span>
                  <Show when={p().overdue}>{(q) => <OverdueFlag quarter={q()} />}</Show>
                </p>
                <p class="head-actions">
                  <A href={`/projects/${p().id}`} class="btn btn-secondary btn-small">
                    {t("project.publicPage")}
                  </A>
                </p>
              </div>
              <div role="status" class="notice-region">
                <Show when={notice()}>
                  <Alert tone="success">
                    <p>{notice()}</p>
                  </Alert>
                </Show>
              </div>
              <Show when={p().overdue}>
                {(q) => (
                  <Alert tone="warning" title={t("project.overdueTitle", { quarter: quarterName(q()) })}>
                    <p>{t("project.overdueBody")}</p>
                  </Alert>
                )}
              </Show>

              <section class="section" aria-labelledby="ladder-h">
                <h2 id="ladder-h" class="section-title">
                  {t("ladder.title")}
                </h2>
                <MoneyLadder money={p().money} funded={!!p().money.approved} id="staff-ladder" lastQuarter={p().cards.at(-1)?.quarter} />
              </section>

              <PlanPanel project={p()} onChanged={(m) => refresh(p(), m)} />
              <DecisionPanel project={p()} onChanged={(m) => refresh(p(), m)} />
              <StageMoves project={p()} onChanged={(m) => refresh(p(), m)} />
              <TaskForcePanel project={p()} />
              <CardsPanel project={p()} onChanged={(m) => refresh(p(), m)} />
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

/** The plan as it stands, and — on demand — the form that changes it. */
function PlanPanel(props: { project: ProjectView; onChanged: (message: string) => Promise<void> }) {
  const [editing, setEditing] = createSignal(false);
  const locked = () => props.project.stage !== "plan";
  let editButton: HTMLButtonElement | undefined;
  const close = () => {
    setEditing(false);
    queueMicrotask(() => editButton?.focus());
  };
  return (
    <section class="section" aria-labelledby="plan-h">
      <div class="section-head">
        <h2 id="plan-h" class="section-title">
          {t("plan.title")}
        </h2>
        <Show when={!editing()}>
          <button type="button" class="btn btn-secondary btn-small" ref={editButton} onClick={() => setEditing(true)}>
            {t("plan.edit")}
          </button>
        </Show>
      </div>
      <Show when={editing()} fallback={<PlanFacts project={props.project} staff agendaHref={(id) => `/forums/${props.project.forumId}/proposals?q=${encodeURIComponent(props.project.agendas.find((a) => a.id === id)?.title ?? "")}`} />}>
        <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
          <Suspense fallback={<Loading />}>
            <PlanEditor
              project={props.project}
              locked={locked()}
              onCancel={close}
              onSaved={async () => {
                close();
                await props.onChanged(t("plan.saved"));
              }}
            />
          </Suspense>
        </ErrorBoundary>
      </Show>
    </section>
  );
}

function PlanEditor(props: { project: ProjectView; locked: boolean; onCancel: () => void; onSaved: () => Promise<void> }) {
  const forum = createAsync(() => getForum(props.project.forumId));
  const agendas = createAsync(() => getCoreAgendas(props.project.forumId));
  const projects = createAsync(() => getForumProjects(props.project.forumId));
  const titles = () => new Map((projects() ?? []).map((p) => [p.id, p.title]));
  const save = async (input: ProjectInput) => {
    // Once decided, the budget, agendas and field are not sent: the API would refuse the change (409 plan_decided).
    const { agendaIds, field, budgetLines, ...rest } = input;
    const update: ProjectUpdate = props.locked ? rest : { ...rest, agendaIds, field, budgetLines };
    await projectsApi.updateProject(props.project.id, update);
    await props.onSaved();
  };
  return (
    <Show when={forum()}>
      {(f) => (
        <Show when={agendas()}>
          {(list) => (
            <ProjectForm
              idPrefix="pe"
              fields={f().fields}
              agendas={list()}
              projectTitles={titles()}
              initial={props.project}
              locked={props.locked}
              submitLabel={t("plan.save")}
              onSubmit={save}
              onCancel={props.onCancel}
            />
          )}
        </Show>
      )}
    </Show>
  );
}
