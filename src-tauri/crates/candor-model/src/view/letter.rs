//! A cover letter sent with a view, scanned as the view's own free text is.

use super::{names_to_scan_for, Finding, Paths, ViewChoice, ViewError, ViewKind};
use crate::Profile;

/// Where a share's cover letter is, in a view's findings and fields.
pub const COVER_LETTER_PATH: &str = "coverLetter";

/// Scans a cover letter that goes with `choice`'s view as the view's own free text is
/// scanned: for an anonymous view, what names the seeker or a place the view leaves out
/// is removed from the letter's text and returned as findings at [`COVER_LETTER_PATH`]. A
/// full view's letter is left as written.
pub fn scan_cover_letter(
    profile: &Profile,
    choice: &ViewChoice,
    letter: &mut crate::CoverLetter,
) -> Result<Vec<Finding>, ViewError> {
    if choice.kind != ViewKind::Anonymous {
        return Ok(Vec::new());
    }
    let paths = Paths::read(profile, choice)?;
    let scanner = names_to_scan_for(profile, &paths);
    let mut findings = Vec::new();
    for text in letter.texts_mut() {
        if let Some((redacted, found)) = scanner.redact(text) {
            *text = redacted;
            findings.extend(found.into_iter().map(|(kind, text)| Finding {
                path: COVER_LETTER_PATH.to_owned(),
                kind,
                text,
            }));
        }
    }
    Ok(findings)
}
