//! Start-up time and memory of the desktop app, beside a bare Tauri window measured the
//! same way in the same run (see BENCHMARKS.md).
//!
//! usage (under a display, e.g. `make bench-desktop`):
//!   desktop-bench APP BARE [RUNS]
//!
//! 1. Start-up: launch → the page's `ready` call, as seen by this process on the app's
//!    stdout (`CANDOR_REPORT_READY=1`), median of RUNS launches (default 10), each binary.
//! 2. Memory: the proportional set size (PSS) of every process of the app — the app, and
//!    WebKit's web and network processes — with a vault of 10,000 applications and a full
//!    profile unlocked and the applications table rendered, read after 5 s of idle. The bare
//!    window is read the same way after its page is ready. Both run under tauri-driver, so
//!    both carry the same automation overhead.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use candor_tests::webdriver::Session;
use candor_vault::{KdfParams, SecretString, SeekerVault};

const PASSPHRASE: &str = "gravel orbit tulip marmalade";

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Milliseconds from spawn to the `candor-ready` line.
fn time_to_ready(binary: &Path, config: &Path) -> f64 {
    let start = Instant::now();
    let mut child = Command::new(binary)
        .env("CANDOR_REPORT_READY", "1")
        .env("CANDOR_CONFIG_DIR", config)
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut elapsed = None;
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if line.starts_with("candor-ready") {
            elapsed = Some(start.elapsed().as_secs_f64() * 1000.0);
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    elapsed.unwrap_or_else(|| panic!("{} never reported ready", binary.display()))
}

fn big_vault(path: &Path) {
    let (mut vault, _) =
        SeekerVault::create(path, &SecretString::from(PASSPHRASE), KdfParams::default())
            .expect("create");
    candor_vault::bench::populate_large(&mut vault).expect("populate");
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: the fields after it start after the last ')'.
    stat.rsplit_once(") ")?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The process running `binary` and all its descendants.
fn process_tree(binary: &Path) -> Vec<u32> {
    let all = pids();
    let root = all
        .iter()
        .copied()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .unwrap_or_else(|| panic!("no process runs {}", binary.display()));
    let mut tree = vec![root];
    let mut grew = true;
    while grew {
        grew = false;
        for pid in &all {
            if !tree.contains(pid) && parent_of(*pid).is_some_and(|p| tree.contains(&p)) {
                tree.push(*pid);
                grew = true;
            }
        }
    }
    tree
}

/// Sum of Pss over the processes, in MiB, with their names.
fn pss_mib(pids: &[u32]) -> (f64, Vec<String>) {
    let mut kib = 0u64;
    let mut names = Vec::new();
    for pid in pids {
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let pss: u64 = rollup
            .lines()
            .find_map(|l| l.strip_prefix("Pss:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        kib += pss;
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        names.push(format!("{}={:.1}MiB", name.trim(), pss as f64 / 1024.0));
    }
    (kib as f64 / 1024.0, names)
}

fn start_driver(port: u16, env: &[(&str, &Path)]) -> std::process::Child {
    let mut command = Command::new("tauri-driver");
    command
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &(port + 1000).to_string(),
        ])
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let child = command.spawn().expect("tauri-driver runs");
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "tauri-driver listens"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    child
}

fn main() {
    let mut args = std::env::args().skip(1);
    let app = PathBuf::from(args.next().expect("usage: desktop-bench APP BARE [RUNS]"));
    let bare = PathBuf::from(args.next().expect("usage: desktop-bench APP BARE [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let app = app.canonicalize().expect("app path");
    let bare = bare.canonicalize().expect("bare path");
    let dir = tempfile::tempdir().expect("temp dir");

    let mut app_ms = Vec::new();
    let mut bare_ms = Vec::new();
    for i in 0..runs {
        // Alternate, so drift on a shared machine hits both alike.
        app_ms.push(time_to_ready(
            &app,
            &dir.path().join(format!("config-app-{i}")),
        ));
        bare_ms.push(time_to_ready(
            &bare,
            &dir.path().join(format!("config-bare-{i}")),
        ));
    }
    let (app_ready, bare_ready) = (median(app_ms.clone()), median(bare_ms.clone()));
    println!("start-up, launch → ready, median of {runs}:");
    println!("  candor-desktop     {app_ready:7.0} ms   (all: {app_ms:.0?})");
    println!("  bare Tauri window  {bare_ready:7.0} ms   (all: {bare_ms:.0?})");
    println!("  ratio              {:7.2}", app_ready / bare_ready);

    let vault = dir.path().join("big.candor");
    big_vault(&vault);
    let config = dir.path().join("config-mem");
    // As if the person had opened this vault before: the start screen offers it.
    std::fs::create_dir_all(&config).expect("config dir");
    let prefs = serde_json::json!({ "language": "en", "autoLockMinutes": 0, "recent": [vault] });
    std::fs::write(config.join("prefs.json"), prefs.to_string()).expect("prefs");

    // The app: unlock, show the applications, idle 5 s, read PSS.
    let mut driver = start_driver(
        4771,
        &[("CANDOR_VAULT", &vault), ("CANDOR_CONFIG_DIR", &config)],
    );
    let s = Session::start("http://127.0.0.1:4771", &app).expect("app session");
    s.click(&s.by_id("start-open-last"));
    s.fill("unlock-passphrase", PASSPHRASE);
    s.click(&s.by_id("unlock-submit"));
    s.click(&s.by_id("nav-applications"));
    s.wait_for(
        "[data-testid=\"application-row\"]",
        Duration::from_secs(120),
    );
    let rows = s.find_all("[data-testid=\"application-row\"]").len();
    std::thread::sleep(Duration::from_secs(5));
    let (app_mib, app_parts) = pss_mib(&process_tree(&app));
    s.end();
    let _ = driver.kill();
    let _ = driver.wait();

    // The bare window, the same way.
    let mut driver = start_driver(4772, &[("CANDOR_CONFIG_DIR", &config)]);
    let s = Session::start("http://127.0.0.1:4772", &bare).expect("bare session");
    std::thread::sleep(Duration::from_secs(5));
    let (bare_mib, bare_parts) = pss_mib(&process_tree(&bare));
    s.end();
    let _ = driver.kill();
    let _ = driver.wait();

    println!("memory (PSS of every process), after 5 s idle:");
    println!("  candor-desktop, 10,000 applications, table rendered ({rows} rows in the DOM): {app_mib:.1} MiB  {app_parts:?}");
    println!("  bare Tauri window, empty page: {bare_mib:.1} MiB  {bare_parts:?}");
    println!("  difference {:.1} MiB", app_mib - bare_mib);
}
