//! Sharing and importing from the command line: views, previews, expiry, corrections.

use super::*;

#[test]
fn a_seeker_shares_and_an_employer_imports_from_the_command_line() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());

    let added = p.seeker.json(&["recipient", "add", &card_file]);
    let fingerprint = added["fingerprint"]
        .as_str()
        .expect("a fingerprint")
        .to_owned();
    assert_eq!(fingerprint.len(), 24);
    let shown = p.seeker.ok(&["recipient", "show", "fjordkraft data as"]);
    assert!(
        shown.contains(&format!("Fingerprint:     {fingerprint}")),
        "{shown}"
    );

    let preview = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--preview",
    ]);
    assert!(
        preview.starts_with("An anonymous view for Fjordkraft Data AS, signed as Candidate "),
        "{preview}"
    );
    assert!(
        preview.contains("\nRemoved from You › summary: your name \"Kari\"\n"),
        "{preview}"
    );
    assert!(
        preview.contains("\"summary\": \"[removed] likes databases.\""),
        "{preview}"
    );
    assert!(!preview.contains("kari@example.org"), "{preview}");

    let shared = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--purpose",
        "Backend developer",
        "--out",
        "anonymous.candor",
    ]);
    assert!(
        shared
            .starts_with("Wrote an anonymous bundle for Fjordkraft Data AS to anonymous.candor ("),
        "{shared}"
    );
    assert!(
        shared.contains(&format!(
            "Only Fjordkraft Data AS (fingerprint {fingerprint}) can open it.\n"
        )),
        "{shared}"
    );
    p.seeker.ok(&[
        "share",
        "--to",
        &fingerprint,
        "--view",
        "full",
        "--expires",
        "30d",
        "--out",
        "full.candor",
    ]);

    let verified = p.seeker.ok(&["verify", "full.candor"]);
    assert!(
        verified.starts_with("Valid: the signature and all 3 entries check out.\n"),
        "{verified}"
    );
    assert!(
        verified.contains("For:         Fjordkraft Data AS"),
        "{verified}"
    );

    let ledger = p.seeker.ok(&["ledger"]);
    assert_eq!(ledger.lines().count(), 3, "{ledger}");
    let holdings = p.seeker.ok(&["ledger", "--to", "Fjordkraft Data AS"]);
    // What they hold, in words: each entry named as the seeker knows it, with its fields,
    // never a path.
    assert!(
        holdings.ends_with(
            "Under shares still active, they hold:\n  You (e-mail, label, name, summary)\n  \
             Experience — Developer, Statnett (industry, name, position)\n  Skills — Rust \
             (name)\n"
        ),
        "{holdings}"
    );
    assert!(
        !holdings.contains("person.") && !holdings.contains('['),
        "{holdings}"
    );
    assert!(!holdings.contains("kari@example.org"), "{holdings}");

    let imported = p.employer(&["employer", "import", "anonymous.candor", "full.candor"]);
    assert!(
        imported.starts_with("anonymous.candor: imported an anonymous profile from Candidate "),
        "{imported}"
    );
    assert!(
        imported.contains("full.candor: imported a full profile from Kari Nordmann"),
        "{imported}"
    );
    let candidates = p.employer(&["employer", "candidates"]);
    assert_eq!(candidates.lines().count(), 3, "{candidates}");
    assert!(
        candidates
            .starts_with("ID                NAME                 VIEW       BUNDLES  DELETE BY\n"),
        "{candidates}"
    );
    assert!(
        candidates
            .lines()
            .any(|line| line.contains("Kari Nordmann") && line.contains("  full  ")),
        "{candidates}"
    );

    let shown = p.employer(&[
        "employer",
        "show",
        "Kari Nordmann",
        "--entry",
        "profile.html",
        "--out",
        "kari.html",
    ]);
    assert_eq!(shown, "Wrote profile.html to kari.html.\n");
    let html = std::fs::read_to_string(p.seeker.path("kari.html")).expect("written");
    assert!(html.contains("Kari Nordmann"));
}

#[test]
fn the_employer_exports_an_identity_that_age_can_use() {
    let p = parties();
    p.employer(&["employer", "export-identity", "--out", "employer.key"]);
    let key = std::fs::read_to_string(p.seeker.path("employer.key")).expect("written");
    assert!(key.starts_with("AGE-SECRET-KEY-1"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(p.seeker.path("employer.key"))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "b.candor",
    ]);
    let out = std::process::Command::new("age")
        .args(["-d", "-i", "employer.key", "-o", "b.zip", "b.candor"])
        .current_dir(p.seeker.path(""))
        .output()
        .expect("age runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(p.seeker.path("b.zip"))
        .expect("decrypted")
        .starts_with(b"PK"));
}

#[test]
fn an_expiry_in_the_past_is_refused() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    assert_refused(
        &p.seeker.run(
            &[
                "share",
                "--to",
                "Fjordkraft Data AS",
                "--view",
                "full",
                "--expires",
                "2001-01-01",
                "--out",
                "x.candor",
            ],
            &UNLOCK,
            None,
        ),
        "--expires \"2001-01-01\" is in the past; a share must expire in the future",
    );
}

#[test]
fn a_correction_replaces_a_share_at_the_employer() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    let shared: serde_json::Value = serde_json::from_str(&p.seeker.ok(&[
        "--json",
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "f.candor",
    ]))
    .expect("json");
    let bundle = shared["entry"]["bundleId"]
        .as_str()
        .expect("an id")
        .to_owned();
    p.employer(&["employer", "import", "f.candor"]);
    let corrected = p.seeker.ok(&[
        "correct",
        &bundle,
        "--exclude",
        "skills",
        "--out",
        "c.candor",
    ]);
    assert_eq!(
        corrected,
        format!("Wrote a correction for Fjordkraft Data AS to c.candor: it replaces bundle {bundle} when imported.\n")
    );
    p.employer(&["employer", "import", "c.candor"]);
    let candidates: serde_json::Value =
        serde_json::from_str(&p.employer(&["--json", "employer", "candidates"])).expect("json");
    assert_eq!(candidates[0]["bundles"].as_array().map(Vec::len), Some(1));
    assert!(candidates[0]["profile"]["skills"].is_null());
}

#[test]
fn an_anonymous_preview_says_which_name_each_attachment_gets_and_what_was_removed() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    let cv = p.seeker.file("Kari_Nordmann_CV.pdf", &pdf_files::cv());
    let id = p.seeker.add(&["doc", "add", &cv, "--kind", "cv"]);
    let preview = p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--include",
        // Shortened, as ids are everywhere.
        &format!("documents[{}]", &id[..4]),
        "--preview",
    ]);
    assert!(
        preview.ends_with(
            "attachments/cv-1.pdf (\u{201c}Kari_Nordmann_CV.pdf\u{201d}, written anew without: \
             Author \u{201c}Kari Nordmann\u{201d}, Title \u{201c}CV - Kari Nordmann\u{201d}, \
             Creator \u{201c}Writer\u{201d}, XMP metadata, a program's private data)\n"
        ),
        "{preview}"
    );
}

#[test]
fn the_employer_deletes_a_candidate_and_the_same_bundle_is_refused_after() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "full",
        "--out",
        "f.candor",
    ]);
    p.employer(&["employer", "import", "f.candor"]);
    assert_eq!(
        p.employer(&["employer", "delete", "Kari Nordmann"]),
        "Deleted everything Kari Nordmann sent (bundles deleted: 1); the same bundles sent \
         again will be refused.\n"
    );
    assert_eq!(
        p.employer(&["employer", "candidates"]),
        "No candidates yet; import bundles with `candor employer import FILE`.\n"
    );
    let again = p.seeker.run_on(
        &p.employer,
        &["employer", "import", "f.candor"],
        &UNLOCK,
        None,
    );
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("by your organisation; it cannot be imported again"),
        "{said}"
    );
}
