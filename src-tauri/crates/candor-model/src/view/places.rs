//! The places in a seeker's history that an anonymous view leaves out, as free text may
//! still name them: an institution or employer by its name, its common abbreviation
//! ("UiO", "NTNU"), or a course code whose prefix only one institution uses ("IN2010").

use super::FindingKind;

/// Words that stay in lower case in an abbreviation ("Universitetet i Oslo" is "UiO") and
/// count for nothing on their own.
const SMALL_WORDS: &[&str] = &[
    "i", "og", "for", "på", "til", "av", "ved", "of", "and", "the", "in", "at", "de",
];

/// Endings of company names that say nothing about which company: "Equinor ASA" is found
/// as "Equinor".
const COMPANY_FORMS: &[&str] = &[
    "as", "asa", "sa", "ans", "da", "ab", "aps", "a/s", "oy", "ltd", "inc", "llc", "plc", "gmbh",
    "bv", "nv", "ag", "sarl",
];

/// Abbreviations Norwegian institutions go by that their names do not spell out.
const KNOWN: &[(&str, &[&str])] = &[
    ("høgskulen på vestlandet", &["HVL"]),
    ("universitetet i sørøst-norge", &["USN"]),
    ("norges handelshøyskole", &["NHH"]),
    ("oslomet – storbyuniversitetet", &["OsloMet", "HiOA"]),
    ("oslomet - storbyuniversitetet", &["OsloMet", "HiOA"]),
    ("norges miljø- og biovitenskapelige universitet", &["NMBU"]),
    (
        "universitetet i tromsø – norges arktiske universitet",
        &["UiT"],
    ),
    (
        "universitetet i tromsø - norges arktiske universitet",
        &["UiT"],
    ),
    ("arkitektur- og designhøgskolen i oslo", &["AHO"]),
    ("norges idrettshøgskole", &["NIH"]),
    ("handelshøyskolen bi", &["BI"]),
];

/// Fewest letters a name needs to be looked for alone: shorter ones are words of the
/// language too.
const MIN_NAME_CHARS: usize = 3;

/// The places to look for, each as lower-case word sequences (names) or as written
/// (abbreviations), and the course-code prefixes.
#[derive(Debug, Default)]
pub(super) struct Places {
    /// Names as sequences of lower-case words.
    phrases: Vec<Vec<String>>,
    /// Abbreviations, found as whole words in any case if written with a capital.
    abbreviations: Vec<String>,
    /// Letter prefixes of the seeker's course codes, in upper case ("IN", "TDT").
    course_prefixes: Vec<String>,
}

/// A hit: chars `start..end`, and what it is.
pub(super) type PlaceHit = (usize, usize, FindingKind);

impl Places {
    /// Looks for `name` (an institution's, employer's or organisation's), its form without
    /// a company ending, and its abbreviations.
    pub(super) fn add_name(&mut self, name: &str) {
        let words = lower_words(name);
        if words.is_empty() {
            return;
        }
        let mut bare = words.clone();
        while bare.len() > 1
            && bare
                .last()
                .is_some_and(|w| COMPANY_FORMS.contains(&w.as_str()))
        {
            bare.pop();
        }
        for phrase in [words, bare] {
            let long_enough = phrase.len() > 1
                || phrase
                    .first()
                    .is_some_and(|w| w.chars().count() >= MIN_NAME_CHARS);
            let only_small = phrase.iter().all(|w| SMALL_WORDS.contains(&w.as_str()));
            if long_enough && !only_small && !self.phrases.contains(&phrase) {
                self.phrases.push(phrase);
            }
        }
        let lower = name.trim().to_lowercase();
        let known = KNOWN
            .iter()
            .filter(|(full, _)| *full == lower)
            .flat_map(|(_, short)| short.iter().map(|s| (*s).to_owned()));
        let written = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()))
            .map(str::to_owned);
        for short in known.chain(initials(name)).chain(written) {
            if !self
                .abbreviations
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&short))
            {
                self.abbreviations.push(short);
            }
        }
    }

    /// Looks for course codes with the letter prefix of `code` ("IN1000" gives "IN").
    pub(super) fn add_course_code(&mut self, code: &str) {
        let prefix: String = code
            .trim()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_uppercase();
        let digits_follow = code
            .trim()
            .chars()
            .nth(prefix.len())
            .is_some_and(|c| c.is_ascii_digit());
        if prefix.len() >= 2 && digits_follow && !self.course_prefixes.contains(&prefix) {
            self.course_prefixes.push(prefix);
        }
    }

    /// Every place named in the words of `text`; `words` are its runs of letters and
    /// digits as `(start, end)` char ranges.
    pub(super) fn hits(&self, text: &[char], words: &[(usize, usize)]) -> Vec<PlaceHit> {
        let word = |&(start, end): &(usize, usize)| -> String { text[start..end].iter().collect() };
        let lower: Vec<String> = words.iter().map(|w| word(w).to_lowercase()).collect();
        let mut hits = Vec::new();
        for phrase in &self.phrases {
            for at in 0..lower.len() {
                if lower[at..].starts_with(phrase) {
                    hits.push((
                        words[at].0,
                        words[at + phrase.len() - 1].1,
                        FindingKind::Organisation,
                    ));
                }
            }
        }
        for (i, range) in words.iter().enumerate() {
            let written = word(range);
            let capital = written.chars().any(char::is_uppercase);
            let abbreviation = self
                .abbreviations
                .iter()
                .any(|a| a.to_lowercase() == lower[i]);
            if capital && abbreviation {
                hits.push((range.0, range.1, FindingKind::Organisation));
            } else if self.is_course_code(&written) {
                hits.push((range.0, range.1, FindingKind::CourseCode));
            }
        }
        hits
    }

    /// Letters that are one of the prefixes, then digits, then perhaps more letters and
    /// digits: "IN2010", "tdt4120", "INF1100MET".
    fn is_course_code(&self, word: &str) -> bool {
        let letters: String = word
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_uppercase();
        let rest = &word[letters.len()..];
        self.course_prefixes.contains(&letters)
            && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
    }
}

/// The words of `name` in lower case, split at anything not a letter or digit.
fn lower_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The initials of a name of two words or more, small words in lower case: "Universitetet
/// i Oslo" is "UiO", "Norges teknisk-naturvitenskapelige universitet" is "NTNU". Nothing
/// for a one-word name, or initials of one letter.
fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || words.iter().all(|w| w.chars().all(char::is_uppercase)) {
        return None;
    }
    let short: String = words
        .iter()
        .filter_map(|w| {
            let first = w.chars().next()?;
            Some(if SMALL_WORDS.contains(&w.to_lowercase().as_str()) {
                first.to_lowercase().collect::<String>()
            } else {
                first.to_uppercase().collect::<String>()
            })
        })
        .collect();
    (short.chars().filter(|c| c.is_uppercase()).count() >= 2).then_some(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(places: &Places, text: &str) -> Vec<(FindingKind, String)> {
        let chars: Vec<char> = text.chars().collect();
        let mut words = Vec::new();
        let mut at = 0;
        while at < chars.len() {
            if chars[at].is_alphanumeric() {
                let start = at;
                while at < chars.len() && chars[at].is_alphanumeric() {
                    at += 1;
                }
                words.push((start, at));
            } else {
                at += 1;
            }
        }
        let mut hits = places.hits(&chars, &words);
        hits.sort_unstable_by_key(|&(start, end, _)| (start, end));
        hits.into_iter()
            .map(|(s, e, kind)| (kind, chars[s..e].iter().collect()))
            .collect()
    }

    #[test]
    fn an_institution_is_found_by_name_and_by_the_abbreviation_its_name_spells() {
        let mut places = Places::default();
        places.add_name("Universitetet i Oslo");
        places.add_name("Norges teknisk-naturvitenskapelige universitet");
        assert_eq!(initials("Universitetet i Oslo").as_deref(), Some("UiO"));
        assert_eq!(
            found(&places, "TA at UiO, then NTNU; universitetet i oslo"),
            vec![
                (FindingKind::Organisation, "UiO".to_owned()),
                (FindingKind::Organisation, "NTNU".to_owned()),
                (FindingKind::Organisation, "universitetet i oslo".to_owned()),
            ]
        );
        assert!(
            found(&places, "a uio-like word, uio").is_empty(),
            "needs a capital"
        );
    }

    #[test]
    fn known_abbreviations_and_employers_without_their_company_form_are_found() {
        let mut places = Places::default();
        places.add_name("Høgskulen på Vestlandet");
        places.add_name("Equinor ASA");
        places.add_name("AS");
        assert_eq!(
            found(
                &places,
                "Studied at HVL, summer job at Equinor as an intern"
            ),
            vec![
                (FindingKind::Organisation, "HVL".to_owned()),
                (FindingKind::Organisation, "Equinor".to_owned()),
            ]
        );
    }

    #[test]
    fn course_codes_with_the_seekers_prefixes_are_found() {
        let mut places = Places::default();
        places.add_course_code("IN1000");
        places.add_course_code("TDT4120");
        places.add_course_code("X1");
        places.add_course_code("Algorithms");
        assert_eq!(
            found(
                &places,
                "I was a TA in IN2010 and tdt4145, not ING3000 or IN or X10"
            ),
            vec![
                (FindingKind::CourseCode, "IN2010".to_owned()),
                (FindingKind::CourseCode, "tdt4145".to_owned()),
            ]
        );
    }
}
