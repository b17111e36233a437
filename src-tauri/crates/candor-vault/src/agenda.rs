//! What is due: the next steps of open applications, the answers owed to the seeker's
//! requests, and shares whose delete-by day is coming. One list for the Today screen,
//! `candor agenda`, the calendar export and the desktop notifications.
//!
//! Days are the seeker's local days ([`PeopleTime`]). Each item has a stable id built
//! from the id of what it is about, so a calendar export's UIDs stay the same from one
//! export to the next and a notification is remembered per item.

use candor_bundle::RequestKind;
use candor_formats::{calendar_ics, CalendarEvent};
use candor_model::{Application, Day, Lang, PeopleTime, Timestamp};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::records::internal_record;
use crate::roles::SeekerVault;
use crate::sharing::{RequestState, ShareStatus};

/// Items due within this many days count as coming soon.
pub const SOON_DAYS: i64 = 14;

/// What an item is about.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum DueWhat {
    /// An open application's next step.
    NextStep {
        application_id: String,
        company: String,
        position: String,
        /// What happens ("Second interview"); empty when only the day was written.
        step: String,
    },
    /// The answer an organisation owes to one of the seeker's requests.
    Answer {
        request_id: String,
        organisation: String,
        request: RequestKind,
    },
    /// A share the organisation must delete on its delete-by day.
    ShareExpires {
        share_id: String,
        organisation: String,
    },
}

/// How near an item is, on the seeker's today.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Urgency {
    Overdue,
    Today,
    /// Within [`SOON_DAYS`].
    Soon,
    Later,
}

/// One item of the agenda.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub what: DueWhat,
    pub day: Day,
    pub urgency: Urgency,
    /// Whole days from today to the day: negative when overdue.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub days: i64,
    /// Stable for the item across sessions and exports.
    pub stable_id: String,
}

impl DueItem {
    fn new(what: DueWhat, day: Day, today: Day) -> DueItem {
        let days = (day.as_date() - today.as_date()).whole_days();
        let urgency = match days {
            ..0 => Urgency::Overdue,
            0 => Urgency::Today,
            1..=SOON_DAYS => Urgency::Soon,
            _ => Urgency::Later,
        };
        let stable_id = match &what {
            DueWhat::NextStep { application_id, .. } => format!("next-step-{application_id}"),
            DueWhat::Answer { request_id, .. } => format!("answer-{request_id}"),
            DueWhat::ShareExpires { share_id, .. } => format!("share-expires-{share_id}"),
        };
        DueItem {
            what,
            day,
            urgency,
            days,
            stable_id,
        }
    }

    /// Worth a notification today: overdue, or due today.
    pub fn is_due(&self) -> bool {
        self.urgency <= Urgency::Today
    }

    /// A line that says what is due, in `lang`: a calendar event's title, a notification's.
    pub fn title(&self, lang: Lang) -> String {
        match (&self.what, lang) {
            (
                DueWhat::NextStep {
                    company,
                    position,
                    step,
                    ..
                },
                _,
            ) => {
                let step = match (step.is_empty(), lang) {
                    (false, _) => step.as_str(),
                    (true, Lang::En) => "Next step",
                    (true, Lang::Nb) => "Neste steg",
                };
                let at = [company.as_str(), position.as_str()]
                    .into_iter()
                    .filter(|part| !part.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{step} — {at}")
            }
            (
                DueWhat::Answer {
                    organisation,
                    request,
                    ..
                },
                Lang::En,
            ) => {
                let asked = match request {
                    RequestKind::Deletion => "deletion request",
                    RequestKind::Access => "access request",
                    RequestKind::Withdraw => "withdrawal of consent",
                    RequestKind::Revoke => "revocation",
                };
                format!("{organisation} owes an answer to your {asked}")
            }
            (
                DueWhat::Answer {
                    organisation,
                    request,
                    ..
                },
                Lang::Nb,
            ) => {
                let asked = match request {
                    RequestKind::Deletion => "kravet ditt om sletting",
                    RequestKind::Access => "kravet ditt om innsyn",
                    RequestKind::Withdraw => "tilbaketrekkingen av samtykket ditt",
                    RequestKind::Revoke => "tilbaketrekkingen din",
                };
                format!("{organisation} skal svare på {asked}")
            }
            (DueWhat::ShareExpires { organisation, .. }, Lang::En) => {
                format!("{organisation} must delete what you shared")
            }
            (DueWhat::ShareExpires { organisation, .. }, Lang::Nb) => {
                format!("{organisation} skal slette det du delte")
            }
        }
    }

    /// Where in Candor the item is, in `lang`.
    pub fn place(&self, lang: Lang) -> &'static str {
        match (&self.what, lang) {
            (DueWhat::NextStep { .. }, Lang::En) => "In Candor: Applications",
            (DueWhat::NextStep { .. }, Lang::Nb) => "I Candor: Søknader",
            (_, Lang::En) => "In Candor: Ledger",
            (_, Lang::Nb) => "I Candor: Logg",
        }
    }

    /// The item as a whole-day calendar event, with a UID that stays the same.
    pub fn event(&self, lang: Lang) -> CalendarEvent {
        CalendarEvent {
            uid: format!("{}@candor", self.stable_id),
            day: self.day,
            summary: self.title(lang),
            description: self.place(lang).to_owned(),
        }
    }
}

/// `items` as an iCalendar file in `lang`, stamped `now`: what `candor agenda --ics` and
/// the app's "Add to calendar…" write.
pub fn agenda_calendar(items: &[DueItem], lang: Lang, now: Timestamp) -> String {
    let events: Vec<CalendarEvent> = items.iter().map(|item| item.event(lang)).collect();
    let name = match lang {
        Lang::En => "Job hunt (Candor)",
        Lang::Nb => "Jobbsøking (Candor)",
    };
    calendar_ics(&events, name, now)
}

/// Which items were notified on which local day: at most one notification per item a day.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Notified {
    day: Option<Day>,
    keys: Vec<String>,
}

internal_record!(Notified, "notified");

const NOTIFIED_ID: &str = "notified";

impl SeekerVault {
    /// Every dated item, overdue first, then by day: next steps of open applications,
    /// answers not yet given, and active shares with a delete-by day still to come.
    /// A clock or a due time outside the years a [`Day`] holds has no day to
    /// show: such an item is left out rather than failing the whole list.
    pub fn agenda(&self, now: Timestamp, time: &PeopleTime) -> Result<Vec<DueItem>> {
        let Ok(today) = time.local_day(now) else {
            return Ok(Vec::new());
        };
        let mut items = Vec::new();
        for entry in self.list::<Application>()? {
            let application = entry.value;
            let Some(day) = application.next_step_date else {
                continue;
            };
            if application.status.is_closed() {
                continue;
            }
            let what = DueWhat::NextStep {
                application_id: entry.id,
                company: application.company,
                position: application.position,
                step: application.next_step.unwrap_or_default(),
            };
            items.push(DueItem::new(what, day, today));
        }
        for request in self.requests(now)? {
            let Some(kind) = request.entry.action.request() else {
                continue;
            };
            if request.state == RequestState::Answered {
                continue;
            }
            let what = DueWhat::Answer {
                request_id: request.entry.bundle_id,
                organisation: request.entry.organisation,
                request: kind,
            };
            if let Ok(day) = time.local_day(request.due_at) {
                items.push(DueItem::new(what, day, today));
            }
        }
        for share in self.shares(now)? {
            let Some(expires) = share.entry.expires_at else {
                continue;
            };
            if share.status != ShareStatus::Active {
                continue;
            }
            let what = DueWhat::ShareExpires {
                share_id: share.entry.bundle_id,
                organisation: share.entry.organisation,
            };
            if let Ok(day) = time.local_day(expires) {
                items.push(DueItem::new(what, day, today));
            }
        }
        items.sort_by(|a, b| (a.day, &a.stable_id).cmp(&(b.day, &b.stable_id)));
        Ok(items)
    }

    /// The items due (overdue or today) that have not been notified yet on today's local
    /// day, now remembered as notified: the next call the same day returns none of them.
    pub fn take_due_to_notify(
        &mut self,
        now: Timestamp,
        time: &PeopleTime,
    ) -> Result<Vec<DueItem>> {
        let Ok(today) = time.local_day(now) else {
            return Ok(Vec::new());
        };
        let mut notified = self
            .get_record::<Notified>(NOTIFIED_ID)?
            .filter(|notified| notified.day == Some(today))
            .unwrap_or_default();
        let fresh: Vec<DueItem> = self
            .agenda(now, time)?
            .into_iter()
            .filter(|item| item.is_due() && !notified.keys.contains(&item.stable_id))
            .collect();
        if fresh.is_empty() {
            return Ok(fresh);
        }
        notified.day = Some(today);
        notified
            .keys
            .extend(fresh.iter().map(|item| item.stable_id.clone()));
        self.write(|w| w.put_record(NOTIFIED_ID, 0, &notified))?;
        Ok(fresh)
    }
}
