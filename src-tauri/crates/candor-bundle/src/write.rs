//! Writing a bundle in one pass: entries are hashed as they stream into the zip (unless the
//! caller knows an entry's hash already), the zip streams into age, and the age output is
//! hashed on its way to the file. Nothing is held
//! whole in memory, so a bundle of 500 MB of attachments costs what one of 5 MB does.

use std::io::{self, Read, Write};

use secrecy::SecretString;
use sha2::{Digest, Sha256};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

use crate::error::BundleError;
use crate::keys::{parse_age_recipient, SigningKey};
use crate::manifest::{Manifest, ManifestEntry, CHECKSUMS, FORMAT, MANIFEST, SIGNATURE};
use crate::paths::check_entry_path;

/// How the bundle is protected in transit.
pub enum Protection {
    /// Encrypted with age to X25519 recipients (`age1…`): the employer's from its key
    /// card, and normally the sender's own, so the sender can open their copy.
    Recipients(Vec<String>),
    /// Encrypted with age to a passphrase (scrypt), to be given to the recipient apart.
    Passphrase(SecretString),
    /// Signed but not encrypted; anyone who gets the file can read it.
    Plain,
}

/// What was written: the output and the hash of the bundle file as sent.
#[derive(Debug)]
pub struct Written<W> {
    pub output: W,
    /// Lowercase hex SHA-256 of the bytes written (the encrypted file, for encrypted ones).
    pub sha256: String,
    pub size: u64,
    pub manifest: Manifest,
}

/// Writes one bundle. Add entries, then [`BundleWriter::finish`] with the manifest.
pub struct BundleWriter<W: Write> {
    zip: ZipWriter<StreamWriter<Output<W>>>,
    entries: Vec<ManifestEntry>,
}

impl<W: Write> BundleWriter<W> {
    pub fn new(output: W, protection: Protection) -> Result<BundleWriter<W>, BundleError> {
        let counting = Counting {
            inner: output,
            hasher: Sha256::new(),
            bytes: 0,
        };
        let output = match protection {
            Protection::Plain => Output::Plain(counting),
            Protection::Recipients(recipients) => {
                let recipients = recipients
                    .iter()
                    .map(|r| parse_age_recipient(r))
                    .collect::<Result<Vec<_>, _>>()?;
                let encryptor = age::Encryptor::with_recipients(
                    recipients.iter().map(|r| r as &dyn age::Recipient),
                )
                .map_err(|_| BundleError::BadPublicKey {
                    what: "set of age recipients",
                })?;
                Output::Age(Box::new(
                    encryptor
                        .wrap_output(counting)
                        .map_err(BundleError::io("writing the bundle"))?,
                ))
            }
            Protection::Passphrase(passphrase) => Output::Age(Box::new(
                age::Encryptor::with_user_passphrase(passphrase)
                    .wrap_output(counting)
                    .map_err(BundleError::io("writing the bundle"))?,
            )),
        };
        Ok(BundleWriter {
            zip: ZipWriter::new_stream(output),
            entries: Vec::new(),
        })
    }

    /// Streams one entry into the bundle, stored uncompressed, and records its size and
    /// hash for the manifest.
    pub fn add(
        &mut self,
        path: &str,
        mut content: impl Read,
    ) -> Result<&ManifestEntry, BundleError> {
        let mut entry = self.begin(path)?;
        io::copy(&mut content, &mut entry).map_err(BundleError::io(format!("writing {path}")))?;
        Ok(entry.end())
    }

    /// Starts an entry to be written through the returned writer; for content that is
    /// pushed rather than pulled (a document decrypting out of the vault). Call
    /// [`EntryWriter::end`] when it is complete.
    pub fn begin(&mut self, path: &str) -> Result<EntryWriter<'_, W>, BundleError> {
        self.begin_entry(path, EntryDigest::Hashing(Sha256::new()))
    }

    /// [`BundleWriter::begin`] for content whose SHA-256 the caller already knows and
    /// vouches for (a document's, recorded by the vault when it was added): the manifest
    /// takes `sha256` as it is, and the bytes are not hashed again on their way in. A hash
    /// that does not match the bytes written makes a bundle every reader refuses as edited
    /// ([`BundleError::EntryEdited`]); it cannot pass unnoticed.
    pub fn begin_with_sha256(
        &mut self,
        path: &str,
        sha256: [u8; 32],
    ) -> Result<EntryWriter<'_, W>, BundleError> {
        self.begin_entry(path, EntryDigest::Known(sha256))
    }

    fn begin_entry(
        &mut self,
        path: &str,
        digest: EntryDigest,
    ) -> Result<EntryWriter<'_, W>, BundleError> {
        check_entry_path(path)?;
        if is_reserved(path) || self.entries.iter().any(|entry| entry.path == path) {
            return Err(BundleError::DuplicateEntry { path: path.into() });
        }
        self.start(path)?;
        Ok(EntryWriter {
            path: path.to_owned(),
            digest,
            size: 0,
            bundle: self,
        })
    }

    /// Writes `SHA256SUMS`, the manifest and its signature, and closes the zip and the
    /// encryption. `manifest.entries` and `format` are filled in here.
    pub fn finish(
        mut self,
        mut manifest: Manifest,
        signer: &SigningKey,
    ) -> Result<Written<W>, BundleError> {
        manifest.format = FORMAT.to_owned();
        manifest.entries = std::mem::take(&mut self.entries);
        manifest.issuer.public_key = signer.verifying_key().to_base64();
        let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
        let signature = signer.sign(&manifest_bytes, &manifest.trusted_comment());
        for (name, bytes) in [
            (CHECKSUMS, manifest.checksums().into_bytes()),
            (MANIFEST, manifest_bytes),
            (SIGNATURE, signature.into_bytes()),
        ] {
            self.start(name)?;
            self.zip
                .write_all(&bytes)
                .map_err(BundleError::io("writing the bundle"))?;
        }
        let output = self
            .zip
            .finish()
            .map_err(|e| BundleError::io("writing the bundle")(e.into()))?
            .into_inner();
        let counting = output.finish()?;
        Ok(Written {
            output: counting.inner,
            sha256: data_encoding::HEXLOWER.encode(&counting.hasher.finalize()),
            size: counting.bytes,
            manifest,
        })
    }

    fn start(&mut self, path: &str) -> Result<(), BundleError> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .unix_permissions(0o644);
        self.zip
            .start_file(path, options)
            .map_err(|e| BundleError::io(format!("writing {path} into the bundle"))(e.into()))
    }
}

/// Where an entry's SHA-256 for the manifest comes from.
enum EntryDigest {
    /// Computed from the bytes as they are written.
    Hashing(Sha256),
    /// Given by the caller, who vouches for it.
    Known([u8; 32]),
}

/// One entry being written: counted, and hashed unless its hash was given, on its way
/// into the zip.
pub struct EntryWriter<'b, W: Write> {
    path: String,
    digest: EntryDigest,
    size: u64,
    bundle: &'b mut BundleWriter<W>,
}

impl<'b, W: Write> EntryWriter<'b, W> {
    /// Records the entry, with its size and hash, for the manifest.
    pub fn end(self) -> &'b ManifestEntry {
        let EntryWriter {
            path,
            digest,
            size,
            bundle,
        } = self;
        let sha256: [u8; 32] = match digest {
            EntryDigest::Hashing(hasher) => hasher.finalize().into(),
            EntryDigest::Known(sha256) => sha256,
        };
        bundle.entries.push(ManifestEntry {
            path,
            size,
            sha256: data_encoding::HEXLOWER.encode(&sha256),
        });
        bundle.entries.last().expect("just pushed")
    }
}

impl<W: Write> Write for EntryWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.bundle.zip.write(buf)?;
        if let EntryDigest::Hashing(hasher) = &mut self.digest {
            hasher.update(&buf[..written]);
        }
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.bundle.zip.flush()
    }
}

pub(crate) fn is_reserved(path: &str) -> bool {
    [MANIFEST, SIGNATURE, CHECKSUMS].contains(&path)
}

/// The bundle file as it leaves: age-encrypted or plain.
enum Output<W: Write> {
    Age(Box<age::stream::StreamWriter<Counting<W>>>),
    Plain(Counting<W>),
}

impl<W: Write> Output<W> {
    fn finish(self) -> Result<Counting<W>, BundleError> {
        let mut counting = match self {
            Output::Age(writer) => writer
                .finish()
                .map_err(BundleError::io("finishing the bundle's encryption"))?,
            Output::Plain(counting) => counting,
        };
        counting
            .flush()
            .map_err(BundleError::io("writing the bundle"))?;
        Ok(counting)
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Age(writer) => writer.write(buf),
            Output::Plain(writer) => writer.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Age(writer) => writer.flush(),
            Output::Plain(writer) => writer.flush(),
        }
    }
}

/// Hashes and counts what passes through, for the ledger's bundle hash.
struct Counting<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The README.txt every bundle carries: what it is and how to check it without Candor.
pub fn readme_text(manifest_issuer_key: &str, encrypted: bool) -> String {
    let decrypt = if encrypted {
        "1. Decrypt it with age and the organisation's exported identity:\n\
         \x20    age -d -i employer-identity.txt bundle.candor > bundle.zip\n"
    } else {
        "1. This bundle is not encrypted: it is a zip as it stands (cp bundle.candor bundle.zip).\n"
    };
    format!(
        "This is a Candor bundle: a view of a job seeker's data, shared by them with you.\n\
         \n\
         profile.json   the data, JSON Resume-compatible (grades under \"x-candor-grades\")\n\
         profile.html   the same, for a person to read\n\
         attachments/   documents the seeker chose to include\n\
         manifest.json  what this is, who it is for, when it expires, the hash of every entry\n\
         \n\
         To check it without Candor:\n\
         {decrypt}\
         2. unzip bundle.zip -d bundle && cd bundle\n\
         3. minisign -Vm manifest.json -P {manifest_issuer_key}\n\
         4. sha256sum -c SHA256SUMS\n\
         \n\
         Use it only for the purpose stated in manifest.json, and delete it when it expires\n\
         or when the seeker asks you to (GDPR Art. 17).\n"
    )
}
