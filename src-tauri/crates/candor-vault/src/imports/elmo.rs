//! Planning an ELMO / EMREX transcript import: its educations, the original XML and the
//! PDFs inside it as issuer-signed documents, and the learner only when the seeker asks.

use crate::roles::SeekerVault;
use candor_formats::{ElmoImport, EmbeddedAttachment};
use candor_model::{DocumentKind, Profile};

use super::person::{identity_differences, learner_differs, learner_person};
use super::plan::{Plan, PlannedDocument};
use super::ImportFormat;
use crate::documents::{NewDocument, Provenance};
use crate::error::Result;

/// The note on every document an EMREX import keeps.
const ORIGINAL_NOTE: &str = "Original from the issuer, imported from EMREX; it holds your name, \
                             birth date and national identity number as the issuer wrote them";

impl SeekerVault {
    pub(crate) fn plan_elmo<'a>(
        &self,
        import: &'a ElmoImport,
        keep_identity: bool,
        dry_run: bool,
    ) -> Result<Plan<'a>> {
        let mut plan = Plan::new(ImportFormat::Emrex, dry_run);
        plan.report.signed = Some(import.signed);
        plan.report.warnings.extend(import.warnings.iter().cloned());
        let (earlier, stale) = self.earlier_import(ImportFormat::Emrex, &import.fingerprint)?;
        if earlier.is_some() {
            plan.report.already_imported = true;
        } else {
            plan.stale_sources = stale;
            plan.fingerprint = Some(import.fingerprint.clone());
            let incoming = Profile {
                education: import.educations.clone(),
                ..Profile::default()
            };
            plan.add_sections(self, &incoming, None)?;
            plan.documents = documents(import);
            plan.report.documents = plan
                .documents
                .iter()
                .map(|d| d.new.file_name.clone())
                .collect();
        }
        if !import.learner.is_empty() {
            // The profile's person, read (and decrypted) once for both checks.
            let existing = self.person()?;
            if let Some(existing) = &existing {
                plan.report.learner_differs = learner_differs(existing, &import.learner);
            }
            if keep_identity {
                let learner = learner_person(&import.learner, &mut plan.report.warnings);
                if let Some(existing) = &existing {
                    let differences = identity_differences(existing, &learner);
                    plan.report.warnings.extend(differences);
                }
                plan.fill_person(self, &learner)?;
            }
        }
        plan.validate()?;
        Ok(plan)
    }
}

/// The transcript's XML and each embedded attachment, as documents that hold the learner's
/// identity.
fn documents(import: &ElmoImport) -> Vec<PlannedDocument<'_>> {
    let issuer = import
        .educations
        .first()
        .map(|e| e.institution.as_str())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or("EMREX");
    let mut names: Vec<String> = Vec::new();
    let mut documents = vec![PlannedDocument {
        new: NewDocument {
            kind: DocumentKind::Transcript,
            file_name: unique(&mut names, &format!("{issuer} transcript"), "xml"),
            media_type: "application/xml".into(),
            note: Some(ORIGINAL_NOTE.into()),
        },
        provenance: Provenance {
            signed: import.signed,
            holds_identity: true,
        },
        content: &import.xml,
    }];
    for attachment in &import.attachments {
        let extension = extension(&attachment.media_type);
        let title = attachment.title.trim();
        let stem = title
            .strip_suffix(&format!(".{extension}"))
            .unwrap_or(title);
        documents.push(PlannedDocument {
            new: NewDocument {
                kind: attachment_kind(attachment),
                file_name: unique(&mut names, stem, extension),
                media_type: attachment.media_type.clone(),
                note: Some(ORIGINAL_NOTE.into()),
            },
            // The XML signature covers the attachment inside the XML, not this copy of it;
            // whether the PDF carries a signature of its own, Candor does not look.
            provenance: Provenance {
                signed: false,
                holds_identity: true,
            },
            content: &attachment.content,
        });
    }
    documents
}

/// A diploma when the attachment says so, a transcript otherwise.
fn attachment_kind(attachment: &EmbeddedAttachment) -> DocumentKind {
    let says = |word: &str| {
        attachment.title.to_lowercase().contains(word)
            || attachment
                .kind
                .as_ref()
                .is_some_and(|k| k.to_lowercase().contains(word))
    };
    if says("diploma") || says("vitnemål") {
        DocumentKind::Diploma
    } else {
        DocumentKind::Transcript
    }
}

fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "application/xml" | "text/xml" => "xml",
        "text/html" => "html",
        "text/plain" => "txt",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "bin",
    }
}

/// `stem.extension`, made safe as a file name and distinct from `taken` ("… (2).pdf").
fn unique(taken: &mut Vec<String>, stem: &str, extension: &str) -> String {
    let stem: String = stem
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim();
    let stem = if stem.is_empty() { "attachment" } else { stem };
    let mut name = format!("{stem}.{extension}");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem} ({n}).{extension}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_and_distinct() {
        let mut taken = Vec::new();
        assert_eq!(
            unique(&mut taken, "EMREX transcript", "pdf"),
            "EMREX transcript.pdf"
        );
        assert_eq!(
            unique(&mut taken, "EMREX transcript", "pdf"),
            "EMREX transcript (2).pdf"
        );
        assert_eq!(unique(&mut taken, "NTNU/IDI", "xml"), "NTNU-IDI.xml");
        assert_eq!(unique(&mut taken, "  ", "pdf"), "attachment.pdf");
    }
}
