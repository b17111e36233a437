//! Writes the seed corpora under `corpus/<target>/`: the project's ELMO and JSON Resume
//! fixtures, and bundles, key cards, notices, answers, invitations, reveals and vaults made
//! by the real code, each behind the selector byte that routes it to its reader.
//!
//! Run from `tests/fuzz`: `cargo +nightly run --release --example seeds` (the fuzzing feature is
//! on in this crate, so the seed vaults use the fuzz build's KDF floor).

use std::fs;
use std::path::{Path, PathBuf};

use candor_fuzz::readers::{
    age_identity, gzip_stored, signing_key, zip_stored, LINKEDIN_FILES, OWN_FINGERPRINT, SEPARATOR,
    VAULT_PASSPHRASE,
};
use candor_model::Timestamp;
use candor_vault::bundle::{
    new_bundle_id, Addressee, Answer, BundleWriter, CardDetails, Invitation, Issuer, KeyCard, Kind,
    Manifest, Notice, Outcome, Protection, Reveal, SigningKey, ANSWER_FORMAT, FORMAT,
    INVITATION_FORMAT, NOTICE_FORMAT,
};
use candor_vault::{EmployerVault, KdfParams, OpenVault, Role, SecretString, SeekerVault};

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("../../src-tauri/crates/candor-formats/tests/fixtures");
    let corpus = root.join("corpus");
    let resume = fs::read(fixtures.join("jsonresume/sample.resume.json"))?;

    // formats: every ELMO fixture raw, gzipped and in transport form; the JSON Resume
    // sample; a LinkedIn export whole and file by file.
    let mut seeds = Seeds::new(&corpus, "formats")?;
    for entry in fs::read_dir(fixtures.join("emrex"))? {
        let path = entry?.path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("elmo");
        let xml = fs::read(&path)?;
        seeds.put(&format!("elmo-{name}"), 0, &xml)?;
        seeds.put(&format!("elmo-gz-{name}"), 1, &xml)?;
        seeds.put(&format!("elmo-b64-{name}"), 2, &xml)?;
        seeds.put(&format!("elmo-transport-{name}"), 0, &gzip_stored(&xml))?;
    }
    seeds.put("jsonresume-sample", 5, &resume)?;
    let export: Vec<(&str, &[u8])> = LINKEDIN_CSVS
        .iter()
        .map(|(name, csv)| (*name, csv.as_bytes()))
        .collect();
    seeds.put("linkedin-export", 3, &zip_stored(&export))?;
    for (name, csv) in LINKEDIN_CSVS {
        let index = LINKEDIN_FILES.iter().position(|f| f == name).unwrap_or(0) as u8;
        let mut input = vec![index];
        input.extend_from_slice(csv.as_bytes());
        seeds.put(&format!("linkedin-{name}"), 4, &input)?;
    }

    // bundles and messages.
    let signer = signing_key().ok_or("the fixed signing key reads")?;
    let identity = age_identity().ok_or("the fixed age identity reads")?;
    let reply_to = identity.recipient();
    let shared = new_bundle_id();
    let mut bundles = Seeds::new(&corpus, "bundle")?;
    let mut messages = Seeds::new(&corpus, "messages")?;

    let share = manifest(Kind::ProfileShare, &signer, &reply_to, &[]);
    let profile_entries: Vec<(&str, &[u8])> = vec![
        ("profile.json", &resume),
        (
            "profile.html",
            b"<html><body><h1>Kari Nordmann</h1></body></html>",
        ),
        ("attachments/cv-1.pdf", b"%PDF-1.4\n%%EOF\n"),
    ];
    bundles.put(
        "share-plain",
        0,
        &write(&share, &profile_entries, &signer, Protection::Plain)?,
    )?;
    bundles.put(
        "share-age",
        0,
        &write(
            &share,
            &profile_entries,
            &signer,
            Protection::Recipients(vec![reply_to.clone()]),
        )?,
    )?;
    bundles.put("share-written", 1, &structured(&share, &profile_entries)?)?;

    // A notice of each kind, an answer, an invitation.
    for kind in [
        Kind::Revocation,
        Kind::DeletionRequest,
        Kind::AccessRequest,
        Kind::ConsentWithdrawal,
    ] {
        let manifest = manifest(kind, &signer, &reply_to, std::slice::from_ref(&shared));
        let notice = serde_json::to_vec_pretty(&Notice {
            format: NOTICE_FORMAT.into(),
            kind,
            bundles: vec![shared.clone()],
            reply_to: reply_to.clone(),
            issued_at: Timestamp::now(),
            due_at: Timestamp::now(),
        })?;
        let entries: Vec<(&str, &[u8])> = vec![("notice.json", &notice)];
        let name = format!("notice-{}", kind.as_str());
        bundles.put(
            &name,
            0,
            &write(&manifest, &entries, &signer, Protection::Plain)?,
        )?;
        bundles.put(
            &format!("{name}-written"),
            1,
            &structured(&manifest, &entries)?,
        )?;
        messages.put(
            &name,
            1,
            &parts(&[&serde_json::to_vec(&manifest)?, &notice]),
        )?;
    }
    for (name, kind, outcome) in [
        (
            "deleted",
            Kind::DeletionReceipt,
            Outcome::Deleted {
                deleted: vec![shared.clone()],
            },
        ),
        (
            "exported",
            Kind::AccessExport,
            Outcome::Exported {
                held: vec![shared.clone()],
            },
        ),
        (
            "extended",
            Kind::DeletionReceipt,
            Outcome::Extended {
                months: 2,
                reason: "many requests".into(),
            },
        ),
    ] {
        let manifest = manifest(kind, &signer, &reply_to, std::slice::from_ref(&shared));
        let answer = serde_json::to_vec_pretty(&Answer {
            format: ANSWER_FORMAT.into(),
            request: shared.clone(),
            request_kind: Kind::DeletionRequest,
            answered_at: Timestamp::now(),
            employer: OWN_FINGERPRINT.into(),
            outcome,
            tombstoned: vec![shared.clone()],
            part: None,
        })?;
        let entries: Vec<(&str, &[u8])> = vec![("answer.json", &answer)];
        bundles.put(
            &format!("answer-{name}"),
            0,
            &write(&manifest, &entries, &signer, Protection::Plain)?,
        )?;
        bundles.put(
            &format!("answer-{name}-written"),
            1,
            &structured(&manifest, &entries)?,
        )?;
        messages.put(
            &format!("answer-{name}"),
            2,
            &parts(&[&serde_json::to_vec(&manifest)?, &answer]),
        )?;
    }
    let manifest_inv = manifest(
        Kind::Invitation,
        &signer,
        &reply_to,
        std::slice::from_ref(&shared),
    );
    let invitation = serde_json::to_vec_pretty(&Invitation {
        format: INVITATION_FORMAT.into(),
        to: "Quiet Otter".into(),
        bundles: vec![shared.clone()],
        message: "We would like to talk.".into(),
        contact: "hr@example.no".into(),
        employer: OWN_FINGERPRINT.into(),
        issued_at: Timestamp::now(),
    })?;
    let entries: Vec<(&str, &[u8])> = vec![("invitation.json", &invitation)];
    bundles.put(
        "invitation",
        0,
        &write(
            &manifest_inv,
            &entries,
            &signer,
            Protection::Recipients(vec![reply_to.clone()]),
        )?,
    )?;
    bundles.put(
        "invitation-written",
        1,
        &structured(&manifest_inv, &entries)?,
    )?;
    messages.put(
        "invitation",
        3,
        &parts(&[&serde_json::to_vec(&manifest_inv)?, &invitation]),
    )?;

    // A reveal: signed by a pseudonym, carried in a bundle signed by the identity.
    let pseudonym = SigningKey::generate();
    let (reveal, reveal_signature) = Reveal::sign(
        OWN_FINGERPRINT,
        &pseudonym,
        "Quiet Otter",
        &signer,
        "Kari Nordmann",
        Timestamp::now(),
    );
    let manifest_rev = manifest(
        Kind::Reveal,
        &signer,
        &reply_to,
        std::slice::from_ref(&shared),
    );
    let entries: Vec<(&str, &[u8])> = vec![
        ("reveal.json", &reveal),
        ("reveal.json.minisig", reveal_signature.as_bytes()),
        ("profile.json", &resume),
    ];
    bundles.put(
        "reveal",
        0,
        &write(&manifest_rev, &entries, &signer, Protection::Plain)?,
    )?;
    bundles.put("reveal-written", 1, &structured(&manifest_rev, &entries)?)?;
    messages.put(
        "reveal",
        4,
        &parts(&[
            &serde_json::to_vec(&manifest_rev)?,
            &reveal,
            reveal_signature.as_bytes(),
        ]),
    )?;

    // A key card, and the key texts a person pastes.
    let card = KeyCard::sign(card_details(), &reply_to, &signer, Timestamp::now())?;
    messages.put("keycard", 0, card.as_bytes())?;
    messages.put(
        "key-minisign",
        5,
        signer.verifying_key().to_base64().as_bytes(),
    )?;
    messages.put("key-age-recipient", 5, reply_to.as_bytes())?;
    messages.put(
        "key-age-identity",
        5,
        candor_fuzz::readers::AGE_IDENTITY.as_bytes(),
    )?;
    messages.put("key-signing-secret", 5, &signer.to_secret_bytes())?;

    // Vaults: a seeker's with a profile and a document, an employer's with its card, each
    // as a vault file given to open and as a backup given to restore.
    let mut vaults = Seeds::new(&corpus, "vault")?;
    let dir = tempfile::tempdir()?;
    let passphrase = SecretString::from(VAULT_PASSPHRASE);
    for role in [Role::Seeker, Role::Employer] {
        let path = dir.path().join(format!("{}.candor", role.as_str()));
        let backup = dir.path().join(format!("{}.backup", role.as_str()));
        match role {
            Role::Seeker => {
                let (mut vault, _code) =
                    SeekerVault::create(&path, &passphrase, KdfParams::minimum())?;
                let import = candor_vault::formats::import_json_resume(&resume)?;
                vault.import_json_resume(&import)?;
                vault.add_document(
                    candor_vault::NewDocument {
                        kind: candor_model::DocumentKind::Cv,
                        file_name: "cv.pdf".into(),
                        media_type: "application/pdf".into(),
                        note: None,
                    },
                    &b"%PDF-1.4\n%%EOF\n"[..],
                )?;
                vault.backup(&backup)?;
            }
            Role::Employer => {
                let (mut vault, _code) =
                    EmployerVault::create(&path, &passphrase, KdfParams::minimum())?;
                vault.employer_init(card_details())?;
                vault.backup(&backup)?;
            }
        }
        // The same vault in 512-byte pages instead of 64 KiB ones: 15 KB instead of 400, so
        // each fuzz run copies and parses a small file. SQLite keeps everything else.
        let db = rusqlite::Connection::open(&backup)?;
        db.pragma_update(None, "page_size", 512)?;
        db.execute_batch("VACUUM")?;
        drop(db);
        // The shrunk copy must still open, or the target would fuzz only the refusal.
        let check = dir.path().join(format!("{}-check.candor", role.as_str()));
        fs::copy(&backup, &check)?;
        let reopened = OpenVault::open(&check, &passphrase)?;
        if reopened.role() != role {
            return Err("the shrunk seed vault opens with another role".into());
        }
        drop(reopened);
        let bytes = fs::read(&backup)?;
        vaults.put(&format!("vault-{}", role.as_str()), 0, &bytes)?;
        vaults.put(&format!("backup-{}", role.as_str()), 1, &bytes)?;
    }
    Ok(())
}

/// One corpus folder.
struct Seeds {
    dir: PathBuf,
}

impl Seeds {
    fn new(corpus: &Path, target: &str) -> Result<Seeds, Failure> {
        let dir = corpus.join(target);
        fs::create_dir_all(&dir)?;
        Ok(Seeds { dir })
    }

    /// Writes `selector` then `bytes` as the seed `name`.
    fn put(&mut self, name: &str, selector: u8, bytes: &[u8]) -> Result<(), Failure> {
        let mut input = vec![selector];
        input.extend_from_slice(bytes);
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        fs::write(self.dir.join(format!("seed-{name}")), input)?;
        Ok(())
    }
}

fn parts(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(SEPARATOR)
}

fn manifest(kind: Kind, signer: &SigningKey, reply_to: &str, refers_to: &[String]) -> Manifest {
    Manifest {
        format: FORMAT.into(),
        kind,
        id: new_bundle_id(),
        issued_at: Timestamp::now(),
        expires_at: None,
        issuer: Issuer {
            public_key: signer.verifying_key().to_base64(),
            name: "Kari Nordmann".into(),
            reply_to: Some(reply_to.into()),
        },
        recipient: Some(Addressee {
            name: "Fjord Consulting AS".into(),
            fingerprint: OWN_FINGERPRINT.into(),
        }),
        view: Some(candor_model::ViewKind::Full),
        fields: vec!["person.name".into()],
        purpose: "Application for the position of engineer".into(),
        refers_to: refers_to.to_vec(),
        entries: vec![],
    }
}

/// A bundle written by the real writer.
fn write(
    manifest: &Manifest,
    entries: &[(&str, &[u8])],
    signer: &SigningKey,
    protection: Protection,
) -> Result<Vec<u8>, Failure> {
    let mut writer = BundleWriter::new(Vec::new(), protection)?;
    for (name, bytes) in entries {
        writer.add(name, *bytes)?;
    }
    Ok(writer.finish(manifest.clone(), signer)?.output)
}

/// The structured bundle mode's input: the manifest, then `name\0bytes` per entry.
fn structured(manifest: &Manifest, entries: &[(&str, &[u8])]) -> Result<Vec<u8>, Failure> {
    let mut all = vec![serde_json::to_vec(manifest)?];
    for (name, bytes) in entries {
        let mut part = name.as_bytes().to_vec();
        part.push(0);
        part.extend_from_slice(bytes);
        all.push(part);
    }
    let refs: Vec<&[u8]> = all.iter().map(Vec::as_slice).collect();
    Ok(parts(&refs))
}

fn card_details() -> CardDetails {
    CardDetails {
        organisation: "Fjord Consulting AS".into(),
        organisation_number: "123456785".into(),
        contact: "hr@fjord.example".into(),
        privacy_contact: "privacy@fjord.example".into(),
        privacy_policy_url: "https://fjord.example/privacy".into(),
        intake_url: Some("https://intake.fjord.example".into()),
    }
}

/// A small LinkedIn export, in the shape LinkedIn writes it.
const LINKEDIN_CSVS: &[(&str, &str)] = &[
    (
        "Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
         Kari,Nordmann,,,\"Mar 14, 1990\",Engineer,\"Builds things.\nCarefully.\",Software,0150,\"Oslo, Norway\",,[https://kari.example],\n",
    ),
    (
        "Positions.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\n\
         Fjord AS,Engineer,\"Line one\nline two\",\"Oslo, Norway\",Jan 2020,\n\
         Bergen Data,Intern,,Bergen,2018,Dec 2019\n",
    ),
    (
        "Education.csv",
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n\
         University of Oslo,2015,2020,,Master of Science,Chess club\n",
    ),
    ("Skills.csv", "Name\nRust\nSQL\n"),
    (
        "Languages.csv",
        "Name,Proficiency\nNorwegian,Native or bilingual proficiency\nEnglish,Full professional proficiency\n",
    ),
    (
        "Certifications.csv",
        "Name,Url,Authority,Started On,Finished On,License Number\nAWS,,Amazon,Jan 2021,,ABC-1\n",
    ),
    (
        "Projects.csv",
        "Title,Description,Url,Started On,Finished On\nCandor,A vault,https://candor.example,2023,\n",
    ),
    (
        "Email Addresses.csv",
        "Email Address,Confirmed,Primary,Updated On\nkari@example.no,Yes,Yes,1/2/20\n",
    ),
    ("PhoneNumbers.csv", "Extension,Number,Type\n,+47 912 34 567,Mobile\n"),
];
