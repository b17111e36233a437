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

/// A notice posted to its organisation and the answer taken in.
#[derive(Debug, Clone)]
pub struct NoticeSent {
    pub organisation: String,
    /// The intake URL it was posted to.
    pub url: String,
    /// Where the first part of the answer was saved (named after the notice).
    pub kept: std::path::PathBuf,
    /// The request as it stands with the answer imported.
    pub row: crate::sharing::RequestRow,
}

impl SeekerVault {
    /// Posts the notice saved in `notice` to `recipient`'s intake address with `post`
    /// (the network is the caller's: `candor_net::post_notice`), saves each part of the
    /// signed answer beside the notice and imports it. Refused before anything is posted
    /// when the organisation's card names no intake address.
    pub fn send_notice<E: std::fmt::Display>(
        &mut self,
        recipient: &str,
        notice: &Path,
        now: Timestamp,
        post: impl FnOnce(&str, &[u8]) -> std::result::Result<Vec<Vec<u8>>, E>,
    ) -> Result<NoticeSent> {
        let recipient = self.recipient(recipient)?;
        let url = recipient
            .intake_url
            .clone()
            .ok_or_else(|| VaultError::NoIntakeUrl {
                organisation: recipient.organisation.clone(),
                contact: recipient.privacy_contact.clone(),
            })?;
        let body = read_capped(notice)?;
        let answers = post(&url, &body).map_err(|e| VaultError::SendFailed {
            organisation: recipient.organisation.clone(),
            reason: e.to_string(),
        })?;
        let kept = candor_bundle::answer_path(notice);
        let mut row = None;
        for (number, answer) in (1..).zip(&answers) {
            let part = candor_bundle::answer_part_path(&kept, number);
            crate::files::write_new_file(&part, crate::files::Existing::Replace, |w| {
                std::io::Write::write_all(w, answer)
                    .map_err(VaultError::io(format!("cannot write {}", part.display())))
            })?;
            row = Some(self.import_answer(std::io::Cursor::new(answer), now)?);
        }
        let row = row.ok_or_else(|| VaultError::SendFailed {
            organisation: recipient.organisation.clone(),
            reason: "the intake answered with nothing".into(),
        })?;
        Ok(NoticeSent {
            organisation: recipient.organisation,
            url,
            kept,
            row,
        })
    }
}
