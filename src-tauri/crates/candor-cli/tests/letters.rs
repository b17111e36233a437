//! `candor apply letter`: a cover letter written in plain text, kept with its application,
//! shown back as written, and typeset as a private PDF, full or under the pseudonym.

mod common;

use common::{assert_refused, pdf_text, succeeded, Sandbox, EMPLOYER_INIT, UNLOCK};

const PROFILE: &str = r#"{"person": {"name": "Kari Nordmann", "email": "kari@example.org",
    "label": "Backend developer"},
    "education": [{"institution": "Universitetet i Oslo", "studyType": "Master"}]}"#;

const LETTER: &str = "I would like to join **Fjordkraft Data** as a developer.\n\n\
    At UiO I learnt:\n- databases\n- _distributed_ systems\n\nRegards from Kari Nordmann";

/// A seeker with a profile and one application, and the application's id.
fn seeker() -> (Sandbox, String) {
    let (sandbox, _) = Sandbox::with_vault();
    succeeded(&sandbox.set_profile(PROFILE));
    let id = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Fjordkraft Data AS",
        "--position",
        "Graduate developer",
        "--contact",
        "Ola Berg",
    ]);
    (sandbox, id)
}

#[test]
fn a_letter_typed_on_standard_input_is_kept_and_shown_back_as_written() {
    let (sandbox, id) = seeker();
    let saved = succeeded(&sandbox.run(
        &["apply", "letter", &id, "--edit"],
        &UNLOCK,
        Some(LETTER.as_bytes()),
    ));
    assert_eq!(
        saved,
        "Saved the letter for Graduate developer at Fjordkraft Data AS (4 paragraphs and \
         lists).\n"
    );
    let shown = sandbox.ok(&["apply", "letter", &id, "--show"]);
    assert_eq!(
        shown,
        "I would like to join **Fjordkraft Data** as a developer.\n\nAt UiO I learnt:\n\n\
         - databases\n- _distributed_ systems\n\nRegards from Kari Nordmann\n"
    );
    let application = sandbox.ok(&["apply", "show", &id]);
    assert!(
        application.contains("letter:    written, 4 paragraphs and lists"),
        "{application}"
    );
    let stored = sandbox.json(&["apply", "show", &id]);
    assert_eq!(
        stored["value"]["coverLetter"]["blocks"][0]["runs"][1],
        serde_json::json!({"text": "Fjordkraft Data", "bold": true}),
        "kept as blocks of runs, never as markup"
    );
}

#[test]
fn a_full_letter_pdf_is_private_and_reads_from_sender_to_signature() {
    let (sandbox, id) = seeker();
    let file = sandbox.file("letter.txt", LETTER.as_bytes());
    sandbox.ok(&["apply", "letter", &id, "--from", &file]);
    let stdout = sandbox.ok(&[
        "apply",
        "letter",
        &id,
        "--pdf",
        "letter.pdf",
        "--lang",
        "nb",
    ]);
    assert_eq!(
        stdout,
        "Wrote a letter to Fjordkraft Data AS, signed as Kari Nordmann, to letter.pdf. It is \
         not encrypted: keep it somewhere safe, and delete it when you no longer need it.\n"
    );
    let pdf = sandbox.path("letter.pdf");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)
            .expect("written")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the letter");
    }
    let text = pdf_text(&pdf);
    let mut from = 0;
    for expected in [
        "Kari Nordmann",
        "kari@example.org",
        "Ola Berg",
        "Fjordkraft Data AS",
        "Søknad på stillingen som Graduate developer",
        "Hei Ola Berg,",
        "I would like to join Fjordkraft Data as a developer.",
        "At UiO I learnt:",
        "databases",
        "distributed systems",
        "Med vennlig hilsen",
    ] {
        let at = text[from..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected:?} after byte {from} of:\n{text}"));
        from += at + expected.len();
    }
}

#[test]
fn an_anonymous_letter_leaves_out_what_names_the_seeker_and_says_so() {
    let (sandbox, id) = seeker();
    let employer = sandbox.path("employer.candor");
    succeeded(&sandbox.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    let card = succeeded(&sandbox.run_on(&employer, &["employer", "card"], &UNLOCK, None));
    let card_file = sandbox.file("card.json", card.as_bytes());
    let added = sandbox.json(&["recipient", "add", &card_file]);
    let pseudonym = added["pseudonym"].as_str().expect("a pseudonym").to_owned();
    succeeded(&sandbox.run(
        &["apply", "letter", &id, "--edit"],
        &UNLOCK,
        Some(LETTER.as_bytes()),
    ));

    let stdout = sandbox.ok(&[
        "apply",
        "letter",
        &id,
        "--pdf",
        "anonymous.pdf",
        "--view",
        "anonymous",
        "--to",
        "Fjordkraft Data AS",
    ]);
    assert_eq!(
        stdout,
        format!(
            "Left out of the letter: \u{201c}UiO\u{201d} (school or employer).\n\
             Left out of the letter: \u{201c}Kari\u{201d} (your name).\n\
             Left out of the letter: \u{201c}Nordmann\u{201d} (your name).\n\
             Wrote an anonymous letter to Fjordkraft Data AS, signed as {pseudonym}, to \
             anonymous.pdf. It is not encrypted: keep it somewhere safe, and delete it when \
             you no longer need it.\n"
        )
    );
    let text = pdf_text(&sandbox.path("anonymous.pdf"));
    assert!(text.contains(&pseudonym), "signed with the pseudonym");
    for identifying in ["Kari", "Nordmann", "example.org", "UiO", "Universitetet"] {
        assert!(!text.contains(identifying), "{identifying:?} in:\n{text}");
    }
    let kept = sandbox.ok(&["apply", "letter", &id, "--show"]);
    assert!(
        kept.contains("Regards from Kari Nordmann"),
        "the letter in the vault is the seeker's own, unchanged"
    );
}

#[test]
fn an_empty_or_unreadable_letter_is_refused_and_the_saved_one_stays() {
    let (sandbox, id) = seeker();
    assert_refused(
        &sandbox.run(&["apply", "letter", &id, "--show"], &UNLOCK, None),
        "the application to Fjordkraft Data AS has no letter yet; write one with --edit or \
         --from FILE",
    );
    succeeded(&sandbox.run(
        &["apply", "letter", &id, "--edit"],
        &UNLOCK,
        Some(b"First version."),
    ));
    assert_refused(
        &sandbox.run(&["apply", "letter", &id, "--edit"], &UNLOCK, Some(b"\n \n")),
        "the letter is empty, so nothing was saved; write at least one line",
    );
    let latin1 = sandbox.file("latin1.txt", b"Hils\xe5 p\xe5 deg");
    assert_refused(
        &sandbox.run(&["apply", "letter", &id, "--from", &latin1], &UNLOCK, None),
        &format!("the letter in {latin1} is not UTF-8 text; save it as UTF-8 and try again"),
    );
    assert_eq!(
        sandbox.ok(&["apply", "letter", &id, "--show"]),
        "First version.\n"
    );
}
