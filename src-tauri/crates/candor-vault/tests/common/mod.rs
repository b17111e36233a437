//! Shared set-up for the vault's integration tests: a vault in a temporary folder, and a
//! raw SQLite connection to play the attacker with.

#![allow(dead_code)]

pub mod sharing;

use std::path::PathBuf;

use candor_vault::{KdfParams, RecoveryCode, SeekerVault};
use rusqlite::Connection;

// Not every test binary uses every helper (as `dead_code` above).
#[allow(unused_imports)]
pub use candor_testkit::{passphrase, PASSPHRASE};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Fixture {
    /// A new vault with the cheapest accepted KDF, returned unlocked with its code.
    pub fn new() -> (Fixture, SeekerVault, RecoveryCode) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("vault.candor");
        let (vault, code) =
            SeekerVault::create(&path, &passphrase(), KdfParams::minimum()).expect("create");
        (Fixture { dir, path }, vault, code)
    }

    pub fn open(&self) -> candor_vault::Result<SeekerVault> {
        SeekerVault::open(&self.path, &passphrase())
    }

    /// A connection that bypasses Candor entirely, as someone with the file would.
    pub fn raw(&self) -> Connection {
        Connection::open(&self.path).expect("raw connection")
    }

    /// Every file of the vault (main, -wal, -shm) that exists, with its bytes.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(self.dir.path()).expect("read dir") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("vault.candor") {
                out.push((name, std::fs::read(entry.path()).expect("read file")));
            }
        }
        out.sort();
        out
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The message of a vault error, for pinning.
pub fn message<T: std::fmt::Debug>(result: candor_vault::Result<T>) -> String {
    result.expect_err("expected an error").to_string()
}

/// A real sample file from candor-formats' copies (see
/// ../candor-formats/tests/fixtures/SOURCES.md): `emrex/nor-emrex-1.0.xml`.
pub fn sample_file(path: &str) -> Vec<u8> {
    let path = format!(
        "{}/../candor-formats/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("sample file {path}: {e}"))
}

/// Every file in a zip, by name, unpacked.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("unpacks");
            let name = file.name().expect("a UTF-8 name").into_owned();
            (name, content)
        })
        .collect()
}
