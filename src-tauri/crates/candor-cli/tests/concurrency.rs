//! One process per vault: while another Candor holds the vault, the CLI is refused.

mod common;

use candor_vault::SeekerVault;
use common::{assert_refused, Sandbox, PASSPHRASE, UNLOCK};
use secrecy::SecretString;

#[test]
fn a_vault_open_in_another_candor_is_refused_until_it_is_closed() {
    let (sandbox, _) = Sandbox::with_vault();
    sandbox.ok(&["skill", "add", "Rust"]);

    // This test process plays the desktop app.
    let held = SeekerVault::open(&sandbox.vault, &SecretString::from(PASSPHRASE))
        .expect("the vault opens");
    let out = sandbox.run(&["skill", "list"], &UNLOCK, None);
    assert_refused(
        &out,
        &format!(
            "the vault {} is open in another Candor; close it there first",
            sandbox.vault.display()
        ),
    );
    let out = sandbox.run(&["skill", "add", "SQL"], &UNLOCK, None);
    assert_refused(
        &out,
        &format!(
            "the vault {} is open in another Candor; close it there first",
            sandbox.vault.display()
        ),
    );
    held.lock();

    let skills = sandbox.json(&["skill", "list"]);
    let names: Vec<&str> = skills
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["value"]["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(names, ["Rust"], "the refused add stored nothing");
}
