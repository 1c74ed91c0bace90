import "../attendance/tablet/tablet.css";
import { A } from "@solidjs/router";
import { batch, createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatClock, formatDateTime } from "../app/format.js";
import { createFormErrors, Field, Icon, SelectField, TextArea } from "../app/ui.js";
import type { SessionInfo } from "../attendance/api.js";
import { attempt, isUnsent, items, saveAgenda, withdraw } from "../attendance/tablet/outbox.js";
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
  /** Saved on this tablet, not yet recorded by the server (the outbox sends it). */
  unsent?: boolean;
}

/** The server's rules for a captured agenda (core/proposals/proposal.ts SessionInput), checked on the tablet before it is saved. */
const TITLE = { min: 2, max: 100 };
const TABLE_MAX = 200;

/**
 * What the server would refuse, found before the agenda is saved: offline, a refusal would come
 * only when the queue is sent, after the table has moved on. Undefined when it looks right.
 */
function invalid(input: AgendaInput, fields: string[] | undefined): ApiError | undefined {
  const refuse = (field: string, message: string) => new ApiError(400, "invalid_input", message, field);
  const title = [...input.title.trim()].length;
  if (title < TITLE.min || title > TITLE.max) return refuse("title", t("agenda.titleLength", { min: TITLE.min, max: TITLE.max }));
  if (!input.field || (fields && !fields.includes(input.field))) return refuse("field", t("agenda.fieldRequired"));
  if (input.table !== undefined && (!Number.isInteger(input.table) || input.table < 1 || input.table > TABLE_MAX)) return refuse("table", t("agenda.tableRange", { max: TABLE_MAX }));
  return undefined;
}

/** Two short retries in the page before the outbox takes over. */
const IN_PAGE_DELAYS_MS = [400, 800];

type Feedback =
  | { kind: "saved"; title: string; table?: number; at: Date; seq: number }
  | { kind: "queued"; title: string; table?: number; at: Date; seq: number; signIn: boolean }
  | { kind: "error"; message: string; seq: number }
  | { kind: "retrying"; attempt: number; seq: number };

/** The console tab's name, for the page title around the capture. */
export const agendaTitle = () => t("agenda.title");

/**
 * The facilitator's second job at a session: writing down the agendas raised at each table
 * (table number, field, title, a few lines). Sent like a check-in: one Idempotency-Key per
 * agenda, saved in the tablet's outbox before the screen says so and sent from there (at once,
 * or when the network is back), so a shaky venue wifi never loses an agenda nor records it twice.
 * The session's agendas are listed below, newest first, those not yet sent marked as such.
 */
export function AgendaCapture(props: { session: SessionInfo; fields: string[] | undefined; active: boolean }) {
  const [table, setTable] = createSignal("");
  const [field, setField] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [body, setBody] = createSignal("");
  const [feedback, setFeedback] = createSignal<Feedback>();
  const [agendas, setAgendas] = createSignal<Agenda[]>([]);
  const [listFailed, setListFailed] = createSignal(false);
  const [retrying, setRetrying] = createSignal(0);
  const errors = createFormErrors({ table: "agenda-table", field: "agenda-field", title: "agenda-title", body: "agenda-body" });
  let seq = 0;
  let titleInput: HTMLInputElement | undefined;

  const merge = (more: Agenda[]) =>
    setAgendas((list) => {
      const byId = new Map(list.map((a) => [a.id, a]));
      for (const a of more) byId.set(a.id, { ...byId.get(a.id), ...a });
      return [...byId.values()];
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

  /** This session's agendas still in the tablet's outbox (saved, not yet recorded). */
  const unsent = createMemo(() =>
    items()
      .filter((i) => i.kind === "agenda" && i.sessionId === props.session.id && isUnsent(i) && i.body)
      .map((i): Agenda => {
        const b = i.body as AgendaInput;
        return { id: i.key, title: b.title.trim(), field: b.field, table: b.table, at: new Date(i.savedAt).toISOString(), unsent: true };
      }),
  );
  // When the outbox has sent some of them, the API's list has them now.
  createEffect(on(() => unsent().length, (n, was) => was !== undefined && n < was && void refresh()));
  /** Newest first: those still on the tablet beside those the API has. */
  const shown = createMemo(() => [...unsent(), ...agendas()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)));

  const submit = errors.submit(
    async () => {
      const input: AgendaInput = {
        title: title(),
        field: field(),
        ...(body().trim() ? { body: body() } : {}),
        ...(table().trim() ? { table: Number(table().trim()) } : {}),
      };
      const wrong = invalid(input, props.fields);
      if (wrong) throw wrong;
      // On the tablet first: from here on nothing typed is lost.
      const item = await saveAgenda(props.session.id, input);
      const r = await attempt(item.key, {
        delays: IN_PAGE_DELAYS_MS,
        onRetry: (n) => {
          setRetrying(n);
          setFeedback({ kind: "retrying", attempt: n, seq: ++seq });
        },
      }).finally(() => setRetrying(0));
      if (r.kind === "refused") {
        // Refused in front of the facilitator (a title too short, a field not offered): taken back
        // from the outbox, the text stays in the form to correct, the error beside its field.
        await withdraw(item.key);
        throw r.error;
      }
      const at = new Date();
      const shownTitle = input.title.trim();
      batch(() => {
        if (r.kind === "recorded") {
          merge([{ id: (r.raw as { id: string }).id, title: shownTitle, field: input.field, table: input.table, at: at.toISOString() }]);
          setFeedback({ kind: "saved", title: shownTitle, table: input.table, at, seq: ++seq });
        } else {
          setFeedback({ kind: "queued", title: shownTitle, table: input.table, at, seq: ++seq, signIn: r.kind === "signin" });
        }
        // The table and field usually stay for the next agenda from the same table.
        setTitle("");
        setBody("");
      });
      titleInput?.focus();
      if (r.kind === "recorded") void refresh();
    },
    (err) => setFeedback({ kind: "error", message: err instanceof Error ? err.message : String(err), seq: ++seq }),
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
            {retrying() > 0 ? t("agenda.retrying", { n: retrying() }) : t("agenda.sending")}
          </Show>
        </button>
      </form>

      <section class="agenda-captured" aria-labelledby="agenda-list-h">
        <h2 id="agenda-list-h" class="mini-title">
          {t("agenda.listTitle", { n: shown().length })}
        </h2>
        <Show when={listFailed()}>
          <p class="muted">{t("agenda.listFailed")}</p>
        </Show>
        <Show when={shown().length > 0} fallback={<p class="muted">{t("agenda.listEmpty")}</p>}>
          <ol class="agenda-list" data-testid="agenda-list">
            <For each={shown()}>
              {(a) => (
                <li class="agenda-item" data-unsent={a.unsent ? "true" : undefined}>
                  <span class="agenda-table-chip">{a.table !== undefined ? t("proposal.table", { n: a.table }) : t("agenda.noTable")}</span>
                  <span class="agenda-item-title">{a.title}</span>
                  <FieldBadge field={a.field} />
                  <span class="agenda-time">
                    <time datetime={a.at}>{formatDateTime(a.at)}</time>
                    <Show when={a.unsent}>
                      {" · "}
                      <span class="agenda-unsent">{t("agenda.unsent")}</span>
                    </Show>
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
  if (f.kind === "queued") {
    return (
      <div class="feedback feedback-neutral" data-agenda="queued">
        <Icon name="sync" size={48} />
        <div class="feedback-text">
          <p class="feedback-title">{t("agenda.queued")}</p>
          <AgendaLine title={f.title} table={f.table} at={f.at} />
          <p class="feedback-detail">{f.signIn ? t("agenda.queuedSignIn") : t("agenda.queuedDetail")}</p>
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
        <AgendaLine title={f.title} table={f.table} at={f.at} />
      </div>
    </div>
  );
}

/** The agenda a banner speaks of: ‘title’ · table, and when. */
function AgendaLine(props: { title: string; table?: number; at: Date }) {
  return (
    <p class="feedback-detail">
      ‘{props.title}’{props.table !== undefined ? ` · ${t("proposal.table", { n: props.table })}` : ""} <span class="feedback-time">{formatClock(props.at)}</span>
    </p>
  );
}
