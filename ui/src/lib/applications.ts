// The applications table and pipeline ask Rust for what they show: a page of short rows,
// searched and sorted there, so the window never holds every application at once. This is
// what the page still decides for itself.
import { APPLICATION_STATUSES, CLOSED_STATUSES, type ApplicationStatus } from "./bindings";

/**
 * Rows in one page of the table. Fifty is two or three screens: a longer page costs the
 * window memory for a page few people scroll to the end of (100 rows took about 8 MiB more).
 */
export const PAGE_SIZE = 50;
/** Cards a pipeline column shows at first, and how many more each "show more" adds. */
export const COLUMN_SIZE = 50;
/** How long typing pauses before the search goes to Rust. */
export const SEARCH_DELAY_MS = 200;

/** The next step's date has passed while the application is still open (as Rust's `is_overdue`). */
export function isOverdue(application: { status: string; nextStepDate?: string | null }, today: string): boolean {
  return (
    !(CLOSED_STATUSES as readonly string[]).includes(application.status) &&
    !!application.nextStepDate &&
    application.nextStepDate < today
  );
}

/** The pipeline's first view: `COLUMN_SIZE` cards in every column. */
export function firstColumnLimits(): Record<ApplicationStatus, number> {
  return Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, COLUMN_SIZE])) as Record<ApplicationStatus, number>;
}

/** What the pager says: rows `first`–`last` (counted from 1) of the matches. */
export function pageRange(offset: number, rows: number): { first: number; last: number } {
  return rows === 0 ? { first: 0, last: 0 } : { first: offset + 1, last: offset + rows };
}
