//! [`Problem`]: what can be wrong with a field, one variant per failure, each with a
//! stable code and a message that says what to do.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::grade::GradeScheme;
use crate::validate::ValidationError;

/// What is wrong with a field. The message says what happened and what to do.
///
/// Serialized with its [`code`](Problem::code) as `"code"` beside its own fields, so the UI
/// can translate it. No variant ever carries a national identity number.
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(
    tag = "code",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Problem {
    /// A field that must be filled in is empty.
    #[error("this field is required; fill it in")]
    Required,
    /// A date that cannot be read or does not exist.
    #[error("\"{value}\" is not a valid date: {reason}")]
    BadDate { value: String, reason: DateReason },
    /// The end date is before the start date.
    #[error("the end date is before the start date; correct one of them")]
    DateOrder,
    /// Credits below zero.
    #[error("credits cannot be negative (got {value}); use 0 or more, e.g. 7.5")]
    NegativeCredits { value: String },
    /// Credits that are not a decimal number with at most three decimals.
    #[error(
        "\"{value}\" is not a number of credits; use a number with at most 3 decimals, e.g. 7.5"
    )]
    BadCredits { value: String },
    /// Shaped like a CEFR level (a letter and a digit) but not one of A1–C2.
    #[error("\"{value}\" is not a CEFR level; use A1, A2, B1, B2, C1 or C2, or describe the fluency in words")]
    UnknownCefrLevel { value: String },
    /// A national identity number whose check digits do not match.
    #[error(
        "the national identity number's check digits do not match; check it for typing errors"
    )]
    BadNationalIdChecksum,
    /// A national identity number of the wrong shape.
    #[error("the national identity number is not valid: {reason}")]
    BadNationalIdFormat { reason: NationalIdReason },
    /// A grade label that the grade scheme does not have.
    #[error("\"{label}\" is not a grade in the {} scheme; use one of {}", scheme.title(), scheme.labels_hint())]
    GradeNotInScheme { label: String, scheme: GradeScheme },
    /// Not an e-mail address.
    #[error("\"{value}\" is not an e-mail address; write it as name@example.com")]
    BadEmail { value: String },
    /// An application moved to the status it already has.
    #[error("the application is already in status {status}; choose another status")]
    SameStatus { status: ApplicationStatus },
    /// An undo of a move that is no longer the application's last.
    #[error("the application has moved since (it is now {status}); choose its status instead of undoing")]
    MovedSince { status: ApplicationStatus },
    /// A text longer than allowed.
    #[error("this text is too long; shorten it to at most {max} characters")]
    TooLong { max: usize },
    /// Not a two-letter ISO 3166-1 country code.
    #[error(
        "\"{value}\" is not a country code; use the two-letter ISO 3166-1 code, e.g. NO or SE"
    )]
    BadCountryCode { value: String },
    /// A value outside a fixed set (a document kind, an application status).
    #[error("\"{value}\" is not one of {}; use one of them", allowed.join(", "))]
    NotOneOf { value: String, allowed: Vec<String> },
    /// Not a SHA-256 digest in hexadecimal.
    #[error("\"{value}\" is not a SHA-256 hash; it must be 64 hexadecimal digits")]
    BadSha256 { value: String },
}

impl Problem {
    /// Stable snake_case code for the UI to translate; the same string as the `"code"` the
    /// problem serializes with.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::BadDate { .. } => "bad_date",
            Problem::DateOrder => "date_order",
            Problem::NegativeCredits { .. } => "negative_credits",
            Problem::BadCredits { .. } => "bad_credits",
            Problem::UnknownCefrLevel { .. } => "unknown_cefr_level",
            Problem::BadNationalIdChecksum => "bad_national_id_checksum",
            Problem::BadNationalIdFormat { .. } => "bad_national_id_format",
            Problem::GradeNotInScheme { .. } => "grade_not_in_scheme",
            Problem::BadEmail { .. } => "bad_email",
            Problem::SameStatus { .. } => "same_status",
            Problem::MovedSince { .. } => "moved_since",
            Problem::TooLong { .. } => "too_long",
            Problem::BadCountryCode { .. } => "bad_country_code",
            Problem::NotOneOf { .. } => "not_one_of",
            Problem::BadSha256 { .. } => "bad_sha256",
        }
    }

    /// This problem at `field`.
    pub fn at(self, field: impl Into<String>) -> ValidationError {
        ValidationError::new(field, self)
    }
}

/// Why a date was refused.
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateReason {
    /// Not of the form YYYY, YYYY-MM or YYYY-MM-DD.
    NotADate,
    /// A year, or a year and month, where a full calendar date is needed.
    Incomplete,
    /// Year before 1900 or after 2200.
    YearOutOfRange,
    /// Month not 01–12.
    MonthOutOfRange,
    /// The month has no such day (30 February, 31 April, 29 February 2023).
    DayNotInMonth,
    /// Not an RFC 3339 time.
    NotATimestamp,
}

impl fmt::Display for DateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateReason::NotADate => "write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-06-29",
            DateReason::Incomplete => {
                "a full date is needed; write it as YYYY-MM-DD, e.g. 2019-06-29"
            }
            DateReason::YearOutOfRange => "the year must be between 1900 and 2200",
            DateReason::MonthOutOfRange => "the month must be between 01 and 12",
            DateReason::DayNotInMonth => "that month has no such day",
            DateReason::NotATimestamp => "write it as an RFC 3339 time, e.g. 2024-05-01T12:00:00Z",
        })
    }
}

/// Why a national identity number has the wrong shape. Never carries the number.
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalIdReason {
    /// A Norwegian number that is not 11 digits.
    NotElevenDigits,
    /// A Norwegian number whose first six digits are not a birth date (DDMMYY).
    NoBirthDate,
}

impl fmt::Display for NationalIdReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NationalIdReason::NotElevenDigits => {
                "a Norwegian national identity number has 11 digits; check that none is missing"
            }
            NationalIdReason::NoBirthDate => {
                "its first six digits must be a birth date (DDMMYY); check it for typing errors"
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serializes_with_its_code_and_fields() {
        let problem = Problem::BadDate {
            value: "2019-13".into(),
            reason: DateReason::MonthOutOfRange,
        };
        let json = serde_json::to_string(&problem.clone().at("startDate")).expect("serializes");
        assert_eq!(
            json,
            r#"{"field":"startDate","problem":{"code":"bad_date","value":"2019-13","reason":"month_out_of_range"}}"#
        );
        let back: ValidationError = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back.problem, problem);
    }

    #[test]
    fn every_problem_code_is_the_serialized_code() {
        let problems = [
            Problem::Required,
            Problem::BadDate {
                value: "x".into(),
                reason: DateReason::NotADate,
            },
            Problem::DateOrder,
            Problem::NegativeCredits { value: "-1".into() },
            Problem::BadCredits { value: "x".into() },
            Problem::UnknownCefrLevel { value: "D1".into() },
            Problem::BadNationalIdChecksum,
            Problem::BadNationalIdFormat {
                reason: NationalIdReason::NotElevenDigits,
            },
            Problem::GradeNotInScheme {
                label: "Q".into(),
                scheme: GradeScheme::Ects,
            },
            Problem::BadEmail { value: "x".into() },
            Problem::SameStatus {
                status: ApplicationStatus::Applied,
            },
            Problem::MovedSince {
                status: ApplicationStatus::Offer,
            },
            Problem::TooLong { max: 1 },
            Problem::BadCountryCode { value: "x".into() },
            Problem::NotOneOf {
                value: "x".into(),
                allowed: vec!["a".into()],
            },
            Problem::BadSha256 { value: "x".into() },
        ];
        for problem in problems {
            let json = serde_json::to_value(&problem).expect("serializes");
            assert_eq!(json["code"], problem.code(), "code of {problem:?}");
            let back: Problem = serde_json::from_value(json).expect("deserializes");
            assert_eq!(back, problem, "round trip of {problem:?}");
        }
    }
}
