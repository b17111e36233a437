// Fields and sections in the person's language: the ledger records fields by path
// (`education[0].courses[2].grade`) and the view's notes point at paths; people read
// "Education › Grade". Also the anonymous view's notes, worded from their kind and detail.
import type { QuasiIdentifier } from "./bindings";
import { isKey, type Translate } from "./i18n";

/** A section's name: "Education", "You", "Attachments". */
export function sectionLabel(t: Translate, section: string): string {
  const key = `share.section.${section}`;
  return isKey(key) ? t(key) : section;
}

/** A field's name as the forms call it: `courses.grade` in education is a course's "Grade". */
export function fieldLabel(t: Translate, section: string, field: string): string {
  const parts = field.split(".");
  const last = parts.at(-1) ?? field;
  const list = parts.length > 1 ? (parts.at(-2) ?? "") : section;
  for (const key of [`${section}.${field}`, `${list}.${last}`, `${list.replace(/s$/, "")}.${last}`, `common.${last}`, `field.${last}`]) {
    if (isKey(key)) return t(key);
  }
  return last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A path in words: `education[0].courses[2].grade` is "Education › Grade", `work[1]` is "Experience". */
export function pathWords(t: Translate, path: string): string {
  const section = path.split(/[.[]/)[0] ?? path;
  const field = path
    .slice(section.length)
    .replace(/\[[^\]]*\]/g, "")
    .replace(/^\./, "");
  const title = sectionLabel(t, section);
  return field ? `${title} › ${fieldLabel(t, section, field)}` : title;
}

/** Why a note's item could still identify the seeker, in the person's language. */
export function quasiWords(t: Translate, q: QuasiIdentifier): string {
  const { count, example, distributions } = q.detail;
  switch (q.kind) {
    case "optedIn":
      return t("share.quasi.optedIn", { what: pathWords(t, q.path) });
    case "courseCode":
      return t("share.quasi.courseCode", { count: count ?? 0, example: example ?? "" });
    case "gradedCourse":
      return t("share.quasi.gradedCourse", { count: count ?? 0 }) + (distributions ? " " + t("share.quasi.distributions") : "");
    case "searchable": {
      const section = q.path.split(/[.[]/)[0];
      const key = `share.quasi.searchable.${section}`;
      return isKey(key) ? t(key) : t("share.quasi.searchable");
    }
    case "attachment":
      return t("share.quasi.attachment", { file: example ?? "" });
    default:
      return t(`share.quasi.${q.kind}`);
  }
}
