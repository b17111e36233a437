//! The vault header: what is needed to unlock, stored in clear.
//!
//! Every header field is bound into the AAD of both data-key wraps, so an edit to any of
//! them (role, vault id, KDF parameters, salt) makes the unwrap fail exactly like a wrong
//! passphrase: it never yields a different key.

use std::fmt;
use std::str::FromStr;

use rusqlite::{params, Connection, OptionalExtension};
use secrecy::SecretString;

use crate::error::{Result, VaultError};
use crate::kdf::{KdfParams, SALT_LEN};
use crate::keys::{encode_fields, open_with_nonce, random_bytes, seal_random_nonce, Key256};
use crate::recovery::RecoveryCode;

/// The vault format this code writes; it is bound into every key wrap and record AAD.
pub const FORMAT_VERSION: u32 = 1;

/// Whose vault this is, fixed when it is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A job seeker's own data.
    Seeker,
    /// An employer's store of received bundles.
    Employer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Seeker => "seeker",
            Role::Employer => "employer",
        }
    }

    /// "a seeker's" / "an employer's", for messages.
    pub fn with_article(self) -> &'static str {
        match self {
            Role::Seeker => "a seeker's",
            Role::Employer => "an employer's",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "seeker" => Ok(Role::Seeker),
            "employer" => Ok(Role::Employer),
            other => Err(format!(
                "unknown vault role {other:?}; use seeker or employer"
            )),
        }
    }
}

/// Holds nothing secret: the wraps are ciphertext.
#[derive(Clone)]
pub(crate) struct Header {
    pub vault_id: [u8; 16],
    pub role: Role,
    pub kdf: KdfParams,
    pub salt: [u8; SALT_LEN],
    pub wrapped_dek: Vec<u8>,
    pub recovery_wrapped_dek: Vec<u8>,
}

const PASSPHRASE_WRAP: &[u8] = b"passphrase";
const RECOVERY_WRAP: &[u8] = b"recovery";

impl Header {
    /// A header for a new vault, with both wraps of `dek`.
    pub fn new(
        role: Role,
        kdf: KdfParams,
        dek: &Key256,
        passphrase: &SecretString,
        code: &RecoveryCode,
    ) -> Result<Header> {
        let mut header = Header {
            vault_id: random_bytes(),
            role,
            kdf,
            salt: random_bytes(),
            wrapped_dek: Vec::new(),
            recovery_wrapped_dek: Vec::new(),
        };
        header.rewrap_passphrase(dek, passphrase, kdf)?;
        header.rewrap_recovery(dek, code);
        Ok(header)
    }

    /// The AAD of the passphrase wrap: every header field that affects how the vault is
    /// read, the KDF parameters and salt included.
    fn passphrase_binding(&self) -> Vec<u8> {
        encode_fields(&[
            b"candor-vault-header",
            &FORMAT_VERSION.to_be_bytes(),
            &self.vault_id,
            self.role.as_str().as_bytes(),
            PASSPHRASE_WRAP,
            &self.kdf.memory_kib.to_be_bytes(),
            &self.kdf.iterations.to_be_bytes(),
            &self.kdf.parallelism.to_be_bytes(),
            &self.salt,
        ])
    }

    /// The AAD of the recovery wrap. It leaves out the KDF fields: a passphrase change
    /// picks a new salt, and the recovery code (which is not kept) must go on working.
    fn recovery_binding(&self) -> Vec<u8> {
        encode_fields(&[
            b"candor-vault-header",
            &FORMAT_VERSION.to_be_bytes(),
            &self.vault_id,
            self.role.as_str().as_bytes(),
            RECOVERY_WRAP,
        ])
    }

    pub fn unwrap_with_passphrase(&self, passphrase: &SecretString) -> Result<Key256> {
        let kek = self.kdf.derive(passphrase, &self.salt)?;
        let aad = self.passphrase_binding();
        open_key(&kek, &aad, &self.wrapped_dek).ok_or(VaultError::WrongPassphrase)
    }

    pub fn unwrap_with_recovery(&self, code: &RecoveryCode) -> Result<Key256> {
        let aad = self.recovery_binding();
        open_key(
            &code.wrap_key(&self.vault_id),
            &aad,
            &self.recovery_wrapped_dek,
        )
        .ok_or(VaultError::WrongRecoveryCode)
    }

    /// Wraps `dek` under a new passphrase with a fresh salt. The recovery wrap is untouched.
    pub fn rewrap_passphrase(
        &mut self,
        dek: &Key256,
        passphrase: &SecretString,
        kdf: KdfParams,
    ) -> Result<()> {
        self.kdf = kdf;
        self.salt = random_bytes();
        let kek = self.kdf.derive(passphrase, &self.salt)?;
        self.wrapped_dek = seal_random_nonce(&kek, &self.passphrase_binding(), dek.bytes());
        Ok(())
    }

    pub fn rewrap_recovery(&mut self, dek: &Key256, code: &RecoveryCode) {
        let key = code.wrap_key(&self.vault_id);
        self.recovery_wrapped_dek = seal_random_nonce(&key, &self.recovery_binding(), dek.bytes());
    }

    /// Reads the header. Fails with `NotAVault` when the file has none.
    pub fn load(conn: &Connection, path: &std::path::Path) -> Result<Header> {
        let has_table: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'header'",
                [],
                |row| row.get::<_, i64>(0).map(|n| n == 1),
            )
            .map_err(|e| not_a_vault(path, &e))?;
        if !has_table {
            return Err(VaultError::NotAVault {
                path: path.to_owned(),
                reason: "it is an SQLite database without a Candor header".into(),
            });
        }
        let row = conn
            .query_row(
                "SELECT format, vault_id, role, kdf_memory_kib, kdf_iterations, kdf_parallelism,
                        kdf_salt, wrapped_dek, recovery_wrapped_dek
                 FROM header WHERE singleton = 1",
                [],
                |row| {
                    Ok(RawHeader {
                        format: row.get(0)?,
                        vault_id: row.get(1)?,
                        role: row.get(2)?,
                        kdf: [row.get(3)?, row.get(4)?, row.get(5)?],
                        salt: row.get(6)?,
                        wrapped_dek: row.get(7)?,
                        recovery_wrapped_dek: row.get(8)?,
                    })
                },
            )
            .optional()
            .map_err(|_| VaultError::tampered("the vault header has fields of the wrong type"))?
            .ok_or_else(|| VaultError::tampered("the vault header row is missing"))?;
        row.parse()
    }

    pub fn store(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "INSERT INTO header (singleton, format, vault_id, role, kdf_memory_kib, kdf_iterations,
                                 kdf_parallelism, kdf_salt, wrapped_dek, recovery_wrapped_dek)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (singleton) DO UPDATE SET
                format = excluded.format, vault_id = excluded.vault_id, role = excluded.role,
                kdf_memory_kib = excluded.kdf_memory_kib, kdf_iterations = excluded.kdf_iterations,
                kdf_parallelism = excluded.kdf_parallelism, kdf_salt = excluded.kdf_salt,
                wrapped_dek = excluded.wrapped_dek,
                recovery_wrapped_dek = excluded.recovery_wrapped_dek",
            params![
                FORMAT_VERSION,
                &self.vault_id[..],
                self.role.as_str(),
                self.kdf.memory_kib,
                self.kdf.iterations,
                self.kdf.parallelism,
                &self.salt[..],
                &self.wrapped_dek,
                &self.recovery_wrapped_dek,
            ],
        )
        .map_err(VaultError::db("writing the vault header"))?;
        Ok(())
    }
}

fn open_key(key: &Key256, aad: &[u8], sealed: &[u8]) -> Option<Key256> {
    let plain = zeroize::Zeroizing::new(open_with_nonce(key, aad, sealed)?);
    let bytes: [u8; 32] = plain.as_slice().try_into().ok()?;
    Some(Key256::from_bytes(bytes))
}

pub(crate) fn not_a_vault(path: &std::path::Path, e: &rusqlite::Error) -> VaultError {
    VaultError::NotAVault {
        path: path.to_owned(),
        reason: format!("it is not a database: {e}"),
    }
}

struct RawHeader {
    format: i64,
    vault_id: Vec<u8>,
    role: String,
    kdf: [i64; 3],
    salt: Vec<u8>,
    wrapped_dek: Vec<u8>,
    recovery_wrapped_dek: Vec<u8>,
}

impl RawHeader {
    fn parse(self) -> Result<Header> {
        if self.format != i64::from(FORMAT_VERSION) {
            return Err(VaultError::tampered(format!(
                "the vault header names format {}, which this Candor does not write",
                self.format
            )));
        }
        // Out-of-range numbers saturate, so they fail the bounds check by name.
        let as_u32 = |v: i64| u32::try_from(v).unwrap_or(if v < 0 { 0 } else { u32::MAX });
        let kdf = KdfParams {
            memory_kib: as_u32(self.kdf[0]),
            iterations: as_u32(self.kdf[1]),
            parallelism: as_u32(self.kdf[2]),
        };
        kdf.check_bounds()?;
        let vault_id = self
            .vault_id
            .try_into()
            .map_err(|_| VaultError::tampered("the vault id in the header has the wrong length"))?;
        let salt = self
            .salt
            .try_into()
            .map_err(|_| VaultError::tampered("the KDF salt in the header has the wrong length"))?;
        // An unknown role cannot have been written by us; it reads like any edited field.
        let role = self.role.parse().map_err(|_| VaultError::WrongPassphrase)?;
        Ok(Header {
            vault_id,
            role,
            kdf,
            salt,
            wrapped_dek: self.wrapped_dek,
            recovery_wrapped_dek: self.recovery_wrapped_dek,
        })
    }
}
