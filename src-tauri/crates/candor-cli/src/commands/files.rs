//! Writing a new file the person named, without ever leaving half of one behind or
//! overwriting one of theirs.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::CliError;

/// Writes a new file at `out` through `write`: first into `out.partial` (created new,
/// readable by the owner only, since what Candor writes out is decrypted), renamed to
/// `out` when everything was written. Refuses when `out` exists; on any failure removes
/// the partial file, so nothing is left behind.
pub fn write_new<T>(
    out: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T, CliError>,
) -> Result<T, CliError> {
    if out.exists() {
        return Err(CliError::new(format!(
            "{} already exists; choose another --out path",
            out.display()
        )));
    }
    let mut partial = out.to_owned().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let mut options = File::options();
    // Never truncate a file of the person's that happens to have that name.
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&partial).map_err(|e| {
        CliError::new(format!(
            "cannot write {} ({e}); nothing was saved",
            partial.display()
        ))
    })?;
    let result = (|| {
        let mut writer = BufWriter::new(file);
        let value = write(&mut writer)?;
        let cannot =
            |e: std::io::Error| CliError::new(format!("cannot write {}: {e}", out.display()));
        writer.flush().map_err(cannot)?;
        writer.get_ref().sync_all().map_err(cannot)?;
        std::fs::rename(&partial, out).map_err(cannot)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}
