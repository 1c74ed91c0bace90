import { A, createAsync } from "@solidjs/router";
import { ErrorBoundary, For, Show, Suspense, type JSX } from "solid-js";
import { getSession } from "../attendance/queries.js";
import { formatDate, formatNumber } from "../app/format.js";
import { ScrollRegion } from "../app/ui.js";
import { getProject } from "../projects/queries.js";
import type { MeetingInfo, TaskInfo } from "./api.js";
import { meetingKindName, methodName, ordinalName } from "./governance.js";
import { t } from "./strings.js";

/**
 * A body's meeting log as a table (kind, 제N차, date, place, attendance, agenda, decisions, 정책제안
 * N건, the projects and sessions it decided or held), and its designated tasks; the public bodies
 * page shows them as they are, the staff page with its buttons in `actions`.
 */
export function MeetingTable(props: { meetings: MeetingInfo[]; caption: string; actions?: (m: MeetingInfo) => JSX.Element; testId?: string }) {
  return (
    <ScrollRegion label={props.caption}>
      <table class="table gov-table meeting-table" data-testid={props.testId}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("col.date")}</th>
            <th scope="col">{t("col.meeting")}</th>
            <th scope="col">{t("col.agenda")}</th>
            <th scope="col">{t("col.decisions")}</th>
            <th scope="col">{t("col.links")}</th>
            <Show when={props.actions}>
              <th scope="col">{t("col.actions")}</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.meetings}>
            {(m) => (
              <tr data-meeting={m.id}>
                <td class="nowrap">{formatDate(m.on)}</td>
                <th scope="row">
                  {m.title}
                  <span class="cell-sub">
                    {[meetingKindName(m.kind), m.ordinal ? ordinalName(m.ordinal) : "", m.subcommittees.length ? t("meeting.subs", { subs: m.subcommittees.join("·") }) : ""].filter(Boolean).join(" · ")}
                  </span>
                  <Show when={m.place || m.attendance !== undefined}>
                    <span class="cell-sub">
                      {[m.place ?? "", m.attendance !== undefined ? t("meeting.attended", { n: formatNumber(m.attendance) }) : ""].filter(Boolean).join(" · ")}
                    </span>
                  </Show>
                </th>
                <td>
                  <Items items={m.agenda} />
                </td>
                <td>
                  <Show when={m.decisions.length > 0 || m.policyProposals === 0}>
                    <Items items={m.decisions} />
                  </Show>
                  <Show when={m.policyProposals > 0}>
                    <p class="policy-count">{t("meeting.policyProposals", { n: formatNumber(m.policyProposals) })}</p>
                  </Show>
                </td>
                <td>
                  <Show when={m.projectIds.length + m.sessionIds.length > 0} fallback="—">
                    <ul class="plain-list">
                      <For each={m.projectIds}>{(id) => <li><ProjectLink id={id} /></li>}</For>
                      <For each={m.sessionIds}>{(id) => <li><SessionLink id={id} /></li>}</For>
                    </ul>
                  </Show>
                </td>
                <Show when={props.actions}>{(actions) => <td>{actions()(m)}</td>}</Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Items(props: { items: string[] }) {
  return (
    <Show when={props.items.length > 0} fallback="—">
      <ul class="plain-list dotted">
        <For each={props.items}>{(i) => <li>{i}</li>}</For>
      </ul>
    </Show>
  );
}

/** A project the meeting decided: its title from the projects feature, linked to its public page. */
function ProjectLink(props: { id: string }) {
  const project = createAsync(() => getProject(props.id));
  return (
    <ErrorBoundary fallback={<span>{t("meeting.project")}</span>}>
      <A href={`/projects/${props.id}`}>
        {t("meeting.project")}:{" "}
        <Suspense fallback="…">
          <Show when={project()}>{(p) => p().title}</Show>
        </Suspense>
      </A>
    </ErrorBoundary>
  );
}

/** A forum session held at the meeting, linked to its forum's public page. */
function SessionLink(props: { id: string }) {
  const session = createAsync(() => getSession(props.id));
  return (
    <ErrorBoundary fallback={<span>{t("meeting.session")}</span>}>
      <Suspense fallback={<span>{t("meeting.session")}</span>}>
        <Show when={session()}>
          {(s) => (
            <A href={`/forums/${s().forumId}`}>
              {t("meeting.session")}: {s().title}
            </A>
          )}
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
}

/** The advisory group's designated tasks (지정과제): topic, period, method, invited and taking part, what came of it. */
export function TaskTable(props: { tasks: TaskInfo[]; caption: string }) {
  return (
    <ScrollRegion label={props.caption}>
      <table class="table gov-table" data-testid="task-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("task.topic")}</th>
            <th scope="col">{t("col.period")}</th>
            <th scope="col">{t("task.method")}</th>
            <th scope="col" class="num">
              {t("task.invited")}
            </th>
            <th scope="col" class="num">
              {t("task.participated")}
            </th>
            <th scope="col">{t("task.summary")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.tasks}>
            {(task) => (
              <tr>
                <th scope="row">{task.topic}</th>
                <td>
                  {formatDate(task.startsOn)} ~ {formatDate(task.endsOn)}
                </td>
                <td>{methodName(task.method)}</td>
                <td class="num">{t("common.people", { n: formatNumber(task.invited) })}</td>
                <td class="num">{t("common.people", { n: formatNumber(task.participated) })}</td>
                <td>{task.summary ?? "—"}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollRegion>
  );
}
