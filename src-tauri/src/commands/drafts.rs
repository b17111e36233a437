//! Drafts: what a form is about to send, checked by the core first, so every problem shows
//! at its field, including values a command would refuse while reading its arguments.

use candor_model::{DraftKind, ValidationErrors};
use serde::Deserialize;

use crate::error::{ErrorCode, FieldProblem, IpcError, IpcResult};

/// A draft as the form holds it, not yet read: reading it is `check_draft`'s work, so a
/// value Rust refuses comes back as a problem at its field rather than as a refused call.
#[derive(Debug, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct Unread(#[specta(type = specta_typescript::Unknown)] serde_json::Value);

/// Every problem saving `draft` would meet, each at its field; empty when it can be saved.
/// Needs no open vault.
#[tauri::command(async)]
#[specta::specta]
pub fn check_draft(kind: DraftKind, draft: Unread) -> IpcResult<Vec<FieldProblem>> {
    let problems = candor_model::check_draft(kind, &draft.0)
        .map_err(|unreadable| IpcError::new(ErrorCode::Internal, unreadable.to_string()))?;
    // The same mapping as a refused save's problems: same code, params and message.
    Ok(IpcError::from(ValidationErrors(problems)).problems)
}
