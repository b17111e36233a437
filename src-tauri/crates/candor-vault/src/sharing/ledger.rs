//! The ledger: one entry per disclosure, hash-chained, with the chain's head stored as a
//! record under the vault's authenticated index.
//!
//! Entries are sealed records like the rest, so the index already notices an entry edited,
//! deleted or rolled back between sessions. The chain adds an order that cannot be
//! rewritten without the vault key, and an export whose hashes anyone can recompute.
//! Entries hold the identifiers of what was shared, never the values.

use crate::roles::SeekerVault;
use candor_bundle::{Kind, OutcomeKind, Sealing};
use candor_model::{Timestamp, ViewKind};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::error::{Result, VaultError};
use crate::records::{internal_record, pick_by_prefix};
use crate::vault::Writer;

/// One disclosure.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub seq: u64,
    pub at: Timestamp,
    /// A share (profile share, reveal, correction) or a request about shares.
    pub action: Kind,
    pub bundle_id: String,
    /// SHA-256 of the bundle file as sent.
    pub bundle_sha256: String,
    pub recipient_id: String,
    pub organisation: String,
    pub organisation_number: String,
    pub privacy_contact: String,
    pub privacy_policy_url: String,
    pub fingerprint: String,
    pub view: ViewKind,
    /// Who signed: the seeker's own key, or a pseudonym (`"identity"` or its name).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub signed_as: SignedAs,
    /// Identifiers of the fields shared ("education[0].courses[2].grade"), never values.
    pub fields: Vec<String>,
    /// Ids of the documents attached.
    pub documents: Vec<String>,
    pub expires_at: Option<Timestamp>,
    pub purpose: String,
    pub sealing: Sealing,
    /// For a request (deletion, access, …): the bundles it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<String>,
    /// For a request: when the answer is due (one month, GDPR Art. 12(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Timestamp>,
    /// The hash of the entry before this one ("" for the first).
    pub prev_hash: String,
}

impl LedgerEntry {
    /// SHA-256 of the entry's JSON, lowercase hex: what the next entry's `prev_hash` holds.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).expect("a ledger entry serializes");
        data_encoding::HEXLOWER.encode(&Sha256::digest(json))
    }

    /// A share (or a reveal, or a correction), as opposed to a request about shares.
    pub fn is_share(&self) -> bool {
        self.action.is_share()
    }

    pub fn status(&self, now: Timestamp) -> LedgerStatus {
        match self.expires_at {
            Some(at) if at <= now => LedgerStatus::Expired,
            _ => LedgerStatus::Active,
        }
    }
}

/// Who signed a share or a request: the seeker as themselves, or one of their pseudonyms.
/// Stored as the text `"identity"` or the pseudonym's name, as ledgers have always held it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedAs {
    Identity,
    Pseudonym(String),
}

impl SignedAs {
    const IDENTITY: &'static str = "identity";

    /// `"identity"` or the pseudonym, as stored.
    pub fn as_str(&self) -> &str {
        match self {
            SignedAs::Identity => Self::IDENTITY,
            SignedAs::Pseudonym(name) => name,
        }
    }
}

impl Serialize for SignedAs {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SignedAs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(if text == Self::IDENTITY {
            SignedAs::Identity
        } else {
            SignedAs::Pseudonym(text)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum LedgerStatus {
    Active,
    Expired,
}

internal_record!(LedgerEntry, "ledger");

#[derive(Debug, Clone, Serialize, Deserialize)]
struct LedgerHead {
    seq: u64,
    hash: String,
}

internal_record!(LedgerHead, "ledger-head");

const HEAD: &str = "head";

fn entry_id(seq: u64) -> String {
    format!("{seq:012}")
}

impl Writer<'_> {
    /// Appends `entry` (its `seq` and `prev_hash` are set here) and moves the head.
    pub(crate) fn append_ledger(&mut self, mut entry: LedgerEntry) -> Result<LedgerEntry> {
        let head = self.get_record::<LedgerHead>(HEAD)?.unwrap_or(LedgerHead {
            seq: 0,
            hash: String::new(),
        });
        entry.seq = head.seq + 1;
        entry.prev_hash = head.hash;
        let hash = entry.hash();
        self.put_record(&entry_id(entry.seq), entry.seq as i64, &entry)?;
        self.put_record(
            HEAD,
            0,
            &LedgerHead {
                seq: entry.seq,
                hash,
            },
        )?;
        Ok(entry)
    }
}

impl SeekerVault {
    /// Every ledger entry in order, after checking the chain: numbered without gaps, each
    /// linked to the one before, the last one matching the stored head.
    pub fn ledger(&self) -> Result<Vec<LedgerEntry>> {
        let broken = |why: String| VaultError::tampered(format!("the ledger is broken: {why}"));
        let mut entries: Vec<LedgerEntry> = self
            .list_records::<LedgerEntry>()?
            .into_iter()
            .map(|(_, entry)| entry)
            .collect();
        entries.sort_by_key(|entry| entry.seq);
        let mut prev = String::new();
        for (i, entry) in entries.iter().enumerate() {
            if entry.seq != i as u64 + 1 {
                return Err(broken(format!("entry {} is missing", i + 1)));
            }
            if entry.prev_hash != prev {
                return Err(broken(format!(
                    "entry {} does not follow from the one before",
                    entry.seq
                )));
            }
            prev = entry.hash();
        }
        let head = self.get_record::<LedgerHead>(HEAD)?;
        match head {
            None if entries.is_empty() => {}
            None => return Err(broken("its head is missing".into())),
            Some(head) if head.seq != entries.len() as u64 || head.hash != prev => {
                return Err(broken(format!(
                    "it ends at entry {} but its head records entry {}",
                    entries.len(),
                    head.seq
                )))
            }
            Some(_) => {}
        }
        Ok(entries)
    }

    /// The ledger as JSON, with each entry's hash, for the seeker to keep or show.
    pub fn export_ledger(&self) -> Result<serde_json::Value> {
        let entries = self.ledger()?;
        let rows: Vec<serde_json::Value> = entries
            .iter()
            .map(|entry| {
                let mut value = serde_json::to_value(entry).expect("serializes");
                value["hash"] = entry.hash().into();
                value
            })
            .collect();
        Ok(serde_json::json!({
            "format": "candor-ledger/1",
            "exportedAt": Timestamp::now(),
            "head": entries.last().map(LedgerEntry::hash),
            "entries": rows,
        }))
    }

    /// "What does this organisation have about me?": every share to the recipient, and the
    /// fields still held under shares that have not expired.
    pub fn holdings(&self, recipient_id: &str, now: Timestamp) -> Result<Holdings> {
        let shares: Vec<LedgerEntry> = self
            .ledger()?
            .into_iter()
            .filter(|entry| entry.is_share() && entry.recipient_id == recipient_id)
            .collect();
        // Shares the organisation confirmed deleting, or that a correction replaced, are
        // no longer held.
        let mut deleted: Vec<String> = self
            .requests(now)?
            .into_iter()
            .filter_map(|row| row.answer)
            .filter(|answer| answer.outcome == OutcomeKind::Deleted)
            .flat_map(|answer| answer.bundles)
            .chain(
                shares
                    .iter()
                    .filter(|e| e.action == Kind::Correction)
                    .flat_map(|e| e.refers_to.iter().cloned()),
            )
            .filter(|id| shares.iter().any(|e| &e.bundle_id == id))
            .collect();
        deleted.sort();
        deleted.dedup();
        let mut fields: Vec<String> = shares
            .iter()
            .filter(|entry| entry.status(now) == LedgerStatus::Active)
            .filter(|entry| !deleted.contains(&entry.bundle_id))
            .flat_map(|entry| entry.fields.iter().cloned())
            .collect();
        fields.sort();
        fields.dedup();
        let documents: Vec<(String, candor_model::Document)> = self
            .list::<candor_model::Document>()?
            .into_iter()
            .map(|entry| (entry.id, entry.value))
            .collect();
        Ok(Holdings {
            shares,
            groups: candor_model::group_fields(&fields),
            items: candor_model::held_items(&self.profile()?, &documents, &fields),
            fields,
            deleted,
        })
    }

    /// A consent receipt for one share, with the fields of the Kantara Initiative's
    /// Consent Receipt Specification 1.1.
    pub fn consent_receipt(&self, bundle_id: &str) -> Result<serde_json::Value> {
        let shares = self.ledger()?.into_iter().filter(LedgerEntry::is_share);
        let entry = pick_by_prefix(shares.map(|e| (e.bundle_id.clone(), e)), bundle_id, "share")?
            .ok_or_else(|| VaultError::RecordNotFound {
            kind: "share",
            id: bundle_id.to_owned(),
        })?;
        let termination = entry.expires_at.map_or_else(
            || "when the data subject revokes the share or asks for deletion".to_owned(),
            |at| format!("at {at}, or earlier when the data subject revokes the share"),
        );
        Ok(serde_json::json!({
            "version": "KI-CR-v1.1.0",
            "jurisdiction": "NO",
            "consentTimestamp": entry.at.as_offset_date_time().unix_timestamp(),
            "collectionMethod": "a signed Candor bundle sent by the data subject",
            "consentReceiptID": entry.bundle_id,
            "publicKey": null,
            "language": "en",
            "piiPrincipalId": entry.signed_as,
            "piiControllers": [{
                "piiController": entry.organisation,
                "contact": entry.privacy_contact,
                "address": null,
                "email": entry.privacy_contact,
                "phone": null,
                "piiControllerUrl": entry.privacy_policy_url,
            }],
            "policyUrl": entry.privacy_policy_url,
            "services": [{
                "service": "Recruitment",
                "purposes": [{
                    "purpose": entry.purpose,
                    "purposeCategory": ["Recruitment"],
                    "consentType": "EXPLICIT",
                    "piiCategory": entry.fields,
                    "primaryPurpose": true,
                    "termination": termination,
                    "thirdPartyDisclosure": false,
                }],
            }],
            "sensitive": false,
            "spiCat": [],
        }))
    }
}

/// What one organisation holds, by the seeker's ledger.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Holdings {
    pub shares: Vec<LedgerEntry>,
    /// Field identifiers under shares that have not expired and are still held.
    pub fields: Vec<String>,
    /// The same fields grouped by section, as people read them.
    pub groups: Vec<candor_model::FieldGroup>,
    /// The same fields as the entries they belong to, named from the seeker's profile.
    pub items: Vec<candor_model::HeldItem>,
    /// Shares no longer held: deletion confirmed by a signed answer, or replaced by a
    /// correction.
    pub deleted: Vec<String>,
}
