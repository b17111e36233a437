//! The ways reading or writing a bundle or a key card can fail, one variant per failure.

use candor_model::Timestamp;

/// Why a bundle, key card or key was refused.
///
/// Each refusal has its own variant and message, saying what was found and what to do.
/// A refused bundle has written nothing anywhere: readers check everything before the
/// caller commits.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    #[error(
        "this file is not a Candor bundle (it is neither age-encrypted nor a zip); check that \
         you chose the file you were sent"
    )]
    NotABundle,

    #[error(
        "this bundle uses format {found:?}, which this Candor does not read (it reads \
         \"candor-bundle/1\"); update Candor or ask the sender for a bundle in a known format"
    )]
    UnknownFormat { found: String },

    #[error(
        "this bundle is not encrypted to any key in this vault: it was made for another \
         recipient; ask the sender to share it to your key card"
    )]
    NotForThisRecipient,

    #[error(
        "this bundle is addressed to {addressed_to} ({fingerprint}), not to this vault; ask \
         the sender to share it to your key card"
    )]
    AddressedToAnother {
        addressed_to: String,
        fingerprint: String,
    },

    #[error(
        "this bundle is protected with a passphrase; enter the passphrase the sender gave you"
    )]
    NeedsPassphrase,

    #[error("wrong passphrase for this bundle; check it with the sender")]
    WrongPassphrase,

    #[error(
        "this bundle expired at {at}; the sender's permission to use it has ended, so it \
         was not imported"
    )]
    Expired { at: Timestamp },

    #[error(
        "the bundle is cut short (the file ends before the bundle does); ask the sender to \
         send it again"
    )]
    Truncated,

    /// age's authenticated stream cannot tell a file cut inside its last chunk from one
    /// whose bytes were changed: both fail authentication.
    #[error(
        "the bundle's encrypted content is cut short or has been altered: it fails \
         authentication; ask the sender to send it again"
    )]
    DamagedEncryption,

    #[error(
        "the bundle's content is not a readable zip ({reason}); ask the sender to send it again"
    )]
    NotAZip { reason: String },

    #[error("the bundle has no {name}; it is damaged or was not made by Candor")]
    MissingPart { name: &'static str },

    #[error("the bundle's manifest cannot be read ({reason}); it is damaged or was edited")]
    MalformedManifest { reason: String },

    #[error(
        "the manifest's signature does not match its content: the manifest was edited after \
         it was signed; do not trust this bundle"
    )]
    ManifestEdited,

    #[error(
        "the manifest was signed by another key ({found}) than the one it names \
         ({expected}); do not trust this bundle"
    )]
    SignedByAnotherKey { expected: String, found: String },

    #[error(
        "the signature's trusted comment does not match the manifest ({what}); do not trust \
         this bundle"
    )]
    SignatureCommentMismatch { what: &'static str },

    #[error(
        "the entry {path} does not match the hash in the signed manifest: it was edited; do \
         not trust this bundle"
    )]
    EntryEdited { path: String },

    #[error(
        "the bundle holds an entry {path} that the signed manifest does not list: it was \
         added after signing; do not trust this bundle"
    )]
    EntryAdded { path: String },

    #[error(
        "the signed manifest lists {path}, but the bundle does not hold it: it was removed; \
         ask the sender to send the bundle again"
    )]
    EntryRemoved { path: String },

    #[error(
        "the entry {from} of the signed manifest appears as {to}: it was renamed after \
         signing; do not trust this bundle"
    )]
    EntryRenamed { from: String, to: String },

    #[error("the bundle holds two entries named {path}; a bundle with duplicate names is refused")]
    DuplicateEntry { path: String },

    #[error(
        "the bundle holds two entries with the same name; a bundle with duplicate names is refused"
    )]
    DuplicateNames,

    #[error(
        "the bundle holds an entry with an unsafe path {path:?} (absolute, or leading out of \
         the bundle); it is refused"
    )]
    UnsafePath { path: String },

    #[error("the bundle holds a symbolic link {path}; links are refused")]
    SymlinkEntry { path: String },

    #[error("the bundle holds {count} entries, more than the {max} allowed; it is refused")]
    TooManyEntries { count: usize, max: usize },

    #[error(
        "the entry {path} is {size} bytes, more than the {max} allowed for one entry; it is \
         refused"
    )]
    EntryTooLarge { path: String, size: u64, max: u64 },

    #[error("the bundle unpacks to more than {max} bytes, more than allowed; it is refused")]
    BundleTooLarge { max: u64 },

    #[error(
        "the entry {path} is compressed {ratio}:1, beyond the 100:1 allowed (a zip bomb); it \
         is refused"
    )]
    CompressionBomb { path: String, ratio: u64 },

    #[error(
        "the entry {path} holds more or fewer bytes than its declared size; the bundle is \
         damaged or hostile and is refused"
    )]
    SizeMismatch { path: String },

    #[error("the entry {path} is encrypted or compressed in a way Candor does not read ({how})")]
    UnsupportedEntry { path: String, how: String },

    #[error("SHA256SUMS does not agree with the signed manifest; do not trust this bundle")]
    ChecksumsDisagree,

    #[error(
        "this bundle is signed by {found}, but the request names bundles signed by another \
         key; it is refused"
    )]
    UnexpectedSigner { found: String },

    #[error("this reveal is not valid ({reason}); it does not link the pseudonym to anyone")]
    BadReveal { reason: String },

    #[error("this notice or answer is not valid ({reason}); it was refused")]
    BadNotice { reason: String },

    #[error(
        "the key card's signature does not verify: the card was edited or forged; ask the \
         organisation for its card again and compare the fingerprint"
    )]
    CardBadSignature,

    #[error("this is not a Candor key card ({reason}); check that you chose the right file")]
    MalformedCard { reason: String },

    #[error("this key card uses format {found:?}, which this Candor does not read; update Candor")]
    UnknownCardFormat { found: String },

    #[error("the {what} is damaged and cannot be used")]
    DamagedKey { what: &'static str },

    #[error("the {what} is not valid; check that it was copied whole")]
    BadPublicKey { what: &'static str },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

impl BundleError {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> BundleError {
        let context = context.into();
        move |source| BundleError::Io { context, source }
    }

    /// A short stable code for each failure, for the app to translate and tests to pin.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::NotABundle => "not-a-bundle",
            BundleError::UnknownFormat { .. } => "unknown-format",
            BundleError::NotForThisRecipient => "not-for-this-recipient",
            BundleError::AddressedToAnother { .. } => "addressed-to-another",
            BundleError::NeedsPassphrase => "needs-passphrase",
            BundleError::WrongPassphrase => "wrong-passphrase",
            BundleError::Expired { .. } => "expired",
            BundleError::Truncated => "truncated",
            BundleError::DamagedEncryption => "damaged-encryption",
            BundleError::NotAZip { .. } => "not-a-zip",
            BundleError::MissingPart { .. } => "missing-part",
            BundleError::MalformedManifest { .. } => "malformed-manifest",
            BundleError::ManifestEdited => "manifest-edited",
            BundleError::SignedByAnotherKey { .. } => "signed-by-another-key",
            BundleError::SignatureCommentMismatch { .. } => "signature-comment-mismatch",
            BundleError::EntryEdited { .. } => "entry-edited",
            BundleError::EntryAdded { .. } => "entry-added",
            BundleError::EntryRemoved { .. } => "entry-removed",
            BundleError::EntryRenamed { .. } => "entry-renamed",
            BundleError::DuplicateEntry { .. } => "duplicate-entry",
            BundleError::DuplicateNames => "duplicate-names",
            BundleError::UnsafePath { .. } => "unsafe-path",
            BundleError::SymlinkEntry { .. } => "symlink-entry",
            BundleError::TooManyEntries { .. } => "too-many-entries",
            BundleError::EntryTooLarge { .. } => "entry-too-large",
            BundleError::BundleTooLarge { .. } => "bundle-too-large",
            BundleError::CompressionBomb { .. } => "compression-bomb",
            BundleError::SizeMismatch { .. } => "size-mismatch",
            BundleError::UnsupportedEntry { .. } => "unsupported-entry",
            BundleError::ChecksumsDisagree => "checksums-disagree",
            BundleError::UnexpectedSigner { .. } => "unexpected-signer",
            BundleError::BadReveal { .. } => "bad-reveal",
            BundleError::BadNotice { .. } => "bad-notice",
            BundleError::CardBadSignature => "card-bad-signature",
            BundleError::MalformedCard { .. } => "malformed-card",
            BundleError::UnknownCardFormat { .. } => "unknown-card-format",
            BundleError::DamagedKey { .. } => "damaged-key",
            BundleError::BadPublicKey { .. } => "bad-public-key",
            BundleError::Io { .. } => "io",
        }
    }
}
