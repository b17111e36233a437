//! Files and folders only this user can read: every file Candor writes (the vault, a
//! backup, an export, a share, an opened document, the preferences) and every folder it
//! makes for them.
//!
//! A file is created new (never an existing one truncated) with mode 0600, a folder with
//! 0700. The umask can only take bits away from those; the mode is set again on the open
//! file or the new folder anyway, so that nothing else that decides a new file's mode (a
//! default ACL on the folder) leaves it readable by others.

use std::fs::File;
use std::io;
use std::path::Path;

/// The mode of every file Candor writes.
pub const FILE_MODE: u32 = 0o600;
/// The mode of every folder Candor makes.
pub const DIR_MODE: u32 = 0o700;

/// Creates `path`, which must not exist yet, for reading and writing by its owner only.
pub(crate) fn create_file(path: &Path) -> io::Result<File> {
    let mut options = File::options();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    let file = options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Err(e) = file.set_permissions(std::fs::Permissions::from_mode(FILE_MODE)) {
            drop(file);
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
    }
    Ok(file)
}

/// Creates the folder `dir`, which must not exist yet, for its owner only.
pub(crate) fn create_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    restrict_dir(dir)
}

/// Creates `dir` and the folders above it that are missing, each for its owner only.
/// Folders that exist already are left as they are: they are the person's.
pub(crate) fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    restrict_dir(dir)
}

/// Sets a folder Candor just made to 0700.
pub(crate) fn restrict_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn files_are_0600_and_folders_0700_and_an_existing_file_is_never_reused() {
        let dir = tempfile::tempdir().expect("dir");
        let nested = dir.path().join("a/b");
        create_dir_all(&nested).expect("folders");
        assert_eq!(mode(&dir.path().join("a")), 0o700, "a folder Candor made");
        assert_eq!(mode(&nested), 0o700, "a folder Candor made");
        let file = nested.join("f");
        create_file(&file).expect("a new file");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(
            create_file(&file).expect_err("exists").kind(),
            io::ErrorKind::AlreadyExists
        );
        let single = dir.path().join("c");
        create_dir(&single).expect("a folder");
        assert_eq!(mode(&single), 0o700);
    }
}
