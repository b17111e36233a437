//! What the app holds between commands: the unlocked session (if any), the preferences,
//! and the dialog seam.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use candor_vault::{Prefs, Session, VaultError};
use tauri::{AppHandle, Emitter};

use crate::dialogs::Dialogs;
use crate::error::{IpcError, IpcResult};

pub struct AppState {
    session: Mutex<Option<Session>>,
    prefs: Mutex<Prefs>,
    prefs_path: PathBuf,
    pub default_vault: PathBuf,
    pub dialogs: Box<dyn Dialogs>,
    pub started: Instant,
    /// The vault or bundle the app was started to open, if any.
    pub opened: Option<crate::launch::Opened>,
    /// Files this app saved (bundles) while it runs: the only ones "Show in folder" shows,
    /// so the page cannot point the file manager anywhere else.
    saved: Mutex<Vec<PathBuf>>,
}

/// The event the webview hears when the vault locked itself.
pub const LOCKED_EVENT: &str = "vault-locked";

impl AppState {
    pub fn new(started: Instant) -> AppState {
        let config_dir = std::env::var_os("CANDOR_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs::config_dir().map(|d| d.join("candor")))
            .unwrap_or_else(|| PathBuf::from(".candor"));
        let default_vault = std::env::var_os("CANDOR_VAULT")
            .map(PathBuf::from)
            .or_else(|| dirs::data_dir().map(|d| d.join("candor").join("vault.candor")))
            .unwrap_or_else(|| PathBuf::from("vault.candor"));
        let prefs_path = config_dir.join("prefs.json");
        AppState {
            session: Mutex::new(None),
            prefs: Mutex::new(Prefs::load(&prefs_path)),
            prefs_path,
            default_vault,
            dialogs: crate::dialogs::dialogs(),
            started,
            opened: crate::launch::opened_file(std::env::args_os()),
            saved: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` on the unlocked session, or fails with `Locked`.
    pub fn with_session<R>(
        &self,
        f: impl FnOnce(&mut Session) -> Result<R, VaultError>,
    ) -> IpcResult<R> {
        let mut guard = self
            .session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let session = guard.as_mut().ok_or_else(IpcError::locked)?;
        session.touch();
        Ok(f(session)?)
    }

    /// Notes a file this app saved.
    pub fn remember_saved(&self, path: &std::path::Path) {
        let mut saved = self.saved.lock().unwrap_or_else(|p| p.into_inner());
        if !saved.iter().any(|p| p == path) {
            saved.push(path.to_owned());
        }
    }

    /// Whether this app saved `path` while it runs.
    pub fn saved(&self, path: &std::path::Path) -> bool {
        let saved = self.saved.lock().unwrap_or_else(|p| p.into_inner());
        saved.iter().any(|p| p == path)
    }

    pub fn is_unlocked(&self) -> bool {
        self.session.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    /// Replaces the session (closing any previous one) and remembers the vault.
    pub fn set_session(&self, session: Session) {
        let path = session.vault().path().to_owned();
        let previous = self
            .session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(session);
        if let Some(previous) = previous {
            previous.close();
        }
        self.update_prefs(|prefs| prefs.remember(&path));
    }

    /// Locks: wipes the private document folder and drops every key.
    pub fn close_session(&self) {
        let session = self
            .session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(session) = session {
            session.close();
        }
    }

    pub fn prefs(&self) -> Prefs {
        self.prefs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn update_prefs(&self, f: impl FnOnce(&mut Prefs)) -> Prefs {
        let mut prefs = self.prefs.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut prefs);
        // Preferences are a convenience: failing to save them must not fail the action.
        let _ = prefs.save(&self.prefs_path);
        prefs.clone()
    }

    /// Deletes what expired in an open employer vault, as the vault does when it opens: a
    /// window left open for weeks keeps nothing past its date.
    pub fn purge_expired(&self) {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(session) = guard.as_mut() {
            // A failure here is retried on the next round and shown when the person acts.
            let _ = session.purge_expired(candor_model::Timestamp::now());
        }
    }

    /// The items due and not yet notified today, now remembered as notified; none when
    /// no seeker's vault is open. The session is not touched: reminders are not the
    /// person's activity and must not keep the vault from locking itself.
    pub fn take_due_to_notify(&self) -> Vec<candor_vault::DueItem> {
        let mut guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
        let Some(session) = guard.as_mut() else {
            return Vec::new();
        };
        let Ok(seeker) = session.seeker() else {
            return Vec::new();
        };
        // A failure here is retried on the next round; the Today screen shows the items.
        seeker
            .take_due_to_notify(
                candor_model::Timestamp::now(),
                candor_model::PeopleTime::system(),
            )
            .unwrap_or_default()
    }

    /// Locks the vault when it has been idle longer than the preference allows.
    pub fn lock_if_idle(&self, app: &AppHandle) {
        let minutes = self.prefs().auto_lock_minutes;
        if minutes == 0 {
            return;
        }
        let idle = {
            let guard = self.session.lock().unwrap_or_else(|p| p.into_inner());
            guard.as_ref().map(|s| s.idle_for())
        };
        if idle.is_some_and(|idle| idle >= Duration::from_secs(u64::from(minutes) * 60)) {
            self.close_session();
            let _ = app.emit(LOCKED_EVENT, ());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_the_app_saved_count_as_saved() {
        let state = AppState::new(Instant::now());
        let bundle = std::path::Path::new("/home/kari/Fjordkraft_Data_AS.candorbundle");
        assert!(!state.saved(bundle));
        state.remember_saved(bundle);
        state.remember_saved(bundle);
        assert!(state.saved(bundle));
        assert!(!state.saved(std::path::Path::new("/etc/passwd")));
    }
}
