import { createSignal, For, Index, Show } from "solid-js";
import { createFormErrors, Field, FormError, Icon, SelectField, TextArea } from "../app/ui.js";
import type { ProposalItem } from "../proposals/api.js";
import type { ProjectInput, ProjectView } from "./api.js";
import { parseAmount, sum } from "./figures.js";
import { money, moneyProse } from "./project.js";
import { t } from "./strings.js";

const MAX_LINES = 50;
const MAX_MEMBERS = 100;

interface Line {
  item: string;
  amount: string;
}
interface Person {
  name: string;
  side: "public" | "private";
}

/** Where each field the API may name sits in this form (`budgetLines.2.amount` → the third line's amount). */
function fieldIds(p: string): Record<string, string> {
  const ids: Record<string, string> = {
    title: `${p}-title`,
    purpose: `${p}-purpose`,
    content: `${p}-content`,
    field: `${p}-field`,
    period: `${p}-starts`,
    "period.startsOn": `${p}-starts`,
    "period.endsOn": `${p}-ends`,
    agendaIds: `${p}-agendas`,
    taskForce: `${p}-public`,
    "taskForce.publicMembers": `${p}-public`,
    "taskForce.privateMembers": `${p}-private`,
    "taskForce.members": `${p}-members`,
    budgetLines: `${p}-lines-add`,
  };
  for (let i = 0; i < MAX_LINES; i++) {
    ids[`budgetLines.${i}`] = `${p}-line-${i}-item`;
    ids[`budgetLines.${i}.item`] = `${p}-line-${i}-item`;
    ids[`budgetLines.${i}.amount`] = `${p}-line-${i}-amount`;
  }
  for (let i = 0; i < MAX_MEMBERS; i++) ids[`taskForce.members.${i}.name`] = `${p}-member-${i}`;
  return ids;
}

/**
 * A project's plan, to create it or to change it: the core agendas it comes from (those already in
 * another project say so: an agenda may go into two), the field (the council's subcommittee), title,
 * purpose, content, period, the task force (numbers; names optional, staff only) and the budget
 * lines as rows, with their running total in 천원 and in words. Once the council has decided, the
 * agendas, the field and the budget are fixed (`locked`): shown, not sent. Errors come from the API
 * and sit next to the field they name.
 */
export function ProjectForm(props: {
  idPrefix: string;
  fields: string[];
  agendas: ProposalItem[];
  /** Titles of the forum's projects, to say which project an agenda is already in. */
  projectTitles: Map<string, string>;
  initial?: ProjectView;
  locked?: boolean;
  submitLabel: string;
  onSubmit: (input: ProjectInput) => Promise<void>;
  onCancel?: () => void;
}) {
  const p = props.idPrefix;
  const init = props.initial;
  const [title, setTitle] = createSignal(init?.title ?? "");
  const [purpose, setPurpose] = createSignal(init?.purpose ?? "");
  const [content, setContent] = createSignal(init?.content ?? "");
  const [field, setField] = createSignal(init?.field ?? "");
  const [startsOn, setStartsOn] = createSignal(init?.period.startsOn ?? "");
  const [endsOn, setEndsOn] = createSignal(init?.period.endsOn ?? "");
  const [agendaIds, setAgendaIds] = createSignal<string[]>(init?.agendaIds ?? []);
  const [publicMembers, setPublicMembers] = createSignal(String(init?.taskForce.publicMembers ?? 0));
  const [privateMembers, setPrivateMembers] = createSignal(String(init?.taskForce.privateMembers ?? 0));
  const [members, setMembers] = createSignal<Person[]>(init?.taskForce.members?.map((m) => ({ ...m })) ?? []);
  const [lines, setLines] = createSignal<Line[]>(init?.budgetLines.map((l) => ({ item: l.item, amount: String(l.amount) })) ?? [{ item: "", amount: "" }]);
  const errors = createFormErrors(fieldIds(p));

  const total = () => sum(lines().map((l) => parseAmount(l.amount)));
  const toggleAgenda = (id: string, on: boolean) => setAgendaIds((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));
  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const setMember = (i: number, patch: Partial<Person>) => setMembers((ms) => ms.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  const addLine = () => {
    setLines((ls) => [...ls, { item: "", amount: "" }]);
    queueMicrotask(() => document.getElementById(`${p}-line-${lines().length - 1}-item`)?.focus());
  };
  const removeLine = (i: number) => {
    setLines((ls) => ls.filter((_, k) => k !== i));
    queueMicrotask(() => document.getElementById(`${p}-line-${Math.max(0, i - 1)}-item`)?.focus() ?? document.getElementById(`${p}-lines-add`)?.focus());
  };
  /** A number as typed: the API says what is wrong with it (NaN goes as null). */
  const count = (typed: string) => (typed.trim() === "" ? 0 : Number(typed));

  const submit = errors.submit(async () => {
    const input: ProjectInput = {
      title: title(),
      purpose: purpose(),
      content: content(),
      field: field(),
      period: { startsOn: startsOn(), endsOn: endsOn() },
      taskForce: {
        publicMembers: count(publicMembers()),
        privateMembers: count(privateMembers()),
        ...(members().some((m) => m.name.trim()) ? { members: members().filter((m) => m.name.trim()) } : {}),
      },
      budgetLines: lines()
        .filter((l) => l.item.trim() || l.amount.trim())
        .map((l) => ({ item: l.item, amount: parseAmount(l.amount) })),
      agendaIds: agendaIds(),
    };
    await props.onSubmit(input);
  });

  const agendaNote = (a: ProposalItem) => {
    const others = (a.projectIds ?? []).filter((id) => id !== init?.id);
    if (others.length === 0) return undefined;
    return t("form.agendaInProjects", { titles: others.map((id) => `‘${props.projectTitles.get(id) ?? id}’`).join(", ") });
  };

  return (
    <form class="card form project-form" onSubmit={submit} novalidate aria-describedby={props.locked ? `${p}-locked` : undefined}>
      <FormError errors={errors} />
      <Show when={props.locked}>
        <p id={`${p}-locked`} class="lock-note">
          <Icon name="info" size={18} />
          <span>{t("form.locked")}</span>
        </p>
      </Show>

      <fieldset class="fieldset" id={`${p}-agendas`} tabindex="-1" disabled={props.locked} aria-describedby={errors.field("agendaIds") ? `${p}-agendas-error` : `${p}-agendas-hint`}>
        <legend class="field-label">{t("form.agendas")}</legend>
        <p id={`${p}-agendas-hint`} class="field-hint">
          {t("form.agendasHint")}
        </p>
        <Show when={props.agendas.length > 0} fallback={<p class="muted">{t("form.noAgendas")}</p>}>
          <ul class="agenda-choices" data-testid={`${p}-agenda-choices`}>
            <For each={props.agendas}>
              {(a) => (
                <li>
                  <label class="agenda-choice">
                    <input type="checkbox" class="checkbox" checked={agendaIds().includes(a.id)} onChange={(e) => toggleAgenda(a.id, e.currentTarget.checked)} />
                    <span class="agenda-choice-body">
                      <span class="agenda-choice-title">{a.title}</span>
                      <span class="agenda-choice-meta">
                        <span class="badge badge-field">{a.field}</span>
                        <Show when={agendaNote(a)}>{(note) => <span class="muted">{note()}</span>}</Show>
                      </span>
                    </span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <p class="field-hint" aria-live="polite">
          {t("form.agendasChosen", { n: agendaIds().length })}
        </p>
        <Show when={errors.field("agendaIds")}>
          <p id={`${p}-agendas-error`} class="field-error">
            <Icon name="error" size={18} />
            <span>{errors.field("agendaIds")}</span>
          </p>
        </Show>
      </fieldset>

      <SelectField id={`${p}-field`} label={t("form.field")} hint={t("form.fieldHint")} value={field()} disabled={props.locked} onChange={(e) => setField(e.currentTarget.value)} error={errors.field("field")}>
        <option value="">{t("form.chooseField")}</option>
        <For each={props.fields}>{(f) => <option value={f} selected={field() === f}>{f}</option>}</For>
      </SelectField>

      <Field id={`${p}-title`} label={t("form.title")} required maxLength={100} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} error={errors.field("title")} />
      <TextArea id={`${p}-purpose`} label={t("form.purpose")} rows={3} maxLength={2000} value={purpose()} onInput={(e) => setPurpose(e.currentTarget.value)} error={errors.field("purpose")} />
      <TextArea id={`${p}-content`} label={t("form.content")} rows={5} maxLength={5000} value={content()} onInput={(e) => setContent(e.currentTarget.value)} error={errors.field("content")} />

      <div class="field-row">
        <Field id={`${p}-starts`} type="date" label={t("form.startsOn")} required value={startsOn()} onInput={(e) => setStartsOn(e.currentTarget.value)} error={errors.field("period.startsOn") ?? errors.field("period")} />
        <Field id={`${p}-ends`} type="date" label={t("form.endsOn")} required min={startsOn() || undefined} value={endsOn()} onInput={(e) => setEndsOn(e.currentTarget.value)} error={errors.field("period.endsOn")} />
      </div>

      <fieldset class="fieldset">
        <legend class="field-label">{t("form.taskForce")}</legend>
        <div class="field-row">
          <Field
            id={`${p}-public`}
            type="number"
            inputmode="numeric"
            min={0}
            max={500}
            label={t("form.publicMembers")}
            value={publicMembers()}
            onInput={(e) => setPublicMembers(e.currentTarget.value)}
            error={errors.field("taskForce.publicMembers") ?? errors.field("taskForce")}
          />
          <Field
            id={`${p}-private`}
            type="number"
            inputmode="numeric"
            min={0}
            max={500}
            label={t("form.privateMembers")}
            value={privateMembers()}
            onInput={(e) => setPrivateMembers(e.currentTarget.value)}
            error={errors.field("taskForce.privateMembers")}
          />
        </div>
        <p class="field-hint" id={`${p}-members-hint`}>
          {t("form.membersHint")}
        </p>
        <ul class="member-rows" id={`${p}-members`} tabindex="-1">
          <Index each={members()}>
            {(m, i) => (
              <li class="member-row">
                <Field
                  id={`${p}-member-${i}`}
                  label={t("form.memberName", { n: i + 1 })}
                  maxLength={50}
                  value={m().name}
                  onInput={(e) => setMember(i, { name: e.currentTarget.value })}
                  error={errors.field(`taskForce.members.${i}.name`)}
                />
                <SelectField id={`${p}-member-${i}-side`} label={t("form.memberSide", { n: i + 1 })} value={m().side} onChange={(e) => setMember(i, { side: e.currentTarget.value as Person["side"] })}>
                  <option value="public">{t("side.public")}</option>
                  <option value="private">{t("side.private")}</option>
                </SelectField>
                <button type="button" class="btn btn-tertiary btn-small row-remove" onClick={() => setMembers((ms) => ms.filter((_, k) => k !== i))}>
                  {t("form.remove")}
                  <span class="visually-hidden">: {t("form.memberName", { n: i + 1 })}</span>
                </button>
              </li>
            )}
          </Index>
        </ul>
        <p>
          <button type="button" class="btn btn-secondary btn-small" disabled={members().length >= MAX_MEMBERS} onClick={() => setMembers((ms) => [...ms, { name: "", side: "public" }])}>
            {t("form.addMember")}
          </button>
        </p>
      </fieldset>

      <fieldset class="fieldset budget-lines" disabled={props.locked}>
        <legend class="field-label">{t("form.budget")}</legend>
        <p class="field-hint">{t("form.budgetHint")}</p>
        <ol class="line-rows" data-testid={`${p}-lines`}>
          <Index each={lines()}>
            {(l, i) => (
              <li class="line-row">
                <Field
                  id={`${p}-line-${i}-item`}
                  label={t("form.lineItem", { n: i + 1 })}
                  maxLength={100}
                  value={l().item}
                  onInput={(e) => setLine(i, { item: e.currentTarget.value })}
                  error={errors.field(`budgetLines.${i}.item`) ?? errors.field(`budgetLines.${i}`)}
                />
                <Field
                  id={`${p}-line-${i}-amount`}
                  label={t("form.lineAmount", { n: i + 1 })}
                  inputmode="numeric"
                  autocomplete="off"
                  class="field-amount"
                  value={l().amount}
                  onInput={(e) => setLine(i, { amount: e.currentTarget.value })}
                  hint={Number.isFinite(parseAmount(l().amount)) ? moneyProse(parseAmount(l().amount)) : undefined}
                  error={errors.field(`budgetLines.${i}.amount`)}
                />
                <button type="button" class="btn btn-tertiary btn-small row-remove" disabled={props.locked} onClick={() => removeLine(i)}>
                  {t("form.remove")}
                  <span class="visually-hidden">: {t("form.lineItem", { n: i + 1 })}</span>
                </button>
              </li>
            )}
          </Index>
        </ol>
        <p>
          <button type="button" id={`${p}-lines-add`} class="btn btn-secondary btn-small" disabled={props.locked || lines().length >= MAX_LINES} onClick={addLine}>
            {t("form.addLine")}
          </button>
        </p>
        <Show when={errors.field("budgetLines")}>
          <p class="field-error">
            <Icon name="error" size={18} />
            <span>{errors.field("budgetLines")}</span>
          </p>
        </Show>
        <p class="budget-total" role="status" aria-live="polite" data-testid={`${p}-total`}>
          <span class="budget-total-label">{t("form.total")}</span> <strong class="budget-total-figure">{money(total())}</strong>{" "}
          <span class="budget-total-prose">({moneyProse(total())})</span>
        </p>
      </fieldset>

      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
          <Show when={errors.pending()} fallback={props.submitLabel}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("form.saving")}
          </Show>
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="btn btn-tertiary btn-large" onClick={() => props.onCancel?.()}>
            {t("form.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}
