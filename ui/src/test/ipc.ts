// Test helpers: the IPC layer mocked (so the generated bindings and api.ts run for real),
// IpcErrors shaped as Rust sends them, and the stores reset between tests.
import { mockIPC } from "@tauri-apps/api/mocks";
import { resetActivity } from "../lib/activity";
import { language } from "../lib/i18n";
import { appInfo, applicationsView, notice, prefs, profileRevision, profileUnsaved, screen, section, vaultPath } from "../lib/stores";
import { APPLICATION_STATUSES, type Application, type ApplicationSummary, type Entry, type FieldProblem, type IpcError, type Param } from "../lib/bindings";

export type Handler = (args: Record<string, unknown>) => unknown;
export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

/** Mocks Rust: each command name (snake_case, as invoked) answered by its handler. */
export function mockCommands(handlers: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args });
      const handler = handlers[cmd];
      if (!handler) throw new Error(`the test did not expect the command ${cmd}`);
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

/** What Rust rejects with: an IpcError (throw it from a handler). */
export function ipcError(code: IpcError["code"], params: Record<string, Param> = {}, problems: FieldProblem[] = []): IpcError {
  return { code, message: `the English message for ${code}`, field: problems[0]?.field ?? null, params, problems };
}

export function problem(field: string, code: string, params: Record<string, Param> = {}): FieldProblem {
  return { field, code, params, message: `${field}: the English message for ${code}` };
}

export function callsOf(calls: Call[], cmd: string): Call[] {
  return calls.filter((c) => c.cmd === cmd);
}

export function application(id: string, value: Partial<Application> & { company: string }): Entry<Application> {
  return {
    id,
    version: 1,
    value: {
      position: "",
      createdAt: "2025-01-01T10:00:00Z",
      status: "draft",
      history: [{ to: "draft", at: "2025-01-01T10:00:00Z" }],
      ...value,
    },
  };
}

/** The row Rust sends for an application in the table or the pipeline. */
export function summaryOf({ id, value }: Entry<Application>): ApplicationSummary {
  const { company, position = "", status, createdAt, nextStep = null, nextStepDate = null, coverLetter } = value;
  const hasLetter = (coverLetter?.blocks.length ?? 0) > 0;
  return { id, company, position, status, createdAt, nextStep, nextStepDate, hasLetter };
}

type Query = { status?: string | null; text?: string | null };
type Order = { key: string; ascending: boolean };

/**
 * A stand-in for Rust's search over `list`: the status and text filters, and the order by
 * the field's plain text (Rust's own order is tested in Rust). Newest first by default.
 */
export function searchOf(list: Entry<Application>[], query: Query, order: Order): ApplicationSummary[] {
  const text = (query.text ?? "").toLowerCase();
  const value = (a: Application): string => {
    switch (order.key) {
      case "status":
        return String(APPLICATION_STATUSES.indexOf(a.status as (typeof APPLICATION_STATUSES)[number]));
      case "created":
        return a.createdAt;
      case "nextDate":
        return a.nextStepDate ?? "";
      default:
        return String(a[order.key as "company" | "position"] ?? "");
    }
  };
  return list
    .filter((e) => !query.status || e.value.status === query.status)
    .filter((e) => [e.value.company, e.value.position, e.value.notes].some((f) => (f ?? "").toLowerCase().includes(text)))
    .sort((a, b) => value(a.value).localeCompare(value(b.value)) * (order.ascending ? 1 : -1))
    .map(summaryOf);
}

/** Rust's `list_applications` and `application_pipeline` over `list`, for `mockCommands`. */
export function applicationsOf(list: () => Entry<Application>[]): Record<string, Handler> {
  return {
    list_applications: ({ query, order, offset, limit }) => {
      const rows = searchOf(list(), query as Query, order as Order);
      const from = Number(offset);
      return { total: list().length, matched: rows.length, offset: from, rows: rows.slice(from, from + Number(limit)) };
    },
    application_pipeline: ({ query, order, limits }) => {
      const rows = searchOf(list(), query as Query, order as Order);
      const columns = APPLICATION_STATUSES.map((status) => {
        const mine = rows.filter((r) => r.status === status);
        return { status, matched: mine.length, rows: mine.slice(0, (limits as Record<string, number>)[status] ?? 0) };
      });
      return { total: list().length, matched: rows.length, columns };
    },
    get_application: ({ id }) => list().find((e) => e.id === id),
  };
}

export function resetForTest(): void {
  language.set("en");
  screen.set("loading");
  vaultPath.set("");
  notice.set(null);
  section.set("profile");
  appInfo.set(null);
  prefs.set({ language: "en", autoLockMinutes: 5, recent: [] });
  applicationsView.set("table");
  profileRevision.set(0);
  profileUnsaved.set(false);
  resetActivity();
}
