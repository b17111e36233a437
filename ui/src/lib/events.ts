// The one place that listens to events from Rust.
import { listen } from "@tauri-apps/api/event";

/** The vault locked itself (idle timer). Returns a function that stops listening. */
export async function onVaultLocked(handler: () => void): Promise<() => void> {
  return listen("vault-locked", () => handler());
}
