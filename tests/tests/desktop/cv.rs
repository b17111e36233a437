//! The CV screen in the real window: the pages drawn by Rust as images, a change of
//! template and of language drawing them anew (the headings the images are described by
//! turn bokmål), an anonymous CV under the organisation's pseudonym, and the PDF saved
//! through the file dialog.

use serde_json::Value;

use super::sharing::{parties, unlock, Parties};
use super::*;

/// The preview's pages as the page shows them: each image's `src` and `alt`.
fn cv_pages(s: &Session) -> Vec<(String, String)> {
    let pages = s.execute(
        "return [...document.querySelectorAll('[data-testid=\"cv-page\"]')].map((img) => [img.src, img.alt])",
        vec![],
    );
    pages
        .as_array()
        .map(|pages| {
            pages
                .iter()
                .map(|page| {
                    let part = |i: usize| page[i].as_str().unwrap_or_default().to_owned();
                    (part(0), part(1))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Waits until the preview's pages are drawn and `ok` holds for them; returns them.
fn wait_pages(
    s: &Session,
    what: &str,
    ok: impl Fn(&[(String, String)]) -> bool,
) -> Vec<(String, String)> {
    let start = Instant::now();
    loop {
        let pages = cv_pages(s);
        if !pages.is_empty() && ok(&pages) {
            return pages;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the preview shows {what}; it shows {pages:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The names of the templates the screen offers.
fn templates(s: &Session) -> Vec<String> {
    let names = s.execute(
        "return [...document.querySelector('[data-testid=\"cv-template\"]').options].map((o) => o.value)",
        vec![],
    );
    match names {
        Value::Array(names) => names
            .iter()
            .filter_map(|name| name.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn a_seeker_previews_a_cv_switches_template_and_language_and_saves_the_pdf() {
    let scene = Scene::new();
    let Parties { _dir, seeker, .. } = parties(&scene, candor_testkit::WorldBuilder::new().build());
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");
    unlock(&s, &seeker);

    // The full CV in the UI's language, its pages described by their headings.
    s.click(&s.by_id("nav-cv"));
    let english = wait_pages(&s, "the full CV in English", |pages| {
        pages[0].1.contains("Kari Nordmann") && pages[0].1.contains("Education")
    });
    for (src, alt) in &english {
        assert!(
            src.starts_with("data:image/png;base64,"),
            "a page is an image, not a PDF: {}",
            &src[..src.len().min(40)]
        );
        assert!(
            alt.starts_with("Page "),
            "each page says which it is: {alt}"
        );
    }
    shot(&s, &scene, "40-cv-preview");

    // Another template, when there is one, draws other pages.
    let offered = templates(&s);
    assert!(
        offered.iter().any(|name| name == "classic"),
        "the classic template is offered: {offered:?}"
    );
    let mut shown = english;
    if let Some(other) = offered.iter().find(|name| *name != "classic") {
        s.select(&s.by_id("cv-template"), other);
        let first = shown[0].0.clone();
        shown = wait_pages(&s, &format!("the {other} template"), |pages| {
            pages[0].0 != first
        });
        shot(&s, &scene, "41-cv-other-template");
    }

    // Bokmål: other images, and the headings they are described by in bokmål.
    s.click(&s.by_id("cv-lang-nb"));
    let first = shown[0].0.clone();
    let bokmal = wait_pages(&s, "the CV in bokmål", |pages| {
        pages[0].0 != first && pages[0].1.contains("Utdanning")
    });
    assert!(
        !bokmal[0].1.contains("Education"),
        "no English heading is left: {}",
        bokmal[0].1
    );
    shot(&s, &scene, "42-cv-bokmal");

    // Save: through the file dialog, the PDF where it said, readable by this user only.
    let pdf = scene.dir.path().join("cv.pdf");
    scene.next_dialog_answer(&pdf);
    s.click(&s.by_id("cv-save"));
    let said = s.wait_text("cv-saved", "where the CV was saved", |t| {
        t.contains("cv.pdf")
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
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("Kari Nordmann"), "the CV names Kari: {text}");
        assert!(text.contains("Utdanning"), "in bokmål: {text}");
    }
    shot(&s, &scene, "43-cv-saved");

    // Anonymous: signed with the pseudonym the organisation knows, and not with the name.
    s.click(&s.by_id("cv-view-anonymous"));
    wait_pages(&s, "the anonymous CV", |pages| {
        !pages[0].1.contains("Kari Nordmann")
    });
    let signed = s.wait_text("cv-signed-as", "the pseudonym", |t| !t.contains("Kari"));
    assert!(
        !signed.trim().is_empty(),
        "the anonymous CV is signed: {signed}"
    );
    shot(&s, &scene, "44-cv-anonymous");
    s.end();
}
