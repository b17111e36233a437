//! Making an employer vault: the organisation's details are checked before any file is
//! made, and a failed attempt leaves nothing behind.

mod common;

use candor_bundle::KeyCard;
use candor_vault::EmployerVault;
use candor_vault::{KdfParams, Role, VaultError};
use common::passphrase;
use common::sharing::card_details;

#[test]
fn an_employer_vault_is_made_with_its_signed_card() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("acme.candor");
    let (vault, _code, card) =
        EmployerVault::create_employer(&path, &passphrase(), KdfParams::minimum(), card_details())
            .expect("an employer vault");
    assert_eq!(vault.role(), Role::Employer);
    assert_eq!(vault.employer_card().expect("the card"), card);
    let read = KeyCard::read(card.as_bytes()).expect("the card reads back");
    assert_eq!(read.details.organisation, "Fjordkraft Data AS");
}

#[test]
fn details_no_card_can_carry_are_refused_before_a_file_is_made() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("acme.candor");
    let mut nameless = card_details();
    nameless.privacy_contact = "  ".into();
    let refused =
        EmployerVault::create_employer(&path, &passphrase(), KdfParams::minimum(), nameless)
            .expect_err("no privacy contact");
    assert!(
        refused
            .to_string()
            .contains("the privacy contact is missing"),
        "{refused}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("the folder").collect();
    assert!(left.is_empty(), "nothing is left behind: {left:?}");
}

#[test]
fn a_vault_in_the_way_is_neither_replaced_nor_removed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("acme.candor");
    std::fs::write(&path, b"someone else's file").expect("a file in the way");
    let refused =
        EmployerVault::create_employer(&path, &passphrase(), KdfParams::minimum(), card_details())
            .expect_err("the path is taken");
    assert!(
        matches!(refused, VaultError::AlreadyExists { .. }),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read(&path).expect("still there"),
        b"someone else's file"
    );
}
