//! Numbered, append-only schema migrations, tracked in `PRAGMA user_version`.
//!
//! Never edit a migration that has shipped; add the next one. Each starts with a comment
//! saying why it exists. A vault whose version is newer than this binary knows is refused
//! before anything is written to it.
//!
//! A migration is SQL, or a step in Rust that needs the data key's sub-keys (re-computing
//! something sealed or authenticated). Migrations run only after the vault is unlocked, so
//! a wrong passphrase never changes the file; a new vault has nothing to convert, so its
//! keyed steps only record the version.

use rusqlite::{Connection, Transaction};

use crate::error::{Result, VaultError};
use crate::vault::Keys;

enum Migration {
    Sql(&'static str),
    /// Runs inside the migration's transaction, with the keys of the vault being opened.
    Keyed(fn(&Transaction<'_>, &Keys) -> Result<()>),
}

const MIGRATIONS: &[Migration] = &[
    Migration::Sql(
        "
        -- 1: the first vault layout.
        -- The header holds what is needed to unlock: KDF parameters and salt, and the data
        -- key wrapped twice (passphrase, recovery code). Everything else is sealed records:
        -- only kind, id and version are in clear, so the rows say nothing about the person.
        CREATE TABLE header (
            singleton            INTEGER PRIMARY KEY CHECK (singleton = 1),
            format               INTEGER NOT NULL,
            vault_id             BLOB    NOT NULL,
            role                 TEXT    NOT NULL,
            kdf_memory_kib       INTEGER NOT NULL,
            kdf_iterations       INTEGER NOT NULL,
            kdf_parallelism      INTEGER NOT NULL,
            kdf_salt             BLOB    NOT NULL,
            wrapped_dek          BLOB    NOT NULL,
            recovery_wrapped_dek BLOB    NOT NULL
        );
        CREATE TABLE records (
            kind       TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            sealed     BLOB    NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        -- Attachment bytes in 64 KiB sealed chunks, so a large file never sits whole in
        -- memory, and a chunk moved, dropped or cut short fails to open.
        CREATE TABLE chunks (
            blob_id    TEXT    NOT NULL,
            seq        INTEGER NOT NULL,
            sealed     BLOB    NOT NULL,
            PRIMARY KEY (blob_id, seq)
        );
        -- The authenticated index: a MAC over every live (kind, id, version), checked on
        -- open, so a row restored from an older copy or deleted is noticed.
        CREATE TABLE index_tag (
            singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
            tag        BLOB    NOT NULL
        );
    ",
    ),
    // 2: the authenticated index also covers each row's sealed bytes, so an old row copied
    // back after its record was deleted and made again (its version restarting at 1) is
    // noticed. Checks the vault under the old index and re-tags it under the new one.
    Migration::Keyed(|tx, keys| crate::index::migrate_to_sealed_terms(tx, &keys.index)),
];

/// The schema version this binary writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(VaultError::db("reading the schema version"))
}

/// Refuses a vault from a newer Candor. Writes nothing.
pub(crate) fn check_not_newer(conn: &Connection) -> Result<u32> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(VaultError::NewerSchema {
            found,
            supported: LATEST,
        });
    }
    Ok(found)
}

/// Whose migrations these are: a vault being made (no rows yet), or an existing one,
/// unlocked with its keys.
#[derive(Clone, Copy)]
pub(crate) enum Migrating<'k> {
    NewVault,
    Unlocked(&'k Keys),
}

/// Applies every migration after the current version, each in its own transaction: one
/// that fails leaves the vault at the version before it.
pub(crate) fn migrate(conn: &mut Connection, whose: Migrating<'_>) -> Result<()> {
    let current = check_not_newer(conn)?;
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let target = index as u32 + 1;
        let tx = conn
            .transaction()
            .map_err(VaultError::db("starting a migration"))?;
        match (migration, whose) {
            (Migration::Sql(sql), _) => tx
                .execute_batch(sql)
                .map_err(VaultError::db("migrating the schema"))?,
            (Migration::Keyed(step), Migrating::Unlocked(keys)) => step(&tx, keys)?,
            (Migration::Keyed(_), Migrating::NewVault) => {}
        }
        tx.pragma_update(None, "user_version", target)
            .map_err(VaultError::db("recording the schema version"))?;
        tx.commit()
            .map_err(VaultError::db("committing a migration"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn, Migrating::NewVault).expect("first migration");
        migrate(&mut conn, Migrating::NewVault).expect("second run does nothing");
        assert_eq!(version(&conn).expect("version"), LATEST);
    }

    #[test]
    fn a_newer_schema_is_refused_with_both_versions_named() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        conn.pragma_update(None, "user_version", LATEST + 1)
            .expect("set version");
        let err =
            migrate(&mut conn, Migrating::NewVault).expect_err("newer schema must be refused");
        assert_eq!(
            err.to_string(),
            format!(
                "this vault uses schema version {}, but this Candor understands up to version \
                 {LATEST}; update Candor to open it",
                LATEST + 1
            )
        );
    }
}
