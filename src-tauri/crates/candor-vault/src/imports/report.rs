//! [`ImportReport`]: what an import added, skipped and could not take, the same whether it
//! was a preview (nothing written) or the import itself.

use std::fmt;

use candor_model::ImportNote;
use serde::{Deserialize, Serialize};

/// Where imported data came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum ImportFormat {
    /// An ELMO transcript, as EMREX or a diploma registry sends it.
    Emrex,
    /// LinkedIn's data export ("Get a copy of your data").
    Linkedin,
    /// A JSON Resume document.
    JsonResume,
    /// A profile document in Candor's own JSON.
    Profile,
}

impl ImportFormat {
    /// The name people know the format by: "EMREX", "LinkedIn".
    pub fn display_name(self) -> &'static str {
        match self {
            ImportFormat::Emrex => "EMREX",
            ImportFormat::Linkedin => "LinkedIn",
            ImportFormat::JsonResume => "JSON Resume",
            ImportFormat::Profile => "a profile document",
        }
    }

    /// The kebab-case name, as serialized: "json-resume".
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Emrex => "emrex",
            ImportFormat::Linkedin => "linkedin",
            ImportFormat::JsonResume => "json-resume",
            ImportFormat::Profile => "profile",
        }
    }
}

impl fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many entries of one profile section an import adds, and how many it leaves out
/// because the vault already holds exactly the same entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SectionCount {
    /// The section's name in the profile: "education", "skills", …
    pub section: String,
    pub added: u32,
    pub skipped: u32,
}

/// What an import adds (or, for a preview, would add), section by section.
///
/// A preview and the import that follows it give the same report, except `dryRun`. The
/// report never holds the learner's national identity number, name or birth date: only the
/// names of the person fields that are (or would be) filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub format: ImportFormat,
    /// True for a preview: nothing was stored.
    pub dry_run: bool,
    /// The same file was imported before and what it added is still in the vault, so no
    /// record or document is added again.
    pub already_imported: bool,
    /// Per profile section that the import has entries for, in profile order.
    pub sections: Vec<SectionCount>,
    /// Learning opportunities (degrees, module groups, courses) in the educations added,
    /// counted over their whole trees.
    pub learning_opportunities: u32,
    /// The person fields filled because they were empty ("name", "email", "birthDate",
    /// "nationalId", …); a field the seeker already filled is never replaced.
    pub person_fields: Vec<String>,
    /// The file names of the documents added.
    pub documents: Vec<String>,
    /// Whether the file carries an XML signature; `None` for formats without one. Candor
    /// does not verify it: show "signature present, not verified".
    pub signed: Option<bool>,
    /// What was read but not imported, or needs the seeker's attention, one sentence each.
    pub warnings: Vec<ImportNote>,
    /// For a transcript: the identity fields ("name", "birthDate") in which its learner is
    /// not the profile's person, so the seeker can check it is theirs. Names, not values.
    #[serde(default)]
    pub learner_differs: Vec<String>,
}

impl ImportReport {
    pub(crate) fn new(format: ImportFormat, dry_run: bool) -> Self {
        ImportReport {
            format,
            dry_run,
            already_imported: false,
            sections: Vec::new(),
            learning_opportunities: 0,
            person_fields: Vec::new(),
            documents: Vec::new(),
            signed: None,
            warnings: Vec::new(),
            learner_differs: Vec::new(),
        }
    }

    /// The count for `section`, if the import had entries for it.
    pub fn section(&self, section: &str) -> Option<&SectionCount> {
        self.sections.iter().find(|s| s.section == section)
    }

    /// How many entries were (or would be) added, over every section.
    pub fn records_added(&self) -> u32 {
        self.sections.iter().map(|s| s.added).sum()
    }

    /// Whether the import adds nothing at all: no entry, person field or document.
    pub fn adds_nothing(&self) -> bool {
        self.records_added() == 0 && self.person_fields.is_empty() && self.documents.is_empty()
    }
}

/// A count as `u32`, for the IPC boundary.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
