//! The authenticated index: catches rows that were rolled back or deleted.
//!
//! Record AAD stops a ciphertext from being moved, but not an older copy of a row restored
//! whole (its AAD names its own, older, version) nor a row deleted. So the vault keeps a
//! MAC over the set of live `(kind, id, version)` triples.
//!
//! To keep writes O(1), the set is summarised incrementally: each triple maps to
//! `HMAC-SHA256(k_index, "row" ‖ kind ‖ id ‖ version)` and the summary is the XOR of those
//! values plus the row count (an XOR-MAC; unforgeable without the key, since every term is a
//! PRF output). Only `tag = HMAC(k_index, "tag" ‖ summary ‖ count)` is stored, in the same
//! transaction as each write; the summary itself lives only in memory, and is recomputed
//! from the rows on open and compared to the tag.
//!
//! What it cannot catch: the whole file replaced by an older copy of itself. Nothing
//! stored inside the file can; backups are exactly such copies.

use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::Sha256;
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

fn term(key: &Key256, kind: &str, id: &str, version: u64) -> [u8; 32] {
    mac(
        key,
        &[
            b"row",
            kind.as_bytes(),
            id.as_bytes(),
            &version.to_be_bytes(),
        ],
    )
}

fn xor_into(acc: &mut [u8; 32], value: &[u8; 32]) {
    for (a, v) in acc.iter_mut().zip(value) {
        *a ^= v;
    }
}

impl IndexState {
    pub fn add(&mut self, key: &Key256, kind: &str, id: &str, version: u64) {
        xor_into(&mut self.summary, &term(key, kind, id, version));
        self.count += 1;
    }

    pub fn remove(&mut self, key: &Key256, kind: &str, id: &str, version: u64) {
        xor_into(&mut self.summary, &term(key, kind, id, version));
        self.count -= 1;
    }

    pub fn tag(&self, key: &Key256) -> [u8; 32] {
        mac(key, &[b"tag", &self.summary, &self.count.to_be_bytes()])
    }

    /// Recomputes the state from every row in the vault.
    pub fn scan(conn: &Connection, key: &Key256) -> Result<IndexState> {
        let mut state = IndexState::default();
        let mut stmt = conn
            .prepare("SELECT kind, id, version FROM records")
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
            state.add(key, &kind, &id, version);
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
        let state = IndexState::scan(conn, key)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_and_removing_a_row_restores_the_summary() {
        let key = Key256::random();
        let mut state = IndexState::default();
        state.add(&key, "skill", "a", 1);
        let before = state;
        state.add(&key, "skill", "b", 1);
        state.remove(&key, "skill", "b", 1);
        assert_eq!(state, before);
    }

    #[test]
    fn an_older_version_gives_another_tag() {
        let key = Key256::random();
        let mut new = IndexState::default();
        new.add(&key, "skill", "a", 2);
        let mut old = IndexState::default();
        old.add(&key, "skill", "a", 1);
        assert_ne!(new.tag(&key), old.tag(&key));
    }
}
