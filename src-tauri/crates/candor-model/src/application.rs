//! Applications: where the seeker applied, how it went, and what happens next.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::cover_letter::CoverLetter;
use crate::date::Day;
use crate::problem::Problem;
use crate::refusal::parse_str;
use crate::timestamp::Timestamp;
use crate::validate::{Check, Validate, ValidationError, ValidationErrors};

/// Where an application stands: usually draft → applied → interview → offer → hired, or
/// rejected / withdrawn at any point.
///
/// Read through [`FromStr`], whose refusal names every value; in TypeScript, a union of the
/// names.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ApplicationStatus {
    Draft,
    Applied,
    Interview,
    Offer,
    Hired,
    Rejected,
    Withdrawn,
}

impl ApplicationStatus {
    /// Every status, in the usual order of an application.
    pub const ALL: [ApplicationStatus; 7] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Applied,
        ApplicationStatus::Interview,
        ApplicationStatus::Offer,
        ApplicationStatus::Hired,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
    ];

    /// The lower-case name: "interview".
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Applied => "applied",
            ApplicationStatus::Interview => "interview",
            ApplicationStatus::Offer => "offer",
            ApplicationStatus::Hired => "hired",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    /// Whether the application is over: hired, rejected or withdrawn.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Hired | ApplicationStatus::Rejected | ApplicationStatus::Withdrawn
        )
    }

    /// Whether an application in this status with its next step on `next_step_date` is
    /// overdue on `today`: still open, and the date has passed.
    pub fn is_overdue(self, next_step_date: Option<Day>, today: Day) -> bool {
        !self.is_closed() && next_step_date.is_some_and(|date| date < today)
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationStatus {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| Problem::NotOneOf {
                value: s.to_owned(),
                allowed: ApplicationStatus::ALL
                    .map(|status| status.as_str().to_owned())
                    .to_vec(),
            })
    }
}

impl<'de> Deserialize<'de> for ApplicationStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

/// One change of status; `from` is `None` for the creation of the application.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An application for a position.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    /// Required.
    pub company: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    /// The job advertisement.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub link: String,
    pub created_at: Timestamp,
    pub status: ApplicationStatus,
    /// Every change of status, oldest first, starting with the creation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// The person to talk to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What happens next: "Second interview".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step_date: Option<Day>,
    /// Ids of the documents sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
    /// Id of the ledger entry of the share sent with the application.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    /// The cover letter written for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_letter: Option<CoverLetter>,
}

impl Application {
    /// A new draft, its creation the first entry of its history.
    pub fn new(company: impl Into<String>, position: impl Into<String>, at: Timestamp) -> Self {
        Application {
            company: company.into(),
            position: position.into(),
            link: String::new(),
            created_at: at,
            status: ApplicationStatus::Draft,
            history: vec![StatusChange {
                from: None,
                to: ApplicationStatus::Draft,
                at,
                note: None,
            }],
            contact: None,
            notes: None,
            next_step: None,
            next_step_date: None,
            documents: Vec::new(),
            share: None,
            cover_letter: None,
        }
    }

    /// Moves to `to` and records the change. Any status may follow any other (an offer
    /// can be withdrawn, a rejection reconsidered), but not itself: that is
    /// [`Problem::SameStatus`] at `status`, and nothing changes.
    pub fn move_to(
        &mut self,
        to: ApplicationStatus,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<(), ValidationError> {
        if to == self.status {
            return Err(Problem::SameStatus { status: to }.at("status"));
        }
        self.history.push(StatusChange {
            from: Some(self.status),
            to,
            at,
            note,
        });
        self.status = to;
        Ok(())
    }

    /// Takes back the last move, if it is the one from `from` to `to`: the status goes back
    /// and the move leaves the history, as if it had not been made. Anything else (the
    /// application moved again since, or was never moved so) is [`Problem::MovedSince`] at
    /// `status`, and nothing changes: an old undo cannot undo a newer move.
    pub fn undo_move(
        &mut self,
        from: ApplicationStatus,
        to: ApplicationStatus,
    ) -> Result<(), ValidationError> {
        match self.history.last() {
            Some(last) if last.from == Some(from) && last.to == to && self.status == to => {
                self.history.pop();
                self.status = from;
                Ok(())
            }
            _ => Err(Problem::MovedSince {
                status: self.status,
            }
            .at("status")),
        }
    }

    /// The job link as a web address to open in a browser: an `http` or `https` address,
    /// or a bare one as people type it (`www.dnb.no/jobb`, taken as `https://`). Anything
    /// else (another scheme, spaces, an empty link) is `None`: it is never handed to the
    /// desktop to open.
    pub fn web_link(&self) -> Option<String> {
        let link = self.link.trim();
        if link.is_empty() || link.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        match link.split_once("://") {
            Some((scheme, rest)) => {
                let web =
                    scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
                let host = rest.split(['/', '?', '#']).next().unwrap_or("");
                (web && !host.is_empty()).then(|| link.to_owned())
            }
            None => {
                let host = link.split(['/', '?', '#']).next().unwrap_or("");
                let plausible = host.contains('.')
                    && !host.starts_with('.')
                    && host
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
                (plausible && !host.contains("..")).then(|| format!("https://{link}"))
            }
        }
    }

    /// Whether the next step's date has passed (it is before `today`) while the
    /// application is still open.
    pub fn is_overdue(&self, today: Day) -> bool {
        self.status.is_overdue(self.next_step_date, today)
    }

    /// Whether `query` occurs, ignoring case, in the company, position, contact, notes or
    /// next step. An empty query matches everything.
    pub fn matches_text(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        [
            Some(&self.company),
            Some(&self.position),
            self.contact.as_ref(),
            self.notes.as_ref(),
            self.next_step.as_ref(),
        ]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(&query))
    }
}

impl Validate for StatusChange {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.text("note", &self.note);
        check.finish()
    }
}

impl Validate for Application {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("company", &self.company);
        check.line("position", &self.position);
        check.line("link", &self.link);
        check.each("history", &self.history);
        check.line("contact", &self.contact);
        check.text("notes", &self.notes);
        check.line("nextStep", &self.next_step);
        check.lines("documents", &self.documents);
        check.line("share", &self.share);
        if let Some(letter) = &self.cover_letter {
            check.line("coverLetter.salutation", &letter.salutation);
            check.text("coverLetter", &letter.to_plain());
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).expect("valid time")
    }

    fn day(s: &str) -> Day {
        s.parse().expect("valid day")
    }

    #[test]
    fn new_application_is_a_draft_with_its_creation_in_the_history() {
        let created = at("2024-05-01T09:00:00Z");
        let application = Application::new("Equinor", "Data engineer", created);
        assert_eq!(application.status, ApplicationStatus::Draft);
        assert_eq!(
            application.history,
            [StatusChange {
                from: None,
                to: ApplicationStatus::Draft,
                at: created,
                note: None
            }]
        );
        assert!(application.validate().is_ok());
    }

    #[test]
    fn undoing_the_last_move_restores_the_status_and_the_history() {
        use ApplicationStatus::*;
        let mut application =
            Application::new("Equinor", "Data engineer", at("2024-05-01T09:00:00Z"));
        application
            .move_to(Applied, at("2024-05-02T09:00:00Z"), None)
            .expect("draft to applied");
        let before = application.clone();
        application
            .move_to(Interview, at("2024-05-03T09:00:00Z"), None)
            .expect("applied to interview");
        application.undo_move(Applied, Interview).expect("undo");
        assert_eq!(application, before);
    }

    #[test]
    fn an_undo_that_is_not_the_last_move_changes_nothing() {
        use ApplicationStatus::*;
        let mut application =
            Application::new("Equinor", "Data engineer", at("2024-05-01T09:00:00Z"));
        application
            .move_to(Applied, at("2024-05-02T09:00:00Z"), None)
            .expect("draft to applied");
        application
            .move_to(Interview, at("2024-05-03T09:00:00Z"), None)
            .expect("applied to interview");
        let now = application.clone();
        // An undo of the earlier move, replayed after a newer one, and one of a move never made.
        for (from, to) in [(Draft, Applied), (Applied, Offer), (Interview, Applied)] {
            let error = application.undo_move(from, to).expect_err("refused");
            assert_eq!(error.field, "status");
            assert_eq!(error.problem, Problem::MovedSince { status: Interview });
            assert_eq!(application, now);
        }
        // The creation is not a move: a fresh draft has nothing to undo.
        let mut fresh = Application::new("DNB", "", at("2024-05-01T09:00:00Z"));
        assert!(fresh.undo_move(Draft, Draft).is_err());
    }

    #[test]
    fn only_a_web_address_is_a_job_link_to_open() {
        let mut application = Application::new("DNB", "", at("2024-05-01T09:00:00Z"));
        for (link, opened) in [
            ("https://dnb.no/jobb/123", Some("https://dnb.no/jobb/123")),
            ("  HTTP://dnb.no  ", Some("HTTP://dnb.no")),
            ("www.dnb.no/jobb?id=4", Some("https://www.dnb.no/jobb?id=4")),
            ("finn.no", Some("https://finn.no")),
            ("", None),
            ("file:///etc/passwd", None),
            ("javascript://%0Aalert(1)", None),
            ("mailto:hr@dnb.no", None),
            ("https://", None),
            ("dnb", None),
            ("https://dnb.no/a b", None),
            ("ssh://dnb.no", None),
        ] {
            application.link = link.into();
            assert_eq!(application.web_link().as_deref(), opened, "{link:?}");
        }
    }

    #[test]
    fn moving_records_each_change_in_order() {
        let mut application =
            Application::new("Equinor", "Data engineer", at("2024-05-01T09:00:00Z"));
        application
            .move_to(ApplicationStatus::Applied, at("2024-05-02T09:00:00Z"), None)
            .expect("draft to applied");
        application
            .move_to(
                ApplicationStatus::Interview,
                at("2024-05-10T09:00:00Z"),
                Some("Phone screen".into()),
            )
            .expect("applied to interview");
        assert_eq!(application.status, ApplicationStatus::Interview);
        let steps: Vec<_> = application.history.iter().map(|c| (c.from, c.to)).collect();
        assert_eq!(
            steps,
            [
                (None, ApplicationStatus::Draft),
                (Some(ApplicationStatus::Draft), ApplicationStatus::Applied),
                (
                    Some(ApplicationStatus::Applied),
                    ApplicationStatus::Interview
                ),
            ]
        );
        assert_eq!(application.history[2].note.as_deref(), Some("Phone screen"));
    }

    #[test]
    fn moving_to_the_current_status_is_refused_and_changes_nothing() {
        let mut application = Application::new("Equinor", "", at("2024-05-01T09:00:00Z"));
        let before = application.clone();
        let error = application
            .move_to(ApplicationStatus::Draft, at("2024-05-02T09:00:00Z"), None)
            .expect_err("already a draft");
        assert_eq!(
            error.to_string(),
            "status: the application is already in status draft; choose another status"
        );
        assert_eq!(error.problem.code(), "same_status");
        assert_eq!(application, before);
    }

    #[test]
    fn open_application_past_its_next_step_is_overdue_and_closed_one_is_not() {
        let mut application = Application::new("Equinor", "", at("2024-05-01T09:00:00Z"));
        assert!(!application.is_overdue(day("2024-06-01")), "no next step");
        application.next_step_date = Some(day("2024-05-20"));
        assert!(
            !application.is_overdue(day("2024-05-20")),
            "due today is not overdue"
        );
        assert!(application.is_overdue(day("2024-05-21")));
        application
            .move_to(
                ApplicationStatus::Rejected,
                at("2024-05-21T09:00:00Z"),
                None,
            )
            .expect("open to rejected");
        assert!(!application.is_overdue(day("2024-05-21")), "closed");
    }

    #[test]
    fn only_hired_rejected_and_withdrawn_are_closed() {
        let closed: Vec<_> = ApplicationStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(
            closed,
            [
                ApplicationStatus::Hired,
                ApplicationStatus::Rejected,
                ApplicationStatus::Withdrawn
            ]
        );
    }

    #[test]
    fn text_search_ignores_case_across_the_searchable_fields() {
        let mut application =
            Application::new("Equinor", "Data Engineer", at("2024-05-01T09:00:00Z"));
        application.contact = Some("Ola Nordmann".into());
        application.notes = Some("Asked about Kafka".into());
        application.next_step = Some("Send portefølje".into());
        application.link = "https://jobs.example.no/kubernetes".into();
        for query in ["equinor", "ENGINEER", "ola", "kafka", "PORTEFØLJE", ""] {
            assert!(application.matches_text(query), "{query:?} matches");
        }
        assert!(
            !application.matches_text("kubernetes"),
            "the link is not searched"
        );
    }

    #[test]
    fn statuses_read_and_write_lower_case() {
        for status in ApplicationStatus::ALL {
            assert_eq!(status.to_string().parse(), Ok(status));
            assert_eq!(
                serde_json::to_string(&status).expect("serializes"),
                format!("\"{status}\"")
            );
        }
        assert!(matches!(
            "Hired".parse::<ApplicationStatus>(),
            Err(Problem::NotOneOf { .. })
        ));
    }

    #[test]
    fn application_round_trips_through_json() {
        let mut application =
            Application::new("Equinor", "Data engineer", at("2024-05-01T09:00:00Z"));
        application.link = "https://jobs.example.no/1".into();
        application.contact = Some("Ola".into());
        application.notes = Some("Hybrid".into());
        application.next_step = Some("Interview".into());
        application.next_step_date = Some(day("2024-05-20"));
        application.documents = vec!["doc-1".into()];
        application.share = Some("ledger-7".into());
        application
            .move_to(
                ApplicationStatus::Applied,
                at("2024-05-02T09:00:00Z"),
                Some("Via site".into()),
            )
            .expect("draft to applied");
        let json = serde_json::to_string(&application).expect("serializes");
        assert!(json.contains(r#""history":[{"to":"draft","at":"2024-05-01T09:00:00Z"},{"from":"draft","to":"applied""#), "{json}");
        assert!(json.contains(r#""nextStepDate":"2024-05-20""#), "{json}");
        assert_eq!(
            serde_json::from_str::<Application>(&json).expect("reads"),
            application
        );
    }
}
