//! The fuzzing campaign's checked-in corpus (`tests/fuzz/corpus/<target>/`), replayed on
//! stable Rust through the same readers the fuzz targets call: every bundle, key card,
//! notice, answer, invitation, reveal, ELMO document, LinkedIn export, JSON Resume, vault
//! file and backup in it is read without a panic. CI does not fuzz; this keeps what the
//! campaign found (and every input that reached new code) from regressing.
//!
//! The vault inputs were made with the fuzz build's KDF floor, which a normal build refuses
//! before any Argon2 work: here they check that a header out of bounds is refused cleanly.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "../fuzz/src/readers.rs"]
mod readers;

/// A fuzz target's entry point.
type Reader = fn(&[u8]);

/// Each target's folder and its reader.
const TARGETS: &[(&str, Reader)] = &[
    ("bundle", readers::bundle),
    ("messages", readers::messages),
    ("formats", readers::formats),
    ("vault", readers::vault),
];

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target)
}

#[test]
fn every_checked_in_corpus_file_is_read_without_a_panic() {
    let mut panicked = Vec::new();
    let mut replayed = 0;
    for (target, reader) in TARGETS {
        let dir = corpus_dir(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{} cannot be listed: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "the {target} corpus is empty");
        for file in files {
            let bytes = std::fs::read(&file).expect("a corpus file reads");
            // Every file runs even after one panicked, so a failure names them all.
            if std::panic::catch_unwind(|| reader(&bytes)).is_err() {
                panicked.push(file.display().to_string());
            }
            replayed += 1;
        }
    }
    assert!(
        panicked.is_empty(),
        "{} of {replayed} corpus files panicked:\n{}",
        panicked.len(),
        panicked.join("\n")
    );
}

/// The helpers the targets wrap their input in are what they claim to be: a wrong CRC or
/// zip layout would send every input of those modes to an early error and fuzz nothing.
#[test]
fn the_wrapping_helpers_make_what_the_readers_accept() {
    assert_eq!(readers::crc32(b"123456789"), 0xCBF4_3926);
    let xml = br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><report><issuer><title xml:lang="en">University of Oslo</title></issuer></report></elmo>"#;
    for wrapped in [
        readers::gzip_stored(xml),
        readers::base64_encode(&readers::gzip_stored(xml)).into_bytes(),
    ] {
        let import = candor_vault::formats::import_elmo(&wrapped, &["en"])
            .expect("the transport form reads");
        assert_eq!(import.xml, xml.to_vec());
    }
    let csv = b"Name\nRust\n";
    let export = readers::zip_stored(&[("Skills.csv", csv)]);
    let import = candor_vault::formats::import_linkedin(&export).expect("the export reads");
    assert_eq!(import.profile.skills.len(), 1);
    let encoded = readers::base64_encode(b"any carnal pleasure");
    assert_eq!(encoded, "YW55IGNhcm5hbCBwbGVhc3VyZQ==");
    assert_eq!(
        readers::base64_decode(&encoded).as_deref(),
        Some(&b"any carnal pleasure"[..])
    );
    assert!(
        readers::signing_key().is_some(),
        "the fixed signing key reads"
    );
    assert!(
        readers::age_identity().is_some(),
        "the fixed identity reads"
    );
}
