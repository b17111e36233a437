//! Before a saved share is posted to its organisation: the file must be the bundle the
//! ledger recorded, the share must still be active, and the card must name an address.

use super::*;

/// A world whose employer's card names an intake address, and a full share saved to
/// `full.candor` in it; returns the share's bundle id.
fn with_intake() -> (World, String) {
    let mut w = WorldBuilder::new().without_recipient().build();
    let (_employer, _code, card) = EmployerVault::create_employer(
        &w.path("intake.candor"),
        &passphrase(),
        candor_vault::KdfParams::minimum(),
        candor_bundle::CardDetails {
            intake_url: Some("https://fjordkraft.example/intake".into()),
            ..card_details()
        },
    )
    .expect("an employer vault");
    w.seeker
        .add_recipient(card.as_bytes(), "card.json")
        .expect("adds the recipient");
    let bundle_id = save_full(&mut w);
    (w, bundle_id)
}

/// A full share saved to `full.candor` in the world's folder; its bundle id.
fn save_full(w: &mut World) -> String {
    let file = w.path("full.candor");
    w.seeker
        .share(&request(ViewKind::Full, vec![]), &file, Existing::Refuse)
        .expect("shares")
        .entry
        .bundle_id
}

#[test]
fn a_saved_share_is_ready_to_post_to_the_address_on_the_card() {
    let (w, bundle_id) = with_intake();
    let delivery = w
        .seeker
        .delivery(&bundle_id[..8], &w.path("full.candor"), Timestamp::now())
        .expect("ready");
    assert_eq!(delivery.url, "https://fjordkraft.example/intake");
    assert_eq!(delivery.bundle_id, bundle_id);
    assert_eq!(delivery.organisation, "Fjordkraft Data AS");
    assert_eq!(
        delivery.bytes,
        std::fs::read(w.path("full.candor")).expect("the file")
    );
}

#[test]
fn another_file_is_not_sent_as_the_share() {
    let (w, bundle_id) = with_intake();
    std::fs::write(w.path("other.candor"), b"PK\x03\x04 not the bundle").expect("writes");
    let error = w
        .seeker
        .delivery(&bundle_id, &w.path("other.candor"), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "{} is not the bundle your ledger recorded for Fjordkraft Data AS; choose the file you saved when you shared",
            w.path("other.candor").display()
        )
    );
}

#[test]
fn a_share_asked_to_be_deleted_is_not_sent() {
    let (mut w, bundle_id) = with_intake();
    w.seeker
        .request(
            candor_bundle::RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &w.path("deletion.candor"),
            Existing::Refuse,
            Timestamp::now(),
        )
        .expect("writes the notice");
    let error = w
        .seeker
        .delivery(&bundle_id, &w.path("full.candor"), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the share with Fjordkraft Data AS is no longer active (deletion requested); it is not sent"
    );
}

#[test]
fn a_card_without_an_intake_address_says_where_to_send_the_file_instead() {
    let mut w = world();
    let bundle_id = save_full(&mut w);
    let error = w
        .seeker
        .delivery(&bundle_id, &w.path("full.candor"), Timestamp::now())
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        format!(
            "Fjordkraft Data AS's key card names no intake address; send the saved file to {} another way",
            card_details().contact
        )
    );
}

/// A deletion request saved in the world's folder; its path.
fn save_deletion_request(w: &mut World) -> std::path::PathBuf {
    let notice = w.path("deletion.candorbundle");
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
    notice
}

#[test]
fn a_notice_is_not_posted_when_the_card_names_no_intake_address() {
    let mut w = world();
    save_full(&mut w);
    let notice = save_deletion_request(&mut w);
    let error = w
        .seeker
        .send_notice("Fjordkraft Data AS", &notice, Timestamp::now(), |_, _| {
            Err::<Vec<Vec<u8>>, _>("must not be posted")
        })
        .expect_err("refused");
    assert!(
        error
            .to_string()
            .ends_with("send the saved file to personvern@fjordkraft.example another way"),
        "{error}"
    );
}

#[test]
fn a_notice_that_cannot_be_posted_leaves_no_answer_behind() {
    let (mut w, _) = with_intake();
    let notice = save_deletion_request(&mut w);
    let mut posted_to = String::new();
    let error = w
        .seeker
        .send_notice(
            "Fjordkraft Data AS",
            &notice,
            Timestamp::now(),
            |url, body| {
                posted_to = url.to_owned();
                assert_eq!(body, std::fs::read(&notice).expect("the notice"));
                Err::<Vec<Vec<u8>>, _>("connection refused")
            },
        )
        .expect_err("refused");
    assert_eq!(posted_to, "https://fjordkraft.example/intake");
    assert_eq!(
        error.to_string(),
        "sending to Fjordkraft Data AS failed: connection refused"
    );
    assert!(!candor_bundle::answer_path(&notice).exists());
    let requests = w.seeker.requests(Timestamp::now()).expect("requests");
    assert!(requests.iter().all(|r| r.answer.is_none()));
}
