//! The ways a vault operation can fail, each named after the failure.

use std::path::PathBuf;

use candor_model::ValidationErrors;

use crate::header::Role;

/// Everything a vault operation can refuse or fail with.
///
/// Messages say what happened and what to do. None of them ever carries a passphrase, a
/// key, a recovery code or any decrypted value.
///
/// Not `#[non_exhaustive]`: the faces map every variant to their own codes, and a new one
/// must fail to compile there until it is mapped.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// There is no vault at the path.
    #[error("no vault at {path}; create one with `candor init` or pass the right --vault path")]
    NoVault { path: PathBuf },

    /// Creating a vault where a file already exists.
    #[error("a file already exists at {path}; choose another path or remove it first")]
    AlreadyExists { path: PathBuf },

    /// The file is not a Candor vault (another SQLite database, or not a database at all).
    #[error("{path} is not a Candor vault ({reason})")]
    NotAVault { path: PathBuf, reason: String },

    /// The vault was written by a newer Candor whose schema this one does not know.
    #[error(
        "this vault uses schema version {found}, but this Candor understands up to version \
         {supported}; update Candor to open it"
    )]
    NewerSchema { found: u32, supported: u32 },

    /// Another Candor process (the app, the CLI or the intake server) holds the vault.
    #[error("the vault {path} is open in another Candor; close it there first")]
    OpenElsewhere { path: PathBuf },

    /// The passphrase does not open the vault. A header edited within the KDF bounds
    /// changes the derived key, so it cannot be told apart from a wrong passphrase.
    #[error(
        "wrong passphrase, or the vault header was modified; check the passphrase \
         (Caps Lock?) or unlock with your recovery code"
    )]
    WrongPassphrase,

    /// The recovery code is well formed but does not open this vault.
    #[error(
        "this recovery code does not open this vault; it may belong to another vault or \
         have been replaced when the vault was last recovered"
    )]
    WrongRecoveryCode,

    /// The recovery code was mistyped: wrong length, a character outside the alphabet, or
    /// a checksum that does not match.
    #[error("the recovery code is mistyped ({reason}); enter it exactly as printed")]
    MalformedRecoveryCode { reason: &'static str },

    /// A passphrase being set is shorter than the rule allows.
    #[error(
        "the passphrase must be at least {min} characters; a few random words make a good one"
    )]
    PassphraseTooShort { min: usize },

    /// A passphrase being set is easy to guess, and the person did not confirm it.
    #[error(
        "the passphrase would be easy to guess (strength {score} of 4; {needed} or more is \
         safe); choose a few random words, or confirm that you want it anyway"
    )]
    WeakPassphrase { score: u8, needed: u8 },

    /// The header asks for key-derivation work outside the accepted bounds; refused before
    /// any key derivation runs, so a hostile header cannot make Candor spend gigabytes.
    #[error(
        "the vault header asks for an Argon2 {param} of {value}, outside the accepted \
         {min}–{max}; the header was modified or the file is damaged: restore from a backup"
    )]
    KdfParamsOutOfBounds {
        param: &'static str,
        value: u32,
        min: u32,
        max: u32,
    },

    /// Stored data failed authentication: edited, moved, rolled back or deleted.
    #[error(
        "the vault has been tampered with or damaged: {what}; nothing was read from it — \
         restore from a backup"
    )]
    Tampered { what: String },

    /// A share was to take an application's cover letter, and it has none.
    #[error("the application to {company} has no cover letter yet; write one first, or share without it")]
    NoCoverLetter { company: String },

    /// A CV or cover letter could not be typeset (a fault in Candor; the message says so).
    #[error("{0}")]
    Render(#[from] candor_render::RenderError),

    /// A record id (or prefix) names nothing in the vault.
    #[error("there is no {kind} with id {id}; list them to see the ids")]
    RecordNotFound { kind: &'static str, id: String },

    /// A record id prefix matches several records.
    #[error("the id prefix {prefix} matches {count} {kind} records; type more of the id")]
    AmbiguousId {
        kind: &'static str,
        prefix: String,
        count: usize,
    },

    /// The data does not pass the model's validation; nothing was stored.
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),

    /// Documents carry their content, so they are added with `add_document`.
    #[error("documents are added with their content (add_document), not as bare records")]
    DocumentNeedsContent,

    /// A backup file that would not open as a vault with the given passphrase.
    #[error("the backup {path} cannot be restored: {reason}; nothing was replaced")]
    BadBackup { path: PathBuf, reason: String },

    /// A file to import could not be read as its format (malformed, hostile, or not that
    /// format at all); nothing was stored. The message is the importer's own.
    #[error("{0}")]
    Import(#[from] candor_formats::ImportError),

    /// A bundle or key card was refused; nothing was stored. The message is the reader's.
    #[error("{0}")]
    Bundle(#[from] candor_bundle::BundleError),

    /// The view asked for cannot be made (a path that names nothing, the national id).
    #[error("{0}")]
    View(#[from] candor_model::ViewError),

    /// A seeker's operation on an employer vault, or the other way round.
    #[error(
        "this is {} vault, and this needs {} vault; open the right vault",
        found.with_article(),
        needed.with_article()
    )]
    WrongRole { needed: Role, found: Role },

    /// A share with warnings the seeker has not accepted.
    #[error(
        "this share needs your confirmation first: {}; confirm to share anyway",
        warnings.join("; ")
    )]
    UnacceptedWarnings { warnings: Vec<String> },

    /// A reveal to a recipient that never got an anonymous share.
    #[error(
        "you have not shared anything anonymously with {organisation}, so there is no \
         pseudonym to reveal; share a full view instead"
    )]
    NothingToReveal { organisation: String },

    /// A request of a kind that is not a notice.
    #[error("{kind} is not a request; ask for deletion, access, revocation or withdrawal")]
    NotARequest { kind: String },

    /// A request about shares that were never made.
    #[error("you have made no {view} share with {organisation}, so there is nothing to ask about")]
    NothingShared {
        organisation: String,
        view: &'static str,
    },

    /// A file imported as an answer that is not one.
    #[error("this bundle is a {kind}, not an answer to a request; import it where it belongs")]
    NotAnAnswer { kind: String },

    /// An answer to a request this vault never sent.
    #[error(
        "this answer is for request {request}, which this vault did not send; it was not \
         imported"
    )]
    UnknownRequest { request: String },

    /// An answer signed by another key than the organisation's card names.
    #[error(
        "this answer is not signed by {organisation}'s key (or names another organisation's \
         card); it was refused"
    )]
    AnswerFromAnotherSigner { organisation: String },

    /// An answer that does not cover what was asked.
    #[error("the answer does not cover {bundle}; it was not accepted as complete")]
    IncompleteAnswer { bundle: String },

    /// A notice signed by a key that signed none of the bundles it names.
    #[error(
        "this notice is signed by a key that signed none of the bundles it names; only the \
         person who shared them can ask about them, so it was refused"
    )]
    NoticeSignerMismatch,

    /// A bundle the employer deleted at the candidate's request, sent again.
    #[error(
        "this bundle was deleted on {} at the candidate's request; it cannot be imported \
         again", day_en(.at)
    )]
    DeletedOnRequest { at: candor_model::Timestamp },

    /// A bundle the candidate's correction replaced, sent again.
    #[error(
        "this bundle was replaced by the candidate's correction on {}; it cannot be \
         imported again", day_en(.at)
    )]
    ReplacedByCorrection { at: candor_model::Timestamp },

    /// A bundle deleted when it expired, sent again.
    #[error(
        "this bundle expired and was deleted on {}; it cannot be imported again",
        day_en(.at)
    )]
    DeletedOnExpiry { at: candor_model::Timestamp },

    /// A bundle the employer chose to delete before it expired, sent again.
    #[error(
        "this bundle was deleted on {} by your organisation; it cannot be imported again",
        day_en(.at)
    )]
    DeletedByEmployer { at: candor_model::Timestamp },

    /// A bundle or notice whose id is already held under another signer or other content.
    #[error(
        "another {what} with this id is already held; this one was refused and nothing was \
         stored"
    )]
    IdTaken { what: &'static str },

    /// A bundle given to an employer's import that is not a candidate's share.
    #[error("this bundle is a {kind}, not a candidate's share; import it where it belongs")]
    NotAShare { kind: String },

    /// More access requests than the employer answers in a day.
    #[error(
        "too many access requests {scope} in the last day; this one was not answered: send it \
         again in about {hours} hour(s). Deletion, withdrawal and revocation are never limited"
    )]
    AccessQuota {
        scope: &'static str,
        hours: u64,
        retry_after_secs: u64,
    },

    /// An answer that does not fit the request it names.
    #[error("this answer does not match the request it names ({reason}); it was refused and nothing changed")]
    AnswerDoesNotMatchRequest { reason: String },

    /// An extension that is not one or two months, or gives no reason.
    #[error("an extension is one or two months, with a reason the person can read (Art. 12(3))")]
    BadExtension,

    /// An invitation to a candidate who is not anonymous (write to them directly).
    #[error("{candidate} shared in full; write to them directly instead of through a pseudonym")]
    NotAnonymous { candidate: String },

    /// Sending a share to an organisation whose key card names no intake URL.
    #[error("{organisation}'s key card names no intake address; send the saved file to {contact} another way")]
    NoIntakeUrl {
        organisation: String,
        contact: String,
    },

    /// Posting to an organisation's intake address failed; `reason` is the network's.
    #[error("sending to {organisation} failed: {reason}")]
    SendFailed {
        organisation: String,
        reason: String,
    },

    /// A file given as a saved share that is not the bundle the ledger recorded.
    #[error("{} is not the bundle your ledger recorded for {organisation}; choose the file you saved when you shared", path.display())]
    NotTheSharedBundle { path: PathBuf, organisation: String },

    /// Sending a share that was revoked, replaced, expired or asked to be deleted.
    #[error("the share with {organisation} is no longer active ({status}); it is not sent")]
    ShareNotActive {
        organisation: String,
        status: crate::sharing::ShareStatus,
    },

    /// An employer vault without its key card yet.
    #[error("this employer vault has no key card yet; make one with `candor employer init`")]
    NoEmployerCard,

    /// An anonymous CV asked for without naming the organisation whose pseudonym signs it.
    #[error("an anonymous CV is signed with the pseudonym one organisation knows you by; name the organisation (see `candor recipient list`)")]
    AnonymousCvNeedsRecipient,

    /// A full CV asked for while the profile has no name to sign it with.
    #[error(
        "your profile has no name to sign the CV with; add it with `candor profile set` first"
    )]
    CvNeedsName,

    /// Reading or writing a file outside the database failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    /// The database engine reported an error.
    #[error("database error while {context}: {source}")]
    Database {
        context: &'static str,
        #[source]
        source: rusqlite::Error,
    },
}

impl VaultError {
    pub(crate) fn db(context: &'static str) -> impl FnOnce(rusqlite::Error) -> VaultError {
        move |source| VaultError::Database { context, source }
    }

    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> VaultError {
        let context = context.into();
        move |source| VaultError::Io { context, source }
    }

    pub(crate) fn tampered(what: impl Into<String>) -> VaultError {
        VaultError::Tampered { what: what.into() }
    }
}

pub type Result<T, E = VaultError> = std::result::Result<T, E>;

/// A day in an error message: English, in the person's time zone.
fn day_en(at: &candor_model::Timestamp) -> String {
    candor_model::PeopleTime::system().day(*at, candor_model::Lang::En)
}
