//! The notices an employer answers (deletion, revocation, access, withdrawal of consent),
//! the answers kept to send again, and the tombstones that keep deleted bundles deleted.

use super::*;
use crate::roles::EmployerVault;

/// A notice answered, kept so the same notice again gets the very same answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StoredAnswer {
    kind: Kind,
    signer: String,
    signer_name: String,
    answer: candor_bundle::Answer,
    /// SHA-256 of the notice's signed manifest: only that very notice gets this answer
    /// back (absent in answers stored before it was kept; the signer is still checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notice_sha256: Option<String>,
    /// The answer bundle as sent, kept whole in the record (answers stored before they
    /// were kept as blobs; rewritten as a blob on their next change).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    bundle: Vec<u8>,
    /// The answer bundle, or each part of a large access export, encrypted to the
    /// notice's reply recipient and sealed in chunks like a document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) parts: Vec<BlobRef>,
}

internal_record!(StoredAnswer, "answer");

impl StoredAnswer {
    fn part_count(&self) -> u32 {
        u32::try_from(self.parts.len()).unwrap_or(u32::MAX).max(1)
    }
}

/// Why the employer no longer holds a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum Gone {
    /// Deleted at the candidate's request (deletion, revocation, withdrawal).
    Requested,
    /// Replaced by the candidate's correction.
    Replaced,
    /// Deleted when it expired.
    Expired,
    /// Deleted by the employer before it expired, unasked.
    ByEmployer,
}

/// A tombstone: a bundle this vault deleted, which key had signed it and the hash of its
/// signed manifest, never its content. A notice naming it can still be checked and
/// answered, and the bundle sent again is refused. Kept until the bundle's own expiry
/// (plus a grace for a clock set back) would have run; for a bundle with no expiry, for
/// as long as the vault exists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Deleted {
    pub(super) signer: String,
    deleted_at: Timestamp,
    #[serde(default = "Deleted::requested")]
    pub(super) reason: Gone,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    manifest_sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) keep_until: Option<Timestamp>,
}

internal_record!(Deleted, "deleted");

impl Deleted {
    /// Tombstones written before reasons were kept were all deletions on request.
    fn requested() -> Gone {
        Gone::Requested
    }

    fn new(held: &ReceivedBundle, reason: Gone, now: Timestamp) -> Deleted {
        let keep_until = held.manifest.expires_at.map(|at| {
            Timestamp::try_from(
                at.as_offset_date_time() + time::Duration::days(TOMBSTONE_GRACE_DAYS),
            )
            .unwrap_or(at)
        });
        Deleted {
            signer: held.manifest.issuer.public_key.clone(),
            deleted_at: now,
            reason,
            manifest_sha256: held.manifest_sha256.clone(),
            keep_until,
        }
    }

    /// The error for this bundle sent again.
    pub(super) fn refusal(&self) -> VaultError {
        let at = self.deleted_at;
        match self.reason {
            Gone::Requested => VaultError::DeletedOnRequest { at },
            Gone::Replaced => VaultError::ReplacedByCorrection { at },
            Gone::Expired => VaultError::DeletedOnExpiry { at },
            Gone::ByEmployer => VaultError::DeletedByEmployer { at },
        }
    }
}

impl crate::vault::Writer<'_> {
    /// Removes a held bundle and its content, leaving its tombstone.
    pub(super) fn forget_received(
        &mut self,
        id: &str,
        held: &ReceivedBundle,
        reason: Gone,
        now: Timestamp,
    ) -> Result<()> {
        for (_, blob) in &held.entries {
            self.remove_blob(blob)?;
        }
        self.remove(ReceivedBundle::KIND, id)?;
        self.put_record(id, 0, &Deleted::new(held, reason, now))?;
        Ok(())
    }
}

/// A notice the employer received, and its answer.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeAnswered {
    pub request: String,
    /// The notice's kind: a deletion request, revocation, access request or withdrawal.
    pub kind: Kind,
    /// Who sent it: the seeker's name or pseudonym.
    pub from: String,
    /// A short id of the key that signed it (the candidate's id).
    pub candidate: String,
    pub outcome: OutcomeKind,
    /// When it was answered.
    pub answered_at: Timestamp,
    /// The bundles deleted or exported.
    pub bundles: Vec<String>,
    /// The answer's first (usually only) part, encrypted to the sender: to send back (the
    /// body of an HTTP answer). The others come from [`Vault::answer_part`].
    #[serde(skip)]
    pub answer_bundle: Vec<u8>,
    /// How many files the answer is: more than one for a large access export.
    pub parts: u32,
    /// True when this notice had been answered before: the same answer again.
    pub repeated: bool,
}

impl StoredAnswer {
    fn answered(&self, request: &str, repeated: bool) -> NoticeAnswered {
        NoticeAnswered {
            request: request.to_owned(),
            kind: self.kind,
            from: self.signer_name.clone(),
            candidate: candidate_id(&self.signer),
            outcome: self.answer.outcome.kind(),
            answered_at: self.answer.answered_at,
            bundles: self.answer.outcome.bundles().to_vec(),
            answer_bundle: Vec::new(),
            parts: self.part_count(),
            repeated,
        }
    }
}

pub use candor_bundle::answer_part_path;

/// What an answer is signed with and who it goes back to.
struct Replying<'a> {
    card: &'a KeyCard,
    signing: &'a candor_bundle::SigningKey,
    notice: &'a Notice,
    notice_manifest: &'a Manifest,
}

/// How many parts `sizes` (the bundles an export holds, in order) make when each part
/// holds whole bundles and stays within `cap` bytes; a bundle larger than `cap` travels
/// alone. Returns the index ranges of the parts.
fn export_parts(sizes: &[u64], cap: u64) -> Vec<std::ops::Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut filled = 0u64;
    for (i, size) in sizes.iter().enumerate() {
        if i > start && filled.saturating_add(*size) > cap {
            parts.push(start..i);
            start = i;
            filled = 0;
        }
        filled = filled.saturating_add(*size);
    }
    parts.push(start..sizes.len());
    parts
}

impl EmployerVault {
    /// Sets how much this employer vault gives to access requests.
    pub fn set_employer_limits(&mut self, limits: EmployerLimits) {
        self.employer_limits = limits;
    }

    /// Answers a seeker's notice: checks it like any bundle, and that it is signed by the
    /// key that signed the bundles it names; then deletes them (revocation, deletion,
    /// withdrawal), leaving tombstones, or exports what is held from that key (access), and
    /// returns the signed answer, encrypted to the notice's reply recipient. With `extend`,
    /// answers instead that the request will take up to two more months, and why.
    ///
    /// The same notice again (same signer, same signed manifest) gets the same answer
    /// back; another notice reusing its id is refused without a word about the first.
    /// Access requests are answered within [`EmployerLimits`]; a large export comes in
    /// parts, each built and sealed as a stream, and is stored once per request.
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
        let notice_sha256 = manifest_sha256(&bundle);
        let signer = manifest.issuer.public_key.clone();
        if let Some(stored) = self.get_record::<StoredAnswer>(&manifest.id)? {
            let same = stored.signer == signer
                && stored.kind == manifest.kind
                && stored
                    .notice_sha256
                    .as_ref()
                    .is_none_or(|held| *held == notice_sha256);
            if !same {
                return Err(VaultError::IdTaken { what: "notice" });
            }
            let settled = !matches!(
                stored.answer.outcome,
                candor_bundle::Outcome::Extended { .. }
            );
            if settled || extend.is_some() {
                let mut answered = stored.answered(&manifest.id, true);
                answered.answer_bundle = self.stored_part(&stored, 1)?;
                return Ok(answered);
            }
        }
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
        if extend.is_none() && manifest.kind == Kind::AccessRequest {
            self.check_access_quota(&signer, now)?;
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
        let tombstoned = match &outcome {
            candor_bundle::Outcome::Deleted { deleted } => deleted.clone(),
            _ => Vec::new(),
        };
        let answer = candor_bundle::Answer {
            format: candor_bundle::ANSWER_FORMAT.to_owned(),
            request: manifest.id.clone(),
            request_kind: manifest.kind,
            answered_at: now,
            employer: card.fingerprint(),
            outcome,
            tombstoned,
            part: None,
        };
        // Each part is written to an unnamed temporary file (it is encrypted to the
        // seeker already), then sealed into the vault as a stream: an export is never
        // whole in memory.
        let exported = matches!(answer.outcome, candor_bundle::Outcome::Exported { .. });
        let ranges = if exported {
            let sizes: Vec<u64> = held
                .iter()
                .map(|(_, b)| b.entries.iter().map(|(_, blob)| blob.size).sum())
                .collect();
            export_parts(&sizes, self.employer_limits.export_part_bytes)
        } else {
            // One part, holding no bundles.
            export_parts(&[], 0)
        };
        let of = u32::try_from(ranges.len()).unwrap_or(u32::MAX);
        let own = self.own_keys()?;
        let replying = Replying {
            card: &card,
            signing: &own.signing,
            notice: &notice,
            notice_manifest: &manifest,
        };
        let mut files = Vec::with_capacity(ranges.len());
        for (number, range) in (1..).zip(&ranges) {
            let mut part_answer = answer.clone();
            if of > 1 {
                part_answer.part = Some(candor_bundle::Part { number, of });
            }
            let file = tempfile::tempfile().map_err(VaultError::io(
                "cannot make a temporary file for the answer",
            ))?;
            let file = self.write_answer(file, &part_answer, &held[range.clone()], &replying)?;
            files.push(file);
        }
        let stored = self.write(|w| {
            let mut parts = Vec::with_capacity(files.len());
            for file in &mut files {
                file.seek(std::io::SeekFrom::Start(0))
                    .map_err(VaultError::io("cannot read back the answer"))?;
                parts.push(w.seal_blob(&mut *file, "cannot read back the answer")?);
            }
            if let Some(old) = w.get_record::<StoredAnswer>(&manifest.id)? {
                for blob in &old.parts {
                    w.remove_blob(blob)?;
                }
            }
            let stored = StoredAnswer {
                kind: manifest.kind,
                signer: signer.clone(),
                signer_name: manifest.issuer.name.clone(),
                answer: answer.clone(),
                notice_sha256: Some(notice_sha256.clone()),
                bundle: Vec::new(),
                parts,
            };
            if matches!(answer.outcome, candor_bundle::Outcome::Deleted { .. }) {
                for (id, received) in &held {
                    w.forget_received(id, received, Gone::Requested, now)?;
                }
            }
            w.put_record(
                &manifest.id,
                now.as_offset_date_time().unix_timestamp(),
                &stored,
            )?;
            Ok(stored)
        })?;
        let mut answered = stored.answered(&manifest.id, false);
        answered.answer_bundle = self.stored_part(&stored, 1)?;
        Ok(answered)
    }

    /// Refuses an access request over the day's quota, for its signer or in all.
    fn check_access_quota(&self, signer: &str, now: Timestamp) -> Result<()> {
        let day_ago = now.as_offset_date_time() - time::Duration::days(1);
        let recent: Vec<(String, StoredAnswer)> = self
            .list_records::<StoredAnswer>()?
            .into_iter()
            .filter(|(_, a)| {
                a.kind == Kind::AccessRequest
                    && a.answer.answered_at.as_offset_date_time() > day_ago
            })
            .collect();
        let limits = self.employer_limits;
        let by_signer: Vec<&StoredAnswer> = recent
            .iter()
            .map(|(_, a)| a)
            .filter(|a| a.signer == signer)
            .collect();
        let (scope, counted) = if by_signer.len() >= limits.access_per_signer_per_day {
            ("from this candidate", by_signer)
        } else if recent.len() >= limits.access_per_day {
            ("in all", recent.iter().map(|(_, a)| a).collect())
        } else {
            return Ok(());
        };
        // The next one is allowed when the oldest counted one is a day old.
        let oldest = counted
            .iter()
            .map(|a| a.answer.answered_at.as_offset_date_time())
            .min()
            .unwrap_or(day_ago);
        let wait = (oldest - day_ago).whole_seconds().max(60) as u64;
        Err(VaultError::AccessQuota {
            scope,
            hours: wait.div_ceil(3600),
            retry_after_secs: wait,
        })
    }

    /// Writes one answer bundle (an access export's part holds `held`) into `output`.
    fn write_answer<W: std::io::Write>(
        &self,
        output: W,
        answer: &candor_bundle::Answer,
        held: &[(String, ReceivedBundle)],
        to: &Replying<'_>,
    ) -> Result<W> {
        let Replying {
            card,
            signing,
            notice,
            notice_manifest,
        } = to;
        let mut writer = BundleWriter::new(
            output,
            Protection::Recipients(vec![notice.reply_to.clone()]),
        )?;
        let answer_json = serde_json::to_vec_pretty(answer).expect("an answer serializes");
        writer.add(ANSWER, answer_json.as_slice())?;
        if let candor_bundle::Outcome::Exported { .. } = answer.outcome {
            for (id, held) in held {
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
            issued_at: answer.answered_at,
            expires_at: None,
            issuer: Issuer {
                public_key: String::new(),
                name: card.details.organisation.clone(),
                reply_to: Some(card.age_recipient.clone()),
            },
            recipient: Some(Addressee {
                name: notice_manifest.issuer.name.clone(),
                fingerprint: candor_bundle::fingerprint(
                    &notice.reply_to,
                    &notice_manifest.issuer.public_key,
                ),
            }),
            view: None,
            fields: Vec::new(),
            purpose: notice_manifest.kind.to_string(),
            refers_to: vec![notice_manifest.id.clone()],
            entries: Vec::new(),
        };
        Ok(writer.finish(answer_manifest, signing)?.output)
    }

    /// One part (from 1) of a stored answer, whole.
    fn stored_part(&self, stored: &StoredAnswer, number: u32) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.write_stored_part(stored, number, &mut out)?;
        Ok(out)
    }

    /// Decrypts one part (from 1) of a stored answer into `out`.
    fn write_stored_part(
        &self,
        stored: &StoredAnswer,
        number: u32,
        out: &mut impl std::io::Write,
    ) -> Result<()> {
        if stored.parts.is_empty() && number == 1 {
            return out
                .write_all(&stored.bundle)
                .map_err(VaultError::io("cannot write the answer"));
        }
        let blob = usize::try_from(number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| stored.parts.get(i))
            .ok_or_else(|| VaultError::RecordNotFound {
                kind: "answer part",
                id: number.to_string(),
            })?;
        self.read_blob(blob, "the stored answer", out)
    }

    /// Writes part `number` (from 1) of the answer to notice `request` into `out`: how the
    /// parts of a large access export after the first are delivered.
    pub fn answer_part(
        &self,
        request: &str,
        number: u32,
        out: &mut impl std::io::Write,
    ) -> Result<()> {
        let stored = self.get_record::<StoredAnswer>(request)?.ok_or_else(|| {
            VaultError::RecordNotFound {
                kind: "notice",
                id: request.to_owned(),
            }
        })?;
        self.write_stored_part(&stored, number, out)
    }

    /// Every notice answered, newest first.
    pub fn notices(&self) -> Result<Vec<NoticeAnswered>> {
        let mut all: Vec<(String, StoredAnswer)> = self.list_records::<StoredAnswer>()?;
        all.sort_by_key(|(_, a)| std::cmp::Reverse(a.answer.answered_at));
        Ok(all
            .iter()
            .map(|(id, stored)| stored.answered(id, false))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{answer_part_path, export_parts, StoredAnswer};
    use std::path::Path;

    #[test]
    fn the_parts_of_an_answer_are_numbered_after_the_first() {
        let first = Path::new("/srv/hr/access.candor.answer.candor");
        assert_eq!(answer_part_path(first, 1), first);
        assert_eq!(
            answer_part_path(first, 2),
            Path::new("/srv/hr/access.candor.answer-2.candor")
        );
        assert_eq!(
            answer_part_path(Path::new("answer"), 3),
            Path::new("answer-3")
        );
    }

    #[test]
    fn an_answer_stored_by_an_earlier_version_as_an_array_of_numbers_is_still_read() {
        let earlier = serde_json::json!({
            "kind": "deletion-request",
            "signer": "RWQ",
            "signerName": "Kari Nordmann",
            "answer": {
                "format": "candor-answer/1",
                "request": "ab",
                "requestKind": "deletion-request",
                "answeredAt": "2026-11-23T10:00:00Z",
                "employer": "f1",
                "outcome": "deleted",
                "deleted": ["b1"]
            },
            "bundle": [97, 103, 101]
        });
        let stored: StoredAnswer = serde_json::from_value(earlier).expect("reads");
        assert_eq!(stored.bundle, b"age");
        assert!(stored.parts.is_empty() && stored.notice_sha256.is_none());
        assert_eq!(stored.part_count(), 1);
        assert!(stored.answer.tombstoned.is_empty());
        let rewritten = serde_json::to_value(&stored).expect("writes");
        assert!(rewritten.get("parts").is_none());
    }

    #[test]
    fn an_export_is_split_into_parts_of_whole_bundles_within_the_cap() {
        assert_eq!(export_parts(&[], 10), vec![0..0]);
        assert_eq!(export_parts(&[3, 3, 3], 10), vec![0..3]);
        assert_eq!(export_parts(&[6, 6, 6], 10), vec![0..1, 1..2, 2..3]);
        assert_eq!(export_parts(&[4, 5, 2, 9], 10), vec![0..2, 2..3, 3..4]);
        // A bundle larger than a part travels alone, never refused.
        assert_eq!(export_parts(&[3, 25, 3], 10), vec![0..1, 1..2, 2..3]);
    }
}
