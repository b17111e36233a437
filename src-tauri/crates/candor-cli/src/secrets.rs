//! Where passphrases and recovery codes come from: a file, the environment, or a prompt on
//! the terminal (never echoed, never an argument on the command line where `ps` shows it).

use std::path::Path;

use candor_vault::{NewPassphrase, VaultError, Weak};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::commands::CliError;

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

/// A passphrase being set: from `file` or `env`, or asked twice; with whether a weak one
/// may be set. The vault's rule decides (see `candor_vault::NewPassphrase`): one that is
/// too short is refused; one that is easy to guess is used after the person says so at the
/// prompt, or with `--accept-weak-passphrase` (`accept_weak`) when it comes from a file or
/// the environment.
pub fn new_passphrase(
    file: Option<&Path>,
    env: &str,
    accept_weak: bool,
) -> Result<(SecretString, Weak), CliError> {
    let (chosen, typed) = read_new(file, env)?;
    let weak = if accept_weak {
        Weak::Accept
    } else {
        Weak::Refuse
    };
    match NewPassphrase::new(&chosen, weak).check() {
        Ok(()) => Ok((chosen, weak)),
        Err(VaultError::WeakPassphrase { score, needed }) => {
            let easy = format!(
                "the passphrase would be easy to guess (strength {score} of 4; {needed} or more is safe)"
            );
            if !typed {
                return Err(CliError::new(format!(
                    "{easy}; choose a few random words, or pass --accept-weak-passphrase to use it anyway"
                )));
            }
            if confirm(&format!("{}. Use it anyway?", capitalised(&easy)))? {
                Ok((chosen, Weak::Accept))
            } else {
                Err(CliError::new(format!(
                    "{easy}, and you chose not to use it; nothing was changed"
                )))
            }
        }
        Err(other) => Err(other.into()),
    }
}

/// The passphrase a bundle is encrypted to (`share --passphrase-protect`): from `env` or
/// asked twice, and as long as a vault's. How easy it is to guess is not checked: it is
/// agreed with the recipient.
pub fn bundle_passphrase(env: &str) -> Result<SecretString, CliError> {
    let (chosen, _) = read_new(None, env)?;
    NewPassphrase::new(&chosen, Weak::Accept).check()?;
    Ok(chosen)
}

/// A new secret from `file` or `env`, or asked twice; and whether it was typed at the
/// prompt.
fn read_new(file: Option<&Path>, env: &str) -> Result<(SecretString, bool), CliError> {
    Ok(match file {
        Some(path) => (first_line(path, "new passphrase")?, false),
        None => match from_env(env) {
            Some(p) => (p, false),
            None => {
                let first = prompt("New passphrase: ")?;
                let again = prompt("Repeat it: ")?;
                if first.expose_secret() != again.expose_secret() {
                    return Err(CliError::new(
                        "the two passphrases differ; nothing was changed",
                    ));
                }
                (first, true)
            }
        },
    })
}

/// Asks a yes-or-no question on the terminal; no is the default.
fn confirm(question: &str) -> Result<bool, CliError> {
    use std::io::{BufRead, Write};
    let cannot = |e: std::io::Error| {
        CliError::new(format!(
            "cannot ask whether to use a weak passphrase ({e}); pass --accept-weak-passphrase \
             to use it"
        ))
    };
    let tty = std::fs::File::options()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(cannot)?;
    write!(&tty, "{question} [y/N] ").map_err(cannot)?;
    let mut answer = String::new();
    std::io::BufReader::new(&tty)
        .read_line(&mut answer)
        .map_err(cannot)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
