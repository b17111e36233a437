//! Strategies that make arbitrary valid profiles, shared by the property tests of
//! candor-model and candor-formats (each includes this file with `#[path]`).
//!
//! Every value made here passes [`Validate`](candor_model::Validate): required fields are
//! never blank, dates are in range and in order, grades belong to their schemes, fluencies in
//! words do not look like CEFR levels. Within that, text is anything: Unicode from every
//! plane, combining marks, quotes, back-slashes, new lines, NULs, and empty where the field
//! may be empty. Sizes are small so that a debug build stays fast and a failure shrinks to
//! something readable.

#![allow(dead_code)]

use candor_model::{
    Address, Award, CefrLevel, Certificate, Classification, Credits, Day, DistributionEntry,
    Education, Fluency, Grade, GradeDistribution, GradeScheme, Interest, InterestKind, Language,
    LearningOpportunity, NationalId, PartialDate, Person, Profile, Project, Publication, Reference,
    Skill, SocialProfile, Volunteer, Work,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

#[path = "education.rs"]
mod education;

pub use education::*;

/// A character of typed text: mostly letters and spaces, now and then anything at all.
pub fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        3 => Just(' '),
        1 => prop::char::range('0', '9'),
        2 => prop::sample::select(vec![
            'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', 'ü', 'ß', 'ł', 'ő', 'ж', 'Ж', 'İ', 'ı', '中', '文',
            '🦀', 'ي', '\u{301}', '\u{200d}', '\u{feff}', '\u{a0}', '"', '\\', '\n', '\t', '-',
            '.', ',', '@', '/', '\'', '+', '(', ')', '\u{0}', '[', ']',
        ]),
        1 => any::<char>(),
    ]
}

/// Text of up to `max` characters, possibly empty.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    vec(text_char(), 0..=max).prop_map(String::from_iter)
}

/// A one-line field, possibly empty.
pub fn line() -> impl Strategy<Value = String> {
    text(12)
}

/// A free-text field (a summary, a description), possibly empty.
pub fn free_text() -> impl Strategy<Value = String> {
    text(40)
}

/// A field that must not be blank.
pub fn required() -> impl Strategy<Value = String> {
    (
        text_char().prop_filter("not white space", |c| !c.is_whitespace()),
        text(12),
    )
        .prop_map(|(first, rest)| format!("{first}{rest}"))
}

pub fn lines(max: usize) -> impl Strategy<Value = Vec<String>> {
    vec(line(), 0..=max)
}

/// A date of one, two or three parts, 1900–2200.
pub fn partial_date() -> impl Strategy<Value = PartialDate> {
    (1900u16..=2200, 0u8..=12, 0u8..=31).prop_map(|(year, month, day)| {
        let month = (month > 0).then_some(month);
        let day = month.and_then(|m| (day > 0).then_some(day.min(days_in_month(year, m))));
        PartialDate::new(year, month, day).expect("the parts are in range")
    })
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A start and an end, each optional, the end never before the start.
pub fn period() -> impl Strategy<Value = (Option<PartialDate>, Option<PartialDate>)> {
    (option::of(partial_date()), option::of(partial_date())).prop_map(|(start, end)| {
        match (start, end) {
            (Some(s), Some(e)) if e.is_before(s) => (Some(e), Some(s)),
            other => other,
        }
    })
}

pub fn day() -> impl Strategy<Value = Day> {
    partial_date().prop_map(|date| {
        Day::from_ymd(
            date.year(),
            date.month().unwrap_or(1),
            date.day().unwrap_or(1),
        )
        .expect("a day of a valid date")
    })
}

/// An ISO 3166-1 alpha-2 code, as the model checks it.
pub fn country_code() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["NO", "SE", "DK", "FI", "IS", "DE", "GB", "US"])
        .prop_map(String::from)
}

/// A plausible e-mail address as the model accepts it: one `@`, no white space, a dotted
/// domain. Not only the tidy ones: `!#$&*=?^{|}~` and letters of any script in the local
/// part, digits in the top-level domain, upper case anywhere.
pub fn email() -> impl Strategy<Value = String> {
    let local_char = prop_oneof![
        6 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        2 => prop::sample::select(vec![
            '.', '_', '%', '+', '-', '!', '#', '$', '&', '*', '=', '?', '^', '{', '|', '}', '~',
            'ø', 'é', 'ж',
        ]),
    ];
    let label_char = prop_oneof![
        6 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('0', '9'),
        1 => Just('-'),
        1 => Just('_'),
    ];
    let label = vec(label_char, 1..=6).prop_map(String::from_iter);
    (
        vec(local_char, 1..=10).prop_map(String::from_iter),
        vec(label, 1..=3),
        prop_oneof![
            4 => prop::sample::select(vec!["no", "com", "org", "dev", "se", "NO"]).prop_map(String::from),
            1 => "[a-z]{2,6}",
            1 => "[0-9]{1,3}",
        ],
    )
        .prop_map(|(local, labels, tld)| format!("{local}@{}.{tld}", labels.join(".")))
    .boxed()
}

/// A phone number as people write one: an optional country code, then five to twelve digits
/// in groups, with spaces, dashes, dots, slashes or nothing between them.
pub fn phone() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", "+47 ", "(+47) ", "0047 ", "+46-"]),
        vec("[0-9]{1,4}", 1..=4),
        prop::sample::select(vec![" ", "-", ".", "/", "", "\u{a0}"]),
    )
        .prop_filter_map("five digits or more", |(prefix, groups, separator)| {
            let digits: usize = groups.iter().map(String::len).sum();
            (digits >= 5).then(|| format!("{prefix}{}", groups.join(separator)))
        })
        .boxed()
}

/// A national identity number: a valid Norwegian one, or another country's as given.
pub fn national_id() -> impl Strategy<Value = NationalId> {
    prop_oneof![
        prop::sample::select(vec!["15059500136", "150595 00136"])
            .prop_map(|value| NationalId::new("NO", value).expect("a valid number")),
        (
            country_code().prop_filter("not NO", |c| c != "NO"),
            required()
        )
            .prop_map(|(country, value)| NationalId::new(&country, &value).expect("any number")),
    ]
    .boxed()
}

pub fn address() -> impl Strategy<Value = Address> {
    (
        free_text(),
        line(),
        line(),
        prop_oneof![Just(String::new()), country_code()],
        line(),
    )
        .prop_map(
            |(address, postal_code, city, country_code, region)| Address {
                address,
                postal_code,
                city,
                country_code,
                region,
            },
        )
        .boxed()
}

pub fn social_profile() -> impl Strategy<Value = SocialProfile> {
    (line(), line(), line())
        .prop_map(|(network, username, url)| SocialProfile {
            network,
            username,
            url,
        })
        .boxed()
}

/// A name as people write theirs: one to three words of letters from any script, joined by
/// spaces or hyphens.
pub fn name() -> impl Strategy<Value = String> {
    let letter = prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::sample::select(vec![
            'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'é', 'ü', 'ł', 'ő', 'ж', 'Ж', 'ß', 'Ñ', '中', 'ي',
        ]),
    ];
    let word = vec(letter, 1..=8).prop_map(String::from_iter);
    (vec(word, 1..=3), prop::sample::select(vec![" ", "-", " "]))
        .prop_map(|(words, separator)| words.join(separator))
        .boxed()
}

/// A person with every field, the national identity number and photo included.
pub fn person() -> impl Strategy<Value = Person> {
    (
        (
            prop_oneof![3 => name(), 1 => required()],
            option::of(line()),
            option::of(line()),
            line(),
            prop_oneof![Just(String::new()), email()],
            prop_oneof![Just(String::new()), phone(), line()],
            line(),
        ),
        (
            free_text(),
            option::of(day()),
            option::of(line()),
            option::of(national_id()),
            option::of(line()),
            vec(address(), 0..=2),
            vec(social_profile(), 0..=2),
        ),
    )
        .prop_map(
            |(
                (name, given_name, family_name, label, email, phone, url),
                (summary, birth_date, gender, national_id, photo, addresses, profiles),
            )| Person {
                name,
                given_name,
                family_name,
                label,
                email,
                phone,
                url,
                summary,
                birth_date,
                gender,
                national_id,
                photo,
                addresses,
                profiles,
            },
        )
        .boxed()
}

pub fn work() -> impl Strategy<Value = Work> {
    (
        (required(), line(), line(), period()),
        (free_text(), lines(3), line(), free_text(), line()),
    )
        .prop_map(
            |(
                (name, position, url, (start_date, end_date)),
                (summary, highlights, location, description, industry),
            )| Work {
                name,
                position,
                url,
                start_date,
                end_date,
                summary,
                highlights,
                location,
                description,
                industry,
            },
        )
        .boxed()
}

pub fn skill() -> impl Strategy<Value = Skill> {
    (required(), line(), line(), lines(3)).prop_map(|(name, category, level, keywords)| Skill {
        name,
        category,
        level,
        keywords,
    })
}

/// A fluency: a CEFR level, or words that do not look like one (a letter and a digit that
/// is no level, "D1", is refused by validation).
pub fn fluency() -> impl Strategy<Value = Fluency> {
    prop_oneof![
        prop::sample::select(CefrLevel::ALL.to_vec()).prop_map(Fluency::Cefr),
        line()
            .prop_filter("a letter and a digit reads as a CEFR level", |text| {
                let bytes = text.trim().as_bytes();
                !(bytes.len() == 2 && bytes[0].is_ascii_alphabetic() && bytes[1].is_ascii_digit())
            })
            .prop_map(Fluency::Described),
    ]
    .boxed()
}

pub fn language() -> impl Strategy<Value = Language> {
    (required(), fluency()).prop_map(|(language, fluency)| Language { language, fluency })
}

pub fn interest() -> impl Strategy<Value = Interest> {
    (
        required(),
        lines(3),
        option::of(prop_oneof![
            Just(InterestKind::Field),
            Just(InterestKind::Industry)
        ]),
    )
        .prop_map(|(name, keywords, kind)| Interest {
            name,
            keywords,
            kind,
        })
        .boxed()
}

pub fn project() -> impl Strategy<Value = Project> {
    (
        (required(), free_text(), lines(2), lines(2), period()),
        (line(), lines(2), line(), line()),
    )
        .prop_map(
            |(
                (name, description, highlights, keywords, (start_date, end_date)),
                (url, roles, entity, kind),
            )| Project {
                name,
                description,
                highlights,
                keywords,
                start_date,
                end_date,
                url,
                roles,
                entity,
                kind,
            },
        )
        .boxed()
}

pub fn certificate() -> impl Strategy<Value = Certificate> {
    (required(), option::of(partial_date()), line(), line())
        .prop_map(|(name, date, issuer, url)| Certificate {
            name,
            date,
            issuer,
            url,
        })
        .boxed()
}

pub fn award() -> impl Strategy<Value = Award> {
    (required(), option::of(partial_date()), line(), free_text())
        .prop_map(|(title, date, awarder, summary)| Award {
            title,
            date,
            awarder,
            summary,
        })
        .boxed()
}

pub fn publication() -> impl Strategy<Value = Publication> {
    (
        required(),
        line(),
        option::of(partial_date()),
        line(),
        free_text(),
    )
        .prop_map(
            |(name, publisher, release_date, url, summary)| Publication {
                name,
                publisher,
                release_date,
                url,
                summary,
            },
        )
        .boxed()
}

pub fn volunteer() -> impl Strategy<Value = Volunteer> {
    (
        (required(), line(), line(), period()),
        (free_text(), lines(2)),
    )
        .prop_map(
            |((organization, position, url, (start_date, end_date)), (summary, highlights))| {
                Volunteer {
                    organization,
                    position,
                    url,
                    start_date,
                    end_date,
                    summary,
                    highlights,
                }
            },
        )
        .boxed()
}

pub fn reference() -> impl Strategy<Value = Reference> {
    (required(), free_text())
        .prop_map(|(name, reference)| Reference { name, reference })
        .boxed()
}

/// A profile with any section empty or holding a few entries, and `person` given.
pub fn profile_with(
    person: impl Strategy<Value = Option<Person>> + 'static,
) -> impl Strategy<Value = Profile> {
    (
        (
            person,
            vec(education(), 0..=3),
            vec(work(), 0..=3),
            vec(skill(), 0..=3),
            vec(language(), 0..=3),
            vec(interest(), 0..=2),
        ),
        (
            vec(project(), 0..=2),
            vec(certificate(), 0..=2),
            vec(award(), 0..=2),
            vec(publication(), 0..=2),
            vec(volunteer(), 0..=2),
            vec(reference(), 0..=2),
        ),
    )
        .prop_map(
            |(
                (person, education, work, skills, languages, interests),
                (projects, certificates, awards, publications, volunteer, references),
            )| Profile {
                person,
                education,
                work,
                skills,
                languages,
                interests,
                projects,
                certificates,
                awards,
                publications,
                volunteer,
                references,
            },
        )
        .boxed()
}

/// Any valid profile, with or without a person.
pub fn profile() -> impl Strategy<Value = Profile> {
    profile_with(option::weighted(0.8, person()))
}
