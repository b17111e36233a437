// Sorting, filtering and "overdue" for the applications table and pipeline. All in the
// page: the list is fetched once, so sorting and typing in the search box cost no IPC.
import { CLOSED_STATUSES, STATUSES, type Application, type ApplicationStatus, type Entry } from "./types";

export type SortKey = "company" | "position" | "status" | "created" | "nextDate";
export interface Sort {
  key: SortKey;
  ascending: boolean;
}
export interface Filter {
  status: ApplicationStatus | "";
  text: string;
}

/** The next step's date has passed while the application is still open (as Rust's `is_overdue`). */
export function isOverdue(application: Application, today: string): boolean {
  return (
    !CLOSED_STATUSES.includes(application.status as ApplicationStatus) &&
    !!application.nextStepDate &&
    application.nextStepDate < today
  );
}

/** The query in company, position, contact, notes or next step, ignoring case (as Rust's `matches_text`). */
export function matchesText(application: Application, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [application.company, application.position, application.contact, application.notes, application.nextStep].some(
    (field) => (field ?? "").toLowerCase().includes(q),
  );
}

export function filterApplications(entries: Entry<Application>[], filter: Filter): Entry<Application>[] {
  return entries.filter(
    (e) => (!filter.status || e.value.status === filter.status) && matchesText(e.value, filter.text),
  );
}

const statusRank = (status: string) => {
  const i = STATUSES.indexOf(status as ApplicationStatus);
  return i < 0 ? STATUSES.length : i;
};

export function sortApplications(entries: Entry<Application>[], sort: Sort, locale: string): Entry<Application>[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const direction = sort.ascending ? 1 : -1;
  const compare = (a: Application, b: Application): number => {
    switch (sort.key) {
      case "company":
        return collator.compare(a.company, b.company);
      case "position":
        return collator.compare(a.position ?? "", b.position ?? "");
      case "status":
        return statusRank(a.status) - statusRank(b.status);
      case "created":
        return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
      case "nextDate":
        return (a.nextStepDate ?? "").localeCompare(b.nextStepDate ?? "");
    }
  };
  return [...entries].sort((x, y) => {
    // Applications without a next step go last whichever way the dates are sorted.
    if (sort.key === "nextDate" && !x.value.nextStepDate !== !y.value.nextStepDate) return x.value.nextStepDate ? -1 : 1;
    return compare(x.value, y.value) * direction || collator.compare(x.value.company, y.value.company);
  });
}

/** The entry list with `updated` in place of the entry with its id (or added at the front). */
export function replaceEntry(entries: Entry<Application>[], updated: Entry<Application>): Entry<Application>[] {
  const at = entries.findIndex((e) => e.id === updated.id);
  if (at < 0) return [updated, ...entries];
  const copy = [...entries];
  copy[at] = updated;
  return copy;
}
