//! The two roles a vault has, as types: a seeker's vault and an employer's vault expose
//! only their own operations, so calling one role's operation on the other's vault does
//! not compile.
//!
//! The role is written in the vault's header when it is made. Opening checks it: a typed
//! open ([`Vault::open`]) refuses a vault of the other role with
//! [`VaultError::WrongRole`](crate::VaultError::WrongRole), and [`OpenVault::open`] opens
//! either and says which it was.
//!
//! ```compile_fail
//! # use candor_vault::SeekerVault;
//! fn import(seeker: &mut SeekerVault) {
//!     // An employer's operation: a seeker's vault does not have it.
//!     let _ = seeker.import_bundle(std::io::Cursor::new(Vec::new()), candor_model::Timestamp::now());
//! }
//! ```
//!
//! ```compile_fail
//! # use candor_vault::EmployerVault;
//! fn share(employer: &EmployerVault) {
//!     // A seeker's operation: an employer's vault does not have it.
//!     let _ = employer.ledger();
//! }
//! ```

use std::path::Path;

use secrecy::SecretString;

use crate::error::Result;
use crate::header::Role;
use crate::kdf::KdfParams;
use crate::recovery::RecoveryCode;
use crate::strength::NewPassphrase;
use crate::vault::Vault;

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Seeker {}
    impl Sealed for super::Employer {}
}

/// A vault's role as a type: [`Seeker`] or [`Employer`], and nothing else.
pub trait VaultRole: sealed::Sealed + Sized + 'static {
    /// The role written in the header of a vault of this type.
    const ROLE: Role;

    /// Housekeeping every time a vault of this role is opened.
    fn opened(vault: &mut Vault<Self>) -> Result<()>;
}

/// The role of a job seeker's vault: their profile, documents, applications and shares.
#[derive(Debug)]
pub enum Seeker {}

/// The role of an employer's vault: received bundles, requests and their answers.
#[derive(Debug)]
pub enum Employer {}

impl VaultRole for Seeker {
    const ROLE: Role = Role::Seeker;

    fn opened(_: &mut Vault<Self>) -> Result<()> {
        Ok(())
    }
}

impl VaultRole for Employer {
    const ROLE: Role = Role::Employer;

    /// Drops every bundle that has expired.
    fn opened(vault: &mut Vault<Self>) -> Result<()> {
        vault.purge_expired(candor_model::Timestamp::now())?;
        Ok(())
    }
}

/// A job seeker's vault.
pub type SeekerVault = Vault<Seeker>;

/// An employer's vault.
pub type EmployerVault = Vault<Employer>;

/// A vault of either role, for the faces that learn the role by opening it (the app's
/// unlock screen, `candor recover`).
#[derive(Debug)]
pub enum OpenVault {
    Seeker(SeekerVault),
    Employer(EmployerVault),
}

/// Runs `$body` with `$v` bound to the vault inside, whichever role it has.
macro_rules! either {
    ($open:expr, $v:ident => $body:expr) => {
        match $open {
            OpenVault::Seeker($v) => $body,
            OpenVault::Employer($v) => $body,
        }
    };
}

impl OpenVault {
    /// Unlocks the vault at `path` with its passphrase, whichever role it has.
    pub fn open(path: &Path, passphrase: &SecretString) -> Result<OpenVault> {
        let vault =
            SeekerVault::open_with(path, |header| header.unwrap_with_passphrase(passphrase))?;
        match vault.role() {
            Role::Seeker => Ok(OpenVault::Seeker(vault)),
            Role::Employer => vault.into_role().map(OpenVault::Employer),
        }
    }

    /// Unlocks with the recovery code whichever role the vault has (see
    /// [`Vault::recover`]).
    pub fn recover<'p>(
        path: &Path,
        code: &RecoveryCode,
        new_passphrase: impl Into<NewPassphrase<'p>>,
    ) -> Result<(OpenVault, RecoveryCode)> {
        let new_passphrase = new_passphrase.into().checked()?;
        let vault = SeekerVault::open_with(path, |header| header.unwrap_with_recovery(code))?;
        let mut vault = match vault.role() {
            Role::Seeker => OpenVault::Seeker(vault),
            Role::Employer => OpenVault::Employer(vault.into_role()?),
        };
        let fresh = either!(&mut vault, v => v.replace_data_key(new_passphrase, &mut |_| Ok(())))?;
        Ok((vault, fresh))
    }

    pub fn role(&self) -> Role {
        either!(self, v => v.role())
    }

    pub fn path(&self) -> &Path {
        either!(self, v => v.path())
    }

    /// The vault's random id (see [`Vault::id`]).
    pub fn id(&self) -> String {
        either!(self, v => v.id())
    }

    pub fn kdf_params(&self) -> KdfParams {
        either!(self, v => v.kdf_params())
    }

    /// See [`Vault::change_passphrase`].
    pub fn change_passphrase<'p>(
        &mut self,
        current: &SecretString,
        new: impl Into<NewPassphrase<'p>>,
    ) -> Result<()> {
        either!(self, v => v.change_passphrase(current, new))
    }

    /// See [`Vault::rekey`].
    pub fn rekey(&mut self, passphrase: &SecretString) -> Result<RecoveryCode> {
        either!(self, v => v.rekey(passphrase))
    }

    /// See [`Vault::backup`].
    pub fn backup(&self, dest: &Path) -> Result<()> {
        either!(self, v => v.backup(dest))
    }

    /// See [`Vault::check_integrity`].
    pub fn check_integrity(&self) -> Result<()> {
        either!(self, v => v.check_integrity())
    }

    /// Every key this vault decrypts bundles with (see [`Vault::decryption_keys`]).
    pub fn decryption_keys(&self) -> Result<Vec<crate::bundle::AgeIdentity>> {
        either!(self, v => v.decryption_keys())
    }

    /// Locks the vault (see [`Vault::lock`]).
    pub fn lock(self) {
        either!(self, v => v.lock())
    }

    /// The seeker's vault, or [`VaultError::WrongRole`](crate::VaultError::WrongRole).
    pub fn seeker(&mut self) -> Result<&mut SeekerVault> {
        match self {
            OpenVault::Seeker(v) => Ok(v),
            OpenVault::Employer(_) => Err(wrong_role(Role::Seeker, Role::Employer)),
        }
    }

    /// The employer's vault, or [`VaultError::WrongRole`](crate::VaultError::WrongRole).
    pub fn employer(&mut self) -> Result<&mut EmployerVault> {
        match self {
            OpenVault::Employer(v) => Ok(v),
            OpenVault::Seeker(_) => Err(wrong_role(Role::Employer, Role::Seeker)),
        }
    }
}

fn wrong_role(needed: Role, found: Role) -> crate::VaultError {
    crate::VaultError::WrongRole { needed, found }
}

impl From<SeekerVault> for OpenVault {
    fn from(vault: SeekerVault) -> OpenVault {
        OpenVault::Seeker(vault)
    }
}

impl From<EmployerVault> for OpenVault {
    fn from(vault: EmployerVault) -> OpenVault {
        OpenVault::Employer(vault)
    }
}
