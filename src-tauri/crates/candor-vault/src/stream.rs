//! Attachments as a STREAM of sealed 64 KiB chunks (Hoang, Reyhanitabar, Rogaway, Vizár,
//! "Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", 2015).
//!
//! Every encryption gets a fresh key: `HKDF(k_attachments, salt = 32 random bytes,
//! "candor/v1/attachment")`, so no nonce is ever reused under a key. Chunk `i` is sealed
//! with AES-256-GCM under nonce `i as 88-bit big-endian ‖ last`, where `last` is 1 for the
//! final chunk only: a dropped tail, a reordered chunk or a chunk from another attachment
//! fails to open. A file never sits whole in memory; two chunk buffers are all there is.

use std::io::{self, Read};

use aes_gcm::Aes256Gcm;
use sha2::{Digest, Sha256};

use crate::keys::{open_in_place, seal_in_place, Key256, NONCE_LEN, TAG_LEN};

/// Plaintext bytes per chunk.
pub const CHUNK_LEN: usize = 64 * 1024;
/// Length of the per-encryption salt.
pub const SALT_LEN: usize = 32;

const LABEL: &[u8] = b"candor/v1/attachment";

pub(crate) struct StreamKey {
    cipher: Aes256Gcm,
    aad: Vec<u8>,
}

fn nonce(seq: u64, last: bool) -> [u8; NONCE_LEN] {
    let mut nonce = [0u8; NONCE_LEN];
    nonce[3..11].copy_from_slice(&seq.to_be_bytes());
    nonce[11] = u8::from(last);
    nonce
}

/// What a sealed stream turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSummary {
    pub size: u64,
    pub chunks: u64,
}

/// A reader that computes the SHA-256 of everything read through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
        }
    }

    pub fn sha256(self) -> [u8; 32] {
        self.hasher.finalize().into()
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

impl StreamKey {
    /// The key for one attachment. `binding` (the blob id) goes into every chunk's AAD.
    pub fn new(attachments_key: &Key256, salt: &[u8; SALT_LEN], binding: &[u8]) -> StreamKey {
        let key = attachments_key.derive(Some(salt), LABEL);
        StreamKey {
            cipher: key.cipher(),
            aad: binding.to_vec(),
        }
    }

    /// Reads `reader` to its end and hands each sealed chunk (`ciphertext ‖ tag`) to
    /// `emit` with its sequence number. An empty input is one empty, final chunk.
    pub fn seal_reader<E>(
        &self,
        mut reader: impl Read,
        mut emit: impl FnMut(u64, &[u8]) -> Result<(), E>,
    ) -> Result<Result<StreamSummary, E>, io::Error> {
        let mut current = Vec::with_capacity(CHUNK_LEN + TAG_LEN);
        let mut next = Vec::with_capacity(CHUNK_LEN + TAG_LEN);
        let mut size = 0u64;
        let mut seq = 0u64;
        let mut at_end = fill(&mut reader, &mut current)?;
        loop {
            if at_end {
                next.clear();
            } else {
                at_end = fill(&mut reader, &mut next)?;
            }
            // The chunk is the last one when nothing follows it.
            let last = at_end && next.is_empty();
            size += current.len() as u64;
            seal_in_place(&self.cipher, &nonce(seq, last), &self.aad, &mut current);
            if let Err(e) = emit(seq, &current) {
                return Ok(Err(e));
            }
            seq += 1;
            if last {
                break;
            }
            std::mem::swap(&mut current, &mut next);
        }
        Ok(Ok(StreamSummary { size, chunks: seq }))
    }

    /// Seals chunk `seq` of a stream of `chunks` in place: what [`StreamKey::open_chunk`]
    /// opens. For re-sealing a stored stream chunk by chunk under another key.
    pub fn seal_chunk(&self, seq: u64, chunks: u64, buf: &mut Vec<u8>) {
        seal_in_place(&self.cipher, &nonce(seq, seq + 1 == chunks), &self.aad, buf);
    }

    /// Opens chunk `seq` of a stream of `chunks` in place. False when it does not
    /// authenticate: edited, out of place, or from another attachment.
    pub fn open_chunk(&self, seq: u64, chunks: u64, buf: &mut Vec<u8>) -> bool {
        open_in_place(&self.cipher, &nonce(seq, seq + 1 == chunks), &self.aad, buf)
    }
}

/// Fills `buf` with up to one chunk. Returns true when the reader is exhausted.
fn fill(reader: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    buf.clear();
    buf.resize(CHUNK_LEN, 0);
    let mut filled = 0;
    while filled < CHUNK_LEN {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(filled);
    Ok(filled < CHUNK_LEN)
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;

    use super::*;

    fn sealed_chunks(key: &StreamKey, data: &[u8]) -> Vec<Vec<u8>> {
        let mut chunks = Vec::new();
        key.seal_reader(data, |_, c| {
            chunks.push(c.to_vec());
            Ok::<_, Infallible>(())
        })
        .expect("in-memory reads cannot fail")
        .expect("the sink accepts everything");
        chunks
    }

    fn open_all(key: &StreamKey, chunks: &[Vec<u8>], expected: u64) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for (i, c) in chunks.iter().enumerate() {
            let mut buf = c.clone();
            if !key.open_chunk(i as u64, expected, &mut buf) {
                return None;
            }
            out.extend_from_slice(&buf);
        }
        Some(out)
    }

    fn key() -> StreamKey {
        StreamKey::new(&Key256::random(), &[9; SALT_LEN], b"blob")
    }

    #[test]
    fn chunk_boundaries_round_trip() {
        let key = key();
        for len in [0, 1, CHUNK_LEN - 1, CHUNK_LEN, CHUNK_LEN + 1, 3 * CHUNK_LEN] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let chunks = sealed_chunks(&key, &data);
            assert_eq!(
                chunks.len(),
                len.div_ceil(CHUNK_LEN).max(1),
                "chunks for {len} bytes"
            );
            let opened = open_all(&key, &chunks, chunks.len() as u64);
            assert_eq!(
                opened.as_deref(),
                Some(&data[..]),
                "round trip of {len} bytes"
            );
        }
    }

    #[test]
    fn a_stream_cut_at_a_chunk_boundary_is_detected() {
        let key = key();
        let chunks = sealed_chunks(&key, &vec![1u8; 3 * CHUNK_LEN]);
        // Even when told the shorter count, the new "last" chunk was not sealed as last.
        assert!(open_all(&key, &chunks[..2], 2).is_none());
    }

    #[test]
    fn swapped_chunks_are_detected() {
        let key = key();
        let mut chunks = sealed_chunks(&key, &vec![1u8; 3 * CHUNK_LEN]);
        chunks.swap(0, 1);
        assert!(open_all(&key, &chunks, 3).is_none());
    }

    #[test]
    fn a_chunk_from_another_attachment_is_detected() {
        let attachments = Key256::random();
        let a = StreamKey::new(&attachments, &[1; SALT_LEN], b"a");
        let b = StreamKey::new(&attachments, &[1; SALT_LEN], b"b");
        let chunks = sealed_chunks(&a, b"hello");
        assert!(open_all(&b, &chunks, 1).is_none());
    }
}

#[cfg(test)]
mod properties {
    use std::convert::Infallible;

    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;

    /// `len` bytes from `seed`, cheap to make and to shrink (by length) however long.
    fn bytes(len: usize, seed: u64) -> Vec<u8> {
        let mut state = seed | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect()
    }

    /// Mostly short attachments; now and then one at, or just either side of, a chunk
    /// boundary.
    fn length() -> impl Strategy<Value = usize> {
        prop_oneof![
            4 => 0..=300usize,
            1 => (CHUNK_LEN - 2)..=(CHUNK_LEN + 2),
            1 => (2 * CHUNK_LEN - 1)..=(2 * CHUNK_LEN + 1),
        ]
    }

    fn stream_key() -> impl Strategy<Value = ([u8; 32], [u8; SALT_LEN], Vec<u8>)> {
        (
            any::<[u8; 32]>(),
            any::<[u8; SALT_LEN]>(),
            proptest::collection::vec(any::<u8>(), 0..=32),
        )
    }

    fn sealed_chunks(key: &StreamKey, data: &[u8]) -> Vec<Vec<u8>> {
        let mut chunks = Vec::new();
        key.seal_reader(data, |seq, c| {
            assert_eq!(seq, chunks.len() as u64, "chunks are numbered in order");
            chunks.push(c.to_vec());
            Ok::<_, Infallible>(())
        })
        .expect("in-memory reads cannot fail")
        .expect("the sink accepts everything");
        chunks
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn any_attachment_opens_chunk_by_chunk_to_what_was_sealed(
            (key, salt, binding) in stream_key(),
            len in length(),
            seed in any::<u64>(),
        ) {
            let key = StreamKey::new(&Key256::from_bytes(key), &salt, &binding);
            let data = bytes(len, seed);
            let chunks = sealed_chunks(&key, &data);
            let count = chunks.len() as u64;
            prop_assert_eq!(chunks.len(), len.div_ceil(CHUNK_LEN).max(1));
            let mut opened = Vec::new();
            for (seq, chunk) in chunks.iter().enumerate() {
                let mut buf = chunk.clone();
                prop_assert!(key.open_chunk(seq as u64, count, &mut buf), "chunk {} opens", seq);
                opened.extend_from_slice(&buf);
                // Sealed again chunk by chunk, as a re-key does, it gives the same bytes.
                let mut resealed = buf.clone();
                key.seal_chunk(seq as u64, count, &mut resealed);
                prop_assert_eq!(&resealed, chunk, "the same key, nonce and AAD");
            }
            prop_assert_eq!(opened, data);
        }

        #[test]
        fn any_single_bit_flipped_in_a_sealed_chunk_is_refused(
            (key, salt, binding) in stream_key(),
            len in length(),
            seed in any::<u64>(),
            chunk in any::<Index>(),
            bit in any::<Index>(),
        ) {
            let key = StreamKey::new(&Key256::from_bytes(key), &salt, &binding);
            let chunks = sealed_chunks(&key, &bytes(len, seed));
            let count = chunks.len() as u64;
            let seq = chunk.index(chunks.len());
            // Ciphertext and tag alike; the nonce is the chunk's place, tried below.
            let mut buf = chunks[seq].clone();
            let bit = bit.index(buf.len() * 8);
            buf[bit / 8] ^= 1 << (bit % 8);
            prop_assert!(
                !key.open_chunk(seq as u64, count, &mut buf),
                "bit {} of chunk {} flipped",
                bit,
                seq
            );
            // The same chunk, unchanged, at another place, or last when it was not (and not
            // last when it was).
            let seq = seq as u64;
            let other_last = if seq + 1 == count { count + 1 } else { seq + 1 };
            let elsewhere = [(seq ^ 1, count), (seq, other_last)];
            for (other_seq, other_count) in elsewhere {
                let mut buf = chunks[seq as usize].clone();
                prop_assert!(
                    !key.open_chunk(other_seq, other_count, &mut buf),
                    "opened as chunk {} of {}",
                    other_seq,
                    other_count
                );
            }
        }
    }
}
