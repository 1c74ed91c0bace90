import { createAsync } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Show } from "solid-js";
import { ApiError } from "../app/api.js";
import type { ProposalItem } from "../proposals/api.js";
import type { RoundChannel, RoundInput, RoundView } from "./api.js";
import { t } from "./strings.js";
import { getBallotCandidates } from "./queries.js";
import { createFormErrors, Field, FormError, Icon, LoadError, Loading } from "../app/ui.js";
import { kstInput, toLocalInput } from "./voting.js";

/** What the API uses when a new round names none (core/voting/round.ts). */
const DEFAULT_GRACE_MINUTES = 120;

const FIELD_IDS = {
  title: "round-title",
  proposalIds: "round-proposals",
  maxChoices: "round-max",
  opensAt: "round-opens",
  closesAt: "round-closes",
  channels: "round-channels",
  hideResultsUntilClosed: "round-hide",
  requireCheckIn: "round-checkin",
  graceMinutes: "round-grace",
};

/** "proposalIds.3" → "proposalIds": the API names the item; the form has one place for the list. */
const topField = (err: unknown) =>
  err instanceof ApiError && err.field?.includes(".") ? new ApiError(err.status, err.code, err.message, err.field.split(".")[0], err.retryAfterSeconds) : err;

/**
 * A round's rules, to create one or (before the first ballot) change them: the published proposals
 * on the ballot (filter by field, all of a field at once), how many a voter may choose, when, through
 * which channels, hidden results, check-in required, the session tablets' grace period. Errors naming a field go next to it.
 */
export default function RoundForm(props: { forumId: string; round?: RoundView; submitLabel: string; onSubmit: (input: RoundInput) => Promise<void>; onCancel?: () => void }) {
  const r = props.round;
  const [title, setTitle] = createSignal(r?.title ?? "");
  const [chosen, setChosen] = createSignal<string[]>(r?.proposalIds ?? []);
  const [maxChoices, setMaxChoices] = createSignal(String(r?.maxChoices ?? 3));
  const [opensAt, setOpensAt] = createSignal(r ? toLocalInput(r.opensAt) : kstInput(0));
  const [closesAt, setClosesAt] = createSignal(r ? toLocalInput(r.closesAt) : kstInput(7, 18));
  const [channels, setChannels] = createSignal<RoundChannel[]>(r?.channels ?? ["online", "session"]);
  const [hide, setHide] = createSignal(r?.hideResultsUntilClosed ?? false);
  const [checkIn, setCheckIn] = createSignal(r?.requireCheckIn ?? false);
  const [grace, setGrace] = createSignal(String(r?.graceMinutes ?? DEFAULT_GRACE_MINUTES));
  const errors = createFormErrors(FIELD_IDS);

  const toggleChannel = (c: RoundChannel, on: boolean) => setChannels((list) => (on ? [...new Set([...list, c])] : list.filter((x) => x !== c)));

  const submit = errors.submit(async () => {
    try {
      await props.onSubmit({
        title: title().trim(),
        proposalIds: chosen(),
        maxChoices: Number(maxChoices()),
        opensAt: opensAt(),
        closesAt: closesAt(),
        channels: (["online", "session"] as const).filter((c) => channels().includes(c)),
        hideResultsUntilClosed: hide(),
        requireCheckIn: checkIn(),
        // Left empty: the stored value stands (the default on a new round).
        ...(grace().trim() ? { graceMinutes: Number(grace()) } : {}),
      });
    } catch (err) {
      throw topField(err);
    }
  });

  return (
    <form class="card form round-form" onSubmit={submit} novalidate>
      <FormError errors={errors} />
      <Field
        id="round-title"
        label={t("roundForm.title")}
        hint={t("roundForm.titleHint")}
        required
        maxLength={200}
        value={title()}
        onInput={(e) => setTitle(e.currentTarget.value)}
        error={errors.field("title")}
      />
      <ProposalPicker forumId={props.forumId} chosen={chosen()} setChosen={setChosen} error={errors.field("proposalIds")} />
      <Field
        id="round-max"
        type="number"
        inputmode="numeric"
        label={t("roundForm.maxChoices")}
        hint={t("roundForm.maxChoicesHint", { n: chosen().length })}
        required
        min={1}
        max={10}
        class="field-narrow"
        value={maxChoices()}
        onInput={(e) => setMaxChoices(e.currentTarget.value)}
        error={errors.field("maxChoices")}
      />
      <div class="field-row">
        <Field
          id="round-opens"
          type="datetime-local"
          label={t("roundForm.opensAt")}
          hint={t("roundForm.kst")}
          required
          value={opensAt()}
          onInput={(e) => setOpensAt(e.currentTarget.value)}
          error={errors.field("opensAt")}
        />
        <Field
          id="round-closes"
          type="datetime-local"
          label={t("roundForm.closesAt")}
          hint={t("roundForm.kst")}
          required
          value={closesAt()}
          onInput={(e) => setClosesAt(e.currentTarget.value)}
          error={errors.field("closesAt")}
        />
      </div>
      <fieldset class="field check-group" id="round-channels" tabindex="-1" aria-describedby={errors.field("channels") ? "round-channels-error" : undefined}>
        <legend class="field-label">{t("roundForm.channels")}</legend>
        <label class="check-option">
          <input type="checkbox" class="checkbox" checked={channels().includes("online")} onChange={(e) => toggleChannel("online", e.currentTarget.checked)} />
          <span>
            {t("round.channel.online")} <span class="muted">— {t("roundForm.onlineHint")}</span>
          </span>
        </label>
        <label class="check-option">
          <input type="checkbox" class="checkbox" checked={channels().includes("session")} onChange={(e) => toggleChannel("session", e.currentTarget.checked)} />
          <span>
            {t("round.channel.session")} <span class="muted">— {t("roundForm.sessionHint")}</span>
          </span>
        </label>
        <Show when={errors.field("channels")}>
          <p id="round-channels-error" class="field-error">
            <Icon name="error" size={18} />
            <span>{errors.field("channels")}</span>
          </p>
        </Show>
      </fieldset>
      <div class="field">
        <label class="check-option">
          <input id="round-hide" type="checkbox" class="checkbox" checked={hide()} onChange={(e) => setHide(e.currentTarget.checked)} aria-describedby="round-hide-hint" />
          <span>{t("roundForm.hide")}</span>
        </label>
        <p id="round-hide-hint" class="field-hint">
          {t("roundForm.hideHint")}
        </p>
      </div>
      <div class="field">
        <label class="check-option">
          <input id="round-checkin" type="checkbox" class="checkbox" checked={checkIn()} onChange={(e) => setCheckIn(e.currentTarget.checked)} aria-describedby="round-checkin-hint" />
          <span>{t("roundForm.checkIn")}</span>
        </label>
        <p id="round-checkin-hint" class="field-hint">
          {t("roundForm.checkInHint")}
        </p>
      </div>
      <Field
        id="round-grace"
        type="number"
        inputmode="numeric"
        label={t("roundForm.grace")}
        hint={t("roundForm.graceHint")}
        min={0}
        max={1440}
        step={1}
        class="field-narrow"
        value={grace()}
        onInput={(e) => setGrace(e.currentTarget.value)}
        error={errors.field("graceMinutes")}
      />
      <div class="panel-buttons">
        <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="btn btn-tertiary btn-large" onClick={() => props.onCancel?.()}>
            {t("voting.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}

/** The forum's published proposals as a checklist: filter by field, choose or drop a whole field at once. */
function ProposalPicker(props: { forumId: string; chosen: string[]; setChosen: (ids: string[]) => void; error?: string }) {
  const candidates = createAsync(() => getBallotCandidates(props.forumId));
  const [field, setField] = createSignal("");
  const describedBy = () => ["round-proposals-hint", "round-proposals-count", props.error ? "round-proposals-error" : ""].filter(Boolean).join(" ");
  return (
    <fieldset class="proposal-picker" id="round-proposals" tabindex="-1" aria-describedby={describedBy()} classList={{ "has-error": !!props.error }}>
      <legend class="field-label">{t("roundForm.proposals")}</legend>
      <p id="round-proposals-hint" class="picker-hint">
        {t("roundForm.proposalsHint")}
      </p>
      <Show when={props.error}>
        <p id="round-proposals-error" class="field-error">
          <Icon name="error" size={18} />
          <span>{props.error}</span>
        </p>
      </Show>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={candidates()} fallback={<Loading />}>
          {(list) => <PickerBody list={list()} field={field()} setField={setField} chosen={props.chosen} setChosen={props.setChosen} />}
        </Show>
      </ErrorBoundary>
    </fieldset>
  );
}

function PickerBody(props: { list: ProposalItem[]; field: string; setField: (f: string) => void; chosen: string[]; setChosen: (ids: string[]) => void }) {
  const fields = createMemo(() => {
    const counts = new Map<string, number>();
    for (const p of props.list) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ name, count }));
  });
  const shown = () => (props.field ? props.list.filter((p) => p.field === props.field) : props.list);
  const allShownChosen = () => shown().length > 0 && shown().every((p) => props.chosen.includes(p.id));
  const toggle = (id: string, on: boolean) => props.setChosen(on ? [...props.chosen.filter((x) => x !== id), id] : props.chosen.filter((x) => x !== id));
  const toggleShown = () => {
    const ids = shown().map((p) => p.id);
    props.setChosen(allShownChosen() ? props.chosen.filter((x) => !ids.includes(x)) : [...props.chosen, ...ids.filter((x) => !props.chosen.includes(x))]);
  };
  return (
    <Show when={props.list.length > 0} fallback={<p class="empty">{t("roundForm.noProposals")}</p>}>
      <div class="picker-tools">
        <div class="field picker-filter">
          <label for="round-field-filter" class="field-label">
            {t("roundForm.fieldFilter")}
          </label>
          <select id="round-field-filter" class="input select" value={props.field} onChange={(e) => props.setField(e.currentTarget.value)}>
            <option value="">{t("roundForm.allFields", { n: props.list.length })}</option>
            <For each={fields()}>{(f) => <option value={f.name}>{`${f.name} (${f.count})`}</option>}</For>
          </select>
        </div>
        <button type="button" class="btn btn-secondary" onClick={toggleShown}>
          {allShownChosen()
            ? props.field
              ? t("roundForm.dropField", { field: props.field })
              : t("roundForm.dropAll")
            : props.field
              ? t("roundForm.chooseField", { field: props.field })
              : t("roundForm.chooseAll")}
        </button>
        <p id="round-proposals-count" class="picker-count" aria-live="polite" aria-atomic="true">
          {t("roundForm.chosenCount", { n: props.chosen.length })}
        </p>
      </div>
      <ul class="staff-pick-list">
        <For each={shown()}>
          {(p) => (
            <li>
              <label class="staff-pick">
                <input type="checkbox" class="checkbox" checked={props.chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.currentTarget.checked)} />
                <span class="staff-pick-title">{p.title}</span>
                <span class="badge badge-field">{p.field}</span>
                <Show when={p.area}>
                  <span class="muted staff-pick-area">{p.area}</span>
                </Show>
              </label>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
