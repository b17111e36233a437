//! Candor's bundle format: a view of a seeker's data (or a notice about one) as a signed zip,
//! encrypted with age to the one organisation it is for.
//!
//! ```text
//! manifest.json          format, kind, id, issued/expires, issuer, recipient, view, fields, entries
//! manifest.json.minisig  minisign signature over the exact manifest bytes
//! SHA256SUMS             the entries' hashes, for `sha256sum -c`
//! profile.json           the view (JSON Resume, grades under "x-candor-grades")
//! profile.html           the same view for a person to read
//! attachments/...        documents, stored uncompressed
//! README.txt             how to check the bundle with standard tools
//! ```
//!
//! - [`BundleWriter`] streams entries into the zip, the zip into age, and signs the manifest.
//! - [`open`] checks a bundle's encryption, structure, names, sizes, manifest and signature;
//!   [`OpenBundle::entry`] streams each entry and checks it against the manifest.
//! - [`KeyCard`]: an organisation's self-signed public keys and privacy contact.
//! - [`SigningKey`] / [`AgeIdentity`]: the standard tools' key formats.

#![forbid(unsafe_code)]

mod card;
mod error;
mod files;
mod keys;
mod manifest;
mod notice;
mod paths;
mod read;
mod reveal;
mod write;

pub use card::{read_card_bytes, CardDetails, KeyCard, CARD_FORMAT, MAX_CARD_BYTES};
pub use error::BundleError;
pub use files::{
    answer_part_path, answer_path, bundle_file_name, BUNDLE_EXTENSION, BUNDLE_MEDIA_TYPE,
};
pub use keys::{fingerprint, parse_age_recipient, AgeIdentity, SigningKey, VerifyingKey};
pub use manifest::{
    new_bundle_id, Addressee, Issuer, Kind, Manifest, ManifestEntry, RequestKind, CHECKSUMS,
    FORMAT, MANIFEST, SIGNATURE,
};
pub use notice::{
    letters, request_words, short_ref, Answer, Invitation, LetterFacts, Letters, Notice, Outcome,
    OutcomeKind, Part, SharedBundle, ANSWER, ANSWER_FORMAT, INVITATION, INVITATION_FORMAT,
    MAX_PARTS, NOTICE, NOTICE_FORMAT,
};
pub use read::{open, EntryReader, Keys, Limits, OpenBundle, Sealing};
pub use reveal::{Reveal, REVEAL, REVEAL_FORMAT, REVEAL_SIGNATURE};
pub use write::{readme_text, BundleWriter, EntryWriter, Protection, Written};
