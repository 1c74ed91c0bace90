import "../attendance/tablet/tablet.css";
import { A } from "@solidjs/router";
import { batch, createEffect, createSignal, For, on, Show } from "solid-js";
import { formatClock, formatDateTime } from "../app/format.js";
import { createFormErrors, Field, Icon, SelectField, TextArea } from "../app/ui.js";
import { createWrite } from "../app/write.js";
import type { SessionInfo } from "../attendance/api.js";
import { proposalsApi, type AgendaInput } from "./api.js";
import { FieldBadge } from "./proposal.js";
import { t } from "./strings.js";

/** An agenda on this session's list: captured here (just now) or read back from the API. */
interface Agenda {
  id: string;
  title: string;
  field: string;
  table?: number;
  at: string;
}

type Feedback =
  | { kind: "saved"; title: string; table?: number; at: Date; seq: number }
  | { kind: "error"; message: string; seq: number }
  | { kind: "retrying"; attempt: number; seq: number };

/** The console tab's name, for the page title around the capture. */
export const agendaTitle = () => t("agenda.title");

/**
 * The facilitator's second job at a session: writing down the agendas raised at each table
 * (table number, field, title, a few lines). Sent like a check-in: one Idempotency-Key per
 * agenda, the same request re-sent after a network failure, so a shaky venue wifi never
 * records an agenda twice. The session's agendas are listed below, newest first.
 */
export function AgendaCapture(props: { session: SessionInfo; fields: string[] | undefined; active: boolean }) {
  const [table, setTable] = createSignal("");
  const [field, setField] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [body, setBody] = createSignal("");
  const [feedback, setFeedback] = createSignal<Feedback>();
  const [agendas, setAgendas] = createSignal<Agenda[]>([]);
  const [listFailed, setListFailed] = createSignal(false);
  const errors = createFormErrors({ table: "agenda-table", field: "agenda-field", title: "agenda-title", body: "agenda-body" });
  let seq = 0;
  const write = createWrite((input: AgendaInput, key, signal) => proposalsApi.captureAgenda(props.session.id, input, key, signal), {
    lost: () => t("agenda.networkFailed"),
    onRetry: (attempt) => setFeedback({ kind: "retrying", attempt, seq: ++seq }),
  });
  let titleInput: HTMLInputElement | undefined;

  const merge = (more: Agenda[]) =>
    setAgendas((list) => {
      const byId = new Map(list.map((a) => [a.id, a]));
      for (const a of more) byId.set(a.id, { ...byId.get(a.id), ...a });
      return [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    });

  /** This session's agendas as the API has them (captures are published at once). */
  const refresh = async () => {
    try {
      const page = await proposalsApi.proposals(props.session.forumId, { sessionId: props.session.id, limit: 100 });
      merge(page.items.map((p) => ({ id: p.id, title: p.title, field: p.field, table: p.table, at: p.createdAt })));
      setListFailed(false);
    } catch {
      setListFailed(true); // what this tablet captured is still listed
    }
  };
  // Loaded the first time the tab is opened, not with the check-in console.
  createEffect(on(() => props.active, (active, was) => active && !was && void refresh()));

  const submit = errors.submit(
    async () => {
      const input: AgendaInput = {
        title: title(),
        field: field(),
        ...(body().trim() ? { body: body() } : {}),
        ...(table().trim() ? { table: Number(table().trim()) } : {}),
      };
      const created = await write.run(input);
      const at = new Date();
      batch(() => {
        merge([{ id: created.id, title: input.title.trim(), field: input.field, table: input.table, at: at.toISOString() }]);
        setFeedback({ kind: "saved", title: input.title.trim(), table: input.table, at, seq: ++seq });
        // The table and field usually stay for the next agenda from the same table.
        setTitle("");
        setBody("");
      });
      titleInput?.focus();
      void refresh();
    },
    (err) => setFeedback({ kind: "error", message: write.problem() ?? (err instanceof Error ? err.message : String(err)), seq: ++seq }),
  );

  return (
    <>
    <div class="agenda">
      <form class="agenda-form" onSubmit={submit} novalidate aria-busy={errors.pending() ? "true" : "false"}>
        <div class="agenda-feedback" role="status" aria-live="polite" aria-atomic="true">
          <Show when={feedback()} keyed fallback={<AgendaReady />}>
            {(f) => <AgendaBanner feedback={f} />}
          </Show>
        </div>
        <div class="agenda-fields">
          <Field
            id="agenda-table"
            class="agenda-table"
            label={t("agenda.table")}
            hint={t("agenda.tableHint")}
            optional
            inputmode="numeric"
            autocomplete="off"
            maxLength={3}
            value={table()}
            onInput={(e) => setTable(e.currentTarget.value.replace(/[^\d]/g, ""))}
            error={errors.field("table")}
          />
          <SelectField
            id="agenda-field"
            class="agenda-field"
            label={t("agenda.field")}
            required
            value={field()}
            onChange={(e) => setField(e.currentTarget.value)}
            error={errors.field("field")}
          >
            <option value="">{t("propose.chooseField")}</option>
            <For each={props.fields ?? []}>
              {(f) => (
                <option value={f} selected={f === field()}>
                  {f}
                </option>
              )}
            </For>
          </SelectField>
        </div>
        <Field
          id="agenda-title"
          label={t("agenda.titleLabel")}
          hint={t("agenda.titleHint")}
          required
          maxLength={100}
          autocomplete="off"
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          error={errors.field("title")}
          counter={{ length: title().trim().length, min: 2, max: 100 }}
          ref={(el) => (titleInput = el)}
        />
        <TextArea
          id="agenda-body"
          label={t("agenda.body")}
          hint={t("agenda.bodyHint")}
          optional
          rows={3}
          maxLength={3000}
          value={body()}
          onInput={(e) => setBody(e.currentTarget.value)}
          error={errors.field("body")}
        />
        <button type="submit" class="btn btn-primary btn-xl btn-block" disabled={errors.pending()}>
          <Show when={errors.pending()} fallback={t("agenda.submit")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {write.retrying() > 0 ? t("agenda.retrying", { n: write.retrying() }) : t("agenda.sending")}
          </Show>
        </button>
      </form>

      <section class="agenda-captured" aria-labelledby="agenda-list-h">
        <h2 id="agenda-list-h" class="mini-title">
          {t("agenda.listTitle", { n: agendas().length })}
        </h2>
        <Show when={listFailed()}>
          <p class="muted">{t("agenda.listFailed")}</p>
        </Show>
        <Show when={agendas().length > 0} fallback={<p class="muted">{t("agenda.listEmpty")}</p>}>
          <ol class="agenda-list" data-testid="agenda-list">
            <For each={agendas()}>
              {(a) => (
                <li class="agenda-item">
                  <span class="agenda-table-chip">{a.table !== undefined ? t("proposal.table", { n: a.table }) : t("agenda.noTable")}</span>
                  <span class="agenda-item-title">{a.title}</span>
                  <FieldBadge field={a.field} />
                  <span class="agenda-time">
                    <time datetime={a.at}>{formatDateTime(a.at)}</time>
                  </span>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </div>
    <p class="agenda-foot">
      <A href={`/forums/${props.session.forumId}/proposals?source=session`}>{t("agenda.publicList")}</A>
    </p>
    </>
  );
}

function AgendaReady() {
  return (
    <div class="feedback feedback-ready">
      <Icon name="info" size={40} />
      <div class="feedback-text">
        <p class="feedback-title">{t("agenda.ready")}</p>
        <p class="feedback-detail">{t("agenda.readyDetail")}</p>
      </div>
    </div>
  );
}

function AgendaBanner(props: { feedback: Feedback }) {
  const f = props.feedback;
  if (f.kind === "retrying") {
    return (
      <div class="feedback feedback-neutral" data-agenda="retrying">
        <Icon name="sync" size={48} />
        <div class="feedback-text">
          <p class="feedback-title">{t("agenda.retrying", { n: f.attempt })}</p>
          <p class="feedback-detail">{t("agenda.retryingDetail")}</p>
        </div>
      </div>
    );
  }
  if (f.kind === "error") {
    return (
      <div class="feedback feedback-danger" data-agenda="error">
        <Icon name="error" size={48} />
        <div class="feedback-text">
          <p class="feedback-title">{t("agenda.error")}</p>
          <p class="feedback-detail">{f.message}</p>
        </div>
      </div>
    );
  }
  return (
    <div class="feedback feedback-success" data-agenda="saved">
      <Icon name="check" size={48} />
      <div class="feedback-text">
        <p class="feedback-title">{t("agenda.saved")}</p>
        <p class="feedback-detail">
          ‘{f.title}’{f.table !== undefined ? ` · ${t("proposal.table", { n: f.table })}` : ""} <span class="feedback-time">{formatClock(f.at)}</span>
        </p>
      </div>
    </div>
  );
}
