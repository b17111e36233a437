//! Re-keying a large vault, beside a plain backup of the same vault in the same run.
//!
//! cargo bench -p candor-vault --bench rekey
//!
//! The vault: 10,000 applications with notes and a full profile (`bench::populate_large`),
//! and 100 MB of documents (ten incompressible files of 10 MB). Each operation runs three
//! times; the median is reported. A re-key's last cost is SQLite copying its write-ahead
//! log back into the vault file (the checkpoint, at the next write or when the vault
//! closes), so it is measured with that checkpoint included, and apart.
//!
//! Without `--bench` (as `cargo test --all-targets` runs it) it does everything once, with
//! one small document and the same 10,000 applications, to show that it works.

use std::path::Path;
use std::time::{Duration, Instant};

use candor_model::DocumentKind;
use candor_vault::{KdfParams, NewDocument, SecretString, SeekerVault};

const PASSPHRASE: &str = "correct horse battery staple";

fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Copies the write-ahead log back into the vault file and empties it.
fn checkpoint(path: &Path) {
    rusqlite::Connection::open(path)
        .and_then(|c| c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))
        .expect("checkpoint");
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("rekey: benchmark");
        return;
    }
    // 10 documents of 10 MB, three runs each; once with one small document otherwise.
    let (documents, document_bytes, runs) = if std::env::args().any(|a| a == "--bench") {
        (10, 10_000_000, 3)
    } else {
        (1, 100_000, 1)
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.candor");
    let passphrase = SecretString::from(PASSPHRASE);
    let (mut vault, _) =
        SeekerVault::create(&path, &passphrase, KdfParams::minimum()).expect("create");
    candor_vault::bench::populate_large(&mut vault).expect("populate");
    for i in 0..documents {
        vault
            .add_document(
                NewDocument {
                    kind: DocumentKind::Other,
                    file_name: format!("document-{i}.pdf"),
                    media_type: "application/pdf".into(),
                    note: None,
                },
                &noise(i as u64 + 1, document_bytes)[..],
            )
            .expect("document");
    }
    checkpoint(&path);
    let size = std::fs::metadata(&path).expect("size").len();

    let mut backup = Vec::new();
    let mut copy = Vec::new();
    let mut rekey = Vec::new();
    let mut rekey_checkpointed = Vec::new();
    for run in 0..runs {
        let dest = dir.path().join(format!("backup-{run}.candor"));
        let started = Instant::now();
        vault.backup(&dest).expect("backup");
        backup.push(started.elapsed());
        std::fs::remove_file(&dest).expect("remove backup");

        let dest = dir.path().join(format!("copy-{run}.candor"));
        let started = Instant::now();
        std::fs::copy(&path, &dest).expect("copy");
        rusqlite::Connection::open(&dest)
            .and_then(|c| c.query_row("PRAGMA quick_check", [], |_| Ok(())))
            .ok();
        copy.push(started.elapsed());
        std::fs::remove_file(&dest).expect("remove copy");

        let started = Instant::now();
        vault.rekey(&passphrase).expect("rekey");
        let committed = started.elapsed();
        checkpoint(&path);
        rekey.push(committed);
        rekey_checkpointed.push(started.elapsed());
    }

    let backup = median(backup);
    let rekey_all = median(rekey_checkpointed);
    println!(
        "vault file: {:.1} MB (10,000 applications, {documents} documents of {} kB)",
        size as f64 / 1e6,
        document_bytes / 1000
    );
    println!("backup (SeekerVault::backup, SQLite backup API + integrity check): {backup:?}");
    println!("file copy + quick_check: {:?}", median(copy));
    println!("rekey, to commit: {:?}", median(rekey));
    println!("rekey, with the checkpoint: {rekey_all:?}");
    println!(
        "ratio rekey (with checkpoint) / backup: {:.2}x",
        rekey_all.as_secs_f64() / backup.as_secs_f64()
    );
}
