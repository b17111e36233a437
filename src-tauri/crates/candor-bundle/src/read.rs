//! Reading a bundle, distrustfully: everything about its structure and signature is
//! checked in [`open`] before any entry is handed out, and each entry is checked against
//! the signed manifest as it streams ([`OpenBundle::entry`]). A caller that commits only
//! after every entry finished cleanly commits nothing from a bad bundle.

use std::collections::BTreeSet;
use std::io::{self, Read, Seek, SeekFrom};

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use zip::result::ZipError;
use zip::{CompressionMethod, ZipArchive};

use candor_model::Timestamp;

use crate::error::BundleError;
use crate::keys::{AgeIdentity, SignatureProblem, VerifyingKey};
use crate::manifest::{Manifest, ManifestEntry, CHECKSUMS, FORMAT, MANIFEST, SIGNATURE};
use crate::paths::check_entry_path;
use crate::write::is_reserved;

mod checks;

use checks::{check_entries_match, check_structure, read_small, verify_manifest};

const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// How far a reader trusts a bundle's sizes.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The bundle file itself.
    pub max_bundle_bytes: u64,
    pub max_entries: usize,
    pub max_entry_bytes: u64,
    /// All entries unpacked together.
    pub max_total_bytes: u64,
    /// Uncompressed over compressed size, for entries that are compressed.
    pub max_ratio: u64,
    pub max_manifest_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bundle_bytes: 4 << 30,
            max_entries: 10_000,
            max_entry_bytes: 2 << 30,
            max_total_bytes: 4 << 30,
            max_ratio: 100,
            max_manifest_bytes: 8 << 20,
        }
    }
}

/// The keys a reader may open a bundle with.
#[derive(Default)]
pub struct Keys<'a> {
    pub identities: Vec<&'a AgeIdentity>,
    pub passphrase: Option<SecretString>,
}

/// How the bundle was protected in transit.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sealing {
    Recipient,
    Passphrase,
    Plain,
}

impl Sealing {
    pub fn as_str(self) -> &'static str {
        match self {
            Sealing::Recipient => "recipient",
            Sealing::Passphrase => "passphrase",
            Sealing::Plain => "plain",
        }
    }
}

/// A bundle whose structure, manifest and signature have been checked.
pub struct OpenBundle<R: Read + Seek> {
    archive: ZipArchive<Source<R>>,
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    signature: String,
    sealing: Sealing,
}

/// Opens a bundle and checks everything that can be checked without reading the entries:
/// the encryption, the zip structure against `limits`, the entry names, the manifest's
/// format and signature, and that manifest, `SHA256SUMS` and zip entries agree one to one.
pub fn open<R: Read + Seek>(
    mut reader: R,
    keys: &Keys,
    limits: &Limits,
) -> Result<OpenBundle<R>, BundleError> {
    let sealing_hint = sniff(&mut reader, limits)?;
    let (source, sealing) = match sealing_hint {
        Sealing::Plain => (Source::Plain(reader), Sealing::Plain),
        _ => decrypt(reader, keys)?,
    };
    let mut archive = ZipArchive::new(source).map_err(|e| zip_open_error(e, sealing))?;
    check_structure(&mut archive, limits)?;

    let manifest_bytes = read_small(&mut archive, MANIFEST, limits.max_manifest_bytes)?;
    let signature_bytes = read_small(&mut archive, SIGNATURE, 64 * 1024)?;
    let signature =
        String::from_utf8(signature_bytes).map_err(|_| BundleError::MalformedManifest {
            reason: "the signature file is not text".into(),
        })?;
    let manifest = verify_manifest(&manifest_bytes, &signature)?;
    check_entries_match(&mut archive, &manifest, limits)?;
    let checksums = read_small(
        &mut archive,
        CHECKSUMS,
        (manifest.entries.len() as u64 + 1) * 400,
    )?;
    if checksums != manifest.checksums().as_bytes() {
        return Err(BundleError::ChecksumsDisagree);
    }
    Ok(OpenBundle {
        archive,
        manifest,
        manifest_bytes,
        signature,
        sealing,
    })
}

impl<R: Read + Seek> OpenBundle<R> {
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The exact signed manifest bytes and their minisign signature.
    pub fn signed_manifest(&self) -> (&[u8], &str) {
        (&self.manifest_bytes, &self.signature)
    }

    pub fn sealing(&self) -> Sealing {
        self.sealing
    }

    /// Refuses a bundle addressed to another key card than `fingerprint`.
    pub fn check_addressed_to(&self, fingerprint: &str) -> Result<(), BundleError> {
        match &self.manifest.recipient {
            Some(to) if to.fingerprint == fingerprint => Ok(()),
            Some(to) => Err(BundleError::AddressedToAnother {
                addressed_to: to.name.clone(),
                fingerprint: to.fingerprint.clone(),
            }),
            None => Err(BundleError::AddressedToAnother {
                addressed_to: "nobody in particular".into(),
                fingerprint: "no fingerprint".into(),
            }),
        }
    }

    pub fn check_not_expired(&self, now: Timestamp) -> Result<(), BundleError> {
        match self.manifest.expires_at {
            Some(at) if at <= now => Err(BundleError::Expired { at }),
            _ => Ok(()),
        }
    }

    /// Refuses a bundle not signed by `key` (for notices, which must be signed by the key
    /// that signed the bundles they name).
    pub fn check_signer(&self, key: &VerifyingKey) -> Result<(), BundleError> {
        if self.manifest.issuer.public_key == key.to_base64() {
            Ok(())
        } else {
            Err(BundleError::UnexpectedSigner {
                found: self.manifest.issuer.name.clone(),
            })
        }
    }

    /// A reader over one entry. Read it to the end, then call [`EntryReader::finish`],
    /// which checks the size and hash against the signed manifest.
    pub fn entry(&mut self, path: &str) -> Result<EntryReader<'_, R>, BundleError> {
        let expected = self
            .manifest
            .entry(path)
            .cloned()
            .ok_or_else(|| BundleError::EntryRemoved { path: path.into() })?;
        let file = self
            .archive
            .by_name(path)
            .map_err(|e| zip_read_error(e, path))?;
        Ok(EntryReader {
            inner: file.take(expected.size + 1),
            expected,
            hasher: Sha256::new(),
            read: 0,
            failure: None,
        })
    }

    /// Reads one entry whole, checked; for the small entries (profile.json).
    pub fn read_entry(&mut self, path: &str, max: u64) -> Result<Vec<u8>, BundleError> {
        let size = self.manifest.entry(path).map_or(0, |entry| entry.size);
        if size > max {
            return Err(BundleError::EntryTooLarge {
                path: path.into(),
                size,
                max,
            });
        }
        let mut reader = self.entry(path)?;
        let mut bytes = Vec::with_capacity(size as usize);
        let result = reader.read_to_end(&mut bytes);
        reader.finish_after(result)?;
        Ok(bytes)
    }

    /// Reads and checks every entry without keeping anything: `candor verify`.
    pub fn verify_all(&mut self) -> Result<(), BundleError> {
        let paths: Vec<String> = self
            .manifest
            .entries
            .iter()
            .map(|entry| entry.path.clone())
            .collect();
        for path in paths {
            let mut reader = self.entry(&path)?;
            let result = io::copy(&mut reader, &mut io::sink());
            reader.finish_after(result)?;
        }
        Ok(())
    }
}

/// One entry streaming out of a bundle, hashed as it goes.
pub struct EntryReader<'a, R: Read + Seek> {
    inner: io::Take<zip::read::ZipFile<'a, Source<R>>>,
    expected: ManifestEntry,
    hasher: Sha256,
    read: u64,
    failure: Option<BundleError>,
}

impl<R: Read + Seek> EntryReader<'_, R> {
    /// Checks that what was read is exactly the entry the manifest signed. Call after
    /// reading to the end; an entry not read to the end is reported as cut short.
    pub fn finish(mut self) -> Result<(), BundleError> {
        if let Some(failure) = self.failure.take() {
            return Err(failure);
        }
        let path = &self.expected.path;
        if self.read != self.expected.size {
            return Err(BundleError::SizeMismatch { path: path.clone() });
        }
        let actual = data_encoding::HEXLOWER.encode(&self.hasher.finalize());
        if actual != self.expected.sha256 {
            return Err(BundleError::EntryEdited { path: path.clone() });
        }
        Ok(())
    }

    /// [`EntryReader::finish`], after a read that may itself have failed.
    pub fn finish_after<T>(self, read: io::Result<T>) -> Result<(), BundleError> {
        match (read, self.failure.is_some()) {
            (Err(e), false) => Err(io_error(e, &self.expected.path)),
            _ => self.finish(),
        }
    }

    /// The failure this reader met while being read, if any, for a caller whose own
    /// error (from the I/O it caused) would name it less well.
    pub fn take_failure(&mut self) -> Option<BundleError> {
        self.failure.take()
    }

    pub fn expected(&self) -> &ManifestEntry {
        &self.expected
    }
}

impl<R: Read + Seek> Read for EntryReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self.inner.read(buf) {
            Ok(n) => {
                self.hasher.update(&buf[..n]);
                self.read += n as u64;
                if self.read > self.expected.size {
                    self.failure = Some(BundleError::SizeMismatch {
                        path: self.expected.path.clone(),
                    });
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "entry larger than its signed size",
                    ));
                }
                Ok(n)
            }
            Err(e) => {
                let kind = e.kind();
                self.failure = Some(io_error(e, &self.expected.path));
                Err(io::Error::new(kind, "the bundle entry could not be read"))
            }
        }
    }
}

/// Checks the file's size and first bytes; says whether it is age or a plain zip.
fn sniff<R: Read + Seek>(reader: &mut R, limits: &Limits) -> Result<Sealing, BundleError> {
    let io = BundleError::io("reading the bundle");
    let length = reader.seek(SeekFrom::End(0)).map_err(io)?;
    if length > limits.max_bundle_bytes {
        return Err(BundleError::BundleTooLarge {
            max: limits.max_bundle_bytes,
        });
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(BundleError::io("reading the bundle"))?;
    let mut head = Vec::with_capacity(AGE_MAGIC.len());
    reader
        .by_ref()
        .take(AGE_MAGIC.len() as u64)
        .read_to_end(&mut head)
        .map_err(BundleError::io("reading the bundle"))?;
    reader
        .seek(SeekFrom::Start(0))
        .map_err(BundleError::io("reading the bundle"))?;
    if head.starts_with(ZIP_MAGIC) {
        Ok(Sealing::Plain)
    } else if head == AGE_MAGIC {
        Ok(Sealing::Recipient)
    } else if !head.is_empty() && AGE_MAGIC.starts_with(&head) {
        Err(BundleError::Truncated)
    } else {
        Err(BundleError::NotABundle)
    }
}

fn decrypt<R: Read + Seek>(reader: R, keys: &Keys) -> Result<(Source<R>, Sealing), BundleError> {
    let decryptor = age::Decryptor::new(reader).map_err(age_error)?;
    if decryptor.is_scrypt() {
        let passphrase = keys
            .passphrase
            .clone()
            .ok_or(BundleError::NeedsPassphrase)?;
        let identity = age::scrypt::Identity::new(passphrase);
        let stream = decryptor
            .decrypt(std::iter::once(&identity as _))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                    BundleError::WrongPassphrase
                }
                other => age_error(other),
            })?;
        return Ok((Source::Age(Box::new(stream)), Sealing::Passphrase));
    }
    let identities = keys
        .identities
        .iter()
        .map(|identity| identity.as_age() as &dyn age::Identity);
    let stream = decryptor.decrypt(identities).map_err(age_error)?;
    Ok((Source::Age(Box::new(stream)), Sealing::Recipient))
}

fn age_error(error: age::DecryptError) -> BundleError {
    match error {
        age::DecryptError::NoMatchingKeys => BundleError::NotForThisRecipient,
        age::DecryptError::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            BundleError::Truncated
        }
        age::DecryptError::Io(e) => BundleError::io("reading the bundle")(e),
        age::DecryptError::ExcessiveWork { .. } => BundleError::DamagedEncryption,
        _ => BundleError::DamagedEncryption,
    }
}

/// An I/O error while reading the zip. Errors from age's stream carry a [`DecryptFailure`]:
/// a cut-short file is an unexpected end, an altered chunk fails authentication. Errors from
/// the zip layer itself (a CRC that does not match) mean the entry was altered.
fn io_error(error: io::Error, path: &str) -> BundleError {
    let from_age = error
        .get_ref()
        .is_some_and(|inner| inner.is::<DecryptFailure>());
    match (error.kind(), from_age) {
        (io::ErrorKind::UnexpectedEof, _) => BundleError::Truncated,
        (_, true) => BundleError::DamagedEncryption,
        (io::ErrorKind::InvalidData, false) => BundleError::EntryEdited { path: path.into() },
        _ => BundleError::io(format!("reading {path} from the bundle"))(error),
    }
}

/// Marks an I/O error as coming from age's decrypting reader.
#[derive(Debug)]
struct DecryptFailure(String);

impl std::fmt::Display for DecryptFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "decrypting the bundle: {}", self.0)
    }
}

impl std::error::Error for DecryptFailure {}

fn zip_open_error(error: ZipError, sealing: Sealing) -> BundleError {
    match error {
        ZipError::Io(e) => io_error(e, "the bundle's table of contents"),
        // A plain zip cut short loses its end record first.
        ZipError::InvalidArchive(_) if sealing == Sealing::Plain => BundleError::Truncated,
        other => BundleError::NotAZip {
            reason: other.to_string(),
        },
    }
}

fn zip_read_error(error: ZipError, path: &str) -> BundleError {
    match error {
        ZipError::Io(e) => io_error(e, path),
        ZipError::FileNotFound => BundleError::EntryRemoved { path: path.into() },
        ZipError::UnsupportedArchive(how) => BundleError::UnsupportedEntry {
            path: path.into(),
            how: how.into(),
        },
        ZipError::CompressionMethodNotSupported(method) => BundleError::UnsupportedEntry {
            path: path.into(),
            how: format!("compression method {method}"),
        },
        other => BundleError::NotAZip {
            reason: other.to_string(),
        },
    }
}

/// The zip's underlying bytes: decrypted on the fly, or the file itself.
enum Source<R: Read + Seek> {
    Age(Box<age::stream::StreamReader<R>>),
    Plain(R),
}

impl<R: Read + Seek> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Age(reader) => reader
                .read(buf)
                .map_err(|e| io::Error::new(e.kind(), DecryptFailure(e.to_string()))),
            Source::Plain(reader) => reader.read(buf),
        }
    }
}

impl<R: Read + Seek> Seek for Source<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Source::Age(reader) => reader
                .seek(pos)
                .map_err(|e| io::Error::new(e.kind(), DecryptFailure(e.to_string()))),
            Source::Plain(reader) => reader.seek(pos),
        }
    }
}
