//! Sealing records: AES-256-GCM with a random 96-bit nonce and an AAD naming the row.
//!
//! AAD = fields(format version, vault id, kind, record id, record version), each
//! length-prefixed (4-byte big-endian length). A ciphertext moved to another row, another
//! vault or another version fails to open. The encoding is frozen by a test vector below:
//! changing it makes every existing vault unreadable.

use crate::header::FORMAT_VERSION;
use crate::keys::{encode_fields, open_with_nonce, seal_random_nonce, Key256};

/// Names one version of one row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowName<'a> {
    pub vault_id: &'a [u8; 16],
    pub kind: &'a str,
    pub id: &'a str,
    pub version: u64,
}

impl RowName<'_> {
    pub fn aad(&self) -> Vec<u8> {
        encode_fields(&[
            &FORMAT_VERSION.to_be_bytes(),
            self.vault_id,
            self.kind.as_bytes(),
            self.id.as_bytes(),
            &self.version.to_be_bytes(),
        ])
    }
}

pub(crate) fn seal(key: &Key256, row: RowName<'_>, plaintext: &[u8]) -> Vec<u8> {
    seal_random_nonce(key, &row.aad(), plaintext)
}

pub(crate) fn open(key: &Key256, row: RowName<'_>, sealed: &[u8]) -> Option<Vec<u8>> {
    open_with_nonce(key, &row.aad(), sealed)
}

#[cfg(test)]
mod tests {
    use aes_gcm::aead::{Aead, Payload};
    use aes_gcm::Nonce;

    use super::*;

    const VAULT_ID: [u8; 16] = *b"0123456789abcdef";

    fn row() -> RowName<'static> {
        RowName {
            vault_id: &VAULT_ID,
            kind: "skill",
            id: "00c0ffee00c0ffee",
            version: 3,
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Freezes the AAD encoding: if this changes, no existing vault opens.
    #[test]
    fn record_aad_encoding_is_frozen() {
        assert_eq!(
            hex(&row().aad()),
            concat!(
                "00000004",
                "00000001",
                "00000010",
                "30313233343536373839616263646566",
                "00000005",
                "736b696c6c",
                "00000010",
                "30306330666665653030633066666565",
                "00000008",
                "0000000000000003",
            )
        );
    }

    /// Freezes the whole seal: a fixed key and nonce give these exact bytes. The expected
    /// value was computed independently, with Python's `cryptography` AESGCM over the AAD
    /// built by hand from the encoding above.
    #[test]
    fn record_seal_test_vector() {
        let key = Key256::from_bytes([0x42; 32]);
        let nonce = [7u8; 12];
        let sealed = key
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: br#"{"name":"Rust"}"#,
                    aad: &row().aad(),
                },
            )
            .expect("encrypt");
        assert_eq!(
            hex(&sealed),
            "03c033cdd89450c101069943a9795b4a26aae5ac275a3521cdad7fe140cb82"
        );
        let mut stored = nonce.to_vec();
        stored.extend_from_slice(&sealed);
        assert_eq!(
            open(&key, row(), &stored).as_deref(),
            Some(&br#"{"name":"Rust"}"#[..])
        );
    }

    #[test]
    fn a_ciphertext_moved_to_another_row_does_not_open() {
        let key = Key256::random();
        let sealed = seal(&key, row(), b"x");
        let moved = RowName {
            id: "another",
            ..row()
        };
        let older = RowName {
            version: 2,
            ..row()
        };
        let other_kind = RowName {
            kind: "work",
            ..row()
        };
        for name in [moved, older, other_kind] {
            assert!(
                open(&key, name, &sealed).is_none(),
                "{name:?} must not open"
            );
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;
    use crate::keys::{NONCE_LEN, TAG_LEN};

    /// A row name, owned, so that proptest can make and shrink one.
    #[derive(Debug, Clone)]
    struct Row {
        vault_id: [u8; 16],
        kind: String,
        id: String,
        version: u64,
    }

    impl Row {
        fn name(&self) -> RowName<'_> {
            RowName {
                vault_id: &self.vault_id,
                kind: &self.kind,
                id: &self.id,
                version: self.version,
            }
        }
    }

    fn row() -> impl Strategy<Value = Row> {
        (any::<[u8; 16]>(), ".{0,12}", ".{0,24}", any::<u64>()).prop_map(
            |(vault_id, kind, id, version)| Row {
                vault_id,
                kind,
                id,
                version,
            },
        )
    }

    fn plaintext() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(any::<u8>(), 0..=512)
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 128,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_record_under_any_row_name_opens_to_what_was_sealed(
            key in any::<[u8; 32]>(),
            row in row(),
            plaintext in plaintext(),
        ) {
            let key = Key256::from_bytes(key);
            let sealed = seal(&key, row.name(), &plaintext);
            prop_assert_eq!(sealed.len(), NONCE_LEN + plaintext.len() + TAG_LEN);
            prop_assert_eq!(open(&key, row.name(), &sealed), Some(plaintext));
        }

        #[test]
        fn any_single_bit_flipped_in_a_sealed_record_is_refused(
            key in any::<[u8; 32]>(),
            row in row(),
            plaintext in plaintext(),
            bit in any::<Index>(),
        ) {
            let key = Key256::from_bytes(key);
            let mut sealed = seal(&key, row.name(), &plaintext);
            // Nonce, ciphertext and tag alike.
            let bit = bit.index(sealed.len() * 8);
            sealed[bit / 8] ^= 1 << (bit % 8);
            prop_assert_eq!(open(&key, row.name(), &sealed), None, "bit {} flipped", bit);
        }

        #[test]
        fn any_single_bit_flipped_in_the_row_name_or_key_is_refused(
            key in any::<[u8; 32]>(),
            row in row(),
            plaintext in plaintext(),
            bit in any::<Index>(),
        ) {
            let key = Key256::from_bytes(key);
            let sealed = seal(&key, row.name(), &plaintext);
            let mut aad = row.name().aad();
            let at = bit.index(aad.len() * 8);
            aad[at / 8] ^= 1 << (at % 8);
            prop_assert_eq!(open_with_nonce(&key, &aad, &sealed), None, "AAD bit {} flipped", at);
            let mut other = *key.bytes();
            let at = bit.index(256);
            other[at / 8] ^= 1 << (at % 8);
            prop_assert_eq!(open(&Key256::from_bytes(other), row.name(), &sealed), None);
        }
    }
}
