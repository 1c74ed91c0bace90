import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, type Accessor } from "solid-js";
import type { UserInfo } from "../accounts/api.js";
import { getUsers } from "../accounts/queries.js";
import { formatDateTime, formatNumber, formatPeriod } from "../app/format.js";
import { Alert, createFormErrors, FormError, Field, Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { ProposalSettings } from "../proposals/ProposalSettings.js";
import { StaffProjectsLink } from "../projects/ProjectLinks.js";
import { StaffRoundsLink } from "../voting/VotingLinks.js";
import { attendanceApi, type ForumInfo, type SessionInfo } from "./api.js";
import { getFacilitators, getForum, getForums, getSessions } from "./queries.js";
import { SessionDevices } from "./SessionDevices.js";
import { t } from "./strings.js";

/** `/staff/forums/:forumId`: a forum's sessions, adding sessions, assigning facilitators. */
export default function StaffForum() {
  const params = useParams();
  const location = useLocation<{ created?: string }>();
  const forum = createAsync(() => getForum(params.forumId!));
  const sessions = createAsync(() => getSessions(params.forumId!));
  const users = createAsync(() => getUsers());
  const facilitatorAccounts = () => (users() ?? []).filter((u) => u.role === "facilitator" && !u.disabled);
  const [notice, setNotice] = createSignal<string | undefined>(
    location.state?.created ? t("forumForm.created", { title: location.state.created }) : undefined,
  );

  return (
    <div class="inner page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={forum()}>
          {(f) => (
            <>
              <PageTitle title={`${t("setup.title")}: ${f().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href="/staff">{t("setup.back")}</A>
                </p>
                <h1 class="page-title">{f().title}</h1>
                <p class="page-lead">
                  {formatPeriod(f().startsOn, f().endsOn)}
                  <span class="dot" aria-hidden="true">·</span>
                  {t("stat.sessions")} {formatNumber(f().sessions)} · {t("stat.attendances")} {formatNumber(f().attendances)} ·{" "}
                  {t("stat.participants")} {formatNumber(f().participants)}
                </p>
                <p class="head-actions">
                  <A href={`/forums/${f().id}`} class="btn btn-secondary btn-small">
                    {t("setup.viewPublic")}
                  </A>
                  <StaffRoundsLink forumId={f().id} />
                  <StaffProjectsLink forumId={f().id} />
                </p>
              </div>
              <Show when={notice()}>
                <Alert tone="success" role="status">
                  <p>{notice()}</p>
                </Alert>
              </Show>
              <ProposalSettings forum={f()} />
              <div class="two-col">
                <section aria-labelledby="sessions-h" class="section">
                  <h2 id="sessions-h" class="section-title">{t("setup.sessions")}</h2>
                  <Show when={sessions()}>
                    {(list) => (
                      <Show when={list().length > 0} fallback={<p class="empty">{t("setup.noSessions")}</p>}>
                        <ol class="session-list">
                          <For each={list()}>{(s) => <SessionCard session={s} accounts={facilitatorAccounts} />}</For>
                        </ol>
                      </Show>
                    )}
                  </Show>
                </section>
                <AddSession forum={f()} onAdded={(title) => setNotice(t("sessionForm.created", { title }))} />
              </div>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function SessionCard(props: { session: SessionInfo; accounts: Accessor<UserInfo[]> }) {
  const s = () => props.session;
  const facilitators = createAsync(() => getFacilitators(props.session.id));
  const [choice, setChoice] = createSignal("");
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const selectId = () => `assign-${s().id}`;
  const available = () => props.accounts().filter((u) => !(facilitators() ?? []).some((f) => f.userId === u.id));

  const run = async (action: () => Promise<unknown>) => {
    setPending(true);
    setError(undefined);
    try {
      await action();
      await revalidate(getFacilitators.keyFor(s().id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  const assign = (e: SubmitEvent) => {
    e.preventDefault();
    if (!choice() || pending()) return;
    void run(async () => {
      await attendanceApi.assign(s().id, choice());
      setChoice("");
    });
  };

  return (
    <li class="card session-card">
      <div class="session-card-head">
        <h3 class="session-title">{s().title}</h3>
        <span class="badge badge-count">{t("setup.attendances", { n: formatNumber(s().attendances) })}</span>
      </div>
      <p class="session-meta">
        {formatDateTime(s().startsAt)}
        <Show when={s().area}>
          <span class="dot" aria-hidden="true">·</span>
          {s().area}
        </Show>
        <Show when={s().venue}>
          <span class="dot" aria-hidden="true">·</span>
          {s().venue}
        </Show>
      </p>
      <div class="session-facilitators">
        <h4 class="mini-title">{t("setup.facilitators")}</h4>
        <Show when={facilitators()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t("setup.noFacilitators")}</p>}>
              <ul class="chip-list">
                <For each={list()}>
                  {(f) => (
                    <li class="chip">
                      <Icon name="user" size={18} />
                      <span>{f.name}</span>
                      <button
                        type="button"
                        class="chip-remove"
                        aria-label={t("setup.removeLabel", { name: f.name })}
                        disabled={pending()}
                        onClick={() => run(() => attendanceApi.unassign(s().id, f.userId))}
                      >
                        {t("setup.remove")}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
        <Show
          when={props.accounts().length > 0}
          fallback={
            <p class="muted">
              {t("setup.noFacilitatorAccounts")} <A href="/staff/users">{t("setup.createAccounts")}</A>
            </p>
          }
        >
          <form class="assign-form" onSubmit={assign}>
            <label for={selectId()} class="visually-hidden">
              {t("setup.assignLabel", { session: s().title })}
            </label>
            <select
              id={selectId()}
              class="input select"
              value={choice()}
              onChange={(e) => setChoice(e.currentTarget.value)}
              aria-describedby={error() ? `${selectId()}-error` : undefined}
              aria-invalid={error() ? "true" : undefined}
            >
              <option value="">{t("setup.choose")}</option>
              <For each={available()}>
                {(u) => (
                  <option value={u.id}>
                    {u.name} ({u.email})
                  </option>
                )}
              </For>
            </select>
            <button type="submit" class="btn btn-secondary" disabled={pending() || !choice()}>
              {t("setup.assign")}
            </button>
          </form>
        </Show>
        <Show when={error()}>
          <p id={`${selectId()}-error`} class="field-error" role="alert">
            <Icon name="error" size={18} />
            <span>{error()}</span>
          </p>
        </Show>
      </div>
      <SessionDevices sessionId={s().id} sessionTitle={s().title} />
      <p class="session-actions">
        <A href={`/console/${s().id}`} class="btn btn-primary">
          {t("setup.openConsole")}
          <span class="visually-hidden">: {s().title}</span>
        </A>
      </p>
    </li>
  );
}

function AddSession(props: { forum: ForumInfo; onAdded: (title: string) => void }) {
  const [title, setTitle] = createSignal("");
  const [date, setDate] = createSignal(props.forum.startsOn);
  const [time, setTime] = createSignal("19:00");
  const [venue, setVenue] = createSignal("");
  const [area, setArea] = createSignal("");
  const errors = createFormErrors({ title: "session-title", startsAt: "session-date", venue: "session-venue", area: "session-area" });

  const submit = errors.submit(async () => {
    const created = await attendanceApi.createSession(props.forum.id, {
      title: title(),
      startsAt: `${date()}T${time() || "00:00"}`,
      ...(venue().trim() ? { venue: venue() } : {}),
      ...(area().trim() ? { area: area() } : {}),
    });
    await revalidate([getSessions.keyFor(props.forum.id), getForum.keyFor(props.forum.id), getForums.key]);
    props.onAdded(created.title);
    setTitle("");
    setVenue("");
  });

  return (
    <section aria-labelledby="add-session-h" class="section">
      <h2 id="add-session-h" class="section-title">{t("setup.addSession")}</h2>
      <form class="card form" onSubmit={submit} novalidate>
        <FormError errors={errors} />
        <Field
          id="session-title"
          label={t("sessionForm.title")}
          hint={t("sessionForm.titleHint")}
          required
          maxLength={200}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          error={errors.field("title")}
        />
        <div class="field-row">
          <Field
            id="session-date"
            type="date"
            label={t("sessionForm.date")}
            hint={t("sessionForm.dateHint", { from: props.forum.startsOn, to: props.forum.endsOn })}
            required
            min={props.forum.startsOn}
            max={props.forum.endsOn}
            value={date()}
            onInput={(e) => setDate(e.currentTarget.value)}
            error={errors.field("startsAt")}
          />
          <Field
            id="session-time"
            type="time"
            label={t("sessionForm.time")}
            required
            value={time()}
            onInput={(e) => setTime(e.currentTarget.value)}
          />
        </div>
        <Field
          id="session-area"
          label={t("sessionForm.area")}
          hint={t("sessionForm.areaHint")}
          optional
          maxLength={100}
          value={area()}
          onInput={(e) => setArea(e.currentTarget.value)}
          error={errors.field("area")}
        />
        <Field
          id="session-venue"
          label={t("sessionForm.venue")}
          optional
          maxLength={200}
          value={venue()}
          onInput={(e) => setVenue(e.currentTarget.value)}
          error={errors.field("venue")}
        />
        <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
          {t("sessionForm.submit")}
        </button>
      </form>
    </section>
  );
}
