//! One process per vault: an advisory lock on the vault file itself.
//!
//! The app, the CLI and (later) the intake server all take it, so two of them never write
//! the same vault. The lock lives on its own file descriptor, held until the vault is
//! closed, and is released by the kernel if the process dies.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{Result, VaultError};

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub(crate) struct VaultLock {
    file: File,
}

impl VaultLock {
    /// Locks the existing file at `path`, or fails with `OpenElsewhere`.
    pub fn acquire(path: &Path) -> Result<VaultLock> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(VaultError::io(format!("cannot open {}", path.display())))?;
        Self::hold(file, path)
    }

    /// Locks a file that was just opened.
    pub fn hold(file: File, path: &Path) -> Result<VaultLock> {
        match file.try_lock() {
            Ok(()) => Ok(VaultLock { file }),
            Err(TryLockError::WouldBlock) => Err(VaultError::OpenElsewhere {
                path: path.to_owned(),
            }),
            Err(TryLockError::Error(e)) => {
                Err(VaultError::io(format!("cannot lock {}", path.display()))(e))
            }
        }
    }

    /// Reads the first bytes of the locked file.
    pub fn file(&self) -> &File {
        &self.file
    }
}
