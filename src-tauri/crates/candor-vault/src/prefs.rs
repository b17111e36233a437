//! The app's preferences: language, auto-lock time and the vaults opened recently.
//!
//! A small JSON file in the platform config folder. It holds no secret and nothing about
//! the person beyond the paths of their vault files. A missing or unreadable file gives
//! the defaults; it is never a reason not to start.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};

/// How many recent vaults are remembered.
const RECENT_LIMIT: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Prefs {
    /// "en" or "nb".
    pub language: String,
    /// Lock after this many minutes without activity; 0 never locks by itself.
    pub auto_lock_minutes: u32,
    /// Most recent first.
    pub recent: Vec<String>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            language: "en".into(),
            auto_lock_minutes: 5,
            recent: Vec::new(),
        }
    }
}

impl Prefs {
    /// Reads the preferences, or the defaults when there are none or they are unreadable.
    pub fn load(path: &Path) -> Prefs {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the preferences (to a temporary file first, then renamed into place). The
    /// file and a folder made for it are this user's only: the recent list names where the
    /// vaults are.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private::create_dir_all(dir)
                .map_err(VaultError::io(format!("cannot create {}", dir.display())))?;
        }
        let tmp = crate::vault::sidecar(path, ".tmp");
        let json = serde_json::to_vec_pretty(self).expect("preferences always serialize");
        // Left behind by a save that was cut short.
        let _ = std::fs::remove_file(&tmp);
        let written = crate::private::create_file(&tmp).and_then(|mut file| file.write_all(&json));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(VaultError::io(format!("cannot write {}", tmp.display()))(e));
        }
        std::fs::rename(&tmp, path)
            .map_err(VaultError::io(format!("cannot write {}", path.display())))
    }

    /// Puts `vault` first in the recent list.
    pub fn remember(&mut self, vault: &Path) {
        let vault = vault.to_string_lossy().into_owned();
        self.recent.retain(|p| *p != vault);
        self.recent.insert(0, vault);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// The vault opened last, if it still exists.
    pub fn last_vault(&self) -> Option<PathBuf> {
        self.recent
            .first()
            .map(PathBuf::from)
            .filter(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_vaults_are_most_recent_first_without_duplicates() {
        let mut prefs = Prefs::default();
        for p in ["/a", "/b", "/a", "/c"] {
            prefs.remember(Path::new(p));
        }
        assert_eq!(prefs.recent, ["/c", "/a", "/b"]);
    }

    #[test]
    fn unreadable_preferences_give_the_defaults() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("prefs.json");
        std::fs::write(&path, b"{ not json").expect("write");
        assert_eq!(Prefs::load(&path), Prefs::default());
        let prefs = Prefs {
            language: "nb".into(),
            ..Prefs::default()
        };
        prefs.save(&path).expect("save");
        assert_eq!(Prefs::load(&path).language, "nb");
    }
}
