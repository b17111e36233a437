//! PDFs of anonymous shares: written anew without the metadata that names their author,
//! old revisions included; signed files left alone; text read out for the identity scan.

use std::process::Command;

use candor_formats::{clean_pdf, is_pdf, pdf_text, PdfCleaning, PdfError, PdfMetadata};

#[path = "support/pdf.rs"]
mod pdf_files;

use pdf_files::{cv, signed, updated};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn cleaned(bytes: &[u8]) -> (Vec<u8>, Vec<PdfMetadata>) {
    match clean_pdf(bytes).expect("cleans") {
        PdfCleaning::Cleaned { bytes, removed } => (bytes, removed),
        other => panic!("expected a cleaned file, got {other:?}"),
    }
}

/// Whether a command-line tool is installed (poppler-utils, qpdf: `make test` installs them).
fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok()
}

#[test]
fn a_cleaned_pdf_keeps_its_page_and_names_no_one() {
    let original = cv();
    assert!(contains(&original, "Nordmann"));
    let (bytes, removed) = cleaned(&original);
    assert!(is_pdf(&bytes));
    assert!(
        !contains(&bytes, "Nordmann"),
        "no trace of the author's name"
    );
    assert!(!contains(&bytes, "Writer"));
    assert_eq!(
        removed,
        [
            PdfMetadata::Info {
                key: "Author".into(),
                value: "Kari Nordmann".into()
            },
            PdfMetadata::Info {
                key: "Title".into(),
                value: "CV - Kari Nordmann".into()
            },
            PdfMetadata::Info {
                key: "Creator".into(),
                value: "Writer".into()
            },
            PdfMetadata::Xmp,
            PdfMetadata::ApplicationData,
        ]
    );
    assert_eq!(
        pdf_text(&bytes).map(|t| t.trim().to_owned()).as_deref(),
        Some("Curriculum vitae")
    );
}

#[test]
fn an_author_changed_in_an_incremental_update_leaves_no_old_value_behind() {
    // Someone renamed the author in a PDF editor: the old information dictionary is still
    // in the file, before the update that replaced it.
    let base = cv();
    let edited = updated(&base, 8, 6, "<< /Author (K. N.) >>", "/Info 6 0 R");
    assert!(contains(&edited, "Kari Nordmann") && contains(&edited, "K. N."));
    let (bytes, removed) = cleaned(&edited);
    assert!(!contains(&bytes, "Nordmann"));
    assert!(!contains(&bytes, "K. N."));
    assert!(removed.contains(&PdfMetadata::Info {
        key: "Author".into(),
        value: "K. N.".into()
    }));
}

#[test]
fn cleaning_is_reproducible() {
    assert_eq!(cleaned(&cv()).0, cleaned(&cv()).0);
}

#[test]
fn a_signed_pdf_is_left_as_it_is_with_what_its_metadata_says() {
    let signed = signed();
    assert_eq!(
        clean_pdf(&signed),
        Ok(PdfCleaning::Signed {
            metadata: vec![PdfMetadata::Info {
                key: "Author".into(),
                value: "Universitetet i Oslo".into()
            }]
        })
    );
}

#[test]
fn what_is_not_a_readable_pdf_is_refused_by_name() {
    assert_eq!(
        clean_pdf(b"%PDF-1.7\nnot really"),
        Err(PdfError::Unreadable)
    );
    assert_eq!(clean_pdf(b"PK\x03\x04 a zip"), Err(PdfError::Unreadable));
    assert!(!is_pdf(b"PK\x03\x04 a zip"));
    assert_eq!(pdf_text(b"garbage"), None);
    let mut huge = cv();
    huge.resize(candor_formats::MAX_PDF_BYTES + 1, b' ');
    assert_eq!(clean_pdf(&huge), Err(PdfError::TooLarge));
}

#[test]
fn qpdf_and_pdfinfo_accept_the_cleaned_file_and_find_no_author() {
    if !(have("qpdf") && have("pdfinfo")) {
        panic!("qpdf and pdfinfo (qpdf, poppler-utils) are needed; `make test` installs them");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cleaned.pdf");
    std::fs::write(&path, cleaned(&cv()).0).expect("written");
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf runs");
    assert!(
        check.status.success(),
        "qpdf --check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.split_whitespace().last() == Some("1")),
        "{info}"
    );
    assert!(info.contains("Metadata Stream: no"), "{info}");
    assert!(!info.contains("Author"), "{info}");
    assert!(!info.contains("Title"), "{info}");
    let meta = Command::new("pdfinfo")
        .arg("-meta")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    assert!(meta.stdout.is_empty() || !contains(&meta.stdout, "Nordmann"));
}

#[test]
fn an_encrypted_pdf_is_refused_by_name() {
    if !have("qpdf") {
        panic!("qpdf is needed; `make test` installs it");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("plain.pdf");
    let locked = dir.path().join("locked.pdf");
    std::fs::write(&plain, cv()).expect("written");
    let status = Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf runs");
    assert!(status.success());
    let bytes = std::fs::read(&locked).expect("read");
    assert_eq!(clean_pdf(&bytes), Err(PdfError::Encrypted));
}
