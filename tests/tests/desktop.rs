//! The real Candor window, driven through WebDriver (tauri-driver + WebKitWebDriver), the
//! way a person uses it: create a vault, add a graded course and see the GPA, add an
//! application and move it to interview, add a document, fail to read a file, lock, fail
//! to unlock with a wrong passphrase, unlock, and find everything still there; import a
//! transcript from the diploma registry and export everything. Sharing: a seeker shares an
//! anonymous view and the employer imports it; a seeker asks for deletion from the ledger,
//! the employer answers the notice, and the seeker imports the signed receipt.
//!
//! Run by `make test-e2e` (part of `make test`), which builds the UI and an end-to-end
//! build of the app (`--features e2e`: file dialogs answer from a file) and runs this
//! under `xvfb-run` and `dbus-run-session`. Screenshots of each main screen go to
//! `target/e2e-screenshots/`.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use candor_tests::webdriver::Session;

const PASSPHRASE: &str = "gravel orbit tulip marmalade";
/// The learner's national identifier in the EMREX fixture: shown once, never stored.
const NATIONAL_ID: &str = "7566490042";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_owned()
}

struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts tauri-driver with the app's environment, and waits for it to listen.
fn start_driver(env: &[(&str, &Path)]) -> Driver {
    // A port per driver: tests of one run each start their own.
    static STARTED: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(0);
    let nth = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let port = 4444 + (std::process::id() % 500) as u16 * 2 + nth * 1000;
    let native = port + 1;
    let mut command =
        Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()));
    command
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    for (key, value) in env {
        command.env(key, value);
    }
    let child = command
        .spawn()
        .expect("tauri-driver runs (cargo install tauri-driver --locked)");
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "tauri-driver did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

fn app_binary() -> PathBuf {
    std::env::var_os("CANDOR_DESKTOP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/candor-desktop"))
}

struct Scene {
    dir: tempfile::TempDir,
    answers: PathBuf,
    shots: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().expect("temp dir");
        let answers = dir.path().join("dialog-answers");
        std::fs::write(&answers, "").expect("answers file");
        let shots = workspace().join("target/e2e-screenshots");
        Scene {
            dir,
            answers,
            shots,
        }
    }

    /// What the next file dialog answers.
    fn next_dialog_answer(&self, path: &Path) {
        std::fs::write(&self.answers, format!("{}\n", path.display())).expect("write answer");
    }

    /// What the next dialogs answer, one each, in order (an action that asks twice).
    fn next_dialog_answers(&self, paths: &[&Path]) {
        let lines: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
        std::fs::write(&self.answers, lines).expect("write answers");
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("data/vault.candor")
    }

    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("CANDOR_CONFIG_DIR", self.dir.path().join("config")),
            ("CANDOR_VAULT", self.vault()),
            ("CANDOR_E2E_DIALOG_ANSWERS", self.answers.clone()),
            ("CANDOR_E2E_OPENED", self.dir.path().join("opened")),
            ("TMPDIR", self.dir.path().to_owned()),
        ]
    }
}

/// The vault's files that exist (main, -wal, -shm) and their bytes.
fn vault_files(vault: &Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let path = PathBuf::from(format!("{}{suffix}", vault.display()));
            std::fs::read(&path)
                .ok()
                .map(|bytes| (suffix.to_string(), bytes))
        })
        .collect()
}

fn shot(s: &Session, scene: &Scene, name: &str) {
    s.screenshot(&scene.shots.join(format!("{name}.png")));
}

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
    s.select(&s.by_id("status-select"), "interview");
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

/// A seeker vault with a profile to share, and an employer vault with its key card, made
/// through the core as `candor init` and `candor employer init` would.
fn seeker_and_employer(scene: &Scene) -> (PathBuf, PathBuf, PathBuf) {
    use candor_model::{Person, Skill, Work};
    use candor_vault::bundle::CardDetails;
    use candor_vault::{KdfParams, Role, Vault};
    let passphrase = secrecy::SecretString::from(PASSPHRASE);
    let seeker_path = scene.vault();
    std::fs::create_dir_all(seeker_path.parent().expect("a folder")).expect("a folder");
    let (mut seeker, _) = Vault::create(
        &seeker_path,
        &passphrase,
        KdfParams::minimum(),
        Role::Seeker,
    )
    .expect("a seeker vault");
    seeker
        .set_person(&Person {
            name: "Kari Nordmann".into(),
            email: "kari@example.org".into(),
            label: "Backend developer".into(),
            ..Person::default()
        })
        .expect("a person");
    for name in ["Rust", "PostgreSQL"] {
        seeker
            .insert(&Skill {
                name: name.into(),
                ..Skill::default()
            })
            .expect("a skill");
    }
    seeker
        .insert(&Work {
            name: "Statnett".into(),
            position: "Developer".into(),
            industry: "Energy".into(),
            ..Work::default()
        })
        .expect("a position");
    seeker.lock();

    let employer_path = scene.dir.path().join("data/employer.candor");
    let (mut employer, _) = Vault::create(
        &employer_path,
        &passphrase,
        KdfParams::minimum(),
        Role::Employer,
    )
    .expect("an employer vault");
    let card = employer
        .employer_init(CardDetails {
            organisation: "Fjordkraft Data AS".into(),
            organisation_number: "987654321".into(),
            contact: "rekruttering@fjordkraft.example".into(),
            privacy_contact: "personvern@fjordkraft.example".into(),
            privacy_policy_url: "https://fjordkraft.example/personvern".into(),
            intake_url: None,
        })
        .expect("a key card");
    employer.lock();
    let card_path = scene.dir.path().join("fjordkraft-card.json");
    std::fs::write(&card_path, card).expect("the card file");
    (seeker_path, employer_path, card_path)
}

fn unlock(s: &Session, path: &Path) {
    s.click(&s.by_id("start-open-other"));
    s.fill("unlock-path", &path.display().to_string());
    s.fill("unlock-passphrase", PASSPHRASE);
    s.click(&s.by_id("unlock-submit"));
}

#[test]
fn a_seeker_shares_an_anonymous_view_and_the_employer_imports_it() {
    let scene = Scene::new();
    let (seeker, employer, card) = seeker_and_employer(&scene);
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
    s.wait_text("ledger-row", "the share in the ledger", |t| {
        t.contains("Fjordkraft Data AS")
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

/// The seeker and employer of `seeker_and_employer`, after the seeker shared a full view
/// with the employer and the employer imported it — through the core, as `candor share`
/// and `candor employer import` would.
fn shared_full_view(scene: &Scene) -> (PathBuf, PathBuf) {
    use candor_model::{Timestamp, ViewChoice, ViewKind};
    use candor_vault::{Existing, ShareProtection, ShareRequest, Vault};
    let (seeker_path, employer_path, card) = seeker_and_employer(scene);
    let passphrase = secrecy::SecretString::from(PASSPHRASE);
    let bundle = scene.dir.path().join("full-for-fjordkraft.candor");
    let mut seeker = Vault::open(&seeker_path, &passphrase).expect("the seeker vault opens");
    let card = std::fs::read(&card).expect("the card");
    seeker
        .add_recipient(&card, "fjordkraft-card.json")
        .expect("the employer is added");
    seeker
        .share(
            &ShareRequest {
                recipient: "Fjordkraft Data AS".into(),
                choice: ViewChoice {
                    kind: ViewKind::Full,
                    include: vec![],
                    exclude: vec![],
                },
                expires_at: None,
                purpose: "Application: backend developer".into(),
                protection: ShareProtection::ToRecipient,
                accept_warnings: true,
            },
            &bundle,
            Existing::Refuse,
        )
        .expect("a full view is shared");
    seeker.lock();
    let mut employer = Vault::open(&employer_path, &passphrase).expect("the employer vault opens");
    employer
        .import_bundle(
            std::fs::File::open(&bundle).expect("the bundle"),
            Timestamp::now(),
        )
        .expect("the employer imports it");
    employer.lock();
    (seeker_path, employer_path)
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
    let (seeker, employer) = shared_full_view(&scene);
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
