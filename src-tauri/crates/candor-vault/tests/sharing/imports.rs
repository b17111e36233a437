//! The employer's import: edited, misaddressed, expired, repeated and hostile bundles.

use super::*;
use candor_vault::EmployerVault;

#[test]
fn a_bundle_with_an_edited_attachment_leaves_the_employer_vault_as_it_was() {
    let mut w = world();
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
    let (mut other, _) = w.another_employer("Annen Arbeidsgiver AS");
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
fn refused_bundles_leave_the_employer_vault_byte_for_byte_as_it_was() {
    let mut w = world();
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
        let mut employer = EmployerVault::open(&employer_path, &passphrase()).expect("opens");
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
fn a_candidate_comes_with_the_grade_point_average_of_each_education() {
    let mut w = world();
    shared_and_imported(&mut w, ViewKind::Full, "full");
    let candidate = w.employer.candidate("Kari Nordmann").expect("found");
    assert_eq!(candidate.profile.education.len(), 1);
    // IN1000 with an A and IN2010 with a B, 10 credits each.
    assert_eq!(candidate.gpa, [Some("4.50 (A)".to_owned())]);
}
