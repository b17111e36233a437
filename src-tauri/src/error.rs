//! The one error type the webview sees.
//!
//! A closed `code` the UI branches on and translates (English / bokmål) with `params`;
//! `field` says which input a validation problem belongs to, so it shows there. `message`
//! is the English sentence, for logs and as a fallback. Only add codes the UI uses.

use std::collections::BTreeMap;

use candor_model::{ValidationError, ValidationErrors};
use candor_vault::VaultError;
use serde::Serialize;

/// One parameter of an error or a problem, in the shape it has: a count, a text (often a
/// code the UI translates), or a list the UI joins in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Param {
    /// A count; JavaScript numbers hold it exactly.
    Number(u32),
    Text(String),
    List(Vec<String>),
}

impl Param {
    /// A count, at most `u32::MAX` (no count of Candor's comes near it).
    fn number(value: u64) -> Param {
        Param::Number(u32::try_from(value).unwrap_or(u32::MAX))
    }

    /// A problem's own field, as serde wrote it, in the shape it has.
    fn of_json(value: serde_json::Value) -> Param {
        match value {
            serde_json::Value::String(text) => Param::Text(text),
            serde_json::Value::Number(n) if n.is_u64() => {
                Param::number(n.as_u64().unwrap_or_default())
            }
            serde_json::Value::Array(items) if items.iter().all(serde_json::Value::is_string) => {
                Param::List(
                    items
                        .into_iter()
                        .filter_map(|item| item.as_str().map(str::to_owned))
                        .collect(),
                )
            }
            other => Param::Text(other.to_string()),
        }
    }
}

pub type Params = BTreeMap<String, Param>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NoVault,
    AlreadyExists,
    NotAVault,
    NewerSchema,
    OpenElsewhere,
    WrongPassphrase,
    WrongRecoveryCode,
    MalformedRecoveryCode,
    KdfOutOfBounds,
    Tampered,
    NotFound,
    Validation,
    /// A new passphrase shorter than the rule; `params.min` is the number.
    PassphraseTooShort,
    /// A new passphrase that is easy to guess, sent without the person's confirmation;
    /// `params`: score, needed.
    WeakPassphrase,
    BadBackup,
    /// A file to import was refused; `params.problem` names why (the importer's code).
    ImportRefused,
    FileRead,
    FileWrite,
    /// The desktop could not open a document with another program.
    CannotOpen,
    Locked,
    /// A bundle or key card was refused; `params.problem` names why (the reader's code).
    BundleRefused,
    /// The view cannot be made as chosen; `params.problem` names why.
    ViewRefused,
    /// The share has warnings to confirm first; `params.warnings` lists them.
    NeedsConfirmation,
    /// A seeker's action in an employer vault, or the other way round.
    WrongRole,
    /// A key card could not be fetched from its URL.
    FetchFailed,
    /// Sending to an organisation's intake address failed; `params.organisation`, and the
    /// network's own sentence in `message`.
    SendFailed,
    /// The organisation's card names no intake address; `params`: organisation, contact.
    NoIntakeUrl,
    /// The file is not the bundle the ledger recorded; `params.organisation`.
    NotTheSharedBundle,
    /// The share is no longer active; `params.status` (a `ShareStatus`), organisation.
    ShareNotActive,
    /// A request about shares never made with that view; `params`: organisation, view.
    NothingShared,
    /// The file is not an answer to a request; `params.kind` says what it is.
    NotAnAnswer,
    /// An answer to a request this vault did not send; `params.request`.
    UnknownRequest,
    /// An answer not signed by the organisation asked; `params.organisation`.
    AnswerFromAnotherSigner,
    /// An answer that leaves out a bundle asked about; `params.bundle`.
    IncompleteAnswer,
    /// A notice from a key that signed none of the bundles it names.
    NoticeSignerMismatch,
    /// An extension that is not one or two months with a reason.
    BadExtension,
    /// A reveal to an organisation never sent an anonymous share; `params.organisation`.
    NothingToReveal,
    /// A kind of request Candor does not send; `params.kind`.
    NotARequest,
    /// A bundle this employer vault deleted, sent again; `params.reason` (`request`,
    /// `correction`, `expiry`, `employer`) and `params.day` (`YYYY-MM-DD`).
    BundleDeleted,
    /// Another bundle or notice holds this id; `params.what` (`bundle`, `notice`).
    IdTaken,
    /// Not a candidate's share, given to the employer's import; `params.kind`.
    NotAShare,
    /// Too many access requests in a day; `params.hours` until another is answered.
    AccessQuota,
    /// An answer that does not fit the request it names; `params.reason` (English).
    AnswerDoesNotMatchRequest,
    /// An invitation to a candidate who shared in full; `params.candidate`.
    NotAnonymous,
    /// An employer vault without its key card yet.
    NoEmployerCard,
    /// A share was to carry an application's cover letter, and it has none; `params.company`.
    NoCoverLetter,
    /// An anonymous CV without the organisation whose pseudonym signs it.
    CvNeedsRecipient,
    /// A full CV while the profile has no name to sign it with.
    CvNeedsName,
    /// An application's job link that is not a web address, so it is not opened; `params.link`.
    NotAWebLink,
    Internal,
}

/// One validation problem, at its field.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FieldProblem {
    /// Dotted path, e.g. `education[0].courses[1].credits`.
    pub field: String,
    /// The problem's code, e.g. `negative_credits`.
    pub code: String,
    pub params: Params,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    /// The field the (first) validation problem belongs to.
    pub field: Option<String>,
    pub params: Params,
    /// Every validation problem, each at its field.
    pub problems: Vec<FieldProblem>,
}

pub type IpcResult<T> = Result<T, IpcError>;

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
            field: None,
            params: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    /// A text parameter (often a code the UI translates).
    pub fn with(mut self, key: &str, value: impl ToString) -> IpcError {
        self.params
            .insert(key.into(), Param::Text(value.to_string()));
        self
    }

    /// A count.
    pub fn with_number(mut self, key: &str, value: impl Into<u64>) -> IpcError {
        self.params.insert(key.into(), Param::number(value.into()));
        self
    }

    /// A list, for the UI to join in its language.
    pub fn with_list(mut self, key: &str, items: Vec<String>) -> IpcError {
        self.params.insert(key.into(), Param::List(items));
        self
    }

    pub fn locked() -> IpcError {
        IpcError::new(ErrorCode::Locked, "the vault is locked; unlock it first")
    }
}

fn problem(error: &ValidationError) -> FieldProblem {
    // The problem's own fields (value, reason, max…) become the translation's params.
    let mut params = BTreeMap::new();
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&error.problem) {
        for (key, value) in map {
            if key != "code" {
                params.insert(key, Param::of_json(value));
            }
        }
    }
    FieldProblem {
        field: error.field.clone(),
        code: error.problem.code().into(),
        params,
        message: error.to_string(),
    }
}

impl From<ValidationErrors> for IpcError {
    fn from(errors: ValidationErrors) -> IpcError {
        let problems: Vec<FieldProblem> = errors.iter().map(problem).collect();
        let mut error = IpcError::new(ErrorCode::Validation, errors.to_string());
        if let Some(first) = problems.first() {
            error.field = Some(first.field.clone());
            error.params = first.params.clone();
            error
                .params
                .insert("problem".into(), Param::Text(first.code.clone()));
        }
        error.problems = problems;
        error
    }
}

impl From<ValidationError> for IpcError {
    fn from(error: ValidationError) -> IpcError {
        ValidationErrors(vec![error]).into()
    }
}

/// A bundle deleted earlier and sent again: why, and the day, for the UI to put in words.
fn deleted(message: String, reason: &str, at: candor_model::Timestamp) -> IpcError {
    IpcError::new(ErrorCode::BundleDeleted, message)
        .with("reason", reason)
        .with("day", at.as_offset_date_time().date())
}

/// Every `VaultError` has its own arm: a new variant does not compile until it is mapped.
impl From<VaultError> for IpcError {
    fn from(err: VaultError) -> IpcError {
        let message = err.to_string();
        let code = match &err {
            VaultError::Invalid(errors) => return errors.clone().into(),
            VaultError::NoVault { path } => {
                return IpcError::new(ErrorCode::NoVault, message).with("path", path.display())
            }
            VaultError::AlreadyExists { path } => {
                return IpcError::new(ErrorCode::AlreadyExists, message)
                    .with("path", path.display())
            }
            VaultError::NotAVault { path, .. } => {
                return IpcError::new(ErrorCode::NotAVault, message).with("path", path.display())
            }
            VaultError::NewerSchema { found, supported } => {
                return IpcError::new(ErrorCode::NewerSchema, message)
                    .with("found", found)
                    .with("supported", supported)
            }
            VaultError::OpenElsewhere { .. } => ErrorCode::OpenElsewhere,
            VaultError::WrongPassphrase => ErrorCode::WrongPassphrase,
            VaultError::WrongRecoveryCode => ErrorCode::WrongRecoveryCode,
            VaultError::MalformedRecoveryCode { .. } => ErrorCode::MalformedRecoveryCode,
            VaultError::PassphraseTooShort { min } => {
                return IpcError::new(ErrorCode::PassphraseTooShort, message)
                    .with_number("min", *min as u64)
            }
            VaultError::WeakPassphrase { score, needed } => {
                return IpcError::new(ErrorCode::WeakPassphrase, message)
                    .with_number("score", *score)
                    .with_number("needed", *needed)
            }
            VaultError::KdfParamsOutOfBounds { .. } => ErrorCode::KdfOutOfBounds,
            VaultError::Tampered { .. } => ErrorCode::Tampered,
            VaultError::NoCoverLetter { company } => {
                return IpcError::new(ErrorCode::NoCoverLetter, message).with("company", company)
            }
            VaultError::Render(_) => ErrorCode::Internal,
            VaultError::RecordNotFound { .. } | VaultError::AmbiguousId { .. } => {
                ErrorCode::NotFound
            }
            VaultError::BadBackup { .. } => ErrorCode::BadBackup,
            VaultError::Import(import) => {
                return IpcError::new(ErrorCode::ImportRefused, message)
                    .with("problem", import.code())
            }
            VaultError::Bundle(bundle) => {
                return IpcError::new(ErrorCode::BundleRefused, message)
                    .with("problem", bundle.code())
            }
            VaultError::View(view) => {
                return IpcError::new(ErrorCode::ViewRefused, message).with("problem", view.code())
            }
            VaultError::UnacceptedWarnings { warnings } => {
                return IpcError::new(ErrorCode::NeedsConfirmation, message)
                    .with_list("warnings", warnings.clone())
            }
            VaultError::WrongRole { needed, .. } => {
                return IpcError::new(ErrorCode::WrongRole, message).with("needed", needed)
            }
            VaultError::NothingShared { organisation, view } => {
                return IpcError::new(ErrorCode::NothingShared, message)
                    .with("organisation", organisation)
                    .with("view", view)
            }
            VaultError::NotAnAnswer { kind } => {
                return IpcError::new(ErrorCode::NotAnAnswer, message).with("kind", kind)
            }
            VaultError::UnknownRequest { request } => {
                return IpcError::new(ErrorCode::UnknownRequest, message).with("request", request)
            }
            VaultError::AnswerFromAnotherSigner { organisation } => {
                return IpcError::new(ErrorCode::AnswerFromAnotherSigner, message)
                    .with("organisation", organisation)
            }
            VaultError::IncompleteAnswer { bundle } => {
                return IpcError::new(ErrorCode::IncompleteAnswer, message).with("bundle", bundle)
            }
            VaultError::NothingToReveal { organisation } => {
                return IpcError::new(ErrorCode::NothingToReveal, message)
                    .with("organisation", organisation)
            }
            VaultError::NoticeSignerMismatch => ErrorCode::NoticeSignerMismatch,
            VaultError::BadExtension => ErrorCode::BadExtension,
            VaultError::Io { context, .. } => {
                return IpcError::new(ErrorCode::FileRead, message).with("detail", context)
            }
            VaultError::NotARequest { kind } => {
                return IpcError::new(ErrorCode::NotARequest, message).with("kind", kind)
            }
            VaultError::DeletedOnRequest { at } => return deleted(message, "request", *at),
            VaultError::ReplacedByCorrection { at } => return deleted(message, "correction", *at),
            VaultError::DeletedOnExpiry { at } => return deleted(message, "expiry", *at),
            VaultError::DeletedByEmployer { at } => return deleted(message, "employer", *at),
            VaultError::IdTaken { what } => {
                return IpcError::new(ErrorCode::IdTaken, message).with("what", what)
            }
            VaultError::NotAShare { kind } => {
                return IpcError::new(ErrorCode::NotAShare, message).with("kind", kind)
            }
            VaultError::AccessQuota { hours, .. } => {
                return IpcError::new(ErrorCode::AccessQuota, message).with_number("hours", *hours)
            }
            VaultError::AnswerDoesNotMatchRequest { reason } => {
                return IpcError::new(ErrorCode::AnswerDoesNotMatchRequest, message)
                    .with("reason", reason)
            }
            VaultError::NotAnonymous { candidate } => {
                return IpcError::new(ErrorCode::NotAnonymous, message).with("candidate", candidate)
            }
            VaultError::NoEmployerCard => ErrorCode::NoEmployerCard,
            VaultError::AnonymousCvNeedsRecipient => ErrorCode::CvNeedsRecipient,
            VaultError::CvNeedsName => ErrorCode::CvNeedsName,
            VaultError::NoIntakeUrl {
                organisation,
                contact,
            } => {
                return IpcError::new(ErrorCode::NoIntakeUrl, message)
                    .with("organisation", organisation)
                    .with("contact", contact)
            }
            VaultError::SendFailed {
                organisation,
                reason,
            } => {
                // The network's own sentence is the detail the page puts in its words.
                return IpcError::new(ErrorCode::SendFailed, reason.clone())
                    .with("organisation", organisation);
            }
            VaultError::NotTheSharedBundle { organisation, .. } => {
                return IpcError::new(ErrorCode::NotTheSharedBundle, message)
                    .with("organisation", organisation)
            }
            VaultError::ShareNotActive {
                organisation,
                status,
            } => {
                return IpcError::new(ErrorCode::ShareNotActive, message)
                    .with("organisation", organisation)
                    .with(
                        "status",
                        serde_json::to_value(status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                    )
            }
            // A caller's mistake or the database engine's failure: nothing the person did.
            VaultError::DocumentNeedsContent | VaultError::Database { .. } => ErrorCode::Internal,
        };
        IpcError::new(code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Param {
        Param::Text(value.to_owned())
    }

    #[test]
    fn refused_answers_carry_what_the_ui_names() {
        let error = IpcError::from(VaultError::AnswerFromAnotherSigner {
            organisation: "Fjordkraft Data AS".into(),
        });
        assert_eq!(error.code, ErrorCode::AnswerFromAnotherSigner);
        assert_eq!(error.params["organisation"], text("Fjordkraft Data AS"));
        let error = IpcError::from(VaultError::NothingShared {
            organisation: "Fjordkraft Data AS".into(),
            view: "anonymous",
        });
        assert_eq!(error.code, ErrorCode::NothingShared);
        assert_eq!(error.params["view"], text("anonymous"));
        let error = IpcError::from(VaultError::NothingToReveal {
            organisation: "Fjordkraft Data AS".into(),
        });
        assert_eq!(error.code, ErrorCode::NothingToReveal);
        assert_eq!(error.params["organisation"], text("Fjordkraft Data AS"));
        assert_eq!(
            IpcError::from(VaultError::BadExtension).code,
            ErrorCode::BadExtension
        );
    }

    #[test]
    fn an_employer_refusal_reaches_the_page_as_its_own_code_not_as_internal() {
        let at: candor_model::Timestamp = "2026-11-23T10:00:00Z".parse().expect("a time");
        let error = IpcError::from(VaultError::DeletedOnRequest { at });
        assert_eq!(error.code, ErrorCode::BundleDeleted);
        assert_eq!(
            (&error.params["reason"], &error.params["day"]),
            (&text("request"), &text("2026-11-23"))
        );
        assert!(
            error.message.contains("23 November 2026"),
            "{}",
            error.message
        );
        let error = IpcError::from(VaultError::DeletedOnExpiry { at });
        assert_eq!(error.params["reason"], text("expiry"));
        let error = IpcError::from(VaultError::DeletedByEmployer { at });
        assert_eq!(error.params["reason"], text("employer"));
        let error = IpcError::from(VaultError::IdTaken { what: "bundle" });
        assert_eq!(
            (error.code, &error.params["what"]),
            (ErrorCode::IdTaken, &text("bundle"))
        );
        let error = IpcError::from(VaultError::AccessQuota {
            scope: "from this candidate",
            hours: 5,
            retry_after_secs: 17_000,
        });
        assert_eq!(
            (error.code, &error.params["hours"]),
            (ErrorCode::AccessQuota, &Param::Number(5))
        );
        assert_eq!(
            IpcError::from(VaultError::NoEmployerCard).code,
            ErrorCode::NoEmployerCard
        );
    }

    #[test]
    fn the_passphrase_rule_reaches_the_page_with_its_numbers() {
        let error = IpcError::from(VaultError::PassphraseTooShort {
            min: candor_vault::MIN_PASSPHRASE_CHARS,
        });
        assert_eq!(error.code, ErrorCode::PassphraseTooShort);
        assert_eq!(
            error.params["min"],
            Param::Number(candor_vault::MIN_PASSPHRASE_CHARS as u32)
        );
        let error = IpcError::from(VaultError::WeakPassphrase {
            score: 1,
            needed: 3,
        });
        assert_eq!(error.code, ErrorCode::WeakPassphrase);
        assert_eq!(
            (&error.params["score"], &error.params["needed"]),
            (&Param::Number(1), &Param::Number(3))
        );
    }

    #[test]
    fn a_list_and_a_problem_field_reach_the_page_in_their_shapes() {
        let error = IpcError::from(VaultError::UnacceptedWarnings {
            warnings: vec!["the e-mail address".into(), "a course code".into()],
        });
        assert_eq!(
            error.params["warnings"],
            Param::List(vec!["the e-mail address".into(), "a course code".into()])
        );
        let error = IpcError::from(ValidationError {
            field: "notes".into(),
            problem: candor_model::Problem::TooLong { max: 10_000 },
        });
        assert_eq!(error.problems[0].params["max"], Param::Number(10_000));
        let error = IpcError::from(ValidationError {
            field: "kind".into(),
            problem: candor_model::Problem::NotOneOf {
                value: "memo".into(),
                allowed: vec!["cv".into(), "other".into()],
            },
        });
        assert_eq!(
            error.problems[0].params["allowed"],
            Param::List(vec!["cv".into(), "other".into()])
        );
        assert_eq!(error.problems[0].params["value"], text("memo"));
    }
}
