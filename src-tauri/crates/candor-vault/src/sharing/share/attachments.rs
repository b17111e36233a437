//! An attachment's way into a bundle: its name there, and, in an anonymous view, what
//! Candor takes out of it (a PDF's metadata) and what it must warn of (text that names the
//! seeker, a file it cannot clean).

use crate::roles::SeekerVault;
use candor_formats::{clean_pdf, pdf_text, PdfCleaning, PdfMetadata};
use candor_model::{
    Document, DocumentKind, Profile, View, ViewWarning, ViewWarningKind, WarningReason,
};
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// An attachment of an anonymous share written anew without its metadata.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentCleaning {
    /// Its name in the bundle (`attachments/cv-1.pdf`).
    pub name: String,
    /// The document's own file name, which stays in the seeker's vault.
    pub file_name: String,
    /// What was taken out of it.
    pub removed: Vec<RemovedMetadata>,
}

/// One piece of metadata taken out of an attachment.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum RemovedMetadata {
    /// An entry of a PDF's document information: `Author`, and its value.
    Info { entry: String, value: String },
    /// An XMP metadata packet (author, title, program, editing history).
    Xmp,
    /// Private data a program kept inside the file.
    ApplicationData,
}

impl From<PdfMetadata> for RemovedMetadata {
    fn from(found: PdfMetadata) -> Self {
        match found {
            PdfMetadata::Info { key, value } => RemovedMetadata::Info { entry: key, value },
            PdfMetadata::Xmp => RemovedMetadata::Xmp,
            PdfMetadata::ApplicationData => RemovedMetadata::ApplicationData,
        }
    }
}

impl std::fmt::Display for RemovedMetadata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RemovedMetadata::Info { entry, value } => write!(f, "{entry} \u{201c}{value}\u{201d}"),
            RemovedMetadata::Xmp => f.write_str("XMP metadata"),
            RemovedMetadata::ApplicationData => f.write_str("a program's private data"),
        }
    }
}

impl SeekerVault {
    /// Takes what names the seeker out of an anonymous view's attachment where Candor can:
    /// a PDF is written anew without its metadata (returned with what was removed). What
    /// cannot be cleaned, and text that names the seeker, become warnings in `view` that
    /// the seeker must accept before sending.
    pub(super) fn anonymise_attachment(
        &self,
        id: &str,
        document: &Document,
        name: &str,
        profile: &Profile,
        view: &mut View,
    ) -> Result<Option<(Vec<u8>, AttachmentCleaning)>> {
        let file = &document.file_name;
        let path = candor_model::document_path(id);
        let warn = |view: &mut View, reason, found: Vec<String>, message: String| {
            view.warnings.push(ViewWarning {
                path: path.clone(),
                kind: ViewWarningKind::AttachmentNotCleaned,
                message,
                reason,
                file: file.clone(),
                found,
            })
        };
        let claims_pdf =
            document.media_type == "application/pdf" || file.to_lowercase().ends_with(".pdf");
        if claims_pdf {
            if document.size > candor_formats::MAX_PDF_BYTES as u64 {
                warn(
                    view,
                    WarningReason::TooLarge,
                    Vec::new(),
                    format!(
                        "\u{201c}{file}\u{201d} is too large for Candor to remove its metadata (a PDF's author and title): it goes as it is"
                    ),
                );
                return Ok(None);
            }
            let bytes = self.document_bytes(id, document)?;
            match clean_pdf(&bytes) {
                Ok(PdfCleaning::Cleaned { bytes, removed }) => {
                    self.warn_of_names(view, &path, file, profile, pdf_text(&bytes));
                    if let Some(note) = view.quasi_identifiers.iter_mut().find(|q| q.path == path)
                    {
                        note.note = format!(
                            "\u{201c}{file}\u{201d} goes as \u{201c}{}\u{201d}, written anew without its metadata; what it says and how it looks may still identify you",
                            name.trim_start_matches("attachments/")
                        );
                    }
                    let cleaning = AttachmentCleaning {
                        name: name.to_owned(),
                        file_name: file.clone(),
                        removed: removed.into_iter().map(Into::into).collect(),
                    };
                    return Ok(Some((bytes, cleaning)));
                }
                Ok(PdfCleaning::Signed { metadata }) => {
                    // An issuer's original already carries its own warning.
                    if !(document.signed || document.holds_identity) {
                        let says: Vec<String> = metadata
                            .into_iter()
                            .map(|m| RemovedMetadata::from(m).to_string())
                            .collect();
                        let message = format!(
                            "\u{201c}{file}\u{201d} is digitally signed, and removing its metadata would break the signature: it goes as it is{}",
                            if says.is_empty() {
                                String::new()
                            } else {
                                format!("; its metadata says {}", says.join(", "))
                            }
                        );
                        warn(view, WarningReason::Signed, says, message);
                    }
                    self.warn_of_names(view, &path, file, profile, pdf_text(&bytes));
                }
                Err(why) => warn(
                    view,
                    WarningReason::Unreadable,
                    Vec::new(),
                    format!(
                        "\u{201c}{file}\u{201d} cannot be cleaned ({why}), so Candor could not remove its metadata (a PDF's author and title): it goes as it is"
                    ),
                ),
            }
        } else if document.media_type.starts_with("text/") && document.size <= MAX_TEXT_SCAN {
            let bytes = self.document_bytes(id, document)?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            self.warn_of_names(view, &path, file, profile, Some(text));
        }
        Ok(None)
    }

    /// A warning the seeker must accept when `text` (an attachment's) names them.
    fn warn_of_names(
        &self,
        view: &mut View,
        path: &str,
        file: &str,
        profile: &Profile,
        text: Option<String>,
    ) {
        let Some(text) = text else { return };
        let mut found: Vec<String> = Vec::new();
        for (_, hit) in candor_model::identifying_in_text(profile, &text) {
            if !found.contains(&hit) {
                found.push(hit);
            }
        }
        if found.is_empty() {
            return;
        }
        let shown: Vec<String> = found
            .iter()
            .take(5)
            .map(|hit| format!("\u{201c}{hit}\u{201d}"))
            .collect();
        let more = if found.len() > 5 { ", and more" } else { "" };
        view.warnings.push(ViewWarning {
            path: path.to_owned(),
            kind: ViewWarningKind::AttachmentNamesYou,
            message: format!(
                "\u{201c}{file}\u{201d} names you in its text ({}{more}): Candor cannot change what a document says, so the recipient will read it",
                shown.join(", ")
            ),
            reason: WarningReason::NamesYou,
            file: file.to_owned(),
            found: found.into_iter().take(5).collect(),
        });
    }

    /// A document's bytes, whole in memory (only documents known to be small enough).
    pub(super) fn document_bytes(&self, id: &str, document: &Document) -> Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(usize::try_from(document.size).unwrap_or(0));
        self.read_document_content(id, &mut bytes)?;
        Ok(bytes)
    }
}

/// The most bytes of a text attachment read for the identity scan.
const MAX_TEXT_SCAN: u64 = 4 << 20;

/// `attachments/cv-1.pdf`: an anonymous view's attachment named by its kind and number, so
/// its own file name (often the seeker's) stays home. The extension is the file's own when
/// it is a plain one, else the one its media type has.
pub(super) fn anonymous_attachment_path(document: &Document, number: usize) -> String {
    let own = document
        .file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| {
            (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
    let by_type = match document.media_type.as_str() {
        "application/pdf" => Some("pdf"),
        "image/jpeg" => Some("jpg"),
        "image/png" => Some("png"),
        "text/plain" => Some("txt"),
        _ => None,
    };
    numbered_path(document.kind, number, own.as_deref().or(by_type))
}

/// `attachments/cover-letter-2.pdf`: the name of the `number`th attachment of `kind`.
pub(super) fn numbered_path(kind: DocumentKind, number: usize, ext: Option<&str>) -> String {
    let kind = match kind {
        DocumentKind::Other => "document",
        other => other.as_str(),
    };
    match ext {
        Some(ext) => format!("attachments/{kind}-{number}.{ext}"),
        None => format!("attachments/{kind}-{number}"),
    }
}

/// `attachments/01-cv.pdf`: numbered, so two documents with one name stay apart, and
/// reduced to characters every file system takes.
pub(super) fn attachment_path(index: usize, file_name: &str) -> String {
    let clean: String = file_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.');
    let clean = if clean.is_empty() { "document" } else { clean };
    let clean: String = clean.chars().take(100).collect();
    format!("attachments/{:02}-{clean}", index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_are_numbered_and_safe() {
        assert_eq!(attachment_path(0, "cv.pdf"), "attachments/01-cv.pdf");
        assert_eq!(
            attachment_path(1, "../../etc/passwd"),
            "attachments/02-_.._etc_passwd"
        );
        assert_eq!(attachment_path(2, "..."), "attachments/03-document");
        assert_eq!(
            attachment_path(3, "Vitnemål 2024.pdf"),
            "attachments/04-Vitnemål_2024.pdf"
        );
    }
}
