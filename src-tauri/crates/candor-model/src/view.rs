//! Views: what of the profile goes to one recipient, chosen by the seeker and shown to them
//! before it leaves.
//!
//! [`project`] turns the [`Profile`], the documents on offer and a [`ViewChoice`] into a
//! [`View`]: the profile exactly as it will be sent, the attachments, the list of every
//! field shared, and for an anonymous view what was removed from free text and what could
//! still identify the seeker.
//!
//! - The national identity number is never in a view, whatever is asked.
//! - A **full** view shares everything but what `exclude` names. Attachments go only when
//!   included, and an issuer's signed original comes with a [`ViewWarning`].
//! - An **anonymous** view (Recrut's *ikke-identifiserbar profildeling*) shares education,
//!   courses and grades, skills, languages, interests, and experience by role and industry.
//!   Names, contact details, photo, addresses, birth date, gender, other sites' profiles,
//!   the names of employers, institutions and organisations, web addresses, locations and
//!   references are left out unless the seeker includes them one by one. Free text is
//!   scanned for e-mail addresses, phone numbers, web addresses and the seeker's own names;
//!   each hit becomes [`REMOVED_TEXT`] and is listed as a [`Finding`]. Days go to their
//!   month. What remains that could still point to the seeker is listed as
//!   [`QuasiIdentifier`]s. Documents holding the seeker's identity are refused.
//!
//! A path in `include` or `exclude` names a field as the profile's JSON does (`work[1]`,
//! `person.email`, `education[0].courses[3]`) or an attachment (`documents[<id>]`), and
//! covers everything under it. Exclude wins over include. An included field is shared as
//! the seeker wrote it: not scanned, not shortened to the month.
//!
//! ```
//! use candor_model::{project, Person, Profile, ViewChoice, ViewKind};
//!
//! let profile = Profile {
//!     person: Some(Person {
//!         name: "Kari Nordmann".into(),
//!         label: "Backend developer".into(),
//!         summary: "Kari writes Rust; mail kari@example.no.".into(),
//!         ..Default::default()
//!     }),
//!     ..Default::default()
//! };
//! let view = project(&profile, &[], &ViewChoice::new(ViewKind::Anonymous))?;
//! let person = view.profile.person.expect("the headline and summary are shared");
//! assert_eq!(person.name, "", "the name is left out");
//! assert_eq!(person.summary, "[removed] writes Rust; mail [removed].");
//! assert_eq!(view.fields, ["person.label", "person.summary"]);
//! assert_eq!(view.findings.len(), 2);
//! # Ok::<(), candor_model::ViewError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::problem::Problem;
use crate::{Document, LearningOpportunity, Profile};

mod error;
mod fields;
mod letter;
mod path;
mod places;
mod scan;
#[cfg(test)]
mod tests;
mod walk;

pub use letter::{scan_cover_letter, COVER_LETTER_PATH};

pub use error::ViewError;
pub use scan::REMOVED_TEXT;

use path::Paths;
use places::Places;
use scan::Scanner;
use walk::{Walk, Walker};

/// Which kind of view.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ViewKind {
    /// Who the seeker is stays out unless they include it: *ikke-identifiserbar
    /// profildeling*.
    Anonymous,
    /// Everything the seeker does not exclude: *åpen profildeling*.
    Full,
}

impl ViewKind {
    /// Both kinds, anonymous first.
    pub const ALL: [ViewKind; 2] = [ViewKind::Anonymous, ViewKind::Full];

    /// `"anonymous"` or `"full"`, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Anonymous => "anonymous",
            ViewKind::Full => "full",
        }
    }
}

impl fmt::Display for ViewKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ViewKind {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        ViewKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| Problem::NotOneOf {
                value: s.to_owned(),
                allowed: ViewKind::ALL.map(|k| k.as_str().to_owned()).to_vec(),
            })
    }
}

/// What the seeker chose for one recipient.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewChoice {
    pub kind: ViewKind,
    /// Paths to share beyond what the kind shares by itself: in an anonymous view,
    /// identifying fields one by one (`person.email`, `work[0].name`); in either, the
    /// attachments (`documents[<id>]`).
    #[serde(default)]
    pub include: Vec<String>,
    /// Paths to leave out, with everything under them: `work[1]`, `skills`, `person`.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl ViewChoice {
    /// A view of `kind` with nothing included or excluded.
    pub fn new(kind: ViewKind) -> Self {
        Self {
            kind,
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// A document the caller offers as an attachment, by the id `documents[<id>]` names.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharedDocument {
    pub id: String,
    pub document: Document,
}

/// A view, ready to preview and to send: the same input always gives the same view, so
/// what the seeker previews is what leaves.
///
/// Paths in `fields` are paths in `profile` as sent. Paths in `findings`,
/// `quasi_identifiers` and `warnings` are paths in the seeker's profile, the ones `include`
/// and `exclude` take, so the seeker can act on them; the two differ only after an entry
/// of a list was left out.
///
/// What the kinds leave out is emptied: an anonymous view's person has an empty `name`
/// (and is left out altogether when nothing else about them is shared), and
/// `work[i].name`, `education[i].institution` and `volunteer[i].organization` are empty
/// strings when withheld. So `profile` reads as a [`Profile`] but need not pass
/// [`Validate`](crate::Validate): an empty required field means "not shared". An entry of
/// which nothing is left is dropped from its list.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    pub kind: ViewKind,
    /// Exactly what will be sent.
    pub profile: Profile,
    /// The ids of the documents that go along as attachments, in the order offered.
    pub documents: Vec<String>,
    /// Every field shared, by path and never by value: each non-empty field of `profile`
    /// (`person.label`, `education[0].courses[2].grade`, `skills[1].keywords[0]`), then
    /// `documents[<id>]` for each attachment.
    pub fields: Vec<String>,
    /// What was removed from free text (anonymous views).
    pub findings: Vec<Finding>,
    /// What could still identify the seeker (anonymous views).
    pub quasi_identifiers: Vec<QuasiIdentifier>,
    /// What the seeker must know before sending.
    pub warnings: Vec<ViewWarning>,
    /// Everything that says who the seeker is and that an anonymous view leaves out unless
    /// included, where it starts in the seeker's profile (`person.email`,
    /// `work[0].location`, `references`): what a share can opt into, field by field. Empty
    /// for a full view, which shares them all.
    #[serde(default)]
    pub identifying: Vec<IdentifyingField>,
}

/// A field (or a whole item) that identifies the seeker, in an anonymous view.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifyingField {
    /// Its path in the seeker's profile, as `include` takes it.
    pub path: String,
    /// True when the choice includes it (or something it is part of).
    pub included: bool,
}

/// Something found in free text and removed from an anonymous view.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The field it was found in, in the seeker's profile: `work[1].highlights[0]`.
    pub path: String,
    pub kind: FindingKind,
    /// The text that was removed, for the seeker's own eyes: it is not in `profile`, so it
    /// is never sent.
    pub text: String,
}

/// What a [`Finding`] is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FindingKind {
    /// An e-mail address.
    Email,
    /// Eight digits or more, as a phone number is written.
    Phone,
    /// A web address.
    Url,
    /// One of the seeker's own names.
    Name,
    /// The name or abbreviation of an institution, employer or organisation the view
    /// leaves out.
    Organisation,
    /// A course code with a prefix of the seeker's own course codes: it names the
    /// institution.
    CourseCode,
}

impl FindingKind {
    /// What it is, in English words for the command line: "course code".
    pub fn words_en(self) -> &'static str {
        match self {
            FindingKind::Email => "e-mail address",
            FindingKind::Phone => "phone number",
            FindingKind::Url => "web address",
            FindingKind::Name => "your name",
            FindingKind::Organisation => "school or employer",
            FindingKind::CourseCode => "course code that names your school",
        }
    }
}

/// Something an anonymous view still shares that could identify the seeker, alone or
/// together with other things. Listed so the seeker can decide; no view is unlinkable.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuasiIdentifier {
    /// Where, in the seeker's profile, or `documents[<id>]`.
    pub path: String,
    pub kind: QuasiIdentifierKind,
    /// Why it could identify the seeker, in an English sentence (the CLI's text); the app
    /// words it in its own language from `kind` and `detail`.
    pub note: String,
    /// The numbers and names the sentence is made of.
    #[serde(default)]
    pub detail: QuasiDetail,
}

/// What a [`QuasiIdentifier`]'s sentence says besides its kind.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuasiDetail {
    /// How many: course codes, or graded and dated courses.
    pub count: Option<u32>,
    /// One of them: a course code; for an attachment, its file name.
    pub example: Option<String>,
    /// For graded courses: whether their grade distributions go too.
    pub distributions: bool,
}

/// What a [`QuasiIdentifier`] is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuasiIdentifierKind {
    /// Something identifying the seeker included on purpose: their name, an employer.
    OptedIn,
    /// A date to the day, kept because the seeker included it.
    ExactDate,
    /// Course codes, which name the institution.
    CourseCode,
    /// Courses with grade and date, which in a small class can point to one person.
    GradedCourse,
    /// The sequence of jobs, recognisable to anyone who knows the seeker's career.
    CareerHistory,
    /// A title that can be looked up: a publication, an award, a project.
    Searchable,
    /// An attachment: its bytes, metadata and hash go as they are.
    Attachment,
}

/// Something the seeker must know before sending a view.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewWarning {
    /// What it is about: `documents[<id>]`.
    pub path: String,
    pub kind: ViewWarningKind,
    /// What the seeker must know, in an English sentence (the command line shows it; the
    /// app says it in its own language from `reason`, `file` and `found`).
    pub message: String,
    /// Why, more precisely than `kind`.
    #[serde(default)]
    pub reason: WarningReason,
    /// The document's own file name.
    #[serde(default)]
    pub file: String,
    /// For [`WarningReason::NamesYou`], what in its text names the seeker; for
    /// [`WarningReason::Signed`], what its metadata says.
    #[serde(default)]
    pub found: Vec<String>,
}

/// Why a [`ViewWarning`] was given.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WarningReason {
    /// An issuer's original that holds the seeker's identity (a transcript).
    #[default]
    IssuerIdentity,
    /// A document with its issuer's signature.
    IssuerSigned,
    /// A PDF too large to clean: it goes as it is.
    TooLarge,
    /// A digitally signed PDF: cleaning it would break the signature.
    Signed,
    /// A file that claims to be a PDF and cannot be read as one.
    Unreadable,
    /// An attachment whose text names the seeker.
    NamesYou,
}

/// What a [`ViewWarning`] is about.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ViewWarningKind {
    /// An issuer's signed original (a transcript): it goes as it is, with the national
    /// identity number, name and birth date it holds, since redacting it would break its
    /// signature.
    IssuerOriginal,
    /// An attachment of an anonymous view whose metadata could not be removed (it is
    /// digitally signed, encrypted, or not readable as what it claims to be): it goes with
    /// whatever names it carries.
    AttachmentNotCleaned,
    /// An anonymous view's attachment whose text names the seeker (their name, e-mail or
    /// phone number): Candor cannot change what a document says.
    AttachmentNamesYou,
}

/// The view of `profile` that `choice` asks for, with the attachments it names from
/// `documents`.
///
/// Fails when a path in the choice is badly written or names nothing in the profile (so a
/// stale choice is not quietly applied), names the national identity number, or names a
/// document not offered; and when an anonymous view asks for a document that holds the
/// seeker's identity.
pub fn project(
    profile: &Profile,
    documents: &[SharedDocument],
    choice: &ViewChoice,
) -> Result<View, ViewError> {
    let paths = Paths::read(profile, choice)?;
    let attachments = attachments(documents, &paths, choice.kind)?;
    let anonymous = choice.kind == ViewKind::Anonymous;
    let scanner = if anonymous {
        names_to_scan_for(profile, &paths)
    } else {
        Scanner::default()
    };
    let mut shared = profile.clone();
    let mut walker = Walker::new(anonymous, &paths, &scanner);
    shared.walk(&mut walker);
    let Walker {
        mut fields,
        findings,
        mut quasi_identifiers,
        identifying,
        ..
    } = walker;
    let mut warnings = Vec::new();
    for attachment in &attachments {
        fields.push(document_path(&attachment.id));
        warnings.extend(original_warning(attachment));
        if anonymous {
            quasi_identifiers.push(attachment_note(attachment));
        }
    }
    Ok(View {
        kind: choice.kind,
        profile: shared,
        documents: attachments.iter().map(|a| a.id.clone()).collect(),
        fields,
        findings,
        quasi_identifiers,
        warnings,
        identifying,
    })
}

/// What in `text` (an attachment's, as far as it can be read) would identify the seeker
/// of `profile` in an anonymous view, in order: their own names, e-mail address and phone
/// number as written, and any other e-mail address, phone number or web address, with the
/// text matched. Empty when nothing is found.
pub fn identifying_in_text(profile: &Profile, text: &str) -> Vec<(FindingKind, String)> {
    let names = profile.person.iter().flat_map(|person| {
        [
            Some(person.name.as_str()),
            person.given_name.as_deref(),
            person.family_name.as_deref(),
        ]
        .into_iter()
        .flatten()
    });
    let mut scanner = Scanner::new(names);
    if let Some(person) = &profile.person {
        scanner = scanner
            .own(&person.email, FindingKind::Email)
            .own(&person.phone, FindingKind::Phone);
    }
    scanner
        .redact(text)
        .map(|(_, found)| found)
        .unwrap_or_default()
}

/// `documents[<id>]`.
pub fn document_path(id: &str) -> String {
    format!("documents[{id}]")
}

/// A scanner for the seeker's names, e-mail address and phone number, less those the view
/// shares anyway: once the recipient has `person.givenName`, removing it from a summary
/// only garbles the summary. They come from the profile whether or not `person` is in the
/// view: they are the seeker's all the same.
fn names_to_scan_for(profile: &Profile, paths: &Paths) -> Scanner {
    let Some(person) = &profile.person else {
        return Scanner::default();
    };
    let names = [
        ("person.name", Some(person.name.as_str())),
        ("person.givenName", person.given_name.as_deref()),
        ("person.familyName", person.family_name.as_deref()),
    ];
    let (shared, withheld): (Vec<_>, Vec<_>) =
        names.iter().partition(|(path, _)| paths.includes(path));
    let mut scanner = Scanner::new(withheld.iter().filter_map(|(_, name)| *name))
        .sharing(shared.iter().filter_map(|(_, name)| *name));
    let own = [
        ("person.email", &person.email, FindingKind::Email),
        ("person.phone", &person.phone, FindingKind::Phone),
    ];
    for (path, text, kind) in own {
        if !paths.includes(path) {
            scanner = scanner.own(text, kind);
        }
    }
    scanner.places(places_to_scan_for(profile, paths))
}

/// The institutions, employers and organisations the view leaves out, and the prefixes of
/// the course codes taken at an institution it leaves out.
fn places_to_scan_for(profile: &Profile, paths: &Paths) -> Places {
    let mut places = Places::default();
    let named = profile
        .education
        .iter()
        .enumerate()
        .map(|(i, e)| (format!("education[{i}].institution"), &e.institution))
        .chain(
            profile
                .work
                .iter()
                .enumerate()
                .map(|(i, w)| (format!("work[{i}].name"), &w.name)),
        )
        .chain(
            profile
                .volunteer
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("volunteer[{i}].organization"), &v.organization)),
        );
    for (path, name) in named {
        if !paths.includes(&path) {
            places.add_name(name);
        }
    }
    fn codes(courses: &[LearningOpportunity], places: &mut Places) {
        for course in courses {
            places.add_course_code(&course.code);
            codes(&course.children, places);
        }
    }
    for (i, education) in profile.education.iter().enumerate() {
        if !paths.includes(&format!("education[{i}].institution")) {
            codes(&education.courses, &mut places);
        }
    }
    places
}

/// The documents the choice attaches, in the order offered. Each document path must name
/// an offered document; an anonymous view refuses one that holds the seeker's identity.
fn attachments<'a>(
    offered: &'a [SharedDocument],
    paths: &Paths,
    kind: ViewKind,
) -> Result<Vec<&'a SharedDocument>, ViewError> {
    let named = paths
        .include_documents
        .iter()
        .chain(&paths.exclude_documents);
    for id in named {
        if !offered.iter().any(|shared| shared.id == *id) {
            return Err(ViewError::DocumentNotOffered {
                id: id.clone(),
                offered: offered.len(),
            });
        }
    }
    let mut chosen: Vec<&SharedDocument> = Vec::new();
    for shared in offered {
        let wanted = paths.include_documents.contains(&shared.id)
            && !paths.exclude_documents.contains(&shared.id);
        if !wanted || chosen.iter().any(|c| c.id == shared.id) {
            continue;
        }
        if kind == ViewKind::Anonymous && shared.document.holds_identity {
            return Err(ViewError::IdentityDocumentInAnonymousView {
                id: shared.id.clone(),
            });
        }
        chosen.push(shared);
    }
    Ok(chosen)
}

/// The warning an issuer's original needs: it cannot be redacted without breaking its
/// signature, so what it holds goes along.
fn original_warning(shared: &SharedDocument) -> Option<ViewWarning> {
    let document = &shared.document;
    let file = &document.file_name;
    let (message, reason) = if document.holds_identity {
        (format!(
            "\"{file}\" is an issuer's original: it carries your national identity number, name and birth date, and its signature would break if they were redacted, so it goes as it is"
        ), WarningReason::IssuerIdentity)
    } else if document.signed {
        (format!(
            "\"{file}\" carries its issuer's signature, which would break if anything in it were redacted: it goes as it is, with any national identity number, name and birth date it holds"
        ), WarningReason::IssuerSigned)
    } else {
        return None;
    };
    Some(ViewWarning {
        path: document_path(&shared.id),
        kind: ViewWarningKind::IssuerOriginal,
        message,
        reason,
        file: file.clone(),
        found: Vec::new(),
    })
}

/// Why an attachment could identify the seeker.
fn attachment_note(shared: &SharedDocument) -> QuasiIdentifier {
    QuasiIdentifier {
        path: document_path(&shared.id),
        kind: QuasiIdentifierKind::Attachment,
        detail: QuasiDetail {
            example: Some(shared.document.file_name.clone()),
            ..QuasiDetail::default()
        },
        note: format!(
            "\"{}\" goes as it is: Candor cannot look inside it, its text or metadata (a PDF's author, a photo's location) may name you, and its SHA-256 links this share to any other that carries the same file",
            shared.document.file_name
        ),
    }
}
