import { A, createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { createFormErrors, FormError, Icon, TextArea } from "../app/ui.js";
import { attendanceApi, type ForumInfo } from "../attendance/api.js";
import { getForum, getForums } from "../attendance/queries.js";
import { getIntake, getPlace, getStatusCounts } from "./queries.js";
import { t } from "./strings.js";

/** The forum's proposals: the intake switch, the fields proposals are sorted into, and the way to the queue and the import. */
export function ProposalSettings(props: { forum: ForumInfo }) {
  const f = () => props.forum;
  const counts = createAsync(() => getStatusCounts(props.forum.id));
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [editing, setEditing] = createSignal(false);
  const refresh = () => revalidate([getForum.keyFor(f().id), getForums.key, getIntake.key, getPlace.keyFor(f().id)]);

  const toggleIntake = async () => {
    setPending(true);
    setError(undefined);
    try {
      await attendanceApi.updateForum(f().id, { intake: f().intake === "open" ? "closed" : "open" });
      await refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="proposals-h" class="section card proposal-settings">
      <div class="section-head">
        <h2 id="proposals-h" class="section-title">
          {t("settings.title")}
        </h2>
        <div class="section-tools">
          <A href={`/staff/forums/${f().id}/proposals`} class="btn btn-primary btn-small">
            {t("settings.queue")}
            <ErrorBoundary fallback={null}>
              <Show when={counts()}>{(c) => <span class="tab-count">{t("settings.pendingCount", { n: formatNumber(c().pending) })}</span>}</Show>
            </ErrorBoundary>
          </A>
          <A href={`/staff/forums/${f().id}/import`} class="btn btn-secondary btn-small">
            <Icon name="upload" size={18} />
            {t("import.link")}
          </A>
        </div>
      </div>
      <div class="settings-grid">
        <div class="setting">
          <button
            type="button"
            role="switch"
            class="switch"
            aria-checked={f().intake === "open" ? "true" : "false"}
            aria-describedby="intake-desc"
            disabled={pending()}
            onClick={toggleIntake}
          >
            <span class="switch-track" aria-hidden="true">
              <span class="switch-thumb" />
            </span>
            <span class="switch-label">{t("intake.label")}</span>
            <span class="switch-state" aria-hidden="true">
              {f().intake === "open" ? t("intake.open") : t("intake.closed")}
            </span>
          </button>
          <p id="intake-desc" class="field-hint">
            {f().intake === "open" ? t("intake.openDesc") : t("intake.closedDesc")}
          </p>
          <Show when={error()}>
            <p class="field-error" role="alert">
              <Icon name="error" size={18} />
              <span>{error()}</span>
            </p>
          </Show>
        </div>
        <div class="setting">
          <h3 class="mini-title" id="fields-h">
            {t("settings.fields")}
          </h3>
          <Show
            when={editing()}
            fallback={
              <>
                <ul class="chip-list" aria-labelledby="fields-h">
                  <For each={f().fields}>{(field) => <li class="chip chip-plain">{field}</li>}</For>
                </ul>
                <p>
                  <button type="button" id="fields-edit-btn" class="btn btn-tertiary btn-small" onClick={() => setEditing(true)}>
                    {t("settings.editFields")}
                  </button>
                </p>
              </>
            }
          >
            <FieldsForm
              forum={f()}
              onDone={async (changed) => {
                if (changed) await refresh();
                setEditing(false);
                document.getElementById("fields-edit-btn")?.focus();
              }}
            />
          </Show>
        </div>
      </div>
    </section>
  );
}

function FieldsForm(props: { forum: ForumInfo; onDone: (changed: boolean) => void }) {
  const [text, setText] = createSignal(props.forum.fields.join("\n"));
  const errors = createFormErrors({ fields: "fields-input" });
  const submit = errors.submit(async () => {
    const fields = text()
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
    await attendanceApi.updateForum(props.forum.id, { fields });
    props.onDone(true);
  });
  return (
    <form class="form" onSubmit={submit} novalidate>
      <FormError errors={errors} />
      <TextArea
        id="fields-input"
        label={t("settings.fieldsInput")}
        hint={t("settings.fieldsHint")}
        rows={5}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
        error={errors.field("fields")}
        ref={(el) => queueMicrotask(() => el.focus())}
      />
      <div class="panel-buttons">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          {t("common.save")}
        </button>
        <button type="button" class="btn btn-tertiary" onClick={() => props.onDone(false)}>
          {t("mod.cancel")}
        </button>
      </div>
    </form>
  );
}
