//! Checking a form's draft: every problem saving it would meet, each at its field, both the
//! values the model refuses while reading and what validation finds in the rest.
//!
//! The cases of credits and dates are the ones the UI once checked on its own; the core
//! answers them now.

use candor_model::{
    check_draft, Application, DateReason, DraftKind, Problem, Profile, Timestamp, Validate,
    ValidationError, MAX_REFUSED_VALUES,
};
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "support/profiles.rs"]
mod profiles;

fn problems(kind: DraftKind, draft: &Value) -> Vec<ValidationError> {
    check_draft(kind, draft).expect("the draft has the shape of its kind")
}

/// A profile with one education whose one course has `credits`.
fn with_credits(credits: Value) -> Value {
    json!({
        "education": [{ "institution": "NTNU", "courses": [{ "title": "Algorithms", "credits": credits }] }]
    })
}

/// A profile with one education that started on `date`.
fn started(date: &str) -> Value {
    json!({ "education": [{ "institution": "NTNU", "startDate": date }] })
}

/// An application's fields as the new-application form sends them, next step on `date`.
fn next_step_on(date: &str) -> Value {
    json!({
        "company": "Vy", "position": "Tester", "link": "", "contact": null, "notes": null,
        "nextStep": "Send portfolio", "nextStepDate": date
    })
}

fn bad_date(value: &str, reason: DateReason) -> Problem {
    Problem::BadDate {
        value: value.into(),
        reason,
    }
}

#[test]
fn credits_the_model_reads_are_no_problem() {
    for credits in ["7.5", "10", "10.0", "0", "7,5", "0.125", " 7.5 ", "-0"] {
        assert_eq!(
            problems(DraftKind::Profile, &with_credits(json!(credits))),
            [],
            "{credits:?}"
        );
    }
    assert_eq!(
        problems(DraftKind::Profile, &with_credits(json!(7.5))),
        [],
        "a number"
    );
    let no_credits =
        json!({ "education": [{ "institution": "NTNU", "courses": [{ "title": "Algorithms" }] }] });
    assert_eq!(problems(DraftKind::Profile, &no_credits), []);
}

#[test]
fn empty_credits_are_refused_so_the_form_leaves_them_out() {
    assert_eq!(
        problems(DraftKind::Profile, &with_credits(json!(""))),
        [Problem::BadCredits { value: "".into() }.at("education[0].courses[0].credits")]
    );
}

#[test]
fn negative_credits_are_reported_at_their_course_with_their_value() {
    let draft = json!({
        "education": [{
            "institution": "NTNU",
            "courses": [{ "title": "Algorithms", "credits": "7.5" }, { "title": "Databases", "credits": "-5" }]
        }]
    });
    let found = problems(DraftKind::Profile, &draft);
    assert_eq!(
        found,
        [Problem::NegativeCredits { value: "-5".into() }.at("education[0].courses[1].credits")]
    );
    assert_eq!(
        serde_json::to_value(&found[0]).expect("serializes"),
        json!({
            "field": "education[0].courses[1].credits",
            "problem": { "code": "negative_credits", "value": "-5" }
        })
    );
    assert!(
        serde_json::from_value::<Profile>(draft).is_err(),
        "saving would refuse it while reading"
    );
}

#[test]
fn text_that_is_not_a_number_of_credits_is_bad_credits() {
    for credits in [
        "7.",
        "7.1234",
        "abc",
        "1e3",
        ".5",
        "7.5.5",
        "99999999999",
        "--1",
    ] {
        assert_eq!(
            problems(DraftKind::Profile, &with_credits(json!(credits))),
            [Problem::BadCredits {
                value: credits.into()
            }
            .at("education[0].courses[0].credits")],
            "{credits:?}"
        );
    }
}

#[test]
fn partial_dates_the_model_reads_are_no_problem() {
    for date in ["2019", "2019-06", "2019-06-29", "2024-02-29", "12.2026"] {
        assert_eq!(problems(DraftKind::Profile, &started(date)), [], "{date:?}");
    }
}

#[test]
fn a_refused_partial_date_says_why_at_its_field() {
    for (date, reason) in [
        ("2019-13", DateReason::MonthOutOfRange),
        ("1899", DateReason::YearOutOfRange),
        ("2023-02-29", DateReason::DayNotInMonth),
        ("19-06", DateReason::NotADate),
        ("2019/06", DateReason::NotADate),
        ("2019-6", DateReason::NotADate),
    ] {
        assert_eq!(
            problems(DraftKind::Profile, &started(date)),
            [bad_date(date, reason).at("education[0].startDate")],
            "{date:?}"
        );
    }
}

#[test]
fn the_dotted_form_norwegians_write_is_read_as_the_model_reads_it() {
    for day in ["15.12.2026", "5.3.2026"] {
        assert_eq!(
            problems(DraftKind::Application, &next_step_on(day)),
            [],
            "{day:?}"
        );
    }
    for (day, reason) in [
        ("12.2026", DateReason::Incomplete),
        ("31.02.2026", DateReason::DayNotInMonth),
        ("15.12.26", DateReason::NotADate),
    ] {
        assert_eq!(
            problems(DraftKind::Application, &next_step_on(day)),
            [bad_date(day, reason).at("nextStepDate")],
            "{day:?}"
        );
    }
}

#[test]
fn a_day_needs_all_three_parts() {
    assert_eq!(
        problems(DraftKind::Application, &next_step_on("2025-03-14")),
        []
    );
    let found = problems(DraftKind::Application, &next_step_on("2025-03"));
    assert_eq!(
        found,
        [bad_date("2025-03", DateReason::Incomplete).at("nextStepDate")]
    );
    assert_eq!(
        serde_json::to_value(&found[0]).expect("serializes"),
        json!({
            "field": "nextStepDate",
            "problem": { "code": "bad_date", "value": "2025-03", "reason": "incomplete" }
        })
    );
    assert_eq!(
        problems(DraftKind::Application, &next_step_on("2025-02-30")),
        [bad_date("2025-02-30", DateReason::DayNotInMonth).at("nextStepDate")]
    );
}

#[test]
fn an_application_needs_a_company_whether_empty_or_left_out() {
    let mut draft = next_step_on("2025-03-14");
    draft["company"] = json!("  ");
    assert_eq!(
        problems(DraftKind::Application, &draft),
        [Problem::Required.at("company")]
    );
    if let Some(fields) = draft.as_object_mut() {
        fields.remove("company");
    }
    assert_eq!(
        problems(DraftKind::Application, &draft),
        [Problem::Required.at("company")]
    );
}

#[test]
fn an_edited_application_is_checked_by_its_fields_and_its_bookkeeping_ignored() {
    let created = Timestamp::parse("2025-01-01T10:00:00Z").expect("a time");
    let mut draft =
        serde_json::to_value(Application::new("Bekk", "Consultant", created)).expect("serializes");
    assert_eq!(problems(DraftKind::Application, &draft), []);
    draft["nextStepDate"] = json!("2025-02-30");
    draft["position"] = json!("x".repeat(501));
    assert_eq!(
        problems(DraftKind::Application, &draft),
        [
            bad_date("2025-02-30", DateReason::DayNotInMonth).at("nextStepDate"),
            Problem::TooLong { max: 500 }.at("position"),
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once_refused_values_first() {
    let draft = json!({
        "person": { "name": "", "birthDate": "15/05/1995" },
        "education": [{
            "institution": "NTNU",
            "courses": [{
                "title": "Degree",
                "credits": "7,5",
                "children": [{ "title": "", "credits": "-1" }, { "title": "Lab", "credits": "abc" }]
            }]
        }],
        "work": [{ "name": "Vy", "startDate": "2020-13" }]
    });
    let found = problems(DraftKind::Profile, &draft);
    let (refused, invalid) = found.split_at(4);
    let mut refused = refused.to_vec();
    refused.sort_by(|a, b| a.field.cmp(&b.field));
    assert_eq!(
        refused,
        [
            Problem::NegativeCredits { value: "-1".into() }
                .at("education[0].courses[0].children[0].credits"),
            Problem::BadCredits {
                value: "abc".into()
            }
            .at("education[0].courses[0].children[1].credits"),
            bad_date("15/05/1995", DateReason::NotADate).at("person.birthDate"),
            bad_date("2020-13", DateReason::MonthOutOfRange).at("work[0].startDate"),
        ]
    );
    assert_eq!(
        invalid,
        [
            Problem::Required.at("person.name"),
            Problem::Required.at("education[0].courses[0].children[0].title"),
        ]
    );
}

#[test]
fn a_refused_value_is_left_out_of_validation_so_it_is_reported_once() {
    let draft = json!({ "education": [{ "institution": "NTNU", "startDate": "2020-13", "endDate": "2019" }] });
    assert_eq!(
        problems(DraftKind::Profile, &draft),
        [bad_date("2020-13", DateReason::MonthOutOfRange).at("education[0].startDate")],
        "no date-order problem with a start that could not be read"
    );
}

#[test]
fn a_refused_value_a_field_needs_takes_its_optional_parent_out_with_it() {
    let draft = json!({
        "education": [{
            "institution": "NTNU",
            "courses": [
                { "title": "Algorithms", "grade": { "scheme": "german", "label": "1.0" } },
                { "title": "", "credits": "-2" }
            ]
        }]
    });
    let found = problems(DraftKind::Profile, &draft);
    assert_eq!(
        found.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        [
            "education[0].courses[0].grade.scheme",
            "education[0].courses[1].credits",
            "education[0].courses[1].title",
        ]
    );
    assert_eq!(found[0].problem.code(), "not_one_of");
}

#[test]
fn a_draft_of_the_wrong_shape_is_unreadable_and_names_the_path_not_the_value() {
    let draft = json!({ "person": { "name": "Kari", "nationalId": { "country": "NO", "value": 15059500136u64 } } });
    let error = check_draft(DraftKind::Profile, &draft).expect_err("a number is not an id");
    assert_eq!(
        (error.kind, error.field.as_str()),
        (DraftKind::Profile, "person.nationalId.value")
    );
    assert!(!error.to_string().contains("15059500136"), "{error}");
    let error = check_draft(DraftKind::Application, &json!("Vy")).expect_err("not an object");
    assert_eq!(error.field, "");
}

#[test]
fn at_most_a_hundred_refused_values_are_reported() {
    let courses: Vec<Value> = (0..MAX_REFUSED_VALUES + 20)
        .map(|i| json!({ "title": format!("Course {i}"), "credits": "-1" }))
        .collect();
    let draft = json!({ "education": [{ "institution": "NTNU", "courses": courses }] });
    let found = problems(DraftKind::Profile, &draft);
    assert_eq!(found.len(), MAX_REFUSED_VALUES);
    assert!(found.iter().all(|e| e.problem.code() == "negative_credits"));
}

#[test]
fn draft_kinds_are_named_in_kebab_case() {
    assert_eq!(
        serde_json::to_value([DraftKind::Profile, DraftKind::Application]).expect("serializes"),
        json!(["profile", "application"])
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_valid_profile_has_no_problems(profile in profiles::profile()) {
        let draft = serde_json::to_value(&profile).expect("serializes");
        prop_assert_eq!(problems(DraftKind::Profile, &draft), vec![]);
    }

    #[test]
    fn a_readable_profile_has_exactly_the_problems_validation_finds(
        mut profile in profiles::profile(),
        blank in any::<bool>(),
    ) {
        // Make it invalid in a way reading cannot notice: a blank required field.
        if blank {
            if let Some(person) = profile.person.as_mut() {
                person.name = " ".into();
            }
        }
        let expected = profile.validate().err().map(|e| e.0).unwrap_or_default();
        let draft = serde_json::to_value(&profile).expect("serializes");
        prop_assert_eq!(problems(DraftKind::Profile, &draft), expected);
    }
}
