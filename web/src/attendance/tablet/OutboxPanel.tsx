import { createMemo, createSignal, For, Show } from "solid-js";
import { formatClock } from "../../app/format.js";
import { Icon } from "../../app/ui.js";
import { countsFor, drain, isUnsent, items } from "./outbox.js";
import { applyUpdate, updateReady } from "./pwa.js";
import { t } from "./strings.js";

const SHOWN = 8;

/**
 * The console's outbox for one session: "this tablet: 27 saved, 27 recorded", each recent item's
 * state (never who), "send now", and the new version's prompt, which applies only when nothing
 * is unsent or being typed.
 */
export function OutboxPanel(props: { sessionId: string }) {
  const mine = createMemo(() => items().filter((i) => i.sessionId === props.sessionId));
  const counts = () => countsFor(items(), props.sessionId);
  const waitsForSignIn = () => mine().some((i) => isUnsent(i) && i.waitsForSignIn);
  const [sending, setSending] = createSignal(false);
  const sendNow = async () => {
    setSending(true);
    try {
      await drain({ force: true });
    } finally {
      setSending(false);
    }
  };
  return (
    <section class="recent-box outbox" aria-labelledby="outbox-h" data-testid="outbox">
      <h2 id="outbox-h" class="mini-title">
        {t("outbox.title")}
      </h2>
      <p data-testid="outbox-summary">
        {t("outbox.summary", { saved: counts().saved, recorded: counts().recorded })}
        <Show when={counts().pending > 0}> · {t("outbox.pending", { n: counts().pending })}</Show>
        <Show when={counts().attention > 0}> · {t("outbox.attention", { n: counts().attention })}</Show>
      </p>
      <Show when={waitsForSignIn()}>
        <p class="field-error" role="status">
          <Icon name="warning" size={20} />
          <span>{t("outbox.signIn")}</span>
        </p>
      </Show>
      <Show when={mine().length > 0} fallback={<p class="muted">{t("outbox.empty")}</p>}>
        <ol class="recent-list" data-testid="outbox-list">
          <For each={[...mine()].reverse().slice(0, SHOWN)}>
            {(i) => (
              <li class="recent" data-state={i.state} data-kind={i.kind}>
                <span class="recent-kind">{t(`outbox.kind.${i.kind}`)}</span>
                <span>{t(`outbox.state.${i.state}`)}</span>
                <Show when={i.answer}>{(a) => <span>{t(`outbox.outcome.${a().outcome}`, { receipt: a().receipt ?? "" })}</span>}</Show>
                <Show when={i.problem}>{(p) => <span>{p().message}</span>}</Show>
                <span class="recent-time">{formatClock(new Date(i.savedAt))}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <button type="button" class="btn btn-secondary" onClick={sendNow} disabled={sending()}>
        <Icon name="sync" size={20} />
        {t("outbox.sendNow")}
      </button>
      <Show when={updateReady()}>
        <p role="status">{t("outbox.update")}</p>
        <button type="button" class="btn btn-tertiary" disabled={counts().pending > 0} onClick={() => void applyUpdate(items().filter(isUnsent).length)}>
          {t("outbox.applyUpdate")}
        </button>
      </Show>
    </section>
  );
}
