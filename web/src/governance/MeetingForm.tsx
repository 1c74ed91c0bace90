import { createAsync } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { getForums, getSessions } from "../attendance/queries.js";
import { formatDateTime } from "../app/format.js";
import { createFormErrors, Field, FormError, LoadError, Loading, SelectField, TextArea } from "../app/ui.js";
import { kstToday } from "../projects/figures.js";
import { getForumProjects } from "../projects/queries.js";
import type { BodyView, MeetingInfo, MeetingInput, MeetingKind } from "./api.js";
import { lines, MEETING_KINDS, meetingKindName, narrowField, typedNumber } from "./governance.js";
import { t } from "./strings.js";


/**
 * A meeting of the log: its kind (a steering or planning meeting only where the body has one),
 * which of the body's subcommittees met, title, 제N차, date (today or before), place, attendance,
 * agenda and decisions one per line, 정책제안 N건, and the projects and forum sessions it decided or
 * held. Records a new one or (with `meeting`) corrects one; the API's refusals go next to their fields.
 */
export function MeetingForm(props: { idPrefix: string; body: BodyView; meeting?: MeetingInfo; submitLabel: string; onSubmit: (input: MeetingInput) => Promise<void>; onCancel?: () => void; pending?: boolean }) {
  const p = props.idPrefix;
  const m = props.meeting;
  const [kind, setKind] = createSignal<MeetingKind>(m?.kind ?? "full");
  const [subs, setSubs] = createSignal<string[]>(m?.subcommittees ?? []);
  const [title, setTitle] = createSignal(m?.title ?? "");
  const [ordinal, setOrdinal] = createSignal(m?.ordinal !== undefined ? String(m.ordinal) : "");
  const [on, setOn] = createSignal(m?.on ?? "");
  const [place, setPlace] = createSignal(m?.place ?? "");
  const [attendance, setAttendance] = createSignal(m?.attendance !== undefined ? String(m.attendance) : "");
  const [agenda, setAgenda] = createSignal(m?.agenda.join("\n") ?? "");
  const [decisions, setDecisions] = createSignal(m?.decisions.join("\n") ?? "");
  const [proposals, setProposals] = createSignal(m && m.policyProposals > 0 ? String(m.policyProposals) : "");
  const [projectIds, setProjectIds] = createSignal<string[]>(m?.projectIds ?? []);
  const [sessionIds, setSessionIds] = createSignal<string[]>(m?.sessionIds ?? []);
  const kinds = () => MEETING_KINDS.filter((k) => props.body.steering || (k !== "steering" && k !== "planning"));
  const ids = {
    kind: `${p}-kind`,
    subcommittees: `${p}-subs`,
    title: `${p}-title`,
    ordinal: `${p}-ordinal`,
    on: `${p}-on`,
    place: `${p}-place`,
    attendance: `${p}-attendance`,
    agenda: `${p}-agenda`,
    decisions: `${p}-decisions`,
    policyProposals: `${p}-proposals`,
    projectIds: `${p}-links`,
    sessionIds: `${p}-links`,
  };
  const errors = createFormErrors(ids);
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((x) => x !== value));

  const submit = errors.submit(async () => {
    const numbers = { ordinal: typedNumber(ordinal()), attendance: typedNumber(attendance()), policyProposals: typedNumber(proposals()) };
    const input: MeetingInput = {
      kind: kind(),
      subcommittees: subs(),
      title: title(),
      on: on(),
      agenda: lines(agenda()),
      decisions: lines(decisions()),
      projectIds: projectIds(),
      sessionIds: sessionIds(),
      ...(numbers.ordinal !== undefined ? { ordinal: numbers.ordinal } : {}),
      ...(numbers.attendance !== undefined ? { attendance: numbers.attendance } : {}),
      ...(numbers.policyProposals !== undefined ? { policyProposals: numbers.policyProposals } : m ? { policyProposals: 0 } : {}),
      // A correction may clear the place; a new meeting leaves it out.
      ...(place().trim() || m?.place ? { place: place() } : {}),
    };
    try {
      await props.onSubmit(input);
    } catch (err) {
      throw narrowField(err, Object.keys(ids));
    }
  });

  return (
    <form class="card form" onSubmit={submit} novalidate data-testid={`${p}-form`}>
      <FormError errors={errors} />
      <div class="field-row">
        <SelectField id={ids.kind} label={t("meetingForm.kind")} value={kind()} onChange={(e) => setKind(e.currentTarget.value as MeetingKind)} error={errors.field("kind")}>
          <For each={kinds()}>
            {(k) => (
              <option value={k} selected={kind() === k}>
                {meetingKindName(k)}
              </option>
            )}
          </For>
        </SelectField>
        <Field id={ids.ordinal} type="number" inputmode="numeric" min={1} max={100} label={t("meetingForm.ordinal")} hint={t("meetingForm.ordinalHint")} optional value={ordinal()} onInput={(e) => setOrdinal(e.currentTarget.value)} error={errors.field("ordinal")} />
        <Field id={ids.on} type="date" label={t("meetingForm.on")} required max={kstToday()} value={on()} onInput={(e) => setOn(e.currentTarget.value)} error={errors.field("on")} />
      </div>
      <Show when={props.body.subcommittees.length > 0}>
        <fieldset class="gov-fieldset" id={ids.subcommittees} tabindex="-1" aria-describedby={errors.field("subcommittees") ? `${ids.subcommittees}-error` : `${ids.subcommittees}-hint`}>
          <legend class="field-label">{t("meetingForm.subcommittees")}</legend>
          <p class="field-hint" id={`${ids.subcommittees}-hint`}>
            {t("meetingForm.subcommitteesHint")}
          </p>
          <div class="check-row">
            <For each={props.body.subcommittees}>
              {(s) => (
                <label class="check-option">
                  <input type="checkbox" class="checkbox" checked={subs().includes(s)} onChange={(e) => setSubs((l) => toggle(l, s, e.currentTarget.checked))} />
                  {s}
                </label>
              )}
            </For>
          </div>
          <Show when={errors.field("subcommittees")}>
            <p class="field-error" id={`${ids.subcommittees}-error`}>
              {errors.field("subcommittees")}
            </p>
          </Show>
        </fieldset>
      </Show>
      <Field id={ids.title} label={t("meetingForm.title")} hint={t("meetingForm.titleHint")} required maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} error={errors.field("title")} />
      <div class="field-row">
        <Field id={ids.place} label={t("meetingForm.place")} optional maxLength={200} value={place()} onInput={(e) => setPlace(e.currentTarget.value)} error={errors.field("place")} />
        <Field id={ids.attendance} type="number" inputmode="numeric" min={0} label={t("meetingForm.attendance")} optional value={attendance()} onInput={(e) => setAttendance(e.currentTarget.value)} error={errors.field("attendance")} />
        <Field id={ids.policyProposals} type="number" inputmode="numeric" min={0} label={t("meetingForm.policyProposals")} optional value={proposals()} onInput={(e) => setProposals(e.currentTarget.value)} error={errors.field("policyProposals")} />
      </div>
      <TextArea id={ids.agenda} label={t("meetingForm.agenda")} hint={t("meetingForm.linesHint")} optional rows={3} value={agenda()} onInput={(e) => setAgenda(e.currentTarget.value)} error={errors.field("agenda")} />
      <TextArea id={ids.decisions} label={t("meetingForm.decisions")} hint={t("meetingForm.linesHint")} optional rows={3} value={decisions()} onInput={(e) => setDecisions(e.currentTarget.value)} error={errors.field("decisions")} />
      <fieldset class="gov-fieldset" id={ids.projectIds} tabindex="-1" aria-describedby={`${ids.projectIds}-hint`}>
        <legend class="field-label">
          {t("meetingForm.links")} <span class="field-optional">({t("common.optional")})</span>
        </legend>
        <p class="field-hint" id={`${ids.projectIds}-hint`}>
          {t("meetingForm.linksHint")}
        </p>
        <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
          <Suspense fallback={<Loading />}>
            <LinkChoices
              p={p}
              projectIds={projectIds()}
              sessionIds={sessionIds()}
              onProject={(id, checked) => setProjectIds((l) => toggle(l, id, checked))}
              onSession={(id, checked) => setSessionIds((l) => toggle(l, id, checked))}
            />
          </Suspense>
        </ErrorBoundary>
        <Show when={errors.field("projectIds") ?? errors.field("sessionIds")}>
          {(e) => <p class="field-error">{e()}</p>}
        </Show>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending() || props.pending}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="btn btn-tertiary" onClick={() => props.onCancel?.()}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** Every forum's sessions and projects, to tick the ones the meeting held or decided. */
function LinkChoices(props: { p: string; projectIds: string[]; sessionIds: string[]; onProject: (id: string, on: boolean) => void; onSession: (id: string, on: boolean) => void }) {
  const forums = createAsync(() => getForums());
  return (
    <Show when={forums()}>
      {(list) => (
        <Show when={list().length > 0} fallback={<p class="muted">{t("meetingForm.noForums")}</p>}>
          <For each={list()}>{(f) => <ForumChoices forumId={f.id} title={f.title} {...props} />}</For>
        </Show>
      )}
    </Show>
  );
}

function ForumChoices(props: { forumId: string; title: string; p: string; projectIds: string[]; sessionIds: string[]; onProject: (id: string, on: boolean) => void; onSession: (id: string, on: boolean) => void }) {
  const sessions = createAsync(() => getSessions(props.forumId));
  const projects = createAsync(() => getForumProjects(props.forumId));
  return (
    <details class="link-choices" open={props.projectIds.length + props.sessionIds.length > 0}>
      <summary>{props.title}</summary>
      <div class="link-columns">
        <div>
          <p class="mini-title">{t("meetingForm.projects")}</p>
          <Show when={projects()}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">—</p>}>
                <For each={list()}>
                  {(pr) => (
                    <label class="check-option">
                      <input type="checkbox" class="checkbox" checked={props.projectIds.includes(pr.id)} onChange={(e) => props.onProject(pr.id, e.currentTarget.checked)} />
                      {pr.title}
                    </label>
                  )}
                </For>
              </Show>
            )}
          </Show>
        </div>
        <div>
          <p class="mini-title">{t("meetingForm.sessions")}</p>
          <Show when={sessions()}>
            {(list) => (
              <For each={list()}>
                {(s) => (
                  <label class="check-option">
                    <input type="checkbox" class="checkbox" checked={props.sessionIds.includes(s.id)} onChange={(e) => props.onSession(s.id, e.currentTarget.checked)} />
                    {s.title} <span class="muted">({formatDateTime(s.startsAt)})</span>
                  </label>
                )}
              </For>
            )}
          </Show>
        </div>
      </div>
    </details>
  );
}
