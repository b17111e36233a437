//! Bundle benchmarks, beside the `age` command on the same bytes in the same run (see
//! BENCHMARKS.md):
//!
//! 1. share a full view with N MB of attachments (4 documents of random bytes) to a file,
//!    beside `age -e` of the same attachment bytes, concatenated, to the same employer;
//! 2. import that bundle into a fresh employer vault, beside `age -d` of `age`'s file;
//! 3. peak memory of the share and of the import, each in a child process, at two sizes.
//!
//! Two parts of each are timed on their own in the same runs, to show where the time goes:
//! reading the documents out of the seeker's vault, and verifying the bundle (decrypt,
//! check, hash every entry) without storing it.
//!
//! cargo bench -p candor-vault --bench bundle
//!
//! `CANDOR_BENCH_MB` (default 200), `CANDOR_BENCH_RUNS` (default 5; 0 skips the timings)
//! and `CANDOR_BENCH_MEMORY_MB` (default `50,500`; empty skips the memory) change what is
//! run. Without `--bench` (as `cargo test --all-targets` runs it) it does everything once
//! at 2 MB, to show that it works.

mod memory;
mod world;

use std::fs::File;
use std::io;
use std::process::Command;
use std::time::Instant;

use candor_model::Timestamp;
use candor_vault::bundle::{open, Keys, Limits};
use candor_vault::Existing;

use crate::memory::CHILD;
use crate::world::{full_share, World, DOCUMENTS, MB};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == CHILD) {
        memory::child(&args[at + 1..]);
        return;
    }
    let (mb, runs, memory_mb) = if args.iter().any(|a| a == "--bench") {
        (
            env_number("CANDOR_BENCH_MB", 200),
            env_number("CANDOR_BENCH_RUNS", 5),
            env_list("CANDOR_BENCH_MEMORY_MB", &[50, 500]),
        )
    } else {
        println!("checking that the bundle benchmark runs (2 MB, once): not a measurement");
        (2, 1, vec![2])
    };
    let age = age_available();
    if !age {
        eprintln!("age (Debian package `age`) is not installed: skipping the reference");
    }
    if runs > 0 {
        speed(mb, runs as usize, age);
    }
    if !memory_mb.is_empty() {
        memory::measure(&memory_mb);
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}"))
    })
}

fn env_list(name: &str, default: &[u64]) -> Vec<u64> {
    std::env::var(name).map_or_else(
        |_| default.to_vec(),
        |v| {
            v.split(',')
                .filter(|n| !n.trim().is_empty())
                .map(|n| {
                    n.trim()
                        .parse()
                        .unwrap_or_else(|_| panic!("{name} must be numbers separated by commas"))
                })
                .collect()
        },
    )
}

fn age_available() -> bool {
    Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

fn age_command(args: &[&str]) {
    let out = Command::new("age").args(args).output().expect("age runs");
    assert!(
        out.status.success(),
        "age {args:?} fails: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn milliseconds(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1000.0
}

/// Milliseconds of each run, by what was timed.
#[derive(Default)]
struct Timings {
    share: Vec<f64>,
    read_documents: Vec<f64>,
    age_encrypt: Vec<f64>,
    import: Vec<f64>,
    verify: Vec<f64>,
    age_decrypt: Vec<f64>,
}

/// Share and import beside `age -e` and `age -d`, interleaved run by run so that the load
/// of a shared machine falls on all alike. Each run shares to its own employer, so that
/// each import is a first import into a fresh vault.
fn speed(mb: u64, runs: usize, age: bool) {
    let mut world = World::new(mb, runs);
    let mut t = Timings::default();
    let attachments = world.attachments.to_string_lossy().into_owned();
    for (i, mut employer) in std::mem::take(&mut world.employers).into_iter().enumerate() {
        let bundle = world.path(&format!("bundle-{i}.candor"));
        let request = full_share(&employer.organisation, &world.documents);
        t.share.push(milliseconds(|| {
            world
                .seeker
                .share(&request, &bundle, Existing::Refuse)
                .expect("shares");
        }));
        t.read_documents.push(milliseconds(|| {
            for id in &world.documents {
                world
                    .seeker
                    .read_document(id, &mut io::sink())
                    .expect("reads a document");
            }
        }));
        let sealed = world.path(&format!("attachments-{i}.age"));
        let sealed = sealed.to_string_lossy();
        let opened = world.path(&format!("attachments-{i}.out"));
        if age {
            t.age_encrypt.push(milliseconds(|| {
                age_command(&[
                    "-e",
                    "-r",
                    &employer.age_recipient,
                    "-o",
                    &sealed,
                    &attachments,
                ])
            }));
        }
        t.verify.push(milliseconds(|| {
            let keys = Keys {
                identities: vec![&employer.age_identity],
                passphrase: None,
            };
            let file = File::open(&bundle).expect("the bundle");
            let mut opened = open(file, &keys, &Limits::default()).expect("opens the bundle");
            opened.verify_all().expect("every entry checks");
        }));
        t.import.push(milliseconds(|| {
            let file = File::open(&bundle).expect("the bundle");
            let summary = employer
                .vault
                .import_bundle(file, Timestamp::now())
                .expect("imports");
            assert!(!summary.already_held, "each run imports into a fresh vault");
        }));
        if age {
            t.age_decrypt.push(milliseconds(|| {
                age_command(&[
                    "-d",
                    "-i",
                    &employer.identity_file.to_string_lossy(),
                    "-o",
                    &opened.to_string_lossy(),
                    &sealed,
                ])
            }));
            assert_eq!(
                std::fs::metadata(&opened).expect("age's output").len(),
                mb * MB,
                "age decrypts every byte"
            );
        }
        for path in [&bundle, &opened] {
            let _ = std::fs::remove_file(path);
        }
        let _ = std::fs::remove_file(&*sealed);
        employer.discard();
    }
    report(mb, runs, &t, age);
}

fn report(mb: u64, runs: usize, t: &Timings, age: bool) {
    println!("bundles: {mb} MB of attachments ({DOCUMENTS} documents), median of {runs} runs, ms");
    let line = |what: &str, runs: &[f64]| {
        if !runs.is_empty() {
            println!(
                "  {what:<44} {:>8.1}   (runs: {})",
                median(runs),
                list(runs)
            );
        }
    };
    line("share a full view (a)", &t.share);
    line(
        "  its part: read the documents from the vault",
        &t.read_documents,
    );
    line("age -e, the same bytes (b)", &t.age_encrypt);
    line("import the bundle (c)", &t.import);
    line("  its part: open and verify, nothing stored", &t.verify);
    line("age -d (d)", &t.age_decrypt);
    if age {
        println!(
            "  (a)/(b) {:.2}×, target ≤ 3×;  (c)/(d) {:.2}×, target ≤ 5×",
            median(&t.share) / median(&t.age_encrypt),
            median(&t.import) / median(&t.age_decrypt)
        );
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

fn list(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}
