// Test helpers: the IPC layer mocked (so the generated bindings and api.ts run for real),
// IpcErrors shaped as Rust sends them, and the stores reset between tests.
import { mockIPC } from "@tauri-apps/api/mocks";
import { resetActivity } from "../lib/activity";
import { language } from "../lib/i18n";
import { appInfo, applicationsView, notice, prefs, profileRevision, profileUnsaved, screen, section, vaultPath } from "../lib/stores";
import type { Application, Entry, FieldProblem, IpcError } from "../lib/types";

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
export function ipcError(code: IpcError["code"], params: Record<string, string> = {}, problems: FieldProblem[] = []): IpcError {
  return { code, message: `the English message for ${code}`, field: problems[0]?.field ?? null, params, problems };
}

export function problem(field: string, code: string, params: Record<string, string> = {}): FieldProblem {
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
