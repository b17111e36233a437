//! JSON Resume (<https://jsonresume.org/schema>, v1.0.0): import into a [`Profile`] and export
//! from one, losing nothing.
//!
//! The model uses JSON Resume's names, so most sections map field for field. Where they
//! differ: `basics` is the [`Person`](candor_model::Person) (`location` is its first address,
//! further addresses go in `x-candor-addresses`); an education's `courses` are the leaves of
//! its tree of learning opportunities, and the whole tree, grades and all, travels in the
//! [`GRADES_EXTENSION`] field beside them. What the model has no place for (`$schema`,
//! `meta`, `basics.image`, other tools' fields, and values the model writes differently) is
//! returned as [`JsonResumeImport::kept`], in the resume's own shape, and
//! [`export_json_resume`] puts it back.

mod overlay;
mod sections;

use std::io::Read;

use candor_model::{ImportNote, Profile};
use serde_json::{Map, Value};

use crate::error::read_capped;
use crate::ImportError;

/// The extension field on an education entry that carries its tree of learning
/// opportunities (codes, credits, grades with their schemes, distributions, children) in the
/// model's JSON, since JSON Resume's `courses` is a list of names.
pub const GRADES_EXTENSION: &str = "x-candor-grades";
/// The extension field in `basics` for addresses after the first (which is `location`).
pub const ADDRESSES_EXTENSION: &str = "x-candor-addresses";
/// The largest resume read: 10 MiB.
pub const MAX_JSON_RESUME_BYTES: u64 = 10 * 1024 * 1024;

/// The sections that are lists of entries, in schema order.
const LIST_SECTIONS: &[&str] = &[
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
];

/// An imported resume.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonResumeImport {
    pub profile: Profile,
    /// Everything the model could not hold, in the resume's shape: top-level keys
    /// (`$schema`, `meta`, unknown sections), `basics` fields, and per list section an array
    /// with, for each entry, an object of its kept fields or `null`. An empty object when
    /// nothing was left over. Store it beside the profile and pass it to
    /// [`export_json_resume`] to give the resume back whole.
    pub kept: Value,
    /// What was read but deliberately not imported, one sentence each.
    pub warnings: Vec<ImportNote>,
}

/// Imports a JSON Resume document.
///
/// ```
/// let resume = br#"{"basics": {"name": "Kari Nordmann", "image": ""},
///                   "skills": [{"name": "Rust", "keywords": ["async"]}]}"#;
/// let import = candor_formats::import_json_resume(resume)?;
/// assert_eq!(import.profile.skills[0].keywords, ["async"]);
/// assert_eq!(import.kept, serde_json::json!({"basics": {"image": ""}}));
/// let back = candor_formats::export_json_resume(&import.profile, Some(&import.kept));
/// assert_eq!(back, serde_json::from_slice::<serde_json::Value>(resume).expect("valid JSON"));
/// # Ok::<(), candor_formats::ImportError>(())
/// ```
pub fn import_json_resume(input: &[u8]) -> Result<JsonResumeImport, ImportError> {
    if input.len() as u64 > MAX_JSON_RESUME_BYTES {
        return Err(ImportError::InputTooLarge {
            limit: MAX_JSON_RESUME_BYTES,
        });
    }
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let document: Value = serde_json::from_slice(input).map_err(|e| ImportError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: without_position(&e),
    })?;
    let Value::Object(document) = document else {
        return Err(ImportError::NotJsonResume {
            reason: "the top level is not an object".into(),
        });
    };
    let mut profile = Profile::default();
    let mut kept = Map::new();
    let mut warnings = Vec::new();
    for (key, value) in &document {
        if key == "basics" {
            let (person, basics_kept) = sections::read_basics(value, &mut warnings)?;
            profile.person = Some(person);
            if let Some(basics_kept) = basics_kept {
                kept.insert(key.clone(), basics_kept);
            }
        } else if LIST_SECTIONS.contains(&key.as_str()) {
            let section_kept = sections::read_list(key, value, &mut profile)?;
            if let Some(section_kept) = section_kept {
                kept.insert(key.clone(), section_kept);
            }
        } else {
            kept.insert(key.clone(), value.clone());
        }
    }
    Ok(JsonResumeImport {
        profile,
        kept: Value::Object(kept),
        warnings,
    })
}

/// [`import_json_resume`] from a reader, reading at most [`MAX_JSON_RESUME_BYTES`].
pub fn read_json_resume(reader: impl Read) -> Result<JsonResumeImport, ImportError> {
    import_json_resume(&read_capped(reader, MAX_JSON_RESUME_BYTES)?)
}

/// The profile as a JSON Resume document, with `kept` (from [`JsonResumeImport::kept`])
/// merged back in. Never includes the national identity number or the photo's document id.
/// Every education whose courses carry more than titles gets a [`GRADES_EXTENSION`] field.
pub fn export_json_resume(profile: &Profile, kept: Option<&Value>) -> Value {
    let mut document = Map::new();
    if let Some(person) = &profile.person {
        document.insert(
            "basics".into(),
            Value::Object(sections::write_basics(person)),
        );
    }
    for &section in LIST_SECTIONS {
        let items = sections::write_list(section, profile);
        if !items.is_empty() {
            document.insert(section.into(), Value::Array(items));
        }
    }
    if let Some(Value::Object(kept)) = kept {
        for (key, value) in kept {
            match (document.get_mut(key), value) {
                (Some(Value::Array(items)), Value::Array(kept_items))
                    if LIST_SECTIONS.contains(&key.as_str()) =>
                {
                    overlay::merge_items(items, kept_items);
                }
                // An entry-less section that the resume wrote as `[]`.
                (None, Value::Array(kept_items))
                    if LIST_SECTIONS.contains(&key.as_str()) && !kept_items.is_empty() => {}
                (Some(Value::Object(inner)), Value::Object(kept_inner)) => {
                    overlay::merge(inner, kept_inner);
                }
                _ => {
                    document.insert(key.clone(), value.clone());
                }
            }
        }
    }
    Value::Object(document)
}

/// [`export_json_resume`] as pretty-printed JSON text.
pub fn export_json_resume_string(profile: &Profile, kept: Option<&Value>) -> String {
    let document = export_json_resume(profile, kept);
    serde_json::to_string_pretty(&document).expect("a JSON value always serializes")
}

/// serde_json's message without its " at line L column C" suffix, which the error's own
/// fields carry.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}
