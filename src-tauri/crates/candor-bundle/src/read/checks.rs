//! What a bundle must be before anything in it is trusted: its structure, its signed
//! manifest, and entries that match the manifest exactly.

use super::*;

/// Entry count, names, links, sizes and compression ratios, from the central directory.
pub(super) fn check_structure<R: Read + Seek>(
    archive: &mut ZipArchive<Source<R>>,
    limits: &Limits,
) -> Result<(), BundleError> {
    if archive.has_duplicate_names() {
        return Err(BundleError::DuplicateNames);
    }
    if archive.len() > limits.max_entries {
        return Err(BundleError::TooManyEntries {
            count: archive.len(),
            max: limits.max_entries,
        });
    }
    let mut total = 0u64;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| zip_read_error(e, "an entry"))?;
        let path = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if entry.is_symlink() {
            return Err(BundleError::SymlinkEntry { path });
        }
        check_entry_path(&path)?;
        if entry.is_dir() {
            return Err(BundleError::EntryAdded { path });
        }
        if entry.encrypted() {
            return Err(BundleError::UnsupportedEntry {
                path,
                how: "zip encryption".into(),
            });
        }
        if !matches!(
            entry.compression(),
            CompressionMethod::Stored | CompressionMethod::Deflated
        ) {
            return Err(BundleError::UnsupportedEntry {
                path,
                how: format!("compression {}", entry.compression()),
            });
        }
        let size = entry.size();
        if size > limits.max_entry_bytes {
            return Err(BundleError::EntryTooLarge {
                path,
                size,
                max: limits.max_entry_bytes,
            });
        }
        let compressed = entry.compressed_size();
        if size > 0 && size / compressed.max(1) > limits.max_ratio {
            return Err(BundleError::CompressionBomb {
                ratio: size / compressed.max(1),
                path,
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(BundleError::BundleTooLarge {
                max: limits.max_total_bytes,
            });
        }
    }
    Ok(())
}

pub(super) fn read_small<R: Read + Seek>(
    archive: &mut ZipArchive<Source<R>>,
    name: &'static str,
    max: u64,
) -> Result<Vec<u8>, BundleError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Err(BundleError::MissingPart { name }),
        Err(e) => return Err(zip_read_error(e, name)),
    };
    if file.size() > max {
        return Err(BundleError::EntryTooLarge {
            path: name.into(),
            size: file.size(),
            max,
        });
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(e, name))?;
    if bytes.len() as u64 > max {
        return Err(BundleError::SizeMismatch { path: name.into() });
    }
    Ok(bytes)
}

/// Format first (so a future format gets its own message), then the signature over the
/// exact bytes, then the full parse.
pub(super) fn verify_manifest(bytes: &[u8], signature: &str) -> Result<Manifest, BundleError> {
    let malformed = |reason: String| BundleError::MalformedManifest { reason };
    let loose: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| malformed(e.to_string()))?;
    let format = loose["format"].as_str().unwrap_or_default();
    if format != FORMAT {
        return Err(BundleError::UnknownFormat {
            found: format.to_owned(),
        });
    }
    let key_text = loose["issuer"]["publicKey"]
        .as_str()
        .ok_or_else(|| malformed("it names no issuer key".into()))?;
    let key = VerifyingKey::parse(key_text)?;
    let comment = key
        .verify(bytes, signature)
        .map_err(|problem| match problem {
            SignatureProblem::Malformed => {
                malformed("its signature is not a minisign signature".into())
            }
            SignatureProblem::OtherKey => BundleError::SignedByAnotherKey {
                expected: key.key_id(),
                found: minisign::SignatureBox::from_string(signature)
                    .map(|sig| {
                        sig.keynum()
                            .iter()
                            .rev()
                            .map(|b| format!("{b:02X}"))
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            SignatureProblem::Invalid => BundleError::ManifestEdited,
        })?;
    let manifest: Manifest = serde_json::from_slice(bytes).map_err(|e| malformed(e.to_string()))?;
    if comment != manifest.trusted_comment() {
        return Err(BundleError::SignatureCommentMismatch {
            what: "kind, id or expiry",
        });
    }
    Ok(manifest)
}

/// The signed manifest and the zip must list the same entries, with the same sizes.
pub(super) fn check_entries_match<R: Read + Seek>(
    archive: &mut ZipArchive<Source<R>>,
    manifest: &Manifest,
    limits: &Limits,
) -> Result<(), BundleError> {
    let mut listed = BTreeSet::new();
    for entry in &manifest.entries {
        check_entry_path(&entry.path)?;
        if is_reserved(&entry.path) || !listed.insert(entry.path.as_str()) {
            return Err(BundleError::DuplicateEntry {
                path: entry.path.clone(),
            });
        }
        if entry.size > limits.max_entry_bytes {
            return Err(BundleError::EntryTooLarge {
                path: entry.path.clone(),
                size: entry.size,
                max: limits.max_entry_bytes,
            });
        }
    }
    let present: BTreeSet<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .filter(|name| !is_reserved(name))
        .collect();
    let missing: Vec<&str> = listed
        .iter()
        .copied()
        .filter(|path| !present.contains(*path))
        .collect();
    let added: Vec<&String> = present
        .iter()
        .filter(|path| !listed.contains(path.as_str()))
        .collect();
    match (missing.as_slice(), added.as_slice()) {
        ([], []) => {}
        ([from], [to]) => {
            return Err(BundleError::EntryRenamed {
                from: (*from).to_owned(),
                to: (*to).clone(),
            })
        }
        (_, [to, ..]) => {
            return Err(BundleError::EntryAdded {
                path: (*to).clone(),
            })
        }
        ([from, ..], []) => {
            return Err(BundleError::EntryRemoved {
                path: (*from).to_owned(),
            })
        }
    }
    for entry in &manifest.entries {
        let file = archive
            .by_name(&entry.path)
            .map_err(|e| zip_read_error(e, &entry.path))?;
        if file.size() != entry.size {
            return Err(BundleError::EntryEdited {
                path: entry.path.clone(),
            });
        }
    }
    Ok(())
}
