//! Every model type goes into the vault and comes back out the same, across lock and
//! reopen; search, validation and the singleton person behave.

mod common;

use candor_model::*;
use candor_vault::{ApplicationQuery, NewDocument, VaultError};
use common::Fixture;

fn course(code: &str, title: &str, credits: &str, grade: &str) -> LearningOpportunity {
    LearningOpportunity {
        code: code.into(),
        title: title.into(),
        kind: Some("course".into()),
        credits: Some(credits.parse().expect("credits")),
        grade: Some(Grade::guess(grade)),
        date: Some("2021-06-15".parse().expect("date")),
        term: Some("Vår 2021".into()),
        classifications: vec![Classification {
            scheme: "NUS".into(),
            value: "654110".into(),
        }],
        distribution: Some(GradeDistribution {
            entries: ["A", "B", "C", "D", "E", "F"]
                .iter()
                .zip([5, 20, 30, 20, 10, 5])
                .map(|(label, count)| DistributionEntry {
                    label: (*label).into(),
                    count,
                })
                .collect(),
        }),
        ..LearningOpportunity::default()
    }
}

/// Kari with every field set, so that each one must survive the round trip.
fn person() -> Person {
    candor_testkit::person().build()
}

fn education() -> Education {
    Education {
        institution: "Universitetet i Oslo".into(),
        programme: "Informatikk".into(),
        degree: "Bachelor".into(),
        start_date: Some("2019-08".parse().expect("date")),
        end_date: Some("2022-06".parse().expect("date")),
        courses: vec![LearningOpportunity {
            title: "Programming".into(),
            kind: Some("module group".into()),
            children: vec![
                course("IN1000", "Introduction to programming", "10", "B"),
                course("IN1010", "Object-oriented programming", "10", "A"),
            ],
            ..LearningOpportunity::default()
        }],
        ..Education::default()
    }
}

#[test]
fn every_record_type_round_trips_across_lock_and_reopen() {
    let (fixture, mut vault, _) = Fixture::new();
    vault.set_person(&person()).expect("person");
    let education_id = vault.insert(&education()).expect("education");
    let work = Work {
        name: "Equinor".into(),
        position: "Intern".into(),
        start_date: Some("2021-06".parse().expect("date")),
        highlights: vec!["Built a pipeline".into()],
        ..Work::default()
    };
    let work_id = vault.insert(&work).expect("work");
    let skill = Skill {
        name: "Rust".into(),
        category: "Programming".into(),
        level: "Advanced".into(),
        keywords: vec!["async".into()],
    };
    let skill_id = vault.insert(&skill).expect("skill");
    let language = Language {
        language: "English".into(),
        fluency: "C1".parse().expect("cefr"),
    };
    let language_id = vault.insert(&language).expect("language");
    let interest = Interest {
        name: "Energy".into(),
        kind: Some(InterestKind::Industry),
        ..Interest::default()
    };
    let interest_id = vault.insert(&interest).expect("interest");
    let project = Project {
        name: "Candor".into(),
        description: "A vault".into(),
        ..Project::default()
    };
    let project_id = vault.insert(&project).expect("project");
    let certificate = Certificate {
        name: "AWS".into(),
        issuer: "Amazon".into(),
        ..Certificate::default()
    };
    let certificate_id = vault.insert(&certificate).expect("certificate");
    let award = Award {
        title: "Best thesis".into(),
        awarder: "UiO".into(),
        ..Award::default()
    };
    let award_id = vault.insert(&award).expect("award");
    let publication = Publication {
        name: "On vaults".into(),
        publisher: "ACM".into(),
        ..Publication::default()
    };
    let publication_id = vault.insert(&publication).expect("publication");
    let volunteer = Volunteer {
        organization: "Red Cross".into(),
        position: "Helper".into(),
        ..Volunteer::default()
    };
    let volunteer_id = vault.insert(&volunteer).expect("volunteer");
    let reference = Reference {
        name: "Ola".into(),
        reference: "Great colleague".into(),
    };
    let reference_id = vault.insert(&reference).expect("reference");
    let mut application = Application::new("Equinor", "Graduate engineer", Timestamp::now());
    application
        .move_to(
            ApplicationStatus::Applied,
            Timestamp::now(),
            Some("sent CV".into()),
        )
        .expect("move");
    let application_id = vault.insert(&application).expect("application");
    let doc = vault
        .add_document(
            NewDocument {
                kind: DocumentKind::Cv,
                file_name: "cv.pdf".into(),
                media_type: "application/pdf".into(),
                note: None,
            },
            &b"%PDF-1.7 hello"[..],
        )
        .expect("document");
    vault.lock();

    let vault = fixture.open().expect("reopen");
    assert_eq!(vault.person().expect("person"), Some(person()));
    assert_eq!(
        vault.get::<Education>(&education_id).expect("get").value,
        education()
    );
    assert_eq!(vault.get::<Work>(&work_id).expect("get").value, work);
    assert_eq!(vault.get::<Skill>(&skill_id).expect("get").value, skill);
    assert_eq!(
        vault.get::<Language>(&language_id).expect("get").value,
        language
    );
    assert_eq!(
        vault.get::<Interest>(&interest_id).expect("get").value,
        interest
    );
    assert_eq!(
        vault.get::<Project>(&project_id).expect("get").value,
        project
    );
    assert_eq!(
        vault
            .get::<Certificate>(&certificate_id)
            .expect("get")
            .value,
        certificate
    );
    assert_eq!(vault.get::<Award>(&award_id).expect("get").value, award);
    assert_eq!(
        vault
            .get::<Publication>(&publication_id)
            .expect("get")
            .value,
        publication
    );
    assert_eq!(
        vault.get::<Volunteer>(&volunteer_id).expect("get").value,
        volunteer
    );
    assert_eq!(
        vault.get::<Reference>(&reference_id).expect("get").value,
        reference
    );
    assert_eq!(
        vault
            .get::<Application>(&application_id)
            .expect("get")
            .value,
        application
    );
    let mut bytes = Vec::new();
    let stored = vault
        .read_document(&doc.id, &mut bytes)
        .expect("read document");
    assert_eq!(bytes, b"%PDF-1.7 hello");
    assert_eq!(stored.value, doc.value);
    assert_eq!(stored.value.size, 14);
    let gpa = gpa(&vault
        .get::<Education>(&education_id)
        .expect("get")
        .value
        .courses)
    .expect("graded");
    assert_eq!(
        gpa.to_string(),
        "4.50 (A)",
        "one A and one B of 10 credits each"
    );
}

#[test]
fn lists_keep_the_order_records_were_added_in() {
    let (_fixture, mut vault, _) = Fixture::new();
    let names = ["Rust", "SQL", "Norwegian law", "Svelte", "Statistics"];
    for name in names {
        vault
            .insert(&Skill {
                name: name.into(),
                ..Skill::default()
            })
            .expect("insert");
    }
    let listed: Vec<String> = vault
        .list::<Skill>()
        .expect("list")
        .into_iter()
        .map(|e| e.value.name)
        .collect();
    assert_eq!(listed, names);
}

#[test]
fn updates_bump_the_version_and_deletes_remove() {
    let (fixture, mut vault, _) = Fixture::new();
    let id = vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("insert");
    assert_eq!(vault.get::<Skill>(&id).expect("get").version, 1);
    let v = vault
        .update(
            &id,
            &Skill {
                name: "Rust (async)".into(),
                ..Skill::default()
            },
        )
        .expect("update");
    assert_eq!(v, 2);
    vault.delete::<Skill>(&id).expect("delete");
    assert!(matches!(
        vault.get::<Skill>(&id),
        Err(VaultError::RecordNotFound { .. })
    ));
    vault.lock();
    assert!(fixture
        .open()
        .expect("reopen verifies the index")
        .list::<Skill>()
        .expect("list")
        .is_empty());
}

#[test]
fn invalid_values_are_refused_and_nothing_is_stored() {
    let (_fixture, mut vault, _) = Fixture::new();
    let mut bad = education();
    bad.courses[0].children[0].credits = None;
    bad.end_date = Some("2018".parse().expect("date"));
    let err = vault
        .insert(&bad)
        .expect_err("end before start must be refused");
    assert!(matches!(err, VaultError::Invalid(_)), "{err:?}");
    assert!(vault.list::<Education>().expect("list").is_empty());
}

#[test]
fn ids_can_be_given_by_a_unique_prefix() {
    let (_fixture, mut vault, _) = Fixture::new();
    let id = vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("insert");
    assert_eq!(vault.resolve_id::<Skill>(&id[..6]).expect("prefix"), id);
    assert_eq!(
        common::message(vault.resolve_id::<Skill>("zzzz")),
        "there is no skill with id zzzz; list them to see the ids"
    );
    assert!(
        matches!(
            vault.resolve_id::<Skill>(&id[..2]),
            Err(VaultError::RecordNotFound { .. })
        ),
        "two characters are too few"
    );
}

#[test]
fn applications_are_searched_by_company_status_date_and_text() {
    let (_fixture, mut vault, _) = Fixture::new();
    let mut equinor = Application::new("Equinor", "Data engineer", Timestamp::now());
    equinor.notes = Some("Referred by Ola".into());
    let equinor_id = vault.insert(&equinor).expect("insert");
    vault
        .insert(&Application::new("DNB", "Developer", Timestamp::now()))
        .expect("insert");
    vault
        .insert(&Application::new(
            "Kahoot!",
            "Frontend developer",
            Timestamp::now(),
        ))
        .expect("insert");
    vault
        .move_application(&equinor_id, ApplicationStatus::Interview, None)
        .expect("move");

    let companies = |q: ApplicationQuery| -> Vec<String> {
        let mut found: Vec<String> = vault
            .search_applications(&q)
            .expect("search")
            .into_iter()
            .map(|e| e.value.company)
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        companies(ApplicationQuery {
            company: Some("equi".into()),
            ..Default::default()
        }),
        ["Equinor"]
    );
    assert_eq!(
        companies(ApplicationQuery {
            status: Some(ApplicationStatus::Interview),
            ..Default::default()
        }),
        ["Equinor"]
    );
    assert_eq!(
        companies(ApplicationQuery {
            text: Some("developer".into()),
            ..Default::default()
        }),
        ["DNB", "Kahoot!"]
    );
    assert_eq!(
        companies(ApplicationQuery {
            text: Some("ola".into()),
            ..Default::default()
        }),
        ["Equinor"]
    );
    let today = Timestamp::now().day().expect("today");
    assert_eq!(
        companies(ApplicationQuery {
            from: Some(today),
            to: Some(today),
            ..Default::default()
        })
        .len(),
        3
    );
    let tomorrow = Day::try_from(today.as_date().next_day().expect("tomorrow")).expect("day");
    assert!(companies(ApplicationQuery {
        from: Some(tomorrow),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn a_status_change_is_kept_in_the_history() {
    let (_fixture, mut vault, _) = Fixture::new();
    let id = vault
        .insert(&Application::new("DNB", "Developer", Timestamp::now()))
        .expect("insert");
    vault
        .move_application(&id, ApplicationStatus::Applied, None)
        .expect("applied");
    let entry = vault
        .move_application(
            &id,
            ApplicationStatus::Interview,
            Some("phone screen".into()),
        )
        .expect("interview");
    let steps: Vec<(Option<ApplicationStatus>, ApplicationStatus)> =
        entry.value.history.iter().map(|c| (c.from, c.to)).collect();
    assert_eq!(
        steps,
        [
            (None, ApplicationStatus::Draft),
            (Some(ApplicationStatus::Draft), ApplicationStatus::Applied),
            (
                Some(ApplicationStatus::Applied),
                ApplicationStatus::Interview
            )
        ]
    );
    assert!(
        vault
            .move_application(&id, ApplicationStatus::Interview, None)
            .is_err(),
        "moving to the same status is refused"
    );
}

#[test]
fn an_undone_move_is_stored_and_a_replayed_undo_is_refused() {
    let (_fixture, mut vault, _) = Fixture::new();
    let id = vault
        .insert(&Application::new("DNB", "Developer", Timestamp::now()))
        .expect("insert");
    vault
        .move_application(&id, ApplicationStatus::Applied, None)
        .expect("applied");
    vault
        .move_application(&id, ApplicationStatus::Interview, None)
        .expect("interview");
    vault
        .undo_move(
            &id,
            ApplicationStatus::Applied,
            ApplicationStatus::Interview,
        )
        .expect("undo");
    let stored = vault.get::<Application>(&id).expect("read back");
    assert_eq!(stored.value.status, ApplicationStatus::Applied);
    assert_eq!(stored.value.history.len(), 2, "the move left the history");
    assert!(
        vault
            .undo_move(
                &id,
                ApplicationStatus::Applied,
                ApplicationStatus::Interview
            )
            .is_err(),
        "the same undo again is refused"
    );
    assert_eq!(
        vault.get::<Application>(&id).expect("read").value,
        stored.value
    );
}

#[test]
fn the_profile_is_replaced_section_by_section() {
    let (_fixture, mut vault, _) = Fixture::new();
    vault
        .insert(&Skill {
            name: "Old".into(),
            ..Skill::default()
        })
        .expect("insert");
    vault
        .insert(&Work {
            name: "Kept".into(),
            ..Work::default()
        })
        .expect("insert");
    let profile = Profile {
        person: Some(person()),
        skills: vec![
            Skill {
                name: "Rust".into(),
                ..Skill::default()
            },
            Skill {
                name: "Go".into(),
                ..Skill::default()
            },
        ],
        ..Profile::default()
    };
    vault
        .replace_profile(&profile, &["person", "skills"])
        .expect("replace");
    let now = vault.profile().expect("profile");
    assert_eq!(now.person, Some(person()));
    assert_eq!(
        now.skills
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Rust", "Go"]
    );
    assert_eq!(now.work.len(), 1, "sections not named are left alone");
}

#[test]
fn documents_cannot_be_inserted_without_content() {
    let (_fixture, mut vault, _) = Fixture::new();
    let doc = Document {
        kind: DocumentKind::Cv,
        file_name: "cv.pdf".into(),
        media_type: "application/pdf".into(),
        size: 0,
        sha256: "0".repeat(64),
        added_at: Timestamp::now(),
        note: None,
        signed: false,
        holds_identity: false,
    };
    assert!(matches!(
        vault.insert(&doc),
        Err(VaultError::DocumentNeedsContent)
    ));
}

#[test]
fn a_large_document_streams_through_in_chunks() {
    let (_fixture, mut vault, _) = Fixture::new();
    let data: Vec<u8> = (0..3 * 1024 * 1024 + 17).map(|i| (i % 253) as u8).collect();
    let new = NewDocument {
        kind: DocumentKind::Diploma,
        file_name: "diploma.pdf".into(),
        media_type: "application/pdf".into(),
        note: None,
    };
    let entry = vault.add_document(new, &data[..]).expect("add");
    let expected: String = <sha2::Sha256 as sha2::Digest>::digest(&data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        entry.value.sha256, expected,
        "the recorded hash is the plaintext's SHA-256"
    );
    assert_eq!(entry.value.size, data.len() as u64);
    let mut out = Vec::new();
    vault.read_document(&entry.id, &mut out).expect("read");
    assert!(out == data, "the document comes back byte for byte");
    vault.remove_document(&entry.id).expect("remove");
    assert!(vault.list::<Document>().expect("list").is_empty());
}

#[test]
fn vault_debug_output_names_no_secret() {
    let (_fixture, vault, code) = Fixture::new();
    let shown = format!("{vault:?}");
    assert!(shown.contains("vault.candor"), "{shown}");
    assert!(
        !shown.contains(common::PASSPHRASE) && !shown.contains(code.display().as_str()),
        "{shown}"
    );
}
