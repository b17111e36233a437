//! [`CliError`]: why a command failed, by its source, each phrased for the person at the
//! terminal as one sentence that says what to do (one line per problem).

use std::fmt;
use std::path::PathBuf;

use candor_model::{ValidationError, ValidationErrors};
use candor_net::NetError;
use candor_vault::VaultError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The vault refused the operation or failed doing it.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// Values the model refuses: one line per problem, each naming its field.
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// A file given on the command line that cannot be read; `then` says what was left
    /// undone, e.g. "nothing was added".
    #[error("cannot read {}: {source}{}", path.display(), Then(*then))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
        then: Option<&'static str>,
    },
    /// An option's value that does not parse; `reason` is the parser's own sentence.
    #[error("--{option}{}: {reason}", Value(value.as_deref()))]
    BadOption {
        option: &'static str,
        value: Option<String>,
        reason: String,
    },
    /// No record of that kind has an id starting so; `list` is the command that shows them.
    #[error("there is no {noun} whose id starts with {id}; `{list}` shows the ids")]
    NoSuchId {
        noun: &'static str,
        id: String,
        list: &'static str,
    },
    /// A prefix too short to look up.
    #[error("there is no {noun} with id {id}; type at least {min} characters of an id that `{list}` shows")]
    IdTooShort {
        noun: &'static str,
        id: String,
        list: &'static str,
        min: usize,
    },
    /// The CV could not be typeset.
    #[error(transparent)]
    Render(#[from] candor_render::RenderError),
    /// Fetching a key card or posting a notice over the network failed.
    #[error(transparent)]
    Net(#[from] NetError),
    /// Anything else the command refuses, in its own words.
    #[error("{0}")]
    Refused(String),
}

impl CliError {
    /// A refusal in the command's own words.
    pub fn new(message: impl Into<String>) -> Self {
        CliError::Refused(message.into())
    }

    /// A file that cannot be read.
    pub fn unreadable(
        path: impl Into<PathBuf>,
        then: Option<&'static str>,
    ) -> impl FnOnce(std::io::Error) -> CliError {
        let path = path.into();
        move |source| CliError::Unreadable { path, source, then }
    }

    /// An option's value its parser refused.
    pub fn bad_option(
        option: &'static str,
        value: Option<&str>,
        reason: impl fmt::Display,
    ) -> CliError {
        CliError::BadOption {
            option,
            value: value.map(str::to_owned),
            reason: reason.to_string(),
        }
    }
}

impl From<ValidationError> for CliError {
    fn from(err: ValidationError) -> Self {
        CliError::Invalid(ValidationErrors(vec![err]))
    }
}

/// "; nothing was added", or nothing.
struct Then(Option<&'static str>);

impl fmt::Display for Then {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(then) => write!(f, "; {then}"),
            None => Ok(()),
        }
    }
}

/// ` "value"` after the option's name, or nothing.
struct Value<'a>(Option<&'a str>);

impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => write!(f, " {value:?}"),
            None => Ok(()),
        }
    }
}
