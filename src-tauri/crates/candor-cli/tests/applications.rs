//! Job applications: add, list and filter, move through the statuses, show with history.

mod common;

use common::{added_id, assert_refused, Sandbox, UNLOCK};
use serde_json::json;

/// A moment as the text output shows it, in the test's local zone: "3 December 2026, 11:14".
fn when(at: &str) -> String {
    let at = candor_model::Timestamp::parse(at).expect("a time from --json");
    common::people_time().minute(at, candor_model::Lang::En)
}

/// Runs `apply show --json` and returns the application's value.
fn application(sandbox: &Sandbox, id: &str) -> serde_json::Value {
    sandbox.json(&["apply", "show", id])["value"].clone()
}

#[test]
fn an_application_moves_through_statuses_and_show_prints_its_history() {
    let (sandbox, _) = Sandbox::with_vault();
    assert_eq!(
        sandbox.ok(&["apply", "list"]),
        "No applications yet; add one with `candor apply add --company NAME --position TITLE`.\n"
    );
    let equinor = added_id(
        &sandbox.ok(&[
            "apply",
            "add",
            "--company",
            "Equinor",
            "--position",
            "Data engineer",
            "--link",
            "https://jobs.example.no/42",
            "--contact",
            "Ola Nordmann",
            "--notes",
            "Hybrid, Stavanger",
            "--next-step",
            "Send portfolio",
            "--next-date",
            "2199-12-31",
        ]),
        "application",
    );
    let dnb = added_id(
        &sandbox.ok(&[
            "apply",
            "add",
            "--company",
            "DNB",
            "--position",
            "Backend developer",
            "--next-step",
            "Call back",
            "--next-date",
            "2001-01-01",
        ]),
        "application",
    );

    assert_eq!(
        sandbox.ok(&["apply", "list"]),
        format!(
            "ID                COMPANY  POSITION           STATUS  NEXT\n\
             {dnb}  DNB      Backend developer  draft   2001-01-01 Call back (overdue)\n\
             {equinor}  Equinor  Data engineer      draft   2199-12-31 Send portfolio\n"
        )
    );

    assert_eq!(
        sandbox.ok(&[
            "apply",
            "status",
            &equinor[..6],
            "applied",
            "--note",
            "Sent via the site"
        ]),
        "Data engineer at Equinor is now applied.\n"
    );
    assert_eq!(
        sandbox.ok(&["apply", "status", &equinor, "interview"]),
        "Data engineer at Equinor is now interview.\n"
    );
    // A closed application is never overdue.
    sandbox.ok(&["apply", "status", &dnb, "rejected"]);

    let value = application(&sandbox, &equinor);
    let at = |i: usize| {
        value["history"][i]["at"]
            .as_str()
            .expect("a time")
            .to_owned()
    };
    assert_eq!(
        value["history"],
        json!([
            { "to": "draft", "at": at(0) },
            { "from": "draft", "to": "applied", "at": at(1), "note": "Sent via the site" },
            { "from": "applied", "to": "interview", "at": at(2) },
        ])
    );
    assert_eq!(
        sandbox.ok(&["apply", "show", &equinor]),
        format!(
            "Data engineer at Equinor\n\
             \x20 id:        {equinor}\n\
             \x20 status:    interview\n\
             \x20 link:      https://jobs.example.no/42\n\
             \x20 contact:   Ola Nordmann\n\
             \x20 next step: Send portfolio\n\
             \x20 notes:     Hybrid, Stavanger\n\
             \x20 due:       2199-12-31\n\
             \x20 history:\n\
             \x20   {}  draft\n\
             \x20   {}  draft → applied  (Sent via the site)\n\
             \x20   {}  applied → interview\n",
            when(&at(0)),
            when(&at(1)),
            when(&at(2)),
        )
    );
    assert_eq!(
        sandbox.ok(&["apply", "list"]),
        format!(
            "ID                COMPANY  POSITION           STATUS     NEXT\n\
             {dnb}  DNB      Backend developer  rejected   2001-01-01 Call back\n\
             {equinor}  Equinor  Data engineer      interview  2199-12-31 Send portfolio\n"
        )
    );

    // Moving to the status it has is refused and adds nothing to the history.
    let out = sandbox.run(&["apply", "status", &equinor, "interview"], &UNLOCK, None);
    assert_refused(
        &out,
        "status: the application is already in status interview; choose another status",
    );
    assert_eq!(
        application(&sandbox, &equinor)["history"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[test]
fn application_list_filters_by_status_company_text_and_dates_and_they_combine() {
    let (sandbox, _) = Sandbox::with_vault();
    let equinor = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Equinor",
        "--position",
        "Data engineer",
    ]);
    let kongsberg = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "Kongsberg Digital",
        "--position",
        "Rust developer",
        "--contact",
        "Kari Hansen",
    ]);
    let dnb = sandbox.add(&[
        "apply",
        "add",
        "--company",
        "DNB",
        "--position",
        "Backend developer",
        "--notes",
        "They asked about Kafka",
    ]);
    sandbox.ok(&["apply", "status", &kongsberg, "interview"]);

    let ids = |filters: &[&str]| -> Vec<String> {
        let mut args = vec!["apply", "list"];
        args.extend(filters);
        let found = sandbox.json(&args);
        let found = found.as_array().expect("a list");
        found
            .iter()
            .map(|e| e["id"].as_str().expect("an id").to_owned())
            .collect()
    };
    let (e, k, d) = (equinor.as_str(), kongsberg.as_str(), dnb.as_str());
    let none: [&str; 0] = [];
    // Newest first.
    assert_eq!(ids(&[]), [d, k, e]);
    assert_eq!(ids(&["--status", "interview"]), [k]);
    assert_eq!(ids(&["--status", "draft"]), [d, e]);
    assert_eq!(ids(&["--company", "EQUI"]), [e], "any case");
    assert_eq!(ids(&["--company", "digital"]), [k]);
    assert_eq!(ids(&["--text", "kafka"]), [d], "notes are searched");
    assert_eq!(ids(&["--text", "kari"]), [k], "the contact is searched");
    assert_eq!(
        ids(&["--text", "developer"]),
        [d, k],
        "positions are searched"
    );

    let days: Vec<String> = [e, k, d]
        .iter()
        .map(|id| {
            application(&sandbox, id)["createdAt"]
                .as_str()
                .expect("a time")[..10]
                .to_owned()
        })
        .collect();
    let first = days.iter().min().expect("days").as_str();
    let last = days.iter().max().expect("days").as_str();
    assert_eq!(
        ids(&["--from", first, "--to", last]),
        [d, k, e],
        "both ends are included"
    );
    assert_eq!(ids(&["--from", "2000-01-01"]), [d, k, e]);
    assert_eq!(ids(&["--to", "2000-01-01"]), none);
    assert_eq!(ids(&["--from", "2199-01-01"]), none);

    // Filters combine: every one must match.
    assert_eq!(ids(&["--status", "draft", "--text", "developer"]), [d]);
    assert_eq!(
        ids(&["--company", "equinor", "--status", "interview"]),
        none
    );
    assert_eq!(
        ids(&[
            "--company",
            "kongsberg",
            "--from",
            first,
            "--status",
            "interview"
        ]),
        [k]
    );

    assert_eq!(
        sandbox.ok(&["apply", "list", "--status", "interview"]),
        format!(
            "ID                COMPANY            POSITION        STATUS     NEXT\n\
             {kongsberg}  Kongsberg Digital  Rust developer  interview\n"
        )
    );
    assert_eq!(
        sandbox.ok(&["apply", "list", "--company", "Aker"]),
        "No applications match.\n"
    );

    let refused =
        |args: &[&str], message: &str| assert_refused(&sandbox.run(args, &UNLOCK, None), message);
    refused(
        &["apply", "list", "--status", "Hired"],
        "--status \"Hired\": \"Hired\" is not one of draft, applied, interview, offer, hired, rejected, withdrawn; use one of them",
    );
    refused(
        &["apply", "list", "--from", "2024-02-30"],
        "--from \"2024-02-30\": \"2024-02-30\" is not a valid date: that month has no such day",
    );
    refused(
        &["apply", "list", "--to", "2024-05"],
        "--to \"2024-05\": \"2024-05\" is not a valid date: a full date is needed; write it as YYYY-MM-DD, e.g. 2019-06-29",
    );
}

/// `apply list --sort company` in the person's language, as the app's table sorts: numbers
/// by value, and in bokmål Ø after Z, while English sorts it with O.
#[test]
fn applications_sort_by_company_in_the_language_of_the_locale() {
    let (sandbox, _) = Sandbox::with_vault();
    for company in ["Zeta AS", "Øst AS", "Company 10", "Aker ASA", "Company 9"] {
        sandbox.add(&[
            "apply",
            "add",
            "--company",
            company,
            "--position",
            "Developer",
        ]);
    }
    let companies = |locale: &str, extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--json", "apply", "list", "--sort", "company"];
        args.extend(extra);
        let mut envs = UNLOCK.to_vec();
        envs.push(("LC_ALL", locale));
        let out = common::succeeded(&sandbox.run(&args, &envs, None));
        common::json_of(&out)
            .as_array()
            .expect("a list")
            .iter()
            .map(|row| row["company"].as_str().expect("a company").to_owned())
            .collect()
    };
    assert_eq!(
        companies("nb_NO.UTF-8", &[]),
        ["Aker ASA", "Company 9", "Company 10", "Zeta AS", "Øst AS"]
    );
    assert_eq!(
        companies("en_GB.UTF-8", &[]),
        ["Aker ASA", "Company 9", "Company 10", "Øst AS", "Zeta AS"]
    );
    assert_eq!(
        companies("nb_NO.UTF-8", &["--reverse"]),
        ["Øst AS", "Zeta AS", "Company 10", "Company 9", "Aker ASA"]
    );
}

/// `--limit` and `--page` page through the list, and the text says where the page is; a
/// page past the end shows the last one.
#[test]
fn applications_list_a_page_at_a_time() {
    let (sandbox, _) = Sandbox::with_vault();
    for company in ["Aker ASA", "Bouvet", "Cognite", "DNB", "Equinor"] {
        sandbox.add(&[
            "apply",
            "add",
            "--company",
            company,
            "--position",
            "Developer",
        ]);
    }
    let list = |extra: &[&str]| {
        let mut args = vec!["apply", "list", "--sort", "company", "--limit", "2"];
        args.extend(extra);
        sandbox.ok(&args)
    };
    let second = list(&["--page", "2"]);
    assert!(
        second.contains("Cognite") && second.contains("DNB"),
        "{second}"
    );
    assert!(
        !second.contains("Bouvet") && !second.contains("Equinor"),
        "{second}"
    );
    assert!(
        second.ends_with("Page 2 of 3: 3–4 of 5. --page 3 shows the next.\n"),
        "{second}"
    );
    for page in ["3", "9"] {
        let last = list(&["--page", page]);
        assert!(last.contains("Equinor") && !last.contains("DNB"), "{last}");
        assert!(last.ends_with("Page 3 of 3: 5–5 of 5.\n"), "{last}");
    }
    let whole = sandbox.ok(&["apply", "list"]);
    assert!(
        !whole.contains("Page"),
        "one page needs no page line: {whole}"
    );
}
