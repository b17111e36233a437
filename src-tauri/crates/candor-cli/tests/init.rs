//! Making a vault: what `candor init` prints, and where the passphrase can come from.

mod common;

use common::{
    added_id, assert_is_recovery_code, code_in, recovery_code_text, succeeded, Sandbox, INIT,
    PASSPHRASE, UNLOCK,
};
use serde_json::json;

#[test]
fn init_prints_where_the_vault_is_and_its_recovery_code_once() {
    let sandbox = Sandbox::new();
    let out = succeeded(&sandbox.run(&INIT, &UNLOCK, None));

    let code = code_in(&out);
    assert_is_recovery_code(&code);
    let headline = format!("Created a seeker vault at {}.", sandbox.vault.display());
    assert_eq!(out, recovery_code_text(&headline, &code));
    assert!(sandbox.vault.is_file(), "init makes the vault file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&sandbox.vault)
            .expect("the vault")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner may read the vault");
    }
    // The vault opens with the passphrase it was made with, and is empty.
    assert_eq!(
        sandbox.ok(&["skill", "list"]),
        "No skills yet; add one with `candor skill add NAME`.\n"
    );
}

#[test]
fn init_with_json_prints_the_path_and_the_code_for_scripts() {
    let sandbox = Sandbox::new();
    let mut args = vec!["--json"];
    args.extend(INIT);
    let out = common::json_of(&succeeded(&sandbox.run(&args, &UNLOCK, None)));
    let code = out["recoveryCode"]
        .as_str()
        .expect("a recovery code")
        .to_owned();
    assert_is_recovery_code(&code);
    assert_eq!(out, json!({ "vault": sandbox.vault, "recoveryCode": code }));
}

#[test]
fn the_passphrase_can_come_from_the_first_line_of_a_file() {
    let sandbox = Sandbox::new();
    let file = sandbox.path("passphrase.txt");
    std::fs::write(
        &file,
        format!("{PASSPHRASE}\nthe second line is not read\n"),
    )
    .expect("written");
    let file = file.to_str().expect("a UTF-8 path");
    let mut init = vec!["--passphrase-file", file];
    init.extend(INIT);
    succeeded(&sandbox.run(&init, &[], None));

    let out = sandbox.run(
        &["--passphrase-file", file, "skill", "add", "Rust"],
        &[],
        None,
    );
    added_id(&succeeded(&out), "skill");
    // The same passphrase from the environment opens it too.
    assert_eq!(sandbox.json(&["skill", "list"])[0]["value"]["name"], "Rust");
}
