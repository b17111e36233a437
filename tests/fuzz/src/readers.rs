//! Every reader of outside input, called the way Candor calls it, behind four entry points
//! whose first input byte picks the reader. The fuzz targets call these with libFuzzer's
//! inputs; the corpus replay test (`tests/tests/fuzz_corpus.rs`, stable Rust, in CI) calls
//! them with every checked-in corpus file. Errors are the expected outcome for almost every
//! input and are dropped; a panic, a hang or a runaway allocation is the finding.
//!
//! The module uses only `candor_vault` (which re-exports the bundle and formats crates),
//! `candor_model`, `serde_json`, `tempfile` and the standard library, so that both crates can include it as it is.
//!
//! | target     | byte 0 % n | reader                                                          |
//! |------------|------------|-----------------------------------------------------------------|
//! | `bundle`   | 0          | a bundle file: plain zip or age, then every entry it holds      |
//! |            | 1          | a manifest and entries, written and signed by the real writer   |
//! | `messages` | 0          | a key card                                                      |
//! |            | 1, 2, 3    | a notice, an answer, an invitation beside a manifest            |
//! |            | 4          | a reveal and its signature beside a manifest                    |
//! |            | 5          | the key texts: minisign keys, age recipients and identities     |
//! | `formats`  | 0          | ELMO as given (XML, gzip or the EMREX base64 form)              |
//! |            | 1, 2       | ELMO XML in EMREX transport form: gzip, base64 of gzip          |
//! |            | 3          | a LinkedIn export zip                                           |
//! |            | 4          | one LinkedIn CSV (byte 1 picks the file) in an export zip       |
//! |            | 5          | JSON Resume                                                     |
//! | `vault`    | 0          | a vault file from someone else: header, index, records          |
//! |            | 1          | a backup given to restore                                       |
//!
//! Inputs with several parts separate them with [`SEPARATOR`], a line no JSON, CSV or
//! minisign text holds.

use std::io::Cursor;
use std::path::Path;

use candor_vault::bundle::{
    self, AgeIdentity, Answer, Invitation, KeyCard, Keys, Limits, Manifest, Notice, Protection,
    Reveal, SigningKey, VerifyingKey,
};
use candor_vault::{formats, ApplicationQuery, OpenVault, SecretString};

/// Separates the parts of a multi-part input.
pub const SEPARATOR: &[u8] = b"\n--8<--\n";

/// The passphrase of every seed vault; the vault target opens with it.
pub const VAULT_PASSPHRASE: &str = "correct horse battery staple";

/// The age identity seed bundles are encrypted to, and the bundle target opens them with.
/// A test key, public on purpose.
pub const AGE_IDENTITY: &str =
    "AGE-SECRET-KEY-1PQYDYWESQ79K9RR4CEY4UW9HACN7HY0GNCCK02VG2QFALUXUKJESP4NWY5";

/// The minisign secret key (unencrypted, base64 as in a `.key` file) the structured bundle
/// mode signs with, so that a fuzzed manifest passes its signature check and everything
/// behind it is reached. A test key, public on purpose.
pub const SIGNING_KEY: &str = "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAdvksxsYtji3cbIiMhXOgrX29wXOCPrZmUvEq/fgmee9JbuyBaZq3hgfXyJ33G+oOglPlrsjyJmPafk9Ur+3xklbCO8x1gh4xAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/// The key card fingerprint reveals in the corpus are made for.
pub const OWN_FINGERPRINT: &str = "fuzz-recipient";

/// The LinkedIn files the single-CSV mode can name, in the order byte 1 picks them; the
/// last ones are spellings the reader must also match.
pub const LINKEDIN_FILES: &[&str] = &[
    "Profile.csv",
    "Positions.csv",
    "Education.csv",
    "Skills.csv",
    "Languages.csv",
    "Certifications.csv",
    "Projects.csv",
    "Email Addresses.csv",
    "PhoneNumbers.csv",
    "Basic_LinkedInDataExport/Positions.csv",
    "email_addresses.CSV",
];

/// The title languages Candor asks ELMO for.
const LANGUAGES: &[&str] = &["nb", "no", "en"];

/// The signing key of the structured bundle mode.
pub fn signing_key() -> Option<SigningKey> {
    SigningKey::from_secret_bytes(&base64_decode(SIGNING_KEY)?).ok()
}

/// The age identity of the bundle target.
pub fn age_identity() -> Option<AgeIdentity> {
    AgeIdentity::parse(AGE_IDENTITY).ok()
}

// ---------------------------------------------------------------------------------------
// bundle

/// The bundle target.
pub fn bundle(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 2 {
        0 => read_bundle(rest),
        _ => written_bundle(rest),
    }
}

/// Opens a bundle as an employer or a seeker does, then reads every entry and every
/// message it may carry.
pub fn read_bundle(file: &[u8]) {
    let identity = age_identity();
    let keys = Keys {
        identities: identity.iter().collect(),
        passphrase: None,
    };
    let Ok(mut opened) = bundle::open(Cursor::new(file), &keys, &Limits::default()) else {
        return;
    };
    let manifest = opened.manifest().clone();
    let _ = opened.check_addressed_to(OWN_FINGERPRINT);
    let _ = opened.check_not_expired(candor_model::Timestamp::now());
    if let Ok(key) = VerifyingKey::parse(&manifest.issuer.public_key) {
        let _ = opened.check_signer(&key);
    }
    let _ = opened.signed_manifest();
    let _ = opened.sealing().as_str();
    // The messages, as their readers in the vault take them.
    if let Ok(bytes) = opened.read_entry(bundle::NOTICE, 1 << 20) {
        let _ = Notice::read(&bytes, &manifest);
    }
    if let Ok(bytes) = opened.read_entry(bundle::ANSWER, 1 << 20) {
        let _ = Answer::read(&bytes, &manifest);
    }
    if let Ok(bytes) = opened.read_entry(bundle::INVITATION, 1 << 20) {
        let _ = Invitation::read(&bytes, &manifest);
    }
    if let (Ok(bytes), Ok(signature)) = (
        opened.read_entry(bundle::REVEAL, 1 << 20),
        opened.read_entry(bundle::REVEAL_SIGNATURE, 64 << 10),
    ) {
        let signature = String::from_utf8_lossy(&signature);
        let _ = Reveal::verify(&bytes, &signature, &manifest, OWN_FINGERPRINT);
    }
    if let Ok(bytes) = opened.read_entry("profile.json", 16 << 20) {
        let _ = formats::import_json_resume(&bytes);
    }
    let _ = opened.verify_all();
}

/// A manifest (part 0) and entries (`name\0bytes`, one per further part), written into a
/// plain bundle by the real writer and signed with [`SIGNING_KEY`], then read back: the
/// signature holds, so the fuzzer reaches what the reader checks after it.
pub fn written_bundle(data: &[u8]) {
    let parts = split(data);
    let Ok(manifest) = serde_json::from_slice::<Manifest>(parts[0]) else {
        return;
    };
    let Some(signer) = signing_key() else {
        return;
    };
    let Ok(mut writer) = bundle::BundleWriter::new(Vec::new(), Protection::Plain) else {
        return;
    };
    for part in &parts[1..] {
        let (name, bytes) = match part.iter().position(|&b| b == 0) {
            Some(at) => (&part[..at], &part[at + 1..]),
            None => (&b"profile.json"[..], *part),
        };
        // The writer refuses what no honest bundle holds; the rest of the entries go in.
        let _ = writer.add(&String::from_utf8_lossy(name), bytes);
    }
    let Ok(written) = writer.finish(manifest, &signer) else {
        return;
    };
    read_bundle(&written.output);
}

// ---------------------------------------------------------------------------------------
// messages

/// The messages target: key cards, notices, answers, invitations, reveals and key texts.
pub fn messages(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 6 {
        0 => key_card(rest),
        1..=3 => {
            let parts = split(rest);
            let (Some(manifest), Some(payload)) = (manifest(parts[0]), parts.get(1)) else {
                return;
            };
            let _ = match selector % 6 {
                1 => Notice::read(payload, &manifest).map(drop),
                2 => Answer::read(payload, &manifest).map(|answer| {
                    let _ = answer.bundle_kind();
                }),
                _ => Invitation::read(payload, &manifest).map(drop),
            };
        }
        4 => {
            let parts = split(rest);
            let (Some(manifest), Some(payload), Some(signature)) =
                (manifest(parts[0]), parts.get(1), parts.get(2))
            else {
                return;
            };
            let signature = String::from_utf8_lossy(signature);
            let _ = Reveal::verify(payload, &signature, &manifest, OWN_FINGERPRINT);
        }
        _ => key_texts(rest),
    }
}

/// A key card as a seeker adds it, and what is shown of it.
pub fn key_card(bytes: &[u8]) {
    if let Ok(card) = KeyCard::read(bytes) {
        let _ = card.fingerprint();
        let _ = card.verifying_key().map(|key| key.key_id());
    }
}

/// Every key text a person can paste or a file can carry.
pub fn key_texts(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(key) = VerifyingKey::parse(&text) {
        let _ = (key.key_id(), key.to_base64());
    }
    let _ = bundle::parse_age_recipient(&text);
    let _ = AgeIdentity::parse(&text).map(|identity| identity.recipient());
    let _ = SigningKey::from_secret_bytes(bytes);
    let _ = bundle::fingerprint(&text, &text);
}

/// A manifest beside a message: parsed as the bundle reader parses a verified one.
fn manifest(bytes: &[u8]) -> Option<Manifest> {
    serde_json::from_slice(bytes).ok()
}

// ---------------------------------------------------------------------------------------
// formats

/// The formats target: ELMO (raw and in transport form), LinkedIn, JSON Resume.
pub fn formats(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 6 {
        0 => elmo(rest),
        1 => elmo(&gzip_stored(rest)),
        2 => elmo(base64_encode(&gzip_stored(rest)).as_bytes()),
        3 => linkedin(rest),
        4 => {
            let Some((&which, csv)) = rest.split_first() else {
                return;
            };
            let name = LINKEDIN_FILES[usize::from(which) % LINKEDIN_FILES.len()];
            linkedin(&zip_stored(&[(name, csv)]));
        }
        _ => {
            if let Ok(import) = formats::import_json_resume(rest) {
                let _ = formats::export_json_resume(&import.profile, None);
            }
        }
    }
}

fn elmo(bytes: &[u8]) {
    if let Ok(import) = formats::import_elmo(bytes, LANGUAGES) {
        let _ = import.learner.name();
    }
}

fn linkedin(zip: &[u8]) {
    let _ = formats::import_linkedin(zip);
}

// ---------------------------------------------------------------------------------------
// vault

/// The vault target: a vault file from someone else, or a backup given to restore. Both
/// open with [`VAULT_PASSPHRASE`]; the fuzz build's KDF floor keeps that cheap, and in a
/// normal build (the replay test) the seed vaults' parameters are refused before Argon2.
pub fn vault(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(dir) = scratch_dir() else {
        return;
    };
    let file = dir.path().join("given.candor");
    if std::fs::write(&file, rest).is_err() {
        return;
    }
    let passphrase = SecretString::from(VAULT_PASSPHRASE);
    match selector % 2 {
        0 => {
            if let Ok(vault) = OpenVault::open(&file, &passphrase) {
                read_everything(&vault);
            }
        }
        _ => {
            let target = dir.path().join("restored.candor");
            if OpenVault::restore(&file, &target, &passphrase, false).is_ok() {
                if let Ok(vault) = OpenVault::open(&target, &passphrase) {
                    read_everything(&vault);
                }
            }
        }
    }
}

/// Reads every kind of record an opened vault holds, as the app's first screens do.
fn read_everything(vault: &OpenVault) {
    let _ = vault.check_integrity();
    match vault {
        OpenVault::Seeker(vault) => {
            let _ = vault.profile();
            let _ = vault.search_applications(&ApplicationQuery::default());
            let _ = vault.import_sources();
            let _ = vault.recipients();
        }
        OpenVault::Employer(vault) => {
            let _ = vault.candidates();
            let _ = vault.notices();
        }
    }
}

/// A folder for one run, in memory where the system has a tmpfs.
fn scratch_dir() -> std::io::Result<tempfile::TempDir> {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new()
            .prefix("candor-fuzz-")
            .tempdir_in(shm)
        {
            return Ok(dir);
        }
    }
    tempfile::Builder::new().prefix("candor-fuzz-").tempdir()
}

// ---------------------------------------------------------------------------------------
// helpers: splitting, and the containers the transport modes wrap their input in

/// The parts of a multi-part input; always at least one.
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest
        .windows(SEPARATOR.len())
        .position(|window| window == SEPARATOR)
    {
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// CRC-32 (IEEE), bit by bit: only the fuzz inputs' small containers use it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `bytes` in a gzip member of stored (uncompressed) deflate blocks, so the fuzzer's
/// changes to the XML survive the transport form.
pub fn gzip_stored(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut chunks = bytes.chunks(0xffff).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let last = u8::from(chunks.peek().is_none());
        let len = chunk.len() as u16;
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(bytes).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

/// A zip of stored entries, as a LinkedIn export holding just these files would be.
pub fn zip_stored(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        // Local file header.
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory record.
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&[20, 3, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&size.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len() as u32;
    let count = files.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    BASE64_ALPHABET[(n >> (18 - 6 * i)) as usize & 63],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64; `None` for anything else.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let value = BASE64_ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}
