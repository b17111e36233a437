//! What each command does: parse its arguments into model values, call the vault, print.

mod agenda;
mod apply;
mod cv;
mod doc;
mod employer;
mod error;
mod export;
mod files;
mod import;
mod ledger;
mod letter;
mod lifecycle;
mod profile;
mod requests;
mod serve;
mod sharing;

use std::fmt;
use std::path::PathBuf;

use candor_model::Record;
use candor_vault::bundle::RequestKind;
use candor_vault::{EmployerVault, OpenVault, SeekerVault, VaultError, MIN_PREFIX};
use secrecy::SecretString;

use crate::args::{Cli, Command};
use crate::secrets;

pub use error::CliError;

/// What every command gets: where the vault is, how to print, where secrets come from.
pub struct Context {
    pub vault_path: PathBuf,
    pub passphrase_file: Option<PathBuf>,
    pub json: bool,
}

impl Context {
    /// Unlocks the seeker's vault, asking for the passphrase if need be; an employer's
    /// vault is refused with the role it has.
    pub fn seeker(&self) -> Result<SeekerVault, CliError> {
        let passphrase = self.passphrase()?;
        Ok(SeekerVault::open(&self.vault_path, &passphrase)?)
    }

    /// Unlocks the employer's vault; a seeker's is refused with the role it has.
    pub fn employer(&self) -> Result<EmployerVault, CliError> {
        let passphrase = self.passphrase()?;
        Ok(EmployerVault::open(&self.vault_path, &passphrase)?)
    }

    /// Unlocks the vault whichever role it has, for what both roles do.
    pub fn open_any(&self) -> Result<OpenVault, CliError> {
        self.open_returning_passphrase().map(|(vault, _)| vault)
    }

    /// Unlocks the vault and hands back the passphrase that did it, for commands that
    /// need it twice (a passphrase change re-checks it).
    pub fn open_returning_passphrase(&self) -> Result<(OpenVault, SecretString), CliError> {
        let passphrase = self.passphrase()?;
        let vault = OpenVault::open(&self.vault_path, &passphrase)?;
        Ok((vault, passphrase))
    }

    /// The passphrase, once the vault is known to exist.
    fn passphrase(&self) -> Result<SecretString, CliError> {
        if !self.vault_path.exists() {
            return Err(VaultError::NoVault {
                path: self.vault_path.clone(),
            }
            .into());
        }
        secrets::passphrase(self.passphrase_file.as_deref())
    }
}

fn default_vault_path() -> Result<PathBuf, CliError> {
    dirs::data_dir()
        .map(|dir| dir.join("candor").join("vault.candor"))
        .ok_or_else(|| {
            CliError::new("cannot find your data folder; pass --vault PATH or set CANDOR_VAULT")
        })
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let vault_path = match cli.vault {
        Some(path) => path,
        None => default_vault_path()?,
    };
    let ctx = Context {
        vault_path,
        passphrase_file: cli.passphrase_file,
        json: cli.json,
    };
    match cli.command {
        Command::Init(args) => lifecycle::init(&ctx, args),
        Command::Passwd(args) => lifecycle::passwd(&ctx, args),
        Command::Recover(args) => lifecycle::recover(&ctx, args),
        Command::Rekey => lifecycle::rekey(&ctx),
        Command::Backup { file } => lifecycle::backup(&ctx, &file),
        Command::Restore { file, replace } => lifecycle::restore(&ctx, &file, replace),
        Command::Profile(cmd) => profile::profile(&ctx, cmd),
        Command::Education(cmd) => profile::education(&ctx, cmd),
        Command::Skill(cmd) => profile::skill(&ctx, cmd),
        Command::Experience(cmd) => profile::experience(&ctx, cmd),
        Command::Gpa => profile::gpa_command(&ctx),
        Command::Apply(cmd) => apply::apply(&ctx, cmd),
        Command::Doc(cmd) => doc::doc(&ctx, cmd),
        Command::Import(cmd) => import::import(&ctx, cmd),
        Command::Cv(args) => cv::cv(&ctx, args),
        Command::Export(cmd) => export::export(&ctx, cmd),
        Command::Recipient(cmd) => sharing::recipient(&ctx, cmd),
        Command::Share(args) => sharing::share(&ctx, args),
        Command::Reveal(args) => sharing::reveal(&ctx, args),
        Command::Correct(args) => sharing::correct(&ctx, args),
        Command::Inbox { import } => sharing::inbox(&ctx, import),
        Command::Invite {
            candidate,
            message,
            out,
        } => employer::invite(&ctx, &candidate, &message, &out),
        Command::Request(args) => requests::request(&ctx, args.kind, args.target),
        Command::Revoke(target) => requests::request(&ctx, RequestKind::Revoke, target),
        Command::Requests { complaint } => requests::list(&ctx, complaint),
        Command::Receipt(cmd) => requests::receipt(&ctx, cmd),
        Command::Ledger(args) => ledger::ledger(&ctx, args),
        Command::Agenda(args) => agenda::agenda(&ctx, args),
        Command::Verify { file } => sharing::verify(&ctx, &file),
        Command::Employer(cmd) => employer::employer(&ctx, cmd),
    }
}

/// The command that lists records of `kind`, and what the person calls one.
fn listing(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "application" => ("application", "candor apply list"),
        "document" => ("document", "candor doc list"),
        "education" => ("education", "candor education list"),
        "skill" => ("skill", "candor skill list"),
        "work" => ("experience", "candor experience list"),
        _ => ("record", "candor profile show"),
    }
}

/// The full id of the `T` that `prefix` (an id or its first characters) names, with a
/// not-found message that says which command shows the ids.
pub fn resolve<T: Record>(vault: &SeekerVault, prefix: &str) -> Result<String, CliError> {
    vault.resolve_id::<T>(prefix).map_err(|err| match err {
        VaultError::RecordNotFound { kind, id } => {
            let (noun, list) = listing(kind);
            if id.chars().count() < MIN_PREFIX {
                CliError::IdTooShort {
                    noun,
                    id,
                    list,
                    min: MIN_PREFIX,
                }
            } else {
                CliError::NoSuchId { noun, id, list }
            }
        }
        other => other.into(),
    })
}

/// Parses an optional argument with `FromStr`, naming the option in the error.
pub fn parse_opt<T>(value: Option<&str>, option: &'static str) -> Result<Option<T>, CliError>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    value
        .map(|v| {
            v.parse::<T>()
                .map_err(|e| CliError::bad_option(option, Some(v), e))
        })
        .transpose()
}
