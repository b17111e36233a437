//! An employer's key card: who the organisation is, how to reach its privacy contact, and
//! the two public keys a seeker shares to — signed by the card's own minisign key.
//!
//! The file keeps the exact bytes that were signed (`card`) beside the signature, so
//! checking it needs no canonical JSON:
//!
//! ```json
//! { "card": { "format": "candor-keycard/1", "organisation": "…", … },
//!   "signature": "untrusted comment: …\n…" }
//! ```
//!
//! Self-signing proves the card was not edited after it was made, not who made it; that is
//! what the fingerprint, compared out of band, is for.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use candor_model::Timestamp;

use crate::error::BundleError;
use crate::keys::{fingerprint, parse_age_recipient, SignatureProblem, SigningKey, VerifyingKey};

pub const CARD_FORMAT: &str = "candor-keycard/1";

/// A key card file is small; anything larger is not one.
pub const MAX_CARD_BYTES: usize = 64 * 1024;

/// What an organisation says about itself on its card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardDetails {
    pub organisation: String,
    /// The organisation number (in Norway, the nine digits from Brønnøysundregistrene).
    pub organisation_number: String,
    pub contact: String,
    /// Where requests about personal data go (e-mail or postal address).
    pub privacy_contact: String,
    pub privacy_policy_url: String,
    /// Where bundles and notices can be posted, if the organisation runs an intake server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake_url: Option<String>,
}

/// A verified key card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyCard {
    pub format: String,
    #[serde(flatten)]
    pub details: CardDetails,
    pub age_recipient: String,
    pub minisign_key: String,
    pub created_at: Timestamp,
}

#[derive(Serialize, Deserialize)]
struct CardFile<'a> {
    #[serde(borrow)]
    card: &'a RawValue,
    signature: String,
}

impl KeyCard {
    /// Makes and signs a card for the given keys. Returns the card file's text.
    pub fn sign(
        details: CardDetails,
        age_recipient: &str,
        signer: &SigningKey,
        now: Timestamp,
    ) -> Result<String, BundleError> {
        check_details(&details)?;
        parse_age_recipient(age_recipient)?;
        let card = KeyCard {
            format: CARD_FORMAT.to_owned(),
            details,
            age_recipient: age_recipient.to_owned(),
            minisign_key: signer.verifying_key().to_base64(),
            created_at: now,
        };
        let body = serde_json::to_string_pretty(&card).expect("a card serializes");
        let signature = signer.sign(body.as_bytes(), &card.trusted_comment());
        let raw = RawValue::from_string(body).expect("serde_json wrote valid JSON");
        let file = CardFile {
            card: &raw,
            signature,
        };
        Ok(serde_json::to_string_pretty(&file).expect("a card file serializes") + "\n")
    }

    /// Reads a card file and checks its self-signature. Every failure is refused with its
    /// own error; nothing about an unverified card is returned.
    pub fn read(bytes: &[u8]) -> Result<KeyCard, BundleError> {
        if bytes.len() > MAX_CARD_BYTES {
            return Err(BundleError::MalformedCard {
                reason: format!("it is larger than {} KiB", MAX_CARD_BYTES / 1024),
            });
        }
        let malformed = |e: serde_json::Error| BundleError::MalformedCard {
            reason: e.to_string(),
        };
        let file: CardFile = serde_json::from_slice(bytes).map_err(malformed)?;
        #[derive(Deserialize)]
        struct Format {
            format: String,
        }
        let format: Format = serde_json::from_str(file.card.get()).map_err(malformed)?;
        if format.format != CARD_FORMAT {
            return Err(BundleError::UnknownCardFormat {
                found: format.format,
            });
        }
        let card: KeyCard = serde_json::from_str(file.card.get()).map_err(malformed)?;
        let key = VerifyingKey::parse(&card.minisign_key)?;
        parse_age_recipient(&card.age_recipient)?;
        let comment = key
            .verify(file.card.get().as_bytes(), &file.signature)
            .map_err(|problem| match problem {
                SignatureProblem::Malformed => BundleError::MalformedCard {
                    reason: "its signature is not a minisign signature".into(),
                },
                SignatureProblem::OtherKey | SignatureProblem::Invalid => {
                    BundleError::CardBadSignature
                }
            })?;
        if comment != card.trusted_comment() {
            return Err(BundleError::CardBadSignature);
        }
        check_details(&card.details)?;
        Ok(card)
    }

    /// The short fingerprint to compare with the organisation out of band.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.age_recipient, &self.minisign_key)
    }

    pub fn verifying_key(&self) -> Result<VerifyingKey, BundleError> {
        VerifyingKey::parse(&self.minisign_key)
    }

    fn trusted_comment(&self) -> String {
        format!(
            "{CARD_FORMAT} {} fingerprint:{}",
            self.details.organisation.replace(['\n', '\r'], " "),
            self.fingerprint()
        )
    }
}

/// At most [`MAX_CARD_BYTES`] and one byte more from `source`: enough for [`KeyCard::read`]
/// to refuse a card that is too large, without reading a huge file whole.
pub fn read_card_bytes(source: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    source
        .take(MAX_CARD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

impl CardDetails {
    /// Refuses details a key card cannot carry (a missing name, number or privacy
    /// contact, a bad URL), with the reason, before anything is made for them.
    pub fn check(&self) -> Result<(), BundleError> {
        check_details(self)
    }
}

fn check_details(details: &CardDetails) -> Result<(), BundleError> {
    let missing = |field: &str| BundleError::MalformedCard {
        reason: format!("the {field} is missing"),
    };
    if details.organisation.trim().is_empty() {
        return Err(missing("organisation name"));
    }
    if details.organisation_number.trim().is_empty() {
        return Err(missing("organisation number"));
    }
    if details.privacy_contact.trim().is_empty() {
        return Err(missing("privacy contact"));
    }
    if details.privacy_policy_url.trim().is_empty() {
        return Err(missing("privacy policy URL"));
    }
    if let Some(url) = &details.intake_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(BundleError::MalformedCard {
                reason: format!("the intake URL {url:?} is not an http(s) URL"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::AgeIdentity;

    pub(crate) fn details() -> CardDetails {
        CardDetails {
            organisation: "Fjordkraft Data AS".into(),
            organisation_number: "987654321".into(),
            contact: "rekruttering@fjordkraft.example".into(),
            privacy_contact: "personvern@fjordkraft.example".into(),
            privacy_policy_url: "https://fjordkraft.example/personvern".into(),
            intake_url: Some("http://127.0.0.1:8450/intake".into()),
        }
    }

    fn signed() -> (String, String) {
        let identity = AgeIdentity::generate();
        let key = SigningKey::generate();
        let text =
            KeyCard::sign(details(), &identity.recipient(), &key, Timestamp::now()).expect("signs");
        (text, identity.recipient())
    }

    #[test]
    fn a_signed_card_reads_back_with_its_fingerprint() {
        let (text, recipient) = signed();
        let card = KeyCard::read(text.as_bytes()).expect("verifies");
        assert_eq!(card.details, details());
        assert_eq!(card.age_recipient, recipient);
        assert_eq!(card.fingerprint().len(), 24);
    }

    #[test]
    fn an_edited_card_is_refused_as_a_bad_signature() {
        let (text, _) = signed();
        let edited = text.replace("987654321", "123456789");
        let error = KeyCard::read(edited.as_bytes()).expect_err("refused");
        assert!(matches!(error, BundleError::CardBadSignature), "{error}");
    }

    #[test]
    fn a_card_with_a_swapped_age_key_is_refused() {
        let (text, recipient) = signed();
        let other = AgeIdentity::generate().recipient();
        let edited = text.replace(&recipient, &other);
        assert!(matches!(
            KeyCard::read(edited.as_bytes()),
            Err(BundleError::CardBadSignature)
        ));
    }

    #[test]
    fn a_card_resigned_by_another_key_is_refused() {
        let (text, _) = signed();
        let file: serde_json::Value = serde_json::from_str(&text).expect("json");
        let body = file["card"].to_string();
        let forged = serde_json::json!({
            "card": serde_json::from_str::<serde_json::Value>(&body).expect("json"),
            "signature": SigningKey::generate().sign(body.as_bytes(), "x"),
        });
        assert!(matches!(
            KeyCard::read(forged.to_string().as_bytes()),
            Err(BundleError::CardBadSignature)
        ));
    }

    #[test]
    fn a_card_of_an_unknown_format_says_so() {
        let (text, _) = signed();
        let edited = text.replace(CARD_FORMAT, "candor-keycard/9");
        let error = KeyCard::read(edited.as_bytes()).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "this key card uses format \"candor-keycard/9\", which this Candor does not read; \
             update Candor"
        );
    }

    #[test]
    fn a_card_whose_comment_signature_is_cut_short_is_malformed_not_a_panic() {
        // Anyone can sign a card with their own key; one with a valid signature of the
        // card and a 57-byte signature over the trusted comment made minisign panic.
        // The card's bytes stay as signed; only the signature's last line changes.
        let (text, _) = signed();
        let file: serde_json::Value = serde_json::from_str(&text).expect("json");
        let signature = file["signature"].as_str().expect("a signature");
        let last = signature.lines().nth(3).expect("four lines").to_owned();
        let global = data_encoding::BASE64
            .decode(last.as_bytes())
            .expect("base64");
        let cut = text.replace(&last, &data_encoding::BASE64.encode(&global[..57]));
        assert_ne!(cut, text);
        let error = KeyCard::read(cut.as_bytes()).expect_err("refused");
        assert_eq!(error.code(), "malformed-card");
    }

    #[test]
    fn not_a_card_is_malformed() {
        let error = KeyCard::read(b"hello").expect_err("refused");
        assert_eq!(error.code(), "malformed-card");
    }

    #[test]
    fn a_card_without_a_privacy_contact_cannot_be_made() {
        let mut details = details();
        details.privacy_contact = " ".into();
        let error = KeyCard::sign(
            details,
            &AgeIdentity::generate().recipient(),
            &SigningKey::generate(),
            Timestamp::now(),
        )
        .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "this is not a Candor key card (the privacy contact is missing); check that you \
             chose the right file"
        );
    }
}
