import { createEffect, createSignal, Match, on, onMount, Show, Switch } from "solid-js";
import { Alert, Loading } from "../../app/ui.js";
import { votingApi, type BallotCast, type RoundView } from "../api.js";
import { t } from "../strings.js";
import { Steps } from "../voting.js";
import { ChooseStep } from "./ChooseStep.js";
import { CodeStep } from "./CodeStep.js";
import { DoneStep, EndActions } from "./DoneStep.js";
import { PhoneStep, type Sent } from "./PhoneStep.js";
import { ReviewStep } from "./ReviewStep.js";

type Step = "checking" | "phone" | "code" | "choose" | "review" | "done" | "already" | "refused";

const STEP_INDEX: Record<Step, number> = { checking: 0, phone: 0, code: 0, choose: 1, review: 2, done: 3, already: 3, refused: 3 };

/**
 * The online vote, step by step: the number and its code (skipped while the voter cookie is
 * good), the agendas, the review and the ballot, then its receipt. A number that has voted in the
 * round already is told so before choosing anything.
 */
export function OnlineVote(props: { round: RoundView }) {
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
