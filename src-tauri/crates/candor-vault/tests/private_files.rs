//! Nothing Candor writes is readable by another user, even under `umask 000`: the vault and
//! the folders made for it, opened documents and their folders, backups and restored
//! vaults, every file written through `write_new_file` (exports, shares, notices, answers,
//! saved copies) and the preferences. Folders of opened documents left by a Candor that was
//! killed are removed at the next start; those of a Candor still running are kept.
//!
//! Every test here sets the process's umask to 000 (it is the same for every thread, and
//! every test in this file wants it), so the modes seen are the ones Candor asked for.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use candor_model::{Document, DocumentKind};
use candor_vault::OpenVault;
use candor_vault::{
    remove_abandoned_open_folders, write_new_file, Existing, KdfParams, NewDocument, Prefs,
    SeekerVault, Session,
};
use common::{passphrase, Fixture};

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

fn assert_file_private(path: &Path) {
    assert_eq!(
        mode(path),
        0o600,
        "{} is readable and writable by its owner only",
        path.display()
    );
}

fn assert_dir_private(path: &Path) {
    assert_eq!(
        mode(path),
        0o700,
        "{} can be entered by its owner only",
        path.display()
    );
}

fn add_document(vault: &mut SeekerVault, name: &str) -> String {
    vault
        .add_document(
            NewDocument {
                kind: DocumentKind::Cv,
                file_name: name.into(),
                media_type: "application/pdf".into(),
                note: None,
            },
            &b"%PDF-1.4 Kari Nordmann, 01019012345"[..],
        )
        .expect("a document")
        .id
}

/// The folder a session made for opened documents: the one above the document's own.
fn session_folder(opened: &Path) -> PathBuf {
    opened
        .parent()
        .and_then(Path::parent)
        .expect("<folder>/<per-document folder>/<file>")
        .to_owned()
}

#[test]
fn an_opened_document_and_every_folder_above_it_are_private() {
    permissive_umask();
    let (_fixture, mut vault, _) = Fixture::new();
    let id = add_document(&mut vault, "Kari Nordmann CV.pdf");
    let mut session = Session::new(vault);
    let opened = session.open_privately(&id).expect("opened");
    assert_eq!(
        std::fs::read(&opened).expect("readable by its owner"),
        b"%PDF-1.4 Kari Nordmann, 01019012345"
    );
    assert_file_private(&opened);
    assert_dir_private(opened.parent().expect("per-document folder"));
    let folder = session_folder(&opened);
    assert_dir_private(&folder);
    let name = folder.file_name().expect("a name").to_string_lossy();
    assert!(
        name.starts_with(&format!("candor-open-{}-", std::process::id())),
        "the folder names the process that owns it: {name}"
    );
    assert_eq!(session.private_dirs(), std::slice::from_ref(&folder));

    // A second document goes into the same session folder, just as private.
    let again = session.open_privately(&id).expect("opened again");
    assert_eq!(session_folder(&again), folder);
    assert_file_private(&again);
    assert_ne!(opened, again, "each opening gets a folder of its own");

    session.close();
    assert!(!folder.exists(), "closing the session wipes the folder");
}

#[test]
fn a_new_vault_its_new_folders_and_its_sqlite_files_are_private() {
    permissive_umask();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("new/candor/vault.candor");
    let (mut vault, _) =
        SeekerVault::create(&path, &passphrase(), KdfParams::minimum()).expect("create");
    add_document(&mut vault, "cv.pdf");
    assert_dir_private(&dir.path().join("new"));
    assert_dir_private(&dir.path().join("new/candor"));
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        assert!(
            file.exists(),
            "{} exists while the vault is open",
            file.display()
        );
        assert_file_private(&file);
    }
}

#[test]
fn backups_and_restored_vaults_are_private() {
    permissive_umask();
    let (fixture, vault, _) = Fixture::new();
    let backup = fixture.dir.path().join("backup.candor");
    vault.backup(&backup).expect("backup");
    assert_file_private(&backup);
    vault.lock();
    let restored = fixture.dir.path().join("restored.candor");
    OpenVault::restore(&backup, &restored, &passphrase(), false).expect("restore");
    assert_file_private(&restored);
}

#[test]
fn every_file_written_for_the_person_is_private_even_one_that_replaces_a_readable_file() {
    permissive_umask();
    let (fixture, vault, _) = Fixture::new();
    // An export through the one writer that shares, notices, answers, reveals,
    // invitations, saved copies and exports all use.
    let export = fixture.dir.path().join("export.zip");
    write_new_file(&export, Existing::Refuse, |out| {
        vault.export_all(out, false)
    })
    .expect("written");
    assert_file_private(&export);

    let existing = fixture.dir.path().join("resume.json");
    std::fs::write(&existing, b"{}").expect("written");
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    write_new_file(&existing, Existing::Replace, |out| {
        out.write_all(b"{\"basics\":{}}")
            .map_err(|e| candor_vault::VaultError::Io {
                context: "test".into(),
                source: e,
            })
    })
    .expect("replaced");
    assert_file_private(&existing);
}

#[test]
fn preferences_and_the_folder_made_for_them_are_private() {
    permissive_umask();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("config/candor/prefs.json");
    let mut prefs = Prefs::default();
    prefs.remember(Path::new("/home/kari/.local/share/candor/vault.candor"));
    prefs.save(&path).expect("saved");
    assert_dir_private(&dir.path().join("config"));
    assert_dir_private(&dir.path().join("config/candor"));
    assert_file_private(&path);
    // A save cut short left its temporary file: the next save is not stopped by it.
    std::fs::write(dir.path().join("config/candor/prefs.json.tmp"), b"{").expect("written");
    prefs.save(&path).expect("saved again");
    assert_file_private(&path);
    assert_eq!(Prefs::load(&path), prefs);
}

/// Set in a child copy of this test binary: the vault to open a document of, after which
/// the child prints the document's path and waits to be killed.
const CHILD_VAULT: &str = "CANDOR_TEST_OPEN_AND_WAIT";

/// Not a test of its own: the child process of the test below. Does nothing unless
/// started by it.
#[test]
fn child_opens_a_document_and_waits() {
    let Some(path) = std::env::var_os(CHILD_VAULT) else {
        return;
    };
    permissive_umask();
    let mut session =
        Session::new(SeekerVault::open(Path::new(&path), &passphrase()).expect("opens"));
    let id = session
        .seeker()
        .expect("a seeker")
        .list::<Document>()
        .expect("documents")[0]
        .id
        .clone();
    let opened = session.open_privately(&id).expect("opened");
    println!("OPENED {}", opened.display());
    std::io::stdout().flush().expect("flushed");
    // Killed long before; gone by itself should the test that started it fail first.
    std::thread::sleep(std::time::Duration::from_secs(120));
    std::process::exit(1);
}

/// Starts a child that opens a document of the vault at `vault`; returns it and the
/// session folder it made.
fn child_with_an_open_document(vault: &Path) -> (Child, PathBuf) {
    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "child_opens_a_document_and_waits",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_VAULT, vault)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts");
    let stdout = child.stdout.take().expect("piped");
    let opened = BufReader::new(stdout)
        .lines()
        .map(|line| line.expect("a line"))
        // After the test harness's own `test <name> ... `.
        .find_map(|line| {
            line.split_once("OPENED ")
                .map(|(_, path)| PathBuf::from(path))
        })
        .expect("the child opens a document");
    (child, session_folder(&opened))
}

fn vault_with_a_document() -> Fixture {
    let (fixture, mut vault, _) = Fixture::new();
    add_document(&mut vault, "transcript.pdf");
    vault.lock();
    fixture
}

/// A Candor killed with an opened document (kill -9: nothing of its own runs) leaves its
/// folder; the next start removes it, and keeps the folders of every Candor still
/// running: another process's and this one's.
#[test]
fn a_killed_candor_leaves_nothing_after_the_next_start() {
    permissive_umask();
    let killed = vault_with_a_document();
    let running = vault_with_a_document();
    let (mut victim, victims_folder) = child_with_an_open_document(&killed.path);
    let (mut survivor, survivors_folder) = child_with_an_open_document(&running.path);
    assert_dir_private(&victims_folder);

    victim.kill().expect("SIGKILL");
    // Reaped, as the desktop's parent would: a zombie has not exited for /proc.
    victim.wait().expect("reaped");
    assert!(
        victims_folder.exists(),
        "nothing of a killed process removes its folder"
    );

    let mut mine = Session::new(SeekerVault::open(&killed.path, &passphrase()).expect("opens"));
    let id = mine
        .seeker()
        .expect("a seeker")
        .list::<Document>()
        .expect("documents")[0]
        .id
        .clone();
    let my_folder = session_folder(&mine.open_privately(&id).expect("opened"));

    let removed = remove_abandoned_open_folders();
    assert!(removed >= 1, "the killed child's folder was removed");
    assert!(
        !victims_folder.exists(),
        "the folder of a killed Candor is removed at the next start"
    );
    assert!(
        survivors_folder.exists(),
        "another Candor that still runs keeps its folder"
    );
    assert!(my_folder.exists(), "this Candor keeps its own folder");

    survivor.kill().expect("SIGKILL");
    survivor.wait().expect("reaped");
    remove_abandoned_open_folders();
    assert!(!survivors_folder.exists());
    mine.close();
}
