//! Passphrase changes, recovery codes, the one-process lock, no plaintext at rest, and
//! backup and restore.

mod common;

use candor_model::{Application, Education, LearningOpportunity, Skill, Timestamp};
use candor_vault::OpenVault;
use candor_vault::{
    KdfParams, NewPassphrase, RecoveryCode, SecretString, SeekerVault, VaultError, Weak,
};
use common::{contains, message, passphrase, Fixture};

fn sealed_rows(fixture: &Fixture) -> Vec<(String, String, i64, Vec<u8>)> {
    let raw = fixture.raw();
    let mut stmt = raw
        .prepare("SELECT kind, id, version, sealed FROM records ORDER BY kind, id")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

#[test]
fn changing_the_passphrase_keeps_records_and_the_recovery_code() {
    let (fixture, mut vault, code) = Fixture::new();
    vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("insert");
    let before = sealed_rows(&fixture);
    let new = SecretString::from("a brand new passphrase");
    assert!(matches!(
        vault.change_passphrase(&SecretString::from("wrong"), &new),
        Err(VaultError::WrongPassphrase)
    ));
    vault
        .change_passphrase(&passphrase(), &new)
        .expect("change");
    vault.lock();

    assert_eq!(sealed_rows(&fixture), before, "no record is re-encrypted");
    assert!(
        matches!(fixture.open(), Err(VaultError::WrongPassphrase)),
        "the old passphrase fails"
    );
    SeekerVault::open(&fixture.path, &new)
        .expect("the new passphrase opens")
        .lock();
    let printed = code.display();
    let (vault, _) = SeekerVault::recover(
        &fixture.path,
        &RecoveryCode::parse(&printed).expect("parse"),
        &passphrase(),
    )
    .expect("the recovery code still works after a passphrase change");
    assert_eq!(vault.list::<Skill>().expect("list").len(), 1);
}

#[test]
fn after_recovery_the_old_code_fails_and_the_new_one_works() {
    let (fixture, vault, code) = Fixture::new();
    vault.lock();
    let new = SecretString::from("recovered passphrase");
    let (vault, fresh) = SeekerVault::recover(&fixture.path, &code, &new).expect("recover");
    vault.lock();
    SeekerVault::open(&fixture.path, &new)
        .expect("the new passphrase is set")
        .lock();
    assert_eq!(
        message(SeekerVault::recover(&fixture.path, &code, &passphrase())),
        "this recovery code does not open this vault; it may belong to another vault or have been replaced when the vault was last recovered"
    );
    let fresh = RecoveryCode::parse(&fresh.display()).expect("the new code parses");
    SeekerVault::recover(&fixture.path, &fresh, &passphrase())
        .expect("the new code works")
        .0
        .lock();
}

/// The passphrase rule is the vault's own, whichever face asks: too short is refused with
/// the rule and its number, weak is refused unless the person confirmed it, and a refusal
/// changes nothing (no vault made, the passphrase kept, the recovery code not used up).
#[test]
fn the_vault_refuses_a_short_passphrase_and_an_unconfirmed_weak_one() {
    let too_short =
        "the passphrase must be at least 8 characters; a few random words make a good one";
    let weak = SecretString::from("password1");
    let short = SecretString::from("kort");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new.candor");
    let create = |p| SeekerVault::create(&path, p, KdfParams::minimum());
    assert_eq!(
        message(create(NewPassphrase::new(&short, Weak::Accept))),
        too_short
    );
    assert!(matches!(
        create(NewPassphrase::from(&weak)),
        Err(VaultError::WeakPassphrase {
            score: 0,
            needed: 3
        })
    ));
    assert!(!path.exists(), "a refused passphrase makes no vault");
    create(NewPassphrase::new(&weak, Weak::Accept))
        .expect("a weak passphrase the person confirmed")
        .0
        .lock();
    SeekerVault::open(&path, &weak).expect("opens").lock();

    let (fixture, mut vault, code) = Fixture::new();
    assert_eq!(
        message(vault.change_passphrase(&passphrase(), &short)),
        too_short
    );
    assert!(matches!(
        vault.change_passphrase(&passphrase(), &weak),
        Err(VaultError::WeakPassphrase { .. })
    ));
    vault.lock();
    fixture.open().expect("the passphrase is unchanged").lock();
    assert_eq!(
        message(SeekerVault::recover(&fixture.path, &code, &short)),
        too_short
    );
    assert!(matches!(
        SeekerVault::recover(&fixture.path, &code, &weak),
        Err(VaultError::WeakPassphrase { .. })
    ));
    let (vault, _) = SeekerVault::recover(
        &fixture.path,
        &code,
        NewPassphrase::new(&weak, Weak::Accept),
    )
    .expect("the code was not used up by the refusals");
    vault.lock();
    SeekerVault::open(&fixture.path, &weak).expect("the confirmed weak passphrase is set");
}

#[test]
fn a_replaced_recovery_code_stops_working() {
    let (fixture, mut vault, old) = Fixture::new();
    let fresh = vault.replace_recovery_code(&passphrase()).expect("replace");
    vault.lock();
    assert!(matches!(
        SeekerVault::recover(&fixture.path, &old, &passphrase()),
        Err(VaultError::WrongRecoveryCode)
    ));
    SeekerVault::recover(&fixture.path, &fresh, &passphrase()).expect("the new code works");
}

#[test]
fn a_second_opening_of_the_same_vault_is_refused_while_it_is_open() {
    let (fixture, vault, _) = Fixture::new();
    assert_eq!(
        message(fixture.open()),
        format!(
            "the vault {} is open in another Candor; close it there first",
            fixture.path.display()
        )
    );
    vault.lock();
    fixture.open().expect("opens once the first one is locked");
}

#[test]
fn no_plaintext_reaches_the_disk() {
    let (fixture, mut vault, _) = Fixture::new();
    // Values searched for in the files below: rare enough that finding one means plaintext.
    let person = candor_testkit::person_named("Ingrid Kvalheimsen")
        .national_id("NO", "15059500136")
        .build();
    vault.set_person(&person).expect("person");
    let course = LearningOpportunity {
        title: "Kvantemekanikk for sjøfolk".into(),
        ..LearningOpportunity::default()
    };
    vault
        .insert(&Education {
            institution: "NTNU".into(),
            courses: vec![course],
            ..Education::default()
        })
        .expect("education");
    vault
        .insert(&Application::new(
            "Fjordkraftverket AS",
            "Ingeniør",
            Timestamp::now(),
        ))
        .expect("application");
    let backup = fixture.dir.path().join("backup.candor");
    vault.backup(&backup).expect("backup");

    let needles: [&[u8]; 5] = [
        b"Ingrid Kvalheimsen",
        b"15059500136",
        "Kvantemekanikk for sjøfolk".as_bytes(),
        b"Fjordkraftverket",
        b"Kvalheimsen",
    ];
    // While open (WAL and shared memory present), and after closing.
    let mut files = fixture.files();
    files.push((
        "backup".into(),
        std::fs::read(&backup).expect("backup bytes"),
    ));
    assert!(
        files.iter().any(|(name, _)| name.ends_with("-wal")),
        "the WAL is checked while it exists"
    );
    vault.lock();
    files.extend(fixture.files());
    for (name, bytes) in &files {
        for needle in needles {
            assert!(
                !contains(bytes, needle),
                "{name} contains {:?} in clear",
                String::from_utf8_lossy(needle)
            );
        }
    }
}

#[test]
fn backup_and_restore_into_a_new_path_give_the_same_data() {
    let (fixture, mut vault, _) = Fixture::new();
    vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("insert");
    vault
        .insert(&Application::new("DNB", "Developer", Timestamp::now()))
        .expect("insert");
    let backup = fixture.dir.path().join("backup.candor");
    vault.backup(&backup).expect("backup");
    assert!(
        matches!(vault.backup(&backup), Err(VaultError::AlreadyExists { .. })),
        "a backup never overwrites a file"
    );
    let target = fixture.dir.path().join("restored.candor");
    OpenVault::restore(&backup, &target, &passphrase(), false).expect("restore");
    let restored = SeekerVault::open(&target, &passphrase()).expect("the restored vault opens");
    assert_eq!(
        restored.profile().expect("profile"),
        vault.profile().expect("profile")
    );
    assert_eq!(
        restored.list::<Application>().expect("list"),
        vault.list::<Application>().expect("list")
    );
    restored.check_integrity().expect("integrity");
}

#[test]
fn a_corrupt_backup_is_refused_and_nothing_is_replaced() {
    let (fixture, mut vault, _) = Fixture::new();
    vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Skill::default()
        })
        .expect("insert");
    let backup = fixture.dir.path().join("backup.candor");
    vault.backup(&backup).expect("backup");
    vault.lock();
    let mut bytes = std::fs::read(&backup).expect("read");
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 64] {
        *b = 0xAA;
    }
    let corrupt = fixture.dir.path().join("corrupt.candor");
    std::fs::write(&corrupt, &bytes).expect("write");
    let before = fixture.files();

    let err =
        OpenVault::restore(&corrupt, &fixture.path, &passphrase(), true).expect_err("must refuse");
    assert!(matches!(err, VaultError::BadBackup { .. }), "{err:?}");
    assert!(err.to_string().ends_with("nothing was replaced"), "{err}");
    assert_eq!(fixture.files(), before, "the existing vault is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(fixture.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("restoring"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging file is left behind: {leftovers:?}"
    );

    let target = fixture.dir.path().join("new.candor");
    std::fs::write(&corrupt, b"not a backup").expect("write");
    assert!(matches!(
        OpenVault::restore(&corrupt, &target, &passphrase(), false),
        Err(VaultError::BadBackup { .. })
    ));
    assert!(!target.exists(), "nothing is created from a bad backup");
}

#[test]
fn restoring_over_an_existing_vault_needs_replace_and_the_vault_closed() {
    let (fixture, mut vault, _) = Fixture::new();
    let backup = fixture.dir.path().join("backup.candor");
    vault.backup(&backup).expect("backup");
    vault
        .insert(&Skill {
            name: "added after the backup".into(),
            ..Skill::default()
        })
        .expect("insert");
    assert!(matches!(
        OpenVault::restore(&backup, &fixture.path, &passphrase(), false),
        Err(VaultError::AlreadyExists { .. })
    ));
    assert!(matches!(
        OpenVault::restore(&backup, &fixture.path, &passphrase(), true),
        Err(VaultError::OpenElsewhere { .. })
    ));
    vault.lock();
    OpenVault::restore(&backup, &fixture.path, &passphrase(), true).expect("restore");
    assert!(
        fixture
            .open()
            .expect("open")
            .list::<Skill>()
            .expect("list")
            .is_empty(),
        "the restored vault is the backup's"
    );
}
