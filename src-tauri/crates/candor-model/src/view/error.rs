//! [`ViewError`]: why a view cannot be made as chosen.

use serde::{Deserialize, Serialize};

/// Why a view cannot be made as chosen. The message says what happened and what to do;
/// none carries a value from the profile, only paths and document ids.
///
/// Serialized with its [`code`](ViewError::code) as `"code"` beside its own fields, so the
/// UI can translate it.
#[non_exhaustive]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(
    tag = "code",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ViewError {
    /// An include or exclude path that is not written as a path.
    #[error("\"{path}\" is not a field path; write one like education[1].courses[0].title, or documents[<id>] for an attachment")]
    BadPath { path: String },
    /// The national identity number was asked for.
    #[error("{path} cannot be shared: the national identity number never goes into a view, whatever the view; leave it out")]
    NationalIdNeverShared { path: String },
    /// An index past the end of a list: `work[7]` when there are 3.
    #[error("there is no {path}: {} has {count} {list} {}", named(.owner), entries(.count))]
    NoSuchEntry {
        path: String,
        /// The path of what holds the list; empty for the profile itself.
        owner: String,
        /// The list's name: `work`, `courses`.
        list: String,
        count: usize,
    },
    /// A field the item does not have, or has left empty.
    #[error("there is no {path}: {}", holds(.owner, .fields))]
    NoSuchField {
        path: String,
        /// The path of the item; empty for the profile itself.
        owner: String,
        /// The fields the item has, in alphabetical order.
        fields: Vec<String>,
    },
    /// A field named directly after a list, without saying which entry.
    #[error("there is no {path}: {list} is a list; name an entry, like {example}")]
    ListNeedsIndex {
        path: String,
        list: String,
        example: String,
    },
    /// An index after something that is not a list.
    #[error("there is no {path}: {owner} is not a list")]
    NotAList { path: String, owner: String },
    /// A path that goes on inside a single value, such as a name.
    #[error("there is no {path}: {value} is a single value; choose {value} as a whole")]
    InsideAValue { path: String, value: String },
    /// `documents[<id>]` names a document the caller did not offer.
    #[error("there is no document \"{id}\" among the {offered} offered; offer it, or leave documents[{id}] out")]
    DocumentNotOffered { id: String, offered: usize },
    /// A document that holds the seeker's identity was asked for in an anonymous view.
    #[error("document \"{id}\" holds your national identity number, name and birth date, so it never goes into an anonymous view; share it in a full view, or leave documents[{id}] out")]
    IdentityDocumentInAnonymousView { id: String },
}

impl ViewError {
    /// Stable snake_case code for the UI to translate; the same string as the `"code"` the
    /// error serializes with.
    pub fn code(&self) -> &'static str {
        match self {
            ViewError::BadPath { .. } => "bad_path",
            ViewError::NationalIdNeverShared { .. } => "national_id_never_shared",
            ViewError::NoSuchEntry { .. } => "no_such_entry",
            ViewError::NoSuchField { .. } => "no_such_field",
            ViewError::ListNeedsIndex { .. } => "list_needs_index",
            ViewError::NotAList { .. } => "not_a_list",
            ViewError::InsideAValue { .. } => "inside_a_value",
            ViewError::DocumentNotOffered { .. } => "document_not_offered",
            ViewError::IdentityDocumentInAnonymousView { .. } => {
                "identity_document_in_anonymous_view"
            }
        }
    }
}

/// How a message names the item at `path`: the path, or "the profile" at the top.
fn named(path: &str) -> &str {
    if path.is_empty() {
        "the profile"
    } else {
        path
    }
}

/// "entry" or "entries".
fn entries(count: &usize) -> &'static str {
    if *count == 1 {
        "entry"
    } else {
        "entries"
    }
}

/// "person has label, name and summary".
fn holds(path: &str, fields: &[String]) -> String {
    let owner = named(path);
    match fields {
        [] => format!("{owner} is empty"),
        [one] => format!("{owner} has {one}"),
        [init @ .., last] => format!("{owner} has {} and {last}", init.join(", ")),
    }
}
