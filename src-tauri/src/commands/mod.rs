//! The commands the webview calls. Each takes the state, calls the core, maps the error.

pub mod applications;
pub mod candidates;
pub mod documents;
pub mod drafts;
pub mod imports;
pub mod profile;
pub mod requests;
pub mod sharing;
pub mod vault;
