//! Writing a file the person named, without ever leaving half of one behind.
//!
//! What Candor writes out is decrypted (a saved document, an export), so it goes first into
//! `NAME.partial`, created new and readable by the owner only, and is renamed to `NAME` only
//! when everything was written. On any failure the partial file is removed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Result, VaultError};

/// Whether an existing file at the destination may be replaced (the person confirmed it,
/// e.g. in a save dialog) or must be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

/// Writes `out` through `write`, as described in the module docs.
pub fn write_new_file<T>(
    out: &Path,
    existing: Existing,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T>,
) -> Result<T> {
    if existing == Existing::Refuse && out.exists() {
        return Err(VaultError::AlreadyExists {
            path: out.to_owned(),
        });
    }
    let mut partial = out.to_owned().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    // Never truncate a file of the person's that happens to have that name.
    let file = crate::private::create_file(&partial).map_err(|e| VaultError::Io {
        context: format!(
            "cannot write {} ({e}); nothing was saved",
            partial.display()
        ),
        source: e,
    })?;
    let result = (|| {
        let mut writer = BufWriter::new(file);
        let value = write(&mut writer)?;
        let context = format!("cannot write {}", out.display());
        writer.flush().map_err(VaultError::io(context.clone()))?;
        writer
            .get_ref()
            .sync_all()
            .map_err(VaultError::io(context.clone()))?;
        std::fs::rename(&partial, out).map_err(VaultError::io(context))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_nothing_behind_and_an_existing_file_is_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let out = dir.path().join("copy.pdf");
        let failed = write_new_file(&out, Existing::Refuse, |w| {
            w.write_all(b"half").map_err(VaultError::io("test"))?;
            Err::<(), _>(VaultError::tampered("chunk 3 does not authenticate"))
        });
        assert!(failed.is_err());
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("dir").count(),
            0,
            "no partial file is left"
        );

        std::fs::write(&out, b"mine").expect("write");
        assert!(matches!(
            write_new_file(&out, Existing::Refuse, |_| Ok(())),
            Err(VaultError::AlreadyExists { .. })
        ));
        assert_eq!(std::fs::read(&out).expect("read"), b"mine");
        write_new_file(&out, Existing::Replace, |w| {
            w.write_all(b"new").map_err(VaultError::io("test"))
        })
        .expect("replace");
        assert_eq!(std::fs::read(&out).expect("read"), b"new");
    }
}
