//! Sharing: the seeker's keys and pseudonyms, recipients from key cards, views written as
//! bundles, the ledger of every disclosure; and the employer's card, imports and candidates.

mod delivery;
mod employer;
mod identity;
mod invitations;
mod ledger;
mod organisation;
mod recipients;
mod requests;
mod share;
mod status;

pub use delivery::{Delivery, NoticeSent};
pub use employer::{answer_part_path, Candidate, EmployerLimits, NoticeAnswered, ReceivedSummary};
pub use invitations::InvitationRow;
pub use ledger::{Holdings, LedgerEntry, LedgerStatus, SignedAs};
pub use recipients::RecipientInfo;
pub use requests::{add_months, mailto, AnswerSummary, RequestOutcome, RequestRow, RequestState};
pub use share::{
    AttachmentCleaning, MadeForShare, RemovedMetadata, ShareOutcome, SharePreview, ShareProtection,
    ShareRequest, MADE_COVER_LETTER, MADE_CV,
};
pub use status::{ShareRow, ShareStatus};
