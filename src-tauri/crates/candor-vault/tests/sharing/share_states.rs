//! Where each share stands, as the ledger shows it: active, asked to be deleted, deleted.

use super::*;
use candor_vault::ShareStatus;

#[test]
fn a_share_goes_from_active_to_deletion_requested_to_deletion_confirmed() {
    let mut w = world();
    let bundle = shared_and_imported(&mut w, ViewKind::Full, "share");
    let now = Timestamp::now();
    let states = w.seeker.shares(now).expect("shares");
    assert_eq!(states.len(), 1);
    assert_eq!(states[0].status, ShareStatus::Active);
    assert_eq!(states[0].entry.bundle_id, bundle);

    let sent_at = at("2026-11-23T10:00:00Z");
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
    let asked = w.seeker.shares(sent_at).expect("shares");
    assert_eq!(asked.len(), 1, "the request is not a share");
    assert_eq!(asked[0].status, ShareStatus::DeletionRequested);
    assert_eq!(asked[0].due_at, Some(at("2026-12-23T10:00:00Z")));
    let late = w.seeker.shares(at("2027-01-01T00:00:00Z")).expect("shares");
    assert_eq!(late[0].status, ShareStatus::DeletionOverdue);

    let answered = w
        .employer
        .answer_notice(File::open(&notice).expect("opens"), sent_at, None)
        .expect("answers");
    w.seeker
        .import_answer(Cursor::new(answered.answer_bundle), sent_at)
        .expect("the receipt verifies");
    let done = w.seeker.shares(sent_at).expect("shares");
    assert_eq!(done[0].status, ShareStatus::DeletionConfirmed);
    assert_eq!(done[0].confirmed_at, Some(sent_at));
    assert_eq!(done[0].due_at, None);
}
