//! The baseline for Candor's start-up and memory benchmarks: the same Tauri runtime and
//! WebKit, one window, an empty page, which calls `ready` like the real app does.

#![forbid(unsafe_code)]

use std::time::Instant;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

#[tauri::command]
fn ready(started: tauri::State<'_, Instant>) {
    println!("candor-ready {}", started.elapsed().as_millis());
}

fn main() {
    let started = Instant::now();
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![ready])
        .setup(|app| {
            // The app grants its window its commands at start-up; this window gets `ready`
            // the same way, and nothing else.
            app.add_capability(
                tauri::ipc::CapabilityBuilder::new("bare")
                    .window("main")
                    .permission("allow-ready"),
            )?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("bare.html".into()))
                .title("bare")
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the bare window starts");
}
