//! The covering letter that goes with a saved share, in English and bokmål, and the
//! `mailto:` that opens it in the seeker's mail program. No shell command and no full id:
//! how to open the bundle is in the README it carries.

use candor_bundle::{short_ref, Letters, Sealing};
use candor_model::{Lang, PeopleTime, ViewKind};

use crate::sharing::ledger::{LedgerEntry, SignedAs};
use crate::sharing::requests::mailto;

/// The letter for `entry`, the share just saved as `file_name`, from `sender` (the seeker's
/// name, or the pseudonym for an anonymous share), with days in `time`'s zone.
pub(crate) fn share_letters(
    entry: &LedgerEntry,
    file_name: &str,
    sender: &str,
    time: &PeopleTime,
) -> Letters {
    let purpose = entry.purpose.trim();
    let (what_en, what_nb) = match entry.view {
        ViewKind::Anonymous => ("my anonymous profile", "den anonyme profilen min"),
        ViewKind::Full => ("my profile", "profilen min"),
    };
    let (for_en, for_nb) = if purpose.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(", for \u{201c}{purpose}\u{201d}"),
            format!(", til \u{ab}{purpose}\u{bb}"),
        )
    };
    let (under_en, under_nb) = match &entry.signed_as {
        SignedAs::Pseudonym(name) => (
            format!(" under the name {name}"),
            format!(" under navnet {name}"),
        ),
        SignedAs::Identity => (String::new(), String::new()),
    };
    let (sealed_en, sealed_nb) = match entry.sealing {
        Sealing::Recipient => (
            " and can only be opened with your organisation's key",
            " og kan bare åpnes med organisasjonens nøkkel",
        ),
        _ => ("", ""),
    };
    let (keep_en, keep_nb) = match entry.expires_at {
        Some(at) => (
            format!(
                "You may keep it until {}; after that, please delete it.",
                time.day(at, Lang::En)
            ),
            format!(
                "Dere kan beholde den til {}; etter det ber jeg dere slette den.",
                time.day(at, Lang::Nb)
            ),
        ),
        None => (
            "I may ask you to delete it at any time.".to_owned(),
            "Jeg kan når som helst be dere slette den.".to_owned(),
        ),
    };
    let reference = short_ref(&entry.bundle_id);
    let en = format!(
        "To {organisation}\n\nAttached is {what_en}{for_en}: the file {file_name}. It is \
         signed by me{under_en}{sealed_en}; open it in Candor's employer mode, as the README \
         inside explains.\n\n{keep_en}\n\n{sender}\n\nReference {reference}, shared {day}\n",
        organisation = entry.organisation,
        day = time.day(entry.at, Lang::En),
    );
    let nb = format!(
        "Til {organisation}\n\nVedlagt er {what_nb}{for_nb}: filen {file_name}. Den er \
         signert av meg{under_nb}{sealed_nb}; åpne den i Candors arbeidsgivermodus, slik \
         README-filen i den forklarer.\n\n{keep_nb}\n\n{sender}\n\nReferanse {reference}, \
         delt {day}\n",
        organisation = entry.organisation,
        day = time.day(entry.at, Lang::Nb),
    );
    Letters { en, nb }
}

/// A `mailto:` to the organisation's contact with both letters, the subject naming the
/// share by view and reference; `None` when the card has no e-mail address to write to.
pub(crate) fn share_mailto(
    entry: &LedgerEntry,
    contact: &str,
    letters: &Letters,
) -> Option<String> {
    let (en, nb) = match entry.view {
        ViewKind::Anonymous => ("Anonymous profile", "Anonym profil"),
        ViewKind::Full => ("Profile", "Profil"),
    };
    let subject = format!("{en} / {nb} (ref. {})", short_ref(&entry.bundle_id));
    let address = if contact.contains('@') {
        contact
    } else {
        &entry.privacy_contact
    };
    mailto(
        address,
        &subject,
        &format!("{}\n---\n\n{}", letters.en, letters.nb),
    )
}
