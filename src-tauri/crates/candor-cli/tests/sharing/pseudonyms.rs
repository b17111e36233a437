//! Pseudonyms from the command line: reveals and invitations.

use super::*;

#[test]
fn a_reveal_joins_the_pseudonym_to_the_seeker_at_the_employer() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--out",
        "a.candor",
    ]);
    let revealed = p
        .seeker
        .ok(&["reveal", "--to", "Fjordkraft Data AS", "--out", "r.candor"]);
    assert!(
        revealed
            .starts_with("Wrote a reveal for Fjordkraft Data AS to r.candor: it links Candidate "),
        "{revealed}"
    );
    p.employer(&["employer", "import", "a.candor", "r.candor"]);
    let candidates = p.employer(&["--json", "employer", "candidates"]);
    let candidates: serde_json::Value = serde_json::from_str(&candidates).expect("json");
    assert_eq!(candidates.as_array().map(Vec::len), Some(1));
    assert_eq!(candidates[0]["name"], "Kari Nordmann");
    assert_eq!(candidates[0]["bundles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn an_employer_invites_a_pseudonym_and_the_seeker_reads_it_in_the_inbox() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let card_file = p.seeker.file("card.json", card.as_bytes());
    p.seeker.ok(&["recipient", "add", &card_file]);
    p.seeker.ok(&[
        "share",
        "--to",
        "Fjordkraft Data AS",
        "--view",
        "anonymous",
        "--out",
        "a.candor",
    ]);
    p.employer(&["employer", "import", "a.candor"]);
    let candidates: serde_json::Value =
        serde_json::from_str(&p.employer(&["--json", "employer", "candidates"])).expect("json");
    let pseudonym = candidates[0]["name"].as_str().expect("a name").to_owned();
    let invited = p.employer(&[
        "invite",
        &pseudonym,
        "--message",
        "Can we talk on Tuesday?",
        "--out",
        "invite.candor",
    ]);
    assert_eq!(
        invited,
        format!("Wrote an invitation to {pseudonym} to invite.candor; only the candidate can open it.\n")
    );
    let inbox = p.seeker.ok(&["inbox", "--import", "invite.candor"]);
    assert!(
        inbox.starts_with(&format!(
            "Fjordkraft Data AS invited {pseudonym}: Can we talk on Tuesday?\n"
        )),
        "{inbox}"
    );
}
