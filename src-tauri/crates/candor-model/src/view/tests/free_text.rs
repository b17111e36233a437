//! Free text in an anonymous view: what the scanner finds, removes and reports.

use super::*;

#[test]
fn free_text_hits_are_removed_and_each_listed_where_it_was() {
    let findings = anonymous(&[]).findings;
    let found: Vec<_> = findings
        .iter()
        .map(|f| (f.path.as_str(), f.kind, f.text.as_str()))
        .collect();
    use FindingKind::{Email, Name, Phone, Url};
    assert_eq!(
        found,
        [
            ("person.summary", Name, "Kari"),
            ("person.summary", Name, "Nordmann"),
            ("person.summary", Email, "kari.nordmann@example.com"),
            ("person.summary", Phone, "912 34 567"),
            ("person.summary", Url, "www.kari-nordmann.no"),
            (
                "education[0].courses[2].title",
                Url,
                "github.com/knordmann/thesis"
            ),
            ("work[0].highlights[1]", Name, "Nordmann"),
            ("work[0].highlights[1]", Phone, "+47 22 85 50 50"),
            ("work[1].highlights[0]", Name, "Kari"),
        ]
    );
    let profile = anonymous(&[]).profile;
    assert_eq!(
        profile.work[0].highlights[1],
        "Ask [removed]'s manager at [removed]"
    );
    assert_eq!(
        profile.education[0].courses[2].title,
        "Master's project, see [removed]"
    );
}

#[test]
fn fluency_in_words_is_scanned_like_other_text() {
    let mut profile = kari();
    profile.languages[0].fluency = Fluency::Described("Native, ask Kari".into());
    let view = project(&profile, &[], &ViewChoice::new(ViewKind::Anonymous)).expect("a view");
    assert_eq!(
        view.profile.languages[0].fluency,
        Fluency::Described("Native, ask [removed]".into())
    );
    assert!(view
        .findings
        .iter()
        .any(|f| f.path == "languages[0].fluency" && f.text == "Kari"));
}

#[test]
fn a_shared_name_is_no_longer_removed_from_free_text() {
    let view = anonymous(&["person.givenName"]);
    let summary = view.profile.person.expect("person").summary;
    assert!(
        summary.starts_with("Kari [removed] here"),
        "the given name stays, the family name goes: {summary}"
    );
}

#[test]
fn findings_name_the_seekers_paths_and_fields_the_views() {
    let view = view(ViewKind::Anonymous, &[], &["work[0]"]);
    assert!(view.findings.iter().all(|f| !f.path.starts_with("work[0]")));
    assert!(view
        .findings
        .iter()
        .any(|f| f.path == "work[1].highlights[0]"));
    assert!(view.fields.contains(&"work[0].highlights[0]".to_owned()));
    assert_eq!(
        view.profile.work[0].highlights,
        ["Mapped fjords with [removed]'s team"]
    );
}

/// A seeker educated at Universitetet i Oslo whose summary says "UiO" and names a course
/// by a code only UiO uses: both are removed and listed, like her name would be.
#[test]
fn an_institutions_abbreviation_and_its_course_code_prefix_are_found_in_free_text() {
    let mut profile = kari();
    profile.education[0].institution = "Universitetet i Oslo".into();
    profile.education[0].courses[0].code = "IN1000".into();
    if let Some(person) = profile.person.as_mut() {
        person.summary = "Teaching assistant at UiO for IN2010 since 2021.".into();
    }
    let view = project(&profile, &[], &ViewChoice::new(ViewKind::Anonymous)).expect("a view");
    let found: Vec<_> = view
        .findings
        .iter()
        .filter(|f| f.path == "person.summary")
        .map(|f| (f.kind, f.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (FindingKind::Organisation, "UiO"),
            (FindingKind::CourseCode, "IN2010")
        ]
    );
    let summary = view.profile.person.expect("person").summary;
    assert_eq!(
        summary,
        "Teaching assistant at [removed] for [removed] since 2021."
    );

    let shared = ViewChoice {
        include: vec!["education[0].institution".into()],
        ..ViewChoice::new(ViewKind::Anonymous)
    };
    let view = project(&profile, &[], &shared).expect("a view");
    assert!(
        view.findings
            .iter()
            .all(|f| f.kind != FindingKind::Organisation && f.kind != FindingKind::CourseCode),
        "an institution the view shares is not removed from free text: {:?}",
        view.findings
    );
}

/// A cover letter sent with an anonymous view is scanned like the view's own free text:
/// the seeker's name, e-mail and a withheld institution's abbreviation go, bold or not.
#[test]
fn an_anonymous_shares_cover_letter_loses_what_names_the_seeker() {
    let mut profile = kari();
    profile.education[0].institution = "Universitetet i Oslo".into();
    let mut letter = crate::CoverLetter::parse(
        "I am **Kari Nordmann**, a graduate of UiO.\n\n- Write to kari.nordmann@example.com",
    );
    letter.salutation = "Dear Aker BP,".into();
    let anonymous = ViewChoice::new(ViewKind::Anonymous);
    let findings = scan_cover_letter(&profile, &anonymous, &mut letter).expect("scanned");
    let found: Vec<_> = findings
        .iter()
        .map(|f| (f.path.as_str(), f.kind, f.text.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (COVER_LETTER_PATH, FindingKind::Name, "Kari"),
            (COVER_LETTER_PATH, FindingKind::Name, "Nordmann"),
            (COVER_LETTER_PATH, FindingKind::Organisation, "UiO"),
            (
                COVER_LETTER_PATH,
                FindingKind::Email,
                "kari.nordmann@example.com"
            ),
        ]
    );
    assert_eq!(
        letter.to_plain(),
        "I am **[removed] [removed]**, a graduate of [removed].\n\n- Write to [removed]"
    );
    assert_eq!(letter.salutation, "Dear Aker BP,");

    let mut full_letter = crate::CoverLetter::parse("I am Kari Nordmann.");
    let full = ViewChoice::new(ViewKind::Full);
    let findings = scan_cover_letter(&profile, &full, &mut full_letter).expect("scanned");
    assert!(findings.is_empty());
    assert_eq!(full_letter.to_plain(), "I am Kari Nordmann.");
}
