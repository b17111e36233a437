//! A process writing to the vault is killed with SIGKILL at random moments. After every
//! kill the vault opens, SQLite's integrity check passes, the authenticated index verifies
//! (opening checks it), and every write the child reported as committed is there.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use candor_model::{Application, Document};
use candor_tests::TEST_PASSPHRASE;
use candor_vault::{KdfParams, SecretString, SeekerVault};
use rand::Rng;

const KILLS: usize = 25;

#[test]
fn killing_a_writer_at_random_moments_never_loses_a_committed_write_or_corrupts_the_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crash.candor");
    let passphrase = SecretString::from(TEST_PASSPHRASE);
    SeekerVault::create(&path, &passphrase, KdfParams::minimum())
        .expect("create")
        .0
        .lock();

    let mut committed = BTreeSet::new();
    let mut next = 0u64;
    let mut rng = rand::thread_rng();
    for round in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
            .arg(&path)
            .arg(next.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("committed ")
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    let _ = tx.send(n);
                }
            }
        });
        // Wait until it is writing, then let it run a random while before the kill.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the writer commits within a minute");
        committed.insert(first);
        std::thread::sleep(Duration::from_millis(rng.gen_range(0..40)));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        reader.join().expect("reader thread");
        committed.extend(rx.try_iter());
        next = committed.last().map_or(0, |n| n + 1);

        let vault = SeekerVault::open(&path, &passphrase)
            .unwrap_or_else(|e| panic!("round {round}: the vault must open after a kill: {e}"));
        vault
            .check_integrity()
            .unwrap_or_else(|e| panic!("round {round}: integrity check: {e}"));
        let present: BTreeSet<u64> = vault
            .list::<Application>()
            .expect("applications decrypt")
            .into_iter()
            .filter_map(|e| {
                e.value
                    .company
                    .strip_prefix("Company ")
                    .and_then(|n| n.parse().ok())
            })
            .collect();
        let lost: Vec<_> = committed.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "round {round}: committed writes lost: {lost:?}"
        );
        for doc in vault.list::<Document>().expect("documents") {
            let mut sink = Vec::new();
            vault.read_document(&doc.id, &mut sink).unwrap_or_else(|e| {
                panic!("round {round}: a committed document must read back whole: {e}")
            });
            assert_eq!(sink.len() as u64, doc.value.size);
        }
        vault.lock();
    }
    assert!(
        committed.len() >= KILLS,
        "every round committed at least once"
    );
}
