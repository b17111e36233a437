//! The EMREX transport form (the ELMO XML gzip-compressed, then base64-encoded), told apart
//! from raw XML and unpacked with a cap against compression bombs; and the fingerprint of
//! the XML, the same whichever form it came in.

use std::borrow::Cow;
use std::io::Read;

use data_encoding::{BASE64, BASE64URL, BASE64URL_NOPAD, BASE64_NOPAD};
use flate2::read::MultiGzDecoder;
use sha2::{Digest, Sha256};

use super::MAX_ELMO_XML_BYTES;
use crate::ImportError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const GZIP_MAGIC: &[u8] = b"\x1F\x8B";

/// The XML in `input`: as is when it is XML; unpacked when it is gzip (a `.gz` file) or the
/// EMREX transport form (base64 of gzip, whitespace allowed; standard or URL-safe alphabet).
pub(crate) fn xml_bytes(input: &[u8]) -> Result<Cow<'_, [u8]>, ImportError> {
    let trimmed = trim_start(input);
    if trimmed.starts_with(b"<") {
        return Ok(Cow::Borrowed(input));
    }
    if trimmed.starts_with(GZIP_MAGIC) {
        return gunzip(trimmed).map(Cow::Owned);
    }
    let text: Vec<u8> = trimmed
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let decoded = [BASE64, BASE64_NOPAD, BASE64URL, BASE64URL_NOPAD]
        .iter()
        .find_map(|encoding| encoding.decode(&text).ok())
        .ok_or(ImportError::TransportNotBase64)?;
    if decoded.starts_with(GZIP_MAGIC) {
        return gunzip(&decoded).map(Cow::Owned);
    }
    if trim_start(&decoded).starts_with(b"<") {
        // Base64 of uncompressed XML: not the standard form, but unambiguous.
        return Ok(Cow::Owned(decoded));
    }
    Err(ImportError::TransportNotGzip {
        reason: "the data does not start with the gzip signature".into(),
    })
}

/// Unpacks gzip, stopping at [`MAX_ELMO_XML_BYTES`].
fn gunzip(compressed: &[u8]) -> Result<Vec<u8>, ImportError> {
    let mut xml = Vec::new();
    MultiGzDecoder::new(compressed)
        .take(MAX_ELMO_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| ImportError::TransportNotGzip {
            reason: e.to_string(),
        })?;
    if xml.len() as u64 > MAX_ELMO_XML_BYTES {
        return Err(ImportError::DecompressedTooLarge {
            limit: MAX_ELMO_XML_BYTES,
        });
    }
    Ok(xml)
}

/// `input` without a UTF-8 byte order mark and leading whitespace.
fn trim_start(input: &[u8]) -> &[u8] {
    let input = input.strip_prefix(UTF8_BOM).unwrap_or(input);
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(input.len());
    &input[start..]
}

/// SHA-256, lower-case hex, of the XML in a canonical form: without a byte order mark or
/// surrounding whitespace, with every line ending as LF. The same transcript gives the same
/// fingerprint however it was transported or saved, so importing it twice can be noticed.
pub(crate) fn fingerprint(xml: &[u8]) -> String {
    let trimmed = trim_start(xml);
    let end = trimmed
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |last| last + 1);
    let mut hasher = Sha256::new();
    let mut bytes = trimmed[..end].iter().peekable();
    let mut chunk = Vec::with_capacity(64 * 1024);
    while let Some(&byte) = bytes.next() {
        if byte == b'\r' {
            chunk.push(b'\n');
            if bytes.peek() == Some(&&b'\n') {
                bytes.next();
            }
        } else {
            chunk.push(byte);
        }
        if chunk.len() == chunk.capacity() {
            hasher.update(&chunk);
            chunk.clear();
        }
    }
    hasher.update(&chunk);
    data_encoding::HEXLOWER.encode(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_bom_line_endings_and_surrounding_space() {
        let plain = fingerprint(b"<elmo>\n<report/>\n</elmo>");
        assert_eq!(
            fingerprint(b"\xEF\xBB\xBF  <elmo>\r\n<report/>\r</elmo>\r\n"),
            plain
        );
        assert_ne!(fingerprint(b"<elmo>\n<report/></elmo>"), plain);
        assert_eq!(plain.len(), 64);
    }

    #[test]
    fn base64_that_is_not_gzip_or_xml_is_refused() {
        let text = BASE64.encode(b"just some text");
        assert!(matches!(
            xml_bytes(text.as_bytes()),
            Err(ImportError::TransportNotGzip { .. })
        ));
        assert_eq!(
            xml_bytes(b"%%% not base64 %%%").expect_err("garbage"),
            ImportError::TransportNotBase64
        );
    }
}
