//! Writes the bundle test vectors in `testdata/bundles/`: valid bundles and hostile ones,
//! each with a `.expect` file saying what a reader must answer. Another implementation of
//! the format can check itself against them.
//!
//! Run it from anywhere: `cargo run -p candor-bundle --example bundle_vectors`. The keys are
//! fixed, in `testdata/bundles/keys/` (made once, the first time, and checked in), and so
//! are the ids, times and contents. The bytes still differ from run to run, since minisign
//! signs with random noise and age encrypts with a fresh file key, but every vector reads
//! the same: the checked-in files are the vectors, and the test reads those.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use candor_bundle::{
    readme_text, AgeIdentity, BundleWriter, Issuer, Kind, Manifest, Protection, SigningKey,
};
use candor_model::{Timestamp, ViewKind};
use sha2::{Digest, Sha256};
use support::{build_zip, entries_of, RawEntry, PROFILE};

/// Every vector: its name, what the reader must answer ("accepted" or the refusal's code),
/// what it is, and how to make it from a valid plain bundle's entries.
type Change = fn(&mut Vec<RawEntry>);

const VECTORS: &[(&str, &str, &str, Change)] = &[
    (
        "valid-plain",
        "accepted",
        "a valid profile share, signed, not encrypted",
        |_| {},
    ),
    (
        "entry-edited",
        "entry-edited",
        "profile.json changed after signing",
        |entries| {
            let profile = find(entries, "profile.json");
            *profile = RawEntry::stored("profile.json", br#"{"basics":{"name":"Someone Else"}}"#);
        },
    ),
    (
        "manifest-edited",
        "manifest-edited",
        "manifest.json changed after signing (its purpose)",
        |entries| {
            let manifest = find(entries, "manifest.json");
            let text = String::from_utf8_lossy(&manifest.data)
                .replace("backend developer", "any position");
            *manifest = RawEntry::stored("manifest.json", text.as_bytes());
        },
    ),
    (
        "signature-missing",
        "missing-part",
        "no manifest.json.minisig",
        |entries| entries.retain(|e| e.name != "manifest.json.minisig"),
    ),
    (
        "entry-added",
        "entry-added",
        "an entry the manifest does not list",
        |entries| entries.push(RawEntry::stored("attachments/extra.pdf", b"%PDF-1.7 extra")),
    ),
    (
        "entry-removed",
        "entry-removed",
        "an entry the manifest lists is gone",
        |entries| entries.retain(|e| e.name != "profile.html"),
    ),
    (
        "path-traversal",
        "unsafe-path",
        "an entry named ../../evil.sh",
        |entries| entries.push(RawEntry::stored("../../evil.sh", b"rm -rf ~")),
    ),
    (
        "duplicate-entry",
        "duplicate-names",
        "profile.json twice",
        |entries| entries.push(RawEntry::stored("profile.json", PROFILE)),
    ),
];

fn find<'a>(entries: &'a mut [RawEntry], name: &str) -> &'a mut RawEntry {
    entries
        .iter_mut()
        .find(|entry| entry.name == name)
        .expect("a valid bundle has the entry")
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/bundles");
    fs::create_dir_all(dir.join("keys")).expect("the vectors' folder");
    let (signer, employer) = keys(&dir.join("keys"));

    let plain = bundle(&signer, Protection::Plain, "valid-plain");
    for (name, answer, what, change) in VECTORS {
        let bytes = if *name == "valid-plain" {
            plain.clone()
        } else {
            let mut entries = entries_of(&plain);
            change(&mut entries);
            build_zip(&entries)
        };
        write(&dir, name, &bytes, answer, what);
    }
    let encrypted = bundle(
        &signer,
        Protection::Recipients(vec![employer.recipient()]),
        "valid-encrypted",
    );
    write(
        &dir,
        "valid-encrypted",
        &encrypted,
        "accepted",
        "a valid profile share encrypted to keys/employer.age",
    );
    let random: Vec<u8> = Sha256::digest(b"not a bundle")
        .iter()
        .cycle()
        .take(512)
        .copied()
        .collect();
    write(
        &dir,
        "not-a-bundle",
        &random,
        "not-a-bundle",
        "512 bytes of noise",
    );
    println!("wrote the bundle vectors to {}", dir.display());
}

/// The fixed keys: the seeker's minisign key and the employer's age identity.
fn keys(dir: &Path) -> (SigningKey, AgeIdentity) {
    let signer_path = dir.join("seeker.minisign-secret");
    let employer_path = dir.join("employer.age");
    if !signer_path.exists() {
        let key = SigningKey::generate();
        fs::write(&signer_path, key.to_secret_bytes().as_slice()).expect("writes the key");
    }
    if !employer_path.exists() {
        use secrecy::ExposeSecret;
        let identity = AgeIdentity::generate();
        fs::write(&employer_path, identity.to_secret_string().expose_secret())
            .expect("writes the identity");
    }
    let signer = SigningKey::from_secret_bytes(&fs::read(&signer_path).expect("the key"))
        .expect("a signing key");
    let employer = AgeIdentity::parse(
        fs::read_to_string(&employer_path)
            .expect("the identity")
            .trim(),
    )
    .expect("an age identity");
    (signer, employer)
}

/// A profile share with fixed id and times, expiring in a century.
fn bundle(signer: &SigningKey, protection: Protection, name: &str) -> Vec<u8> {
    let at = |text: &str| Timestamp::parse(text).expect("a fixed time");
    let id: String = Sha256::digest(name.as_bytes())[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let manifest = Manifest {
        format: String::new(),
        kind: Kind::ProfileShare,
        id,
        issued_at: at("2026-12-01T09:00:00Z"),
        expires_at: Some(at("2126-12-01T09:00:00Z")),
        issuer: Issuer {
            public_key: String::new(),
            name: "Candidate Fjord-Heron".into(),
            reply_to: None,
        },
        recipient: None,
        view: Some(ViewKind::Anonymous),
        fields: vec!["skills[0].name".into()],
        purpose: "Application for the backend developer position".into(),
        refers_to: vec![],
        entries: vec![],
    };
    let encrypted = !matches!(protection, Protection::Plain);
    let mut writer = BundleWriter::new(Vec::new(), protection).expect("a writer");
    writer.add("profile.json", PROFILE).expect("adds");
    writer
        .add(
            "profile.html",
            &b"<!doctype html><title>Candidate</title>"[..],
        )
        .expect("adds");
    writer
        .add(
            "README.txt",
            readme_text(&signer.verifying_key().to_base64(), encrypted).as_bytes(),
        )
        .expect("adds");
    writer.finish(manifest, signer).expect("signs").output
}

fn write(dir: &Path, name: &str, bytes: &[u8], answer: &str, what: &str) {
    let path: PathBuf = dir.join(format!("{name}.candor"));
    fs::write(&path, bytes).expect("writes the vector");
    let expect = format!(
        "# {what}.\n# Open it with keys/employer.age and read every entry; the reader must answer:\n{answer}\n"
    );
    fs::write(dir.join(format!("{name}.expect")), expect).expect("writes what to expect");
}
