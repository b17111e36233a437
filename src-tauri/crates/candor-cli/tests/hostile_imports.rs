//! Malformed and hostile files of every import format: each refused with its own clear
//! message, and the vault file left exactly as it was.

mod common;

use std::io::{Cursor, Write};

use common::{assert_refused, contains, Sandbox, UNLOCK};

const ELMO: &str = "https://github.com/emrex-eu/elmo-schemas/tree/v1";

fn zip(files: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .large_file(true);
        writer.start_file(*name, options).expect("zip in memory");
        writer.write_all(bytes).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

/// Runs `candor import <format> <a file holding bytes>` and asserts it is refused with
/// `message` and the vault file is byte for byte what it was.
fn refused(format: &str, bytes: &[u8], message: &str) -> (Sandbox, std::process::Output) {
    let (sandbox, _) = Sandbox::with_vault();
    let before = std::fs::read(&sandbox.vault).expect("the vault");
    let file = sandbox.file("input", bytes);
    let out = sandbox.run(&["import", format, &file], &UNLOCK, None);
    assert_refused(&out, message);
    assert!(
        std::fs::read(&sandbox.vault).expect("the vault") == before,
        "the vault file is unchanged"
    );
    (sandbox, out)
}

#[test]
fn a_truncated_transcript_is_refused_as_cut_short() {
    let xml = format!("<elmo xmlns=\"{ELMO}\"><report><issuer><title>UiO</title>");
    refused(
        "emrex",
        xml.as_bytes(),
        "the transcript ends in the middle of <issuer>, as a file cut short while \
         downloading does; fetch it again from the issuer",
    );
}

#[test]
fn a_billion_laughs_transcript_is_refused_before_anything_expands() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let previous = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        bomb += &format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{previous};").repeat(10)
        );
    }
    bomb += &format!("]>\n<elmo xmlns=\"{ELMO}\"><report>&lol9;</report></elmo>");
    refused(
        "emrex",
        bomb.as_bytes(),
        "the XML file contains a document type declaration (<!DOCTYPE>), which ELMO \
         transcripts never have and which can hide entity-expansion or file-reading attacks, \
         so Candor refused it; fetch the transcript again from the issuer",
    );
}

#[test]
fn an_external_entity_pointing_at_a_local_file_is_refused_and_the_file_never_read() {
    let (sandbox, _) = Sandbox::with_vault();
    let secret = sandbox.file("secret.txt", b"my-private-secret-4711");
    let before = std::fs::read(&sandbox.vault).expect("the vault");
    let xxe = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE elmo [ <!ENTITY xxe SYSTEM \"file://{secret}\"> ]>\n\
         <elmo xmlns=\"{ELMO}\"><report><issuer><title>&xxe;</title></issuer></report></elmo>"
    );
    let file = sandbox.file("xxe.xml", xxe.as_bytes());
    let out = sandbox.run(&["import", "emrex", &file], &UNLOCK, None);
    assert_refused(
        &out,
        "the XML file contains a document type declaration (<!DOCTYPE>), which ELMO \
         transcripts never have and which can hide entity-expansion or file-reading attacks, \
         so Candor refused it; fetch the transcript again from the issuer",
    );
    assert!(!contains(&out.stderr, b"my-private-secret-4711"));
    assert!(std::fs::read(&sandbox.vault).expect("the vault") == before);
}

#[test]
fn a_csv_with_a_10_mb_field_is_refused() {
    let mut csv = b"Company Name,Title,Description\nAcme,Dev,\"".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    csv.extend(b"\"\n");
    let export = zip(&[("Positions.csv", &csv)], zip::CompressionMethod::Stored);
    refused(
        "linkedin",
        &export,
        "Positions.csv, line 2: a field is larger than 256 KB, far more than any profile \
         text; check the file or download the export again",
    );
}

#[test]
fn a_zip_bomb_is_refused_by_its_compression_ratio() {
    let bomb = "Rust\n".repeat(1024 * 1024);
    let export = zip(
        &[("Skills.csv", bomb.as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    refused(
        "linkedin",
        &export,
        "Skills.csv in the zip expands more than 100 times its packed size, as zip bombs do, \
         so Candor stopped reading it; download the export from LinkedIn again",
    );
}

#[test]
fn a_zip_that_is_not_a_linkedin_export_is_refused_and_nothing_stored() {
    let export = zip(
        &[
            ("README.txt", b"hello"),
            ("Connections.csv", b"First Name\nOla\n"),
        ],
        zip::CompressionMethod::Deflated,
    );
    refused(
        "linkedin",
        &export,
        "the zip holds none of the CSV files of a LinkedIn data export (Profile.csv, \
         Positions.csv, Education.csv, Skills.csv, …); choose the zip from LinkedIn's \"Get \
         a copy of your data\"",
    );
}

#[test]
fn a_truncated_json_resume_is_refused() {
    refused(
        "jsonresume",
        br#"{"basics": {"name": "Kari""#,
        "the file is not valid JSON (line 1, column 26: EOF while parsing an object); check \
         that you chose a JSON Resume file",
    );
    refused(
        "jsonresume",
        b"[1, 2, 3]",
        "the JSON is not a JSON Resume: the top level is not an object; check that you chose \
         a JSON Resume file",
    );
}

#[test]
fn a_file_that_cannot_be_read_is_refused_before_the_vault_is_opened() {
    let (sandbox, _) = Sandbox::with_vault();
    let missing = sandbox.path("nowhere.xml");
    let missing = missing.to_str().expect("UTF-8");
    // No passphrase given: the file is checked first.
    let out = sandbox.run(&["import", "emrex", missing], &[], None);
    assert_refused(
        &out,
        &format!(
            "cannot read {missing}: No such file or directory (os error 2); nothing was imported"
        ),
    );
}
