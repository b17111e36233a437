//! The file the app was started to open: the desktop passes it as the first argument when
//! a vault or a bundle is opened from the file manager (the package's desktop entry says
//! `Exec=candor-desktop %f`). What the file is comes from its first bytes, not its name:
//! a vault is an SQLite database, and bundles once ended in `.candor` too.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What a vault file starts with: it is an SQLite database.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A file the app was started with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// Ask for its passphrase at once.
    Vault(PathBuf),
    /// Say how to import it once a vault is open.
    Bundle(PathBuf),
}

/// The file named by the first argument after the program, if it is a readable file.
pub fn opened_file(mut args: impl Iterator<Item = std::ffi::OsString>) -> Option<Opened> {
    let path = PathBuf::from(args.nth(1)?);
    let path = std::path::absolute(&path).unwrap_or(path);
    let mut start = [0u8; 16];
    let read = std::fs::File::open(&path)
        .and_then(|mut file| file.read(&mut start))
        .ok()?;
    Some(if read == start.len() && &start == SQLITE_MAGIC {
        Opened::Vault(path)
    } else {
        Opened::Bundle(path)
    })
}

impl Opened {
    pub fn vault(&self) -> Option<&Path> {
        match self {
            Opened::Vault(path) => Some(path),
            Opened::Bundle(_) => None,
        }
    }

    pub fn bundle(&self) -> Option<&Path> {
        match self {
            Opened::Bundle(path) => Some(path),
            Opened::Vault(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn args(path: &Path) -> impl Iterator<Item = OsString> {
        [
            OsString::from("candor-desktop"),
            path.as_os_str().to_owned(),
        ]
        .into_iter()
    }

    #[test]
    fn a_vault_is_told_from_a_bundle_by_its_first_bytes_not_its_name() {
        let dir = tempfile::tempdir().expect("a folder");
        let vault = dir.path().join("old-bundle-name.candorbundle");
        std::fs::write(&vault, b"SQLite format 3\0and the rest").expect("writes");
        let bundle = dir.path().join("share.candor");
        std::fs::write(&bundle, b"PK\x03\x04 a bundle").expect("writes");
        assert_eq!(opened_file(args(&vault)), Some(Opened::Vault(vault)));
        assert_eq!(opened_file(args(&bundle)), Some(Opened::Bundle(bundle)));
    }

    #[test]
    fn no_argument_or_no_readable_file_opens_nothing() {
        assert_eq!(
            opened_file([OsString::from("candor-desktop")].into_iter()),
            None
        );
        let dir = tempfile::tempdir().expect("a folder");
        assert_eq!(opened_file(args(&dir.path().join("missing.candor"))), None);
    }
}
