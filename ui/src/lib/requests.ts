// After sharing: which requests a seeker can send an organisation, where each request
// stands (sent → answered or extended → overdue), and what that means for each share.
import { formatDate } from "./format";
import { isKey, type Language, type Translate } from "./i18n";
import type { Holdings, Kind, LedgerEntry, RequestRow, ViewKind } from "./bindings";

/** Ledger actions that disclosed something (the rest are requests about them). */
const SHARE_ACTIONS: Kind[] = ["profile-share", "reveal", "correction"];

export function isShare(entry: LedgerEntry): boolean {
  return SHARE_ACTIONS.includes(entry.action);
}

/** The views the seeker shared with one organisation: a request is about one of them. */
export function sharedViews(entries: LedgerEntry[], recipientId: string): ViewKind[] {
  const views = new Set(entries.filter((e) => isShare(e) && e.recipientId === recipientId).map((e) => e.view));
  return (["full", "anonymous"] as ViewKind[]).filter((v) => views.has(v));
}

/** Where a request stands, as one word the UI translates. */
export type RequestStatus = "overdue" | "sent" | "extended" | "deletion-confirmed" | "export-received";

export function requestStatus(row: RequestRow): RequestStatus {
  if (row.overdue) return "overdue";
  if (row.state === "sent") return "sent";
  if (row.state !== "answered") return "extended";
  return row.answer?.outcome === "exported" ? "export-received" : "deletion-confirmed";
}

/** How many months an extended request was pushed back; 0 for any other. */
export function extendedMonths(row: RequestRow): number {
  return typeof row.state === "object" && "extended" in row.state ? row.state.extended.months : 0;
}

/** One step of a request's timeline. */
export type Step =
  | { step: "sent"; at: string }
  | { step: "extended"; at: string; months: number; reason: string }
  | { step: "deleted" | "exported"; at: string; count: number }
  | { step: "due" | "overdue"; at: string };

/** What happened to a request, in order, ending with what is still awaited (if anything). */
export function timeline(row: RequestRow): Step[] {
  const steps: Step[] = [{ step: "sent", at: row.entry.at }];
  const answer = row.answer;
  const months = extendedMonths(row);
  if (months && answer) steps.push({ step: "extended", at: answer.answeredAt, months, reason: answer.reason ?? "" });
  if (row.state === "answered" && answer) {
    steps.push({
      step: answer.outcome === "exported" ? "exported" : "deleted",
      at: answer.answeredAt,
      count: answer.bundles.length,
    });
  } else {
    steps.push({ step: row.overdue ? "overdue" : "due", at: row.dueAt });
  }
  return steps;
}

/** A request's kind ("deletion-request", …) in words; an unknown one as it is. */
export function kindLabel(t: Translate, action: string): string {
  const key = `requests.kind.${action}`;
  return isKey(key) ? t(key) : action;
}

/** "1 month", "2 months". */
export function monthsText(t: Translate, months: number): string {
  return months === 1 ? t("months.one") : t("months.other", { count: months });
}

/** What the organisation answered to a request, in the person's language. */
export function answerWords(t: Translate, row: RequestRow, lang: Language): string {
  const name = row.entry.organisation;
  const answer = row.answer;
  if (row.state !== "answered") {
    return t("requests.imported.extended", { name, due: formatDate(row.dueAt, lang), reason: answer?.reason ?? "" });
  }
  const count = answer?.bundles.length ?? 0;
  return answer?.outcome === "exported" ? t("requests.imported.exported", { name, count }) : t("requests.imported.deleted", { name, count });
}
