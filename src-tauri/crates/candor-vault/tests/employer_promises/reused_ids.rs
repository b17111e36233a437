//! Bundles and notices that reuse an id the employer holds: refused, revealing nothing.

use super::*;

/// A bundle of `kind` with `id`, signed by a stranger and addressed to the employer.
fn forged(
    card: &str,
    kind: Kind,
    id: &str,
    refers_to: Vec<String>,
    reply: &AgeIdentity,
    entries: &[(&str, &[u8])],
) -> Vec<u8> {
    let card = KeyCard::read(card.as_bytes()).expect("a card");
    let stranger = SigningKey::generate();
    let mut writer = BundleWriter::new(
        Vec::new(),
        Protection::Recipients(vec![card.age_recipient.clone()]),
    )
    .expect("writer");
    for (path, bytes) in entries {
        writer.add(path, *bytes).expect("adds");
    }
    writer
        .finish(
            Manifest {
                format: String::new(),
                kind,
                id: id.to_owned(),
                issued_at: Timestamp::now(),
                expires_at: None,
                issuer: Issuer {
                    public_key: String::new(),
                    name: "Mallory".into(),
                    reply_to: Some(reply.recipient()),
                },
                recipient: Some(Addressee {
                    name: card.details.organisation.clone(),
                    fingerprint: card.fingerprint(),
                }),
                view: Some(ViewKind::Full),
                fields: vec![],
                purpose: "Anything".into(),
                refers_to,
                entries: vec![],
            },
            &stranger,
        )
        .expect("finishes")
        .output
}

#[test]
fn another_bundle_reusing_a_held_id_is_refused_without_a_word_about_what_is_held() {
    let mut w = world();
    let (_, bundle) = share_and_import(&mut w, ViewKind::Full, "share");
    let profile = br#"{"basics":{"name":"Mallory"}}"#;
    let hostile = forged(
        &w.card,
        Kind::ProfileShare,
        &bundle,
        vec![],
        &AgeIdentity::generate(),
        &[("profile.json", profile)],
    );
    let before = logical_dump(w.employer.path());
    let error = w
        .employer
        .import_bundle(Cursor::new(hostile), Timestamp::now())
        .expect_err("refused");
    let text = error.to_string();
    assert_eq!(
        text,
        "another bundle with this id is already held; this one was refused and nothing was \
         stored"
    );
    for held in ["Kari", "Nordmann", "backend", "cv-kari.pdf"] {
        assert!(!text.contains(held), "{text}");
    }
    assert_eq!(logical_dump(w.employer.path()), before);
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates[0].name, "Kari Nordmann");
}

#[test]
fn a_notice_reusing_an_answered_id_from_another_key_is_refused_and_its_answer_kept() {
    let mut w = world();
    let (_, bundle) = share_and_import(&mut w, ViewKind::Full, "share");
    let notice_file = ask(
        &mut w,
        Kind::AccessRequest,
        ViewKind::Full,
        "access",
        Timestamp::now(),
    );
    let answered = answer(&mut w, &notice_file, Timestamp::now());
    // Mallory read the request id in the e-mail and asks again under it with her key.
    let reply = AgeIdentity::generate();
    let notice = Notice {
        format: NOTICE_FORMAT.into(),
        kind: Kind::AccessRequest,
        bundles: vec![bundle.clone()],
        reply_to: reply.recipient(),
        issued_at: Timestamp::now(),
        due_at: days_after(Timestamp::now(), 30),
    };
    let json = serde_json::to_vec(&notice).expect("json");
    let hostile = forged(
        &w.card,
        Kind::AccessRequest,
        &answered.request,
        vec![bundle],
        &reply,
        &[("notice.json", json.as_slice())],
    );
    let before = logical_dump(w.employer.path());
    let error = w
        .employer
        .answer_notice(Cursor::new(hostile), Timestamp::now(), None)
        .expect_err("refused");
    assert!(
        matches!(error, VaultError::IdTaken { what: "notice" }),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "another notice with this id is already held; this one was refused and nothing was \
         stored"
    );
    assert_eq!(logical_dump(w.employer.path()), before);
    let again = answer(&mut w, &notice_file, Timestamp::now());
    assert!(again.repeated);
    assert_eq!(again.answer_bundle, answered.answer_bundle);
}
