//! The organisations a seeker shares with, each from its verified key card.

use crate::roles::SeekerVault;
use candor_bundle::KeyCard;
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::records::internal_record;
use crate::records::new_id;

/// A recipient as stored: the card file exactly as received, checked again on every read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StoredRecipient {
    card_text: String,
    added_at: Timestamp,
    /// Where the card came from: a file name or a URL.
    source: String,
}

internal_record!(StoredRecipient, "recipient");

/// A recipient, as the faces show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecipientInfo {
    pub id: String,
    pub organisation: String,
    pub organisation_number: String,
    pub contact: String,
    pub privacy_contact: String,
    pub privacy_policy_url: String,
    pub intake_url: Option<String>,
    /// Compare this with the organisation by phone or in person before sharing.
    pub fingerprint: String,
    pub age_recipient: String,
    pub minisign_key: String,
    pub added_at: Timestamp,
    pub source: String,
    /// The name anonymous shares to this recipient are signed with.
    pub pseudonym: String,
}

impl RecipientInfo {
    fn new(id: String, card: &KeyCard, stored: &StoredRecipient, pseudonym: String) -> Self {
        RecipientInfo {
            id,
            organisation: card.details.organisation.clone(),
            organisation_number: card.details.organisation_number.clone(),
            contact: card.details.contact.clone(),
            privacy_contact: card.details.privacy_contact.clone(),
            privacy_policy_url: card.details.privacy_policy_url.clone(),
            intake_url: card.details.intake_url.clone(),
            fingerprint: card.fingerprint(),
            age_recipient: card.age_recipient.clone(),
            minisign_key: card.minisign_key.clone(),
            added_at: stored.added_at,
            source: stored.source.clone(),
            pseudonym,
        }
    }
}

impl SeekerVault {
    /// Adds a recipient from a key card file's bytes, after checking its signature. A card
    /// with the same keys as one already added replaces it (new contact details); its
    /// pseudonym is kept. Also makes the recipient's pseudonym.
    pub fn add_recipient(&mut self, card_bytes: &[u8], source: &str) -> Result<RecipientInfo> {
        let card = KeyCard::read(card_bytes)?;
        let card_text = String::from_utf8(card_bytes.to_vec()).map_err(|_| {
            VaultError::Bundle(candor_bundle::BundleError::MalformedCard {
                reason: "it is not UTF-8 text".into(),
            })
        })?;
        let existing = self
            .recipients()?
            .into_iter()
            .find(|r| r.fingerprint == card.fingerprint());
        let id = existing.map_or_else(new_id, |r| r.id);
        let stored = StoredRecipient {
            card_text,
            added_at: Timestamp::now(),
            source: source.to_owned(),
        };
        let pseudonym = self.write(|w| {
            w.put_record(&id, crate::records::now_order(), &stored)?;
            Ok(w.pseudonym_keys(&id)?.name)
        })?;
        Ok(RecipientInfo::new(id, &card, &stored, pseudonym))
    }

    /// Every recipient, in the order they were added.
    pub fn recipients(&self) -> Result<Vec<RecipientInfo>> {
        self.list_records::<StoredRecipient>()?
            .into_iter()
            .map(|(id, stored)| self.recipient_info(id, &stored))
            .collect()
    }

    /// The recipient that `name` names: its id (or a prefix of it), its fingerprint, or
    /// its organisation name (any case).
    pub fn recipient(&self, name: &str) -> Result<RecipientInfo> {
        let all = self.recipients()?;
        let wanted = name.trim();
        let matches: Vec<&RecipientInfo> = all
            .iter()
            .filter(|r| {
                r.id == wanted
                    || r.fingerprint.eq_ignore_ascii_case(wanted)
                    || r.organisation.to_lowercase() == wanted.to_lowercase()
            })
            .collect();
        let matches = if matches.is_empty() && wanted.len() >= crate::records::MIN_PREFIX {
            all.iter().filter(|r| r.id.starts_with(wanted)).collect()
        } else {
            matches
        };
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(VaultError::RecordNotFound {
                kind: "recipient",
                id: wanted.to_owned(),
            }),
            many => Err(VaultError::AmbiguousId {
                kind: "recipient",
                prefix: wanted.to_owned(),
                count: many.len(),
            }),
        }
    }

    fn recipient_info(&self, id: String, stored: &StoredRecipient) -> Result<RecipientInfo> {
        let card = KeyCard::read(stored.card_text.as_bytes())?;
        let pseudonym = self
            .pseudonym(&id)?
            .map(|keys| keys.name)
            .unwrap_or_default();
        Ok(RecipientInfo::new(id, &card, stored, pseudonym))
    }
}
