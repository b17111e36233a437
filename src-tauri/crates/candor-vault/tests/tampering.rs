//! Someone with the vault file edits it. Each edit is caught with a clear error, and no
//! garbage is ever handed back as data.

mod common;

use candor_model::{DocumentKind, Person, Skill};
use candor_vault::{NewDocument, SecretString, SeekerVault, VaultError, CHUNK_LEN};
use common::{message, Fixture};

const TAMPERED_INDEX: &str = "the vault has been tampered with or damaged: the records do not match the \
    authenticated index (a record was deleted, or restored from an older copy); nothing was read from it — \
    restore from a backup";

const WRONG_PASSPHRASE: &str =
    "wrong passphrase, or the vault header was modified; check the passphrase \
    (Caps Lock?) or unlock with your recovery code";

fn skills(vault: &mut SeekerVault, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            vault
                .insert(&Skill {
                    name: (*n).into(),
                    ..Skill::default()
                })
                .expect("insert")
        })
        .collect()
}

fn sealed(fixture: &Fixture, id: &str) -> (i64, Vec<u8>) {
    fixture
        .raw()
        .query_row(
            "SELECT version, sealed FROM records WHERE kind = 'skill' AND id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row")
}

fn set_sealed(fixture: &Fixture, id: &str, version: i64, bytes: &[u8]) {
    fixture
        .raw()
        .execute(
            "UPDATE records SET version = ?1, sealed = ?2 WHERE kind = 'skill' AND id = ?3",
            rusqlite::params![version, bytes, id],
        )
        .expect("update");
}

#[test]
fn wrong_passphrase_is_refused_and_the_files_stay_byte_for_byte_the_same() {
    let (fixture, mut vault, _) = Fixture::new();
    skills(&mut vault, &["Rust"]);
    vault.lock();
    let before = fixture.files();
    let err = SeekerVault::open(&fixture.path, &SecretString::from("not the passphrase"));
    assert_eq!(message(err), WRONG_PASSPHRASE);
    assert_eq!(
        fixture.files(),
        before,
        "a failed unlock must not change any vault file"
    );
}

#[test]
fn every_single_byte_flip_in_a_record_is_detected() {
    let (fixture, mut vault, _) = Fixture::new();
    let ids = skills(&mut vault, &["Rust", "SQL"]);
    for id in &ids {
        let (version, original) = sealed(&fixture, id);
        for i in 0..original.len() {
            let mut flipped = original.clone();
            flipped[i] ^= 0x01;
            set_sealed(&fixture, id, version, &flipped);
            let result = vault.list::<Skill>();
            match result {
                Err(VaultError::Tampered { what }) => {
                    assert_eq!(what, format!("record skill/{id} does not authenticate"))
                }
                other => panic!("flipping byte {i} of {id} must be detected, got {other:?}"),
            }
        }
        set_sealed(&fixture, id, version, &original);
    }
    assert_eq!(
        vault
            .list::<Skill>()
            .expect("restored bytes read again")
            .len(),
        2
    );
}

#[test]
fn two_records_with_swapped_ciphertexts_do_not_open() {
    let (fixture, mut vault, _) = Fixture::new();
    let ids = skills(&mut vault, &["Rust", "SQL"]);
    let a = sealed(&fixture, &ids[0]);
    let b = sealed(&fixture, &ids[1]);
    set_sealed(&fixture, &ids[0], a.0, &b.1);
    set_sealed(&fixture, &ids[1], b.0, &a.1);
    assert!(matches!(
        vault.get::<Skill>(&ids[0]),
        Err(VaultError::Tampered { .. })
    ));
    assert!(matches!(
        vault.get::<Skill>(&ids[1]),
        Err(VaultError::Tampered { .. })
    ));
}

#[test]
fn an_older_copy_of_a_row_restored_whole_is_detected_on_open() {
    let (fixture, mut vault, _) = Fixture::new();
    let ids = skills(&mut vault, &["Rust"]);
    let old = sealed(&fixture, &ids[0]);
    vault
        .update(
            &ids[0],
            &Skill {
                name: "Rust, expert".into(),
                ..Skill::default()
            },
        )
        .expect("update");
    vault.lock();
    // The old row authenticates on its own (its AAD names its own version)...
    set_sealed(&fixture, &ids[0], old.0, &old.1);
    // ...but the set of live versions no longer matches the index.
    assert_eq!(message(fixture.open()), TAMPERED_INDEX);
}

#[test]
fn an_old_row_copied_back_after_its_record_was_deleted_and_made_again_is_detected() {
    // The person record has a fixed id: deleted and set again, it restarts at version 1, so
    // the old row names the same (kind, id, version) as the new one.
    let (fixture, mut vault, _) = Fixture::new();
    vault
        .set_person(&candor_testkit::person().build())
        .expect("person");
    let old: Vec<u8> = fixture
        .raw()
        .query_row(
            "SELECT sealed FROM records WHERE kind = 'person'",
            [],
            |r| r.get(0),
        )
        .expect("row");
    vault.delete::<Person>("person").expect("delete");
    vault
        .set_person(&candor_testkit::person().name("Ola Nordmann").build())
        .expect("person");
    assert_eq!(vault.get::<Person>("person").expect("get").version, 1);
    vault.lock();
    fixture
        .raw()
        .execute(
            "UPDATE records SET sealed = ?1 WHERE kind = 'person'",
            [&old],
        )
        .expect("copy back");
    assert_eq!(message(fixture.open()), TAMPERED_INDEX);
}

#[test]
fn a_deleted_row_is_detected_on_open() {
    let (fixture, mut vault, _) = Fixture::new();
    let ids = skills(&mut vault, &["Rust", "SQL"]);
    vault.lock();
    fixture
        .raw()
        .execute("DELETE FROM records WHERE id = ?1", [&ids[1]])
        .expect("delete");
    assert_eq!(message(fixture.open()), TAMPERED_INDEX);
}

#[test]
fn a_removed_index_tag_is_detected_on_open() {
    let (fixture, mut vault, _) = Fixture::new();
    skills(&mut vault, &["Rust"]);
    vault.lock();
    fixture
        .raw()
        .execute("DELETE FROM index_tag", [])
        .expect("delete");
    assert!(message(fixture.open()).contains("the authenticated index is missing"));
}

fn document(vault: &mut SeekerVault, chunks: usize) -> String {
    let data = vec![7u8; chunks * CHUNK_LEN];
    let new = NewDocument {
        kind: DocumentKind::Cv,
        file_name: "cv.pdf".into(),
        media_type: "application/pdf".into(),
        note: None,
    };
    vault.add_document(new, &data[..]).expect("add").id
}

#[test]
fn a_truncated_attachment_is_detected() {
    let (fixture, mut vault, _) = Fixture::new();
    let id = document(&mut vault, 3);
    fixture
        .raw()
        .execute("DELETE FROM chunks WHERE seq = 2", [])
        .expect("truncate");
    let mut out = Vec::new();
    assert_eq!(
        message(vault.read_document(&id, &mut out)),
        format!("the vault has been tampered with or damaged: document {id} is damaged: it is cut short (2 of 3 chunks); nothing was read from it — restore from a backup")
    );
}

#[test]
fn two_swapped_attachment_chunks_are_detected() {
    let (fixture, mut vault, _) = Fixture::new();
    let data: Vec<u8> = (0..3 * CHUNK_LEN).map(|i| (i / CHUNK_LEN) as u8).collect();
    let new = NewDocument {
        kind: DocumentKind::Cv,
        file_name: "cv.pdf".into(),
        media_type: "application/pdf".into(),
        note: None,
    };
    let id = vault.add_document(new, &data[..]).expect("add").id;
    let raw = fixture.raw();
    raw.execute_batch("UPDATE chunks SET seq = 100 WHERE seq = 0; UPDATE chunks SET seq = 0 WHERE seq = 1; UPDATE chunks SET seq = 1 WHERE seq = 100;")
        .expect("swap");
    let mut out = Vec::new();
    let err = message(vault.read_document(&id, &mut out));
    assert!(err.contains("chunk 0 does not authenticate"), "{err}");
    assert!(out.is_empty(), "nothing unauthenticated is written out");
}

#[test]
fn a_flipped_byte_in_an_attachment_chunk_is_detected() {
    let (fixture, mut vault, _) = Fixture::new();
    let id = document(&mut vault, 2);
    let raw = fixture.raw();
    let mut chunk: Vec<u8> = raw
        .query_row("SELECT sealed FROM chunks WHERE seq = 1", [], |r| r.get(0))
        .expect("chunk");
    chunk[100] ^= 0x80;
    raw.execute("UPDATE chunks SET sealed = ?1 WHERE seq = 1", [&chunk])
        .expect("flip");
    let mut out = Vec::new();
    assert!(message(vault.read_document(&id, &mut out)).contains("chunk 1 does not authenticate"));
    assert_eq!(
        out.len(),
        CHUNK_LEN,
        "only the authentic first chunk was written"
    );
}

#[test]
fn kdf_parameters_edited_within_bounds_read_as_a_wrong_passphrase() {
    for (column, value) in [
        ("kdf_memory_kib", 20 * 1024),
        ("kdf_iterations", 3),
        ("kdf_parallelism", 2),
    ] {
        let (fixture, vault, _) = Fixture::new();
        vault.lock();
        fixture
            .raw()
            .execute(&format!("UPDATE header SET {column} = ?1"), [value])
            .expect("edit");
        assert_eq!(
            message(fixture.open()),
            WRONG_PASSPHRASE,
            "editing {column}"
        );
    }
}

#[test]
fn other_header_edits_read_as_a_wrong_passphrase() {
    for edit in [
        "UPDATE header SET kdf_salt = zeroblob(16)",
        "UPDATE header SET role = 'employer'",
        "UPDATE header SET vault_id = zeroblob(16)",
    ] {
        let (fixture, vault, _) = Fixture::new();
        vault.lock();
        fixture.raw().execute(edit, []).expect("edit");
        assert_eq!(message(fixture.open()), WRONG_PASSPHRASE, "{edit}");
    }
}

#[test]
fn kdf_parameters_out_of_bounds_are_refused_before_any_key_derivation() {
    // 4 TiB of memory: if the KDF ran at all, this test would abort or take forever.
    let (fixture, vault, _) = Fixture::new();
    vault.lock();
    fixture
        .raw()
        .execute("UPDATE header SET kdf_memory_kib = 4294967295", [])
        .expect("edit");
    assert_eq!(
        message(fixture.open()),
        "the vault header asks for an Argon2 memory (KiB) of 4294967295, outside the accepted 19456–1048576; \
         the header was modified or the file is damaged: restore from a backup"
    );
    fixture
        .raw()
        .execute(
            "UPDATE header SET kdf_memory_kib = 19456, kdf_iterations = 1000000",
            [],
        )
        .expect("edit");
    assert!(message(fixture.open()).contains("iteration count of 1000000"));
    fixture
        .raw()
        .execute(
            "UPDATE header SET kdf_iterations = 2, kdf_parallelism = -1",
            [],
        )
        .expect("edit");
    assert!(message(fixture.open()).contains("parallelism of 0"));
}

#[test]
fn a_newer_schema_version_is_refused_with_both_versions_named() {
    let (fixture, vault, _) = Fixture::new();
    vault.lock();
    fixture
        .raw()
        .pragma_update(None, "user_version", 99)
        .expect("bump");
    assert_eq!(
        message(fixture.open()),
        format!("this vault uses schema version 99, but this Candor understands up to version {}; update Candor to open it", candor_vault::SCHEMA_VERSION)
    );
}

#[test]
fn files_that_are_not_vaults_are_named_as_such() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "hello, this is not a database at all").expect("write");
    let err = message(SeekerVault::open(&text, &common::passphrase()));
    assert_eq!(
        err,
        format!(
            "{} is not a Candor vault (it is not an SQLite database)",
            text.display()
        )
    );

    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;"))
        .expect("db");
    let err = message(SeekerVault::open(&other, &common::passphrase()));
    assert_eq!(
        err,
        format!(
            "{} is not a Candor vault (it is an SQLite database without a Candor header)",
            other.display()
        )
    );

    let missing = dir.path().join("missing.candor");
    assert_eq!(
        message(SeekerVault::open(&missing, &common::passphrase())),
        format!(
            "no vault at {}; create one with `candor init` or pass the right --vault path",
            missing.display()
        )
    );
}
