//! Notices (seeker → employer) and answers (employer → seeker): small bundles of the same
//! format, each carrying one JSON document and, for notices, a letter a person can read.
//!
//! A notice is signed by the key that signed the bundles it names and carries a reply
//! recipient, so the answer goes back encrypted to whoever sent it, pseudonym or not. Its
//! id is the bundle id: the same notice again is recognised, and gets the same answer.

use serde::{Deserialize, Serialize};

use candor_model::{Lang, PeopleTime, Timestamp, ViewKind};

use crate::error::BundleError;
use crate::manifest::{Kind, Manifest, RequestKind};

pub const NOTICE: &str = "notice.json";
pub const ANSWER: &str = "answer.json";
pub const NOTICE_FORMAT: &str = "candor-notice/1";
pub const ANSWER_FORMAT: &str = "candor-answer/1";
/// The most parts an access export is split into.
pub const MAX_PARTS: u32 = 10_000;

/// What a seeker asks of an employer about bundles it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub format: String,
    /// Revocation, deletion-request, access-request or consent-withdrawal.
    pub kind: Kind,
    /// The ids of the bundles it is about.
    pub bundles: Vec<String>,
    /// The age recipient the answer is encrypted to.
    pub reply_to: String,
    pub issued_at: Timestamp,
    /// When the answer is due (GDPR Art. 12(3): one month).
    pub due_at: Timestamp,
}

impl Notice {
    pub fn is_notice_kind(kind: Kind) -> bool {
        kind.request().is_some()
    }

    /// Reads `notice.json` from a bundle whose manifest was verified, and checks that the
    /// two agree: a notice kind, the same bundles, the same reply recipient.
    pub fn read(bytes: &[u8], manifest: &Manifest) -> Result<Notice, BundleError> {
        let bad = |reason: &str| BundleError::BadNotice {
            reason: reason.to_owned(),
        };
        let notice: Notice =
            serde_json::from_slice(bytes).map_err(|_| bad("notice.json cannot be read"))?;
        if notice.format != NOTICE_FORMAT {
            return Err(bad("notice.json is in an unknown format"));
        }
        if !Notice::is_notice_kind(manifest.kind) || notice.kind != manifest.kind {
            return Err(bad("its kind does not match its manifest"));
        }
        if notice.bundles.is_empty() || notice.bundles != manifest.refers_to {
            return Err(bad("it does not name the bundles its manifest names"));
        }
        if manifest.issuer.reply_to.as_deref() != Some(notice.reply_to.as_str()) {
            return Err(bad("its reply recipient does not match its manifest"));
        }
        crate::keys::parse_age_recipient(&notice.reply_to)?;
        Ok(notice)
    }
}

/// How an employer answered a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum Outcome {
    /// The named bundles were deleted (revocation, deletion request, consent withdrawal).
    Deleted { deleted: Vec<String> },
    /// What the employer holds from that key travels in the answer (access request).
    Exported { held: Vec<String> },
    /// The answer takes longer (Art. 12(3)): by `months` more, for `reason`.
    Extended { months: u8, reason: String },
}

impl Outcome {
    /// Which of the three answers this is.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            Outcome::Deleted { .. } => OutcomeKind::Deleted,
            Outcome::Exported { .. } => OutcomeKind::Exported,
            Outcome::Extended { .. } => OutcomeKind::Extended,
        }
    }

    /// The bundles deleted or exported (none for an extension).
    pub fn bundles(&self) -> &[String] {
        match self {
            Outcome::Deleted { deleted } => deleted,
            Outcome::Exported { held } => held,
            Outcome::Extended { .. } => &[],
        }
    }
}

/// An [`Outcome`] without its details, as lists show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeKind {
    Deleted,
    Exported,
    Extended,
}

impl OutcomeKind {
    /// `"deleted"`, `"exported"` or `"extended"`, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Deleted => "deleted",
            OutcomeKind::Exported => "exported",
            OutcomeKind::Extended => "extended",
        }
    }
}

/// The employer's signed answer to one notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub format: String,
    /// The notice answered (its bundle id).
    pub request: String,
    pub request_kind: Kind,
    pub answered_at: Timestamp,
    /// The employer's key card fingerprint.
    pub employer: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    /// For a deletion: the bundle ids the employer now refuses if they are sent again.
    /// Optional under `candor-answer/1`: older readers ignore it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tombstoned: Vec<String>,
    /// For an access export too large for one file: which part this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
}

/// One part of an access export delivered in several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// From 1.
    pub number: u32,
    pub of: u32,
}

impl Answer {
    /// The manifest kind an answer travels as.
    pub fn bundle_kind(&self) -> Kind {
        match self.outcome {
            Outcome::Exported { .. } => Kind::AccessExport,
            _ => Kind::DeletionReceipt,
        }
    }

    pub fn read(bytes: &[u8], manifest: &Manifest) -> Result<Answer, BundleError> {
        let bad = |reason: &str| BundleError::BadNotice {
            reason: reason.to_owned(),
        };
        let answer: Answer =
            serde_json::from_slice(bytes).map_err(|_| bad("answer.json cannot be read"))?;
        if answer.format != ANSWER_FORMAT {
            return Err(bad("answer.json is in an unknown format"));
        }
        if answer.bundle_kind() != manifest.kind || manifest.refers_to != [answer.request.clone()] {
            return Err(bad("the answer does not match its manifest"));
        }
        if let Outcome::Extended { months, .. } = answer.outcome {
            if !(1..=2).contains(&months) {
                return Err(bad("an extension must be of one or two months"));
            }
        }
        if let Some(part) = answer.part {
            let exported = matches!(answer.outcome, Outcome::Exported { .. });
            if !exported || part.number == 0 || part.number > part.of || part.of > MAX_PARTS {
                return Err(bad("its part number is not one of an export's parts"));
            }
        }
        Ok(answer)
    }
}

/// A request's kind in words, in English and bokmål: "request for erasure", "krav om
/// sletting".
pub fn request_words(kind: RequestKind) -> Letters<&'static str> {
    let (en, nb) = match kind {
        RequestKind::Deletion => ("request for erasure", "krav om sletting"),
        RequestKind::Revoke => ("revocation", "tilbaketrekking"),
        RequestKind::Withdraw => ("withdrawal of consent", "tilbaketrekking av samtykke"),
        RequestKind::Access => ("request for access", "krav om innsyn"),
    };
    Letters { en, nb }
}

/// One text in the two languages Candor writes to organisations in: English and Norwegian
/// bokmål. The seeker sends the one that suits; the app shows the one in its language.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letters<T = String> {
    pub en: T,
    pub nb: T,
}

/// A short reference to a bundle or request id, for people: its first 8 characters.
pub fn short_ref(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A share as a letter names it: the day it was shared, what it was for, and its id.
#[derive(Debug, Clone, Copy)]
pub struct SharedBundle<'a> {
    pub id: &'a str,
    pub shared_at: Timestamp,
    pub purpose: &'a str,
}

/// The addressee, the sender and what the letter is about.
#[derive(Debug, Clone, Copy)]
pub struct LetterFacts<'a> {
    pub kind: RequestKind,
    pub organisation: &'a str,
    pub sender: &'a str,
    /// The view every listed share holds.
    pub view: ViewKind,
    pub bundles: &'a [SharedBundle<'a>],
    pub due_at: Timestamp,
}

/// The letter that goes with a notice, in English and Norwegian bokmål, citing the
/// articles it rests on. Each share is named by its view, the day it was shared (in the
/// seeker's time zone, `time`) and its purpose, with a short reference; the attached
/// notice carries the full ids.
pub fn letters(facts: &LetterFacts<'_>, time: &PeopleTime) -> Letters {
    let LetterFacts {
        kind,
        organisation,
        sender,
        view,
        bundles,
        due_at,
    } = *facts;
    let (view_en, view_nb) = match view {
        ViewKind::Anonymous => ("my anonymous profile", "den anonyme profilen min"),
        ViewKind::Full => ("my profile", "profilen min"),
    };
    let list_en: String = bundles
        .iter()
        .map(|b| {
            let purpose = match b.purpose.trim() {
                "" => "no purpose given".to_owned(),
                purpose => format!("for \u{201c}{purpose}\u{201d}"),
            };
            format!(
                "  - {view_en}, shared on {}, {purpose} (reference {})\n",
                time.day(b.shared_at, Lang::En),
                short_ref(b.id)
            )
        })
        .collect();
    let list_nb: String = bundles
        .iter()
        .map(|b| {
            let purpose = match b.purpose.trim() {
                "" => "uten oppgitt formål".to_owned(),
                purpose => format!("til \u{ab}{purpose}\u{bb}"),
            };
            format!(
                "  - {view_nb}, delt {}, {purpose} (referanse {})\n",
                time.day(b.shared_at, Lang::Nb),
                short_ref(b.id)
            )
        })
        .collect();
    let (en_ask, nb_ask) = match kind {
        RequestKind::Deletion => (
            "I ask you to erase the personal data about me that you received in the bundles \
             below, without undue delay (GDPR Art. 17), and to confirm it.",
            "Jeg ber dere slette personopplysningene om meg som dere mottok i pakkene under, \
             uten ugrunnet opphold (personvernforordningen art. 17), og bekrefte det.",
        ),
        RequestKind::Revoke => (
            "I revoke the bundles below: you may no longer use them, and I ask you to erase \
             them (GDPR Art. 7(3) and Art. 17) and confirm it.",
            "Jeg trekker tilbake pakkene under: dere kan ikke lenger bruke dem, og jeg ber dere \
             slette dem (personvernforordningen art. 7 nr. 3 og art. 17) og bekrefte det.",
        ),
        RequestKind::Withdraw => (
            "I withdraw my consent to your processing of the personal data in the bundles \
             below (GDPR Art. 7(3)). Please stop using it, erase it and confirm it.",
            "Jeg trekker tilbake samtykket til at dere behandler personopplysningene i pakkene \
             under (personvernforordningen art. 7 nr. 3). Stans bruken, slett dem og bekreft det.",
        ),
        RequestKind::Access => (
            "I ask for access to the personal data about me that you hold from the bundles \
             below, and to the information GDPR Art. 15 gives me a right to.",
            "Jeg ber om innsyn i personopplysningene om meg som dere har fra pakkene under, og \
             i opplysningene personvernforordningen art. 15 gir meg rett til.",
        ),
    };
    let en = format!(
        "To {organisation}\n\n{en_ask}\n\n{list_en}\nPlease answer by {due_en} (GDPR Art. 12(3): within \
         one month; you may extend this by two further months if you tell me why).\n\nThe \
         attached file is this request, signed; opened in Candor's employer mode, it is \
         answered with a signed receipt.\n\n{sender}\n",
        due_en = time.day(due_at, Lang::En),
    );
    let nb = format!(
        "Til {organisation}\n\n{nb_ask}\n\n{list_nb}\nSvar innen {due_nb} (personvernforordningen art. 12 nr. 3: \
         innen én måned; fristen kan forlenges med to måneder om dere begrunner det).\n\n\
         Den vedlagte filen er denne henvendelsen, signert; åpnet i Candors arbeidsgivermodus \
         besvares den med en signert kvittering.\n\n{sender}\n",
        due_nb = time.day(due_at, Lang::Nb),
    );
    Letters { en, nb }
}

pub const INVITATION: &str = "invitation.json";
pub const INVITATION_FORMAT: &str = "candor-invitation/1";

/// An employer's invitation to an anonymous candidate, sent to the pseudonym's age
/// recipient from the candidate's bundle: the employer never learns who it is writing to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub format: String,
    /// The pseudonym it is for.
    pub to: String,
    /// The anonymous bundles it answers.
    pub bundles: Vec<String>,
    pub message: String,
    /// How to reach the employer.
    pub contact: String,
    /// The employer's key card fingerprint.
    pub employer: String,
    pub issued_at: Timestamp,
}

impl Invitation {
    pub fn read(bytes: &[u8], manifest: &Manifest) -> Result<Invitation, BundleError> {
        let bad = |reason: &str| BundleError::BadNotice {
            reason: reason.to_owned(),
        };
        let invitation: Invitation =
            serde_json::from_slice(bytes).map_err(|_| bad("invitation.json cannot be read"))?;
        if invitation.format != INVITATION_FORMAT || manifest.kind != Kind::Invitation {
            return Err(bad("it is not an invitation"));
        }
        if invitation.bundles.is_empty() || invitation.bundles != manifest.refers_to {
            return Err(bad("it does not name the bundles its manifest names"));
        }
        Ok(invitation)
    }
}

#[cfg(test)]
mod letter_tests {
    use super::*;

    #[test]
    fn a_letter_names_each_share_by_view_local_day_and_purpose_with_a_short_reference() {
        let oslo = PeopleTime::in_zone(
            jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").expect("a POSIX zone"),
        );
        let at = |s: &str| s.parse::<Timestamp>().expect("a time");
        let first = "0123456789abcdef0123456789abcdef";
        let second = "fedcba9876543210fedcba9876543210";
        let bundles = [
            SharedBundle {
                id: first,
                // 00:13 on 4 December in Oslo.
                shared_at: at("2026-12-03T23:13:11.862570726Z"),
                purpose: "Backend developer",
            },
            SharedBundle {
                id: second,
                shared_at: at("2026-12-10T09:00:00Z"),
                purpose: " ",
            },
        ];
        let facts = LetterFacts {
            kind: RequestKind::Deletion,
            organisation: "Acme AS",
            sender: "Kari Nordmann",
            view: ViewKind::Anonymous,
            bundles: &bundles,
            due_at: at("2027-01-03T23:30:00.5Z"),
        };
        let Letters { en, nb } = letters(&facts, &oslo);
        assert!(
            en.contains(
                "  - my anonymous profile, shared on 4 December 2026, for \u{201c}Backend \
                 developer\u{201d} (reference 01234567)\n"
            ),
            "{en}"
        );
        assert!(en.contains("shared on 10 December 2026, no purpose given (reference fedcba98)"));
        assert!(en.contains("Please answer by 4 January 2027"), "{en}");
        assert!(nb.contains(
            "  - den anonyme profilen min, delt 4. desember 2026, til \u{ab}Backend \
             developer\u{bb} (referanse 01234567)\n"
        ));
        assert!(nb.contains("uten oppgitt formål"));
        assert!(nb.contains("Svar innen 4. januar 2027"), "{nb}");
        for letter in [&en, &nb] {
            assert!(
                !letter.contains(first) && !letter.contains(second),
                "no full ids"
            );
            assert!(!letter.contains("candor "), "no shell command");
            assert!(
                !letter.contains("T23:") && !letter.contains(".5Z"),
                "no raw times"
            );
        }
    }
}
