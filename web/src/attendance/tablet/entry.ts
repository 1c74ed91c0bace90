import { batch, createSignal } from "solid-js";

/**
 * A person typed on the venue tablet (the check-in console, the table ballot): a mobile number, or
 * a name and birth date for people without a phone; the keypad's keys; the error of one field.
 * The values live here, so that clearing them for the next person is one call.
 */

export type Mode = "phone" | "name";
export type PersonField = "phone" | "name" | "birthDate";
export type Person = { phone: string } | { name: string; birthDate: string };

/** 01012345678 → 010-1234-5678 while typing; anything that is not plain digits is left as typed. */
export function formatPhone(raw: string): string {
  if (!/^[\d\s-]*$/.test(raw)) return raw;
  const d = raw.replace(/\D/g, "").slice(0, 11);
  if (d.length < 4) return d;
  if (d.length < 8) return `${d.slice(0, 3)}-${d.slice(3)}`;
  if (d.length === 10) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
}

/** 19900131 → 1990-01-31 while typing; other separators are left as typed. */
export function formatBirthDate(raw: string): string {
  if (!/^[\d-]*$/.test(raw)) return raw;
  const d = raw.replace(/\D/g, "").slice(0, 8);
  if (d.length <= 4) return d;
  if (d.length <= 6) return `${d.slice(0, 4)}-${d.slice(4)}`;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

export const isPersonField = (field: string | undefined): field is PersonField => field === "phone" || field === "name" || field === "birthDate";

/** `disabled`: a request is on its way; the keys and fields take nothing meanwhile. */
export function createPersonEntry(opts: { disabled?: () => boolean } = {}) {
  const disabled = () => opts.disabled?.() ?? false;
  const [mode, setModeSignal] = createSignal<Mode>("phone");
  const [phone, setPhone] = createSignal("");
  const [name, setName] = createSignal("");
  const [birthDate, setBirthDate] = createSignal("");
  const [error, setError] = createSignal<{ field: PersonField; message: string }>();
  const inputs: Partial<Record<PersonField, HTMLInputElement>> = {};
  const numeric = (): PersonField => (mode() === "phone" ? "phone" : "birthDate");

  const entry = {
    mode,
    phone,
    name,
    birthDate,
    setMode(next: Mode) {
      batch(() => {
        setModeSignal(next);
        setError(undefined);
      });
    },
    /** Sets a field as typed (numbers are formatted); returns the value shown. */
    type(field: PersonField, raw: string): string {
      if (field === "phone") setPhone(formatPhone(raw));
      else if (field === "name") setName(raw);
      else setBirthDate(formatBirthDate(raw));
      setError(undefined);
      return entry.value(field);
    },
    value: (field: PersonField) => (field === "phone" ? phone() : field === "name" ? name() : birthDate()),
    errorFor: (field: PersonField) => (error()?.field === field ? error()!.message : undefined),
    /** Shows a field's error and moves focus there (unless the field is not on screen yet). */
    fail(field: PersonField, message: string, focus = true) {
      setError({ field, message });
      if (focus) entry.focus(field);
    },
    clearError: () => setError(undefined),
    ref: (field: PersonField) => (el: HTMLInputElement) => (inputs[field] = el),
    focus: (field: PersonField) => inputs[field]?.focus(),

    /** The person as typed, or the first field left empty. */
    read(): Person | { missing: PersonField } {
      if (mode() === "phone") return phone().trim() ? { phone: phone().trim() } : { missing: "phone" };
      if (!name().trim()) return { missing: "name" };
      if (!birthDate().trim()) return { missing: "birthDate" };
      return { name: name().trim(), birthDate: birthDate().trim() };
    },
    /** Nothing of this person stays on screen. */
    clear() {
      batch(() => {
        setPhone("");
        setName("");
        setBirthDate("");
        setError(undefined);
      });
    },

    press(digit: string) {
      if (disabled()) return;
      if (mode() === "phone") setPhone((v) => formatPhone(v + digit));
      else setBirthDate((v) => formatBirthDate(v + digit));
      setError(undefined);
    },
    backspace() {
      if (disabled()) return;
      const cut = (v: string) => v.replace(/-?.$/, "");
      if (mode() === "phone") setPhone((v) => formatPhone(cut(v)));
      else setBirthDate((v) => formatBirthDate(cut(v)));
    },
    /** Empties the field the keypad types into. */
    clearNumber() {
      if (disabled()) return;
      if (mode() === "phone") setPhone("");
      else setBirthDate("");
      setError(undefined);
      entry.focus(numeric());
    },
    disabled,
  };
  return entry;
}

export type PersonEntryState = ReturnType<typeof createPersonEntry>;
