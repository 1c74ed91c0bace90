import { A, createAsync, revalidate, useNavigate, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import type { ForumInfo } from "../attendance/api.js";
import { getForum, getForums } from "../attendance/queries.js";
import { formatPeriod } from "../app/format.js";
import { LoadError, Loading, PageLoadError, PageTitle, ScrollRegion, SelectField } from "../app/ui.js";
import { exportHref, projectsApi, type ProjectStage, type ProjectView } from "./api.js";
import { FUNNEL_STEPS } from "./figures.js";
import { stepName } from "./FunnelChart.js";
import { ProjectForm } from "./ProjectForm.js";
import { LadderBrief, OverdueFlag, StageBadge, stageName } from "./project.js";
import { getCoreAgendas, getForumProjects, getFunnel } from "./queries.js";
import { t } from "./strings.js";

const STAGES: ProjectStage[] = ["plan", "selected", "not_selected", "funded", "rejected", "running", "done", "cancelled"];

/**
 * `/staff/forums/:forumId/projects`: the forum's projects (stage, money ladder in brief, an overdue
 * card flagged), the exports (XLSX, CSV of a step) with their filters, and the form that turns core
 * agendas into a new project.
 */
export default function StaffProjects() {
  const params = useParams();
  const forum = createAsync(() => getForum(params.forumId!));
  return (
    <div class="inner page staff-projects">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={forum()}>
          {(f) => (
            <>
              <PageTitle title={`${t("projects.title")}: ${f().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/staff/forums/${f().id}`}>{f().title}</A>
                </p>
                <h1 class="page-title">{t("projects.title")}</h1>
                <p class="page-lead">{t("projects.lead")}</p>
                <p class="head-actions">
                  <A href={`/forums/${f().id}/funnel`} class="btn btn-secondary btn-small">
                    {t("projects.publicFunnel")}
                  </A>
                </p>
              </div>
              <ProjectList forum={f()} />
              <Exports forum={f()} />
              <CreateProject forum={f()} />
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function ProjectList(props: { forum: ForumInfo }) {
  const projects = createAsync(() => getForumProjects(props.forum.id));
  return (
    <section class="section" aria-labelledby="projects-h">
      <h2 id="projects-h" class="section-title">
        {t("projects.list")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={projects()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="empty">{t("projects.empty")}</p>}>
                <ScrollRegion label={t("projects.list")}>
                  <table class="table project-table" data-testid="project-table">
                    <thead>
                      <tr>
                        <th scope="col">{t("projects.col.title")}</th>
                        <th scope="col">{t("projects.col.field")}</th>
                        <th scope="col">{t("projects.col.stage")}</th>
                        <th scope="col">{t("projects.col.money")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list()}>{(p) => <ProjectRow project={p} />}</For>
                    </tbody>
                  </table>
                </ScrollRegion>
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}

function ProjectRow(props: { project: ProjectView }) {
  const p = () => props.project;
  return (
    <tr data-project={p().id}>
      <th scope="row">
        <A href={`/staff/projects/${p().id}`} class="strong-link">
          {p().title}
        </A>
        <span class="cell-sub">{formatPeriod(p().period.startsOn, p().period.endsOn)}</span>
      </th>
      <td>{p().field}</td>
      <td>
        <span class="stack">
          <StageBadge stage={p().stage} />
          <Show when={p().overdue}>{(q) => <OverdueFlag quarter={q()} />}</Show>
        </span>
      </td>
      <td>
        <LadderBrief money={p().money} />
      </td>
    </tr>
  );
}

/** Download links (a cookie-authenticated GET needs no CSRF header): XLSX of every step, CSV of one. */
function Exports(props: { forum: ForumInfo }) {
  const [stage, setStage] = createSignal("");
  const [field, setField] = createSignal("");
  const [sheet, setSheet] = createSignal("plans");
  return (
    <section class="section exports" aria-labelledby="exports-h">
      <h2 id="exports-h" class="section-title">
        {t("exports.title")}
      </h2>
      <div class="card exports-card">
        <p class="muted">{t("exports.lead")}</p>
        <div class="field-row">
          <SelectField id="export-stage" label={t("exports.stage")} hint={t("exports.stageHint")} value={stage()} onChange={(e) => setStage(e.currentTarget.value)}>
            <option value="">{t("exports.all")}</option>
            <For each={STAGES}>{(s) => <option value={s} selected={stage() === s}>{stageName(s)}</option>}</For>
          </SelectField>
          <SelectField id="export-field" label={t("exports.field")} value={field()} onChange={(e) => setField(e.currentTarget.value)}>
            <option value="">{t("exports.all")}</option>
            <For each={props.forum.fields}>{(f) => <option value={f} selected={field() === f}>{f}</option>}</For>
          </SelectField>
          <SelectField id="export-sheet" label={t("exports.sheet")} hint={t("exports.sheetHint")} value={sheet()} onChange={(e) => setSheet(e.currentTarget.value)}>
            <For each={FUNNEL_STEPS}>{(s) => <option value={s} selected={sheet() === s}>{stepName(s)}</option>}</For>
          </SelectField>
        </div>
        <p class="head-actions">
          <a class="btn btn-primary" download="" href={exportHref(props.forum.id, { format: "xlsx", stage: stage(), field: field() })} data-testid="export-xlsx">
            {t("exports.xlsx")}
          </a>
          <a class="btn btn-secondary" download="" href={exportHref(props.forum.id, { format: "csv", stage: stage(), field: field(), sheet: sheet() })} data-testid="export-csv">
            {t("exports.csv", { sheet: stepName(sheet() as (typeof FUNNEL_STEPS)[number]) })}
          </a>
        </p>
      </div>
    </section>
  );
}

function CreateProject(props: { forum: ForumInfo }) {
  const navigate = useNavigate();
  const agendas = createAsync(() => getCoreAgendas(props.forum.id));
  const projects = createAsync(() => getForumProjects(props.forum.id));
  const titles = () => new Map((projects() ?? []).map((p) => [p.id, p.title]));
  return (
    <section class="section" aria-labelledby="create-project-h">
      <h2 id="create-project-h" class="section-title">
        {t("projects.create")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={agendas()}>
            {(list) => (
              <ProjectForm
                idPrefix="pf"
                fields={props.forum.fields}
                agendas={list()}
                projectTitles={titles()}
                submitLabel={t("projects.submit")}
                onSubmit={async (input) => {
                  const created = await projectsApi.createProject(props.forum.id, input);
                  await revalidate([getForumProjects.keyFor(props.forum.id), getCoreAgendas.keyFor(props.forum.id), getFunnel.keyFor(props.forum.id), getForums.key]);
                  navigate(`/staff/projects/${created.id}`, { state: { created: created.title } });
                }}
              />
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </section>
  );
}
