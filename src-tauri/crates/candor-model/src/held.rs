//! What a list of shared fields amounts to, for people: the ledger records fields by path
//! (`education[0].courses[2].grade`), never by value, and nobody reads ninety paths. Grouped
//! by section, they say "Education: 1 entry — institution, courses' titles and grades".

use serde::{Deserialize, Serialize};

/// The shared fields of one section of the profile.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldGroup {
    /// The section: `person`, `education`, `work`, …, or `documents` for attachments.
    pub section: String,
    /// How many entries of the section the fields come from (0 for `person`, which is
    /// one object); for `documents`, how many attachments.
    pub entries: u32,
    /// The fields within an entry, without indices, in the order first met:
    /// `institution`, `courses.grade`.
    pub fields: Vec<String>,
}

/// `paths` grouped by section, in the order the sections first appear.
pub fn group_fields(paths: &[String]) -> Vec<FieldGroup> {
    let mut groups: Vec<(FieldGroup, Vec<String>)> = Vec::new();
    for path in paths {
        let (head, rest) = path
            .split_once('.')
            .map_or((path.as_str(), ""), |(head, rest)| (head, rest));
        let (section, entry) = head
            .split_once('[')
            .map_or((head, None), |(section, index)| {
                (section, Some(index.trim_end_matches(']').to_owned()))
            });
        let position = match groups.iter().position(|(g, _)| g.section == section) {
            Some(position) => position,
            None => {
                groups.push((
                    FieldGroup {
                        section: section.to_owned(),
                        entries: 0,
                        fields: Vec::new(),
                    },
                    Vec::new(),
                ));
                groups.len() - 1
            }
        };
        let (group, seen) = &mut groups[position];
        if let Some(entry) = entry {
            if !seen.contains(&entry) {
                seen.push(entry);
                group.entries += 1;
            }
        }
        let field = without_indices(rest);
        if !field.is_empty() && !group.fields.contains(&field) {
            group.fields.push(field);
        }
    }
    groups.into_iter().map(|(group, _)| group).collect()
}

impl FieldGroup {
    /// The group in English words, for the CLI's text: "Education, 1 entry: institution,
    /// study type, courses' grade", "You: name, e-mail", "Attachments: 2".
    pub fn describe_en(&self) -> String {
        let title = section_title_en(&self.section);
        if self.section == "documents" {
            return format!("{title}: {}", self.entries);
        }
        let count = match self.entries {
            0 => String::new(),
            1 => ", 1 entry".to_owned(),
            n => format!(", {n} entries"),
        };
        let fields: Vec<String> = self.fields.iter().map(|f| field_words(f)).collect();
        if fields.is_empty() {
            format!("{title}{count}")
        } else {
            format!("{title}{count}: {}", fields.join(", "))
        }
    }
}

/// Where `path` is, in English words, for the CLI's text: `education[0].courses` is
/// "Education › courses", `person.summary` "You › summary", `work[1]` "Experience".
pub fn place_en(path: &str) -> String {
    let head = path.split(['.', '[']).next().unwrap_or(path);
    let rest = without_indices(&path[head.len()..]);
    let field = rest.trim_start_matches('.');
    let title = section_title_en(head);
    if field.is_empty() {
        title.to_owned()
    } else {
        format!("{title} › {}", field_words(field))
    }
}

/// A section's English title, as the app's English screens name it.
pub(crate) fn section_title_en(section: &str) -> &str {
    match section {
        "person" => "You",
        "education" => "Education",
        "work" => "Experience",
        "skills" => "Skills",
        "languages" => "Languages",
        "interests" => "Interests",
        "projects" => "Projects",
        "certificates" => "Certificates",
        "awards" => "Awards",
        "publications" => "Publications",
        "volunteer" => "Volunteering",
        "references" => "References",
        "documents" => "Attachments",
        "made" => "Made for this share",
        other => other,
    }
}

/// `courses.grade` → "courses' grade"; `studyType` → "study type"; `email` → "e-mail".
pub(crate) fn field_words(field: &str) -> String {
    let words: Vec<String> = field.split('.').map(camel_words).collect();
    match words.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, owners)) => format!("{}' {last}", owners.join("' ")),
        None => String::new(),
    }
}

fn camel_words(name: &str) -> String {
    if name == "email" {
        return "e-mail".to_owned();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `courses[2].grade` → `courses.grade`.
pub(crate) fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> Vec<String> {
        list.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn fields_group_by_section_with_their_entries_counted_once() {
        let groups = group_fields(&paths(&[
            "person.label",
            "person.email",
            "education[0].institution",
            "education[0].courses[0].title",
            "education[0].courses[0].grade",
            "education[0].courses[1].title",
            "education[1].institution",
            "skills[0].name",
            "skills[1].name",
            "skills[1].keywords[0]",
            "documents[3b3e9a0c1d2e4f56]",
        ]));
        let summary: Vec<(&str, u32, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.section.as_str(),
                    g.entries,
                    g.fields.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("person", 0, vec!["label", "email"]),
                (
                    "education",
                    2,
                    vec!["institution", "courses.title", "courses.grade"]
                ),
                ("skills", 2, vec!["name", "keywords"]),
                ("documents", 1, vec![]),
            ]
        );
    }

    #[test]
    fn no_fields_make_no_groups() {
        assert!(group_fields(&[]).is_empty());
    }

    #[test]
    fn a_whole_entry_counts_without_fields() {
        let groups = group_fields(&paths(&["references[0]", "references[1]"]));
        assert_eq!(groups[0].entries, 2);
        assert!(groups[0].fields.is_empty());
    }

    #[test]
    fn a_group_reads_as_words_with_no_path_in_it() {
        let paths: Vec<String> = [
            "person.name",
            "person.email",
            "education[0].institution",
            "education[0].studyType",
            "education[0].courses[0].grade",
            "education[0].courses[1].grade",
            "documents[3b3e0c1d]",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let words: Vec<String> = group_fields(&paths)
            .iter()
            .map(FieldGroup::describe_en)
            .collect();
        assert_eq!(
            words,
            [
                "You: name, e-mail",
                "Education, 1 entry: institution, study type, courses' grade",
                "Attachments: 1",
            ]
        );
    }

    #[test]
    fn a_place_reads_as_section_and_field() {
        assert_eq!(place_en("education[0].courses"), "Education › courses");
        assert_eq!(place_en("person.summary"), "You › summary");
        assert_eq!(place_en("work[1]"), "Experience");
        assert_eq!(place_en("documents[3b3e0c1d]"), "Attachments");
    }
}
