//! An answer must fit its request and come from the employer's key.

use super::*;
use candor_vault::SeekerVault;

/// An employer whose keys the test holds, so it can write answers the seeker must judge.
struct HeldKeys {
    card: String,
    signing: SigningKey,
    fingerprint: String,
}

fn employer_with_known_keys() -> HeldKeys {
    let signing = SigningKey::generate();
    let age = AgeIdentity::generate();
    let card = KeyCard::sign(card_details(), &age.recipient(), &signing, Timestamp::now())
        .expect("a card");
    let fingerprint = KeyCard::read(card.as_bytes()).expect("reads").fingerprint();
    HeldKeys {
        card,
        signing,
        fingerprint,
    }
}

/// An answer bundle signed by `signing`, encrypted to every key of the seeker.
fn answer_bundle(seeker: &SeekerVault, answer: &Answer, signing: &SigningKey) -> Vec<u8> {
    let reply_to: Vec<String> = seeker
        .decryption_keys()
        .expect("keys")
        .iter()
        .map(AgeIdentity::recipient)
        .collect();
    let mut writer =
        BundleWriter::new(Vec::new(), Protection::Recipients(reply_to)).expect("writer");
    writer
        .add(
            "answer.json",
            serde_json::to_vec(answer).expect("json").as_slice(),
        )
        .expect("adds");
    writer
        .finish(
            Manifest {
                format: String::new(),
                kind: answer.bundle_kind(),
                id: candor_bundle::new_bundle_id(),
                issued_at: Timestamp::now(),
                expires_at: None,
                issuer: Issuer {
                    public_key: String::new(),
                    name: ORGANISATION.into(),
                    reply_to: None,
                },
                recipient: None,
                view: None,
                fields: vec![],
                purpose: String::new(),
                refers_to: vec![answer.request.clone()],
                entries: vec![],
            },
            signing,
        )
        .expect("finishes")
        .output
}

#[test]
fn an_answer_of_the_wrong_kind_for_the_wrong_request_or_from_the_wrong_key_changes_nothing() {
    // The seeker knows only the card whose keys the test holds.
    let mut w = WorldBuilder::new().without_recipient().build();
    let employer = employer_with_known_keys();
    w.seeker
        .add_recipient(employer.card.as_bytes(), "card.json")
        .expect("adds");
    let shared = w
        .seeker
        .share(
            &request(ViewKind::Full, vec![]),
            &w.dir.path().join("share.candor"),
            Existing::Refuse,
        )
        .expect("shares");
    let bundle = shared.entry.bundle_id;
    let now = Timestamp::now();
    let deletion = ask(&mut w, Kind::DeletionRequest, ViewKind::Full, "delete", now);
    let access = ask(&mut w, Kind::AccessRequest, ViewKind::Full, "access", now);
    let id_of = |w: &World, kind: Kind| {
        w.seeker
            .requests(now)
            .expect("requests")
            .into_iter()
            .find(|r| r.entry.action == kind)
            .expect("the request")
            .entry
            .bundle_id
    };
    let (deletion_id, access_id) = (
        id_of(&w, Kind::DeletionRequest),
        id_of(&w, Kind::AccessRequest),
    );
    assert!(deletion.exists() && access.exists());
    let base = |request: &str, request_kind: Kind, outcome: Outcome| Answer {
        format: ANSWER_FORMAT.into(),
        request: request.to_owned(),
        request_kind,
        answered_at: now,
        employer: employer.fingerprint.clone(),
        outcome,
        tombstoned: vec![],
        part: None,
    };
    let exported = || Outcome::Exported {
        held: vec![bundle.clone()],
    };
    let deleted = |ids: Vec<String>| Outcome::Deleted { deleted: ids };
    let stranger = SigningKey::generate();
    let cases: Vec<(&str, Answer, &SigningKey, &str)> = vec![
        (
            "an access export answering a deletion request",
            base(&deletion_id, Kind::DeletionRequest, exported()),
            &employer.signing,
            "this answer does not match the request it names (it is an access export, but the \
             request was a deletion-request); it was refused and nothing changed",
        ),
        (
            "an answer claiming another kind of request",
            base(&deletion_id, Kind::AccessRequest, exported()),
            &employer.signing,
            "this answer does not match the request it names (it answers a access-request but \
             the request was a deletion-request); it was refused and nothing changed",
        ),
        (
            "a deletion answering an access request",
            base(
                &access_id,
                Kind::AccessRequest,
                deleted(vec![bundle.clone()]),
            ),
            &employer.signing,
            "this answer does not match the request it names (it reports a deletion, but \
             access was asked for); it was refused and nothing changed",
        ),
        (
            "a deletion naming bundles the request did not",
            base(
                &deletion_id,
                Kind::DeletionRequest,
                deleted(vec![bundle.clone(), "0".repeat(32)]),
            ),
            &employer.signing,
            "this answer does not match the request it names (it names bundles the request \
             did not); it was refused and nothing changed",
        ),
        (
            "a receipt from another key",
            base(
                &deletion_id,
                Kind::DeletionRequest,
                deleted(vec![bundle.clone()]),
            ),
            &stranger,
            "this answer is not signed by Fjordkraft Data AS's key (or names another \
             organisation's card); it was refused",
        ),
    ];
    for (case, answer, key, message) in cases {
        let before = logical_dump(w.seeker.path());
        let error = w
            .seeker
            .import_answer(Cursor::new(answer_bundle(&w.seeker, &answer, key)), now)
            .expect_err(case);
        assert_eq!(error.to_string(), message, "{case}");
        assert_eq!(logical_dump(w.seeker.path()), before, "{case}");
        assert!(w
            .seeker
            .requests(now)
            .expect("requests")
            .iter()
            .all(|r| r.state == RequestState::Sent && r.answer.is_none()));
    }

    // The right answer is taken; a different one after it is not.
    let right = base(
        &deletion_id,
        Kind::DeletionRequest,
        deleted(vec![bundle.clone()]),
    );
    w.seeker
        .import_answer(
            Cursor::new(answer_bundle(&w.seeker, &right, &employer.signing)),
            now,
        )
        .expect("the receipt");
    let mut other = right.clone();
    other.answered_at = days_after(now, 1);
    let error = w
        .seeker
        .import_answer(
            Cursor::new(answer_bundle(&w.seeker, &other, &employer.signing)),
            now,
        )
        .expect_err("a second, different answer");
    assert_eq!(
        error.to_string(),
        "this answer does not match the request it names (the request was already answered \
         otherwise); it was refused and nothing changed"
    );
    w.seeker
        .import_answer(
            Cursor::new(answer_bundle(&w.seeker, &right, &employer.signing)),
            now,
        )
        .expect("the same answer again is fine");
}

#[test]
fn an_employer_vault_refuses_an_answer_given_to_it_as_a_share() {
    let mut w = world();
    share_and_import(&mut w, ViewKind::Full, "share");
    let notice = ask(
        &mut w,
        Kind::AccessRequest,
        ViewKind::Full,
        "access",
        Timestamp::now(),
    );
    let answered = answer(&mut w, &notice, Timestamp::now());
    // The export was encrypted to the seeker; the employer's own copy is the stored one.
    let mut copy = Vec::new();
    w.employer
        .answer_part(&answered.request, 1, &mut copy)
        .expect("the stored answer");
    assert_eq!(copy, answered.answer_bundle);
    let before = logical_dump(w.employer.path());
    let error = w
        .employer
        .import_bundle(Cursor::new(notice_bytes(&notice)), Timestamp::now())
        .expect_err("a notice is not a share");
    assert_eq!(
        error.to_string(),
        "this bundle is a access-request, not a candidate's share; import it where it belongs"
    );
    assert_eq!(logical_dump(w.employer.path()), before);
}
