import "./tablet/tablet.css";
import { createAsync, useParams, useSearchParams } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, onMount, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatDateTime } from "../app/format.js";
import { createPoll } from "../app/poll.js";
import { Icon, PageLoadError, PageTitle } from "../app/ui.js";
import { AgendaCapture, agendaTitle } from "../proposals/AgendaCapture.js";
import { SessionRoundLinks } from "../voting/table/SessionRoundLinks.js";
import { attendanceApi, type CheckInResult } from "./api.js";
import { CheckInPanel } from "./CheckInPanel.js";
import { getForumStats } from "./queries.js";
import { t } from "./strings.js";
import { LiveBoard } from "./tablet/LiveBoard.js";
import { consoleForum, consoleSession } from "./tablet/model.js";
import { prepareForOffline, report, startSender } from "./tablet/outbox.js";
import { OutboxPanel } from "./tablet/OutboxPanel.js";
import { ReadyCheck } from "./tablet/ReadyCheck.js";
import { registerConsoleWorker } from "./tablet/pwa.js";

const POLL_MS = 10_000;
const POLL_TIMEOUT_MS = 8_000;

/** The console's two jobs: checking people in at the door, writing down the agendas raised at the tables. */
type Tab = "checkin" | "agenda";
const TABS: Tab[] = ["checkin", "agenda"];

interface Counts {
  session: number;
  forumAttendances: number;
  forumParticipants: number;
}

/**
 * `/console/:sessionId`: the tablet at the venue's door. The check-in tab (CheckInPanel) and the
 * counts, live; a second tab (`?mode=agenda`) captures the agendas raised at the tables. Both tabs
 * stay mounted, so switching keeps what is being typed in either.
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
  const session = createAsync(() => consoleSession(params.sessionId!));
  // The outbox's sender runs while a console screen is open; the service worker is registered here.
  onMount(() => {
    startSender();
    void registerConsoleWorker().catch(() => undefined);
    // Online: the key numbers are sealed to and the clock's offset, kept for when the network drops.
    prepareForOffline();
    // Asks the browser not to evict the outbox under storage pressure (granted or not, it is tried).
    void navigator.storage?.persist?.().catch(() => false);
    void report(params.sessionId!).catch(() => undefined);
  });
  const forum = createAsync(async () => {
    const s = session();
    return s ? consoleForum(s) : undefined;
  });
  const initialStats = createAsync(async () => {
    const s = session();
    // Offline, the board starts from the stored session's count.
    return s ? getForumStats(s.forumId).catch((err) => (err instanceof ApiError && err.status === 0 ? undefined : Promise.reject(err))) : undefined;
  });

  // The counts from check-in answers; the polls and the first load are read alongside.
  const [answered, setAnswered] = createSignal<Counts>({ session: 0, forumAttendances: 0, forumParticipants: 0 });
  const poll = createPoll<Counts>({
    key: () => params.sessionId!,
    everyMs: POLL_MS,
    timeoutMs: POLL_TIMEOUT_MS,
    loaded: () => session() !== undefined,
    read: async (sessionId, signal) => {
      const [fresh, stats] = await Promise.all([attendanceApi.session(sessionId, signal), attendanceApi.forumStats(session()!.forumId, signal)]);
      return { session: fresh.attendances, forumAttendances: stats.attendances, forumParticipants: stats.participants };
    },
  });
  const onResult = (r: CheckInResult) =>
    setAnswered((c) => ({
      session: Math.max(c.session, r.sessionAttendances),
      forumAttendances: Math.max(c.forumAttendances, r.forumAttendances),
      forumParticipants: Math.max(c.forumParticipants, r.forumParticipants),
    }));
  /**
   * What the board shows. Counters only grow, so the largest reading is the newest (a slow poll
   * never rolls a count back). Read only inside the ErrorBoundary below: a resource that failed to
   * load throws when read.
   */
  const shown = (): Counts => {
    const first = initialStats();
    const loaded = { session: session()?.attendances ?? 0, forumAttendances: first?.attendances ?? 0, forumParticipants: first?.participants ?? 0 };
    const readings = [answered(), poll.latest(), loaded];
    const most = (k: keyof Counts) => Math.max(...readings.map((c) => c?.[k] ?? 0));
    return { session: most("session"), forumAttendances: most("forumAttendances"), forumParticipants: most("forumParticipants") };
  };
  const title = () => (tab() === "agenda" ? agendaTitle() : t("console.title"));

  return (
    <ErrorBoundary fallback={(err, reset) => <div class="inner page"><PageLoadError error={err} retry={reset} /></div>}>
      <Show when={session()}>
        {(s) => (
          <div class="console">
            <PageTitle title={`${title()}: ${s().title}`} />
            <div class="console-head">
              <div class="inner console-head-row">
                <div class="console-id">
                  <p class="console-forum">{forum()?.title ?? ""}</p>
                  <h1 class="console-title">
                    <span class="visually-hidden">{title()}: </span>
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
                <LiveBoard
                  id="live-h"
                  label={t("console.liveLabel")}
                  counts={[
                    { label: t("console.sessionCount"), value: shown().session, testId: "count-session" },
                    { label: t("console.forumParticipants"), value: shown().forumParticipants, testId: "count-participants" },
                    { label: t("console.forumAttendances"), value: shown().forumAttendances, testId: "count-attendances" },
                  ]}
                />
              </div>
            </div>

            <div class="inner">
              <SessionRoundLinks forumId={s().forumId} sessionId={s().id} />
              <ReadyCheck session={s()} />
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
                <CheckInPanel session={s()} onResult={onResult} />
              </div>
              <OutboxPanel sessionId={s().id} />
              <div role="tabpanel" id="panel-agenda" aria-labelledby="tab-agenda" hidden={tab() !== "agenda"}>
                <AgendaCapture session={s()} fields={forum()?.fields} active={tab() === "agenda"} />
              </div>
            </div>
          </div>
        )}
      </Show>
    </ErrorBoundary>
  );
}
