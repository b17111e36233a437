//! Where passphrases and recovery codes come from: a file, the environment, or a prompt on
//! the terminal (never echoed, never an argument on the command line where `ps` shows it).

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::commands::CliError;

/// Shortest passphrase accepted for a new vault or a passphrase change.
const MIN_PASSPHRASE: usize = candor_vault::MIN_PASSPHRASE_CHARS;

fn first_line(path: &Path, what: &str) -> Result<SecretString, CliError> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
        CliError::new(format!(
            "cannot read the {what} file {}: {e}",
            path.display()
        ))
    })?);
    let line = text.lines().next().unwrap_or("");
    Ok(SecretString::from(line.to_owned()))
}

/// A secret from the environment, removed from it once read: a child process (a pager,
/// an editor, a program the intake server starts) does not inherit it. The CLI is one
/// thread until a command starts a runtime, and every secret is read before that.
fn from_env(var: &str) -> Option<SecretString> {
    let value = std::env::var(var).ok().map(SecretString::from);
    std::env::remove_var(var);
    value
}

fn prompt(label: &str) -> Result<SecretString, CliError> {
    rpassword::prompt_password(label)
        .map(SecretString::from)
        .map_err(|e| {
            CliError::new(format!(
                "cannot ask for the {} ({e}); pass --passphrase-file or set CANDOR_PASSPHRASE",
                label.trim_end_matches([':', ' '])
            ))
        })
}

/// The passphrase that opens the vault.
pub fn passphrase(file: Option<&Path>) -> Result<SecretString, CliError> {
    match file {
        Some(path) => first_line(path, "passphrase"),
        None => match from_env("CANDOR_PASSPHRASE") {
            Some(p) => Ok(p),
            None => prompt("Passphrase: "),
        },
    }
}

/// A passphrase being set: from `file` or `env`, or asked twice.
pub fn new_passphrase(file: Option<&Path>, env: &str) -> Result<SecretString, CliError> {
    let chosen = match file {
        Some(path) => first_line(path, "new passphrase")?,
        None => match from_env(env) {
            Some(p) => p,
            None => {
                let first = prompt("New passphrase: ")?;
                let again = prompt("Repeat it: ")?;
                if first.expose_secret() != again.expose_secret() {
                    return Err(CliError::new(
                        "the two passphrases differ; nothing was changed",
                    ));
                }
                first
            }
        },
    };
    if chosen.expose_secret().chars().count() < MIN_PASSPHRASE {
        return Err(CliError::new(format!(
            "the passphrase must be at least {MIN_PASSPHRASE} characters; a few random words make a good one"
        )));
    }
    Ok(chosen)
}

/// The recovery code, as typed.
pub fn recovery_code(file: Option<&Path>) -> Result<SecretString, CliError> {
    match file {
        Some(path) => first_line(path, "recovery code"),
        None => match from_env("CANDOR_RECOVERY_CODE") {
            Some(c) => Ok(c),
            None => prompt("Recovery code: "),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_from_the_environment_is_not_inherited_by_a_child_process() {
        std::env::set_var("CANDOR_PASSPHRASE", "correct horse battery staple");
        let read = passphrase(None).expect("read from the environment");
        assert_eq!(read.expose_secret(), "correct horse battery staple");
        let child = std::process::Command::new("env")
            .output()
            .expect("env runs");
        let inherited = String::from_utf8_lossy(&child.stdout);
        assert!(
            !inherited.contains("CANDOR_PASSPHRASE") && !inherited.contains("battery staple"),
            "{inherited}"
        );
    }
}
