//! The paths of a [`ViewChoice`]: read, checked against the profile, and compared.
//!
//! A path names a field as the profile's JSON does: `person.label`, `work[1]`,
//! `education[0].courses[3].grade`; or an attachment, `documents[<id>]`.

use serde_json::Value;

use super::{ViewChoice, ViewError};
use crate::Profile;

/// How a path names an attachment: `documents[<id>]`.
const DOCUMENTS: &str = "documents";

/// A choice's paths, read and checked: field paths written the one way they compare
/// (`work[01]` becomes `work[1]`), document ids apart.
#[derive(Debug, Default)]
pub(super) struct Paths {
    pub(super) include: Vec<String>,
    pub(super) exclude: Vec<String>,
    pub(super) include_documents: Vec<String>,
    pub(super) exclude_documents: Vec<String>,
}

impl Paths {
    /// Reads every path of `choice`. Each must be well written and name something in
    /// `profile`, so that a mistyped or stale choice is refused rather than quietly sharing
    /// more, or less, than the seeker meant.
    pub(super) fn read(profile: &Profile, choice: &ViewChoice) -> Result<Self, ViewError> {
        let json = shareable_json(profile);
        let mut paths = Paths::default();
        for text in &choice.include {
            match read_one(&json, text)? {
                Chosen::Field(path) => paths.include.push(path),
                Chosen::Document(id) => paths.include_documents.push(id),
            }
        }
        for text in &choice.exclude {
            match read_one(&json, text)? {
                Chosen::Field(path) => paths.exclude.push(path),
                Chosen::Document(id) => paths.exclude_documents.push(id),
            }
        }
        Ok(paths)
    }

    /// Whether an included path is `path` or holds it.
    pub(super) fn includes(&self, path: &str) -> bool {
        self.include
            .iter()
            .any(|chosen| chosen == path || is_within(path, chosen))
    }
}

/// Whether `path` is strictly inside `node`: `work[1].name` is inside `work[1]` and `work`,
/// but not inside `work[10]` or `workplace`.
pub(super) fn is_within(path: &str, node: &str) -> bool {
    path.len() > node.len()
        && path.starts_with(node)
        && (node.is_empty() || matches!(path.as_bytes()[node.len()], b'.' | b'['))
}

/// `path` one field further in: `work[1]` and `name` give `work[1].name`.
pub(super) fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// `path` one entry further in: `work` and 1 give `work[1]`.
pub(super) fn push_index(path: &mut String, index: usize) {
    path.push('[');
    path.push_str(&index.to_string());
    path.push(']');
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// What a path names.
#[derive(Debug, PartialEq, Eq)]
enum Chosen {
    /// A field, as its canonical path.
    Field(String),
    /// An attachment, by id.
    Document(String),
}

/// The profile as JSON, without the national identity number: nothing may name it.
fn shareable_json(profile: &Profile) -> Value {
    // Every model type serializes: there are no maps with non-string keys, no failing
    // `Serialize` impls.
    let mut json = serde_json::to_value(profile).expect("a profile always serializes");
    if let Some(person) = json.get_mut("person").and_then(Value::as_object_mut) {
        person.remove("nationalId");
    }
    json
}

/// Reads `text` and checks it against the profile's JSON.
fn read_one(json: &Value, text: &str) -> Result<Chosen, ViewError> {
    if let Some(id) = document_id(text) {
        return Ok(Chosen::Document(id.to_owned()));
    }
    let steps = parse(text).ok_or_else(|| ViewError::BadPath {
        path: text.to_owned(),
    })?;
    let path = render(&steps);
    if let [Step::Key(person), Step::Key(national_id), ..] = steps.as_slice() {
        if person == "person" && national_id == "nationalId" {
            return Err(ViewError::NationalIdNeverShared { path });
        }
    }
    resolve(json, &steps)?;
    Ok(Chosen::Field(path))
}

/// The id in `documents[<id>]`, if `text` is written so.
fn document_id(text: &str) -> Option<&str> {
    text.strip_prefix(DOCUMENTS)?
        .strip_prefix('[')?
        .strip_suffix(']')
        .filter(|id| !id.is_empty())
}

/// The steps of `key[index].key…`; `None` when it is not written so. A key is an ASCII
/// letter then letters and digits, as the JSON names are; an index is decimal digits.
fn parse(text: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut rest = text;
    loop {
        let key_end = rest.find(['.', '[']).unwrap_or(rest.len());
        let key = &rest[..key_end];
        let mut chars = key.chars();
        let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
        if !first_is_letter || !chars.all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        steps.push(Step::Key(key.to_owned()));
        rest = &rest[key_end..];
        while let Some(after) = rest.strip_prefix('[') {
            let (digits, tail) = after.split_once(']')?;
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            steps.push(Step::Index(digits.parse().ok()?));
            rest = tail;
        }
        if rest.is_empty() {
            return Some(steps);
        }
        rest = rest.strip_prefix('.')?;
    }
}

/// The path of `steps`, written the one way paths compare.
fn render(steps: &[Step]) -> String {
    let mut path = String::new();
    for step in steps {
        match step {
            Step::Key(key) => push_key(&mut path, key),
            Step::Index(index) => push_index(&mut path, *index),
        }
    }
    path
}

/// Follows `steps` through `json`; an error names the first step that leads nowhere and
/// says what is there instead.
fn resolve(json: &Value, steps: &[Step]) -> Result<(), ViewError> {
    let mut here = json;
    let mut at = String::new();
    for step in steps {
        let owner = at.clone();
        let next = match (here, step) {
            (Value::Object(fields), Step::Key(key)) => {
                push_key(&mut at, key);
                fields.get(key).ok_or_else(|| {
                    let mut fields: Vec<String> = fields.keys().cloned().collect();
                    fields.sort();
                    ViewError::NoSuchField {
                        path: at.clone(),
                        owner,
                        fields,
                    }
                })?
            }
            (Value::Array(entries), Step::Index(index)) => {
                push_index(&mut at, *index);
                entries
                    .get(*index)
                    .ok_or_else(|| no_such_entry(&at, &owner, entries.len()))?
            }
            (Value::Array(_), Step::Key(key)) => {
                push_key(&mut at, key);
                let mut example = owner.clone();
                push_index(&mut example, 0);
                push_key(&mut example, key);
                return Err(ViewError::ListNeedsIndex {
                    path: at,
                    list: owner,
                    example,
                });
            }
            (_, Step::Index(index)) => {
                push_index(&mut at, *index);
                return Err(ViewError::NotAList { path: at, owner });
            }
            (_, Step::Key(key)) => {
                push_key(&mut at, key);
                return Err(ViewError::InsideAValue {
                    path: at,
                    value: owner,
                });
            }
        };
        here = next;
    }
    Ok(())
}

/// `path` is past the end of the list `list_path`, which has `count` entries.
fn no_such_entry(path: &str, list_path: &str, count: usize) -> ViewError {
    let (owner, list) = match list_path.rsplit_once('.') {
        Some((owner, list)) => (owner, list),
        None => ("", list_path),
    };
    ViewError::NoSuchEntry {
        path: path.to_owned(),
        owner: owner.to_owned(),
        list: list.to_owned(),
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_into_steps_and_written_back_canonically() {
        let steps = parse("education[01].courses[3].grade").expect("a path");
        assert_eq!(
            steps,
            [
                Step::Key("education".into()),
                Step::Index(1),
                Step::Key("courses".into()),
                Step::Index(3),
                Step::Key("grade".into()),
            ]
        );
        assert_eq!(render(&steps), "education[1].courses[3].grade");
        for bad in [
            "",
            "work[x]",
            "work[]",
            "work[-1]",
            "work.",
            ".work",
            "work..name",
            "work[0]name",
            "1work",
            "work name",
            "work[0",
            "documents[]",
            "work[99999999999999999999999]",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn document_paths_carry_any_id() {
        assert_eq!(document_id("documents[doc-1]"), Some("doc-1"));
        assert_eq!(document_id("documents[a.b[c]"), Some("a.b[c"));
        assert_eq!(document_id("documents[]"), None);
        assert_eq!(document_id("documents"), None);
    }

    #[test]
    fn within_means_below_a_whole_step() {
        assert!(is_within("work[1].name", "work[1]"));
        assert!(is_within("work[1].name", "work"));
        assert!(is_within("work", ""));
        assert!(!is_within("work[10]", "work[1]"));
        assert!(!is_within("workplace", "work"));
        assert!(!is_within("work", "work"));
    }
}
