//! The job seeker's data as plain types, and their validation. No I/O: the vault stores
//! these types, the formats crate imports and exports them, views project them.
//!
//! - [`Person`] (with an optional, never-logged [`NationalId`]), [`Education`] with its tree
//!   of [`LearningOpportunity`]s, [`Grade`]s in their [`GradeScheme`]s and exact
//!   [`Credits`], and every other JSON Resume section ([`Work`], [`Skill`], [`Language`],
//!   [`Interest`], [`Project`], [`Certificate`], [`Award`], [`Publication`], [`Volunteer`],
//!   [`Reference`]), gathered in a [`Profile`].
//! - The seeker's bookkeeping: [`Document`] metadata and [`Application`]s with their history.
//! - Dates: [`PartialDate`] (`2019`, `2019-06`, `2019-06-29`), [`Day`], [`Timestamp`].
//! - [`gpa`]: the grade point average the Norwegian way.
//! - [`Validate`]: every problem at once, each a [`ValidationError`] at a dotted field path
//!   with a [`Problem`] that has a stable [`code`](Problem::code) and a message that says
//!   what to do.
//! - [`check_draft`]: the same problems for what a form is about to send, including the
//!   values the model refuses while reading it (`2019-13`, `-5` credits), each at its field.
//! - [`Record`]: the types the vault stores one by one, each with its [`Record::KIND`].
//! - [`project`]: a [`View`] of the profile for one recipient, anonymous or full, with the
//!   national identity number never in it.
//!
//! The JSON is JSON Resume's where JSON Resume has the field (`startDate`, `studyType`,
//! `releaseDate`), camelCase otherwise, and leaves out empty fields.
//!
//! ```
//! use candor_model::{gpa, Credits, Education, Grade, GradeScheme, LearningOpportunity, Validate};
//!
//! let course = |title: &str, credits: &str, grade: &str| -> Result<LearningOpportunity, Box<dyn std::error::Error>> {
//!     Ok(LearningOpportunity {
//!         title: title.into(),
//!         credits: Some(credits.parse::<Credits>()?),
//!         grade: Some(Grade::new(GradeScheme::Ects, grade)?),
//!         ..Default::default()
//!     })
//! };
//! let education = Education {
//!     institution: "NTNU".into(),
//!     degree: "Master".into(),
//!     start_date: Some("2018-08".parse()?),
//!     courses: vec![course("Algorithms", "7.5", "A")?, course("Databases", "7.5", "C")?],
//!     ..Default::default()
//! };
//! education.validate()?;
//! assert_eq!(gpa(&education.courses).map(|g| g.to_string()), Some("4.00 (B)".into()));
//!
//! // Problems say where and what to do.
//! let problem = "-5".parse::<Credits>().expect_err("negative").at("courses[0].credits");
//! assert_eq!(
//!     problem.to_string(),
//!     "courses[0].credits: credits cannot be negative (got -5); use 0 or more, e.g. 7.5"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod application;
mod cover_letter;
mod credits;
mod date;
mod document;
mod draft;
mod education;
mod gpa;
mod grade;
mod held;
mod held_items;
mod import_note;
mod language;
mod national_id;
mod people_time;
mod person;
mod problem;
mod profile;
mod record;
mod refusal;
mod sections;
#[cfg(feature = "specta")]
mod specta_types;
mod timestamp;
mod validate;
mod view;

pub use application::{Application, ApplicationStatus, StatusChange};
pub use cover_letter::{CoverLetter, LetterBlock, Run};
pub use credits::Credits;
pub use date::{Day, PartialDate, MAX_YEAR, MIN_YEAR};
pub use document::{Document, DocumentKind};
pub use draft::{check_draft, DraftKind, UnreadableDraft, MAX_REFUSED_VALUES};
pub use education::{
    Classification, DistributionEntry, Education, GradeDistribution, LearningOpportunity,
};
pub use gpa::{gpa, gpa_left_out, Gpa, LeftOut, LeftOutReason};
pub use grade::{Grade, GradeScheme};
pub use held::{group_fields, place_en, FieldGroup};
pub use held_items::{held_items, HeldDocument, HeldItem};
pub use import_note::ImportNote;
pub use language::{CefrLevel, Fluency, Language};
pub use national_id::NationalId;
pub use people_time::{Lang, PeopleTime};
pub use person::{Address, Person, SocialProfile};
pub use problem::{DateReason, NationalIdReason, Problem};
pub use profile::Profile;
pub use record::{Record, ALL_KINDS};
pub use sections::{
    Award, Certificate, Interest, InterestKind, Project, Publication, Reference, Skill, Volunteer,
    Work,
};
pub use timestamp::Timestamp;
pub use validate::{Validate, ValidationError, ValidationErrors, MAX_LINE_CHARS, MAX_TEXT_CHARS};
pub use view::{
    document_path, identifying_in_text, project, scan_cover_letter, Finding, FindingKind,
    IdentifyingField, QuasiDetail, QuasiIdentifier, QuasiIdentifierKind, SharedDocument, View,
    ViewChoice, ViewError, ViewKind, ViewWarning, ViewWarningKind, WarningReason,
    COVER_LETTER_PATH, REMOVED_TEXT,
};
