//! Reading a rendered PDF the way its recipient's tools do: poppler's `pdftotext`,
//! `pdffonts` and `pdfinfo`, and `qpdf --check`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use candor_model::{
    project, CefrLevel, Certificate, Fluency, Lang, Language, PartialDate, Profile, Project, Skill,
    View, ViewChoice, ViewKind, Volunteer, Work,
};
use candor_render::{render_cv, CvOptions, Template};

/// A rendered PDF on disk, in a folder removed when it is dropped.
pub struct Pdf {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Pdf {
    pub fn new(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("cv.pdf");
        std::fs::write(&path, bytes).expect("the PDF is written");
        Self { _dir: dir, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as `pdftotext -layout` extracts it.
    pub fn text(&self) -> String {
        run(
            "pdftotext",
            &["-layout", "-enc", "UTF-8"],
            &self.path,
            &["-"],
        )
    }

    /// `pdfinfo`'s report: title, author, dates, page count.
    pub fn info(&self) -> String {
        run("pdfinfo", &[], &self.path, &[])
    }

    /// The number of pages, as `pdfinfo` counts them.
    pub fn pages(&self) -> usize {
        self.info()
            .lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|count| count.trim().parse().ok())
            .expect("pdfinfo counts the pages")
    }

    /// `pdffonts`' table of fonts, without its two header lines.
    pub fn fonts(&self) -> Vec<String> {
        run("pdffonts", &[], &self.path, &[])
            .lines()
            .skip(2)
            .map(str::to_owned)
            .collect()
    }

    /// What `qpdf --check` says, or its complaint.
    pub fn qpdf_check(&self) -> Result<String, String> {
        let output = Command::new("qpdf")
            .arg("--check")
            .arg(&self.path)
            .output()
            .expect("qpdf runs");
        let said = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            Ok(said)
        } else {
            Err(said)
        }
    }

    /// The right edge of every word on every page, in points, with the word and the page's
    /// width: what `pdftotext -bbox` reports.
    pub fn word_right_edges(&self) -> Vec<(f64, f64, String)> {
        let html = run("pdftotext", &["-bbox", "-enc", "UTF-8"], &self.path, &["-"]);
        let mut page_width = 0.0;
        let mut edges = Vec::new();
        for line in html.lines() {
            let line = line.trim();
            if line.starts_with("<page ") {
                page_width = attribute(line, "width");
            } else if line.starts_with("<word ") {
                let word = line
                    .split_once('>')
                    .map(|(_, rest)| rest.trim_end_matches("</word>").to_owned())
                    .unwrap_or_default();
                edges.push((attribute(line, "xMax"), page_width, word));
            }
        }
        edges
    }
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 3;
    let rest = &tag[start..];
    let end = rest.find('"').expect("a closing quote");
    rest[..end].parse().expect("a number")
}

fn run(program: &str, before: &[&str], path: &Path, after: &[&str]) -> String {
    let output = Command::new(program)
        .args(before)
        .arg(path)
        .args(after)
        .output()
        .unwrap_or_else(|error| panic!("{program} runs: {error}"));
    assert!(
        output.status.success(),
        "{program} reads the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

pub fn date(text: &str) -> Option<PartialDate> {
    Some(text.parse().expect("a valid date"))
}

/// Kari with 40 courses, 10 jobs, 15 skills and one of everything else.
pub fn full_profile() -> Profile {
    let work = (1..=10)
        .map(|n| Work {
            name: format!("Employer {n:02}"),
            position: format!("Developer {n:02}"),
            start_date: date(&format!("{}-03", 2010 + n)),
            end_date: (n < 10)
                .then(|| date(&format!("{}-02", 2011 + n)))
                .flatten(),
            summary: format!("Built system number {n}."),
            highlights: vec![format!("Shipped release {n}")],
            ..candor_testkit::work()
        })
        .collect();
    Profile {
        person: Some(candor_testkit::person().build()),
        education: vec![candor_testkit::education_with_courses(40)],
        work,
        projects: vec![Project {
            name: "Metering pipeline".into(),
            description: "Streams meter readings into SQLite.".into(),
            keywords: vec!["Rust".into(), "SQLite".into()],
            start_date: date("2022-01"),
            ..Project::default()
        }],
        skills: std::iter::once(Skill {
            name: "Rust".into(),
            level: "Advanced".into(),
            keywords: vec!["async".into(), "serde".into()],
            ..Skill::default()
        })
        .chain((2..=15).map(|n| Skill {
            name: format!("Skill {n:02}"),
            level: "Intermediate".into(),
            ..Skill::default()
        }))
        .collect(),
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
        certificates: vec![Certificate {
            name: "AWS Solutions Architect".into(),
            issuer: "Amazon".into(),
            date: date("2023-05"),
            ..Certificate::default()
        }],
        volunteer: vec![Volunteer {
            organization: "Kodeklubben".into(),
            position: "Mentor".into(),
            start_date: date("2019-09"),
            ..Volunteer::default()
        }],
        ..Profile::default()
    }
}

pub fn view(profile: &Profile, kind: ViewKind) -> View {
    project(profile, &[], &ViewChoice::new(kind)).expect("a view")
}

pub fn options(template: Template, lang: Lang, signed_as: &str) -> CvOptions {
    CvOptions {
        template,
        lang,
        signed_as: signed_as.into(),
    }
}

pub fn render(view: &View, options: &CvOptions) -> Pdf {
    Pdf::new(&render_cv(view, options).expect("the CV renders"))
}

/// Where each of `needles` first appears in `text`, asserting they appear in that order.
pub fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} appears after byte {from} of:\n{text}"));
        from += at + needle.len();
    }
}
