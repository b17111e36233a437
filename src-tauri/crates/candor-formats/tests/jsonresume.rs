//! JSON Resume import and export against the schema's own sample and schema (see
//! tests/fixtures/SOURCES.md).

use candor_formats::{
    export_json_resume, export_json_resume_string, import_elmo, import_json_resume,
    read_json_resume, ImportError, GRADES_EXTENSION,
};
use candor_model::{
    Address, Certificate, Fluency, InterestKind, NationalId, Person, Profile, Validate,
};
use serde_json::{json, Value};

#[path = "support/schema.rs"]
mod schema;
use schema::assert_valid_against_schema;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn sample() -> Vec<u8> {
    fixture("jsonresume/sample.resume.json")
}

/// A profile with something in every section and every Candor-only field, and the grade
/// trees of a real transcript.
fn full_profile() -> Profile {
    let transcript = std::fs::read(format!(
        "{}/tests/fixtures/emrex/Example-elmo-Norway.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let elmo = import_elmo(&transcript, &["nb", "no", "en"]).expect("imports");
    let resume = import_json_resume(&sample()).expect("sample imports");
    let mut profile = resume.profile;
    let person = profile.person.as_mut().expect("basics");
    person.given_name = Some("Richard".into());
    person.family_name = Some("Hendriks".into());
    person.birth_date = Some("1990-04-01".parse().expect("a day"));
    person.gender = Some("male".into());
    person.national_id = Some(NationalId::new("NO", "15059500136").expect("valid"));
    person.photo = Some("document-17".into());
    person.addresses.push(Address {
        city: "Oslo".into(),
        country_code: "NO".into(),
        ..Default::default()
    });
    profile.education.extend(elmo.educations);
    profile.certificates.push(Certificate {
        name: "AWS Certified Developer".into(),
        date: Some("2021-11".parse().expect("a date")),
        issuer: "Amazon".into(),
        url: "https://aws.example.com/cert/123".into(),
    });
    profile.skills[0].category = "Frontend".into();
    profile.interests[0].kind = Some(InterestKind::Field);
    profile.work[0].industry = "Software".into();
    profile.languages.push(candor_model::Language {
        language: "Norwegian".into(),
        fluency: Fluency::Cefr(candor_model::CefrLevel::B2),
    });
    profile
}

#[test]
fn sample_import_then_export_gives_the_same_document() {
    let original: Value = serde_json::from_slice(&sample()).expect("JSON");
    let import = import_json_resume(&sample()).expect("imports");
    let exported = export_json_resume(&import.profile, Some(&import.kept));
    assert_eq!(exported, original);
}

#[test]
fn sample_fills_every_section_of_the_profile() {
    let import = import_json_resume(&sample()).expect("imports");
    let profile = &import.profile;
    let person = profile.person.as_ref().expect("basics");
    assert_eq!(person.name, "Richard Hendriks");
    assert_eq!(person.label, "Programmer");
    assert_eq!(person.addresses[0].city, "San Francisco");
    assert_eq!(person.addresses[0].postal_code, "CA 94115");
    assert_eq!(person.profiles.len(), 2);
    assert_eq!(profile.work[0].description, "Awesome compression company");
    assert_eq!(profile.work[0].location, "Palo Alto, CA");
    assert_eq!(profile.work[0].highlights.len(), 3);
    assert_eq!(profile.volunteer[0].organization, "CoderDojo");
    let education = &profile.education[0];
    assert_eq!(
        (education.programme.as_str(), education.degree.as_str()),
        ("Information Technology", "Bachelor")
    );
    assert_eq!(education.score, "4.0");
    let courses: Vec<&str> = education.courses.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        courses,
        ["DB1101 - Basic SQL", "CS2011 - Java Introduction"]
    );
    assert_eq!(profile.awards[0].awarder, "Techcrunch");
    assert_eq!(
        profile.publications[0]
            .release_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2014-10-01")
    );
    assert_eq!(profile.skills[1].keywords, ["Mpeg", "MP4", "GIF"]);
    assert_eq!(
        profile.languages[0].fluency,
        Fluency::Described("Native speaker".into())
    );
    assert_eq!(profile.interests[0].keywords, ["Ferrets", "Unicorns"]);
    assert_eq!(profile.references[0].name, "Erlich Bachman");
    assert_eq!(profile.projects[0].roles, ["Team lead", "Designer"]);
    assert_eq!(
        (
            profile.projects[0].entity.as_str(),
            profile.projects[0].kind.as_str()
        ),
        ("Smoogle", "application")
    );
    assert!(profile.validate().is_ok());
    // What the model has no field for is kept, not dropped.
    assert_eq!(
        import.kept,
        json!({
            "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
            "basics": {"image": ""},
            "meta": {
                "canonical": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/sample.resume.json",
                "version": "v1.0.0",
                "lastModified": "2017-12-24T15:53:00"
            }
        })
    );
}

#[test]
fn export_of_the_sample_and_of_a_full_profile_validates_against_the_schema() {
    let import = import_json_resume(&sample()).expect("imports");
    assert_valid_against_schema(&export_json_resume(&import.profile, Some(&import.kept)));
    assert_valid_against_schema(&export_json_resume(&full_profile(), None));
}

#[test]
fn full_profile_exports_and_imports_back_unchanged_but_for_the_private_fields() {
    let profile = full_profile();
    let text = export_json_resume_string(&profile, None);
    let back = read_json_resume(text.as_bytes()).expect("imports");
    let mut expected = profile.clone();
    let person = expected.person.as_mut().expect("basics");
    person.national_id = None;
    person.photo = None;
    assert_eq!(back.profile, expected);
    assert_eq!(
        back.kept,
        json!({}),
        "nothing left over from Candor's own export"
    );
}

#[test]
fn grade_trees_travel_in_the_extension_and_courses_list_the_leaves() {
    let profile = full_profile();
    let exported = export_json_resume(&profile, None);
    let transcript = &exported["education"][1];
    let tree = transcript[GRADES_EXTENSION].as_array().expect("the tree");
    assert_eq!(tree[0]["title"], "Bachelor i biologi");
    assert_eq!(
        tree[0]["children"][0]["children"][0]["grade"],
        json!({"scheme": "ects", "label": "D"})
    );
    let courses = transcript["courses"].as_array().expect("course names");
    assert!(courses.contains(&json!("BIO1000-1 - Grunnkurs i biologi")));
    assert!(
        exported["education"][0].get(GRADES_EXTENSION).is_none(),
        "plain course names need no extension"
    );
}

#[test]
fn national_id_and_photo_id_never_reach_the_export() {
    let text = export_json_resume_string(&full_profile(), None);
    assert!(!text.contains("15059500136"));
    assert!(!text.contains("nationalId"));
    assert!(!text.contains("document-17"));
}

#[test]
fn national_id_in_a_resume_is_not_imported_or_kept() {
    let resume =
        br#"{"basics": {"name": "Kari", "nationalId": {"country": "NO", "value": "15059500136"}}}"#;
    let import = import_json_resume(resume).expect("imports");
    let person: &Person = import.profile.person.as_ref().expect("basics");
    assert_eq!(person.national_id, None);
    assert!(!import.kept.to_string().contains("15059500136"));
    assert_eq!(import.warnings.len(), 1);
}

#[test]
fn unknown_fields_nulls_empty_sections_and_extra_addresses_round_trip() {
    let original = json!({
        "basics": {
            "name": "Kari Nordmann",
            "email": null,
            "location": {"city": "Oslo", "countryCode": "NO", "x-note": "home"},
            "x-candor-addresses": [{"city": "Bergen"}],
            "x-tool": {"theme": "dark"}
        },
        "work": [
            {"name": "Kartverket", "startDate": "2019-05", "x-team": "maps"},
            {"name": "Equinor", "position": "Developer"}
        ],
        "skills": [],
        "languages": [{"language": "Norwegian", "fluency": "b2"}],
        "education": [{"institution": "UiO", "courses": ["INF1000"], "x-candor-grades": [
            {"code": "INF1000", "title": "Intro", "credits": 10, "grade": {"scheme": "ects", "label": "B"}}
        ]}],
        "unknownSection": [1, 2, 3]
    });
    let import = import_json_resume(original.to_string().as_bytes()).expect("imports");
    assert_eq!(
        import
            .profile
            .person
            .as_ref()
            .expect("basics")
            .addresses
            .len(),
        2
    );
    assert_eq!(
        import.profile.education[0].courses[0]
            .credits
            .map(|c| c.to_string())
            .as_deref(),
        Some("10")
    );
    assert_eq!(
        export_json_resume(&import.profile, Some(&import.kept)),
        original
    );
}

#[test]
fn kept_fields_of_removed_entries_are_dropped_on_export() {
    let original = json!({"work": [{"name": "A", "x": 1}, {"name": "B", "x": 2}]});
    let mut import = import_json_resume(original.to_string().as_bytes()).expect("imports");
    import.profile.work.truncate(1);
    assert_eq!(
        export_json_resume(&import.profile, Some(&import.kept)),
        json!({"work": [{"name": "A", "x": 1}]})
    );
}

#[test]
fn malformed_resumes_are_refused_with_the_field_that_is_wrong() {
    let not_json = import_json_resume(b"{\"basics\": ").expect_err("truncated");
    assert!(
        matches!(not_json, ImportError::NotJson { line: 1, .. }),
        "{not_json:?}"
    );
    assert!(matches!(
        import_json_resume(b"[1, 2]").expect_err("a list"),
        ImportError::NotJsonResume { .. }
    ));
    let bad_date = import_json_resume(br#"{"work": [{"name": "A", "startDate": "2019-13"}]}"#)
        .expect_err("no month 13");
    assert!(
        matches!(&bad_date, ImportError::BadJsonResumeField { field, reason } if field == "work[0]" && reason.contains("2019-13")),
        "{bad_date:?}"
    );
    assert!(bad_date
        .to_string()
        .ends_with("correct it in the file and import again"));
    let bad_course =
        import_json_resume(br#"{"education": [{"institution": "UiO", "courses": [7]}]}"#)
            .expect_err("a number for a course");
    assert_eq!(
        bad_course,
        ImportError::BadJsonResumeField {
            field: "education[0].courses[0]".into(),
            reason: "expected a course name".into()
        }
    );
    assert!(matches!(
        import_json_resume(br#"{"skills": {"name": "Rust"}}"#).expect_err("not a list"),
        ImportError::BadJsonResumeField { field, .. } if field == "skills"
    ));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(sample());
    assert_eq!(
        import_json_resume(&with_bom).expect("imports"),
        import_json_resume(&sample()).expect("imports")
    );
}

#[test]
fn schema_check_catches_a_document_that_breaks_the_schema() {
    let schema: Value =
        serde_json::from_slice(&fixture("jsonresume/schema.json")).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(!validator.is_valid(&json!({"work": [{"startDate": "last spring"}]})));
    assert!(!validator.is_valid(&json!({"education": [{"courses": [{"title": "x"}]}]})));
}
