//! Checking what a form is about to send, before it is sent: every problem the core would
//! report, each at its field.
//!
//! A command reads its arguments before anything validates them, so a value the model
//! refuses while reading (a date such as `2019-13`, credits such as `-5`) fails the whole
//! call, and its problem comes back at no field. [`check_draft`] reads the draft the way
//! the command would, notes every refused value at its path with the problem the model's
//! own parser gave, and then validates what could be read, so the form can show all of it
//! at once, at the fields.

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::application::Application;
use crate::date::Day;
use crate::problem::Problem;
use crate::profile::Profile;
use crate::refusal::capturing;
use crate::timestamp::Timestamp;
use crate::validate::{Validate, ValidationError, ValidationErrors};

/// The most refused values reported for one draft. Each costs another read of the whole
/// draft, so a draft full of them (a pasted table, say) stays quick to check; once the
/// first hundred are fixed, the next check reports the rest.
pub const MAX_REFUSED_VALUES: usize = 100;

/// What a draft is a draft of: the form it comes from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DraftKind {
    /// The whole profile, as the profile editor saves it.
    Profile,
    /// An application's fields, as the new-application and edit forms send them.
    Application,
}

impl fmt::Display for DraftKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DraftKind::Profile => "profile",
            DraftKind::Application => "application",
        })
    }
}

/// A draft that is not shaped like its kind at all: a number where a text belongs, an
/// object without a field that must be there. No one typing in a form can cause this, only
/// the form's code, so it is not a problem at a field. It names the path, never a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnreadableDraft {
    /// What the draft was to be.
    pub kind: DraftKind,
    /// Dotted path of the value that does not fit; empty for the draft as a whole.
    pub field: String,
}

impl fmt::Display for UnreadableDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "the {} draft is not shaped like one", self.kind)
        } else {
            write!(
                f,
                "the {} draft has a value of the wrong shape at {}",
                self.kind, self.field
            )
        }
    }
}

/// Every problem the core would report for `draft` (JSON as the form of `kind` sends it),
/// each at its dotted field path as [`Validate`] reports them: first each value the model
/// refuses while reading it, with its parser's problem, then every problem validation
/// finds in the rest. Empty when the draft can be saved as it is.
///
/// Refused values are left out of what is validated, so a bad start date does not also
/// make a date-order problem. At most [`MAX_REFUSED_VALUES`] are reported; the rest is
/// then not validated either.
pub fn check_draft(
    kind: DraftKind,
    draft: &Value,
) -> Result<Vec<ValidationError>, UnreadableDraft> {
    let checked = match kind {
        DraftKind::Profile => check::<Profile>(draft, |profile| profile.validate()),
        DraftKind::Application => {
            check::<ApplicationFields>(draft, |fields| fields.into_application().validate())
        }
    };
    checked.map_err(|at| UnreadableDraft {
        kind,
        field: field_path(&at),
    })
}

/// An application's fields as the new-application and edit forms send them. What the vault
/// keeps beside them (when it was made, its status and history) is not the forms' to send,
/// so it is not read; any other field the draft carries is ignored. A field left out is
/// empty, so a missing company is [`Problem::Required`], as an empty one is.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ApplicationFields {
    company: String,
    position: String,
    link: String,
    contact: Option<String>,
    notes: Option<String>,
    next_step: Option<String>,
    next_step_date: Option<Day>,
}

impl ApplicationFields {
    /// The application these fields make, as adding one makes it. When it was made is no
    /// field of the forms, and validation does not look at it.
    fn into_application(self) -> Application {
        let mut application = Application::new(self.company, self.position, Timestamp::now());
        application.link = self.link;
        application.contact = self.contact;
        application.notes = self.notes;
        application.next_step = self.next_step;
        application.next_step_date = self.next_step_date;
        application
    }
}

/// One step of a path into the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    /// A step serde could not name (an enum variant, a key that is not a string); nothing
    /// in a draft has one, and nothing can be found or taken out through it.
    Unnamed,
}

impl From<&Segment> for Step {
    fn from(segment: &Segment) -> Self {
        match segment {
            Segment::Map { key } => Step::Key(key.clone()),
            Segment::Seq { index } => Step::Index(*index),
            Segment::Enum { .. } | Segment::Unknown => Step::Unnamed,
        }
    }
}

/// A path into the draft.
type Path = Vec<Step>;

/// Why one read of the draft stopped.
struct Failure {
    at: Path,
    /// The problem a model type refused the value at `at` with; `None` when the value was
    /// of the wrong shape rather than refused.
    refusal: Option<Problem>,
}

/// Reads `draft` as a `T`, again and again, each time without the value the last read
/// refused, until it reads; then validates it. `Err` is the path of a value of the wrong
/// shape.
fn check<T: DeserializeOwned>(
    draft: &Value,
    validate: impl FnOnce(T) -> Result<(), ValidationErrors>,
) -> Result<Vec<ValidationError>, Path> {
    // Copied only once a value has to be taken out: most drafts read at the first try.
    let mut draft = Cow::Borrowed(draft);
    let mut refused: Vec<(Path, Problem)> = Vec::new();
    loop {
        let failure = match read::<T>(&draft) {
            Ok(value) => {
                let mut problems = at_fields(refused);
                problems.extend(validate(value).err().into_iter().flatten());
                return Ok(problems);
            }
            Err(failure) => failure,
        };
        match failure.refusal {
            Some(problem) => {
                take_out(draft.to_mut(), &failure.at)?;
                refused.push((failure.at, problem));
                if refused.len() == MAX_REFUSED_VALUES {
                    return Ok(at_fields(refused));
                }
            }
            // Taking out a value that must be there (a grade's scheme) leaves its parent
            // unreadable: the parent goes too, its problem is already reported.
            None if refused.iter().any(|(at, _)| at.starts_with(&failure.at)) => {
                take_out(draft.to_mut(), &failure.at)?;
            }
            None => return Err(failure.at),
        }
    }
}

/// One read of `draft` as a `T`, with where it stopped and, if a model type refused the
/// value there, the problem it refused it with.
fn read<T: DeserializeOwned>(draft: &Value) -> Result<T, Failure> {
    let (read, refusal) = capturing(|| serde_path_to_error::deserialize::<_, T>(draft));
    read.map_err(|error| Failure {
        at: error.path().iter().map(Step::from).collect(),
        refusal,
    })
}

/// Takes the value at `at` out of `draft`, so the next read goes past it: the field is then
/// absent, as an empty optional field is. An item of a list cannot be taken out without
/// renumbering the items after it, whose problems would then show at the wrong index, so
/// the list's own field goes instead. `Err(at)` when there is nothing to take out, which
/// keeps [`check`]'s loop finite: every turn makes the draft smaller.
fn take_out(draft: &mut Value, at: &[Step]) -> Result<(), Path> {
    let not_found = || at.to_vec();
    let key_at = at
        .iter()
        .rposition(|step| matches!(step, Step::Key(_)))
        .ok_or_else(not_found)?;
    let Step::Key(key) = &at[key_at] else {
        return Err(not_found());
    };
    match value_at(draft, &at[..key_at]) {
        Some(Value::Object(object)) => object.remove(key).map(drop).ok_or_else(not_found),
        _ => Err(not_found()),
    }
}

/// The value at `at` in `value`, if there is one.
fn value_at<'a>(value: &'a mut Value, at: &[Step]) -> Option<&'a mut Value> {
    at.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::Index(index) => value.get_mut(*index),
        Step::Unnamed => None,
    })
}

/// Each refused value's problem at its field.
fn at_fields(refused: Vec<(Path, Problem)>) -> Vec<ValidationError> {
    refused
        .into_iter()
        .map(|(at, problem)| problem.at(field_path(&at)))
        .collect()
}

/// `at` written as [`ValidationError::field`] is: `education[0].courses[1].credits`.
fn field_path(at: &[Step]) -> String {
    let mut path = String::new();
    for step in at {
        match step {
            Step::Key(key) if path.is_empty() => path.push_str(key),
            Step::Key(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
            Step::Unnamed => path.push_str(if path.is_empty() { "?" } else { ".?" }),
        }
    }
    path
}
