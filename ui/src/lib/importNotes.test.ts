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

  test("a second e-mail address and a birth date without a year say why, not that Candor lacks the field", () => {
    const email = { ...linkedin, params: { entry: "email", column: "Email Address", value: "old@example.no", reason: "one_email" } };
    expect(say("nb", email)).toBe(
      "En e-postadresse i eksporten: «Email Address» (old@example.no) ble ikke importert: Candor beholder én e-postadresse, den primære.",
    );
    const birth = { ...linkedin, params: { entry: "profile", column: "Birth Date", value: "Mar 14", reason: "whole_birth_date" } };
    expect(say("en", birth)).toBe(
      "Your profile in the export: “Birth Date” (Mar 14) was not imported: Candor needs a whole birth date (day, month and year).",
    );
  });

  test("every reason and kind of entry the core gives has words in both languages", () => {
    const reasons = ["no_field", "not_a_date", "one_email", "one_phone", "whole_birth_date"];
    const entries = ["profile", "position", "education", "skill", "language", "certification", "project", "email", "phone", "entry"];
    for (const lang of ["en", "nb"] as const) {
      for (const reason of reasons) {
        for (const entry of entries) {
          const text = say(lang, { ...linkedin, params: { ...linkedin.params, entry, reason } });
          expect(text).not.toBe(linkedin.text);
          expect(text).not.toContain("importNote.");
        }
      }
    }
  });

  test("an attachment without a title is named by its place, in the language", () => {
    const note: ImportNote = { code: "attachment_unreadable", params: { number: "2" }, text: 'the attachment "Attachment 2" is unreadable' };
    expect(say("nb", note)).toBe("Vedlegget «Vedlegg 2» kunne ikke leses og ble utelatt.");
    expect(say("en", note)).toBe("The attachment “Attachment 2” could not be read; it was left out.");
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
