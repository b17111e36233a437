//! Languages: a CEFR level where the seeker has one, free text where they do not.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::problem::Problem;
use crate::validate::{Check, Validate, ValidationErrors};

/// A language the seeker speaks; JSON Resume's `languages` entry.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Language {
    /// "Norwegian", "English". Required.
    pub language: String,
    #[serde(default, skip_serializing_if = "Fluency::is_empty")]
    pub fluency: Fluency,
}

/// A level of the Common European Framework of Reference for Languages.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CefrLevel {
    A1,
    A2,
    B1,
    B2,
    C1,
    C2,
}

impl CefrLevel {
    /// Every level, lowest first.
    pub const ALL: [CefrLevel; 6] = [
        CefrLevel::A1,
        CefrLevel::A2,
        CefrLevel::B1,
        CefrLevel::B2,
        CefrLevel::C1,
        CefrLevel::C2,
    ];
}

impl fmt::Display for CefrLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl FromStr for CefrLevel {
    type Err = Problem;

    /// `A1`–`C2` in any case.
    fn from_str(s: &str) -> Result<Self, Problem> {
        let upper = s.trim().to_uppercase();
        CefrLevel::ALL
            .into_iter()
            .find(|level| level.to_string() == upper)
            .ok_or_else(|| Problem::UnknownCefrLevel {
                value: s.trim().to_owned(),
            })
    }
}

/// How well the seeker speaks a language: a CEFR level, or words ("Native speaker").
///
/// Serialized as one string: `"B2"` or the words. Reading JSON is lenient so that an
/// imported resume always loads: a string shaped like a level but not one ("D1") is kept
/// as [`Fluency::Described`] and [`Validate`] reports it. Parsing with
/// [`FromStr`](std::str::FromStr) refuses it at once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum Fluency {
    Cefr(CefrLevel),
    Described(String),
}

impl Fluency {
    /// Whether no fluency is given (an empty description).
    pub fn is_empty(&self) -> bool {
        matches!(self, Fluency::Described(text) if text.is_empty())
    }

    /// Reads a CEFR level if it is one (in any case, spaces around it ignored) and keeps
    /// anything else as words, exactly as written: a fluency stored or exported as words
    /// reads back the same, as every other text does.
    fn read(s: &str) -> Fluency {
        match s.parse() {
            Ok(level) => Fluency::Cefr(level),
            Err(_) => Fluency::Described(s.to_owned()),
        }
    }
}

impl Default for Fluency {
    fn default() -> Self {
        Fluency::Described(String::new())
    }
}

/// A letter and a digit: what a CEFR level looks like.
fn looks_like_a_level(s: &str) -> bool {
    let bytes = s.trim().as_bytes();
    bytes.len() == 2 && bytes[0].is_ascii_alphabetic() && bytes[1].is_ascii_digit()
}

impl FromStr for Fluency {
    type Err = Problem;

    /// `A1`–`C2` in any case is a level; a letter and a digit that is not a level ("D1",
    /// "A3") is [`Problem::UnknownCefrLevel`]; anything else is kept as words, trimmed.
    fn from_str(s: &str) -> Result<Self, Problem> {
        match Fluency::read(s.trim()) {
            Fluency::Described(text) if looks_like_a_level(&text) => {
                Err(Problem::UnknownCefrLevel { value: text })
            }
            fluency => Ok(fluency),
        }
    }
}

impl fmt::Display for Fluency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fluency::Cefr(level) => write!(f, "{level}"),
            Fluency::Described(text) => f.write_str(text),
        }
    }
}

impl From<String> for Fluency {
    fn from(s: String) -> Self {
        Fluency::read(&s)
    }
}

impl From<Fluency> for String {
    fn from(fluency: Fluency) -> String {
        fluency.to_string()
    }
}

impl Validate for Language {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("language", &self.language);
        if let Fluency::Described(text) = &self.fluency {
            if looks_like_a_level(text) {
                let value = text.clone();
                check.problem("fluency", Problem::UnknownCefrLevel { value });
            } else {
                check.line("fluency", text);
            }
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cefr_levels_parse_in_any_case() {
        assert_eq!("b2".parse(), Ok(Fluency::Cefr(CefrLevel::B2)));
        assert_eq!(" C1 ".parse(), Ok(Fluency::Cefr(CefrLevel::C1)));
        assert_eq!("A1".parse(), Ok(Fluency::Cefr(CefrLevel::A1)));
        assert!(CefrLevel::A2 < CefrLevel::C2);
    }

    #[test]
    fn letter_and_digit_that_is_no_cefr_level_is_refused() {
        for value in ["D1", "A3", "c7"] {
            assert_eq!(
                value.parse::<Fluency>(),
                Err(Problem::UnknownCefrLevel {
                    value: value.into()
                })
            );
        }
        let problem = "D1".parse::<Fluency>().expect_err("not a level");
        assert_eq!(
            problem.to_string(),
            "\"D1\" is not a CEFR level; use A1, A2, B1, B2, C1 or C2, or describe the fluency in words"
        );
    }

    #[test]
    fn other_fluency_text_is_kept_as_words() {
        assert_eq!(
            "Native speaker".parse(),
            Ok(Fluency::Described("Native speaker".into()))
        );
        assert_eq!("B22".parse(), Ok(Fluency::Described("B22".into())));
        assert_eq!("morsmål".parse(), Ok(Fluency::Described("morsmål".into())));
    }

    #[test]
    fn language_serializes_fluency_as_one_string() {
        let norwegian = Language {
            language: "Norwegian".into(),
            fluency: Fluency::Described("Native speaker".into()),
        };
        let english = Language {
            language: "English".into(),
            fluency: Fluency::Cefr(CefrLevel::C1),
        };
        let json = serde_json::to_string(&[&norwegian, &english]).expect("serializes");
        assert_eq!(
            json,
            r#"[{"language":"Norwegian","fluency":"Native speaker"},{"language":"English","fluency":"C1"}]"#
        );
        let back: Vec<Language> = serde_json::from_str(&json).expect("reads");
        assert_eq!(back, [norwegian, english]);
        let bare: Language = serde_json::from_str(r#"{"language":"Sami"}"#).expect("reads");
        assert!(bare.fluency.is_empty());
        assert_eq!(
            serde_json::to_string(&bare).expect("serializes"),
            r#"{"language":"Sami"}"#
        );
    }

    /// Found by the JSON Resume round-trip property: " " was written out and read back
    /// as no fluency at all.
    #[test]
    fn fluency_in_words_reads_back_from_json_exactly_as_written() {
        for words in [" ", " Native speaker", "fluent\n", "\u{a0}morsmål\t"] {
            let language = Language {
                language: "Norwegian".into(),
                fluency: Fluency::Described(words.into()),
            };
            assert!(language.validate().is_ok(), "{words:?} is a valid fluency");
            let json = serde_json::to_string(&language).expect("serializes");
            let back: Language = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, language, "{json}");
        }
        let padded: Fluency = serde_json::from_str(r#"" b2 ""#).expect("reads");
        assert_eq!(
            padded,
            Fluency::Cefr(CefrLevel::B2),
            "a level is still a level"
        );
    }

    #[test]
    fn unknown_level_read_from_json_loads_and_fails_validation() {
        let language: Language =
            serde_json::from_str(r#"{"language":"German","fluency":"D1"}"#).expect("loads");
        let errors = language.validate().expect_err("D1 is no level");
        assert_eq!(
            errors.to_string(),
            "fluency: \"D1\" is not a CEFR level; use A1, A2, B1, B2, C1 or C2, or describe the fluency in words"
        );
        let nameless = Language::default();
        assert_eq!(
            nameless.validate().expect_err("no language").to_string(),
            "language: this field is required; fill it in"
        );
    }
}
