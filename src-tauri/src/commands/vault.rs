//! Creating, unlocking, recovering and locking the vault; passphrase, backup, preferences.

use std::path::PathBuf;

use candor_model::{ApplicationStatus, DocumentKind};
use candor_vault::{
    passphrase_strength as strength, KdfParams, NewPassphrase, OpenVault, Prefs, RecoveryCode,
    Role, SeekerVault, Session, Strength, Weak,
};
use secrecy::SecretString;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VaultInfo {
    pub path: String,
    pub role: Role,
    /// For an employer vault, the organisation on its key card.
    pub organisation: Option<String>,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub default_vault: String,
    pub last_vault: Option<String>,
    pub prefs: Prefs,
    pub unlocked: Option<VaultInfo>,
    pub statuses: Vec<ApplicationStatus>,
    pub document_kinds: Vec<DocumentKind>,
    /// The vault the app was started to open (from the file manager): unlock it first.
    pub opened_vault: Option<String>,
    /// A bundle the app was started to open: the start screen says where to import it.
    pub opened_bundle: Option<String>,
}

/// A recovery code at the one moment it is shown. No other command returns one.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ShownRecoveryCode {
    pub recovery_code: String,
    pub vault: VaultInfo,
}

fn opened(path: Option<&std::path::Path>) -> Option<String> {
    path.map(|path| path.display().to_string())
}

pub(crate) fn info(vault: &OpenVault) -> VaultInfo {
    let organisation = match vault {
        OpenVault::Employer(vault) => vault
            .employer_card()
            .ok()
            .and_then(|card| candor_vault::bundle::KeyCard::read(card.as_bytes()).ok())
            .map(|card| card.details.organisation),
        OpenVault::Seeker(_) => None,
    };
    VaultInfo {
        path: vault.path().display().to_string(),
        role: vault.role(),
        organisation,
    }
}

pub(crate) fn shown(vault: &OpenVault, code: &RecoveryCode) -> ShownRecoveryCode {
    ShownRecoveryCode {
        recovery_code: code.display().to_string(),
        vault: info(vault),
    }
}

/// A passphrase being set, with the person's answer about a weak one: `accept_weak` is
/// true only after the page told them it is easy to guess and they confirmed. The vault
/// applies the rule (see `candor_vault::NewPassphrase`).
pub(crate) fn new_passphrase(passphrase: &SecretString, accept_weak: bool) -> NewPassphrase<'_> {
    let weak = if accept_weak {
        Weak::Accept
    } else {
        Weak::Refuse
    };
    NewPassphrase::new(passphrase, weak)
}

/// The page calls this once it is interactive; start-up benchmarks time launch → here.
#[tauri::command]
#[specta::specta]
pub fn ready(state: State<'_, AppState>) {
    if std::env::var_os("CANDOR_REPORT_READY").is_some() {
        println!("candor-ready {}", state.started.elapsed().as_millis());
    }
}

#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    let prefs = state.prefs();
    let unlocked = state.with_session(|s| Ok(info(s.vault()))).ok();
    AppInfo {
        default_vault: state.default_vault.display().to_string(),
        last_vault: prefs.last_vault().map(|p| p.display().to_string()),
        prefs,
        unlocked,
        statuses: ApplicationStatus::ALL.to_vec(),
        document_kinds: DocumentKind::ALL.to_vec(),
        opened_vault: opened(state.opened.as_ref().and_then(|o| o.vault())),
        opened_bundle: opened(state.opened.as_ref().and_then(|o| o.bundle())),
    }
}

#[tauri::command]
#[specta::specta]
pub fn passphrase_strength(passphrase: String) -> Strength {
    strength(&passphrase)
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_vault(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    accept_weak: bool,
) -> IpcResult<ShownRecoveryCode> {
    let passphrase = SecretString::from(passphrase);
    let (vault, code) = SeekerVault::create(
        &PathBuf::from(path),
        new_passphrase(&passphrase, accept_weak),
        KdfParams::default(),
    )?;
    let vault = OpenVault::from(vault);
    let shown = shown(&vault, &code);
    state.set_session(Session::new(vault));
    Ok(shown)
}

#[tauri::command(async)]
#[specta::specta]
pub fn unlock_vault(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> IpcResult<VaultInfo> {
    let vault = OpenVault::open(&PathBuf::from(path), &SecretString::from(passphrase))?;
    let info = info(&vault);
    state.set_session(Session::new(vault));
    crate::reminders::notify_due(&app, &state);
    Ok(info)
}

#[tauri::command(async)]
#[specta::specta]
pub fn recover_vault(
    state: State<'_, AppState>,
    path: String,
    recovery_code: String,
    new_passphrase: String,
    accept_weak: bool,
) -> IpcResult<ShownRecoveryCode> {
    let code = RecoveryCode::parse(&recovery_code)?;
    let passphrase = SecretString::from(new_passphrase);
    let (vault, fresh) = OpenVault::recover(
        &PathBuf::from(path),
        &code,
        self::new_passphrase(&passphrase, accept_weak),
    )?;
    let shown = shown(&vault, &fresh);
    state.set_session(Session::new(vault));
    Ok(shown)
}

#[tauri::command]
#[specta::specta]
pub fn lock_vault(state: State<'_, AppState>) {
    state.close_session();
}

/// The person did something: resets the auto-lock clock.
#[tauri::command]
#[specta::specta]
pub fn touch(state: State<'_, AppState>) -> bool {
    state.with_session(|_| Ok(())).is_ok()
}

#[tauri::command(async)]
#[specta::specta]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
    accept_weak: bool,
) -> IpcResult<()> {
    let new = SecretString::from(new_passphrase);
    state.with_session(|s| {
        s.vault_mut().change_passphrase(
            &SecretString::from(current),
            self::new_passphrase(&new, accept_weak),
        )
    })
}

/// Re-encrypts everything under a new data key after checking the passphrase (which stays
/// the same); returns the new recovery code, the one time it is shown.
#[tauri::command(async)]
#[specta::specta]
pub fn rekey_vault(state: State<'_, AppState>, passphrase: String) -> IpcResult<ShownRecoveryCode> {
    let passphrase = SecretString::from(passphrase);
    state.with_session(|s| {
        let code = s.vault_mut().rekey(&passphrase)?;
        Ok(shown(s.vault(), &code))
    })
}

/// Asks where to write a backup, and writes it. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn backup_vault(app: AppHandle, state: State<'_, AppState>) -> IpcResult<Option<String>> {
    if !state.is_unlocked() {
        return Err(IpcError::locked());
    }
    let Some(dest) = state
        .dialogs
        .save_file(&app, "Back up the vault", "candor-backup.candor")
    else {
        return Ok(None);
    };
    state.with_session(|s| s.vault().backup(&dest))?;
    Ok(Some(dest.display().to_string()))
}

/// Asks for a backup file and restores it over the open vault, after checking that it
/// opens with `passphrase`. A bad backup changes nothing and the vault stays unlocked; after
/// a restore the vault is locked: unlock the restored one.
#[tauri::command(async)]
#[specta::specta]
pub fn restore_vault(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> IpcResult<Option<String>> {
    let target = state.with_session(|s| Ok(s.vault().path().to_owned()))?;
    let Some(backup) = state.dialogs.pick_file(&app, "Restore from a backup") else {
        return Ok(None);
    };
    // Check the backup while the vault stays open: a bad one leaves everything as it was.
    let checked = OpenVault::check_backup(&backup, &target, &SecretString::from(passphrase), true)?;
    state.close_session();
    checked.put_in_place()?;
    Ok(Some(target.display().to_string()))
}

#[tauri::command]
#[specta::specta]
pub fn set_prefs(
    state: State<'_, AppState>,
    language: String,
    auto_lock_minutes: u32,
) -> IpcResult<Prefs> {
    if !matches!(language.as_str(), "en" | "nb") {
        return Err(IpcError::new(
            ErrorCode::Internal,
            format!("unknown language {language}"),
        ));
    }
    Ok(state.update_prefs(|p| {
        p.language = language;
        p.auto_lock_minutes = auto_lock_minutes.min(24 * 60);
    }))
}

/// Asks where to create a new vault, suggesting the default vault's file name. `None`
/// when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn choose_new_vault_path(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    let name = state
        .default_vault
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("candor.candor")
        .to_owned();
    state
        .dialogs
        .save_file(&app, "Where to keep the new vault", &name)
        .map(|path| path.display().to_string())
}

/// Asks which vault file to open. `None` when the person cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn choose_vault_to_open(app: AppHandle, state: State<'_, AppState>) -> Option<String> {
    state
        .dialogs
        .pick_file(&app, "Open a vault")
        .map(|path| path.display().to_string())
}

/// Asks where to save the emergency sheet of a recovery code just shown, and writes it
/// (readable by this user only). The sheet is not encrypted, as the screen and the sheet
/// say. `None` when cancelled; a code that is not one is refused before the dialog opens.
#[tauri::command(async)]
#[specta::specta]
pub fn save_emergency_sheet(
    app: AppHandle,
    state: State<'_, AppState>,
    code: String,
    vault: String,
    lang: super::cv::CvLang,
) -> IpcResult<Option<String>> {
    let code = RecoveryCode::parse(&code)?;
    let suggested = match lang {
        super::cv::CvLang::En => "candor-emergency-sheet.txt",
        super::cv::CvLang::Nb => "candor-nodark.txt",
    };
    let Some(out) = state
        .dialogs
        .save_file(&app, "Save the emergency sheet", suggested)
    else {
        return Ok(None);
    };
    let sheet = code.emergency_sheet(
        std::path::Path::new(&vault),
        candor_model::Timestamp::now(),
        lang.into(),
    );
    super::cv::write_private(&out, sheet.as_bytes())?;
    Ok(Some(out.display().to_string()))
}
