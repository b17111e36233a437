//! The baseline for Candor's start-up and memory benchmarks: the same Tauri runtime and
//! WebKit, one window, an empty page, which calls `ready` like the real app does.

#![forbid(unsafe_code)]

use std::time::Instant;

use tauri::{WebviewUrl, WebviewWindowBuilder};

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
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("bare.html".into()))
                .title("bare")
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the bare window starts");
}
