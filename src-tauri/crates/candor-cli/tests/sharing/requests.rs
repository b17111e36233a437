//! Deletion requests travelling as files.

use super::*;

#[test]
fn a_deletion_request_travels_as_files_and_the_seeker_sees_it_confirmed() {
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
        "full.candor",
    ]);
    p.employer(&["employer", "import", "full.candor"]);

    let sent = p.seeker.ok(&[
        "request",
        "deletion",
        "--to",
        "Fjordkraft Data AS",
        "--out",
        "delete.candor",
    ]);
    assert!(
        sent.starts_with("Wrote a signed request for erasure to delete.candor about 1 bundle(s)"),
        "{sent}"
    );
    assert!(sent.contains("GDPR Art. 17"), "{sent}");
    assert!(
        sent.contains("\nmailto:personvern@fjordkraft.example?subject=Request%20for%20erasure%20%2F%20Krav%20om%20sletting%20%28ref.%20"),
        "{sent}"
    );
    let listed = p.seeker.ok(&["requests"]);
    assert!(
        listed.lines().nth(1).is_some_and(|l| l.ends_with("sent")),
        "{listed}"
    );

    let answered = p.employer(&["employer", "import", "delete.candor"]);
    assert!(
        answered.starts_with("delete.candor: a request for erasure from Kari Nordmann: deleted 1 bundle(s); they will be refused if sent again. Send the signed answer back: delete.candor.answer.candor"),
        "{answered}"
    );
    assert!(p
        .employer(&["employer", "candidates"])
        .starts_with("No candidates yet"));
    assert!(p
        .employer(&["employer", "notices"])
        .contains("request for erasure"));

    let confirmed = p
        .seeker
        .ok(&["receipt", "import", "delete.candor.answer.candor"]);
    assert!(
        confirmed.starts_with(
            "Deletion confirmed: Fjordkraft Data AS signed that it deleted 1 bundle(s) on "
        ),
        "{confirmed}"
    );
    assert!(
        confirmed.contains("refuse them if they are sent again"),
        "{confirmed}"
    );

    // The original file, still in a download folder, is imported again: refused, and the
    // employer's vault files are byte for byte as they were.
    let files = || {
        ["", "-wal"].map(|suffix| {
            std::fs::read(format!("{}{suffix}", p.employer.display())).unwrap_or_default()
        })
    };
    let before = files();
    let again = p.seeker.run_on(
        &p.employer,
        &["employer", "import", "full.candor"],
        &UNLOCK,
        None,
    );
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(
        said.contains("this bundle was deleted on ")
            && said.contains(" at the candidate's request; it cannot be imported again"),
        "{said}"
    );
    assert!(
        files() == before,
        "the refusal changed the employer's vault"
    );
    assert!(p
        .employer(&["employer", "candidates"])
        .starts_with("No candidates yet"));
    let listed = p.seeker.ok(&["requests"]);
    assert!(
        listed
            .lines()
            .nth(1)
            .is_some_and(|l| l.ends_with("deletion confirmed")),
        "{listed}"
    );
    // After the loop, the ledger, what the organisation holds and the requests agree: one
    // share, its deletion confirmed on the answer's day; one request, not listed as a share.
    let ledger = p.seeker.json(&["ledger"]);
    let requests = p.seeker.json(&["requests"]);
    let time = |value: &serde_json::Value| -> candor_model::Timestamp {
        value.as_str().expect("a time").parse().expect("RFC 3339")
    };
    let people = common::people_time();
    let day = |value: &serde_json::Value| people.day(time(value), candor_model::Lang::En);
    let share = &ledger["entries"][0];
    let request = &requests[0];
    let share_line = format!(
        "1 {} Fjordkraft Data AS full (no purpose given) {} deletion confirmed on {} {}",
        people.minute(time(&share["at"]), candor_model::Lang::En),
        day(&share["expiresAt"]),
        day(&request["answer"]["answeredAt"]),
        &share["bundleId"].as_str().expect("an id")[..8],
    );
    let words = |text: &str| -> Vec<String> {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let header = "# SHARED TO VIEW PURPOSE EXPIRES STATE REF";
    assert_eq!(
        words(&p.seeker.ok(&["ledger"])),
        [
            header,
            &share_line,
            "",
            "You sent 1 request(s) about these shares: candor requests"
        ]
    );
    assert_eq!(
        words(&p.seeker.ok(&["ledger", "--to", "Fjordkraft Data AS"])),
        [
            "Fjordkraft Data AS received 1 share(s) from you.",
            header,
            &share_line,
            "",
            "Under shares still active (not expired, deleted or replaced), they hold nothing of \
             yours."
        ]
    );
    assert_eq!(
        words(&listed),
        [
            "REQUEST KIND TO SENT DUE STATUS".to_owned(),
            format!(
                "{} request for erasure Fjordkraft Data AS {} {} deletion confirmed",
                &request["entry"]["bundleId"].as_str().expect("an id")[..8],
                people.minute(time(&request["entry"]["at"]), candor_model::Lang::En),
                day(&request["dueAt"]),
            ),
        ]
    );
}
