import "./tablet/tablet.css";
import { A } from "@solidjs/router";
import { batch, createSignal, For, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatClock } from "../app/format.js";
import { isTransient } from "../app/retry.js";
import { Icon, type IconName } from "../app/ui.js";
import { createWrite } from "../app/write.js";
import { attendanceApi, type CheckInInput, type CheckInResult, type SessionInfo } from "./api.js";
import { outcomeOf, type Outcome } from "./checkin.js";
import { t, type Key } from "./strings.js";
import { createPersonEntry, isPersonField, type Mode, type PersonField } from "./tablet/entry.js";
import { Keypad, PersonEntry } from "./tablet/PersonEntry.js";

const RECENT = 6;

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

const REQUIRED: Record<PersonField, Key> = { phone: "console.phoneRequired", name: "console.nameRequired", birthDate: "console.birthRequired" };

/**
 * The console's check-in tab: one big field (phone, or name + birth date), the keypad, one big
 * button; an unmistakable answer after each person, and the last few answers (never who).
 * A lost answer is re-sent with the person's Idempotency-Key, so nobody is counted twice.
 */
export function CheckInPanel(props: { session: SessionInfo; onResult: (r: CheckInResult) => void }) {
  const [feedback, setFeedback] = createSignal<Feedback>();
  const [recent, setRecent] = createSignal<{ kind: Outcome; at: Date; seq: number }[]>([]);
  let seq = 0;
  const write = createWrite((input: CheckInInput, key, signal) => attendanceApi.checkIn(props.session.id, input, key, signal), {
    lost: () => t("console.networkFailed"),
    onRetry: (attempt) => setFeedback({ kind: "retrying", attempt, seq: ++seq }),
  });
  const entry = createPersonEntry({ disabled: write.pending });

  const applyResult = (r: CheckInResult) => {
    const kind = outcomeOf(r);
    const at = new Date();
    const n = ++seq;
    batch(() => {
      setFeedback({ kind, at, seq: n });
      setRecent((list) => [{ kind, at, seq: n }, ...list].slice(0, RECENT));
      props.onResult(r);
      // The previous person's number or name must not stay on screen.
      entry.clear();
    });
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (write.pending()) return;
    const person = entry.read();
    if ("missing" in person) return entry.fail(person.missing, t(REQUIRED[person.missing]));
    const typed = document.activeElement instanceof HTMLInputElement;
    entry.clearError();
    try {
      applyResult(await write.run(person));
      if (typed) entry.focus(entry.mode() === "phone" ? "phone" : "name");
    } catch (err) {
      const message = write.problem() ?? "";
      setFeedback({ kind: "error", message, at: new Date(), seq: ++seq, signIn: err instanceof ApiError && err.status === 401 });
      if (!isTransient(err) && err instanceof ApiError && isPersonField(err.field)) entry.fail(err.field, message);
    }
  };

  return (
    <>
      <form class="checkin-form" onSubmit={submit} novalidate aria-busy={write.pending() ? "true" : "false"}>
        <div class="feedback-slot" role="status" aria-live="polite" aria-atomic="true">
          <Show when={feedback()} keyed fallback={<ReadyBanner mode={entry.mode()} />}>
            {(f) => <FeedbackBanner feedback={f} sessionId={props.session.id} />}
          </Show>
        </div>
        <PersonEntry entry={entry} radioName="mode" phoneHint={t("console.phoneHint")} />
        <Keypad entry={entry} />
        <button type="submit" class="btn btn-primary btn-xl btn-block submit-checkin" disabled={write.pending()}>
          <Show when={write.pending()} fallback={t("console.submit")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {write.retrying() > 0 ? t("console.retrying", { n: write.retrying() }) : t("console.pending")}
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
          <A href={`/forums/${props.session.forumId}`}>{t("console.publicPage")}</A>
        </p>
      </div>
    </>
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
                <A href={`/login?next=${encodeURIComponent(`/console/${props.sessionId}`)}`}>{t("common.signInAgain")}</A>
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
