//! Replacing the data key: every record and every stored chunk re-sealed under a new one.
//!
//! Changing the passphrase only re-wraps the data key, so an old copy of the header (in any
//! backup) with the old passphrase, or a recovery code someone else has read, would still
//! unwrap the key that seals everything written since. A re-key ends that: a new random data
//! key, new sub-keys, a new salt and passphrase wrap, a new recovery code, and every sealed
//! row and chunk re-sealed, with the authenticated index re-computed under the new index key.
//!
//! It is one SQLite transaction. A crash, a full disk or an error at any write leaves the
//! vault exactly as it was, under the old key; after the commit everything is under the new
//! one. Nothing in between is ever on disk as a committed state, so there is no half-way
//! vault to repair. The cost is that the write-ahead log holds a second copy of the vault
//! until the next checkpoint.

use crate::roles::VaultRole;
use std::collections::BTreeSet;

use rusqlite::{Transaction, TransactionBehavior};
use secrecy::SecretString;
use zeroize::Zeroizing;

use crate::documents::BlobRef;
use crate::error::{Result, VaultError};
use crate::index::IndexState;
use crate::keys::Key256;
use crate::recovery::RecoveryCode;
use crate::seal::{self, RowName};
use crate::vault::{Keys, Vault};

/// One write of a re-key, so a test can make exactly that write fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Record,
    Chunk,
    Orphans,
    Header,
    Index,
    Commit,
}

impl<R: VaultRole> Vault<R> {
    /// Replaces the data key after checking the passphrase, which stays the same (under a
    /// new salt). Returns the new recovery code to show the person; the old code stops
    /// working, and an old copy of the header opens nothing written from now on.
    pub fn rekey(&mut self, passphrase: &SecretString) -> Result<RecoveryCode> {
        self.header.unwrap_with_passphrase(passphrase)?;
        self.replace_data_key(passphrase, &mut |_| Ok(()))
    }

    /// The re-key itself; `fail` is asked after every write whether to stop there.
    pub(crate) fn replace_data_key(
        &mut self,
        passphrase: &SecretString,
        fail: &mut dyn FnMut(Step) -> Result<()>,
    ) -> Result<RecoveryCode> {
        let dek = Key256::random();
        let keys = Keys::from_dek(&dek);
        let code = RecoveryCode::generate();
        let mut header = self.header.clone();
        let kdf = header.kdf;
        header.rewrap_passphrase(&dek, passphrase, kdf)?;
        header.rewrap_recovery(&dek, &code);

        // Where the stored chunks are: documents, and what an employer holds. Each blob
        // once, in a fixed order.
        let mut blobs: Vec<BlobRef> = self
            .list_records::<BlobRef>()?
            .into_iter()
            .map(|(_, blob)| blob)
            .collect();
        blobs.extend(self.held_blobs()?);
        let mut known = BTreeSet::new();
        blobs.retain(|blob| known.insert(blob.id().to_owned()));

        let Vault {
            conn,
            header: old_header,
            keys: old_keys,
            ..
        } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(VaultError::db("starting the re-key"))?;
        let index = reseal_records(&tx, &old_header.vault_id, old_keys, &keys, fail)?;
        for blob in &blobs {
            blob.reseal(&tx, &old_keys.attachments, &keys.attachments, &mut || {
                fail(Step::Chunk)
            })?;
        }
        // Chunks no record points to cannot be read by anyone with the new key, and must
        // not stay readable with the old one.
        let known = serde_json::to_string(&known)
            .map_err(|_| VaultError::tampered("a stored content id cannot be written down"))?;
        tx.execute(
            "DELETE FROM chunks WHERE blob_id NOT IN (SELECT value FROM json_each(?1))",
            [known],
        )
        .map_err(VaultError::db("removing unreferenced content"))?;
        fail(Step::Orphans)?;
        header.store(&tx)?;
        fail(Step::Header)?;
        index.store(&tx, &keys.index)?;
        fail(Step::Index)?;
        fail(Step::Commit)?;
        tx.commit()
            .map_err(VaultError::db("committing the re-key"))?;

        self.header = header;
        self.dek = dek;
        self.keys = keys;
        self.index = index;
        Ok(code)
    }
}

/// Re-seals every record from `old` to `new` keys and returns the index over the result.
fn reseal_records(
    tx: &Transaction<'_>,
    vault_id: &[u8; 16],
    old: &Keys,
    new: &Keys,
    fail: &mut dyn FnMut(Step) -> Result<()>,
) -> Result<IndexState> {
    let rows: Vec<(String, String, i64)> = tx
        .prepare("SELECT kind, id, version FROM records ORDER BY kind, id")
        .and_then(|mut stmt| {
            stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect()
        })
        .map_err(VaultError::db("listing records to re-seal"))?;
    let mut read = tx
        .prepare_cached("SELECT sealed FROM records WHERE kind = ?1 AND id = ?2")
        .map_err(VaultError::db("reading a record"))?;
    let mut write = tx
        .prepare_cached("UPDATE records SET sealed = ?3 WHERE kind = ?1 AND id = ?2")
        .map_err(VaultError::db("re-sealing a record"))?;
    let mut index = IndexState::default();
    for (kind, id, version) in rows {
        let damaged = || VaultError::tampered(format!("record {kind}/{id} does not authenticate"));
        let version = u64::try_from(version).map_err(|_| damaged())?;
        let row = RowName {
            vault_id,
            kind: &kind,
            id: &id,
            version,
        };
        let sealed: Vec<u8> = read
            .query_row([&kind, &id], |r| r.get(0))
            .map_err(VaultError::db("reading a record"))?;
        let plain = Zeroizing::new(seal::open(&old.records, row, &sealed).ok_or_else(damaged)?);
        let resealed = seal::seal(&new.records, row, &plain);
        write
            .execute(rusqlite::params![kind, id, resealed])
            .map_err(VaultError::db("re-sealing a record"))?;
        index.add(&new.index, &kind, &id, version, &resealed);
        fail(Step::Record)?;
    }
    Ok(index)
}

#[cfg(test)]
mod tests {
    use candor_model::{DocumentKind, Person, Skill};

    use super::*;
    use crate::documents::NewDocument;
    use crate::kdf::KdfParams;
    use crate::roles::SeekerVault;
    use crate::stream::CHUNK_LEN;

    const PASSPHRASE: &str = "correct horse battery staple";

    fn passphrase() -> SecretString {
        SecretString::from(PASSPHRASE)
    }

    /// A seeker's vault with a person, skills and two documents (one of three chunks).
    fn filled_vault(dir: &tempfile::TempDir) -> (SeekerVault, RecoveryCode) {
        let path = dir.path().join("vault.candor");
        let (mut vault, code) =
            SeekerVault::create(&path, &passphrase(), KdfParams::minimum()).expect("create");
        vault
            .set_person(&Person {
                name: "Kari Nordmann".into(),
                ..Person::default()
            })
            .expect("person");
        for name in ["Rust", "SQL", "Typst"] {
            vault
                .insert(&Skill {
                    name: name.into(),
                    ..Skill::default()
                })
                .expect("skill");
        }
        for (name, len) in [("cv.pdf", 2 * CHUNK_LEN + 10), ("letter.pdf", 100)] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 253) as u8).collect();
            vault
                .add_document(
                    NewDocument {
                        kind: DocumentKind::Cv,
                        file_name: name.into(),
                        media_type: "application/pdf".into(),
                        note: None,
                    },
                    &bytes[..],
                )
                .expect("document");
        }
        (vault, code)
    }

    /// Every stored row (records, chunks, header, index tag) as raw bytes.
    fn raw_rows(vault: &SeekerVault) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for sql in [
            "SELECT 'record ' || kind || '/' || id, sealed FROM records",
            "SELECT 'chunk ' || blob_id || '/' || seq, sealed FROM chunks",
            "SELECT 'header 1', wrapped_dek FROM header",
            "SELECT 'header 2', recovery_wrapped_dek FROM header",
            "SELECT 'header 3', kdf_salt FROM header",
            "SELECT 'index', tag FROM index_tag",
        ] {
            let rows: Vec<(String, Vec<u8>)> = vault
                .conn
                .prepare(sql)
                .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
                .expect("raw rows");
            out.extend(rows);
        }
        out.sort();
        out
    }

    /// What the person sees: every record's plaintext and every document's bytes.
    fn contents(vault: &SeekerVault) -> Vec<String> {
        let mut out = vec![format!("{:?}", vault.person().expect("person"))];
        out.extend(
            vault
                .list::<Skill>()
                .expect("skills")
                .into_iter()
                .map(|e| format!("{e:?}")),
        );
        for doc in vault.list::<candor_model::Document>().expect("documents") {
            let mut bytes = Vec::new();
            vault.read_document(&doc.id, &mut bytes).expect("read");
            out.push(format!("{} {:?}", doc.value.file_name, bytes));
        }
        out
    }

    #[test]
    fn a_failure_at_every_write_step_leaves_the_vault_under_its_old_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut vault, code) = filled_vault(&dir);
        let before = raw_rows(&vault);
        let seen = contents(&vault);
        let mut steps_failed = Vec::new();
        for stop_at in 0.. {
            let mut step = 0;
            let result = vault.replace_data_key(&passphrase(), &mut |what| {
                step += 1;
                if step > stop_at {
                    return Err(VaultError::tampered(format!("injected at {what:?}")));
                }
                Ok(())
            });
            match result {
                Ok(_) => break,
                Err(e) => steps_failed.push(e.to_string()),
            }
            assert_eq!(
                raw_rows(&vault),
                before,
                "after a failure at step {stop_at}"
            );
            assert_eq!(contents(&vault), seen, "the open vault still reads");
        }
        for what in ["Record", "Chunk", "Orphans", "Header", "Index", "Commit"] {
            assert!(
                steps_failed
                    .iter()
                    .any(|e| e.contains(&format!("at {what}"))),
                "a failure at {what} was injected"
            );
        }
        // The last attempt went through: the old recovery code is gone, the content stays.
        let path = vault.path().to_owned();
        vault.lock();
        let reopened = Vault::open(&path, &passphrase()).expect("reopen");
        assert_eq!(contents(&reopened), seen);
        assert!(matches!(
            reopened.header.unwrap_with_recovery(&code),
            Err(VaultError::WrongRecoveryCode)
        ));
    }

    #[test]
    fn after_a_rekey_every_row_and_chunk_changed_and_the_old_key_opens_none() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut vault, _) = filled_vault(&dir);
        let old_dek = Key256::from_bytes(*vault.dek.bytes());
        let old = Keys::from_dek(&old_dek);
        let before = raw_rows(&vault);
        let blobs: Vec<BlobRef> = vault
            .list_records::<BlobRef>()
            .expect("blobs")
            .into_iter()
            .map(|(_, b)| b)
            .collect();
        vault.rekey(&passphrase()).expect("rekey");
        let after = raw_rows(&vault);
        assert_eq!(before.len(), after.len());
        for ((name, old_bytes), (same_name, new_bytes)) in before.iter().zip(&after) {
            assert_eq!(name, same_name);
            assert_ne!(old_bytes, new_bytes, "{name} was re-sealed");
        }
        // No record opens under the old records key...
        let rows: Vec<(String, String, i64, Vec<u8>)> = vault
            .conn
            .prepare("SELECT kind, id, version, sealed FROM records")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect()
            })
            .expect("records");
        assert!(rows.len() >= 7);
        for (kind, id, version, sealed) in &rows {
            let row = RowName {
                vault_id: &vault.header.vault_id,
                kind,
                id,
                version: *version as u64,
            };
            assert!(
                seal::open(&old.records, row, sealed).is_none(),
                "{kind}/{id}"
            );
            assert!(seal::open(&vault.keys.records, row, sealed).is_some());
        }
        // ...no chunk under the old attachments key, and the old index key's tag is not
        // the stored one.
        for blob in &blobs {
            let reseal_back = blob.reseal(
                &vault.conn.unchecked_transaction().expect("tx"),
                &old.attachments,
                &vault.keys.attachments,
                &mut || Ok(()),
            );
            assert!(
                reseal_back.is_err(),
                "blob {} opened under the old key",
                blob.id()
            );
        }
        assert!(crate::index::IndexState::verify(&vault.conn, &old.index).is_err());
        assert!(crate::index::IndexState::verify(&vault.conn, &vault.keys.index).is_ok());
    }
}
