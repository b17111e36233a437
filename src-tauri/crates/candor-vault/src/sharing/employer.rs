//! The employer's side: its key card, importing bundles into its own vault, and the
//! candidates they describe. Bundles are kept only until they expire.

use std::io::{Read, Seek};

use candor_bundle::{
    Addressee, BundleWriter, CardDetails, Issuer, KeyCard, Kind, Manifest, Notice, Protection,
    Reveal, Sealing, ANSWER, NOTICE, REVEAL, REVEAL_SIGNATURE,
};
use candor_model::{Profile, Record, Timestamp};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::BlobRef;
use crate::error::{Result, VaultError};
use crate::header::Role;
use crate::records::internal_record;
use crate::vault::Vault;

/// The largest `profile.json` an employer reads.
const MAX_PROFILE_JSON: u64 = 16 << 20;

/// The organisation's own card, kept as signed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EmployerCard {
    card_text: String,
}

internal_record!(EmployerCard, "employer-card");

/// A bundle as the employer keeps it: the signed manifest, the profile read from it, and
/// every entry re-encrypted under the employer's vault key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReceivedBundle {
    manifest: Manifest,
    sealing: String,
    received_at: Timestamp,
    profile: Profile,
    entries: Vec<(String, BlobRef)>,
    /// For a reveal: the pseudonym it links to the identity that signed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reveal: Option<Reveal>,
}

internal_record!(ReceivedBundle, "received");

/// A bundle the employer holds, as the faces show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedSummary {
    pub bundle_id: String,
    pub candidate: String,
    pub candidate_name: String,
    pub anonymous: bool,
    pub view: String,
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
            anonymous: self.manifest.view.as_deref() == Some("anonymous"),
            view: self.manifest.view.clone().unwrap_or_default(),
            purpose: self.manifest.purpose.clone(),
            issued_at: self.manifest.issued_at,
            received_at: self.received_at,
            expires_at: self.manifest.expires_at,
            plain: self.sealing == Sealing::Plain.as_str(),
            entries: self.entries.iter().map(|(path, _)| path.clone()).collect(),
            already_held,
        }
    }
}

impl Vault {
    /// Sets the organisation's details and signs its key card with the vault's keys.
    /// Returns the card file's text.
    pub fn employer_init(&mut self, details: CardDetails) -> Result<String> {
        self.require_role(Role::Employer)?;
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
        self.require_role(Role::Employer)?;
        self.get_record::<EmployerCard>("self")?
            .map(|card| card.card_text.clone())
            .ok_or(VaultError::NoEmployerCard)
    }

    /// Imports a bundle: decrypts it with the vault's key, checks its structure, signature,
    /// recipient and expiry, re-encrypts every entry into the vault, and commits only when
    /// every entry matched the signed manifest. A bundle already held is not stored twice.
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
        if let Some(held) = self.get_record::<ReceivedBundle>(&manifest.id)? {
            return Ok(held.summary(true));
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
        let profile_json = bundle.read_entry("profile.json", MAX_PROFILE_JSON)?;
        let profile = candor_formats::import_json_resume(&profile_json)?.profile;
        let sealing = bundle.sealing();
        // A correction replaces the bundles it names that the same key signed.
        let replaced: Vec<(String, ReceivedBundle)> = if manifest.kind == Kind::Correction {
            self.list_records::<ReceivedBundle>()?
                .into_iter()
                .filter(|(id, held)| {
                    manifest.refers_to.contains(id)
                        && held.manifest.issuer.public_key == manifest.issuer.public_key
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
                sealing: sealing.as_str().to_owned(),
                received_at: now,
                profile,
                entries,
                reveal,
            };
            w.put_record(
                &manifest.id,
                now.as_offset_date_time().unix_timestamp(),
                &received,
            )?;
            for (id, old) in &replaced {
                for (_, blob) in &old.entries {
                    w.remove_blob(blob)?;
                }
                w.remove(ReceivedBundle::KIND, id)?;
            }
            Ok(received)
        })?;
        Ok(received.summary(false))
    }

    /// Removes every bundle that has expired at `now`, with its content; returns how many.
    pub fn purge_expired(&mut self, now: Timestamp) -> Result<usize> {
        if self.role() != Role::Employer {
            return Ok(0);
        }
        let expired: Vec<(String, ReceivedBundle)> = self
            .list_records::<ReceivedBundle>()?
            .into_iter()
            .filter(|(_, bundle)| bundle.manifest.is_expired(now))
            .collect();
        if expired.is_empty() {
            return Ok(0);
        }
        self.write(|w| {
            for (id, bundle) in &expired {
                for (_, blob) in &bundle.entries {
                    w.remove_blob(blob)?;
                }
                w.remove(ReceivedBundle::KIND, id)?;
            }
            Ok(())
        })?;
        Ok(expired.len())
    }

    /// Every candidate, newest bundle first within each.
    pub fn candidates(&self) -> Result<Vec<Candidate>> {
        self.require_role(Role::Employer)?;
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
                }),
            }
        }
        merge_revealed(&mut candidates, &reveals);
        Ok(candidates)
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

/// A notice answered, kept so the same notice again gets the very same answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredAnswer {
    kind: Kind,
    signer: String,
    signer_name: String,
    answer: candor_bundle::Answer,
    /// The answer bundle as sent: encrypted to the notice's reply recipient.
    bundle: Vec<u8>,
}

internal_record!(StoredAnswer, "answer");

/// A bundle deleted on request: which key had signed it, so a later notice naming it can
/// still be checked and answered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deleted {
    signer: String,
    deleted_at: Timestamp,
}

internal_record!(Deleted, "deleted");

/// A notice the employer received, and its answer.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeAnswered {
    pub request: String,
    /// "deletion-request", "revocation", "access-request", "consent-withdrawal".
    pub kind: String,
    /// Who sent it: the seeker's name or pseudonym.
    pub from: String,
    /// "deleted", "exported" or "extended".
    pub outcome: String,
    /// The bundles deleted or exported.
    pub bundles: Vec<String>,
    /// The answer, encrypted to the sender: to send back (the body of an HTTP answer).
    #[serde(skip)]
    pub answer_bundle: Vec<u8>,
    /// True when this notice had been answered before: the same answer again.
    pub repeated: bool,
}

impl StoredAnswer {
    fn answered(&self, request: &str, repeated: bool) -> NoticeAnswered {
        let (outcome, bundles) = match &self.answer.outcome {
            candor_bundle::Outcome::Deleted { deleted } => ("deleted", deleted.clone()),
            candor_bundle::Outcome::Exported { held } => ("exported", held.clone()),
            candor_bundle::Outcome::Extended { .. } => ("extended", Vec::new()),
        };
        NoticeAnswered {
            request: request.to_owned(),
            kind: self.kind.to_string(),
            from: self.signer_name.clone(),
            outcome: outcome.to_owned(),
            bundles,
            answer_bundle: self.bundle.clone(),
            repeated,
        }
    }
}

impl Vault {
    /// Answers a seeker's notice: checks it like any bundle, and that it is signed by the
    /// key that signed the bundles it names; then deletes them (revocation, deletion,
    /// withdrawal) or exports what is held from that key (access), and returns the signed
    /// answer, encrypted to the notice's reply recipient. With `extend`, answers instead
    /// that the request will take up to two more months, and why. The same notice again
    /// gets the same answer back.
    pub fn answer_notice(
        &mut self,
        reader: impl Read + Seek,
        now: Timestamp,
        extend: Option<(u8, String)>,
    ) -> Result<NoticeAnswered> {
        if let Some((months, reason)) = &extend {
            if !(1..=2).contains(months) || reason.trim().is_empty() {
                return Err(VaultError::BadExtension);
            }
        }
        let card = KeyCard::read(self.employer_card()?.as_bytes())?;
        let mut bundle = self.open_bundle(reader)?;
        bundle.check_addressed_to(&card.fingerprint())?;
        let manifest = bundle.manifest().clone();
        if !Notice::is_notice_kind(manifest.kind) {
            return Err(VaultError::Bundle(candor_bundle::BundleError::BadNotice {
                reason: format!("a {} is not a notice", manifest.kind),
            }));
        }
        let notice = Notice::read(&bundle.read_entry(NOTICE, 1 << 20)?, &manifest)?;
        bundle.verify_all()?;
        if let Some(stored) = self.get_record::<StoredAnswer>(&manifest.id)? {
            let settled = !matches!(
                stored.answer.outcome,
                candor_bundle::Outcome::Extended { .. }
            );
            if settled || extend.is_some() {
                return Ok(stored.answered(&manifest.id, true));
            }
        }
        let signer = manifest.issuer.public_key.clone();
        let held: Vec<(String, ReceivedBundle)> = self
            .list_records::<ReceivedBundle>()?
            .into_iter()
            .filter(|(id, b)| notice.bundles.contains(id) && b.manifest.issuer.public_key == signer)
            .collect();
        let mut already_deleted = Vec::new();
        for id in &notice.bundles {
            if let Some(gone) = self.get_record::<Deleted>(id)? {
                if gone.signer == signer {
                    already_deleted.push(id.clone());
                }
            }
        }
        if held.is_empty() && already_deleted.is_empty() {
            return Err(VaultError::NoticeSignerMismatch);
        }
        let outcome = match (&extend, manifest.kind) {
            (Some((months, reason)), _) => candor_bundle::Outcome::Extended {
                months: *months,
                reason: reason.trim().to_owned(),
            },
            (None, Kind::AccessRequest) => candor_bundle::Outcome::Exported {
                held: held.iter().map(|(id, _)| id.clone()).collect(),
            },
            (None, _) => {
                let mut deleted: Vec<String> = held.iter().map(|(id, _)| id.clone()).collect();
                deleted.extend(already_deleted);
                deleted.sort();
                deleted.dedup();
                candor_bundle::Outcome::Deleted { deleted }
            }
        };
        let answer = candor_bundle::Answer {
            format: candor_bundle::ANSWER_FORMAT.to_owned(),
            request: manifest.id.clone(),
            request_kind: manifest.kind,
            answered_at: now,
            employer: card.fingerprint(),
            outcome,
        };
        let own = self.own_keys()?;
        let mut out = Vec::new();
        {
            let mut writer = BundleWriter::new(
                &mut out,
                Protection::Recipients(vec![notice.reply_to.clone()]),
            )?;
            let answer_json = serde_json::to_vec_pretty(&answer).expect("an answer serializes");
            writer.add(ANSWER, answer_json.as_slice())?;
            if let candor_bundle::Outcome::Exported { .. } = answer.outcome {
                for (id, held) in &held {
                    let manifest_json =
                        serde_json::to_vec_pretty(&held.manifest).expect("a manifest serializes");
                    writer.add(
                        &format!("held/{id}/manifest.json"),
                        manifest_json.as_slice(),
                    )?;
                    for (path, blob) in &held.entries {
                        let mut entry = writer.begin(&format!("held/{id}/{path}"))?;
                        self.read_blob(blob, &format!("{path} of bundle {id}"), &mut entry)?;
                        entry.end();
                    }
                }
            }
            let answer_manifest = Manifest {
                format: String::new(),
                kind: answer.bundle_kind(),
                id: candor_bundle::new_bundle_id(),
                issued_at: now,
                expires_at: None,
                issuer: Issuer {
                    public_key: String::new(),
                    name: card.details.organisation.clone(),
                    reply_to: Some(card.age_recipient.clone()),
                },
                recipient: Some(Addressee {
                    name: manifest.issuer.name.clone(),
                    fingerprint: candor_bundle::fingerprint(&notice.reply_to, &signer),
                }),
                view: None,
                fields: Vec::new(),
                purpose: manifest.kind.to_string(),
                refers_to: vec![manifest.id.clone()],
                entries: Vec::new(),
            };
            writer.finish(answer_manifest, &own.signing)?;
        }
        let stored = StoredAnswer {
            kind: manifest.kind,
            signer: signer.clone(),
            signer_name: manifest.issuer.name.clone(),
            answer: answer.clone(),
            bundle: out,
        };
        let deletes = matches!(answer.outcome, candor_bundle::Outcome::Deleted { .. });
        self.write(|w| {
            if deletes {
                for (id, received) in &held {
                    for (_, blob) in &received.entries {
                        w.remove_blob(blob)?;
                    }
                    w.remove(ReceivedBundle::KIND, id)?;
                    w.put_record(
                        id,
                        0,
                        &Deleted {
                            signer: signer.clone(),
                            deleted_at: now,
                        },
                    )?;
                }
            }
            w.put_record(&manifest.id, 0, &stored)
        })?;
        Ok(stored.answered(&manifest.id, false))
    }

    /// Every notice answered, newest first.
    pub fn notices(&self) -> Result<Vec<NoticeAnswered>> {
        self.require_role(Role::Employer)?;
        let mut all: Vec<(String, StoredAnswer)> = self.list_records::<StoredAnswer>()?;
        all.sort_by_key(|(_, a)| std::cmp::Reverse(a.answer.answered_at));
        Ok(all
            .iter()
            .map(|(id, stored)| stored.answered(id, false))
            .collect())
    }
}
