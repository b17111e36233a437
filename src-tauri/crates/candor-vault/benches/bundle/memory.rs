//! Peak memory of a share and of an import, each in a process of its own: this program
//! run again with [`CHILD`]. The parent makes the vaults; the child opens one (the key
//! derivation is not what is measured), resets the peak resident set size to the current
//! one, does the one operation, and reports the peak from /proc/self/status.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use candor_model::{Document, Timestamp};
use candor_vault::Existing;
use candor_vault::OpenVault;

use crate::world::{full_share, passphrase, World};

/// The command-line flag that makes this program the child.
pub const CHILD: &str = "--peak-rss";

/// Resident set sizes in KiB, as /proc/self/status gives them.
#[derive(Debug, Clone, Copy)]
struct Peak {
    before_kib: u64,
    peak_kib: u64,
    /// At the end of the operation: heap and stacks, mapped files (the program, SQLite's
    /// shared WAL index), shared memory.
    anon_kib: u64,
    file_kib: u64,
    shmem_kib: u64,
}

/// Measures a share and an import at each size in MB, and prints the figures.
pub fn measure(sizes: &[u64]) {
    let exe = std::env::current_exe().expect("this program's path");
    let mut peaks: Vec<(u64, Peak, Peak)> = Vec::new();
    for &mb in sizes {
        let world = World::new(mb, 1);
        let seeker_path = world.path("seeker.candor");
        let bundle = world.path("bundle.candor");
        let World {
            dir,
            seeker,
            employers,
            ..
        } = world;
        seeker.lock();
        let employer = employers.into_iter().next().expect("one employer");
        employer.vault.lock();
        let share = run_child(
            &exe,
            &[
                "share",
                path_str(&seeker_path),
                &employer.organisation,
                path_str(&bundle),
            ],
        );
        let import = run_child(
            &exe,
            &["import", path_str(&employer.path), path_str(&bundle)],
        );
        drop(dir);
        peaks.push((mb, share, import));
    }
    println!("peak memory (resident set, from just before the operation to its end), MiB");
    for (mb, share, import) in &peaks {
        println!("  {mb:>4} MB   share  {}", share.describe());
        println!("  {mb:>4} MB   import {}", import.describe());
    }
    if let (Some(first), Some(last)) = (peaks.first(), peaks.last()) {
        if first.0 != last.0 {
            println!(
                "  {} MB over {} MB: share {:.3}×, import {:.3}×   target within 10 %",
                last.0,
                first.0,
                last.1.peak_kib as f64 / first.1.peak_kib as f64,
                last.2.peak_kib as f64 / first.2.peak_kib as f64
            );
        }
    }
}

impl Peak {
    fn describe(&self) -> String {
        format!(
            "peak {:>5.1} (before {:.1}; at the end: anonymous {:.1}, files {:.1}, shared {:.1})",
            mib(self.peak_kib),
            mib(self.before_kib),
            mib(self.anon_kib),
            mib(self.file_kib),
            mib(self.shmem_kib)
        )
    }
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("the temporary folder's path is UTF-8")
}

fn run_child(exe: &Path, args: &[&str]) -> Peak {
    let out = Command::new(exe)
        .arg(CHILD)
        .args(args)
        .output()
        .expect("the child process runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the {args:?} child fails: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let field = |name: &str| -> u64 {
        stdout
            .split_whitespace()
            .find_map(|word| word.strip_prefix(name)?.parse().ok())
            .unwrap_or_else(|| panic!("the child reports {name} (it said {stdout:?})"))
    };
    Peak {
        before_kib: field("before_kib="),
        peak_kib: field("peak_kib="),
        anon_kib: field("anon_kib="),
        file_kib: field("file_kib="),
        shmem_kib: field("shmem_kib="),
    }
}

/// The child: `share SEEKER ORGANISATION OUT` or `import EMPLOYER BUNDLE`.
pub fn child(args: &[String]) {
    let arg = |i: usize| -> &str {
        args.get(i)
            .map_or_else(|| panic!("{CHILD}: too few arguments"), String::as_str)
    };
    let mut vault = OpenVault::open(Path::new(arg(1)), &passphrase()).expect("opens the vault");
    // Writing 5 to clear_refs resets VmHWM to the current VmRSS (Linux 4.0 and later), so
    // the key derivation's memory is not counted.
    std::fs::write("/proc/self/clear_refs", "5").expect("resets the peak resident set size");
    let before = status_kib("VmRSS:");
    match arg(0) {
        "share" => {
            let vault = vault.seeker().expect("a seeker's vault");
            let documents: Vec<String> = vault
                .list::<Document>()
                .expect("lists the documents")
                .into_iter()
                .map(|entry| entry.id)
                .collect();
            vault
                .share(
                    &full_share(arg(2), &documents),
                    Path::new(arg(3)),
                    Existing::Refuse,
                )
                .expect("shares");
        }
        "import" => {
            let file = File::open(arg(2)).expect("the bundle");
            vault
                .employer()
                .expect("an employer's vault")
                .import_bundle(file, Timestamp::now())
                .expect("imports");
        }
        other => panic!("{CHILD}: unknown operation {other:?}"),
    }
    println!(
        "before_kib={before} peak_kib={} anon_kib={} file_kib={} shmem_kib={}",
        status_kib("VmHWM:"),
        status_kib("RssAnon:"),
        status_kib("RssFile:"),
        status_kib("RssShmem:")
    );
    io::stdout().flush().expect("writes to stdout");
}

/// A `kB` field of /proc/self/status.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("reads /proc/self/status");
    status
        .lines()
        .find_map(|line| {
            line.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("/proc/self/status has no {field}"))
}
