//! What the bundle benchmarks share and import: a seeker vault with a profile and N MB of
//! attachments, and employer vaults it knows as recipients, in one temporary folder.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use candor_model::{DocumentKind, Education, Person, Skill, ViewChoice, ViewKind, Work};
use candor_vault::bundle::{AgeIdentity, CardDetails};
use candor_vault::EmployerVault;
use candor_vault::{
    KdfParams, NewDocument, SecretString, SeekerVault, ShareProtection, ShareRequest,
};
use rand::{RngCore, SeedableRng};
use secrecy::ExposeSecret;

pub const PASSPHRASE: &str = "correct horse battery staple";
/// Documents the attachments are split into.
pub const DOCUMENTS: u64 = 4;
pub const MB: u64 = 1000 * 1000;

pub fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE)
}

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
        let dir = tempfile::tempdir().expect("a temporary folder");
        let attachments = dir.path().join("attachments.bin");
        write_random(&attachments, mb * MB);
        let (mut seeker, _) = SeekerVault::create(
            &dir.path().join("seeker.candor"),
            &passphrase(),
            KdfParams::minimum(),
        )
        .expect("a seeker vault");
        fill_profile(&mut seeker);
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
        let employers = (0..employers)
            .map(|i| Employer::new(dir.path(), i, &mut seeker))
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
    fn new(dir: &Path, i: usize, seeker: &mut SeekerVault) -> Employer {
        let path = dir.join(format!("employer-{i}.candor"));
        let (mut vault, _) = EmployerVault::create(&path, &passphrase(), KdfParams::minimum())
            .expect("an employer vault");
        let organisation = format!("Fjordkraft Data {i} AS");
        let card = vault
            .employer_init(CardDetails {
                organisation: organisation.clone(),
                organisation_number: "987654321".into(),
                contact: "rekruttering@fjordkraft.example".into(),
                privacy_contact: "personvern@fjordkraft.example".into(),
                privacy_policy_url: "https://fjordkraft.example/personvern".into(),
                intake_url: None,
            })
            .expect("a key card");
        seeker
            .add_recipient(card.as_bytes(), "card.txt")
            .expect("adds the recipient");
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

fn fill_profile(vault: &mut SeekerVault) {
    vault
        .set_person(&Person {
            name: "Kari Nordmann".into(),
            label: "Backend developer".into(),
            email: "kari.nordmann@example.org".into(),
            phone: "+47 912 34 567".into(),
            summary: "Backend developer who likes databases.".into(),
            ..Person::default()
        })
        .expect("sets the person");
    vault
        .insert(&Education {
            institution: "Universitetet i Oslo".into(),
            degree: "Bachelor".into(),
            programme: "Informatikk".into(),
            ..Default::default()
        })
        .expect("education");
    vault
        .insert(&Work {
            name: "Statnett".into(),
            position: "Developer".into(),
            summary: "Built the metering pipeline.".into(),
            ..Default::default()
        })
        .expect("work");
    vault
        .insert(&Skill {
            name: "Rust".into(),
            ..Default::default()
        })
        .expect("skill");
}
