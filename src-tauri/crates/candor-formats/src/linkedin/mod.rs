//! LinkedIn's data export ("Get a copy of your data"): a zip of CSV files, read into a
//! [`Profile`] with a [`LinkedInPreview`] of what would be added.
//!
//! The files may sit in a sub-folder and any of them may be missing; headers are matched
//! loosely. What the model has no field for is listed in [`LinkedInImport::not_imported`]
//! rather than dropped without a word.

mod archive;
mod sections;
mod table;

use std::io::{Cursor, Read, Seek};

use candor_model::{ImportNote, Profile};
use serde::Serialize;

use crate::ImportError;
pub use archive::{
    MAX_COMPRESSION_RATIO, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES,
    RATIO_CHECK_FROM_BYTES,
};
pub use table::MAX_CSV_FIELD_BYTES;

/// An imported LinkedIn export: nothing is stored until the caller decides to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedInImport {
    pub profile: Profile,
    pub preview: LinkedInPreview,
    /// Values read but not imported, each with the reason.
    pub not_imported: Vec<NotImported>,
}

/// What the import would add, section by section, for a UI to show before anything is
/// stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedInPreview {
    /// Whether a person (name, headline, contact details) was found.
    pub person: bool,
    pub work: u32,
    pub education: u32,
    pub skills: u32,
    pub languages: u32,
    pub certificates: u32,
    pub projects: u32,
    /// The industry from Profile.csv, as an interest.
    pub interests: u32,
    /// E-mail addresses and phone numbers found (one of each is imported).
    pub emails: u32,
    pub phones: u32,
    /// The CSV files read, as named in the zip.
    pub files_read: Vec<String>,
    /// The files Candor reads that the zip does not have: "Projects.csv".
    pub files_missing: Vec<String>,
    /// How many values were read but not imported.
    pub not_imported: u32,
}

/// A value the import read and left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotImported {
    /// The CSV file, as named in the zip.
    pub file: String,
    /// The line the row starts on.
    pub line: u32,
    /// The column, as the file names it.
    pub column: String,
    pub value: String,
    /// Why, in a sentence: "Candor has no field for it".
    pub reason: String,
}

impl NotImported {
    /// The note in words a person reads: which kind of entry, which of its values, and
    /// why; no file name or line number. In English: "A position in the export: “Company
    /// Url” (https://kartverket.example.no) was not imported: Candor has no field for it."
    pub fn note(&self) -> ImportNote {
        let file = self.file.rsplit('/').next().unwrap_or(&self.file);
        let (entry, words) = match Kind::from_file_name(file) {
            Some(Kind::Profile) => ("profile", "Your profile in the export"),
            Some(Kind::Positions) => ("position", "A position in the export"),
            Some(Kind::Education) => ("education", "An education in the export"),
            Some(Kind::Skills) => ("skill", "A skill in the export"),
            Some(Kind::Languages) => ("language", "A language in the export"),
            Some(Kind::Certifications) => ("certification", "A certification in the export"),
            Some(Kind::Projects) => ("project", "A project in the export"),
            Some(Kind::Emails) => ("email", "An e-mail address in the export"),
            Some(Kind::Phones) => ("phone", "A phone number in the export"),
            None => ("entry", "An entry in the export"),
        };
        let reason = match self.reason.as_str() {
            sections::NOT_A_DATE => "not_a_date",
            sections::ONE_EMAIL => "one_email",
            sections::ONE_PHONE => "one_phone",
            sections::WHOLE_BIRTH_DATE => "whole_birth_date",
            _ => "no_field",
        };
        ImportNote::new(
            "not_imported",
            format!(
                "{words}: “{}” ({}) was not imported: {}",
                self.column, self.value, self.reason
            ),
        )
        .with("entry", entry)
        .with("column", &self.column)
        .with("value", &self.value)
        .with("reason", reason)
    }
}

/// The export files Candor reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Profile,
    Positions,
    Education,
    Skills,
    Languages,
    Certifications,
    Projects,
    Emails,
    Phones,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Profile,
        Kind::Positions,
        Kind::Education,
        Kind::Skills,
        Kind::Languages,
        Kind::Certifications,
        Kind::Projects,
        Kind::Emails,
        Kind::Phones,
    ];

    /// The file's name in LinkedIn's export.
    fn file_name(self) -> &'static str {
        match self {
            Kind::Profile => "Profile.csv",
            Kind::Positions => "Positions.csv",
            Kind::Education => "Education.csv",
            Kind::Skills => "Skills.csv",
            Kind::Languages => "Languages.csv",
            Kind::Certifications => "Certifications.csv",
            Kind::Projects => "Projects.csv",
            Kind::Emails => "Email Addresses.csv",
            Kind::Phones => "PhoneNumbers.csv",
        }
    }

    /// The kind of a file named `name` (no folders), compared loosely:
    /// "email_addresses.CSV" is [`Kind::Emails`].
    fn from_file_name(name: &str) -> Option<Kind> {
        let lower = name.to_lowercase();
        let stem = lower.strip_suffix(".csv")?;
        let stem = table::normalize(stem);
        Kind::ALL
            .into_iter()
            .find(|kind| table::normalize(kind.file_name().trim_end_matches(".csv")) == stem)
    }
}

/// Imports a LinkedIn data export from the zip's bytes.
pub fn import_linkedin(zip: &[u8]) -> Result<LinkedInImport, ImportError> {
    read_linkedin(Cursor::new(zip))
}

/// Imports a LinkedIn data export from a seekable reader (an open file), unpacking only
/// the CSV files Candor reads, each within the caps.
pub fn read_linkedin<R: Read + Seek>(reader: R) -> Result<LinkedInImport, ImportError> {
    let entries = archive::read_entries(reader)?;
    let mut builder = sections::Builder::default();
    let mut preview = LinkedInPreview::default();
    for entry in &entries {
        builder.read(entry.kind, &entry.name, &entry.bytes)?;
        preview.files_read.push(entry.name.clone());
    }
    preview.files_missing = Kind::ALL
        .into_iter()
        .filter(|kind| !entries.iter().any(|e| e.kind == *kind))
        .map(|kind| kind.file_name().to_owned())
        .collect();
    let (profile, not_imported, emails, phones) = builder.finish();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    preview.person = profile.person.is_some();
    preview.work = count(profile.work.len());
    preview.education = count(profile.education.len());
    preview.skills = count(profile.skills.len());
    preview.languages = count(profile.languages.len());
    preview.certificates = count(profile.certificates.len());
    preview.projects = count(profile.projects.len());
    preview.interests = count(profile.interests.len());
    preview.emails = emails;
    preview.phones = phones;
    preview.not_imported = count(not_imported.len());
    Ok(LinkedInImport {
        profile,
        preview,
        not_imported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_recognised_loosely() {
        assert_eq!(Kind::from_file_name("Profile.csv"), Some(Kind::Profile));
        assert_eq!(
            Kind::from_file_name("email_addresses.CSV"),
            Some(Kind::Emails)
        );
        assert_eq!(
            Kind::from_file_name("Phone Numbers.csv"),
            Some(Kind::Phones)
        );
        assert_eq!(Kind::from_file_name("Profile Summary.csv"), None);
        assert_eq!(Kind::from_file_name("Skills.txt"), None);
    }
}
