//! What a JSON Resume holds that the model has no place for, kept sealed so the resume
//! comes back whole on export.
//!
//! The importer gives the leftovers in the resume's shape, one array item per section
//! entry. Kept that way they would go stale as soon as an entry is removed or the seeker
//! imports something else, so each entry's leftovers are stored under its record's id, and
//! the resume's shape is rebuilt from the profile as it is when exporting.

use crate::roles::SeekerVault;
use std::collections::BTreeMap;

use candor_model::{
    Award, Certificate, Education, Interest, Language, Project, Publication, Record, Reference,
    Skill, Volunteer, Work,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::plan::each_section;
use crate::error::Result;
use crate::records::decode;
use crate::records::internal_record;

/// The leftovers of every JSON Resume imported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ResumeKept {
    /// Top-level keys (`$schema`, `meta`, other tools' sections, a section written as
    /// `[]`) and the `basics` fields the person has no place for.
    #[serde(default)]
    pub document: Map<String, Value>,
    /// Per entry, by `section/record id`: its fields the model has no place for.
    #[serde(default)]
    pub entries: BTreeMap<String, Value>,
}

internal_record!(ResumeKept, "json-resume-kept");

impl ResumeKept {
    /// The singleton record's id.
    pub const ID: &'static str = "json-resume";

    pub fn key(section: &str, id: &str) -> String {
        format!("{section}/{id}")
    }

    /// Adds an imported resume's document-level leftovers (everything but the entries of
    /// list sections that have entries): `basics` merged field by field, the rest replaced.
    pub fn merge_document(&mut self, kept: &Map<String, Value>) {
        for (key, value) in kept {
            let is_entry_list =
                matches!(value, Value::Array(items) if !items.is_empty()) && is_list_section(key);
            if is_entry_list {
                continue;
            }
            match (self.document.get_mut(key), value) {
                (Some(Value::Object(mine)), Value::Object(theirs)) => {
                    for (field, inner) in theirs {
                        mine.insert(field.clone(), inner.clone());
                    }
                }
                _ => {
                    self.document.insert(key.clone(), value.clone());
                }
            }
        }
    }
}

fn is_list_section(name: &str) -> bool {
    let mut found = false;
    macro_rules! check {
        ($field:ident, $type:ty) => {
            found |= name == stringify!($field);
        };
    }
    each_section!(check);
    found
}

impl SeekerVault {
    pub(crate) fn resume_kept(&self) -> Result<ResumeKept> {
        match self.read_raw(ResumeKept::KIND, ResumeKept::ID)? {
            None => Ok(ResumeKept::default()),
            Some((_, plain)) => Ok(decode(ResumeKept::KIND, ResumeKept::ID, &plain)?.1),
        }
    }

    /// What the JSON Resumes imported into this vault held that the model has no place for,
    /// in the shape [`candor_formats::export_json_resume`] takes, lined up with the profile
    /// as it is now. An empty object when no resume was imported.
    pub fn json_resume_kept(&self) -> Result<Value> {
        let stored = self.resume_kept()?;
        let mut kept = stored.document.clone();
        let vault = self;
        macro_rules! section {
            ($field:ident, $type:ty) => {
                let name = stringify!($field);
                let items: Vec<Value> = vault
                    .list::<$type>()?
                    .iter()
                    .map(|entry| {
                        stored
                            .entries
                            .get(&ResumeKept::key(name, &entry.id))
                            .cloned()
                            .unwrap_or(Value::Null)
                    })
                    .collect();
                if items.iter().any(|item| !item.is_null()) {
                    kept.insert(name.into(), Value::Array(items));
                }
            };
        }
        each_section!(section);
        Ok(Value::Object(kept))
    }

    /// The profile as a JSON Resume document, with what imported resumes held that the
    /// model has no place for put back. Never holds the national identity number.
    pub fn export_json_resume(&self) -> Result<Value> {
        let kept = self.json_resume_kept()?;
        Ok(candor_formats::export_json_resume(
            &self.profile()?,
            Some(&kept),
        ))
    }
}
