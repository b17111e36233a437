//! [`Credits`]: study points as an exact decimal.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::problem::Problem;
use crate::refusal::refused;

/// Credits (ECTS credits, *studiepoeng*, *opintopisteet*) as an exact decimal with up to
/// three decimals, kept as thousandths so that 7.5 + 7.5 + 15 is exactly 30.
///
/// Written as a JSON string without trailing zeros (`"7.5"`, `"10"`); read from such a
/// string or from a JSON number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Credits(u32);

impl Credits {
    /// No credits: a course that is graded but carries no weight.
    pub const ZERO: Credits = Credits(0);

    /// Credits from thousandths: `from_thousandths(7500)` is 7.5.
    pub const fn from_thousandths(thousandths: u32) -> Self {
        Self(thousandths)
    }

    /// The credits in thousandths: 7.5 is 7500.
    pub const fn thousandths(self) -> u32 {
        self.0
    }

    /// The credits as a float, for display and charts; sums use [`Credits::saturating_add`].
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 1000.0
    }

    /// The sum, capped at the largest value (over four million credits, never reached).
    #[must_use]
    pub const fn saturating_add(self, other: Credits) -> Credits {
        Credits(self.0.saturating_add(other.0))
    }
}

impl FromStr for Credits {
    type Err = Problem;

    /// Reads `7.5`, `10`, `10.0`, `0`, and `7,5` (the decimal comma of Norwegian and Finnish
    /// transcripts). A minus sign is [`Problem::NegativeCredits`]; more than three decimals,
    /// a number too large or anything else is [`Problem::BadCredits`].
    fn from_str(s: &str) -> Result<Self, Problem> {
        let text = s.trim();
        let bad = || Problem::BadCredits {
            value: text.to_owned(),
        };
        if let Some(magnitude) = text.strip_prefix('-') {
            let magnitude = parse_unsigned(magnitude).ok_or_else(bad)?;
            return if magnitude == 0 {
                Ok(Self::ZERO)
            } else {
                Err(Problem::NegativeCredits {
                    value: text.to_owned(),
                })
            };
        }
        parse_unsigned(text).map(Self).ok_or_else(bad)
    }
}

/// `digits[.digits]` with one to three decimals, in thousandths; `None` if malformed or too
/// large.
fn parse_unsigned(text: &str) -> Option<u32> {
    let (whole, fraction) = match text.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (text, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 3 {
        return None;
    }
    if text.len() > whole.len() && fraction.is_empty() {
        // "7." has a separator and no decimals.
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let mut thousandths: u32 = 0;
    for (i, digit) in fraction.bytes().enumerate() {
        let scale = [100, 10, 1][i];
        thousandths += u32::from(digit - b'0') * scale;
    }
    whole.checked_mul(1000)?.checked_add(thousandths)
}

impl fmt::Display for Credits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 1000, self.0 % 1000);
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        let decimals = format!("{fraction:03}");
        write!(f, "{whole}.{}", decimals.trim_end_matches('0'))
    }
}

impl Serialize for Credits {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Credits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CreditsVisitor)
    }
}

struct CreditsVisitor;

impl Visitor<'_> for CreditsVisitor {
    type Value = Credits;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("credits as a string such as \"7.5\" or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Credits, E> {
        v.parse().map_err(refused)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Credits, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Credits, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Credits, E> {
        // `Display` of an f64 is the shortest decimal that reads back as the same f64 and
        // never uses an exponent, so 7.5 reads as "7.5" and 0.1 as "0.1".
        self.visit_str(&v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credits(s: &str) -> Credits {
        s.parse().expect("valid credits")
    }

    #[test]
    fn decimal_credits_parse_exactly() {
        assert_eq!(credits("7.5").thousandths(), 7500);
        assert_eq!(credits("10").thousandths(), 10_000);
        assert_eq!(credits("10.0").thousandths(), 10_000);
        assert_eq!(credits("0"), Credits::ZERO);
        assert_eq!(credits("0.125").thousandths(), 125);
        assert_eq!(
            credits(" 7,5 ").thousandths(),
            7500,
            "decimal comma, surrounding space"
        );
        assert_eq!(credits("-0"), Credits::ZERO, "minus zero is zero");
    }

    #[test]
    fn negative_credits_are_refused_with_a_message_that_says_what_to_do() {
        let problem = "-5".parse::<Credits>().expect_err("negative");
        assert_eq!(problem, Problem::NegativeCredits { value: "-5".into() });
        assert_eq!(
            problem.to_string(),
            "credits cannot be negative (got -5); use 0 or more, e.g. 7.5"
        );
    }

    #[test]
    fn garbage_and_too_many_decimals_are_bad_credits() {
        for s in [
            "", "abc", "7.5000", "7.1234", "7.", ".5", "1e3", "7.5.1", "--5", "+5", "5 0",
            "99999999",
        ] {
            assert_eq!(
                s.parse::<Credits>(),
                Err(Problem::BadCredits {
                    value: s.trim().into()
                }),
                "{s:?}"
            );
        }
        let problem = "abc".parse::<Credits>().expect_err("garbage");
        assert_eq!(
            problem.to_string(),
            "\"abc\" is not a number of credits; use a number with at most 3 decimals, e.g. 7.5"
        );
    }

    #[test]
    fn credits_display_without_trailing_zeros() {
        assert_eq!(credits("7.50").to_string(), "7.5");
        assert_eq!(credits("10.000").to_string(), "10");
        assert_eq!(credits("0").to_string(), "0");
        assert_eq!(credits("0.05").to_string(), "0.05");
        assert_eq!(Credits::from_thousandths(1).to_string(), "0.001");
    }

    #[test]
    fn credits_serialize_as_a_string_and_read_strings_or_numbers() {
        assert_eq!(
            serde_json::to_string(&credits("7.5")).expect("serializes"),
            r#""7.5""#
        );
        for json in [r#""7.5""#, "7.5", r#""7,5""#] {
            assert_eq!(
                serde_json::from_str::<Credits>(json).expect("reads"),
                credits("7.5"),
                "{json}"
            );
        }
        assert_eq!(
            serde_json::from_str::<Credits>("10").expect("reads"),
            credits("10")
        );
        assert_eq!(
            serde_json::from_str::<Credits>("0.1").expect("reads"),
            credits("0.1")
        );
        let error = serde_json::from_str::<Credits>("-5").expect_err("negative number");
        assert!(error.to_string().contains("cannot be negative"), "{error}");
        let error = serde_json::from_str::<Credits>("7.12345").expect_err("too precise");
        assert!(error.to_string().contains("at most 3 decimals"), "{error}");
        assert!(serde_json::from_str::<Credits>("true").is_err());
    }
}
