//! The portability export (GDPR Art. 20): every record of a populated vault in a zip of
//! JSON files, the documents byte for byte, the national id only when asked.

mod common;

use std::collections::BTreeMap;
use std::io::Cursor;

use candor_model::*;
use candor_vault::{NewDocument, SeekerVault};
use common::{contains, sample_file, unzip, Fixture};
use serde_json::Value;

const NATIONAL_ID: &str = "15059500136";

/// Bytes that are not text, over three attachment chunks long.
fn big_document() -> Vec<u8> {
    (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

/// A vault with something of every kind: the person (with a national id), two
/// educations, one entry in every other section, two applications with history, two
/// documents. Returns the documents' ids and bytes.
fn populate(vault: &mut SeekerVault) -> Vec<(String, Vec<u8>)> {
    let resume = candor_formats::import_json_resume(&sample_file("jsonresume/sample.resume.json"))
        .expect("the sample parses");
    vault.import_json_resume(&resume).expect("imports");
    let mut person = vault.person().expect("person").expect("a person");
    person.national_id = Some(NationalId::new("NO", NATIONAL_ID).expect("valid"));
    vault.set_person(&person).expect("set");
    vault
        .insert(&Education {
            institution: "NTNU".into(),
            courses: vec![LearningOpportunity {
                title: "Algorithms".into(),
                credits: Some("7.5".parse().expect("credits")),
                grade: Some(Grade::new(GradeScheme::Ects, "A").expect("a grade")),
                ..LearningOpportunity::default()
            }],
            ..Education::default()
        })
        .expect("education");
    vault
        .insert(&Certificate {
            name: "AWS".into(),
            ..Certificate::default()
        })
        .expect("certificate");
    for (company, moves) in [("Equinor", 2), ("Kartverket", 1)] {
        let mut application = Application::new(company, "Developer", Timestamp::now());
        let statuses = [ApplicationStatus::Applied, ApplicationStatus::Interview];
        for status in &statuses[..moves] {
            application
                .move_to(*status, Timestamp::now(), Some("by e-mail".into()))
                .expect("moves");
        }
        vault.insert(&application).expect("application");
    }
    let mut documents = Vec::new();
    for (name, bytes) in [
        ("cv.pdf", b"%PDF-1.7 my CV".to_vec()),
        ("grades.bin", big_document()),
    ] {
        let new = NewDocument {
            kind: DocumentKind::Other,
            file_name: name.into(),
            media_type: "application/octet-stream".into(),
            note: None,
        };
        let entry = vault.add_document(new, bytes.as_slice()).expect("document");
        documents.push((entry.id, bytes));
    }
    documents
}

fn export(
    vault: &SeekerVault,
    include_national_id: bool,
) -> (candor_vault::ExportSummary, BTreeMap<String, Vec<u8>>) {
    let mut zip = Cursor::new(Vec::new());
    let summary = vault
        .export_all(&mut zip, include_national_id)
        .expect("exports");
    (summary, unzip(zip.get_ref()).into_iter().collect())
}

fn json(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
    serde_json::from_slice(
        files
            .get(name)
            .unwrap_or_else(|| panic!("{name} in the zip")),
    )
    .unwrap_or_else(|e| panic!("{name} is JSON: {e}"))
}

fn len(value: &Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

#[test]
fn the_export_holds_every_record_counted_per_type() {
    let (_fixture, mut vault, _) = Fixture::new();
    let documents = populate(&mut vault);
    let profile = vault.profile().expect("profile");
    let (summary, files) = export(&vault, false);

    let exported = json(&files, "profile.json");
    let expected: BTreeMap<&str, usize> = [
        ("person", 1),
        ("education", profile.education.len()),
        ("work", profile.work.len()),
        ("skill", profile.skills.len()),
        ("language", profile.languages.len()),
        ("interest", profile.interests.len()),
        ("project", profile.projects.len()),
        ("certificate", profile.certificates.len()),
        ("award", profile.awards.len()),
        ("publication", profile.publications.len()),
        ("volunteer", profile.volunteer.len()),
        ("reference", profile.references.len()),
        ("application", 2),
        ("document", 2),
        ("import-source", 1),
        ("ledger-entry", 0),
    ]
    .into_iter()
    .collect();
    assert!(
        expected.values().filter(|n| **n > 0).count() == 15,
        "every kind is there"
    );
    let found: BTreeMap<&str, usize> = [
        ("person", usize::from(exported["person"].is_object())),
        ("education", len(&exported["education"])),
        ("work", len(&exported["work"])),
        ("skill", len(&exported["skills"])),
        ("language", len(&exported["languages"])),
        ("interest", len(&exported["interests"])),
        ("project", len(&exported["projects"])),
        ("certificate", len(&exported["certificates"])),
        ("award", len(&exported["awards"])),
        ("publication", len(&exported["publications"])),
        ("volunteer", len(&exported["volunteer"])),
        ("reference", len(&exported["references"])),
        ("application", len(&json(&files, "applications.json"))),
        ("document", len(&json(&files, "documents.json"))),
        ("import-source", len(&json(&files, "import-sources.json"))),
        ("ledger-entry", len(&json(&files, "ledger.json"))),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected);
    let counted: BTreeMap<&str, usize> = summary
        .counts
        .iter()
        .map(|(kind, n)| (kind.as_str(), *n as usize))
        .collect();
    assert_eq!(counted, expected, "the summary counts the same");
    assert_eq!(len(&json(&files, "education.json")), 2);
    assert_eq!(json(&files, "education.json")[1]["gpa"], "5.00 (A)");

    // Applications keep their whole history.
    let applications = json(&files, "applications.json");
    let histories: Vec<usize> = applications
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| len(&a["value"]["history"]))
        .collect();
    assert_eq!(histories, [3, 2], "creation and each move");
    assert_eq!(summary.status_changes, 5);

    // Documents byte for byte, where documents.json says they are.
    let listed = json(&files, "documents.json");
    for (id, bytes) in &documents {
        let entry = listed
            .as_array()
            .expect("a list")
            .iter()
            .find(|d| d["id"] == id.as_str())
            .expect("listed");
        let path = entry["path"].as_str().expect("a path");
        assert!(path.starts_with(&format!("documents/{id}-")));
        assert!(files[path] == *bytes, "{path} holds the document's bytes");
    }
    assert_eq!(summary.documents_written, 2);

    let readme = String::from_utf8(files["README.txt"].clone()).expect("text");
    for file in summary
        .files
        .iter()
        .filter(|f| !f.starts_with("documents/") && *f != "README.txt")
    {
        assert!(
            readme.contains(file.as_str()),
            "the README describes {file}"
        );
    }
    assert!(readme.contains("the names of the fields shared (not their values)"));
    assert_eq!(
        json(&files, "resume.json"),
        vault.export_json_resume().expect("the resume")
    );
}

#[test]
fn the_national_id_is_in_the_export_only_when_asked() {
    let (_fixture, mut vault, _) = Fixture::new();
    populate(&mut vault);
    let (summary, files) = export(&vault, false);
    assert!(!summary.national_id_included);
    for (name, bytes) in &files {
        assert!(
            !contains(bytes, NATIONAL_ID.as_bytes()),
            "{name} holds the national id"
        );
    }
    assert!(json(&files, "profile.json")["person"]["nationalId"].is_null());

    let (summary, files) = export(&vault, true);
    assert!(summary.national_id_included);
    assert_eq!(
        json(&files, "profile.json")["person"]["nationalId"]["value"],
        NATIONAL_ID
    );
}

#[test]
fn issuer_originals_are_left_out_unless_the_national_id_is_asked_for() {
    let (_fixture, mut vault, _) = Fixture::new();
    let transcript =
        candor_formats::import_elmo(&sample_file("emrex/nor-emrex-1.0.xml"), &["nb", "no", "en"])
            .expect("parses");
    vault.import_elmo(&transcript, false).expect("imports");
    let (summary, files) = export(&vault, false);
    assert_eq!(
        summary.documents_left_out,
        [
            "Universitetet i Oslo transcript.xml",
            "EMREX transcript.pdf"
        ]
    );
    assert!(!files.keys().any(|name| name.starts_with("documents/")));
    let listed = json(&files, "documents.json");
    assert!(listed[0]["path"].is_null());
    assert!(listed[0]["leftOut"]
        .as_str()
        .expect("a reason")
        .contains("national identity number"));
    assert!(!contains(&files["README.txt"], b"7566490042"));

    let (summary, files) = export(&vault, true);
    assert!(summary.documents_left_out.is_empty());
    let xml_path = json(&files, "documents.json")[0]["path"]
        .as_str()
        .expect("a path")
        .to_owned();
    assert!(
        files[&xml_path] == transcript.xml,
        "the original, byte for byte"
    );
}
