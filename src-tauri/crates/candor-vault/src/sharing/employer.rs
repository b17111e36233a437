//! The employer's side: its key card, importing bundles into its own vault, and the
//! candidates they describe. Bundles are kept only until they expire.

use crate::roles::EmployerVault;
use crate::roles::VaultRole;
use std::io::{Read, Seek};

use candor_bundle::{
    Addressee, BundleWriter, Issuer, KeyCard, Kind, Manifest, Notice, OutcomeKind, Protection,
    Reveal, Sealing, ANSWER, NOTICE, REVEAL, REVEAL_SIGNATURE,
};
use candor_model::{Profile, Record, Timestamp, ViewKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::BlobRef;
use crate::error::{Result, VaultError};
use crate::header::Role;
use crate::records::internal_record;
use crate::vault::Vault;

mod notices;

pub use notices::{answer_part_path, NoticeAnswered};
use notices::{Deleted, Gone, StoredAnswer};

/// The largest `profile.json` an employer reads.
const MAX_PROFILE_JSON: u64 = 16 << 20;

/// A bundle as the employer keeps it: the signed manifest, the profile read from it, and
/// every entry re-encrypted under the employer's vault key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReceivedBundle {
    manifest: Manifest,
    sealing: Sealing,
    received_at: Timestamp,
    profile: Profile,
    entries: Vec<(String, BlobRef)>,
    /// For a reveal: the pseudonym it links to the identity that signed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reveal: Option<Reveal>,
    /// SHA-256 of the signed manifest's bytes: the same bundle again is recognised by it
    /// (absent in bundles imported before it was kept; their manifest is compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    manifest_sha256: Option<String>,
}

internal_record!(ReceivedBundle, "received");

impl ReceivedBundle {
    /// Whether `manifest` (with the hash of its signed bytes) is this very bundle.
    fn is_same(&self, manifest: &Manifest, manifest_sha256: &str) -> bool {
        self.manifest.issuer.public_key == manifest.issuer.public_key
            && match &self.manifest_sha256 {
                Some(held) => held == manifest_sha256,
                None => &self.manifest == manifest,
            }
    }
}

/// The lowercase hex SHA-256 of a bundle's signed manifest.
fn manifest_sha256<R: Read + Seek>(bundle: &candor_bundle::OpenBundle<R>) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(bundle.signed_manifest().0))
}

/// How long a tombstone outlives the expiry of the bundle it stands for: a clock set back
/// must not let an expired bundle in again.
const TOMBSTONE_GRACE_DAYS: i64 = 30;

/// How much an employer vault gives to access requests. Deletion, withdrawal and
/// revocation are never limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmployerLimits {
    /// Access requests answered per signing key in any 24 hours.
    pub access_per_signer_per_day: usize,
    /// Access requests answered in all in any 24 hours.
    pub access_per_day: usize,
    /// The largest part of an access export; a larger export comes in several parts.
    pub export_part_bytes: u64,
}

impl Default for EmployerLimits {
    fn default() -> EmployerLimits {
        EmployerLimits {
            access_per_signer_per_day: 3,
            access_per_day: 100,
            export_part_bytes: 64 << 20,
        }
    }
}

/// A bundle the employer holds, as the faces show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedSummary {
    pub bundle_id: String,
    pub candidate: String,
    pub candidate_name: String,
    pub anonymous: bool,
    /// The view a profile share holds (none for a reveal).
    pub view: Option<ViewKind>,
    pub purpose: String,
    pub issued_at: Timestamp,
    pub received_at: Timestamp,
    /// When the employer must have deleted it by.
    pub expires_at: Option<Timestamp>,
    /// True when it came unencrypted.
    pub plain: bool,
    pub entries: Vec<String>,
    /// True when this import found it already held.
    pub already_held: bool,
}

/// One candidate: everyone who signed bundles with one key.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// A short id derived from the signing key.
    pub id: String,
    /// The seeker's name, or their pseudonym for anonymous shares.
    pub name: String,
    pub anonymous: bool,
    /// Pseudonyms this candidate revealed to be theirs; their bundles are listed here.
    pub revealed: Vec<String>,
    /// The newest bundle's profile.
    pub profile: Profile,
    pub bundles: Vec<ReceivedSummary>,
    /// Where invitations and receipts go (the pseudonym's or identity's age recipient).
    pub reply_to: Option<String>,
    /// The grade point average of each education in `profile`, in its order, as a diploma
    /// writes it ("4.17 (B)"); none where no graded course with credits counts.
    #[serde(default)]
    pub gpa: Vec<Option<String>>,
}

fn candidate_id(public_key: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(public_key.as_bytes())[..8])
}

impl ReceivedBundle {
    fn summary(&self, already_held: bool) -> ReceivedSummary {
        ReceivedSummary {
            bundle_id: self.manifest.id.clone(),
            candidate: candidate_id(&self.manifest.issuer.public_key),
            candidate_name: self.manifest.issuer.name.clone(),
            anonymous: self.manifest.view == Some(ViewKind::Anonymous),
            view: self.manifest.view,
            purpose: self.manifest.purpose.clone(),
            issued_at: self.manifest.issued_at,
            received_at: self.received_at,
            expires_at: self.manifest.expires_at,
            plain: self.sealing == Sealing::Plain,
            entries: self.entries.iter().map(|(path, _)| path.clone()).collect(),
            already_held,
        }
    }
}

impl<R: VaultRole> Vault<R> {
    /// Every sealed blob a received bundle or a stored answer points to, for re-sealing
    /// them all under a new data key.
    pub(crate) fn held_blobs(&self) -> Result<Vec<BlobRef>> {
        let mut blobs = Vec::new();
        for (_, bundle) in self.list_records::<ReceivedBundle>()? {
            blobs.extend(bundle.entries.into_iter().map(|(_, blob)| blob));
        }
        for (_, answer) in self.list_records::<StoredAnswer>()? {
            blobs.extend(answer.parts);
        }
        Ok(blobs)
    }
}

impl EmployerVault {
    /// Imports a bundle: decrypts it with the vault's key, checks its structure, signature,
    /// recipient and expiry, re-encrypts every entry into the vault, and commits only when
    /// every entry matched the signed manifest.
    ///
    /// The same bundle again (same signer, same signed manifest) is not stored twice;
    /// another bundle reusing a held id is refused without a word about what is held. A
    /// bundle this vault deleted (on request, on expiry, by the employer's own choice, or
    /// replaced by a correction), or a correction or reveal naming one deleted other than by
    /// a correction, is refused: deletion stays deleted.
    pub fn import_bundle(
        &mut self,
        reader: impl Read + Seek,
        now: Timestamp,
    ) -> Result<ReceivedSummary> {
        let card = KeyCard::read(self.employer_card()?.as_bytes())?;
        let mut bundle = self.open_bundle(reader)?;
        bundle.check_addressed_to(&card.fingerprint())?;
        bundle.check_not_expired(now)?;
        let manifest = bundle.manifest().clone();
        if !matches!(
            manifest.kind,
            Kind::ProfileShare | Kind::Correction | Kind::Reveal
        ) {
            return Err(VaultError::NotAShare {
                kind: manifest.kind.to_string(),
            });
        }
        let manifest_sha256 = manifest_sha256(&bundle);
        let signer = manifest.issuer.public_key.clone();
        if let Some(gone) = self.get_record::<Deleted>(&manifest.id)? {
            return Err(if gone.signer == signer {
                gone.refusal()
            } else {
                VaultError::IdTaken { what: "bundle" }
            });
        }
        if let Some(held) = self.get_record::<ReceivedBundle>(&manifest.id)? {
            return if held.is_same(&manifest, &manifest_sha256) {
                Ok(held.summary(true))
            } else {
                Err(VaultError::IdTaken { what: "bundle" })
            };
        }
        let reveal = if manifest.kind == Kind::Reveal {
            let bytes = bundle.read_entry(REVEAL, 64 * 1024)?;
            let signature = bundle.read_entry(REVEAL_SIGNATURE, 64 * 1024)?;
            let signature = String::from_utf8_lossy(&signature).into_owned();
            Some(Reveal::verify(
                &bytes,
                &signature,
                &manifest,
                &card.fingerprint(),
            )?)
        } else {
            None
        };
        // A correction (signed by the key of what it corrects) or a reveal (naming the
        // pseudonym's bundles) must not bring back what was deleted.
        let referring_key = match &reveal {
            Some(reveal) => reveal.pseudonym_key.clone(),
            None => signer.clone(),
        };
        for id in &manifest.refers_to {
            if let Some(gone) = self.get_record::<Deleted>(id)? {
                if gone.signer == referring_key && gone.reason != Gone::Replaced {
                    return Err(gone.refusal());
                }
            }
        }
        let profile_json = bundle.read_entry("profile.json", MAX_PROFILE_JSON)?;
        let profile = candor_formats::import_json_resume(&profile_json)?.profile;
        let sealing = bundle.sealing();
        // A correction replaces the bundles it names that the same key signed.
        let replaced: Vec<(String, ReceivedBundle)> = if manifest.kind == Kind::Correction {
            self.list_records::<ReceivedBundle>()?
                .into_iter()
                .filter(|(id, held)| {
                    manifest.refers_to.contains(id) && held.manifest.issuer.public_key == signer
                })
                .collect()
        } else {
            Vec::new()
        };
        let received = self.write(|w| {
            let mut entries = Vec::new();
            for entry in &manifest.entries {
                // The entry reader hashes what it yields and `finish` checks it against the
                // signed manifest, so the bytes are hashed once, here.
                let mut reader = bundle.entry(&entry.path)?;
                match w.seal_blob(&mut reader, &format!("reading {}", entry.path)) {
                    Ok(blob) => {
                        reader.finish()?;
                        entries.push((entry.path.clone(), blob));
                    }
                    // The entry's own check names the failure better than the I/O error
                    // it caused.
                    Err(e) => return Err(reader.take_failure().map_or(e, VaultError::from)),
                }
            }
            let received = ReceivedBundle {
                manifest: manifest.clone(),
                sealing,
                received_at: now,
                profile,
                entries,
                reveal,
                manifest_sha256: Some(manifest_sha256),
            };
            w.put_record(
                &manifest.id,
                now.as_offset_date_time().unix_timestamp(),
                &received,
            )?;
            for (id, old) in &replaced {
                w.forget_received(id, old, Gone::Replaced, now)?;
            }
            Ok(received)
        })?;
        Ok(received.summary(false))
    }

    /// Removes every bundle that has expired at `now`, with its content, leaving a
    /// tombstone; drops tombstones whose time has run. Returns how many bundles went.
    pub fn purge_expired(&mut self, now: Timestamp) -> Result<usize> {
        if self.role() != Role::Employer {
            return Ok(0);
        }
        let expired: Vec<(String, ReceivedBundle)> = self
            .list_records::<ReceivedBundle>()?
            .into_iter()
            .filter(|(_, bundle)| bundle.manifest.is_expired(now))
            .collect();
        let stale: Vec<String> = self
            .list_records::<Deleted>()?
            .into_iter()
            .filter(|(_, gone)| gone.keep_until.is_some_and(|until| until <= now))
            .map(|(id, _)| id)
            .collect();
        if expired.is_empty() && stale.is_empty() {
            return Ok(0);
        }
        self.write(|w| {
            for id in &stale {
                w.remove(Deleted::KIND, id)?;
            }
            for (id, bundle) in &expired {
                w.forget_received(id, bundle, Gone::Expired, now)?;
            }
            Ok(())
        })?;
        Ok(expired.len())
    }

    /// Every candidate, newest bundle first within each.
    pub fn candidates(&self) -> Result<Vec<Candidate>> {
        let mut received: Vec<ReceivedBundle> = self
            .list_records::<ReceivedBundle>()?
            .into_iter()
            .map(|(_, bundle)| bundle)
            .collect();
        received.sort_by_key(|bundle| std::cmp::Reverse(bundle.manifest.issued_at));
        let reveals: Vec<Reveal> = received.iter().filter_map(|b| b.reveal.clone()).collect();
        let mut candidates: Vec<Candidate> = Vec::new();
        for bundle in received {
            let id = candidate_id(&bundle.manifest.issuer.public_key);
            let summary = bundle.summary(false);
            match candidates.iter_mut().find(|c| c.id == id) {
                Some(candidate) => candidate.bundles.push(summary),
                None => candidates.push(Candidate {
                    id,
                    name: bundle.manifest.issuer.name.clone(),
                    anonymous: summary.anonymous,
                    revealed: Vec::new(),
                    profile: bundle.profile.clone(),
                    reply_to: bundle.manifest.issuer.reply_to.clone(),
                    bundles: vec![summary],
                    gpa: bundle
                        .profile
                        .education
                        .iter()
                        .map(|e| candor_model::gpa(&e.courses).map(|g| g.to_string()))
                        .collect(),
                }),
            }
        }
        merge_revealed(&mut candidates, &reveals);
        Ok(candidates)
    }

    /// Deletes everything held from one candidate (by id or name, as [`Self::candidate`]
    /// finds them), the bundles of pseudonyms they revealed included, before it expires.
    /// Each bundle leaves a tombstone, as a deletion on request does: the same bundle sent
    /// again is refused, and a notice naming it is still answered. Returns the ids deleted.
    pub fn delete_candidate(&mut self, candidate: &str, now: Timestamp) -> Result<Vec<String>> {
        let candidate = self.candidate(candidate)?;
        let mut held = Vec::with_capacity(candidate.bundles.len());
        for summary in &candidate.bundles {
            if let Some(bundle) = self.get_record::<ReceivedBundle>(&summary.bundle_id)? {
                held.push((summary.bundle_id.clone(), bundle));
            }
        }
        self.write(|w| {
            for (id, bundle) in &held {
                w.forget_received(id, bundle, Gone::ByEmployer, now)?;
            }
            Ok(())
        })?;
        Ok(held.into_iter().map(|(id, _)| id).collect())
    }

    /// One candidate, by id (or a prefix of it) or name.
    pub fn candidate(&self, name: &str) -> Result<Candidate> {
        let wanted = name.trim();
        let all = self.candidates()?;
        let found: Vec<Candidate> = all
            .into_iter()
            .filter(|c| {
                c.id == wanted
                    || c.name.eq_ignore_ascii_case(wanted)
                    || (wanted.len() >= crate::records::MIN_PREFIX && c.id.starts_with(wanted))
            })
            .collect();
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(VaultError::RecordNotFound {
                kind: "candidate",
                id: wanted.to_owned(),
            }),
            count => Err(VaultError::AmbiguousId {
                kind: "candidate",
                prefix: wanted.to_owned(),
                count,
            }),
        }
    }

    /// The key that signed a held bundle.
    pub(crate) fn candidate_key(&self, bundle_id: &str) -> Result<Option<String>> {
        Ok(self
            .get_record::<ReceivedBundle>(bundle_id)?
            .map(|b| b.manifest.issuer.public_key))
    }

    /// Decrypts one entry of a held bundle (`profile.html`, an attachment) into `out`.
    pub fn read_received(
        &self,
        bundle_id: &str,
        path: &str,
        out: &mut impl std::io::Write,
    ) -> Result<()> {
        let bundle = self
            .get_record::<ReceivedBundle>(bundle_id)?
            .ok_or_else(|| VaultError::RecordNotFound {
                kind: "bundle",
                id: bundle_id.to_owned(),
            })?;
        let (_, blob) = bundle
            .entries
            .iter()
            .find(|(p, _)| p == path)
            .ok_or_else(|| VaultError::RecordNotFound {
                kind: "bundle entry",
                id: path.to_owned(),
            })?;
        self.read_blob(blob, &format!("{path} of bundle {bundle_id}"), out)
    }
}

/// Folds each revealed pseudonym's candidate into the identity's: one person, one entry,
/// with the anonymous bundles listed beside the full ones.
fn merge_revealed(candidates: &mut Vec<Candidate>, reveals: &[Reveal]) {
    for reveal in reveals {
        let pseudonym = candidate_id(&reveal.pseudonym_key);
        let identity = candidate_id(&reveal.identity_key);
        let Some(at) = candidates.iter().position(|c| c.id == pseudonym) else {
            continue;
        };
        if !candidates.iter().any(|c| c.id == identity) {
            continue;
        }
        let anonymous = candidates.remove(at);
        if let Some(known) = candidates.iter_mut().find(|c| c.id == identity) {
            known.revealed.push(anonymous.name);
            known.bundles.extend(anonymous.bundles);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Gone;

    #[test]
    fn tombstone_reasons_keep_their_stored_names() {
        for (gone, stored) in [
            (Gone::Requested, "requested"),
            (Gone::Replaced, "replaced"),
            (Gone::Expired, "expired"),
            (Gone::ByEmployer, "by-employer"),
        ] {
            let json = serde_json::to_value(gone).expect("writes");
            assert_eq!(
                json,
                serde_json::json!(stored),
                "{gone:?} is stored as {stored}"
            );
            let read: Gone = serde_json::from_value(json).expect("reads");
            assert_eq!(read, gone);
        }
    }
}
