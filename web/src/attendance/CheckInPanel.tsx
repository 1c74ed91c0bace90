import "./tablet/tablet.css";
import { A } from "@solidjs/router";
import { batch, createSignal, For, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatClock } from "../app/format.js";
import { Icon, type IconName } from "../app/ui.js";
import type { CheckInResult, SessionInfo } from "./api.js";
import { outcomeOf, type Outcome } from "./checkin.js";
import { t, type Key } from "./strings.js";
import { createPersonEntry, isPersonField, type Mode, type PersonField } from "./tablet/entry.js";
import { attempt, saveCheckIn, withdraw } from "./tablet/outbox.js";
import { Keypad, PersonEntry } from "./tablet/PersonEntry.js";
import { t as tt } from "./tablet/strings.js";

const RECENT = 6;

type Feedback =
  | { kind: Outcome; at: Date; seq: number }
  | { kind: "error"; message: string; at: Date; seq: number; signIn?: boolean }
  | { kind: "retrying"; attempt: number; seq: number }
  | { kind: "saved"; at: Date; seq: number; signIn?: boolean };

const look: Record<Outcome | "error" | "retrying" | "saved", { tone: string; icon: IconName; title?: Key; detail?: Key }> = {
  new: { tone: "success", icon: "star", title: "console.new", detail: "console.newDetail" },
  returning: { tone: "info", icon: "check", title: "console.returning", detail: "console.returningDetail" },
  repeat: { tone: "warning", icon: "warning", title: "console.repeat", detail: "console.repeatDetail" },
  error: { tone: "danger", icon: "error", title: "console.error" },
  retrying: { tone: "neutral", icon: "sync" },
  saved: { tone: "neutral", icon: "check" },
};

/** In-page retries of a check-in just saved (then the outbox's sender takes over). */
const IN_PAGE_DELAYS_MS = [400, 800];

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
  const [pending, setPending] = createSignal(false);
  const [retrying, setRetrying] = createSignal(0);
  const entry = createPersonEntry({ disabled: pending });

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

  /**
   * The person is saved on the tablet (sealed, with the check-in's Idempotency-Key) before anything
   * is sent; then sent at once, with a short retry. Not answered yet: it stays in the outbox, sent
   * when the network allows, and the screen moves on to the next person.
   */
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (pending()) return;
    const person = entry.read();
    if ("missing" in person) return entry.fail(person.missing, t(REQUIRED[person.missing]));
    const typed = document.activeElement instanceof HTMLInputElement;
    entry.clearError();
    setPending(true);
    try {
      let item;
      try {
        item = await saveCheckIn(props.session.id, person);
      } catch (err) {
        setFeedback({ kind: "error", message: err instanceof Error ? err.message : String(err), at: new Date(), seq: ++seq });
        return;
      }
      setFeedback({ kind: "saved", at: new Date(), seq: ++seq });
      const r = await attempt(item.key, {
        delays: IN_PAGE_DELAYS_MS,
        onRetry: (n) => {
          setRetrying(n);
          setFeedback({ kind: "retrying", attempt: n, seq: ++seq });
        },
      });
      if (r.kind === "recorded") {
        applyResult(r.raw as CheckInResult);
      } else if (r.kind === "refused") {
        // Refused in front of the person: shown here to correct, not kept in the outbox.
        await withdraw(item.key);
        setFeedback({ kind: "error", message: r.error.message, at: new Date(), seq: ++seq });
        // The server reads the sealed value; its refusal belongs to the field the person typed.
        const field = r.error.field === "sealed" ? ("phone" in person ? "phone" : "name") : r.error.field;
        if (isPersonField(field)) entry.fail(field, r.error.message);
        return;
      } else {
        batch(() => {
          setFeedback({ kind: "saved", at: new Date(), seq: ++seq, signIn: r.kind === "signin" });
          entry.clear();
        });
      }
      if (typed) entry.focus(entry.mode() === "phone" ? "phone" : "name");
    } finally {
      batch(() => {
        setPending(false);
        setRetrying(0);
      });
    }
  };

  return (
    <>
      <form class="checkin-form" onSubmit={submit} novalidate aria-busy={pending() ? "true" : "false"}>
        <div class="feedback-slot" role="status" aria-live="polite" aria-atomic="true">
          <Show when={feedback()} keyed fallback={<ReadyBanner mode={entry.mode()} />}>
            {(f) => <FeedbackBanner feedback={f} sessionId={props.session.id} />}
          </Show>
        </div>
        <PersonEntry entry={entry} radioName="mode" phoneHint={t("console.phoneHint")} />
        <Keypad entry={entry} />
        <button type="submit" class="btn btn-primary btn-xl btn-block submit-checkin" disabled={pending()}>
          <Show when={pending()} fallback={t("console.submit")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {retrying() > 0 ? t("console.retrying", { n: retrying() }) : t("console.pending")}
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
        {f.kind === "saved" ? (
          <>
            <p class="feedback-title">{tt("outbox.state.saved")}</p>
            <p class="feedback-detail">
              {t("console.savedDetail")} <span class="feedback-time">{formatClock(f.at)}</span>
            </p>
            <Show when={f.signIn}>
              <p class="feedback-detail">
                <A href={`/login?next=${encodeURIComponent(`/console/${props.sessionId}`)}`}>{t("common.signInAgain")}</A>
              </p>
            </Show>
          </>
        ) : f.kind === "retrying" ? (
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
