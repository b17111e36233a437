//! How a model type refuses a value while it is being deserialized, so that
//! [`check_draft`](crate::check_draft) can tell which [`Problem`] stopped the read.
//!
//! Serde's errors carry only a sentence (`de::Error::custom` takes any `Display`), and
//! matching sentences would tie the checker to their wording. So a refusal also leaves the
//! problem itself on this thread, but only while a draft is being checked: every other
//! reader (the vault, the importers) sees exactly the error it always saw.

use std::cell::RefCell;
use std::str::FromStr;

use serde::de::{self, Deserialize, Deserializer};

use crate::problem::Problem;

thread_local! {
    /// `Some` while [`capturing`] runs on this thread; inside, the latest refusal, if any.
    static CAPTURED: RefCell<Option<Option<Problem>>> = const { RefCell::new(None) };
}

/// The deserializer's error for a value the model's parser refused with `problem`: the
/// problem's sentence, and the problem itself kept for [`capturing`].
pub(crate) fn refused<E: de::Error>(problem: Problem) -> E {
    let error = E::custom(&problem);
    CAPTURED.with(|captured| {
        if let Some(latest) = captured.borrow_mut().as_mut() {
            *latest = Some(problem);
        }
    });
    error
}

/// How the model's string-shaped types deserialize: a string, read by the type's own
/// parser. A value the parser refuses is [`refused`] with the parser's problem.
pub(crate) fn parse_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = Problem>,
{
    String::deserialize(deserializer)?.parse().map_err(refused)
}

/// Runs `read` and returns what it returned with the last problem a model type refused
/// meanwhile. The model's types never recover from a refusal, so when `read` fails after
/// one, that refusal is what stopped it.
pub(crate) fn capturing<T>(read: impl FnOnce() -> T) -> (T, Option<Problem>) {
    let guard = Capture::start();
    let value = read();
    (value, guard.finish())
}

/// Turns capturing on for as long as it lives, and back to what it was when dropped (also
/// when `read` panics), so a refusal is never kept outside [`capturing`].
struct Capture {
    before: Option<Option<Problem>>,
}

impl Capture {
    fn start() -> Self {
        let before = CAPTURED.with(|captured| captured.borrow_mut().replace(None));
        Capture { before }
    }

    fn finish(self) -> Option<Problem> {
        CAPTURED.with(|captured| captured.borrow_mut().as_mut().and_then(Option::take))
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        let before = self.before.take();
        CAPTURED.with(|captured| *captured.borrow_mut() = before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Credits, PartialDate};

    #[test]
    fn a_refusal_is_captured_with_the_parsers_problem() {
        let (result, refusal) = capturing(|| serde_json::from_str::<Credits>(r#""-5""#));
        assert!(result.is_err());
        assert_eq!(
            refusal,
            Some(Problem::NegativeCredits { value: "-5".into() })
        );
    }

    #[test]
    fn a_read_that_succeeds_or_fails_for_another_reason_captures_nothing() {
        let (result, refusal) = capturing(|| serde_json::from_str::<PartialDate>(r#""2019""#));
        assert!(result.is_ok());
        assert_eq!(refusal, None);
        let (result, refusal) = capturing(|| serde_json::from_str::<PartialDate>("2019"));
        assert!(result.is_err(), "a number is not a date string");
        assert_eq!(refusal, None);
    }

    #[test]
    fn outside_capturing_a_refusal_is_only_an_error_and_is_not_kept() {
        let error = serde_json::from_str::<Credits>(r#""abc""#).expect_err("not credits");
        assert!(
            error.to_string().contains("is not a number of credits"),
            "{error}"
        );
        let (_, refusal) = capturing(|| ());
        assert_eq!(refusal, None, "nothing left over from the read before");
    }
}
