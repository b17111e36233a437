//! `candor rekey`: everything re-encrypted under a new key, the passphrase kept, a new
//! recovery code; and a re-key killed at any moment leaves a vault that opens with all of it.

mod common;

use std::process::{Command, Stdio};
use std::time::Instant;

use common::{
    assert_is_recovery_code, assert_refused, code_in, json_of, recovery_code_text, succeeded,
    Sandbox, UNLOCK,
};

const REKEYED: &str = "Re-keyed: everything in the vault is encrypted under a new key. Your \
    passphrase is the same; the old recovery code no longer works. Backups made before now \
    still open with the passphrase and recovery code they were made with.";

#[test]
fn rekey_keeps_the_passphrase_and_issues_a_new_recovery_code() {
    let (sandbox, old_code) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let out = sandbox.ok(&["rekey"]);
    let new_code = code_in(&out);
    assert_is_recovery_code(&new_code);
    assert_ne!(new_code, old_code);
    assert_eq!(out, recovery_code_text(REKEYED, &new_code));
    let skills = sandbox.json(&["skill", "list"]);
    assert_eq!(skills[0]["value"]["name"], "Rust", "{skills}");

    let recover = |code: &str| {
        sandbox.run(
            &["recover"],
            &[
                ("CANDOR_RECOVERY_CODE", code),
                (
                    "CANDOR_NEW_PASSPHRASE",
                    "a brand new passphrase for this vault",
                ),
            ],
            None,
        )
    };
    assert_refused(
        &recover(&old_code),
        "this recovery code does not open this vault; it may belong to another vault or have \
         been replaced when the vault was last recovered",
    );
    succeeded(&recover(&new_code));
}

#[test]
fn rekey_with_a_wrong_passphrase_changes_nothing() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let before = sandbox.vault_files();
    let out = sandbox.run(
        &["rekey"],
        &[("CANDOR_PASSPHRASE", "not the passphrase at all")],
        None,
    );
    assert_refused(
        &out,
        "wrong passphrase, or the vault header was modified; check the passphrase (Caps Lock?) \
         or unlock with your recovery code",
    );
    assert_eq!(sandbox.vault_files(), before);
}

/// Documents of a few MiB each and some records: enough that a re-key takes a while.
fn filled(sandbox: &Sandbox) -> Vec<(String, Vec<u8>)> {
    let mut documents = Vec::new();
    for i in 0..4u32 {
        let mut state = 0x9e37_79b9_u32.wrapping_mul(i + 1);
        let bytes: Vec<u8> = (0..2 * 1024 * 1024)
            .map(|_| {
                // xorshift: incompressible, so SQLite stores every byte.
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let file = sandbox.file(&format!("doc-{i}.pdf"), &bytes);
        let id = sandbox.add(&["doc", "add", &file, "--kind", "other"]);
        documents.push((id, bytes));
    }
    for i in 0..40 {
        sandbox.ok(&["skill", "add", &format!("Skill {i}")]);
    }
    documents
}

/// The data key's wrap in the header: which key is in charge.
fn wrapped_key(vault: &std::path::Path) -> Vec<u8> {
    rusqlite::Connection::open(vault)
        .and_then(|c| c.query_row("SELECT wrapped_dek FROM header", [], |r| r.get(0)))
        .expect("header")
}

fn copy_vault(from: &Sandbox, to: &Sandbox) {
    for (path, bytes) in from.vault_files() {
        let name = path.file_name().expect("a file name").to_owned();
        std::fs::write(to.path("x").with_file_name(name), bytes).expect("copied");
    }
}

fn rekey_process(sandbox: &Sandbox) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_candor"))
        .arg("--vault")
        .arg(&sandbox.vault)
        .arg("rekey")
        .envs(UNLOCK)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("candor starts")
}

/// A number in 0..1 that differs from run to run.
fn random_fraction(seed: u64) -> f64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::from(d.subsec_nanos()))
        .unwrap_or(0);
    let mut x = nanos ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    (x % 10_000) as f64 / 10_000.0
}

#[test]
fn a_rekey_killed_at_random_moments_leaves_a_vault_that_opens_with_everything() {
    let (pristine, _) = Sandbox::with_vault();
    let documents = filled(&pristine);
    let skills = pristine.json(&["skill", "list"]);
    let original_key = wrapped_key(&pristine.vault);

    // How long a whole re-key takes here, so the kills land inside it.
    let timing = Sandbox::new();
    copy_vault(&pristine, &timing);
    let started = Instant::now();
    let status = rekey_process(&timing).wait().expect("waits");
    assert!(status.success());
    let whole = started.elapsed();

    let mut outcomes = Vec::new();
    for round in 0..6u64 {
        let sandbox = Sandbox::new();
        copy_vault(&pristine, &sandbox);
        let mut child = rekey_process(&sandbox);
        // Mostly during the re-key; now and then just after it, so both endings are met.
        let at = whole.mul_f64(1.1 * random_fraction(round));
        std::thread::sleep(at);
        // SIGKILL: no destructor, no rollback, no chance to clean up.
        let _ = child.kill();
        let status = child.wait().expect("waits");

        let in_charge = if wrapped_key(&sandbox.vault) == original_key {
            "old key"
        } else {
            "new key"
        };
        outcomes.push(format!(
            "killed after {at:?} of {whole:?} ({status}): {in_charge}"
        ));
        // Either key, nothing lost: every record and every document byte for byte.
        assert_eq!(sandbox.json(&["skill", "list"]), skills, "{outcomes:?}");
        for (id, bytes) in &documents {
            let out = sandbox.path("out.bin");
            let _ = std::fs::remove_file(&out);
            sandbox.ok(&["doc", "get", id, "--out", out.to_str().expect("UTF-8")]);
            assert!(
                std::fs::read(&out).expect("read back") == *bytes,
                "document {id} after {outcomes:?}"
            );
        }
        let listed = json_of(&sandbox.ok(&["--json", "doc", "list"]));
        assert_eq!(listed.as_array().map(Vec::len), Some(documents.len()));
    }
    eprintln!("{}", outcomes.join("\n"));
}
