// An import's notes in the seeker's language. The core gives each note a stable code and
// its values (a course title, a column, a country); the sentence is made here. A note whose
// code this version has no words for reads as the core's own English sentence.
import { isKey, locale, type Language, type Params, type Translate } from "./i18n";
import type { ImportNote } from "./bindings";

/** The country's name in `lang` ("Norway", "Norge"), or its code where the name is unknown. */
function countryName(code: string, lang: Language): string {
  try {
    return new Intl.DisplayNames([locale(lang)], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The note as a sentence in `lang`. */
export function importNoteText(t: Translate, note: ImportNote, lang: Language): string {
  const key = `importNote.${note.code}`;
  if (!isKey(key)) return note.text;
  const params: Params = { ...note.params };
  if (note.code === "not_imported") {
    // Which kind of entry, and why, are words of their own.
    const entry = `importNote.entry.${note.params.entry ?? "entry"}`;
    const reason = `importNote.reason.${note.params.reason ?? "no_field"}`;
    if (!isKey(entry) || !isKey(reason)) return note.text;
    params.entry = t(entry);
    params.reason = t(reason);
  }
  if (note.params.country) params.country = countryName(note.params.country, lang);
  // An attachment without a title is named by its place.
  if (note.params.number && !note.params.title) params.title = t("importNote.attachmentNumber", { number: note.params.number });
  return t(key, params);
}
