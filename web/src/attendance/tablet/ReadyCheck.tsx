import { createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { formatClock } from "../../app/format.js";
import { Icon } from "../../app/ui.js";
import { getMe } from "../../accounts/queries.js";
import type { SessionInfo } from "../api.js";
import { makeReady, READY_STEPS, type ReadyStep } from "./model.js";
import { getMeta, readModel } from "./store.js";
import { t, type Key } from "./strings.js";

/** A session's console is expected to run this long after it starts (the sign-in must outlast it). */
const SESSION_HOURS = 4;
/** A clock offset measured longer ago than this is measured again. */
const CLOCK_FRESH_MS = 12 * 3_600_000;

type Tone = "ok" | "warn" | "fail";
interface Check {
  id: "installed" | "storage" | "worker" | "model" | "key" | "clock" | "signIn";
  tone: Tone;
  text: string;
}

/** "3시간 2분" / "40초": an offset in words. */
function spoken(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return t("ready.hm", { h, m });
  if (m > 0) return t("ready.m", { m });
  return t("ready.s", { s });
}

/** What the pre-session check reads: each line green, or a plain instruction. */
async function readChecks(session: SessionInfo): Promise<Check[]> {
  const checks: Check[] = [];
  const standalone = matchMedia?.("(display-mode: standalone)").matches || (navigator as { standalone?: boolean }).standalone === true;
  checks.push({ id: "installed", tone: standalone ? "ok" : "warn", text: t(standalone ? "ready.installed.ok" : "ready.installed.no") });

  const persisted = (await navigator.storage?.persisted?.().catch(() => false)) ?? false;
  checks.push({ id: "storage", tone: persisted ? "ok" : "warn", text: t(persisted ? "ready.storage.ok" : "ready.storage.no") });

  const worker = !("serviceWorker" in navigator) ? "none" : navigator.serviceWorker.controller ? "active" : "reload";
  checks.push({ id: "worker", tone: worker === "active" ? "ok" : "fail", text: t(worker === "active" ? "ready.worker.ok" : worker === "none" ? "ready.worker.none" : "ready.worker.reload") });

  const model = await readModel(session.id).catch(() => undefined);
  checks.push(
    model?.forum
      ? { id: "model", tone: "ok", text: t("ready.model.ok", { n: model.rounds.filter((r) => r.status === "open").length, at: formatClock(new Date(model.storedAt)) }) }
      : { id: "model", tone: "fail", text: t("ready.model.no") },
  );

  const key = await getMeta("sealingKey").catch(() => undefined);
  checks.push(key ? { id: "key", tone: "ok", text: t("ready.key.ok") } : { id: "key", tone: "fail", text: t("ready.key.no") });

  const clock = await getMeta("clock").catch(() => undefined);
  if (!clock || Date.now() - clock.at > CLOCK_FRESH_MS) checks.push({ id: "clock", tone: "fail", text: t("ready.clock.no") });
  else {
    const words = Math.abs(clock.offsetMs) < 1000 ? t("ready.clock.same") : t(clock.offsetMs > 0 ? "ready.clock.ahead" : "ready.clock.behind", { d: spoken(clock.offsetMs) });
    checks.push({ id: "clock", tone: "ok", text: t("ready.clock.ok", { words, at: formatClock(new Date(clock.at)) }) });
  }

  const me = await getMe().catch(() => null);
  const until = Math.max(Date.now(), Date.parse(session.startsAt) || 0) + SESSION_HOURS * 3_600_000;
  if (!me?.expiresAt) checks.push({ id: "signIn", tone: "warn", text: t("ready.signIn.unknown") });
  else {
    const ends = new Date(me.expiresAt);
    checks.push(
      ends.getTime() >= until
        ? { id: "signIn", tone: "ok", text: t("ready.signIn.ok", { at: formatClock(ends) }) }
        : { id: "signIn", tone: "fail", text: t("ready.signIn.short", { at: formatClock(ends) }) },
    );
  }
  return checks;
}

const ICON = { ok: "check", warn: "warning", fail: "error" } as const;
const STEP_LABEL: Record<ReadyStep, Key> = {
  session: "ready.step.session",
  rounds: "ready.step.rounds",
  key: "ready.step.key",
  clock: "ready.step.clock",
  storage: "ready.step.storage",
};

/**
 * The console's pre-session check and its "make ready for offline" button: what the tablet needs
 * to run the session with no network (installed, storage persisted, service worker active, the
 * read model stored, the sealing key, the clock's offset, a sign-in that outlasts the session),
 * each green or a plain instruction. Open while something is missing.
 */
export function ReadyCheck(props: { session: SessionInfo }) {
  const [checks, { refetch }] = createResource(() => props.session, readChecks);
  const [steps, setSteps] = createStore<Partial<Record<ReadyStep, "running" | "done" | "failed">>>({});
  const [running, setRunning] = createSignal(false);
  const missing = () => (checks() ?? []).filter((c) => c.tone === "fail").length;
  const again = () => void refetch();
  onMount(() => navigator.serviceWorker?.addEventListener("controllerchange", again));
  onCleanup(() => navigator.serviceWorker?.removeEventListener("controllerchange", again));

  const prepare = async () => {
    setRunning(true);
    setSteps({ session: undefined, rounds: undefined, key: undefined, clock: undefined, storage: undefined });
    try {
      await makeReady(props.session.id, (step, state) => setSteps(step, state));
    } finally {
      setRunning(false);
      void refetch();
    }
  };

  return (
    <details class="recent-box ready" data-testid="ready" data-ready={checks() ? (missing() === 0 ? "true" : "false") : undefined} open={checks() !== undefined && missing() > 0}>
      <summary class="mini-title">
        {t("ready.title")}
        <Show when={checks()}>
          {" · "}
          <span data-testid="ready-summary">{missing() === 0 ? t("ready.allSet") : t("ready.missing", { n: missing() })}</span>
        </Show>
      </summary>
      <p class="muted">{t("ready.intro")}</p>
      <button type="button" class="btn btn-primary" onClick={prepare} disabled={running()} aria-describedby="ready-progress">
        <Show when={running()} fallback={<Icon name="sync" size={20} />}>
          <span class="spinner spinner-light" aria-hidden="true" />
        </Show>
        {running() ? t("ready.preparing") : t("ready.prepare")}
      </button>
      <ol id="ready-progress" class="ready-steps" role="status" aria-live="polite">
        <For each={READY_STEPS.filter((s) => steps[s])}>
          {(s) => (
            <li data-step={s} data-state={steps[s]}>
              <Icon name={steps[s] === "done" ? "check" : steps[s] === "failed" ? "warning" : "sync"} size={18} />
              <span>{t(STEP_LABEL[s])}</span>
              {/* The browser may refuse persistent storage whatever the network: not a connection problem. */}
              <span class="muted">{s === "storage" && steps[s] === "failed" ? t("ready.storageRefused") : t(`ready.state.${steps[s]!}`)}</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={checks()}>
        {(list) => (
          <ul class="ready-checks" data-testid="ready-checks">
            <For each={list()}>
              {(c) => (
                <li data-check={c.id} data-tone={c.tone} class={`ready-check ready-${c.tone}`}>
                  <Icon name={ICON[c.tone]} size={20} />
                  <span class="ready-check-name">{t(`ready.check.${c.id}`)}</span>
                  <span>{c.text}</span>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </details>
  );
}
