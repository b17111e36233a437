//! Invitations: an employer writes to an anonymous candidate through the pseudonym's age
//! recipient, never learning who it is; the seeker sees which share it answers and may
//! reply with a reveal.

use crate::roles::{EmployerVault, SeekerVault};
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use candor_bundle::{
    fingerprint, new_bundle_id, Addressee, BundleWriter, Invitation, Issuer, KeyCard, Kind,
    Manifest, Protection, INVITATION, INVITATION_FORMAT,
};
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::files::{write_new_file, Existing};
use crate::records::internal_record;

/// An invitation as the seeker keeps and sees it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitationRow {
    pub id: String,
    pub recipient_id: String,
    pub organisation: String,
    /// The pseudonym it was addressed to.
    pub to: String,
    pub message: String,
    pub contact: String,
    /// The anonymous shares it answers.
    pub bundles: Vec<String>,
    pub received_at: Timestamp,
}

internal_record!(InvitationRow, "invitation");

impl EmployerVault {
    /// Writes an invitation to an anonymous candidate, encrypted to its pseudonym and signed
    /// by the employer. Returns where it was written.
    pub fn invite(
        &mut self,
        candidate: &str,
        message: &str,
        out: &Path,
        existing: Existing,
    ) -> Result<PathBuf> {
        let card = KeyCard::read(self.employer_card()?.as_bytes())?;
        let candidate = self.candidate(candidate)?;
        let reply_to = match (&candidate.reply_to, candidate.anonymous) {
            (Some(reply_to), true) => reply_to.clone(),
            _ => {
                return Err(VaultError::NotAnonymous {
                    candidate: candidate.name.clone(),
                })
            }
        };
        let signer = self
            .candidate_key(&candidate.bundles[0].bundle_id)?
            .unwrap_or_default();
        let invitation = Invitation {
            format: INVITATION_FORMAT.to_owned(),
            to: candidate.name.clone(),
            bundles: candidate
                .bundles
                .iter()
                .map(|b| b.bundle_id.clone())
                .collect(),
            message: message.trim().to_owned(),
            contact: card.details.contact.clone(),
            employer: card.fingerprint(),
            issued_at: Timestamp::now(),
        };
        let manifest = Manifest {
            format: String::new(),
            kind: Kind::Invitation,
            id: new_bundle_id(),
            issued_at: invitation.issued_at,
            expires_at: None,
            issuer: Issuer {
                public_key: String::new(),
                name: card.details.organisation.clone(),
                reply_to: Some(card.age_recipient.clone()),
            },
            recipient: Some(Addressee {
                name: candidate.name.clone(),
                fingerprint: fingerprint(&reply_to, &signer),
            }),
            view: None,
            fields: Vec::new(),
            purpose: "invitation".to_owned(),
            refers_to: invitation.bundles.clone(),
            entries: Vec::new(),
        };
        let keys = self.own_keys()?;
        let json = serde_json::to_vec_pretty(&invitation).expect("an invitation serializes");
        write_new_file(out, existing, |file| {
            let mut bundle = BundleWriter::new(file, Protection::Recipients(vec![reply_to]))?;
            bundle.add(INVITATION, json.as_slice())?;
            bundle.finish(manifest, &keys.signing)?;
            Ok(())
        })?;
        Ok(out.to_owned())
    }
}

impl SeekerVault {
    /// Imports an invitation: it must open with one of this vault's pseudonyms, answer
    /// anonymous shares this vault made, and be signed by the key on that recipient's card.
    pub fn import_invitation(
        &mut self,
        reader: impl Read + Seek,
        now: Timestamp,
    ) -> Result<InvitationRow> {
        let mut bundle = self.open_bundle(reader)?;
        let manifest = bundle.manifest().clone();
        let invitation = Invitation::read(&bundle.read_entry(INVITATION, 1 << 20)?, &manifest)?;
        let shares: Vec<_> = self
            .ledger()?
            .into_iter()
            .filter(|e| e.is_share() && invitation.bundles.contains(&e.bundle_id))
            .collect();
        let Some(share) = shares.first() else {
            return Err(VaultError::UnknownRequest {
                request: invitation.bundles.join(", "),
            });
        };
        let recipient = self.recipient(&share.recipient_id)?;
        if manifest.issuer.public_key != recipient.minisign_key
            || invitation.employer != recipient.fingerprint
        {
            return Err(VaultError::AnswerFromAnotherSigner {
                organisation: recipient.organisation.clone(),
            });
        }
        let row = InvitationRow {
            id: manifest.id.clone(),
            recipient_id: recipient.id.clone(),
            organisation: recipient.organisation.clone(),
            to: invitation.to.clone(),
            message: invitation.message.clone(),
            contact: invitation.contact.clone(),
            bundles: invitation.bundles.clone(),
            received_at: now,
        };
        let id = row.id.clone();
        self.write(|w| w.put_record(&id, now.as_offset_date_time().unix_timestamp(), &row))?;
        Ok(row)
    }

    /// Every invitation received, in the order they came.
    pub fn invitations(&self) -> Result<Vec<InvitationRow>> {
        Ok(self
            .list_records::<InvitationRow>()?
            .into_iter()
            .map(|(_, row)| row)
            .collect())
    }
}
