//! Writing a new file the person named: the core's `write_new_file`, with the CLI's words
//! for a destination that already exists.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use candor_vault::{write_new_file, Existing, VaultError};

use super::CliError;

/// Writes a new file at `out` through `write`, refusing when `out` exists and leaving
/// nothing behind on failure (see `candor_vault::write_new_file`).
pub fn write_new<T>(
    out: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<T, VaultError>,
) -> Result<T, CliError> {
    write_new_file(out, Existing::Refuse, write).map_err(written)
}

/// The CLI's words for a failure to write a new `--out` file: one that exists already is
/// refused, never replaced.
pub fn written(error: VaultError) -> CliError {
    match error {
        VaultError::AlreadyExists { path } => CliError::new(format!(
            "{} already exists; choose another --out path",
            path.display()
        )),
        VaultError::Io { context, .. } if context.ends_with("nothing was saved") => {
            CliError::new(context)
        }
        VaultError::UnacceptedWarnings { warnings } => CliError::new(format!(
            "{}; add --yes to share anyway",
            warnings.join("; ")
        )),
        other => other.into(),
    }
}
