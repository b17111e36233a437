//! The Today screen: what is due, and "Add to calendar…".

use candor_model::{Lang, PeopleTime, Timestamp};
use candor_vault::{agenda_calendar, DueItem};
use tauri::{AppHandle, State};

use crate::commands::cv::{write_private, CvLang};
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
    let title = match lang {
        Lang::En => "Add to calendar",
        Lang::Nb => "Legg i kalenderen",
    };
    let Some(out) = state.dialogs.save_file(&app, title, "candor-agenda.ics") else {
        return Ok(None);
    };
    write_private(&out, agenda_calendar(&items, lang, now).as_bytes())?;
    Ok(Some(out.display().to_string()))
}
