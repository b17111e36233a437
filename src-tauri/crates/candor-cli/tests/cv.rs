//! `candor cv`: a CV as PDF from a full or anonymous view, written private and never over
//! a file unless asked, the same bytes whatever the machine's zone and locale.

mod common;

use std::path::Path;
use std::process::Command;

use common::{assert_refused, pdf_text, succeeded, Sandbox, EMPLOYER_INIT, UNLOCK};

const PROFILE: &str = r#"{"person": {"name": "Kari Nordmann", "email": "kari@example.org",
    "label": "Backend developer", "summary": "Kari likes databases."},
    "education": [{"institution": "NTNU", "studyType": "Master", "courses": [
        {"code": "TDT4100", "title": "Objektorientert programmering", "credits": "7.5",
         "grade": {"scheme": "ects", "label": "B"}}]}],
    "work": [{"name": "Statnett", "position": "Developer", "industry": "Energy",
              "startDate": "2021-03"}]}"#;

fn seeker() -> Sandbox {
    let (sandbox, _) = Sandbox::with_vault();
    succeeded(&sandbox.set_profile(PROFILE));
    sandbox
}

#[test]
fn a_full_cv_is_written_readable_by_its_owner_only_and_says_it_is_not_encrypted() {
    let sandbox = seeker();
    let stdout = sandbox.ok(&["cv", "--view", "full", "--lang", "nb", "--out", "cv.pdf"]);
    assert_eq!(
        stdout,
        "Wrote a full CV, signed as Kari Nordmann, to cv.pdf. It is not encrypted: keep it \
         somewhere safe, and delete it when you no longer need it.\n"
    );
    let pdf = sandbox.path("cv.pdf");
    let bytes = std::fs::read(&pdf).expect("the CV was written");
    assert!(bytes.starts_with(b"%PDF-"), "the file is a PDF");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&pdf)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the CV");
    }
    let text = pdf_text(&pdf);
    for expected in [
        "Kari Nordmann",
        "kari@example.org",
        "Utdanning",
        "Objektorientert programmering",
        "7,5",
        "Karaktersnitt: 4,00 (B)",
        "Arbeidserfaring",
        "Statnett",
        "mars 2021 – nå",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is in the CV:\n{text}"
        );
    }
}

#[test]
fn an_existing_file_is_refused_unless_forced() {
    let sandbox = seeker();
    let mine = sandbox.file("cv.pdf", b"my own CV");
    assert_refused(
        &sandbox.run(&["cv", "--out", &mine], &UNLOCK, None),
        &format!("{mine} already exists; choose another --out path"),
    );
    assert_eq!(
        std::fs::read(&mine).expect("still there"),
        b"my own CV",
        "the file is untouched"
    );
    sandbox.ok(&["cv", "--out", &mine, "--force"]);
    let replaced = std::fs::read(&mine).expect("replaced");
    assert!(replaced.starts_with(b"%PDF-"), "--force replaces it");
}

#[test]
fn an_anonymous_cv_is_signed_with_the_pseudonym_the_organisation_knows() {
    let sandbox = seeker();
    let employer = sandbox.path("employer.candor");
    succeeded(&sandbox.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    let card = succeeded(&sandbox.run_on(&employer, &["employer", "card"], &UNLOCK, None));
    let card_file = sandbox.file("card.json", card.as_bytes());
    let added = sandbox.json(&["recipient", "add", &card_file]);
    let pseudonym = added["pseudonym"].as_str().expect("a pseudonym").to_owned();

    let stdout = sandbox.ok(&[
        "cv",
        "--view",
        "anonymous",
        "--to",
        "Fjordkraft Data AS",
        "--out",
        "anonymous.pdf",
    ]);
    assert!(
        stdout.starts_with(&format!(
            "Wrote an anonymous CV, signed as {pseudonym}, to anonymous.pdf."
        )),
        "{stdout}"
    );
    let text = pdf_text(&sandbox.path("anonymous.pdf"));
    assert!(text.contains(&pseudonym), "the pseudonym heads the CV");
    for identifying in ["Kari", "Nordmann", "example.org", "Statnett", "NTNU"] {
        assert!(
            !text.contains(identifying),
            "{identifying:?} is not in the CV:\n{text}"
        );
    }
    assert!(
        text.contains("Energy"),
        "the industry stands in for the employer"
    );
}

#[test]
fn an_anonymous_cv_without_an_organisation_is_refused() {
    let sandbox = seeker();
    assert_refused(
        &sandbox.run(
            &["cv", "--view", "anonymous", "--out", "cv.pdf"],
            &UNLOCK,
            None,
        ),
        "an anonymous CV is signed with the pseudonym one organisation knows you by; name \
         it with --to (see `candor recipient list`)",
    );
    assert!(!sandbox.path("cv.pdf").exists(), "nothing was written");
}

/// libfaketime's preload library, which makes a process see another date (Debian's
/// `libfaketime`, installed by `make deps`).
fn faketime_library() -> &'static str {
    const PLACES: [&str; 2] = [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
    ];
    PLACES
        .into_iter()
        .find(|place| Path::new(place).exists())
        .expect("libfaketime is installed (make deps installs the faketime package)")
}

#[test]
fn the_same_cv_on_two_dates_in_two_zones_and_locales_is_the_same_bytes() {
    let sandbox = seeker();
    let preload = faketime_library();
    let mut written = Vec::new();
    for (name, zone, locale, date) in [
        ("oslo.pdf", "Europe/Oslo", "nb_NO.UTF-8", None),
        (
            "honolulu.pdf",
            "Pacific/Honolulu",
            "C",
            Some("@2031-06-15 23:30:00"),
        ),
    ] {
        let mut env = vec![
            UNLOCK[0],
            ("TZ", zone),
            ("LANG", locale),
            ("LC_ALL", locale),
        ];
        if let Some(date) = date {
            env.extend([("LD_PRELOAD", preload), ("FAKETIME", date)]);
            let year = Command::new("date")
                .arg("+%Y")
                .envs(env.iter().copied())
                .output()
                .expect("date runs");
            assert_eq!(
                String::from_utf8_lossy(&year.stdout).trim(),
                "2031",
                "the preload moves the clock for a process run this way"
            );
        }
        succeeded(&sandbox.run(&["cv", "--lang", "en", "--out", name], &env, None));
        written.push(std::fs::read(sandbox.path(name)).expect("written"));
    }
    assert!(
        written[0] == written[1],
        "the two processes, five years apart, wrote the same bytes"
    );
}

#[test]
fn the_compact_template_is_chosen_by_name_and_sets_the_same_cv_differently() {
    let sandbox = seeker();
    sandbox.ok(&["cv", "--out", "classic.pdf"]);
    sandbox.ok(&["cv", "--template", "compact", "--out", "compact.pdf"]);
    let classic = std::fs::read(sandbox.path("classic.pdf")).expect("written");
    let compact = std::fs::read(sandbox.path("compact.pdf")).expect("written");
    assert!(classic != compact, "two layouts, two files");
    let text = pdf_text(&sandbox.path("compact.pdf"));
    for expected in ["Kari Nordmann", "Objektorientert programmering", "Statnett"] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}
