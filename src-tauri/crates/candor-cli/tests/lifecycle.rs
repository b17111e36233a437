//! The vault's keys and copies: passphrase change, recovery, backup and restore.

mod common;

use common::{
    assert_is_recovery_code, assert_refused, code_in, recovery_code_text, refusal, succeeded,
    Sandbox, INIT, PASSPHRASE, UNLOCK,
};

const WRONG_PASSPHRASE: &str = "wrong passphrase, or the vault header was modified; check the \
                                passphrase (Caps Lock?) or unlock with your recovery code";
const NEW_PASSPHRASE: &str = "a new and longer passphrase";

/// `candor skill list --json` with `passphrase`.
fn skills_with(sandbox: &Sandbox, passphrase: &str) -> std::process::Output {
    sandbox.run(
        &["--json", "skill", "list"],
        &[("CANDOR_PASSPHRASE", passphrase)],
        None,
    )
}

#[test]
fn passwd_replaces_the_passphrase_and_the_old_one_stops_working() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);

    let out = sandbox.run(
        &["passwd"],
        &[
            ("CANDOR_PASSPHRASE", PASSPHRASE),
            ("CANDOR_NEW_PASSPHRASE", NEW_PASSPHRASE),
        ],
        None,
    );
    assert_eq!(
        succeeded(&out),
        "Passphrase changed. Your recovery code still works.\n"
    );

    assert_refused(&skills_with(&sandbox, PASSPHRASE), WRONG_PASSPHRASE);
    let skills = common::json_of(&succeeded(&skills_with(&sandbox, NEW_PASSPHRASE)));
    assert_eq!(
        skills[0]["value"]["name"], "Rust",
        "the records are still there"
    );
}

#[test]
fn passwd_reads_both_passphrases_from_files() {
    let (sandbox, _) = Sandbox::with_vault();
    let current = sandbox.path("current.txt");
    let new = sandbox.path("new.txt");
    std::fs::write(&current, format!("{PASSPHRASE}\n")).expect("written");
    std::fs::write(&new, format!("{NEW_PASSPHRASE}\n")).expect("written");
    let out = sandbox.run(
        &[
            "--json",
            "--passphrase-file",
            current.to_str().expect("UTF-8"),
            "passwd",
            "--new-passphrase-file",
            new.to_str().expect("UTF-8"),
        ],
        &[],
        None,
    );
    assert_eq!(
        common::json_of(&succeeded(&out)),
        serde_json::json!({ "changed": true })
    );
    succeeded(&skills_with(&sandbox, NEW_PASSPHRASE));
}

#[test]
fn passwd_refuses_a_wrong_current_passphrase_or_a_short_new_one_and_changes_nothing() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.run(
        &["passwd"],
        &[
            ("CANDOR_PASSPHRASE", "not the passphrase"),
            ("CANDOR_NEW_PASSPHRASE", NEW_PASSPHRASE),
        ],
        None,
    );
    assert_refused(&out, WRONG_PASSPHRASE);

    let out = sandbox.run(
        &["passwd"],
        &[
            ("CANDOR_PASSPHRASE", PASSPHRASE),
            ("CANDOR_NEW_PASSPHRASE", "short"),
        ],
        None,
    );
    assert_refused(
        &out,
        "the passphrase must be at least 8 characters; a few random words make a good one",
    );

    succeeded(&skills_with(&sandbox, PASSPHRASE));
    assert_refused(&skills_with(&sandbox, NEW_PASSPHRASE), WRONG_PASSPHRASE);
}

/// `candor recover` with `code` and [`NEW_PASSPHRASE`].
fn recover(sandbox: &Sandbox, code: &str) -> std::process::Output {
    sandbox.run(
        &["recover"],
        &[
            ("CANDOR_RECOVERY_CODE", code),
            ("CANDOR_NEW_PASSPHRASE", NEW_PASSPHRASE),
        ],
        None,
    )
}

#[test]
fn recover_sets_a_new_passphrase_and_replaces_the_recovery_code() {
    let (sandbox, old_code) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);

    let out = succeeded(&recover(&sandbox, &old_code));
    let new_code = code_in(&out);
    assert_is_recovery_code(&new_code);
    assert_ne!(new_code, old_code, "a new code is issued");
    assert_eq!(
        out,
        recovery_code_text(
            "Recovered: the new passphrase is set, everything in the vault is encrypted under \
             a new key, and the old recovery code no longer works.",
            &new_code
        )
    );

    assert_refused(&skills_with(&sandbox, PASSPHRASE), WRONG_PASSPHRASE);
    let skills = common::json_of(&succeeded(&skills_with(&sandbox, NEW_PASSPHRASE)));
    assert_eq!(
        skills[0]["value"]["name"], "Rust",
        "the records are still there"
    );

    assert_refused(
        &recover(&sandbox, &old_code),
        "this recovery code does not open this vault; it may belong to another vault or have \
         been replaced when the vault was last recovered",
    );

    // The new code works, typed sloppily, from a file.
    let file = sandbox.path("code.txt");
    std::fs::write(&file, new_code.to_lowercase().replace('-', " ")).expect("written");
    let out = sandbox.run(
        &[
            "--json",
            "recover",
            "--recovery-code-file",
            file.to_str().expect("UTF-8"),
        ],
        &[("CANDOR_NEW_PASSPHRASE", "yet another passphrase")],
        None,
    );
    let third = common::json_of(&succeeded(&out));
    assert_eq!(third["vault"], sandbox.vault.to_str().expect("UTF-8"));
    assert_is_recovery_code(third["recoveryCode"].as_str().expect("a code"));
    succeeded(&skills_with(&sandbox, "yet another passphrase"));
}

#[test]
fn a_mistyped_recovery_code_is_told_apart_from_a_wrong_one() {
    let (sandbox, code) = Sandbox::with_vault();
    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    assert_refused(
        &recover(&sandbox, &typo),
        "the recovery code is mistyped (its checksum does not match); enter it exactly as printed",
    );
    assert_refused(
        &recover(&sandbox, &code[..20]),
        "the recovery code is mistyped (it should have 36 letters and digits in 9 groups of 4); \
         enter it exactly as printed",
    );
    succeeded(&skills_with(&sandbox, PASSPHRASE));
}

/// Regression: a recovery code of 31 `A`s, an `é` and three `A`s is 36 bytes, and
/// `candor recover` panicked slicing it ("byte index 32 is not a char boundary", exit 101).
#[test]
fn a_recovery_code_with_any_unicode_in_it_is_refused_not_a_crash() {
    let (sandbox, _) = Sandbox::with_vault();
    let typed = format!("{}é{}", "A".repeat(31), "A".repeat(3));
    assert_refused(
        &recover(&sandbox, &typed),
        "the recovery code is mistyped (it should have 36 letters and digits in 9 groups of 4); \
         enter it exactly as printed",
    );
    for typed in [
        format!("{}é{}", "A".repeat(32), "A".repeat(3)),
        "😀".repeat(36),
        "e\u{301}".repeat(18),
        "ＡＢＣＤ".repeat(9),
    ] {
        let message = refusal(&recover(&sandbox, &typed));
        assert!(
            message.starts_with("the recovery code is mistyped ("),
            "{typed:?} is refused as mistyped: {message}"
        );
    }
    succeeded(&skills_with(&sandbox, PASSPHRASE));
}

/// A passphrase that is easy to guess, and what Candor says when it comes from the
/// environment or a file without `--accept-weak-passphrase`.
const WEAK: &str = "password1";
const WEAK_REFUSED: &str = "the passphrase would be easy to guess (strength 0 of 4; 3 or more \
                            is safe); choose a few random words, or pass \
                            --accept-weak-passphrase to use it anyway";

#[test]
fn a_weak_passphrase_is_set_only_with_accept_weak_passphrase() {
    let sandbox = Sandbox::new();
    let weak = [("CANDOR_PASSPHRASE", WEAK)];
    assert_refused(&sandbox.run(&INIT, &weak, None), WEAK_REFUSED);
    assert!(!sandbox.vault.exists(), "no vault is made");
    let mut init = INIT.to_vec();
    init.push("--accept-weak-passphrase");
    succeeded(&sandbox.run(&init, &weak, None));
    succeeded(&skills_with(&sandbox, WEAK));

    let (sandbox, code) = Sandbox::with_vault();
    let passwd = |extra: &[&str]| {
        sandbox.run(
            &[&["passwd"][..], extra].concat(),
            &[
                ("CANDOR_PASSPHRASE", PASSPHRASE),
                ("CANDOR_NEW_PASSPHRASE", WEAK),
            ],
            None,
        )
    };
    assert_refused(&passwd(&[]), WEAK_REFUSED);
    succeeded(&skills_with(&sandbox, PASSPHRASE));
    succeeded(&passwd(&["--accept-weak-passphrase"]));
    succeeded(&skills_with(&sandbox, WEAK));

    let recover = |extra: &[&str]| {
        sandbox.run(
            &[&["recover"][..], extra].concat(),
            &[
                ("CANDOR_RECOVERY_CODE", code.as_str()),
                ("CANDOR_NEW_PASSPHRASE", "12345678"),
            ],
            None,
        )
    };
    assert_refused(&recover(&[]), WEAK_REFUSED);
    succeeded(&skills_with(&sandbox, WEAK));
    succeeded(&recover(&["--accept-weak-passphrase"]));
    succeeded(&skills_with(&sandbox, "12345678"));
}

#[test]
fn a_backup_restored_to_a_new_path_reads_the_same() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let ntnu = sandbox.add(&["education", "add", "--institution", "NTNU"]);
    sandbox.ok(&[
        "education",
        "course",
        "add",
        &ntnu,
        "--title",
        "Algorithms",
        "--credits",
        "7.5",
        "--grade",
        "B",
    ]);
    let id = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Equinor",
        "--position",
        "Data engineer",
    ]);
    sandbox.ok(&["apply", "status", &id, "applied"]);

    let backup = sandbox.path("backup.candor");
    assert_eq!(
        sandbox.ok(&["backup", backup.to_str().expect("UTF-8")]),
        format!(
            "Backed up to {}. It opens with the passphrase the vault has now.\n",
            backup.display()
        )
    );
    let restored = sandbox.path("restored.candor");
    let out = sandbox.run_on(
        &restored,
        &["restore", backup.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    assert_eq!(
        succeeded(&out),
        format!("Restored {} to {}.\n", backup.display(), restored.display())
    );

    for args in [
        &["profile", "show"][..],
        &["--json", "apply", "list"],
        &["gpa"],
    ] {
        let original = sandbox.ok(args);
        let copy = succeeded(&sandbox.run_on(&restored, args, &UNLOCK, None));
        assert_eq!(
            copy,
            original,
            "`candor {}` reads the same from the restored vault",
            args.join(" ")
        );
    }
}

#[test]
fn backup_never_overwrites_an_existing_file() {
    let (sandbox, _) = Sandbox::with_vault();
    let existing = sandbox.path("notes.txt");
    std::fs::write(&existing, b"keep me").expect("written");
    let out = sandbox.run(
        &["backup", existing.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        &format!(
            "a file already exists at {}; choose another path or remove it first",
            existing.display()
        ),
    );
    assert_eq!(std::fs::read(&existing).expect("still there"), b"keep me");
}

/// The names of the files in the sandbox folder, sorted.
fn files_in(sandbox: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sandbox.path("."))
        .expect("the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn restore_refuses_a_damaged_backup_and_leaves_the_target_alone() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let backup = sandbox.path("backup.candor");
    sandbox.ok(&["backup", backup.to_str().expect("UTF-8")]);

    let mut bytes = std::fs::read(&backup).expect("the backup");
    let middle = bytes.len() / 2;
    bytes[middle - 64..middle + 64].fill(b'X');
    let damaged = sandbox.path("damaged.candor");
    std::fs::write(&damaged, &bytes).expect("written");
    let text = sandbox.path("notes.txt");
    std::fs::write(&text, "not a vault at all\n").expect("written");
    let before = files_in(&sandbox);

    // Into a new path: refused, and nothing is created.
    let target = sandbox.path("restored.candor");
    for bad in [&damaged, &text] {
        let out = sandbox.run_on(
            &target,
            &["restore", bad.to_str().expect("UTF-8")],
            &UNLOCK,
            None,
        );
        let message = refusal(&out);
        let prefix = format!("the backup {} cannot be restored: ", bad.display());
        assert!(
            message.starts_with(&prefix) && message.ends_with("; nothing was replaced"),
            "{message}"
        );
        assert!(!target.exists(), "no vault appears at the target");
        assert_eq!(files_in(&sandbox), before, "no file is left behind");
        if bad == &text {
            assert_eq!(
                message,
                format!("{prefix}it is not a Candor vault (it is not an SQLite database); nothing was replaced")
            );
        }
    }

    // Over the vault itself, even with --replace: refused, and the vault is untouched.
    let vault_bytes = std::fs::read(&sandbox.vault).expect("the vault");
    let out = sandbox.run(
        &["restore", "--replace", damaged.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    refusal(&out);
    assert!(
        std::fs::read(&sandbox.vault).expect("the vault") == vault_bytes,
        "the vault is unchanged"
    );
    assert_eq!(sandbox.json(&["skill", "list"])[0]["value"]["name"], "Rust");
}

#[test]
fn a_backup_opens_only_with_the_passphrase_it_was_made_with() {
    let (sandbox, _) = Sandbox::with_vault();
    let backup = sandbox.path("backup.candor");
    sandbox.ok(&["backup", backup.to_str().expect("UTF-8")]);
    let target = sandbox.path("restored.candor");
    let out = sandbox.run_on(
        &target,
        &["restore", backup.to_str().expect("UTF-8")],
        &[("CANDOR_PASSPHRASE", "not the passphrase")],
        None,
    );
    assert_refused(
        &out,
        &format!(
            "the backup {} cannot be restored: {WRONG_PASSPHRASE}; nothing was replaced",
            backup.display()
        ),
    );
    assert!(!target.exists());
}

#[test]
fn restore_onto_an_existing_vault_needs_replace() {
    let (sandbox, _) = Sandbox::with_vault();
    let backup = sandbox.path("backup.candor");
    sandbox.ok(&["backup", backup.to_str().expect("UTF-8")]);
    sandbox.ok(&["skill", "add", "Added after the backup"]);

    let out = sandbox.run(&["restore", backup.to_str().expect("UTF-8")], &UNLOCK, None);
    assert_refused(
        &out,
        &format!(
            "a vault already exists at {}; pass --replace to replace it with the backup, or \
             restore to another --vault path",
            sandbox.vault.display()
        ),
    );
    assert_eq!(
        sandbox.json(&["skill", "list"]).as_array().map(Vec::len),
        Some(1),
        "nothing was replaced"
    );

    let out = sandbox.run(
        &["restore", "--replace", backup.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    assert_eq!(
        succeeded(&out),
        format!(
            "Restored {} to {}.\n",
            backup.display(),
            sandbox.vault.display()
        )
    );
    assert_eq!(
        sandbox.json(&["skill", "list"]),
        serde_json::json!([]),
        "the vault is as it was at the backup"
    );
}
