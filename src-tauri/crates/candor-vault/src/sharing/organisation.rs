//! The organisation an employer vault belongs to: making the vault with its key card, and
//! the card itself.

use crate::roles::EmployerVault;
use std::path::{Path, PathBuf};

use candor_bundle::{CardDetails, KeyCard};
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::kdf::KdfParams;
use crate::records::internal_record;
use crate::recovery::RecoveryCode;
use crate::strength::NewPassphrase;

/// The organisation's own card, kept as signed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EmployerCard {
    card_text: String,
}

internal_record!(EmployerCard, "employer-card");

impl EmployerVault {
    /// Creates an employer vault at `path` for the organisation `details` describe, with
    /// its key card signed. Details that no card can carry are refused before any file is
    /// made; when signing the card fails after all, the new file is removed, so a failed
    /// attempt leaves nothing behind. Returns the vault, its recovery code and the card.
    pub fn create_employer<'p>(
        path: &Path,
        passphrase: impl Into<NewPassphrase<'p>>,
        kdf: KdfParams,
        details: CardDetails,
    ) -> Result<(EmployerVault, RecoveryCode, String)> {
        details.check()?;
        let (mut vault, code) = EmployerVault::create(path, passphrase, kdf)?;
        match vault.employer_init(details) {
            Ok(card) => Ok((vault, code, card)),
            Err(e) => {
                vault.lock();
                remove_vault_files(path);
                Err(e)
            }
        }
    }

    /// Sets the organisation's details and signs its key card with the vault's keys.
    /// Returns the card file's text.
    pub fn employer_init(&mut self, details: CardDetails) -> Result<String> {
        let keys = self.own_keys()?;
        let card_text = KeyCard::sign(
            details,
            &keys.age.recipient(),
            &keys.signing,
            Timestamp::now(),
        )?;
        self.write(|w| {
            w.put_record(
                "self",
                0,
                &EmployerCard {
                    card_text: card_text.clone(),
                },
            )
        })?;
        Ok(card_text)
    }

    /// The organisation's key card, as made by [`Vault::employer_init`].
    pub fn employer_card(&self) -> Result<String> {
        self.get_record::<EmployerCard>("self")?
            .map(|card| card.card_text.clone())
            .ok_or(VaultError::NoEmployerCard)
    }
}

/// The vault file and the journal files SQLite keeps beside it.
fn remove_vault_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = PathBuf::from(path.as_os_str().to_owned());
        file.as_mut_os_string().push(suffix);
        let _ = std::fs::remove_file(file);
    }
}
