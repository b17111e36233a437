//! Choices that are refused, and the messages that say why.

use super::*;

#[test]
fn national_id_is_in_no_view_even_when_everything_is_asked_for() {
    for kind in ViewKind::ALL {
        let everything = view(kind, &["person", "documents[cv-1]"], &[]);
        let sent = json(&everything);
        assert!(!sent.contains(NATIONAL_ID), "{kind} view leaked the number");
        assert!(!sent.contains("nationalId"), "{kind} view names the field");
    }
    for path in ["person.nationalId", "person.nationalId.value"] {
        for kind in ViewKind::ALL {
            let message = format!("{path} cannot be shared: the national identity number never goes into a view, whatever the view; leave it out");
            assert_eq!(refusal(kind, &[path], &[]), message);
            assert_eq!(refusal(kind, &[], &[path]), message);
        }
    }
}

#[test]
fn document_not_offered_is_refused() {
    assert_eq!(
        refusal(ViewKind::Full, &["documents[nope]"], &[]),
        "there is no document \"nope\" among the 3 offered; offer it, or leave documents[nope] out"
    );
}

#[test]
fn paths_that_name_nothing_are_refused_saying_what_is_there() {
    let cases = [
        ("work[7]", "there is no work[7]: the profile has 3 work entries"),
        ("work[x]", "\"work[x]\" is not a field path; write one like education[1].courses[0].title, or documents[<id>] for an attachment"),
        ("", "\"\" is not a field path; write one like education[1].courses[0].title, or documents[<id>] for an attachment"),
        ("education[0].courses[9].title", "there is no education[0].courses[9]: education[0] has 3 courses entries"),
        ("languages[1]", "there is no languages[1]: the profile has 1 languages entry"),
        ("person.fax", "there is no person.fax: person has addresses, birthDate, email, familyName, gender, givenName, label, name, phone, photo, profiles, summary and url"),
        ("skils", "there is no skils: the profile has awards, certificates, education, interests, languages, person, projects, publications, references, skills, volunteer and work"),
        ("work.name", "there is no work.name: work is a list; name an entry, like work[0].name"),
        ("person[0]", "there is no person[0]: person is not a list"),
        ("person.name.first", "there is no person.name.first: person.name is a single value; choose person.name as a whole"),
        ("work[2].url", "there is no work[2].url: work[2] has industry, name and position"),
    ];
    for (path, message) in cases {
        assert_eq!(
            refusal(ViewKind::Anonymous, &[path], &[]),
            message,
            "include {path}"
        );
        assert_eq!(
            refusal(ViewKind::Full, &[], &[path]),
            message,
            "exclude {path}"
        );
    }
}
