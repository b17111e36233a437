//! A CV and a cover letter made for a share from its view: named like the seeker's own
//! attachments, hashed in the signed manifest, recorded in the ledger, and in an anonymous
//! share, free of what names the seeker.

use super::*;
use candor_model::{Application, CoverLetter};
use candor_vault::{MadeForShare, MADE_COVER_LETTER, MADE_CV};
use sha2::Digest;

/// An application to the world's employer, with a letter that names the seeker twice.
fn application_with_letter(w: &mut World) -> String {
    let mut application = Application::new(
        "Fjordkraft Data AS",
        "Backend developer",
        at("2026-11-02T09:00:00Z"),
    );
    application.contact = Some("Ola Berg".into());
    application.cover_letter = Some(CoverLetter::parse(
        "I am Kari Nordmann and I would like to join **Fjordkraft Data**.\n\n\
         - Reach me at kari.nordmann@example.org",
    ));
    w.seeker.insert(&application).expect("stored")
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("made.pdf");
    std::fs::write(&path, bytes).expect("written");
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads it");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn an_anonymous_share_carries_a_cv_and_a_letter_made_from_its_view_and_names_nobody() {
    let mut w = world();
    let application = application_with_letter(&mut w);
    let mut request = request(ViewKind::Anonymous, vec![]);
    request.made = MadeForShare {
        cv: true,
        letter: Some(application[..8].to_owned()),
        ..MadeForShare::nothing()
    };
    let preview = w
        .seeker
        .preview_share_with(&request.recipient, &request.choice, &request.made)
        .expect("a preview");
    assert_eq!(
        preview.attachments,
        ["attachments/cv-1.pdf", "attachments/cover-letter-1.pdf"]
    );
    let letter_findings: Vec<&str> = preview
        .view
        .findings
        .iter()
        .filter(|f| f.path == "coverLetter")
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        letter_findings,
        ["Kari", "Nordmann", "kari.nordmann@example.org"]
    );

    let path = w.dir.path().join("anonymous.candor");
    let outcome = w
        .seeker
        .share(&request, &path, Existing::Refuse)
        .expect("shares");
    assert!(outcome.entry.fields.iter().any(|f| f == MADE_CV));
    assert!(outcome.entry.fields.iter().any(|f| f == MADE_COVER_LETTER));

    let imported = import(&mut w.employer, &path).expect("the employer imports it");
    assert_eq!(
        imported.entries,
        [
            "profile.json",
            "profile.html",
            "attachments/cv-1.pdf",
            "attachments/cover-letter-1.pdf",
            "README.txt"
        ]
    );
    let identity = AgeIdentity::parse(
        w.employer
            .export_age_identity()
            .expect("exports")
            .expose_secret(),
    )
    .expect("an identity");
    let entries = decrypted_entries(&path, &identity);
    let manifest: serde_json::Value = serde_json::from_slice(&entries[0].1).expect("the manifest");
    for name in ["attachments/cv-1.pdf", "attachments/cover-letter-1.pdf"] {
        let mut held = Vec::new();
        w.employer
            .read_received(&imported.bundle_id, name, &mut held)
            .expect("the employer reads it");
        assert!(held.starts_with(b"%PDF-"), "{name} is a PDF");
        let listed = manifest["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .find(|e| e["path"] == name)
            .expect("listed in the manifest");
        assert_eq!(
            listed["sha256"].as_str(),
            Some(
                data_encoding::HEXLOWER
                    .encode(&sha2::Sha256::digest(&held))
                    .as_str()
            ),
            "the employer's {name} is the one the signed manifest hashes"
        );
        let text = pdf_text(&held);
        assert!(
            text.contains(&imported.candidate_name),
            "{name} is signed with the pseudonym"
        );
        for identifying in [
            "Kari",
            "Nordmann",
            "example.org",
            "Statnett",
            "Universitetet i Oslo",
        ] {
            assert!(
                !text.contains(identifying),
                "{identifying:?} in {name}:\n{text}"
            );
        }
    }
    let held = w
        .seeker
        .holdings(&outcome.entry.recipient_id, Timestamp::now())
        .expect("what they hold");
    let described: Vec<String> = held.items.iter().map(|i| i.describe_en()).collect();
    assert!(
        described.ends_with(&[
            "Made for this share — CV (PDF)".to_owned(),
            "Made for this share — Cover letter (PDF)".to_owned()
        ]),
        "{described:?}"
    );
}

#[test]
fn a_full_share_names_the_made_pdfs_after_its_documents_and_a_missing_letter_is_refused() {
    let mut w = world();
    let mut request = request(ViewKind::Full, vec![]);
    request.made = MadeForShare {
        cv: true,
        ..MadeForShare::nothing()
    };
    let preview = w
        .seeker
        .preview_share_with(&request.recipient, &request.choice, &request.made)
        .expect("a preview");
    assert_eq!(preview.attachments, ["attachments/01-cv.pdf"]);

    let bare = w
        .seeker
        .insert(&Application::new(
            "Fjordkraft Data AS",
            "Tester",
            at("2026-11-02T09:00:00Z"),
        ))
        .expect("stored");
    request.made.letter = Some(bare);
    let path = w.dir.path().join("refused.candor");
    let refused = w
        .seeker
        .share(&request, &path, Existing::Refuse)
        .expect_err("no letter to send");
    assert_eq!(
        refused.to_string(),
        "the application to Fjordkraft Data AS has no cover letter yet; write one first, or \
         share without it"
    );
    assert!(!path.exists(), "nothing was written");
    assert!(
        w.seeker.ledger().expect("the ledger").is_empty(),
        "nothing was recorded"
    );
}
