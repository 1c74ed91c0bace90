import { A, createAsync, useParams } from "@solidjs/router";
import { batch, createEffect, createSignal, ErrorBoundary, For, Match, on, onCleanup, onMount, Show, Switch } from "solid-js";
import { ApiError, type SessionInfo } from "../app/api.js";
import { votingApi, type RoundView, type TableBallotInput } from "./api.js";
import { formatBirthDate, formatPhone } from "../attendance/checkin.js";
import { Alert, Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { AgendaPicker, ChosenList, formatRoundPeriod, RoundStatusBadge, Steps } from "./voting.js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { t, type Key } from "../app/i18n.js";
import { getSession } from "../app/queries.js";
import { getRound } from "./queries.js";
import { createKeyKeeper, isTransient, withRetry } from "../app/retry.js";

const POLL_MS = 10_000;
/** The thank-you screen clears itself for the next person after this long. */
const DONE_MS = 20_000;

/**
 * `/console/:sessionId/vote/:roundId`: the table ballot screen, on the facilitator's tablet handed
 * round the table. Each participant types their number (on-screen keypad) or name + birth date,
 * picks agendas, confirms; then a thank-you screen, and the screen starts over for the next person
 * with nothing of the previous one left: no number, no choice, no receipt. A repeat person is told
 * they already voted (and how: online or at a session).
 */
export default function TableBallot() {
  const params = useParams();
  const session = createAsync(() => getSession(params.sessionId!));
  const round = createAsync(() => getRound(params.roundId!));
  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      {/* One resource per <Show when>: see "Reading route data" in web/README.md. */}
      <Show when={session()}>
        {(s) => (
          <Show when={round()}>
            {(r) => (
              <Show when={`${s().id}/${r().id}`} keyed>
                {(_key) => <TableScreen session={s()} round={r()} />}
              </Show>
            )}
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}

type Mode = "phone" | "name";
type Step = "who" | "choose" | "review" | "done" | "refused";
type Refusal = { kind: "already" | "checkin" | "closed" | "error"; message: string; signIn?: boolean };
const STEP_INDEX: Record<Step, number> = { who: 0, choose: 1, review: 2, done: 3, refused: 3 };

function TableScreen(props: { session: SessionInfo; round: RoundView }) {
  const r = () => props.round;
  const s = () => props.session;
  const [turnout, setTurnout] = createSignal(props.round.turnout);
  const [step, setStep] = createSignal<Step>("who");
  const [mode, setMode] = createSignal<Mode>("phone");
  const [phone, setPhone] = createSignal("");
  const [name, setName] = createSignal("");
  const [birth, setBirth] = createSignal("");
  const [selected, setSelected] = createSignal<string[]>([]);
  const [fieldError, setFieldError] = createSignal<{ field: string; message: string }>();
  const [pickError, setPickError] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const [retry, setRetry] = createSignal(0);
  const [problem, setProblem] = createSignal<string>();
  const [receipt, setReceipt] = createSignal<string>();
  const [refusal, setRefusal] = createSignal<Refusal>();
  const [served, setServed] = createSignal(0);
  const keeper = createKeyKeeper();
  let phoneInput: HTMLInputElement | undefined;
  let nameInput: HTMLInputElement | undefined;
  let birthInput: HTMLInputElement | undefined;
  let doneTimer: ReturnType<typeof setTimeout> | undefined;

  const open = () => r().status === "open" && r().channels.includes("session");

  /** Counters only grow: a slow poll never rolls the board back. */
  const raise = (next: RoundView["turnout"]) =>
    setTurnout((c) => ({ ballots: Math.max(c.ballots, next.ballots), online: Math.max(c.online, next.online), session: Math.max(c.session, next.session) }));

  onMount(() => {
    const poll = async () => {
      if (document.hidden) return;
      try {
        raise((await votingApi.round(r().id)).turnout);
      } catch {
        /* offline for now: the next poll or ballot catches up */
      }
    };
    const timer = setInterval(poll, POLL_MS);
    onCleanup(() => {
      clearInterval(timer);
      clearTimeout(doneTimer);
    });
  });

  // Each step starts at its heading (the tablet changes hands: a screen reader user hears where they are).
  createEffect(
    on(
      step,
      () => queueMicrotask(() => document.getElementById("table-step-h")?.focus()),
      { defer: true },
    ),
  );

  /** The next person: everything about the previous one goes, from the signals and so from the page. */
  const reset = () => {
    clearTimeout(doneTimer);
    keeper.settled();
    batch(() => {
      setPhone("");
      setName("");
      setBirth("");
      setSelected([]);
      setFieldError(undefined);
      setPickError(undefined);
      setProblem(undefined);
      setReceipt(undefined);
      setRefusal(undefined);
      setRetry(0);
      setMode("phone");
      setStep("who");
    });
  };

  const press = (digit: string) => {
    if (mode() === "phone") setPhone((v) => formatPhone(v + digit));
    else setBirth((v) => formatBirthDate(v + digit));
    setFieldError(undefined);
  };
  const backspace = () => {
    const cut = (v: string) => v.replace(/-?.$/, "");
    if (mode() === "phone") setPhone((v) => formatPhone(cut(v)));
    else setBirth((v) => formatBirthDate(cut(v)));
  };
  const clearEntry = () => {
    if (mode() === "phone") setPhone("");
    else setBirth("");
    setFieldError(undefined);
    (mode() === "phone" ? phoneInput : birthInput)?.focus();
  };

  const person = (): { phone: string } | { name: string; birthDate: string } | { missing: string; message: Key } => {
    if (mode() === "phone") return phone().trim() ? { phone: phone().trim() } : { missing: "phone", message: "table.phoneRequired" };
    if (!name().trim()) return { missing: "name", message: "table.nameRequired" };
    if (!birth().trim()) return { missing: "birthDate", message: "table.birthRequired" };
    return { name: name().trim(), birthDate: birth().trim() };
  };
  const inputFor = (field: string) => ({ phone: phoneInput, name: nameInput, birthDate: birthInput })[field];

  const whoNext = (e: SubmitEvent) => {
    e.preventDefault();
    const p = person();
    if ("missing" in p) {
      setFieldError({ field: p.missing, message: t(p.message) });
      inputFor(p.missing)?.focus();
      return;
    }
    setFieldError(undefined);
    setStep(selected().length > 0 ? "review" : "choose");
  };
  const chooseNext = (e: SubmitEvent) => {
    e.preventDefault();
    if (selected().length === 0) {
      setPickError(t("vote.chooseOne"));
      document.getElementById("table-picker")?.focus();
      return;
    }
    setStep("review");
  };

  const cast = async () => {
    const p = person();
    if (pending() || "missing" in p) return;
    const body: TableBallotInput = { sessionId: s().id, ...p, choices: [...selected()] };
    const payload = { roundId: r().id, ...body, choices: [...body.choices].sort() };
    const key = keeper.keyFor(payload);
    setPending(true);
    setProblem(undefined);
    try {
      const res = await withRetry((signal) => votingApi.castAtTable(r().id, body, key, signal), setRetry);
      keeper.settled();
      batch(() => {
        // The number and the choices go at once; only the receipt stays, until the next person.
        setPhone("");
        setName("");
        setBirth("");
        setSelected([]);
        setReceipt(res.receipt);
        setServed((n) => n + 1);
        setTurnout((c) => ({ ...c, ballots: c.ballots + 1, session: c.session + 1 }));
        setStep("done");
      });
      doneTimer = setTimeout(reset, DONE_MS);
    } catch (err) {
      if (isTransient(err)) {
        keeper.failed(payload, key);
        setProblem(t("table.networkFailed"));
        return;
      }
      keeper.settled();
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof ApiError ? err.code : "";
      if (err instanceof ApiError && err.field && ["phone", "name", "birthDate"].includes(err.field)) {
        // A number the server cannot read: back to it, the choices kept.
        setFieldError({ field: err.field, message });
        setStep("who");
        return;
      }
      const kind: Refusal["kind"] =
        code === "already_voted" ? "already" : code === "not_checked_in" ? "checkin" : ["round_closed", "round_not_open", "channel_not_open"].includes(code) ? "closed" : "error";
      if (kind === "error" && !(err instanceof ApiError && err.status === 401)) {
        setProblem(message);
        return;
      }
      batch(() => {
        setPhone("");
        setName("");
        setBirth("");
        setSelected([]);
        setRefusal({ kind, message, signIn: err instanceof ApiError && err.status === 401 });
        setStep("refused");
      });
    } finally {
      setPending(false);
      setRetry(0);
    }
  };

  const errorFor = (field: string) => (fieldError()?.field === field ? fieldError()!.message : undefined);
  const describe = (field: string, hint: boolean) => [hint ? `table-${field}-hint` : "", errorFor(field) ? `table-${field}-error` : ""].filter(Boolean).join(" ") || undefined;
  const steps = () => [t("table.step.who"), t("vote.step.choose"), t("vote.step.review"), t("vote.step.done")];

  const entryInput = (field: "phone" | "name" | "birthDate", label: Key, hint?: Key) => {
    const value = () => (field === "phone" ? phone() : field === "name" ? name() : birth());
    const set = (v: string) => (field === "phone" ? setPhone(formatPhone(v)) : field === "name" ? setName(v) : setBirth(formatBirthDate(v)));
    return (
      <div class="field" classList={{ "has-error": !!errorFor(field) }}>
        <label for={`table-${field}`} class="field-label">
          {t(label)}
        </label>
        <Show when={hint}>
          <p id={`table-${field}-hint`} class="field-hint">
            {t(hint!)}
          </p>
        </Show>
        <input
          id={`table-${field}`}
          ref={(el) => (field === "phone" ? (phoneInput = el) : field === "name" ? (nameInput = el) : (birthInput = el))}
          class="input input-xl"
          type="text"
          inputmode={field === "name" ? "text" : "numeric"}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          maxLength={field === "name" ? 50 : 20}
          value={value()}
          onInput={(e) => {
            set(e.currentTarget.value);
            e.currentTarget.value = value();
            setFieldError(undefined);
          }}
          aria-invalid={errorFor(field) ? "true" : undefined}
          aria-describedby={describe(field, !!hint)}
        />
        <Show when={errorFor(field)}>
          <p id={`table-${field}-error`} class="field-error">
            <Icon name="error" size={20} />
            <span>{errorFor(field)}</span>
          </p>
        </Show>
      </div>
    );
  };

  return (
    <div class="console table-ballot">
      <PageTitle title={`${t("table.title")}: ${r().title}`} />
      <div class="console-head">
        <div class="inner console-head-row">
          <div class="console-id">
            <p class="console-forum">
              {s().title} · {formatDateTime(s().startsAt)}
            </p>
            <h1 class="console-title">
              <span class="visually-hidden">{t("table.title")}: </span>
              {r().title}
            </h1>
            <p class="console-meta">
              {t("table.rule", { max: r().maxChoices })}
              <Show when={r().requireCheckIn}>
                <span class="dot" aria-hidden="true">·</span>
                {t("table.checkInRequired")}
              </Show>
            </p>
          </div>
          <section class="live-board" aria-labelledby="table-live-h">
            <h2 id="table-live-h" class="visually-hidden">
              {t("table.liveLabel")}
            </h2>
            <dl class="live-counts">
              <div class="live live-session">
                <dt>{t("table.servedHere")}</dt>
                <dd data-testid="count-served">{formatNumber(served())}</dd>
              </div>
              <div class="live">
                <dt>{t("table.atSessions")}</dt>
                <dd data-testid="count-session-ballots">{formatNumber(turnout().session)}</dd>
              </div>
              <div class="live">
                <dt>{t("table.allBallots")}</dt>
                <dd data-testid="count-ballots">{formatNumber(turnout().ballots)}</dd>
              </div>
            </dl>
          </section>
        </div>
      </div>

      <div class="inner">
        <Show
          when={open()}
          fallback={
            <div class="table-card">
              <Alert tone="warning" title={t("table.notOpen")}>
                <p>
                  <RoundStatusBadge status={r().status} /> {formatRoundPeriod(r())}
                </p>
                <p>{r().channels.includes("session") ? t("table.notOpenDetail") : t("table.onlineOnly")}</p>
              </Alert>
              <p>
                <A href={`/console/${s().id}`}>{t("table.backToConsole")}</A>
              </p>
            </div>
          }
        >
          <div class="table-card" aria-busy={pending() ? "true" : "false"}>
            <div class="table-card-top">
              <Show when={step() !== "refused"} fallback={<span />}>
                <Steps steps={steps()} current={STEP_INDEX[step()]} label={t("vote.stepsLabel")} />
              </Show>
              <Show when={step() !== "done" && step() !== "refused"}>
                <button type="button" class="btn btn-tertiary table-cancel" onClick={reset} disabled={pending()}>
                  {t("table.cancel")}
                </button>
              </Show>
            </div>
            <Switch>
              <Match when={step() === "who"}>
                <form class="table-who" onSubmit={whoNext} novalidate>
                  <div class="table-who-main">
                    <h2 id="table-step-h" class="step-title" tabindex="-1">
                      {t("table.whoTitle")}
                    </h2>
                    <p class="table-lead">{t("table.whoLead")}</p>
                    <fieldset class="mode-switch">
                      <legend class="visually-hidden">{t("console.modeLabel")}</legend>
                      <label class="mode-option" classList={{ selected: mode() === "phone" }}>
                        <input type="radio" name="table-mode" value="phone" checked={mode() === "phone"} onChange={() => (setMode("phone"), setFieldError(undefined))} />
                        <span>{t("console.modePhone")}</span>
                      </label>
                      <label class="mode-option" classList={{ selected: mode() === "name" }}>
                        <input type="radio" name="table-mode" value="name" checked={mode() === "name"} onChange={() => (setMode("name"), setFieldError(undefined))} />
                        <span>{t("console.modeName")}</span>
                      </label>
                    </fieldset>
                    <div class="entry">
                      <Show when={mode() === "phone"} fallback={<div class="name-fields">{entryInput("name", "console.name")}{entryInput("birthDate", "console.birthDate", "console.birthDateHint")}</div>}>
                        {entryInput("phone", "console.phone", "table.phoneHint")}
                      </Show>
                    </div>
                    <button type="submit" class="btn btn-primary btn-xl btn-block">
                      {t("table.next")}
                    </button>
                    <p class="console-privacy">{t("table.privacy")}</p>
                  </div>
                  <div class="keypad" role="group" aria-label={t("console.keypad")}>
                    <For each={["1", "2", "3", "4", "5", "6", "7", "8", "9"]}>
                      {(d) => (
                        <button type="button" class="key" onClick={() => press(d)}>
                          {d}
                        </button>
                      )}
                    </For>
                    <button type="button" class="key key-fn" onClick={clearEntry}>
                      {t("console.clear")}
                    </button>
                    <button type="button" class="key" onClick={() => press("0")}>
                      0
                    </button>
                    <button type="button" class="key key-fn" onClick={backspace}>
                      <span aria-hidden="true">⌫ </span>
                      {t("console.backspace")}
                    </button>
                  </div>
                </form>
              </Match>
              <Match when={step() === "choose"}>
                <form onSubmit={chooseNext} novalidate>
                  <h2 id="table-step-h" class="step-title" tabindex="-1">
                    {t("vote.chooseTitle")}
                  </h2>
                  <p class="table-lead">{t("vote.chooseLead", { max: r().maxChoices })}</p>
                  <AgendaPicker
                    id="table-picker"
                    legend={t("vote.pickerLegend", { max: r().maxChoices })}
                    proposals={r().proposals}
                    max={r().maxChoices}
                    selected={selected()}
                    onChange={(v) => {
                      setSelected(v);
                      setPickError(undefined);
                    }}
                    error={pickError()}
                  />
                  <div class="vote-sticky">
                    <p class="sticky-count" aria-hidden="true">
                      {selected().length}/{r().maxChoices}
                    </p>
                    <button type="button" class="btn btn-secondary btn-large" onClick={() => setStep("who")}>
                      {t("table.back")}
                    </button>
                    <button type="submit" class="btn btn-primary btn-large vote-next">
                      {t("vote.toReview")}
                    </button>
                  </div>
                </form>
              </Match>
              <Match when={step() === "review"}>
                <div class="table-review">
                  <h2 id="table-step-h" class="step-title" tabindex="-1">
                    {t("vote.reviewTitle")}
                  </h2>
                  <p class="table-lead">{t("vote.reviewLead", { n: selected().length, max: r().maxChoices })}</p>
                  <ChosenList proposals={r().proposals} selected={selected()} />
                  <p class="vote-retry" role="status" aria-live="polite">
                    {retry() > 0 ? t("vote.retrying", { n: retry() }) : ""}
                  </p>
                  <Show when={problem()}>
                    <Alert tone="danger" role="alert">
                      <p>{problem()}</p>
                    </Alert>
                  </Show>
                  <div class="vote-buttons">
                    <button type="button" class="btn btn-primary btn-xl vote-next" onClick={cast} disabled={pending()}>
                      <Show when={pending()} fallback={t("vote.cast")}>
                        <span class="spinner spinner-light" aria-hidden="true" />
                        {t("vote.casting")}
                      </Show>
                    </button>
                    <button type="button" class="btn btn-secondary btn-large" onClick={() => setStep("choose")} disabled={pending()}>
                      {t("vote.changeChoices")}
                    </button>
                  </div>
                </div>
              </Match>
              <Match when={step() === "done"}>
                <div class="table-result table-result-success" data-testid="table-done">
                  <Icon name="check" size={64} />
                  <h2 id="table-step-h" class="table-result-title" tabindex="-1">
                    {t("table.doneTitle")}
                  </h2>
                  <p>{t("table.doneLead")}</p>
                  <Show when={receipt()}>
                    {(code) => (
                      <p class="table-receipt">
                        <span>{t("vote.receipt")}</span> <strong>{code()}</strong>
                      </p>
                    )}
                  </Show>
                  <p class="muted-on-color">{t("table.receiptNote")}</p>
                  <button type="button" class="btn btn-primary btn-xl" onClick={reset}>
                    {t("table.nextPerson")}
                  </button>
                </div>
              </Match>
              <Match when={step() === "refused"}>
                <Show when={refusal()}>
                  {(f) => (
                    <div class={`table-result table-result-${f().kind === "already" || f().kind === "checkin" ? "warning" : "danger"}`} data-testid="table-refused" data-kind={f().kind}>
                      <Icon name={f().kind === "already" || f().kind === "checkin" ? "warning" : "error"} size={64} />
                      <h2 id="table-step-h" class="table-result-title" tabindex="-1">
                        {t(f().kind === "already" ? "table.alreadyTitle" : f().kind === "checkin" ? "table.checkinTitle" : f().kind === "closed" ? "table.closedTitle" : "table.errorTitle")}
                      </h2>
                      <p data-testid="table-refusal">{f().message}</p>
                      <Show when={f().kind === "checkin"}>
                        <p>
                          <A href={`/console/${s().id}`}>{t("table.toCheckIn")}</A>
                        </p>
                      </Show>
                      <Show when={f().signIn}>
                        <p>
                          <A href={`/login?next=${encodeURIComponent(`/console/${s().id}/vote/${r().id}`)}`}>{t("console.signInAgain")}</A>
                        </p>
                      </Show>
                      <button type="button" class="btn btn-primary btn-xl" onClick={reset}>
                        {t("table.nextPerson")}
                      </button>
                    </div>
                  )}
                </Show>
              </Match>
            </Switch>
          </div>
          <p class="table-foot">
            <A href={`/console/${s().id}`}>{t("table.backToConsole")}</A>
            <span class="dot" aria-hidden="true">·</span>
            <A href={`/rounds/${r().id}/results`}>{t("vote.seeResults")}</A>
          </p>
        </Show>
      </div>
    </div>
  );
}
