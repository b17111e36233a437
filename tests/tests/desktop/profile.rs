//! A seeker's own data: building a profile, locking, finding it all again.

use super::*;

#[test]
fn a_seeker_builds_a_profile_locks_and_finds_everything_again() {
    let scene = Scene::new();
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());
    let s = Session::start(&driver.url, &app).expect("the app starts under WebDriver");

    // Create a vault.
    s.click(&s.by_id("start-create"));
    s.fill("create-path", &scene.vault().display().to_string());
    s.fill("create-passphrase", PASSPHRASE);
    s.fill("create-passphrase-repeat", PASSPHRASE);
    s.wait_text("strength", "a strength verdict", |t| !t.trim().is_empty());
    shot(&s, &scene, "01-create-vault");
    s.click(&s.by_id("create-submit"));
    let code = s.wait_text("recovery-code", "the recovery code", |t| {
        t.split('-').count() == 9
    });
    assert_eq!(code.trim().len(), 44, "nine groups of four: {code}");
    shot(&s, &scene, "02-recovery-code");
    s.click(&s.by_id("recovery-saved"));
    s.click(&s.by_id("recovery-continue"));
    assert!(scene.vault().exists(), "the vault file was created");

    // Profile: a course with a grade, and the GPA.
    s.click(&s.by_id("nav-profile"));
    s.fill("person-name", "Kari Nordmann");
    s.click(&s.by_id("education-add"));
    s.fill("education-institution-0", "Universitetet i Oslo");
    s.click(&s.by_id("course-add-0"));
    s.fill("course-title-0-0", "Introduction to programming");
    s.fill("course-code-0-0", "IN1000");
    s.fill("course-credits-0-0", "10");
    s.select(&s.by_id("course-scheme-0-0"), "ects");
    s.fill("course-grade-0-0", "B");
    s.wait_text("gpa-0", "the GPA 4.00 (B)", |t| t.contains("4.00 (B)"));
    s.click(&s.by_id("profile-save"));
    s.by_id("profile-saved");
    shot(&s, &scene, "03-profile");

    // A validation error shows at its field, and nothing is stored.
    s.fill("course-credits-0-0", "-5");
    s.click(&s.by_id("profile-save"));
    s.wait_text("field-error", "the credits problem at its field", |t| {
        !t.trim().is_empty()
    });
    shot(&s, &scene, "04-validation-error");
    s.fill("course-credits-0-0", "10");

    // Applications: add one and move it to interview.
    s.click(&s.by_id("nav-applications"));
    s.click(&s.by_id("application-new"));
    s.fill("app-company", "Equinor");
    s.fill("app-position", "Graduate engineer");
    s.fill("app-next-step", "Send portfolio");
    s.fill("app-next-date", "2020-01-15");
    s.click(&s.by_id("app-save"));
    let row = s.by_id("application-row");
    assert!(s.text(&row).contains("Equinor"));
    s.click(&s.by_id("status-select"));
    s.click(&s.by_id("status-option-interview"));
    s.wait_text("application-row", "the interview status", |t| {
        t.to_lowercase().contains("interview")
    });
    s.by_id("overdue");
    shot(&s, &scene, "05-applications-table");
    s.click(&s.by_id("view-pipeline"));
    s.wait_text(
        "pipeline-interview",
        "the card in the interview column",
        |t| t.contains("Equinor"),
    );
    shot(&s, &scene, "06-applications-pipeline");

    // Documents: add one through the dialog seam; then a file that cannot be read.
    s.click(&s.by_id("nav-documents"));
    let cv = scene.dir.path().join("cv.pdf");
    std::fs::write(&cv, b"%PDF-1.7\n% Kari Nordmann's CV\n").expect("cv");
    scene.next_dialog_answer(&cv);
    s.select(&s.by_id("document-kind"), "cv");
    s.click(&s.by_id("document-add"));
    s.wait_text("document-row", "the added document", |t| {
        t.contains("cv.pdf")
    });
    scene.next_dialog_answer(&scene.dir.path().join("missing.pdf"));
    s.click(&s.by_id("document-add"));
    s.wait_text("error", "the failed file read", |t| {
        t.contains("missing.pdf")
    });
    assert_eq!(
        s.find_all("[data-testid=\"document-row\"]").len(),
        1,
        "a failed read adds nothing"
    );
    shot(&s, &scene, "07-documents");

    // Import a transcript from the diploma registry: preview (with whose it is), confirm.
    let transcript =
        workspace().join("src-tauri/crates/candor-formats/tests/fixtures/emrex/nor-emrex-1.0.xml");
    s.click(&s.by_id("nav-import"));
    s.select(&s.by_id("import-format"), "emrex");
    scene.next_dialog_answer(&transcript);
    s.click(&s.by_id("import-choose"));
    s.wait_text("import-learner", "the learner shown once", |t| {
        t.contains(NATIONAL_ID)
    });
    s.wait_text("import-preview", "what the import adds", |t| {
        t.contains('6')
    });
    shot(&s, &scene, "08-import-preview");
    s.click(&s.by_id("import-confirm"));
    s.by_id("import-done");
    assert!(
        s.find_all("[data-testid=\"import-learner\"]").is_empty(),
        "the learner is shown once, then gone"
    );
    s.click(&s.by_id("nav-profile"));
    s.wait_text("gpa-1", "the transcript's GPA", |t| t.contains("4.17 (B)"));

    // Settings: export everything (Art. 20) through the save dialog.
    s.click(&s.by_id("nav-settings"));
    s.by_id("language-select");
    let export = scene.dir.path().join("export.zip");
    scene.next_dialog_answer(&export);
    s.click(&s.by_id("export-all"));
    s.by_id("export-done");
    assert!(
        export.exists(),
        "the export was written where the dialog said"
    );
    shot(&s, &scene, "09-settings");

    // Lock; a wrong passphrase is refused with a clear message and changes nothing.
    s.click(&s.by_id("lock-button"));
    s.by_id("unlock-passphrase");
    // Locking closed the database (its write-ahead log is folded in on close): the
    // files as they are now are what a failed unlock must leave alone.
    let before = vault_files(&scene.vault());
    s.fill("unlock-passphrase", "not the passphrase");
    s.click(&s.by_id("unlock-submit"));
    let message = s.wait_text("error", "the wrong-passphrase message", |t| {
        t.to_lowercase().contains("passphrase")
    });
    assert!(message.to_lowercase().contains("wrong"), "{message}");
    shot(&s, &scene, "10-unlock-wrong-passphrase");
    for (name, bytes) in vault_files(&scene.vault()) {
        assert!(
            !bytes
                .windows(NATIONAL_ID.len())
                .any(|w| w == NATIONAL_ID.as_bytes()),
            "the transcript's national id must not be stored (vault{name})"
        );
    }
    assert!(
        vault_files(&scene.vault()) == before,
        "a failed unlock changes no vault file"
    );

    // Unlock and find everything.
    s.fill("unlock-passphrase", PASSPHRASE);
    s.click(&s.by_id("unlock-submit"));
    s.click(&s.by_id("nav-profile"));
    s.wait_text("gpa-0", "the GPA after unlocking", |t| {
        t.contains("4.00 (B)")
    });
    s.click(&s.by_id("nav-applications"));
    s.wait_text("pipeline-interview", "the card after unlocking", |t| {
        t.contains("Equinor")
    });
    s.click(&s.by_id("view-table"));
    s.wait_text("application-row", "the application after unlocking", |t| {
        t.contains("Equinor") && t.to_lowercase().contains("interview")
    });
    s.click(&s.by_id("nav-documents"));
    s.wait_text("document-row", "the document after unlocking", |t| {
        t.contains("cv.pdf")
    });
    s.end();
}
