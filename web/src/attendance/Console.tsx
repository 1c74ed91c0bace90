import { A, createAsync, useParams, useSearchParams } from "@solidjs/router";
import { batch, createSignal, ErrorBoundary, For, onCleanup, onMount, Show } from "solid-js";
import { ApiError, api, type CheckInInput, type CheckInResult } from "../app/api.js";
import { formatBirthDate, formatPhone, newIdempotencyKey, outcomeOf, sendCheckIn, type Outcome } from "./checkin.js";
import { AgendaCapture } from "../proposals/AgendaCapture.js";
import { Icon, PageLoadError, PageTitle, type IconName } from "../app/ui.js";
import { formatClock, formatDateTime, formatNumber } from "../app/format.js";
import { t, type Key } from "../app/i18n.js";
import { getForum, getForumStats, getSession } from "../app/queries.js";
import { SessionRoundLinks } from "../voting/VotingLinks.js";

const POLL_MS = 10_000;
const RECENT = 6;

type Mode = "phone" | "name";
/** The console's two jobs: checking people in at the door, writing down the agendas raised at the tables. */
type Tab = "checkin" | "agenda";
const TABS: Tab[] = ["checkin", "agenda"];
type Feedback =
  | { kind: Outcome; at: Date; seq: number }
  | { kind: "error"; message: string; at: Date; seq: number; signIn?: boolean }
  | { kind: "retrying"; attempt: number; seq: number };

const look: Record<Outcome | "error" | "retrying", { tone: string; icon: IconName; title?: Key; detail?: Key }> = {
  new: { tone: "success", icon: "star", title: "console.new", detail: "console.newDetail" },
  returning: { tone: "info", icon: "check", title: "console.returning", detail: "console.returningDetail" },
  repeat: { tone: "warning", icon: "warning", title: "console.repeat", detail: "console.repeatDetail" },
  error: { tone: "danger", icon: "error", title: "console.error" },
  retrying: { tone: "neutral", icon: "sync" },
};

/**
 * `/console/:sessionId`: the tablet at the venue's door. One big field (phone, or name +
 * birth date), an on-screen keypad, one big button; an unmistakable answer after each
 * person; the counts, live. A second tab (`?mode=agenda`) captures the agendas raised at the
 * tables; both stay mounted, so switching keeps what is being typed in either.
 */
export default function Console() {
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const tab = (): Tab => (search.mode === "agenda" ? "agenda" : "checkin");
  const selectTab = (next: Tab, focus = false) => {
    if (next !== tab()) setSearch({ mode: next === "agenda" ? "agenda" : undefined }, { replace: true, scroll: false });
    if (focus) document.getElementById(`tab-${next}`)?.focus();
  };
  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab());
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    selectTab(TABS[(to + TABS.length) % TABS.length]!, true);
  };
  const sessionId = () => params.sessionId!;
  const session = createAsync(() => getSession(sessionId()));
  const forum = createAsync(async () => {
    const s = session();
    return s ? getForum(s.forumId) : undefined;
  });
  const initialStats = createAsync(async () => {
    const s = session();
    return s ? getForumStats(s.forumId) : undefined;
  });

  const [mode, setMode] = createSignal<Mode>("phone");
  const [phone, setPhone] = createSignal("");
  const [name, setName] = createSignal("");
  const [birth, setBirth] = createSignal("");
  const [pending, setPending] = createSignal(false);
  const [feedback, setFeedback] = createSignal<Feedback>();
  const [fieldError, setFieldError] = createSignal<{ field: string; message: string }>();
  const [recent, setRecent] = createSignal<{ kind: Outcome; at: Date; seq: number }[]>([]);
  const [counts, setCounts] = createSignal({ session: 0, forumAttendances: 0, forumParticipants: 0 });
  let seq = 0;
  let lastFailed: { payload: string; key: string } | undefined;
  let phoneInput: HTMLInputElement | undefined;
  let nameInput: HTMLInputElement | undefined;
  let birthInput: HTMLInputElement | undefined;

  /** Counters only grow, so the larger of two readings is the newer one (a slow poll never rolls a count back). */
  const raise = (next: Partial<ReturnType<typeof counts>>) =>
    setCounts((c) => ({
      session: Math.max(c.session, next.session ?? 0),
      forumAttendances: Math.max(c.forumAttendances, next.forumAttendances ?? 0),
      forumParticipants: Math.max(c.forumParticipants, next.forumParticipants ?? 0),
    }));
  /**
   * What the board shows: the live readings (polls, check-in answers) against the loaded route data.
   * Read only inside the ErrorBoundary below: a resource that failed to load throws when read.
   */
  const shown = () => {
    const live = counts();
    const st = initialStats();
    return {
      session: Math.max(live.session, session()?.attendances ?? 0),
      forumAttendances: Math.max(live.forumAttendances, st?.attendances ?? 0),
      forumParticipants: Math.max(live.forumParticipants, st?.participants ?? 0),
    };
  };

  onMount(() => {
    const poll = async () => {
      if (document.hidden) return;
      try {
        // Throws if the session failed to load; the page already shows that error.
        const s = session();
        if (!s) return;
        const [fresh, stats] = await Promise.all([api.session(s.id), api.forumStats(s.forumId)]);
        raise({ session: fresh.attendances, forumAttendances: stats.attendances, forumParticipants: stats.participants });
      } catch {
        /* offline for now: the next poll or check-in catches up */
      }
    };
    const timer = setInterval(poll, POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  const numericTarget = () => (mode() === "phone" ? phoneInput : birthInput);
  const press = (digit: string) => {
    if (pending()) return;
    if (mode() === "phone") setPhone((v) => formatPhone(v + digit));
    else setBirth((v) => formatBirthDate(v + digit));
    setFieldError(undefined);
  };
  const backspace = () => {
    if (pending()) return;
    const cut = (v: string) => v.replace(/-?.$/, "");
    if (mode() === "phone") setPhone((v) => formatPhone(cut(v)));
    else setBirth((v) => formatBirthDate(cut(v)));
  };
  const clearAll = () => {
    if (pending()) return;
    if (mode() === "phone") setPhone("");
    else setBirth("");
    setFieldError(undefined);
    numericTarget()?.focus();
  };

  const payload = (): CheckInInput | { missing: string; ref?: HTMLInputElement; message: Key } => {
    if (mode() === "phone") {
      if (!phone().trim()) return { missing: "phone", ref: phoneInput, message: "console.phoneRequired" };
      return { phone: phone().trim() };
    }
    if (!name().trim()) return { missing: "name", ref: nameInput, message: "console.nameRequired" };
    if (!birth().trim()) return { missing: "birthDate", ref: birthInput, message: "console.birthRequired" };
    return { name: name().trim(), birthDate: birth().trim() };
  };

  const applyResult = (r: CheckInResult) => {
    const kind = outcomeOf(r);
    const at = new Date();
    const n = ++seq;
    batch(() => {
      setFeedback({ kind, at, seq: n });
      setRecent((list) => [{ kind, at, seq: n }, ...list].slice(0, RECENT));
      raise({ session: r.sessionAttendances, forumAttendances: r.forumAttendances, forumParticipants: r.forumParticipants });
      // The previous person's number or name must not stay on screen.
      setPhone("");
      setName("");
      setBirth("");
    });
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (pending()) return;
    const body = payload();
    if ("missing" in body) {
      setFieldError({ field: body.missing, message: t(body.message) });
      body.ref?.focus();
      return;
    }
    const typed = document.activeElement instanceof HTMLInputElement;
    const fingerprint = JSON.stringify(body);
    // The same person re-sent after a failure keeps the key, so the first answer comes back.
    const key = lastFailed?.payload === fingerprint ? lastFailed.key : newIdempotencyKey();
    setFieldError(undefined);
    setPending(true);
    try {
      const result = await sendCheckIn(sessionId(), body, key, (attempt) => setFeedback({ kind: "retrying", attempt, seq: ++seq }));
      lastFailed = undefined;
      applyResult(result);
      if (typed) (mode() === "phone" ? phoneInput : nameInput)?.focus();
    } catch (err) {
      const at = new Date();
      if (err instanceof ApiError && err.transient) {
        lastFailed = { payload: fingerprint, key };
        setFeedback({ kind: "error", message: t("console.networkFailed"), at, seq: ++seq });
      } else {
        lastFailed = undefined;
        const message = err instanceof Error ? err.message : String(err);
        const signIn = err instanceof ApiError && err.status === 401;
        setFeedback({ kind: "error", message, at, seq: ++seq, signIn });
        if (err instanceof ApiError && err.field && ["phone", "name", "birthDate"].includes(err.field)) {
          setFieldError({ field: err.field, message });
          ({ phone: phoneInput, name: nameInput, birthDate: birthInput })[err.field as "phone"]?.focus();
        }
      }
    } finally {
      setPending(false);
    }
  };

  const switchMode = (next: Mode) => {
    setMode(next);
    setFieldError(undefined);
  };

  const errorFor = (field: string) => (fieldError()?.field === field ? fieldError()!.message : undefined);
  const describe = (field: string, hint: boolean) =>
    [hint ? `${field}-hint` : "", errorFor(field) ? `${field}-error` : ""].filter(Boolean).join(" ") || undefined;

  const phoneField = () => (
    <div class="field" classList={{ "has-error": !!errorFor("phone") }}>
      <label for="phone" class="field-label">
        {t("console.phone")}
      </label>
      <p id="phone-hint" class="field-hint">
        {t("console.phoneHint")}
      </p>
      <input
        id="phone"
        ref={phoneInput}
        class="input input-xl input-phone"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        enterkeyhint="done"
        maxLength={20}
        readOnly={pending()}
        value={phone()}
        onInput={(e) => {
          setPhone(formatPhone(e.currentTarget.value));
          e.currentTarget.value = phone();
          setFieldError(undefined);
        }}
        aria-invalid={errorFor("phone") ? "true" : undefined}
        aria-describedby={describe("phone", true)}
      />
      <Show when={errorFor("phone")}>
        <p id="phone-error" class="field-error">
          <Icon name="error" size={20} />
          <span>{errorFor("phone")}</span>
        </p>
      </Show>
    </div>
  );

  const nameFields = () => (
    <div class="name-fields">
      <div class="field" classList={{ "has-error": !!errorFor("name") }}>
        <label for="name" class="field-label">
          {t("console.name")}
        </label>
        <input
          id="name"
          ref={nameInput}
          class="input input-xl"
          type="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          enterkeyhint="next"
          maxLength={50}
          readOnly={pending()}
          value={name()}
          onInput={(e) => {
            setName(e.currentTarget.value);
            setFieldError(undefined);
          }}
          aria-invalid={errorFor("name") ? "true" : undefined}
          aria-describedby={describe("name", false)}
        />
        <Show when={errorFor("name")}>
          <p id="name-error" class="field-error">
            <Icon name="error" size={20} />
            <span>{errorFor("name")}</span>
          </p>
        </Show>
      </div>
      <div class="field" classList={{ "has-error": !!errorFor("birthDate") }}>
        <label for="birthDate" class="field-label">
          {t("console.birthDate")}
        </label>
        <p id="birthDate-hint" class="field-hint">
          {t("console.birthDateHint")}
        </p>
        <input
          id="birthDate"
          ref={birthInput}
          class="input input-xl"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          enterkeyhint="done"
          maxLength={10}
          readOnly={pending()}
          value={birth()}
          onInput={(e) => {
            setBirth(formatBirthDate(e.currentTarget.value));
            e.currentTarget.value = birth();
            setFieldError(undefined);
          }}
          aria-invalid={errorFor("birthDate") ? "true" : undefined}
          aria-describedby={describe("birthDate", true)}
        />
        <Show when={errorFor("birthDate")}>
          <p id="birthDate-error" class="field-error">
            <Icon name="error" size={20} />
            <span>{errorFor("birthDate")}</span>
          </p>
        </Show>
      </div>
    </div>
  );

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={session()}>
        {(s) => (
          <div class="console">
            <PageTitle title={`${tab() === "agenda" ? t("agenda.title") : t("console.title")}: ${s().title}`} />
            <div class="console-head">
              <div class="inner console-head-row">
                <div class="console-id">
                  <p class="console-forum">{forum()?.title ?? ""}</p>
                  <h1 class="console-title">
                    <span class="visually-hidden">{tab() === "agenda" ? t("agenda.title") : t("console.title")}: </span>
                    {s().title}
                  </h1>
                  <p class="console-meta">
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
                </div>
                <section class="live-board" aria-labelledby="live-h">
                  <h2 id="live-h" class="visually-hidden">
                    {t("console.liveLabel")}
                  </h2>
                  <dl class="live-counts">
                    <div class="live live-session">
                      <dt>{t("console.sessionCount")}</dt>
                      <dd data-testid="count-session">{formatNumber(shown().session)}</dd>
                    </div>
                    <div class="live">
                      <dt>{t("console.forumParticipants")}</dt>
                      <dd data-testid="count-participants">{formatNumber(shown().forumParticipants)}</dd>
                    </div>
                    <div class="live">
                      <dt>{t("console.forumAttendances")}</dt>
                      <dd data-testid="count-attendances">{formatNumber(shown().forumAttendances)}</dd>
                    </div>
                  </dl>
                </section>
              </div>
            </div>

            <div class="inner">
              <SessionRoundLinks forumId={s().forumId} sessionId={s().id} />
              <div class="console-tabs" role="tablist" aria-label={t("console.tabsLabel")}>
                <For each={TABS}>
                  {(id) => (
                    <button
                      type="button"
                      role="tab"
                      id={`tab-${id}`}
                      class="console-tab"
                      aria-selected={tab() === id ? "true" : "false"}
                      aria-controls={`panel-${id}`}
                      tabindex={tab() === id ? 0 : -1}
                      onClick={() => selectTab(id)}
                      onKeyDown={onTabKey}
                    >
                      <Icon name={id === "checkin" ? "user" : "edit"} size={24} />
                      {t(id === "checkin" ? "console.tabCheckin" : "console.tabAgenda")}
                    </button>
                  )}
                </For>
              </div>
              <div role="tabpanel" id="panel-checkin" aria-labelledby="tab-checkin" hidden={tab() !== "checkin"}>
                <form class="checkin-form" onSubmit={submit} novalidate aria-busy={pending() ? "true" : "false"}>
                  <div class="feedback-slot" role="status" aria-live="polite" aria-atomic="true">
                    <Show when={feedback()} keyed fallback={<ReadyBanner mode={mode()} />}>
                      {(f) => <FeedbackBanner feedback={f} sessionId={sessionId()} />}
                    </Show>
                  </div>

                  <fieldset class="mode-switch">
                    <legend class="visually-hidden">{t("console.modeLabel")}</legend>
                    <label class="mode-option" classList={{ selected: mode() === "phone" }}>
                      <input type="radio" name="mode" value="phone" checked={mode() === "phone"} onChange={() => switchMode("phone")} />
                      <span>{t("console.modePhone")}</span>
                    </label>
                    <label class="mode-option" classList={{ selected: mode() === "name" }}>
                      <input type="radio" name="mode" value="name" checked={mode() === "name"} onChange={() => switchMode("name")} />
                      <span>{t("console.modeName")}</span>
                    </label>
                  </fieldset>

                  <div class="entry">
                    <Show when={mode() === "phone"} fallback={nameFields()}>
                      {phoneField()}
                    </Show>
                  </div>

                  <div class="keypad" role="group" aria-label={t("console.keypad")}>
                    <For each={["1", "2", "3", "4", "5", "6", "7", "8", "9"]}>
                      {(d) => (
                        <button type="button" class="key" onClick={() => press(d)} disabled={pending()}>
                          {d}
                        </button>
                      )}
                    </For>
                    <button type="button" class="key key-fn" onClick={clearAll} disabled={pending()}>
                      {t("console.clear")}
                    </button>
                    <button type="button" class="key" onClick={() => press("0")} disabled={pending()}>
                      0
                    </button>
                    <button type="button" class="key key-fn" onClick={backspace} disabled={pending()}>
                      <span aria-hidden="true">⌫ </span>
                      {t("console.backspace")}
                    </button>
                  </div>

                  <button type="submit" class="btn btn-primary btn-xl btn-block submit-checkin" disabled={pending()}>
                    <Show when={pending()} fallback={t("console.submit")}>
                      <span class="spinner spinner-light" aria-hidden="true" />
                      {feedback()?.kind === "retrying" ? t("console.retrying", { n: (feedback() as { attempt: number }).attempt }) : t("console.pending")}
                    </Show>
                  </button>
                </form>

                <div class="console-foot">
                  <section class="recent-box" aria-labelledby="recent-h">
                    <h2 id="recent-h" class="mini-title">
                      {t("console.recent")}
                    </h2>
                    <Show when={recent().length > 0} fallback={<p class="muted">{t("console.recentEmpty")}</p>}>
                      <ol class="recent-list">
                        <For each={recent()}>
                          {(r) => (
                            <li class={`recent recent-${r.kind}`}>
                              <Icon name={look[r.kind].icon} size={20} />
                              <span class="recent-kind">{t(`console.kind.${r.kind}`)}</span>
                              <span class="recent-time">{formatClock(r.at)}</span>
                            </li>
                          )}
                        </For>
                      </ol>
                    </Show>
                  </section>
                  <p class="console-privacy">{t("console.privacy")}</p>
                  <p>
                    <A href={`/forums/${s().forumId}`}>{t("console.publicPage")}</A>
                  </p>
                </div>
              </div>
              <div role="tabpanel" id="panel-agenda" aria-labelledby="tab-agenda" hidden={tab() !== "agenda"}>
                <AgendaCapture session={s()} fields={forum()?.fields} active={tab() === "agenda"} />
                <p class="agenda-foot">
                  <A href={`/forums/${s().forumId}/proposals?source=session`}>{t("agenda.publicList")}</A>
                </p>
              </div>
            </div>
          </div>
        )}
      </Show>
    </ErrorBoundary>
  );
}

function ReadyBanner(props: { mode: Mode }) {
  return (
    <div class="feedback feedback-ready">
      <Icon name="info" size={40} />
      <div class="feedback-text">
        <p class="feedback-title">{t("console.ready")}</p>
        <p class="feedback-detail">{props.mode === "phone" ? t("console.readyPhone") : t("console.readyName")}</p>
      </div>
    </div>
  );
}

function FeedbackBanner(props: { feedback: Feedback; sessionId: string }) {
  const f = props.feedback;
  const l = look[f.kind];
  return (
    <div class={`feedback feedback-${l.tone}`} data-kind={f.kind}>
      <Icon name={l.icon} size={48} />
      <div class="feedback-text">
        {f.kind === "retrying" ? (
          <>
            <p class="feedback-title">{t("console.retrying", { n: f.attempt })}</p>
            <p class="feedback-detail">{t("console.retryingDetail")}</p>
          </>
        ) : f.kind === "error" ? (
          <>
            <p class="feedback-title">{t("console.error")}</p>
            <p class="feedback-detail">{f.message}</p>
            <Show when={f.signIn}>
              <p class="feedback-detail">
                <A href={`/login?next=${encodeURIComponent(`/console/${props.sessionId}`)}`}>{t("console.signInAgain")}</A>
              </p>
            </Show>
          </>
        ) : (
          <>
            <p class="feedback-title">{t(l.title!)}</p>
            <p class="feedback-detail">
              {t(l.detail!)} <span class="feedback-time">{formatClock(f.at)}</span>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
