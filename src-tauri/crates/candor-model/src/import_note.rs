//! [`ImportNote`]: what an import read but did not keep, or wants the seeker to check, as a
//! stable code with its values for the app to say in the seeker's language, and the same
//! sentence in English for the command line.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One note of an import: `code` (snake_case, stable) and `params` for a translation, and
/// `text`, the English sentence. Never carries a national identity number.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    pub code: String,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    pub text: String,
}

impl ImportNote {
    /// A note with its code and English sentence; values are added with [`ImportNote::with`].
    pub fn new(code: &str, text: impl Into<String>) -> Self {
        ImportNote {
            code: code.to_owned(),
            params: BTreeMap::new(),
            text: text.into(),
        }
    }

    /// The note with `value` for `key` in its translation.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_as_its_english_sentence_and_keeps_its_values_for_translation() {
        let note = ImportNote::new(
            "course_date_unread",
            "\"Algebra\": the date \"31.02\" could not be read",
        )
        .with("course", "Algebra")
        .with("date", "31.02");
        assert_eq!(
            note.to_string(),
            "\"Algebra\": the date \"31.02\" could not be read"
        );
        let json = serde_json::to_value(&note).expect("serializes");
        assert_eq!(json["code"], "course_date_unread");
        assert_eq!(json["params"]["date"], "31.02");
        let back: ImportNote = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, note);
    }
}
