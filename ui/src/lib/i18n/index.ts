// English and Norwegian bokmål. Every string the UI shows is a key in `en.ts` and `nb.ts`
// (the same keys: `nb` is typed by `en`'s keys), looked up with `t(key, params)`.
import { derived, get, writable } from "svelte/store";
import { en, type Key } from "./en";
import { nb } from "./nb";

export type { Key };
export type Language = "en" | "nb";
export const LANGUAGES: Language[] = ["en", "nb"];
export type Params = Record<string, string | number | null | undefined>;
export type Translate = (key: Key, params?: Params) => string;

export const dictionaries: Record<Language, Record<Key, string>> = { en, nb };

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "nb";
}

/** Whether `key` is one of the dictionary's keys (for keys built from codes). */
export function isKey(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** Replaces `{name}` with `params.name`; a placeholder without a value is left as it is. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** The marks the pseudo-locale wraps every catalogue string in. */
export const PSEUDO_OPEN = "⟦";
export const PSEUDO_CLOSE = "⟧";

/**
 * The pseudo-locale, for checking the real window: every catalogue string is wrapped in
 * ⟦…⟧, so any text on screen outside the marks did not come from the catalogue (hard-coded
 * words) unless it is the person's own data. Switched on before the page loads, by
 * `localStorage["candor.pseudoLocale"] = "1"`; nothing in the app sets it.
 */
const pseudoLocale = (() => {
  try {
    return typeof localStorage !== "undefined" && localStorage.getItem("candor.pseudoLocale") === "1";
  } catch {
    return false;
  }
})();

export function translate(language: Language, key: Key, params?: Params): string {
  const text = interpolate(dictionaries[language][key] ?? en[key] ?? key, params);
  return pseudoLocale ? `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : text;
}

export const language = writable<Language>("en");

/** `$t("key", { name })` in components. */
export const t = derived(language, (lang): Translate => (key, params) => translate(lang, key, params));

/** The translate function for the current language, outside components. */
export function tNow(): Translate {
  return get(t);
}

/** The BCP 47 tag for number and date formatting. */
export function locale(lang: Language): string {
  return lang === "nb" ? "nb-NO" : "en-GB";
}

// The document's language follows the chosen one (screen readers, hyphenation, spelling).
if (typeof document !== "undefined") {
  language.subscribe((lang) => {
    document.documentElement.lang = lang;
  });
}
