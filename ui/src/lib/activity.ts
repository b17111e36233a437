// Tells Rust the person is active, so the vault does not auto-lock under their hands.
// Throttled: at most one call every 30 seconds, and only while a vault is open.
import { get } from "svelte/store";
import { api } from "./api";
import { screen, sessionLost } from "./stores";

export const TOUCH_INTERVAL_MS = 30_000;
let last = Number.NEGATIVE_INFINITY;

export function userActive(now: number = Date.now()): void {
  if (get(screen) !== "shell" || now - last < TOUCH_INTERVAL_MS) return;
  last = now;
  api
    .touch()
    .then((open) => {
      if (!open) sessionLost();
    })
    .catch(() => {
      /* a failed touch is not worth a message; the next command will say what is wrong */
    });
}

/** A session just started: Rust's idle clock starts now, so the next call can wait. */
export function resetActivity(now: number = Date.now()): void {
  last = now;
}
