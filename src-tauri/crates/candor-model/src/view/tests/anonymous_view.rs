//! The anonymous view: what it keeps, what it drops, and what could still identify the seeker.

use super::*;

#[test]
fn anonymous_view_carries_none_of_the_identifying_strings() {
    let anonymous = anonymous(&[]);
    let sent = json(&anonymous.profile).to_lowercase();
    for identifying in IDENTIFYING {
        assert!(!sent.contains(identifying), "{identifying} is in {sent}");
    }
    let fields = anonymous.fields.join(" ").to_lowercase();
    for identifying in IDENTIFYING {
        assert!(
            !fields.contains(identifying),
            "{identifying} is in the fields"
        );
    }
    assert!(
        anonymous.profile.references.is_empty(),
        "references stay out"
    );
    assert!(anonymous.documents.is_empty(), "attachments stay out");
}

#[test]
fn anonymous_view_keeps_education_skills_and_experience_by_role() {
    let profile = anonymous(&[]).profile;
    let education = &profile.education[0];
    assert_eq!(education.institution, "", "the institution is not named");
    assert_eq!(
        (education.programme.as_str(), education.degree.as_str()),
        ("Informatics", "Master")
    );
    let grades: Vec<_> = education.courses.iter().map(|c| &c.grade).collect();
    assert_eq!(grades.len(), 3);
    assert_eq!(education.courses[0].code, "TDT4120");
    let roles: Vec<_> = profile
        .work
        .iter()
        .map(|w| (w.name.as_str(), w.position.as_str(), w.industry.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("", "Backend developer", "Energy"),
            ("", "Intern", "Public sector"),
            ("", "Consultant", "Consulting")
        ]
    );
    assert_eq!(profile.skills, kari().skills);
    assert_eq!(profile.languages, kari().languages);
    assert_eq!(profile.interests, kari().interests);
    assert_eq!(profile.volunteer[0].position, "Mentor");
    assert_eq!(profile.certificates[0].issuer, "");
}

#[test]
fn anonymous_person_keeps_only_headline_and_summary_with_an_empty_name() {
    let person = anonymous(&[]).profile.person.expect("headline and summary");
    assert_eq!(
        person,
        Person {
            name: String::new(),
            label: "Backend developer".into(),
            summary: "[removed] [removed] here: ten years of Rust. Reach me at [removed], [removed] or [removed].".into(),
            ..Default::default()
        }
    );
    let json = json(&person);
    assert!(json.starts_with(r#"{"name":"","label":"#), "{json}");
    assert_eq!(
        serde_json::from_str::<Person>(&json).expect("reads back"),
        person
    );
}

#[test]
fn person_with_nothing_left_to_share_is_left_out() {
    let profile = Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            email: "kari@example.no".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let view = project(&profile, &[], &ViewChoice::new(ViewKind::Anonymous)).expect("a view");
    assert_eq!(view.profile.person, None);
    assert_eq!(json(&view.profile), "{}");
    assert!(view.fields.is_empty());
}

#[test]
fn anonymous_days_go_to_the_month_unless_included() {
    let view = anonymous(&["work[0].startDate"]);
    let education = &view.profile.education[0];
    assert_eq!(education.end_date, Some(date("2020-06")));
    assert_eq!(education.courses[0].date, Some(date("2019-12")));
    assert_eq!(view.profile.certificates[0].date, Some(date("2021-03")));
    assert_eq!(view.profile.work[0].start_date, Some(date("2020-08-01")));
    assert!(quasi(&view).contains(&("work[0].startDate", QuasiIdentifierKind::ExactDate)));
    let full = view_full();
    assert_eq!(full.profile.education[0].end_date, Some(date("2020-06-15")));
}

#[test]
fn anonymous_view_lists_what_could_still_identify_the_seeker() {
    let view = anonymous(&[]);
    use QuasiIdentifierKind::{CareerHistory, CourseCode, GradedCourse, Searchable};
    assert_eq!(
        quasi(&view),
        [
            ("education[0].courses", CourseCode),
            ("education[0].courses", GradedCourse),
            ("work", CareerHistory),
            ("projects[0]", Searchable),
            ("awards[0]", Searchable),
            ("publications[0]", Searchable),
        ]
    );
    assert_eq!(
        view.quasi_identifiers[0].note,
        "3 course codes, such as TDT4120, name the institution even where its name is left out"
    );
    assert_eq!(
        view.quasi_identifiers[1].note,
        "2 courses with a grade and a date: in a small class, course, grade and date together can point to one person; the grade distributions show how few got each grade"
    );
}
