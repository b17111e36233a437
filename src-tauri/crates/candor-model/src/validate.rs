//! Validation: every problem of a record, each at its field, so the seeker can fix it.
//!
//! Every record type implements [`Validate`]. A failure is a [`ValidationError`]: the
//! dotted path of the field (`courses[2].credits`, `nationalId`) and a [`Problem`]. The UI
//! shows the error at that field and translates it by [`Problem::code`] and the problem's
//! own fields; the English [`Display`](std::fmt::Display) is a full sentence for the CLI
//! and logs.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::problem::Problem;

/// Longest one-line text (a name, a title, a URL), in characters.
pub const MAX_LINE_CHARS: usize = 500;
/// Longest free text (a summary, a description, notes), in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Checks a value and reports every problem at once, not just the first.
pub trait Validate {
    /// `Ok(())` when the value is fine; otherwise every problem found, each at its field.
    fn validate(&self) -> Result<(), ValidationErrors>;
}

/// One thing wrong with one field.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    /// Dotted path of the field, in the JSON names: `courses[2].credits`, `nationalId`.
    /// Empty when the problem is about the value as a whole.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl ValidationError {
    /// The `problem` at `field`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }

    /// The same error one level further out: `prefixed("education[1]")` turns
    /// `courses[0].credits` into `education[1].courses[0].credits`.
    #[must_use]
    pub fn prefixed(mut self, prefix: &str) -> Self {
        self.field = join_path(prefix, &self.field);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.field, self.problem)
        }
    }
}

/// Everything wrong with a value; never empty when returned as an error.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ValidationErrors(pub Vec<ValidationError>);

impl ValidationErrors {
    /// The errors, in the order the fields were checked.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never, for one returned by [`Validate::validate`]).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every error one level further out; see [`ValidationError::prefixed`].
    #[must_use]
    pub fn prefixed(self, prefix: &str) -> Self {
        Self(self.0.into_iter().map(|e| e.prefixed(prefix)).collect())
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        Self(vec![error])
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// `prefix` and `field` joined as a dotted path; `field` may start with an index.
fn join_path(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else if field.is_empty() {
        prefix.to_owned()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

/// Text that a [`Check`] can measure: a `String`, a `str` or an `Option<String>`.
pub(crate) trait AsText {
    fn as_text(&self) -> &str;
}

impl AsText for str {
    fn as_text(&self) -> &str {
        self
    }
}

impl AsText for String {
    fn as_text(&self) -> &str {
        self
    }
}

impl AsText for Option<String> {
    fn as_text(&self) -> &str {
        self.as_deref().unwrap_or_default()
    }
}

/// Collects the problems of one value, field by field.
#[derive(Default)]
pub(crate) struct Check {
    errors: Vec<ValidationError>,
}

impl Check {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    pub(crate) fn problem(&mut self, field: &str, problem: Problem) {
        self.errors.push(ValidationError::new(field, problem));
    }

    /// A one-line field that must not be blank.
    pub(crate) fn required(&mut self, field: &str, value: &(impl AsText + ?Sized)) {
        if value.as_text().trim().is_empty() {
            self.problem(field, Problem::Required);
        } else {
            self.line(field, value);
        }
    }

    /// A one-line field, which may be empty.
    pub(crate) fn line(&mut self, field: &str, value: &(impl AsText + ?Sized)) {
        self.max_chars(field, value.as_text(), MAX_LINE_CHARS);
    }

    /// A free-text field, which may be empty.
    pub(crate) fn text(&mut self, field: &str, value: &(impl AsText + ?Sized)) {
        self.max_chars(field, value.as_text(), MAX_TEXT_CHARS);
    }

    /// A list of one-line texts (highlights, keywords), each checked at `field[i]`.
    pub(crate) fn lines(&mut self, field: &str, values: &[String]) {
        for (i, value) in values.iter().enumerate() {
            self.line(&format!("{field}[{i}]"), value);
        }
    }

    fn max_chars(&mut self, field: &str, value: &str, max: usize) {
        // Count chars, not bytes: "ø" is one character to the person typing it.
        if value.chars().count() > max {
            self.problem(field, Problem::TooLong { max });
        }
    }

    /// `endDate` must not be before `startDate`.
    pub(crate) fn date_order(&mut self, start: Option<PartialDate>, end: Option<PartialDate>) {
        if let (Some(start), Some(end)) = (start, end) {
            if end.is_before(start) {
                self.problem("endDate", Problem::DateOrder);
            }
        }
    }

    /// A nested value, its errors prefixed with `field`.
    pub(crate) fn nested(&mut self, field: &str, value: &impl Validate) {
        if let Err(errors) = value.validate() {
            self.errors
                .extend(errors.into_iter().map(|e| e.prefixed(field)));
        }
    }

    /// A list of nested values, each one's errors prefixed with `field[i]`.
    pub(crate) fn each<T: Validate>(&mut self, field: &str, values: &[T]) {
        for (i, value) in values.iter().enumerate() {
            self.nested(&format!("{field}[{i}]"), value);
        }
    }

    pub(crate) fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_message_names_the_field_and_what_to_do() {
        let error = Problem::NegativeCredits { value: "-5".into() }.at("courses[0].credits");
        assert_eq!(
            error.to_string(),
            "courses[0].credits: credits cannot be negative (got -5); use 0 or more, e.g. 7.5"
        );
    }

    #[test]
    fn prefixing_joins_paths_with_dots_and_keeps_indexes_attached() {
        let inner = Problem::Required.at("courses[0].title");
        assert_eq!(
            inner.clone().prefixed("education[1]").field,
            "education[1].courses[0].title"
        );
        assert_eq!(inner.clone().prefixed("").field, "courses[0].title");
        assert_eq!(Problem::Required.at("").prefixed("person").field, "person");
        assert_eq!(
            Problem::Required.at("[2]").prefixed("highlights").field,
            "highlights[2]"
        );
    }

    #[test]
    fn errors_display_one_per_line() {
        let errors = ValidationErrors(vec![
            Problem::Required.at("name"),
            Problem::TooLong { max: 500 }.at("url"),
        ]);
        assert_eq!(
            errors.to_string(),
            "name: this field is required; fill it in\n\
             url: this text is too long; shorten it to at most 500 characters"
        );
    }

    #[test]
    fn text_longer_than_the_limit_is_too_long_counting_characters() {
        let mut check = Check::new();
        check.line("name", &"ø".repeat(MAX_LINE_CHARS));
        assert!(check.finish().is_ok(), "500 two-byte characters fit");
        let mut check = Check::new();
        check.line("name", &"ø".repeat(MAX_LINE_CHARS + 1));
        let errors = check.finish().expect_err("501 characters are too many");
        assert_eq!(errors.0, vec![Problem::TooLong { max: 500 }.at("name")]);
    }
}
