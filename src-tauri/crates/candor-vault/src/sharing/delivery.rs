//! Delivering a share: the bundle file the seeker saved, checked against the ledger, and
//! where its organisation takes bundles in (the intake URL on its key card).
//!
//! The network is not here (see `candor_net::deliver_bundle`); this is what both faces
//! must know before they post: that the file is the very bundle the ledger recorded, not
//! another file of the same name, and that the organisation has an intake address.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use candor_model::Timestamp;

use crate::error::{Result, VaultError};
use crate::records::pick_by_prefix;
use crate::roles::SeekerVault;
use crate::sharing::ShareStatus;

/// A saved bundle, ready to post to its organisation.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub organisation: String,
    /// The intake URL on the organisation's key card.
    pub url: String,
    pub bundle_id: String,
    pub bytes: Vec<u8>,
}

impl SeekerVault {
    /// The bundle `bundle_id` (or a prefix of it) as saved in `file`, with where its
    /// organisation takes bundles in. Refused when the file is not the bundle the ledger
    /// recorded, or when the organisation's card names no intake URL; nothing is sent.
    pub fn delivery(&self, bundle_id: &str, file: &Path, now: Timestamp) -> Result<Delivery> {
        let rows = self.shares(now)?;
        let row = pick_by_prefix(
            rows.iter().map(|row| (row.entry.bundle_id.clone(), row)),
            bundle_id,
            "share",
        )?
        .ok_or_else(|| VaultError::RecordNotFound {
            kind: "share",
            id: bundle_id.to_owned(),
        })?;
        let entry = &row.entry;
        if row.status != ShareStatus::Active {
            return Err(VaultError::ShareNotActive {
                organisation: entry.organisation.clone(),
                status: row.status,
            });
        }
        let recipient = self.recipient(&entry.recipient_id)?;
        let url = recipient
            .intake_url
            .clone()
            .ok_or_else(|| VaultError::NoIntakeUrl {
                organisation: recipient.organisation.clone(),
                contact: recipient.contact.clone(),
            })?;
        let bytes = read_capped(file)?;
        let sha256 = data_encoding::HEXLOWER.encode(&Sha256::digest(&bytes));
        if sha256 != entry.bundle_sha256 {
            return Err(VaultError::NotTheSharedBundle {
                path: file.to_owned(),
                organisation: entry.organisation.clone(),
            });
        }
        Ok(Delivery {
            organisation: entry.organisation.clone(),
            url,
            bundle_id: entry.bundle_id.clone(),
            bytes,
        })
    }
}

/// The largest bundle a reader takes (see `candor_bundle::Limits`).
const MAX_BUNDLE_BYTES: u64 = 4 << 30;

/// The file's bytes, refusing one larger than any bundle can be.
fn read_capped(file: &Path) -> Result<Vec<u8>> {
    let cannot = || VaultError::io(format!("cannot read {}", file.display()));
    let handle = std::fs::File::open(file).map_err(cannot())?;
    let mut bytes = Vec::new();
    handle
        .take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot())?;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(VaultError::NotTheSharedBundle {
            path: file.to_owned(),
            organisation: String::new(),
        });
    }
    Ok(bytes)
}
