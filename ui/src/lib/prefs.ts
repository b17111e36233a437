// Language and auto-lock preferences: applied at once, remembered by Rust.
import { get } from "svelte/store";
import { api } from "./api";
import { isLanguage, language, type Language } from "./i18n";
import { prefs } from "./stores";
import type { Prefs } from "./bindings";

/** Takes preferences read from Rust (start-up, or after saving). */
export function applyPrefs(saved: Prefs): void {
  prefs.set(saved);
  if (isLanguage(saved.language)) language.set(saved.language);
}

/** Saves the preferences; throws an IpcFailure when Rust refuses. */
export async function savePrefs(lang: Language, autoLockMinutes: number): Promise<void> {
  language.set(lang);
  applyPrefs(await api.setPrefs(lang, autoLockMinutes));
}

/** Switches the language now and remembers it; a failure to remember is not worth a message. */
export async function chooseLanguage(lang: Language): Promise<void> {
  language.set(lang);
  try {
    await savePrefs(lang, get(prefs).autoLockMinutes);
  } catch {
    /* the switch itself worked; it just will not be remembered */
  }
}
