//! Views, rule by rule, on one seeker with something in every section.

use serde_json::Value;

use super::*;
use crate::{
    Address, Award, Certificate, DistributionEntry, DocumentKind, Education, Fluency, Grade,
    GradeDistribution, GradeScheme, Interest, InterestKind, Language, LearningOpportunity,
    NationalId, Person, Project, Publication, Reference, Skill, SocialProfile, Timestamp,
    Volunteer, Work,
};

const NATIONAL_ID: &str = "15059500136";

fn date<T: FromStr>(text: &str) -> T
where
    T::Err: fmt::Debug,
{
    text.parse().expect("a valid date in the fixture")
}

fn course(code: &str, title: &str, grade: &str) -> LearningOpportunity {
    LearningOpportunity {
        code: code.into(),
        title: title.into(),
        credits: Some("7.5".parse().expect("valid credits")),
        grade: Some(Grade::new(GradeScheme::Ects, grade).expect("valid grade")),
        ..Default::default()
    }
}

/// Kari, with every section filled in and her identity scattered through the free text.
fn kari() -> Profile {
    let mut algorithms = course("TDT4120", "Algorithms", "A");
    algorithms.date = Some(date("2019-12-13"));
    algorithms.distribution = Some(GradeDistribution {
        entries: vec![DistributionEntry {
            label: "A".into(),
            count: 4,
        }],
    });
    let mut databases = course("TDT4145", "Databases", "C");
    databases.term = Some("Vår 2019".into());
    let thesis = course(
        "IT3920",
        "Master's project, see github.com/knordmann/thesis",
        "B",
    );
    Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            label: "Backend developer".into(),
            email: "kari@example.no".into(),
            phone: "+47 912 34 567".into(),
            url: "https://kari.example.no".into(),
            summary: "Kari Nordmann here: ten years of Rust. Reach me at kari.nordmann@example.com, 912 34 567 or www.kari-nordmann.no.".into(),
            birth_date: Some(date("1995-05-15")),
            gender: Some("female".into()),
            national_id: Some(NationalId::new("NO", NATIONAL_ID).expect("valid number")),
            photo: Some("photo-1".into()),
            addresses: vec![Address {
                address: "Storgata 1".into(),
                postal_code: "0155".into(),
                city: "Oslo".into(),
                country_code: "NO".into(),
                region: "Oslo".into(),
            }],
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                username: "knordmann".into(),
                url: "https://github.com/knordmann".into(),
            }],
        }),
        education: vec![Education {
            institution: "NTNU".into(),
            programme: "Informatics".into(),
            degree: "Master".into(),
            start_date: Some(date("2015-08")),
            end_date: Some(date("2020-06-15")),
            url: "https://www.ntnu.no".into(),
            score: "B".into(),
            courses: vec![algorithms, databases, thesis],
        }],
        work: vec![
            Work {
                name: "Equinor".into(),
                position: "Backend developer".into(),
                url: "https://equinor.com".into(),
                start_date: Some(date("2020-08-01")),
                summary: "Built data pipelines.".into(),
                highlights: vec![
                    "Led the migration".into(),
                    "Ask Nordmann's manager at +47 22 85 50 50".into(),
                ],
                location: "Stavanger".into(),
                description: "Norway's largest energy company".into(),
                industry: "Energy".into(),
                ..Default::default()
            },
            Work {
                name: "Kartverket".into(),
                position: "Intern".into(),
                start_date: Some(date("2019-06")),
                end_date: Some(date("2019-08")),
                highlights: vec!["Mapped fjords with Kari's team".into()],
                industry: "Public sector".into(),
                ..Default::default()
            },
            Work {
                name: "Acme AS".into(),
                position: "Consultant".into(),
                industry: "Consulting".into(),
                ..Default::default()
            },
        ],
        skills: vec![
            Skill {
                name: "Rust".into(),
                level: "Expert".into(),
                keywords: vec!["Tokio".into(), "Serde".into()],
                ..Default::default()
            },
            Skill {
                name: "Postgres".into(),
                ..Default::default()
            },
        ],
        languages: vec![Language {
            language: "English".into(),
            fluency: Fluency::Cefr(crate::CefrLevel::C1),
        }],
        interests: vec![Interest {
            name: "Renewable energy".into(),
            kind: Some(InterestKind::Industry),
            ..Default::default()
        }],
        projects: vec![Project {
            name: "Candor".into(),
            description: "A vault for job seekers".into(),
            url: "https://github.com/knordmann/candor".into(),
            entity: "Bergen kommune".into(),
            ..Default::default()
        }],
        certificates: vec![Certificate {
            name: "Solutions Architect".into(),
            date: Some(date("2021-03-04")),
            issuer: "Amazon".into(),
            url: "https://credly.com/badges/123".into(),
        }],
        awards: vec![Award {
            title: "Best thesis".into(),
            date: Some(date("2020")),
            awarder: "Tekna".into(),
            summary: "For work on grades".into(),
        }],
        publications: vec![Publication {
            name: "On grades".into(),
            publisher: "Springer".into(),
            release_date: Some(date("2021-03")),
            url: "https://doi.org/10.1000/182".into(),
            summary: "How grades travel".into(),
        }],
        volunteer: vec![Volunteer {
            organization: "Røde Kors".into(),
            position: "Mentor".into(),
            url: "https://rodekors.no".into(),
            ..Default::default()
        }],
        references: vec![Reference {
            name: "Ola Hansen".into(),
            reference: "A careful engineer.".into(),
        }],
    }
}

/// Everything in [`kari`] that says who she is or where; none may be in an anonymous view.
const IDENTIFYING: &[&str] = &[
    "kari",
    "nordmann",
    "912 34 567",
    "22 85 50 50",
    "1995",
    "female",
    "photo-1",
    "storgata",
    "0155",
    "oslo",
    "github.com",
    "equinor",
    "stavanger",
    "largest energy",
    "ntnu",
    "kartverket",
    "acme",
    "bergen",
    "amazon",
    "credly",
    "tekna",
    "springer",
    "doi.org",
    "røde kors",
    "rodekors",
    "ola hansen",
    "careful engineer",
    NATIONAL_ID,
];

fn document(file_name: &str, signed: bool, holds_identity: bool) -> Document {
    Document {
        kind: DocumentKind::Other,
        file_name: file_name.into(),
        media_type: "application/pdf".into(),
        size: 1,
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
        added_at: Timestamp::parse("2024-05-01T12:00:00Z").expect("valid time"),
        note: None,
        signed,
        holds_identity,
    }
}

/// A CV, a signed transcript that holds Kari's identity, and a signed diploma that does not.
fn documents() -> Vec<SharedDocument> {
    [
        ("cv-1", document("CV.pdf", false, false)),
        ("transcript-1", document("Transcript.xml", true, true)),
        ("diploma-1", document("Diploma.pdf", true, false)),
    ]
    .into_iter()
    .map(|(id, document)| SharedDocument {
        id: id.into(),
        document,
    })
    .collect()
}

fn choice(kind: ViewKind, include: &[&str], exclude: &[&str]) -> ViewChoice {
    ViewChoice {
        kind,
        include: include.iter().map(|p| p.to_string()).collect(),
        exclude: exclude.iter().map(|p| p.to_string()).collect(),
    }
}

fn view(kind: ViewKind, include: &[&str], exclude: &[&str]) -> View {
    project(&kari(), &documents(), &choice(kind, include, exclude)).expect("a valid choice")
}

fn anonymous(include: &[&str]) -> View {
    view(ViewKind::Anonymous, include, &[])
}

fn anonymous_with(include: &[&str], exclude: &[&str]) -> View {
    view(ViewKind::Anonymous, include, exclude)
}

fn view_full() -> View {
    view(ViewKind::Full, &[], &[])
}

fn refusal(kind: ViewKind, include: &[&str], exclude: &[&str]) -> String {
    project(&kari(), &documents(), &choice(kind, include, exclude))
        .expect_err("the choice is refused")
        .to_string()
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("serializes")
}

fn quasi(view: &View) -> Vec<(&str, QuasiIdentifierKind)> {
    let quasi = &view.quasi_identifiers;
    quasi.iter().map(|q| (q.path.as_str(), q.kind)).collect()
}

/// The paths of every leaf of `json`: `education[0].courses[0].grade.label`.
fn leaves(json: &Value, at: String, into: &mut Vec<String>) {
    match json {
        Value::Object(fields) => {
            for (key, value) in fields {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                leaves(value, path, into);
            }
        }
        Value::Array(entries) => {
            for (i, value) in entries.iter().enumerate() {
                leaves(value, format!("{at}[{i}]"), into);
            }
        }
        _ => into.push(at),
    }
}

#[test]
fn national_id_is_in_no_view_even_when_everything_is_asked_for() {
    for kind in ViewKind::ALL {
        let everything = view(kind, &["person", "documents[cv-1]"], &[]);
        let sent = json(&everything);
        assert!(!sent.contains(NATIONAL_ID), "{kind} view leaked the number");
        assert!(!sent.contains("nationalId"), "{kind} view names the field");
    }
    for path in ["person.nationalId", "person.nationalId.value"] {
        for kind in ViewKind::ALL {
            let message = format!("{path} cannot be shared: the national identity number never goes into a view, whatever the view; leave it out");
            assert_eq!(refusal(kind, &[path], &[]), message);
            assert_eq!(refusal(kind, &[], &[path]), message);
        }
    }
}

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
    }));
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

#[test]
fn full_view_attaches_only_included_documents_and_warns_about_originals() {
    let view = view(
        ViewKind::Full,
        &["documents[transcript-1]", "documents[cv-1]"],
        &[],
    );
    assert_eq!(
        view.documents,
        ["cv-1", "transcript-1"],
        "in the order offered"
    );
    let tail = &view.fields[view.fields.len() - 2..];
    assert_eq!(tail, ["documents[cv-1]", "documents[transcript-1]"]);
    assert_eq!(
        view.warnings,
        [ViewWarning {
            path: "documents[transcript-1]".into(),
            kind: ViewWarningKind::IssuerOriginal,
            message: "\"Transcript.xml\" is an issuer's original: it carries your national identity number, name and birth date, and its signature would break if they were redacted, so it goes as it is".into(),
        }]
    );
    let signed = self::view(ViewKind::Full, &["documents[diploma-1]"], &[]);
    assert_eq!(
        signed.warnings.len(),
        1,
        "a signed document is warned about too"
    );
    assert!(
        signed.quasi_identifiers.is_empty(),
        "a full view lists none"
    );
}

#[test]
fn anonymous_view_refuses_a_document_that_holds_the_identity() {
    assert_eq!(
        refusal(ViewKind::Anonymous, &["documents[transcript-1]"], &[]),
        "document \"transcript-1\" holds your national identity number, name and birth date, so it never goes into an anonymous view; share it in a full view, or leave documents[transcript-1] out"
    );
}

#[test]
fn anonymous_attachments_are_listed_as_identifying() {
    let view = anonymous(&["documents[cv-1]", "documents[diploma-1]"]);
    assert_eq!(view.documents, ["cv-1", "diploma-1"]);
    let attachments: Vec<_> = quasi(&view)
        .into_iter()
        .filter(|(_, kind)| *kind == QuasiIdentifierKind::Attachment)
        .collect();
    assert_eq!(
        attachments,
        [
            ("documents[cv-1]", QuasiIdentifierKind::Attachment),
            ("documents[diploma-1]", QuasiIdentifierKind::Attachment),
        ]
    );
    let warned: Vec<_> = view.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        warned,
        ["documents[diploma-1]"],
        "its signature forbids redaction"
    );
}

#[test]
fn document_not_offered_is_refused() {
    assert_eq!(
        refusal(ViewKind::Full, &["documents[nope]"], &[]),
        "there is no document \"nope\" among the 3 offered; offer it, or leave documents[nope] out"
    );
}

#[test]
fn paths_that_name_nothing_are_refused_saying_what_is_there() {
    let cases = [
        ("work[7]", "there is no work[7]: the profile has 3 work entries"),
        ("work[x]", "\"work[x]\" is not a field path; write one like education[1].courses[0].title, or documents[<id>] for an attachment"),
        ("", "\"\" is not a field path; write one like education[1].courses[0].title, or documents[<id>] for an attachment"),
        ("education[0].courses[9].title", "there is no education[0].courses[9]: education[0] has 3 courses entries"),
        ("languages[1]", "there is no languages[1]: the profile has 1 languages entry"),
        ("person.fax", "there is no person.fax: person has addresses, birthDate, email, familyName, gender, givenName, label, name, phone, photo, profiles, summary and url"),
        ("skils", "there is no skils: the profile has awards, certificates, education, interests, languages, person, projects, publications, references, skills, volunteer and work"),
        ("work.name", "there is no work.name: work is a list; name an entry, like work[0].name"),
        ("person[0]", "there is no person[0]: person is not a list"),
        ("person.name.first", "there is no person.name.first: person.name is a single value; choose person.name as a whole"),
        ("work[2].url", "there is no work[2].url: work[2] has industry, name and position"),
    ];
    for (path, message) in cases {
        assert_eq!(
            refusal(ViewKind::Anonymous, &[path], &[]),
            message,
            "include {path}"
        );
        assert_eq!(
            refusal(ViewKind::Full, &[], &[path]),
            message,
            "exclude {path}"
        );
    }
}

#[test]
fn fields_are_paths_into_the_view_and_never_values() {
    let view = anonymous(&["documents[cv-1]"]);
    for expected in [
        "person.label",
        "education[0].courses[2].grade",
        "skills[0].keywords[0]",
        "documents[cv-1]",
    ] {
        assert!(view.fields.contains(&expected.to_owned()), "{expected}");
    }
    let fields = view.fields.join(" ");
    for value in [
        "Backend",
        "Rust",
        "TDT4120",
        "Informatics",
        "[removed]",
        "@",
    ] {
        assert!(!fields.contains(value), "a value in the fields: {value}");
    }
    let profile_fields: Vec<String> = view
        .fields
        .iter()
        .filter(|f| !f.starts_with("documents["))
        .cloned()
        .collect();
    let every_field = ViewChoice {
        kind: ViewKind::Full,
        include: profile_fields,
        exclude: Vec::new(),
    };
    assert!(
        Paths::read(&view.profile, &every_field).is_ok(),
        "each field names something in the view's profile"
    );
}

#[test]
fn same_choice_gives_the_same_view() {
    let include = ["person.email", "work[0]", "documents[cv-1]"];
    let first = anonymous(&include);
    let second = anonymous(&include);
    assert_eq!(first, second);
    assert_eq!(json(&first), json(&second));
}

#[test]
fn include_changes_nothing_in_a_full_view_but_attachments() {
    assert_eq!(
        view(ViewKind::Full, &["person.email", "work[0]"], &[]),
        view_full()
    );
}

#[test]
fn view_kind_reads_and_writes_its_name() {
    for kind in ViewKind::ALL {
        assert_eq!(kind.to_string().parse(), Ok(kind));
        assert_eq!(json(&kind), format!("\"{kind}\""));
    }
    assert_eq!(
        "open".parse::<ViewKind>().expect_err("unknown").to_string(),
        "\"open\" is not one of anonymous, full; use one of them"
    );
}

#[test]
fn view_serializes_in_camel_case_and_reads_back() {
    let view = anonymous(&["documents[cv-1]"]);
    let value = serde_json::to_value(&view).expect("serializes");
    assert_eq!(value["kind"], "anonymous");
    assert_eq!(value["findings"][0]["kind"], "name");
    assert_eq!(value["quasiIdentifiers"][0]["kind"], "courseCode");
    let back: View = serde_json::from_value(value).expect("reads back");
    assert_eq!(back, view);
    let choice: ViewChoice = serde_json::from_str(r#"{"kind":"full"}"#).expect("reads");
    assert_eq!(choice, ViewChoice::new(ViewKind::Full));
}

#[test]
fn view_error_serializes_with_its_code() {
    let error = project(&kari(), &[], &choice(ViewKind::Full, &["work[7]"], &[]))
        .expect_err("no such entry");
    let value = serde_json::to_value(&error).expect("serializes");
    assert_eq!(
        value,
        serde_json::json!({"code": "no_such_entry", "path": "work[7]", "owner": "", "list": "work", "count": 3})
    );
    assert_eq!(value["code"], error.code());
    assert_eq!(
        serde_json::from_value::<ViewError>(value).expect("reads"),
        error
    );
}

mod identifying;
