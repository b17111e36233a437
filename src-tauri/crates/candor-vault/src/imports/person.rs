//! The person an import brings: filled into the one the seeker has, never over it; and the
//! learner of a transcript, which becomes part of the person only when the seeker asks.

use candor_formats::Learner;
use candor_model::{ImportNote, Person};

/// `existing` with every empty field filled from `incoming` (list fields get the entries
/// they lack), and the names of the fields filled. A field the seeker filled is never
/// replaced. `None` when nothing changes, or when there is no person yet and `incoming`
/// has no name to start one with.
pub(crate) fn fill_person(
    existing: Option<&Person>,
    incoming: &Person,
) -> (Option<Person>, Vec<String>) {
    let mut merged = existing.cloned().unwrap_or_default();
    let mut filled: Vec<String> = Vec::new();
    macro_rules! text {
        ($field:ident, $name:literal) => {
            if merged.$field.trim().is_empty() && !incoming.$field.trim().is_empty() {
                merged.$field = incoming.$field.clone();
                filled.push($name.into());
            }
        };
    }
    macro_rules! optional {
        ($field:ident, $name:literal) => {
            if merged.$field.is_none() && incoming.$field.is_some() {
                merged.$field = incoming.$field.clone();
                filled.push($name.into());
            }
        };
    }
    macro_rules! list {
        ($field:ident, $name:literal) => {
            let before = merged.$field.len();
            for item in &incoming.$field {
                if !merged.$field.contains(item) {
                    merged.$field.push(item.clone());
                }
            }
            if merged.$field.len() > before {
                filled.push($name.into());
            }
        };
    }
    text!(name, "name");
    optional!(given_name, "givenName");
    optional!(family_name, "familyName");
    text!(label, "label");
    text!(email, "email");
    text!(phone, "phone");
    text!(url, "url");
    text!(summary, "summary");
    optional!(birth_date, "birthDate");
    optional!(gender, "gender");
    optional!(national_id, "nationalId");
    list!(addresses, "addresses");
    list!(profiles, "profiles");
    // A photo is the id of a document in the vault it came from: meaningless here.
    if filled.is_empty() || merged.name.trim().is_empty() {
        return (None, Vec::new());
    }
    (Some(merged), filled)
}

/// The learner as a person with only what identifies them (name, birth date, national
/// identity number), for a seeker who asked to keep it; and a warning for each part that
/// cannot be kept. Warnings never carry the number.
pub(crate) fn learner_person(learner: &Learner, warnings: &mut Vec<ImportNote>) -> Person {
    let mut person = Person {
        name: learner.name().unwrap_or_default(),
        given_name: learner.given_names.clone(),
        family_name: learner.family_name.clone(),
        birth_date: learner.birth_date,
        ..Person::default()
    };
    if let Some(id) = &learner.national_id {
        match id.country() {
            None => warnings.push(ImportNote::new(
                "national_id_without_country",
                "the transcript does not say which country its national identity number \
                 belongs to, so the number was not stored; add it to your profile yourself if \
                 you want it there",
            )),
            Some(country) => match id.to_national_id(country) {
                Ok(national_id) => person.national_id = Some(national_id),
                // The seeker cannot correct the issuer's file, so the advice is not the
                // validation's ("check for typing errors") but to add their own.
                Err(_) => warnings.push(
                    ImportNote::new(
                        "national_id_invalid",
                        format!(
                            "the transcript's national identity number is not a valid \
                             {country} number, so it was not stored; add yours to your profile \
                             yourself if you want it there"
                        ),
                    )
                    .with("country", country.to_string()),
                ),
            },
        }
    }
    person
}

/// Warnings for a learner whose identity differs from what the seeker's profile already
/// says, so they can check the transcript is theirs. Never carries the values.
pub(crate) fn identity_differences(existing: &Person, learner: &Person) -> Vec<ImportNote> {
    let mut warnings = Vec::new();
    if let (Some(mine), Some(theirs)) = (&existing.national_id, &learner.national_id) {
        if mine != theirs {
            warnings.push(ImportNote::new(
                "national_id_differs",
                "the transcript's national identity number differs from the one in your \
                 profile; yours was kept, so check that the transcript is yours",
            ));
        }
    }
    if let (Some(mine), Some(theirs)) = (existing.birth_date, learner.birth_date) {
        if mine != theirs {
            warnings.push(ImportNote::new(
                "birth_date_differs",
                "the transcript's birth date differs from the one in your profile; yours was \
                 kept, so check that the transcript is yours",
            ));
        }
    }
    warnings
}

/// The identity fields ("name", "birthDate") in which a transcript's learner is not the
/// person of the seeker's profile, so the preview can ask whether the transcript is theirs
/// before anything is imported. A field either side leaves empty is not a difference; a name
/// counts as the same when every word of the shorter is in the longer ("Anette Hansen" and
/// "Anette Walaker Hansen"), ignoring case, hyphens and commas ("Hansen, Anette").
pub(crate) fn learner_differs(existing: &Person, learner: &Learner) -> Vec<String> {
    let mut differs = Vec::new();
    if let Some(name) = learner.name() {
        let words = |name: &str| -> Vec<String> {
            name.split(|c: char| c.is_whitespace() || c == '-' || c == ',')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let (mine, theirs) = (words(&existing.name), words(&name));
        let (short, long) = if mine.len() <= theirs.len() {
            (&mine, &theirs)
        } else {
            (&theirs, &mine)
        };
        if !short.is_empty() && !short.iter().all(|w| long.contains(w)) {
            differs.push("name".to_owned());
        }
    }
    if let (Some(mine), Some(theirs)) = (existing.birth_date, learner.birth_date) {
        if mine != theirs {
            differs.push("birthDate".to_owned());
        }
    }
    differs
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_model::SocialProfile;

    fn kari() -> Person {
        Person {
            name: "Kari Nordmann".into(),
            email: "kari@example.no".into(),
            ..Person::default()
        }
    }

    #[test]
    fn empty_fields_are_filled_and_typed_ones_kept() {
        let incoming = Person {
            name: "K. Nordmann".into(),
            email: "other@example.no".into(),
            phone: "+47 912 34 567".into(),
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                ..SocialProfile::default()
            }],
            ..Person::default()
        };
        let (merged, filled) = fill_person(Some(&kari()), &incoming);
        let merged = merged.expect("something changed");
        assert_eq!(merged.name, "Kari Nordmann", "the typed name stays");
        assert_eq!(merged.email, "kari@example.no", "the typed address stays");
        assert_eq!(merged.phone, "+47 912 34 567");
        assert_eq!(filled, ["phone", "profiles"]);
        let (again, filled) = fill_person(Some(&merged), &incoming);
        assert_eq!((again, filled), (None, Vec::<String>::new()), "idempotent");
    }

    #[test]
    fn a_learner_who_is_not_the_profile_person_is_told_field_by_field() {
        let born = |s: &str| s.parse().ok();
        let me = Person {
            name: "Kari Nordmann".into(),
            birth_date: born("1999-04-12"),
            ..Person::default()
        };
        let learner = |given: &str, family: &str, birth: &str| Learner {
            given_names: Some(given.into()),
            family_name: Some(family.into()),
            birth_date: born(birth),
            ..Learner::default()
        };
        assert_eq!(
            learner_differs(&me, &learner("Anette Walaker", "Hansen", "2001-01-02")),
            ["name", "birthDate"]
        );
        assert_eq!(
            learner_differs(&me, &learner("Kari", "Nordmann", "1999-04-12")),
            Vec::<String>::new()
        );
        // A middle name, another case, a hyphen or a missing birth date is no difference.
        assert!(learner_differs(&me, &learner("KARI Marie", "Nordmann", "1999-04-12")).is_empty());
        let hyphen = Person {
            name: "Kari Nordmann-Berg".into(),
            ..me.clone()
        };
        assert!(learner_differs(&hyphen, &learner("Kari", "Nordmann Berg", "")).is_empty());
        assert_eq!(
            learner_differs(&me, &learner("Kari", "Nordmann", "2000-01-01")),
            ["birthDate"]
        );
        // A profile without a name says nothing about the name.
        let nameless = Person::default();
        assert!(learner_differs(&nameless, &learner("Anette", "Hansen", "")).is_empty());
    }

    #[test]
    fn a_person_is_only_started_with_a_name() {
        let nameless = Person {
            email: "kari@example.no".into(),
            ..Person::default()
        };
        assert_eq!(fill_person(None, &nameless), (None, Vec::new()));
        let (person, filled) = fill_person(None, &kari());
        assert_eq!(person, Some(kari()));
        assert_eq!(filled, ["name", "email"]);
    }
}
