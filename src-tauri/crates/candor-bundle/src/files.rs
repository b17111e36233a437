//! What a bundle file is called and what it is served as, so nobody mistakes a bundle for
//! a vault (which is `.candor`) and a desktop can tell them apart.
//!
//! A bundle is recognised by its content, never by its name: files written before bundles
//! had an extension of their own (`.candor`) still import, and an answer is named after
//! its notice, whatever that one is called.

use std::path::{Path, PathBuf};

/// The extension of a bundle file: shares, reveals, corrections, notices and answers.
pub const BUNDLE_EXTENSION: &str = "candorbundle";

/// The media type a bundle is sent as over HTTP.
pub const BUNDLE_MEDIA_TYPE: &str = "application/vnd.candor.bundle";

/// The extensions a bundle may end in: its own, and the vault's that bundles had before.
const KNOWN: [&str; 2] = [BUNDLE_EXTENSION, "candor"];

/// `stem` with the bundle extension: `fjordkraft` is `fjordkraft.candorbundle`.
pub fn bundle_file_name(stem: &str) -> String {
    format!("{stem}.{BUNDLE_EXTENSION}")
}

/// Where the answer to the notice in `notice` goes: beside it, named after it, with the
/// same extension when it has a bundle's (`x.candorbundle` is answered in
/// `x.candorbundle.answer.candorbundle`; an older `x.candor` in `x.candor.answer.candor`).
pub fn answer_path(notice: &Path) -> PathBuf {
    let name = notice.file_name().unwrap_or_default().to_string_lossy();
    let extension = notice
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| KNOWN.contains(e))
        .unwrap_or(BUNDLE_EXTENSION);
    notice.with_file_name(format!("{name}.answer.{extension}"))
}

/// Where part `number` (from 1) of an answer goes, given where the first goes:
/// `x.answer.candorbundle`, then `x.answer-2.candorbundle`, `x.answer-3.candorbundle`…
pub fn answer_part_path(first: &Path, number: u32) -> PathBuf {
    if number <= 1 {
        return first.to_owned();
    }
    let name = first.file_name().unwrap_or_default().to_string_lossy();
    let numbered = KNOWN.iter().find_map(|extension| {
        name.strip_suffix(&format!(".{extension}"))
            .map(|stem| format!("{stem}-{number}.{extension}"))
    });
    first.with_file_name(numbered.unwrap_or_else(|| format!("{name}-{number}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_named_after_its_notice_with_the_notice_s_extension() {
        assert_eq!(
            answer_path(Path::new("/srv/hr/access.candorbundle")),
            Path::new("/srv/hr/access.candorbundle.answer.candorbundle")
        );
        assert_eq!(
            answer_path(Path::new("/srv/hr/access.candor")),
            Path::new("/srv/hr/access.candor.answer.candor")
        );
        assert_eq!(
            answer_path(Path::new("/srv/hr/notice.zip")),
            Path::new("/srv/hr/notice.zip.answer.candorbundle")
        );
    }

    #[test]
    fn the_parts_of_an_answer_are_numbered_before_the_extension() {
        let first = Path::new("/srv/hr/access.candorbundle.answer.candorbundle");
        assert_eq!(answer_part_path(first, 1), first);
        assert_eq!(
            answer_part_path(first, 2),
            Path::new("/srv/hr/access.candorbundle.answer-2.candorbundle")
        );
        assert_eq!(
            answer_part_path(Path::new("/srv/hr/access.candor.answer.candor"), 3),
            Path::new("/srv/hr/access.candor.answer-3.candor")
        );
        assert_eq!(
            answer_part_path(Path::new("/srv/hr/answer"), 2),
            Path::new("/srv/hr/answer-2")
        );
    }
}
