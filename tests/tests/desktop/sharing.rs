//! Sharing between a seeker and an employer, and what follows: imports, requests, receipts.

use super::*;

/// The test kit's seeker and employer, locked so that the app can open them, and the
/// employer's key card as a file in the scene, for the file dialog to answer with.
pub(crate) struct Parties {
    /// The kit's folder, which holds both vaults: removed when the test ends.
    pub(crate) _dir: tempfile::TempDir,
    pub(crate) seeker: PathBuf,
    pub(crate) employer: PathBuf,
    pub(crate) card: PathBuf,
}

pub(crate) fn parties(scene: &Scene, world: candor_testkit::World) -> Parties {
    let candor_testkit::World {
        dir,
        seeker,
        employer,
        card,
        ..
    } = world;
    let card_path = scene.dir.path().join("fjordkraft-card.json");
    std::fs::write(&card_path, card).expect("the card file");
    let parties = Parties {
        _dir: dir,
        seeker: seeker.path().to_owned(),
        employer: employer.path().to_owned(),
        card: card_path,
    };
    seeker.lock();
    employer.lock();
    parties
}

/// Unlocks the vault at `path`, made by the test kit, through the start screen.
pub(crate) fn unlock(s: &Session, path: &Path) {
    s.click(&s.by_id("start-open-other"));
    s.fill("unlock-path", &path.display().to_string());
    s.fill("unlock-passphrase", candor_testkit::PASSPHRASE);
    s.click(&s.by_id("unlock-submit"));
}

#[test]
fn a_seeker_shares_an_anonymous_view_and_the_employer_imports_it() {
    let scene = Scene::new();
    // A second skill to untick; the seeker adds the employer's card through the app.
    let world = candor_testkit::WorldBuilder::new()
        .skill("PostgreSQL")
        .without_recipient()
        .build();
    let Parties {
        _dir,
        seeker,
        employer,
        card,
    } = parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());

    // The seeker: add the employer from its key card, pick it, choose an anonymous view.
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);
    s.click(&s.by_id("nav-share"));
    scene.next_dialog_answer(&card);
    s.click(&s.by_id("recipient-add-file"));
    s.wait_text("recipient-fingerprint", "the card's fingerprint", |t| {
        t.trim().len() == 24
    });
    s.click(&s.by_id("recipient-Fjordkraft Data AS"));
    s.click(&s.by_id("share-next"));
    s.click(&s.by_id("view-anonymous"));
    s.click(&s.by_id("share-next"));
    // Untick one skill, and see it gone from the preview.
    s.click(&s.by_id("item-skills[1]"));
    s.click(&s.by_id("share-next"));
    // The page the organisation will open, rendered in its sandboxed frame.
    let frame = s.wait_for(
        "[data-testid=\"share-preview-page\"]",
        Duration::from_secs(20),
    );
    let page = s.frame_text(&frame);
    assert!(page.contains("Rust"), "the page shows the skills: {page}");
    assert!(
        !page.contains("PostgreSQL"),
        "but not the unticked one: {page}"
    );
    assert!(
        !page.contains("Kari"),
        "an anonymous page names nobody: {page}"
    );
    // And the data file behind it, under "technical details".
    s.click(&s.by_id("share-technical"));
    let preview = s.wait_text("share-preview", "the preview of profile.json", |t| {
        t.contains("Rust")
    });
    assert!(
        !preview.contains("PostgreSQL"),
        "the unticked skill is not sent: {preview}"
    );
    assert!(
        !preview.contains("Kari"),
        "an anonymous view names nobody: {preview}"
    );
    assert!(!preview.contains("Statnett"), "nor the employer: {preview}");
    shot(&s, &scene, "11-share-preview");
    s.click(&s.by_id("share-next"));
    let bundle = scene.dir.path().join("for-fjordkraft.candor");
    scene.next_dialog_answer(&bundle);
    s.click(&s.by_id("share-save"));
    s.by_id("share-saved");
    assert!(
        bundle.exists(),
        "the bundle was saved where the dialog said"
    );
    shot(&s, &scene, "12-share-saved");
    s.click(&s.by_id("nav-ledger"));
    s.wait_text("ledger-organisation", "the share in the ledger", |t| {
        t.contains("Fjordkraft Data AS")
    });
    s.wait_text("ledger-row", "the share, anonymous and active", |t| {
        t.contains("Anonymous") && t.contains("Active")
    });
    shot(&s, &scene, "13-ledger");
    s.end();

    // The employer: open its vault, import the bundle, see the candidate by pseudonym.
    let s = Session::start(&driver.url, &app).expect("the app starts again");
    unlock(&s, &employer);
    scene.next_dialog_answer(&bundle);
    s.click(&s.by_id("inbox-import"));
    s.wait_text("candidates", "the imported candidate", |t| {
        t.contains("Candidate ")
    });
    let row = s.by_id("candidate-row");
    assert!(
        !s.text(&row).contains("Kari"),
        "anonymous candidates go by pseudonym"
    );
    s.wait_text("candidate-skills", "the candidate's skills", |t| {
        t.contains("Rust") && !t.contains("PostgreSQL")
    });
    shot(&s, &scene, "14-employer-inbox");
    s.end();
}

/// The test kit's seeker and employer, after the seeker shared a full view with the
/// employer and the employer imported it, through the core as `candor share` and `candor
/// employer import` would.
fn shared_full_view(scene: &Scene) -> Parties {
    let mut w = candor_testkit::world();
    share_full_view(&mut w, scene, vec![], "Application: backend developer");
    parties(scene, w)
}

/// The seeker shares the full view with `include` (paths such as `documents[ID]`) with the
/// kit's organisation, and the employer imports the bundle: a candidate in the inbox, a
/// share in the seeker's ledger.
pub(crate) fn share_full_view(
    world: &mut candor_testkit::World,
    scene: &Scene,
    include: Vec<String>,
    purpose: &str,
) {
    use candor_model::{Timestamp, ViewChoice, ViewKind};
    use candor_vault::{Existing, ShareProtection, ShareRequest};
    // A file of its own for each share in the scene.
    static SHARES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SHARES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let bundle = scene.dir.path().join(format!("full-{n}.candorbundle"));
    world
        .seeker
        .share(
            &ShareRequest {
                recipient: candor_testkit::ORGANISATION.into(),
                choice: ViewChoice {
                    kind: ViewKind::Full,
                    include,
                    exclude: vec![],
                },
                expires_at: None,
                purpose: purpose.into(),
                protection: ShareProtection::ToRecipient,
                accept_warnings: true,
                made: candor_vault::MadeForShare::nothing(),
            },
            &bundle,
            Existing::Refuse,
        )
        .expect("a full view is shared");
    world
        .employer
        .import_bundle(
            std::fs::File::open(&bundle).expect("the bundle"),
            Timestamp::now(),
        )
        .expect("the employer imports it");
}

/// The value of the text box with `test_id` (a letter to copy).
fn text_box(s: &Session, test_id: &str) -> String {
    s.execute(
        "return document.querySelector(`[data-testid=\"${arguments[0]}\"]`)?.value ?? ''",
        vec![serde_json::json!(test_id)],
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[test]
fn a_seeker_requests_deletion_from_the_ledger_and_the_receipt_confirms_it() {
    let scene = Scene::new();
    let Parties {
        _dir,
        seeker,
        employer,
        ..
    } = shared_full_view(&scene);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());

    // The seeker: from the ledger, ask Fjordkraft to delete what it was sent.
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);
    s.click(&s.by_id("nav-ledger"));
    s.wait_text("ledger-status", "the share, active", |t| t == "Active");
    s.click(&s.by_id("ledger-organisation"));
    s.by_id("request-actions");
    let notice = scene.dir.path().join("deletion-for-fjordkraft.candor");
    scene.next_dialog_answer(&notice);
    s.click(&s.by_id("request-deletion"));
    s.wait_text("request-sent", "where the notice was saved", |t| {
        t.contains("deletion-for-fjordkraft.candor")
    });
    assert!(
        notice.exists(),
        "the notice was saved where the dialog said"
    );
    let letter = text_box(&s, "request-letter");
    assert!(
        letter.contains("Fjordkraft Data AS") && letter.contains("Art. 17"),
        "the letter to send with it: {letter}"
    );
    s.wait_text("request-status", "the request, sent", |t| {
        t.trim() == "Sent"
    });
    s.wait_text("ledger-status", "the share, deletion requested", |t| {
        t == "Deletion requested"
    });
    shot(&s, &scene, "15-request-deletion");
    s.end();

    // The employer: answer the notice, and save the signed receipt.
    let s = Session::start(&driver.url, &app).expect("the app starts again");
    unlock(&s, &employer);
    s.wait_text("candidates", "the candidate who shared", |t| {
        t.contains("Kari Nordmann")
    });
    let receipt = scene.dir.path().join("deletion-receipt.candor");
    scene.next_dialog_answers(&[&notice, &receipt]);
    s.click(&s.by_id("inbox-answer-notice"));
    s.wait_text(
        "notices-status",
        "the deletion, and where the receipt went",
        |t| t.contains("Bundles deleted: 1") && t.contains("deletion-receipt.candor"),
    );
    s.wait_text("notice-row", "the notice answered", |t| {
        t.contains("Kari Nordmann") && t.contains("Deleted")
    });
    assert!(
        s.find_all("[data-testid=\"candidate-row\"]").is_empty(),
        "the candidate's bundle is gone from the employer's vault"
    );
    assert!(
        receipt.exists(),
        "the receipt was saved where the dialog said"
    );
    shot(&s, &scene, "16-employer-answers-notice");
    s.end();

    // The seeker: import the receipt and see the deletion confirmed.
    let s = Session::start(&driver.url, &app).expect("the app starts a third time");
    unlock(&s, &seeker);
    s.click(&s.by_id("nav-ledger"));
    s.wait_text("request-status", "the request, still sent", |t| {
        t.trim() == "Sent"
    });
    scene.next_dialog_answer(&receipt);
    s.click(&s.by_id("answer-import"));
    s.wait_text("requests-status", "the verified receipt", |t| {
        t.starts_with("Deletion confirmed: Fjordkraft Data AS signed")
    });
    s.wait_text("request-status", "the request, answered", |t| {
        t.trim() == "Deletion confirmed"
    });
    s.wait_text("ledger-status", "the share, deletion confirmed", |t| {
        t == "Deletion confirmed"
    });
    shot(&s, &scene, "17-deletion-confirmed");
    s.click(&s.by_id("ledger-organisation"));
    s.wait_text("holdings", "that Fjordkraft holds nothing any more", |t| {
        t.contains("Nothing, under shares")
    });
    s.end();
}
