//! `manifest.json`: what a bundle is, who made it for whom, and the hash of every entry.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use candor_model::{Timestamp, ViewKind};

pub const FORMAT: &str = "candor-bundle/1";
pub const MANIFEST: &str = "manifest.json";
pub const SIGNATURE: &str = "manifest.json.minisig";
pub const CHECKSUMS: &str = "SHA256SUMS";

/// What a bundle is for.
#[cfg_attr(feature = "specta", derive(specta::Type))]
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

    /// A share of the seeker's data (a profile, a correction of one, a reveal), as opposed
    /// to a request about shares or an employer's message.
    pub fn is_share(self) -> bool {
        matches!(self, Kind::ProfileShare | Kind::Correction | Kind::Reveal)
    }

    /// The request this kind is, if it is one a seeker sends about their shares.
    pub fn request(self) -> Option<RequestKind> {
        RequestKind::ALL
            .into_iter()
            .find(|request| request.kind() == self)
    }
}

/// What a seeker asks of an organisation about what it was sent.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// Erase it (GDPR Art. 17).
    #[cfg_attr(feature = "clap", value(alias = "deletion-request"))]
    Deletion,
    /// Say what it holds, with a copy (Art. 15).
    #[cfg_attr(feature = "clap", value(alias = "access-request"))]
    Access,
    /// Stop using it and erase it: consent withdrawn (Art. 7(3)).
    #[cfg_attr(feature = "clap", value(alias = "consent-withdrawal"))]
    Withdraw,
    /// The shares are revoked: stop using them and delete them.
    #[cfg_attr(feature = "clap", value(alias = "revocation"))]
    Revoke,
}

impl RequestKind {
    pub const ALL: [RequestKind; 4] = [
        RequestKind::Deletion,
        RequestKind::Access,
        RequestKind::Withdraw,
        RequestKind::Revoke,
    ];

    /// The bundle kind a notice of this request is.
    pub fn kind(self) -> Kind {
        match self {
            RequestKind::Deletion => Kind::DeletionRequest,
            RequestKind::Access => Kind::AccessRequest,
            RequestKind::Withdraw => Kind::ConsentWithdrawal,
            RequestKind::Revoke => Kind::Revocation,
        }
    }

    /// True when the answer must be a deletion (every request but access).
    pub fn deletes(self) -> bool {
        self != RequestKind::Access
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
    /// Which view a profile share holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewKind>,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A manifest as an earlier release signed it. The signature covers these bytes, so the
    /// types behind them may change only if they read and write exactly the same text.
    const SIGNED: &str = r#"{"format":"candor-bundle/1","kind":"profile-share","id":"4f0c2b8e9d1a7c3e5b6f8a0d2c4e6f81","issuedAt":"2026-11-20T09:14:03.512000001Z","expiresAt":"2027-02-18T09:14:03.512000001Z","issuer":{"publicKey":"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3","name":"Candidate Fjord-Heron","replyTo":"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"},"recipient":{"name":"Acme AS","fingerprint":"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"},"view":"anonymous","fields":["education[0].degree","skills[2]"],"purpose":"Graduate engineer 2027","entries":[{"path":"profile.json","size":2048,"sha256":"9b1f0c3e5d7a9b2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d"}]}"#;

    /// A deletion request: no view, no fields, the bundles it is about.
    const NOTICE: &str = r#"{"format":"candor-bundle/1","kind":"deletion-request","id":"7a1b2c3d4e5f60718293a4b5c6d7e8f9","issuedAt":"2026-11-21T10:00:00Z","issuer":{"publicKey":"RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3","name":"Kari Nordmann"},"refersTo":["4f0c2b8e9d1a7c3e5b6f8a0d2c4e6f81"],"entries":[{"path":"notice.json","size":310,"sha256":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"}]}"#;

    #[test]
    fn a_manifest_of_an_earlier_release_serializes_to_the_same_bytes() {
        for text in [SIGNED, NOTICE] {
            let manifest: Manifest = serde_json::from_str(text).expect("an earlier manifest");
            let again = serde_json::to_string(&manifest).expect("serializes");
            assert_eq!(again, text);
        }
    }

    #[test]
    fn the_trusted_comment_of_an_earlier_manifest_is_unchanged() {
        let manifest: Manifest = serde_json::from_str(SIGNED).expect("an earlier manifest");
        assert_eq!(
            manifest.trusted_comment(),
            "candor-bundle/1 kind:profile-share id:4f0c2b8e9d1a7c3e5b6f8a0d2c4e6f81 \
             expires:2027-02-18T09:14:03.512000001Z"
        );
    }
}
