//! What was deleted, replaced or purged stays gone, whatever comes back.

use super::*;

#[test]
fn a_bundle_deleted_on_request_cannot_be_imported_again_and_the_refusal_changes_nothing() {
    for view in [ViewKind::Full, ViewKind::Anonymous] {
        let mut w = world();
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
    let mut w = world();
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
    let mut w = world();
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
    let mut w = world();
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

#[test]
fn a_candidate_the_employer_deleted_is_gone_with_its_content_and_cannot_come_back() {
    let mut w = world();
    let (file, first) = share_and_import(&mut w, ViewKind::Anonymous, "first");
    let (_, second) = share_and_import(&mut w, ViewKind::Anonymous, "second");
    let candidate = w.employer.candidates().expect("candidates")[0].clone();
    assert_eq!(candidate.bundles.len(), 2);
    let deleted_at = at("2026-11-23T10:00:00Z");

    let mut deleted = w
        .employer
        .delete_candidate(&candidate.id, deleted_at)
        .expect("deletes");
    deleted.sort();
    let mut expected = vec![first.clone(), second];
    expected.sort();
    assert_eq!(deleted, expected, "every bundle of the candidate");
    assert!(w.employer.candidates().expect("candidates").is_empty());
    assert_eq!(records_of(w.employer.path(), "received"), 0);
    assert_eq!(
        records_of(w.employer.path(), "deleted"),
        2,
        "a tombstone each"
    );
    assert_eq!(held_rows(w.employer.path()).1, 0, "no content is left");
    let error = w
        .employer
        .read_received(&first, "profile.json", &mut Vec::new())
        .expect_err("unreadable");
    assert!(
        matches!(error, VaultError::RecordNotFound { kind: "bundle", .. }),
        "{error:?}"
    );

    // The same file imported again, say from a colleague's mailbox.
    let before = logical_dump(w.employer.path());
    let error = import(&mut w.employer, &file).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "this bundle was deleted on 23 November 2026 by your organisation; it cannot be \
         imported again"
    );
    assert!(w.employer.candidates().expect("candidates").is_empty());
    assert_eq!(logical_dump(w.employer.path()), before);
}

#[test]
fn a_deletion_request_about_a_candidate_the_employer_deleted_is_answered_as_done() {
    let mut w = world();
    let (_, bundle) = share_and_import(&mut w, ViewKind::Full, "share");
    let now = Timestamp::now();
    w.employer
        .delete_candidate("Kari Nordmann", now)
        .expect("deletes");

    let notice = ask(&mut w, Kind::DeletionRequest, ViewKind::Full, "delete", now);
    let answered = answer(&mut w, &notice, now);
    assert_eq!(answered.outcome, candor_bundle::OutcomeKind::Deleted);
    assert_eq!(answered.bundles, std::slice::from_ref(&bundle));
    let row = w
        .seeker
        .import_answer(Cursor::new(answered.answer_bundle), now)
        .expect("the receipt verifies");
    assert_eq!(
        row.answer.expect("an answer").tombstoned,
        std::slice::from_ref(&bundle),
        "the receipt lists what the employer will refuse"
    );
    let rows = w.seeker.requests(Timestamp::now()).expect("requests");
    assert_eq!(rows[0].state, RequestState::Answered);
}
