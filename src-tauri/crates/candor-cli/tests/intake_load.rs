//! The intake server under a bounded load from this (second) process on loopback: 20
//! candidates post their bundles (1 MB of attachments each), then their deletion notices
//! over and over, 1,000 posts in all from 20 concurrent clients, faster than the rate limit
//! allows. No notice is lost, every deletion is answered (the same answer each time), and
//! the server's resident memory stays within its idle size plus 20 times the largest body.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use candor_model::{DocumentKind, Skill, Timestamp, ViewChoice, ViewKind};
use candor_vault::bundle::RequestKind;
use candor_vault::{Existing, NewDocument, SeekerVault, ShareProtection, ShareRequest};
use common::{succeeded, Sandbox, EMPLOYER_INIT, PASSPHRASE, UNLOCK};

const CLIENTS: usize = 20;
const POSTS: usize = 1_000;
const ATTACHMENT: usize = 1 << 20;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The server's resident set, from /proc.
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// A seeker who shared a full view with 1 MB attached, and wrote a deletion notice for it.
struct Candidate {
    bundle: Vec<u8>,
    notice: Vec<u8>,
    vault: PathBuf,
}

fn candidate(dir: &Path, i: usize, card: &[u8]) -> Candidate {
    let path = dir.join(format!("seeker-{i}.candor"));
    let mut vault = candor_testkit::seeker_vault(&path);
    vault
        .set_person(&candor_testkit::person_named(&format!("Candidate Number {i}")).build())
        .expect("a person");
    vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("a skill");
    let content: Vec<u8> = (0..ATTACHMENT).map(|b| (b * 31 + i) as u8).collect();
    let document = vault
        .add_document(
            NewDocument {
                kind: DocumentKind::Cv,
                file_name: "cv.pdf".into(),
                media_type: "application/pdf".into(),
                note: None,
            },
            content.as_slice(),
        )
        .expect("a document");
    vault
        .add_recipient(card, "card.json")
        .expect("the employer");
    let bundle = dir.join(format!("bundle-{i}.candor"));
    vault
        .share(
            &ShareRequest {
                recipient: "Fjordkraft Data AS".into(),
                choice: ViewChoice {
                    kind: ViewKind::Full,
                    include: vec![format!("documents[{}]", document.id)],
                    exclude: vec![],
                },
                expires_at: None,
                purpose: String::new(),
                protection: ShareProtection::ToRecipient,
                accept_warnings: false,
                made: candor_vault::MadeForShare::nothing(),
            },
            &bundle,
            Existing::Refuse,
        )
        .expect("shares");
    let notice = dir.join(format!("notice-{i}.candor"));
    vault
        .request(
            RequestKind::Deletion,
            "Fjordkraft Data AS",
            ViewKind::Full,
            &notice,
            Existing::Refuse,
            Timestamp::now(),
        )
        .expect("a notice");
    vault.lock();
    Candidate {
        bundle: std::fs::read(&bundle).expect("the bundle"),
        notice: std::fs::read(&notice).expect("the notice"),
        vault: path,
    }
}

fn start_server(
    sandbox: &Sandbox,
    vault: &Path,
    port: u16,
    extra: &[&str],
) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_candor"))
        .arg("--vault")
        .arg(vault)
        .args([
            "employer",
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--burst",
            "5",
            "--rate",
            "40",
            // All 20 clients are one address here: the per-client limit is the global one.
            "--peer-burst",
            "1000",
            "--peer-rate",
            "1000",
            "--max-body",
            &(4 * ATTACHMENT).to_string(),
            // Bodies in hand at once: 4 MiB, three of the 1 MB bundles (with the one being
            // filed), so that the 20 clients' bodies do not all sit in memory together.
            "--max-buffered",
            &(4 * ATTACHMENT).to_string(),
        ])
        .args(extra)
        .env("CANDOR_PASSPHRASE", PASSPHRASE)
        .current_dir(sandbox.path(""))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("the server says where it listens");
    assert!(first.starts_with("Listening on "), "{first}");
    (child, stdout)
}

#[test]
fn a_thousand_posts_from_twenty_clients_lose_nothing_and_stay_within_memory() {
    let sandbox = Sandbox::new();
    let port = free_port();
    let employer = sandbox.path("employer.candor");
    succeeded(&sandbox.run_on(
        &employer,
        &[
            "employer",
            "init",
            "--organisation",
            "Fjordkraft Data AS",
            "--number",
            "987654321",
            "--contact",
            "jobb@fjordkraft.example",
            "--privacy-contact",
            "personvern@fjordkraft.example",
            "--privacy-policy",
            "https://fjordkraft.example/personvern",
            "--kdf-memory",
            "19",
            "--kdf-iterations",
            "2",
            "--kdf-parallelism",
            "1",
            &format!("--intake-url=http://127.0.0.1:{port}/intake"),
        ],
        &UNLOCK,
        None,
    ));
    let card = succeeded(&sandbox.run_on(&employer, &["employer", "card"], &UNLOCK, None));
    let mut candidates: Vec<Candidate> = (0..=CLIENTS)
        .map(|i| candidate(&sandbox.path(""), i, card.as_bytes()))
        .collect();
    // One more candidate warms the server up: "idle" is a server that has filed a bundle and
    // answered a notice, and now waits.
    let warm_up = candidates.pop().expect("the extra candidate");
    let largest = candidates
        .iter()
        .map(|c| c.bundle.len().max(c.notice.len()))
        .max()
        .expect("candidates") as u64;

    let (mut server, mut stdout) = start_server(&sandbox, &employer, port, &[]);
    let pid = server.id();
    let url = format!("http://127.0.0.1:{port}/intake");
    candor_net::post(&url, &warm_up.bundle).expect("the warm-up bundle is filed");
    candor_net::post(&url, &warm_up.notice).expect("the warm-up notice is answered");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let idle = rss_kib(pid);

    let running = Arc::new(AtomicBool::new(true));
    let peak = Arc::new(AtomicU64::new(idle));
    let sampler = {
        let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(pid), Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        })
    };
    let per_client = POSTS / CLIENTS;
    let clients: Vec<_> = candidates
        .iter()
        .map(|c| {
            let (url, bundle, notice) = (url.clone(), c.bundle.clone(), c.notice.clone());
            std::thread::spawn(move || {
                candor_net::post(&url, &bundle).expect("the bundle is filed");
                let answers: Vec<Vec<u8>> = (1..per_client)
                    .map(|_| candor_net::post(&url, &notice).expect("the notice is answered"))
                    .collect();
                answers
            })
        })
        .collect();
    let answers: Vec<Vec<Vec<u8>>> = clients
        .into_iter()
        .map(|c| c.join().expect("a client"))
        .collect();
    running.store(false, Ordering::Relaxed);
    sampler.join().expect("the sampler");

    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let mut said = String::new();
    let _ = stdout.read_to_string(&mut said);
    assert!(server.wait().expect("the server exits").success());
    let handled: u64 = said
        .split('(')
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the server reports what it handled");
    assert_eq!(handled, POSTS as u64 + 2, "every post handled once: {said}");
    assert!(
        !said.contains(" 0 asked to come back later"),
        "the load went over the rate limit: {said}"
    );

    // Every notice answered, always with the same signed answer; every deletion confirmed.
    for (candidate, answers) in candidates.iter().zip(&answers) {
        assert_eq!(answers.len(), per_client - 1);
        assert!(
            answers.windows(2).all(|w| w[0] == w[1]),
            "the same answer each time"
        );
        let mut vault =
            SeekerVault::open(&candidate.vault, &candor_testkit::passphrase()).expect("opens");
        let row = vault
            .import_answer(std::io::Cursor::new(answers[0].clone()), Timestamp::now())
            .expect("the answer verifies");
        assert_eq!(
            row.answer.map(|a| a.outcome),
            Some(candor_vault::bundle::OutcomeKind::Deleted)
        );
    }
    let left = succeeded(&sandbox.run_on(&employer, &["employer", "candidates"], &UNLOCK, None));
    assert!(left.starts_with("No candidates yet"), "{left}");

    let peak = peak.load(Ordering::Relaxed);
    let budget = idle + 20 * largest / 1024;
    println!(
        "server RSS: idle {idle} KiB, peak {peak} KiB, budget {budget} KiB (largest body {largest} B)"
    );
    assert!(
        peak <= budget,
        "peak {peak} KiB over idle {idle} KiB + 20 × {largest} B"
    );
}

/// One POST on a new connection, without the client's waiting and retrying: the status and
/// the refusal's code. Told to slow down by the rate limit, it waits and tries again.
fn post_once(port: u16, body: &[u8]) -> (u16, String) {
    loop {
        let (status, answer) = post_raw(port, body);
        let code = answer
            .split("\"code\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        if code == "rate-limited" {
            std::thread::sleep(std::time::Duration::from_millis(200));
            continue;
        }
        return (status, code);
    }
}

fn post_raw(port: u16, body: &[u8]) -> (u16, String) {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let head = format!(
        "POST /intake HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/octet-stream\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("sends the head");
    stream.write_all(body).expect("sends the body");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|status| status.parse().ok())
        .expect("a status line");
    (status, answer)
}

#[test]
fn access_requests_past_the_quota_are_refused_and_the_servers_memory_stays_flat() {
    const REQUESTS: usize = 40;
    let sandbox = Sandbox::new();
    let port = free_port();
    let employer = sandbox.path("employer.candor");
    succeeded(&sandbox.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    let card = succeeded(&sandbox.run_on(&employer, &["employer", "card"], &UNLOCK, None));
    let seeker = candidate(&sandbox.path(""), 0, card.as_bytes());
    // Fresh request ids, as an abuser would make them, each asking for the 1 MB share.
    let mut vault = SeekerVault::open(&seeker.vault, &candor_testkit::passphrase()).expect("opens");
    let notices: Vec<Vec<u8>> = (0..REQUESTS)
        .map(|i| {
            let out = sandbox.path(&format!("access-{i}.candor"));
            vault
                .request(
                    RequestKind::Access,
                    "Fjordkraft Data AS",
                    ViewKind::Full,
                    &out,
                    Existing::Refuse,
                    Timestamp::now(),
                )
                .expect("a notice");
            std::fs::read(&out).expect("the notice")
        })
        .collect();
    vault.lock();

    let (mut server, mut stdout) =
        start_server(&sandbox, &employer, port, &["--access-per-candidate", "3"]);
    let pid = server.id();
    assert_eq!(post_once(port, &seeker.bundle).0, 201, "the share is filed");
    assert_eq!(post_once(port, &notices[0]).0, 200, "the first is answered");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let idle = rss_kib(pid);
    let mut peak = idle;
    let mut statuses = vec![(200, String::new())];
    for notice in &notices[1..] {
        statuses.push(post_once(port, notice));
        peak = peak.max(rss_kib(pid));
    }
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let mut said = String::new();
    let _ = stdout.read_to_string(&mut said);
    assert!(server.wait().expect("the server exits").success());

    assert_eq!(
        statuses.iter().filter(|(s, _)| *s == 200).count(),
        3,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|(s, code)| *s == 429 && code == "access-quota")
            .count(),
        REQUESTS - 3,
        "{statuses:?}"
    );
    let export = seeker.bundle.len() as u64;
    let budget = idle + 4 * export / 1024;
    println!("server RSS: idle {idle} KiB, peak {peak} KiB, budget {budget} KiB");
    assert!(
        peak <= budget,
        "peak {peak} KiB over idle {idle} KiB + 4 exports of {export} B"
    );
    let notices_answered =
        succeeded(&sandbox.run_on(&employer, &["--json", "employer", "notices"], &UNLOCK, None));
    let answered: serde_json::Value = serde_json::from_str(&notices_answered).expect("json");
    assert_eq!(
        answered.as_array().map(Vec::len),
        Some(3),
        "refused requests leave nothing stored"
    );
}
