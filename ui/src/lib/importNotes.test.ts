import { describe, expect, test } from "vitest";
import { translate, type Language } from "./i18n";
import { importNoteText } from "./importNotes";
import type { ImportNote } from "./bindings";

const say = (lang: Language, note: ImportNote) => importNoteText((key, params) => translate(lang, key, params), note, lang);

const linkedin: ImportNote = {
  code: "not_imported",
  params: { entry: "position", column: "Company Url", value: "https://kartverket.example.no", reason: "no_field" },
  text: "A position in the export: “Company Url” (https://kartverket.example.no) was not imported: Candor has no field for it",
};

describe("import notes", () => {
  test("a LinkedIn column that was not imported names the kind of entry and why, in both languages", () => {
    expect(say("en", linkedin)).toBe(
      "A position in the export: “Company Url” (https://kartverket.example.no) was not imported: Candor has no field for it.",
    );
    expect(say("nb", linkedin)).toBe(
      "En stilling i eksporten: «Company Url» (https://kartverket.example.no) ble ikke importert: Candor har ikke noe felt for det.",
    );
    const date = { ...linkedin, params: { ...linkedin.params, entry: "education", column: "Start Date", value: "vår 2019", reason: "not_a_date" } };
    expect(say("nb", date)).toBe(
      "En utdanning i eksporten: «Start Date» (vår 2019) ble ikke importert: det er ikke en dato Candor kan lese; skriv den inn selv.",
    );
  });

  test("a country is named in the language, not by its code", () => {
    const note: ImportNote = { code: "national_id_invalid", params: { country: "NO" }, text: "not a valid NO number" };
    expect(say("nb", note)).toContain("ikke et gyldig nummer for Norge");
    expect(say("en", note)).toContain("not a valid number for Norway");
  });

  test("text from the file stays as it is: braces in a course title are not placeholders", () => {
    const note: ImportNote = {
      code: "course_date_unread",
      params: { course: "Set {date} theory", date: "{course}" },
      text: "unused",
    };
    expect(say("en", note)).toBe("“Set {date} theory”: the date “{course}” could not be read and was left out.");
  });

  test("a note this version has no words for reads as the core's English sentence", () => {
    const note: ImportNote = { code: "from_a_later_version", params: {}, text: "Something new was skipped" };
    expect(say("nb", note)).toBe("Something new was skipped");
    const unknownEntry = { ...linkedin, params: { ...linkedin.params, entry: "patent" } };
    expect(say("nb", unknownEntry)).toBe(linkedin.text);
  });
});
