//! Key material and the small primitives built on it.
//!
//! The hierarchy: passphrase → Argon2id → KEK, which wraps a random data key (DEK); a
//! recovery code wraps the same DEK a second time. Sub-keys for records, attachments and
//! the authenticated index come from the DEK with HKDF-SHA256 under distinct labels, so no
//! key is ever used for two purposes.

use aes_gcm::aead::{Aead, AeadInPlace, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// AES-GCM nonce length.
pub const NONCE_LEN: usize = 12;
/// AES-GCM tag length.
pub const TAG_LEN: usize = 16;

/// A 256-bit secret key.
///
/// This should never implement Clone, Debug or Serialize, so it cannot be copied around,
/// printed into a log or sent over the wire by accident. It is wiped when dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Key256([u8; 32]);

impl Key256 {
    pub(crate) fn zero() -> Self {
        Key256([0; 32])
    }

    pub(crate) fn random() -> Self {
        let mut key = Key256::zero();
        rand::rngs::OsRng.fill_bytes(&mut key.0);
        key
    }

    pub(crate) fn from_bytes(bytes: [u8; 32]) -> Self {
        Key256(bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub(crate) fn bytes_mut(&mut self) -> &mut [u8; 32] {
        &mut self.0
    }

    /// HKDF-SHA256 (RFC 5869) of this key under `label`, with an optional salt.
    pub(crate) fn derive(&self, salt: Option<&[u8]>, label: &[u8]) -> Key256 {
        Key256::hkdf(&self.0, salt, label)
    }

    /// HKDF-SHA256 (RFC 5869) of any high-entropy input keying material.
    pub(crate) fn hkdf(ikm: &[u8], salt: Option<&[u8]>, label: &[u8]) -> Key256 {
        let hk = Hkdf::<Sha256>::new(salt, ikm);
        let mut out = Key256::zero();
        hk.expand(label, &mut out.0)
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        out
    }

    pub(crate) fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new_from_slice(&self.0).expect("key is 32 bytes")
    }
}

/// Labels for the sub-keys taken from the data key. Changing one makes every existing
/// vault unreadable: they are part of the format.
pub(crate) mod label {
    pub const RECORDS: &[u8] = b"candor/v1/records";
    pub const ATTACHMENTS: &[u8] = b"candor/v1/attachments";
    pub const INDEX: &[u8] = b"candor/v1/index";
    pub const RECOVERY_WRAP: &[u8] = b"candor/v1/recovery-wrap";
}

/// Random bytes from the operating system.
pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut out = [0u8; N];
    rand::rngs::OsRng.fill_bytes(&mut out);
    out
}

/// Appends `field` to `out` as a 4-byte big-endian length followed by the bytes, so that
/// no two different field lists encode to the same string.
pub(crate) fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    let len = u32::try_from(field.len()).expect("authenticated fields are far below 4 GiB");
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(field);
}

/// Length-prefixed encoding of a list of fields.
pub(crate) fn encode_fields(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fields.iter().map(|f| f.len() + 4).sum());
    for field in fields {
        push_field(&mut out, field);
    }
    out
}

/// AES-256-GCM seal with a random nonce; returns `nonce ‖ ciphertext ‖ tag`.
pub(crate) fn seal_random_nonce(key: &Key256, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let nonce = random_bytes::<NONCE_LEN>();
    let mut out = Vec::with_capacity(NONCE_LEN + plaintext.len() + TAG_LEN);
    out.extend_from_slice(&nonce);
    let sealed = key
        .cipher()
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
    out.extend_from_slice(&sealed);
    out
}

/// Opens `nonce ‖ ciphertext ‖ tag`; `None` when it does not authenticate.
pub(crate) fn open_with_nonce(key: &Key256, aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    key.cipher()
        .decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad })
        .ok()
}

/// Seals `buf` in place under an explicit nonce, appending the tag.
pub(crate) fn seal_in_place(
    cipher: &Aes256Gcm,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    buf: &mut Vec<u8>,
) {
    cipher
        .encrypt_in_place(Nonce::from_slice(nonce), aad, buf)
        .expect("AES-GCM encryption of an in-memory buffer cannot fail");
}

/// Opens `buf` (ciphertext ‖ tag) in place; false when it does not authenticate.
pub(crate) fn open_in_place(
    cipher: &Aes256Gcm,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    buf: &mut Vec<u8>,
) -> bool {
    cipher
        .decrypt_in_place(Nonce::from_slice(nonce), aad, buf)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_encoding_separates_boundaries() {
        assert_ne!(encode_fields(&[b"ab", b"c"]), encode_fields(&[b"a", b"bc"]));
        assert_eq!(encode_fields(&[b"ab"]), vec![0, 0, 0, 2, b'a', b'b']);
    }

    #[test]
    fn sealed_bytes_do_not_open_under_other_aad() {
        let key = Key256::random();
        let sealed = seal_random_nonce(&key, b"one", b"secret");
        assert_eq!(
            open_with_nonce(&key, b"one", &sealed).as_deref(),
            Some(&b"secret"[..])
        );
        assert!(open_with_nonce(&key, b"two", &sealed).is_none());
    }

    #[test]
    fn sub_keys_differ_by_label() {
        let key = Key256::random();
        assert_ne!(
            key.derive(None, label::RECORDS).0,
            key.derive(None, label::INDEX).0
        );
    }
}
