//! The seeker's share ledger: field names without values, and tampering detected.

use super::*;
use candor_vault::SeekerVault;

#[test]
fn the_ledger_has_an_entry_per_share_with_field_names_and_no_values() {
    let mut w = world();
    for (i, kind) in [ViewKind::Anonymous, ViewKind::Full]
        .into_iter()
        .enumerate()
    {
        let out = w.dir.path().join(format!("share-{i}.candor"));
        w.seeker
            .share(&request(kind, vec![]), &out, Existing::Refuse)
            .expect("shares");
    }
    let ledger = w.seeker.ledger().expect("the ledger");
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[0].seq, 1);
    assert_eq!(ledger[1].prev_hash, ledger[0].hash());
    assert_eq!(ledger[0].view, ViewKind::Anonymous);
    assert!(ledger[1].fields.contains(&"person.name".to_owned()));
    assert!(ledger[0]
        .fields
        .contains(&"education[0].courses[0].grade".to_owned()));
    let exported =
        serde_json::to_string(&w.seeker.export_ledger().expect("exports")).expect("json");
    for value in [
        "Kari Nordmann",
        "kari.nordmann@example.org",
        "IN1000",
        "Rust",
    ] {
        assert!(
            !exported.contains(value),
            "the ledger holds the value {value:?}"
        );
    }
    let holdings = w
        .seeker
        .holdings(&ledger[0].recipient_id, Timestamp::now())
        .expect("holdings");
    assert_eq!(holdings.shares.len(), 2);
    assert!(holdings.fields.contains(&"person.email".to_owned()));
    let receipt = w
        .seeker
        .consent_receipt(&ledger[1].bundle_id)
        .expect("a consent receipt");
    assert_eq!(receipt["version"], "KI-CR-v1.1.0");
    assert_eq!(
        receipt["policyUrl"],
        "https://fjordkraft.example/personvern"
    );
    assert_eq!(
        receipt["piiControllers"][0]["piiController"],
        "Fjordkraft Data AS"
    );
}

/// "What they hold" names each entry from the seeker's profile, from the fields shared:
/// the education by institution and degree with its courses counted, the CV by its file.
#[test]
fn holdings_name_each_entry_with_its_courses_and_attachments() {
    let mut w = candor_testkit::WorldBuilder::new().courses(12).build();
    let cv = w
        .seeker
        .list::<candor_model::Document>()
        .expect("documents")
        .remove(0);
    let out = w.dir.path().join("full.candorbundle");
    let share = w
        .seeker
        .share(
            &request(ViewKind::Full, vec![format!("documents[{}]", cv.id)]),
            &out,
            Existing::Refuse,
        )
        .expect("shares");
    let holdings = w
        .seeker
        .holdings(&share.entry.recipient_id, Timestamp::now())
        .expect("holdings");
    let education = holdings
        .items
        .iter()
        .find(|i| i.section == "education")
        .expect("the education");
    assert_eq!(
        education.name,
        "Universitetet i Oslo, Bachelor, Informatikk"
    );
    assert_eq!((education.courses, education.graded_courses), (12, 12));
    let attachment = holdings
        .items
        .iter()
        .find(|i| i.section == "documents")
        .expect("the CV");
    assert_eq!(attachment.name, "cv-kari.pdf");
    let document = attachment.document.as_ref().expect("known to the vault");
    assert_eq!(document.media_type, "application/pdf");
    assert_eq!(document.size, b"%PDF-1.7 Kari's CV".len() as u64);
    assert!(
        holdings.items.iter().all(|i| !i.name.contains('[')),
        "no paths: {:?}",
        holdings.items
    );
}

/// Runs `attack` on the raw database after two shares; the vault must refuse the ledger.
fn ledger_attack(attack: &str) -> VaultError {
    let mut w = world();
    for i in 0..2 {
        let out = w.dir.path().join(format!("share-{i}.candor"));
        w.seeker
            .share(&request(ViewKind::Full, vec![]), &out, Existing::Refuse)
            .expect("shares");
    }
    let path = w.seeker.path().to_owned();
    w.seeker.lock();
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch(attack).expect("the attack runs");
    drop(raw);
    // Rows removed or rolled back fail the index on open; a row edited in place fails
    // to authenticate when the ledger is read.
    match SeekerVault::open(&path, &passphrase()) {
        Err(error) => error,
        Ok(vault) => vault.ledger().expect_err("the ledger is refused"),
    }
}

#[test]
fn an_edited_ledger_entry_is_detected() {
    let error = ledger_attack(
        // One byte changed, whatever it was (setting it to a fixed value would leave it as
        // it was once in 256 runs).
        "UPDATE records SET sealed = CAST(substr(sealed, 1, 40)
           || CASE WHEN substr(sealed, 41, 1) = x'00' THEN x'01' ELSE x'00' END
           || substr(sealed, 42) AS BLOB)
         WHERE kind = 'ledger' AND id = '000000000001'",
    );
    assert!(matches!(error, VaultError::Tampered { .. }), "{error}");
}

#[test]
fn a_deleted_ledger_entry_is_detected() {
    let error = ledger_attack("DELETE FROM records WHERE kind = 'ledger' AND id = '000000000001'");
    assert!(matches!(error, VaultError::Tampered { .. }), "{error}");
}

#[test]
fn a_ledger_truncated_from_the_end_is_detected() {
    let error = ledger_attack(
        "DELETE FROM records WHERE kind = 'ledger' AND id = '000000000002';
         DELETE FROM records WHERE kind = 'ledger-head';",
    );
    assert!(matches!(error, VaultError::Tampered { .. }), "{error}");
}
