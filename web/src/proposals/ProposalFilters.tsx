import { createEffect, createSignal, For, on, Show } from "solid-js";
import type { ProposalSource, ProposalStatus } from "./api.js";
import { t } from "./strings.js";
import type { Filters } from "./proposal-list.js";
import { Icon } from "../app/ui.js";

const SOURCES: ProposalSource[] = ["online", "session", "import"];
const STATUSES: ProposalStatus[] = ["pending", "published", "hidden", "merged"];

/**
 * The search box (Korean substring search: 청소년 finds 청소년여가문화공간) and the filters. The
 * search is sent with its button or Enter; a filter applies as soon as it is chosen (the results
 * below change, the page does not).
 */
export function ProposalFilters(props: {
  idPrefix: string;
  filters: Filters;
  fields: string[];
  withStatus?: boolean;
  onChange: (patch: Partial<Record<keyof Filters, string | undefined>>) => void;
}) {
  const [q, setQ] = createSignal(props.filters.q ?? "");
  // Back/forward (or a link) changes the address: the box follows.
  createEffect(on(() => props.filters.q, (v) => setQ(v ?? ""), { defer: true }));
  const id = (name: string) => `${props.idPrefix}-${name}`;

  return (
    <div class="filters">
      <form
        role="search"
        class="search-form"
        aria-label={t("list.searchLabel")}
        onSubmit={(e) => {
          e.preventDefault();
          props.onChange({ q: q().trim() });
        }}
      >
        <label for={id("q")} class="field-label">
          {t("list.search")}
        </label>
        <div class="search-row">
          <input
            id={id("q")}
            class="input"
            type="search"
            maxLength={100}
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
            aria-describedby={id("q-hint")}
            enterkeyhint="search"
          />
          <button type="submit" class="btn btn-primary">
            <Icon name="search" size={20} />
            {t("list.searchButton")}
          </button>
        </div>
        <p id={id("q-hint")} class="field-hint">
          {t("list.searchHint")}
        </p>
      </form>
      <div class="filter-row">
        <div class="field">
          <label for={id("field")} class="field-label">
            {t("list.field")}
          </label>
          <select id={id("field")} class="input select" value={props.filters.field ?? ""} onChange={(e) => props.onChange({ field: e.currentTarget.value })}>
            <option value="">{t("list.all")}</option>
            <For each={props.fields}>
              {(f) => (
                <option value={f} selected={f === props.filters.field}>
                  {f}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={id("source")} class="field-label">
            {t("list.source")}
          </label>
          <select id={id("source")} class="input select" value={props.filters.source ?? ""} onChange={(e) => props.onChange({ source: e.currentTarget.value })}>
            <option value="">{t("list.all")}</option>
            <For each={SOURCES}>
              {(s) => (
                <option value={s} selected={s === props.filters.source}>
                  {t(`proposal.source.${s}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={props.withStatus}>
          <div class="field">
            <label for={id("status")} class="field-label">
              {t("list.status")}
            </label>
            <select id={id("status")} class="input select" value={props.filters.status ?? ""} onChange={(e) => props.onChange({ status: e.currentTarget.value })}>
              <option value="">{t("list.all")}</option>
              <For each={STATUSES}>
                {(s) => (
                  <option value={s} selected={s === props.filters.status}>
                    {t(`proposal.status.${s}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
        </Show>
      </div>
    </div>
  );
}
