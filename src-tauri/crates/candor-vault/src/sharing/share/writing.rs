//! Writing a share's bundle file: the vault's side decrypts the attachments on one thread,
//! the bundle is sealed and written on another, and a third has the file go to disk as it
//! grows. See [`Vault::stream_bundle`].

use crate::roles::SeekerVault;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Receiver, SyncSender};

use candor_bundle::{
    BundleWriter, Manifest, Protection, SigningKey, Written, REVEAL, REVEAL_SIGNATURE,
};

use crate::error::{Result, VaultError};

impl SeekerVault {
    /// Writes the bundle to `file` on a thread of its own while this one decrypts the
    /// attachments out of the vault and hands them over a chunk at a time, so that opening
    /// the vault's chunks and sealing the bundle (age's encryption, the zip's checksums,
    /// the bundle's hash) run on two cores at once. At most [`CHUNKS_IN_FLIGHT`] chunks wait
    /// between the two: the bundle is streamed as before, never held whole. A third thread
    /// has the file written to disk as it grows, so that the sync before the ledger records
    /// the share finds little left to write. Returns the bundle's hash, size and manifest.
    pub(super) fn stream_bundle(
        &self,
        file: &mut BufWriter<File>,
        protection: Protection,
        contents: &Contents,
        manifest: Manifest,
        signer: &SigningKey,
    ) -> Result<(String, u64, Manifest)> {
        let syncing = file
            .get_ref()
            .try_clone()
            .map_err(VaultError::io("writing the bundle"))?;
        let (nudge, nudged) = mpsc::sync_channel(1);
        let (chunks, received) = mpsc::sync_channel(CHUNKS_IN_FLIGHT);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for () in nudged {
                    // Only starts the writing early: the sync after the bundle is complete
                    // is the one that counts, and reports any failure.
                    let _ = syncing.sync_data();
                }
            });
            let writer = scope.spawn(move || {
                let output = Writeback {
                    inner: file,
                    unsynced: 0,
                    nudge,
                };
                write_bundle(output, protection, contents, manifest, signer, received)
                    .map(|written| (written.sha256, written.size, written.manifest))
            });
            let mut handover = Handover {
                chunks,
                writer_gone: false,
            };
            let stored = contents.attachments.iter().filter(|a| a.content.is_none());
            let read = stored.into_iter().try_for_each(|attachment| {
                self.read_document_content(&attachment.id, &mut handover)?;
                handover
                    .end_of_document()
                    .map_err(VaultError::io("writing the bundle"))
            });
            let writer_gone = handover.writer_gone;
            // Closes the channel: a writer still waiting for chunks learns there are none.
            drop(handover);
            let written = writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            match read {
                Ok(()) => written,
                // The writer stopped first; its error says why.
                Err(e) if writer_gone => written.and(Err(e)),
                Err(e) => Err(e),
            }
        })
    }
}

/// Decrypted chunks that may wait between the vault and the bundle writer.
const CHUNKS_IN_FLIGHT: usize = 4;

/// What goes into a bundle besides its manifest.
pub(super) struct Contents {
    pub profile_json: String,
    pub profile_html: String,
    pub attachments: Vec<Attachment>,
    /// `reveal.json` and its signature, for a reveal.
    pub reveal: Option<(Vec<u8>, String)>,
    pub readme: String,
}

/// A document to attach: its id in the vault, its name in the bundle, its hash, and its
/// bytes when they are not the document as stored (a PDF written anew without metadata).
pub(super) struct Attachment {
    pub id: String,
    pub path: String,
    pub sha256: [u8; 32],
    pub content: Option<Vec<u8>>,
}

/// Writes the bundle, taking each attachment's bytes from `chunks`: `Some` chunks, then
/// `None` at the end of each document. A channel closed early means the vault could not
/// read a document; that error is reported by the other side.
fn write_bundle<W: Write>(
    output: W,
    protection: Protection,
    contents: &Contents,
    manifest: Manifest,
    signer: &SigningKey,
    chunks: Receiver<Option<Vec<u8>>>,
) -> Result<Written<W>> {
    let io = || VaultError::io("writing the bundle");
    let mut bundle = BundleWriter::new(output, protection)?;
    bundle.add("profile.json", contents.profile_json.as_bytes())?;
    bundle.add("profile.html", contents.profile_html.as_bytes())?;
    for attachment in &contents.attachments {
        if let Some(bytes) = &attachment.content {
            bundle.add(&attachment.path, bytes.as_slice())?;
            continue;
        }
        let mut entry = bundle.begin_with_sha256(&attachment.path, attachment.sha256)?;
        while let Some(chunk) = chunks.recv().map_err(|_| {
            io()(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the document stopped part way",
            ))
        })? {
            entry.write_all(&chunk).map_err(io())?;
        }
        entry.flush().map_err(io())?;
        entry.end();
    }
    if let Some((reveal, signature)) = &contents.reveal {
        bundle.add(REVEAL, reveal.as_slice())?;
        bundle.add(REVEAL_SIGNATURE, signature.as_bytes())?;
    }
    bundle.add("README.txt", contents.readme.as_bytes())?;
    Ok(bundle.finish(manifest, signer)?)
}

/// The vault's end of the channel to [`write_bundle`]: each decrypted chunk written to it
/// is handed over as it is.
struct Handover {
    chunks: SyncSender<Option<Vec<u8>>>,
    /// The writer hung up (it failed).
    writer_gone: bool,
}

impl Handover {
    fn send(&mut self, piece: Option<Vec<u8>>) -> io::Result<()> {
        self.chunks.send(piece).map_err(|_| {
            self.writer_gone = true;
            io::Error::new(io::ErrorKind::BrokenPipe, "the bundle writer stopped")
        })
    }

    fn end_of_document(&mut self) -> io::Result<()> {
        self.send(None)
    }
}

impl Write for Handover {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.send(Some(buf.to_vec()))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How much of the bundle is written before its file is asked to go to disk.
const WRITEBACK_EVERY: u64 = 16 << 20;

/// The bundle file, which nudges the syncing thread every [`WRITEBACK_EVERY`] bytes (and
/// stops nudging when dropped, which ends that thread).
struct Writeback<W> {
    inner: W,
    unsynced: u64,
    nudge: SyncSender<()>,
}

impl<W: Write> Write for Writeback<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.unsynced += written as u64;
        if self.unsynced >= WRITEBACK_EVERY {
            self.unsynced = 0;
            // A nudge already waiting is enough.
            let _ = self.nudge.try_send(());
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
