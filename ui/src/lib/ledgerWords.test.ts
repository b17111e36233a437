import { expect, test } from "vitest";
import { daysUntil, heldItemWords, shareStateDetail } from "./ledgerWords";
import { translate } from "./i18n";
import { shareEntry } from "../test/requests";

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("en", key, params);

test("days are counted by the calendar in local time", () => {
  const now = new Date(2026, 11, 3, 23, 30);
  expect(daysUntil(new Date(2026, 11, 4, 0, 30).toISOString(), now)).toBe(1);
  expect(daysUntil(new Date(2026, 11, 3, 23, 59).toISOString(), now)).toBe(0);
  expect(daysUntil(new Date(2026, 11, 1, 12, 0).toISOString(), now)).toBe(-2);
});

test("an active share says when it ends only when that is near", () => {
  const now = new Date(2026, 11, 3, 12, 0);
  const soon = { entry: shareEntry("b1", { expiresAt: new Date(2026, 11, 8, 9, 0).toISOString() }), status: "active" as const, confirmedAt: null, dueAt: null };
  expect(shareStateDetail(en, soon, "en", now)).toBe("expires in 5 day(s)");
  const later = { ...soon, entry: shareEntry("b2", { expiresAt: new Date(2027, 2, 1).toISOString() }) };
  expect(shareStateDetail(en, later, "en", now)).toBe("");
  const asked = { ...soon, status: "deletion-requested" as const, dueAt: "2027-01-03T10:00:00Z" };
  expect(shareStateDetail(en, asked, "en", now)).toBe("answer due 3 Jan 2027");
});

test("a CV and a letter made for the share are named by what they are, in the language", () => {
  const made = { section: "made", name: "", fields: [], courses: 0, gradedCourses: 0, document: null, made: "cover-letter" as const };
  expect(heldItemWords(en, made, "en")).toBe(" — Cover letter (PDF)");
  const nb = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("nb", key, params);
  expect(heldItemWords(nb, { ...made, made: "cv" }, "nb")).toBe(" — CV (PDF)");
  expect(nb("share.section.made")).toBe("Laget for denne delingen");
});
