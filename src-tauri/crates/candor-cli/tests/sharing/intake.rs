//! The employer's intake server: requests posted over HTTP and exports in parts.

use super::*;

/// A free loopback port (bound, then released for the server to take).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `candor employer serve` running on `vault`: stopped with SIGTERM by [`Server::stop`],
/// killed when dropped (a failed test leaves no server behind).
struct Server {
    child: std::process::Child,
    stdout: std::io::BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(p: &Parties, vault: &std::path::Path, port: u16, extra: &[&str]) -> Server {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_candor"))
            .arg("--vault")
            .arg(vault)
            .args([
                "employer",
                "serve",
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .args(extra)
            .env("CANDOR_PASSPHRASE", common::PASSPHRASE)
            .current_dir(p.seeker.path(""))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        stdout
            .read_line(&mut first)
            .expect("the server says where it listens");
        assert_eq!(
            first.trim(),
            format!("Listening on http://127.0.0.1:{port}/intake (Ctrl-C to stop)")
        );
        Server { child, stdout }
    }

    /// SIGTERM; the exit status and what the server said last.
    fn stop(&mut self) -> (std::process::ExitStatus, String) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let mut rest = String::new();
        let _ = self.stdout.read_to_string(&mut rest);
        (self.child.wait().expect("the server exits"), rest)
    }
}

/// A second employer vault whose card names an intake URL on a free port, known to the
/// seeker; returns the port and the vault.
fn employer_with_intake(p: &Parties) -> (u16, std::path::PathBuf) {
    let port = free_port();
    let employer = p.seeker.path("intake.candor");
    let mut init: Vec<String> = EMPLOYER_INIT.iter().map(|s| s.to_string()).collect();
    init.retain(|a| !a.starts_with("--intake-url"));
    init.push(format!("--intake-url=http://127.0.0.1:{port}/intake"));
    let init: Vec<&str> = init.iter().map(String::as_str).collect();
    succeeded(&p.seeker.run_on(&employer, &init, &UNLOCK, None));
    let card = succeeded(
        &p.seeker
            .run_on(&employer, &["employer", "card"], &UNLOCK, None),
    );
    let card_file = p.seeker.file("intake-card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    (port, employer)
}

#[test]
fn a_large_access_export_over_http_arrives_in_every_part() {
    let p = parties();
    let (port, employer) = employer_with_intake(&p);
    for i in 0..2 {
        let file = p
            .seeker
            .file(&format!("portfolio-{i}.bin"), &vec![i as u8; 200 * 1024]);
        let id = p.seeker.add(&["doc", "add", &file]);
        let out = format!("share-{i}.candor");
        p.seeker.ok(&[
            "share",
            "--to",
            "Fjordkraft Data AS",
            "--view",
            "full",
            "--include",
            &format!("documents[{id}]"),
            "--out",
            &out,
        ]);
        succeeded(
            &p.seeker
                .run_on(&employer, &["employer", "import", &out], &UNLOCK, None),
        );
    }
    let mut server = Server::start(&p, &employer, port, &["--export-part", "300000"]);
    let sent = p.seeker.ok(&[
        "request",
        "access",
        "--to",
        "Fjordkraft Data AS",
        "--out",
        "access.candor",
        "--send",
    ]);
    assert!(
        sent.contains("Fjordkraft Data AS answered (exported)"),
        "{sent}"
    );
    for part in [
        "access.candor.answer.candor",
        "access.candor.answer-2.candor",
    ] {
        assert!(p.seeker.path(part).exists(), "{part}: {sent}");
    }
    assert!(!p.seeker.path("access.candor.answer-3.candor").exists());
    let listed = p.seeker.ok(&["requests"]);
    assert!(
        listed.lines().nth(1).is_some_and(|l| !l.ends_with("sent")),
        "answered once both parts are in: {listed}"
    );
    let (status, _) = server.stop();
    assert!(status.success());
}

#[test]
fn deletion_requests_posted_to_the_intake_server_are_confirmed_for_both_views() {
    let p = parties();
    let (port, employer) = employer_with_intake(&p);
    for view in ["full", "anonymous"] {
        let out = format!("{view}.candor");
        p.seeker.ok(&[
            "share",
            "--to",
            "Fjordkraft Data AS",
            "--view",
            view,
            "--out",
            &out,
        ]);
        succeeded(
            &p.seeker
                .run_on(&employer, &["employer", "import", &out], &UNLOCK, None),
        );
    }

    let mut server = Server::start(&p, &employer, port, &[]);
    let url = format!("http://127.0.0.1:{port}/intake");
    let refused = candor_net::post(&url, b"%PDF-1.7 not a bundle").expect_err("refused");
    assert_eq!(
        refused.to_string(),
        format!("{url} refused the request (not-a-bundle): this is not a Candor bundle")
    );
    for view in ["full", "anonymous"] {
        let out = format!("delete-{view}.candor");
        let sent = p.seeker.ok(&[
            "request",
            "deletion",
            "--to",
            "Fjordkraft Data AS",
            "--view",
            view,
            "--out",
            &out,
            "--send",
        ]);
        assert!(
            sent.contains(&format!(
                "Posted to http://127.0.0.1:{port}/intake; Fjordkraft Data AS answered (deleted)"
            )),
            "{sent}"
        );
    }
    let listed = p.seeker.ok(&["requests"]);
    assert_eq!(
        listed
            .lines()
            .filter(|l| l.ends_with("deletion confirmed"))
            .count(),
        2,
        "{listed}"
    );
    // The deleted bundles posted again, as a proxy log might replay them: refused.
    for view in ["full", "anonymous"] {
        let bundle = std::fs::read(p.seeker.path(&format!("{view}.candor"))).expect("the bundle");
        let refused = candor_net::post(&url, &bundle).expect_err("refused");
        assert_eq!(
            refused.to_string(),
            format!(
                "{url} refused the request (deleted-on-request): this bundle was deleted at the \
                 candidate's request and cannot be sent again"
            )
        );
    }
    let (status, said) = server.stop();
    assert!(status.success(), "a clean shutdown on SIGTERM: {status}");
    assert!(
        said.starts_with("Stopped; every request accepted was answered (5 handled, "),
        "{said}"
    );
    let candidates =
        succeeded(
            &p.seeker
                .run_on(&employer, &["employer", "candidates"], &UNLOCK, None),
        );
    assert!(candidates.starts_with("No candidates yet"), "{candidates}");
}

#[test]
fn a_share_sent_to_the_intake_server_is_filed_there() {
    let p = parties();
    let (port, employer) = employer_with_intake(&p);
    let mut server = Server::start(&p, &employer, port, &[]);
    let sent = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--purpose",
        "Backend developer",
        "--out",
        "sent.candor",
        "--send",
    ]);
    assert!(
        sent.ends_with(&format!(
            "Sent to Fjordkraft Data AS at http://127.0.0.1:{port}/intake; they filed it.\n"
        )),
        "{sent}"
    );
    assert!(p.seeker.path("sent.candor").exists(), "the file stays");
    let (status, said) = server.stop();
    assert!(status.success(), "{said}");
    let candidates = succeeded(&p.seeker.run_on(
        &employer,
        &["--json", "employer", "candidates"],
        &UNLOCK,
        None,
    ));
    let candidates: serde_json::Value = serde_json::from_str(&candidates).expect("json");
    assert_eq!(candidates[0]["name"], "Kari Nordmann");
    assert_eq!(candidates[0]["bundles"].as_array().map(Vec::len), Some(1));
}
