//! [`world`]: a seeker and an employer in one temporary folder, and the pieces it is made
//! of.

use std::path::{Path, PathBuf};

use candor_model::{
    Credits, DocumentKind, Education, Grade, GradeScheme, LearningOpportunity, Skill, Work,
};
use candor_vault::bundle::CardDetails;
use candor_vault::{EmployerVault, KdfParams, NewDocument, SeekerVault};

use crate::{passphrase, person};

/// The organisation of the employer every [`World`] has.
pub const ORGANISATION: &str = "Fjordkraft Data AS";

/// Fjordkraft Data AS's details, as its key card carries them.
pub fn card_details() -> CardDetails {
    CardDetails {
        organisation: ORGANISATION.into(),
        organisation_number: "987654321".into(),
        contact: "rekruttering@fjordkraft.example".into(),
        privacy_contact: "personvern@fjordkraft.example".into(),
        privacy_policy_url: "https://fjordkraft.example/personvern".into(),
        intake_url: None,
    }
}

/// A new, empty seeker's vault at `path`, unlocked, with [`crate::passphrase`] and the
/// cheapest key derivation the vault accepts: tests make hundreds of vaults.
pub fn seeker_vault(path: &Path) -> SeekerVault {
    SeekerVault::create(path, &passphrase(), KdfParams::minimum())
        .expect("a seeker vault")
        .0
}

/// A new employer's vault at `path` for `organisation` (otherwise [`card_details`]),
/// unlocked like [`seeker_vault`], and the key card it hands to seekers.
pub fn employer_vault(path: &Path, organisation: &str) -> (EmployerVault, String) {
    let details = CardDetails {
        organisation: organisation.into(),
        ..card_details()
    };
    let (vault, _code, card) =
        EmployerVault::create_employer(path, &passphrase(), KdfParams::minimum(), details)
            .expect("an employer vault");
    (vault, card)
}

/// Kari's bachelor in informatics at the University of Oslo, with two graded courses of 10
/// ECTS credits each (IN1000, A; IN2010, B).
pub fn education() -> Education {
    let course = |code: &str, title: &str, grade: &str| LearningOpportunity {
        code: code.into(),
        title: title.into(),
        credits: Some("10".parse::<Credits>().expect("credits")),
        grade: Some(Grade::new(GradeScheme::Ects, grade).expect("a grade")),
        ..LearningOpportunity::default()
    };
    Education {
        institution: "Universitetet i Oslo".into(),
        degree: "Bachelor".into(),
        programme: "Informatikk".into(),
        courses: vec![
            course("IN1000", "Introduksjon til programmering", "A"),
            course("IN2010", "Algoritmer og datastrukturer", "B"),
        ],
        ..Education::default()
    }
}

/// [`education`] with `count` graded courses of 10 credits: the first two as there, then
/// "Emne 3" (IN3003) and on, graded A to E in turn.
pub fn education_with_courses(count: usize) -> Education {
    let mut education = education();
    let template = education.courses[0].clone();
    education.courses.truncate(count);
    for n in education.courses.len() + 1..=count {
        let grade = ["A", "B", "C", "D", "E"][n % 5];
        education.courses.push(LearningOpportunity {
            code: format!("IN{}{:03}", 3 + n / 100, n),
            title: format!("Emne {n}"),
            grade: Some(Grade::new(GradeScheme::Ects, grade).expect("a grade")),
            ..template.clone()
        });
    }
    education
}

/// Kari's job: developer at Statnett, in energy, with a summary that names her.
pub fn work() -> Work {
    Work {
        name: "Statnett".into(),
        position: "Developer".into(),
        industry: "Energy".into(),
        summary: "Kari built the metering pipeline.".into(),
        ..Work::default()
    }
}

/// The usual world: see [`WorldBuilder`] for what it holds and how to change it.
pub fn world() -> World {
    WorldBuilder::new().build()
}

/// A seeker and an employer in one temporary folder, both vaults unlocked.
#[derive(Debug)]
pub struct World {
    /// The folder the vaults are in (`seeker.candor`, `employer.candor`), and the place for
    /// the bundles and notices a test writes. Removed when the world is dropped.
    pub dir: tempfile::TempDir,
    pub seeker: SeekerVault,
    /// Fjordkraft Data AS ([`ORGANISATION`]).
    pub employer: EmployerVault,
    /// The employer's key card, as it would hand it out.
    pub card: String,
}

impl World {
    /// Another employer in the world's folder, for `organisation`, with its card added to
    /// the seeker's recipients: for a bundle sent to the wrong employer, or a benchmark
    /// that imports into a fresh vault each run. Returns its vault and its card.
    pub fn another_employer(&mut self, organisation: &str) -> (EmployerVault, String) {
        let (vault, card) =
            employer_vault(&self.dir.path().join(file_name(organisation)), organisation);
        self.seeker
            .add_recipient(card.as_bytes(), "card.json")
            .expect("adds the recipient");
        (vault, card)
    }

    /// `name` in the world's folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// `organisation` as a vault's file name: "Annen Arbeidsgiver AS" is
/// `annen-arbeidsgiver-as.candor`.
fn file_name(organisation: &str) -> String {
    let slug: String = organisation
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{slug}.candor")
}

/// A [`World`] being built. By default the seeker's vault holds Kari Nordmann's profile:
/// [`person`], [`education`], [`work`], the skill Rust, and a CV (`cv-kari.pdf`, the bytes
/// `%PDF-1.7 Kari's CV`); the employer is Fjordkraft Data AS, and the seeker has added its
/// key card, so the seeker can share with it at once.
#[derive(Debug, Clone)]
pub struct WorldBuilder {
    skills: Vec<String>,
    documents: bool,
    recipient: bool,
    courses: usize,
    intake_url: Option<String>,
}

impl Default for WorldBuilder {
    fn default() -> Self {
        WorldBuilder {
            skills: vec!["Rust".into()],
            documents: true,
            recipient: true,
            courses: 2,
            intake_url: None,
        }
    }
}

impl WorldBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// One more skill, after Rust.
    pub fn skill(mut self, name: &str) -> Self {
        self.skills.push(name.into());
        self
    }

    /// `count` graded courses in the education instead of two ([`education_with_courses`]).
    pub fn courses(mut self, count: usize) -> Self {
        self.courses = count;
        self
    }

    /// The employer's card names `url` as its intake address.
    pub fn intake_url(mut self, url: &str) -> Self {
        self.intake_url = Some(url.into());
        self
    }

    /// No CV: for tests that attach their own documents, or none.
    pub fn no_documents(mut self) -> Self {
        self.documents = false;
        self
    }

    /// The seeker has not added the employer's card: for tests of adding it, or of a seeker
    /// who knows another card under the same name.
    pub fn without_recipient(mut self) -> Self {
        self.recipient = false;
        self
    }

    pub fn build(self) -> World {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut seeker = seeker_vault(&dir.path().join("seeker.candor"));
        let (employer, _code, card) = EmployerVault::create_employer(
            &dir.path().join("employer.candor"),
            &passphrase(),
            KdfParams::minimum(),
            CardDetails {
                intake_url: self.intake_url.clone(),
                ..card_details()
            },
        )
        .expect("an employer vault");
        seeker
            .set_person(&person().build())
            .expect("sets the person");
        seeker
            .insert(&education_with_courses(self.courses))
            .expect("an education");
        seeker.insert(&work()).expect("a position");
        for name in &self.skills {
            seeker
                .insert(&Skill {
                    name: name.clone(),
                    ..Skill::default()
                })
                .expect("a skill");
        }
        if self.documents {
            seeker
                .add_document(
                    NewDocument {
                        kind: DocumentKind::Cv,
                        file_name: "cv-kari.pdf".into(),
                        media_type: "application/pdf".into(),
                        note: None,
                    },
                    &b"%PDF-1.7 Kari's CV"[..],
                )
                .expect("a document");
        }
        if self.recipient {
            seeker
                .add_recipient(card.as_bytes(), "card.json")
                .expect("adds the recipient");
        }
        World {
            dir,
            seeker,
            employer,
            card,
        }
    }
}
