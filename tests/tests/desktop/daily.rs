//! The daily tool in the real window. Applications: a pipeline card carried to another
//! column from the keyboard and by a pointer drag; a table row's status changed from the
//! keyboard, where arrow keys alone commit nothing, and the move undone; the job link handed
//! to the browser. The start: a vault created in bokmål through the file picker, its
//! recovery code saved as an emergency sheet, the first screen offering the imports, and a
//! date typed the Norwegian way.

use candor_model::{Application, ApplicationStatus, Timestamp};

use super::sharing::{parties, unlock, Parties};
use super::walk::choose_language;
use super::*;

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";
const RIGHT: &str = "\u{E014}";
const DOWN: &str = "\u{E015}";

/// The card (or row) under `container` whose text holds `company`.
fn item(s: &Session, css: &str, company: &str) -> candor_tests::webdriver::Element {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(found) = s
            .find_all(css)
            .into_iter()
            .find(|el| s.text(el).contains(company))
        {
            return found;
        }
        assert!(Instant::now() < deadline, "{company} under {css}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn cards_move_by_keyboard_and_by_drag_and_a_table_move_is_undone() {
    let scene = Scene::new();
    let mut world = candor_testkit::WorldBuilder::new().build();
    for (company, position) in [("Equinor", "Backend developer"), ("DNB", "Developer")] {
        let mut application = Application::new(company, position, Timestamp::now());
        application.link = format!("www.{}.no/jobb/42", company.to_lowercase());
        application
            .move_to(ApplicationStatus::Applied, Timestamp::now(), None)
            .expect("applied");
        world.seeker.insert(&application).expect("stored");
    }
    let Parties { _dir, seeker, .. } = parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);
    s.click(&s.by_id("nav-applications"));
    s.click(&s.by_id("view-pipeline"));

    // From the keyboard: the grip picks Equinor up, → carries it to Interview, Enter drops.
    let card = item(
        &s,
        "[data-testid=pipeline-applied] [data-testid=application-card]",
        "Equinor",
    );
    let grip = card_grip(&s, "applied", "Equinor");
    s.focus(&grip);
    s.keys(ENTER);
    announced(&s, "Picked up Equinor, in Applied.");
    s.keys(RIGHT);
    announced(&s, "Interview. Press Enter to move Equinor here.");
    shot(&s, &scene, "49-pipeline-carried-by-keyboard");
    s.keys(ENTER);
    s.wait_text("pipeline-interview", "Equinor in Interview", |t| {
        t.contains("Equinor")
    });
    s.wait_text("applications-status", "the move said", |t| {
        t == "Equinor moved to Interview."
    });
    assert!(!s.text(&s.by_id("pipeline-applied")).contains("Equinor"));
    drop(card);

    // With the pointer: DNB dragged from Applied onto Offer.
    let dnb = item(
        &s,
        "[data-testid=pipeline-applied] [data-testid=application-card]",
        "DNB",
    );
    s.drag(&dnb, &s.by_id("pipeline-offer"));
    s.wait_text("pipeline-offer", "DNB dragged to Offer", |t| {
        t.contains("DNB")
    });
    s.wait_text("applications-status", "the drag said", |t| {
        t == "DNB moved to Offer."
    });
    shot(&s, &scene, "50-pipeline-after-drag");

    // The table: arrow keys on a row's status open its menu and commit nothing; Escape.
    s.click(&s.by_id("view-table"));
    let row = item(&s, "[data-testid=application-row]", "Equinor");
    let status = row_status(&s, "Equinor");
    assert_eq!(
        s.attribute(&status, "data-status").as_deref(),
        Some("interview")
    );
    drop(row);
    s.focus(&status);
    s.keys(&format!("{DOWN}{DOWN}{DOWN}"));
    s.wait_for("[role=menu]", Duration::from_secs(5));
    s.keys(ESCAPE);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        s.find_all("[role=menu]").is_empty(),
        "Escape closes the menu"
    );
    let status = row_status(&s, "Equinor");
    assert_eq!(
        s.attribute(&status, "data-status").as_deref(),
        Some("interview"),
        "no arrow key moved the application"
    );
    assert_eq!(
        s.text(&s.by_id("applications-status")),
        "DNB moved to Offer.",
        "the last move said is still the drag's"
    );

    // Chosen on purpose: ↓ opens at Interview, ↓ Offer, Enter; then Undo.
    s.focus(&status);
    s.keys(&format!("{DOWN}{DOWN}{ENTER}"));
    s.wait_text("applications-status", "the table move said", |t| {
        t == "Equinor moved to Offer."
    });
    shot(&s, &scene, "51-table-move-with-undo");
    s.click(&s.by_id("application-undo"));
    s.wait_text("applications-status", "the undo said", |t| {
        t == "Equinor is back in Interview."
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while s
        .attribute(&row_status(&s, "Equinor"), "data-status")
        .as_deref()
        != Some("interview")
    {
        assert!(Instant::now() < deadline, "the row is back in Interview");
        std::thread::sleep(Duration::from_millis(100));
    }

    // The job link, typed without https://, opens in the browser as a web address.
    let open = s
        .find_all("[data-testid=application-open]")
        .into_iter()
        .find(|b| s.text(b).contains("Equinor"))
        .expect("Equinor's row opens");
    s.click(&open);
    s.click(&s.by_id("application-link"));
    let opened = scene.dir.path().join("opened");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&opened).is_ok_and(|o| o.contains("https://")) {
        assert!(
            Instant::now() < deadline,
            "the link was handed to the browser"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let handed = std::fs::read_to_string(&opened).expect("opened");
    assert_eq!(handed.trim(), "https://www.equinor.no/jobb/42");
    s.end();
}

/// Waits for the screen-reader announcement (visually hidden, so read from the page) to
/// begin with `start`.
fn announced(s: &Session, start: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let said = s.execute(
            "return document.querySelector('[data-testid=move-announcement]').textContent",
            vec![],
        );
        if said.as_str().is_some_and(|t| t.starts_with(start)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "announced {start:?}; it says {said}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The grip of `company`'s card in the `column` column.
fn card_grip(s: &Session, column: &str, company: &str) -> candor_tests::webdriver::Element {
    let label = format!("Move {company} ");
    s.find_all(&format!(
        "[data-testid=pipeline-{column}] [data-testid=card-grip]"
    ))
    .into_iter()
    .find(|grip| {
        s.attribute(grip, "aria-label")
            .is_some_and(|l| l.starts_with(&label))
    })
    .unwrap_or_else(|| panic!("{company}'s grip in {column}"))
}

/// The status button of `company`'s row in the table.
fn row_status(s: &Session, company: &str) -> candor_tests::webdriver::Element {
    s.find_all("[data-testid=application-row] [data-testid=status-select]")
        .into_iter()
        .find(|b| {
            s.attribute(b, "aria-label")
                .is_some_and(|l| l.contains(company))
        })
        .unwrap_or_else(|| panic!("{company}'s status button"))
}

#[test]
fn a_vault_made_in_bokmal_through_the_file_picker_starts_with_the_imports() {
    let scene = Scene::new();
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    s.by_id("start-open-other");
    choose_language(&s, "nb");
    s.click(&s.by_id("start-create"));

    // The place comes from the file picker (the e2e build answers it from a file).
    let chosen = scene.dir.path().join("mine/jobb.candor");
    std::fs::create_dir_all(chosen.parent().expect("folder")).expect("folder");
    scene.next_dialog_answer(&chosen);
    s.click(&s.by_id("create-choose"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.execute(
        "return document.querySelector('[data-testid=create-path]').value",
        vec![],
    ) != serde_json::json!(chosen.display().to_string())
    {
        assert!(
            Instant::now() < deadline,
            "the chosen place is in the field"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    s.fill("create-passphrase", PASSPHRASE);
    s.fill("create-passphrase-repeat", PASSPHRASE);
    shot(&s, &scene, "52-create-chosen-place-nb");
    s.click(&s.by_id("create-submit"));

    // The recovery code on one line, saved as an emergency sheet for its owner only.
    let code = s.wait_text("recovery-code", "the recovery code", |t| t.len() == 44);
    let sheet = scene.dir.path().join("nodark.txt");
    scene.next_dialog_answer(&sheet);
    s.click(&s.by_id("recovery-save-sheet"));
    let said = s.wait_text("recovery-sheet-saved", "where the sheet went", |t| {
        t.contains("nodark.txt")
    });
    assert!(said.contains("ikke kryptert"), "{said}");
    let text = std::fs::read_to_string(&sheet).expect("the sheet was written");
    assert!(text.lines().any(|l| l.trim() == code), "{text}");
    assert!(text.contains("IKKE kryptert"), "{text}");
    assert!(text.contains(&chosen.display().to_string()), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sheet)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read it");
    }
    shot(&s, &scene, "53-recovery-sheet-saved-nb");
    s.click(&s.by_id("recovery-saved"));
    s.click(&s.by_id("recovery-continue"));
    assert!(chosen.exists(), "the vault is where the picker said");

    // The first screen offers the imports.
    let start = s.wait_text("today-start", "the start card", |t| t.contains("LinkedIn"));
    for offered in ["Vitnemålsportalen", "JSON Resume"] {
        assert!(start.contains(offered), "{offered} in {start}");
    }
    shot(&s, &scene, "54-first-screen-imports-nb");

    // A date typed the Norwegian way is read, kept, and shown that way.
    s.click(&s.by_id("nav-applications"));
    s.click(&s.by_id("application-new"));
    s.fill("app-company", "Aker BP");
    s.fill("app-position", "Graduate");
    s.fill("app-next-step", "Intervju");
    s.fill("app-next-date", "15.12.2026");
    shot(&s, &scene, "55-date-typed-nb");
    s.click(&s.by_id("app-save"));
    let detail = s.wait_text("application-detail", "the saved application", |t| {
        t.contains("Aker BP")
    });
    assert!(detail.contains("Aker BP — Graduate"), "{detail}");
    assert!(detail.contains("15. des. 2026"), "{detail}");
    s.click(&s.by_id("application-edit"));
    let typed = s.execute(
        "return document.querySelector('[data-testid=app-next-date]').value",
        vec![],
    );
    assert_eq!(typed, serde_json::json!("15.12.2026"));
    s.end();
}
