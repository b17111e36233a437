//! The learner a transcript is about, and the documents it carries: kept apart from the
//! educations, because they identify the person.

use std::fmt;

use candor_model::{Day, ImportNote, NationalId, ValidationError};
use data_encoding::{BASE64, BASE64_NOPAD};

use super::xml::Element;
use super::{pick_text, Mapper};
use crate::dates::{parse_with_pattern, to_day};

/// Identifier types that name a national identity number: ELMO 1.x's `nationalIdentifier`,
/// and the `SSN` of the Finnish draft transcripts.
const NATIONAL_ID_TYPES: &[&str] = &["nationalidentifier", "ssn", "nin", "personalidentitycode"];

/// Who the transcript is about, as the issuer wrote it. Returned beside the educations, never
/// inside them: show it once so the seeker can confirm the transcript is theirs, and store
/// it only if they ask.
///
/// `Debug` redacts the national identity number; there is no `Serialize`, so the learner
/// cannot go over the wire or into a log by accident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learner {
    pub given_names: Option<String>,
    pub family_name: Option<String>,
    /// The draft format's `fullName`.
    pub full_name: Option<String>,
    pub birth_date: Option<Day>,
    /// ISO 5218 as the draft writes it, read as words: "male", "female".
    pub gender: Option<String>,
    /// ISO 3166-1 alpha-2, upper case, when the transcript says it.
    pub citizenship: Option<String>,
    pub national_id: Option<LearnerNationalId>,
}

impl Learner {
    /// The name to show: the full name, or given names and family name.
    pub fn name(&self) -> Option<String> {
        if let Some(full) = &self.full_name {
            return Some(full.clone());
        }
        let parts: Vec<&str> = [&self.given_names, &self.family_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Whether the transcript says nothing about the learner.
    pub fn is_empty(&self) -> bool {
        *self == Learner::default()
    }
}

/// A national identity number as a transcript gives it: not checked, since transcripts hold
/// numbers of every country (and test numbers that no checksum accepts).
///
/// `Debug` shows only the kind and country; there is no `Display` or `Serialize`.
#[derive(Clone, PartialEq, Eq)]
pub struct LearnerNationalId {
    kind: String,
    country: Option<String>,
    value: String,
}

impl LearnerNationalId {
    /// The identifier type the transcript gives: "nationalIdentifier", "SSN".
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The country it belongs to, when the transcript says it.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// The number itself. Handle with care: see [`NationalId`].
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The number as the model's checked [`NationalId`], for a seeker who asks to store it;
    /// `country` is used when the transcript does not say one. Errors never carry the number.
    pub fn to_national_id(&self, country: &str) -> Result<NationalId, ValidationError> {
        NationalId::new(self.country.as_deref().unwrap_or(country), &self.value)
    }
}

impl fmt::Debug for LearnerNationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LearnerNationalId")
            .field("kind", &self.kind)
            .field("country", &self.country)
            .field("value", &"<redacted>")
            .finish()
    }
}

/// A document embedded in the transcript (normally the issuer's PDF transcript).
#[derive(Clone, PartialEq, Eq)]
pub struct EmbeddedAttachment {
    /// The title in the preferred language, or "Attachment N".
    pub title: String,
    /// ELMO's attachment type: "Transcript of Records", "EMREX transcript", …
    pub kind: Option<String>,
    /// The media type of the data URI: "application/pdf".
    pub media_type: String,
    pub content: Vec<u8>,
}

impl fmt::Debug for EmbeddedAttachment {
    /// The content is left out: a transcript PDF holds the learner's identity.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmbeddedAttachment")
            .field("title", &self.title)
            .field("kind", &self.kind)
            .field("media_type", &self.media_type)
            .field("content", &format_args!("<{} bytes>", self.content.len()))
            .finish()
    }
}

/// The learner from every `learner` element given (ELMO 1.x puts it under `elmo`, the
/// draft under `report`), each field from the first that has it.
pub(crate) fn learner<'a>(elements: impl Iterator<Item = &'a Element>) -> Learner {
    let mut learner = Learner::default();
    for element in elements {
        let text = |name: &str| element.child_text(name).map(str::to_owned);
        fill(&mut learner.given_names, text("givenNames"));
        fill(&mut learner.family_name, text("familyName"));
        fill(&mut learner.full_name, text("fullName"));
        fill(
            &mut learner.citizenship,
            text("citizenship").map(|c| c.to_uppercase()),
        );
        if learner.birth_date.is_none() {
            learner.birth_date = element.child("bday").and_then(|bday| {
                parse_with_pattern(bday.text(), bday.attr("dtf")).and_then(to_day)
            });
        }
        fill(&mut learner.gender, text("gender").and_then(gender));
        for identifier in element.children_named("identifier") {
            let kind = identifier.attr("type").unwrap_or_default();
            let value = identifier.text();
            if value.is_empty() {
                continue;
            }
            if kind.eq_ignore_ascii_case("nationality") {
                fill(&mut learner.citizenship, Some(value.to_uppercase()));
            } else if NATIONAL_ID_TYPES.contains(&kind.to_lowercase().as_str())
                && learner.national_id.is_none()
            {
                learner.national_id = Some(LearnerNationalId {
                    kind: kind.to_owned(),
                    country: None,
                    value: value.to_owned(),
                });
            }
        }
    }
    if let Some(id) = &mut learner.national_id {
        id.country = learner.citizenship.clone().filter(|c| c.len() == 2);
    }
    learner
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// ISO 5218: 1 male, 2 female; 0 (unknown) and 9 (not applicable) say nothing.
fn gender(code: String) -> Option<String> {
    match code.as_str() {
        "1" => Some("male".into()),
        "2" => Some("female".into()),
        "0" | "9" => None,
        _ => Some(code),
    }
}

impl Mapper<'_> {
    /// The attachments among `elements`, each decoded from its `data:` URI; one that cannot
    /// be decoded is left out with a warning.
    pub(crate) fn attachments<'a>(
        &mut self,
        elements: impl Iterator<Item = &'a Element>,
    ) -> Vec<EmbeddedAttachment> {
        let mut found = Vec::new();
        for (i, element) in elements.enumerate() {
            let given = pick_text(element.children_named("title"), self.languages);
            let title = given
                .clone()
                .unwrap_or_else(|| format!("Attachment {}", i + 1));
            // A note names the attachment by its title or, without one, by its place.
            let named = |note: ImportNote| match &given {
                Some(given) => note.with("title", given),
                None => note.with("number", (i + 1).to_string()),
            };
            let Some(content) = pick_text(element.children_named("content"), self.languages) else {
                self.warn(named(ImportNote::new(
                    "attachment_without_content",
                    format!("the attachment \"{title}\" has no content; it was left out"),
                )));
                continue;
            };
            match data_uri(&content) {
                Some((media_type, content)) => found.push(EmbeddedAttachment {
                    title,
                    kind: element.child_text("type").map(str::to_owned),
                    media_type,
                    content,
                }),
                None => self.warn(named(ImportNote::new(
                    "attachment_unreadable",
                    format!(
                        "the attachment \"{title}\" is not a base64 data URI that can be \
                         decoded; it was left out"
                    ),
                ))),
            }
        }
        found
    }
}

/// `data:MEDIA;base64,DATA` → (media type, bytes). Whitespace inside the data is ignored.
fn data_uri(uri: &str) -> Option<(String, Vec<u8>)> {
    let rest = uri.trim().strip_prefix("data:")?;
    let (header, data) = rest.split_once(',')?;
    let media_type = header.strip_suffix(";base64")?;
    let data: Vec<u8> = data.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let content = BASE64
        .decode(&data)
        .or_else(|_| BASE64_NOPAD.decode(&data))
        .ok()?;
    let media_type = if media_type.is_empty() {
        "application/octet-stream"
    } else {
        media_type
    };
    Some((media_type.to_owned(), content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_uris_decode_and_bad_ones_are_none() {
        assert_eq!(
            data_uri("data:application/pdf;base64,JVBE\n Ri0x"),
            Some(("application/pdf".into(), b"%PDF-1".to_vec()))
        );
        assert_eq!(
            data_uri("data:application/pdf;base64,iiNhz6QfDnnDybjHLBF2..."),
            None
        );
        assert_eq!(data_uri("https://example.com/x.pdf"), None);
    }

    #[test]
    fn debug_of_a_national_id_redacts_the_number() {
        let id = LearnerNationalId {
            kind: "nationalIdentifier".into(),
            country: Some("NO".into()),
            value: "15059500136".into(),
        };
        let learner = Learner {
            national_id: Some(id),
            ..Default::default()
        };
        assert!(!format!("{learner:?}").contains("15059500136"));
    }
}
