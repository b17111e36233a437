//! The vault's own keys: a minisign signing key and an age identity, made on first use and
//! sealed in the vault like any record. Seekers also get one pseudonym per recipient for
//! anonymous shares: a separate random pair of keys, so two employers cannot link them.

use crate::roles::VaultRole;
use candor_bundle::{AgeIdentity, SigningKey};
use candor_model::Timestamp;
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Result, VaultError};
use crate::records::internal_record;
use crate::vault::{Vault, Writer};

/// A key pair as stored: the secret halves in the standard tools' formats. The record is
/// sealed with the vault's record key; the struct wipes itself when dropped.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct StoredKeys {
    /// minisign's secret key bytes, base64.
    signing_key: String,
    /// `AGE-SECRET-KEY-1…`
    age_identity: String,
    pub created_at: Timestamp,
    /// For pseudonyms: the name the recipient sees ("Candidate 7KQ2").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl Drop for StoredKeys {
    fn drop(&mut self) {
        self.signing_key.zeroize();
        self.age_identity.zeroize();
    }
}

impl std::fmt::Debug for StoredKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredKeys")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

internal_record!(StoredKeys, "keys");

/// The vault's own keys live under this id; pseudonyms under `pseudonym-<recipient id>`.
const OWN_KEYS: &str = "self";

/// Keys ready to use.
pub(crate) struct KeyPair {
    pub signing: SigningKey,
    pub age: AgeIdentity,
    pub name: String,
}

impl StoredKeys {
    fn generate(name: String) -> StoredKeys {
        let signing = SigningKey::generate();
        let age = AgeIdentity::generate();
        use secrecy::ExposeSecret;
        StoredKeys {
            signing_key: data_encoding::BASE64.encode(&signing.to_secret_bytes()),
            age_identity: age.to_secret_string().expose_secret().to_owned(),
            created_at: Timestamp::now(),
            name,
        }
    }

    fn open(&self) -> Result<KeyPair> {
        let damaged = |what: &str| VaultError::tampered(format!("the vault's {what} is damaged"));
        let bytes = zeroize::Zeroizing::new(
            data_encoding::BASE64
                .decode(self.signing_key.as_bytes())
                .map_err(|_| damaged("signing key"))?,
        );
        Ok(KeyPair {
            signing: SigningKey::from_secret_bytes(&bytes).map_err(|_| damaged("signing key"))?,
            age: AgeIdentity::parse(&self.age_identity).map_err(|_| damaged("age identity"))?,
            name: self.name.clone(),
        })
    }
}

pub(crate) fn pseudonym_id(recipient_id: &str) -> String {
    format!("pseudonym-{recipient_id}")
}

/// "Candidate 7KQ2-M9XD": random, so it says nothing about the seeker.
fn pseudonym_name() -> String {
    let bytes: [u8; 5] = rand::random();
    let text = data_encoding::BASE32_NOPAD.encode(&bytes);
    format!("Candidate {}-{}", &text[..4], &text[4..8])
}

impl Writer<'_> {
    /// The keys stored under `id`, made now if there are none yet.
    fn keys_or_new(&mut self, id: &str, name: impl FnOnce() -> String) -> Result<KeyPair> {
        if let Some(stored) = self.get_record::<StoredKeys>(id)? {
            return stored.open();
        }
        let stored = StoredKeys::generate(name());
        self.put_record(id, 0, &stored)?;
        stored.open()
    }

    pub(crate) fn own_keys(&mut self) -> Result<KeyPair> {
        self.keys_or_new(OWN_KEYS, String::new)
    }

    pub(crate) fn pseudonym_keys(&mut self, recipient_id: &str) -> Result<KeyPair> {
        self.keys_or_new(&pseudonym_id(recipient_id), pseudonym_name)
    }
}

impl<R: VaultRole> Vault<R> {
    /// The vault's own keys, made on first use.
    pub(crate) fn own_keys(&mut self) -> Result<KeyPair> {
        if let Some(stored) = self.get_record::<StoredKeys>(OWN_KEYS)? {
            return stored.open();
        }
        self.write(|w| w.own_keys())
    }

    /// Every key this vault can decrypt with: its own and all its pseudonyms'.
    pub(crate) fn all_keys(&self) -> Result<Vec<KeyPair>> {
        self.list_records::<StoredKeys>()?
            .into_iter()
            .map(|(_, stored)| stored.open())
            .collect()
    }

    /// Opens a bundle with every key this vault can decrypt with (its own and its
    /// pseudonyms'), with the default limits; see [`candor_bundle::open`].
    pub(crate) fn open_bundle<B: std::io::Read + std::io::Seek>(
        &self,
        reader: B,
    ) -> Result<candor_bundle::OpenBundle<B>> {
        let keys = self.all_keys()?;
        let identities = candor_bundle::Keys {
            identities: keys.iter().map(|k| &k.age).collect(),
            passphrase: None,
        };
        Ok(candor_bundle::open(
            reader,
            &identities,
            &candor_bundle::Limits::default(),
        )?)
    }

    /// The age identities of [`Vault::all_keys`], for opening bundles outside the vault
    /// (`candor verify`).
    pub fn decryption_keys(&self) -> Result<Vec<AgeIdentity>> {
        Ok(self.all_keys()?.into_iter().map(|keys| keys.age).collect())
    }

    pub(crate) fn pseudonym(&self, recipient_id: &str) -> Result<Option<KeyPair>> {
        self.get_record::<StoredKeys>(&pseudonym_id(recipient_id))?
            .map(|stored| stored.open())
            .transpose()
    }

    /// The vault's age identity as `age-keygen` writes it, for the person to save and use
    /// with the `age` tool. The caller writes it to a file only the owner can read.
    pub fn export_age_identity(&mut self) -> Result<secrecy::SecretString> {
        Ok(self.own_keys()?.age.to_secret_string())
    }

    /// The vault's public keys: (age recipient, minisign public key).
    pub fn public_keys(&mut self) -> Result<(String, String)> {
        let keys = self.own_keys()?;
        Ok((
            keys.age.recipient(),
            keys.signing.verifying_key().to_base64(),
        ))
    }
}
