//! Which entry names a bundle may hold: relative, forward-slashed, inside the bundle.

use crate::error::BundleError;

/// Entry names are short relative paths of plain components; anything that could point
/// outside a folder it is unpacked into, or mean different things on different systems, is
/// refused.
pub(crate) fn check_entry_path(path: &str) -> Result<(), BundleError> {
    let unsafe_path = || BundleError::UnsafePath { path: path.into() };
    if path.is_empty()
        || path.len() > 255
        || path.starts_with('/')
        || path.contains('\\')
        || path.chars().any(char::is_control)
        || path.as_bytes().get(1) == Some(&b':')
    {
        return Err(unsafe_path());
    }
    if path
        .split('/')
        .any(|part| part.is_empty() || part == "." || part == "..")
    {
        return Err(unsafe_path());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_paths_are_accepted() {
        for path in [
            "profile.json",
            "attachments/cv.pdf",
            "attachments/a b æ.pdf",
        ] {
            assert!(check_entry_path(path).is_ok(), "{path}");
        }
    }

    #[test]
    fn paths_that_escape_or_confuse_are_refused() {
        for path in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/./b",
            "a//b",
            "a/",
            "C:/x",
            "a\\..\\b",
            "a\nb",
        ] {
            assert!(
                matches!(check_entry_path(path), Err(BundleError::UnsafePath { .. })),
                "{path:?}"
            );
        }
    }
}
