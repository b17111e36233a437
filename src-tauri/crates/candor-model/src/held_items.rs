//! What an organisation holds, item by item, as the seeker knows their own data: "Education
//! — Universitetet i Oslo, Bachelor, Informatikk: 12 courses with grades", "CV (PDF,
//! 182 kB)". The ledger records field paths only; the seeker's own profile names the
//! entries, from the fields that were shared and nothing else, so an anonymous share's
//! item never shows the name the organisation did not get.

use serde::{Deserialize, Serialize};

use crate::held::without_indices;
use crate::{Document, DocumentKind, Profile};

/// One entry the organisation holds, or the seeker's own details (`person`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldItem {
    /// The section: `person`, `education`, `work`, …, or `documents` for an attachment.
    pub section: String,
    /// The entry by the values of its shared naming fields, joined with ", ": "Universitetet
    /// i Oslo, Bachelor, Informatikk", "Developer, Statnett", "Rust". Empty when none of
    /// them was shared (or the entry is gone from the profile since), and for `person`.
    pub name: String,
    /// The fields shared, without indices (`institution`, `courses.grade`).
    pub fields: Vec<String>,
    /// For an education: how many courses were shared, and how many with their grade.
    pub courses: u32,
    pub graded_courses: u32,
    /// For an attachment: what it is, as the vault knows it.
    pub document: Option<HeldDocument>,
    /// For a PDF Candor made for the share from its view (`made[cv]`,
    /// `made[coverLetter]`): which.
    #[serde(default)]
    pub made: Option<DocumentKind>,
}

/// An attachment the organisation holds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeldDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub size: u64,
}

/// The items `paths` (a ledger's field paths) amount to in `profile`, with `documents` (id
/// and metadata) for the attachments: in the profile's section order, entries by index.
pub fn held_items(
    profile: &Profile,
    documents: &[(String, Document)],
    paths: &[String],
) -> Vec<HeldItem> {
    // (section's rank, entry's number, the index as written: a number or a document id)
    let mut items: Vec<(usize, usize, String, HeldItem)> = Vec::new();
    for path in paths {
        let (head, rest) = path.split_once('.').unwrap_or((path.as_str(), ""));
        let (section, index) = match head.split_once('[') {
            Some((section, index)) => (section, index.trim_end_matches(']')),
            None => (head, ""),
        };
        let at = match items
            .iter()
            .position(|(_, _, key, item)| item.section == section && key == index)
        {
            Some(at) => at,
            None => {
                items.push((
                    section_rank(section),
                    entry_rank(index),
                    index.to_owned(),
                    new_item(section, index, documents),
                ));
                items.len() - 1
            }
        };
        let item = &mut items[at].3;
        let field = without_indices(rest);
        if !field.is_empty() && !item.fields.contains(&field) {
            item.fields.push(field);
        }
    }
    items.sort_by_key(|(rank, index, _, _)| (*rank, *index));
    items
        .into_iter()
        .map(|(_, index, _, mut item)| {
            name_item(&mut item, profile, index, paths);
            item
        })
        .collect()
}

fn new_item(section: &str, index: &str, documents: &[(String, Document)]) -> HeldItem {
    let document = (section == "documents")
        .then(|| documents.iter().find(|(id, _)| id == index))
        .flatten()
        .map(|(_, d)| HeldDocument {
            kind: d.kind,
            file_name: d.file_name.clone(),
            media_type: d.media_type.clone(),
            size: d.size,
        });
    let made = match (section, index) {
        ("made", "cv") => Some(DocumentKind::Cv),
        ("made", "coverLetter") => Some(DocumentKind::CoverLetter),
        _ => None,
    };
    HeldItem {
        section: section.to_owned(),
        name: String::new(),
        fields: Vec::new(),
        courses: 0,
        graded_courses: 0,
        document,
        made,
    }
}

/// Fills in the name from the shared naming fields, and the course counts.
fn name_item(item: &mut HeldItem, profile: &Profile, index: usize, paths: &[String]) {
    let shared = |field: &str| item.fields.iter().any(|f| f == field);
    let join = |parts: &[(&str, &str)]| -> String {
        parts
            .iter()
            .filter(|(field, value)| shared(field) && !value.trim().is_empty())
            .map(|(_, value)| value.trim())
            .collect::<Vec<_>>()
            .join(", ")
    };
    item.name = match item.section.as_str() {
        "documents" => match &item.document {
            Some(document) => document.file_name.clone(),
            // The id of an attachment the vault no longer has says nothing to a person.
            None => String::new(),
        },
        "education" => profile.education.get(index).map_or_else(String::new, |e| {
            join(&[
                ("institution", &e.institution),
                ("studyType", &e.degree),
                ("area", &e.programme),
            ])
        }),
        "work" => profile.work.get(index).map_or_else(String::new, |w| {
            join(&[("position", &w.position), ("name", &w.name)])
        }),
        "volunteer" => profile.volunteer.get(index).map_or_else(String::new, |v| {
            join(&[("position", &v.position), ("organization", &v.organization)])
        }),
        "projects" => entry_name(
            profile.projects.get(index).map(|p| p.name.as_str()),
            shared("name"),
        ),
        "skills" => entry_name(
            profile.skills.get(index).map(|s| s.name.as_str()),
            shared("name"),
        ),
        "languages" => entry_name(
            profile.languages.get(index).map(|l| l.language.as_str()),
            shared("language"),
        ),
        "certificates" => entry_name(
            profile.certificates.get(index).map(|c| c.name.as_str()),
            shared("name"),
        ),
        "awards" => entry_name(
            profile.awards.get(index).map(|a| a.title.as_str()),
            shared("title"),
        ),
        "publications" => entry_name(
            profile.publications.get(index).map(|p| p.name.as_str()),
            shared("name"),
        ),
        "interests" => entry_name(
            profile.interests.get(index).map(|i| i.name.as_str()),
            shared("name"),
        ),
        _ => String::new(),
    };
    if item.section == "education" {
        let prefix = format!("education[{index}].courses[");
        let mut courses: Vec<&str> = Vec::new();
        let mut graded: Vec<&str> = Vec::new();
        for path in paths.iter().filter(|p| p.starts_with(&prefix)) {
            let Some(end) = path[prefix.len()..].find(']') else {
                continue;
            };
            let course = &path[..prefix.len() + end + 1];
            if !courses.contains(&course) {
                courses.push(course);
            }
            if path[course.len()..] == *".grade" && !graded.contains(&course) {
                graded.push(course);
            }
        }
        item.courses = u32::try_from(courses.len()).unwrap_or(u32::MAX);
        item.graded_courses = u32::try_from(graded.len()).unwrap_or(u32::MAX);
    }
}

impl HeldItem {
    /// The item in English words, for the CLI's text: "Education — Universitetet i Oslo,
    /// Bachelor, Informatikk: 12 courses with grades (institution, courses' grade)",
    /// "Attachments — CV (PDF, 182 kB)".
    pub fn describe_en(&self) -> String {
        let mut text = crate::held::section_title_en(&self.section).to_owned();
        match (&self.document, self.made) {
            (Some(document), _) => text.push_str(&format!(
                " — {} ({}, {})",
                kind_en(document.kind),
                file_type(&document.media_type),
                size_en(document.size)
            )),
            (None, Some(made)) => text.push_str(&format!(" — {} (PDF)", kind_en(made))),
            (None, None) if !self.name.is_empty() => text.push_str(&format!(" — {}", self.name)),
            (None, None) if self.section == "documents" => {
                text.push_str(" — an attachment no longer in your vault");
            }
            (None, None) => {}
        }
        if self.courses > 0 {
            if self.graded_courses == self.courses {
                text.push_str(&format!(": {} courses with grades", self.courses));
            } else {
                text.push_str(&format!(
                    ": {} courses, {} with grades",
                    self.courses, self.graded_courses
                ));
            }
        }
        if !self.fields.is_empty() && self.section != "documents" {
            let fields: Vec<String> = self
                .fields
                .iter()
                .map(|f| crate::held::field_words(f))
                .collect();
            text.push_str(&format!(" ({})", fields.join(", ")));
        }
        text
    }
}

fn kind_en(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Cv => "CV",
        DocumentKind::CoverLetter => "Cover letter",
        DocumentKind::Diploma => "Diploma",
        DocumentKind::Transcript => "Transcript of records",
        DocumentKind::Photo => "Photo",
        DocumentKind::Other => "Document",
    }
}

/// "PDF" for `application/pdf`, "PNG" for `image/png`.
fn file_type(media_type: &str) -> String {
    let sub = media_type.split('/').nth(1).unwrap_or(media_type);
    let sub = sub.trim_start_matches("x-");
    sub.split(['.', '+', ';'])
        .next()
        .unwrap_or(sub)
        .to_uppercase()
}

/// "18 B", "182 kB", "1.2 MB".
fn size_en(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "kB", "MB", "GB"];
    // Sizes of attachments are far below 2^52 bytes: exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn entry_name(value: Option<&str>, shared: bool) -> String {
    value
        .filter(|_| shared)
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}

/// The profile's order of sections; attachments last.
/// An entry's place in its section: its number, or for what was made for a share, the CV
/// before the cover letter.
fn entry_rank(index: &str) -> usize {
    match index {
        "cv" => 0,
        "coverLetter" => 1,
        number => number.parse().unwrap_or(0),
    }
}

fn section_rank(section: &str) -> usize {
    const ORDER: [&str; 15] = [
        "person",
        "education",
        "work",
        "volunteer",
        "projects",
        "skills",
        "languages",
        "certificates",
        "awards",
        "publications",
        "interests",
        "references",
        "meta",
        "documents",
        "made",
    ];
    ORDER
        .iter()
        .position(|s| *s == section)
        .unwrap_or(ORDER.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Education, Grade, GradeScheme, LearningOpportunity, Skill, Timestamp, Work};

    fn profile() -> Profile {
        let course = |code: &str| LearningOpportunity {
            code: code.into(),
            title: format!("Course {code}"),
            grade: Some(Grade::new(GradeScheme::Ects, "B").expect("a grade")),
            ..Default::default()
        };
        Profile {
            education: vec![Education {
                institution: "Universitetet i Oslo".into(),
                degree: "Bachelor".into(),
                programme: "Informatikk".into(),
                courses: (1..=12).map(|n| course(&format!("IN{n}000"))).collect(),
                ..Default::default()
            }],
            work: vec![Work {
                name: "Statnett".into(),
                position: "Developer".into(),
                ..Default::default()
            }],
            skills: vec![Skill {
                name: "Rust".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn cv() -> (String, Document) {
        (
            "39608c30435c3a89aa".into(),
            Document {
                kind: DocumentKind::Cv,
                file_name: "cv-kari.pdf".into(),
                media_type: "application/pdf".into(),
                size: 182_000,
                sha256: String::new(),
                added_at: Timestamp::now(),
                note: None,
                signed: false,
                holds_identity: false,
            },
        )
    }

    fn paths(institution: bool) -> Vec<String> {
        let mut paths = vec![
            "person.summary".to_owned(),
            "education[0].studyType".to_owned(),
            "education[0].area".to_owned(),
        ];
        if institution {
            paths.push("education[0].institution".into());
        }
        for n in 0..12 {
            paths.push(format!("education[0].courses[{n}].title"));
            if n < 10 {
                paths.push(format!("education[0].courses[{n}].grade"));
            }
        }
        paths.extend([
            "work[0].position".to_owned(),
            "skills[0].name".to_owned(),
            "documents[39608c30435c3a89aa]".to_owned(),
        ]);
        paths
    }

    #[test]
    fn items_are_named_by_their_shared_values_with_courses_and_attachments_counted() {
        let items = held_items(&profile(), &[cv()], &paths(true));
        let named: Vec<(&str, &str)> = items
            .iter()
            .map(|i| (i.section.as_str(), i.name.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("person", ""),
                ("education", "Universitetet i Oslo, Bachelor, Informatikk"),
                ("work", "Developer"),
                ("skills", "Rust"),
                ("documents", "cv-kari.pdf"),
            ]
        );
        assert_eq!((items[1].courses, items[1].graded_courses), (12, 10));
        assert_eq!(items[0].fields, ["summary"]);
        let document = items[4].document.as_ref().expect("the CV");
        assert_eq!((document.kind, document.size), (DocumentKind::Cv, 182_000));
        assert_eq!(
            items[1].describe_en(),
            "Education — Universitetet i Oslo, Bachelor, Informatikk: 12 courses, 10 with \
             grades (study type, area, institution, courses' title, courses' grade)"
        );
        assert_eq!(items[4].describe_en(), "Attachments — CV (PDF, 182 kB)");
        assert_eq!(items[0].describe_en(), "You (summary)");
    }

    #[test]
    fn a_cv_and_a_letter_made_for_the_share_come_last_by_what_they_are() {
        let paths = [
            "made[coverLetter]".to_owned(),
            "made[cv]".to_owned(),
            "skills[0].name".to_owned(),
        ];
        let items = held_items(&profile(), &[], &paths);
        let described: Vec<String> = items.iter().map(HeldItem::describe_en).collect();
        assert_eq!(
            described,
            [
                "Skills — Rust (name)",
                "Made for this share — CV (PDF)",
                "Made for this share — Cover letter (PDF)",
            ]
        );
        assert_eq!(items[1].made, Some(DocumentKind::Cv));
    }

    #[test]
    fn a_name_the_share_left_out_is_not_shown_and_a_gone_entry_has_no_name() {
        let items = held_items(&profile(), &[], &paths(false));
        assert_eq!(items[1].name, "Bachelor, Informatikk", "no institution");
        assert_eq!(items[4].name, "", "the attachment is gone from the vault");
        assert!(items[4].document.is_none());
        let gone = held_items(&Profile::default(), &[], &["work[3].position".into()]);
        assert_eq!(gone[0].name, "");
        assert_eq!(gone[0].fields, ["position"]);
    }
}
