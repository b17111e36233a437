//! Sharing end to end in the core: a seeker shares anonymous and full views with an
//! employer, the employer imports both, and what it sees is what the seeker previewed.

mod common;

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use candor_bundle::{open, Keys, Limits};
use candor_model::{Document, Timestamp, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::{Existing, KdfParams, Role, ShareProtection, SignedAs, Vault, VaultError};
use common::sharing::*;
use common::{contains, passphrase};
use secrecy::ExposeSecret;

/// Strings that identify the seeker; none may be in an anonymous bundle.
const IDENTIFYING: &[&str] = &[
    "Kari",
    "Nordmann",
    "kari.nordmann@example.org",
    "+47 912 34 567",
    "91234567",
    "kari.example.org",
    "Storgata 1",
    "1995-04-12",
    "Statnett",
    "Universitetet i Oslo",
    "15059500136",
    "cv-kari.pdf",
    "%PDF-1.7 Kari's CV",
];

#[test]
fn the_employer_sees_exactly_what_the_seeker_previewed_and_the_anonymous_bundle_names_nobody() {
    let mut w = world();
    let recipient = w
        .seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    assert_eq!(recipient.organisation, "Fjordkraft Data AS");
    assert!(recipient.pseudonym.starts_with("Candidate "));

    let document = w.seeker.list::<Document>().expect("documents")[0]
        .id
        .clone();
    let anonymous = request(ViewKind::Anonymous, vec![]);
    let full = request(ViewKind::Full, vec![format!("documents[{document}]")]);
    let anonymous_preview = w
        .seeker
        .preview_share(&anonymous.recipient, &anonymous.choice)
        .expect("a preview");
    let full_preview = w
        .seeker
        .preview_share(&full.recipient, &full.choice)
        .expect("a preview");

    let anonymous_path = w.dir.path().join("anonymous.candor");
    let full_path = w.dir.path().join("full.candor");
    let anonymous_share = w
        .seeker
        .share(&anonymous, &anonymous_path, Existing::Refuse)
        .expect("shares");
    let full_share = w
        .seeker
        .share(&full, &full_path, Existing::Refuse)
        .expect("shares");
    assert_eq!(
        anonymous_share.entry.signed_as,
        SignedAs::Pseudonym(recipient.pseudonym.clone())
    );
    assert_eq!(full_share.entry.signed_as, SignedAs::Identity);

    let imported = import(&mut w.employer, &anonymous_path).expect("imports");
    assert!(imported.anonymous);
    assert_eq!(imported.candidate_name, recipient.pseudonym);
    import(&mut w.employer, &full_path).expect("imports");

    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(
        candidates.len(),
        2,
        "pseudonym and identity are two candidates"
    );
    let seen_anonymous = w.employer.candidate(&recipient.pseudonym).expect("found");
    assert!(seen_anonymous.anonymous);
    assert_eq!(seen_anonymous.profile, anonymous_preview.view.profile);
    let seen_full = w.employer.candidate("Kari Nordmann").expect("found");
    assert_eq!(seen_full.profile, full_preview.view.profile);
    assert_eq!(
        seen_full.bundles[0].entries,
        [
            "profile.json",
            "profile.html",
            "attachments/01-cv-kari.pdf",
            "README.txt"
        ]
    );
    let mut cv = Vec::new();
    w.employer
        .read_received(
            &seen_full.bundles[0].bundle_id,
            "attachments/01-cv-kari.pdf",
            &mut cv,
        )
        .expect("reads the attachment");
    assert_eq!(cv, b"%PDF-1.7 Kari's CV");

    let identity = AgeIdentity::parse(
        w.employer
            .export_age_identity()
            .expect("exports")
            .expose_secret(),
    )
    .expect("an identity");
    for (path, bytes) in decrypted_entries(&anonymous_path, &identity) {
        for needle in IDENTIFYING {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{path} of the anonymous bundle contains {needle:?}"
            );
        }
    }
    let full_entries = decrypted_entries(&full_path, &identity);
    let profile = &full_entries
        .iter()
        .find(|(p, _)| p == "profile.json")
        .expect("profile.json")
        .1;
    assert!(contains(profile, b"Kari Nordmann"));
    assert!(
        !contains(profile, b"15059500136"),
        "the national id is never shared"
    );
    assert_eq!(
        profile,
        full_preview.profile_json.as_bytes(),
        "profile.json is the preview byte for byte"
    );
}

#[test]
fn the_ledger_has_an_entry_per_share_with_field_names_and_no_values() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
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

/// Runs `attack` on the raw database after two shares; the vault must refuse the ledger.
fn ledger_attack(attack: &str) -> VaultError {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
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
    match Vault::open(&path, &passphrase()) {
        Err(error) => error,
        Ok(vault) => vault.ledger().expect_err("the ledger is refused"),
    }
}

#[test]
fn an_edited_ledger_entry_is_detected() {
    let error = ledger_attack(
        "UPDATE records SET sealed = CAST(substr(sealed, 1, 40) || x'00' || substr(sealed, 42) AS BLOB)
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

#[test]
fn a_bundle_with_an_edited_attachment_leaves_the_employer_vault_as_it_was() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let document = w.seeker.list::<Document>().expect("documents")[0]
        .id
        .clone();
    let out = w.dir.path().join("full.candor");
    w.seeker
        .share(
            &request(ViewKind::Full, vec![format!("documents[{document}]")]),
            &out,
            Existing::Refuse,
        )
        .expect("shares");
    // Re-encrypt the bundle with the attachment's content changed, same size.
    let identity = AgeIdentity::parse(
        w.employer
            .export_age_identity()
            .expect("exports")
            .expose_secret(),
    )
    .expect("an identity");
    let mut plain = Vec::new();
    age::Decryptor::new(File::open(&out).expect("opens"))
        .expect("age")
        .decrypt(std::iter::once(
            &age_identity(&identity) as &dyn age::Identity
        ))
        .expect("decrypts")
        .read_to_end(&mut plain)
        .expect("reads");
    let at = plain
        .windows(18)
        .position(|w| w == b"%PDF-1.7 Kari's CV")
        .expect("the attachment is stored uncompressed");
    plain[at + 9] = b'k';
    let tampered = w.dir.path().join("tampered.candor");
    std::fs::write(&tampered, encrypt(&identity.recipient(), &plain)).expect("writes");

    let employer_path = w.employer.path().to_owned();
    let before = held_rows(&employer_path);
    let error = import(&mut w.employer, &tampered).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the entry attachments/01-cv-kari.pdf does not match the hash in the signed \
         manifest: it was edited; do not trust this bundle"
    );
    assert_eq!(held_rows(&employer_path), before, "nothing was written");
    assert!(w.employer.candidates().expect("candidates").is_empty());
}

fn age_identity(identity: &AgeIdentity) -> age::x25519::Identity {
    identity
        .to_secret_string()
        .expose_secret()
        .parse()
        .expect("an identity")
}

fn encrypt(recipient: &str, plain: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let recipient: age::x25519::Recipient = recipient.parse().expect("a recipient");
    let mut out = Vec::new();
    let mut writer = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
        .expect("encryptor")
        .wrap_output(&mut out)
        .expect("header");
    writer.write_all(plain).expect("encrypts");
    writer.finish().expect("finishes");
    out
}

#[test]
fn a_bundle_for_another_employer_is_refused_and_nothing_is_stored() {
    let mut w = world();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut other, _) = Vault::create(
        &dir.path().join("other.candor"),
        &passphrase(),
        KdfParams::minimum(),
        Role::Employer,
    )
    .expect("another employer");
    let mut other_details = details();
    other_details.organisation = "Annen Arbeidsgiver AS".into();
    let other_card = other.employer_init(other_details).expect("a card");
    w.seeker
        .add_recipient(other_card.as_bytes(), "other.json")
        .expect("adds");
    let out = w.dir.path().join("other.candor");
    let mut req = request(ViewKind::Full, vec![]);
    req.recipient = "Annen Arbeidsgiver AS".into();
    w.seeker
        .share(&req, &out, Existing::Refuse)
        .expect("shares");
    let error = import(&mut w.employer, &out).expect_err("refused");
    assert_eq!(
        error.to_string(),
        candor_bundle::BundleError::NotForThisRecipient.to_string()
    );
    assert!(w.employer.candidates().expect("candidates").is_empty());
    import(&mut other, &out).expect("the right employer imports it");
}

#[test]
fn expired_bundles_are_refused_on_import_and_purged_when_held() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let out = w.dir.path().join("share.candor");
    w.seeker
        .share(&request(ViewKind::Full, vec![]), &out, Existing::Refuse)
        .expect("shares");
    let later = in_days(31);
    let error = w
        .employer
        .import_bundle(File::open(&out).expect("opens"), later)
        .expect_err("expired");
    assert!(error.to_string().starts_with("this bundle expired at "));

    import(&mut w.employer, &out).expect("imports while valid");
    assert_eq!(w.employer.candidates().expect("candidates").len(), 1);
    assert_eq!(w.employer.purge_expired(later).expect("purges"), 1);
    assert!(w.employer.candidates().expect("candidates").is_empty());
    let (_, chunks) = held_rows(w.employer.path());
    assert_eq!(chunks, 0, "the content went with the bundle");
}

#[test]
fn importing_the_same_bundle_twice_keeps_one_copy() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let out = w.dir.path().join("share.candor");
    w.seeker
        .share(&request(ViewKind::Full, vec![]), &out, Existing::Refuse)
        .expect("shares");
    assert!(!import(&mut w.employer, &out).expect("imports").already_held);
    assert!(import(&mut w.employer, &out).expect("imports").already_held);
    assert_eq!(
        w.employer.candidates().expect("candidates")[0]
            .bundles
            .len(),
        1
    );
}

#[test]
fn a_seeker_vault_cannot_import_bundles() {
    let mut w = world();
    let error = w
        .seeker
        .import_bundle(Cursor::new(Vec::new()), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "this is a seeker's vault, and this needs an employer's vault; open the right vault"
    );
}

#[test]
fn a_key_card_with_a_bad_signature_is_not_added() {
    let mut w = world();
    let forged = w
        .card
        .replace("personvern@fjordkraft.example", "phish@evil.example");
    let error = w
        .seeker
        .add_recipient(forged.as_bytes(), "forged.json")
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        candor_bundle::BundleError::CardBadSignature.to_string()
    );
    assert!(w.seeker.recipients().expect("recipients").is_empty());
}

#[test]
fn a_plain_share_is_readable_without_keys_but_still_signed() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let out = w.dir.path().join("plain.candor");
    let mut req = request(ViewKind::Full, vec![]);
    req.protection = ShareProtection::Plain;
    w.seeker
        .share(&req, &out, Existing::Refuse)
        .expect("shares");
    let bytes = std::fs::read(&out).expect("reads");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let summary = import(&mut w.employer, &out).expect("imports");
    assert!(summary.plain, "flagged as unencrypted");
}

#[test]
fn a_reveal_links_the_anonymous_candidate_to_the_seeker() {
    let mut w = world();
    let recipient = w
        .seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let error = w
        .seeker
        .reveal(
            &request(ViewKind::Full, vec![]),
            &w.dir.path().join("too-early.candor"),
            Existing::Refuse,
        )
        .expect_err("nothing to reveal yet");
    assert_eq!(
        error.to_string(),
        "you have not shared anything anonymously with Fjordkraft Data AS, so there is no \
         pseudonym to reveal; share a full view instead"
    );

    let anonymous = w.dir.path().join("anonymous.candor");
    w.seeker
        .share(
            &request(ViewKind::Anonymous, vec![]),
            &anonymous,
            Existing::Refuse,
        )
        .expect("shares");
    import(&mut w.employer, &anonymous).expect("imports");
    assert_eq!(
        w.employer.candidates().expect("candidates")[0].name,
        recipient.pseudonym
    );

    let reveal = w.dir.path().join("reveal.candor");
    let outcome = w
        .seeker
        .reveal(
            &request(ViewKind::Anonymous, vec![]),
            &reveal,
            Existing::Refuse,
        )
        .expect("reveals");
    assert_eq!(outcome.entry.action, candor_bundle::Kind::Reveal);
    assert_eq!(
        outcome.entry.view,
        ViewKind::Full,
        "a reveal is always a full view"
    );
    import(&mut w.employer, &reveal).expect("imports the reveal");

    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1, "one person, one candidate");
    assert_eq!(candidates[0].name, "Kari Nordmann");
    assert_eq!(
        candidates[0].revealed,
        std::slice::from_ref(&recipient.pseudonym)
    );
    assert_eq!(candidates[0].bundles.len(), 2);
}

#[test]
fn refused_bundles_leave_the_employer_vault_byte_for_byte_as_it_was() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let out = w.dir.path().join("share.candor");
    w.seeker
        .share(&request(ViewKind::Full, vec![]), &out, Existing::Refuse)
        .expect("shares");
    let good = std::fs::read(&out).expect("the bundle");
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let hostile: Vec<(&str, Vec<u8>)> = vec![
        // Cut inside age's header; then inside the encrypted stream, where a cut cannot be
        // told from an edit.
        ("truncated", good[..30].to_vec()),
        ("damaged-encryption", good[..good.len() / 2].to_vec()),
        ("damaged-encryption", flipped),
        ("not-a-bundle", b"%PDF-1.7 a CV, not a bundle".to_vec()),
        ("not-a-bundle", Vec::new()),
    ];
    let employer_path = w.employer.path().to_owned();
    w.employer.lock();
    let files = |path: &Path| {
        ["", "-wal"]
            .iter()
            .map(|suffix| std::fs::read(format!("{}{suffix}", path.display())).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    for (code, bytes) in hostile {
        let before = files(&employer_path);
        let mut employer = Vault::open(&employer_path, &passphrase()).expect("opens");
        let error = employer
            .import_bundle(Cursor::new(bytes), Timestamp::now())
            .expect_err("refused");
        match &error {
            VaultError::Bundle(e) => assert_eq!(e.code(), code, "{error}"),
            other => panic!("expected a bundle refusal, got {other}"),
        }
        employer.lock();
        assert!(
            files(&employer_path) == before,
            "{code}: the vault files changed"
        );
    }
}

#[test]
fn a_deletion_request_by_file_is_answered_with_a_receipt_the_seeker_verifies() {
    for kind in [ViewKind::Full, ViewKind::Anonymous] {
        let mut w = world();
        w.seeker
            .add_recipient(w.card.as_bytes(), "card.json")
            .expect("adds");
        let bundle = shared_and_imported(&mut w, kind, "share");
        let sent_at = at("2026-11-23T10:00:00Z");
        let notice = w.dir.path().join("deletion.candor");
        let sent = w
            .seeker
            .request(
                candor_bundle::RequestKind::Deletion,
                "Fjordkraft Data AS",
                kind,
                &notice,
                Existing::Refuse,
                sent_at,
            )
            .expect("writes the notice");
        assert_eq!(sent.entry.refers_to, std::slice::from_ref(&bundle));
        assert_eq!(sent.entry.due_at, Some(at("2026-12-23T10:00:00Z")));
        assert!(sent.letters.en.contains("GDPR Art. 17"));
        assert!(sent.letters.nb.contains("personvernforordningen art. 17"));
        // Letters are for people: days in words, short references, no commands.
        assert!(sent
            .letters
            .en
            .contains("Please answer by 23 December 2026"));
        assert!(sent.letters.nb.contains("Svar innen 23. desember 2026"));
        assert!(sent
            .letters
            .en
            .contains(&format!("(reference {})", &bundle[..8])));
        for letter in [&sent.letters.en, &sent.letters.nb] {
            assert!(!letter.contains(&bundle), "no full id: {letter}");
            assert!(!letter.contains("T10:00"), "no machine timestamp: {letter}");
            assert!(!letter.contains('`'), "no command: {letter}");
        }

        let answered = w
            .employer
            .answer_notice(File::open(&notice).expect("opens"), Timestamp::now(), None)
            .expect("answers");
        assert_eq!(answered.outcome, candor_bundle::OutcomeKind::Deleted);
        assert_eq!(answered.bundles, std::slice::from_ref(&bundle));
        assert!(
            w.employer.candidates().expect("candidates").is_empty(),
            "{kind:?}"
        );
        let (_, chunks) = held_rows(w.employer.path());
        assert_eq!(
            chunks, 1,
            "the content is gone too: only the sealed receipt (one chunk) remains"
        );

        let again = w
            .employer
            .answer_notice(File::open(&notice).expect("opens"), Timestamp::now(), None)
            .expect("answers again");
        assert!(again.repeated);
        assert_eq!(
            again.answer_bundle, answered.answer_bundle,
            "the same receipt back"
        );

        let row = w
            .seeker
            .import_answer(Cursor::new(answered.answer_bundle), sent_at)
            .expect("the receipt verifies");
        assert_eq!(row.state, candor_vault::RequestState::Answered);
        assert!(!row.overdue);
        let holdings = w
            .seeker
            .holdings(&row.entry.recipient_id, Timestamp::now())
            .expect("holdings");
        assert_eq!(holdings.deleted, std::slice::from_ref(&bundle));
        assert!(holdings.fields.is_empty(), "nothing is held any more");
    }
}

#[test]
fn an_access_request_is_answered_with_an_export_the_seeker_can_read() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let bundle = shared_and_imported(&mut w, ViewKind::Full, "share");
    let notice = w.dir.path().join("access.candor");
    w.seeker
        .request(
            candor_bundle::RequestKind::Access,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            Timestamp::now(),
        )
        .expect("writes the notice");
    let answered = w
        .employer
        .answer_notice(File::open(&notice).expect("opens"), Timestamp::now(), None)
        .expect("answers");
    assert_eq!(answered.outcome, candor_bundle::OutcomeKind::Exported);
    assert_eq!(
        w.employer.candidates().expect("candidates").len(),
        1,
        "access deletes nothing"
    );

    // The seeker opens the export with its own key and reads what the employer holds.
    let keys = w.seeker.decryption_keys().expect("keys");
    let mut export = open(
        Cursor::new(answered.answer_bundle.clone()),
        &Keys {
            identities: keys.iter().collect(),
            passphrase: None,
        },
        &Limits::default(),
    )
    .expect("the seeker can open the export");
    let profile = export
        .read_entry(&format!("held/{bundle}/profile.json"), 1 << 20)
        .expect("the held profile");
    assert!(contains(&profile, b"Kari Nordmann"));
    w.seeker
        .import_answer(Cursor::new(answered.answer_bundle), Timestamp::now())
        .expect("the export verifies as an answer");
}

#[test]
fn a_notice_from_a_key_that_signed_none_of_the_bundles_is_refused() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let bundle = shared_and_imported(&mut w, ViewKind::Full, "share");
    // Someone else, who knows the bundle id, asks for its deletion with their own key.
    let stranger = candor_bundle::SigningKey::generate();
    let reply = AgeIdentity::generate();
    let card = candor_bundle::KeyCard::read(w.card.as_bytes()).expect("a card");
    let notice = candor_bundle::Notice {
        format: candor_bundle::NOTICE_FORMAT.into(),
        kind: candor_bundle::Kind::DeletionRequest,
        bundles: vec![bundle.clone()],
        reply_to: reply.recipient(),
        issued_at: Timestamp::now(),
        due_at: in_days(30),
    };
    let mut writer = candor_bundle::BundleWriter::new(
        Vec::new(),
        candor_bundle::Protection::Recipients(vec![card.age_recipient.clone()]),
    )
    .expect("writer");
    writer
        .add(
            "notice.json",
            serde_json::to_vec(&notice).expect("json").as_slice(),
        )
        .expect("adds");
    let forged = writer
        .finish(
            candor_bundle::Manifest {
                format: String::new(),
                kind: candor_bundle::Kind::DeletionRequest,
                id: candor_bundle::new_bundle_id(),
                issued_at: Timestamp::now(),
                expires_at: None,
                issuer: candor_bundle::Issuer {
                    public_key: String::new(),
                    name: "Mallory".into(),
                    reply_to: Some(reply.recipient()),
                },
                recipient: Some(candor_bundle::Addressee {
                    name: card.details.organisation.clone(),
                    fingerprint: card.fingerprint(),
                }),
                view: None,
                fields: vec![],
                purpose: String::new(),
                refers_to: vec![bundle],
                entries: vec![],
            },
            &stranger,
        )
        .expect("finishes")
        .output;
    let before = held_rows(w.employer.path());
    let error = w
        .employer
        .answer_notice(Cursor::new(forged), Timestamp::now(), None)
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "this notice is signed by a key that signed none of the bundles it names; only the \
         person who shared them can ask about them, so it was refused"
    );
    assert_eq!(held_rows(w.employer.path()), before, "nothing changed");
    assert_eq!(w.employer.candidates().expect("candidates").len(), 1);
}

#[test]
fn an_answer_to_a_request_this_vault_did_not_send_is_refused() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    shared_and_imported(&mut w, ViewKind::Full, "share");
    // A copy of the vault from before the request: same keys, no such request.
    let path = w.seeker.path().to_owned();
    w.seeker.lock();
    let earlier = w.dir.path().join("earlier.candor");
    std::fs::copy(&path, &earlier).expect("copies");
    w.seeker = Vault::open(&path, &passphrase()).expect("reopens");
    let notice = w.dir.path().join("deletion.candor");
    w.seeker
        .request(
            candor_bundle::RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            Timestamp::now(),
        )
        .expect("writes the notice");
    let answered = w
        .employer
        .answer_notice(File::open(&notice).expect("opens"), Timestamp::now(), None)
        .expect("answers");
    w.seeker.lock();
    let mut earlier = Vault::open(&earlier, &passphrase()).expect("opens the copy");
    let error = earlier
        .import_answer(Cursor::new(answered.answer_bundle), Timestamp::now())
        .expect_err("refused");
    assert!(
        matches!(error, VaultError::UnknownRequest { .. }),
        "{error}"
    );
    assert!(earlier
        .requests(Timestamp::now())
        .expect("requests")
        .is_empty());
}

#[test]
fn an_answer_signed_by_another_key_than_the_employers_card_is_refused() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    shared_and_imported(&mut w, ViewKind::Full, "share");
    let notice = w.dir.path().join("deletion.candor");
    let sent = w
        .seeker
        .request(
            candor_bundle::RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            Timestamp::now(),
        )
        .expect("writes the notice");
    // Someone else claims, for the employer, that everything was deleted.
    let card = candor_bundle::KeyCard::read(w.card.as_bytes()).expect("a card");
    let forger = candor_bundle::SigningKey::generate();
    let answer = candor_bundle::Answer {
        format: candor_bundle::ANSWER_FORMAT.into(),
        request: sent.entry.bundle_id.clone(),
        request_kind: candor_bundle::Kind::DeletionRequest,
        answered_at: Timestamp::now(),
        employer: card.fingerprint(),
        outcome: candor_bundle::Outcome::Deleted {
            deleted: sent.entry.refers_to.clone(),
        },
        tombstoned: vec![],
        part: None,
    };
    let reply_to: Vec<String> = w
        .seeker
        .decryption_keys()
        .expect("keys")
        .iter()
        .map(AgeIdentity::recipient)
        .collect();
    let mut writer = candor_bundle::BundleWriter::new(
        Vec::new(),
        candor_bundle::Protection::Recipients(reply_to),
    )
    .expect("writer");
    writer
        .add(
            "answer.json",
            serde_json::to_vec(&answer).expect("json").as_slice(),
        )
        .expect("adds");
    let forged = writer
        .finish(
            candor_bundle::Manifest {
                format: String::new(),
                kind: candor_bundle::Kind::DeletionReceipt,
                id: candor_bundle::new_bundle_id(),
                issued_at: Timestamp::now(),
                expires_at: None,
                issuer: candor_bundle::Issuer {
                    public_key: String::new(),
                    name: "Fjordkraft Data AS".into(),
                    reply_to: None,
                },
                recipient: None,
                view: None,
                fields: vec![],
                purpose: String::new(),
                refers_to: vec![sent.entry.bundle_id.clone()],
                entries: vec![],
            },
            &forger,
        )
        .expect("finishes")
        .output;
    let error = w
        .seeker
        .import_answer(Cursor::new(forged), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "this answer is not signed by Fjordkraft Data AS's key (or names another \
         organisation's card); it was refused"
    );
    let rows = w.seeker.requests(Timestamp::now()).expect("requests");
    assert_eq!(
        rows[0].state,
        candor_vault::RequestState::Sent,
        "nothing changed"
    );
}

#[test]
fn with_a_fixed_clock_an_unanswered_request_is_overdue_after_a_month_and_an_extension_moves_it() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    shared_and_imported(&mut w, ViewKind::Full, "share");
    let sent_at = at("2026-01-31T09:00:00Z");
    let notice = w.dir.path().join("deletion.candor");
    w.seeker
        .request(
            candor_bundle::RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            sent_at,
        )
        .expect("writes the notice");
    let rows = w.seeker.requests(at("2026-02-27T09:00:00Z")).expect("rows");
    assert!(!rows[0].overdue, "due 28 February");
    let rows = w.seeker.requests(at("2026-02-28T09:00:01Z")).expect("rows");
    assert!(rows[0].overdue, "a month without an answer");
    let candor_bundle::Letters { en, nb } = w
        .seeker
        .complaint(&rows[0].entry.bundle_id, at("2026-03-01T00:00:00Z"))
        .expect("a complaint");
    assert!(en.starts_with("To Datatilsynet"));
    assert!(en.contains("no answer to a request for erasure"), "{en}");
    assert!(
        en.contains("The answer was due by 28 February 2026"),
        "{en}"
    );
    assert!(nb.contains("art. 77"));
    assert!(nb.contains("Svarfristen var 28. februar 2026"), "{nb}");
    assert!(
        !en.contains(&rows[0].entry.bundle_id) && !en.contains("T09:"),
        "{en}"
    );

    let extension = w
        .employer
        .answer_notice(
            File::open(&notice).expect("opens"),
            at("2026-02-10T09:00:00Z"),
            Some((2, "We must gather data from three systems.".into())),
        )
        .expect("extends");
    assert_eq!(extension.outcome, candor_bundle::OutcomeKind::Extended);
    assert_eq!(
        w.employer.candidates().expect("candidates").len(),
        1,
        "nothing deleted yet"
    );
    let row = w
        .seeker
        .import_answer(
            Cursor::new(extension.answer_bundle),
            at("2026-02-10T10:00:00Z"),
        )
        .expect("the extension verifies");
    assert_eq!(row.due_at, at("2026-04-28T09:00:00Z"), "two more months");
    assert!(!w.seeker.requests(at("2026-04-01T00:00:00Z")).expect("rows")[0].overdue);
    assert!(w.seeker.requests(at("2026-04-29T00:00:00Z")).expect("rows")[0].overdue);

    let error = w
        .employer
        .answer_notice(
            File::open(&notice).expect("opens"),
            at("2026-02-11T09:00:00Z"),
            Some((3, "More time".into())),
        )
        .expect_err("at most two months");
    assert_eq!(
        error.to_string(),
        "an extension is one or two months, with a reason the person can read (Art. 12(3))"
    );
    let done = w
        .employer
        .answer_notice(
            File::open(&notice).expect("opens"),
            at("2026-03-15T09:00:00Z"),
            None,
        )
        .expect("answers for real");
    assert_eq!(done.outcome, candor_bundle::OutcomeKind::Deleted);
    let row = w
        .seeker
        .import_answer(Cursor::new(done.answer_bundle), at("2026-03-15T10:00:00Z"))
        .expect("verifies");
    assert_eq!(row.state, candor_vault::RequestState::Answered);
}

#[test]
fn an_invitation_reaches_the_pseudonym_and_a_reveal_answers_it() {
    let mut w = world();
    let recipient = w
        .seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let anonymous = shared_and_imported(&mut w, ViewKind::Anonymous, "anonymous");
    let candidate = w.employer.candidates().expect("candidates")[0].id.clone();
    let invitation = w.dir.path().join("invitation.candor");
    w.employer
        .invite(
            &candidate,
            "We would like to talk to you about the backend role.",
            &invitation,
            Existing::Refuse,
        )
        .expect("invites");

    let row = w
        .seeker
        .import_invitation(File::open(&invitation).expect("opens"), Timestamp::now())
        .expect("the pseudonym receives it");
    assert_eq!(row.organisation, "Fjordkraft Data AS");
    assert_eq!(row.to, recipient.pseudonym);
    assert_eq!(row.bundles, std::slice::from_ref(&anonymous));
    assert_eq!(w.seeker.invitations().expect("invitations"), [row]);

    let reveal = w.dir.path().join("reveal.candor");
    w.seeker
        .reveal(&request(ViewKind::Full, vec![]), &reveal, Existing::Refuse)
        .expect("reveals");
    import(&mut w.employer, &reveal).expect("imports");
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        candidates[0].name, "Kari Nordmann",
        "the reveal links the candidate"
    );
}

#[test]
fn only_anonymous_candidates_are_invited_through_a_pseudonym() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    shared_and_imported(&mut w, ViewKind::Full, "full");
    let error = w
        .employer
        .invite(
            "Kari Nordmann",
            "Hello",
            &w.dir.path().join("i.candor"),
            Existing::Refuse,
        )
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Kari Nordmann shared in full; write to them directly instead of through a pseudonym"
    );
}

#[test]
fn a_correction_replaces_the_share_it_names_at_the_employer() {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    let first = shared_and_imported(&mut w, ViewKind::Full, "first");
    let corrected = w.dir.path().join("corrected.candor");
    let mut req = request(ViewKind::Anonymous, vec![]);
    req.choice.exclude = vec!["skills".into()];
    let outcome = w
        .seeker
        .correct(&first, &req, &corrected, Existing::Refuse)
        .expect("corrects");
    assert_eq!(outcome.entry.action, candor_bundle::Kind::Correction);
    assert_eq!(
        outcome.entry.view,
        ViewKind::Full,
        "a correction keeps the view it corrects"
    );
    assert_eq!(outcome.entry.refers_to, std::slice::from_ref(&first));
    import(&mut w.employer, &corrected).expect("imports");
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        candidates[0].bundles.len(),
        1,
        "the corrected bundle is gone"
    );
    assert_eq!(candidates[0].bundles[0].bundle_id, outcome.entry.bundle_id);
    assert!(
        candidates[0].profile.skills.is_empty(),
        "the correction's content"
    );
}
