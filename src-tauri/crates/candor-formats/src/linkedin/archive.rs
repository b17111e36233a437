//! Reading the export's zip distrustfully: only the CSV files Candor knows are unpacked,
//! each under a size cap, a total cap and a compression-ratio cap.

use std::io::{Read, Seek};

use zip::ZipArchive;

use super::Kind;
use crate::ImportError;

/// Most entries a zip may list; a LinkedIn export has a few dozen.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Most one CSV may unpack to: 16 MiB.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 16 * 1024 * 1024;
/// Most the CSVs read may unpack to together: 64 MiB.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Largest expansion (unpacked ÷ packed) allowed once an entry passes
/// [`RATIO_CHECK_FROM_BYTES`]: text deflates about 5–10 times; bombs a thousand.
pub const MAX_COMPRESSION_RATIO: u64 = 100;
/// Entries smaller than this are not ratio-checked: a short file of repeated commas can
/// deflate very well and still be harmless.
pub const RATIO_CHECK_FROM_BYTES: u64 = 1024 * 1024;

/// One recognised CSV file, unpacked.
pub(crate) struct Entry {
    pub kind: Kind,
    /// The name inside the zip, folders included.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The recognised CSV files of the zip, at most one per kind (the one nearest the top
/// when a kind appears in several folders).
pub(crate) fn read_entries<R: Read + Seek>(reader: R) -> Result<Vec<Entry>, ImportError> {
    let mut archive = ZipArchive::new(reader).map_err(|e| ImportError::NotAZip {
        reason: e.to_string(),
    })?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(ImportError::ZipTooManyEntries {
            limit: MAX_ZIP_ENTRIES,
        });
    }
    // (kind, depth, index, name) of the best entry of each kind.
    let mut chosen: Vec<(Kind, usize, usize, String)> = Vec::new();
    for index in 0..archive.len() {
        let name = match archive.name_for_index(index) {
            Some(Ok(name)) => name.into_owned(),
            _ => continue,
        };
        let base = name.rsplit(['/', '\\']).next().unwrap_or(&name);
        let Some(kind) = Kind::from_file_name(base) else {
            continue;
        };
        let depth = name.matches(['/', '\\']).count();
        match chosen.iter_mut().find(|(k, ..)| *k == kind) {
            Some(best) if depth < best.1 => *best = (kind, depth, index, name),
            Some(_) => {}
            None => chosen.push((kind, depth, index, name)),
        }
    }
    if chosen.is_empty() {
        return Err(ImportError::NotLinkedInExport);
    }
    chosen.sort_by_key(|(kind, ..)| *kind);
    let mut total = 0u64;
    let mut entries = Vec::with_capacity(chosen.len());
    for (kind, _, index, name) in chosen {
        let bytes = unpack(&mut archive, index, &name, &mut total)?;
        entries.push(Entry { kind, name, bytes });
    }
    Ok(entries)
}

/// Unpacks one entry in chunks, stopping as soon as a cap is passed, whatever sizes the
/// zip claims.
fn unpack<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    name: &str,
    total: &mut u64,
) -> Result<Vec<u8>, ImportError> {
    let unreadable = |e: &dyn std::fmt::Display| ImportError::ZipEntryUnreadable {
        name: name.to_owned(),
        reason: e.to_string(),
    };
    let mut file = archive.by_index(index).map_err(|e| unreadable(&e))?;
    let too_large = ImportError::ZipEntryTooLarge {
        name: name.to_owned(),
        limit: MAX_ZIP_ENTRY_BYTES,
    };
    if file.size() > MAX_ZIP_ENTRY_BYTES {
        return Err(too_large);
    }
    let packed = file.compressed_size().max(1);
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let read = file.read(&mut chunk).map_err(|e| unreadable(&e))?;
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..read]);
        *total += read as u64;
        let unpacked = bytes.len() as u64;
        if unpacked > RATIO_CHECK_FROM_BYTES
            && unpacked > packed.saturating_mul(MAX_COMPRESSION_RATIO)
        {
            return Err(ImportError::ZipBomb {
                name: name.to_owned(),
                ratio: MAX_COMPRESSION_RATIO,
            });
        }
        if unpacked > MAX_ZIP_ENTRY_BYTES {
            return Err(too_large);
        }
        if *total > MAX_ZIP_TOTAL_BYTES {
            return Err(ImportError::ZipTooLarge {
                limit: MAX_ZIP_TOTAL_BYTES,
            });
        }
    }
    Ok(bytes)
}
