//! Backup into one file, and a restore that checks the backup before replacing anything.
//!
//! The vault is encrypted already, so a backup is a consistent copy of it (SQLite's online
//! backup), written beside its destination and renamed into place when complete. It opens
//! with the passphrase (and recovery code) the vault had when it was made.

use crate::roles::{OpenVault, VaultRole};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use secrecy::SecretString;

use crate::error::{Result, VaultError};
use crate::lock::VaultLock;
use crate::vault::{create_new_private, sidecar, Vault};

/// A temporary path beside `path`, removed on drop unless kept.
#[derive(Debug)]
struct Staging {
    path: PathBuf,
    keep: bool,
}

impl Staging {
    fn beside(path: &Path, what: &str) -> Staging {
        let suffix = format!(".{what}-{}", crate::records::new_id());
        Staging {
            path: sidecar(path, &suffix),
            keep: false,
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.keep {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(sidecar(&self.path, suffix));
            }
        }
    }
}

impl<R: VaultRole> Vault<R> {
    /// Writes a consistent copy of the vault to `dest`, which must not exist yet.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(VaultError::AlreadyExists {
                path: dest.to_owned(),
            });
        }
        let mut staging = Staging::beside(dest, "partial");
        drop(create_new_private(&staging.path)?);
        {
            let mut copy =
                Connection::open(&staging.path).map_err(VaultError::db("creating the backup"))?;
            rusqlite::backup::Backup::new(&self.conn, &mut copy)
                .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
                .map_err(VaultError::db("copying the vault"))?;
            // One self-contained file: no write-ahead log beside it.
            copy.pragma_update(None, "journal_mode", "DELETE")
                .map_err(VaultError::db("finishing the backup"))?;
            check_integrity(&copy).map_err(|reason| VaultError::BadBackup {
                path: dest.to_owned(),
                reason,
            })?;
        }
        std::fs::rename(&staging.path, dest).map_err(VaultError::io(format!(
            "cannot move the backup into place at {}",
            dest.display()
        )))?;
        staging.keep = true;
        Ok(())
    }
}

impl OpenVault {
    /// Restores `backup` to `target`. The backup is copied beside the target and opened
    /// there with `passphrase` — header, data key, authenticated index and SQLite's
    /// integrity check — before anything is replaced. An existing vault at `target` is
    /// replaced only when `replace` is true, and only if no other Candor has it open.
    pub fn restore(
        backup: &Path,
        target: &Path,
        passphrase: &SecretString,
        replace: bool,
    ) -> Result<()> {
        OpenVault::check_backup(backup, target, passphrase, replace)?.put_in_place()
    }

    /// The first half of a restore: copies `backup` beside `target` and checks that it
    /// opens, replacing nothing. The vault at `target` may stay open meanwhile; it must be
    /// closed before [`CheckedBackup::put_in_place`].
    pub fn check_backup(
        backup: &Path,
        target: &Path,
        passphrase: &SecretString,
        replace: bool,
    ) -> Result<CheckedBackup> {
        if !backup.exists() {
            return Err(VaultError::BadBackup {
                path: backup.to_owned(),
                reason: "there is no such file".into(),
            });
        }
        let existing = target.exists();
        if existing && !replace {
            return Err(VaultError::AlreadyExists {
                path: target.to_owned(),
            });
        }
        let bad = |reason: String| VaultError::BadBackup {
            path: backup.to_owned(),
            reason,
        };
        let staging = Staging::beside(target, "restoring");
        {
            let mut out = create_new_private(&staging.path)?;
            let mut input =
                std::fs::File::open(backup).map_err(|e| bad(format!("it cannot be read: {e}")))?;
            std::io::copy(&mut input, &mut out)
                .map_err(VaultError::io("cannot copy the backup"))?;
            out.sync_all()
                .map_err(VaultError::io("cannot copy the backup"))?;
        }
        {
            // Errors name the backup, not the staging copy they were found in.
            let vault = OpenVault::open(&staging.path, passphrase).map_err(|e| {
                bad(match e {
                    VaultError::NotAVault { reason, .. } => {
                        format!("it is not a Candor vault ({reason})")
                    }
                    other => other.to_string(),
                })
            })?;
            let conn = match &vault {
                OpenVault::Seeker(v) => &v.conn,
                OpenVault::Employer(v) => &v.conn,
            };
            check_integrity(conn).map_err(bad)?;
        }
        Ok(CheckedBackup {
            staging,
            target: target.to_owned(),
            existing,
        })
    }
}

/// A backup copied beside its target and known to open; dropping it removes the copy.
#[derive(Debug)]
pub struct CheckedBackup {
    staging: Staging,
    target: PathBuf,
    existing: bool,
}

impl CheckedBackup {
    /// Replaces the target with the checked copy. Fails with `OpenElsewhere` while any
    /// Candor still has the target open.
    pub fn put_in_place(mut self) -> Result<()> {
        let target = &self.target;
        let _held = if self.existing {
            Some(VaultLock::acquire(target)?)
        } else {
            None
        };
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sidecar(target, suffix));
        }
        std::fs::rename(&self.staging.path, target).map_err(VaultError::io(format!(
            "cannot move the restored vault into place at {}",
            target.display()
        )))?;
        self.staging.keep = true;
        Ok(())
    }
}

/// SQLite's own check of every page and index.
pub(crate) fn check_integrity(conn: &Connection) -> std::result::Result<(), String> {
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| format!("it is not a readable database ({e})"))?;
    if verdict == "ok" {
        Ok(())
    } else {
        // SQLite lists every damaged page on its own line; the first says enough.
        let first = verdict
            .lines()
            .find(|l| !l.starts_with("***"))
            .unwrap_or(&verdict);
        Err(format!("its database structure is damaged ({first})"))
    }
}
