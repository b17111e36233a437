//! How long a warm render of a full CV takes: a profile with 40 graded courses and 10 jobs,
//! rendered once to warm up, then 20 times; prints the median.
//!
//! `cargo run --release -p candor-render --example render_time`

use std::time::{Duration, Instant};

use candor_model::{
    project, Credits, Education, Grade, GradeScheme, Lang, LearningOpportunity, Person, Profile,
    ViewChoice, ViewKind, Work,
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
        ..Profile::default()
    };
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
        "first render {cold:.1?}; warm median of {RUNS} {:.1?} (min {:.1?}, max {:.1?}); {} bytes",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1],
        pdf.len()
    );
    Ok(())
}
