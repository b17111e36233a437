//! How long a warm render of a full CV takes: a profile with 40 graded courses, 10 jobs and
//! 15 skills, rendered once to warm up, then 20 times as it is and 20 times with its summary
//! changed each time (so Typst's memoized work cannot stand in for all of it); prints the
//! medians.
//!
//! `cargo run --release -p candor-render --example render_time [-- --write DIR]`
//!
//! With `--write DIR`, it also writes the profile as `DIR/profile.json` (for `candor profile
//! set`) and the same full view as `DIR/cv.html` (the page an employer opens), for
//! `tests/bench/cv_vs_libreoffice.sh` to time `candor cv` beside LibreOffice.

use std::time::{Duration, Instant};

use candor_model::{
    project, Credits, Education, Grade, GradeScheme, Lang, LearningOpportunity, Person, Profile,
    Skill, ViewChoice, ViewKind, Work,
};
use candor_render::{render_cv, CvOptions, Template};

const RUNS: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let courses = (1..=40)
        .map(|n| {
            Ok(LearningOpportunity {
                code: format!("IN{n:04}"),
                title: format!("Course number {n}"),
                credits: Some("7.5".parse::<Credits>()?),
                grade: Some(Grade::new(
                    GradeScheme::Ects,
                    ["A", "B", "C", "D", "E"][n % 5],
                )?),
                ..LearningOpportunity::default()
            })
        })
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
    let work = (1..=10)
        .map(|n| Work {
            name: format!("Employer {n}"),
            position: format!("Developer {n}"),
            summary: "Built and ran the systems the team owned.".into(),
            highlights: vec!["Shipped on time".into(), "Mentored two juniors".into()],
            ..Work::default()
        })
        .collect();
    let profile = Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            label: "Backend developer".into(),
            email: "kari@example.org".into(),
            summary: "Backend developer who likes databases.".into(),
            ..Person::default()
        }),
        education: vec![Education {
            institution: "NTNU".into(),
            degree: "Master".into(),
            courses,
            ..Education::default()
        }],
        work,
        skills: (1..=15)
            .map(|n| Skill {
                name: format!("Skill {n}"),
                level: "Advanced".into(),
                keywords: vec!["daily use".into()],
                ..Skill::default()
            })
            .collect(),
        ..Profile::default()
    };
    let mut args = std::env::args().skip(1);
    if let (Some(flag), Some(dir)) = (args.next(), args.next()) {
        if flag == "--write" {
            let dir = std::path::Path::new(&dir);
            std::fs::write(
                dir.join("profile.json"),
                serde_json::to_vec_pretty(&profile)?,
            )?;
            let full = project(&profile, &[], &ViewChoice::new(ViewKind::Full))?;
            std::fs::write(
                dir.join("cv.html"),
                candor_formats::profile_html(&full.profile, "Kari Nordmann"),
            )?;
        }
    }
    let view = project(&profile, &[], &ViewChoice::new(ViewKind::Full))?;
    let options = CvOptions {
        template: Template::Classic,
        lang: Lang::Nb,
        signed_as: "Kari Nordmann".into(),
    };

    let started = Instant::now();
    let pdf = render_cv(&view, &options)?;
    let cold = started.elapsed();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        render_cv(&view, &options)?;
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "first render {cold:.1?}; same view again, median of {RUNS} {:.1?} (min {:.1?}, max \
         {:.1?}); {} bytes",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1],
        pdf.len()
    );
    let mut changed: Vec<Duration> = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        let mut view = view.clone();
        if let Some(person) = view.profile.person.as_mut() {
            person.summary = format!("Backend developer who likes databases, version {run}.");
        }
        let started = Instant::now();
        render_cv(&view, &options)?;
        changed.push(started.elapsed());
    }
    changed.sort();
    println!(
        "a changed view, median of {RUNS} {:.1?} (min {:.1?}, max {:.1?})",
        changed[RUNS / 2],
        changed[0],
        changed[RUNS - 1]
    );
    Ok(())
}
