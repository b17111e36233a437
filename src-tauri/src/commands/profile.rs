//! The profile: read it whole, save sections, compute the GPA as the person types.

use candor_model::{gpa, gpa_left_out, LearningOpportunity, LeftOut, Profile};
use serde::Serialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The live average of one education: the average, if any course counts, and the courses
/// it leaves out although they look meant to count.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GpaView {
    pub average: Option<GpaAverage>,
    pub left_out: Vec<LeftOut>,
}

#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct GpaAverage {
    pub value: f64,
    pub letter: String,
    pub credits: String,
    pub courses: u32,
    /// As it is written on a Norwegian diploma: "4.17 (B)".
    pub display: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_profile(state: State<'_, AppState>) -> IpcResult<Profile> {
    state.with_session(|s| s.seeker()?.profile())
}

/// Replaces the named sections with those of `profile`, after validating all of it.
#[tauri::command(async)]
#[specta::specta]
pub fn save_profile(
    state: State<'_, AppState>,
    profile: Profile,
    sections: Vec<String>,
) -> IpcResult<Profile> {
    let sections: Vec<&str> = sections.iter().map(String::as_str).collect();
    state.with_session(|s| {
        s.seeker()?.replace_profile(&profile, &sections)?;
        s.seeker()?.profile()
    })
}

#[tauri::command]
#[specta::specta]
pub fn compute_gpa(courses: Vec<LearningOpportunity>) -> GpaView {
    GpaView {
        average: gpa(&courses).map(|g| GpaAverage {
            value: g.value(),
            letter: g.letter.to_string(),
            credits: g.credits.to_string(),
            courses: g.courses,
            display: g.to_string(),
        }),
        left_out: gpa_left_out(&courses),
    }
}
