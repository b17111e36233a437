//! The real `candor employer serve` under abuse and over time: slow clients do not keep a
//! candidate's bundle out, a bundle whose expiry passes while the server runs is deleted
//! without reopening the vault, remote clients get short reasons (and the log ids, never
//! names), and plain HTTP beyond loopback is refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use candor_model::Timestamp;
use common::{assert_refused, json_of, succeeded, Sandbox, EMPLOYER_INIT, PASSPHRASE, UNLOCK};

/// A seeker who shared a full view, expiring in 30 days, with an employer; the employer's
/// vault and the bundle.
fn shared_bundle(seeker: &Sandbox) -> (PathBuf, Vec<u8>) {
    let employer = seeker.path("employer.candor");
    succeeded(&seeker.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    let profile = r#"{"person": {"name": "Kari Nordmann", "email": "kari@example.org"}}"#;
    succeeded(&seeker.set_profile(profile));
    let card = succeeded(&seeker.run_on(&employer, &["employer", "card"], &UNLOCK, None));
    let card_file = seeker.file("card.json", card.as_bytes());
    seeker.ok(&["recipient", "add", &card_file]);
    seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--expires",
        "30d",
        "--out",
        "full.candor",
    ]);
    let bundle = std::fs::read(seeker.path("full.candor")).expect("the bundle");
    (employer, bundle)
}

/// `candor --json employer serve` on a free loopback port, its stderr lines sent to the
/// returned channel as they come.
struct Server {
    child: Child,
    stdout: BufReader<ChildStdout>,
    url: String,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
}

fn start(sandbox: &Sandbox, vault: &Path, args: &[&str], envs: &[(&str, &str)]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("CANDOR_") {
            command.env_remove(key);
        }
    }
    let mut child = command
        .arg("--vault")
        .arg(vault)
        .args(["--json", "employer", "serve", "--listen", "127.0.0.1:0"])
        .args(args)
        .env("CANDOR_PASSPHRASE", PASSPHRASE)
        .envs(envs.iter().copied())
        .current_dir(sandbox.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let (log_tx, log) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = log_tx.send(line);
        }
    });
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("the server says where it listens");
    let url = json_of(&first)["listening"]
        .as_str()
        .unwrap_or_else(|| panic!("the first line says where: {first}"))
        .to_owned();
    let addr = url
        .trim_start_matches("http://")
        .trim_end_matches("/intake")
        .parse()
        .expect("an address");
    Server {
        child,
        stdout,
        url,
        addr,
        log,
    }
}

impl Server {
    /// Waits for a log line containing `text` (the server's own timeouts are short; this
    /// only keeps a broken test from hanging); returns every line seen until then.
    fn wait_for(&self, text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.log.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    let found = line.contains(text);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => panic!("the server never logged {text:?}; it logged {seen:?}"),
            }
        }
    }

    /// Stops the server with SIGTERM; returns its last line (the counts) and the rest of
    /// its log.
    fn stop(mut self) -> (serde_json::Value, Vec<String>) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let mut said = String::new();
        let _ = self.stdout.read_to_string(&mut said);
        assert!(
            self.child.wait().expect("the server exits").success(),
            "the server stops cleanly"
        );
        let log = self.log.try_iter().collect();
        (json_of(said.trim()), log)
    }
}

#[test]
fn a_bundle_whose_expiry_passes_while_the_server_runs_is_deleted_without_reopening() {
    let (seeker, _) = Sandbox::with_vault();
    let (employer, bundle) = shared_bundle(&seeker);
    let clock = seeker.path("clock.txt");
    std::fs::write(&clock, Timestamp::now().to_string()).expect("the clock is set");
    let clock_env = clock.to_str().expect("a UTF-8 path");
    let server = start(
        &seeker,
        &employer,
        &["--purge-every", "1"],
        &[("CANDOR_TEST_CLOCK_FILE", clock_env)],
    );

    let filed: serde_json::Value = serde_json::from_slice(
        &candor_net::post(&server.url, &bundle).expect("the bundle is filed"),
    )
    .expect("a JSON summary");
    let bundle_id = filed["bundleId"].as_str().expect("a bundle id").to_owned();
    let candidate = filed["candidate"]
        .as_str()
        .expect("a candidate id")
        .to_owned();
    let filing = server.wait_for("filed bundle");
    assert_eq!(
        filing.last().map(String::as_str),
        Some(format!("filed bundle {bundle_id} from candidate {candidate}").as_str()),
        "the log names the bundle and the candidate by id"
    );

    // 40 days on: past the 30 days the bundle was shared for.
    let later = time::OffsetDateTime::now_utc() + time::Duration::days(40);
    let later = Timestamp::try_from(later).expect("a time");
    std::fs::write(&clock, later.to_string()).expect("the clock moves on");
    server.wait_for("purged 1 expired bundle(s)");
    let (_, log) = server.stop();
    assert!(
        !filing.iter().chain(&log).any(|line| line.contains("Kari")),
        "the log never names the seeker: {filing:?} {log:?}"
    );

    // Opening the vault purges what has expired by the real clock, which this bundle has
    // not: it is gone because the running server deleted it.
    let candidates = json_of(&succeeded(&seeker.run_on(
        &employer,
        &["--json", "employer", "candidates"],
        &UNLOCK,
        None,
    )));
    assert_eq!(candidates, serde_json::json!([]), "no candidate is left");
}

/// Sends a request head declaring `length` bytes, then a byte every 200 ms until the server
/// closes the connection; returns a reader of it.
fn trickle(to: SocketAddr, length: usize) -> TcpStream {
    let mut stream = TcpStream::connect(to).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("a read timeout");
    let head =
        format!("POST /intake HTTP/1.1\r\nhost: candor.test\r\ncontent-length: {length}\r\n\r\nx");
    stream.write_all(head.as_bytes()).expect("the head is sent");
    let reader = stream.try_clone().expect("a second handle");
    std::thread::spawn(move || {
        for _ in 1..length {
            std::thread::sleep(Duration::from_millis(200));
            if stream.write_all(b"x").is_err() {
                return;
            }
        }
    });
    reader
}

/// Whether the server closed the connection (an end or a reset) before the read timeout.
fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn slow_clients_do_not_keep_a_bundle_out_and_are_cut() {
    let (seeker, _) = Sandbox::with_vault();
    let (employer, bundle) = shared_bundle(&seeker);
    // Memory for two bodies of 1 MB: two slow clients take it, seven more queue for it.
    let server = start(
        &seeker,
        &employer,
        &[
            "--max-body",
            "1000000",
            "--max-buffered",
            "2000000",
            "--header-timeout",
            "2",
            "--body-grace",
            "1",
            "--min-rate",
            "100",
            "--slot-wait",
            "1",
        ],
        &[],
    );
    let slow: Vec<TcpStream> = (0..9).map(|_| trickle(server.addr, 1_000_000)).collect();
    std::thread::sleep(Duration::from_millis(300));

    let filed = candor_net::post(&server.url, &bundle).expect("the bundle is filed");
    assert!(
        String::from_utf8_lossy(&filed).contains("\"bundleId\""),
        "a summary of the filed bundle"
    );
    let cut = slow
        .into_iter()
        .filter(|s| closed_by_server(&mut s.try_clone().expect("a handle")))
        .count();
    assert_eq!(cut, 9, "every slow connection is closed by the server");

    let garbage = candor_net::post(&server.url, b"%PDF-1.7 not a bundle").expect_err("refused");
    assert_eq!(
        garbage.to_string(),
        format!(
            "{} refused the request (not-a-bundle): this is not a Candor bundle",
            server.url
        ),
        "a short reason with a stable code"
    );
    server.wait_for("refused a request (not-a-bundle)");

    let (counts, _) = server.stop();
    assert_eq!(counts["handled"], 2, "the bundle and the garbage: {counts}");
    let turned_away =
        counts["busy"].as_u64().unwrap_or(0) + counts["timedOut"].as_u64().unwrap_or(0);
    assert!(
        turned_away >= 9,
        "each slow client was told the server is busy or cut for slowness: {counts}"
    );
}

#[test]
fn plain_http_beyond_loopback_is_refused() {
    let (seeker, _) = Sandbox::with_vault();
    let employer = seeker.path("employer.candor");
    succeeded(&seeker.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    let out = seeker.run_on(
        &employer,
        &["employer", "serve", "--listen", "0.0.0.0:8450"],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "0.0.0.0:8450 can be reached from other machines, and the intake server speaks plain \
         HTTP; listen on 127.0.0.1 behind a TLS reverse proxy (see the README), or pass \
         --insecure-plain-http",
    );
}
