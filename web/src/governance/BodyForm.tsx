import { createSignal, For } from "solid-js";
import { createFormErrors, Field, FormError, SelectField, TextArea } from "../app/ui.js";
import type { BodyInput, BodyKind, BodyView } from "./api.js";
import { BODY_KINDS, bodyKindName, lines, narrowField, typedNumber } from "./governance.js";
import { t } from "./strings.js";

/**
 * A body's definition: name, kind, size limit, subcommittees (one per line), whether it has a
 * steering or planning committee, the term in years and how often a member may be reappointed,
 * whether its members' names are public. Creates a body, or (with `body`) changes one; the API's
 * refusals go next to their fields.
 */
export function BodyForm(props: { idPrefix: string; body?: BodyView; submitLabel: string; onSubmit: (input: BodyInput) => Promise<void>; onCancel?: () => void }) {
  const p = props.idPrefix;
  const b = props.body;
  const [name, setName] = createSignal(b?.name ?? "");
  const [kind, setKind] = createSignal<BodyKind>(b?.kind ?? "committee");
  const [sizeLimit, setSizeLimit] = createSignal(b ? String(b.sizeLimit) : "");
  const [subs, setSubs] = createSignal(b?.subcommittees.join("\n") ?? "");
  const [steering, setSteering] = createSignal(b?.steering ?? false);
  const [termYears, setTermYears] = createSignal(b ? String(b.termYears) : "2");
  const [renewals, setRenewals] = createSignal(b?.maxRenewals !== undefined ? String(b.maxRenewals) : "");
  const [publicNames, setPublicNames] = createSignal(b?.publicNames ?? false);
  const [order, setOrder] = createSignal(b ? String(b.order) : "");
  const [description, setDescription] = createSignal(b?.description ?? "");
  const ids = {
    name: `${p}-name`,
    kind: `${p}-kind`,
    sizeLimit: `${p}-size`,
    subcommittees: `${p}-subs`,
    termYears: `${p}-term`,
    maxRenewals: `${p}-renewals`,
    order: `${p}-order`,
    description: `${p}-desc`,
  };
  const errors = createFormErrors(ids);

  const submit = errors.submit(async () => {
    const input: BodyInput = {
      name: name(),
      kind: kind(),
      sizeLimit: Number(sizeLimit() || NaN),
      subcommittees: lines(subs()),
      steering: steering(),
      termYears: Number(termYears() || NaN),
      publicNames: publicNames(),
      ...(typedNumber(renewals()) !== undefined ? { maxRenewals: typedNumber(renewals()) } : {}),
      ...(typedNumber(order()) !== undefined ? { order: typedNumber(order()) } : {}),
      ...(description().trim() ? { description: description() } : {}),
    };
    try {
      await props.onSubmit(input);
    } catch (err) {
      throw narrowField(err, Object.keys(ids));
    }
  });

  return (
    <form class="card form" onSubmit={submit} novalidate data-testid={`${p}-form`}>
      <FormError errors={errors} />
      <Field id={ids.name} label={t("bodyForm.name")} required maxLength={100} value={name()} onInput={(e) => setName(e.currentTarget.value)} error={errors.field("name")} />
      <div class="field-row">
        <SelectField id={ids.kind} label={t("bodyForm.kind")} value={kind()} onChange={(e) => setKind(e.currentTarget.value as BodyKind)} error={errors.field("kind")}>
          <For each={BODY_KINDS}>
            {(k) => (
              <option value={k} selected={kind() === k}>
                {bodyKindName(k)}
              </option>
            )}
          </For>
        </SelectField>
        <Field id={ids.sizeLimit} type="number" inputmode="numeric" min={1} max={1000} label={t("bodyForm.sizeLimit")} required value={sizeLimit()} onInput={(e) => setSizeLimit(e.currentTarget.value)} error={errors.field("sizeLimit")} />
      </div>
      <div class="field-row">
        <Field id={ids.termYears} type="number" inputmode="numeric" min={1} max={10} label={t("bodyForm.termYears")} required value={termYears()} onInput={(e) => setTermYears(e.currentTarget.value)} error={errors.field("termYears")} />
        <Field
          id={ids.maxRenewals}
          type="number"
          inputmode="numeric"
          min={0}
          max={10}
          label={t("bodyForm.maxRenewals")}
          hint={t("bodyForm.maxRenewalsHint")}
          optional
          value={renewals()}
          onInput={(e) => setRenewals(e.currentTarget.value)}
          error={errors.field("maxRenewals")}
        />
      </div>
      <TextArea id={ids.subcommittees} label={t("bodyForm.subcommittees")} hint={t("bodyForm.subcommitteesHint")} optional rows={4} value={subs()} onInput={(e) => setSubs(e.currentTarget.value)} error={errors.field("subcommittees")} />
      <div class="check-row">
        <label class="check-option">
          <input type="checkbox" class="checkbox" checked={steering()} onChange={(e) => setSteering(e.currentTarget.checked)} />
          {t("bodyForm.steering")}
        </label>
        <label class="check-option">
          <input type="checkbox" class="checkbox" checked={publicNames()} onChange={(e) => setPublicNames(e.currentTarget.checked)} />
          {t("bodyForm.publicNames")}
        </label>
      </div>
      <Field id={ids.order} type="number" inputmode="numeric" min={0} max={999} label={t("bodyForm.order")} hint={t("bodyForm.orderHint")} optional value={order()} onInput={(e) => setOrder(e.currentTarget.value)} error={errors.field("order")} />
      <TextArea id={ids.description} label={t("bodyForm.description")} optional rows={3} maxLength={1000} value={description()} onInput={(e) => setDescription(e.currentTarget.value)} error={errors.field("description")} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="btn btn-tertiary" onClick={() => props.onCancel?.()}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
