//! Candor's desktop shell: wiring only. Every command is a few lines over `candor-vault`;
//! the logic lives in the crates under `crates/`, which know nothing of Tauri.

// One audited exception: `memory::release_freed` (see there).
#![deny(unsafe_code)]

#[macro_use]
mod command_list;
mod commands;
mod dialogs;
mod error;
mod launch;
mod memory;
mod reminders;
mod state;

use std::time::{Duration, Instant};

use candor_model::{ApplicationStatus, CefrLevel, DocumentKind, GradeScheme};
use tauri::{Manager, RunEvent, WebviewUrl, WebviewWindowBuilder};

pub use command_list::COMMANDS;
pub use error::{ErrorCode, IpcError};
use state::AppState;

/// Where the generated TypeScript bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

/// The commands of `command_list.rs`, for the invoke handler and the bindings.
macro_rules! collect_commands {
    ($($module:ident::$command:ident),* $(,)?) => {
        tauri_specta::collect_commands![$(commands::$module::$command),*]
    };
}

/// Every command, registered once: the invoke handler and the TypeScript bindings both
/// come from the one list in `command_list.rs`.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(with_commands!(collect_commands))
        // The passphrase rule, so the page shows the vault's numbers rather than its own.
        .constant("MIN_PASSPHRASE_CHARS", candor_vault::MIN_PASSPHRASE_CHARS)
        .constant(
            "STRONG_PASSPHRASE_SCORE",
            candor_vault::STRONG_PASSPHRASE_SCORE,
        )
        // The model's closed sets, in the order pickers list them, so the page holds no
        // copy of its own.
        .constant("APPLICATION_STATUSES", ApplicationStatus::ALL)
        .constant(
            "CLOSED_STATUSES",
            ApplicationStatus::ALL
                .into_iter()
                .filter(|status| status.is_closed())
                .collect::<Vec<_>>(),
        )
        .constant("DOCUMENT_KINDS", DocumentKind::ALL)
        .constant("REQUEST_KINDS", candor_vault::bundle::RequestKind::ALL)
        .constant(
            "GRADE_SCHEMES",
            GradeScheme::KNOWN.map(|scheme| scheme.to_string()),
        )
        .constant(
            "GRADE_LABELS",
            GradeScheme::KNOWN
                .iter()
                .filter_map(|scheme| Some((scheme.to_string(), scheme.labels()?)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .constant("CEFR_LEVELS", CefrLevel::ALL)
        .constant("PROFILE_SECTIONS", candor_vault::PROFILE_SECTIONS)
}

/// Types that read and write differently (optional fields, defaults) come out of specta as
/// `X_Serialize` (what Rust sends) and `X_Deserialize` (what Rust reads), with `X` the union
/// of both. The page holds what Rust sent and sends back what it edited, so `X` is made the
/// sent shape and `XInput` the shape Rust reads.
fn name_both_shapes(bindings: &str) -> String {
    let mut out = String::with_capacity(bindings.len());
    for line in bindings.split_inclusive('\n') {
        let union = line
            .strip_prefix("export type ")
            .and_then(|rest| rest.strip_suffix(";\n"))
            .and_then(|rest| rest.split_once(" = "))
            .filter(|(name, shapes)| *shapes == format!("{name}_Serialize | {name}_Deserialize"));
        match union {
            Some((name, _)) => out.push_str(&format!(
                "export type {name} = {name}_Serialize;\nexport type {name}Input = {name}_Deserialize;\n"
            )),
            None => out.push_str(line),
        }
    }
    out
}

/// The TypeScript bindings as the code defines them.
pub fn bindings() -> String {
    // One folder per call: tests call this from parallel threads of one process.
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("candor-bindings-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder for the bindings");
    let path = dir.join("bindings.ts");
    specta_builder()
        .export(
            specta_typescript::Typescript::default()
                .header("// Generated from the Rust commands by `make bindings`; do not edit.\n/* eslint-disable */\n"),
            &path,
        )
        .expect("the command types export to TypeScript");
    let text = std::fs::read_to_string(&path).expect("the exported bindings");
    let _ = std::fs::remove_dir_all(&dir);
    name_both_shapes(&text)
}

/// What the Candor window may do: call Candor's own commands and hear its events. No
/// file-system, shell or dialog access: files are chosen in native dialogs opened from Rust.
pub fn window_permissions() -> Vec<String> {
    ["core:event:allow-listen", "core:event:allow-unlisten"]
        .into_iter()
        .map(String::from)
        .chain(
            COMMANDS
                .iter()
                .map(|command| format!("allow-{}", command.replace('_', "-"))),
        )
        .collect()
}

/// Expired bundles are purged, and items that fell due announced, every minute (12 rounds
/// of the 5-second housekeeping).
const PURGE_EVERY_ROUNDS: u64 = 12;

pub fn run() {
    let started = Instant::now();
    let builder = specta_builder();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .manage(AppState::new(started))
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            app.add_capability(window_permissions().into_iter().fold(
                tauri::ipc::CapabilityBuilder::new("main").window("main"),
                |capability, permission| capability.permission(permission),
            ))?;
            builder.mount_events(app);
            // Documents a crashed or killed Candor had opened are still on disk in clear:
            // remove them before anything else (another running Candor keeps its own).
            candor_vault::remove_abandoned_open_folders();
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Candor")
                .inner_size(1200.0, 820.0)
                .min_inner_size(1024.0, 700.0)
                .build()?;
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                for round in 1u64.. {
                    std::thread::sleep(Duration::from_secs(5));
                    let state = handle.state::<AppState>();
                    state.lock_if_idle(&handle);
                    if round % PURGE_EVERY_ROUNDS == 0 {
                        state.purge_expired();
                        reminders::notify_on_new_day(&handle, &state);
                    }
                    memory::release_freed();
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the Candor window starts");
    app.run(|app, event| {
        if let RunEvent::Exit = event {
            // Wipe opened documents and drop every key on the way out.
            app.state::<AppState>().close_session();
        }
    });
}
