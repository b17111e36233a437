//! Documents: encrypted attachments streamed in and out in 64 KiB chunks.
//!
//! A document is two records and its chunks: the `document` record (what the person sees:
//! kind, file name, size, hash), a `blob` record under the same id (where the bytes are and
//! how they were sealed), and the sealed chunks. All three change in one transaction.

use crate::roles::{SeekerVault, VaultRole};
use std::io::{Read, Write};

use candor_model::{Document, DocumentKind, Record, Timestamp};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Result, VaultError};
use crate::keys::{random_bytes, Key256};
use crate::records::internal_record;
use crate::records::{decode, new_id, now_order, Entry};
use crate::stream::{HashingReader, StreamKey, SALT_LEN};
use crate::vault::{Vault, Writer};

/// Where a document's bytes are, and the salt of the key that sealed them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BlobRef {
    blob: String,
    salt: [u8; SALT_LEN],
    chunks: u64,
    pub size: u64,
}

internal_record!(BlobRef, "blob");

impl BlobRef {
    /// The id its chunks are stored under.
    pub(crate) fn id(&self) -> &str {
        &self.blob
    }

    /// Re-seals every chunk of this blob from `old` to `new` attachment keys, in `tx`, one
    /// chunk in memory at a time; `after_chunk` runs after each chunk is written.
    pub(crate) fn reseal(
        &self,
        tx: &rusqlite::Transaction<'_>,
        old: &Key256,
        new: &Key256,
        after_chunk: &mut dyn FnMut() -> Result<()>,
    ) -> Result<()> {
        let old = StreamKey::new(old, &self.salt, self.blob.as_bytes());
        let new = StreamKey::new(new, &self.salt, self.blob.as_bytes());
        let damaged = |why: String| {
            VaultError::tampered(format!("stored content {} is damaged: {why}", self.blob))
        };
        let mut read = tx
            .prepare_cached("SELECT sealed FROM chunks WHERE blob_id = ?1 AND seq = ?2")
            .map_err(VaultError::db("reading stored content"))?;
        let mut write = tx
            .prepare_cached("UPDATE chunks SET sealed = ?3 WHERE blob_id = ?1 AND seq = ?2")
            .map_err(VaultError::db("re-sealing stored content"))?;
        for seq in 0..self.chunks {
            let seq_sql = i64::try_from(seq).map_err(|_| damaged("too many chunks".into()))?;
            let mut buf: Vec<u8> = read
                .query_row(rusqlite::params![self.blob, seq_sql], |row| row.get(0))
                .optional()
                .map_err(VaultError::db("reading stored content"))?
                .ok_or_else(|| damaged(format!("chunk {seq} is missing")))?;
            if !old.open_chunk(seq, self.chunks, &mut buf) {
                return Err(damaged(format!("chunk {seq} does not authenticate")));
            }
            new.seal_chunk(seq, self.chunks, &mut buf);
            write
                .execute(rusqlite::params![self.blob, seq_sql, buf])
                .map_err(VaultError::db("re-sealing stored content"))?;
            after_chunk()?;
        }
        Ok(())
    }
}

/// What the person says about a document they add; the vault measures the rest.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    pub media_type: String,
    pub note: Option<String>,
}

impl NewDocument {
    /// A document of `kind` read from the file at `path`: its name, and its media type from
    /// the name's extension.
    pub fn from_path(kind: DocumentKind, path: &std::path::Path, note: Option<String>) -> Self {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        NewDocument {
            kind,
            media_type: media_type(&file_name).into(),
            file_name,
            note,
        }
    }
}

/// A media type from a file name, for the kinds of file a seeker keeps; anything else is
/// `application/octet-stream`.
pub fn media_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("txt" | "md") => "text/plain",
        Some("xml") => "application/xml",
        Some("json") => "application/json",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("odt") => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}

/// What the vault, not the person, says about a document: set by imports of
/// issuer-signed originals.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Provenance {
    pub signed: bool,
    pub holds_identity: bool,
}

impl Writer<'_> {
    /// Encrypts everything `content` yields as a new document, inside this transaction.
    pub(crate) fn add_document(
        &mut self,
        new: NewDocument,
        provenance: Provenance,
        content: impl Read,
    ) -> Result<Entry<Document>> {
        let id = new_id();
        let what = format!("cannot read {}", new.file_name);
        let mut hashing = HashingReader::new(content);
        let blob_ref = self.seal_blob(&mut hashing, &what)?;
        let sha256 = hashing.sha256();
        let document = Document {
            kind: new.kind,
            file_name: new.file_name,
            media_type: new.media_type,
            size: blob_ref.size,
            sha256: sha256.iter().map(|b| format!("{b:02x}")).collect(),
            added_at: Timestamp::now(),
            note: new.note,
            signed: provenance.signed,
            holds_identity: provenance.holds_identity,
        };
        let order = now_order();
        let version = self.put_record(&id, order, &document)?;
        self.put_record(&id, order, &blob_ref)?;
        Ok(Entry {
            id,
            version,
            value: document,
        })
    }
}

impl Writer<'_> {
    /// Seals everything `content` yields into new chunks, inside this transaction, and
    /// returns where they are. `what` names the content in errors. Hashing the content is
    /// the caller's business: a document records its SHA-256, while an imported bundle
    /// entry is hashed by the bundle's reader, which checks it against the signed manifest.
    pub(crate) fn seal_blob(&mut self, content: impl Read, what: &str) -> Result<BlobRef> {
        let blob = new_id();
        let salt = random_bytes::<SALT_LEN>();
        let stream_key = StreamKey::new(&self.keys.attachments, &salt, blob.as_bytes());
        let mut insert = self
            .tx
            .prepare_cached("INSERT INTO chunks (blob_id, seq, sealed) VALUES (?1, ?2, ?3)")
            .map_err(VaultError::db("storing a document"))?;
        let summary = stream_key
            .seal_reader(content, |seq, sealed| {
                insert
                    .execute(rusqlite::params![blob, seq as i64, sealed])
                    .map(|_| ())
                    .map_err(VaultError::db("storing a document chunk"))
            })
            .map_err(VaultError::io(what))??;
        drop(insert);
        Ok(BlobRef {
            blob,
            salt,
            chunks: summary.chunks,
            size: summary.size,
        })
    }

    /// Removes a blob's chunks.
    pub(crate) fn remove_blob(&mut self, blob: &BlobRef) -> Result<()> {
        self.tx
            .execute("DELETE FROM chunks WHERE blob_id = ?1", [&blob.blob])
            .map_err(VaultError::db("removing stored content"))?;
        Ok(())
    }
}

impl SeekerVault {
    /// Encrypts everything `content` yields into the vault as a new document. Nothing is
    /// stored if reading fails part way.
    pub fn add_document(
        &mut self,
        new: NewDocument,
        content: impl Read,
    ) -> Result<Entry<Document>> {
        self.write(|w| w.add_document(new, Provenance::default(), content))
    }

    /// Decrypts a document into `out`, checking every chunk. On an error, what was written
    /// so far is an authentic but incomplete prefix: write to a temporary place and keep it
    /// only on success.
    pub fn read_document(&self, id: &str, out: &mut impl Write) -> Result<Entry<Document>> {
        let entry = self.get::<Document>(id)?;
        self.read_document_content(id, out)?;
        Ok(entry)
    }

    /// [`Vault::read_document`], for a caller that has the document record already.
    pub(crate) fn read_document_content(&self, id: &str, out: &mut impl Write) -> Result<()> {
        let blob = self.blob_ref(id)?;
        self.read_blob(&blob, &format!("document {id}"), out)
    }

    /// Removes a document and its bytes.
    pub fn remove_document(&mut self, id: &str) -> Result<()> {
        let blob = self.blob_ref(id)?;
        self.write(|w| {
            w.remove(Document::KIND, id)?;
            w.remove(BlobRef::KIND, id)?;
            w.remove_blob(&blob)
        })
    }

    fn blob_ref(&self, id: &str) -> Result<BlobRef> {
        let (_, plain) =
            self.read_raw(BlobRef::KIND, id)?
                .ok_or_else(|| VaultError::RecordNotFound {
                    kind: Document::KIND,
                    id: id.to_owned(),
                })?;
        Ok(decode::<BlobRef>(BlobRef::KIND, id, &plain)?.1)
    }
}

impl<R: VaultRole> Vault<R> {
    /// Decrypts a blob into `out`, checking every chunk; `what` names it in errors.
    pub(crate) fn read_blob(&self, blob: &BlobRef, what: &str, out: &mut impl Write) -> Result<()> {
        let damaged = |why: &str| VaultError::tampered(format!("{what} is damaged: {why}"));
        let stream_key = StreamKey::new(&self.keys.attachments, &blob.salt, blob.blob.as_bytes());
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, sealed FROM chunks WHERE blob_id = ?1 ORDER BY seq")
            .map_err(VaultError::db("reading a document"))?;
        let mut rows = stmt
            .query([&blob.blob])
            .map_err(VaultError::db("reading a document"))?;
        let mut expected = 0u64;
        while let Some(row) = rows.next().map_err(VaultError::db("reading a document"))? {
            let seq: i64 = row
                .get(0)
                .map_err(VaultError::db("reading a document chunk"))?;
            let mut buf: Vec<u8> = row
                .get(1)
                .map_err(VaultError::db("reading a document chunk"))?;
            if seq != expected as i64 || expected >= blob.chunks {
                return Err(damaged("its chunks are out of sequence"));
            }
            if !stream_key.open_chunk(expected, blob.chunks, &mut buf) {
                return Err(damaged(&format!(
                    "chunk {expected} does not authenticate (edited, reordered or cut short)"
                )));
            }
            out.write_all(&buf)
                .map_err(VaultError::io("cannot write the decrypted document"))?;
            expected += 1;
        }
        if expected != blob.chunks {
            return Err(damaged(&format!(
                "it is cut short ({expected} of {} chunks)",
                blob.chunks
            )));
        }
        out.flush()
            .map_err(VaultError::io("cannot write the decrypted document"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_media_type_follows_the_extension_in_any_case() {
        assert_eq!(media_type("Kari_CV.PDF"), "application/pdf");
        assert_eq!(media_type("profile.json"), "application/json");
        assert_eq!(
            media_type("søknad.odt"),
            "application/vnd.oasis.opendocument.text"
        );
        assert_eq!(media_type("photo.jpeg"), "image/jpeg");
    }

    #[test]
    fn a_name_without_a_known_extension_is_plain_bytes() {
        for name in ["README", "archive.tar.zst", "pdf", ".pdf.exe"] {
            assert_eq!(media_type(name), "application/octet-stream", "{name}");
        }
    }

    #[test]
    fn a_document_from_a_path_is_named_for_its_file() {
        let new = NewDocument::from_path(
            DocumentKind::Transcript,
            Path::new("/home/kari/Vitnemål.pdf"),
            None,
        );
        assert_eq!(new.file_name, "Vitnemål.pdf");
        assert_eq!(new.media_type, "application/pdf");
    }
}
