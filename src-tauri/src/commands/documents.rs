//! Documents: add from disk (native dialog), list, open privately, save a copy, remove.

use std::fs::File;

use candor_model::{Document, DocumentKind};
use candor_vault::{write_new_file, Entry, Existing, NewDocument};
use tauri::{AppHandle, State};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn list_documents(state: State<'_, AppState>) -> IpcResult<Vec<Entry<Document>>> {
    state.with_session(|s| s.seeker()?.list::<Document>())
}

/// Asks for a file and encrypts it into the vault. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn add_document(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: DocumentKind,
) -> IpcResult<Option<Entry<Document>>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state.dialogs.pick_file(&app, "Add a document") else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| {
        IpcError::new(
            ErrorCode::FileRead,
            format!("cannot read {}: {e}", path.display()),
        )
        .with("path", path.display())
        .with("reason", e.kind())
    })?;
    let new = NewDocument::from_path(kind, &path, None);
    state
        .with_session(|s| s.seeker()?.add_document(new, file))
        .map(Some)
}

/// Decrypts a document into the private folder (wiped on lock and exit) and opens it.
#[tauri::command(async)]
#[specta::specta]
pub fn open_document(app: AppHandle, state: State<'_, AppState>, id: String) -> IpcResult<()> {
    let path = state.with_session(|s| s.open_privately(&id))?;
    state.dialogs.open_path(&app, &path).map_err(|e| {
        IpcError::new(
            ErrorCode::CannotOpen,
            format!("cannot open {}: {e}", path.display()),
        )
        .with("path", path.display())
    })
}

/// Asks where to save a decrypted copy, and writes it there. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_document_copy(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> IpcResult<Option<String>> {
    let name =
        state.with_session(|s| s.seeker()?.get::<Document>(&id).map(|e| e.value.file_name))?;
    let Some(dest) = state
        .dialogs
        .save_file(&app, "Save a decrypted copy", &name)
    else {
        return Ok(None);
    };
    // The native dialog already asked before replacing a file; never leave a partial copy.
    state.with_session(|s| {
        write_new_file(&dest, Existing::Replace, |out| {
            s.seeker()?.read_document(&id, out)
        })
    })?;
    Ok(Some(dest.display().to_string()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn remove_document(state: State<'_, AppState>, id: String) -> IpcResult<()> {
    state.with_session(|s| s.seeker()?.remove_document(&id))
}
