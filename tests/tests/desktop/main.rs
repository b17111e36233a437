//! The real Candor window, driven through WebDriver (tauri-driver + WebKitWebDriver), the
//! way a person uses it: create a vault, add a graded course and see the GPA, add an
//! application and move it to interview, add a document, fail to read a file, lock, fail
//! to unlock with a wrong passphrase, unlock, and find everything still there; import a
//! transcript from the diploma registry and export everything. Sharing: a seeker shares an
//! anonymous view and the employer imports it; a seeker asks for deletion from the ledger,
//! the employer answers the notice, and the seeker imports the signed receipt. Sharing in
//! people's words: the candidate page, a share and a deletion request sent to the
//! employer's intake server, the ledger item by item, each walked in a pseudo-locale and
//! in bokmål. The CV: its pages previewed as images, a change of template and language,
//! and the PDF saved.
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

mod access;
mod cv;
mod daily;
mod letters;
mod profile;
mod sharing;
mod today;
mod walk;
mod words;

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
            // The page's own storage (the pseudo-locale's switch) stays in the scene.
            ("XDG_DATA_HOME", self.dir.path().join("xdg-data")),
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
