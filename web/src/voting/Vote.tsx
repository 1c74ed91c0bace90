import { A, createAsync, useParams } from "@solidjs/router";
import { createEffect, createSignal, ErrorBoundary, Match, on, onMount, Show, Switch } from "solid-js";
import { ApiError } from "../app/api.js";
import { votingApi, type BallotCast, type RoundView } from "./api.js";
import { formatPhone } from "../attendance/checkin.js";
import { Alert, createFormErrors, Field, FormError, Icon, Loading, PageLoadError, PageTitle } from "../app/ui.js";
import {
  AgendaPicker,
  BallotReceipt,
  ChosenList,
  channelName,
  formatRoundPeriod,
  formatSeconds,
  maskPhone,
  RoundStatusBadge,
  Steps,
  useNow,
} from "./voting.js";
import { formatDateTime } from "../app/format.js";
import { t } from "../app/i18n.js";
import { getRound } from "./queries.js";
import { createKeyKeeper, isTransient, withRetry } from "../app/retry.js";

/**
 * `/rounds/:roundId`: a resident votes online. The round's rules and status first; then, while it
 * is open online: the mobile number, the 6-digit code (HttpOnly voter cookie, 30 minutes), the
 * agendas (up to maxChoices), a review, and the ballot sent with an Idempotency-Key that a retry
 * after a network failure reuses (never counted twice). The receipt is shown large, to copy and to
 * check the ballot with.
 */
export default function Vote() {
  const params = useParams();
  const round = createAsync(() => getRound(params.roundId!));
  return (
    <div class="inner page vote-page">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={round()}>
          {(r) => (
            <>
              <PageTitle title={`${t("vote.title")}: ${r().title}`} />
              <RoundHead round={r()} />
              <Switch>
                <Match when={r().status === "scheduled"}>
                  <Alert tone="info" title={t("vote.notYet")}>
                    <p>{t("vote.notYetDetail", { when: formatDateTime(r().opensAt) })}</p>
                  </Alert>
                </Match>
                <Match when={r().status === "closed"}>
                  <Alert tone="neutral" title={t("vote.closed")}>
                    <p>
                      {t("vote.closedDetail")} <A href={`/rounds/${r().id}/results`}>{t("vote.seeResults")}</A>
                    </p>
                  </Alert>
                </Match>
                <Match when={!r().channels.includes("online")}>
                  <Alert tone="info" title={t("vote.sessionOnly")}>
                    <p>{t("vote.sessionOnlyDetail")}</p>
                  </Alert>
                </Match>
                <Match when={true}>
                  {/* A new flow (no choices or number carried over) for another round. */}
                  <Show when={r().id} keyed>
                    {(_id) => <OnlineVote round={r()} />}
                  </Show>
                </Match>
              </Switch>
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function RoundHead(props: { round: RoundView }) {
  const r = () => props.round;
  return (
    <div class="page-head vote-head">
      <p class="page-kicker">{t("vote.kicker")}</p>
      <h1 class="page-title">{r().title}</h1>
      <div class="vote-facts">
        <RoundStatusBadge status={r().status} />
        <span>
          <span class="visually-hidden">{t("round.period")}: </span>
          {formatRoundPeriod(r())}
        </span>
      </div>
      <p class="page-lead">
        {t("vote.lead", { n: r().proposals.length, max: r().maxChoices })}
        <span class="dot" aria-hidden="true">·</span>
        {t("round.channels")}: {r().channels.map(channelName).join(", ")}
      </p>
    </div>
  );
}

type Step = "checking" | "phone" | "code" | "choose" | "review" | "done" | "already" | "refused";
interface Sent {
  to: string;
  expiresAt?: number;
  resendAt: number;
}

const STEP_INDEX: Record<Step, number> = { checking: 0, phone: 0, code: 0, choose: 1, review: 2, done: 3, already: 3, refused: 3 };

function OnlineVote(props: { round: RoundView }) {
  const r = () => props.round;
  const [step, setStep] = createSignal<Step>("checking");
  const [phone, setPhone] = createSignal("");
  const [sent, setSent] = createSignal<Sent>();
  const [selected, setSelected] = createSignal<string[]>([]);
  const [cast, setCast] = createSignal<BallotCast>();
  const [refusal, setRefusal] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();

  /** A number that has voted in this round already hears so before choosing anything. */
  const votedAlready = async (): Promise<boolean> => {
    try {
      const me = await votingApi.voterInRound(r().id);
      if (!me.voted) return false;
      setRefusal(t(me.channel === "session" ? "vote.alreadyVia.session" : "vote.alreadyVia.online"));
      setStep("already");
      return true;
    } catch {
      return false; // the ballot itself will say so if it comes to that
    }
  };

  // A voter cookie from a moment ago (a reload) skips the code; a failed check just asks for the number.
  onMount(async () => {
    try {
      const me = await votingApi.voterStatus();
      if (me.verified && (await votedAlready())) return;
      if (step() === "checking") setStep(me.verified ? "choose" : "phone");
    } catch {
      if (step() === "checking") setStep("phone");
    }
  });

  // Each step starts at its heading, for keyboard and screen reader users alike.
  createEffect(
    on(
      step,
      (_, prev) => {
        // Not on the first step shown after the page loads: focus then stays where the page put it.
        if (prev !== "checking") queueMicrotask(() => document.getElementById("vote-step-h")?.focus());
      },
      { defer: true },
    ),
  );

  const verified = async () => {
    setNotice(undefined);
    if (await votedAlready()) return;
    setStep(selected().length > 0 ? "review" : "choose");
  };
  const [forgotten, setForgotten] = createSignal(false);
  /** Drops the voter cookie; before the ballot is cast that means starting again from the number. */
  const forget = async () => {
    await votingApi.forgetVoter().catch(() => undefined);
    setPhone("");
    setSent(undefined);
    setForgotten(true);
    if (step() === "choose" || step() === "review") {
      setNotice(t("vote.forgotten"));
      setStep("phone");
    }
  };

  const steps = () => [t("vote.step.verify"), t("vote.step.choose"), t("vote.step.review"), t("vote.step.done")];

  return (
    <section class="vote-flow card" aria-labelledby="vote-step-h">
      <Show when={step() !== "already" && step() !== "refused"}>
        <Steps steps={steps()} current={STEP_INDEX[step()]} label={t("vote.stepsLabel")} />
      </Show>
      <Switch>
        <Match when={step() === "checking"}>
          <h2 id="vote-step-h" class="visually-hidden" tabindex="-1">
            {t("vote.step.verify")}
          </h2>
          <Loading />
        </Match>
        <Match when={step() === "phone"}>
          <PhoneStep
            phone={phone()}
            setPhone={setPhone}
            notice={notice()}
            onSent={(s) => {
              setSent(s);
              setStep("code");
            }}
          />
        </Match>
        <Match when={step() === "code"}>
          <Show when={sent()}>
            {(s) => <CodeStep phone={phone()} sent={s()} onResent={setSent} onBack={() => setStep("phone")} onVerified={verified} />}
          </Show>
        </Match>
        <Match when={step() === "choose"}>
          <ChooseStep round={r()} selected={selected()} setSelected={setSelected} onNext={() => setStep("review")} onForget={forget} />
        </Match>
        <Match when={step() === "review"}>
          <ReviewStep
            round={r()}
            selected={selected()}
            onBack={() => setStep("choose")}
            onCast={(c) => {
              setCast(c);
              setStep("done");
            }}
            onAlreadyVoted={(message) => {
              setRefusal(message);
              setStep("already");
            }}
            onRefused={(message) => {
              setRefusal(message);
              setStep("refused");
            }}
            onExpired={() => {
              setNotice(t("vote.expired"));
              setSent(undefined);
              setStep("phone");
            }}
          />
        </Match>
        <Match when={step() === "done"}>
          <Show when={cast()}>{(c) => <DoneStep round={r()} cast={c()} onForget={forget} forgotten={forgotten()} />}</Show>
        </Match>
        <Match when={step() === "already"}>
          <h2 id="vote-step-h" class="step-title" tabindex="-1">
            {t("vote.alreadyTitle")}
          </h2>
          <Alert tone="warning" role="alert" class="vote-already">
            <p data-testid="vote-refusal">{refusal()}</p>
          </Alert>
          <EndActions round={r()} onForget={forget} forgotten={forgotten()} />
        </Match>
        <Match when={step() === "refused"}>
          <h2 id="vote-step-h" class="step-title" tabindex="-1">
            {t("vote.refusedTitle")}
          </h2>
          <Alert tone="danger" role="alert">
            <p data-testid="vote-refusal">{refusal()}</p>
          </Alert>
          <EndActions round={r()} onForget={forget} forgotten={forgotten()} />
        </Match>
      </Switch>
    </section>
  );
}

function PhoneStep(props: { phone: string; setPhone: (v: string) => void; notice?: string; onSent: (s: Sent) => void }) {
  const errors = createFormErrors({ phone: "vote-phone" });
  const submit = errors.submit(
    async () => {
      const typed = props.phone.trim();
      if (!typed) throw new ApiError(400, "phone_required", t("vote.phoneRequired"), "phone");
      try {
        const res = await votingApi.requestCode(typed);
        const now = Date.now();
        props.onSent({ to: res.to, expiresAt: now + res.expiresInSeconds * 1000, resendAt: now + res.resendAfterSeconds * 1000 });
      } catch (err) {
        // A code went to this number less than a minute ago (a reload, a second tab): it is still good.
        if (err instanceof ApiError && err.code === "code_resend_too_soon") {
          props.onSent({ to: maskPhone(typed), resendAt: Date.now() + (err.retryAfterSeconds ?? 60) * 1000 });
          return;
        }
        throw err;
      }
    },
  );
  return (
    <form class="form vote-form" onSubmit={submit} novalidate>
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.phoneTitle")}
      </h2>
      <p>{t("vote.phoneLead")}</p>
      <Show when={props.notice}>
        <Alert tone="info" role="status">
          <p>{props.notice}</p>
        </Alert>
      </Show>
      <FormError errors={errors} />
      <Field
        id="vote-phone"
        label={t("vote.phone")}
        hint={t("vote.phoneHint")}
        class="field-large"
        type="tel"
        inputmode="numeric"
        autocomplete="tel-national"
        enterkeyhint="send"
        maxLength={20}
        value={props.phone}
        onInput={(e) => {
          props.setPhone(formatPhone(e.currentTarget.value));
          e.currentTarget.value = props.phone;
        }}
        error={errors.field("phone")}
      />
      <button type="submit" class="btn btn-primary btn-large vote-next" disabled={errors.pending()}>
        <Show when={errors.pending()} fallback={t("vote.sendCode")}>
          <span class="spinner spinner-light" aria-hidden="true" />
          {t("vote.sending")}
        </Show>
      </button>
      <p class="form-note">
        <Icon name="info" size={18} />
        <span>{t("vote.privacy")}</span>
      </p>
    </form>
  );
}

function CodeStep(props: { phone: string; sent: Sent; onResent: (s: Sent) => void; onBack: () => void; onVerified: () => void }) {
  const now = useNow();
  const [code, setCode] = createSignal("");
  const [resent, setResent] = createSignal<string>();
  const [resending, setResending] = createSignal(false);
  const errors = createFormErrors({ code: "vote-code" });
  const waitResend = () => (props.sent.resendAt - now()) / 1000;
  const expiresIn = () => (props.sent.expiresAt === undefined ? undefined : (props.sent.expiresAt - now()) / 1000);

  const submit = errors.submit(async () => {
    const typed = code().replace(/\s/g, "");
    if (!/^\d{6}$/.test(typed)) throw new ApiError(400, "code_format", t("vote.codeFormat"), "code");
    await votingApi.confirmCode(props.phone, typed);
    props.onVerified();
  });

  const resend = async () => {
    if (resending() || waitResend() > 0) return;
    setResending(true);
    setResent(undefined);
    errors.clear();
    try {
      const res = await votingApi.requestCode(props.phone);
      const at = Date.now();
      props.onResent({ to: res.to, expiresAt: at + res.expiresInSeconds * 1000, resendAt: at + res.resendAfterSeconds * 1000 });
      setCode("");
      setResent(t("vote.resent", { to: res.to }));
      document.getElementById("vote-code")?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.retryAfterSeconds) props.onResent({ ...props.sent, resendAt: Date.now() + err.retryAfterSeconds * 1000 });
      errors.show(err);
    } finally {
      setResending(false);
    }
  };

  return (
    <form class="form vote-form" onSubmit={submit} novalidate>
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.codeTitle")}
      </h2>
      <p class="code-sent" data-testid="code-sent">
        {props.sent.expiresAt === undefined ? t("vote.codeSentBefore", { to: props.sent.to }) : t("vote.codeSent", { to: props.sent.to })}
      </p>
      <Show when={expiresIn()}>
        {(left) => (
          <p class="code-expiry" classList={{ "is-expired": left() <= 0 }}>
            <Show when={left() > 0} fallback={t("vote.codeExpired")}>
              {t("vote.codeExpiresIn")} <span class="countdown">{formatSeconds(left())}</span>
            </Show>
          </p>
        )}
      </Show>
      <p class="resend-status" role="status">
        {resent() ?? ""}
      </p>
      <FormError errors={errors} />
      <Field
        id="vote-code"
        label={t("vote.code")}
        hint={t("vote.codeHint")}
        class="field-large field-code"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]*"
        enterkeyhint="done"
        maxLength={6}
        value={code()}
        onInput={(e) => {
          setCode(e.currentTarget.value.replace(/\D/g, "").slice(0, 6));
          e.currentTarget.value = code();
        }}
        error={errors.field("code")}
      />
      <div class="vote-buttons">
        <button type="submit" class="btn btn-primary btn-large vote-next" disabled={errors.pending()}>
          <Show when={errors.pending()} fallback={t("vote.confirmCode")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("vote.checking")}
          </Show>
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={resend} disabled={resending() || waitResend() > 0} aria-describedby="vote-resend-note">
          <Icon name="sync" size={20} />
          {t("vote.resend")}
        </button>
        <button type="button" class="btn btn-tertiary btn-large" onClick={props.onBack}>
          {t("vote.changeNumber")}
        </button>
      </div>
      <p id="vote-resend-note" class="field-hint">
        <Show when={waitResend() > 0} fallback={t("vote.resendReady")}>
          {t("vote.resendIn")} <span class="countdown">{formatSeconds(waitResend())}</span>
        </Show>
      </p>
    </form>
  );
}

function ChooseStep(props: { round: RoundView; selected: string[]; setSelected: (v: string[]) => void; onNext: () => void; onForget: () => void }) {
  const [error, setError] = createSignal<string>();
  const next = (e: SubmitEvent) => {
    e.preventDefault();
    if (props.selected.length === 0) {
      setError(t("vote.chooseOne"));
      document.getElementById("vote-picker")?.focus();
      return;
    }
    props.onNext();
  };
  return (
    <form class="vote-form" onSubmit={next} novalidate>
      <div class="step-head">
        <h2 id="vote-step-h" class="step-title" tabindex="-1">
          {t("vote.chooseTitle")}
        </h2>
        <p class="verified-line">
          <Icon name="check" size={20} />
          <span>{t("vote.verified")}</span>
          <button type="button" class="link-button" onClick={props.onForget}>
            {t("vote.forget")}
          </button>
        </p>
      </div>
      <p>{t("vote.chooseLead", { max: props.round.maxChoices })}</p>
      <AgendaPicker
        id="vote-picker"
        legend={t("vote.pickerLegend", { max: props.round.maxChoices })}
        proposals={props.round.proposals}
        max={props.round.maxChoices}
        selected={props.selected}
        onChange={(v) => {
          props.setSelected(v);
          setError(undefined);
        }}
        error={error()}
      />
      <div class="vote-sticky">
        <p class="sticky-count" aria-hidden="true">
          {props.selected.length}/{props.round.maxChoices}
        </p>
        <button type="submit" class="btn btn-primary btn-large vote-next">
          {t("vote.toReview")}
        </button>
      </div>
    </form>
  );
}

function ReviewStep(props: {
  round: RoundView;
  selected: string[];
  onBack: () => void;
  onCast: (c: BallotCast) => void;
  onAlreadyVoted: (message: string) => void;
  onRefused: (message: string) => void;
  onExpired: () => void;
}) {
  const [pending, setPending] = createSignal(false);
  const [retry, setRetry] = createSignal(0);
  const [problem, setProblem] = createSignal<string>();
  // One key per ballot attempt: the same choices re-sent after a failure keep it, so a ballot that did arrive is answered with its receipt.
  const keeper = createKeyKeeper();

  const send = async () => {
    if (pending()) return;
    const choices = [...props.selected];
    const payload = { roundId: props.round.id, choices: [...choices].sort() };
    const key = keeper.keyFor(payload);
    setPending(true);
    setProblem(undefined);
    try {
      const res = await withRetry((signal) => votingApi.castOnline(props.round.id, choices, key, signal), setRetry);
      keeper.settled();
      props.onCast(res);
    } catch (err) {
      if (isTransient(err)) {
        keeper.failed(payload, key);
        setProblem(t("vote.networkFailed"));
        return;
      }
      keeper.settled();
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof ApiError ? err.code : "";
      if (code === "already_voted") props.onAlreadyVoted(message);
      else if (code === "voter_verification_required") props.onExpired();
      else if (["round_closed", "round_not_open", "channel_not_open", "not_found"].includes(code)) props.onRefused(message);
      else setProblem(message);
    } finally {
      setPending(false);
      setRetry(0);
    }
  };

  return (
    <div class="vote-form">
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.reviewTitle")}
      </h2>
      <p>{t("vote.reviewLead", { n: props.selected.length, max: props.round.maxChoices })}</p>
      <ChosenList proposals={props.round.proposals} selected={props.selected} />
      <Alert tone="warning">
        <p>{t("vote.once")}</p>
      </Alert>
      <p class="vote-retry" role="status" aria-live="polite">
        {retry() > 0 ? t("vote.retrying", { n: retry() }) : ""}
      </p>
      <Show when={problem()}>
        <Alert tone="danger" role="alert">
          <p>{problem()}</p>
        </Alert>
      </Show>
      <div class="vote-buttons">
        <button type="button" class="btn btn-primary btn-large vote-next" onClick={send} disabled={pending()} aria-busy={pending() ? "true" : "false"}>
          <Show when={pending()} fallback={t("vote.cast")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("vote.casting")}
          </Show>
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onBack} disabled={pending()}>
          {t("vote.changeChoices")}
        </button>
      </div>
    </div>
  );
}

function DoneStep(props: { round: RoundView; cast: BallotCast; onForget: () => void; forgotten: boolean }) {
  return (
    <div class="vote-done">
      <div class="received-head">
        <Icon name="check" size={40} />
        <h2 id="vote-step-h" class="step-title" tabindex="-1">
          {t("vote.doneTitle")}
        </h2>
      </div>
      <p>{t("vote.doneLead", { n: props.cast.choices, title: props.round.title })}</p>
      <BallotReceipt receipt={props.cast.receipt} label={t("vote.receipt")} />
      <Alert tone="info">
        <p>{t("vote.receiptNote")}</p>
      </Alert>
      <div class="head-actions">
        <A href={`/rounds/${props.round.id}/ballots/${props.cast.receipt}`} class="btn btn-primary btn-large">
          {t("vote.checkBallot")}
        </A>
        <Show when={!props.round.hideResultsUntilClosed}>
          <A href={`/rounds/${props.round.id}/results`} class="btn btn-secondary btn-large">
            {t("vote.seeResults")}
          </A>
        </Show>
      </div>
      <EndActions round={props.round} onForget={props.onForget} forgotten={props.forgotten} noResults />
    </div>
  );
}

/** "Finish on this device": drops the voter cookie, for a shared computer or phone. */
function EndActions(props: { round: RoundView; onForget: () => void; forgotten: boolean; noResults?: boolean }) {
  return (
    <div class="vote-end">
      <Show when={!props.noResults}>
        <p>
          <A href={`/rounds/${props.round.id}/results`}>{t("vote.seeResults")}</A>
        </p>
      </Show>
      <div role="status">
        <Show
          when={!props.forgotten}
          fallback={
            <p class="verified-line">
              <Icon name="check" size={20} />
              <span>{t("vote.forgotten")}</span>
            </p>
          }
        >
          <p class="field-hint" id="vote-forget-hint">
            {t("vote.forgetHint")}
          </p>
        </Show>
      </div>
      <Show when={!props.forgotten}>
        <button type="button" class="btn btn-tertiary" onClick={props.onForget} aria-describedby="vote-forget-hint">
          {t("vote.finish")}
        </button>
      </Show>
    </div>
  );
}
