//! Sharing: the seeker's keys and pseudonyms, recipients from key cards, views written as
//! bundles, the ledger of every disclosure; and the employer's card, imports and candidates.

mod employer;
mod identity;
mod ledger;
mod recipients;
mod share;

pub use employer::{Candidate, ReceivedSummary};
pub use ledger::{Holdings, LedgerEntry, LedgerStatus};
pub use recipients::RecipientInfo;
pub use share::{ShareOutcome, SharePreview, ShareProtection, ShareRequest};
