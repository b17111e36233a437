//! Writes to a vault in a loop until killed, printing `committed N` after each commit.
//!
//! usage: crash-writer VAULT START
//! Each round adds application N (company "Company N"), rewrites an earlier one, and every
//! fourth round deletes one and adds a small document, so inserts, updates, deletes and
//! chunked attachments are all in flight when the kill lands.

use std::io::Write;
use std::path::PathBuf;

use candor_model::{Application, Timestamp};
use candor_vault::{NewDocument, SeekerVault};
use secrecy::SecretString;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: crash-writer VAULT START"));
    let start: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: crash-writer VAULT START");
    let passphrase = SecretString::from(candor_tests::TEST_PASSPHRASE);
    let mut vault = SeekerVault::open(&path, &passphrase).expect("the vault opens");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ids: Vec<String> = Vec::new();
    for n in start.. {
        let app = Application::new(format!("Company {n}"), "Engineer", Timestamp::now());
        let id = vault.insert(&app).expect("insert");
        writeln!(out, "committed {n}")
            .and_then(|_| out.flush())
            .expect("report");
        if let Some(earlier) = ids.get(n as usize % ids.len().max(1)) {
            let mut entry = vault.get::<Application>(earlier).expect("read back");
            entry.value.notes = Some(format!("touched in round {n}"));
            vault.update(earlier, &entry.value).expect("update");
        }
        if n % 4 == 0 {
            let doc = NewDocument {
                kind: candor_model::DocumentKind::Other,
                file_name: format!("note-{n}.txt"),
                media_type: "text/plain".into(),
                note: None,
            };
            let body = vec![b'x'; 150 * 1024];
            vault.add_document(doc, &body[..]).expect("add document");
            let scratch = vault
                .insert(&Application::new("Scratch", "x", Timestamp::now()))
                .expect("insert");
            vault.delete::<Application>(&scratch).expect("delete");
        }
        ids.push(id);
    }
}
