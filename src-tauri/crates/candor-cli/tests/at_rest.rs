//! No plaintext at rest: what a person puts in through the CLI is never on disk readable,
//! not in the vault, not in SQLite's -wal and -shm files beside it, not in a backup.

mod common;

use std::path::PathBuf;

use common::{contains, succeeded, Sandbox};

/// A synthetic Norwegian national identity number (born 15 May 1995) with valid mod-11
/// check digits; the model's tests check it by hand.
const NATIONAL_ID: &str = "15059500136";
const NAME: &str = "Ingrid Bjørnstad-Halvorsen";
const EMAIL: &str = "ingrid.bjornstad@example.no";
const COURSE: &str = "Kvantemekanikk for viderekomne";
const COMPANY: &str = "Fjordkraft Havvind";
const SKILL: &str = "Undervannsrobotikk";
const DOCUMENT: &str = "Vitnemål: Ingrid har bestått med glans";

#[test]
fn nothing_a_person_adds_is_readable_in_the_vault_its_sidecars_or_a_backup() {
    let (sandbox, _) = Sandbox::with_vault();
    let profile = serde_json::json!({
        "person": {
            "name": NAME,
            "email": EMAIL,
            "nationalId": { "country": "NO", "value": NATIONAL_ID },
        },
        "education": [{
            "institution": "NTNU",
            "courses": [{ "title": COURSE, "credits": "7.5", "grade": { "scheme": "ects", "label": "A" } }],
        }],
        "work": [{ "name": COMPANY, "position": "Ingeniør" }],
    });
    succeeded(&sandbox.set_profile(&profile.to_string()));
    sandbox.ok(&["skill", "add", SKILL]);
    sandbox.add(&[
        "apply",
        "add",
        "--company",
        COMPANY,
        "--position",
        "Havvindingeniør",
        "--contact",
        NAME,
    ]);
    let document = sandbox.path("vitnemaal.txt");
    std::fs::write(&document, DOCUMENT).expect("written");
    sandbox.add(&[
        "doc",
        "add",
        document.to_str().expect("UTF-8"),
        "--kind",
        "diploma",
    ]);
    std::fs::remove_file(&document).expect("the original removed");
    // It went in: the vault gives it all back.
    let shown = sandbox.ok(&["profile", "show"]);
    assert!(shown.contains(NATIONAL_ID) && shown.contains(NAME) && shown.contains(COURSE));

    let backup = sandbox.path("backup.candor");
    sandbox.ok(&["backup", backup.to_str().expect("UTF-8")]);

    let mut files: Vec<PathBuf> = vec![sandbox.vault.clone(), backup];
    for suffix in ["-wal", "-shm"] {
        let mut sidecar = sandbox.vault.clone().into_os_string();
        sidecar.push(suffix);
        files.push(sidecar.into());
    }
    let secrets = [
        NATIONAL_ID,
        NAME,
        EMAIL,
        COURSE,
        COMPANY,
        SKILL,
        DOCUMENT,
        "Bj\u{f8}rnstad",
        "Kvantemekanikk",
    ];
    let mut searched = 0;
    for file in files.iter().filter(|f| f.exists()) {
        let bytes = std::fs::read(file).expect("readable");
        assert!(
            contains(&bytes, b"SQLite format 3\0"),
            "{} is the database it should be",
            file.display()
        );
        for secret in secrets {
            assert!(
                !contains(&bytes, secret.as_bytes()),
                "{secret:?} is readable in {}",
                file.display()
            );
        }
        searched += 1;
    }
    assert!(searched >= 2, "the vault and the backup were searched");
}
