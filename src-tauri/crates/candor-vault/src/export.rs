//! The seeker's own copy of everything (GDPR Art. 20, data portability): one zip of JSON
//! files and the documents, with a README that says what each file is.
//!
//! Documents are decrypted straight into their zip entries, chunk by chunk, so a large one
//! never sits whole in memory. The national identity number is left out unless asked for,
//! and so are the issuer originals that hold it.

use crate::roles::SeekerVault;
use std::collections::BTreeMap;
use std::io::{Seek, Write};

use candor_model::{
    gpa, Application, Award, Certificate, Document, Education, Interest, Language, Project,
    Publication, Record, Reference, Skill, Volunteer, Work,
};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::{Result, VaultError};
use crate::imports::{count, each_section, nodes, ImportSource};

/// What [`Vault::export_all`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    /// How many records of each kind the export holds, by record kind: "person",
    /// "education", "skill", "application", "document", "import-source", "ledger-entry", …
    pub counts: BTreeMap<String, u32>,
    /// Learning opportunities over every education's tree.
    pub learning_opportunities: u32,
    /// Status changes over every application's history.
    pub status_changes: u32,
    /// Documents whose content is in the zip.
    pub documents_written: u32,
    /// Documents listed but whose content was left out, because they hold the national
    /// identity number and it was not asked for: their file names.
    pub documents_left_out: Vec<String>,
    /// Whether the national identity number is in the export (asked for, and stored).
    pub national_id_included: bool,
    /// Every file in the zip, in order.
    pub files: Vec<String>,
}

/// A document as `documents.json` lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListedDocument<'a> {
    id: &'a str,
    #[serde(flatten)]
    document: &'a Document,
    /// Where its content is in the zip; `None` when left out.
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left_out: Option<&'static str>,
}

/// An education as `education.json` lists it, with its grade point average.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListedEducation<'a> {
    id: &'a str,
    #[serde(flatten)]
    education: &'a Education,
    #[serde(skip_serializing_if = "Option::is_none")]
    gpa: Option<String>,
}

const LEFT_OUT: &str = "it holds your national identity number as the issuer signed it; \
                        export again with the national identity number included to get it";

impl SeekerVault {
    /// Writes everything in the vault into `out` as a zip: `README.txt`, `profile.json`,
    /// `resume.json`, `education.json`, `applications.json`, `documents.json` and each
    /// document under `documents/`, `import-sources.json`, `ledger.json`. The national
    /// identity number, and the documents that hold it, only when `include_national_id`.
    ///
    /// On an error what was written to `out` is incomplete: remove it.
    pub fn export_all(
        &self,
        out: impl Write + Seek,
        include_national_id: bool,
    ) -> Result<ExportSummary> {
        let mut profile = self.profile()?;
        let resume = self.export_json_resume()?;
        let has_national_id = profile
            .person
            .as_ref()
            .is_some_and(|p| p.national_id.is_some());
        if !include_national_id {
            if let Some(person) = &mut profile.person {
                person.national_id = None;
            }
        }
        let educations = self.list::<Education>()?;
        let applications = self.list::<Application>()?;
        let documents = self.list::<Document>()?;
        let sources = self.import_sources()?;

        let mut counts = BTreeMap::new();
        counts.insert("person".to_owned(), u32::from(profile.person.is_some()));
        macro_rules! section {
            ($field:ident, $type:ty) => {
                counts.insert(
                    <$type as Record>::KIND.to_owned(),
                    count(profile.$field.len()),
                );
            };
        }
        each_section!(section);
        counts.insert(Application::KIND.into(), count(applications.len()));
        counts.insert(Document::KIND.into(), count(documents.len()));
        counts.insert(ImportSource::KIND.into(), count(sources.len()));
        let ledger = self.export_ledger()?;
        let ledger_entries = ledger["entries"].clone();
        counts.insert(
            "ledger-entry".into(),
            count(ledger_entries.as_array().map_or(0, Vec::len)),
        );

        let listed_documents: Vec<ListedDocument<'_>> = documents
            .iter()
            .map(|entry| {
                let leave_out = entry.value.holds_identity && !include_national_id;
                ListedDocument {
                    id: &entry.id,
                    document: &entry.value,
                    path: (!leave_out).then(|| document_path(&entry.id, &entry.value.file_name)),
                    left_out: leave_out.then_some(LEFT_OUT),
                }
            })
            .collect();
        let listed_educations: Vec<ListedEducation<'_>> = educations
            .iter()
            .map(|entry| ListedEducation {
                id: &entry.id,
                education: &entry.value,
                gpa: gpa(&entry.value.courses).map(|g| g.to_string()),
            })
            .collect();
        let mut summary = ExportSummary {
            counts,
            learning_opportunities: count(educations.iter().map(|e| nodes(&e.value.courses)).sum()),
            status_changes: count(applications.iter().map(|a| a.value.history.len()).sum()),
            documents_written: 0,
            documents_left_out: listed_documents
                .iter()
                .filter(|d| d.path.is_none())
                .map(|d| d.document.file_name.clone())
                .collect(),
            national_id_included: include_national_id && has_national_id,
            files: Vec::new(),
        };

        let mut zip = Zip::new(out);
        zip.text("README.txt", &readme(&summary))?;
        zip.json("profile.json", &profile)?;
        zip.json("resume.json", &resume)?;
        zip.json("education.json", &listed_educations)?;
        zip.json("applications.json", &applications)?;
        zip.json("documents.json", &listed_documents)?;
        for listed in &listed_documents {
            if let Some(path) = &listed.path {
                zip.start(path, CompressionMethod::Stored, listed.document.size)?;
                self.read_document(listed.id, &mut zip.writer)?;
                summary.documents_written += 1;
            }
        }
        zip.json("import-sources.json", &sources)?;
        zip.json("ledger.json", &ledger_entries)?;
        summary.files = zip.finish()?;
        Ok(summary)
    }
}

/// A zip being written, and the names written so far.
struct Zip<W: Write + Seek> {
    writer: ZipWriter<W>,
    names: Vec<String>,
    /// When the export was made, as every entry's time (local time is unknown here, so UTC).
    made: zip::DateTime,
}

fn zip_error(e: zip::result::ZipError) -> VaultError {
    VaultError::io("cannot write the export")(std::io::Error::other(e))
}

impl<W: Write + Seek> Zip<W> {
    fn new(out: W) -> Self {
        let now = candor_model::Timestamp::now().as_offset_date_time();
        let made = u16::try_from(now.year())
            .ok()
            .and_then(|year| {
                zip::DateTime::from_date_and_time(
                    year,
                    u8::from(now.month()),
                    now.day(),
                    now.hour(),
                    now.minute(),
                    now.second(),
                )
                .ok()
            })
            .unwrap_or_default();
        Zip {
            writer: ZipWriter::new(out),
            names: Vec::new(),
            made,
        }
    }

    fn start(&mut self, name: &str, method: CompressionMethod, size: u64) -> Result<()> {
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .unix_permissions(0o600)
            .last_modified_time(self.made)
            .large_file(size >= u64::from(u32::MAX));
        self.writer.start_file(name, options).map_err(zip_error)?;
        self.names.push(name.to_owned());
        Ok(())
    }

    fn text(&mut self, name: &str, text: &str) -> Result<()> {
        self.start(name, CompressionMethod::Deflated, text.len() as u64)?;
        self.writer
            .write_all(text.as_bytes())
            .map_err(VaultError::io("cannot write the export"))
    }

    fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<()> {
        let mut text = serde_json::to_string_pretty(value).expect("export values serialize");
        text.push('\n');
        self.text(name, &text)
    }

    fn finish(self) -> Result<Vec<String>> {
        let mut out = self.writer.finish().map_err(zip_error)?;
        out.flush()
            .map_err(VaultError::io("cannot write the export"))?;
        Ok(self.names)
    }
}

/// `documents/<id>-<file name>`, the name made safe: no folders, no control characters, not
/// hidden, at most 100 characters.
fn document_path(id: &str, file_name: &str) -> String {
    let safe: String = file_name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    let safe = safe.trim().trim_start_matches('.');
    let safe = if safe.is_empty() { "document" } else { safe };
    format!("documents/{id}-{safe}")
}

fn readme(summary: &ExportSummary) -> String {
    let national_id = if summary.national_id_included {
        "Your national identity number IS included (you asked for it), in profile.json and in \
         the issuer originals under documents/. Keep this file as safe as the vault itself."
    } else {
        "Your national identity number is NOT included, and neither are the issuer originals \
         that hold it (documents.json lists them with \"leftOut\"). Export again with it \
         ticked (candor export all --include-national-id) if you want it."
    };
    format!(
        "Everything in your Candor vault
===============================

This zip is your own copy of the data in your Candor vault, in open formats (GDPR
article 20, data portability). It is NOT encrypted: keep it somewhere safe, and delete it
when you no longer need it.

{national_id}

The files
---------
profile.json         You and your CV, in Candor's own JSON: the person (name, contact
                     details, addresses) and every section: education, work, skills,
                     languages, interests, projects, certificates, awards, publications,
                     volunteering, references. `candor profile set` reads it back.
resume.json          The same profile as a JSON Resume (https://jsonresume.org), which
                     other CV tools read. Grades travel in the \"x-candor-grades\" field.
education.json       Each education with its id, its learning opportunities as a tree
                     (degree, module group, course) with credits, grades and their grading
                     schemes, grade distributions, and the grade point average Candor
                     computes (ECTS A-E weighted by credits), e.g. \"4.17 (B)\".
applications.json    Your job applications, each with its id, company, position, dates,
                     status, and its history: every change of status, when, with notes.
documents.json       What Candor knows about each document: kind, file name, type, size,
                     SHA-256, when added, whether it carries a signature (not verified by
                     Candor) and whether it holds your identity, and where its content is
                     in this zip (\"path\").
documents/           The documents themselves, decrypted, named <id>-<file name>.
                     {written} written, {left_out} left out.
import-sources.json  Where imported data came from: the format (EMREX, LinkedIn, JSON
                     Resume), a SHA-256 fingerprint of the file, when, and the records it
                     added.
ledger.json          The ledger of what you shared with whom: when, the organisation,
                     the view, the names of the fields shared (not their values), the
                     bundle's hash, expiry and purpose; each entry with its hash and the
                     hash of the entry before it.

Dates are written YYYY, YYYY-MM or YYYY-MM-DD; times in RFC 3339 (UTC).
",
        written = summary.documents_written_planned(),
        left_out = summary.documents_left_out.len(),
    )
}

impl ExportSummary {
    /// Documents whose content goes into the zip, before they are written.
    fn documents_written_planned(&self) -> u32 {
        self.counts
            .get(Document::KIND)
            .copied()
            .unwrap_or(0)
            .saturating_sub(count(self.documents_left_out.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_paths_cannot_leave_the_documents_folder() {
        assert_eq!(document_path("ab12", "CV.pdf"), "documents/ab12-CV.pdf");
        assert_eq!(
            document_path("ab12", "../../etc/passwd"),
            "documents/ab12-_.._etc_passwd"
        );
        assert_eq!(document_path("ab12", ".hidden"), "documents/ab12-hidden");
        assert_eq!(document_path("ab12", ""), "documents/ab12-document");
    }
}
