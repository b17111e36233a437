//! Typed records: create, read, update, delete and list any model type.
//!
//! A record's plaintext is a small envelope, `{"order": n, "value": {...}}`, so the order
//! the person gave their sections (CV order) is kept, and kept encrypted with the rest.

use crate::roles::{SeekerVault, VaultRole};
use std::time::{SystemTime, UNIX_EPOCH};

use candor_model::{Document, Person, Record, Validate};
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::keys::random_bytes;
use crate::vault::{Vault, Writer};

/// A record as stored: its id, version and value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Entry<T> {
    pub id: String,
    // JavaScript numbers hold integers exactly up to 2^53: plenty here.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub version: u64,
    pub value: T,
}

#[derive(Serialize)]
struct EnvelopeRef<'a, T> {
    order: i64,
    value: &'a T,
}

#[derive(Deserialize)]
struct Envelope<T> {
    order: i64,
    value: T,
}

/// Makes `$type` a record of kind `$kind` that needs no validation: the vault's own
/// bookkeeping (keys, ledger, received bundles), which no person types in.
macro_rules! internal_record {
    ($type:ty, $kind:literal) => {
        impl candor_model::Validate for $type {
            fn validate(&self) -> std::result::Result<(), candor_model::ValidationErrors> {
                Ok(())
            }
        }

        impl candor_model::Record for $type {
            const KIND: &'static str = $kind;
        }
    };
}
pub(crate) use internal_record;

/// The singleton person record's id.
pub(crate) const PERSON_ID: &str = "person";
/// Shortest id prefix accepted where a full id is expected.
pub const MIN_PREFIX: usize = 4;

pub(crate) fn new_id() -> String {
    random_bytes::<8>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(crate) fn now_order() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

pub(crate) fn encode<T: Serialize>(order: i64, value: &T) -> Vec<u8> {
    serde_json::to_vec(&EnvelopeRef { order, value }).expect("model types always serialize")
}

pub(crate) fn decode<T: Record>(kind: &str, id: &str, plain: &[u8]) -> Result<(i64, T)> {
    let envelope: Envelope<T> = serde_json::from_slice(plain).map_err(|e| {
        // It authenticated, so we wrote it: a shape we cannot read is a bug or a newer
        // writer, never an attacker. Say which record, not what it holds.
        VaultError::tampered(format!(
            "record {kind}/{id} authenticated but cannot be read ({})",
            e.classify_name()
        ))
    })?;
    Ok((envelope.order, envelope.value))
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "i/o",
            serde_json::error::Category::Syntax => "bad JSON",
            serde_json::error::Category::Data => "unexpected shape",
            serde_json::error::Category::Eof => "cut short",
        }
    }
}

impl Writer<'_> {
    /// A record of an internal kind, if there is one.
    pub(crate) fn get_record<T: Record>(&self, id: &str) -> Result<Option<T>> {
        self.read_raw(T::KIND, id)?
            .map(|plain| decode::<T>(T::KIND, id, &plain).map(|(_, value)| value))
            .transpose()
    }

    pub(crate) fn put_record<T: Record>(&mut self, id: &str, order: i64, value: &T) -> Result<u64> {
        value.validate()?;
        self.put(T::KIND, id, &encode(order, value))
    }

    /// Appends `values` as new records after those there are, in order; returns their ids.
    pub(crate) fn append<T: Record>(&mut self, values: &[T]) -> Result<Vec<String>> {
        let base = now_order();
        let mut ids = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            let id = new_id();
            self.put_record(&id, base + i as i64, value)?;
            ids.push(id);
        }
        Ok(ids)
    }
}

impl SeekerVault {
    /// Adds a record and returns its new id. Validates first; nothing is stored when the
    /// value is invalid.
    pub fn insert<T: Record>(&mut self, value: &T) -> Result<String> {
        refuse_bare_documents::<T>()?;
        // There is one person: inserting one sets it.
        let id = if T::KIND == Person::KIND {
            PERSON_ID.to_owned()
        } else {
            new_id()
        };
        self.write(|w| w.put_record(&id, now_order(), value))?;
        Ok(id)
    }

    /// Adds several records in one transaction, keeping their order.
    pub fn insert_many<T: Record>(&mut self, values: &[T]) -> Result<Vec<String>> {
        refuse_bare_documents::<T>()?;
        for value in values {
            value.validate()?;
        }
        self.write(|w| w.append(values))
    }

    /// Reads one record by its full id.
    pub fn get<T: Record>(&self, id: &str) -> Result<Entry<T>> {
        let (version, plain) =
            self.read_raw(T::KIND, id)?
                .ok_or_else(|| VaultError::RecordNotFound {
                    kind: T::KIND,
                    id: id.to_owned(),
                })?;
        let (_, value) = decode::<T>(T::KIND, id, &plain)?;
        Ok(Entry {
            id: id.to_owned(),
            version,
            value,
        })
    }

    /// Replaces a record's value, keeping its place in the list. Returns the new version.
    pub fn update<T: Record>(&mut self, id: &str, value: &T) -> Result<u64> {
        let (_, plain) = self
            .read_raw(T::KIND, id)?
            .ok_or_else(|| VaultError::RecordNotFound {
                kind: T::KIND,
                id: id.to_owned(),
            })?;
        let (order, _) = decode::<T>(T::KIND, id, &plain)?;
        self.write(|w| w.put_record(id, order, value))
    }

    /// Deletes a record.
    pub fn delete<T: Record>(&mut self, id: &str) -> Result<()> {
        refuse_bare_documents::<T>()?;
        let removed = self.write(|w| w.remove(T::KIND, id))?;
        if removed {
            Ok(())
        } else {
            Err(VaultError::RecordNotFound {
                kind: T::KIND,
                id: id.to_owned(),
            })
        }
    }

    /// Every record of a type, in the order they were added.
    pub fn list<T: Record>(&self) -> Result<Vec<Entry<T>>> {
        self.entries()
    }

    /// Replaces every record of a type with `values`, in one transaction.
    pub fn replace_all<T: Record>(&mut self, values: &[T]) -> Result<Vec<String>> {
        refuse_bare_documents::<T>()?;
        for value in values {
            value.validate()?;
        }
        self.write(|w| w.replace_kind(values))
    }

    /// The full id of the record of type `T` that `prefix` names (an id, or its first
    /// four or more characters).
    pub fn resolve_id<T: Record>(&self, prefix: &str) -> Result<String> {
        let not_found = || VaultError::RecordNotFound {
            kind: T::KIND,
            id: prefix.to_owned(),
        };
        if prefix.len() < MIN_PREFIX && self.read_raw(T::KIND, prefix)?.is_none() {
            return Err(not_found());
        }
        let mut ids = self.ids_with_prefix(T::KIND, prefix)?;
        if let Some(exact) = ids.iter().position(|id| id == prefix) {
            return Ok(ids.swap_remove(exact));
        }
        match ids.len() {
            0 => Err(not_found()),
            1 => Ok(ids.swap_remove(0)),
            count => Err(VaultError::AmbiguousId {
                kind: T::KIND,
                prefix: prefix.to_owned(),
                count,
            }),
        }
    }

    /// The person the profile is about, if set.
    pub fn person(&self) -> Result<Option<Person>> {
        match self.read_raw(Person::KIND, PERSON_ID)? {
            None => Ok(None),
            Some((_, plain)) => Ok(Some(decode::<Person>(Person::KIND, PERSON_ID, &plain)?.1)),
        }
    }

    /// Sets the person the profile is about.
    pub fn set_person(&mut self, person: &Person) -> Result<()> {
        person.validate()?;
        self.write(|w| w.put_record(PERSON_ID, 0, person))
            .map(|_| ())
    }
}

impl<R: VaultRole> Vault<R> {
    /// A record of an internal kind, if there is one.
    pub(crate) fn get_record<T: Record>(&self, id: &str) -> Result<Option<T>> {
        self.read_raw(T::KIND, id)?
            .map(|(_, plain)| decode::<T>(T::KIND, id, &plain).map(|(_, value)| value))
            .transpose()
    }

    /// Every record of an internal kind with its id, in the order they were added.
    pub(crate) fn list_records<T: Record>(&self) -> Result<Vec<(String, T)>> {
        Ok(self
            .entries::<T>()?
            .into_iter()
            .map(|entry| (entry.id, entry.value))
            .collect())
    }

    /// Every record of a type, in the order they were added.
    pub(crate) fn entries<T: Record>(&self) -> Result<Vec<Entry<T>>> {
        let mut entries = Vec::new();
        for (id, version, plain) in self.read_all_raw(T::KIND)? {
            let (order, value) = decode::<T>(T::KIND, &id, &plain)?;
            entries.push((order, Entry { id, version, value }));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        Ok(entries.into_iter().map(|(_, e)| e).collect())
    }
}

fn refuse_bare_documents<T: Record>() -> Result<()> {
    if T::KIND == Document::KIND {
        return Err(VaultError::DocumentNeedsContent);
    }
    Ok(())
}

/// The one of `candidates` (id, value) whose id is `prefix`, or the only one whose id
/// starts with it when it has at least [`MIN_PREFIX`] characters; `None` when none does,
/// and the same ambiguity error as [`Vault::resolve_id`] when several do. For ids that
/// live inside records (bundle and request ids in the ledger).
pub(crate) fn pick_by_prefix<T>(
    candidates: impl IntoIterator<Item = (String, T)>,
    prefix: &str,
    kind: &'static str,
) -> Result<Option<T>> {
    let mut found: Vec<(String, T)> = candidates
        .into_iter()
        .filter(|(id, _)| id == prefix || (prefix.len() >= MIN_PREFIX && id.starts_with(prefix)))
        .collect();
    if let Some(exact) = found.iter().position(|(id, _)| id == prefix) {
        return Ok(Some(found.swap_remove(exact).1));
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop().map(|(_, value)| value)),
        count => Err(VaultError::AmbiguousId {
            kind,
            prefix: prefix.to_owned(),
            count,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<(String, String)> {
        list.iter()
            .map(|id| (id.to_string(), id.to_string()))
            .collect()
    }

    #[test]
    fn an_id_inside_a_record_resolves_by_its_exact_value_or_a_unique_prefix() {
        let shares = ids(&["4f0c2b8e9d1a", "7a1b2c3d4e5f"]);
        let pick = |prefix| pick_by_prefix(shares.clone(), prefix, "share");
        assert_eq!(
            pick("7a1b2c3d4e5f").ok().flatten().as_deref(),
            Some("7a1b2c3d4e5f")
        );
        assert_eq!(pick("4f0c").ok().flatten().as_deref(), Some("4f0c2b8e9d1a"));
        assert_eq!(pick("4f0").ok().flatten(), None, "shorter than the minimum");
        assert_eq!(pick("ffff").ok().flatten(), None);
    }

    #[test]
    fn a_prefix_two_ids_share_is_the_same_ambiguity_error_as_for_records() {
        let refused =
            pick_by_prefix(ids(&["4f0c2b", "4f0c9a"]), "4f0c", "request").expect_err("ambiguous");
        assert!(matches!(
            refused,
            VaultError::AmbiguousId {
                kind: "request",
                count: 2,
                ..
            }
        ));
    }
}
