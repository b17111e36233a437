//! Damaged input of every format gives an error or a result, never a panic: every
//! truncation at a spread of points, and bytes flipped at pseudo-random places (a fixed
//! seed, so a failure repeats).

use std::io::{Cursor, Write};

use candor_formats::{import_elmo, import_json_resume, import_linkedin};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A small xorshift generator: enough to spread mutations, no dependency.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("below n")
    }
}

/// Every `step`-th prefix of `input`, then `rounds` copies with a few bytes changed.
fn damaged(input: &[u8], step: usize, rounds: usize) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = (0..input.len())
        .step_by(step)
        .map(|n| input[..n].to_vec())
        .collect();
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    for _ in 0..rounds {
        let mut copy = input.to_vec();
        for _ in 0..1 + noise.below(4) {
            let at = noise.below(copy.len());
            copy[at] = u8::try_from(noise.next() & 0xFF).expect("a byte");
        }
        out.push(copy);
    }
    out
}

#[test]
fn damaged_transcripts_never_panic() {
    for name in [
        "emrex/nor-emrex-1.0.xml",
        "emrex/Example-elmo-complicated.xml",
    ] {
        for input in damaged(&fixture(name), 101, 300) {
            let _ = import_elmo(&input, &["nb", "en"]);
        }
    }
}

#[test]
fn damaged_resumes_never_panic() {
    for input in damaged(&fixture("jsonresume/sample.resume.json"), 13, 500) {
        let _ = import_json_resume(&input);
    }
}

#[test]
fn damaged_linkedin_exports_never_panic() {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        (
            "x/Profile.csv",
            "First Name,Last Name,Websites\nKari,Nordmann,\"[A:https://a.no]\"\n",
        ),
        (
            "x/Positions.csv",
            "Company Name,Title,Description,Started On\nAcme,Dev,\"a\nb\",Jan 2020\n",
        ),
        ("x/Skills.csv", "Name\nRust\n"),
    ] {
        writer.start_file(name, options).expect("zip in memory");
        writer.write_all(text.as_bytes()).expect("zip in memory");
    }
    let export = writer.finish().expect("zip in memory").into_inner();
    for input in damaged(&export, 7, 500) {
        let _ = import_linkedin(&input);
    }
}
