// The Today screen's words for what is due, from the items Rust lists.
import type { DueItem, Profile, Urgency } from "./bindings";
import type { Translate } from "./i18n";

/** What is due, in a line: the same words as the notifications and the calendar. */
export function dueTitle(item: DueItem, t: Translate): string {
  const what = item.what;
  switch (what.kind) {
    case "nextStep": {
      const step = what.step || t("today.nextStep");
      const at = [what.company, what.position].filter((part) => part).join(", ");
      return `${step} — ${at}`;
    }
    case "answer":
      return t(`today.answer.${what.request}` as const, { organisation: what.organisation });
    case "shareExpires":
      return t("today.shareExpires", { organisation: what.organisation });
  }
}

/** How far the day is from today, in words: "today", "in 3 days", "2 days ago". */
export function dueWhen(item: DueItem, t: Translate): string {
  const days = item.days ?? 0;
  if (days === 0) return t("today.when.today");
  if (days === -1) return t("today.when.yesterday");
  if (days === 1) return t("today.when.tomorrow");
  return days < 0 ? t("today.when.ago", { days: -days }) : t("today.when.in", { days });
}

/** The screen an item is handled on. */
export function duePlace(item: DueItem): "applications" | "ledger" {
  return item.what.kind === "nextStep" ? "applications" : "ledger";
}

/** The groups the screen shows, in order; later items stay in the calendar export. */
export const SHOWN_GROUPS: Urgency[] = ["overdue", "today", "soon"];

/** Nothing entered yet: no person, no section with anything in it. */
export function profileIsEmpty(profile: Profile): boolean {
  if (profile.person) return false;
  return Object.values(profile).every((value) => !Array.isArray(value) || value.length === 0);
}
