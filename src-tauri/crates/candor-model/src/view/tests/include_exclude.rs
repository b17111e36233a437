//! Opting fields in and leaving them out: include, exclude, and which wins.

use super::*;

#[test]
fn included_field_is_shared_as_written_and_listed_as_identifying() {
    let view = anonymous(&["person.email", "work[0].name", "person.summary"]);
    let person = view.profile.person.as_ref().expect("a person");
    assert_eq!(person.email, "kari@example.no");
    assert_eq!(person.summary, kari().person.expect("person").summary);
    assert_eq!(view.profile.work[0].name, "Equinor");
    assert_eq!(view.profile.work[1].name, "", "only the one included");
    assert!(view.findings.iter().all(|f| f.path != "person.summary"));
    assert!(view.fields.contains(&"person.email".to_owned()));
    let opted: Vec<_> = view
        .quasi_identifiers
        .iter()
        .filter(|q| q.kind == QuasiIdentifierKind::OptedIn)
        .map(|q| (q.path.as_str(), q.note.as_str()))
        .collect();
    assert_eq!(
        opted,
        [
            ("person.email", "you chose to share your e-mail address"),
            ("work[0].name", "you chose to share an employer's name"),
        ]
    );
}

#[test]
fn including_part_of_a_hidden_list_shares_only_that_part() {
    let view = anonymous(&["person.addresses[0].city"]);
    let person = view.profile.person.expect("a person");
    assert_eq!(
        person.addresses,
        [Address {
            city: "Oslo".into(),
            ..Default::default()
        }]
    );
    assert!(view.fields.contains(&"person.addresses[0].city".to_owned()));
    assert!(view.quasi_identifiers.contains(&QuasiIdentifier {
        path: "person.addresses[0].city".into(),
        kind: QuasiIdentifierKind::OptedIn,
        note: "you chose to share where you live".into(),
        detail: Default::default(),
    }));
}

#[test]
fn including_the_whole_person_lists_each_identifying_field() {
    let view = anonymous(&["person"]);
    let mut expected = kari().person.expect("person");
    expected.national_id = None;
    assert_eq!(view.profile.person, Some(expected));
    let opted: Vec<_> = view
        .quasi_identifiers
        .iter()
        .filter(|q| q.kind == QuasiIdentifierKind::OptedIn)
        .map(|q| q.path.as_str())
        .collect();
    assert_eq!(
        opted,
        [
            "person.name",
            "person.givenName",
            "person.familyName",
            "person.email",
            "person.phone",
            "person.url",
            "person.birthDate",
            "person.gender",
            "person.photo",
            "person.addresses",
            "person.profiles",
        ]
    );
}

#[test]
fn references_are_left_out_of_an_anonymous_view_unless_included() {
    assert!(anonymous(&[]).profile.references.is_empty());
    let view = anonymous(&["references[0]"]);
    assert_eq!(view.profile.references, kari().references);
    assert!(view.quasi_identifiers.contains(&QuasiIdentifier {
        path: "references[0]".into(),
        kind: QuasiIdentifierKind::OptedIn,
        note: "you chose to share who vouches for you".into(),
        detail: Default::default(),
    }));
}

#[test]
fn exclude_removes_an_item_and_everything_under_it() {
    let view = view(
        ViewKind::Full,
        &[],
        &["work[1]", "education[0].courses[1]", "skills", "person"],
    );
    let employers: Vec<_> = view.profile.work.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(employers, ["Equinor", "Acme AS"]);
    let courses = &view.profile.education[0].courses;
    assert_eq!(courses.len(), 2);
    assert_eq!(courses[1].code, "IT3920");
    assert!(view.profile.skills.is_empty() && view.profile.person.is_none());
    assert!(
        view.fields.contains(&"work[1].name".to_owned()),
        "renumbered"
    );
    assert!(!view.fields.iter().any(|f| f.starts_with("skills")));
    assert!(!view.fields.iter().any(|f| f.starts_with("person")));
}

#[test]
fn exclude_removes_a_single_field() {
    let view = view(
        ViewKind::Full,
        &[],
        &["person.email", "work[0].highlights[0]"],
    );
    assert_eq!(view.profile.person.expect("person").email, "");
    assert_eq!(
        view.profile.work[0].highlights,
        ["Ask Nordmann's manager at +47 22 85 50 50"]
    );
}

#[test]
fn exclude_wins_over_include() {
    let view = anonymous_with(
        &["work[0].name", "documents[cv-1]"],
        &["work[0]", "documents[cv-1]"],
    );
    assert!(view.profile.work.iter().all(|w| w.name.is_empty()));
    assert_eq!(view.profile.work.len(), 2);
    assert!(view.documents.is_empty());
}
