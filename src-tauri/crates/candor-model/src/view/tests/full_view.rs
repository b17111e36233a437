//! The full view: the whole profile but the national identity number, every field listed.

use super::*;

#[test]
fn full_view_is_the_whole_profile_but_the_national_id() {
    let full = view(ViewKind::Full, &[], &[]);
    let mut expected = kari();
    if let Some(person) = expected.person.as_mut() {
        person.national_id = None;
    }
    assert_eq!(full.profile, expected, "nothing changed but the number");
    assert!(full.documents.is_empty(), "no attachment unless included");
    assert!(full.findings.is_empty() && full.quasi_identifiers.is_empty());
    assert!(full.warnings.is_empty());
}

#[test]
fn full_view_lists_every_field_of_its_json() {
    let full = view(ViewKind::Full, &[], &[]);
    let mut all = Vec::new();
    leaves(
        &serde_json::to_value(&full.profile).expect("serializes"),
        String::new(),
        &mut all,
    );
    for leaf in &all {
        let listed = full
            .fields
            .iter()
            .any(|field| field == leaf || path::is_within(leaf, field));
        assert!(listed, "{leaf} is shared but not listed");
    }
    // Three grades ({scheme, label}) and one grade distribution (one entry of {label,
    // count}) are a field each, not two.
    assert_eq!(full.fields.len(), all.len() - 4, "a grade is one field");
    assert!(full
        .fields
        .contains(&"education[0].courses[0].grade".to_owned()));
    assert!(full
        .fields
        .contains(&"education[0].courses[0].distribution".to_owned()));
}

#[test]
fn full_view_scans_nothing() {
    let full = view(ViewKind::Full, &[], &[]);
    assert!(full
        .profile
        .person
        .expect("person")
        .summary
        .contains("Kari"));
    assert!(full.findings.is_empty());
}

#[test]
fn include_changes_nothing_in_a_full_view_but_attachments() {
    assert_eq!(
        view(ViewKind::Full, &["person.email", "work[0]"], &[]),
        view_full()
    );
}
