//! PDF attachments of anonymous shares: the metadata that names the author taken out by
//! writing the whole file anew, a digital signature recognised (so such a file is never
//! rewritten), and the text read out for the identity scan.
//!
//! A PDF keeps who made it in two places: the document information dictionary (`/Info`:
//! Author, Title, Creator, …) and XMP packets (`/Metadata` streams, on the document and on
//! any object). Programs add private data too (`/PieceInfo`). Editing a PDF usually appends
//! an incremental update and leaves the earlier objects in the file, so blanking the fields
//! in place would keep the old values a few kilobytes earlier. [`clean_pdf`] therefore loads
//! the document, drops those entries, keeps only the objects still reachable from the
//! document's root, and writes a new file with one cross-reference table.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object};

/// The largest PDF Candor loads into memory to clean or read.
pub const MAX_PDF_BYTES: usize = 64 << 20;

/// The most bytes the text of one PDF may decompress to while it is read for the scan.
const MAX_PDF_TEXT_BYTES: usize = 64 << 20;

/// What [`clean_pdf`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfCleaning {
    /// Written anew without `removed`.
    Cleaned {
        bytes: Vec<u8>,
        removed: Vec<PdfMetadata>,
    },
    /// The file carries a digital signature, which any rewrite breaks: it is left as it
    /// is. `metadata` is what it says about itself, for the seeker to judge.
    Signed { metadata: Vec<PdfMetadata> },
}

/// One piece of metadata found in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfMetadata {
    /// An entry of the document information dictionary: `Author`, and its value.
    Info { key: String, value: String },
    /// An XMP metadata packet: it usually repeats the author, title and program, and may
    /// hold more (an editing history with user names).
    Xmp,
    /// Private data a program keeps inside the file.
    ApplicationData,
}

/// Why a PDF could not be cleaned or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("it is larger than {} MiB", MAX_PDF_BYTES >> 20)]
    TooLarge,
    #[error("it is encrypted")]
    Encrypted,
    #[error("it cannot be read as a PDF")]
    Unreadable,
}

/// Whether `bytes` look like a PDF: the `%PDF-` header within the first kilobyte, where
/// readers look for it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|window| window == b"%PDF-")
}

/// Rewrites `bytes` without its metadata, or says why it must stay as it is.
pub fn clean_pdf(bytes: &[u8]) -> Result<PdfCleaning, PdfError> {
    let mut document = load(bytes)?;
    let metadata = metadata_of(&document);
    if is_signed(&document) {
        return Ok(PdfCleaning::Signed { metadata });
    }
    guarded(move || {
        document.trailer.remove(b"Info");
        // The file identifier is derived from the original file (often its path and time).
        document.trailer.remove(b"ID");
        for object in document.objects.values_mut() {
            if let Some(dictionary) = dictionary_mut(object) {
                dictionary.remove(b"Metadata");
                dictionary.remove(b"PieceInfo");
            }
        }
        document.prune_objects();
        // Numbered 1, 2, 3… as written, so the numbering tells nothing of what was removed.
        document.renumber_objects();
        let size = document
            .objects
            .keys()
            .map(|(number, _)| *number)
            .max()
            .unwrap_or(0)
            + 1;
        document.trailer.set("Size", i64::from(size));
        let mut out = Vec::with_capacity(bytes.len());
        document
            .save_to(&mut out)
            .map_err(|_| PdfError::Unreadable)?;
        Ok(PdfCleaning::Cleaned {
            bytes: out,
            removed: metadata,
        })
    })
}

/// The text of every page, as far as it can be read (a scanned page has none); `None`
/// when the file cannot be read at all.
pub fn pdf_text(bytes: &[u8]) -> Option<String> {
    let document = load(bytes).ok()?;
    guarded(|| {
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        document
            .extract_text_with_limit(&pages, MAX_PDF_TEXT_BYTES)
            .map_err(|_| PdfError::Unreadable)
    })
    .ok()
}

fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge);
    }
    let document = guarded(|| Document::load_mem(bytes).map_err(|_| PdfError::Unreadable))?;
    if document.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    Ok(document)
}

/// Runs a PDF operation so that a file the PDF library cannot cope with is an error, not
/// the end of the program: the file is the seeker's own, but it came from anywhere.
fn guarded<T>(f: impl FnOnce() -> Result<T, PdfError>) -> Result<T, PdfError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(Err(PdfError::Unreadable))
}

fn dictionary_mut(object: &mut Object) -> Option<&mut lopdf::Dictionary> {
    match object {
        Object::Dictionary(dictionary) => Some(dictionary),
        Object::Stream(stream) => Some(&mut stream.dict),
        _ => None,
    }
}

fn dictionary(object: &Object) -> Option<&lopdf::Dictionary> {
    match object {
        Object::Dictionary(dictionary) => Some(dictionary),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

/// A signature dictionary (`/Type /Sig` or `/DocTimeStamp`, or any `/ByteRange`, which only
/// signatures have) anywhere in the file.
fn is_signed(document: &Document) -> bool {
    document
        .objects
        .values()
        .filter_map(dictionary)
        .any(|d| d.has(b"ByteRange") || d.has_type(b"Sig") || d.has_type(b"DocTimeStamp"))
}

/// The information dictionary's entries with their text, then one XMP and one
/// application-data note if there are any.
fn metadata_of(document: &Document) -> Vec<PdfMetadata> {
    let mut found = Vec::new();
    let info = document
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| match info {
            Object::Reference(id) => document.get_object(*id).ok(),
            direct => Some(direct),
        })
        .and_then(dictionary);
    if let Some(info) = info {
        for (key, value) in info.iter() {
            let value = match value {
                Object::Reference(id) => document.get_object(*id).ok(),
                direct => Some(direct),
            };
            let text = value.and_then(|v| lopdf::decode_text_string(v).ok());
            if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                found.push(PdfMetadata::Info {
                    key: String::from_utf8_lossy(key).into_owned(),
                    value: text,
                });
            }
        }
    }
    let dictionaries = || document.objects.values().filter_map(dictionary);
    if dictionaries().any(|d| d.has(b"Metadata") || d.has_type(b"Metadata")) {
        found.push(PdfMetadata::Xmp);
    }
    if dictionaries().any(|d| d.has(b"PieceInfo")) {
        found.push(PdfMetadata::ApplicationData);
    }
    found
}
