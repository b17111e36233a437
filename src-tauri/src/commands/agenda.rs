//! The Today screen: what is due, and "Add to calendar…".

use std::io::Write;

use candor_model::{Lang, PeopleTime, Timestamp};
use candor_vault::formats::calendar_ics;
use candor_vault::{write_new_file, DueItem, Existing, VaultError};
use tauri::{AppHandle, State};

use crate::commands::cv::CvLang;
use crate::error::IpcResult;
use crate::state::AppState;

/// Every dated item, overdue first, then by day.
#[tauri::command(async)]
#[specta::specta]
pub fn agenda(state: State<'_, AppState>) -> IpcResult<Vec<DueItem>> {
    state.with_session(|s| s.seeker()?.agenda(Timestamp::now(), PeopleTime::system()))
}

/// Asks where to save, then writes every dated item as an iCalendar file readable by
/// this user only. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_agenda_ics(
    app: AppHandle,
    state: State<'_, AppState>,
    lang: CvLang,
) -> IpcResult<Option<String>> {
    let lang = Lang::from(lang);
    let now = Timestamp::now();
    let items = state.with_session(|s| s.seeker()?.agenda(now, PeopleTime::system()))?;
    let (title, suggested, name) = match lang {
        Lang::En => ("Add to calendar", "candor-agenda.ics", "Job hunt (Candor)"),
        Lang::Nb => (
            "Legg i kalenderen",
            "candor-agenda.ics",
            "Jobbsøking (Candor)",
        ),
    };
    let Some(out) = state.dialogs.save_file(&app, title, suggested) else {
        return Ok(None);
    };
    let events: Vec<_> = items.iter().map(|item| item.event(lang)).collect();
    let ics = calendar_ics(&events, name, now);
    // The native dialog already asked before replacing a file.
    write_new_file(&out, Existing::Replace, |file| {
        file.write_all(ics.as_bytes()).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })?;
    Ok(Some(out.display().to_string()))
}
