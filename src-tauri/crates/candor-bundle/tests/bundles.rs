//! Bundles written and read back, and every hostile bundle refused with its own error.

mod support;

use std::io::{Cursor, Read, Write};

use candor_bundle::{
    open, BundleError, BundleWriter, CardDetails, KeyCard, Keys, Kind, Limits, Protection, Sealing,
    SigningKey,
};
use candor_model::Timestamp;
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use support::*;

fn keys(parties: &Parties) -> Keys<'_> {
    Keys {
        identities: vec![&parties.employer],
        passphrase: None,
    }
}

/// Opens and reads every entry; the first refusal, if any.
fn refusal(bytes: &[u8], keys: &Keys) -> Option<BundleError> {
    let mut bundle = match open(Cursor::new(bytes), keys, &Limits::default()) {
        Ok(bundle) => bundle,
        Err(e) => return Some(e),
    };
    bundle.verify_all().err()
}

fn encrypted(parties: &Parties) -> Vec<u8> {
    write_bundle(
        &parties.seeker,
        Protection::Recipients(vec![parties.employer.recipient()]),
        manifest(None),
    )
}

/// Rebuilds the bundle's zip with `change` applied, and encrypts it to the employer.
fn tampered(parties: &Parties, change: impl FnOnce(&mut Vec<RawEntry>)) -> Vec<u8> {
    let plain = write_bundle(&parties.seeker, Protection::Plain, manifest(None));
    let mut entries = entries_of(&plain);
    change(&mut entries);
    encrypt_to(&parties.employer.recipient(), &build_zip(&entries))
}

fn entry<'a>(entries: &'a mut [RawEntry], name: &str) -> &'a mut RawEntry {
    entries
        .iter_mut()
        .find(|entry| entry.name == name)
        .expect("the entry is there")
}

fn code(error: Option<BundleError>) -> &'static str {
    error.map_or("accepted", |e| e.code())
}

#[test]
fn an_encrypted_bundle_opens_for_its_recipient_with_every_entry_intact() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    let mut bundle = open(Cursor::new(&bytes), &keys(&parties), &Limits::default()).expect("opens");
    assert_eq!(bundle.sealing(), Sealing::Recipient);
    assert_eq!(bundle.manifest().kind, Kind::ProfileShare);
    assert_eq!(
        bundle.manifest().issuer.public_key,
        parties.seeker.verifying_key().to_base64()
    );
    let paths: Vec<&str> = bundle
        .manifest()
        .entries
        .iter()
        .map(|e| e.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "profile.json",
            "profile.html",
            "attachments/cv.pdf",
            "README.txt"
        ]
    );
    assert_eq!(
        bundle.read_entry("profile.json", 1 << 20).expect("reads"),
        PROFILE
    );
    bundle.verify_all().expect("every entry matches");
}

#[test]
fn a_passphrase_bundle_needs_and_checks_its_passphrase() {
    let parties = Parties::new();
    let bytes = write_bundle(
        &parties.seeker,
        Protection::Passphrase(SecretString::from("sommerfugl i vinterland")),
        manifest(None),
    );
    assert_eq!(code(refusal(&bytes, &Keys::default())), "needs-passphrase");
    let wrong = Keys {
        identities: vec![],
        passphrase: Some(SecretString::from("vinterfugl")),
    };
    assert_eq!(code(refusal(&bytes, &wrong)), "wrong-passphrase");
    let right = Keys {
        identities: vec![],
        passphrase: Some(SecretString::from("sommerfugl i vinterland")),
    };
    let bundle = open(Cursor::new(&bytes), &right, &Limits::default()).expect("opens");
    assert_eq!(bundle.sealing(), Sealing::Passphrase);
}

#[test]
fn a_plain_bundle_is_a_signed_zip_flagged_as_plain() {
    let parties = Parties::new();
    let bytes = write_bundle(&parties.seeker, Protection::Plain, manifest(None));
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let mut bundle =
        open(Cursor::new(&bytes), &Keys::default(), &Limits::default()).expect("opens");
    assert_eq!(bundle.sealing(), Sealing::Plain);
    bundle.verify_all().expect("intact");
}

#[test]
fn a_bundle_for_another_recipient_is_refused() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    let stranger = candor_bundle::AgeIdentity::generate();
    let keys = Keys {
        identities: vec![&stranger],
        passphrase: None,
    };
    let error = refusal(&bytes, &keys).expect("refused");
    assert_eq!(
        error.to_string(),
        "this bundle is not encrypted to any key in this vault: it was made for another \
         recipient; ask the sender to share it to your key card"
    );
}

#[test]
fn a_bundle_addressed_to_another_card_is_refused_by_fingerprint() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    let bundle = open(Cursor::new(&bytes), &keys(&parties), &Limits::default()).expect("opens");
    bundle
        .check_addressed_to("AAAA-BBBB-CCCC-DDDD-EEEE")
        .expect("addressed to this card");
    let error = bundle
        .check_addressed_to("ZZZZ-BBBB-CCCC-DDDD-EEEE")
        .expect_err("refused");
    assert_eq!(error.code(), "addressed-to-another");
}

#[test]
fn an_expired_bundle_is_refused_with_its_expiry() {
    let parties = Parties::new();
    let past: Timestamp = "2020-01-01T00:00:00Z".parse().expect("a time");
    let bytes = write_bundle(
        &parties.seeker,
        Protection::Recipients(vec![parties.employer.recipient()]),
        manifest(Some(past)),
    );
    let bundle = open(Cursor::new(&bytes), &keys(&parties), &Limits::default()).expect("opens");
    let error = bundle
        .check_not_expired(Timestamp::now())
        .expect_err("expired");
    assert_eq!(
        error.to_string(),
        "this bundle expired at 2020-01-01T00:00:00Z; the sender's permission to use it has \
         ended, so it was not imported"
    );
}

#[test]
fn an_edited_manifest_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let manifest = entry(entries, "manifest.json");
        let text = String::from_utf8(manifest.data.clone()).expect("text");
        *manifest = RawEntry::stored(
            "manifest.json",
            text.replace("backend developer", "frontend developer")
                .as_bytes(),
        );
    });
    assert_eq!(code(refusal(&bytes, &keys(&parties))), "manifest-edited");
}

#[test]
fn an_edited_entry_is_refused_when_read() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let profile = entry(entries, "profile.json");
        let edited = String::from_utf8(profile.data.clone())
            .expect("text")
            .replace("Rust", "Java");
        *profile = RawEntry::stored("profile.json", edited.as_bytes());
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "the entry profile.json does not match the hash in the signed manifest: it was \
         edited; do not trust this bundle"
    );
}

#[test]
fn an_entry_of_another_size_is_refused_before_reading() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        *entry(entries, "attachments/cv.pdf") =
            RawEntry::stored("attachments/cv.pdf", b"%PDF-1.7 a longer CV");
    });
    let error = open(Cursor::new(&bytes), &keys(&parties), &Limits::default())
        .err()
        .expect("refused at open");
    assert_eq!(error.code(), "entry-edited");
}

#[test]
fn an_added_entry_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        entries.push(RawEntry::stored("attachments/extra.pdf", b"%PDF more"));
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "the bundle holds an entry attachments/extra.pdf that the signed manifest does not \
         list: it was added after signing; do not trust this bundle"
    );
}

#[test]
fn a_removed_entry_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        entries.retain(|entry| entry.name != "attachments/cv.pdf");
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "the signed manifest lists attachments/cv.pdf, but the bundle does not hold it: it \
         was removed; ask the sender to send the bundle again"
    );
}

#[test]
fn a_renamed_entry_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        entry(entries, "attachments/cv.pdf").name = "attachments/cv-old.pdf".into();
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "the entry attachments/cv.pdf of the signed manifest appears as \
         attachments/cv-old.pdf: it was renamed after signing; do not trust this bundle"
    );
}

#[test]
fn duplicate_entry_names_are_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        entries.push(RawEntry::stored("profile.json", b"{}"));
    });
    assert_eq!(code(refusal(&bytes, &keys(&parties))), "duplicate-names");
}

#[test]
fn parent_and_absolute_paths_are_refused() {
    let parties = Parties::new();
    for path in ["../../.bashrc", "/etc/cron.d/x", "attachments/../../x"] {
        let bytes = tampered(&parties, |entries| {
            entries.push(RawEntry::stored(path, b"echo owned"));
        });
        let error = refusal(&bytes, &keys(&parties)).expect("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "the bundle holds an entry with an unsafe path {path:?} (absolute, or leading \
                 out of the bundle); it is refused"
            )
        );
    }
}

#[test]
fn a_symlink_entry_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let mut link = RawEntry::stored("attachments/cv.pdf", b"/home/employer/.ssh/id_ed25519");
        link.mode = 0o120777;
        *entry(entries, "attachments/cv.pdf") = link;
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "the bundle holds a symbolic link attachments/cv.pdf; links are refused"
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_ratio() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        entries.push(RawEntry::deflated(
            "attachments/bomb.bin",
            &vec![0u8; 20 << 20],
        ));
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(error.code(), "compression-bomb");
    assert!(
        error.to_string().contains("beyond the 100:1 allowed"),
        "{error}"
    );
}

#[test]
fn an_entry_that_holds_more_than_it_declares_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let honest = entry(entries, "profile.json").clone();
        // Declares the signed size and CRC, but inflates to far more.
        let mut liar = RawEntry::deflated("profile.json", &vec![b' '; 4 << 20]);
        liar.declared_size = honest.declared_size;
        liar.crc = honest.crc;
        *entry(entries, "profile.json") = liar;
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert!(
        matches!(error.code(), "size-mismatch" | "entry-edited"),
        "{error}"
    );
}

#[test]
fn a_truncated_bundle_is_refused_as_cut_short() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    // Cut inside the header: provably short.
    for cut in [40, 10] {
        let error = refusal(&bytes[..cut], &keys(&parties)).expect("refused");
        assert_eq!(error.code(), "truncated", "cut at {cut}: {error}");
    }
    // Cut inside the encrypted stream: authentication fails, and the message says it may be
    // cut short.
    for cut in [bytes.len() / 2, bytes.len() - 1] {
        let error = refusal(&bytes[..cut], &keys(&parties)).expect("refused");
        assert_eq!(
            error.to_string(),
            "the bundle's encrypted content is cut short or has been altered: it fails \
             authentication; ask the sender to send it again",
            "cut at {cut}"
        );
    }
    let plain = write_bundle(&parties.seeker, Protection::Plain, manifest(None));
    let error = refusal(&plain[..plain.len() - 30], &Keys::default()).expect("refused");
    assert_eq!(error.code(), "truncated", "{error}");
}

#[test]
fn altered_ciphertext_is_refused_as_damaged() {
    let parties = Parties::new();
    let mut bytes = encrypted(&parties);
    let middle = bytes.len() - 100;
    bytes[middle] ^= 0x01;
    assert_eq!(code(refusal(&bytes, &keys(&parties))), "damaged-encryption");
}

#[test]
fn a_signature_from_another_key_is_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let manifest = entry(entries, "manifest.json").data.clone();
        let other = SigningKey::generate();
        let text = String::from_utf8(manifest.clone()).expect("text");
        let value: serde_json::Value = serde_json::from_str(&text).expect("json");
        let comment = format!(
            "candor-bundle/1 kind:profile-share id:{} expires:never",
            value["id"].as_str().expect("an id")
        );
        let forged = minisign_sign(&other, &manifest, &comment);
        *entry(entries, "manifest.json.minisig") =
            RawEntry::stored("manifest.json.minisig", forged.as_bytes());
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(error.code(), "signed-by-another-key");
    assert!(error
        .to_string()
        .starts_with("the manifest was signed by another key ("));
}

/// A minisign signature by `key`, made the way the `minisign` tool would.
fn minisign_sign(key: &SigningKey, data: &[u8], comment: &str) -> String {
    let secret = minisign::SecretKey::from_bytes(&key.to_secret_bytes()).expect("a key");
    minisign::sign(None, &secret, Cursor::new(data), Some(comment), None)
        .expect("signs")
        .into_string()
}

#[test]
fn an_unknown_format_version_is_refused_by_name() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        let manifest = entry(entries, "manifest.json");
        let text = String::from_utf8(manifest.data.clone()).expect("text");
        *manifest = RawEntry::stored(
            "manifest.json",
            text.replace("candor-bundle/1", "candor-bundle/2")
                .as_bytes(),
        );
    });
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert_eq!(
        error.to_string(),
        "this bundle uses format \"candor-bundle/2\", which this Candor does not read (it \
         reads \"candor-bundle/1\"); update Candor or ask the sender for a bundle in a known \
         format"
    );
}

#[test]
fn checksums_that_disagree_with_the_manifest_are_refused() {
    let parties = Parties::new();
    let bytes = tampered(&parties, |entries| {
        *entry(entries, "SHA256SUMS") = RawEntry::stored("SHA256SUMS", b"0000  profile.json\n");
    });
    assert_eq!(code(refusal(&bytes, &keys(&parties))), "checksums-disagree");
}

#[test]
fn a_file_that_is_no_bundle_says_so() {
    let error = refusal(b"%PDF-1.7 not a bundle", &Keys::default()).expect("refused");
    assert_eq!(error.code(), "not-a-bundle");
}

#[test]
fn too_many_entries_are_refused_before_reading_any() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    let limits = Limits {
        max_entries: 3,
        ..Limits::default()
    };
    let error = open(Cursor::new(&bytes), &keys(&parties), &limits)
        .err()
        .expect("refused");
    assert_eq!(
        error.to_string(),
        "the bundle holds 7 entries, more than the 3 allowed; it is refused"
    );
}

#[test]
fn a_key_card_with_a_bad_signature_is_refused() {
    let key = SigningKey::generate();
    let age = candor_bundle::AgeIdentity::generate();
    let details = CardDetails {
        organisation: "Fjordkraft Data AS".into(),
        organisation_number: "987654321".into(),
        contact: "hr@fjordkraft.example".into(),
        privacy_contact: "personvern@fjordkraft.example".into(),
        privacy_policy_url: "https://fjordkraft.example/personvern".into(),
        intake_url: None,
    };
    let card = KeyCard::sign(details, &age.recipient(), &key, Timestamp::now()).expect("signs");
    let forged = card.replace("personvern@fjordkraft.example", "phish@evil.example");
    let error = KeyCard::read(forged.as_bytes()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the key card's signature does not verify: the card was edited or forged; ask the \
         organisation for its card again and compare the fingerprint"
    );
}

#[test]
fn entries_stream_through_a_reader_that_checks_at_the_end() {
    let parties = Parties::new();
    let bytes = encrypted(&parties);
    let mut bundle = open(Cursor::new(&bytes), &keys(&parties), &Limits::default()).expect("opens");
    let mut reader = bundle.entry("attachments/cv.pdf").expect("an entry");
    let mut content = Vec::new();
    reader.read_to_end(&mut content).expect("reads");
    reader.finish().expect("matches the manifest");
    assert_eq!(content, b"%PDF-1.7 a CV");
}

/// A bundle whose attachment is written with the hash the caller gives for it.
fn with_given_hash(parties: &Parties, content: &[u8], sha256: [u8; 32]) -> Vec<u8> {
    let mut writer = BundleWriter::new(
        Vec::new(),
        Protection::Recipients(vec![parties.employer.recipient()]),
    )
    .expect("writer");
    writer.add("profile.json", PROFILE).expect("adds");
    let mut entry = writer
        .begin_with_sha256("attachments/cv.pdf", sha256)
        .expect("begins");
    entry.write_all(content).expect("writes");
    let recorded = entry.end();
    assert_eq!(
        recorded.sha256,
        data_encoding::HEXLOWER.encode(&sha256),
        "the manifest takes the given hash"
    );
    assert_eq!(recorded.size, content.len() as u64);
    writer
        .finish(manifest(None), &parties.seeker)
        .expect("finishes")
        .output
}

#[test]
fn an_entry_written_with_its_known_hash_reads_back_intact() {
    let parties = Parties::new();
    let content = b"%PDF-1.7 a CV";
    let bytes = with_given_hash(&parties, content, Sha256::digest(content).into());
    assert_eq!(refusal(&bytes, &keys(&parties)).map(|e| e.code()), None);
}

#[test]
fn an_entry_written_with_a_wrong_known_hash_is_refused_as_edited() {
    let parties = Parties::new();
    let bytes = with_given_hash(
        &parties,
        b"%PDF-1.7 a CV",
        Sha256::digest(b"another CV").into(),
    );
    let error = refusal(&bytes, &keys(&parties)).expect("refused");
    assert!(
        matches!(&error, BundleError::EntryEdited { path } if path == "attachments/cv.pdf"),
        "refused as an edited entry, not {error:?}"
    );
}

/// The vectors in `testdata/bundles/` (written by `examples/bundle_vectors.rs`): each
/// `.candor` file, opened with the fixed employer key and read entry by entry, gets the
/// answer its `.expect` file gives.
#[test]
fn every_bundle_vector_gets_the_answer_its_expect_file_gives() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bundles");
    let employer = candor_bundle::AgeIdentity::parse(
        std::fs::read_to_string(dir.join("keys/employer.age"))
            .expect("the vectors' employer key")
            .trim(),
    )
    .expect("an age identity");
    let keys = Keys {
        identities: vec![&employer],
        passphrase: None,
    };
    let mut checked = 0;
    for file in std::fs::read_dir(&dir).expect("the vectors' folder") {
        let path = file.expect("a directory entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("candor") {
            continue;
        }
        let expect =
            std::fs::read_to_string(path.with_extension("expect")).expect("an .expect file");
        let answer = expect
            .lines()
            .find(|line| !line.starts_with('#') && !line.trim().is_empty())
            .expect("an answer")
            .trim();
        let bytes = std::fs::read(&path).expect("the vector");
        assert_eq!(code(refusal(&bytes, &keys)), answer, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} vectors");
}
