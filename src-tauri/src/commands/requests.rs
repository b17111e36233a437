//! After sharing: the seeker's notices (deletion, access, revocation, consent withdrawal)
//! and the answers that come back; the employer's side, answering a notice with a signed
//! receipt, an export or an extension. And the invitations an employer sends an anonymous
//! candidate, which the seeker may answer with a reveal.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use candor_model::{Timestamp, ViewChoice, ViewKind};
use candor_vault::bundle::{Letters, RequestKind};
use candor_vault::{
    write_new_file, Existing, InvitationRow, LedgerEntry, NoticeAnswered, RequestRow, ShareOutcome,
    ShareProtection, ShareRequest, VaultError,
};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::sharing::file_name_part;
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// A notice written to a file and recorded in the ledger.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RequestSent {
    pub path: String,
    pub entry: LedgerEntry,
    /// The letter to send with the file.
    pub letters: Letters,
    /// The same, as an e-mail to the privacy contact (when the card gives an address).
    pub mailto: Option<String>,
}

/// A notice answered, and where the signed answer was saved.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NoticeReplied {
    pub notice: NoticeAnswered,
    pub path: String,
}

fn read_error(path: &Path, e: std::io::Error) -> IpcError {
    IpcError::new(
        ErrorCode::FileRead,
        format!("cannot read {}: {e}", path.display()),
    )
    .with("path", path.display())
    .with("reason", e.kind())
}

/// Asks where to save the notice, writes it and records it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn send_request(
    app: AppHandle,
    state: State<'_, AppState>,
    recipient: String,
    view: ViewKind,
    kind: RequestKind,
) -> IpcResult<Option<RequestSent>> {
    let organisation = state
        .with_session(|s| s.seeker()?.recipient(&recipient))?
        .organisation;
    let suggested = candor_vault::bundle::bundle_file_name(&format!(
        "{}-{}",
        kind.kind(),
        file_name_part(&organisation)
    ));
    let Some(out) = state.dialogs.save_file(&app, "Save the notice", &suggested) else {
        return Ok(None);
    };
    // The native dialog already asked before replacing a file.
    let sent = state.with_session(|s| {
        s.seeker()?.request(
            kind,
            &recipient,
            view,
            &out,
            Existing::Replace,
            Timestamp::now(),
        )
    })?;
    state.remember_saved(&sent.path);
    Ok(Some(RequestSent {
        path: sent.path.display().to_string(),
        entry: sent.entry,
        letters: sent.letters,
        mailto: sent.mailto,
    }))
}

/// Every request with its state, overdue ones first.
#[tauri::command(async)]
#[specta::specta]
pub fn list_requests(state: State<'_, AppState>) -> IpcResult<Vec<RequestRow>> {
    state.with_session(|s| s.seeker()?.requests(Timestamp::now()))
}

/// Asks for an organisation's answer file and imports it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_answer_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<RequestRow>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state.dialogs.pick_file(&app, "Import an answer") else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| read_error(&path, e))?;
    state
        .with_session(|s| s.seeker()?.import_answer(file, Timestamp::now()))
        .map(Some)
}

/// The complaint to Datatilsynet about an overdue request.
#[tauri::command(async)]
#[specta::specta]
pub fn request_complaint(state: State<'_, AppState>, request: String) -> IpcResult<Letters> {
    state.with_session(|s| s.seeker()?.complaint(&request, Timestamp::now()))
}

/// Asks for a notice file and where to save the answer, then answers it (or, with
/// `extend_months`, answers that it will take that much longer, and why) and writes the
/// signed answer there. `None` when either dialog is cancelled: then nothing happened.
#[tauri::command(async)]
#[specta::specta]
pub fn answer_notice_file(
    app: AppHandle,
    state: State<'_, AppState>,
    extend_months: Option<u8>,
    reason: Option<String>,
) -> IpcResult<Option<NoticeReplied>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(notice) = state.dialogs.pick_file(&app, "Answer a notice") else {
        return Ok(None);
    };
    let file = File::open(&notice).map_err(|e| read_error(&notice, e))?;
    let suggested = candor_vault::bundle::answer_path(&notice)
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let Some(out) = state.dialogs.save_file(&app, "Save the answer", &suggested) else {
        return Ok(None);
    };
    let extend = extend_months.map(|months| (months, reason.unwrap_or_default()));
    let answered =
        state.with_session(|s| s.employer()?.answer_notice(file, Timestamp::now(), extend))?;
    // Answering the same notice again gives the same answer, should this write fail.
    write_answer(&out, &answered.answer_bundle)?;
    // A large access export comes in parts, saved beside the first.
    for number in 2..=answered.parts {
        let part = candor_vault::answer_part_path(&out, number);
        let mut bytes = Vec::new();
        state.with_session(|s| {
            s.employer()?
                .answer_part(&answered.request, number, &mut bytes)
        })?;
        write_answer(&part, &bytes)?;
    }
    Ok(Some(NoticeReplied {
        notice: answered,
        path: out.display().to_string(),
    }))
}

/// Writes `bytes` to `out` whole or not at all, replacing what was there.
fn write_answer(out: &Path, bytes: &[u8]) -> IpcResult<()> {
    write_new_file(out, Existing::Replace, |file| {
        file.write_all(bytes).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })?;
    Ok(())
}

/// Every notice answered, newest first.
#[tauri::command(async)]
#[specta::specta]
pub fn list_notices(state: State<'_, AppState>) -> IpcResult<Vec<NoticeAnswered>> {
    state.with_session(|s| s.employer()?.notices())
}

/// How long an employer may keep a reveal.
const REVEAL_DAYS: i64 = 90;

/// Why a reveal is sent, as the ledger records it.
const REVEAL_PURPOSE: &str = "Answer to an invitation";

/// Asks for an invitation file and imports it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_invitation_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<InvitationRow>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state.dialogs.pick_file(&app, "Import an invitation") else {
        return Ok(None);
    };
    let file = File::open(&path).map_err(|e| read_error(&path, e))?;
    state
        .with_session(|s| s.seeker()?.import_invitation(file, Timestamp::now()))
        .map(Some)
}

/// Every invitation received.
#[tauri::command(async)]
#[specta::specta]
pub fn list_invitations(state: State<'_, AppState>) -> IpcResult<Vec<InvitationRow>> {
    state.with_session(|s| s.seeker()?.invitations())
}

/// Asks where to save a reveal for `recipient` (a full view, signed by the seeker and
/// countersigned by the pseudonym it was shared under) and writes it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_reveal(
    app: AppHandle,
    state: State<'_, AppState>,
    recipient: String,
) -> IpcResult<Option<ShareOutcome>> {
    let organisation = state
        .with_session(|s| s.seeker()?.recipient(&recipient))?
        .organisation;
    let suggested = candor_vault::bundle::bundle_file_name(&format!(
        "reveal-{}",
        file_name_part(&organisation)
    ));
    let Some(out) = state.dialogs.save_file(&app, "Save the reveal", &suggested) else {
        return Ok(None);
    };
    let expires_at = Timestamp::try_from(
        Timestamp::now().as_offset_date_time() + time::Duration::days(REVEAL_DAYS),
    )
    .map_err(|_| IpcError::new(ErrorCode::Internal, "the expiry is out of range"))?;
    let request = ShareRequest {
        recipient,
        choice: ViewChoice::new(ViewKind::Full),
        expires_at: Some(expires_at),
        purpose: REVEAL_PURPOSE.to_owned(),
        protection: ShareProtection::ToRecipient,
        accept_warnings: false,
        made: candor_vault::MadeForShare::nothing(),
    };
    // The native dialog already asked before replacing a file.
    state
        .with_session(|s| s.seeker()?.reveal(&request, &out, Existing::Replace))
        .map(Some)
}

/// Posts a saved notice to the organisation's intake address and takes the signed answer
/// in (saved beside the notice, named after it); the request as it now stands.
#[tauri::command(async)]
#[specta::specta]
pub fn send_notice(
    state: State<'_, AppState>,
    recipient: String,
    path: String,
) -> IpcResult<RequestRow> {
    let notice = PathBuf::from(path);
    if !state.saved(&notice) {
        return Err(
            IpcError::new(ErrorCode::FileRead, "only a notice this app saved is sent")
                .with("path", notice.display()),
        );
    }
    super::off_the_runtime(|| {
        state.with_session(|s| {
            s.seeker()?
                .send_notice(&recipient, &notice, Timestamp::now(), |url, body| {
                    candor_net::post_notice(url, body)
                })
        })
    })
    .map(|sent| sent.row)
}

/// Opens a prepared e-mail (a `mailto:` link the vault made) in the person's mail program.
/// Nothing but `mailto:` is opened: the page cannot make the app open other addresses.
#[tauri::command(async)]
#[specta::specta]
pub fn open_email(app: AppHandle, state: State<'_, AppState>, mailto: String) -> IpcResult<()> {
    if !mailto.starts_with("mailto:") {
        return Err(IpcError::new(
            ErrorCode::Internal,
            "only a mailto: link can be opened as an e-mail",
        ));
    }
    state.dialogs.open_url(&app, &mailto).map_err(|e| {
        IpcError::new(
            ErrorCode::Internal,
            format!("cannot open the mail program: {e}"),
        )
    })
}

/// Asks where to save a letter (a share's or a request's covering letter, or a complaint)
/// and writes it as a text file. `None` when cancelled. Only text is written, and the name
/// the dialog suggests is made safe for a file name.
#[tauri::command(async)]
#[specta::specta]
pub fn save_letter(
    app: AppHandle,
    state: State<'_, AppState>,
    text: String,
    name: String,
) -> IpcResult<Option<String>> {
    let suggested = format!("{}.txt", file_name_part(&name));
    let Some(out) = state.dialogs.save_file(&app, "Save the letter", &suggested) else {
        return Ok(None);
    };
    // The native dialog already asked before replacing a file.
    write_answer(&out, text.as_bytes())?;
    Ok(Some(out.display().to_string()))
}
