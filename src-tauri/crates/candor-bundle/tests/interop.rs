//! A bundle checked with the standard tools alone, as README.txt tells an employer to:
//! `age -d`, `unzip`, `minisign -V`, `sha256sum -c`.

mod support;

use std::path::Path;
use std::process::Command;

use candor_bundle::Protection;
use support::*;

fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (install it: see the README): {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn standard_tools_decrypt_unpack_and_verify_a_bundle() {
    use secrecy::ExposeSecret;
    let parties = Parties::new();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = write_bundle(
        &parties.seeker,
        Protection::Recipients(vec![parties.employer.recipient()]),
        manifest(None),
    );
    std::fs::write(dir.path().join("bundle.candor"), &bytes).expect("writes");
    std::fs::write(
        dir.path().join("employer-identity.txt"),
        parties.employer.to_secret_string().expose_secret(),
    )
    .expect("writes");

    run(
        dir.path(),
        "age",
        &[
            "-d",
            "-i",
            "employer-identity.txt",
            "-o",
            "bundle.zip",
            "bundle.candor",
        ],
    );
    run(dir.path(), "unzip", &["-q", "bundle.zip", "-d", "bundle"]);
    let unpacked = dir.path().join("bundle");
    let key = parties.seeker.verifying_key().to_base64();
    let verified = run(&unpacked, "minisign", &["-Vm", "manifest.json", "-P", &key]);
    assert!(
        verified.contains("Signature and comment signature verified"),
        "{verified}"
    );
    assert!(verified.contains("kind:profile-share"), "{verified}");
    let sums = run(&unpacked, "sha256sum", &["-c", "SHA256SUMS"]);
    assert_eq!(
        sums,
        "profile.json: OK\nprofile.html: OK\nattachments/cv.pdf: OK\nREADME.txt: OK\n"
    );
    assert_eq!(
        std::fs::read(unpacked.join("profile.json")).expect("reads"),
        PROFILE
    );
}

#[test]
fn minisign_refuses_an_edited_manifest() {
    let parties = Parties::new();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bytes = write_bundle(&parties.seeker, Protection::Plain, manifest(None));
    std::fs::write(dir.path().join("bundle.zip"), &bytes).expect("writes");
    run(dir.path(), "unzip", &["-q", "bundle.zip"]);
    let manifest = std::fs::read_to_string(dir.path().join("manifest.json")).expect("reads");
    std::fs::write(
        dir.path().join("manifest.json"),
        manifest.replace("backend", "frontend"),
    )
    .expect("writes");
    let status = Command::new("minisign")
        .args(["-Vm", "manifest.json", "-P"])
        .arg(parties.seeker.verifying_key().to_base64())
        .current_dir(dir.path())
        .output()
        .expect("minisign runs");
    assert!(!status.status.success());
}
