//! Replacing the data key: an old header, an old passphrase or a used recovery code opens
//! nothing written after it, and nothing the person stored is lost.

mod common;

use candor_model::{Skill, ViewKind};
use candor_vault::EmployerVault;
use candor_vault::{SecretString, SeekerVault, VaultError};
use common::sharing::{logical_dump, shared_and_imported, world};
use common::{message, passphrase, Fixture};

const TAMPERED_INDEX: &str = "the vault has been tampered with or damaged: the records do not match the \
    authenticated index (a record was deleted, or restored from an older copy); nothing was read from it — \
    restore from a backup";

/// The header row as it is on disk, every column.
fn header_row(fixture: &Fixture) -> Vec<rusqlite::types::Value> {
    fixture
        .raw()
        .query_row("SELECT * FROM header", [], |row| {
            (0..10).map(|i| row.get(i)).collect()
        })
        .expect("header row")
}

fn put_header_row(fixture: &Fixture, row: &[rusqlite::types::Value]) {
    fixture
        .raw()
        .execute(
            "UPDATE header SET format = ?2, vault_id = ?3, role = ?4, kdf_memory_kib = ?5,
                kdf_iterations = ?6, kdf_parallelism = ?7, kdf_salt = ?8, wrapped_dek = ?9,
                recovery_wrapped_dek = ?10 WHERE singleton = ?1",
            rusqlite::params_from_iter(row),
        )
        .expect("old header back");
}

fn skill(vault: &mut SeekerVault, name: &str) -> String {
    vault
        .insert(&Skill {
            name: name.into(),
            ..Skill::default()
        })
        .expect("skill")
}

#[test]
fn an_old_header_and_the_old_passphrase_open_nothing_written_after_a_rekey() {
    let (fixture, mut vault, _) = Fixture::new();
    skill(&mut vault, "Rust");
    let old_header = header_row(&fixture);
    vault.rekey(&passphrase()).expect("rekey");
    skill(&mut vault, "Written after the re-key");
    vault.lock();
    // Someone holds a backup's header and the passphrase of the time; the data key it
    // unwraps seals nothing that is there now.
    put_header_row(&fixture, &old_header);
    assert_eq!(message(fixture.open()), TAMPERED_INDEX);
}

#[test]
fn after_a_rekey_the_passphrase_still_opens_and_only_the_new_recovery_code_works() {
    let (fixture, mut vault, old_code) = Fixture::new();
    let id = skill(&mut vault, "Rust");
    let new_code = vault.rekey(&passphrase()).expect("rekey");
    assert_ne!(new_code.display().as_str(), old_code.display().as_str());
    vault.lock();
    let vault = fixture.open().expect("the same passphrase opens");
    assert_eq!(vault.get::<Skill>(&id).expect("skill").value.name, "Rust");
    vault.lock();
    let new_passphrase = SecretString::from("a brand new passphrase for this vault");
    assert!(matches!(
        SeekerVault::recover(&fixture.path, &old_code, &new_passphrase),
        Err(VaultError::WrongRecoveryCode)
    ));
    let (vault, _) =
        SeekerVault::recover(&fixture.path, &new_code, &new_passphrase).expect("new code works");
    assert_eq!(vault.get::<Skill>(&id).expect("skill").value.name, "Rust");
}

#[test]
fn a_wrong_passphrase_rekeys_nothing() {
    let (fixture, mut vault, _) = Fixture::new();
    skill(&mut vault, "Rust");
    let before = logical_dump(&fixture.path);
    let err = vault
        .rekey(&SecretString::from("not the passphrase at all"))
        .expect_err("refused");
    assert!(matches!(err, VaultError::WrongPassphrase));
    assert_eq!(logical_dump(&fixture.path), before);
}

#[test]
fn recovering_replaces_the_data_key_so_an_old_header_and_the_used_code_open_nothing() {
    let (fixture, mut vault, code) = Fixture::new();
    skill(&mut vault, "Rust");
    vault.lock();
    let old_header = header_row(&fixture);
    let rows_before = logical_dump(&fixture.path);
    let new_passphrase = SecretString::from("a brand new passphrase for this vault");
    let (mut vault, _fresh) =
        SeekerVault::recover(&fixture.path, &code, &new_passphrase).expect("recover");
    skill(&mut vault, "Written after recovery");
    vault.lock();
    let rows_after = logical_dump(&fixture.path);
    let unchanged: Vec<&String> = rows_after
        .iter()
        .filter(|row| rows_before.contains(row))
        .collect();
    assert!(
        unchanged.is_empty(),
        "every sealed row was re-sealed: {unchanged:?}"
    );
    // Whoever read the code and kept the header of the time unwraps the old key, which
    // opens nothing in the vault now.
    put_header_row(&fixture, &old_header);
    let err = SeekerVault::recover(&fixture.path, &code, &new_passphrase).expect_err("refused");
    assert_eq!(err.to_string(), TAMPERED_INDEX);
}

#[test]
fn an_employer_vault_rekeys_with_every_bundle_it_holds() {
    let mut w = world();
    let bundle = shared_and_imported(&mut w, ViewKind::Full, "full");
    let mut before = Vec::new();
    w.employer
        .read_received(&bundle, "profile.html", &mut before)
        .expect("entry");
    let path = w.employer.path().to_owned();
    let rows_before = logical_dump(&path);
    w.employer.rekey(&passphrase()).expect("rekey");
    let rows_after = logical_dump(&path);
    assert!(rows_after.iter().all(|row| !rows_before.contains(row)));
    let common::sharing::World {
        employer,
        dir: _dir,
        ..
    } = w;
    employer.lock();
    let employer = EmployerVault::open(&path, &passphrase()).expect("reopen");
    let mut after = Vec::new();
    employer
        .read_received(&bundle, "profile.html", &mut after)
        .expect("entry after");
    assert_eq!(after, before);
    assert_eq!(employer.candidates().expect("candidates").len(), 1);
}
