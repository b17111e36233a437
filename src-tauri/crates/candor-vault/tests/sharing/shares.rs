//! Shares from seeker to employer: what the employer sees, plain shares, key cards, corrections.

use super::*;

/// Strings that identify the seeker; none may be in an anonymous bundle.
const IDENTIFYING: &[&str] = &[
    "Kari",
    "Nordmann",
    "kari.nordmann@example.org",
    "+47 912 34 567",
    "91234567",
    "kari.example.org",
    "Storgata 1",
    "1995-04-12",
    "Statnett",
    "Universitetet i Oslo",
    "15059500136",
    "cv-kari.pdf",
    "%PDF-1.7 Kari's CV",
];

#[test]
fn the_employer_sees_exactly_what_the_seeker_previewed_and_the_anonymous_bundle_names_nobody() {
    let mut w = world();
    let recipient = w
        .seeker
        .recipient("Fjordkraft Data AS")
        .expect("the world adds the employer's card");
    assert_eq!(recipient.organisation, "Fjordkraft Data AS");
    assert!(recipient.pseudonym.starts_with("Candidate "));

    let document = w.seeker.list::<Document>().expect("documents")[0]
        .id
        .clone();
    let anonymous = request(ViewKind::Anonymous, vec![]);
    let full = request(ViewKind::Full, vec![format!("documents[{document}]")]);
    let anonymous_preview = w
        .seeker
        .preview_share(&anonymous.recipient, &anonymous.choice)
        .expect("a preview");
    let full_preview = w
        .seeker
        .preview_share(&full.recipient, &full.choice)
        .expect("a preview");

    let anonymous_path = w.dir.path().join("anonymous.candor");
    let full_path = w.dir.path().join("full.candor");
    let anonymous_share = w
        .seeker
        .share(&anonymous, &anonymous_path, Existing::Refuse)
        .expect("shares");
    let full_share = w
        .seeker
        .share(&full, &full_path, Existing::Refuse)
        .expect("shares");
    assert_eq!(
        anonymous_share.entry.signed_as,
        SignedAs::Pseudonym(recipient.pseudonym.clone())
    );
    assert_eq!(full_share.entry.signed_as, SignedAs::Identity);

    let imported = import(&mut w.employer, &anonymous_path).expect("imports");
    assert!(imported.anonymous);
    assert_eq!(imported.candidate_name, recipient.pseudonym);
    import(&mut w.employer, &full_path).expect("imports");

    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(
        candidates.len(),
        2,
        "pseudonym and identity are two candidates"
    );
    let seen_anonymous = w.employer.candidate(&recipient.pseudonym).expect("found");
    assert!(seen_anonymous.anonymous);
    assert_eq!(seen_anonymous.profile, anonymous_preview.view.profile);
    let seen_full = w.employer.candidate("Kari Nordmann").expect("found");
    assert_eq!(seen_full.profile, full_preview.view.profile);
    assert_eq!(
        seen_full.bundles[0].entries,
        [
            "profile.json",
            "profile.html",
            "attachments/01-cv-kari.pdf",
            "README.txt"
        ]
    );
    let mut cv = Vec::new();
    w.employer
        .read_received(
            &seen_full.bundles[0].bundle_id,
            "attachments/01-cv-kari.pdf",
            &mut cv,
        )
        .expect("reads the attachment");
    assert_eq!(cv, b"%PDF-1.7 Kari's CV");

    let identity = AgeIdentity::parse(
        w.employer
            .export_age_identity()
            .expect("exports")
            .expose_secret(),
    )
    .expect("an identity");
    for (path, bytes) in decrypted_entries(&anonymous_path, &identity) {
        for needle in IDENTIFYING {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{path} of the anonymous bundle contains {needle:?}"
            );
        }
    }
    let full_entries = decrypted_entries(&full_path, &identity);
    let profile = &full_entries
        .iter()
        .find(|(p, _)| p == "profile.json")
        .expect("profile.json")
        .1;
    assert!(contains(profile, b"Kari Nordmann"));
    assert!(
        !contains(profile, b"15059500136"),
        "the national id is never shared"
    );
    assert_eq!(
        profile,
        full_preview.profile_json.as_bytes(),
        "profile.json is the preview byte for byte"
    );
    let page = &full_entries
        .iter()
        .find(|(p, _)| p == "profile.html")
        .expect("profile.html")
        .1;
    assert_eq!(
        page,
        full_preview.profile_html.as_bytes(),
        "the page the preview shows is the page the organisation opens"
    );
    let mut held_page = Vec::new();
    w.employer
        .read_received(
            &seen_full.bundles[0].bundle_id,
            "profile.html",
            &mut held_page,
        )
        .expect("reads the page");
    assert_eq!(held_page, full_preview.profile_html.as_bytes());
    assert!(!anonymous_preview.profile_html.contains("Kari"));
    assert!(anonymous_preview
        .profile_html
        .contains(&recipient.pseudonym));
}

/// Importing is an employer's operation: a seeker's vault has no such method (a
/// `compile_fail` example in `candor_vault::roles` shows it), and a seeker's vault file
/// opened as an employer's is refused with the role it has, leaving it as it was.
#[test]
fn a_seeker_vault_cannot_import_bundles() {
    let w = world();
    let path = w.seeker.path().to_owned();
    w.seeker.lock();
    let before = std::fs::read(&path).expect("the vault file");
    let error = EmployerVault::open(&path, &passphrase()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "this is a seeker's vault, and this needs an employer's vault; open the right vault"
    );
    assert_eq!(std::fs::read(&path).expect("the vault file"), before);
}

#[test]
fn a_key_card_with_a_bad_signature_is_not_added() {
    let mut w = WorldBuilder::new().without_recipient().build();
    let forged = w
        .card
        .replace("personvern@fjordkraft.example", "phish@evil.example");
    let error = w
        .seeker
        .add_recipient(forged.as_bytes(), "forged.json")
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        candor_bundle::BundleError::CardBadSignature.to_string()
    );
    assert!(w.seeker.recipients().expect("recipients").is_empty());
}

#[test]
fn a_plain_share_is_readable_without_keys_but_still_signed() {
    let mut w = world();
    let out = w.dir.path().join("plain.candor");
    let mut req = request(ViewKind::Full, vec![]);
    req.protection = ShareProtection::Plain;
    w.seeker
        .share(&req, &out, Existing::Refuse)
        .expect("shares");
    let bytes = std::fs::read(&out).expect("reads");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let summary = import(&mut w.employer, &out).expect("imports");
    assert!(summary.plain, "flagged as unencrypted");
}

#[test]
fn a_correction_replaces_the_share_it_names_at_the_employer() {
    let mut w = world();
    let first = shared_and_imported(&mut w, ViewKind::Full, "first");
    let corrected = w.dir.path().join("corrected.candor");
    let mut req = request(ViewKind::Anonymous, vec![]);
    req.choice.exclude = vec!["skills".into()];
    let outcome = w
        .seeker
        .correct(&first, &req, &corrected, Existing::Refuse)
        .expect("corrects");
    assert_eq!(outcome.entry.action, candor_bundle::Kind::Correction);
    assert_eq!(
        outcome.entry.view,
        ViewKind::Full,
        "a correction keeps the view it corrects"
    );
    assert_eq!(outcome.entry.refers_to, std::slice::from_ref(&first));
    import(&mut w.employer, &corrected).expect("imports");
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        candidates[0].bundles.len(),
        1,
        "the corrected bundle is gone"
    );
    assert_eq!(candidates[0].bundles[0].bundle_id, outcome.entry.bundle_id);
    assert!(
        candidates[0].profile.skills.is_empty(),
        "the correction's content"
    );
}

/// The covering letter names the file to attach, the view, the purpose and the day it may
/// be kept until, signed with the pseudonym; it carries no full id, no raw time and no
/// command, and opens in the mail program addressed to the recruiter.
#[test]
fn a_saved_share_comes_with_a_letter_to_attach_it_to() {
    let mut w = world();
    let recipient = w
        .seeker
        .recipient("Fjordkraft Data AS")
        .expect("a recipient");
    let out = w.dir.path().join("Fjordkraft_Data_AS.candorbundle");
    let share = w
        .seeker
        .share(
            &request(ViewKind::Anonymous, vec![]),
            &out,
            Existing::Refuse,
        )
        .expect("shares");
    let time = candor_model::PeopleTime::system();
    let until = time.day(
        share.entry.expires_at.expect("expires"),
        candor_model::Lang::En,
    );
    let en = &share.letters.en;
    assert!(en.starts_with("To Fjordkraft Data AS\n\n"), "{en}");
    assert!(
        en.contains(
            "Attached is my anonymous profile, for \u{201c}Application: backend \
             developer\u{201d}: the file Fjordkraft_Data_AS.candorbundle."
        ),
        "{en}"
    );
    assert!(en.contains(&format!("under the name {}", recipient.pseudonym)));
    assert!(
        en.contains(&format!("You may keep it until {until};")),
        "{en}"
    );
    assert!(en.contains(&format!("Reference {}", &share.entry.bundle_id[..8])));
    let nb = &share.letters.nb;
    assert!(nb.contains("Vedlagt er den anonyme profilen min"), "{nb}");
    assert!(nb.contains("Dere kan beholde den til"), "{nb}");
    for letter in [en, nb] {
        assert!(!letter.contains(&share.entry.bundle_id), "no full id");
        assert!(
            !letter.contains("Kari"),
            "the anonymous letter names nobody"
        );
        assert!(!letter.contains("candor "), "no command");
        assert!(!letter.contains(&share.entry.at.to_string()), "no raw time");
    }
    let mailto = share.mailto.expect("the card has a contact address");
    assert!(
        mailto.starts_with("mailto:rekruttering@fjordkraft.example?subject=Anonymous%20profile"),
        "{mailto}"
    );
}
