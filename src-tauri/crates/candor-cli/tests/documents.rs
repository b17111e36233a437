//! Documents: encrypted in, decrypted out byte for byte, never over an existing file.

mod common;

use common::{added_id, assert_refused, Sandbox, UNLOCK};
use serde_json::json;

/// Bytes that are not text, longer than one attachment chunk (64 KiB).
fn binary_document() -> Vec<u8> {
    (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect()
}

#[test]
fn a_document_comes_back_byte_for_byte() {
    let (sandbox, _) = Sandbox::with_vault();
    assert_eq!(
        sandbox.ok(&["doc", "list"]),
        "No documents yet; add one with `candor doc add FILE --kind cv`.\n"
    );
    let original = binary_document();
    let file = sandbox.path("transcript.pdf");
    std::fs::write(&file, &original).expect("written");

    let id = added_id(
        &sandbox.ok(&[
            "doc",
            "add",
            file.to_str().expect("UTF-8"),
            "--kind",
            "transcript",
            "--note",
            "NTNU, 2020",
        ]),
        "document",
    );
    assert_eq!(
        sandbox.ok(&["doc", "list"]),
        format!(
            "ID                KIND        FILE            BYTES\n\
             {id}  transcript  transcript.pdf  200000\n"
        )
    );
    let listed = &sandbox.json(&["doc", "list"])[0]["value"];
    assert_eq!(listed["mediaType"], "application/pdf");
    assert_eq!(listed["note"], "NTNU, 2020");

    let out = sandbox.path("copy.pdf");
    assert_eq!(
        sandbox.ok(&[
            "doc",
            "get",
            &id[..4],
            "--out",
            out.to_str().expect("UTF-8")
        ]),
        format!(
            "Saved transcript.pdf (200000 bytes) to {}. This copy is not encrypted: delete \
             it when you no longer need it.\n",
            out.display()
        )
    );
    assert!(
        std::fs::read(&out).expect("the copy") == original,
        "the copy has the original's bytes"
    );

    let to_stdout = sandbox.run(&["doc", "get", &id, "--out", "-"], &UNLOCK, None);
    assert!(to_stdout.status.success());
    assert!(
        to_stdout.stdout == original,
        "--out - writes the original's bytes to stdout"
    );
}

#[test]
fn doc_get_never_overwrites_an_existing_file() {
    let (sandbox, _) = Sandbox::with_vault();
    let file = sandbox.path("cv.pdf");
    std::fs::write(&file, b"my CV").expect("written");
    let id = sandbox.add(&["doc", "add", file.to_str().expect("UTF-8"), "--kind", "cv"]);

    let existing = sandbox.path("existing.pdf");
    std::fs::write(&existing, b"keep me").expect("written");
    let out = sandbox.run(
        &[
            "doc",
            "get",
            &id,
            "--out",
            existing.to_str().expect("UTF-8"),
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        &format!(
            "{} already exists; choose another --out path",
            existing.display()
        ),
    );
    assert_eq!(std::fs::read(&existing).expect("still there"), b"keep me");

    // Nor a file that happens to have the name it decrypts into first.
    let wanted = sandbox.path("wanted.pdf");
    let partial = sandbox.path("wanted.pdf.partial");
    std::fs::write(&partial, b"mine too").expect("written");
    let out = sandbox.run(
        &["doc", "get", &id, "--out", wanted.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    #[cfg(unix)]
    assert_refused(
        &out,
        &format!(
            "cannot write {} (File exists (os error 17)); nothing was saved",
            partial.display()
        ),
    );
    #[cfg(not(unix))]
    common::refusal(&out);
    assert_eq!(std::fs::read(&partial).expect("still there"), b"mine too");
    assert!(!wanted.exists(), "nothing was saved");
}

#[test]
fn an_unreadable_document_file_is_not_added() {
    let (sandbox, _) = Sandbox::with_vault();
    let missing = sandbox.path("missing.pdf");
    let out = sandbox.run(
        &["doc", "add", missing.to_str().expect("UTF-8")],
        &UNLOCK,
        None,
    );
    let message = common::refusal(&out);
    assert!(
        message.starts_with(&format!("cannot read {}: ", missing.display()))
            && message.ends_with("; nothing was added"),
        "{message}"
    );
    let out = sandbox.run(
        &[
            "doc",
            "add",
            missing.to_str().expect("UTF-8"),
            "--kind",
            "resume",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(&out, "--kind: \"resume\" is not one of cv, cover-letter, diploma, transcript, photo, other; use one of them");
    assert_eq!(sandbox.json(&["doc", "list"]), json!([]));
}
