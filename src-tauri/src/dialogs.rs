//! File dialogs and opening files, behind a seam.
//!
//! The app opens native dialogs from Rust (the webview has no file-system access). A
//! WebDriver test cannot click through a GTK dialog, so an end-to-end build (`--features
//! e2e`) answers each dialog from a file the test writes: everything else is the real app.

use std::path::{Path, PathBuf};

use tauri::AppHandle;

pub trait Dialogs: Send + Sync {
    /// Asks for an existing file to read.
    fn pick_file(&self, app: &AppHandle, title: &str) -> Option<PathBuf>;
    /// Asks where to save, suggesting a file name.
    fn save_file(&self, app: &AppHandle, title: &str, suggested_name: &str) -> Option<PathBuf>;
    /// Opens a file with the program the desktop uses for it.
    fn open_path(&self, app: &AppHandle, path: &Path) -> Result<(), String>;
    /// Shows a file in its folder, in the desktop's file manager.
    fn reveal(&self, app: &AppHandle, path: &Path) -> Result<(), String>;
    /// Opens a URL (a `mailto:` link) with the program the desktop uses for it.
    fn open_url(&self, app: &AppHandle, url: &str) -> Result<(), String>;
}

#[cfg(not(feature = "e2e"))]
pub fn dialogs() -> Box<dyn Dialogs> {
    Box::new(Native)
}

#[cfg(feature = "e2e")]
pub fn dialogs() -> Box<dyn Dialogs> {
    Box::new(Scripted)
}

#[cfg(not(feature = "e2e"))]
struct Native;

#[cfg(not(feature = "e2e"))]
impl Dialogs for Native {
    fn pick_file(&self, app: &AppHandle, title: &str) -> Option<PathBuf> {
        use tauri_plugin_dialog::DialogExt;
        app.dialog()
            .file()
            .set_title(title)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
    }

    fn save_file(&self, app: &AppHandle, title: &str, suggested_name: &str) -> Option<PathBuf> {
        use tauri_plugin_dialog::DialogExt;
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(suggested_name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
    }

    fn open_path(&self, _app: &AppHandle, path: &Path) -> Result<(), String> {
        tauri_plugin_opener::open_path(path, None::<&str>).map_err(|e| e.to_string())
    }

    fn reveal(&self, _app: &AppHandle, path: &Path) -> Result<(), String> {
        tauri_plugin_opener::reveal_item_in_dir(path).map_err(|e| e.to_string())
    }

    fn open_url(&self, _app: &AppHandle, url: &str) -> Result<(), String> {
        tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| e.to_string())
    }
}

/// Answers dialogs from the file named by `CANDOR_E2E_DIALOG_ANSWERS`: its first line is
/// the path to return (empty: the person cancelled). With more lines, each dialog takes
/// the first and leaves the rest for the next (an action that asks twice: open this, save
/// there); a last line answers every dialog until the test writes another. Opened files
/// are recorded in `CANDOR_E2E_OPENED`, one path a line, instead of starting another program.
#[cfg(feature = "e2e")]
struct Scripted;

#[cfg(feature = "e2e")]
impl Scripted {
    fn answer() -> Option<PathBuf> {
        let file = std::env::var_os("CANDOR_E2E_DIALOG_ANSWERS")?;
        let text = std::fs::read_to_string(&file).ok()?;
        let mut lines = text.lines();
        let line = lines.next()?.trim().to_owned();
        let rest: Vec<&str> = lines.collect();
        if !rest.is_empty() {
            std::fs::write(&file, rest.join("\n") + "\n").ok()?;
        }
        (!line.is_empty()).then(|| PathBuf::from(line))
    }
}

#[cfg(feature = "e2e")]
impl Dialogs for Scripted {
    fn pick_file(&self, _app: &AppHandle, _title: &str) -> Option<PathBuf> {
        Self::answer()
    }

    fn save_file(&self, _app: &AppHandle, _title: &str, _suggested_name: &str) -> Option<PathBuf> {
        Self::answer()
    }

    fn open_path(&self, _app: &AppHandle, path: &Path) -> Result<(), String> {
        Self::record(&path.display().to_string())
    }

    fn reveal(&self, _app: &AppHandle, path: &Path) -> Result<(), String> {
        Self::record(&format!("folder of {}", path.display()))
    }

    fn open_url(&self, _app: &AppHandle, url: &str) -> Result<(), String> {
        Self::record(url)
    }
}

#[cfg(feature = "e2e")]
impl Scripted {
    /// Adds a line to the file named by `CANDOR_E2E_OPENED`.
    fn record(line: &str) -> Result<(), String> {
        use std::io::Write;
        let log = std::env::var_os("CANDOR_E2E_OPENED").ok_or("CANDOR_E2E_OPENED is not set")?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| e.to_string())?;
        writeln!(file, "{line}").map_err(|e| e.to_string())
    }
}
