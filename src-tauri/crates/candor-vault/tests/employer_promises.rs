//! The employer side keeps the seeker's promises, tried as an attacker and a careless
//! employer would: what was deleted stays deleted, a cached answer goes only to whoever
//! signed the original, an answer must fit its request, and access requests are bounded.

mod common;

use std::fs::File;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use candor_bundle::{
    Addressee, Answer, BundleWriter, CardDetails, Issuer, KeyCard, Kind, Manifest, Notice, Outcome,
    Protection, SigningKey, ANSWER_FORMAT, NOTICE_FORMAT,
};
use candor_model::{Timestamp, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::{EmployerLimits, Existing, NewDocument, RequestState, Vault, VaultError};
use common::sharing::*;

const ORGANISATION: &str = "Fjordkraft Data AS";

fn day_text(at: Timestamp) -> String {
    let date = at.as_offset_date_time().date();
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// A world where the seeker knows the employer's card.
fn introduced() -> World {
    let mut w = world();
    w.seeker
        .add_recipient(w.card.as_bytes(), "card.json")
        .expect("adds");
    w
}

/// The seeker asks for `kind` about its `view` shares; returns the notice file.
fn ask(w: &mut World, kind: Kind, view: ViewKind, name: &str, now: Timestamp) -> PathBuf {
    let notice = w.dir.path().join(format!("{name}.candor"));
    w.seeker
        .request(
            kind.request().expect("a request's kind"),
            ORGANISATION,
            view,
            &notice,
            Existing::Refuse,
            now,
        )
        .expect("writes the notice");
    notice
}

fn answer(w: &mut World, notice: &Path, now: Timestamp) -> candor_vault::NoticeAnswered {
    w.employer
        .answer_notice(File::open(notice).expect("the notice"), now, None)
        .expect("answers")
}

/// Shares `view` with the employer, who imports it; returns the bundle's path and id.
fn share_and_import(w: &mut World, view: ViewKind, name: &str) -> (PathBuf, String) {
    let out = w.dir.path().join(format!("{name}.candor"));
    let outcome = w
        .seeker
        .share(&request(view, vec![]), &out, Existing::Refuse)
        .expect("shares");
    import(&mut w.employer, &out).expect("imports");
    (out, outcome.entry.bundle_id)
}

#[test]
fn a_bundle_deleted_on_request_cannot_be_imported_again_and_the_refusal_changes_nothing() {
    for view in [ViewKind::Full, ViewKind::Anonymous] {
        let mut w = introduced();
        let (file, bundle) = share_and_import(&mut w, view, "share");
        let deleted_at = at("2026-11-23T10:00:00Z");
        let notice = ask(&mut w, Kind::DeletionRequest, view, "delete", deleted_at);
        let answered = answer(&mut w, &notice, deleted_at);
        let row = w
            .seeker
            .import_answer(Cursor::new(answered.answer_bundle), deleted_at)
            .expect("the receipt verifies");
        assert_eq!(
            row.answer.expect("an answer").tombstoned,
            std::slice::from_ref(&bundle),
            "the receipt lists what the employer will refuse"
        );

        // The original file, still in a mailbox, is imported again.
        let before = logical_dump(w.employer.path());
        let error = import(&mut w.employer, &file).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "this bundle was deleted on 23 November 2026 at the candidate's request; it \
             cannot be imported again"
        );
        assert!(w.employer.candidates().expect("candidates").is_empty());
        assert_eq!(logical_dump(w.employer.path()), before, "{view:?}");
        let rows = w.seeker.requests(Timestamp::now()).expect("requests");
        assert_eq!(rows[0].state, RequestState::Answered);
    }
}

#[test]
fn a_correction_or_a_reveal_naming_a_deleted_bundle_is_refused() {
    let mut w = introduced();
    let (_, full) = share_and_import(&mut w, ViewKind::Full, "full");
    let (_, anonymous) = share_and_import(&mut w, ViewKind::Anonymous, "anonymous");
    let now = Timestamp::now();
    for view in [ViewKind::Full, ViewKind::Anonymous] {
        let name = format!("delete-{}", view.as_str());
        let notice = ask(&mut w, Kind::DeletionRequest, view, &name, now);
        answer(&mut w, &notice, now);
    }
    let day = day_text(now);

    let correction = w.dir.path().join("correction.candor");
    w.seeker
        .correct(
            &full,
            &request(ViewKind::Full, vec![]),
            &correction,
            Existing::Refuse,
        )
        .expect("corrects");
    let reveal = w.dir.path().join("reveal.candor");
    w.seeker
        .reveal(&request(ViewKind::Full, vec![]), &reveal, Existing::Refuse)
        .expect("reveals");
    let before = logical_dump(w.employer.path());
    for file in [&correction, &reveal] {
        let error = import(&mut w.employer, file).expect_err("refused");
        assert_eq!(
            error.to_string(),
            format!(
                "this bundle was deleted on {day} at the candidate's request; it cannot be \
                 imported again"
            ),
            "{}",
            file.display()
        );
    }
    assert_eq!(logical_dump(w.employer.path()), before);
    assert!(w.employer.candidates().expect("candidates").is_empty());
    assert_ne!(full, anonymous);
}

#[test]
fn a_bundle_replaced_by_a_correction_cannot_come_back_but_a_second_correction_can() {
    let mut w = introduced();
    let (first_file, first) = share_and_import(&mut w, ViewKind::Full, "first");
    let mut corrected = request(ViewKind::Full, vec![]);
    corrected.choice.exclude = vec!["skills".into()];
    let correction = w.dir.path().join("correction.candor");
    let outcome = w
        .seeker
        .correct(&first, &corrected, &correction, Existing::Refuse)
        .expect("corrects");
    import(&mut w.employer, &correction).expect("imports the correction");

    let error = import(&mut w.employer, &first_file).expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "this bundle was replaced by the candidate's correction on {}; it cannot be \
             imported again",
            day_text(Timestamp::now())
        )
    );
    // Correcting the first share again is still a correction, not a way back.
    let again = w.dir.path().join("again.candor");
    w.seeker
        .correct(&first, &corrected, &again, Existing::Refuse)
        .expect("corrects again");
    import(&mut w.employer, &again).expect("a second correction is taken");
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1);
    let held: Vec<&str> = candidates[0]
        .bundles
        .iter()
        .map(|b| b.bundle_id.as_str())
        .collect();
    assert!(held.contains(&outcome.entry.bundle_id.as_str()));
    assert!(!held.contains(&first.as_str()), "{held:?}");
}

#[test]
fn an_expired_bundle_purged_while_held_is_refused_even_with_the_clock_set_back() {
    let mut w = introduced();
    let (file, _) = share_and_import(&mut w, ViewKind::Full, "share");
    let later = days_after(Timestamp::now(), 31);
    assert_eq!(w.employer.purge_expired(later).expect("purges"), 1);
    assert_eq!(records_of(w.employer.path(), "deleted"), 1, "a tombstone");
    // A careless employer's clock a month behind: the expiry check would let it in.
    let error = w
        .employer
        .import_bundle(File::open(&file).expect("the file"), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "this bundle expired and was deleted on {}; it cannot be imported again",
            day_text(later)
        )
    );
    // The tombstone is dropped once the bundle's expiry and its grace have run.
    w.employer
        .purge_expired(days_after(later, 28))
        .expect("purges");
    assert_eq!(records_of(w.employer.path(), "deleted"), 1, "still kept");
    w.employer
        .purge_expired(days_after(later, 31))
        .expect("purges");
    assert_eq!(records_of(w.employer.path(), "deleted"), 0, "dropped");
}

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
    let mut w = introduced();
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
    let mut w = introduced();
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

/// An employer whose keys the test holds, so it can write answers the seeker must judge.
struct HeldKeys {
    card: String,
    signing: SigningKey,
    fingerprint: String,
}

fn employer_with_known_keys() -> HeldKeys {
    let signing = SigningKey::generate();
    let age = AgeIdentity::generate();
    let card = KeyCard::sign(
        CardDetails {
            organisation: ORGANISATION.into(),
            organisation_number: "987654321".into(),
            contact: "rekruttering@fjordkraft.example".into(),
            privacy_contact: "personvern@fjordkraft.example".into(),
            privacy_policy_url: "https://fjordkraft.example/personvern".into(),
            intake_url: None,
        },
        &age.recipient(),
        &signing,
        Timestamp::now(),
    )
    .expect("a card");
    let fingerprint = KeyCard::read(card.as_bytes()).expect("reads").fingerprint();
    HeldKeys {
        card,
        signing,
        fingerprint,
    }
}

/// An answer bundle signed by `signing`, encrypted to every key of the seeker.
fn answer_bundle(seeker: &Vault, answer: &Answer, signing: &SigningKey) -> Vec<u8> {
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
    let mut w = world();
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
    let mut w = introduced();
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

fn notice_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("the notice")
}

/// A seeker with `n` full shares to the employer, each with `attachment` bytes attached.
fn shares_with_attachments(w: &mut World, n: usize, attachment: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let document = w
            .seeker
            .add_document(
                NewDocument {
                    kind: candor_model::DocumentKind::Other,
                    file_name: format!("portfolio-{i}.bin"),
                    media_type: "application/octet-stream".into(),
                    note: None,
                },
                vec![i as u8; attachment].as_slice(),
            )
            .expect("a document");
        let out = w.dir.path().join(format!("share-{i}.candor"));
        let outcome = w
            .seeker
            .share(
                &request(ViewKind::Full, vec![format!("documents[{}]", document.id)]),
                &out,
                Existing::Refuse,
            )
            .expect("shares");
        import(&mut w.employer, &out).expect("imports");
        ids.push(outcome.entry.bundle_id);
    }
    ids
}

#[test]
fn a_large_access_export_comes_in_parts_stored_once_and_the_request_is_answered_when_all_are_in() {
    let mut w = introduced();
    w.employer.set_employer_limits(EmployerLimits {
        export_part_bytes: 300 * 1024,
        ..EmployerLimits::default()
    });
    let shares = shares_with_attachments(&mut w, 3, 200 * 1024);
    let now = Timestamp::now();
    let notice = ask(&mut w, Kind::AccessRequest, ViewKind::Full, "access", now);
    let answered = answer(&mut w, &notice, now);
    assert_eq!(answered.parts, 3, "one bundle of 200 KiB per 300 KiB part");
    let chunks = held_rows(w.employer.path()).1;
    let again = answer(&mut w, &notice, now);
    assert!(again.repeated);
    assert_eq!(held_rows(w.employer.path()).1, chunks, "stored once");

    for number in 1..=3u32 {
        let mut part = Vec::new();
        w.employer
            .answer_part(&answered.request, number, &mut part)
            .expect("a part");
        let row = w
            .seeker
            .import_answer(Cursor::new(part), now)
            .expect("a part verifies");
        let expected = if number < 3 {
            RequestState::Sent
        } else {
            RequestState::Answered
        };
        assert_eq!(row.state, expected, "after part {number}");
    }
    let answer = w.seeker.requests(now).expect("requests")[0]
        .answer
        .clone()
        .expect("the answer");
    assert_eq!(answer.bundles.len(), shares.len());
}

#[test]
fn access_requests_over_the_quota_are_refused_but_a_deletion_never_is() {
    let mut w = introduced();
    w.employer.set_employer_limits(EmployerLimits {
        access_per_signer_per_day: 2,
        ..EmployerLimits::default()
    });
    share_and_import(&mut w, ViewKind::Full, "share");
    let now = at("2026-11-23T10:00:00Z");
    for i in 0..2 {
        let notice = ask(
            &mut w,
            Kind::AccessRequest,
            ViewKind::Full,
            &format!("a{i}"),
            now,
        );
        answer(&mut w, &notice, now);
    }
    let third = ask(&mut w, Kind::AccessRequest, ViewKind::Full, "a2", now);
    let before = logical_dump(w.employer.path());
    let error = w
        .employer
        .answer_notice(File::open(&third).expect("opens"), now, None)
        .expect_err("over the quota");
    assert_eq!(
        error.to_string(),
        "too many access requests from this candidate in the last day; this one was not \
         answered: send it again in about 24 hour(s). Deletion, withdrawal and revocation are \
         never limited"
    );
    assert!(matches!(
        error,
        VaultError::AccessQuota {
            retry_after_secs: 86_400,
            ..
        }
    ));
    assert_eq!(logical_dump(w.employer.path()), before, "nothing stored");
    let deletion = ask(&mut w, Kind::DeletionRequest, ViewKind::Full, "delete", now);
    assert_eq!(
        answer(&mut w, &deletion, now).outcome,
        candor_bundle::OutcomeKind::Deleted
    );
    // A day later the quota has room again.
    let later = days_after(now, 1);
    w.employer
        .answer_notice(File::open(&third).expect("opens"), later, None)
        .expect("answered a day later");
}

#[test]
fn an_open_session_purges_what_expired_without_counting_as_the_persons_activity() {
    let mut w = introduced();
    share_and_import(&mut w, ViewKind::Full, "share");
    let mut session = candor_vault::Session::new(w.employer);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let idle = session.idle_for();
    assert_eq!(
        session
            .purge_expired(Timestamp::now())
            .expect("nothing yet"),
        0
    );
    assert_eq!(
        session
            .purge_expired(days_after(Timestamp::now(), 31))
            .expect("purges"),
        1
    );
    assert!(session.vault().candidates().expect("candidates").is_empty());
    assert!(session.idle_for() >= idle, "housekeeping is not activity");
}
