//! Where each share stands, following the requests about it and the answers that came
//! back: one reading for every face, so the CLI, the app and their tests agree.

use crate::roles::SeekerVault;
use candor_bundle::{Kind, OutcomeKind};
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::sharing::ledger::LedgerEntry;
use crate::sharing::requests::{RequestRow, RequestState};

/// A share's state.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShareStatus {
    /// Held by the organisation, and not yet due to be deleted.
    Active,
    /// Past its expiry: the organisation must have deleted it.
    Expired,
    /// A correction replaced it; the organisation deletes it on import.
    Replaced,
    /// Asked to be deleted; the answer is not due yet.
    DeletionRequested,
    /// Revoked; the organisation's confirmation is not due yet.
    Revoked,
    /// Consent withdrawn; the organisation's confirmation is not due yet.
    Withdrawn,
    /// Asked to be deleted, and the answer is overdue.
    DeletionOverdue,
    /// The organisation signed that it deleted it.
    DeletionConfirmed,
}

impl ShareStatus {
    /// The state in a few English words, as a sentence about the share uses them.
    pub fn words(self) -> &'static str {
        match self {
            ShareStatus::Active => "active",
            ShareStatus::Expired => "expired",
            ShareStatus::Replaced => "replaced by a correction",
            ShareStatus::DeletionRequested => "deletion requested",
            ShareStatus::Revoked => "revoked",
            ShareStatus::Withdrawn => "consent withdrawn",
            ShareStatus::DeletionOverdue => "deletion overdue",
            ShareStatus::DeletionConfirmed => "deletion confirmed",
        }
    }
}

impl std::fmt::Display for ShareStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.words())
    }
}

/// One share and where it stands.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRow {
    pub entry: LedgerEntry,
    pub status: ShareStatus,
    /// When the organisation's signed answer confirmed the deletion.
    pub confirmed_at: Option<Timestamp>,
    /// When the answer to the latest request about it is due.
    pub due_at: Option<Timestamp>,
}

/// Where `entry` (a share) stands at `now`, given every request and the ledger's shares.
fn share_status(
    entry: &LedgerEntry,
    requests: &[RequestRow],
    shares: &[LedgerEntry],
    now: Timestamp,
) -> ShareRow {
    let row = |status, confirmed_at, due_at| ShareRow {
        entry: entry.clone(),
        status,
        confirmed_at,
        due_at,
    };
    let mut about: Vec<&RequestRow> = requests
        .iter()
        .filter(|r| r.entry.action.request().is_some_and(|k| k.deletes()))
        .filter(|r| r.entry.refers_to.contains(&entry.bundle_id))
        .collect();
    about.sort_by_key(|r| r.entry.seq);
    let confirmed = about.iter().find_map(|r| {
        let answer = r.answer.as_ref()?;
        (r.state == RequestState::Answered
            && answer.outcome == OutcomeKind::Deleted
            && answer.bundles.contains(&entry.bundle_id))
        .then_some(answer.answered_at)
    });
    if let Some(at) = confirmed {
        return row(ShareStatus::DeletionConfirmed, Some(at), None);
    }
    if let Some(overdue) = about.iter().find(|r| r.overdue) {
        return row(ShareStatus::DeletionOverdue, None, Some(overdue.due_at));
    }
    if let Some(latest) = about.last() {
        let status = match latest.entry.action {
            Kind::Revocation => ShareStatus::Revoked,
            Kind::ConsentWithdrawal => ShareStatus::Withdrawn,
            _ => ShareStatus::DeletionRequested,
        };
        return row(status, None, Some(latest.due_at));
    }
    let replaced = shares
        .iter()
        .any(|e| e.action == Kind::Correction && e.refers_to.contains(&entry.bundle_id));
    if replaced {
        return row(ShareStatus::Replaced, None, None);
    }
    match entry.expires_at {
        Some(at) if at <= now => row(ShareStatus::Expired, None, None),
        _ => row(ShareStatus::Active, None, None),
    }
}

impl SeekerVault {
    /// Every share in the ledger, oldest first, with where it stands at `now`. Requests
    /// about shares are not shares: [`Vault::requests`] lists them.
    pub fn shares(&self, now: Timestamp) -> Result<Vec<ShareRow>> {
        let requests = self.requests(now)?;
        let shares: Vec<LedgerEntry> = self
            .ledger()?
            .into_iter()
            .filter(LedgerEntry::is_share)
            .collect();
        Ok(shares
            .iter()
            .map(|entry| share_status(entry, &requests, &shares, now))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use candor_bundle::Sealing;
    use candor_model::ViewKind;

    use super::*;
    use crate::sharing::ledger::SignedAs;
    use crate::sharing::requests::AnswerSummary;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a time")
    }

    const NOW: &str = "2026-12-01T12:00:00Z";

    fn entry(bundle_id: &str, action: Kind) -> LedgerEntry {
        LedgerEntry {
            seq: 1,
            at: at("2026-11-20T10:00:00Z"),
            action,
            bundle_id: bundle_id.into(),
            bundle_sha256: "ab".repeat(32),
            recipient_id: "r1".into(),
            organisation: "Fjordkraft Data AS".into(),
            organisation_number: "987654321".into(),
            privacy_contact: "personvern@fjordkraft.example".into(),
            privacy_policy_url: "https://fjordkraft.example/personvern".into(),
            fingerprint: "7KQ2-M9XD-AB12-CD34-EF56".into(),
            view: ViewKind::Full,
            signed_as: SignedAs::Identity,
            fields: vec!["skills[0].name".into()],
            documents: vec![],
            expires_at: Some(at("2027-02-18T10:00:00Z")),
            purpose: "Backend developer".into(),
            sealing: Sealing::Recipient,
            refers_to: vec![],
            due_at: None,
            prev_hash: String::new(),
        }
    }

    /// A request of `kind` about `bundles`, sent on 23 November 2026.
    fn request(kind: Kind, bundles: &[&str]) -> RequestRow {
        let mut entry = entry("q1", kind);
        entry.seq = 2;
        entry.refers_to = bundles.iter().map(|b| b.to_string()).collect();
        RequestRow {
            entry,
            state: RequestState::Sent,
            due_at: at("2026-12-23T10:00:00Z"),
            overdue: false,
            answer: None,
        }
    }

    fn deleted(mut row: RequestRow) -> RequestRow {
        row.state = RequestState::Answered;
        row.answer = Some(AnswerSummary {
            answered_at: at("2026-12-01T09:00:00Z"),
            outcome: OutcomeKind::Deleted,
            bundles: row.entry.refers_to.clone(),
            reason: None,
            tombstoned: row.entry.refers_to.clone(),
        });
        row
    }

    fn status(share: &LedgerEntry, requests: &[RequestRow]) -> ShareStatus {
        share_status(share, requests, std::slice::from_ref(share), at(NOW)).status
    }

    #[test]
    fn follows_the_deletion_request_to_its_confirmation() {
        let share = entry("b1", Kind::ProfileShare);
        assert_eq!(status(&share, &[]), ShareStatus::Active);
        let sent = request(Kind::DeletionRequest, &["b1"]);
        assert_eq!(
            status(&share, std::slice::from_ref(&sent)),
            ShareStatus::DeletionRequested
        );
        let overdue = RequestRow {
            overdue: true,
            ..sent.clone()
        };
        assert_eq!(status(&share, &[overdue]), ShareStatus::DeletionOverdue);
        let confirmed = share_status(
            &share,
            &[deleted(sent)],
            std::slice::from_ref(&share),
            at(NOW),
        );
        assert_eq!(confirmed.status, ShareStatus::DeletionConfirmed);
        assert_eq!(confirmed.confirmed_at, Some(at("2026-12-01T09:00:00Z")));
    }

    #[test]
    fn says_revoked_or_consent_withdrawn_for_those_requests_and_ignores_access_requests() {
        let share = entry("b1", Kind::ProfileShare);
        let revoked = request(Kind::Revocation, &["b1"]);
        assert_eq!(status(&share, &[revoked]), ShareStatus::Revoked);
        let withdrawn = request(Kind::ConsentWithdrawal, &["b1"]);
        assert_eq!(status(&share, &[withdrawn]), ShareStatus::Withdrawn);
        let access = request(Kind::AccessRequest, &["b1"]);
        assert_eq!(status(&share, &[access]), ShareStatus::Active);
    }

    #[test]
    fn ignores_requests_about_other_shares_and_expires_on_its_date() {
        let share = entry("b1", Kind::ProfileShare);
        let elsewhere = deleted(request(Kind::DeletionRequest, &["b2"]));
        assert_eq!(status(&share, &[elsewhere]), ShareStatus::Active);
        let mut expiring = entry("b3", Kind::ProfileShare);
        expiring.expires_at = Some(at("2026-11-30T10:00:00Z"));
        assert_eq!(status(&expiring, &[]), ShareStatus::Expired);
    }

    #[test]
    fn a_share_a_correction_replaced_is_replaced() {
        let share = entry("b1", Kind::ProfileShare);
        let mut correction = entry("b2", Kind::Correction);
        correction.refers_to = vec!["b1".into()];
        let row = share_status(&share, &[], &[share.clone(), correction], at(NOW));
        assert_eq!(row.status, ShareStatus::Replaced);
    }
}
