import "./tablet.css";
import { For, Show } from "solid-js";
import { Icon } from "../../app/ui.js";
import type { PersonEntryState, PersonField } from "./entry.js";
import { t } from "./strings.js";

/**
 * The person's fields on the venue tablet: the way to identify them (mobile number, or name and
 * birth date) and the field(s) for it, large. `idPrefix` keeps two screens' ids apart.
 */
export function PersonEntry(props: { entry: PersonEntryState; idPrefix?: string; radioName: string; phoneHint: string }) {
  const e = () => props.entry;
  return (
    <>
      <fieldset class="mode-switch">
        <legend class="visually-hidden">{t("person.modeLabel")}</legend>
        <label class="mode-option" classList={{ selected: e().mode() === "phone" }}>
          <input type="radio" name={props.radioName} value="phone" checked={e().mode() === "phone"} onChange={() => e().setMode("phone")} />
          <span>{t("person.modePhone")}</span>
        </label>
        <label class="mode-option" classList={{ selected: e().mode() === "name" }}>
          <input type="radio" name={props.radioName} value="name" checked={e().mode() === "name"} onChange={() => e().setMode("name")} />
          <span>{t("person.modeName")}</span>
        </label>
      </fieldset>
      <div class="entry">
        <Show
          when={e().mode() === "phone"}
          fallback={
            <div class="name-fields">
              <EntryField entry={e()} field="name" idPrefix={props.idPrefix} label={t("person.name")} />
              <EntryField entry={e()} field="birthDate" idPrefix={props.idPrefix} label={t("person.birthDate")} hint={t("person.birthDateHint")} />
            </div>
          }
        >
          <EntryField entry={e()} field="phone" idPrefix={props.idPrefix} label={t("person.phone")} hint={props.phoneHint} />
        </Show>
      </div>
    </>
  );
}

const INPUT: Record<PersonField, { inputmode: "numeric" | "text"; maxLength: number; enterkeyhint: "done" | "next"; class?: string }> = {
  phone: { inputmode: "numeric", maxLength: 20, enterkeyhint: "done", class: "input-phone" },
  name: { inputmode: "text", maxLength: 50, enterkeyhint: "next" },
  birthDate: { inputmode: "numeric", maxLength: 10, enterkeyhint: "done" },
};

function EntryField(props: { entry: PersonEntryState; field: PersonField; idPrefix?: string; label: string; hint?: string }) {
  const id = () => `${props.idPrefix ?? ""}${props.field}`;
  const error = () => props.entry.errorFor(props.field);
  const describedBy = () => [props.hint ? `${id()}-hint` : "", error() ? `${id()}-error` : ""].filter(Boolean).join(" ") || undefined;
  const spec = () => INPUT[props.field];
  return (
    <div class="field" classList={{ "has-error": !!error() }}>
      <label for={id()} class="field-label">
        {props.label}
      </label>
      <Show when={props.hint}>
        <p id={`${id()}-hint`} class="field-hint">
          {props.hint}
        </p>
      </Show>
      <input
        id={id()}
        ref={props.entry.ref(props.field)}
        class={`input input-xl ${spec().class ?? ""}`}
        type="text"
        inputmode={spec().inputmode}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        enterkeyhint={spec().enterkeyhint}
        maxLength={spec().maxLength}
        readOnly={props.entry.disabled()}
        value={props.entry.value(props.field)}
        onInput={(e) => {
          e.currentTarget.value = props.entry.type(props.field, e.currentTarget.value);
        }}
        aria-invalid={error() ? "true" : undefined}
        aria-describedby={describedBy()}
      />
      <Show when={error()}>
        <p id={`${id()}-error`} class="field-error">
          <Icon name="error" size={20} />
          <span>{error()}</span>
        </p>
      </Show>
    </div>
  );
}

/** The on-screen keypad: digits into the number (or the birth date), clear, backspace. */
export function Keypad(props: { entry: PersonEntryState }) {
  return (
    <div class="keypad" role="group" aria-label={t("person.keypad")}>
      <For each={["1", "2", "3", "4", "5", "6", "7", "8", "9"]}>
        {(d) => (
          <button type="button" class="key" onClick={() => props.entry.press(d)} disabled={props.entry.disabled()}>
            {d}
          </button>
        )}
      </For>
      <button type="button" class="key key-fn" onClick={() => props.entry.clearNumber()} disabled={props.entry.disabled()}>
        {t("person.clear")}
      </button>
      <button type="button" class="key" onClick={() => props.entry.press("0")} disabled={props.entry.disabled()}>
        0
      </button>
      <button type="button" class="key key-fn" onClick={() => props.entry.backspace()} disabled={props.entry.disabled()}>
        <span aria-hidden="true">⌫ </span>
        {t("person.backspace")}
      </button>
    </div>
  );
}
