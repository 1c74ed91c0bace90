import { createAsync, useLocation, useSearchParams } from "@solidjs/router";
import { createSignal } from "solid-js";
import { proposalsApi, type ProposalItem, type ProposalQuery, type ProposalSource, type ProposalStatus } from "./api.js";
import { getProposals } from "./queries.js";

const SOURCES: ProposalSource[] = ["online", "session", "import"];
const STATUSES: ProposalStatus[] = ["pending", "published", "hidden", "merged"];

export type Filters = Pick<ProposalQuery, "q" | "field" | "source" | "status">;

/** The list's filters live in the address (?q=&field=&source=&status=), so a search can be shared and Back works. */
export function useFilters() {
  const [search, setSearch] = useSearchParams();
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
  const filters = (): Filters => ({
    q: str(search.q),
    field: str(search.field),
    source: SOURCES.find((s) => s === search.source),
    status: STATUSES.find((s) => s === search.status),
  });
  /** Changes some filters; an empty value removes it. */
  const setFilters = (patch: Partial<Record<keyof Filters, string | undefined>>) =>
    setSearch(Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v ? v : undefined])));
  return { filters, setFilters, raw: search };
}

/**
 * A forum's proposals for some filters: the first page is route data (a query: cached, and read
 * only inside the page's ErrorBoundary); "more" pages are fetched with the cursor and appended
 * here, for these filters only; proposals changed on this page (moderation) replace their old
 * copy in place, so the list does not jump under the staff member's hands.
 */
export function createProposalList(forumId: () => string, query: () => ProposalQuery) {
  const first = createAsync(() => getProposals(forumId(), query()));
  const key = () => JSON.stringify([forumId(), query()]);
  const [more, setMore] = createSignal<{ key: string; items: ProposalItem[]; nextCursor?: string }>();
  const [changed, setChanged] = createSignal<Record<string, ProposalItem>>({});
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const extra = () => {
    const m = more();
    return m && m.key === key() ? m : undefined;
  };

  return {
    /** Throws if the first page failed: read inside an ErrorBoundary. */
    page: first,
    items(): ProposalItem[] | undefined {
      const base = first()?.items;
      if (!base) return undefined;
      const seen = new Set<string>();
      const mine = changed();
      return [...base, ...(extra()?.items ?? [])].filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => mine[p.id] ?? p);
    },
    nextCursor: () => {
      const e = extra();
      return e ? e.nextCursor : first()?.nextCursor;
    },
    loading,
    error,
    /** Fetches the next page; resolves to the id of its first proposal (to move focus there). */
    async loadMore(): Promise<string | undefined> {
      const cursor = extra() ? extra()!.nextCursor : first()?.nextCursor;
      if (!cursor || loading()) return undefined;
      const k = key();
      setLoading(true);
      setError(undefined);
      try {
        const page = await proposalsApi.proposals(forumId(), { ...query(), cursor });
        if (k !== key()) return undefined;
        setMore((m) => ({ key: k, items: [...(m?.key === k ? m.items : []), ...page.items], nextCursor: page.nextCursor }));
        return page.items[0]?.id;
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
        return undefined;
      } finally {
        setLoading(false);
      }
    },
    /** A proposal changed on this page: shown as it is now, where it was. */
    replace(p: ProposalItem) {
      setChanged((m) => ({ ...m, [p.id]: p }));
    },
  };
}

/**
 * The address with some filters changed, for links (the chart's fields, the status tabs). Use
 * them on a plain <a>: the router takes the click all the same, while its <A> would mark every
 * link to this path as the current page.
 */
export function useHrefWith() {
  const location = useLocation();
  return (patch: Partial<Record<keyof Filters, string | undefined>>) => {
    const q = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    const s = q.toString();
    return `${location.pathname}${s ? `?${s}` : ""}`;
  };
}
