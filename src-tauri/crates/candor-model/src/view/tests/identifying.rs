//! What an anonymous view offers to opt into: every identifying field, where it starts.

use super::*;

fn offered(view: &View) -> Vec<&str> {
    view.identifying.iter().map(|f| f.path.as_str()).collect()
}

#[test]
fn an_anonymous_view_offers_every_identifying_field_the_profile_fills() {
    let view = anonymous(&[]);
    let paths = offered(&view);
    for expected in [
        "person.name",
        "person.email",
        "person.phone",
        "person.url",
        "person.birthDate",
        "person.addresses",
        "person.profiles",
        "education[0].institution",
        "work[0].name",
        "work[0].location",
        "work[1].name",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    assert!(
        view.identifying.iter().all(|field| !field.included),
        "nothing was included"
    );
}

#[test]
fn empty_fields_and_the_national_id_are_not_offered() {
    let view = anonymous(&[]);
    let paths = offered(&view);
    assert!(
        !paths.contains(&"work[1].location"),
        "Kartverket has no location"
    );
    assert!(!paths.iter().any(|p| p.contains("nationalId")));
}

#[test]
fn a_full_view_offers_nothing_to_opt_into() {
    assert!(view_full().identifying.is_empty());
}

#[test]
fn an_included_field_is_offered_as_included() {
    let view = anonymous(&["work[0].location"]);
    let location = view
        .identifying
        .iter()
        .find(|f| f.path == "work[0].location")
        .expect("still offered");
    assert!(location.included);
    assert!(view.fields.contains(&"work[0].location".to_owned()));
}

#[test]
fn every_field_offered_can_be_included_and_then_is_shared() {
    let offered: Vec<String> = anonymous(&[])
        .identifying
        .into_iter()
        .map(|f| f.path)
        .collect();
    let include: Vec<&str> = offered.iter().map(String::as_str).collect();
    let view = anonymous(&include);
    assert!(view.identifying.iter().all(|f| f.included));
    assert_eq!(offered.len(), view.identifying.len());
    let shared = json(&view.profile);
    for value in [
        "Kari Nordmann",
        "kari@example.no",
        "Stavanger",
        "Equinor",
        "NTNU",
    ] {
        assert!(shared.contains(value), "{value} not shared");
    }
}
