import { createSignal, For, onMount, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import type { ForumInfo } from "../attendance/api.js";
import { proposalsApi, type ProposalInfo, type ProposalItem } from "./api.js";
import { t } from "./strings.js";
import { FieldBadge, SourceBadge } from "./proposal.js";
import { Alert, createFormErrors, Field, FormError, SelectField, TextArea } from "../app/ui.js";

/**
 * The moderation panels of one proposal in the staff queue: hide (with the reason the proposer
 * will read), reclassify, correct the text, merge into another, move out of the inbox. Each is
 * a small form; the API's errors are shown as they come, next to the field they name.
 */

export type Done = (changed: ProposalInfo[], message: string) => void;

interface PanelProps {
  proposal: ProposalItem;
  id: string;
  onDone: Done;
  onCancel: () => void;
  /** An API error: the card offers to reload the proposal when someone else changed it. */
  onError: (err: unknown) => void;
}

function Buttons(props: { submit: string; pending: boolean; onCancel: () => void; danger?: boolean }) {
  return (
    <div class="panel-buttons">
      <button type="submit" class="btn btn-primary" classList={{ "btn-danger": props.danger }} disabled={props.pending}>
        {props.submit}
      </button>
      <button type="button" class="btn btn-tertiary" onClick={props.onCancel}>
        {t("mod.cancel")}
      </button>
    </div>
  );
}

export function HidePanel(props: PanelProps) {
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors({ reason: `${props.id}-reason` });
  const submit = errors.submit(async () => {
    const info = await proposalsApi.updateProposal(props.proposal.id, { status: "hidden", ...(reason().trim() ? { reason: reason() } : {}) });
    props.onDone([info], t("mod.hidden", { title: info.title }));
  }, props.onError);
  return (
    <form class="mod-panel" id={props.id} onSubmit={submit} novalidate aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`} class="mini-title">
        {t("mod.hideTitle")}
      </h4>
      <FormError errors={errors} />
      <TextArea
        id={`${props.id}-reason`}
        label={t("mod.reason")}
        hint={t("mod.reasonHint")}
        required
        rows={3}
        maxLength={300}
        value={reason()}
        onInput={(e) => setReason(e.currentTarget.value)}
        error={errors.field("reason")}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <Buttons submit={t("mod.hide")} pending={errors.pending()} onCancel={props.onCancel} danger />
    </form>
  );
}

export function FieldPanel(props: PanelProps & { fields: string[] }) {
  const [field, setField] = createSignal(props.proposal.field);
  const errors = createFormErrors({ field: `${props.id}-field` });
  const submit = errors.submit(async () => {
    const info = await proposalsApi.updateProposal(props.proposal.id, { field: field() });
    props.onDone([info], t("mod.reclassified", { title: info.title, field: info.field }));
  }, props.onError);
  return (
    <form class="mod-panel" id={props.id} onSubmit={submit} novalidate aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`} class="mini-title">
        {t("mod.fieldTitle")}
      </h4>
      <FormError errors={errors} />
      <SelectField
        id={`${props.id}-field`}
        label={t("mod.field")}
        value={field()}
        onChange={(e) => setField(e.currentTarget.value)}
        error={errors.field("field")}
        ref={(el) => queueMicrotask(() => el.focus())}
      >
        <For each={props.fields}>
          {(f) => (
            <option value={f} selected={f === field()}>
              {f}
            </option>
          )}
        </For>
      </SelectField>
      <Buttons submit={t("mod.save")} pending={errors.pending()} onCancel={props.onCancel} />
    </form>
  );
}

export function EditPanel(props: PanelProps) {
  const [title, setTitle] = createSignal(props.proposal.title);
  const [body, setBody] = createSignal(props.proposal.body);
  const errors = createFormErrors({ title: `${props.id}-title`, body: `${props.id}-body` });
  const submit = errors.submit(async () => {
    const info = await proposalsApi.updateProposal(props.proposal.id, { title: title(), body: body() });
    props.onDone([info], t("mod.edited", { title: info.title }));
  }, props.onError);
  return (
    <form class="mod-panel" id={props.id} onSubmit={submit} novalidate aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`} class="mini-title">
        {t("mod.editTitle")}
      </h4>
      <p class="field-hint">{t("mod.editHint")}</p>
      <FormError errors={errors} />
      <Field
        id={`${props.id}-title`}
        label={t("propose.titleLabel")}
        required
        maxLength={100}
        value={title()}
        onInput={(e) => setTitle(e.currentTarget.value)}
        error={errors.field("title")}
        counter={{ length: title().trim().length, min: 2, max: 100 }}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <TextArea
        id={`${props.id}-body`}
        label={t("propose.body")}
        rows={6}
        maxLength={3000}
        value={body()}
        onInput={(e) => setBody(e.currentTarget.value)}
        error={errors.field("body")}
        counter={{ length: body().trim().length, max: 3000 }}
      />
      <Buttons submit={t("mod.save")} pending={errors.pending()} onCancel={props.onCancel} />
    </form>
  );
}

/** Merge into another published proposal of the same forum, found by search; confirmed before it is done. */
export function MergePanel(props: PanelProps & { forumId: string }) {
  const [q, setQ] = createSignal("");
  const [results, setResults] = createSignal<ProposalItem[]>();
  const [searching, setSearching] = createSignal(false);
  const [chosen, setChosen] = createSignal<ProposalItem>();
  const errors = createFormErrors({ into: `${props.id}-q` });
  let confirmButton: HTMLButtonElement | undefined;

  const find = async () => {
    setSearching(true);
    errors.clear();
    try {
      const page = await proposalsApi.proposals(props.forumId, { status: "published", q: q().trim() || undefined, limit: 10 });
      setResults(page.items.filter((p) => p.id !== props.proposal.id));
    } catch (err) {
      errors.show(err);
    } finally {
      setSearching(false);
    }
  };
  onMount(() => void find());

  const choose = (p: ProposalItem) => {
    setChosen(p);
    queueMicrotask(() => confirmButton?.focus());
  };
  const merge = errors.submit(async () => {
    const into = chosen();
    if (!into) return;
    const res = await proposalsApi.mergeProposal(props.proposal.id, into.id);
    props.onDone([res.merged, res.into], t("mod.merged", { title: res.merged.title, into: res.into.title }));
  }, props.onError);

  return (
    <div class="mod-panel" id={props.id} role="group" aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`} class="mini-title">
        {t("mod.mergeTitle")}
      </h4>
      <p class="field-hint">{t("mod.mergeHint")}</p>
      <form
        class="search-row"
        role="search"
        aria-label={t("mod.mergeSearch")}
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <Field
          id={`${props.id}-q`}
          label={t("mod.mergeSearch")}
          type="search"
          maxLength={100}
          value={q()}
          onInput={(e) => setQ(e.currentTarget.value)}
          error={errors.field("into")}
          ref={(el) => queueMicrotask(() => el.focus())}
        />
        <button type="submit" class="btn btn-secondary" disabled={searching()}>
          {t("list.searchButton")}
        </button>
      </form>
      <FormError errors={errors} />
      <Show when={results()}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{t("mod.mergeNone")}</p>}>
            <ul class="merge-results" aria-label={t("mod.mergeResults")}>
              <For each={list()}>
                {(p) => (
                  <li classList={{ chosen: chosen()?.id === p.id }}>
                    <div class="merge-result-text">
                      <span class="merge-result-title">{p.title}</span>
                      <span class="proposal-meta">
                        <FieldBadge field={p.field} />
                        <SourceBadge source={p.source} />
                      </span>
                    </div>
                    <button
                      type="button"
                      class="btn btn-secondary btn-small"
                      aria-pressed={chosen()?.id === p.id ? "true" : "false"}
                      onClick={() => choose(p)}
                    >
                      {t("mod.mergeChoose")}
                      <span class="visually-hidden">: {p.title}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <Show when={chosen()}>
        {(into) => (
          <form onSubmit={merge} class="merge-confirm">
            <Alert tone="warning">
              <p>{t("mod.mergeConfirm", { title: props.proposal.title, into: into().title })}</p>
            </Alert>
            <div class="panel-buttons">
              <button type="submit" class="btn btn-primary" ref={confirmButton} disabled={errors.pending()}>
                {t("mod.mergeDo")}
              </button>
              <button type="button" class="btn btn-tertiary" onClick={props.onCancel}>
                {t("mod.cancel")}
              </button>
            </div>
          </form>
        )}
      </Show>
      <Show when={!chosen()}>
        <div class="panel-buttons">
          <button type="button" class="btn btn-tertiary" onClick={props.onCancel}>
            {t("mod.cancel")}
          </button>
        </div>
      </Show>
    </div>
  );
}

/** Out of the standing inbox into a forum, with a field of that forum. */
export function MovePanel(props: PanelProps & { forums: ForumInfo[] }) {
  const [forumId, setForumId] = createSignal("");
  const [field, setField] = createSignal("");
  const errors = createFormErrors({ forumId: `${props.id}-forum`, field: `${props.id}-field` });
  const forum = () => props.forums.find((f) => f.id === forumId());
  const submit = errors.submit(async () => {
    const info = await proposalsApi.updateProposal(props.proposal.id, { forumId: forumId() || undefined, ...(field() ? { field: field() } : {}) });
    props.onDone([info], t("mod.moved", { title: info.title, forum: forum()?.title ?? "" }));
  }, props.onError);
  return (
    <form class="mod-panel" id={props.id} onSubmit={submit} novalidate aria-labelledby={`${props.id}-h`}>
      <h4 id={`${props.id}-h`} class="mini-title">
        {t("mod.moveTitle")}
      </h4>
      <FormError errors={errors} />
      <SelectField
        id={`${props.id}-forum`}
        label={t("mod.moveForum")}
        value={forumId()}
        onChange={(e) => {
          setForumId(e.currentTarget.value);
          const fields = props.forums.find((f) => f.id === e.currentTarget.value)?.fields ?? [];
          setField(fields.includes(props.proposal.field) ? props.proposal.field : "");
        }}
        error={errors.field("forumId")}
        ref={(el) => queueMicrotask(() => el.focus())}
      >
        <option value="">{t("mod.chooseForum")}</option>
        <For each={props.forums}>
          {(f) => (
            <option value={f.id}>
              {f.title} {f.intake === "open" ? `(${t("intake.open")})` : ""}
            </option>
          )}
        </For>
      </SelectField>
      <SelectField
        id={`${props.id}-field`}
        label={t("mod.field")}
        hint={t("mod.moveFieldHint")}
        value={field()}
        onChange={(e) => setField(e.currentTarget.value)}
        error={errors.field("field")}
        disabled={!forum()}
      >
        <option value="">{t("propose.chooseField")}</option>
        <For each={forum()?.fields ?? []}>
          {(f) => (
            <option value={f} selected={f === field()}>
              {f}
            </option>
          )}
        </For>
      </SelectField>
      <Buttons submit={t("mod.move")} pending={errors.pending()} onCancel={props.onCancel} />
    </form>
  );
}

/** Someone else changed the proposal since this page loaded it: the card offers to reload it. */
export const isConflict = (err: unknown) => err instanceof ApiError && err.code === "changed_meanwhile";
