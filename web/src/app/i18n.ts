import { createEffect, createRoot, createSignal } from "solid-js";

/**
 * The UI's two languages and the way strings are looked up. Korean is the default; the choice is
 * kept in localStorage and sets <html lang>. The strings themselves live beside what shows them:
 * `app/strings.ts` (what every page shares) and each feature's `strings.ts`, which builds its own
 * `t` from the shared dictionary plus its own, so a feature's strings travel with its code.
 */
export type Lang = "ko" | "en";

/** One dictionary: the Korean strings (whose keys are the dictionary's keys) and the English ones, key for key. */
export interface Dictionary<K extends string> {
  ko: Readonly<Record<K, string>>;
  en: Readonly<Record<K, string>>;
}

/** Parameters filled into a string's {name} placeholders. */
export type Params = Record<string, string | number>;

const STORAGE_KEY = "gongnon.lang";

function initial(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "ko" || saved === "en") return saved;
  } catch {
    /* storage unavailable: default */
  }
  return "ko";
}

const [lang, setLangSignal] = createSignal<Lang>(initial());
export { lang };

export function setLang(next: Lang) {
  setLangSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* storage unavailable: this page only */
  }
}

createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = lang();
  });
});

/** BCP 47 locale for Intl formatting. */
export const locale = () => (lang() === "ko" ? "ko-KR" : "en-GB");

/**
 * A `t` over some dictionaries (the shared one, then a feature's): the string for `key` in the
 * current language, with {name} placeholders filled in. Its keys are exactly those dictionaries'
 * keys, so a feature cannot ask for another feature's string by accident.
 */
export function translator<A extends string>(a: Dictionary<A>): (key: A, params?: Params) => string;
export function translator<A extends string, B extends string>(a: Dictionary<A>, b: Dictionary<B>): (key: A | B, params?: Params) => string;
export function translator(...dictionaries: Dictionary<string>[]) {
  const merged: Record<Lang, Record<string, string>> = { ko: {}, en: {} };
  for (const d of dictionaries) {
    Object.assign(merged.ko, d.ko);
    Object.assign(merged.en, d.en);
  }
  return (key: string, params?: Params): string => {
    const text = merged[lang()][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
