//! Candor's encrypted vault: the seeker's (or employer's) data in one SQLite file, every
//! record sealed with AES-256-GCM under a data key that only the passphrase or the recovery
//! code can unwrap.
//!
//! ```
//! use candor_model::Skill;
//! use candor_vault::{KdfParams, SeekerVault};
//! use secrecy::SecretString;
//!
//! # fn main() -> Result<(), candor_vault::VaultError> {
//! let dir = tempfile::tempdir().expect("a temporary folder");
//! let path = dir.path().join("me.candor");
//! let passphrase = SecretString::from("correct horse battery staple");
//! let (mut vault, recovery_code) = SeekerVault::create(&path, &passphrase, KdfParams::minimum())?;
//! println!("write this down: {}", recovery_code.display().as_str());
//! let id = vault.insert(&Skill { name: "Rust".into(), ..Skill::default() })?;
//! vault.lock();
//!
//! let vault = SeekerVault::open(&path, &passphrase)?;
//! assert_eq!(vault.get::<Skill>(&id)?.value.name, "Rust");
//! # Ok(())
//! # }
//! ```
//!
//! The shape: passphrase → Argon2id → key-encryption key → wrapped data key (and a second
//! wrap under the recovery code) → HKDF sub-keys for records, attachments and the
//! authenticated index. See the module docs for each piece.

#![forbid(unsafe_code)]

mod agenda;
mod application_rows;
mod applications;
mod backup;
mod cv;
mod documents;
mod error;
mod export;
mod files;
mod header;
mod imports;
mod index;
mod kdf;
mod keys;
mod lock;
mod open_folder;
mod prefs;
mod private;
mod profile;
mod records;
mod recovery;
mod rekey;
mod roles;
mod schema;
mod seal;
mod session;
mod sharing;
mod stream;
mod strength;
mod vault;

pub use agenda::{agenda_calendar, DueItem, DueWhat, Urgency, SOON_DAYS};
pub use application_rows::{
    ApplicationOrder, ApplicationPage, ApplicationSummary, Collation, Pipeline, PipelineColumn,
    SortKey,
};
pub use applications::ApplicationQuery;
pub use backup::CheckedBackup;
pub use cv::CvView;
pub use documents::{media_type, NewDocument};
pub use error::{Result, VaultError};
pub use export::ExportSummary;
pub use files::{write_new_file, Existing};
pub use header::Role;
pub use imports::{
    FileFormat, ImportFormat, ImportReport, ImportSource, ParsedImport, RecordRef, SectionCount,
    TITLE_LANGUAGES,
};
pub use kdf::KdfParams;
pub use open_folder::remove_abandoned_open_folders;
pub use prefs::Prefs;
pub use profile::PROFILE_SECTIONS;
pub use records::{Entry, MIN_PREFIX};
pub use recovery::RecoveryCode;
pub use roles::{Employer, EmployerVault, OpenVault, Seeker, SeekerVault, VaultRole};
pub use schema::LATEST as SCHEMA_VERSION;
pub use secrecy::SecretString;
pub use session::Session;
pub use sharing::{
    add_months, answer_part_path, mailto, AnswerSummary, AttachmentCleaning, Candidate, Delivery,
    EmployerLimits, Holdings, InvitationRow, LedgerEntry, LedgerStatus, MadeForShare,
    NoticeAnswered, NoticeSent, ReceivedSummary, RecipientInfo, RemovedMetadata, RequestOutcome,
    RequestRow, RequestState, ShareOutcome, SharePreview, ShareProtection, ShareRequest, ShareRow,
    ShareStatus, SignedAs, MADE_COVER_LETTER, MADE_CV,
};
pub use stream::{StreamSummary, CHUNK_LEN};
pub use strength::{
    passphrase_strength, NewPassphrase, Strength, Weak, MIN_PASSPHRASE_CHARS,
    STRONG_PASSPHRASE_SCORE,
};
pub use vault::Vault;

/// The parsers the imports take their input from, so a face needs no other crate.
pub use candor_formats as formats;

/// The bundle format the shares are written in, so a face needs no other crate.
pub use candor_bundle as bundle;

impl<R: VaultRole> Vault<R> {
    /// SQLite's integrity check over the whole file.
    pub fn check_integrity(&self) -> Result<()> {
        backup::check_integrity(&self.conn).map_err(VaultError::tampered)
    }
}

/// The attachment cipher on its own, for benchmarks: seals `reader` under a fresh random
/// key and hands each sealed chunk to `sink`.
#[doc(hidden)]
pub mod bench {
    use std::convert::Infallible;
    use std::io::Read;

    use crate::keys::{random_bytes, Key256};
    pub use crate::stream::HashingReader;
    use crate::stream::{StreamKey, StreamSummary};

    /// Fills a vault the way the benchmarks measure it: 10,000 applications with notes, a
    /// person, an education of 40 courses, 50 skills and 10 positions.
    pub fn populate_large(vault: &mut crate::SeekerVault) -> crate::Result<()> {
        use candor_model::{
            Application, Education, LearningOpportunity, Person, Skill, Timestamp, Work,
        };
        let applications: Vec<Application> = (0..10_000)
            .map(|i| {
                let mut a = Application::new(
                    format!("Company {i}"),
                    format!("Engineer {i}"),
                    Timestamp::now(),
                );
                a.notes =
                    Some("Met them at the career fair; follow up about the platform team.".into());
                a
            })
            .collect();
        vault.insert_many(&applications)?;
        let person = Person {
            name: "Kari Nordmann".into(),
            email: "kari@example.org".into(),
            ..Person::default()
        };
        vault.set_person(&person)?;
        let courses = (0..40)
            .map(|i| LearningOpportunity {
                code: format!("IN{i:04}"),
                title: format!("Course {i}"),
                ..Default::default()
            })
            .collect();
        vault.insert(&Education {
            institution: "Universitetet i Oslo".into(),
            courses,
            ..Default::default()
        })?;
        vault.insert_many(
            &(0..50)
                .map(|i| Skill {
                    name: format!("Skill {i}"),
                    ..Default::default()
                })
                .collect::<Vec<_>>(),
        )?;
        vault.insert_many(
            &(0..10)
                .map(|i| Work {
                    name: format!("Employer {i}"),
                    ..Default::default()
                })
                .collect::<Vec<_>>(),
        )?;
        Ok(())
    }

    pub fn seal_stream(
        reader: impl Read,
        mut sink: impl FnMut(&[u8]),
    ) -> std::io::Result<StreamSummary> {
        let key = StreamKey::new(&Key256::random(), &random_bytes(), b"bench");
        let summary = key.seal_reader(reader, |_, chunk| {
            sink(chunk);
            Ok::<_, Infallible>(())
        })?;
        Ok(summary.unwrap_or_else(|never| match never {}))
    }
}
