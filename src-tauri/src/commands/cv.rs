//! The CV screen: a live preview of the CV as page images, and saving it as PDF.

use std::io::Write;

use base64::Engine;
use candor_model::{Lang, ViewKind};
use candor_render::{render_cv, render_cv_pages, CvOptions, RenderError, Template};
use candor_vault::{write_new_file, CvView, Existing, VaultError};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::AppState;

/// What a CV is asked for: which view, laid out how, in which language.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CvRequest {
    pub view: ViewKind,
    /// The organisation whose pseudonym signs an anonymous CV (an id or prefix); an
    /// anonymous CV needs one, a full CV may name one to show what a share to it sends.
    pub recipient: Option<String>,
    /// A template's name from [`CvPreview::templates`]; `None`, the default one.
    pub template: Option<String>,
    pub lang: CvLang,
}

/// The language of a CV's headings and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum CvLang {
    En,
    Nb,
}

impl From<CvLang> for Lang {
    fn from(lang: CvLang) -> Lang {
        match lang {
            CvLang::En => Lang::En,
            CvLang::Nb => Lang::Nb,
        }
    }
}

/// One page of the CV as the screen shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CvPreviewPage {
    /// The page as a `data:image/png;base64,…` URL.
    pub image: String,
    /// The headings printed on the page, top to bottom, in the CV's language.
    pub headings: Vec<String>,
}

/// The CV as the screen shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CvPreview {
    /// Each page, first page first.
    pub pages: Vec<CvPreviewPage>,
    /// The template these pages were laid out with.
    pub template: String,
    /// Every template's name, for the screen to offer.
    pub templates: Vec<String>,
    /// Whose CV it says it is: the seeker's name, or the pseudonym.
    pub signed_as: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn preview_cv(state: State<'_, AppState>, request: CvRequest) -> IpcResult<CvPreview> {
    let (CvView { view, signed_as }, options) = prepare(&state, &request)?;
    let pages = super::off_the_runtime(|| render_cv_pages(&view, &options)).map_err(failed)?;
    Ok(CvPreview {
        pages: pages
            .into_iter()
            .map(|page| CvPreviewPage {
                image: data_url(&page.png),
                headings: page.headings,
            })
            .collect(),
        template: options.template.as_str().to_owned(),
        templates: Template::ALL
            .iter()
            .map(|template| template.as_str().to_owned())
            .collect(),
        signed_as,
    })
}

/// Asks where to save the CV as PDF, renders and writes it whole (readable by this user
/// only). The PDF is not encrypted. `None` when cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn save_cv_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    request: CvRequest,
) -> IpcResult<Option<String>> {
    let (CvView { view, .. }, options) = prepare(&state, &request)?;
    let suggested = match request.view {
        ViewKind::Full => "cv.pdf",
        ViewKind::Anonymous => "cv-anonymous.pdf",
    };
    let Some(out) = state
        .dialogs
        .save_file(&app, "Save the CV as PDF", suggested)
    else {
        return Ok(None);
    };
    let pdf = super::off_the_runtime(|| render_cv(&view, &options)).map_err(failed)?;
    write_private(&out, &pdf)?;
    Ok(Some(out.display().to_string()))
}

/// Writes a file (a PDF, a calendar) where the save dialog said, whole or not at all,
/// readable by this user only. The native dialog already asked before replacing a file.
pub(super) fn write_private(out: &std::path::Path, bytes: &[u8]) -> IpcResult<()> {
    write_new_file(out, Existing::Replace, |file| {
        file.write_all(bytes).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })?;
    Ok(())
}

/// The view and signature from the vault, and the options to render them with.
pub(super) fn prepare(state: &AppState, request: &CvRequest) -> IpcResult<(CvView, CvOptions)> {
    let template = match &request.template {
        None => Template::default(),
        Some(name) => Template::ALL
            .into_iter()
            .find(|template| template.as_str() == name)
            .ok_or_else(|| {
                IpcError::new(
                    ErrorCode::NotFound,
                    format!("there is no CV template {name}"),
                )
            })?,
    };
    let cv = state.with_session(|s| {
        s.seeker()?
            .cv_view(request.view, request.recipient.as_deref())
    })?;
    let options = CvOptions {
        template,
        lang: request.lang.into(),
        signed_as: cv.signed_as.clone(),
    };
    Ok((cv, options))
}

/// Any view should render: a failure is a fault in Candor, and says so.
pub(super) fn failed(error: RenderError) -> IpcError {
    IpcError::new(ErrorCode::Internal, error.to_string())
}

fn data_url(png: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_travels_as_a_png_data_url() {
        assert_eq!(data_url(b"\x89PNG"), "data:image/png;base64,iVBORw==");
    }
}
