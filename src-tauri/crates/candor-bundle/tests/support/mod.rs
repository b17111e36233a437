//! Bundles to attack: a real bundle's entries, rebuilt into a zip byte by byte so a test
//! can write what no honest zip writer would (duplicate names, links, lying sizes).

#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

use candor_bundle::{
    new_bundle_id, readme_text, AgeIdentity, BundleWriter, Issuer, Kind, Manifest, Protection,
    SigningKey,
};
use candor_model::Timestamp;

/// One entry of a hand-built zip.
#[derive(Clone)]
pub struct RawEntry {
    pub name: String,
    pub data: Vec<u8>,
    /// Stored (0) or deflated (8).
    pub method: u16,
    /// The uncompressed size the headers claim.
    pub declared_size: u32,
    pub crc: u32,
    /// Unix mode in the high bits of the external attributes.
    pub mode: u32,
}

impl RawEntry {
    pub fn stored(name: &str, data: &[u8]) -> RawEntry {
        RawEntry {
            name: name.into(),
            data: data.to_vec(),
            method: 0,
            declared_size: data.len() as u32,
            crc: crc32fast::hash(data),
            mode: 0o100644,
        }
    }

    /// `plain` deflated; the headers claim `plain`'s size and CRC.
    pub fn deflated(name: &str, plain: &[u8]) -> RawEntry {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(plain).expect("deflates");
        RawEntry {
            name: name.into(),
            data: encoder.finish().expect("deflates"),
            method: 8,
            declared_size: plain.len() as u32,
            crc: crc32fast::hash(plain),
            mode: 0o100644,
        }
    }
}

/// Writes a zip of `entries` exactly as given.
pub fn build_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = out.len() as u32;
        let name = entry.name.as_bytes();
        let compressed = entry.data.len() as u32;
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&entry.method.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&0x21u16.to_le_bytes());
        out.extend_from_slice(&entry.crc.to_le_bytes());
        out.extend_from_slice(&compressed.to_le_bytes());
        out.extend_from_slice(&entry.declared_size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(&entry.data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&entry.method.to_le_bytes());
        central.extend_from_slice(&0u16.to_le_bytes());
        central.extend_from_slice(&0x21u16.to_le_bytes());
        central.extend_from_slice(&entry.crc.to_le_bytes());
        central.extend_from_slice(&compressed.to_le_bytes());
        central.extend_from_slice(&entry.declared_size.to_le_bytes());
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]);
        central.extend_from_slice(&(entry.mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Reads back a zip's entries in order, as stored entries.
pub fn entries_of(zip_bytes: &[u8]) -> Vec<RawEntry> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("reads");
            let name = file.name().expect("a name").into_owned();
            RawEntry::stored(&name, &data)
        })
        .collect()
}

pub fn encrypt_to(recipient: &str, plain: &[u8]) -> Vec<u8> {
    let recipient: age::x25519::Recipient = recipient.parse().expect("a recipient");
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as _)).expect("encryptor");
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).expect("header");
    writer.write_all(plain).expect("encrypts");
    writer.finish().expect("finishes");
    out
}

/// The parties of a share.
pub struct Parties {
    pub seeker: SigningKey,
    pub employer: AgeIdentity,
}

impl Parties {
    pub fn new() -> Parties {
        Parties {
            seeker: SigningKey::generate(),
            employer: AgeIdentity::generate(),
        }
    }
}

pub fn manifest(expires_at: Option<Timestamp>) -> Manifest {
    Manifest {
        format: String::new(),
        kind: Kind::ProfileShare,
        id: new_bundle_id(),
        issued_at: Timestamp::now(),
        expires_at,
        issuer: Issuer {
            public_key: String::new(),
            name: "Kari Nordmann".into(),
            reply_to: None,
        },
        recipient: Some(candor_bundle::Addressee {
            name: "Fjordkraft Data AS".into(),
            fingerprint: "AAAA-BBBB-CCCC-DDDD-EEEE".into(),
        }),
        view: Some(candor_model::ViewKind::Full),
        fields: vec!["person.name".into(), "skills[0].name".into()],
        purpose: "Application for the backend developer position".into(),
        refers_to: vec![],
        entries: vec![],
    }
}

pub const PROFILE: &[u8] = br#"{"basics":{"name":"Kari Nordmann"},"skills":[{"name":"Rust"}]}"#;

/// A bundle as Candor writes it.
pub fn write_bundle(signer: &SigningKey, protection: Protection, manifest: Manifest) -> Vec<u8> {
    let encrypted = !matches!(protection, Protection::Plain);
    let mut writer = BundleWriter::new(Vec::new(), protection).expect("writer");
    writer.add("profile.json", PROFILE).expect("adds");
    writer
        .add("profile.html", &b"<!doctype html><title>Kari</title>"[..])
        .expect("adds");
    writer
        .add("attachments/cv.pdf", &b"%PDF-1.7 a CV"[..])
        .expect("adds");
    writer
        .add(
            "README.txt",
            readme_text(&signer.verifying_key().to_base64(), encrypted).as_bytes(),
        )
        .expect("adds");
    writer.finish(manifest, signer).expect("finishes").output
}
