//! One file to import, read and parsed as the format the person chose, so the app and the
//! CLI take the same path: parse, then preview or import.

use crate::roles::SeekerVault;
use std::io::{Read, Seek};

use candor_formats::{ElmoImport, JsonResumeImport, Learner, LinkedInImport};

use serde::{Deserialize, Serialize};

use super::ImportReport;
use crate::error::Result;

/// The kinds of file a person can import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum FileFormat {
    /// An ELMO transcript (XML, or the EMREX transport form).
    Emrex,
    /// LinkedIn's data export, a zip of CSV files.
    Linkedin,
    /// A JSON Resume document.
    JsonResume,
}

/// A parsed file, ready to preview or import.
#[derive(Debug)]
pub enum ParsedImport {
    Emrex(ElmoImport),
    Linkedin(LinkedInImport),
    JsonResume(JsonResumeImport),
}

/// Title languages for ELMO transcripts: bokmål, then Norwegian, then English.
pub const TITLE_LANGUAGES: &[&str] = &["nb", "no", "en"];

impl ParsedImport {
    /// Reads and checks `reader` as `format`. Nothing touches a vault.
    pub fn read(format: FileFormat, reader: impl Read + Seek) -> Result<ParsedImport> {
        Ok(match format {
            FileFormat::Emrex => {
                ParsedImport::Emrex(candor_formats::read_elmo(reader, TITLE_LANGUAGES)?)
            }
            FileFormat::Linkedin => ParsedImport::Linkedin(candor_formats::read_linkedin(reader)?),
            FileFormat::JsonResume => {
                ParsedImport::JsonResume(candor_formats::read_json_resume(reader)?)
            }
        })
    }

    /// The learner an ELMO transcript names, to show once for confirmation.
    pub fn learner(&self) -> Option<&Learner> {
        match self {
            ParsedImport::Emrex(elmo) => Some(&elmo.learner),
            _ => None,
        }
    }

    /// Whether the file carries an XML signature (present, not verified).
    pub fn signed(&self) -> bool {
        matches!(self, ParsedImport::Emrex(elmo) if elmo.signed)
    }
}

impl SeekerVault {
    /// What importing `parsed` would add; nothing is written.
    pub fn preview_parsed(
        &self,
        parsed: &ParsedImport,
        keep_identity: bool,
    ) -> Result<ImportReport> {
        match parsed {
            ParsedImport::Emrex(elmo) => self.preview_elmo(elmo, keep_identity),
            ParsedImport::Linkedin(export) => self.preview_linkedin(export),
            ParsedImport::JsonResume(resume) => self.preview_json_resume(resume),
        }
    }

    /// Imports `parsed` in one transaction.
    pub fn import_parsed(
        &mut self,
        parsed: &ParsedImport,
        keep_identity: bool,
    ) -> Result<ImportReport> {
        match parsed {
            ParsedImport::Emrex(elmo) => self.import_elmo(elmo, keep_identity),
            ParsedImport::Linkedin(export) => self.import_linkedin(export),
            ParsedImport::JsonResume(resume) => self.import_json_resume(resume),
        }
    }
}
