//! The employer's candidate page: saving what a candidate attached, inviting an anonymous
//! candidate to reveal themselves, and deleting a candidate before their bundles expire.

use candor_model::Timestamp;
use candor_vault::{write_new_file, Existing};
use tauri::{AppHandle, State};

use crate::commands::sharing::file_name_part;
use crate::error::IpcResult;
use crate::state::AppState;

/// Asks where to save one entry of a held bundle (an attachment), and writes it there
/// decrypted. `None` when cancelled. A failure leaves no file behind.
#[tauri::command(async)]
#[specta::specta]
pub fn save_received_entry(
    app: AppHandle,
    state: State<'_, AppState>,
    bundle_id: String,
    path: String,
) -> IpcResult<Option<String>> {
    let Some(out) = state
        .dialogs
        .save_file(&app, "Save the attachment", &entry_file_name(&path))
    else {
        return Ok(None);
    };
    // The native dialog already asked before replacing a file.
    state.with_session(|s| {
        let vault = s.employer()?;
        write_new_file(&out, Existing::Replace, |file| {
            vault.read_received(&bundle_id, &path, file)
        })
    })?;
    Ok(Some(out.display().to_string()))
}

/// Asks where to save an invitation to an anonymous candidate, and writes it: signed by
/// the organisation, readable only by the candidate's pseudonym. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn invite_candidate(
    app: AppHandle,
    state: State<'_, AppState>,
    candidate: String,
    message: String,
) -> IpcResult<Option<String>> {
    let name = state
        .with_session(|s| s.employer()?.candidate(&candidate))?
        .name;
    let suggested =
        candor_vault::bundle::bundle_file_name(&format!("invitation-{}", file_name_part(&name)));
    let Some(out) = state
        .dialogs
        .save_file(&app, "Save the invitation", &suggested)
    else {
        return Ok(None);
    };
    let written = state.with_session(|s| {
        s.employer()?
            .invite(&candidate, &message, &out, Existing::Replace)
    })?;
    Ok(Some(written.display().to_string()))
}

/// Deletes every bundle of a candidate now, leaving tombstones; the ids deleted.
#[tauri::command(async)]
#[specta::specta]
pub fn delete_candidate(state: State<'_, AppState>, candidate: String) -> IpcResult<Vec<String>> {
    state.with_session(|s| s.employer()?.delete_candidate(&candidate, Timestamp::now()))
}

/// `attachments/01-cv.pdf` → `01-cv.pdf`: the name the save dialog suggests. The bundle's
/// paths come from the candidate, so separators and control characters are dropped.
fn entry_file_name(path: &str) -> String {
    let last = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim().trim_start_matches('.');
    if name.is_empty() {
        "attachment".into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::entry_file_name;

    #[test]
    fn an_entry_is_suggested_by_its_file_name_never_its_path() {
        assert_eq!(entry_file_name("attachments/01-cv.pdf"), "01-cv.pdf");
        assert_eq!(entry_file_name("profile.html"), "profile.html");
        assert_eq!(entry_file_name("attachments/..\\..\\evil"), "evil");
        assert_eq!(entry_file_name("attachments/.."), "attachment");
        assert_eq!(entry_file_name("attachments/"), "attachment");
    }
}
