//! Bringing data in (EMREX, LinkedIn, JSON Resume) and taking all of it out (GDPR Art. 20).
//!
//! An import is two steps, as the person sees it: choose a file and see what it would add
//! (and, for a transcript, whose it is), then confirm. The file is read again on confirm,
//! so what is stored is what the file holds then.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use candor_vault::{
    write_new_file, Existing, ExportSummary, FileFormat, ImportReport, ParsedImport, VaultError,
};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// Who a transcript says it belongs to, shown once so the person can confirm it is theirs.
/// Not stored unless they ask.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LearnerView {
    pub name: Option<String>,
    pub birth_date: Option<String>,
    pub national_id: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub path: String,
    pub report: ImportReport,
    pub learner: Option<LearnerView>,
    /// The file carries an XML signature. Candor has not verified it.
    pub signature_present: bool,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportDone {
    pub path: String,
    pub summary: ExportSummary,
}

fn parse(format: FileFormat, path: &Path) -> IpcResult<ParsedImport> {
    let file = File::open(path).map_err(|e| {
        IpcError::new(
            ErrorCode::FileRead,
            format!("cannot read {}: {e}", path.display()),
        )
        .with("path", path.display())
        .with("reason", e.kind())
    })?;
    Ok(ParsedImport::read(format, file)?)
}

/// Asks for a file and shows what importing it would add. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    format: FileFormat,
) -> IpcResult<Option<ImportPreview>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state.dialogs.pick_file(&app, "Import a file") else {
        return Ok(None);
    };
    let parsed = parse(format, &path)?;
    let report = state.with_session(|s| s.seeker()?.preview_parsed(&parsed, false))?;
    let learner = parsed.learner().map(|l| LearnerView {
        name: l.name(),
        birth_date: l.birth_date.map(|d| d.to_string()),
        national_id: l.national_id.as_ref().map(|id| id.value().to_owned()),
        country: l
            .national_id
            .as_ref()
            .and_then(|id| id.country().map(str::to_owned)),
    });
    Ok(Some(ImportPreview {
        path: path.display().to_string(),
        report,
        learner,
        signature_present: parsed.signed(),
    }))
}

/// Imports the previewed file; `keep_identity` stores the transcript's name, birth date and
/// national id on the profile (empty fields only).
#[tauri::command(async)]
#[specta::specta]
pub fn confirm_import(
    state: State<'_, AppState>,
    format: FileFormat,
    path: String,
    keep_identity: bool,
) -> IpcResult<ImportReport> {
    let parsed = parse(format, &PathBuf::from(path))?;
    state.with_session(|s| s.seeker()?.import_parsed(&parsed, keep_identity))
}

/// Asks where to save, and writes everything in the vault there as a zip of open formats.
#[tauri::command(async)]
#[specta::specta]
pub fn export_all(
    app: AppHandle,
    state: State<'_, AppState>,
    include_national_id: bool,
) -> IpcResult<Option<ExportDone>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(dest) = state
        .dialogs
        .save_file(&app, "Export everything", "candor-export.zip")
    else {
        return Ok(None);
    };
    let summary = state.with_session(|s| {
        write_new_file(&dest, Existing::Replace, |out| {
            s.seeker()?.export_all(out, include_national_id)
        })
    })?;
    Ok(Some(ExportDone {
        path: dest.display().to_string(),
        summary,
    }))
}

/// Asks where to save, and writes the profile as a JSON Resume document.
#[tauri::command(async)]
#[specta::specta]
pub fn export_json_resume(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Option<String>> {
    let document = state.with_session(|s| s.seeker()?.export_json_resume())?;
    let Some(dest) = state
        .dialogs
        .save_file(&app, "Export as JSON Resume", "resume.json")
    else {
        return Ok(None);
    };
    let text = serde_json::to_vec_pretty(&document).expect("a JSON value always serializes");
    write_new_file(&dest, Existing::Replace, |out| {
        out.write_all(&text).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", dest.display()),
            source: e,
        })
    })?;
    Ok(Some(dest.display().to_string()))
}
