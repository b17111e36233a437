//! Where each share stands, following the requests about it and the answers that came
//! back: one reading for every face, so the CLI, the app and their tests agree.

use candor_bundle::{Kind, OutcomeKind};
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::sharing::ledger::LedgerEntry;
use crate::sharing::requests::{RequestRow, RequestState};
use crate::vault::Vault;

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

impl Vault {
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
