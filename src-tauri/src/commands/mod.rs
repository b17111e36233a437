//! The commands the webview calls. Each takes the state, calls the core, maps the error.

pub mod agenda;
pub mod applications;
pub mod candidates;
pub mod cv;
pub mod documents;
pub mod drafts;
pub mod imports;
pub mod letters;
pub mod profile;
pub mod requests;
pub mod sharing;
pub mod vault;

/// Runs `work`, a blocking HTTP exchange or a CV's typesetting, on a thread of its own and
/// waits for it. Tauri runs commands on its async runtime's worker threads, and the
/// blocking HTTP client may not be created or dropped there: it panics ("Cannot drop a
/// runtime in a context where blocking is not allowed"); typesetting would hold a worker.
pub(crate) fn off_the_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

#[cfg(test)]
mod tests {
    use super::off_the_runtime;

    /// Found in the real window: sending a share from the app panicked in the HTTP client.
    #[test]
    fn a_blocking_http_exchange_runs_from_inside_the_async_runtime() {
        let result = tauri::async_runtime::block_on(async {
            off_the_runtime(|| candor_net::fetch_card("http://127.0.0.1:9/card.json"))
        });
        assert!(result.is_err(), "nothing listens on port 9");
    }
}
