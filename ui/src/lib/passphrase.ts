// The rules for a new passphrase, checked before it is sent: long enough (Rust refuses
// shorter ones too), typed the same twice, and strong enough or knowingly weak.
import { api } from "./api";
import type { Key } from "./i18n";

export const MIN_PASSPHRASE_CHARS = 8;
/** zxcvbn's "safely unguessable" score; below it the person must confirm. */
export const STRONG_ENOUGH = 3;

/** What is wrong with the chosen passphrase, or null. Asks Rust for a fresh score. */
export async function newPassphraseProblem(passphrase: string, repeat: string, weakConfirmed: boolean): Promise<Key | null> {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) return "passphrase.tooShort";
  if (passphrase !== repeat) return "passphrase.mismatch";
  if (!weakConfirmed) {
    const { score } = await api.passphraseStrength(passphrase);
    if (score < STRONG_ENOUGH) return "passphrase.weakNeedsConfirm";
  }
  return null;
}
