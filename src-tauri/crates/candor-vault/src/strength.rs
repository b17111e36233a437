//! How hard a passphrase would be to guess, for feedback while the person types one.
//!
//! zxcvbn's estimate (dictionary words, names, dates, keyboard patterns, l33t), with the
//! words "candor" and "vault" counted as known. The score is 0–4; the app asks for 3 or more
//! and says why a passphrase is weak in the person's language.

use serde::Serialize;

/// The shortest passphrase Candor accepts for a vault.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A passphrase's estimated strength.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    /// log10 of the estimated number of guesses.
    pub guesses_log10: f64,
}

pub fn passphrase_strength(passphrase: &str) -> Strength {
    if passphrase.is_empty() {
        return Strength {
            score: 0,
            guesses_log10: 0.0,
        };
    }
    let estimate = zxcvbn::zxcvbn(passphrase, &["candor", "vault"]);
    Strength {
        score: u8::from(estimate.score()),
        guesses_log10: estimate.guesses_log10(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_score_low_and_random_words_high() {
        assert!(passphrase_strength("password1").score <= 1);
        assert!(passphrase_strength("candor2024").score <= 2);
        assert_eq!(passphrase_strength("gravel orbit tulip marmalade").score, 4);
        assert_eq!(passphrase_strength("").score, 0);
    }
}
