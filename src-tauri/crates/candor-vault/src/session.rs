//! An unlocked vault as an app holds it: the vault, a private folder for documents the
//! person opens, and an idle clock for auto-lock.
//!
//! Opening a document means handing plaintext to another program, so it goes into a
//! folder only this user can read (0700, the file in it 0600; see [`crate::open_folder`]),
//! which is wiped when the session ends: on lock, on auto-lock and on exit. After a crash
//! the next start removes it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use candor_model::Document;

use crate::error::{Result, VaultError};
use crate::open_folder::{self, OpenFolder};
use crate::private;
use crate::roles::{EmployerVault, OpenVault, SeekerVault};

/// An unlocked vault with its private document folders and idle clock.
#[derive(Debug)]
pub struct Session {
    vault: OpenVault,
    /// At most one per place documents are opened in (see [`open_folder::root_for`]).
    private_dirs: Vec<OpenFolder>,
    last_activity: Instant,
}

impl Session {
    pub fn new(vault: impl Into<OpenVault>) -> Session {
        Session {
            vault: vault.into(),
            private_dirs: Vec::new(),
            last_activity: Instant::now(),
        }
    }

    /// The vault, for what both roles do (its path, passphrase, backup).
    pub fn vault(&self) -> &OpenVault {
        &self.vault
    }

    pub fn vault_mut(&mut self) -> &mut OpenVault {
        self.last_activity = Instant::now();
        &mut self.vault
    }

    /// The seeker's vault, or [`VaultError::WrongRole`] when this is an employer's.
    /// Reaching the vault is not activity: the face calls [`Session::touch`] for what the
    /// person does.
    pub fn seeker(&mut self) -> Result<&mut SeekerVault> {
        self.vault.seeker()
    }

    /// The employer's vault, or [`VaultError::WrongRole`] when this is a seeker's.
    pub fn employer(&mut self) -> Result<&mut EmployerVault> {
        self.vault.employer()
    }

    /// Housekeeping while the vault is open: deletes what expired at `now` (an employer
    /// vault's received bundles). Not the person's doing, so the idle time runs on.
    pub fn purge_expired(&mut self, now: candor_model::Timestamp) -> Result<usize> {
        match &mut self.vault {
            OpenVault::Employer(vault) => vault.purge_expired(now),
            OpenVault::Seeker(_) => Ok(0),
        }
    }

    /// Notes that the person did something.
    pub fn touch(&mut self) {
        self.last_activity = Instant::now();
    }

    /// How long since the person last did something.
    pub fn idle_for(&self) -> Duration {
        self.last_activity.elapsed()
    }

    /// Decrypts a document into a private folder and returns its path there. The file
    /// keeps its own name so the program that opens it shows something sensible.
    pub fn open_privately(&mut self, id: &str) -> Result<PathBuf> {
        self.touch();
        let document = self.seeker()?.get::<Document>(id)?;
        let folder = self.private_dir_for(document.value.size)?;
        let dir = folder.join(crate::records::new_id());
        private::create_dir(&dir).map_err(VaultError::io(
            "cannot make a private folder for opened documents",
        ))?;
        let path = dir.join(safe_file_name(&document.value.file_name));
        let mut file = private::create_file(&path)
            .map_err(VaultError::io("cannot write the opened document"))?;
        if let Err(e) = self.seeker()?.read_document(id, &mut file) {
            drop(file);
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        Ok(path)
    }

    /// The folder of this session for a document of `size` bytes, made on first use.
    fn private_dir_for(&mut self, size: u64) -> Result<PathBuf> {
        let root = open_folder::root_for(size);
        if let Some(folder) = self.private_dirs.iter().find(|f| f.root() == root) {
            return Ok(folder.path().to_owned());
        }
        let folder = OpenFolder::create(&root).map_err(VaultError::io(
            "cannot make a private folder for opened documents",
        ))?;
        let path = folder.path().to_owned();
        self.private_dirs.push(folder);
        Ok(path)
    }

    /// The folders opened documents went to, while they exist.
    pub fn private_dirs(&self) -> Vec<PathBuf> {
        self.private_dirs
            .iter()
            .map(|f| f.path().to_owned())
            .collect()
    }

    /// Ends the session: wipes the private folders and locks the vault.
    pub fn close(self) {
        drop(self.private_dirs);
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
