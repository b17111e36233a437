//! Reading a rendered PDF the way its recipient's tools do: poppler's `pdftotext`,
//! `pdffonts` and `pdfinfo`, and `qpdf --check`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A rendered PDF on disk, in a folder removed when it is dropped.
pub struct Pdf {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Pdf {
    pub fn new(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("cv.pdf");
        std::fs::write(&path, bytes).expect("the PDF is written");
        Self { _dir: dir, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text as `pdftotext -layout` extracts it.
    pub fn text(&self) -> String {
        run(
            "pdftotext",
            &["-layout", "-enc", "UTF-8"],
            &self.path,
            &["-"],
        )
    }

    /// `pdfinfo`'s report: title, author, dates, page count.
    pub fn info(&self) -> String {
        run("pdfinfo", &[], &self.path, &[])
    }

    /// `pdffonts`' table of fonts, without its two header lines.
    pub fn fonts(&self) -> Vec<String> {
        run("pdffonts", &[], &self.path, &[])
            .lines()
            .skip(2)
            .map(str::to_owned)
            .collect()
    }

    /// What `qpdf --check` says, or its complaint.
    pub fn qpdf_check(&self) -> Result<String, String> {
        let output = Command::new("qpdf")
            .arg("--check")
            .arg(&self.path)
            .output()
            .expect("qpdf runs");
        let said = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            Ok(said)
        } else {
            Err(said)
        }
    }

    /// The right edge of every word on every page, in points, with the word and the page's
    /// width: what `pdftotext -bbox` reports.
    pub fn word_right_edges(&self) -> Vec<(f64, f64, String)> {
        let html = run("pdftotext", &["-bbox", "-enc", "UTF-8"], &self.path, &["-"]);
        let mut page_width = 0.0;
        let mut edges = Vec::new();
        for line in html.lines() {
            let line = line.trim();
            if line.starts_with("<page ") {
                page_width = attribute(line, "width");
            } else if line.starts_with("<word ") {
                let word = line
                    .split_once('>')
                    .map(|(_, rest)| rest.trim_end_matches("</word>").to_owned())
                    .unwrap_or_default();
                edges.push((attribute(line, "xMax"), page_width, word));
            }
        }
        edges
    }
}

fn attribute(tag: &str, name: &str) -> f64 {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 3;
    let rest = &tag[start..];
    let end = rest.find('"').expect("a closing quote");
    rest[..end].parse().expect("a number")
}

fn run(program: &str, before: &[&str], path: &Path, after: &[&str]) -> String {
    let output = Command::new(program)
        .args(before)
        .arg(path)
        .args(after)
        .output()
        .unwrap_or_else(|error| panic!("{program} runs: {error}"));
    assert!(
        output.status.success(),
        "{program} reads the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Where each of `needles` first appears in `text`, asserting they appear in that order.
pub fn assert_in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} appears after byte {from} of:\n{text}"));
        from += at + needle.len();
    }
}
