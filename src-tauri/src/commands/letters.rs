//! An application's cover letter: written in the app in the same light plain-text form the
//! command line takes (a blank line starts a paragraph, "- " a bullet; `**bold**`,
//! `_italic_`), kept as structured blocks with the application, and saved as PDF.

use candor_model::{Application, CoverLetter, PeopleTime, ViewKind};
use candor_render::{render_letter, LetterFacts};
use candor_vault::{CvView, Entry, VaultError};
use tauri::{AppHandle, State};

use super::cv::{failed, prepare, write_private, CvLang, CvRequest};
use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// The application's cover letter in its plain-text form; empty when none is written.
#[tauri::command(async)]
#[specta::specta]
pub fn cover_letter_text(state: State<'_, AppState>, id: String) -> IpcResult<String> {
    state.with_session(|s| {
        let application = s.seeker()?.get::<Application>(&id)?.value;
        Ok(application
            .cover_letter
            .map(|letter| letter.to_plain())
            .unwrap_or_default())
    })
}

/// Keeps `text` as the application's cover letter (read from the plain-text form); an
/// empty text removes the letter.
#[tauri::command(async)]
#[specta::specta]
pub fn save_cover_letter(
    state: State<'_, AppState>,
    id: String,
    text: String,
) -> IpcResult<Entry<Application>> {
    state.with_session(|s| {
        let vault = s.seeker()?;
        let mut application = vault.get::<Application>(&id)?.value;
        let salutation = application
            .cover_letter
            .as_ref()
            .map(|letter| letter.salutation.clone())
            .unwrap_or_default();
        let letter = CoverLetter {
            salutation,
            ..CoverLetter::parse(&text)
        };
        application.cover_letter = (!letter.is_empty()).then_some(letter);
        vault.update(&id, &application)?;
        vault.get::<Application>(&id)
    })
}

/// Asks where to save the letter as PDF, signed with the seeker's name and set like the
/// chosen CV template, and writes it whole (readable by this user only). The PDF is not
/// encrypted. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_cover_letter_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    template: Option<String>,
    lang: CvLang,
) -> IpcResult<Option<String>> {
    let request = CvRequest {
        view: ViewKind::Full,
        recipient: None,
        template,
        lang,
    };
    let (CvView { view, .. }, options) = prepare(&state, &request)?;
    let application = state
        .with_session(|s| s.seeker()?.get::<Application>(&id))?
        .value;
    let Some(letter) = application
        .cover_letter
        .clone()
        .filter(|letter| !letter.is_empty())
    else {
        return Err(IpcError::from(VaultError::NoCoverLetter {
            company: application.company,
        }));
    };
    let facts = LetterFacts::of(
        &application,
        PeopleTime::system()
            .today()
            .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?,
    );
    let Some(out) =
        state
            .dialogs
            .save_file(&app, "Save the cover letter as PDF", "cover-letter.pdf")
    else {
        return Ok(None);
    };
    let pdf = super::off_the_runtime(|| render_letter(&view, &letter, &facts, &options))
        .map_err(failed)?;
    write_private(&out, &pdf)?;
    Ok(Some(out.display().to_string()))
}
