//! A share streams its attachments out of the vault on one thread and into the bundle on
//! another: large documents arrive whole and in order, and a document that fails to
//! decrypt part way stops the share with nothing left behind.

mod common;

use std::fs::File;

use candor_model::{DocumentKind, Timestamp, ViewChoice, ViewKind};
use candor_testkit::world;
use candor_vault::{Existing, NewDocument, SeekerVault, ShareProtection, ShareRequest, CHUNK_LEN};
use common::passphrase;

/// Bytes that differ from chunk to chunk, so a chunk out of place would show.
fn content(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i / CHUNK_LEN) as u8 ^ (i % 251) as u8 ^ seed)
        .collect()
}

fn add(vault: &mut SeekerVault, name: &str, bytes: &[u8]) -> String {
    let new = NewDocument {
        kind: DocumentKind::Other,
        file_name: name.into(),
        media_type: "application/octet-stream".into(),
        note: None,
    };
    vault.add_document(new, bytes).expect("adds a document").id
}

fn full_view(documents: &[&String]) -> ShareRequest {
    ShareRequest {
        recipient: "Fjordkraft Data AS".into(),
        choice: ViewChoice {
            kind: ViewKind::Full,
            include: documents
                .iter()
                .map(|id| format!("documents[{id}]"))
                .collect(),
            exclude: vec![],
        },
        expires_at: None,
        purpose: "Application: backend developer".into(),
        protection: ShareProtection::ToRecipient,
        accept_warnings: false,
        made: candor_vault::MadeForShare::nothing(),
    }
}

#[test]
fn large_documents_arrive_whole_and_in_order() {
    let mut w = world();
    // Over 16 MiB in all, so the bundle file is also sent to disk while it is written.
    let large = content(17 * 1024 * 1024 + 5, 1);
    let small = content(3 * CHUNK_LEN, 2);
    let empty = Vec::new();
    let ids = [
        add(&mut w.seeker, "large.bin", &large),
        add(&mut w.seeker, "empty.bin", &empty),
        add(&mut w.seeker, "small.bin", &small),
    ];
    let out = w.dir.path().join("full.candor");
    let outcome = w
        .seeker
        .share(
            &full_view(&ids.iter().collect::<Vec<_>>()),
            &out,
            Existing::Refuse,
        )
        .expect("shares");
    assert_eq!(
        std::fs::metadata(&out).expect("the bundle").len(),
        outcome.size
    );
    let summary = w
        .employer
        .import_bundle(File::open(&out).expect("the bundle"), Timestamp::now())
        .expect("the employer imports it, every entry matching its signed hash");
    for (path, expected) in [
        ("attachments/01-large.bin", &large),
        ("attachments/02-empty.bin", &empty),
        ("attachments/03-small.bin", &small),
    ] {
        let mut held = Vec::new();
        w.employer
            .read_received(&summary.bundle_id, path, &mut held)
            .expect("reads the entry");
        assert!(held == *expected, "{path} arrives as it was added");
    }
}

#[test]
fn a_document_that_fails_part_way_stops_the_share_and_leaves_nothing() {
    let mut w = world();
    let fine = add(&mut w.seeker, "fine.bin", &content(2 * CHUNK_LEN, 3));
    let damaged = add(&mut w.seeker, "damaged.bin", &content(6 * CHUNK_LEN, 4));
    let seeker_path = w.seeker.path().to_owned();
    w.seeker.lock();
    // The damaged document's fourth chunk (the other one has two), one byte flipped.
    let raw = rusqlite::Connection::open(&seeker_path).expect("raw");
    let (rowid, mut chunk): (i64, Vec<u8>) = raw
        .query_row(
            "SELECT rowid, sealed FROM chunks WHERE seq = 3",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .expect("the chunk");
    chunk[100] ^= 1;
    raw.execute(
        "UPDATE chunks SET sealed = ?1 WHERE rowid = ?2",
        rusqlite::params![chunk, rowid],
    )
    .expect("flips a byte");
    drop(raw);
    let mut seeker = SeekerVault::open(&seeker_path, &passphrase()).expect("opens");

    let out = w.dir.path().join("full.candor");
    let error = seeker
        .share(&full_view(&[&fine, &damaged]), &out, Existing::Refuse)
        .expect_err("the share stops");
    assert_eq!(
        error.to_string(),
        format!(
            "the vault has been tampered with or damaged: document {damaged} is damaged: \
             chunk 3 does not authenticate (edited, reordered or cut short); nothing was \
             read from it — restore from a backup"
        )
    );
    let left: Vec<String> = std::fs::read_dir(w.dir.path())
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with("full"))
        .collect();
    assert!(left.is_empty(), "no bundle and no partial file: {left:?}");
    assert!(
        seeker.ledger().expect("the ledger").is_empty(),
        "no share is recorded"
    );
}
