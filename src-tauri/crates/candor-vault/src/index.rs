//! The authenticated index: catches rows that were rolled back or deleted.
//!
//! Record AAD stops a ciphertext from being moved, but not an older copy of a row restored
//! whole (its AAD names its own, older, version) nor a row deleted. So the vault keeps a
//! MAC over the set of live rows, each named by `(kind, id, version, SHA-256 of its sealed
//! bytes)`. The hash matters because versions are not unique over time: a record with a
//! fixed id (the person, a re-imported bundle) that is deleted and made again starts at
//! version 1 again, and without the hash its old version-1 row, copied back, would pass.
//!
//! To keep writes O(1), the set is summarised incrementally: each row maps to
//! `HMAC-SHA256(k_index, "row/sealed" ‖ kind ‖ id ‖ version ‖ SHA-256(sealed))` and the
//! summary is the XOR of those values plus the row count (an XOR-MAC; unforgeable without
//! the key, since every term is a PRF output). Only `tag = HMAC(k_index, "tag" ‖ summary ‖ count)` is stored, in the same
//! transaction as each write; the summary itself lives only in memory, and is recomputed
//! from the rows on open and compared to the tag.
//!
//! What it cannot catch: the whole file replaced by an older copy of itself. Nothing
//! stored inside the file can; backups are exactly such copies.
//!
//! Vaults of schema 1 summarised `(kind, id, version)` only ([`Terms::Version`]); the
//! migration to schema 2 checks such a vault under the old terms and re-tags it under the
//! new ones, in one transaction, after unlock (see [`migrate_to_sealed_terms`]).

use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Result, VaultError};
use crate::keys::{encode_fields, Key256};

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct IndexState {
    summary: [u8; 32],
    count: u64,
}

fn mac(key: &Key256, fields: &[&[u8]]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key.bytes()).expect("HMAC takes any key length");
    mac.update(&encode_fields(fields));
    mac.finalize().into_bytes().into()
}

/// What names a row in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Terms {
    /// Schema 1: kind, id and version. Read only to migrate an older vault.
    Version,
    /// Schema 2 onwards: kind, id, version and the SHA-256 of the sealed bytes.
    Sealed,
}

fn term(key: &Key256, terms: Terms, kind: &str, id: &str, version: u64, sealed: &[u8]) -> [u8; 32] {
    let version = version.to_be_bytes();
    match terms {
        Terms::Version => mac(key, &[b"row", kind.as_bytes(), id.as_bytes(), &version]),
        Terms::Sealed => {
            let digest: [u8; 32] = Sha256::digest(sealed).into();
            mac(
                key,
                &[
                    b"row/sealed",
                    kind.as_bytes(),
                    id.as_bytes(),
                    &version,
                    &digest,
                ],
            )
        }
    }
}

fn xor_into(acc: &mut [u8; 32], value: &[u8; 32]) {
    for (a, v) in acc.iter_mut().zip(value) {
        *a ^= v;
    }
}

impl IndexState {
    /// Counts in the row `kind/id` at `version`, stored as `sealed`.
    pub fn add(&mut self, key: &Key256, kind: &str, id: &str, version: u64, sealed: &[u8]) {
        self.add_with(key, Terms::Sealed, kind, id, version, sealed);
    }

    /// Counts out a row that [`IndexState::add`] counted in.
    pub fn remove(&mut self, key: &Key256, kind: &str, id: &str, version: u64, sealed: &[u8]) {
        xor_into(
            &mut self.summary,
            &term(key, Terms::Sealed, kind, id, version, sealed),
        );
        self.count -= 1;
    }

    fn add_with(
        &mut self,
        key: &Key256,
        terms: Terms,
        kind: &str,
        id: &str,
        version: u64,
        sealed: &[u8],
    ) {
        xor_into(
            &mut self.summary,
            &term(key, terms, kind, id, version, sealed),
        );
        self.count += 1;
    }

    pub fn tag(&self, key: &Key256) -> [u8; 32] {
        mac(key, &[b"tag", &self.summary, &self.count.to_be_bytes()])
    }

    /// Recomputes the state from every row in the vault, under `terms`.
    pub fn scan(conn: &Connection, key: &Key256, terms: Terms) -> Result<IndexState> {
        let mut state = IndexState::default();
        let mut stmt = conn
            .prepare("SELECT kind, id, version, sealed FROM records")
            .map_err(VaultError::db("reading the record index"))?;
        let mut rows = stmt
            .query([])
            .map_err(VaultError::db("reading the record index"))?;
        while let Some(row) = rows
            .next()
            .map_err(VaultError::db("reading the record index"))?
        {
            let kind: String = row
                .get(0)
                .map_err(VaultError::db("reading a record kind"))?;
            let id: String = row.get(1).map_err(VaultError::db("reading a record id"))?;
            let version: i64 = row
                .get(2)
                .map_err(VaultError::db("reading a record version"))?;
            let version = u64::try_from(version).map_err(|_| {
                VaultError::tampered(format!("record {kind}/{id} has a negative version"))
            })?;
            // Read in place: the sealed bytes are hashed, never copied.
            let Ok(rusqlite::types::ValueRef::Blob(sealed)) = row.get_ref(3) else {
                return Err(VaultError::tampered(format!(
                    "record {kind}/{id} is not sealed"
                )));
            };
            state.add_with(key, terms, &kind, &id, version, sealed);
        }
        Ok(state)
    }

    pub fn store(&self, conn: &Connection, key: &Key256) -> Result<()> {
        conn.execute(
            "INSERT INTO index_tag (singleton, tag) VALUES (1, ?1)
             ON CONFLICT (singleton) DO UPDATE SET tag = excluded.tag",
            [&self.tag(key)[..]],
        )
        .map_err(VaultError::db("writing the authenticated index"))?;
        Ok(())
    }

    /// Checks the rows against the stored tag.
    pub fn verify(conn: &Connection, key: &Key256) -> Result<IndexState> {
        IndexState::verify_with(conn, key, Terms::Sealed)
    }

    fn verify_with(conn: &Connection, key: &Key256, terms: Terms) -> Result<IndexState> {
        let state = IndexState::scan(conn, key, terms)?;
        let stored: Vec<u8> = conn
            .query_row("SELECT tag FROM index_tag WHERE singleton = 1", [], |row| {
                row.get(0)
            })
            .map_err(|_| VaultError::tampered("the authenticated index is missing"))?;
        if !bool::from(stored.as_slice().ct_eq(&state.tag(key))) {
            return Err(VaultError::tampered(
                "the records do not match the authenticated index (a record was deleted, \
                 or restored from an older copy)",
            ));
        }
        Ok(state)
    }
}

/// The key-needing step of schema migration 2: checks every row against the tag a schema-1
/// vault stored, then stores the tag under [`Terms::Sealed`]. A vault that fails the old
/// check is refused exactly as it would be on open, and the caller's transaction (and so
/// the file) is left as it was.
pub(crate) fn migrate_to_sealed_terms(conn: &Connection, key: &Key256) -> Result<()> {
    IndexState::verify_with(conn, key, Terms::Version)?;
    IndexState::scan(conn, key, Terms::Sealed)?.store(conn, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_and_removing_a_row_restores_the_summary() {
        let key = Key256::random();
        let mut state = IndexState::default();
        state.add(&key, "skill", "a", 1, b"sealed a");
        let before = state;
        state.add(&key, "skill", "b", 1, b"sealed b");
        state.remove(&key, "skill", "b", 1, b"sealed b");
        assert_eq!(state, before);
    }

    #[test]
    fn an_older_version_gives_another_tag() {
        let key = Key256::random();
        let mut new = IndexState::default();
        new.add(&key, "skill", "a", 2, b"sealed");
        let mut old = IndexState::default();
        old.add(&key, "skill", "a", 1, b"sealed");
        assert_ne!(new.tag(&key), old.tag(&key));
    }

    #[test]
    fn other_sealed_bytes_at_the_same_version_give_another_tag() {
        let key = Key256::random();
        let mut now = IndexState::default();
        now.add(&key, "person", "person", 1, b"sealed after re-creating");
        let mut before = IndexState::default();
        before.add(&key, "person", "person", 1, b"sealed before deleting");
        assert_ne!(now.tag(&key), before.tag(&key));
    }
}
