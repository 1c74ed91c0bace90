import { revalidate } from "@solidjs/router";
import { createEffect, createSignal, Show, splitProps, type JSX, type ParentProps } from "solid-js";
import { ApiError } from "./api.js";
import { formatNumber } from "./format.js";
import { t } from "./strings.js";

/** Small building blocks shared by the pages: icons, alerts, labelled fields, page titles. */

export type Tone = "success" | "info" | "warning" | "danger" | "neutral";

export type IconName =
  | "check"
  | "star"
  | "info"
  | "warning"
  | "error"
  | "sync"
  | "user"
  | "external"
  | "send"
  | "eye"
  | "hidden"
  | "tag"
  | "edit"
  | "merge"
  | "move"
  | "flag"
  | "copy"
  | "search"
  | "upload";

/** Line icons: one path each, drawn with the current colour. */
const LINE: Partial<Record<IconName, string>> = {
  send: "M3 11.5L21 3l-8.5 18-2.2-7.3zM10.3 13.7L21 3",
  eye: "M2 12s3.6-6.5 10-6.5S22 12 22 12s-3.6 6.5-10 6.5S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
  hidden: "M3 3l18 18M10.6 5.6A9.6 9.6 0 0 1 12 5.5c6.4 0 10 6.5 10 6.5a17 17 0 0 1-3.1 3.9M6.6 6.6A16.8 16.8 0 0 0 2 12s3.6 6.5 10 6.5a9.4 9.4 0 0 0 4.4-1.1M9.9 9.9a3 3 0 0 0 4.2 4.2",
  tag: "M3 12.2V4a1 1 0 0 1 1-1h8.2l8.5 8.5a1.4 1.4 0 0 1 0 2l-7.2 7.2a1.4 1.4 0 0 1-2 0zM7.5 8.5h.01",
  edit: "M4 20h4L19.5 8.5a2.1 2.1 0 0 0-4-4L4 16zM13.5 6.5l4 4",
  merge: "M6 3v6a6 6 0 0 0 6 6h6M6 21V9M15 12l3 3-3 3",
  move: "M4 12h15M14 7l5 5-5 5M4 5v14",
  flag: "M5 21V4M5 4h11l-2 4 2 4H5",
  copy: "M9 9h10a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V10a1 1 0 0 1 1-1zM5 15H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h10a1 1 0 0 1 1 1v1",
  search: "M10.5 18a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15zM16 16l5 5",
  upload: "M12 16V4M7 9l5-5 5 5M4 16v3a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-3",
};

export function Icon(props: { name: IconName; size?: number }) {
  const size = () => props.size ?? 24;
  return (
    <svg class="icon" width={size()} height={size()} viewBox="0 0 24 24" aria-hidden="true">
      {(() => {
        switch (props.name) {
          case "check":
            return (
              <>
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" />
              </>
            );
          case "star":
            return (
              <>
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path
                  d="M12 5.2l1.95 4.1 4.45.55-3.28 3.08.84 4.42L12 15.2l-3.96 2.15.84-4.42L5.6 9.85l4.45-.55z"
                  fill="#fff"
                />
              </>
            );
          case "info":
            return (
              <>
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path d="M12 10.5v7" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
                <circle cx="12" cy="6.8" r="1.6" fill="#fff" />
              </>
            );
          case "warning":
            return (
              <>
                <path d="M12 1.8L23 21.5H1z" fill="currentColor" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
                <path d="M12 8.5v6.5" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
                <circle cx="12" cy="18.2" r="1.5" fill="#fff" />
              </>
            );
          case "error":
            return (
              <>
                <circle cx="12" cy="12" r="11" fill="currentColor" />
                <path d="M8 8l8 8M16 8l-8 8" stroke="#fff" stroke-width="2.4" stroke-linecap="round" />
              </>
            );
          case "sync":
            return (
              <path
                d="M20 12a8 8 0 0 1-14.3 4.9M4 12A8 8 0 0 1 18.3 7.1M18.5 3v4.5H14M5.5 21v-4.5H10"
                fill="none"
                stroke="currentColor"
                stroke-width="2.2"
                stroke-linecap="round"
                stroke-linejoin="round"
              />
            );
          case "user":
            return (
              <>
                <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2" />
                <path d="M4 21c1.2-4 4.2-6 8-6s6.8 2 8 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
              </>
            );
          case "external":
            return (
              <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
            );
          default:
            return <path d={LINE[props.name]} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />;
        }
      })()}
    </svg>
  );
}

const toneIcon = { success: "check", info: "info", warning: "warning", danger: "error", neutral: "sync" } as const;

/** A message box; `role` alert for errors that must interrupt, status for the rest. */
export function Alert(props: ParentProps<{ tone: Tone; title?: string; id?: string; role?: "alert" | "status"; class?: string }>) {
  return (
    <div id={props.id} class={`alert alert-${props.tone} ${props.class ?? ""}`} role={props.role}>
      <Icon name={toneIcon[props.tone]} />
      <div class="alert-body">
        <Show when={props.title}>
          <p class="alert-title">{props.title}</p>
        </Show>
        {props.children}
      </div>
    </div>
  );
}

/** Sets document.title for the page (WCAG 2.4.2). */
export function usePageTitle(title: () => string | undefined) {
  createEffect(() => {
    const page = title();
    document.title = page ? `${page} | ${t("app.name")}` : t("app.name");
  });
}

/** Sets the document title from inside a page's <Show>/<ErrorBoundary>, where its data is known to be ready. */
export function PageTitle(props: { title: string }) {
  usePageTitle(() => props.title);
  return null;
}

export function Loading() {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}

export function LoadError(props: { error: unknown; retry?: () => void }) {
  return (
    <Alert tone="danger" role="alert" title={t("common.loadFailed")}>
      <p>{props.error instanceof Error ? props.error.message : String(props.error)}</p>
      <Show when={props.retry}>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={async () => {
            await revalidate().catch(() => undefined);
            props.retry?.();
          }}
        >
          {t("common.retry")}
        </button>
      </Show>
    </Alert>
  );
}

/**
 * The fallback of a page's <ErrorBoundary> when the page itself could not load (its first load
 * failed): the error with a retry, and a document title that says so instead of keeping the
 * previous page's title (WCAG 2.4.2). Pages whose heading still stands (a list that failed under
 * its page title) use LoadError alone.
 */
export function PageLoadError(props: { error: unknown; retry?: () => void }) {
  return (
    <>
      <PageTitle title={t("common.pageLoadFailed")} />
      <LoadError error={props.error} retry={props.retry} />
    </>
  );
}

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with optional hint and error, tied together with aria-describedby. */
export function Field(
  props: InputProps & {
    id: string;
    label: string;
    hint?: string;
    error?: string;
    optional?: boolean;
    class?: string;
    ref?: (el: HTMLInputElement) => void;
    /** Characters typed against the limit, shown under the input. */
    counter?: Counter;
  },
) {
  const [own, input] = splitProps(props, ["id", "label", "hint", "error", "optional", "class", "ref", "aria-describedby", "counter"]);
  const describedBy = () =>
    [own.hint ? `${own.id}-hint` : "", own.counter ? `${own.id}-count` : "", own.error ? `${own.id}-error` : "", own["aria-describedby"] ?? ""]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div class={`field ${own.class ?? ""}`} classList={{ "has-error": !!own.error }}>
      <label for={own.id} class="field-label">
        {own.label}
        <Show when={own.optional}>
          <span class="field-optional"> ({t("common.optional")})</span>
        </Show>
      </label>
      <Show when={own.hint}>
        <p id={`${own.id}-hint`} class="field-hint">
          {own.hint}
        </p>
      </Show>
      <input {...input} id={own.id} ref={own.ref} class="input" aria-invalid={own.error ? "true" : undefined} aria-describedby={describedBy()} />
      <Show when={own.counter}>{(c) => <CharCount id={`${own.id}-count`} counter={c()} />}</Show>
      <Show when={own.error}>
        <p id={`${own.id}-error`} class="field-error">
          <Icon name="error" size={18} />
          <span>{own.error}</span>
        </p>
      </Show>
    </div>
  );
}

/** Same, for a textarea. */
export function TextArea(
  props: JSX.TextareaHTMLAttributes<HTMLTextAreaElement> & {
    id: string;
    label: string;
    hint?: string;
    error?: string;
    optional?: boolean;
    counter?: Counter;
    ref?: (el: HTMLTextAreaElement) => void;
  },
) {
  const [own, rest] = splitProps(props, ["id", "label", "hint", "error", "optional", "counter", "ref", "aria-describedby"]);
  const describedBy = () =>
    [own.hint ? `${own.id}-hint` : "", own.counter ? `${own.id}-count` : "", own.error ? `${own.id}-error` : "", own["aria-describedby"] ?? ""]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div class="field" classList={{ "has-error": !!own.error }}>
      <label for={own.id} class="field-label">
        {own.label}
        <Show when={own.optional}>
          <span class="field-optional"> ({t("common.optional")})</span>
        </Show>
      </label>
      <Show when={own.hint}>
        <p id={`${own.id}-hint`} class="field-hint">
          {own.hint}
        </p>
      </Show>
      <textarea {...rest} id={own.id} ref={own.ref} class="input textarea" aria-invalid={own.error ? "true" : undefined} aria-describedby={describedBy()} />
      <Show when={own.counter}>{(c) => <CharCount id={`${own.id}-count`} counter={c()} />}</Show>
      <Show when={own.error}>
        <p id={`${own.id}-error`} class="field-error">
          <Icon name="error" size={18} />
          <span>{own.error}</span>
        </p>
      </Show>
    </div>
  );
}

export interface Counter {
  length: number;
  max: number;
  min?: number;
}

/** "12 / 100자": under the field, tied to it by aria-describedby (read when the field is focused, not at every keystroke). */
function CharCount(props: { id: string; counter: Counter }) {
  const short = () => props.counter.min !== undefined && props.counter.length > 0 && props.counter.length < props.counter.min;
  const full = () => props.counter.length >= props.counter.max;
  return (
    <p id={props.id} class="field-count" classList={{ "is-short": short(), "is-full": full() }}>
      {t("common.charCount", { n: formatNumber(props.counter.length), max: formatNumber(props.counter.max) })}
      <Show when={short()}>
        <span> · {t("common.charMin", { min: props.counter.min! })}</span>
      </Show>
    </p>
  );
}

/** A labelled select with optional hint and error, like Field. */
export function SelectField(
  props: ParentProps<
    Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
      id: string;
      label: string;
      hint?: string;
      error?: string;
      optional?: boolean;
      class?: string;
      ref?: (el: HTMLSelectElement) => void;
    }
  >,
) {
  const [own, rest] = splitProps(props, ["id", "label", "hint", "error", "optional", "class", "ref", "children", "aria-describedby"]);
  const describedBy = () =>
    [own.hint ? `${own.id}-hint` : "", own.error ? `${own.id}-error` : "", own["aria-describedby"] ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field ${own.class ?? ""}`} classList={{ "has-error": !!own.error }}>
      <label for={own.id} class="field-label">
        {own.label}
        <Show when={own.optional}>
          <span class="field-optional"> ({t("common.optional")})</span>
        </Show>
      </label>
      <Show when={own.hint}>
        <p id={`${own.id}-hint`} class="field-hint">
          {own.hint}
        </p>
      </Show>
      <select {...rest} id={own.id} ref={own.ref} class="input select" aria-invalid={own.error ? "true" : undefined} aria-describedby={describedBy()}>
        {own.children}
      </select>
      <Show when={own.error}>
        <p id={`${own.id}-error`} class="field-error">
          <Icon name="error" size={18} />
          <span>{own.error}</span>
        </p>
      </Show>
    </div>
  );
}

/**
 * Form error state: an API error naming a field this form has goes next to that field (and
 * focus moves there); anything else is shown once for the whole form.
 */
export function createFormErrors(fieldIds: Record<string, string>) {
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const [form, setForm] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const errors = {
    field: (name: string) => fields()[name],
    form,
    pending,
    clear() {
      setFields({});
      setForm(undefined);
    },
    show(err: unknown) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof ApiError && err.field && fieldIds[err.field]) {
        setFields({ [err.field]: message });
        setForm(undefined);
        queueMicrotask(() => document.getElementById(fieldIds[err.field!]!)?.focus());
      } else {
        setFields({});
        setForm(message);
      }
    },
    /** The form's submit handler: one request at a time, old errors cleared first, new ones shown where they belong. */
    submit(action: () => Promise<void>, onError?: (err: unknown) => void) {
      return async (e: SubmitEvent) => {
        e.preventDefault();
        if (pending()) return;
        errors.clear();
        setPending(true);
        try {
          await action();
        } catch (err) {
          onError?.(err);
          errors.show(err);
        } finally {
          setPending(false);
        }
      };
    },
  };
  return errors;
}

/** The form-level error box (errors that belong to no single field). */
export function FormError(props: ParentProps<{ errors: { form: () => string | undefined }; id?: string }>) {
  return (
    <Show when={props.errors.form()}>
      <Alert tone="danger" role="alert" id={props.id}>
        <p>{props.errors.form()}</p>
        {props.children}
      </Alert>
    </Show>
  );
}

/** A box that scrolls sideways on narrow screens; focusable so keyboard users can scroll it too. */
export function ScrollRegion(props: ParentProps<{ label: string; class?: string }>) {
  return (
    <div class={props.class ?? "table-wrap"} tabindex="0" role="region" aria-label={props.label}>
      {props.children}
    </div>
  );
}
