//! Every file the CLI writes at the person's request is readable by them only (0600), and
//! every folder it makes is theirs only (0700), even under `umask 000`: the vault, decrypted
//! copies, exports, backups and restored vaults, key cards, the organisation's age
//! identity, shares, notices, answers and invitations. A clear file says it is not
//! encrypted.
//!
//! Each test sets this process's umask to 000 (the candor processes it starts inherit it;
//! every test in this file wants it), so the modes seen are the ones Candor asked for.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{succeeded, Sandbox, EMPLOYER_INIT, INIT, UNLOCK};

fn permissive_umask() {
    rustix::process::umask(rustix::fs::Mode::empty());
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn assert_private_file(path: &Path) {
    assert_eq!(
        mode(path),
        0o600,
        "{} is readable and writable by its owner only",
        path.display()
    );
}

#[test]
fn init_makes_the_vault_and_its_new_folders_private() {
    permissive_umask();
    let sandbox = Sandbox::new();
    let vault = sandbox.path("data/candor/vault.candor");
    succeeded(&sandbox.run_on(&vault, &INIT, &UNLOCK, None));
    for dir in ["data", "data/candor"] {
        assert_eq!(
            mode(&sandbox.path(dir)),
            0o700,
            "{dir} can be entered by its owner only"
        );
    }
    assert_private_file(&vault);
}

#[test]
fn copies_exports_backups_and_restored_vaults_are_private() {
    permissive_umask();
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let cv = sandbox.file("cv.pdf", b"%PDF-1.4 Kari Nordmann");
    let id = sandbox.add(&["doc", "add", &cv, "--kind", "cv"]);

    let saved = sandbox.ok(&["doc", "get", &id, "--out", "copy.pdf"]);
    assert!(
        saved.ends_with("This copy is not encrypted: delete it when you no longer need it.\n"),
        "{saved}"
    );
    assert_private_file(&sandbox.path("copy.pdf"));

    let resume = sandbox.ok(&["export", "jsonresume", "--out", "resume.json"]);
    assert!(resume.contains(" It is not encrypted: "), "{resume}");
    assert_private_file(&sandbox.path("resume.json"));
    let all = sandbox.ok(&["export", "all", "--out", "everything.zip"]);
    assert!(all.contains("The zip is not encrypted"), "{all}");
    assert_private_file(&sandbox.path("everything.zip"));

    sandbox.ok(&["backup", "backup.candor"]);
    assert_private_file(&sandbox.path("backup.candor"));
    let restored = sandbox.path("restored/vault.candor");
    std::fs::create_dir(sandbox.path("restored")).expect("a folder");
    succeeded(&sandbox.run_on(&restored, &["restore", "backup.candor"], &UNLOCK, None));
    assert_private_file(&restored);
}

#[test]
fn cards_identities_shares_notices_answers_and_invitations_are_private() {
    permissive_umask();
    let (seeker, _) = Sandbox::with_vault();
    let employer = seeker.path("employer.candor");
    let as_employer = |args: &[&str]| succeeded(&seeker.run_on(&employer, args, &UNLOCK, None));
    as_employer(&EMPLOYER_INIT);
    assert_private_file(&employer);
    seeker.ok(&["skill", "add", "Rust"]);

    as_employer(&["employer", "card", "--out", "card.json"]);
    assert_private_file(&seeker.path("card.json"));
    as_employer(&["employer", "export-identity", "--out", "identity.txt"]);
    assert_private_file(&seeker.path("identity.txt"));

    seeker.ok(&["recipient", "add", "card.json"]);
    for (view, out) in [("anonymous", "a.candor"), ("full", "f.candor")] {
        seeker.ok(&[
            "share",
            "--to",
            "Fjordkraft Data AS",
            "--view",
            view,
            "--out",
            out,
        ]);
        assert_private_file(&seeker.path(out));
    }
    as_employer(&["employer", "import", "a.candor", "f.candor"]);

    seeker.ok(&[
        "request",
        "access",
        "--to",
        "Fjordkraft Data AS",
        "--out",
        "access.candor",
    ]);
    assert_private_file(&seeker.path("access.candor"));
    // The employer answers at once, beside the notice.
    as_employer(&["employer", "import", "access.candor"]);
    assert_private_file(&seeker.path("access.candor.answer.candor"));

    let candidates: serde_json::Value =
        serde_json::from_str(&as_employer(&["--json", "employer", "candidates"])).expect("JSON");
    let pseudonym = candidates
        .as_array()
        .expect("a list")
        .iter()
        .find(|c| c["anonymous"] == true)
        .and_then(|c| c["name"].as_str())
        .expect("the anonymous candidate")
        .to_owned();
    as_employer(&[
        "invite",
        &pseudonym,
        "--message",
        "Can we talk on Tuesday?",
        "--out",
        "invite.candor",
    ]);
    assert_private_file(&seeker.path("invite.candor"));
}
