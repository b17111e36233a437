//! Every record type survives JSON unchanged, and a complete profile validates.

use std::fmt::Debug;

use candor_model::{
    Address, Application, ApplicationStatus, Award, CefrLevel, Certificate, Classification,
    DistributionEntry, Document, DocumentKind, Education, Fluency, Grade, GradeDistribution,
    GradeScheme, Interest, InterestKind, Language, LearningOpportunity, NationalId, Person,
    Problem, Profile, Project, Publication, Record, Reference, Skill, SocialProfile, Timestamp,
    Validate, ValidationErrors, Volunteer, Work, ALL_KINDS,
};

fn round_trip<T: Record + PartialEq + Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&json).expect("reads back");
    assert_eq!(&back, value, "{} survives JSON: {json}", T::KIND);
    assert!(ALL_KINDS.contains(&T::KIND), "{} is listed", T::KIND);
    if let Err(errors) = value.validate() {
        panic!("the {} fixture is valid, but: {errors}", T::KIND);
    }
}

fn date(s: &str) -> Option<candor_model::PartialDate> {
    Some(s.parse().expect("valid date"))
}

fn at(s: &str) -> Timestamp {
    Timestamp::parse(s).expect("valid time")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn profile() -> Profile {
    Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            label: "Data engineer".into(),
            email: "kari@example.no".into(),
            phone: "+47 912 34 567".into(),
            url: "https://kari.example.no".into(),
            summary: "Pipelines, Rust and Postgres.".into(),
            birth_date: Some("1995-05-15".parse().expect("valid day")),
            gender: Some("female".into()),
            national_id: Some(NationalId::new("NO", "150595 00136").expect("valid number")),
            photo: Some("doc-photo".into()),
            addresses: vec![Address {
                address: "Storgata 1".into(),
                postal_code: "0155".into(),
                city: "Oslo".into(),
                country_code: "NO".into(),
                region: "Oslo".into(),
            }],
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                username: "kari".into(),
                url: "https://github.com/kari".into(),
            }],
        }),
        education: vec![Education {
            institution: "NTNU".into(),
            programme: "Computer Science".into(),
            degree: "Master".into(),
            start_date: date("2018-08"),
            end_date: date("2020-06-15"),
            url: "https://www.ntnu.no".into(),
            score: "B".into(),
            courses: vec![LearningOpportunity {
                code: "MTDT".into(),
                title: "Master of Science in Computer Science".into(),
                kind: Some("degree".into()),
                credits: Some("120".parse().expect("valid credits")),
                children: vec![LearningOpportunity {
                    code: "TDT4120".into(),
                    title: "Algorithms and Data Structures".into(),
                    kind: Some("course".into()),
                    credits: Some("7.5".parse().expect("valid credits")),
                    grade: Some(Grade::new(GradeScheme::Ects, "a").expect("valid grade")),
                    status: Some("passed".into()),
                    date: date("2018-12-13"),
                    term: Some("Autumn 2018".into()),
                    classifications: vec![Classification {
                        scheme: "ISCED-F".into(),
                        value: "0613".into(),
                    }],
                    distribution: Some(GradeDistribution {
                        entries: vec![
                            DistributionEntry {
                                label: "A".into(),
                                count: 12,
                            },
                            DistributionEntry {
                                label: "B".into(),
                                count: 40,
                            },
                        ],
                    }),
                    children: Vec::new(),
                }],
                ..Default::default()
            }],
        }],
        work: vec![Work {
            name: "Equinor".into(),
            position: "Data engineer".into(),
            url: "https://www.equinor.com".into(),
            start_date: date("2020-08"),
            end_date: None,
            summary: "Built the metering pipeline.".into(),
            highlights: strings(&["Cut batch time from 6 h to 20 min"]),
            location: "Stavanger".into(),
            description: "Energy company".into(),
            industry: "Energy".into(),
        }],
        skills: vec![Skill {
            name: "Rust".into(),
            category: "Programming languages".into(),
            level: "Advanced".into(),
            keywords: strings(&["async", "serde"]),
        }],
        languages: vec![
            Language {
                language: "Norwegian".into(),
                fluency: Fluency::Described("Native speaker".into()),
            },
            Language {
                language: "English".into(),
                fluency: Fluency::Cefr(CefrLevel::C1),
            },
        ],
        interests: vec![Interest {
            name: "Renewable energy".into(),
            keywords: strings(&["wind", "hydro"]),
            kind: Some(InterestKind::Industry),
        }],
        projects: vec![Project {
            name: "Candor".into(),
            description: "A vault for job seekers".into(),
            highlights: strings(&["Encrypted at rest"]),
            keywords: strings(&["Tauri"]),
            start_date: date("2024"),
            end_date: date("2024-12"),
            url: "https://example.org/candor".into(),
            roles: strings(&["Maintainer"]),
            entity: "Self".into(),
            kind: "application".into(),
        }],
        certificates: vec![Certificate {
            name: "AWS Certified Developer".into(),
            date: date("2022-03-01"),
            issuer: "Amazon".into(),
            url: "https://aws.example/cert".into(),
        }],
        awards: vec![Award {
            title: "Best thesis".into(),
            date: date("2020-06"),
            awarder: "NTNU".into(),
            summary: "For work on streaming joins.".into(),
        }],
        publications: vec![Publication {
            name: "Streaming joins in practice".into(),
            publisher: "NIK".into(),
            release_date: date("2020-11"),
            url: "https://example.org/paper".into(),
            summary: "An evaluation.".into(),
        }],
        volunteer: vec![Volunteer {
            organization: "Kodeklubben".into(),
            position: "Mentor".into(),
            url: "https://kidsakoder.no".into(),
            start_date: date("2019"),
            end_date: date("2021"),
            summary: "Taught children to code.".into(),
            highlights: strings(&["Ran 20 sessions"]),
        }],
        references: vec![Reference {
            name: "Ola Nordmann".into(),
            reference: "Kari is thorough.".into(),
        }],
    }
}

#[test]
fn every_record_type_round_trips_through_json_and_validates() {
    let profile = profile();
    round_trip(profile.person.as_ref().expect("fixture has a person"));
    profile.education.iter().for_each(round_trip);
    profile.work.iter().for_each(round_trip);
    profile.skills.iter().for_each(round_trip);
    profile.languages.iter().for_each(round_trip);
    profile.interests.iter().for_each(round_trip);
    profile.projects.iter().for_each(round_trip);
    profile.certificates.iter().for_each(round_trip);
    profile.awards.iter().for_each(round_trip);
    profile.publications.iter().for_each(round_trip);
    profile.volunteer.iter().for_each(round_trip);
    profile.references.iter().for_each(round_trip);

    round_trip(&Document {
        kind: DocumentKind::Transcript,
        file_name: "Vitnemål.pdf".into(),
        media_type: "application/pdf".into(),
        size: 120_000,
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".into(),
        added_at: at("2024-05-01T12:00:00Z"),
        note: None,
        signed: true,
        holds_identity: true,
    });

    let mut application = Application::new("Equinor", "Data engineer", at("2024-05-01T09:00:00Z"));
    application
        .move_to(ApplicationStatus::Applied, at("2024-05-02T09:00:00Z"), None)
        .expect("draft to applied");
    round_trip(&application);
}

#[test]
fn complete_profile_round_trips_and_validates() {
    let profile = profile();
    let json = serde_json::to_string_pretty(&profile).expect("serializes");
    let back: Profile = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, profile);
    if let Err(errors) = profile.validate() {
        panic!("the fixture is valid, but: {errors}");
    }
}

#[test]
fn complete_profile_debug_does_not_contain_the_national_id() {
    let debug = format!("{:?}", profile());
    assert!(
        !debug.contains("15059500136"),
        "the national id leaked into Debug"
    );
}

#[test]
fn validation_errors_round_trip_and_keep_their_codes() {
    let mut profile = profile();
    profile.work[0].end_date = date("2019");
    profile.skills[0].name.clear();
    let errors = profile.validate().expect_err("two problems");
    assert_eq!(
        errors.to_string(),
        "work[0].endDate: the end date is before the start date; correct one of them\n\
         skills[0].name: this field is required; fill it in"
    );
    let json = serde_json::to_string(&errors).expect("serializes");
    assert_eq!(
        json,
        r#"[{"field":"work[0].endDate","problem":{"code":"date_order"}},{"field":"skills[0].name","problem":{"code":"required"}}]"#
    );
    assert_eq!(
        serde_json::from_str::<ValidationErrors>(&json).expect("reads"),
        errors
    );
    assert_eq!(errors.0[0].problem, Problem::DateOrder);
}
