/**
 * Korean-friendly text search over short texts. Korean writes compound nouns without spaces
 * (청소년여가문화공간) and spaces them inconsistently, so word-based full-text search misses
 * them (Decidim's famously does). Here both the text and each query term are normalised (NFKC,
 * lower case, all whitespace removed) and a term matches anywhere inside the text: 청소년 finds
 * 청소년여가문화공간, and 여가 문화 finds 여가문화. Every term must match.
 */
export namespace Search {
  export const normalise = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");

  /** The query's terms, normalised; empty when there is nothing to search for. */
  export function terms(q: string | undefined): string[] {
    if (!q) return [];
    return [...new Set(q.normalize("NFKC").split(/\s+/u).map(normalise).filter((t) => t.length > 0))];
  }

  /** 0: no match; 2: every term in the title; 1: every term somewhere in the text. */
  export function score(terms: string[], doc: { title: string; text: string }): number {
    if (terms.length === 0) return 1;
    if (!terms.every((t) => doc.text.includes(t))) return 0;
    return terms.every((t) => doc.title.includes(t)) ? 2 : 1;
  }
}
