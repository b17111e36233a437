//! SeekerVault benchmarks, each beside the reference it is judged against (see BENCHMARKS.md).
//!
//! cargo bench -p candor-vault --bench vault

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use candor_model::{Application, DocumentKind};
use candor_vault::{KdfParams, NewDocument, SecretString, SeekerVault, CHUNK_LEN};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const PASSPHRASE: &str = "correct horse battery staple";

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE)
}

/// Unlock at the production parameters, beside Debian's `argon2` (the reference C
/// implementation, which runs the 4 lanes on threads) at the same parameters.
fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("default.candor");
    let (vault, _) =
        SeekerVault::create(&path, &passphrase(), KdfParams::default()).expect("create");
    vault.lock();
    let mut group = c.benchmark_group("unlock_default_kdf");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("candor_vault_open", |b| {
        b.iter(|| {
            SeekerVault::open(&path, &passphrase())
                .expect("open")
                .lock()
        })
    });
    if Command::new("argon2").arg("-h").output().is_ok() {
        group.bench_function("debian_argon2_cli", |b| {
            b.iter(|| argon2_cli(black_box(PASSPHRASE)))
        });
    } else {
        eprintln!("argon2 (Debian package `argon2`) is not installed: skipping the reference");
    }
    group.finish();
}

fn argon2_cli(passphrase: &str) {
    use std::io::Write;
    let mut child = Command::new("argon2")
        .args([
            "somesaltsomesalt",
            "-id",
            "-m",
            "16",
            "-t",
            "3",
            "-p",
            "4",
            "-l",
            "32",
            "-r",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("argon2 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(passphrase.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("argon2 finishes");
    assert!(out.status.success());
}

fn big_vault(path: &Path) {
    let (mut vault, _) =
        SeekerVault::create(path, &passphrase(), KdfParams::minimum()).expect("create");
    candor_vault::bench::populate_large(&mut vault).expect("populate");
}

/// Opening a vault of 10,000 applications and a full profile. The vault uses the minimum
/// KDF so the figure is dominated by what comes after it; `kdf_minimum_alone` is the part
/// to subtract.
fn open_large(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.candor");
    big_vault(&path);
    let mut group = c.benchmark_group("open_10k_applications");
    group.sample_size(20);
    group.bench_function("open_verify_index", |b| {
        b.iter(|| {
            SeekerVault::open(&path, &passphrase())
                .expect("open")
                .lock()
        })
    });
    group.bench_function("kdf_minimum_alone", |b| {
        b.iter(|| {
            let params = argon2::Params::new(19 * 1024, 2, 1, Some(32)).expect("params");
            let argon =
                argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
            let mut out = [0u8; 32];
            argon
                .hash_password_into(PASSPHRASE.as_bytes(), b"somesaltsomesalt", &mut out)
                .expect("kdf");
            black_box(out)
        })
    });
    let vault = SeekerVault::open(&path, &passphrase()).expect("open");
    group.bench_function("list_all_applications_decrypted", |b| {
        b.iter(|| black_box(vault.list::<Application>().expect("list")).len())
    });
    // The table's first page, all 10,000 sorted by company with ICU's bokmål collation:
    // the listing above plus the sort, so the two differ by what collation costs.
    let by_company = candor_vault::ApplicationOrder {
        key: candor_vault::SortKey::Company,
        ascending: true,
    };
    group.bench_function("first_page_sorted_by_company_nb", |b| {
        b.iter(|| {
            black_box(
                vault
                    .application_page(&Default::default(), by_company, 0, 100, "nb")
                    .expect("a page"),
            )
            .rows
            .len()
        })
    });
    group.finish();
}

/// Attachment encryption into a sink, beside raw AES-256-GCM over the same bytes in the
/// same chunk size.
fn attachment_cipher(c: &mut Criterion) {
    let data = vec![0x5au8; 32 * 1024 * 1024];
    let mut group = c.benchmark_group("attachment_encrypt_32MiB");
    group
        .throughput(Throughput::Bytes(data.len() as u64))
        .sample_size(10);
    group.bench_function("candor_stream_to_sink", |b| {
        b.iter(|| {
            candor_vault::bench::seal_stream(&data[..], |chunk| {
                black_box(chunk);
            })
            .expect("seal")
        })
    });
    group.bench_function("candor_stream_and_sha256_to_sink", |b| {
        b.iter(|| {
            let mut reader = candor_vault::bench::HashingReader::new(&data[..]);
            candor_vault::bench::seal_stream(&mut reader, |chunk| {
                black_box(chunk);
            })
            .expect("seal");
            black_box(reader.sha256())
        })
    });
    group.bench_function("raw_aes256gcm", |b| {
        let cipher = Aes256Gcm::new_from_slice(&[7u8; 32]).expect("key");
        let mut buf = Vec::with_capacity(CHUNK_LEN + 16);
        b.iter(|| {
            for (i, chunk) in data.chunks(CHUNK_LEN).enumerate() {
                buf.clear();
                buf.extend_from_slice(chunk);
                let mut nonce = [0u8; 12];
                nonce[..8].copy_from_slice(&(i as u64).to_be_bytes());
                cipher
                    .encrypt_in_place(Nonce::from_slice(&nonce), b"", &mut buf)
                    .expect("encrypt");
                black_box(&buf);
            }
        })
    });
    group.finish();
}

/// Storing a 100 MB attachment in the vault, beside a raw SQLite blob insert of the same
/// bytes with the same journal settings: in SQLite's default 4 KiB pages (the reference the
/// target was set against), and in the 64 KiB pages a new vault has.
fn store_attachment(c: &mut Criterion) {
    let size = 100 * 1000 * 1000;
    let data = vec![0x33u8; size];
    let mut group = c.benchmark_group("store_100MB_attachment");
    group
        .throughput(Throughput::Bytes(size as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("docs.candor");
    let (mut vault, _) =
        SeekerVault::create(&path, &passphrase(), KdfParams::minimum()).expect("create");
    group.bench_function(BenchmarkId::new("candor_add_document", size), |b| {
        b.iter(|| {
            let new = NewDocument {
                kind: DocumentKind::Cv,
                file_name: "cv.pdf".into(),
                media_type: "application/pdf".into(),
                note: None,
            };
            let entry = vault.add_document(new, &data[..]).expect("add");
            vault.remove_document(&entry.id).expect("remove");
        })
    });
    for (name, page_size) in [
        ("raw_sqlite_blob_insert", 4096),
        ("raw_sqlite_blob_insert_64KiB_pages", 65536),
    ] {
        let conn =
            rusqlite::Connection::open(dir.path().join(format!("{name}.sqlite"))).expect("raw db");
        conn.pragma_update(None, "page_size", page_size)
            .expect("page size");
        conn.pragma_update(None, "journal_mode", "WAL")
            .expect("wal");
        conn.pragma_update(None, "synchronous", "FULL")
            .expect("sync");
        conn.execute(
            "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
            [],
        )
        .expect("table");
        group.bench_function(BenchmarkId::new(name, size), |b| {
            b.iter(|| {
                conn.execute("INSERT INTO blobs (id, data) VALUES (1, ?1)", [&data[..]])
                    .expect("insert");
                conn.execute("DELETE FROM blobs", []).expect("delete");
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    unlock,
    open_large,
    attachment_cipher,
    store_attachment
);
criterion_main!(benches);
