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

mod anonymous_view;
mod attachments;
mod free_text;
mod full_view;
mod identifying;
mod include_exclude;
mod refusals;
mod serialization;
