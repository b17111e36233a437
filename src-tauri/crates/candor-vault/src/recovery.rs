//! The recovery code: a second way to unwrap the data key, printed once ("emergency kit").
//!
//! 160 random bits, written as 32 Crockford base-32 characters plus a 4-character checksum,
//! in groups of four: `7K2M-…-Q4ZP`. The checksum catches typos before any key work, so a
//! mistyped code and a code for another vault give different messages. The code is random
//! and long, so it needs no slow KDF: HKDF turns it into the wrap key.

use std::fmt;
use std::path::Path;

use candor_model::{Lang, PeopleTime, Timestamp};

use data_encoding::{Encoding, Specification};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::{Result, VaultError};
use crate::keys::{label, random_bytes, Key256};

const SECRET_LEN: usize = 20;
const BODY_CHARS: usize = 32;
const CHECK_CHARS: usize = 4;
/// Crockford's base-32 symbols, as a code is printed.
const CODE_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn crockford() -> Encoding {
    let mut spec = Specification::new();
    spec.symbols.push_str(CODE_ALPHABET);
    // Crockford's reading rules: letters that look like digits read as those digits.
    spec.translate.from.push_str("OoIiLl");
    spec.translate.to.push_str("001111");
    spec.encoding().expect("a valid base-32 alphabet")
}

/// A recovery code.
///
/// This should never implement Clone, Debug or Serialize: it is shown to the person once
/// and then dropped (and wiped).
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryCode([u8; SECRET_LEN]);

impl RecoveryCode {
    pub(crate) fn generate() -> Self {
        RecoveryCode(random_bytes())
    }

    /// Parses a code as a person typed it: case, spaces and dashes do not matter, and
    /// O/I/L read as 0/1/1. Any other text, in any script, is refused with
    /// [`VaultError::MalformedRecoveryCode`].
    pub fn parse(typed: &str) -> Result<Self> {
        let compact: Zeroizing<String> = Zeroizing::new(
            typed
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| match c.to_ascii_uppercase() {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                })
                .collect(),
        );
        // Counted in characters: a multi-byte character must not pass for two.
        if compact.chars().count() != BODY_CHARS + CHECK_CHARS {
            return Err(VaultError::MalformedRecoveryCode {
                reason: "it should have 36 letters and digits in 9 groups of 4",
            });
        }
        // Only ASCII from here on, so the split below falls between two characters.
        if !compact
            .bytes()
            .all(|b| CODE_ALPHABET.as_bytes().contains(&b))
        {
            return Err(VaultError::MalformedRecoveryCode {
                reason: "it has a character that is not used in codes",
            });
        }
        let (body, check) = compact.split_at(BODY_CHARS);
        let decoded = Zeroizing::new(crockford().decode(body.as_bytes()).map_err(|_| {
            VaultError::MalformedRecoveryCode {
                reason: "it has a character that is not used in codes",
            }
        })?);
        let mut secret = [0u8; SECRET_LEN];
        // 32 base-32 characters are exactly 160 bits.
        secret.copy_from_slice(&decoded);
        let code = RecoveryCode(secret);
        if code.checksum() != check {
            return Err(VaultError::MalformedRecoveryCode {
                reason: "its checksum does not match",
            });
        }
        Ok(code)
    }

    fn checksum(&self) -> String {
        let digest = Sha256::digest(self.0);
        let mut text = crockford().encode(&digest[..5]);
        text.truncate(CHECK_CHARS);
        text
    }

    /// The code as it is printed: nine groups of four, separated by dashes. The returned
    /// string is wiped when dropped.
    pub fn display(&self) -> Zeroizing<String> {
        let mut plain = Zeroizing::new(crockford().encode(&self.0));
        plain.push_str(&self.checksum());
        let mut grouped = Zeroizing::new(String::with_capacity(45));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                grouped.push('-');
            }
            grouped.push(c);
        }
        grouped
    }

    /// The key that wraps the data key a second time, bound to the vault's id.
    pub(crate) fn wrap_key(&self, vault_id: &[u8]) -> Key256 {
        Key256::hkdf(&self.0, Some(vault_id), label::RECOVERY_WRAP)
    }
}

impl RecoveryCode {
    /// The emergency sheet: the code on one line, which vault it opens, and how to use it,
    /// as plain text that fits one printed page. It is not encrypted, and says so; whoever
    /// writes it to disk makes it readable by its owner only.
    pub fn emergency_sheet(
        &self,
        vault: &Path,
        written: Timestamp,
        lang: Lang,
    ) -> Zeroizing<String> {
        let day = PeopleTime::system().day(written, lang);
        let vault = vault.display();
        let code = self.display();
        let lines: [&str; 6] = match lang {
            Lang::En => [
                "Candor emergency sheet",
                "Recovery code",
                "Vault",
                "Written",
                "If you forget your passphrase, open Candor, choose “Forgot your passphrase? \
                 Use your recovery code” on the unlock screen and type this code. It opens the vault above and no other; \
                 you then choose a new passphrase and get a new code, and this one stops working.",
                "This sheet is NOT encrypted. Anyone who has it and a copy of the vault can read \
                 everything in the vault. Print it, keep it where you keep your passport, and \
                 delete the file.",
            ],
            Lang::Nb => [
                "Candor nødark",
                "Gjenopprettingskode",
                "Hvelv",
                "Skrevet",
                "Hvis du glemmer passordfrasen, åpner du Candor, velger «Glemt passordfrasen? \
                 Bruk gjenopprettingskoden» på opplåsingsskjermen og skriver inn denne koden. Den åpner hvelvet over og \
                 ikke noe annet; deretter velger du en ny passordfrase og får en ny kode, og \
                 denne slutter å virke.",
                "Dette arket er IKKE kryptert. Alle som har det og en kopi av hvelvet, kan lese \
                 alt i hvelvet. Skriv det ut, oppbevar det der du har passet ditt, og slett \
                 filen.",
            ],
        };
        let [title, code_label, vault_label, written_label, how, warning] = lines;
        Zeroizing::new(format!(
            "{title}\n\n{code_label}:\n\n    {}\n\n{vault_label}: {vault}\n{written_label}: {day}\n\n{how}\n\n{warning}\n",
            code.as_str()
        ))
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(redacted)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_emergency_sheet_holds_the_code_on_one_line_and_warns_it_is_not_encrypted() {
        let code = RecoveryCode::generate();
        let printed = code.display();
        let at = Timestamp::parse("2026-12-15T12:00:00Z").expect("time");
        for (lang, warning, day) in [
            (Lang::En, "NOT encrypted", "December 2026"),
            (Lang::Nb, "IKKE kryptert", "desember 2026"),
        ] {
            let sheet = code.emergency_sheet(Path::new("/home/kari/jobb.candor"), at, lang);
            let line = sheet
                .lines()
                .find(|l| l.contains(printed.as_str()))
                .expect("the code is on a line of its own");
            assert_eq!(line.trim(), printed.as_str());
            assert!(sheet.contains("/home/kari/jobb.candor"));
            assert!(sheet.contains(warning), "{lang:?}: {}", sheet.as_str());
            assert!(sheet.contains(day), "{lang:?}: {}", sheet.as_str());
            // What is written parses back to the same code.
            let back = RecoveryCode::parse(line).expect("parses");
            assert_eq!(back.display().as_str(), printed.as_str());
        }
    }

    #[test]
    fn printed_code_parses_back_in_any_case_and_spacing() {
        let code = RecoveryCode::generate();
        let printed = code.display();
        assert_eq!(
            printed.len(),
            36 + 8,
            "nine groups of four with eight dashes"
        );
        let sloppy = printed.to_lowercase().replace('-', " ");
        let parsed = RecoveryCode::parse(&sloppy).expect("a printed code parses");
        assert_eq!(parsed.0, code.0);
    }

    #[test]
    fn a_typo_is_caught_by_the_checksum() {
        let code = RecoveryCode::generate();
        let mut printed: Vec<char> = code.display().chars().collect();
        printed[0] = if printed[0] == 'A' { 'B' } else { 'A' };
        let typo: String = printed.into_iter().collect();
        let err = RecoveryCode::parse(&typo).expect_err("a typo must not parse");
        assert_eq!(
            err.to_string(),
            "the recovery code is mistyped (its checksum does not match); enter it exactly as printed"
        );
    }

    #[test]
    fn wrong_length_and_alphabet_are_told_apart() {
        let short = RecoveryCode::parse("ABCD-EFGH").expect_err("too short");
        assert!(
            short.to_string().contains("36 letters and digits"),
            "{short}"
        );
        let odd = RecoveryCode::parse(&"U".repeat(36)).expect_err("U is not in the alphabet");
        assert!(odd.to_string().contains("not used in codes"), "{odd}");
    }

    /// Regression: 31 `A`s, an `é` and three `A`s are 36 bytes, and slicing the 32nd byte
    /// fell inside the `é`: `candor recover` panicked ("byte index 32 is not a char
    /// boundary", exit 101).
    #[test]
    fn a_multi_byte_character_where_the_checksum_starts_is_refused_not_a_panic() {
        let typed = format!("{}é{}", "A".repeat(31), "A".repeat(3));
        let err = RecoveryCode::parse(&typed).expect_err("not a code");
        assert_eq!(
            err.to_string(),
            "the recovery code is mistyped (it should have 36 letters and digits in 9 groups \
             of 4); enter it exactly as printed"
        );
        let typed = format!("{}é{}", "A".repeat(32), "A".repeat(3));
        let err = RecoveryCode::parse(&typed).expect_err("not a code");
        assert!(err.to_string().contains("not used in codes"), "{err}");
    }

    #[test]
    fn o_i_and_l_read_as_digits_in_the_checksum_too() {
        for _ in 0..64 {
            let code = RecoveryCode::generate();
            let printed = code.display();
            let sloppy: String = printed
                .chars()
                .map(|c| match c {
                    '0' => 'o',
                    '1' => 'L',
                    c => c,
                })
                .collect();
            let parsed = RecoveryCode::parse(&sloppy).expect("read as printed");
            assert_eq!(parsed.0, code.0);
        }
    }

    /// Any text at all is either a code or a clear refusal: many generated strings of
    /// multi-byte letters, emoji, combining marks, control characters and very long
    /// runs, each also mixed into a real code at every position and length.
    #[test]
    fn no_input_makes_parsing_panic() {
        use rand::{Rng, SeedableRng};
        const PIECES: &[&str] = &[
            "A",
            "z",
            "0",
            "O",
            "l",
            "-",
            " ",
            "\t",
            "é",
            "e\u{301}",
            "\u{301}",
            "ß",
            "ǅ",
            "İ",
            "ﬃ",
            "Ⅻ",
            "٣",
            "７",
            "Ａ",
            "😀",
            "👩‍👩‍👧",
            "🇳🇴",
            "\u{200b}",
            "\u{feff}",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{2028}",
            "\u{10ffff}",
            "ø",
            "Å",
            "日本",
        ];
        let check = |text: &str| match RecoveryCode::parse(text) {
            Ok(_) | Err(VaultError::MalformedRecoveryCode { .. }) => {}
            Err(other) => panic!("{text:?} gave {other:?}, not a mistyped-code error"),
        };
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let real = RecoveryCode::generate().display().to_string();
        let mut tried = 0;
        for _ in 0..20_000 {
            let len = match rng.gen_range(0..10) {
                0 => rng.gen_range(0..4_000),
                _ => rng.gen_range(0..60),
            };
            let text: String = (0..len)
                .map(|_| PIECES[rng.gen_range(0..PIECES.len())])
                .collect();
            check(&text);
            // The same pieces inside a real code: where the split and the checksum are.
            let mut chars: Vec<String> = real.chars().map(String::from).collect();
            let at = rng.gen_range(0..=chars.len());
            let cut = rng.gen_range(0..=3).min(chars.len() - at.min(chars.len()));
            let piece = PIECES[rng.gen_range(0..PIECES.len())].to_owned();
            chars.splice(at..at + cut, [piece]);
            check(&chars.concat());
            tried += 2;
        }
        // Every character in place of every character of a code.
        let compact: Vec<char> = real.chars().filter(|c| *c != '-').collect();
        for piece in PIECES {
            for i in 0..compact.len() {
                let mut text: String = compact[..i].iter().collect();
                text.push_str(piece);
                text.extend(&compact[i + 1..]);
                check(&text);
                tried += 1;
            }
        }
        check(&"é".repeat(1 << 20));
        assert!(tried > 40_000);
    }

    #[test]
    fn debug_does_not_print_the_code() {
        let code = RecoveryCode::generate();
        assert_eq!(format!("{code:?}"), "RecoveryCode(redacted)");
    }
}
