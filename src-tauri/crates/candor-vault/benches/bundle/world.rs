//! What the bundle benchmarks share and import: the test kit's seeker (Kari's profile) with
//! N MB of attachments instead of her CV, and employer vaults it knows as recipients, in one
//! temporary folder.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use candor_model::{DocumentKind, ViewChoice, ViewKind};
use candor_testkit::WorldBuilder;
use candor_vault::bundle::AgeIdentity;
use candor_vault::EmployerVault;
use candor_vault::{NewDocument, SeekerVault, ShareProtection, ShareRequest};
use rand::{RngCore, SeedableRng};
use secrecy::ExposeSecret;

pub use candor_testkit::passphrase;

/// Documents the attachments are split into.
pub const DOCUMENTS: u64 = 4;
pub const MB: u64 = 1000 * 1000;

pub struct World {
    pub dir: tempfile::TempDir,
    /// The attachments' bytes, concatenated: `age`'s input.
    pub attachments: PathBuf,
    pub seeker: SeekerVault,
    pub documents: Vec<String>,
    pub employers: Vec<Employer>,
}

pub struct Employer {
    pub vault: EmployerVault,
    pub path: PathBuf,
    pub organisation: String,
    pub age_recipient: String,
    pub age_identity: AgeIdentity,
    /// The same identity exported to a file, for the `age` command.
    pub identity_file: PathBuf,
}

impl World {
    /// `mb` MB of random (incompressible) attachments in [`DOCUMENTS`] documents, and
    /// `employers` employers, each with its key card added as a recipient.
    pub fn new(mb: u64, employers: usize) -> World {
        let mut kit = WorldBuilder::new().no_documents().build();
        let mut vaults = Vec::new();
        for i in 1..employers {
            let organisation = format!("Fjordkraft Data {i} AS");
            vaults.push((kit.another_employer(&organisation).0, organisation));
        }
        let candor_testkit::World {
            dir,
            mut seeker,
            employer,
            ..
        } = kit;
        vaults.insert(0, (employer, candor_testkit::ORGANISATION.to_owned()));
        let employers = vaults
            .into_iter()
            .take(employers)
            .enumerate()
            .map(|(i, (vault, organisation))| Employer::new(dir.path(), i, vault, organisation))
            .collect();
        let attachments = dir.path().join("attachments.bin");
        write_random(&attachments, mb * MB);
        let part = mb * MB / DOCUMENTS;
        let documents = (0..DOCUMENTS)
            .map(|i| {
                let mut file = File::open(&attachments).expect("the attachments");
                file.seek(SeekFrom::Start(i * part)).expect("seeks");
                let new = NewDocument {
                    kind: DocumentKind::Other,
                    file_name: format!("portfolio-{}.bin", i + 1),
                    media_type: "application/octet-stream".into(),
                    note: None,
                };
                seeker
                    .add_document(new, file.take(part))
                    .expect("adds a document")
                    .id
            })
            .collect();
        World {
            dir,
            attachments,
            seeker,
            documents,
            employers,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Employer {
    /// The `i`th employer, with its age identity exported for the `age` command.
    fn new(dir: &Path, i: usize, mut vault: EmployerVault, organisation: String) -> Employer {
        let path = vault.path().to_owned();
        let age_recipient = vault.public_keys().expect("public keys").0;
        let secret = vault.export_age_identity().expect("exports the identity");
        let identity_file = dir.join(format!("employer-{i}-identity.txt"));
        std::fs::write(&identity_file, secret.expose_secret()).expect("writes the identity");
        Employer {
            vault,
            path,
            organisation,
            age_recipient,
            age_identity: AgeIdentity::parse(secret.expose_secret()).expect("an identity"),
            identity_file,
        }
    }

    /// Closes the vault and deletes it, with the files SQLite keeps beside it.
    pub fn discard(self) {
        self.vault.lock();
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.path.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// A full view with every document, to `organisation`.
pub fn full_share(organisation: &str, documents: &[String]) -> ShareRequest {
    ShareRequest {
        recipient: organisation.to_owned(),
        choice: ViewChoice {
            kind: ViewKind::Full,
            include: documents
                .iter()
                .map(|id| format!("documents[{id}]"))
                .collect(),
            exclude: vec![],
        },
        expires_at: None,
        purpose: "Application: backend developer".into(),
        protection: ShareProtection::ToRecipient,
        accept_warnings: false,
        made: candor_vault::MadeForShare::nothing(),
    }
}

fn write_random(path: &Path, bytes: u64) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(bytes);
    let mut out = BufWriter::new(File::create(path).expect("creates the attachments"));
    let mut block = vec![0u8; 1 << 20];
    let mut left = bytes;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        rng.fill_bytes(&mut block[..n]);
        out.write_all(&block[..n]).expect("writes the attachments");
        left -= n as u64;
    }
    out.flush().expect("writes the attachments");
}
