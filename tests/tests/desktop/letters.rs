//! A cover letter in the real window: written in an application's panel, kept with it,
//! and saved as PDF through the file dialog, addressed from the application and signed
//! with the seeker's name.

use candor_model::{Application, Timestamp};

use super::sharing::{parties, unlock, Parties};
use super::*;

#[test]
fn a_seeker_writes_a_cover_letter_for_an_application_and_saves_it_as_pdf() {
    let scene = Scene::new();
    let mut world = candor_testkit::WorldBuilder::new().build();
    let mut application = Application::new("Aker BP", "Graduate engineer", Timestamp::now());
    application.contact = Some("Ola Berg".into());
    world
        .seeker
        .insert(&application)
        .expect("the application is stored");
    let Parties { _dir, seeker, .. } = parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);

    s.click(&s.by_id("nav-applications"));
    s.click(&s.by_id("application-open"));
    let text = s.by_id("letter-text");
    // WebDriver's Enter key (U+E007) makes a new line in the text area.
    let letter = "I have followed Aker BP for years and would like to **join** you.\n\nI bring:\n- databases\n- Rust";
    s.type_text(&text, &letter.replace('\n', "\u{E007}"));
    s.click(&s.by_id("letter-save"));
    s.wait_text("letter-status", "the letter saved", |t| {
        t.contains("saved with the application")
    });
    shot(&s, &scene, "45-cover-letter");

    let pdf = scene.dir.path().join("cover-letter.pdf");
    scene.next_dialog_answer(&pdf);
    s.click(&s.by_id("letter-pdf"));
    let said = s.wait_text("letter-status", "where the letter was saved", |t| {
        t.contains("cover-letter.pdf")
    });
    assert!(said.contains("not encrypted"), "it says so: {said}");
    let bytes = std::fs::read(&pdf).expect("the PDF was written where the dialog said");
    assert!(bytes.starts_with(b"%PDF-"), "the file is a PDF");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read it");
    }
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "Kari Nordmann",
        "Ola Berg",
        "Aker BP",
        "Application for the position of Graduate engineer",
        "Dear Ola Berg,",
        "would like to join you.",
        "databases",
        "Yours sincerely,",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} in the letter:\n{text}"
        );
    }
    assert!(
        !text.contains("**"),
        "the marks became bold, not text:\n{text}"
    );
    s.end();
}
