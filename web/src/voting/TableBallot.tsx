import "../attendance/tablet/tablet.css";
import { A, createAsync, useParams } from "@solidjs/router";
import { batch, createEffect, createSignal, ErrorBoundary, Match, on, onCleanup, onMount, Show, Switch } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatDateTime } from "../app/format.js";
import { createPoll } from "../app/poll.js";
import { Alert, PageLoadError, PageTitle } from "../app/ui.js";
import type { SessionInfo } from "../attendance/api.js";
import { createPersonEntry, isPersonField, type PersonField } from "../attendance/tablet/entry.js";
import { LiveBoard } from "../attendance/tablet/LiveBoard.js";
import { consoleRound, consoleSession } from "../attendance/tablet/model.js";
import { attempt, prepareForOffline, saveBallot, startSender, withdraw } from "../attendance/tablet/outbox.js";
import { registerConsoleWorker } from "../attendance/tablet/pwa.js";
import { votingApi, type RoundView } from "./api.js";
import { t, type Key } from "./strings.js";
import { ChooseStep } from "./table/ChooseStep.js";
import { Done, Refused, type Refusal } from "./table/Outcome.js";
import { ReviewStep } from "./table/ReviewStep.js";
import { WhoStep } from "./table/WhoStep.js";
import { formatRoundPeriod, RoundStatusBadge, Steps } from "./voting.js";

const POLL_MS = 10_000;
const POLL_TIMEOUT_MS = 8_000;
/** The thank-you screen clears itself for the next person after this long. */
const DONE_MS = 20_000;

/**
 * `/console/:sessionId/vote/:roundId`: the table ballot screen, on the facilitator's tablet handed
 * round the table. Each participant types their number (on-screen keypad) or name + birth date,
 * picks agendas, confirms; then a thank-you screen, and the screen starts over for the next person
 * with nothing of the previous one left: no number, no choice, no receipt. A repeat person is told
 * they already voted (and how: online or at a session).
 *
 * Each ballot goes to the console's outbox first (attendance/tablet/outbox.ts: the identifier
 * sealed, castAt by the server-corrected clock, its Idempotency-Key minted once), then is sent at
 * once with a short retry. Without an answer the person is told it is saved on this tablet and
 * will be sent when the network allows; a refusal in front of the person (already voted, a number
 * the server cannot read, the round closed) is shown here and taken back from the outbox.
 */
export default function TableBallot() {
  const params = useParams();
  // Offline, the session and the round (with its agendas) come from the console's stored model.
  const session = createAsync(() => consoleSession(params.sessionId!));
  const round = createAsync(() => consoleRound(params.sessionId!, params.roundId!));
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

type Step = "who" | "choose" | "review" | "done" | "refused";
const STEP_INDEX: Record<Step, number> = { who: 0, choose: 1, review: 2, done: 3, refused: 3 };
const REQUIRED: Record<PersonField, Key> = { phone: "table.phoneRequired", name: "table.nameRequired", birthDate: "table.birthRequired" };
const CLOSED = ["round_closed", "round_not_open", "channel_not_open"];

function TableScreen(props: { session: SessionInfo; round: RoundView }) {
  const r = () => props.round;
  const s = () => props.session;
  const [turnout, setTurnout] = createSignal(props.round.turnout);
  const [step, setStep] = createSignal<Step>("who");
  const [selected, setSelected] = createSignal<string[]>([]);
  const [receipt, setReceipt] = createSignal<string>();
  const [refusal, setRefusal] = createSignal<Refusal>();
  const [served, setServed] = createSignal(0);
  const entry = createPersonEntry();
  const [savedOnly, setSavedOnly] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [retrying, setRetrying] = createSignal(0);
  const [problem, setProblem] = createSignal<string>();
  /** What ReviewStep shows while a ballot is on its way. */
  const write = { pending, retrying, problem };
  startSender();
  // Online: the key the numbers are sealed to and the clock's offset, kept for when the network drops.
  onMount(() => {
    prepareForOffline();
    void registerConsoleWorker().catch(() => undefined);
  });
  let doneTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(doneTimer));

  const open = () => r().status === "open" && r().channels.includes("session");

  const poll = createPoll({
    key: () => r().id,
    everyMs: POLL_MS,
    timeoutMs: POLL_TIMEOUT_MS,
    loaded: () => true,
    read: async (roundId, signal) => (await votingApi.round(roundId, signal)).turnout,
  });
  // Counters only grow: a slow poll never rolls the board back, nor takes back this table's last ballot.
  createEffect(
    on(poll.latest, (next) => {
      if (!next) return;
      setTurnout((c) => ({ ballots: Math.max(c.ballots, next.ballots), online: Math.max(c.online, next.online), session: Math.max(c.session, next.session) }));
    }),
  );

  // Each step starts at its heading (the tablet changes hands: a screen reader user hears where they are).
  createEffect(on(step, () => queueMicrotask(() => document.getElementById("table-step-h")?.focus()), { defer: true }));

  /** The next person: everything about the previous one goes, from the signals and so from the page. */
  const reset = () => {
    clearTimeout(doneTimer);
    batch(() => {
      setProblem(undefined);
      setSavedOnly(false);
      entry.clear();
      entry.setMode("phone");
      setSelected([]);
      setReceipt(undefined);
      setRefusal(undefined);
      setStep("who");
    });
  };

  const whoNext = (e: SubmitEvent) => {
    e.preventDefault();
    const p = entry.read();
    if ("missing" in p) return entry.fail(p.missing, t(REQUIRED[p.missing]));
    entry.clearError();
    setStep(selected().length > 0 ? "review" : "choose");
  };

  const cast = async () => {
    const p = entry.read();
    if (pending() || "missing" in p) return;
    batch(() => {
      setPending(true);
      setProblem(undefined);
    });
    try {
      let item;
      try {
        item = await saveBallot(s().id, r().id, p, [...selected()]);
      } catch (err) {
        // Not saved (no sealing key on a tablet never made ready, storage refused): nothing was taken.
        setProblem(err instanceof Error ? err.message : String(err));
        return;
      }
      const res = await attempt(item.key, { delays: [400, 800], onRetry: setRetrying });
      if (res.kind === "refused") {
        await withdraw(item.key);
        refuse(res.error, "phone" in p);
        return;
      }
      const receipt = res.kind === "recorded" ? res.answer.receipt : undefined;
      batch(() => {
        // The number and the choices go at once; only the receipt stays, until the next person.
        entry.clear();
        setSelected([]);
        setReceipt(receipt);
        setSavedOnly(res.kind !== "recorded");
        setServed((n) => n + 1);
        if (res.kind === "recorded") setTurnout((c) => ({ ...c, ballots: c.ballots + 1, session: c.session + 1 }));
        setStep("done");
      });
      doneTimer = setTimeout(reset, DONE_MS);
    } finally {
      batch(() => {
        setPending(false);
        setRetrying(0);
      });
    }
  };

  /** A refusal in front of the person: back to a field the server could not read, or the refusal screen. */
  const refuse = (err: ApiError, typedPhone: boolean) => {
    const message = err.message;
    const code = err.code;
    const signIn = err.status === 401;
    // The server reads the sealed value; its refusal belongs to the field the person typed.
    const field = err.field === "sealed" ? (typedPhone ? "phone" : "name") : err.field;
    if (isPersonField(field)) {
      // A number the server cannot read: back to it, the choices kept.
      entry.fail(field, message, false);
      setStep("who");
      return;
    }
    const kind: Refusal["kind"] = code === "already_voted" ? "already" : code === "not_checked_in" ? "checkin" : CLOSED.includes(code) ? "closed" : "error";
    if (kind === "error" && !signIn) return void setProblem(message); // shown on the review step
    batch(() => {
      entry.clear();
      setSelected([]);
      setRefusal({ kind, message, signIn });
      setStep("refused");
    });
  };

  const steps = () => [t("table.step.who"), t("vote.step.choose"), t("vote.step.review"), t("vote.step.done")];

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
          <LiveBoard
            id="table-live-h"
            label={t("table.liveLabel")}
            counts={[
              { label: t("table.servedHere"), value: served(), testId: "count-served" },
              { label: t("table.atSessions"), value: turnout().session, testId: "count-session-ballots" },
              { label: t("table.allBallots"), value: turnout().ballots, testId: "count-ballots" },
            ]}
          />
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
          <div class="table-card" aria-busy={write.pending() ? "true" : "false"}>
            <div class="table-card-top">
              <Show when={step() !== "refused"} fallback={<span />}>
                <Steps steps={steps()} current={STEP_INDEX[step()]} label={t("vote.stepsLabel")} />
              </Show>
              <Show when={step() !== "done" && step() !== "refused"}>
                <button type="button" class="btn btn-tertiary table-cancel" onClick={reset} disabled={write.pending()}>
                  {t("table.cancel")}
                </button>
              </Show>
            </div>
            <Switch>
              <Match when={step() === "who"}>
                <WhoStep entry={entry} onNext={whoNext} />
              </Match>
              <Match when={step() === "choose"}>
                <ChooseStep round={r()} selected={selected()} setSelected={setSelected} onBack={() => setStep("who")} onNext={() => setStep("review")} />
              </Match>
              <Match when={step() === "review"}>
                <ReviewStep round={r()} selected={selected()} write={write} onCast={cast} onBack={() => setStep("choose")} />
              </Match>
              <Match when={step() === "done"}>
                <Done receipt={receipt()} savedOnly={savedOnly()} onNext={reset} />
              </Match>
              <Match when={step() === "refused"}>
                <Show when={refusal()}>{(f) => <Refused refusal={f()} sessionId={s().id} roundId={r().id} onNext={reset} />}</Show>
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
