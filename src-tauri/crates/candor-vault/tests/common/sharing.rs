//! Sharing between the test kit's seeker and employer ([`candor_testkit::world`]): requests,
//! imports, and what the vaults hold afterwards.

use std::fs::File;
use std::io::Cursor;
use std::path::Path;

use candor_bundle::{open, Keys, Limits};
use candor_model::{Timestamp, ViewChoice, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::EmployerVault;
use candor_vault::{Existing, ShareProtection, ShareRequest};

// The seeker, the employer and Kari's profile come from the test kit; what follows is how
// these tests share, import and look inside the vaults. Not every test binary uses all.
#[allow(unused_imports)]
pub use candor_testkit::{card_details, world, World, WorldBuilder};

pub fn request(kind: ViewKind, include: Vec<String>) -> ShareRequest {
    ShareRequest {
        recipient: "Fjordkraft Data AS".into(),
        choice: ViewChoice {
            kind,
            include,
            exclude: vec![],
        },
        expires_at: Some(in_days(30)),
        purpose: "Application: backend developer".into(),
        protection: ShareProtection::ToRecipient,
        accept_warnings: false,
        made: candor_vault::MadeForShare::nothing(),
    }
}

pub fn in_days(days: i64) -> Timestamp {
    Timestamp::try_from(Timestamp::now().as_offset_date_time() + time::Duration::days(days))
        .expect("a time")
}

pub fn import(
    employer: &mut EmployerVault,
    path: &Path,
) -> candor_vault::Result<candor_vault::ReceivedSummary> {
    employer.import_bundle(File::open(path).expect("the bundle"), Timestamp::now())
}

/// Every entry of a bundle, decrypted with the employer's exported identity.
pub fn decrypted_entries(path: &Path, identity: &AgeIdentity) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).expect("the bundle");
    let keys = Keys {
        identities: vec![identity],
        passphrase: None,
    };
    let mut bundle = open(Cursor::new(bytes), &keys, &Limits::default()).expect("opens");
    let (manifest, signature) = bundle.signed_manifest();
    let mut out = vec![
        ("manifest.json".to_owned(), manifest.to_vec()),
        (
            "manifest.json.minisig".to_owned(),
            signature.as_bytes().to_vec(),
        ),
    ];
    let paths: Vec<String> = bundle
        .manifest()
        .entries
        .iter()
        .map(|e| e.path.clone())
        .collect();
    for path in paths {
        let bytes = bundle.read_entry(&path, 1 << 30).expect("an entry");
        out.push((path, bytes));
    }
    out
}

pub fn held_rows(path: &Path) -> (i64, i64) {
    let raw = rusqlite::Connection::open(path).expect("raw");
    let records = raw
        .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
        .expect("counts");
    let chunks = raw
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .expect("counts");
    (records, chunks)
}

pub fn at(text: &str) -> Timestamp {
    text.parse().expect("a time")
}

/// Shares `kind` with the employer and has the employer import it; returns the bundle id.
pub fn shared_and_imported(w: &mut World, kind: ViewKind, name: &str) -> String {
    let out = w.dir.path().join(format!("{name}.candor"));
    let outcome = w
        .seeker
        .share(&request(kind, vec![]), &out, Existing::Refuse)
        .expect("shares");
    import(&mut w.employer, &out).expect("imports");
    outcome.entry.bundle_id
}

/// Every row of the vault's tables, in a fixed order: records, chunks and the index tag.
pub fn logical_dump(path: &Path) -> Vec<String> {
    let raw = rusqlite::Connection::open(path).expect("raw");
    let mut rows = Vec::new();
    for query in [
        "SELECT 'record', kind || '/' || id || '/' || version, hex(sealed) FROM records ORDER BY kind, id",
        "SELECT 'chunk', blob_id || '/' || seq, hex(sealed) FROM chunks ORDER BY blob_id, seq",
        "SELECT 'index', CAST(singleton AS TEXT), hex(tag) FROM index_tag",
    ] {
        let mut stmt = raw.prepare(query).expect("a query");
        let found = stmt
            .query_map([], |row| {
                Ok(format!(
                    "{} {} {}",
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?
                ))
            })
            .expect("rows")
            .collect::<Result<Vec<String>, _>>()
            .expect("rows");
        rows.extend(found);
    }
    rows
}

/// How many records of `kind` the vault holds (the kind is stored in clear).
pub fn records_of(path: &Path, kind: &str) -> i64 {
    rusqlite::Connection::open(path)
        .expect("raw")
        .query_row(
            "SELECT count(*) FROM records WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .expect("counts")
}

/// `at` moved by `days`.
pub fn days_after(at: Timestamp, days: i64) -> Timestamp {
    Timestamp::try_from(at.as_offset_date_time() + time::Duration::days(days)).expect("a time")
}
