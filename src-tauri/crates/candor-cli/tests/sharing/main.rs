//! Sharing from the command line: an employer makes a key card, a seeker adds it (from a
//! file and from a URL), shares anonymous and full views, checks them, and the employer
//! imports them and lists its candidates.

#[path = "../common/mod.rs"]
mod common;

#[path = "../../../candor-formats/tests/support/pdf.rs"]
mod pdf_files;

use std::io::{Read, Write};
use std::net::TcpListener;

use common::{assert_refused, succeeded, Sandbox, EMPLOYER_INIT, UNLOCK};

struct Parties {
    seeker: Sandbox,
    employer: std::path::PathBuf,
}

fn parties() -> Parties {
    let (seeker, _) = Sandbox::with_vault();
    let employer = seeker.path("employer.candor");
    succeeded(&seeker.run_on(&employer, &EMPLOYER_INIT, &UNLOCK, None));
    seeker.ok(&["skill", "add", "Rust"]);
    let profile = r#"{"person": {"name": "Kari Nordmann", "email": "kari@example.org",
        "label": "Backend developer", "summary": "Kari likes databases."},
        "work": [{"name": "Statnett", "position": "Developer", "industry": "Energy"}]}"#;
    succeeded(&seeker.set_profile(profile));
    Parties { seeker, employer }
}

impl Parties {
    fn employer(&self, args: &[&str]) -> String {
        succeeded(&self.seeker.run_on(&self.employer, args, &UNLOCK, None))
    }
}

mod intake;
mod key_cards;
mod pseudonyms;
mod requests;
mod shares;
