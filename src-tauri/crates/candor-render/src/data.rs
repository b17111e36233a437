//! The data a template typesets: the view's profile flattened into what a CV prints, with
//! every word around the seeker's own already in the chosen language. Serialized as the
//! JSON the template reads; nothing in it is markup.

use candor_model::{gpa, Lang, LearningOpportunity, Profile, View};
use serde::Serialize;

use crate::words::{self, Headings};
use crate::CvOptions;

/// The whole CV, as `/data.json`.
#[derive(Debug, Serialize)]
pub(crate) struct CvData {
    /// Typst's `lang`: `"en"` or `"nb"`.
    pub lang: &'static str,
    /// The PDF's title: "CV — Kari Nordmann".
    pub title: String,
    /// The PDF's author, and the name at the top: the seeker's name or pseudonym.
    pub name: String,
    pub headings: Headings,
    pub label: String,
    pub summary: String,
    pub contact: Vec<String>,
    pub education: Vec<EducationEntry>,
    pub work: Vec<Entry>,
    pub projects: Vec<Entry>,
    pub skills: Vec<Line>,
    pub languages: Vec<Line>,
    pub certificates: Vec<Line>,
    pub volunteer: Vec<Entry>,
}

/// A programme of study with its courses.
#[derive(Debug, Serialize)]
pub(crate) struct EducationEntry {
    /// "Master, Informatics".
    pub title: String,
    pub institution: String,
    pub period: String,
    pub courses: Vec<CourseRow>,
    /// "4.17 (B)", or empty when no course counts.
    pub gpa: String,
}

/// One row of the course table; `depth` indents a course under its module group.
#[derive(Debug, Serialize)]
pub(crate) struct CourseRow {
    pub depth: usize,
    pub code: String,
    pub title: String,
    pub credits: String,
    pub grade: String,
}

/// A job, a project or volunteering: what, where, when, and what came of it.
#[derive(Debug, Serialize)]
pub(crate) struct Entry {
    pub title: String,
    pub place: String,
    pub period: String,
    pub summary: String,
    pub highlights: Vec<String>,
    /// Keywords, joined: "Rust, SQLite".
    pub keywords: String,
}

/// A skill, a language or a certificate: a name and what qualifies it.
#[derive(Debug, Serialize)]
pub(crate) struct Line {
    pub name: String,
    pub detail: String,
}

impl CvData {
    pub(crate) fn new(view: &View, options: &CvOptions) -> Self {
        let lang = options.lang;
        let profile = &view.profile;
        let person = profile.person.as_ref();
        Self {
            lang: words::lang_code(lang),
            title: format!("CV — {}", options.signed_as),
            name: options.signed_as.clone(),
            headings: words::headings(lang),
            label: person.map(|p| p.label.clone()).unwrap_or_default(),
            summary: person.map(|p| p.summary.clone()).unwrap_or_default(),
            contact: contact(profile),
            education: education(profile, lang),
            work: work(profile, lang),
            projects: projects(profile, lang),
            skills: skills(profile),
            languages: languages(profile),
            certificates: certificates(profile, lang),
            volunteer: volunteer(profile, lang),
        }
    }
}

/// Only what the view shares: an anonymous view has none of these unless included.
pub(crate) fn contact(profile: &Profile) -> Vec<String> {
    let Some(person) = &profile.person else {
        return Vec::new();
    };
    let mut lines = vec![
        person.email.clone(),
        person.phone.clone(),
        person.url.clone(),
    ];
    for address in &person.addresses {
        let place = [&address.city, &address.country_code]
            .into_iter()
            .filter(|part| !part.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        lines.push(place);
    }
    for profile in &person.profiles {
        let account = if profile.url.is_empty() {
            &profile.username
        } else {
            &profile.url
        };
        lines.push(match (profile.network.is_empty(), account.is_empty()) {
            (false, false) => format!("{}: {account}", profile.network),
            (true, _) => account.clone(),
            (false, true) => String::new(),
        });
    }
    lines.retain(|line| !line.is_empty());
    lines
}

fn education(profile: &Profile, lang: Lang) -> Vec<EducationEntry> {
    profile
        .education
        .iter()
        .map(|education| {
            let mut courses = Vec::new();
            for course in &education.courses {
                course_rows(course, 0, lang, &mut courses);
            }
            EducationEntry {
                title: joined(&[&education.degree, &education.programme]),
                institution: education.institution.clone(),
                period: words::period(education.start_date, education.end_date, lang),
                courses,
                gpa: gpa(&education.courses)
                    .map(|gpa| words::decimal(&gpa.to_string(), lang))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// The tree depth first, each node followed by its children one level deeper.
fn course_rows(course: &LearningOpportunity, depth: usize, lang: Lang, rows: &mut Vec<CourseRow>) {
    rows.push(CourseRow {
        depth,
        code: course.code.clone(),
        title: course.title.clone(),
        credits: course
            .credits
            .map(|credits| words::decimal(&credits.to_string(), lang))
            .unwrap_or_default(),
        grade: course
            .grade
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    });
    for child in &course.children {
        course_rows(child, depth + 1, lang, rows);
    }
}

fn work(profile: &Profile, lang: Lang) -> Vec<Entry> {
    profile
        .work
        .iter()
        .map(|work| Entry {
            title: work.position.clone(),
            // An anonymous view withholds the employer's name; its industry stands in.
            place: if work.name.is_empty() {
                work.industry.clone()
            } else {
                work.name.clone()
            },
            period: words::period(work.start_date, work.end_date, lang),
            summary: work.summary.clone(),
            highlights: work.highlights.clone(),
            keywords: String::new(),
        })
        .collect()
}

fn projects(profile: &Profile, lang: Lang) -> Vec<Entry> {
    profile
        .projects
        .iter()
        .map(|project| Entry {
            title: project.name.clone(),
            place: project.entity.clone(),
            period: words::period(project.start_date, project.end_date, lang),
            summary: project.description.clone(),
            highlights: project.highlights.clone(),
            keywords: project.keywords.join(", "),
        })
        .collect()
}

fn skills(profile: &Profile) -> Vec<Line> {
    profile
        .skills
        .iter()
        .map(|skill| Line {
            name: skill.name.clone(),
            detail: joined(&[&skill.level, &skill.keywords.join(", ")]),
        })
        .collect()
}

fn languages(profile: &Profile) -> Vec<Line> {
    profile
        .languages
        .iter()
        .map(|language| Line {
            name: language.language.clone(),
            detail: String::from(language.fluency.clone()),
        })
        .collect()
}

fn certificates(profile: &Profile, lang: Lang) -> Vec<Line> {
    profile
        .certificates
        .iter()
        .map(|certificate| {
            let date = certificate
                .date
                .map(|date| words::date(date, lang))
                .unwrap_or_default();
            Line {
                name: certificate.name.clone(),
                detail: joined(&[&certificate.issuer, &date]),
            }
        })
        .collect()
}

fn volunteer(profile: &Profile, lang: Lang) -> Vec<Entry> {
    profile
        .volunteer
        .iter()
        .map(|volunteer| Entry {
            title: volunteer.position.clone(),
            place: volunteer.organization.clone(),
            period: words::period(volunteer.start_date, volunteer.end_date, lang),
            summary: volunteer.summary.clone(),
            highlights: volunteer.highlights.clone(),
            keywords: String::new(),
        })
        .collect()
}

/// The non-empty parts, joined with a comma.
fn joined(parts: &[&String]) -> String {
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .map(|part| part.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
