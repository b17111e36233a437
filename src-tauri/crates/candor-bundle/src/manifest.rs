//! `manifest.json`: what a bundle is, who made it for whom, and the hash of every entry.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use candor_model::Timestamp;

pub const FORMAT: &str = "candor-bundle/1";
pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "manifest.json.minisig";
pub const CHECKSUMS: &str = "SHA256SUMS";

/// What a bundle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ProfileShare,
    Correction,
    Invitation,
    Reveal,
    Revocation,
    DeletionRequest,
    AccessRequest,
    ConsentWithdrawal,
    DeletionReceipt,
    AccessExport,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ProfileShare => "profile-share",
            Kind::Correction => "correction",
            Kind::Invitation => "invitation",
            Kind::Reveal => "reveal",
            Kind::Revocation => "revocation",
            Kind::DeletionRequest => "deletion-request",
            Kind::AccessRequest => "access-request",
            Kind::ConsentWithdrawal => "consent-withdrawal",
            Kind::DeletionReceipt => "deletion-receipt",
            Kind::AccessExport => "access-export",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Kind, String> {
        serde_json::from_value(serde_json::Value::String(s.to_owned()))
            .map_err(|_| format!("unknown bundle kind {s:?}"))
    }
}

/// Who signed the bundle: the seeker's identity, a per-recipient pseudonym, or an employer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issuer {
    /// The minisign public key the manifest is signed with (base64).
    pub public_key: String,
    /// A display name, or a pseudonym for anonymous shares.
    pub name: String,
    /// Where replies (invitations, receipts) are encrypted to: an age recipient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}

/// Whom the bundle is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Addressee {
    pub name: String,
    /// The key card fingerprint.
    pub fingerprint: String,
}

/// One file in the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    pub size: u64,
    /// Lowercase hex SHA-256 of the entry's bytes.
    pub sha256: String,
}

/// The signed description of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub kind: Kind,
    pub id: String,
    pub issued_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    pub issuer: Issuer,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<Addressee>,
    /// "anonymous" or "full" for profile shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// Identifiers of the fields the bundle holds, never their values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    /// Earlier bundles this one is about (a correction replaces them, a notice names them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<String>,
    pub entries: Vec<ManifestEntry>,
}

impl Manifest {
    /// The minisign trusted comment: kind, id and expiry, shown by `minisign -V` and
    /// checked against the manifest by the reader.
    pub fn trusted_comment(&self) -> String {
        let expires = self
            .expires_at
            .map_or_else(|| "never".to_owned(), |at| at.to_string());
        format!(
            "{FORMAT} kind:{} id:{} expires:{expires}",
            self.kind, self.id
        )
    }

    /// `SHA256SUMS` in the form `sha256sum -c` reads.
    pub fn checksums(&self) -> String {
        self.entries
            .iter()
            .map(|entry| format!("{}  {}\n", entry.sha256, entry.path))
            .collect()
    }

    pub fn entry(&self, path: &str) -> Option<&ManifestEntry> {
        self.entries.iter().find(|entry| entry.path == path)
    }

    /// Whether the bundle has expired at `now`.
    pub fn is_expired(&self, now: Timestamp) -> bool {
        self.expires_at.is_some_and(|at| at <= now)
    }
}

/// A new random bundle id: 128 bits, lowercase hex.
pub fn new_bundle_id() -> String {
    let bytes: [u8; 16] = rand::random();
    data_encoding::HEXLOWER.encode(&bytes)
}
