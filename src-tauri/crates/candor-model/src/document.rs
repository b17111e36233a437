//! [`Document`]: what the seeker knows about an attachment. The bytes live in the vault.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::problem::Problem;
use crate::refusal::parse_str;
use crate::timestamp::Timestamp;
use crate::validate::{Check, Validate, ValidationErrors};

/// What a document is.
///
/// Read through [`FromStr`], whose refusal names every value; in TypeScript, a union of the
/// names.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    Cv,
    CoverLetter,
    Diploma,
    Transcript,
    Photo,
    Other,
}

impl DocumentKind {
    /// Every kind, in the order a picker lists them.
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Cv,
        DocumentKind::CoverLetter,
        DocumentKind::Diploma,
        DocumentKind::Transcript,
        DocumentKind::Photo,
        DocumentKind::Other,
    ];

    /// The kebab-case name: "cover-letter".
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Cv => "cv",
            DocumentKind::CoverLetter => "cover-letter",
            DocumentKind::Diploma => "diploma",
            DocumentKind::Transcript => "transcript",
            DocumentKind::Photo => "photo",
            DocumentKind::Other => "other",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| Problem::NotOneOf {
                value: s.to_owned(),
                allowed: DocumentKind::ALL.map(|k| k.as_str().to_owned()).to_vec(),
            })
    }
}

impl<'de> Deserialize<'de> for DocumentKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

/// An attachment's metadata: its kind, name, type, size and SHA-256, when it was added. The
/// bytes are stored, encrypted, elsewhere; `sha256` ties the two together.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub kind: DocumentKind,
    /// The name the file had when added: "CV 2024.pdf". Required.
    pub file_name: String,
    /// "application/pdf".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media_type: String,
    /// Size in bytes.
    // JavaScript numbers hold integers exactly up to 2^53: plenty here.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub size: u64,
    /// SHA-256 of the bytes, 64 lower-case hexadecimal digits.
    pub sha256: String,
    pub added_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The file carries a digital signature (an ELMO transcript's XML signature). Candor
    /// has *not* verified it: say "signature present, not verified", never "verified".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub signed: bool,
    /// An issuer's original that holds the seeker's identity (national identity number,
    /// name, birth date) as the issuer signed it, so it cannot be redacted. Never goes into
    /// an anonymous view, nor into a full one without a warning that says so; left out of the
    /// seeker's own export unless they ask for the national id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub holds_identity: bool,
}

impl Validate for Document {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("fileName", &self.file_name);
        check.line("mediaType", &self.media_type);
        let is_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if self.sha256.len() != 64 || !self.sha256.bytes().all(is_hex) {
            let value = self.sha256.clone();
            check.problem("sha256", Problem::BadSha256 { value });
        }
        check.text("note", &self.note);
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ValidationError;

    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn cv() -> Document {
        Document {
            kind: DocumentKind::Cv,
            file_name: "CV 2024.pdf".into(),
            media_type: "application/pdf".into(),
            size: 48_213,
            sha256: EMPTY_SHA256.into(),
            added_at: Timestamp::parse("2024-05-01T12:00:00Z").expect("valid time"),
            note: Some("English version".into()),
            signed: false,
            holds_identity: false,
        }
    }

    #[test]
    fn document_kinds_read_and_write_kebab_case() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.to_string().parse(), Ok(kind));
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{kind}\""));
        }
        assert_eq!(DocumentKind::CoverLetter.to_string(), "cover-letter");
        let problem = "letter".parse::<DocumentKind>().expect_err("unknown kind");
        assert_eq!(
            problem.to_string(),
            "\"letter\" is not one of cv, cover-letter, diploma, transcript, photo, other; use one of them"
        );
    }

    #[test]
    fn document_round_trips_through_json() {
        let document = cv();
        let json = serde_json::to_string(&document).expect("serializes");
        assert_eq!(
            json,
            format!(
                r#"{{"kind":"cv","fileName":"CV 2024.pdf","mediaType":"application/pdf","size":48213,"sha256":"{EMPTY_SHA256}","addedAt":"2024-05-01T12:00:00Z","note":"English version"}}"#
            )
        );
        assert_eq!(
            serde_json::from_str::<Document>(&json).expect("reads"),
            document
        );
        assert!(document.validate().is_ok());
    }

    #[test]
    fn issuer_originals_say_so_and_older_documents_read_as_not_signed() {
        let mut document = cv();
        document.signed = true;
        document.holds_identity = true;
        let json = serde_json::to_value(&document).expect("serializes");
        assert_eq!(
            (&json["signed"], &json["holdsIdentity"]),
            (&true.into(), &true.into())
        );
        let older = r#"{"kind":"cv","fileName":"a.pdf","size":1,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","addedAt":"2024-05-01T12:00:00Z"}"#;
        let read: Document = serde_json::from_str(older).expect("reads");
        assert!(!read.signed && !read.holds_identity);
    }

    #[test]
    fn document_without_name_or_with_a_bad_hash_is_refused() {
        let mut document = cv();
        document.file_name = String::new();
        document.sha256 = EMPTY_SHA256.to_uppercase();
        let errors = document.validate().expect_err("two problems");
        assert_eq!(
            errors.0,
            vec![
                ValidationError::new("fileName", Problem::Required),
                ValidationError::new(
                    "sha256",
                    Problem::BadSha256 {
                        value: EMPTY_SHA256.to_uppercase()
                    }
                ),
            ]
        );
    }
}
