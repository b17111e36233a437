//! After sharing, the seeker's side: revoke, ask for deletion, access or the end of
//! consent, as signed notices; follow each to its answer; know when one is overdue.
//!
//! A request is a ledger entry (what was asked, of whom, about which bundles, due when)
//! and a state record that changes as answers arrive: sent → answered, or extended, or
//! overdue once its due date has passed with no answer.

use crate::roles::SeekerVault;
use std::path::{Path, PathBuf};

use candor_bundle::{
    letters, new_bundle_id, Addressee, Answer, BundleWriter, Issuer, Kind, LetterFacts, Letters,
    Manifest, Notice, Outcome, OutcomeKind, Protection, RequestKind, Sealing, SharedBundle, ANSWER,
    NOTICE, NOTICE_FORMAT,
};
use candor_model::{Lang, PeopleTime, Timestamp, ViewKind};
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::files::{write_new_file, Existing};
use crate::records::{internal_record, pick_by_prefix};
use crate::sharing::ledger::{LedgerEntry, SignedAs};

/// How far an answer may be pushed back (Art. 12(3)): two further months.
pub const MAX_EXTENSION_MONTHS: u8 = 2;

/// What a request's answer says so far.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestState {
    Sent,
    /// The employer will answer later, by the due date moved by `months`.
    Extended {
        months: u8,
        reason: String,
    },
    /// A signed answer arrived and was verified.
    Answered,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredRequest {
    state: RequestState,
    due_at: Timestamp,
    answer: Option<Answer>,
    answered_at: Option<Timestamp>,
    /// The parts of an access export imported so far (numbers from 1), when it came in
    /// several: the request is answered once all are in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<u32>,
}

internal_record!(StoredRequest, "request");

/// A request as the faces show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRow {
    pub entry: LedgerEntry,
    pub state: RequestState,
    pub due_at: Timestamp,
    /// Past its due date with no answer.
    pub overdue: bool,
    pub answer: Option<AnswerSummary>,
}

/// A verified answer, as the faces show it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerSummary {
    pub answered_at: Timestamp,
    pub outcome: OutcomeKind,
    /// The bundles deleted or exported.
    pub bundles: Vec<String>,
    /// Why the answer takes longer, for an extension.
    pub reason: Option<String>,
    /// The bundles the employer now refuses if they are sent again.
    pub tombstoned: Vec<String>,
}

impl From<&Answer> for AnswerSummary {
    fn from(answer: &Answer) -> AnswerSummary {
        let reason = match &answer.outcome {
            Outcome::Extended { reason, .. } => Some(reason.clone()),
            _ => None,
        };
        AnswerSummary {
            answered_at: answer.answered_at,
            outcome: answer.outcome.kind(),
            bundles: answer.outcome.bundles().to_vec(),
            reason,
            tombstoned: answer.tombstoned.clone(),
        }
    }
}

/// A notice that was written and recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestOutcome {
    pub path: PathBuf,
    pub entry: LedgerEntry,
    /// The letter in English and in Norwegian bokmål.
    pub letters: Letters,
    /// A pre-filled e-mail to the organisation's privacy contact (when it is an address),
    /// with the English and bokmål letters; attach the notice file to it.
    pub mailto: Option<String>,
}

/// `mailto:` with the subject and body percent-encoded (RFC 6068).
pub fn mailto(address: &str, subject: &str, body: &str) -> Option<String> {
    let address = address.trim();
    let plausible = address.contains('@')
        && !address.contains(char::is_whitespace)
        && !address.contains(['?', '&', '<', '>']);
    if !plausible {
        return None;
    }
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    Some(format!(
        "mailto:{address}?subject={}&body={}",
        encode(subject),
        encode(body)
    ))
}

/// One calendar month on (the 31st becomes the month's last day).
pub fn add_months(at: Timestamp, months: u8) -> Timestamp {
    let time = at.as_offset_date_time();
    let mut date = time.date();
    for _ in 0..months {
        let (year, month) = match date.month() {
            time::Month::December => (date.year() + 1, time::Month::January),
            m => (date.year(), m.next()),
        };
        let day = date.day().min(month.length(year));
        date = time::Date::from_calendar_date(year, month, day).expect("a valid day");
    }
    Timestamp::try_from(time.replace_date(date)).unwrap_or(at)
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A request's row as the faces show it.
fn row(entry: LedgerEntry, stored: StoredRequest, now: Timestamp) -> RequestRow {
    let overdue = stored.state != RequestState::Answered && stored.due_at <= now;
    RequestRow {
        entry,
        state: stored.state,
        due_at: stored.due_at,
        overdue,
        answer: stored.answer.as_ref().map(AnswerSummary::from),
    }
}

/// Refuses an answer that does not fit the request it names: another kind of request, an
/// outcome that belongs to another kind, bundles the request did not name, a second and
/// different answer to a settled request.
fn check_answer_fits(answer: &Answer, entry: &LedgerEntry, stored: &StoredRequest) -> Result<()> {
    let mismatch = |reason: &str| VaultError::AnswerDoesNotMatchRequest {
        reason: reason.to_owned(),
    };
    let asked = entry.action;
    if answer.request_kind != asked {
        return Err(mismatch(&format!(
            "it answers a {} but the request was a {asked}",
            answer.request_kind
        )));
    }
    let named = |ids: &[String]| ids.iter().all(|id| entry.refers_to.contains(id));
    match &answer.outcome {
        Outcome::Deleted { deleted } => {
            if asked == Kind::AccessRequest {
                return Err(mismatch("it reports a deletion, but access was asked for"));
            }
            if !named(deleted) || !named(&answer.tombstoned) {
                return Err(mismatch("it names bundles the request did not"));
            }
            if let Some(missing) = entry.refers_to.iter().find(|id| !deleted.contains(id)) {
                return Err(VaultError::IncompleteAnswer {
                    bundle: missing.clone(),
                });
            }
        }
        Outcome::Exported { held } => {
            if asked != Kind::AccessRequest {
                return Err(mismatch(&format!(
                    "it is an access export, but the request was a {asked}"
                )));
            }
            if !named(held) {
                return Err(mismatch("it names bundles the request did not"));
            }
        }
        Outcome::Extended { .. } => {
            if stored.state != RequestState::Sent {
                return Err(VaultError::IncompleteAnswer {
                    bundle: "an extension after the request was extended or answered".into(),
                });
            }
        }
    }
    if stored.state == RequestState::Answered {
        let same = stored.answer.as_ref().is_some_and(|settled| {
            let mut settled = settled.clone();
            settled.part = answer.part;
            settled == *answer
        });
        if !same {
            return Err(mismatch("the request was already answered otherwise"));
        }
    }
    Ok(())
}

impl SeekerVault {
    /// Writes a signed notice of `kind` about the shares to `recipient` made with one view
    /// (`view`: the identity's full shares or the pseudonym's anonymous ones), records it in
    /// the ledger, and returns its letters. It is due one month after `now`.
    pub fn request(
        &mut self,
        request: RequestKind,
        recipient: &str,
        view: ViewKind,
        out: &Path,
        existing: Existing,
        now: Timestamp,
    ) -> Result<RequestOutcome> {
        let kind = request.kind();
        let recipient = self.recipient(recipient)?;
        let shares: Vec<LedgerEntry> = self
            .ledger()?
            .into_iter()
            .filter(|e| e.is_share() && e.recipient_id == recipient.id && e.view == view)
            .collect();
        if shares.is_empty() {
            return Err(VaultError::NothingShared {
                organisation: recipient.organisation.clone(),
                view: view.as_str(),
            });
        }
        let keys = match view {
            ViewKind::Anonymous => self.pseudonym(&recipient.id)?.ok_or_else(|| {
                VaultError::tampered("the pseudonym for this recipient is missing")
            })?,
            ViewKind::Full => self.own_keys()?,
        };
        let bundles: Vec<String> = shares.iter().map(|e| e.bundle_id.clone()).collect();
        let due_at = add_months(now, 1);
        let id = new_bundle_id();
        let notice = Notice {
            format: NOTICE_FORMAT.to_owned(),
            kind,
            bundles: bundles.clone(),
            reply_to: keys.age.recipient(),
            issued_at: now,
            due_at,
        };
        let sender = match view {
            ViewKind::Anonymous => keys.name.clone(),
            ViewKind::Full => self.person()?.map(|p| p.name).unwrap_or_default(),
        };
        let shared: Vec<SharedBundle<'_>> = shares
            .iter()
            .map(|e| SharedBundle {
                id: &e.bundle_id,
                shared_at: e.at,
                purpose: &e.purpose,
            })
            .collect();
        let facts = LetterFacts {
            kind: request,
            organisation: &recipient.organisation,
            sender: &sender,
            view,
            bundles: &shared,
            due_at,
        };
        let letters = letters(&facts, PeopleTime::system());
        let manifest = Manifest {
            format: String::new(),
            kind,
            id: id.clone(),
            issued_at: now,
            expires_at: None,
            issuer: Issuer {
                public_key: String::new(),
                name: sender.clone(),
                reply_to: Some(keys.age.recipient()),
            },
            recipient: Some(Addressee {
                name: recipient.organisation.clone(),
                fingerprint: recipient.fingerprint.clone(),
            }),
            view: None,
            fields: Vec::new(),
            purpose: kind.to_string(),
            refers_to: bundles.clone(),
            entries: Vec::new(),
        };
        let notice_json = serde_json::to_vec_pretty(&notice).expect("a notice serializes");
        let (sha256, _) = write_new_file(out, existing, |file| {
            let mut bundle = BundleWriter::new(
                file,
                Protection::Recipients(vec![recipient.age_recipient.clone(), keys.age.recipient()]),
            )?;
            bundle.add(NOTICE, notice_json.as_slice())?;
            bundle.add("letter.en.txt", letters.en.as_bytes())?;
            bundle.add("letter.nb.txt", letters.nb.as_bytes())?;
            let written = bundle.finish(manifest, &keys.signing)?;
            Ok((written.sha256, written.size))
        })?;
        let entry = LedgerEntry {
            seq: 0,
            at: now,
            action: kind,
            bundle_id: id.clone(),
            bundle_sha256: sha256,
            recipient_id: recipient.id.clone(),
            organisation: recipient.organisation.clone(),
            organisation_number: recipient.organisation_number.clone(),
            privacy_contact: recipient.privacy_contact.clone(),
            privacy_policy_url: recipient.privacy_policy_url.clone(),
            fingerprint: recipient.fingerprint.clone(),
            view,
            signed_as: match view {
                ViewKind::Anonymous => SignedAs::Pseudonym(keys.name.clone()),
                ViewKind::Full => SignedAs::Identity,
            },
            fields: Vec::new(),
            documents: Vec::new(),
            expires_at: None,
            purpose: kind.to_string(),
            sealing: Sealing::Recipient,
            refers_to: bundles,
            due_at: Some(due_at),
            prev_hash: String::new(),
        };
        let state = StoredRequest {
            state: RequestState::Sent,
            due_at,
            answer: None,
            answered_at: None,
            parts: Vec::new(),
        };
        let entry = match self.write(|w| {
            let entry = w.append_ledger(entry)?;
            w.put_record(&id, 0, &state)?;
            Ok(entry)
        }) {
            Ok(entry) => entry,
            Err(e) => {
                let _ = std::fs::remove_file(out);
                return Err(e);
            }
        };
        let words = candor_bundle::request_words(request);
        let subject = format!(
            "{} / {} (ref. {})",
            capitalised(words.en),
            capitalised(words.nb),
            candor_bundle::short_ref(&entry.bundle_id)
        );
        let mailto = mailto(
            &recipient.privacy_contact,
            &subject,
            &format!("{}\n---\n\n{}", letters.en, letters.nb),
        );
        Ok(RequestOutcome {
            path: out.to_owned(),
            entry,
            letters,
            mailto,
        })
    }

    /// Every request with its state, overdue ones first, then by due date.
    pub fn requests(&self, now: Timestamp) -> Result<Vec<RequestRow>> {
        let mut rows = Vec::new();
        for entry in self.ledger()?.into_iter().filter(|e| !e.is_share()) {
            let Some(stored) = self.get_record::<StoredRequest>(&entry.bundle_id)? else {
                return Err(VaultError::tampered(format!(
                    "the state of request {} is missing",
                    entry.bundle_id
                )));
            };
            rows.push(row(entry, stored, now));
        }
        rows.sort_by_key(|row| (!row.overdue, row.due_at));
        Ok(rows)
    }

    /// Imports an employer's signed answer to one of this vault's requests: decrypted with
    /// the key the request was sent with, signed by the key on that employer's card, about
    /// that request. Anything else is refused and changes nothing.
    pub fn import_answer(
        &mut self,
        reader: impl std::io::Read + std::io::Seek,
        now: Timestamp,
    ) -> Result<RequestRow> {
        let mut bundle = self.open_bundle(reader)?;
        let manifest = bundle.manifest().clone();
        if !matches!(manifest.kind, Kind::DeletionReceipt | Kind::AccessExport) {
            return Err(VaultError::NotAnAnswer {
                kind: manifest.kind.to_string(),
            });
        }
        let answer = Answer::read(&bundle.read_entry(ANSWER, 1 << 20)?, &manifest)?;
        let entry = self
            .ledger()?
            .into_iter()
            .find(|e| !e.is_share() && e.bundle_id == answer.request)
            .ok_or_else(|| VaultError::UnknownRequest {
                request: answer.request.clone(),
            })?;
        let recipient = self.recipient(&entry.recipient_id)?;
        if manifest.issuer.public_key != recipient.minisign_key
            || answer.employer != recipient.fingerprint
        {
            return Err(VaultError::AnswerFromAnotherSigner {
                organisation: recipient.organisation.clone(),
            });
        }
        bundle.verify_all()?;
        let mut stored = self
            .get_record::<StoredRequest>(&entry.bundle_id)?
            .ok_or_else(|| VaultError::tampered("the state of the request is missing"))?;
        check_answer_fits(&answer, &entry, &stored)?;
        if stored.state == RequestState::Answered {
            // The same answer again (or another part of it) changes nothing.
            return Ok(row(entry, stored, now));
        }
        match &answer.outcome {
            Outcome::Deleted { .. } => stored.state = RequestState::Answered,
            Outcome::Exported { .. } => {
                let (number, of) = answer.part.map_or((1, 1), |p| (p.number, p.of));
                if !stored.parts.contains(&number) {
                    stored.parts.push(number);
                    stored.parts.sort_unstable();
                }
                if stored.parts.len() as u64 >= u64::from(of) {
                    stored.state = RequestState::Answered;
                }
            }
            Outcome::Extended { months, reason } => {
                let original = entry.due_at.unwrap_or(stored.due_at);
                stored.due_at = add_months(original, (*months).min(MAX_EXTENSION_MONTHS));
                stored.state = RequestState::Extended {
                    months: *months,
                    reason: reason.clone(),
                };
            }
        }
        stored.answer = Some(answer);
        stored.answered_at = Some(now);
        let id = entry.bundle_id.clone();
        self.write(|w| w.put_record(&id, 0, &stored))?;
        Ok(row(entry, stored, now))
    }

    /// A complaint to Datatilsynet about an overdue request, in English and bokmål.
    pub fn complaint(&self, request: &str, now: Timestamp) -> Result<Letters> {
        let rows = self.requests(now)?.into_iter();
        let row = pick_by_prefix(
            rows.map(|r| (r.entry.bundle_id.clone(), r)),
            request,
            "request",
        )?
        .ok_or_else(|| VaultError::UnknownRequest {
            request: request.to_owned(),
        })?;
        let e = &row.entry;
        let kind = e
            .action
            .request()
            .ok_or_else(|| VaultError::tampered("a request's kind is not one Candor knows"))?;
        let time = PeopleTime::system();
        let Letters {
            en: en_kind,
            nb: nb_kind,
        } = candor_bundle::request_words(kind);
        let refs = |ids: &[String]| {
            ids.iter()
                .map(|id| candor_bundle::short_ref(id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let en = format!(
            "To Datatilsynet (the Norwegian Data Protection Authority)\n\n\
             Complaint: no answer to a {en_kind} under the GDPR\n\n\
             On {at} I sent {org} (organisation number {number}, privacy contact {contact}) a \
             signed {en_kind} about personal data I had shared with them (reference {id}, \
             concerning the shares {bundles}). The answer was due by {due} (Art. 12(3)); none \
             has come. I ask Datatilsynet to look into it (Art. 77).\n\nTheir privacy policy: \
             {policy}\n",
            at = time.day(e.at, Lang::En),
            org = e.organisation,
            number = e.organisation_number,
            contact = e.privacy_contact,
            id = candor_bundle::short_ref(&e.bundle_id),
            bundles = refs(&e.refers_to),
            due = time.day(row.due_at, Lang::En),
            policy = e.privacy_policy_url,
        );
        let nb = format!(
            "Til Datatilsynet\n\n\
             Klage: ikke svar på {nb_kind} etter personvernforordningen\n\n\
             {at} sendte jeg {org} (organisasjonsnummer {number}, personvernkontakt \
             {contact}) et signert {nb_kind} om personopplysninger jeg hadde delt med dem \
             (referanse {id}, om delingene {bundles}). Svarfristen var {due} (art. 12 nr. 3); \
             svar har ikke kommet. Jeg ber Datatilsynet se på saken (art. 77).\n\n\
             Deres personvernerklæring: {policy}\n",
            at = time.day(e.at, Lang::Nb),
            org = e.organisation,
            number = e.organisation_number,
            contact = e.privacy_contact,
            id = candor_bundle::short_ref(&e.bundle_id),
            bundles = refs(&e.refers_to),
            due = time.day(row.due_at, Lang::Nb),
            policy = e.privacy_policy_url,
        );
        Ok(Letters { en, nb })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a time")
    }

    #[test]
    fn a_month_on_keeps_the_day_or_takes_the_months_last() {
        assert_eq!(
            add_months(at("2026-01-15T10:00:00Z"), 1),
            at("2026-02-15T10:00:00Z")
        );
        assert_eq!(
            add_months(at("2026-01-31T10:00:00Z"), 1),
            at("2026-02-28T10:00:00Z")
        );
        assert_eq!(
            add_months(at("2026-12-10T10:00:00Z"), 1),
            at("2027-01-10T10:00:00Z")
        );
        assert_eq!(
            add_months(at("2026-11-30T10:00:00Z"), 3),
            at("2027-02-28T10:00:00Z")
        );
    }

    #[test]
    fn a_mailto_link_encodes_subject_and_body_and_needs_an_address() {
        assert_eq!(
            mailto(
                "personvern@acme.example",
                "deletion-request (ab12)",
                "Til Acme\nÆ & ø?"
            ),
            Some(
                "mailto:personvern@acme.example?subject=deletion-request%20%28ab12%29\
                 &body=Til%20Acme%0A%C3%86%20%26%20%C3%B8%3F"
                    .into()
            )
        );
        assert_eq!(mailto("Postboks 1, 0101 Oslo", "s", "b"), None);
        assert_eq!(mailto("a@b.example?cc=evil@x", "s", "b"), None);
    }

    #[test]
    fn request_kinds_map_to_notice_kinds_and_back() {
        assert_eq!(RequestKind::Deletion.kind(), Kind::DeletionRequest);
        assert_eq!(RequestKind::Withdraw.kind(), Kind::ConsentWithdrawal);
        for request in RequestKind::ALL {
            assert!(Notice::is_notice_kind(request.kind()));
            assert_eq!(request.kind().request(), Some(request));
        }
        assert_eq!(Kind::ProfileShare.request(), None);
    }
}
