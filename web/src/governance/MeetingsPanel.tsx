import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, Show, Suspense } from "solid-js";
import { createWrite } from "../app/write.js";
import { Icon, LoadError, Loading } from "../app/ui.js";
import { governanceApi, type BodyView, type MeetingInfo, type MeetingInput } from "./api.js";
import { MeetingForm } from "./MeetingForm.js";
import { MeetingTable } from "./MeetingLog.js";
import { getDashboard, getLog, getMeetings } from "./queries.js";
import { t } from "./strings.js";

/** What a change to the log changes: the body's log, the dashboard's actuals, the report's dated log. */
const refresh = (bodyId: string) => revalidate([getMeetings.keyFor(bodyId), getDashboard.key, getLog.key]);

/**
 * A body's meeting log for staff: record a meeting (one Idempotency-Key per meeting, so a retry
 * after a lost answer records it once), correct one, delete one recorded by mistake (asked first).
 * The dashboard counts its actuals from this log.
 */
export function MeetingsPanel(props: { body: BodyView }) {
  const meetings = createAsync(() => getMeetings(props.body.id));
  const [done, setDone] = createSignal<string>();
  const [editing, setEditing] = createSignal<string>();
  const [confirming, setConfirming] = createSignal<string>();
  const [formKey, setFormKey] = createSignal(0);
  const [deleteError, setDeleteError] = createSignal<string>();
  const editingOf = (list: MeetingInfo[]) => list.find((m) => m.id === editing());
  let editHeading: HTMLHeadingElement | undefined;
  let recordHeading: HTMLHeadingElement | undefined;

  const write = createWrite((input: MeetingInput, key, signal) => governanceApi.recordMeeting(props.body.id, input, key, signal), { lost: () => t("meetings.lost") });

  const remove = async (m: MeetingInfo) => {
    setDeleteError(undefined);
    try {
      await governanceApi.deleteMeeting(m.id);
      setConfirming(undefined);
      await refresh(props.body.id);
      setDone(t("meetings.deleted", { title: m.title }));
      recordHeading?.focus();
    } catch (err) {
      setDeleteError(err instanceof Error ? err.message : String(err));
    }
  };

  const actions = (m: MeetingInfo) => (
    <Show
      when={confirming() === m.id}
      fallback={
        <span class="row-actions">
          <button
            type="button"
            class="btn btn-tertiary btn-small"
            onClick={() => {
              setDone(undefined);
              setEditing(m.id);
              queueMicrotask(() => editHeading?.focus());
            }}
          >
            {t("meetings.edit")}
            <span class="visually-hidden">: {m.title}</span>
          </button>
          <button type="button" class="btn btn-tertiary btn-small btn-danger-text" onClick={() => setConfirming(m.id)}>
            {t("meetings.delete")}
            <span class="visually-hidden">: {m.title}</span>
          </button>
        </span>
      }
    >
      <span class="confirm-box" role="group" aria-label={t("meetings.confirmLabel", { title: m.title })}>
        <span>{t("meetings.confirm")}</span>
        <button type="button" class="btn btn-primary btn-danger btn-small" onClick={() => remove(m)}>
          {t("meetings.confirmDelete")}
        </button>
        <button type="button" class="btn btn-tertiary btn-small" onClick={() => setConfirming(undefined)}>
          {t("form.cancel")}
        </button>
        <Show when={deleteError()}>
          <span class="field-error" role="alert">
            {deleteError()}
          </span>
        </Show>
      </span>
    </Show>
  );

  return (
    <section class="section" aria-labelledby="meetings-h">
      <h2 id="meetings-h" class="section-title">
        {t("meetings.title")}
      </h2>
      <p class="status-line" role="status" data-testid="meetings-status">
        <Show when={done()}>
          <Icon name="check" size={18} />
          <span>{done()}</span>
        </Show>
      </p>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={meetings()}>
            {(list) => (
              <>
                <Show when={list().length > 0} fallback={<p class="empty">{t("bodies.noMeetings")}</p>}>
                  <MeetingTable meetings={[...list()].reverse()} caption={t("bodies.logCaption", { name: props.body.name })} actions={actions} testId="staff-meetings" />
                </Show>
                <Show when={editingOf(list())} keyed>
                  {(m) => (
                    <div class="edit-block">
                      <h3 class="sub-title" tabindex="-1" ref={editHeading}>
                        {t("meetings.editTitle", { title: m.title })}
                      </h3>
                      <MeetingForm
                        idPrefix="meeting-edit"
                        body={props.body}
                        meeting={m}
                        submitLabel={t("meetings.save")}
                        onCancel={() => setEditing(undefined)}
                        onSubmit={async (input) => {
                          const saved = await governanceApi.updateMeeting(m.id, input);
                          setEditing(undefined);
                          await refresh(props.body.id);
                          setDone(t("meetings.saved", { title: saved.title }));
                        }}
                      />
                    </div>
                  )}
                </Show>
              </>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
      <h3 class="sub-title" tabindex="-1" ref={recordHeading}>
        {t("meetings.record")}
      </h3>
      <Show when={write.retrying() > 0}>
        <p class="muted" role="status">
          {t("meetings.retrying", { n: write.retrying() })}
        </p>
      </Show>
      {/* A new form (fresh fields) after each meeting recorded. */}
      <Show when={formKey() + 1} keyed>
        <MeetingForm
          idPrefix="meeting-new"
          body={props.body}
          submitLabel={t("meetings.recordSubmit")}
          pending={write.pending()}
          onSubmit={async (input) => {
            const saved = await write.run(input);
            await refresh(props.body.id);
            setDone(t("meetings.recorded", { title: saved.title }));
            setFormKey((k) => k + 1);
            queueMicrotask(() => recordHeading?.focus());
          }}
        />
      </Show>
    </section>
  );
}
