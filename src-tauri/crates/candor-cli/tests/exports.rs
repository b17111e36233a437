//! `candor export all`: everything in the vault as a zip, counted per type, documents byte
//! for byte, the national id only when asked.

mod common;

use std::collections::BTreeMap;
use std::io::Read;

use common::{assert_refused, contains, sample_file, succeeded, Sandbox, UNLOCK};
use serde_json::{json, Value};

const NATIONAL_ID: &str = "15059500136";

/// A vault with something of every kind: a person with a national id, every profile
/// section, two applications with history, two documents and a transcript.
fn populated() -> (Sandbox, Vec<(String, Vec<u8>)>) {
    let (sandbox, _) = Sandbox::with_vault();
    let profile = json!({
        "person": {"name": "Kari Nordmann", "email": "kari@example.no",
                   "nationalId": {"country": "NO", "value": NATIONAL_ID}},
        "education": [{"institution": "NTNU", "courses": [
            {"title": "Algorithms", "credits": "7.5", "grade": {"scheme": "ects", "label": "A"}}]}],
        "work": [{"name": "Equinor"}],
        "skills": [{"name": "Rust"}, {"name": "SQL"}],
        "languages": [{"language": "Norwegian", "fluency": "C2"}],
        "interests": [{"name": "Energy"}],
        "projects": [{"name": "Candor"}],
        "certificates": [{"name": "AWS"}],
        "awards": [{"title": "Best thesis"}],
        "publications": [{"name": "On vaults"}],
        "volunteer": [{"organization": "Red Cross"}],
        "references": [{"name": "Ola", "reference": "Great"}],
    });
    succeeded(&sandbox.set_profile(&profile.to_string()));
    for (company, moves) in [
        ("Equinor", &["applied", "interview"][..]),
        ("Statkraft", &["applied"][..]),
    ] {
        let id = sandbox.add(&[
            "apply",
            "add",
            "--company",
            company,
            "--position",
            "Developer",
        ]);
        for status in moves {
            sandbox.ok(&["apply", "status", &id, status, "--note", "by e-mail"]);
        }
    }
    let mut documents = Vec::new();
    for (name, bytes) in [
        ("cv.pdf", b"%PDF-1.7 my CV".to_vec()),
        (
            "grades.bin",
            (0..150_000u32).map(|i| (i * 7 % 251) as u8).collect(),
        ),
    ] {
        let file = sandbox.file(name, &bytes);
        let id = sandbox.add(&["doc", "add", &file]);
        documents.push((id, bytes));
    }
    let transcript = sample_file("emrex/nor-emrex-1.0.xml");
    sandbox.ok(&["import", "emrex", transcript.to_str().expect("UTF-8")]);
    (sandbox, documents)
}

fn unzip(path: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).expect("the zip");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("unpacks");
            (entry.name().expect("a UTF-8 name").into_owned(), bytes)
        })
        .collect()
}

fn json_in(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
    serde_json::from_slice(&files[name]).unwrap_or_else(|e| panic!("{name} is JSON: {e}"))
}

fn len(value: &Value) -> usize {
    value.as_array().map_or(0, Vec::len)
}

#[test]
fn the_export_holds_every_record_counted_per_type() {
    let (sandbox, documents) = populated();
    let out = sandbox.path("everything.zip");
    let out = out.to_str().expect("UTF-8");
    assert_eq!(
        sandbox.ok(&["export", "all", "--out", out]),
        format!(
            "Wrote everything in your vault to {out}:\n  \
               person         1\n  \
               education      2  (7 learning opportunities)\n  \
               work           1\n  \
               skill          2\n  \
               language       1\n  \
               interest       1\n  \
               project        1\n  \
               certificate    1\n  \
               award          1\n  \
               publication    1\n  \
               volunteer      1\n  \
               reference      1\n  \
               document       4  (2 left out: they hold your national identity number)\n  \
               application    2  (5 status changes)\n  \
               import-source  1\n  \
               ledger-entry   0\n\
             Your national identity number is not included; pass --include-national-id to \
             include it.\n\
             The zip is not encrypted: keep it somewhere safe, and delete it when you no \
             longer need it.\n"
        )
    );
    let files = unzip(std::path::Path::new(out));
    let profile = json_in(&files, "profile.json");
    let counts: Vec<usize> = [
        "education",
        "work",
        "skills",
        "languages",
        "interests",
        "projects",
        "certificates",
        "awards",
        "publications",
        "volunteer",
        "references",
    ]
    .iter()
    .map(|section| len(&profile[section]))
    .collect();
    assert_eq!(counts, [2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
    assert_eq!(profile["person"]["name"], "Kari Nordmann");
    let applications = json_in(&files, "applications.json");
    let histories: Vec<usize> = (0..2)
        .map(|i| len(&applications[i]["value"]["history"]))
        .collect();
    assert_eq!(histories, [3, 2]);
    assert_eq!(len(&json_in(&files, "documents.json")), 4);
    assert_eq!(len(&json_in(&files, "import-sources.json")), 1);
    assert_eq!(json_in(&files, "ledger.json"), json!([]));
    assert!(files.contains_key("README.txt"));
    for (id, bytes) in &documents {
        let (_, content) = files
            .iter()
            .find(|(name, _)| name.starts_with(&format!("documents/{id}-")))
            .expect("the document is in the zip");
        assert!(content == bytes, "{id} byte for byte");
    }
    for (name, bytes) in &files {
        assert!(
            !contains(bytes, NATIONAL_ID.as_bytes()),
            "{name} holds the national id"
        );
        assert!(
            !contains(bytes, b"7566490042"),
            "{name} holds the transcript's id"
        );
    }
}

#[test]
fn the_national_id_and_the_originals_that_hold_it_only_when_asked() {
    let (sandbox, _) = populated();
    let out = sandbox.path("with-id.zip");
    let out = out.to_str().expect("UTF-8");
    let summary = sandbox.json(&["export", "all", "--out", out, "--include-national-id"]);
    assert_eq!(summary["summary"]["nationalIdIncluded"], true);
    assert_eq!(summary["summary"]["documentsWritten"], 4);
    let files = unzip(std::path::Path::new(out));
    assert_eq!(
        json_in(&files, "profile.json")["person"]["nationalId"]["value"],
        NATIONAL_ID
    );
    assert_eq!(
        files.keys().filter(|n| n.starts_with("documents/")).count(),
        4
    );
}

#[test]
fn export_never_overwrites_a_file() {
    let (sandbox, _) = Sandbox::with_vault();
    let existing = sandbox.file("mine.zip", b"keep me");
    assert_refused(
        &sandbox.run(&["export", "all", "--out", &existing], &UNLOCK, None),
        &format!("{existing} already exists; choose another --out path"),
    );
    assert_eq!(std::fs::read(&existing).expect("still there"), b"keep me");
}
