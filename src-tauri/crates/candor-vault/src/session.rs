//! An unlocked vault as an app holds it: the vault, a private folder for documents the
//! person opens, and an idle clock for auto-lock.
//!
//! Opening a document means handing plaintext to another program, so it goes into a
//! folder only this user can read (0700), which is wiped when the session ends: on lock,
//! on auto-lock and on exit.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use candor_model::Document;

use crate::error::{Result, VaultError};
use crate::vault::Vault;

/// An unlocked vault with its private document folder and idle clock.
#[derive(Debug)]
pub struct Session {
    vault: Vault,
    private_dir: Option<tempfile::TempDir>,
    last_activity: Instant,
}

impl Session {
    pub fn new(vault: Vault) -> Session {
        Session {
            vault,
            private_dir: None,
            last_activity: Instant::now(),
        }
    }

    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    pub fn vault_mut(&mut self) -> &mut Vault {
        self.last_activity = Instant::now();
        &mut self.vault
    }

    /// Housekeeping while the vault is open: deletes what expired at `now` (an employer
    /// vault's received bundles). Not the person's doing, so the idle time runs on.
    pub fn purge_expired(&mut self, now: candor_model::Timestamp) -> Result<usize> {
        self.vault.purge_expired(now)
    }

    /// Notes that the person did something.
    pub fn touch(&mut self) {
        self.last_activity = Instant::now();
    }

    /// How long since the person last did something.
    pub fn idle_for(&self) -> Duration {
        self.last_activity.elapsed()
    }

    /// Decrypts a document into the private folder and returns its path there. The file
    /// keeps its own name so the program that opens it shows something sensible.
    pub fn open_privately(&mut self, id: &str) -> Result<PathBuf> {
        self.touch();
        if self.private_dir.is_none() {
            let dir = tempfile::Builder::new()
                .prefix("candor-open-")
                .tempdir()
                .map_err(VaultError::io(
                    "cannot make a private folder for opened documents",
                ))?;
            self.private_dir = Some(dir);
        }
        let dir = self
            .private_dir
            .as_ref()
            .expect("created above")
            .path()
            .join(crate::records::new_id());
        std::fs::create_dir(&dir).map_err(VaultError::io(
            "cannot make a private folder for opened documents",
        ))?;
        let document = self.vault.get::<Document>(id)?;
        let name = safe_file_name(&document.value.file_name);
        let path = dir.join(name);
        let mut file = std::fs::File::create(&path)
            .map_err(VaultError::io("cannot write the opened document"))?;
        if let Err(e) = self.vault.read_document(id, &mut file) {
            drop(file);
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
        Ok(path)
    }

    /// The folder opened documents go to, while it exists.
    pub fn private_dir(&self) -> Option<PathBuf> {
        self.private_dir.as_ref().map(|d| d.path().to_owned())
    }

    /// Ends the session: wipes the private folder and locks the vault.
    pub fn close(self) {
        drop(self.private_dir);
        self.vault.lock();
    }
}

/// A file name that cannot climb out of the folder it is put in.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    match cleaned.trim_matches('.') {
        "" => "document".to_owned(),
        _ => cleaned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_escape_the_private_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_file_name(".."), "document");
        assert_eq!(safe_file_name("cv.pdf"), "cv.pdf");
    }
}
