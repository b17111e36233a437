//! Section by section: a resume entry → a model value and back. Reading renders the value
//! again and keeps the difference, so whatever the model did not take is returned.

use candor_model::{Education, ImportNote, LearningOpportunity, Person, Profile};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::overlay::{diff, without_nulls};
use super::{ADDRESSES_EXTENSION, GRADES_EXTENSION};
use crate::ImportError;

/// `basics` → the person, and what the model did not take from it.
pub(super) fn read_basics(
    value: &Value,
    warnings: &mut Vec<ImportNote>,
) -> Result<(Person, Option<Value>), ImportError> {
    let Value::Object(original) = value else {
        return Err(bad("basics", "expected an object"));
    };
    let mut original = original.clone();
    if original.remove("nationalId").is_some() {
        warnings.push(ImportNote::new(
            "national_id_not_imported",
            "The national identity number in the résumé was not imported: Candor stores one \
             only when you type it yourself",
        ));
    }
    let Value::Object(mut fields) = without_nulls(&Value::Object(original.clone())) else {
        return Err(bad("basics", "expected an object"));
    };
    // `photo` is a Candor document id, which a resume file cannot carry; `image` is a URL,
    // which the model has no field for: both stay in what is kept.
    for key in ["photo", "image", "addresses"] {
        fields.remove(key);
    }
    let mut addresses: Vec<Value> = fields.remove("location").into_iter().collect();
    match fields.remove(ADDRESSES_EXTENSION) {
        Some(Value::Array(more)) => addresses.extend(more),
        Some(_) => {
            return Err(bad(
                &format!("basics.{ADDRESSES_EXTENSION}"),
                "expected a list",
            ))
        }
        None => {}
    }
    if !addresses.is_empty() {
        fields.insert("addresses".into(), Value::Array(addresses));
    }
    fields
        .entry("name")
        .or_insert_with(|| Value::String(String::new()));
    let person: Person = from_json("basics", Value::Object(fields))?;
    let rendered = Value::Object(write_basics(&person));
    Ok((person, diff(&Value::Object(original), &rendered)))
}

/// The person as `basics`, without the national id and the photo's document id.
pub(super) fn write_basics(person: &Person) -> Map<String, Value> {
    let Value::Object(mut basics) = to_json(person) else {
        return Map::new();
    };
    basics.remove("nationalId");
    basics.remove("photo");
    if let Some(Value::Array(mut addresses)) = basics.remove("addresses") {
        if !addresses.is_empty() {
            basics.insert("location".into(), addresses.remove(0));
        }
        if !addresses.is_empty() {
            basics.insert(ADDRESSES_EXTENSION.into(), Value::Array(addresses));
        }
    }
    if person.name.is_empty() {
        basics.remove("name");
    }
    basics
}

/// A list section into the profile; returns what is kept of it (`null` for an entry that
/// kept nothing), `[]` for an empty section, `None` when nothing is kept.
pub(super) fn read_list(
    section: &str,
    value: &Value,
    profile: &mut Profile,
) -> Result<Option<Value>, ImportError> {
    let Value::Array(entries) = value else {
        return Err(bad(section, "expected a list"));
    };
    if entries.is_empty() {
        return Ok(Some(Value::Array(Vec::new())));
    }
    let mut kept = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let field = format!("{section}[{i}]");
        if !entry.is_object() {
            return Err(bad(&field, "expected an object"));
        }
        let fields = without_nulls(entry);
        let rendered = match section {
            "education" => {
                let education = read_education(&field, fields)?;
                let rendered = write_education(&education);
                profile.education.push(education);
                rendered
            }
            _ => read_plain(section, &field, fields, profile)?,
        };
        kept.push(diff(entry, &rendered).unwrap_or(Value::Null));
    }
    Ok(kept
        .iter()
        .any(|k| !k.is_null())
        .then_some(Value::Array(kept)))
}

/// A list section of the profile as resume entries.
pub(super) fn write_list(section: &str, profile: &Profile) -> Vec<Value> {
    fn all<T: Serialize>(items: &[T]) -> Vec<Value> {
        items.iter().map(to_json).collect()
    }
    match section {
        "work" => all(&profile.work),
        "volunteer" => all(&profile.volunteer),
        "education" => profile.education.iter().map(write_education).collect(),
        "awards" => all(&profile.awards),
        "certificates" => all(&profile.certificates),
        "publications" => all(&profile.publications),
        "skills" => all(&profile.skills),
        "languages" => all(&profile.languages),
        "interests" => all(&profile.interests),
        "references" => all(&profile.references),
        "projects" => all(&profile.projects),
        _ => Vec::new(),
    }
}

/// An entry of a section whose fields the model names as JSON Resume does; returns it
/// rendered back.
fn read_plain(
    section: &str,
    field: &str,
    fields: Value,
    profile: &mut Profile,
) -> Result<Value, ImportError> {
    fn push<T: DeserializeOwned + Serialize>(
        list: &mut Vec<T>,
        field: &str,
        fields: Value,
    ) -> Result<Value, ImportError> {
        let item: T = from_json(field, fields)?;
        let rendered = to_json(&item);
        list.push(item);
        Ok(rendered)
    }
    match section {
        "work" => push(&mut profile.work, field, fields),
        "volunteer" => push(&mut profile.volunteer, field, fields),
        "awards" => push(&mut profile.awards, field, fields),
        "certificates" => push(&mut profile.certificates, field, fields),
        "publications" => push(&mut profile.publications, field, fields),
        "skills" => push(&mut profile.skills, field, fields),
        "languages" => push(&mut profile.languages, field, fields),
        "interests" => push(&mut profile.interests, field, fields),
        "references" => push(&mut profile.references, field, fields),
        "projects" => push(&mut profile.projects, field, fields),
        _ => Err(bad(field, "not a section Candor reads")),
    }
}

/// An education entry: its `courses` as leaves, or its whole tree from the extension.
fn read_education(field: &str, fields: Value) -> Result<Education, ImportError> {
    let Value::Object(mut fields) = fields else {
        return Err(bad(field, "expected an object"));
    };
    let tree = fields.remove(GRADES_EXTENSION);
    let names = fields.remove("courses");
    let mut education: Education = from_json(field, Value::Object(fields))?;
    education.courses = match (tree, names) {
        (Some(tree), _) => from_json(&format!("{field}.{GRADES_EXTENSION}"), tree)?,
        (None, Some(Value::Array(names))) => names
            .into_iter()
            .enumerate()
            .map(|(i, name)| match name {
                Value::String(title) => Ok(LearningOpportunity {
                    title,
                    ..Default::default()
                }),
                _ => Err(bad(
                    &format!("{field}.courses[{i}]"),
                    "expected a course name",
                )),
            })
            .collect::<Result<_, _>>()?,
        (None, Some(_)) => return Err(bad(&format!("{field}.courses"), "expected a list")),
        (None, None) => Vec::new(),
    };
    Ok(education)
}

/// An education as a resume entry: `courses` lists the leaves ("CODE - Title" when there
/// is a code); the tree goes in the extension when it holds more than titles.
fn write_education(education: &Education) -> Value {
    let Value::Object(mut entry) = to_json(education) else {
        return Value::Null;
    };
    entry.remove("courses");
    if !education.courses.is_empty() {
        let mut names = Vec::new();
        for course in &education.courses {
            leaf_names(course, &mut names);
        }
        entry.insert("courses".into(), Value::Array(names));
        if !education.courses.iter().all(is_bare_title) {
            entry.insert(GRADES_EXTENSION.into(), to_json(&education.courses));
        }
    }
    Value::Object(entry)
}

fn leaf_names(node: &LearningOpportunity, names: &mut Vec<Value>) {
    if node.children.is_empty() {
        let name = if node.code.is_empty() {
            node.title.clone()
        } else {
            format!("{} - {}", node.code, node.title)
        };
        names.push(Value::String(name));
    }
    for child in &node.children {
        leaf_names(child, names);
    }
}

/// A course that is nothing but its title, as JSON Resume's `courses` can say.
fn is_bare_title(course: &LearningOpportunity) -> bool {
    *course
        == LearningOpportunity {
            title: course.title.clone(),
            ..Default::default()
        }
}

fn from_json<T: DeserializeOwned>(field: &str, value: Value) -> Result<T, ImportError> {
    serde_json::from_value(value).map_err(|e| bad(field, &e.to_string()))
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("model types serialize to JSON with string keys")
}

fn bad(field: &str, reason: &str) -> ImportError {
    ImportError::BadJsonResumeField {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}
