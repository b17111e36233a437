//! Sharing: recipients from key cards, the share wizard's preview and save, the ledger;
//! and the employer's side: its vault and card, importing bundles, candidates.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use candor_model::{Timestamp, ViewChoice};
use candor_render::Template;
use candor_vault::bundle::CardDetails;
use candor_vault::{
    write_new_file, Candidate, EmployerVault, Existing, Holdings, KdfParams, LedgerEntry,
    MadeForShare, OpenVault, ReceivedSummary, RecipientInfo, SecretString, Session, ShareOutcome,
    SharePreview, ShareProtection, ShareRequest, ShareRow, VaultError,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::commands::cv::CvLang;
use crate::commands::vault::{new_passphrase, shown, ShownRecoveryCode};
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// The organisation, as the employer enters it to make its key card.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EmployerDetails {
    pub organisation: String,
    pub organisation_number: String,
    pub contact: String,
    pub privacy_contact: String,
    pub privacy_policy_url: String,
    pub intake_url: Option<String>,
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_recipients(state: State<'_, AppState>) -> IpcResult<Vec<RecipientInfo>> {
    state.with_session(|s| s.seeker()?.recipients())
}

/// Asks for a key card file and adds its organisation. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn add_recipient_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<RecipientInfo>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state
        .dialogs
        .pick_file(&app, "Add an organisation's key card")
    else {
        return Ok(None);
    };
    let bytes = File::open(&path)
        .and_then(candor_vault::bundle::read_card_bytes)
        .map_err(|e| {
            IpcError::new(
                ErrorCode::FileRead,
                format!("cannot read {}: {e}", path.display()),
            )
            .with("path", path.display())
            .with("reason", e.kind())
        })?;
    let source = path.display().to_string();
    state
        .with_session(|s| s.seeker()?.add_recipient(&bytes, &source))
        .map(Some)
}

/// Fetches a key card from an https:// URL (or http:// on this machine) and adds it.
#[tauri::command(async)]
#[specta::specta]
pub fn add_recipient_url(state: State<'_, AppState>, url: String) -> IpcResult<RecipientInfo> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let bytes = super::off_the_runtime(|| candor_net::fetch_card(&url))
        .map_err(|e| IpcError::new(ErrorCode::FetchFailed, e.to_string()).with("url", &url))?;
    state.with_session(|s| s.seeker()?.add_recipient(&bytes, &url))
}

/// What Candor makes for a share from its view, besides the documents it attaches.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MadeChoice {
    /// A CV of the view as PDF.
    pub cv: bool,
    /// The id of the application whose cover letter goes along as PDF.
    pub letter: Option<String>,
    pub template: CvTemplate,
    pub lang: CvLang,
}

/// A CV template, by its name.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum CvTemplate {
    Classic,
    Compact,
}

impl From<CvTemplate> for Template {
    fn from(template: CvTemplate) -> Template {
        match template {
            CvTemplate::Classic => Template::Classic,
            CvTemplate::Compact => Template::Compact,
        }
    }
}

impl From<MadeChoice> for MadeForShare {
    fn from(choice: MadeChoice) -> MadeForShare {
        MadeForShare {
            cv: choice.cv,
            letter: choice.letter,
            template: choice.template.into(),
            lang: choice.lang.into(),
        }
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_share(
    state: State<'_, AppState>,
    recipient: String,
    choice: ViewChoice,
    made: MadeChoice,
) -> IpcResult<SharePreview> {
    let made = MadeForShare::from(made);
    state.with_session(|s| s.seeker()?.preview_share_with(&recipient, &choice, &made))
}

/// Asks where to save the bundle, writes it and records the share. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
#[allow(clippy::too_many_arguments)]
pub fn save_share(
    app: AppHandle,
    state: State<'_, AppState>,
    recipient: String,
    choice: ViewChoice,
    expires_days: u32,
    purpose: String,
    plain: bool,
    accept_warnings: bool,
    made: MadeChoice,
) -> IpcResult<Option<ShareOutcome>> {
    let organisation = state
        .with_session(|s| s.seeker()?.recipient(&recipient))?
        .organisation;
    let suggested = candor_vault::bundle::bundle_file_name(&file_name_part(&organisation));
    let Some(out) = state.dialogs.save_file(&app, "Save the bundle", &suggested) else {
        return Ok(None);
    };
    let expires_at = (expires_days > 0)
        .then(|| {
            Timestamp::try_from(
                Timestamp::now().as_offset_date_time()
                    + time::Duration::days(i64::from(expires_days)),
            )
        })
        .transpose()
        .map_err(|_| IpcError::new(ErrorCode::Internal, "the expiry is out of range"))?;
    let request = ShareRequest {
        recipient,
        choice,
        expires_at,
        purpose,
        protection: if plain {
            ShareProtection::Plain
        } else {
            ShareProtection::ToRecipient
        },
        accept_warnings,
        made: made.into(),
    };
    // The native dialog already asked before replacing a file.
    let outcome = state.with_session(|s| s.seeker()?.share(&request, &out, Existing::Replace))?;
    state.remember_saved(&outcome.path);
    Ok(Some(outcome))
}

/// "Acme AS" → "Acme_AS": a file name the dialog can suggest.
pub(crate) fn file_name_part(text: &str) -> String {
    let part: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    if part.is_empty() {
        "bundle".into()
    } else {
        part
    }
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_ledger(state: State<'_, AppState>) -> IpcResult<Vec<LedgerEntry>> {
    state.with_session(|s| s.seeker()?.ledger())
}

/// Every share, oldest first, with where it stands after the requests about it.
#[tauri::command(async)]
#[specta::specta]
pub fn list_shares(state: State<'_, AppState>) -> IpcResult<Vec<ShareRow>> {
    state.with_session(|s| s.seeker()?.shares(Timestamp::now()))
}

/// What sending a saved share did.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    pub organisation: String,
    /// True when the organisation already held the bundle.
    pub already_held: bool,
}

/// Posts a saved share to its organisation's intake address (on its key card). The file
/// must be the bundle the ledger recorded; a share no longer active is not sent.
#[tauri::command(async)]
#[specta::specta]
pub fn send_share(state: State<'_, AppState>, bundle_id: String, path: String) -> IpcResult<Sent> {
    let delivery = state.with_session(|s| {
        s.seeker()?
            .delivery(&bundle_id, Path::new(&path), Timestamp::now())
    })?;
    let failed = |message: String| {
        IpcError::new(ErrorCode::SendFailed, message).with("organisation", &delivery.organisation)
    };
    let filed =
        super::off_the_runtime(|| candor_net::deliver_bundle(&delivery.url, &delivery.bytes))
            .map_err(|e| failed(e.to_string()))?;
    if filed.bundle_id != delivery.bundle_id {
        let astray = candor_net::NetError::NotAnIntake {
            url: delivery.url.clone(),
        };
        return Err(failed(astray.to_string()));
    }
    Ok(Sent {
        organisation: delivery.organisation,
        already_held: filed.already_held,
    })
}

/// Shows a share this app saved in its folder; no other file.
#[tauri::command(async)]
#[specta::specta]
pub fn show_in_folder(app: AppHandle, state: State<'_, AppState>, path: String) -> IpcResult<()> {
    let path = PathBuf::from(path);
    if !state.saved(&path) || !path.is_file() {
        return Err(IpcError::new(ErrorCode::FileRead, "there is no such file")
            .with("path", path.display()));
    }
    state
        .dialogs
        .reveal(&app, &path)
        .map_err(|e| IpcError::new(ErrorCode::FileRead, e).with("path", path.display()))
}

/// What one organisation holds, by the ledger.
#[tauri::command(async)]
#[specta::specta]
pub fn recipient_holdings(state: State<'_, AppState>, recipient: String) -> IpcResult<Holdings> {
    state.with_session(|s| {
        let vault = s.seeker()?;
        let id = vault.recipient(&recipient)?.id;
        vault.holdings(&id, Timestamp::now())
    })
}

/// Creates an employer vault with its key card, and opens it.
#[tauri::command(async)]
#[specta::specta]
pub fn create_employer_vault(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    accept_weak: bool,
    details: EmployerDetails,
) -> IpcResult<ShownRecoveryCode> {
    let passphrase = SecretString::from(passphrase);
    // Refuse a passphrase before the details, as the seeker's create does.
    new_passphrase(&passphrase, accept_weak).check()?;
    let details = CardDetails {
        organisation: details.organisation,
        organisation_number: details.organisation_number,
        contact: details.contact,
        privacy_contact: details.privacy_contact,
        privacy_policy_url: details.privacy_policy_url,
        intake_url: details.intake_url.filter(|url| !url.trim().is_empty()),
    };
    let (vault, code, _card) = EmployerVault::create_employer(
        &PathBuf::from(path),
        new_passphrase(&passphrase, accept_weak),
        KdfParams::default(),
        details,
    )?;
    let vault = OpenVault::from(vault);
    let shown = shown(&vault, &code);
    state.set_session(Session::new(vault));
    Ok(shown)
}

/// Asks where to save the organisation's key card, and writes it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_employer_card(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Option<String>> {
    let card = state.with_session(|s| s.employer()?.employer_card())?;
    let Some(out) = state
        .dialogs
        .save_file(&app, "Save the key card", "key-card.json")
    else {
        return Ok(None);
    };
    write_new_file(&out, Existing::Replace, |file| {
        file.write_all(card.as_bytes()).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })?;
    Ok(Some(out.display().to_string()))
}

/// Asks for a bundle file and imports it. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn import_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
) -> IpcResult<Option<ReceivedSummary>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(path) = state.dialogs.pick_file(&app, "Import a bundle") else {
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
    state
        .with_session(|s| s.employer()?.import_bundle(file, Timestamp::now()))
        .map(Some)
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_candidates(state: State<'_, AppState>) -> IpcResult<Vec<Candidate>> {
    state.with_session(|s| s.employer()?.candidates())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_file_names_keep_letters_and_replace_the_rest() {
        assert_eq!(file_name_part("Fjordkraft Data AS"), "Fjordkraft_Data_AS");
        assert_eq!(file_name_part("Bø & Sønn"), "Bø___Sønn");
        assert_eq!(file_name_part(""), "bundle");
    }
}
