//! A reveal: the seeker tells one recipient that the pseudonym it knows is them.
//!
//! `reveal.json` names the recipient (by key card fingerprint), the pseudonym's key and the
//! identity's key, and is signed by the pseudonym (`reveal.json.minisig`); the bundle that
//! carries it is signed by the identity, whose manifest lists the hash of `reveal.json`.
//! So both keys vouch for the link, and it is bound to that one recipient: shown to another
//! employer, it proves nothing about the pseudonym it met.

use serde::{Deserialize, Serialize};

use candor_model::Timestamp;

use crate::error::BundleError;
use crate::keys::{SignatureProblem, SigningKey, VerifyingKey};
use crate::manifest::{Kind, Manifest};

pub const REVEAL: &str = "reveal.json";
pub const REVEAL_SIGNATURE: &str = "reveal.json.minisig";
pub const REVEAL_FORMAT: &str = "candor-reveal/1";

/// Who the pseudonym is, for one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reveal {
    pub format: String,
    /// The key card fingerprint of the one recipient this is for.
    pub recipient: String,
    pub pseudonym_name: String,
    pub pseudonym_key: String,
    pub identity_name: String,
    pub identity_key: String,
    pub issued_at: Timestamp,
}

impl Reveal {
    /// `reveal.json` and its signature by the pseudonym.
    pub fn sign(
        recipient_fingerprint: &str,
        pseudonym: &SigningKey,
        pseudonym_name: &str,
        identity: &SigningKey,
        identity_name: &str,
        now: Timestamp,
    ) -> (Vec<u8>, String) {
        let reveal = Reveal {
            format: REVEAL_FORMAT.to_owned(),
            recipient: recipient_fingerprint.to_owned(),
            pseudonym_name: pseudonym_name.to_owned(),
            pseudonym_key: pseudonym.verifying_key().to_base64(),
            identity_name: identity_name.to_owned(),
            identity_key: identity.verifying_key().to_base64(),
            issued_at: now,
        };
        let bytes = serde_json::to_vec_pretty(&reveal).expect("a reveal serializes");
        let signature = pseudonym.sign(&bytes, &format!("{REVEAL_FORMAT} {pseudonym_name}"));
        (bytes, signature)
    }

    /// Checks a reveal read from a bundle whose manifest (already verified) is `manifest`:
    /// a reveal bundle, signed by the identity it names, for `own_fingerprint`, and
    /// countersigned by the pseudonym.
    pub fn verify(
        bytes: &[u8],
        signature: &str,
        manifest: &Manifest,
        own_fingerprint: &str,
    ) -> Result<Reveal, BundleError> {
        let bad = |reason: &str| BundleError::BadReveal {
            reason: reason.to_owned(),
        };
        if manifest.kind != Kind::Reveal {
            return Err(bad("it is not in a reveal bundle"));
        }
        let reveal: Reveal =
            serde_json::from_slice(bytes).map_err(|_| bad("reveal.json cannot be read"))?;
        if reveal.format != REVEAL_FORMAT {
            return Err(bad("reveal.json is in an unknown format"));
        }
        if reveal.identity_key != manifest.issuer.public_key {
            return Err(bad(
                "the bundle is signed by another key than the identity it reveals",
            ));
        }
        if reveal.recipient != own_fingerprint {
            return Err(bad("it was made for another recipient"));
        }
        let pseudonym = VerifyingKey::parse(&reveal.pseudonym_key)?;
        pseudonym
            .verify(bytes, signature)
            .map_err(|problem| match problem {
                SignatureProblem::Malformed => bad("the pseudonym's signature cannot be read"),
                SignatureProblem::OtherKey | SignatureProblem::Invalid => {
                    bad("the pseudonym's signature does not verify")
                }
            })?;
        Ok(reveal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{new_bundle_id, Issuer};

    fn manifest(kind: Kind, issuer: &SigningKey) -> Manifest {
        Manifest {
            format: crate::manifest::FORMAT.into(),
            kind,
            id: new_bundle_id(),
            issued_at: Timestamp::now(),
            expires_at: None,
            issuer: Issuer {
                public_key: issuer.verifying_key().to_base64(),
                name: "Kari Nordmann".into(),
                reply_to: None,
            },
            recipient: None,
            view: Some(candor_model::ViewKind::Full),
            fields: vec![],
            purpose: String::new(),
            refers_to: vec![],
            entries: vec![],
        }
    }

    fn signed(pseudonym: &SigningKey, identity: &SigningKey) -> (Vec<u8>, String) {
        Reveal::sign(
            "AAAA-BBBB-CCCC-DDDD-EEEE",
            pseudonym,
            "Candidate 7KQ2-M9XD",
            identity,
            "Kari Nordmann",
            Timestamp::now(),
        )
    }

    #[test]
    fn a_reveal_signed_by_both_keys_for_this_recipient_verifies() {
        let (pseudonym, identity) = (SigningKey::generate(), SigningKey::generate());
        let (bytes, signature) = signed(&pseudonym, &identity);
        let reveal = Reveal::verify(
            &bytes,
            &signature,
            &manifest(Kind::Reveal, &identity),
            "AAAA-BBBB-CCCC-DDDD-EEEE",
        )
        .expect("verifies");
        assert_eq!(reveal.pseudonym_name, "Candidate 7KQ2-M9XD");
        assert_eq!(reveal.identity_key, identity.verifying_key().to_base64());
    }

    #[test]
    fn a_reveal_shown_to_another_recipient_proves_nothing() {
        let (pseudonym, identity) = (SigningKey::generate(), SigningKey::generate());
        let (bytes, signature) = signed(&pseudonym, &identity);
        let error = Reveal::verify(
            &bytes,
            &signature,
            &manifest(Kind::Reveal, &identity),
            "ZZZZ-BBBB-CCCC-DDDD-EEEE",
        )
        .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "this reveal is not valid (it was made for another recipient); it does not link \
             the pseudonym to anyone"
        );
    }

    #[test]
    fn a_reveal_not_countersigned_by_the_pseudonym_is_refused() {
        let (pseudonym, identity) = (SigningKey::generate(), SigningKey::generate());
        let (bytes, _) = signed(&pseudonym, &identity);
        let forged = identity.sign(&bytes, "x");
        let error = Reveal::verify(
            &bytes,
            &forged,
            &manifest(Kind::Reveal, &identity),
            "AAAA-BBBB-CCCC-DDDD-EEEE",
        )
        .expect_err("refused");
        assert_eq!(error.code(), "bad-reveal");
    }

    #[test]
    fn a_reveal_in_a_bundle_signed_by_someone_else_is_refused() {
        let (pseudonym, identity) = (SigningKey::generate(), SigningKey::generate());
        let (bytes, signature) = signed(&pseudonym, &identity);
        let other = SigningKey::generate();
        assert!(Reveal::verify(
            &bytes,
            &signature,
            &manifest(Kind::Reveal, &other),
            "AAAA-BBBB-CCCC-DDDD-EEEE",
        )
        .is_err());
    }
}
