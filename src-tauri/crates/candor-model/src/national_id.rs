//! [`NationalId`]: a national identity number, validated where the country's rules are
//! known (Norway) and kept as given elsewhere.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::days_in_month;
use crate::problem::{NationalIdReason, Problem};
use crate::validate::{Check, Validate, ValidationError, ValidationErrors};

/// Weights of the first check digit (k1) of a Norwegian fødselsnummer, over digits 1–9.
const NO_K1_WEIGHTS: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
/// Weights of the second check digit (k2), over digits 1–10 (k1 included).
const NO_K2_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// A national identity number: an ISO 3166-1 alpha-2 country (upper case) and the number.
///
/// A Norwegian number (`NO`) is a fødselsnummer, D-number (day + 40), H-number (month + 40)
/// or synthetic test number (month + 80): 11 digits whose first six are a birth date and
/// whose last two are mod-11 check digits; it is stored as the digits only. Other countries'
/// numbers are kept as given (trimmed).
///
/// The number identifies the seeker everywhere and for life, so it must never reach a log,
/// an error message, a share, a notice or the ledger: [`Debug`](fmt::Debug) redacts it, there
/// is no `Display`, and no [`Problem`] carries it. It is `Serialize` only so the vault can
/// store it and the seeker's own export can include it when they ask; views leave it out.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NationalId {
    country: String,
    value: String,
}

impl NationalId {
    /// A checked and normalised number: the country trimmed and in upper case; a Norwegian
    /// number with its spaces removed. Errors are at the field `nationalId` (or
    /// `nationalId.country`) and never contain the number.
    pub fn new(country: &str, value: &str) -> Result<NationalId, ValidationError> {
        let country = country.trim().to_uppercase();
        let value = if country == "NO" {
            value.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            value.trim().to_owned()
        };
        let id = NationalId { country, value };
        match id.problem() {
            None => Ok(id),
            Some((field, problem)) => Err(problem.at(field).prefixed("nationalId")),
        }
    }

    /// The country, ISO 3166-1 alpha-2, upper case: "NO".
    pub fn country(&self) -> &str {
        &self.country
    }

    /// The number itself. Handle with care: see the type's documentation.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The first problem, at its field relative to the id ("" for the number).
    fn problem(&self) -> Option<(&'static str, Problem)> {
        if !is_country_code(&self.country) {
            let value = self.country.clone();
            return Some(("country", Problem::BadCountryCode { value }));
        }
        if self.value.is_empty() {
            return Some(("", Problem::Required));
        }
        if self.country == "NO" {
            return check_norwegian(&self.value).err().map(|p| ("", p));
        }
        None
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NationalId")
            .field("country", &self.country)
            .field("value", &"<redacted>")
            .finish()
    }
}

impl Validate for NationalId {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        if let Some((field, problem)) = self.problem() {
            check.problem(field, problem);
        } else {
            check.line("", &self.value);
        }
        check.finish()
    }
}

/// Two ASCII letters in upper case: "NO", "SE".
pub(crate) fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Checks a Norwegian fødselsnummer, D-number, H-number or synthetic number: 11 digits,
/// a birth date DDMMYY (day + 40 for a D-number, month + 40 for an H-number, month + 80
/// for a synthetic one), and two mod-11 check digits.
fn check_norwegian(value: &str) -> Result<(), Problem> {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11 || value.len() != 11 {
        return Err(Problem::BadNationalIdFormat {
            reason: NationalIdReason::NotElevenDigits,
        });
    }
    let mut day = digits[0] * 10 + digits[1];
    let mut month = digits[2] * 10 + digits[3];
    if day > 40 {
        day -= 40;
    }
    if month > 80 {
        month -= 80;
    } else if month > 40 {
        month -= 40;
    }
    // The century is coded in the individual number; 2000 is a leap year, so 29 February
    // passes here whatever the century.
    let real_date =
        (1..=12).contains(&month) && day >= 1 && day <= u32::from(days_in_month(2000, month as u8));
    if !real_date {
        return Err(Problem::BadNationalIdFormat {
            reason: NationalIdReason::NoBirthDate,
        });
    }
    let k1 = mod11_check_digit(&digits[..9], &NO_K1_WEIGHTS);
    let k2 = mod11_check_digit(&digits[..10], &NO_K2_WEIGHTS);
    if k1 == Some(digits[9]) && k2 == Some(digits[10]) {
        Ok(())
    } else {
        Err(Problem::BadNationalIdChecksum)
    }
}

/// The mod-11 check digit: 11 − (Σ digit × weight mod 11), where a remainder of 0 gives 0
/// and a remainder of 1 gives no valid digit.
fn mod11_check_digit(digits: &[u32], weights: &[u32]) -> Option<u32> {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    match sum % 11 {
        0 => Some(0),
        1 => None,
        r => Some(11 - r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Completes nine digits with their check digits, or `None` where k1 or k2 would be 10.
    fn with_check_digits(nine: &str) -> Option<String> {
        let mut digits: Vec<u32> = nine.chars().filter_map(|c| c.to_digit(10)).collect();
        digits.push(mod11_check_digit(&digits, &NO_K1_WEIGHTS)?);
        digits.push(mod11_check_digit(&digits, &NO_K2_WEIGHTS)?);
        Some(digits.iter().map(u32::to_string).collect())
    }

    /// The first complete number for a birth date DDMMYY and any individual number.
    fn synthetic(ddmmyy: &str) -> String {
        (0..1000)
            .find_map(|individual| with_check_digits(&format!("{ddmmyy}{individual:03}")))
            .expect("some individual number gives valid check digits")
    }

    fn problem(value: &str) -> Problem {
        NationalId::new("NO", value)
            .expect_err("invalid number")
            .problem
    }

    #[test]
    fn norwegian_numbers_checked_by_hand_are_accepted() {
        // 15059500136: k1 = 11 − 162 mod 11 = 3, k2 = 11 − 137 mod 11 = 6.
        // 29020012380: a leap day; k2's sum 88 leaves remainder 0, so k2 = 0.
        // 55059500049: a D-number (day 15 + 40).
        for value in ["15059500136", "29020012380", "55059500049"] {
            let id = NationalId::new("NO", value).expect("valid number");
            assert_eq!(id.value(), value);
        }
    }

    #[test]
    fn norwegian_numbers_computed_from_the_algorithm_are_accepted_in_every_variant() {
        for date in ["010190", "311299", "290200", "300480"] {
            let birth = synthetic(date);
            let d_number = synthetic(&format!(
                "{}{}",
                u32::from(date.as_bytes()[0] - b'0') + 4,
                &date[1..]
            ));
            let h_number = synthetic(&format!(
                "{}{}{}",
                &date[..2],
                u32::from(date.as_bytes()[2] - b'0') + 4,
                &date[3..]
            ));
            let test_number = synthetic(&format!(
                "{}{}{}",
                &date[..2],
                u32::from(date.as_bytes()[2] - b'0') + 8,
                &date[3..]
            ));
            for value in [birth, d_number, h_number, test_number] {
                assert!(NationalId::new("NO", &value).is_ok(), "{value} passes");
            }
        }
    }

    #[test]
    fn norwegian_id_with_spaces_is_stored_as_digits_only() {
        let id = NationalId::new(" no ", "150595 00136").expect("valid number");
        assert_eq!((id.country(), id.value()), ("NO", "15059500136"));
    }

    #[test]
    fn norwegian_id_with_bad_first_check_digit_is_refused() {
        assert_eq!(problem("15059500146"), Problem::BadNationalIdChecksum);
    }

    #[test]
    fn norwegian_id_with_bad_second_check_digit_is_refused() {
        assert_eq!(problem("15059500137"), Problem::BadNationalIdChecksum);
    }

    #[test]
    fn norwegian_id_whose_first_check_digit_would_be_ten_is_refused() {
        // 150595101 leaves remainder 1 under k1's weights: no digit can complete it.
        assert_eq!(
            mod11_check_digit(&[1, 5, 0, 5, 9, 5, 1, 0, 1], &NO_K1_WEIGHTS),
            None
        );
        for last in 0..100 {
            assert_eq!(
                problem(&format!("150595101{last:02}")),
                Problem::BadNationalIdChecksum
            );
        }
    }

    #[test]
    fn norwegian_id_of_the_wrong_length_or_with_letters_is_refused() {
        let not_eleven = Problem::BadNationalIdFormat {
            reason: NationalIdReason::NotElevenDigits,
        };
        for value in [
            "1505950013",
            "150595001366",
            "1505950013x",
            "15-05-95-00136",
            "١٥٠٥٩٥٠٠١٣٦",
        ] {
            assert_eq!(problem(value), not_eleven, "{value}");
        }
    }

    #[test]
    fn norwegian_id_without_a_birth_date_is_refused_even_with_good_check_digits() {
        let no_date = Problem::BadNationalIdFormat {
            reason: NationalIdReason::NoBirthDate,
        };
        // Day 32, month 13, day 0, 30 February, month 13 + 80: each completed with valid digits.
        for date in ["320190", "011390", "000190", "300290", "019390"] {
            assert_eq!(problem(&synthetic(date)), no_date, "{date}");
        }
    }

    #[test]
    fn national_id_errors_name_the_field_and_never_the_number() {
        let error = NationalId::new("NO", "15059500137").expect_err("bad check digit");
        assert_eq!(error.field, "nationalId");
        assert_eq!(
            error.to_string(),
            "nationalId: the national identity number's check digits do not match; check it for typing errors"
        );
        let error = NationalId::new("NO", "1505950013").expect_err("too short");
        assert_eq!(
            error.to_string(),
            "nationalId: the national identity number is not valid: a Norwegian national identity number has 11 digits; check that none is missing"
        );
        assert!(!format!("{error:?}").contains("1505950013"));
    }

    #[test]
    fn other_countries_numbers_are_kept_as_given_but_not_empty() {
        let id = NationalId::new("se", " 19900101-1234 ").expect("kept as given");
        assert_eq!((id.country(), id.value()), ("SE", "19900101-1234"));
        let error = NationalId::new("SE", "  ").expect_err("empty");
        assert_eq!(error, Problem::Required.at("nationalId"));
        let error = NationalId::new("Norway", "15059500136").expect_err("not a code");
        assert_eq!(
            error,
            Problem::BadCountryCode {
                value: "NORWAY".into()
            }
            .at("nationalId.country")
        );
    }

    #[test]
    fn debug_of_a_national_id_redacts_the_number() {
        let id = NationalId::new("NO", "15059500136").expect("valid number");
        let debug = format!("{id:?}");
        assert_eq!(
            debug,
            r#"NationalId { country: "NO", value: "<redacted>" }"#
        );
    }

    #[test]
    fn national_id_read_from_json_is_checked_by_validate() {
        let id: NationalId =
            serde_json::from_str(r#"{"country":"NO","value":"15059500137"}"#).expect("reads");
        let errors = id.validate().expect_err("bad check digit");
        assert_eq!(errors.0, vec![Problem::BadNationalIdChecksum.at("")]);
        let good = NationalId::new("NO", "15059500136").expect("valid number");
        let json = serde_json::to_string(&good).expect("serializes");
        assert_eq!(json, r#"{"country":"NO","value":"15059500136"}"#);
        assert_eq!(
            serde_json::from_str::<NationalId>(&json).expect("reads"),
            good
        );
        assert!(good.validate().is_ok());
    }
}
