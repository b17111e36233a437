//! Refusals: each goes to stderr as `candor: <what happened and what to do>`, exits with 1
//! and prints nothing on stdout (see `common::refusal`).

mod common;

use common::{assert_refused, Sandbox, INIT, PASSPHRASE, UNLOCK};

#[test]
fn a_missing_vault_is_refused_with_a_pointer_to_init() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["skill", "list"], &UNLOCK, None);
    assert_refused(
        &out,
        &format!(
            "no vault at {}; create one with `candor init` or pass the right --vault path",
            sandbox.vault.display()
        ),
    );
    assert!(!sandbox.vault.exists(), "nothing is created");
}

#[test]
fn wrong_passphrase_is_refused_and_changes_nothing() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);
    let before = std::fs::read(&sandbox.vault).expect("the vault");

    let out = sandbox.run(
        &["skill", "add", "SQL"],
        &[("CANDOR_PASSPHRASE", "correct horse battery stapler")],
        None,
    );
    assert_refused(
        &out,
        "wrong passphrase, or the vault header was modified; check the passphrase (Caps Lock?) or \
         unlock with your recovery code",
    );
    assert!(
        std::fs::read(&sandbox.vault).expect("the vault") == before,
        "the vault file is unchanged"
    );
    assert_eq!(
        sandbox.json(&["skill", "list"]).as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn init_refuses_to_overwrite_an_existing_file() {
    let (sandbox, _) = Sandbox::with_vault();
    let before = std::fs::read(&sandbox.vault).expect("the vault");
    let out = sandbox.run(&INIT, &UNLOCK, None);
    assert_refused(
        &out,
        &format!(
            "a file already exists at {}; choose another path or remove it first",
            sandbox.vault.display()
        ),
    );
    assert!(
        std::fs::read(&sandbox.vault).expect("the vault") == before,
        "the vault file is unchanged"
    );
}

#[test]
fn init_refuses_a_too_short_passphrase_and_creates_nothing() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&INIT, &[("CANDOR_PASSPHRASE", "1234567")], None);
    assert_refused(
        &out,
        "the passphrase must be at least 8 characters; a few random words make a good one",
    );
    assert!(!sandbox.vault.exists());
}

#[test]
fn init_refuses_key_derivation_settings_outside_the_bounds() {
    let sandbox = Sandbox::new();
    let out = sandbox.run(&["init", "--kdf-memory", "5"], &UNLOCK, None);
    assert_refused(
        &out,
        "--kdf-memory must be 19–1024 MiB, --kdf-iterations 2–10 and --kdf-parallelism 1–16",
    );
    assert!(!sandbox.vault.exists());
}

#[test]
fn an_unknown_application_status_is_refused() {
    let (sandbox, _) = Sandbox::with_vault();
    let id = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Equinor",
        "--position",
        "Data engineer",
    ]);
    let out = sandbox.run(&["apply", "status", &id, "ghosted"], &UNLOCK, None);
    assert_refused(
        &out,
        "\"ghosted\" is not one of draft, applied, interview, offer, hired, rejected, withdrawn; use one of them",
    );
    assert_eq!(
        sandbox.json(&["apply", "show", &id])["value"]["status"],
        "draft"
    );
}

#[test]
fn an_id_that_matches_nothing_is_refused_with_the_command_that_lists_the_ids() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Equinor",
        "--position",
        "Data engineer",
    ]);
    sandbox.add(&["skill", "add", "Rust"]);
    // Ids are hexadecimal, so no id starts with "zz".
    let cases = [
        (&["apply", "show", "zzzz"][..], "there is no application whose id starts with zzzz; `candor apply list` shows the ids"),
        (&["apply", "status", "zzzzzzzz", "applied"], "there is no application whose id starts with zzzzzzzz; `candor apply list` shows the ids"),
        (&["skill", "rm", "zzzz"], "there is no skill whose id starts with zzzz; `candor skill list` shows the ids"),
        (&["experience", "rm", "zzzz"], "there is no experience whose id starts with zzzz; `candor experience list` shows the ids"),
        (&["education", "course", "add", "zzzz", "--title", "Algorithms"], "there is no education whose id starts with zzzz; `candor education list` shows the ids"),
        (&["doc", "get", "zzzz", "--out", "copy.pdf"], "there is no document whose id starts with zzzz; `candor doc list` shows the ids"),
        (&["apply", "show", "a"], "there is no application with id a; type at least 4 characters of an id that `candor apply list` shows"),
    ];
    for (args, message) in cases {
        assert_refused(&sandbox.run(args, &UNLOCK, None), message);
    }
}

#[test]
fn a_bad_date_is_refused_naming_the_option() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.run(
        &[
            "education",
            "add",
            "--institution",
            "NTNU",
            "--start",
            "2019-13",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "--start \"2019-13\": \"2019-13\" is not a valid date: the month must be between 01 and 12",
    );
    let out = sandbox.run(
        &[
            "experience",
            "add",
            "--company",
            "Equinor",
            "--end",
            "June 2019",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "--end \"June 2019\": \"June 2019\" is not a valid date: write it as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-06-29",
    );
    let out = sandbox.run(
        &[
            "apply",
            "add",
            "--company",
            "Equinor",
            "--position",
            "Data engineer",
            "--next-date",
            "2024-06",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "--next-date \"2024-06\": \"2024-06\" is not a valid date: a full date is needed; write it as YYYY-MM-DD, e.g. 2019-06-29",
    );
    assert_eq!(
        sandbox.ok(&["profile", "show"]),
        "{}\n",
        "nothing was added"
    );
}

#[test]
fn negative_credits_are_refused_with_what_to_write_instead() {
    let (sandbox, _) = Sandbox::with_vault();
    let ntnu = sandbox.add(&["education", "add", "--institution", "NTNU"]);
    let out = sandbox.run(
        &[
            "education",
            "course",
            "add",
            &ntnu,
            "--title",
            "Algorithms",
            "--credits",
            "-5",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "--credits \"-5\": credits cannot be negative (got -5); use 0 or more, e.g. 7.5",
    );
    let out = sandbox.run(
        &[
            "education",
            "course",
            "add",
            &ntnu,
            "--title",
            "Algorithms",
            "--credits",
            "7.5 ECTS",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "--credits \"7.5 ECTS\": \"7.5 ECTS\" is not a number of credits; use a number with at most 3 decimals, e.g. 7.5",
    );
    assert_eq!(
        sandbox.profile()["education"][0].get("courses"),
        None,
        "no course was added"
    );
}

#[test]
fn an_unreadable_passphrase_file_is_refused_naming_it() {
    let (sandbox, _) = Sandbox::with_vault();
    let missing = sandbox.path("no-such-file.txt");
    let out = sandbox.run(
        &[
            "--passphrase-file",
            missing.to_str().expect("UTF-8"),
            "skill",
            "list",
        ],
        &[],
        None,
    );
    let message = common::refusal(&out);
    assert!(
        message.starts_with(&format!(
            "cannot read the passphrase file {}: ",
            missing.display()
        )),
        "{message}"
    );
    assert!(!message.contains(PASSPHRASE));
}

#[test]
fn usage_mistakes_exit_with_2() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.run(&["skill", "frobnicate"], &UNLOCK, None);
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
}
