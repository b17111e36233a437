// The ledger in words: what an organisation holds, item by item, and where a share stands
// beyond its state's name ("expires in 3 days", "answer due 2 Jan 2027").
import { formatCount, formatDate, formatSize } from "./format";
import type { Language, Translate } from "./i18n";
import type { HeldItem, ShareRow } from "./bindings";

/** Days before expiry from which an active share says how many are left. */
const EXPIRY_SOON_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days from `now` to `time`, in local time: 0 when it is later today. */
export function daysUntil(time: string, now: Date = new Date()): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(new Date(time)) - start(now)) / DAY_MS);
}

/** What follows a state's name: when it ends, when the answer is due, when it was confirmed. */
export function shareStateDetail(t: Translate, row: ShareRow, lang: Language, now: Date = new Date()): string {
  switch (row.status) {
    case "active": {
      if (!row.entry.expiresAt) return "";
      const days = daysUntil(row.entry.expiresAt, now);
      return days < EXPIRY_SOON_DAYS ? t("ledger.expiresIn", { days: Math.max(days, 0) }) : "";
    }
    case "deletion-requested":
    case "revoked":
    case "withdrawn":
    case "deletion-overdue":
      return row.dueAt ? t("ledger.answerDue", { date: formatDate(row.dueAt, lang) }) : "";
    case "deletion-confirmed":
      return row.confirmedAt ? t("ledger.confirmedOn", { date: formatDate(row.confirmedAt, lang) }) : "";
    case "expired":
    case "replaced":
      return "";
  }
}

/** "PDF" for application/pdf, "PNG" for image/png: the kind of file people know. */
function fileType(mediaType: string): string {
  const sub = mediaType.split("/")[1] ?? mediaType;
  return sub.replace(/^x-/, "").split(/[.+;]/)[0].toUpperCase();
}

/**
 * An item after its section's name: " — Universitetet i Oslo, Bachelor: 12 courses with
 * grades", " — CV (PDF, 182 kB)". Empty for the seeker's own details, whose fields say it.
 */
export function heldItemWords(t: Translate, item: HeldItem, lang: Language): string {
  const parts: string[] = [];
  if (item.document) {
    const what = t(`kind.${item.document.kind}`);
    parts.push(`${what} (${fileType(item.document.mediaType)}, ${formatSize(item.document.size, lang)})`);
  } else if (item.made) {
    parts.push(t("ledger.madePdf", { what: t(`kind.${item.made}`) }));
  } else if (item.name) {
    parts.push(item.name);
  } else if (item.section === "documents") {
    parts.push(t("ledger.attachmentGone"));
  }
  let words = parts.length ? ` — ${parts.join("")}` : "";
  if (item.courses) {
    const courses =
      item.gradedCourses === item.courses
        ? t("ledger.coursesGraded", { count: formatCount(item.courses, lang) })
        : t("ledger.courses", { count: formatCount(item.courses, lang), graded: formatCount(item.gradedCourses, lang) });
    words += `: ${courses}`;
  }
  return words;
}
