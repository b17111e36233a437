//! The two kinds of key a bundle needs: a minisign (Ed25519) key that signs manifests, and
//! an age X25519 identity that bundles and replies are encrypted to.
//!
//! Both are the standard tools' own formats, so a key exported from Candor works with
//! `minisign -V` and `age -d -i`. Secret halves are only ever handed out as
//! [`Zeroizing`] bytes or [`SecretString`]s, for the vault to seal.

use std::fmt;
use std::io::Cursor;

use age::secrecy::ExposeSecret;
use secrecy::SecretString;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::BundleError;

/// A minisign key pair that signs manifests and key cards.
pub struct SigningKey {
    secret: minisign::SecretKey,
    public: VerifyingKey,
}

impl SigningKey {
    /// A fresh random key pair. Minisign keys cannot be derived from a seed, so each
    /// identity and pseudonym gets its own random one.
    pub fn generate() -> SigningKey {
        let pair = minisign::KeyPair::generate_unencrypted_keypair()
            .expect("the operating system's random source works");
        SigningKey {
            secret: pair.sk,
            public: VerifyingKey(pair.pk),
        }
    }

    /// The secret key in minisign's binary layout (unencrypted: the vault seals it).
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(self.secret.to_bytes())
    }

    /// Reads a key written by [`SigningKey::to_secret_bytes`].
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<SigningKey, BundleError> {
        let damaged = |_| BundleError::DamagedKey {
            what: "signing key",
        };
        let secret = minisign::SecretKey::from_bytes(bytes).map_err(damaged)?;
        if secret.is_encrypted() {
            return Err(BundleError::DamagedKey {
                what: "signing key",
            });
        }
        let public = minisign::PublicKey::from_secret_key(&secret).map_err(damaged)?;
        Ok(SigningKey {
            secret,
            public: VerifyingKey(public),
        })
    }

    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// Signs `data`; the trusted comment is signed too and shown by `minisign -V`.
    pub(crate) fn sign(&self, data: &[u8], trusted_comment: &str) -> String {
        minisign::sign(
            Some(&self.public.0),
            &self.secret,
            Cursor::new(data),
            Some(trusted_comment),
            Some("signature from a Candor key"),
        )
        .expect("signing bytes in memory with an unencrypted key cannot fail")
        .into_string()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// A minisign public key, written the way `minisign -P` takes it (base64).
#[derive(Clone)]
pub struct VerifyingKey(minisign::PublicKey);

impl VerifyingKey {
    pub fn parse(base64: &str) -> Result<VerifyingKey, BundleError> {
        minisign::PublicKey::from_base64(base64.trim())
            .map(VerifyingKey)
            .map_err(|_| BundleError::BadPublicKey {
                what: "minisign public key",
            })
    }

    pub fn to_base64(&self) -> String {
        self.0.to_base64()
    }

    /// The key id minisign prints ("untrusted comment: minisign public key ABCD…").
    pub fn key_id(&self) -> String {
        self.0
            .keynum()
            .iter()
            .rev()
            .map(|b| format!("{b:02X}"))
            .collect()
    }

    /// Checks a minisign signature over `data` and returns its trusted comment.
    pub(crate) fn verify(&self, data: &[u8], signature: &str) -> Result<String, SignatureProblem> {
        let parsed = minisign::SignatureBox::from_string(signature)
            .map_err(|_| SignatureProblem::Malformed)?;
        if !global_signature_is_whole(signature) {
            return Err(SignatureProblem::Malformed);
        }
        if parsed.keynum() != self.0.keynum() {
            return Err(SignatureProblem::OtherKey);
        }
        minisign::verify(&self.0, &parsed, Cursor::new(data), true, false, false)
            .map_err(|_| SignatureProblem::Invalid)?;
        parsed
            .trusted_comment()
            .map_err(|_| SignatureProblem::Malformed)
    }
}

impl PartialEq for VerifyingKey {
    fn eq(&self, other: &Self) -> bool {
        self.to_base64() == other.to_base64()
    }
}

impl Eq for VerifyingKey {}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyingKey({})", self.to_base64())
    }
}

/// Why a signature did not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignatureProblem {
    /// Not a minisign signature at all.
    Malformed,
    /// A valid-looking signature made by a different key.
    OtherKey,
    /// The right key id, but the signature does not match the bytes.
    Invalid,
}

/// An age X25519 identity (`AGE-SECRET-KEY-1…`): bundles and replies are encrypted to its
/// recipient (`age1…`).
pub struct AgeIdentity(age::x25519::Identity);

impl AgeIdentity {
    pub fn generate() -> AgeIdentity {
        AgeIdentity(age::x25519::Identity::generate())
    }

    pub fn parse(secret: &str) -> Result<AgeIdentity, BundleError> {
        secret
            .trim()
            .parse::<age::x25519::Identity>()
            .map(AgeIdentity)
            .map_err(|_| BundleError::DamagedKey {
                what: "age identity",
            })
    }

    /// The identity as `age-keygen` writes it, for the vault to seal or the user to export.
    pub fn to_secret_string(&self) -> SecretString {
        SecretString::from(self.0.to_string().expose_secret().to_owned())
    }

    pub fn recipient(&self) -> String {
        self.0.to_public().to_string()
    }

    pub(crate) fn as_age(&self) -> &age::x25519::Identity {
        &self.0
    }
}

impl fmt::Debug for AgeIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AgeIdentity({})", self.recipient())
    }
}

/// Checks that `text` is an age X25519 recipient (`age1…`).
pub fn parse_age_recipient(text: &str) -> Result<age::x25519::Recipient, BundleError> {
    text.trim()
        .parse::<age::x25519::Recipient>()
        .map_err(|_| BundleError::BadPublicKey {
            what: "age recipient",
        })
}

/// Whether the last line of a minisign signature (the signature over the trusted comment)
/// holds exactly the 64 bytes of an Ed25519 signature. minisign 0.10 reads that line without
/// checking its length and slices it as 64 bytes when it verifies: a shorter one, under a
/// valid signature of the data (anyone can make one with their own key), would panic in
/// the reader of a bundle, a key card or a reveal. Found by fuzzing (`tests/fuzz`).
fn global_signature_is_whole(signature: &str) -> bool {
    signature
        .lines()
        .nth(3)
        .and_then(|line| data_encoding::BASE64.decode(line.trim().as_bytes()).ok())
        .is_some_and(|bytes| bytes.len() == 64)
}

/// A short fingerprint of a pair of public keys, to read aloud and compare out of band:
/// the first 100 bits of SHA-256 over both keys, in five groups of four Crockford base32
/// characters ("7KQ2-M9XD-…").
pub fn fingerprint(age_recipient: &str, minisign_key: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"candor-fingerprint/1\n")
        .chain_update(age_recipient.trim().as_bytes())
        .chain_update(b"\n")
        .chain_update(minisign_key.trim().as_bytes())
        .finalize();
    let mut spec = data_encoding::Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    let crockford = spec.encoding().expect("a valid base32 alphabet");
    let text = crockford.encode(&digest);
    text.as_bytes()[..20]
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_key_survives_its_secret_bytes() {
        let key = SigningKey::generate();
        let again = SigningKey::from_secret_bytes(&key.to_secret_bytes()).expect("reads");
        assert_eq!(again.verifying_key(), key.verifying_key());
        let signature = again.sign(b"hello", "comment");
        assert_eq!(
            key.verifying_key().verify(b"hello", &signature),
            Ok("comment".to_owned())
        );
    }

    #[test]
    fn signature_by_another_key_is_named_as_such() {
        let signature = SigningKey::generate().sign(b"hello", "c");
        let other = SigningKey::generate();
        assert_eq!(
            other.verifying_key().verify(b"hello", &signature),
            Err(SignatureProblem::OtherKey)
        );
    }

    #[test]
    fn signature_over_other_bytes_is_invalid() {
        let key = SigningKey::generate();
        let signature = key.sign(b"hello", "c");
        assert_eq!(
            key.verifying_key().verify(b"hellO", &signature),
            Err(SignatureProblem::Invalid)
        );
    }

    /// Replaces the last line of a signature (the one over the trusted comment) by the
    /// base64 of the first `keep` bytes of what it held.
    fn with_global_signature_cut_to(signature: &str, keep: usize) -> String {
        let mut lines: Vec<String> = signature.lines().map(str::to_owned).collect();
        let global = data_encoding::BASE64
            .decode(lines[3].trim().as_bytes())
            .expect("the writer's own base64");
        lines[3] = data_encoding::BASE64.encode(&global[..keep]);
        lines.join("\n") + "\n"
    }

    #[test]
    fn short_signature_over_the_trusted_comment_is_malformed_not_a_panic() {
        // The fuzzer's finding: a valid signature of the data, and a last line of 57 bytes,
        // panicked inside minisign ("range end index 64 out of range for slice of length
        // 57"). Every length short of 64 is refused, and so is a longer one.
        let key = SigningKey::generate();
        let signature = key.sign(b"hello", "comment");
        for keep in [0, 1, 31, 32, 57, 63] {
            let cut = with_global_signature_cut_to(&signature, keep);
            assert_eq!(
                key.verifying_key().verify(b"hello", &cut),
                Err(SignatureProblem::Malformed),
                "a global signature of {keep} bytes"
            );
        }
        let mut lines: Vec<String> = signature.lines().map(str::to_owned).collect();
        let mut global = data_encoding::BASE64
            .decode(lines[3].trim().as_bytes())
            .expect("the writer's own base64");
        global.push(0);
        lines[3] = data_encoding::BASE64.encode(&global);
        assert_eq!(
            key.verifying_key()
                .verify(b"hello", &(lines.join("\n") + "\n")),
            Err(SignatureProblem::Malformed)
        );
        // The untouched signature still verifies, with CRLF line ends too.
        assert_eq!(
            key.verifying_key().verify(b"hello", &signature),
            Ok("comment".to_owned())
        );
        assert_eq!(
            key.verifying_key()
                .verify(b"hello", &signature.replace('\n', "\r\n")),
            Ok("comment".to_owned())
        );
    }

    #[test]
    fn age_identity_round_trips_through_its_text() {
        let identity = AgeIdentity::generate();
        let text = identity.to_secret_string();
        assert!(text.expose_secret().starts_with("AGE-SECRET-KEY-1"));
        let again = AgeIdentity::parse(text.expose_secret()).expect("reads");
        assert_eq!(again.recipient(), identity.recipient());
        assert!(!format!("{again:?}").contains("AGE-SECRET"));
    }

    #[test]
    fn fingerprint_is_grouped_and_depends_on_both_keys() {
        let a = fingerprint("age1abc", "RWQkey");
        assert_eq!(a.len(), 24);
        assert_eq!(a.matches('-').count(), 4);
        assert_ne!(a, fingerprint("age1abd", "RWQkey"));
        assert_ne!(a, fingerprint("age1abc", "RWQkez"));
    }
}
