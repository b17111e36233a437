//! Applications: a page of the table or the pipeline, one whole application, add, edit,
//! move through the pipeline, delete.

use std::collections::HashMap;

use candor_model::{Application, ApplicationStatus, Day, Timestamp};
use candor_vault::{ApplicationOrder, ApplicationPage, ApplicationQuery, Entry, Pipeline};
use serde::Deserialize;
use tauri::{AppHandle, State};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// What the "new application" form sends.
#[derive(Debug, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewApplication {
    pub company: String,
    pub position: String,
    #[serde(default)]
    pub link: String,
    pub contact: Option<String>,
    pub notes: Option<String>,
    pub next_step: Option<String>,
    pub next_step_date: Option<Day>,
}

/// `limit` rows of the table from `offset`, among the applications matching `query`.
#[tauri::command(async)]
#[specta::specta]
pub fn list_applications(
    state: State<'_, AppState>,
    query: ApplicationQuery,
    order: ApplicationOrder,
    offset: u32,
    limit: u32,
) -> IpcResult<ApplicationPage> {
    let language = state.prefs().language;
    state.with_session(|s| {
        s.seeker()?
            .application_page(&query, order, offset, limit, &language)
    })
}

/// The pipeline's columns, each holding at most its status's number in `limits`.
#[tauri::command(async)]
#[specta::specta]
pub fn application_pipeline(
    state: State<'_, AppState>,
    query: ApplicationQuery,
    order: ApplicationOrder,
    limits: HashMap<ApplicationStatus, u32>,
) -> IpcResult<Pipeline> {
    let language = state.prefs().language;
    state.with_session(|s| {
        s.seeker()?
            .application_pipeline(&query, order, &limits, &language)
    })
}

/// One whole application, with its notes and history, for its details and its form.
#[tauri::command(async)]
#[specta::specta]
pub fn get_application(state: State<'_, AppState>, id: String) -> IpcResult<Entry<Application>> {
    state.with_session(|s| s.seeker()?.get::<Application>(&id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_application(
    state: State<'_, AppState>,
    application: NewApplication,
) -> IpcResult<Entry<Application>> {
    let NewApplication {
        company,
        position,
        link,
        contact,
        notes,
        next_step,
        next_step_date,
    } = application;
    let mut application = Application::new(company, position, Timestamp::now());
    application.link = link;
    application.contact = contact;
    application.notes = notes;
    application.next_step = next_step;
    application.next_step_date = next_step_date;
    state.with_session(|s| {
        let id = s.seeker()?.insert(&application)?;
        s.seeker()?.get::<Application>(&id)
    })
}

/// Saves edits to an application (status changes go through `move_application`).
#[tauri::command(async)]
#[specta::specta]
pub fn update_application(
    state: State<'_, AppState>,
    id: String,
    application: Application,
) -> IpcResult<Entry<Application>> {
    state.with_session(|s| {
        s.seeker()?.update(&id, &application)?;
        s.seeker()?.get::<Application>(&id)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn move_application(
    state: State<'_, AppState>,
    id: String,
    status: ApplicationStatus,
    note: Option<String>,
) -> IpcResult<Entry<Application>> {
    state.with_session(|s| s.seeker()?.move_application(&id, status, note))
}

/// Takes back a move just made, from the undo the screen offers after it.
#[tauri::command(async)]
#[specta::specta]
pub fn undo_move_application(
    state: State<'_, AppState>,
    id: String,
    from: ApplicationStatus,
    to: ApplicationStatus,
) -> IpcResult<Entry<Application>> {
    state.with_session(|s| s.seeker()?.undo_move(&id, from, to))
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_application(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.with_session(|s| s.seeker()?.delete::<Application>(&id))
}

/// Opens an application's job link in the browser. Only the link stored with the
/// application is opened, and only as a web address: the page cannot make the app open
/// anything else.
#[tauri::command(async)]
#[specta::specta]
pub fn open_job_link(app: AppHandle, state: State<'_, AppState>, id: String) -> IpcResult<()> {
    let entry = state.with_session(|s| s.seeker()?.get::<Application>(&id))?;
    let Some(url) = entry.value.web_link() else {
        return Err(IpcError::new(
            ErrorCode::NotAWebLink,
            "the job link is not a web address; correct it so it starts with https://",
        )
        .with("link", entry.value.link.trim()));
    };
    state
        .dialogs
        .open_url(&app, &url)
        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("cannot open the browser: {e}")))
}
