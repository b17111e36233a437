//! `candor import emrex|linkedin|jsonresume`: what is shown, what is stored, and that a
//! preview stores nothing.

mod common;

use std::io::{Cursor, Write};

use common::{contains, sample_file, succeeded, Sandbox, UNLOCK};
use serde_json::Value;

const TRANSCRIPTS: &[(&str, u64)] = &[
    ("nor-emrex-1.0.xml", 6),
    ("Example-elmo-Norway.xml", 24),
    ("Example-elmo-Finland.xml", 18),
    ("swedish_1_elmo1.0.xml", 74),
    ("Example-elmo-complicated.xml", 8),
    ("elmo-schemas-example.xml", 6),
];

/// The national identifier in each sample transcript, as it writes it.
const NATIONAL_IDS: &[&str] = &[
    "7566490042",
    "2529290201",
    "180766-2213",
    "19711020-8639",
    "17490477125",
    "83041200000",
];

fn transcript(name: &str) -> String {
    sample_file(&format!("emrex/{name}"))
        .to_str()
        .expect("UTF-8 path")
        .to_owned()
}

fn transport_form(xml: &[u8]) -> Vec<u8> {
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(xml).expect("gzip in memory");
    data_encoding::BASE64
        .encode(&gzip.finish().expect("gzip in memory"))
        .into_bytes()
}

/// A zip of `files`, deflated.
pub fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let options = zip::write::SimpleFileOptions::default().large_file(true);
        writer.start_file(*name, options).expect("zip in memory");
        writer.write_all(bytes).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

/// A LinkedIn export as LinkedIn lays it out: in a sub-folder, Profile.csv with a BOM, no
/// Projects.csv (nor several others), a multi-line description and a column Candor does
/// not read.
fn linkedin_export() -> Vec<u8> {
    let folder = "Basic_LinkedInDataExport_03-14-2024";
    let profile = "\u{FEFF}First Name,Last Name,Headline,Summary,Geo Location\n\
        Kari,Nordmann,Backend developer,\"Ten years of Rust.\nAnd some Go.\",\"Oslo, Norway\"\n";
    let positions = "Company Name,Title,Description,Location,Started On,Finished On,Company Url\n\
        Kartverket,Senior developer,\"Maps for everyone.\n\n- Tile server in Rust\",Oslo,Jan 2022,,https://kartverket.example.no\n";
    let skills = "Name\nRust\nPostgreSQL\n";
    zip(&[
        (&format!("{folder}/Profile.csv"), profile.as_bytes()),
        (&format!("{folder}/Positions.csv"), positions.as_bytes()),
        (&format!("{folder}/Skills.csv"), skills.as_bytes()),
        (
            &format!("{folder}/messages.csv"),
            b"FROM,TO,CONTENT\na,b,private\n",
        ),
    ])
}

#[test]
fn an_emrex_transcript_shows_the_learner_once_and_stores_the_tree() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.ok(&["import", "emrex", &transcript("nor-emrex-1.0.xml")]);
    assert_eq!(
        out,
        "Learner: Anette Walaker Hansen\n\
         Born: 1964-06-07\n\
         National identity number: 7566490042 (NO)\n\
         Check that this transcript is yours. Candor does not store these; pass \
         --keep-identity to fill them into your profile.\n\
         XML signature: present, not verified\n\
         Imported from EMREX:\n  \
           education  1 added (6 learning opportunities)\n  \
           documents  2 added: Universitetet i Oslo transcript.xml, EMREX transcript.pdf\n"
    );
    assert_eq!(
        sandbox.ok(&["gpa"]),
        "GPA 4.17 (B) over 60 credits in 6 courses\n"
    );
    let documents = sandbox.json(&["doc", "list"]);
    assert_eq!(documents[0]["value"]["holdsIdentity"], true);
    assert_eq!(documents[0]["value"]["signed"], true);
    assert!(
        sandbox.profile().get("person").is_none(),
        "no person stored"
    );
    for (path, bytes) in sandbox.vault_files() {
        assert!(
            !contains(&bytes, b"7566490042"),
            "the national id is in {}",
            path.display()
        );
    }
}

#[test]
fn every_sample_transcript_imports_and_no_national_id_reaches_the_vault() {
    let (sandbox, _) = Sandbox::with_vault();
    for &(name, expected) in TRANSCRIPTS {
        let out = sandbox.json(&["import", "emrex", &transcript(name)]);
        assert_eq!(
            out["report"]["learningOpportunities"], expected,
            "{name}: the whole tree"
        );
        assert!(
            out["learner"]["nationalId"]["value"].is_string(),
            "{name}: shown once"
        );
    }
    let profile = sandbox.profile();
    let courses: Vec<&Value> = profile["education"]
        .as_array()
        .expect("educations")
        .iter()
        .flat_map(|e| e["courses"].as_array().expect("courses"))
        .collect();
    assert!(courses
        .iter()
        .all(|c| c.get("grade").is_none_or(|g| g["scheme"].is_string())));
    let files = sandbox.vault_files();
    // The CLI closes the vault when it exits, which folds the write-ahead log into the
    // file; whichever sidecars are left are searched too.
    assert!(!files.is_empty(), "the vault file");
    for (path, bytes) in files {
        for id in NATIONAL_IDS {
            assert!(
                !contains(&bytes, id.as_bytes()),
                "{id} in {}",
                path.display()
            );
        }
    }
}

#[test]
fn keep_identity_fills_the_profile_with_the_learner() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.ok(&[
        "import",
        "emrex",
        &transcript("elmo-schemas-example.xml"),
        "--keep-identity",
    ]);
    assert!(out.contains(
        "Check that this transcript is yours. With --keep-identity these fill the empty \
         fields of your profile.\n"
    ));
    assert!(out.contains(
        "  person     filled: name, given name, family name, birth date, national identity \
         number\n"
    ));
    let person = &sandbox.profile()["person"];
    assert_eq!(person["name"], "Wojciech Łukasz Rygielski");
    assert_eq!(person["birthDate"], "1983-04-12");
    assert_eq!(
        person["nationalId"],
        serde_json::json!({"country": "PL", "value": "83041200000"})
    );
}

#[test]
fn a_dry_run_previews_and_leaves_the_vault_file_as_it_was() {
    let (sandbox, _) = Sandbox::with_vault();
    let before = std::fs::read(&sandbox.vault).expect("the vault");
    let out = sandbox.ok(&[
        "import",
        "emrex",
        &transcript("nor-emrex-1.0.xml"),
        "--dry-run",
        "--lang",
        "en",
    ]);
    assert!(out.ends_with(
        "Preview of the import from EMREX (nothing was stored; run again without --dry-run \
         to import):\n  \
           education  1 to add (6 learning opportunities)\n  \
           documents  2 to add: University of Oslo transcript.xml, EMREX transcript.pdf\n"
    ));
    let export = sandbox.file("export.zip", &linkedin_export());
    sandbox.ok(&["import", "linkedin", &export, "--dry-run"]);
    let resume = sample_file("jsonresume/sample.resume.json");
    sandbox.ok(&[
        "import",
        "jsonresume",
        resume.to_str().expect("UTF-8"),
        "--dry-run",
    ]);
    assert!(
        std::fs::read(&sandbox.vault).expect("the vault") == before,
        "the vault file is unchanged"
    );
    assert_eq!(sandbox.profile(), serde_json::json!({}));
}

#[test]
fn the_transport_form_imports_the_same_and_a_second_import_adds_nothing() {
    let (sandbox, _) = Sandbox::with_vault();
    let xml = std::fs::read(transcript("nor-emrex-1.0.xml")).expect("sample");
    let transport = sandbox.file("transcript.emrex", &transport_form(&xml));
    let first = sandbox.ok(&["import", "emrex", &transport]);
    assert!(first.contains("  education  1 added (6 learning opportunities)\n"));
    let before = std::fs::read(&sandbox.vault).expect("the vault");
    let again = sandbox.ok(&["import", "emrex", &transcript("nor-emrex-1.0.xml")]);
    assert!(
        again.ends_with(
            "XML signature: present, not verified\n\
             This file was imported from EMREX before, so nothing in it was added again.\n"
        ),
        "{again}"
    );
    assert!(std::fs::read(&sandbox.vault).expect("the vault") == before);
    assert_eq!(
        sandbox.json(&["doc", "list"]).as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn a_linkedin_export_imports_and_says_what_it_left_out() {
    let (sandbox, _) = Sandbox::with_vault();
    let export = sandbox.file("export.zip", &linkedin_export());
    let out = sandbox.ok(&["import", "linkedin", &export]);
    assert_eq!(
        out,
        "Imported from LinkedIn:\n  \
           person  filled: name, given name, family name, headline, summary, addresses\n  \
           work    1 added\n  \
           skills  2 added\n\
         Warnings:\n  \
           - A position in the export: “Company Url” (https://kartverket.example.no) was not \
         imported: Candor has no field for it\n\
         Not in the export: Education.csv, Languages.csv, Certifications.csv, Projects.csv, \
         Email Addresses.csv, PhoneNumbers.csv.\n"
    );
    let profile = sandbox.profile();
    assert_eq!(
        profile["person"]["summary"],
        "Ten years of Rust.\nAnd some Go."
    );
    assert_eq!(
        profile["work"][0]["summary"],
        "Maps for everyone.\n\n- Tile server in Rust"
    );
    let again = sandbox.ok(&["import", "linkedin", &export]);
    assert!(again.starts_with(
        "Nothing to add from LinkedIn: everything in it is already in your vault.\n  \
           work    0 added, 1 already there\n"
    ));
}

#[test]
fn a_json_resume_comes_back_the_same_through_the_cli() {
    let (sandbox, _) = Sandbox::with_vault();
    let sample = sample_file("jsonresume/sample.resume.json");
    let original: Value =
        serde_json::from_slice(&std::fs::read(&sample).expect("sample")).expect("JSON");
    let out = sandbox.ok(&["import", "jsonresume", sample.to_str().expect("UTF-8")]);
    assert!(out.starts_with(
        "Imported from JSON Resume:\n  \
           person        filled: name, headline, e-mail, phone, website, summary, addresses, profiles\n  \
           education     1 added (2 learning opportunities)\n"
    ));
    let exported: Value =
        serde_json::from_str(&sandbox.ok(&["export", "jsonresume"])).expect("the export is JSON");
    assert_eq!(
        exported, original,
        "the same document, whatever the key order"
    );

    let file = sandbox.path("resume.json");
    let file = file.to_str().expect("UTF-8");
    assert_eq!(
        sandbox.ok(&["export", "jsonresume", "--out", file]),
        format!(
            "Wrote your profile as a JSON Resume to {file}. It is not encrypted: keep it \
             somewhere safe, and delete it when you no longer need it.\n"
        )
    );
    let written: Value =
        serde_json::from_slice(&std::fs::read(file).expect("written")).expect("JSON");
    assert_eq!(written, original);
    common::assert_refused(
        &sandbox.run(&["export", "jsonresume", "--out", file], &UNLOCK, None),
        &format!("{file} already exists; choose another --out path"),
    );
}

#[test]
fn json_output_carries_the_report_for_scripts() {
    let (sandbox, _) = Sandbox::with_vault();
    let out = sandbox.json(&[
        "import",
        "emrex",
        &transcript("nor-emrex-1.0.xml"),
        "--dry-run",
    ]);
    assert_eq!(
        out["learner"],
        serde_json::json!({
            "name": "Anette Walaker Hansen",
            "birthDate": "1964-06-07",
            "nationalId": {"country": "NO", "value": "7566490042"},
        })
    );
    let report = &out["report"];
    assert_eq!(report["format"], "emrex");
    assert_eq!(report["dryRun"], true);
    assert_eq!(report["signed"], true);
    assert_eq!(
        report["sections"][0],
        serde_json::json!({"section": "education", "added": 1, "skipped": 0})
    );
    assert!(
        !report.to_string().contains("7566490042"),
        "the report never holds it"
    );
    let export = sandbox.file("export.zip", &linkedin_export());
    let linkedin = sandbox.json(&["import", "linkedin", &export]);
    assert_eq!(linkedin["report"]["format"], "linkedin");
    assert_eq!(linkedin["filesMissing"][0], "Education.csv");
    succeeded(&sandbox.run(&["--json", "export", "jsonresume"], &UNLOCK, None));
}
