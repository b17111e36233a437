//! Pseudonyms: reveals link an anonymous candidate to the seeker, and invitations reach them.

use super::*;

#[test]
fn a_reveal_links_the_anonymous_candidate_to_the_seeker() {
    let mut w = world();
    let recipient = w
        .seeker
        .recipient("Fjordkraft Data AS")
        .expect("the world adds the employer's card");
    let error = w
        .seeker
        .reveal(
            &request(ViewKind::Full, vec![]),
            &w.dir.path().join("too-early.candor"),
            Existing::Refuse,
        )
        .expect_err("nothing to reveal yet");
    assert_eq!(
        error.to_string(),
        "you have not shared anything anonymously with Fjordkraft Data AS, so there is no \
         pseudonym to reveal; share a full view instead"
    );

    let anonymous = w.dir.path().join("anonymous.candor");
    w.seeker
        .share(
            &request(ViewKind::Anonymous, vec![]),
            &anonymous,
            Existing::Refuse,
        )
        .expect("shares");
    import(&mut w.employer, &anonymous).expect("imports");
    assert_eq!(
        w.employer.candidates().expect("candidates")[0].name,
        recipient.pseudonym
    );

    let reveal = w.dir.path().join("reveal.candor");
    let outcome = w
        .seeker
        .reveal(
            &request(ViewKind::Anonymous, vec![]),
            &reveal,
            Existing::Refuse,
        )
        .expect("reveals");
    assert_eq!(outcome.entry.action, candor_bundle::Kind::Reveal);
    assert_eq!(
        outcome.entry.view,
        ViewKind::Full,
        "a reveal is always a full view"
    );
    import(&mut w.employer, &reveal).expect("imports the reveal");

    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1, "one person, one candidate");
    assert_eq!(candidates[0].name, "Kari Nordmann");
    assert_eq!(
        candidates[0].revealed,
        std::slice::from_ref(&recipient.pseudonym)
    );
    assert_eq!(candidates[0].bundles.len(), 2);
}

#[test]
fn an_invitation_reaches_the_pseudonym_and_a_reveal_answers_it() {
    let mut w = world();
    let recipient = w
        .seeker
        .recipient("Fjordkraft Data AS")
        .expect("the world adds the employer's card");
    let anonymous = shared_and_imported(&mut w, ViewKind::Anonymous, "anonymous");
    let candidate = w.employer.candidates().expect("candidates")[0].id.clone();
    let invitation = w.dir.path().join("invitation.candor");
    w.employer
        .invite(
            &candidate,
            "We would like to talk to you about the backend role.",
            &invitation,
            Existing::Refuse,
        )
        .expect("invites");

    let row = w
        .seeker
        .import_invitation(File::open(&invitation).expect("opens"), Timestamp::now())
        .expect("the pseudonym receives it");
    assert_eq!(row.organisation, "Fjordkraft Data AS");
    assert_eq!(row.to, recipient.pseudonym);
    assert_eq!(row.bundles, std::slice::from_ref(&anonymous));
    assert_eq!(w.seeker.invitations().expect("invitations"), [row]);

    let reveal = w.dir.path().join("reveal.candor");
    w.seeker
        .reveal(&request(ViewKind::Full, vec![]), &reveal, Existing::Refuse)
        .expect("reveals");
    import(&mut w.employer, &reveal).expect("imports");
    let candidates = w.employer.candidates().expect("candidates");
    assert_eq!(candidates.len(), 1);
    assert_eq!(
        candidates[0].name, "Kari Nordmann",
        "the reveal links the candidate"
    );
}

#[test]
fn only_anonymous_candidates_are_invited_through_a_pseudonym() {
    let mut w = world();
    shared_and_imported(&mut w, ViewKind::Full, "full");
    let error = w
        .employer
        .invite(
            "Kari Nordmann",
            "Hello",
            &w.dir.path().join("i.candor"),
            Existing::Refuse,
        )
        .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Kari Nordmann shared in full; write to them directly instead of through a pseudonym"
    );
}

#[test]
fn a_cv_is_signed_with_the_name_or_the_pseudonym_the_organisation_knows() {
    let w = world();
    let recipient = w
        .seeker
        .recipient("Fjordkraft Data AS")
        .expect("the world adds the employer's card");

    let full = w.seeker.cv_view(ViewKind::Full, None).expect("a full CV");
    assert_eq!(full.signed_as, "Kari Nordmann");
    assert_eq!(full.view.kind, ViewKind::Full);

    let anonymous = w
        .seeker
        .cv_view(ViewKind::Anonymous, Some(&recipient.id))
        .expect("an anonymous CV");
    assert_eq!(anonymous.signed_as, recipient.pseudonym);
    let person = anonymous.view.profile.person.as_ref();
    assert!(
        person.is_none_or(|p| !p.name.contains("Kari")),
        "an anonymous CV's view names nobody"
    );

    let refused = w
        .seeker
        .cv_view(ViewKind::Anonymous, None)
        .expect_err("no pseudonym without an organisation");
    assert!(matches!(refused, VaultError::AnonymousCvNeedsRecipient));
}
