// The app's state, in a few stores. Nothing secret lives here: passphrases and recovery
// codes stay in the local state of the form that uses them, and are cleared after use.
import { get, writable } from "svelte/store";
import type { AppInfo, Prefs, VaultInfo } from "./bindings";

export type ScreenName = "loading" | "start" | "create" | "unlock" | "recover" | "shell";
export type Section =
  | "today"
  | "profile"
  | "cv"
  | "documents"
  | "import"
  | "applications"
  | "share"
  | "ledger"
  | "inbox"
  | "settings";
/** Why the unlock screen is showing, when it is not the person's own choice. */
export type Notice = "autoLocked" | "restored" | "restoreFailed" | null;

export const screen = writable<ScreenName>("loading");
/** The vault being opened, or the one that is open. */
export const vaultPath = writable<string>("");
export const notice = writable<Notice>(null);
export const section = writable<Section>("profile");
/** Whose vault is open: a seeker's own data, or an employer's inbox. */
export const role = writable<VaultInfo["role"]>("seeker");
/** For an employer vault, the organisation it belongs to. */
export const organisation = writable<string | null>(null);
/** What Rust said at start-up: default vault path, statuses, document kinds. */
export const appInfo = writable<AppInfo | null>(null);
export const prefs = writable<Prefs>({ language: "en", autoLockMinutes: 5, recent: [] });

export function showStart(): void {
  notice.set(null);
  screen.set("start");
}

export function showCreate(path?: string): void {
  if (path !== undefined) vaultPath.set(path);
  notice.set(null);
  screen.set("create");
}

export function showUnlock(path: string, why: Notice = null): void {
  vaultPath.set(path);
  notice.set(why);
  screen.set("unlock");
}

export function showRecover(path: string): void {
  vaultPath.set(path);
  notice.set(null);
  screen.set("recover");
}

/** An application another screen asked the applications screen to open (Today does). */
export const openApplicationId = writable<string | null>(null);
/** The import format another screen chose for the import screen (Today's first steps). */
export const importFormatChoice = writable<"emrex" | "linkedin" | "json-resume" | null>(null);

/** The vault is open: show it, starting with what is due today. */
export function enterVault(vault: VaultInfo): void {
  vaultPath.set(vault.path);
  notice.set(null);
  role.set(vault.role);
  organisation.set(vault.organisation);
  section.set(vault.role === "employer" ? "inbox" : "today");
  prefs.update((p) => ({ ...p, recent: [vault.path, ...p.recent.filter((r) => r !== vault.path)] }));
  screen.set("shell");
}

/** The vault locked itself (idle timer, or a command found it locked): back to unlock. */
export function sessionLost(): void {
  if (get(screen) === "shell") showUnlock(get(vaultPath), "autoLocked");
}

/** Bumped when Rust changed the profile behind the editor's back (an import): it reloads. */
export const profileRevision = writable(0);
/** The profile editor holds edits not saved yet; an import waits for them, as it reloads the profile. */
export const profileUnsaved = writable(false);

/** How the applications are shown; kept while the person visits other sections. */
export const applicationsView = writable<"table" | "pipeline">("table");
