//! Sharing in human terms, in the real window: an employer's candidate page with the GPA
//! and an attachment; a seeker who shares a second time with the same employer, sends it
//! to the employer's intake server on loopback, sees both shares with their purposes and
//! what the employer holds item by item, then sends a deletion request the server answers
//! and sees the deletion confirmed. Each screen is walked in the pseudo-locale (no text
//! outside the catalogue but the person's data) and in bokmål (no English), with
//! screenshots in both languages.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;

use super::walk::*;
use super::*;

/// `candor employer serve` on a loopback port, stopped when dropped.
struct Intake {
    child: Child,
}

impl Drop for Intake {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn cli_binary() -> PathBuf {
    std::env::var_os("CANDOR_CLI_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/candor"))
}

/// A loopback port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Runs the employer's intake server on `port` over the vault at `vault`, and waits for it
/// to say it listens.
fn serve(vault: &Path, port: u16) -> Intake {
    let cli = cli_binary();
    assert!(cli.exists(), "build the CLI first: {}", cli.display());
    let mut child = Command::new(cli)
        .arg("--vault")
        .arg(vault)
        .args(["--json", "employer", "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("CANDOR_PASSPHRASE", candor_testkit::PASSPHRASE)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the intake server starts");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("the server says where it listens");
    assert!(first.contains("listening"), "{first}");
    Intake { child }
}

/// The seeker's data the screens show, for the pseudo-locale walk to allow.
fn shown_data(w: &candor_testkit::World, scene: &Scene) -> Vec<String> {
    // The paths of the vaults and files, which the screens name.
    let mut values = vec![
        scene.dir.path().display().to_string(),
        w.dir.path().display().to_string(),
        "seeker.candor".to_owned(),
        "employer.candor".to_owned(),
    ];
    let profile = serde_json::to_value(w.seeker.profile().expect("the profile")).expect("json");
    collect_strings(&profile, &mut values);
    let recipient = w
        .seeker
        .recipient(candor_testkit::ORGANISATION)
        .expect("the recipient");
    let card = serde_json::to_value(&recipient).expect("json");
    collect_strings(&card, &mut values);
    values.extend(
        [
            "cv-kari.pdf",
            "Backend developer",
            "Data engineer",
            "Fjordkraft_Data_AS",
            "candorbundle",
        ]
        .map(str::to_owned),
    );
    values
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Paths and ids people must never see.
fn assert_no_internals(what: &str, text: &str) {
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let hex = word.len() >= 16 && word.chars().all(|c| c.is_ascii_hexdigit());
        assert!(!hex, "{what} shows an id: {word}\n{text}");
    }
    let path = text.split_whitespace().find(|w| {
        let bracket = w.find('[').is_some_and(|i| i > 0 && w[i..].contains(']'));
        let dotted = w.split('.').filter(|p| !p.is_empty()).count() >= 3
            && w.chars().all(|c| c.is_alphanumeric() || c == '.');
        bracket || dotted
    });
    assert!(path.is_none(), "{what} shows a path: {path:?}\n{text}");
}

#[test]
fn a_seeker_and_an_employer_read_sharing_in_their_own_words() {
    let scene = Scene::new();
    let port = free_port();
    let mut world = candor_testkit::WorldBuilder::new()
        .courses(12)
        .intake_url(&format!("http://127.0.0.1:{port}/intake"))
        .build();
    let allowed = data_words(&shown_data(&world, &scene));
    let english = english_phrases();
    // The first share, made through the core: the full view with the CV.
    let cv = world
        .seeker
        .list::<candor_model::Document>()
        .expect("documents")
        .remove(0);
    sharing::share_full_view(
        &mut world,
        &scene,
        vec![format!("documents[{}]", cv.id)],
        "Backend developer",
    );
    let sharing::Parties {
        _dir,
        seeker,
        employer,
        ..
    } = sharing::parties(&scene, world);
    let env = scene.env();
    let env_refs: Vec<(&str, &Path)> = env.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let driver = start_driver(&env_refs);
    let app = app_binary();
    assert!(app.exists(), "build the e2e app first: {}", app.display());

    // The employer's candidate page: the GPA, and the CV to save.
    let s = Session::start(&driver.url, &app).expect("the app starts");
    sharing::unlock(&s, &employer);
    s.click(&s.by_id("nav-inbox"));
    s.click(&s.wait_for(
        "[data-testid^=\"candidate-\"].link",
        Duration::from_secs(20),
    ));
    s.wait_text("candidate-gpa-0", "the GPA", |t| {
        t.starts_with("Grade point average: ")
    });
    s.wait_text("attachment-name", "the CV", |t| t.ends_with("cv-kari.pdf"));
    let saved = scene.dir.path().join("saved-cv.pdf");
    scene.next_dialog_answer(&saved);
    s.click(&s.by_id("attachment-save"));
    s.wait_text("candidate-status", "where the CV went", |t| {
        t.contains("saved-cv.pdf")
    });
    assert_eq!(
        std::fs::read(&saved).expect("the saved CV"),
        b"%PDF-1.7 Kari's CV",
        "the attachment is saved decrypted, byte for byte"
    );
    assert_no_internals("the candidate page", &visible_text(&s));
    shot(&s, &scene, "20-employer-candidate-en");
    employer_walks(&s, &employer, &allowed, &english, &scene);
    s.end();

    // The seeker shares again, through the wizard, and sends it to the intake server.
    let intake = serve(&employer, port);
    let s = Session::start(&driver.url, &app).expect("the app starts again");
    sharing::unlock(&s, &seeker);
    s.click(&s.by_id("nav-share"));
    s.click(&s.by_id("recipient-Fjordkraft Data AS"));
    s.click(&s.by_id("share-next"));
    s.click(&s.by_id("view-full"));
    s.click(&s.by_id("share-next"));
    s.click(&s.by_id("share-next"));
    let frame = s.wait_for(
        "[data-testid=\"share-preview-page\"]",
        Duration::from_secs(20),
    );
    let page = s.frame_text(&frame);
    assert!(
        page.contains("Kari Nordmann") && page.contains("Universitetet i Oslo"),
        "the preview is the page the employer opens: {page}"
    );
    s.click(&s.by_id("share-next"));
    s.fill("share-purpose", "Data engineer");
    let second = scene.dir.path().join("second.candorbundle");
    scene.next_dialog_answer(&second);
    s.click(&s.by_id("share-save"));
    s.by_id("share-saved");
    s.click(&s.by_id("share-send"));
    s.wait_text("share-sent", "the intake's answer", |t| {
        t.contains("Fjordkraft Data AS")
    });
    shot(&s, &scene, "21-share-sent-en");

    // Both shares, each with its purpose; what Fjordkraft holds, item by item.
    s.click(&s.by_id("nav-ledger"));
    s.wait_text("ledger-purpose", "the second share's purpose", |t| {
        t == "Data engineer"
    });
    let purposes: Vec<String> = s
        .find_all("[data-testid=\"ledger-purpose\"]")
        .iter()
        .map(|el| s.text(el))
        .collect();
    assert_eq!(purposes, ["Data engineer", "Backend developer"]);
    s.click(&s.by_id("ledger-organisation"));
    let held = s.wait_text("held", "what Fjordkraft holds", |t| {
        t.contains("12 courses with grades")
    });
    assert!(
        held.contains("Education — Universitetet i Oslo, Bachelor, Informatikk"),
        "{held}"
    );
    assert!(held.contains("CV (PDF, 18 B)"), "{held}");
    assert_no_internals("the ledger", &visible_text(&s));
    shot(&s, &scene, "22-ledger-holdings-en");

    // The deletion request goes to the intake too, and its signed answer is taken in.
    s.click(&s.by_id("request-deletion"));
    s.by_id("request-sent");
    s.click(&s.by_id("request-send"));
    s.wait_text("request-answered", "the signed answer", |t| {
        t.starts_with("Deletion confirmed: Fjordkraft Data AS signed")
    });
    s.wait_text("ledger-status", "the shares, deletion confirmed", |t| {
        t == "Deletion confirmed"
    });
    let states: Vec<String> = s
        .find_all("[data-testid=\"ledger-status\"]")
        .iter()
        .map(|el| s.text(el))
        .collect();
    assert_eq!(states, ["Deletion confirmed", "Deletion confirmed"]);
    s.wait_text("ledger-status-detail", "the receipt's date", |t| {
        t.starts_with("on ")
    });
    shot(&s, &scene, "23-deletion-confirmed-en");
    drop(intake);
    seeker_walks(&s, &seeker, &allowed, &english, &scene);
    s.end();
}

/// The employer's inbox, candidate page and settings in the pseudo-locale and in bokmål.
fn employer_walks(
    s: &Session,
    vault: &Path,
    allowed: &[String],
    english: &[String],
    scene: &Scene,
) {
    let open_candidate = |s: &Session| {
        s.click(&s.by_id("nav-inbox"));
        s.click(&s.wait_for(
            "[data-testid^=\"candidate-\"].link",
            Duration::from_secs(20),
        ));
        s.by_id("candidate-gpa-0");
    };
    s.click(&s.by_id("lock-button"));
    set_pseudo_locale(s, true);
    sharing::unlock(s, vault);
    open_candidate(s);
    assert_all_marked(s, "the inbox and candidate page", allowed);
    s.click(&s.by_id("nav-settings"));
    s.by_id("settings-organisation");
    assert_all_marked(s, "the employer's settings", allowed);
    s.click(&s.by_id("lock-button"));
    set_pseudo_locale(s, false);

    choose_language(s, "nb");
    sharing::unlock(s, vault);
    open_candidate(s);
    assert_no_english(s, "the inbox and candidate page", english);
    shot(s, scene, "20-employer-candidate-nb");
    s.click(&s.by_id("nav-settings"));
    s.by_id("settings-organisation");
    assert_no_english(s, "the employer's settings", english);
    shot(s, scene, "24-employer-settings-nb");
    s.click(&s.by_id("lock-button"));
    choose_language(s, "en");
}

/// The seeker's share wizard preview and ledger in the pseudo-locale and in bokmål.
fn seeker_walks(s: &Session, vault: &Path, allowed: &[String], english: &[String], scene: &Scene) {
    let preview = |s: &Session| {
        s.click(&s.by_id("nav-share"));
        s.click(&s.by_id("recipient-Fjordkraft Data AS"));
        s.click(&s.by_id("share-next"));
        s.click(&s.by_id("view-anonymous"));
        s.click(&s.by_id("share-next"));
        s.click(&s.by_id("share-next"));
        s.by_id("share-preview-page");
    };
    let ledger = |s: &Session| {
        s.click(&s.by_id("nav-ledger"));
        s.click(&s.by_id("ledger-organisation"));
        s.by_id("request-actions");
    };
    s.click(&s.by_id("lock-button"));
    set_pseudo_locale(s, true);
    sharing::unlock(s, vault);
    preview(s);
    assert_all_marked(s, "the share preview", allowed);
    ledger(s);
    assert_all_marked(s, "the ledger", allowed);
    s.click(&s.by_id("lock-button"));
    set_pseudo_locale(s, false);

    choose_language(s, "nb");
    sharing::unlock(s, vault);
    preview(s);
    assert_no_english(s, "the share preview", english);
    shot(s, scene, "11-share-preview-nb");
    ledger(s);
    assert_no_english(s, "the ledger", english);
    shot(s, scene, "23-deletion-confirmed-nb");
    s.click(&s.by_id("lock-button"));
    choose_language(s, "en");
}
