//! Sharing from the command line: an employer makes a key card, a seeker adds it (from a
//! file and from a URL), shares anonymous and full views, checks them, and the employer
//! imports them and lists its candidates.

mod common;

#[path = "../../candor-formats/tests/support/pdf.rs"]
mod pdf_files;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::{assert_refused, succeeded, Sandbox, EMPLOYER_INIT, UNLOCK};

struct Parties {
    seeker: Sandbox,
    employer: std::path::PathBuf,
}

fn parties() -> Parties {
    let (seeker, _) = Sandbox::with_vault();
    let employer = seeker.path("employer.candor");
    succeeded(&seeker.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    seeker.ok(&["skill", "add", "Rust"]);
    let profile = r#"{"person": {"name": "Kari Nordmann", "email": "kari@example.org",
        "label": "Backend developer", "summary": "Kari likes databases."},
        "work": [{"name": "Statnett", "position": "Developer", "industry": "Energy"}]}"#;
    succeeded(&seeker.set_profile(profile));
    Parties { seeker, employer }
}

impl Parties {
    fn employer(&self, args: &[&str]) -> String {
        succeeded(&self.seeker.run_on(&self.employer, args, &UNLOCK, None))
    }
}

/// Serves `body` to one request on a loopback port; returns the URL.
fn serve_once(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = listener.local_addr().expect("an address").port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/.well-known/candor-card.json")
}

#[test]
fn a_seeker_shares_and_an_employer_imports_from_the_command_line() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());

    let added = p.seeker.json(&["recipient", "add", &card_file]);
    let fingerprint = added["fingerprint"]
        .as_str()
        .expect("a fingerprint")
        .to_owned();
    assert_eq!(fingerprint.len(), 24);
    let shown = p.seeker.ok(&["recipient", "show", "fjordkraft data as"]);
    assert!(
        shown.contains(&format!("Fingerprint:     {fingerprint}")),
        "{shown}"
    );

    let preview = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--preview",
    ]);
    assert!(
        preview.starts_with("An anonymous view for Fjordkraft Data AS, signed as Candidate "),
        "{preview}"
    );
    assert!(
        preview.contains("\nRemoved from person.summary: name \"Kari\"\n"),
        "{preview}"
    );
    assert!(
        preview.contains("\"summary\": \"[removed] likes databases.\""),
        "{preview}"
    );
    assert!(!preview.contains("kari@example.org"), "{preview}");

    let shared = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--purpose",
        "Backend developer",
        "--out",
        "anonymous.candor",
    ]);
    assert!(
        shared
            .starts_with("Wrote an anonymous bundle for Fjordkraft Data AS to anonymous.candor ("),
        "{shared}"
    );
    assert!(
        shared.contains(&format!(
            "Only Fjordkraft Data AS (fingerprint {fingerprint}) can open it.\n"
        )),
        "{shared}"
    );
    p.seeker.ok(&[
        "share",
        "--to",
        &fingerprint,
        "--view",
        "full",
        "--expires",
        "30d",
        "--out",
        "full.candor",
    ]);

    let verified = p.seeker.ok(&["verify", "full.candor"]);
    assert!(
        verified.starts_with("Valid: the signature and all 3 entries check out.\n"),
        "{verified}"
    );
    assert!(
        verified.contains("For:         Fjordkraft Data AS"),
        "{verified}"
    );

    let ledger = p.seeker.ok(&["ledger"]);
    assert_eq!(ledger.lines().count(), 3, "{ledger}");
    let holdings = p.seeker.ok(&["ledger", "--to", "Fjordkraft Data AS"]);
    assert!(holdings.contains("  person.email\n"), "{holdings}");
    assert!(!holdings.contains("kari@example.org"), "{holdings}");

    let imported = p.employer(&["employer", "import", "anonymous.candor", "full.candor"]);
    assert!(
        imported.starts_with("anonymous.candor: imported an anonymous profile from Candidate "),
        "{imported}"
    );
    assert!(
        imported.contains("full.candor: imported a full profile from Kari Nordmann"),
        "{imported}"
    );
    let candidates = p.employer(&["employer", "candidates"]);
    assert_eq!(candidates.lines().count(), 3, "{candidates}");
    assert!(
        candidates
            .starts_with("ID                NAME                 VIEW       BUNDLES  DELETE BY\n"),
        "{candidates}"
    );
    assert!(
        candidates
            .lines()
            .any(|line| line.contains("Kari Nordmann") && line.contains("  full  ")),
        "{candidates}"
    );

    let shown = p.employer(&[
        "employer",
        "show",
        "Kari Nordmann",
        "--entry",
        "profile.html",
        "--out",
        "kari.html",
    ]);
    assert_eq!(shown, "Wrote profile.html to kari.html.\n");
    let html = std::fs::read_to_string(p.seeker.path("kari.html")).expect("written");
    assert!(html.contains("Kari Nordmann"));
}

#[test]
fn a_key_card_is_fetched_from_a_url() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let url = serve_once(card);
    let added = p.seeker.json(&["recipient", "add", &url]);
    assert_eq!(added["organisation"], "Fjordkraft Data AS");
    assert_eq!(added["source"], url.as_str());
}

#[test]
fn a_forged_key_card_is_refused() {
    let p = parties();
    let card = p
        .employer(&["employer", "card"])
        .replace("personvern@", "phish@");
    let file = p.seeker.file("forged.json", card.as_bytes());
    assert_refused(
        &p.seeker.run(&["recipient", "add", &file], &UNLOCK, None),
        "the key card's signature does not verify: the card was edited or forged; ask the \
         organisation for its card again and compare the fingerprint",
    );
}

#[test]
fn the_employer_exports_an_identity_that_age_can_use() {
    let p = parties();
    p.employer(&["employer", "export-identity", "--out", "employer.key"]);
    let key = std::fs::read_to_string(p.seeker.path("employer.key")).expect("written");
    assert!(key.starts_with("AGE-SECRET-KEY-1"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(p.seeker.path("employer.key"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "b.candor",
    ]);
    let out = std::process::Command::new("age")
        .args(["-d", "-i", "employer.key", "-o", "b.zip", "b.candor"])
        .current_dir(p.seeker.path(""))
        .output()
        .expect("age runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(p.seeker.path("b.zip"))
        .expect("decrypted")
        .starts_with(b"PK"));
}

#[test]
fn an_expiry_in_the_past_is_refused() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    assert_refused(
        &p.seeker.run(
            &[
                "share",
                "--to",
                "Fjordkraft Data AS",
                "--view",
                "full",
                "--expires",
                "2001-01-01",
                "--out",
                "x.candor",
            ],
            &UNLOCK,
            None,
        ),
        "--expires \"2001-01-01\" is in the past; a share must expire in the future",
    );
}

#[test]
fn a_reveal_joins_the_pseudonym_to_the_seeker_at_the_employer() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--out",
        "a.candor",
    ]);
    let revealed = p
        .seeker
        .ok(&["reveal", "--to", "Fjordkraft Data AS", "--out", "r.candor"]);
    assert!(
        revealed
            .starts_with("Wrote a reveal for Fjordkraft Data AS to r.candor: it links Candidate "),
        "{revealed}"
    );
    p.employer(&["employer", "import", "a.candor", "r.candor"]);
    let candidates = p.employer(&["--json", "employer", "candidates"]);
    let candidates: serde_json::Value = serde_json::from_str(&candidates).expect("json");
    assert_eq!(candidates.as_array().map(Vec::len), Some(1));
    assert_eq!(candidates[0]["name"], "Kari Nordmann");
    assert_eq!(candidates[0]["bundles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_deletion_request_travels_as_files_and_the_seeker_sees_it_confirmed() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "full.candor",
    ]);
    p.employer(&["employer", "import", "full.candor"]);

    let sent = p.seeker.ok(&[
        "request",
        "deletion",
        "--to",
        "Fjordkraft Data AS",
        "--out",
        "delete.candor",
    ]);
    assert!(
        sent.starts_with("Wrote a signed deletion-request to delete.candor about 1 bundle(s)"),
        "{sent}"
    );
    assert!(sent.contains("GDPR Art. 17"), "{sent}");
    assert!(
        sent.contains("\nmailto:personvern@fjordkraft.example?subject=Request%20for%20erasure%20%2F%20Krav%20om%20sletting%20%28ref.%20"),
        "{sent}"
    );
    let listed = p.seeker.ok(&["requests"]);
    assert!(
        listed.lines().nth(1).is_some_and(|l| l.ends_with("sent")),
        "{listed}"
    );

    let answered = p.employer(&["employer", "import", "delete.candor"]);
    assert!(
        answered.starts_with("delete.candor: a deletion-request from Kari Nordmann: deleted 1 bundle(s); they will be refused if sent again. Send the signed answer back: delete.candor.answer.candor"),
        "{answered}"
    );
    assert!(p
        .employer(&["employer", "candidates"])
        .starts_with("No candidates yet"));
    assert!(p
        .employer(&["employer", "notices"])
        .contains("deletion-request"));

    let confirmed = p
        .seeker
        .ok(&["receipt", "import", "delete.candor.answer.candor"]);
    assert!(
        confirmed.starts_with(
            "Deletion confirmed: Fjordkraft Data AS signed that it deleted 1 bundle(s) on "
        ),
        "{confirmed}"
    );
    assert!(
        confirmed.contains("refuse them if they are sent again"),
        "{confirmed}"
    );

    // The original file, still in a download folder, is imported again: refused, and the
    // employer's vault files are byte for byte as they were.
    let files = || {
        ["", "-wal"].map(|suffix| {
            std::fs::read(format!("{}{suffix}", p.employer.display())).unwrap_or_default()
        })
    };
    let before = files();
    let again = p.seeker.run_on(
        &p.employer,
        &["employer", "import", "full.candor"],
        &UNLOCK,
        None,
    );
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("this bundle was deleted on ")
            && said.contains(" at the candidate's request; it cannot be imported again"),
        "{said}"
    );
    assert!(
        files() == before,
        "the refusal changed the employer's vault"
    );
    assert!(p
        .employer(&["employer", "candidates"])
        .starts_with("No candidates yet"));
    let listed = p.seeker.ok(&["requests"]);
    assert!(
        listed
            .lines()
            .nth(1)
            .is_some_and(|l| l.ends_with("deletion confirmed")),
        "{listed}"
    );
}

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
fn an_employer_invites_a_pseudonym_and_the_seeker_reads_it_in_the_inbox() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--out",
        "a.candor",
    ]);
    p.employer(&["employer", "import", "a.candor"]);
    let candidates: serde_json::Value =
        serde_json::from_str(&p.employer(&["--json", "employer", "candidates"])).expect("json");
    let pseudonym = candidates[0]["name"].as_str().expect("a name").to_owned();
    let invited = p.employer(&[
        "invite",
        &pseudonym,
        "--message",
        "Can we talk on Tuesday?",
        "--out",
        "invite.candor",
    ]);
    assert_eq!(
        invited,
        format!("Wrote an invitation to {pseudonym} to invite.candor; only the candidate can open it.\n")
    );
    let inbox = p.seeker.ok(&["inbox", "--import", "invite.candor"]);
    assert!(
        inbox.starts_with(&format!(
            "Fjordkraft Data AS invited {pseudonym}: Can we talk on Tuesday?\n"
        )),
        "{inbox}"
    );
}

#[test]
fn a_correction_replaces_a_share_at_the_employer() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    let shared: serde_json::Value = serde_json::from_str(&p.seeker.ok(&[
        "--json",
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "f.candor",
    ]))
    .expect("json");
    let bundle = shared["entry"]["bundleId"]
        .as_str()
        .expect("an id")
        .to_owned();
    p.employer(&["employer", "import", "f.candor"]);
    let corrected = p.seeker.ok(&[
        "correct",
        &bundle,
        "--exclude",
        "skills",
        "--out",
        "c.candor",
    ]);
    assert_eq!(
        corrected,
        format!("Wrote a correction for Fjordkraft Data AS to c.candor: it replaces bundle {bundle} when imported.\n")
    );
    p.employer(&["employer", "import", "c.candor"]);
    let candidates: serde_json::Value =
        serde_json::from_str(&p.employer(&["--json", "employer", "candidates"])).expect("json");
    assert_eq!(candidates[0]["bundles"].as_array().map(Vec::len), Some(1));
    assert!(candidates[0]["profile"]["skills"].is_null());
}

#[test]
fn an_anonymous_preview_says_which_name_each_attachment_gets_and_what_was_removed() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    let cv = p.seeker.file("Kari_Nordmann_CV.pdf", &pdf_files::cv());
    let id = p.seeker.add(&["doc", "add", &cv, "--kind", "cv"]);
    let preview = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--include",
        // Shortened, as ids are everywhere.
        &format!("documents[{}]", &id[..4]),
        "--preview",
    ]);
    assert!(
        preview.ends_with(
            "attachments/cv-1.pdf (\u{201c}Kari_Nordmann_CV.pdf\u{201d}, written anew without: \
             Author \u{201c}Kari Nordmann\u{201d}, Title \u{201c}CV - Kari Nordmann\u{201d}, \
             Creator \u{201c}Writer\u{201d}, XMP metadata, a program's private data)\n"
        ),
        "{preview}"
    );
}
