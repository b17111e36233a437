//! JSON Resume and LinkedIn imports into the vault: entries appended without duplicates,
//! the person's empty fields filled and typed ones kept, and a resume that comes back whole.

mod common;

#[path = "../../candor-formats/tests/support/schema.rs"]
mod schema;

use std::io::{Cursor, Write};

use candor_formats::{import_json_resume, import_linkedin};
use candor_model::{Skill, Work};
use candor_vault::ImportFormat;
use common::{sample_file, Fixture};
use schema::assert_valid_against_schema;
use serde_json::Value;

fn sample_resume() -> Vec<u8> {
    sample_file("jsonresume/sample.resume.json")
}

/// A LinkedIn export as LinkedIn lays it out: in a sub-folder, Profile.csv with a BOM,
/// no Projects.csv, a multi-line description and a column Candor does not read.
fn linkedin_export() -> Vec<u8> {
    const FOLDER: &str = "Basic_LinkedInDataExport_03-14-2024/";
    let files = [
        (
            "Profile.csv",
            "\u{FEFF}First Name,Last Name,Headline,Summary,Industry,Geo Location,Websites\n\
             Kari,Nordmann,Backend developer,\"Ten years of Rust.\nAnd some Go.\",Software Development,\"Oslo, Norway\",\n",
        ),
        (
            "Positions.csv",
            "Company Name,Title,Description,Location,Started On,Finished On,Company Url\n\
             Kartverket,Senior developer,\"Maps for everyone.\n\n- Tile server in Rust\",Oslo,Jan 2022,,https://kartverket.example.no\n",
        ),
        ("Skills.csv", "Name\nRust\nPostgreSQL\n"),
        ("Email Addresses.csv", "Email Address,Confirmed,Primary\nkari@example.no,Yes,Yes\n"),
    ];
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        writer
            .start_file(
                format!("{FOLDER}{name}"),
                zip::write::SimpleFileOptions::default(),
            )
            .expect("zip in memory");
        writer.write_all(text.as_bytes()).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

#[test]
fn the_json_resume_sample_comes_back_whole_from_the_vault() {
    let (fixture, mut vault, _) = Fixture::new();
    let original: Value = serde_json::from_slice(&sample_resume()).expect("JSON");
    let import = import_json_resume(&sample_resume()).expect("parses");
    let report = vault.import_json_resume(&import).expect("imports");
    assert_eq!(report.format, ImportFormat::JsonResume);
    assert_eq!(report.section("work").map(|s| s.added), Some(1));
    vault.lock();

    let vault = fixture.open().expect("reopens");
    let exported = vault.export_json_resume().expect("exports");
    // serde_json's maps compare without regard to key order.
    assert_eq!(exported, original);
    assert_valid_against_schema(&exported);
    let by_hand = candor_formats::export_json_resume(
        &vault.profile().expect("profile"),
        Some(&vault.json_resume_kept().expect("kept")),
    );
    assert_eq!(by_hand, exported);
}

#[test]
fn importing_a_resume_twice_adds_nothing_and_exports_the_same() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = import_json_resume(&sample_resume()).expect("parses");
    vault.import_json_resume(&import).expect("imports");
    let before = vault.profile().expect("profile");
    let again = vault.import_json_resume(&import).expect("imports again");
    assert_eq!(again.records_added(), 0);
    assert!(again.sections.iter().all(|s| s.skipped > 0));
    assert!(again.person_fields.is_empty());
    assert_eq!(vault.profile().expect("profile"), before);
    let original: Value = serde_json::from_slice(&sample_resume()).expect("JSON");
    assert_eq!(vault.export_json_resume().expect("exports"), original);
}

#[test]
fn kept_fields_follow_their_entries_when_others_are_removed() {
    let (_fixture, mut vault, _) = Fixture::new();
    let resume = br#"{"skills": [
        {"name": "Rust", "x-years": 5},
        {"name": "Go", "x-years": 2}
    ]}"#;
    vault
        .import_json_resume(&import_json_resume(resume).expect("parses"))
        .expect("imports");
    let rust = vault.list::<Skill>().expect("skills")[0].id.clone();
    vault.delete::<Skill>(&rust).expect("deleted");
    assert_eq!(
        vault.export_json_resume().expect("exports"),
        serde_json::json!({"skills": [{"name": "Go", "x-years": 2}]})
    );
}

#[test]
fn a_resume_fills_only_the_persons_empty_fields_and_skips_what_is_there() {
    let (_fixture, mut vault, _) = Fixture::new();
    vault
        .set_person(
            &candor_testkit::person_named("Richard H.")
                .email("me@example.no")
                .build(),
        )
        .expect("set");
    vault
        .insert(&Skill {
            name: "Web Development".into(),
            level: "Master".into(),
            keywords: vec!["HTML".into(), "CSS".into(), "Javascript".into()],
            ..Skill::default()
        })
        .expect("a skill typed by hand, as the sample has it");
    let import = import_json_resume(&sample_resume()).expect("parses");
    let preview = vault.preview_json_resume(&import).expect("previews");
    assert!(preview.dry_run);
    assert_eq!(
        vault.list::<Work>().expect("work").len(),
        0,
        "a preview stores nothing"
    );
    let report = vault.import_json_resume(&import).expect("imports");
    let skills = report.section("skills").expect("skills");
    assert_eq!((skills.added, skills.skipped), (1, 1));
    assert!(!report.person_fields.contains(&"name".to_owned()));
    assert!(report.person_fields.contains(&"label".to_owned()));
    let person = vault.person().expect("person").expect("a person");
    assert_eq!(
        (
            person.name.as_str(),
            person.email.as_str(),
            person.label.as_str()
        ),
        ("Richard H.", "me@example.no", "Programmer")
    );
}

#[test]
fn a_linkedin_export_is_added_to_the_profile() {
    let (_fixture, mut vault, _) = Fixture::new();
    let import = import_linkedin(&linkedin_export()).expect("parses");
    let preview = vault.preview_linkedin(&import).expect("previews");
    assert_eq!(vault.profile().expect("profile"), Default::default());
    let report = vault.import_linkedin(&import).expect("imports");
    assert_eq!(report.format, ImportFormat::Linkedin);
    assert_eq!(
        candor_vault::ImportReport {
            dry_run: false,
            ..preview
        },
        report
    );
    let counts: Vec<(&str, u32)> = report
        .sections
        .iter()
        .map(|s| (s.section.as_str(), s.added))
        .collect();
    assert_eq!(counts, [("work", 1), ("skills", 2), ("interests", 1)]);
    assert_eq!(
        report.person_fields,
        [
            "name",
            "givenName",
            "familyName",
            "label",
            "email",
            "summary",
            "addresses"
        ]
    );
    let notes: Vec<&str> = report.warnings.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(
        notes,
        [
            "A position in the export: “Company Url” (https://kartverket.example.no) was not \
             imported: Candor has no field for it"
        ]
    );
    let note = &report.warnings[0];
    assert_eq!(note.code, "not_imported");
    assert_eq!(
        note.params.get("entry").map(String::as_str),
        Some("position")
    );
    assert_eq!(
        note.params.get("column").map(String::as_str),
        Some("Company Url")
    );
    let profile = vault.profile().expect("profile");
    assert_eq!(
        profile.work[0].summary,
        "Maps for everyone.\n\n- Tile server in Rust"
    );
    assert_eq!(profile.person.expect("a person").name, "Kari Nordmann");
    assert_eq!(vault.import_sources().expect("sources").len(), 1);

    let again = vault.import_linkedin(&import).expect("imports again");
    assert!(again.adds_nothing());
    assert_eq!(vault.import_sources().expect("sources").len(), 1);
}
