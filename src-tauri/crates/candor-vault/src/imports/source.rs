//! Where imported data came from: one sealed record per import, so the same transcript is
//! not imported twice, and the seeker's export can say where each record came from.

use crate::roles::SeekerVault;
use candor_model::Timestamp;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::ImportFormat;
use crate::error::{Result, VaultError};
use crate::records::internal_record;
use crate::records::Entry;

/// One import: what format, which file (by fingerprint), when, and the records it added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportSource {
    pub format: ImportFormat,
    /// SHA-256 (hex) of what was imported: for a transcript, of its XML, the same in either
    /// EMREX form; for a profile import, of the profile read from the file.
    pub fingerprint: String,
    pub imported_at: Timestamp,
    /// The records the import added (educations, documents, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<RecordRef>,
}

/// A record by its kind and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordRef {
    pub kind: String,
    pub id: String,
}

internal_record!(ImportSource, "import-source");

impl SeekerVault {
    /// Every import so far, oldest first.
    pub fn import_sources(&self) -> Result<Vec<Entry<ImportSource>>> {
        self.list::<ImportSource>()
    }

    /// The earlier import of `format` with `fingerprint` whose records are still (at least
    /// partly) in the vault, if any; and the ids of earlier imports of it whose records
    /// the seeker has since removed, which are stale.
    pub(crate) fn earlier_import(
        &self,
        format: ImportFormat,
        fingerprint: &str,
    ) -> Result<(Option<Entry<ImportSource>>, Vec<String>)> {
        let mut live = None;
        let mut stale = Vec::new();
        for entry in self.import_sources()? {
            if entry.value.format != format || entry.value.fingerprint != fingerprint {
                continue;
            }
            let mut still_there = false;
            for record in &entry.value.records {
                if self.exists(&record.kind, &record.id)? {
                    still_there = true;
                    break;
                }
            }
            if still_there && live.is_none() {
                live = Some(entry);
            } else if !still_there {
                stale.push(entry.id);
            }
        }
        Ok((live, stale))
    }

    /// Whether a row of `kind` with `id` exists (without decrypting it).
    fn exists(&self, kind: &str, id: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM records WHERE kind = ?1 AND id = ?2")
            .and_then(|mut stmt| {
                stmt.query_row([kind, id], |_| Ok(()))
                    .optional()
                    .map(|row| row.is_some())
            })
            .map_err(VaultError::db("looking up a record"))
    }
}
