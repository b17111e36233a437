//! Deletion and access requests: notices, answers, receipts, forgeries and deadlines.

use super::*;
use candor_vault::SeekerVault;

#[test]
fn a_deletion_request_by_file_is_answered_with_a_receipt_the_seeker_verifies() {
    for kind in [ViewKind::Full, ViewKind::Anonymous] {
        let mut w = world();
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
    shared_and_imported(&mut w, ViewKind::Full, "share");
    // A copy of the vault from before the request: same keys, no such request.
    let path = w.seeker.path().to_owned();
    w.seeker.lock();
    let earlier = w.dir.path().join("earlier.candor");
    std::fs::copy(&path, &earlier).expect("copies");
    w.seeker = SeekerVault::open(&path, &passphrase()).expect("reopens");
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
    let mut earlier = SeekerVault::open(&earlier, &passphrase()).expect("opens the copy");
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
