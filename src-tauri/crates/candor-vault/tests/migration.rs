//! Vaults people already have: one written with schema 1 (kept in `tests/fixtures`, see its
//! README) opens in this Candor, migrates once, keeps everything, and is then out of reach
//! of a Candor that knows only schema 1.

mod common;

use std::path::{Path, PathBuf};

use candor_model::{Document, Skill};
use candor_vault::OpenVault;
use candor_vault::{RecoveryCode, SecretString, SeekerVault, SCHEMA_VERSION};
use common::{message, passphrase};
use rusqlite::Connection;

const RECOVERY_CODE: &str = "VX3M-6N9F-4AX8-93T9-01E2-YMJA-5DE4-YTVE-2F0W";

/// A copy of the schema-1 vault in a folder of its own.
fn schema_1_vault() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vault.candor");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1.candor"),
        &path,
    )
    .expect("copy fixture");
    (dir, path)
}

fn user_version(path: &Path) -> u32 {
    Connection::open(path)
        .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))
        .expect("user_version")
}

/// Every row of the vault's tables, in a fixed order: what "left as it was" means.
fn rows(path: &Path) -> Vec<(String, i64, Vec<u8>)> {
    let conn = Connection::open(path).expect("raw");
    let mut out: Vec<(String, i64, Vec<u8>)> = conn
        .prepare("SELECT kind || '/' || id, version, sealed FROM records")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .expect("records");
    out.extend(
        conn.prepare("SELECT 'tag', 0, tag FROM index_tag")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<Vec<_>, _>>()
            })
            .expect("tag"),
    );
    out.sort();
    out
}

fn assert_holds_what_was_written(vault: &SeekerVault) {
    assert_eq!(
        vault.person().expect("person").map(|p| p.name).as_deref(),
        Some("Kari Nordmann")
    );
    let skills = vault.list::<Skill>().expect("skills");
    assert_eq!(skills.len(), 1, "the deleted skill stays deleted");
    assert_eq!(skills[0].value.name, "Rust (async)");
    assert_eq!(skills[0].version, 2);
    let documents = vault.list::<Document>().expect("documents");
    assert_eq!(documents.len(), 1);
    let mut content = Vec::new();
    vault
        .read_document(&documents[0].id, &mut content)
        .expect("document");
    let expected: Vec<u8> = (0..70_000u32).map(|i| (i % 251) as u8).collect();
    assert_eq!(content, expected);
}

#[test]
fn a_schema_1_vault_migrates_on_open_and_keeps_everything() {
    let (_dir, path) = schema_1_vault();
    assert_eq!(user_version(&path), 1);
    let vault = SeekerVault::open(&path, &passphrase()).expect("open");
    assert_holds_what_was_written(&vault);
    vault.lock();
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 2);
    // Once is enough: the second open checks the new index and changes nothing.
    let before = rows(&path);
    let vault = SeekerVault::open(&path, &passphrase()).expect("reopen");
    assert_holds_what_was_written(&vault);
    vault.lock();
    assert_eq!(rows(&path), before);
}

#[test]
fn a_migrated_vault_names_a_schema_that_a_schema_1_candor_refuses() {
    // A Candor that knows schema 1 refuses any vault whose user_version is above 1 with
    // "this vault uses schema version 2, but this Candor understands up to version 1"
    // (pinned in tampering.rs for this binary). The migration must therefore move the
    // version, and only after the new index is stored.
    let (_dir, path) = schema_1_vault();
    SeekerVault::open(&path, &passphrase())
        .expect("open")
        .lock();
    assert!(user_version(&path) > 1);
    let tags: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT count(*) FROM index_tag", [], |r| r.get(0)))
        .expect("tag");
    assert_eq!(tags, 1);
}

#[test]
fn a_wrong_passphrase_leaves_a_schema_1_vault_unmigrated() {
    let (_dir, path) = schema_1_vault();
    let before = rows(&path);
    assert!(SeekerVault::open(&path, &SecretString::from("not the passphrase at all")).is_err());
    assert_eq!(user_version(&path), 1);
    assert_eq!(rows(&path), before);
}

#[test]
fn a_tampered_schema_1_vault_is_refused_and_left_unmigrated() {
    let (_dir, path) = schema_1_vault();
    Connection::open(&path)
        .and_then(|c| c.execute("DELETE FROM records WHERE kind = 'skill'", []))
        .expect("delete a row");
    let before = rows(&path);
    assert_eq!(
        message(SeekerVault::open(&path, &passphrase())),
        "the vault has been tampered with or damaged: the records do not match the \
         authenticated index (a record was deleted, or restored from an older copy); nothing \
         was read from it — restore from a backup"
    );
    assert_eq!(user_version(&path), 1);
    assert_eq!(rows(&path), before);
}

#[test]
fn a_schema_1_vault_opens_with_its_recovery_code() {
    let (_dir, path) = schema_1_vault();
    let code = RecoveryCode::parse(RECOVERY_CODE).expect("code");
    let new = SecretString::from("a brand new passphrase for this vault");
    let (vault, _fresh) = SeekerVault::recover(&path, &code, &new).expect("recover");
    assert_holds_what_was_written(&vault);
    vault.lock();
    assert_eq!(user_version(&path), SCHEMA_VERSION);
}

#[test]
fn a_restored_schema_1_backup_migrates_the_same_way() {
    let (_dir, backup) = schema_1_vault();
    let target_dir = tempfile::tempdir().expect("temp dir");
    let target = target_dir.path().join("restored.candor");
    OpenVault::restore(&backup, &target, &passphrase(), false).expect("restore");
    assert_eq!(user_version(&target), SCHEMA_VERSION);
    assert_eq!(user_version(&backup), 1, "the backup itself is not touched");
    let vault = SeekerVault::open(&target, &passphrase()).expect("open restored");
    assert_holds_what_was_written(&vault);
}
