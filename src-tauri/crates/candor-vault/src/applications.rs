//! Applications: search and status changes.
//!
//! Everything is sealed, so there is no SQL index to search: the applications are
//! decrypted in memory and filtered there. Ten thousand of them take milliseconds.

use crate::roles::SeekerVault;
use candor_model::{Application, ApplicationStatus, Day, Timestamp};

use crate::error::Result;
use crate::records::Entry;

/// What to look for; every field given must match.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default, rename_all = "camelCase")]
pub struct ApplicationQuery {
    /// Part of the company name, any case.
    pub company: Option<String>,
    pub status: Option<ApplicationStatus>,
    /// Created on or after this day.
    pub from: Option<Day>,
    /// Created on or before this day.
    pub to: Option<Day>,
    /// Free text over company, position, contact, notes and next step.
    pub text: Option<String>,
}

impl ApplicationQuery {
    pub fn matches(&self, application: &Application) -> bool {
        let created = application.created_at.day().ok();
        self.company.as_ref().is_none_or(|c| {
            application
                .company
                .to_lowercase()
                .contains(&c.to_lowercase())
        }) && self.status.is_none_or(|s| application.status == s)
            && self
                .from
                .is_none_or(|from| created.is_some_and(|c| c >= from))
            && self.to.is_none_or(|to| created.is_some_and(|c| c <= to))
            && self
                .text
                .as_ref()
                .is_none_or(|t| application.matches_text(t))
    }
}

impl SeekerVault {
    /// Applications matching `query`, newest first.
    pub fn search_applications(&self, query: &ApplicationQuery) -> Result<Vec<Entry<Application>>> {
        let mut found: Vec<_> = self
            .list::<Application>()?
            .into_iter()
            .filter(|e| query.matches(&e.value))
            .collect();
        found.sort_by_key(|e| std::cmp::Reverse(e.value.created_at));
        Ok(found)
    }

    /// Moves an application to `to`, recording the change in its history.
    pub fn move_application(
        &mut self,
        id: &str,
        to: ApplicationStatus,
        note: Option<String>,
    ) -> Result<Entry<Application>> {
        let mut entry = self.get::<Application>(id)?;
        entry
            .value
            .move_to(to, Timestamp::now(), note)
            .map_err(candor_model::ValidationErrors::from)?;
        entry.version = self.update(id, &entry.value)?;
        Ok(entry)
    }

    /// Takes back the application's last move, if it is still the one from `from` to `to`
    /// (see [`Application::undo_move`]); otherwise nothing changes.
    pub fn undo_move(
        &mut self,
        id: &str,
        from: ApplicationStatus,
        to: ApplicationStatus,
    ) -> Result<Entry<Application>> {
        let mut entry = self.get::<Application>(id)?;
        entry
            .value
            .undo_move(from, to)
            .map_err(candor_model::ValidationErrors::from)?;
        entry.version = self.update(id, &entry.value)?;
        Ok(entry)
    }
}
