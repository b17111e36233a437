//! ELMO / EMREX transcripts into the vault: whole trees, grades with their schemes, the
//! originals as encrypted documents, the learner's identity only when asked, nothing twice.

mod common;

use std::io::{Cursor, Write};

use candor_formats::{import_elmo, ElmoImport, ImportError};
use candor_model::{gpa, Document, DocumentKind, Education, LearningOpportunity, NationalId};
use candor_vault::{ImportFormat, SeekerVault, VaultError};
use common::{contains, sample_file, unzip, Fixture};

const NORWEGIAN: &[&str] = &["nb", "no", "en"];

/// Each sample transcript and how many learning opportunities its whole tree holds.
const TRANSCRIPTS: &[(&str, usize)] = &[
    ("nor-emrex-1.0.xml", 6),
    ("Example-elmo-Norway.xml", 24),
    ("Example-elmo-Finland.xml", 18),
    ("swedish_1_elmo1.0.xml", 74),
    ("Example-elmo-complicated.xml", 8),
    ("elmo-schemas-example.xml", 6),
];

fn xml(name: &str) -> Vec<u8> {
    sample_file(&format!("emrex/{name}"))
}

fn transcript(name: &str) -> ElmoImport {
    import_elmo(&xml(name), NORWEGIAN).unwrap_or_else(|e| panic!("{name} parses: {e}"))
}

fn transport_form(xml: &[u8]) -> Vec<u8> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(xml).expect("gzip in memory");
    data_encoding::BASE64
        .encode(&gzip.finish().expect("gzip in memory"))
        .into_bytes()
}

fn nodes(courses: &[LearningOpportunity]) -> usize {
    courses.iter().map(|c| 1 + nodes(&c.children)).sum()
}

fn stored_educations(vault: &SeekerVault) -> Vec<Education> {
    vault.profile().expect("profile").education
}

fn documents(vault: &SeekerVault) -> Vec<Document> {
    let entries = vault.list::<Document>().expect("documents");
    entries.into_iter().map(|e| e.value).collect()
}

/// Every national identifier the sample transcripts hold, as they write them.
fn national_identifiers() -> Vec<String> {
    TRANSCRIPTS
        .iter()
        .map(|(name, _)| {
            let import = transcript(name);
            let id = import.learner.national_id.expect("each sample has one");
            id.value().to_owned()
        })
        .collect()
}

#[test]
fn every_sample_transcript_is_stored_with_its_whole_tree_and_grades() {
    for &(name, expected) in TRANSCRIPTS {
        let (_fixture, mut vault, _) = Fixture::new();
        let import = transcript(name);
        let report = vault.import_elmo(&import, false).expect("imports");
        assert_eq!(report.format, ImportFormat::Emrex);
        assert_eq!(
            report.learning_opportunities as usize, expected,
            "{name}: the report counts the whole tree"
        );
        let stored = stored_educations(&vault);
        let held: usize = stored.iter().map(|e| nodes(&e.courses)).sum();
        assert_eq!(
            held, expected,
            "{name} holds {expected} learning opportunities"
        );
        // Equal to what the parser read: every grade with its scheme, credits, codes and
        // distributions.
        assert_eq!(stored, import.educations, "{name}: stored as read");
        let section = report.section("education").expect("an education section");
        assert_eq!(
            (section.added as usize, section.skipped),
            (import.educations.len(), 0)
        );
        assert!(report.warnings.len() >= import.warnings.len());
        assert_eq!(report.signed, Some(import.signed), "{name}");
    }
}

#[test]
fn the_oslo_transcripts_gpa_from_the_vault_is_4_17_b() {
    let (fixture, mut vault, _) = Fixture::new();
    vault
        .import_elmo(&transcript("nor-emrex-1.0.xml"), false)
        .expect("imports");
    vault.lock();
    let vault = fixture.open().expect("reopens");
    let education = &stored_educations(&vault)[0];
    let gpa = gpa(&education.courses).expect("graded courses");
    assert_eq!(gpa.to_string(), "4.17 (B)");
    assert_eq!(gpa.courses, 6, "six 10-credit courses, five B and one A");
}

#[test]
fn the_original_xml_and_its_pdf_are_kept_as_identity_bearing_documents() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = transcript("nor-emrex-1.0.xml");
    let report = vault.import_elmo(&import, false).expect("imports");
    assert_eq!(
        report.documents,
        [
            "Universitetet i Oslo transcript.xml",
            "EMREX transcript.pdf"
        ]
    );
    let entries = vault.list::<Document>().expect("documents");
    assert_eq!(entries.len(), 2);
    let (xml, pdf) = (&entries[0], &entries[1]);
    assert_eq!(
        (xml.value.kind, xml.value.media_type.as_str()),
        (DocumentKind::Transcript, "application/xml")
    );
    assert!(
        xml.value.signed,
        "the XML carries a signature (not verified)"
    );
    assert!(xml.value.holds_identity && pdf.value.holds_identity);
    assert_eq!(pdf.value.media_type, "application/pdf");
    assert!(!pdf.value.signed, "Candor did not look for a PDF signature");

    let mut original = Vec::new();
    vault.read_document(&xml.id, &mut original).expect("reads");
    assert!(original == import.xml, "the XML byte for byte");
    let mut embedded = Vec::new();
    vault.read_document(&pdf.id, &mut embedded).expect("reads");
    assert!(
        embedded == import.attachments[0].content,
        "the PDF byte for byte"
    );

    let unsigned = transcript("Example-elmo-Norway.xml");
    let report = vault.import_elmo(&unsigned, false).expect("imports");
    assert_eq!(report.signed, Some(false));
    assert_eq!(report.documents.len(), 1, "no attachment: the XML alone");
    let draft = documents(&vault).pop().expect("its XML");
    assert!(!draft.signed && draft.holds_identity);
}

#[test]
fn no_national_identifier_is_stored_unless_asked() {
    let (fixture, mut vault, _) = Fixture::new();
    for &(name, _) in TRANSCRIPTS {
        vault
            .import_elmo(&transcript(name), false)
            .expect("imports");
    }
    assert_eq!(vault.person().expect("person"), None, "no person made");
    let ids = national_identifiers();
    let assert_absent = |when: &str| {
        let files = fixture.files();
        assert!(!files.is_empty());
        for (file, bytes) in files {
            for id in &ids {
                assert!(!contains(&bytes, id.as_bytes()), "{id} in {file} {when}");
            }
        }
    };
    assert_absent("while open");

    // Decrypted, no record holds one either: everything but the issuer originals, as the
    // portability export writes it without the national id.
    let mut zip = Cursor::new(Vec::new());
    let summary = vault.export_all(&mut zip, false).expect("exports");
    assert_eq!(
        summary.documents_left_out.len(),
        documents(&vault).len(),
        "every original holds the identity"
    );
    assert!(
        summary.documents_left_out.len() > TRANSCRIPTS.len(),
        "XML files and PDFs"
    );
    for (file, bytes) in unzip(zip.get_ref()) {
        for id in &ids {
            assert!(
                !contains(&bytes, id.as_bytes()),
                "{id} in {file} of the export"
            );
        }
    }
    vault.lock();
    assert_absent("after it is locked");
}

#[test]
fn keep_identity_fills_the_persons_empty_fields_with_what_is_valid() {
    let (_fixture, mut vault, _) = Fixture::new();
    let report = vault
        .import_elmo(&transcript("nor-emrex-1.0.xml"), true)
        .expect("imports");
    assert_eq!(
        report.person_fields,
        ["name", "givenName", "familyName", "birthDate"]
    );
    // The Oslo sample's number has 10 digits: not a Norwegian number, so not stored.
    assert!(report.warnings.iter().any(|w| {
        w.code == "national_id_invalid"
            && w.params.get("country").map(String::as_str) == Some("NO")
            && w.text
                == "the transcript's national identity number is not a valid NO number, so it was \
                not stored; add yours to your profile yourself if you want it there"
    }));
    assert!(report
        .warnings
        .iter()
        .all(|w| !w.text.contains("7566490042")
            && w.params.values().all(|v| !v.contains("7566490042"))));
    let person = vault.person().expect("person").expect("a person");
    assert_eq!(person.name, "Anette Walaker Hansen");
    assert_eq!(
        person.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1964-06-07")
    );
    assert_eq!(person.national_id, None);

    // The same transcript with a valid fødselsnummer: stored.
    let (_fixture, mut vault, _) = Fixture::new();
    let valid = String::from_utf8(xml("nor-emrex-1.0.xml"))
        .expect("UTF-8")
        .replace("7566490042", "15059500136");
    let import = import_elmo(valid.as_bytes(), NORWEGIAN).expect("parses");
    let report = vault.import_elmo(&import, true).expect("imports");
    assert!(report.person_fields.contains(&"nationalId".to_owned()));
    let person = vault.person().expect("person").expect("a person");
    assert_eq!(
        person.national_id,
        Some(NationalId::new("NO", "15059500136").expect("valid"))
    );

    // Another country's number is kept as given; one without a country is not stored.
    let (_fixture, mut vault, _) = Fixture::new();
    vault
        .import_elmo(&transcript("elmo-schemas-example.xml"), true)
        .expect("imports");
    let person = vault.person().expect("person").expect("a person");
    assert_eq!(
        person.national_id,
        Some(NationalId::new("PL", "83041200000").expect("kept as given"))
    );
    let (_fixture, mut vault, _) = Fixture::new();
    let report = vault
        .import_elmo(&transcript("swedish_1_elmo1.0.xml"), true)
        .expect("imports");
    assert!(report
        .warnings
        .iter()
        .any(|w| w.code == "national_id_without_country"
            && w.text
                == "the transcript does not say which country its national identity number \
                belongs to, so the number was not stored; add it to your profile yourself if \
                you want it there"));
}

#[test]
fn keep_identity_never_overwrites_what_the_seeker_typed() {
    let (_fixture, mut vault, _) = Fixture::new();
    // The transcript's learner, as she typed herself in with only her birth date.
    let typed = candor_testkit::person_named("Anette Hansen")
        .birth_date("1964-06-08")
        .build();
    vault.set_person(&typed).expect("set");
    let report = vault
        .import_elmo(&transcript("nor-emrex-1.0.xml"), true)
        .expect("imports");
    assert_eq!(report.person_fields, ["givenName", "familyName"]);
    assert!(report
        .warnings
        .iter()
        .any(|w| w.code == "birth_date_differs"
            && w.text
                == "the transcript's birth date differs from the one in your profile; yours was \
                kept, so check that the transcript is yours"));
    let person = vault.person().expect("person").expect("a person");
    assert_eq!(
        (person.name.as_str(), person.birth_date),
        ("Anette Hansen", typed.birth_date)
    );
}

#[test]
fn the_preview_says_when_the_transcripts_learner_is_not_the_profiles_person() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = transcript("nor-emrex-1.0.xml");
    // No profile yet: nothing to compare with.
    let preview = vault.preview_elmo(&import, false).expect("previews");
    assert!(preview.learner_differs.is_empty());
    for (name, birth, differs) in [
        ("Kari Nordmann", None, vec!["name"]),
        ("Anette Hansen", Some("1964-06-08"), vec!["birthDate"]),
        ("anette walaker hansen", None, vec![]),
    ] {
        let mut person = candor_testkit::person_named(name);
        if let Some(birth) = birth {
            person = person.birth_date(birth);
        }
        vault.set_person(&person.build()).expect("set");
        let preview = vault.preview_elmo(&import, false).expect("previews");
        assert_eq!(preview.learner_differs, differs, "{name}");
        assert!(
            !format!("{preview:?}").contains("Walaker"),
            "the report names fields, never the learner"
        );
    }
    assert!(
        vault.import_sources().expect("sources").is_empty(),
        "a preview stores nothing"
    );
}

#[test]
fn the_transport_form_stores_the_same_as_the_raw_xml() {
    let (_a, mut raw_vault, _) = Fixture::new();
    let (_b, mut transport_vault, _) = Fixture::new();
    for &(name, _) in TRANSCRIPTS {
        let raw = transcript(name);
        let transported =
            import_elmo(&transport_form(&xml(name)), NORWEGIAN).expect("transport form parses");
        let a = raw_vault.import_elmo(&raw, false).expect("imports");
        let b = transport_vault
            .import_elmo(&transported, false)
            .expect("imports");
        assert_eq!(a, b, "{name}: the same report");
    }
    assert_eq!(
        stored_educations(&raw_vault),
        stored_educations(&transport_vault)
    );
    let hashes = |vault: &SeekerVault| -> Vec<(String, String)> {
        documents(vault)
            .into_iter()
            .map(|d| (d.file_name, d.sha256))
            .collect()
    };
    assert_eq!(hashes(&raw_vault), hashes(&transport_vault));
    // And it is the same transcript: imported in the other form, nothing is added.
    let again = raw_vault
        .import_elmo(
            &import_elmo(&transport_form(&xml("nor-emrex-1.0.xml")), NORWEGIAN).expect("parses"),
            false,
        )
        .expect("imports");
    assert!(again.already_imported);
}

#[test]
fn importing_the_same_transcript_twice_adds_nothing() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = transcript("nor-emrex-1.0.xml");
    let first = vault.import_elmo(&import, false).expect("imports");
    assert!(!first.already_imported);
    let second = vault.import_elmo(&import, false).expect("imports again");
    assert!(second.already_imported);
    assert!(second.sections.is_empty() && second.documents.is_empty());
    assert_eq!(stored_educations(&vault).len(), 1);
    assert_eq!(documents(&vault).len(), 2);
    assert_eq!(vault.import_sources().expect("sources").len(), 1);
    let source = &vault.import_sources().expect("sources")[0].value;
    assert_eq!(
        (
            source.format,
            source.fingerprint.as_str(),
            source.records.len()
        ),
        (ImportFormat::Emrex, import.fingerprint.as_str(), 3)
    );

    // With everything it added removed, the transcript can come back in.
    let education = vault.list::<Education>().expect("educations")[0].id.clone();
    vault.delete::<Education>(&education).expect("deleted");
    for document in vault.list::<Document>().expect("documents") {
        vault.remove_document(&document.id).expect("removed");
    }
    let third = vault
        .import_elmo(&import, false)
        .expect("imports once more");
    assert!(!third.already_imported);
    assert_eq!(stored_educations(&vault).len(), 1);
    assert_eq!(
        vault.import_sources().expect("sources").len(),
        1,
        "the stale one replaced"
    );
}

#[test]
fn a_preview_reports_what_the_import_does_and_stores_nothing() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = transcript("swedish_1_elmo1.0.xml");
    let preview = vault.preview_elmo(&import, true).expect("previews");
    assert!(preview.dry_run);
    assert_eq!(vault.profile().expect("profile"), Default::default());
    assert!(documents(&vault).is_empty());
    assert!(vault.import_sources().expect("sources").is_empty());
    let report = vault.import_elmo(&import, true).expect("imports");
    assert!(!report.dry_run);
    assert_eq!(
        candor_vault::ImportReport {
            dry_run: false,
            ..preview
        },
        report
    );
}

#[test]
fn a_transcript_that_cannot_be_stored_leaves_nothing_behind() {
    let (_fixture, mut vault, _) = Fixture::new();
    let mut import = transcript("nor-emrex-1.0.xml");
    import.educations.push(Education::default());
    let error = vault
        .import_elmo(&import, true)
        .expect_err("an education without institution");
    assert!(matches!(error, VaultError::Invalid(_)), "{error:?}");
    assert_eq!(vault.profile().expect("profile"), Default::default());
    assert!(documents(&vault).is_empty());
    assert!(vault.import_sources().expect("sources").is_empty());
}

#[test]
fn import_errors_keep_the_importers_own_message() {
    let error = import_elmo(b"<elmo", NORWEGIAN).expect_err("cut short");
    let message = error.to_string();
    let vault_error = VaultError::from(error.clone());
    assert_eq!(vault_error.to_string(), message);
    assert!(matches!(vault_error, VaultError::Import(inner) if inner == error));
    assert_eq!(
        VaultError::from(ImportError::DoctypeNotAllowed).to_string(),
        "the XML file contains a document type declaration (<!DOCTYPE>), which ELMO \
         transcripts never have and which can hide entity-expansion or file-reading attacks, \
         so Candor refused it; fetch the transcript again from the issuer"
    );
}
