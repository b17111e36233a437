//! How the vault file is laid out by SQLite: the page size new vaults get, that older
//! vaults keep theirs, and that the write-ahead log does not stay large.

mod common;

use candor_model::DocumentKind;
use candor_vault::NewDocument;
use common::Fixture;

fn page_size(fixture: &Fixture) -> u32 {
    fixture
        .raw()
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .expect("page size")
}

fn add_document(vault: &mut candor_vault::SeekerVault, bytes: &[u8]) -> String {
    let new = NewDocument {
        kind: DocumentKind::Other,
        file_name: "portfolio.bin".into(),
        media_type: "application/octet-stream".into(),
        note: None,
    };
    vault.add_document(new, bytes).expect("adds a document").id
}

fn read_document(vault: &candor_vault::SeekerVault, id: &str) -> Vec<u8> {
    let mut out = Vec::new();
    vault
        .read_document(id, &mut out)
        .expect("reads the document");
    out
}

fn wal_len(fixture: &Fixture) -> u64 {
    let mut wal = fixture.path.clone().into_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

#[test]
fn new_vaults_have_64_kib_pages_and_older_vaults_keep_theirs() {
    let (fixture, mut vault, _) = Fixture::new();
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let first = add_document(&mut vault, &bytes);
    vault.lock();
    assert_eq!(page_size(&fixture), 65536, "a new vault has 64 KiB pages");

    // A vault made before new vaults had 64 KiB pages: SQLite's default of 4 KiB.
    let raw = fixture.raw();
    raw.pragma_update(None, "journal_mode", "DELETE")
        .expect("leaves WAL");
    raw.pragma_update(None, "page_size", 4096)
        .expect("sets the page size");
    raw.execute_batch("VACUUM").expect("rebuilds the file");
    raw.pragma_update(None, "journal_mode", "WAL")
        .expect("back to WAL");
    drop(raw);
    assert_eq!(
        page_size(&fixture),
        4096,
        "the vault was rebuilt in 4 KiB pages"
    );

    let mut vault = fixture.open().expect("a 4 KiB vault opens");
    assert_eq!(read_document(&vault, &first), bytes);
    let second = add_document(&mut vault, &bytes[..100_000]);
    vault.lock();
    assert_eq!(
        page_size(&fixture),
        4096,
        "an existing vault keeps its page size"
    );
    let vault = fixture.open().expect("opens again");
    assert_eq!(read_document(&vault, &second), &bytes[..100_000]);
    vault.check_integrity().expect("the file is sound");
}

#[test]
fn the_log_a_large_write_grew_is_cut_back_by_the_next_write() {
    let (fixture, mut vault, _) = Fixture::new();
    let large = vec![7u8; 20 * 1000 * 1000];
    add_document(&mut vault, &large);
    assert!(
        wal_len(&fixture) >= 20 * 1000 * 1000,
        "the log holds the whole transaction ({} bytes)",
        wal_len(&fixture)
    );
    vault
        .set_person(&candor_testkit::person().build())
        .expect("a small write");
    assert!(
        wal_len(&fixture) <= 4 * 1024 * 1024,
        "the log is cut back to at most 4 MiB ({} bytes)",
        wal_len(&fixture)
    );
    for i in 0..200 {
        vault
            .set_person(
                &candor_testkit::person()
                    .name(format!("Kari Nordmann {i}"))
                    .build(),
            )
            .expect("a small write");
    }
    assert!(
        wal_len(&fixture) <= 4 * 1024 * 1024 + 2 * 65536,
        "small writes are copied back before the log passes about 4 MiB ({} bytes)",
        wal_len(&fixture)
    );
}
