//! Ledger entries are hash-chained and exported with their hashes: the bytes an entry
//! serializes to are a format. These entries were written by an earlier release; each must
//! read back and serialize to exactly the same bytes, so its hash, and every hash after it
//! in a seeker's chain, stays what it was.

use candor_vault::LedgerEntry;
use sha2::{Digest, Sha256};

/// An anonymous share sealed to the recipient's key, signed with a pseudonym.
const SHARE: &str = r#"{"seq":3,"at":"2026-11-20T09:14:03.512000001Z","action":"profile-share","bundleId":"4f0c2b8e9d1a7c3e5b6f8a0d2c4e6f81","bundleSha256":"9b1f0c3e5d7a9b2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d","recipientId":"acme-as","organisation":"Acme AS","organisationNumber":"912345678","privacyContact":"personvern@acme.example","privacyPolicyUrl":"https://acme.example/personvern","fingerprint":"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3","view":"anonymous","signedAs":"Candidate Fjord-Heron","fields":["education[0].degree","skills[2]"],"documents":["3b3e9a0c1d2e4f56"],"expiresAt":"2027-02-18T09:14:03.512000001Z","purpose":"Graduate engineer 2027","sealing":"recipient","prevHash":"5e2d8c1a0b3f4e6d7c9a8b1e2f3d4c5b6a7e8f9d0c1b2a3e4f5d6c7b8a9e0f1d"}"#;

/// A deletion request about two shares, with its deadline.
const REQUEST: &str = r#"{"seq":4,"at":"2026-11-21T10:00:00Z","action":"deletion-request","bundleId":"7a1b2c3d4e5f60718293a4b5c6d7e8f9","bundleSha256":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","recipientId":"acme-as","organisation":"Acme AS","organisationNumber":"912345678","privacyContact":"personvern@acme.example","privacyPolicyUrl":"https://acme.example/personvern","fingerprint":"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3","view":"full","signedAs":"identity","fields":[],"documents":[],"expiresAt":null,"purpose":"","sealing":"plain","refersTo":["4f0c2b8e9d1a7c3e5b6f8a0d2c4e6f81","c0ffee00c0ffee00c0ffee00c0ffee00"],"dueAt":"2026-12-21T10:00:00Z","prevHash":"d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e"}"#;

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn assert_frozen(text: &str, pinned_hash: &str) {
    let entry: LedgerEntry = serde_json::from_str(text).expect("an entry of an earlier release");
    let again = serde_json::to_string(&entry).expect("serializes");
    assert_eq!(again, text, "the entry's bytes changed");
    assert_eq!(entry.hash(), pinned_hash, "the entry's hash changed");
    assert_eq!(sha256_hex(text.as_bytes()), pinned_hash);
}

#[test]
fn a_share_entry_of_an_earlier_release_keeps_its_bytes_and_hash() {
    assert_frozen(
        SHARE,
        "c4d6848e5fb168faed7e9ba9ec94d0465e0ac232e3d20b499ab00b4121451ab2",
    );
}

#[test]
fn a_request_entry_of_an_earlier_release_keeps_its_bytes_and_hash() {
    assert_frozen(
        REQUEST,
        "4193fbc30f705461752c8c4c7362cfdba631b6103233203eb16053ae1ba36a4b",
    );
}
