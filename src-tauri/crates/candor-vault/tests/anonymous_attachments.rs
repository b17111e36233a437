//! An anonymous share's attachments carry no names in their files: named by kind and
//! number, PDFs written anew without their metadata; what cannot be cleaned, and text that
//! names the seeker, must be accepted before anything is sent.

mod common;

#[path = "../../candor-formats/tests/support/pdf.rs"]
mod pdf_files;

use candor_model::{DocumentKind, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::{Existing, NewDocument, RemovedMetadata, SeekerVault, VaultError};
use common::contains;
use common::sharing::*;
use secrecy::ExposeSecret;

/// The usual world without its CV: each test attaches what it shares.
fn without_documents() -> World {
    WorldBuilder::new().no_documents().build()
}

fn add(vault: &mut SeekerVault, kind: DocumentKind, file_name: &str, bytes: &[u8]) -> String {
    vault
        .add_document(
            NewDocument {
                kind,
                file_name: file_name.into(),
                media_type: "application/pdf".into(),
                note: None,
            },
            bytes,
        )
        .expect("a document")
        .id
}

fn including(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| format!("documents[{id}]")).collect()
}

/// Shares an anonymous view with `ids` attached and returns every entry of the bundle, as
/// the employer decrypts it.
fn shared(w: &mut World, ids: &[&str], accept_warnings: bool) -> Vec<(String, Vec<u8>)> {
    let out = w.dir.path().join("anonymous.candor");
    let _ = std::fs::remove_file(&out);
    let mut request = request(ViewKind::Anonymous, including(ids));
    request.accept_warnings = accept_warnings;
    w.seeker
        .share(&request, &out, Existing::Refuse)
        .expect("shares");
    let identity = AgeIdentity::parse(
        w.employer
            .export_age_identity()
            .expect("exports")
            .expose_secret(),
    )
    .expect("an identity");
    decrypted_entries(&out, &identity)
}

/// What the seeker sees before sharing a `kind` view with `ids` attached.
fn preview(w: &World, kind: ViewKind, ids: &[&str]) -> candor_vault::SharePreview {
    w.seeker
        .preview_share("Fjordkraft Data AS", &request(kind, including(ids)).choice)
        .expect("preview")
}

/// The warnings of a preview, as the seeker reads them.
fn warnings(preview: &candor_vault::SharePreview) -> Vec<&str> {
    preview
        .view
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect()
}

/// The bytes of the bundle entry `name`.
fn sent<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    entries
        .iter()
        .find(|(path, _)| path == name)
        .map(|(_, bytes)| bytes.as_slice())
        .unwrap_or_else(|| panic!("no {name} in the bundle"))
}

#[test]
fn an_anonymous_pdf_goes_by_kind_and_number_without_its_metadata() {
    let mut w = without_documents();
    let cv = add(
        &mut w.seeker,
        DocumentKind::Cv,
        "Kari_Nordmann_CV.pdf",
        &pdf_files::cv(),
    );
    let preview = preview(&w, ViewKind::Anonymous, &[&cv]);
    assert_eq!(preview.attachments, ["attachments/cv-1.pdf"]);
    assert_eq!(preview.cleaned.len(), 1);
    assert_eq!(preview.cleaned[0].file_name, "Kari_Nordmann_CV.pdf");
    assert_eq!(
        preview.cleaned[0].removed,
        [
            RemovedMetadata::Info {
                entry: "Author".into(),
                value: "Kari Nordmann".into()
            },
            RemovedMetadata::Info {
                entry: "Title".into(),
                value: "CV - Kari Nordmann".into()
            },
            RemovedMetadata::Info {
                entry: "Creator".into(),
                value: "Writer".into()
            },
            RemovedMetadata::Xmp,
            RemovedMetadata::ApplicationData,
        ]
    );
    assert!(
        preview.view.warnings.is_empty(),
        "{:?}",
        preview.view.warnings
    );

    let entries = shared(&mut w, &[&cv], false);
    let names: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.contains(&"attachments/cv-1.pdf"), "{names:?}");
    // Not in a name, not in the manifest, not in any byte of any entry.
    for (path, bytes) in &entries {
        for needle in ["Kari", "Nordmann"] {
            assert!(
                !contains(bytes, needle.as_bytes()) && !path.contains(needle),
                "{path} carries {needle:?}"
            );
        }
    }
    let sent = sent(&entries, "attachments/cv-1.pdf");
    assert_eq!(
        candor_vault::formats::pdf_text(sent)
            .map(|t| t.trim().to_owned())
            .as_deref(),
        Some("Curriculum vitae"),
        "the page is still there"
    );
}

#[test]
fn attachments_are_numbered_per_kind_and_a_full_view_keeps_their_names() {
    let mut w = without_documents();
    let first = add(
        &mut w.seeker,
        DocumentKind::Cv,
        "cv (long).PDF",
        &pdf_files::cv(),
    );
    let second = add(
        &mut w.seeker,
        DocumentKind::Cv,
        "cv-short.pdf",
        &pdf_files::cv(),
    );
    let letter = add(
        &mut w.seeker,
        DocumentKind::CoverLetter,
        "Søknad Kari.pdf",
        &pdf_files::cv(),
    );
    let all = [first.as_str(), second.as_str(), letter.as_str()];
    let anonymous = preview(&w, ViewKind::Anonymous, &all);
    assert_eq!(
        anonymous.attachments,
        [
            "attachments/cv-1.pdf",
            "attachments/cv-2.pdf",
            "attachments/cover-letter-1.pdf"
        ]
    );
    let full = preview(&w, ViewKind::Full, &all);
    assert_eq!(
        full.attachments,
        [
            "attachments/01-cv__long_.PDF",
            "attachments/02-cv-short.pdf",
            "attachments/03-Søknad_Kari.pdf"
        ]
    );
    assert!(
        full.cleaned.is_empty(),
        "a full view sends files as they are"
    );
}

#[test]
fn a_pdf_whose_text_names_the_seeker_must_be_accepted_before_it_is_sent() {
    let mut w = without_documents();
    let cv = add(
        &mut w.seeker,
        DocumentKind::Cv,
        "cv.pdf",
        &pdf_files::cv_saying("Kari Nordmann, kari.nordmann@example.org"),
    );
    let out = w.dir.path().join("refused.candor");
    let err = w
        .seeker
        .share(
            &request(ViewKind::Anonymous, including(&[&cv])),
            &out,
            Existing::Refuse,
        )
        .expect_err("refused until accepted");
    let VaultError::UnacceptedWarnings { warnings } = &err else {
        panic!("expected unaccepted warnings, got {err:?}");
    };
    assert_eq!(
        warnings,
        &["\u{201c}cv.pdf\u{201d} names you in its text (\u{201c}Kari\u{201d}, \u{201c}Nordmann\u{201d}, \u{201c}kari.nordmann@example.org\u{201d}): Candor cannot change what a document says, so the recipient will read it"]
    );
    assert!(!out.exists(), "nothing was written");
    let entries = shared(&mut w, &[&cv], true);
    let sent = sent(&entries, "attachments/cv-1.pdf");
    // Its metadata is gone all the same; its text is what the seeker accepted.
    assert!(!contains(sent, b"Writer"));
}

#[test]
fn a_signed_pdf_goes_unchanged_and_only_once_the_seeker_accepts_it() {
    let mut w = without_documents();
    let diploma = add(
        &mut w.seeker,
        DocumentKind::Diploma,
        "vitnemal.pdf",
        &pdf_files::signed(),
    );
    let preview = preview(&w, ViewKind::Anonymous, &[&diploma]);
    assert!(preview.cleaned.is_empty());
    assert_eq!(
        warnings(&preview),
        ["\u{201c}vitnemal.pdf\u{201d} is digitally signed, and removing its metadata would break the signature: it goes as it is; its metadata says Author \u{201c}Universitetet i Oslo\u{201d}"]
    );
    let entries = shared(&mut w, &[&diploma], true);
    let sent = sent(&entries, "attachments/diploma-1.pdf");
    assert_eq!(
        sent,
        &pdf_files::signed(),
        "byte for byte: the signature holds"
    );
}

#[test]
fn a_pdf_that_cannot_be_read_is_named_in_a_warning_and_goes_only_when_accepted() {
    let mut w = without_documents();
    let broken = add(
        &mut w.seeker,
        DocumentKind::Cv,
        "cv.pdf",
        b"%PDF-1.7 this is not really a PDF",
    );
    let preview = preview(&w, ViewKind::Anonymous, &[&broken]);
    assert_eq!(
        warnings(&preview),
        ["\u{201c}cv.pdf\u{201d} cannot be cleaned (it cannot be read as a PDF), so Candor could not remove its metadata (a PDF's author and title): it goes as it is"]
    );
    let entries = shared(&mut w, &[&broken], true);
    assert!(entries.iter().any(|(p, b)| p == "attachments/cv-1.pdf"
        && b.as_slice() == b"%PDF-1.7 this is not really a PDF"));
}

#[test]
fn a_document_can_be_named_by_the_start_of_its_id_as_everywhere_else() {
    let mut w = without_documents();
    let cv = add(&mut w.seeker, DocumentKind::Cv, "cv.pdf", &pdf_files::cv());
    let short = format!("documents[{}]", &cv[..6]);
    let choice = |include: &str| request(ViewKind::Full, vec![include.to_owned()]).choice;
    let preview = w
        .seeker
        .preview_share("Fjordkraft Data AS", &choice(&short))
        .expect("a prefix names the document");
    assert_eq!(preview.view.documents, std::slice::from_ref(&cv));
    assert!(preview.view.fields.contains(&format!("documents[{cv}]")));
    let unknown = w
        .seeker
        .preview_share("Fjordkraft Data AS", &choice("documents[zzzz]"))
        .expect_err("names nothing");
    assert!(
        unknown.to_string().contains("zzzz"),
        "the unknown prefix is named: {unknown}"
    );
}
