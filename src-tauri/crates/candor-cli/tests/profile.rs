//! `candor profile show` and `candor profile set`: the whole profile as JSON, out and in.

mod common;

use common::{assert_refused, succeeded, Sandbox};
use serde_json::json;

/// A vault with some education, work and skills added through the section commands.
fn vault_with_a_profile() -> Sandbox {
    let (sandbox, _) = Sandbox::with_vault();
    let ntnu = sandbox.add(&[
        "education",
        "add",
        "--institution",
        "NTNU",
        "--degree",
        "Master",
        "--start",
        "2018-08",
    ]);
    sandbox.ok(&[
        "education",
        "course",
        "add",
        &ntnu,
        "--code",
        "TDT4120",
        "--title",
        "Algorithms",
        "--credits",
        "7.5",
        "--grade",
        "A",
    ]);
    sandbox.ok(&[
        "experience",
        "add",
        "--company",
        "Equinor",
        "--position",
        "Data engineer",
        "--start",
        "2020",
    ]);
    sandbox.ok(&["skill", "add", "Rust", "--level", "Expert"]);
    sandbox
}

#[test]
fn profile_show_prints_what_the_section_commands_stored() {
    let sandbox = vault_with_a_profile();
    assert_eq!(
        sandbox.profile(),
        json!({
            "education": [{
                "institution": "NTNU",
                "studyType": "Master",
                "startDate": "2018-08",
                "courses": [{
                    "code": "TDT4120",
                    "title": "Algorithms",
                    "kind": "course",
                    "credits": "7.5",
                    "grade": { "scheme": "ects", "label": "A" },
                }],
            }],
            "work": [{ "name": "Equinor", "position": "Data engineer", "startDate": "2020" }],
            "skills": [{ "name": "Rust", "level": "Expert" }],
        })
    );
}

#[test]
fn profile_show_set_round_trip_changes_nothing() {
    let sandbox = vault_with_a_profile();
    let shown = sandbox.ok(&["profile", "show"]);
    let out = succeeded(&sandbox.set_profile(&shown));
    assert_eq!(out, "Profile updated: education, work, skills.\n");
    assert_eq!(
        sandbox.ok(&["profile", "show"]),
        shown,
        "the same document reads back"
    );
}

#[test]
fn an_edited_profile_replaces_the_sections_it_names_and_keeps_the_others() {
    let sandbox = vault_with_a_profile();
    let mut profile = sandbox.profile();
    let education = profile["education"].clone();

    // Edit what `profile show` printed, as a person would in an editor.
    profile["person"] = json!({
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "birthDate": "1995-05-15",
        "nationalId": { "country": "NO", "value": "15059500136" },
    });
    profile["skills"] = json!([{ "name": "Rust", "level": "Expert" }, { "name": "Kafka" }]);
    profile["languages"] = json!([
        { "language": "Norwegian", "fluency": "Native speaker" },
        { "language": "English", "fluency": "C1" },
    ]);
    let edited = json!({
        "skills": profile["skills"],
        "languages": profile["languages"],
        "person": profile["person"],
    });
    let out = succeeded(&sandbox.set_profile(&edited.to_string()));
    assert_eq!(
        out, "Profile updated: person, skills, languages.\n",
        "in the profile's order"
    );

    assert_eq!(sandbox.profile(), profile);
    assert_eq!(
        sandbox.profile()["education"],
        education,
        "sections not named are kept"
    );

    // An empty section empties it.
    assert_eq!(
        succeeded(&sandbox.set_profile(r#"{"languages": []}"#)),
        "Profile updated: languages.\n"
    );
    assert_eq!(sandbox.profile().get("languages"), None);
    assert_eq!(
        succeeded(&sandbox.set_profile("{}")),
        "Nothing to update: the profile on stdin has no sections.\n"
    );
}

/// Pins the refusal of each document, and that the stored profile did not change.
fn assert_each_refused(sandbox: &Sandbox, cases: &[(&str, &str)]) {
    let before = sandbox.ok(&["profile", "show"]);
    for (document, message) in cases {
        assert_refused(&sandbox.set_profile(document), message);
        assert_eq!(
            sandbox.ok(&["profile", "show"]),
            before,
            "nothing changed after {document}"
        );
    }
}

#[test]
fn profile_set_refuses_documents_that_are_not_a_profile_and_changes_nothing() {
    let sandbox = vault_with_a_profile();
    assert_each_refused(
        &sandbox,
        &[
            (
                r#"{"skills": [], "hobbies": ["chess"]}"#,
                "unknown profile section \"hobbies\"; the sections are person, education, work, \
                 skills, languages, interests, projects, certificates, awards, publications, \
                 volunteer, references; nothing was changed",
            ),
            (
                r#"{"skills": [{"name": "Go"}"#,
                "the profile on stdin is not valid JSON (EOF while parsing a list at line 1 column 26); \
                 nothing was changed",
            ),
            (
                r#"[{"name": "Go"}]"#,
                "the profile must be a JSON object such as {\"skills\": [...]}; nothing was changed",
            ),
            (
                r#"{"skills": [{"level": "Expert"}]}"#,
                "the profile on stdin is refused at line 1, column 31: missing field `name`; \
                 nothing was changed",
            ),
        ],
    );
}

#[test]
fn profile_set_refuses_invalid_values_and_changes_nothing() {
    let sandbox = vault_with_a_profile();
    assert_each_refused(
        &sandbox,
        &[
            (
                r#"{"skills": [], "education": [{"institution": "NTNU", "courses": [{"title": "Algorithms", "credits": "-7.5"}]}]}"#,
                "the profile on stdin is refused at line 1, column 106: credits cannot be negative \
                 (got -7.5); use 0 or more, e.g. 7.5; nothing was changed",
            ),
            (
                r#"{"languages": [{"language": "Norwegian", "fluency": "D1"}]}"#,
                "languages[0].fluency: \"D1\" is not a CEFR level; use A1, A2, B1, B2, C1 or C2, \
                 or describe the fluency in words",
            ),
            (
                r#"{"person": {"name": "Kari Nordmann", "nationalId": {"country": "NO", "value": "15059500137"}}}"#,
                "person.nationalId: the national identity number's check digits do not match; \
                 check it for typing errors",
            ),
            (
                r#"{"person": {"name": "Kari Nordmann", "birthDate": "1995-13-15"}}"#,
                "the profile on stdin is refused at line 1, column 63: \"1995-13-15\" is not a \
                 valid date: the month must be between 01 and 12; nothing was changed",
            ),
            (
                r#"{"skills": [{"name": ""}], "person": {"name": "Kari", "email": "kari"}}"#,
                "person.email: \"kari\" is not an e-mail address; write it as name@example.com\n\
                 skills[0].name: this field is required; fill it in",
            ),
        ],
    );
}
