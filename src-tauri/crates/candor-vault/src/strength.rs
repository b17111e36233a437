//! The rule for a passphrase being set, and how hard one would be to guess.
//!
//! zxcvbn's estimate (dictionary words, names, dates, keyboard patterns, l33t), with the
//! words "candor" and "vault" counted as known. The score is 0–4. A new passphrase (a new
//! vault, a change, a recovery) must have [`MIN_PASSPHRASE_CHARS`] characters; one that
//! scores below [`STRONG_PASSPHRASE_SCORE`] is set only when the person was told and chose
//! it anyway ([`Weak::Accept`]). The vault checks this itself, whichever face asks.

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use crate::error::{Result, VaultError};

/// The shortest passphrase Candor accepts for a vault.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// zxcvbn's "safely unguessable" score: a new passphrase below it needs the person's
/// confirmation.
pub const STRONG_PASSPHRASE_SCORE: u8 = 3;

/// What to do with a new passphrase that is easy to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weak {
    /// Refuse it with [`VaultError::WeakPassphrase`]: nobody asked the person.
    #[default]
    Refuse,
    /// Set it: the person was told it is weak and confirmed it.
    Accept,
}

/// A passphrase being set, with the person's answer about a weak one. A bare
/// `&SecretString` converts to one that refuses a weak passphrase.
#[derive(Clone, Copy)]
pub struct NewPassphrase<'a> {
    passphrase: &'a SecretString,
    weak: Weak,
}

impl<'a> NewPassphrase<'a> {
    pub fn new(passphrase: &'a SecretString, weak: Weak) -> Self {
        NewPassphrase { passphrase, weak }
    }

    /// Checks the rule (see the module docs), so a face can ask before slow work; the
    /// vault checks again when the passphrase is set.
    pub fn check(&self) -> Result<()> {
        let text = self.passphrase.expose_secret();
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        if self.weak == Weak::Refuse {
            let score = passphrase_strength(text).score;
            if score < STRONG_PASSPHRASE_SCORE {
                return Err(VaultError::WeakPassphrase {
                    score,
                    needed: STRONG_PASSPHRASE_SCORE,
                });
            }
        }
        Ok(())
    }

    /// The passphrase, once it passed [`NewPassphrase::check`].
    pub(crate) fn checked(&self) -> Result<&'a SecretString> {
        self.check()?;
        Ok(self.passphrase)
    }
}

impl<'a> From<&'a SecretString> for NewPassphrase<'a> {
    fn from(passphrase: &'a SecretString) -> Self {
        NewPassphrase::new(passphrase, Weak::Refuse)
    }
}

impl std::fmt::Debug for NewPassphrase<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPassphrase")
            .field("passphrase", &"redacted")
            .field("weak", &self.weak)
            .finish()
    }
}

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

    #[test]
    fn a_new_passphrase_must_be_long_and_a_weak_one_confirmed() {
        // Seven characters in fourteen bytes: the rule counts characters.
        let seven = SecretString::from("æøåæøåæ");
        let err = NewPassphrase::new(&seven, Weak::Accept)
            .check()
            .expect_err("seven characters are too few, confirmed or not");
        assert_eq!(
            err.to_string(),
            "the passphrase must be at least 8 characters; a few random words make a good one"
        );

        let weak = SecretString::from("password1");
        let err = NewPassphrase::from(&weak)
            .check()
            .expect_err("a weak passphrase needs a confirmation");
        assert!(
            matches!(
                err,
                VaultError::WeakPassphrase {
                    score: 0,
                    needed: 3
                }
            ),
            "{err:?}"
        );
        NewPassphrase::new(&weak, Weak::Accept)
            .check()
            .expect("a confirmed weak passphrase is set");

        let strong = SecretString::from("gravel orbit tulip marmalade");
        NewPassphrase::from(&strong)
            .check()
            .expect("a strong passphrase needs nothing more");
        assert!(!format!("{:?}", NewPassphrase::from(&strong)).contains("gravel"));
    }
}
