// The rules for a new passphrase, checked before it is sent: long enough, typed the same
// twice, and strong enough or knowingly weak. The rule and its numbers are the vault's
// (Rust refuses the same passphrases, and a weak one unless `acceptWeak` is sent).
import { api } from "./api";
import { MIN_PASSPHRASE_CHARS, STRONG_PASSPHRASE_SCORE } from "./bindings";
import type { Key } from "./i18n";

export { MIN_PASSPHRASE_CHARS };
/** zxcvbn's "safely unguessable" score; below it the person must confirm. */
export const STRONG_ENOUGH: number = STRONG_PASSPHRASE_SCORE;

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
