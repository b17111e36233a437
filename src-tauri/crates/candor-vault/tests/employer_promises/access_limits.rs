//! Access requests are bounded: exports in parts, a quota, and purging in an open session.

use super::*;

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
    let mut w = world();
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
    let mut w = world();
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
    let mut w = world();
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
    assert!(session
        .employer()
        .expect("an employer's vault")
        .candidates()
        .expect("candidates")
        .is_empty());
    assert!(session.idle_for() >= idle, "housekeeping is not activity");
}
