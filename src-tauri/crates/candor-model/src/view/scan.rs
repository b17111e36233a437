//! Finding what would identify the seeker in the text they typed: e-mail addresses, phone
//! numbers, web addresses, their own names, and the places the view leaves out (see
//! [`Places`]).
//!
//! The rules are simple on purpose, so the seeker can predict them, and lean towards
//! removing too much: every hit is listed before sharing, and a field the seeker includes
//! by name is shared as written. What no pattern can find (a description only one person
//! fits) is listed among the quasi-identifiers instead.

use super::places::Places;
use super::FindingKind;

/// What replaces each hit in an anonymous view.
pub const REMOVED_TEXT: &str = "[removed]";

/// Top-level domains that make a bare `name.tld` a web address. Others are left alone:
/// `Node.js` or `Vue.js` are tools, not sites. Compared in lower case only, so `ASP.NET`
/// stays too.
const COMMON_TLDS: &[&str] = &[
    "no", "se", "dk", "fi", "is", "de", "nl", "uk", "eu", "fr", "es", "it", "pl", "ch", "at", "be",
    "us", "ca", "com", "org", "net", "edu", "gov", "info", "biz", "io", "dev", "app", "me", "ai",
    "co",
];

/// Fewest digits a phone number has: a Norwegian one has 8.
const MIN_PHONE_DIGITS: usize = 8;

/// Fewest digits the seeker's own phone number needs to be looked for as written: more than
/// a year has, so that a stray "2019" is never taken for it.
const MIN_OWN_PHONE_DIGITS: usize = 5;

/// One hit: the characters `start..end` (indexes into the text's chars) and what they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    start: usize,
    end: usize,
    kind: FindingKind,
}

/// Scans text for what identifies the seeker: fixed patterns, and their own names.
#[derive(Debug, Default)]
pub(super) struct Scanner {
    /// Each word of the seeker's names, two letters or more, in lower case.
    names: Vec<String>,
    /// The seeker's own e-mail address and phone number, looked for as written (e-mail in
    /// any case): the patterns find the usual ones, but the model accepts an address such
    /// as `kari@localhost.123` and a number such as `912.34.567`, which no pattern takes.
    own: Vec<(Vec<char>, FindingKind)>,
    /// The institutions and employers the view leaves out, and the course-code prefixes.
    places: Places,
}

impl Scanner {
    /// A scanner for a seeker called `names`: "Kari-Anne Nordmann" gives the words `kari`,
    /// `anne` and `nordmann`. One-letter words (an initial) would match too much.
    pub(super) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: Vec<String> = Vec::new();
        for name in names {
            for word in name.split(|c: char| !c.is_alphabetic()) {
                let word = word.to_lowercase();
                if word.chars().count() >= 2 && !words.contains(&word) {
                    words.push(word);
                }
            }
        }
        Self {
            names: words,
            ..Self::default()
        }
    }

    /// The same scanner, also looking for the seeker's own e-mail address or phone number
    /// (`kind`) as written. Nothing is added for an empty text, or for a phone number with
    /// fewer than [`MIN_OWN_PHONE_DIGITS`] digits.
    pub(super) fn own(mut self, text: &str, kind: FindingKind) -> Self {
        let text = text.trim();
        let digits = text.chars().filter(char::is_ascii_digit).count();
        let wanted = match kind {
            FindingKind::Phone => digits >= MIN_OWN_PHONE_DIGITS,
            _ => !text.is_empty(),
        };
        if wanted {
            self.own.push((text.chars().collect(), kind));
        }
        self
    }

    /// The same scanner, also looking for the places in `places`.
    pub(super) fn places(mut self, places: Places) -> Self {
        self.places = places;
        self
    }

    /// The same scanner, no longer looking for the words of `names`: the view shares them.
    pub(super) fn sharing<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        let shared = Scanner::new(names).names;
        self.names.retain(|word| !shared.contains(word));
        self
    }

    /// `text` with each hit replaced by [`REMOVED_TEXT`], and the hits in order: what kind
    /// and the text matched. `None` when there is nothing to remove.
    pub(super) fn redact(&self, text: &str) -> Option<(String, Vec<(FindingKind, String)>)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let hits = self.hits(&chars, text);
        if hits.is_empty() {
            return None;
        }
        let byte = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        let (mut redacted, mut found, mut from) = (String::new(), Vec::new(), 0);
        for hit in hits {
            let (start, end) = (byte(hit.start), byte(hit.end));
            redacted.push_str(&text[from..start]);
            redacted.push_str(REMOVED_TEXT);
            found.push((hit.kind, text[start..end].to_owned()));
            from = end;
        }
        redacted.push_str(&text[from..]);
        Some((redacted, found))
    }

    /// Every hit, without overlaps, in order.
    fn hits(&self, chars: &[(usize, char)], text: &str) -> Vec<Hit> {
        let mut hits = emails(chars);
        hits.extend(urls(chars));
        hits.extend(phones(chars));
        hits.extend(self.names_in(chars, text));
        hits.extend(self.own_in(chars));
        let letters: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
        let words: Vec<(usize, usize)> = words(chars).collect();
        hits.extend(
            self.places
                .hits(&letters, &words)
                .into_iter()
                .map(|(start, end, kind)| Hit { start, end, kind }),
        );
        without_overlaps(hits)
    }

    /// The seeker's own e-mail address (in any case, anywhere) and phone number (not inside
    /// a longer run of digits).
    fn own_in(&self, chars: &[(usize, char)]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (own, kind) in &self.own {
            let len = own.len();
            for start in 0..chars.len().saturating_sub(len - 1) {
                let end = start + len;
                let same = chars[start..end]
                    .iter()
                    .zip(own)
                    .all(|(&(_, c), o)| c.eq_ignore_ascii_case(o));
                let digit_at = |i: usize| chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit());
                let inside_digits = *kind == FindingKind::Phone
                    && ((start > 0 && digit_at(start - 1)) || digit_at(end));
                if same && !inside_digits {
                    hits.push(Hit {
                        start,
                        end,
                        kind: *kind,
                    });
                }
            }
        }
        hits
    }

    /// Whole words that are one of the seeker's names, in any case.
    fn names_in(&self, chars: &[(usize, char)], text: &str) -> Vec<Hit> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let byte = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
        words(chars)
            .filter(|&(start, end)| {
                let word = text[byte(start)..byte(end)].to_lowercase();
                self.names.contains(&word)
            })
            .map(|(start, end)| Hit {
                start,
                end,
                kind: FindingKind::Name,
            })
            .collect()
    }
}

/// The runs of letters and digits, as `(start, end)`.
fn words(chars: &[(usize, char)]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < chars.len() && !chars[at].1.is_alphanumeric() {
            at += 1;
        }
        let start = at;
        while at < chars.len() && chars[at].1.is_alphanumeric() {
            at += 1;
        }
        (at > start).then_some((start, at))
    })
}

/// When two hits overlap, the one that starts first wins, or the longer of two that start
/// together: `kari@example.no` is one e-mail address, not a name and a domain.
fn without_overlaps(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|hit| (hit.start, std::cmp::Reverse(hit.end)));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        if kept.last().is_none_or(|last| hit.start >= last.end) {
            kept.push(hit);
        }
    }
    kept
}

/// `local@domain.tld`: grown outwards from each `@`.
fn emails(chars: &[(usize, char)]) -> Vec<Hit> {
    let is_local = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_alphanumeric() || ".-".contains(c);
    let mut hits = Vec::new();
    for (at, &(_, c)) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let mut start = at;
        while start > 0 && is_local(chars[start - 1].1) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && is_domain(chars[end].1) {
            end += 1;
        }
        while end > at + 1 && ".-".contains(chars[end - 1].1) {
            end -= 1;
        }
        let domain: String = chars[at + 1..end].iter().map(|&(_, c)| c).collect();
        if start < at && is_host(&domain) {
            hits.push(Hit {
                start,
                end,
                kind: FindingKind::Email,
            });
        }
    }
    hits
}

/// Labels joined by dots, at least two, the last (the top-level domain) two letters or more.
fn is_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|label| !label.is_empty())
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

/// `http://…`, `https://…`, `www.…`, and a bare `domain.tld` or `domain.tld/path` whose
/// top-level domain is a [common one](COMMON_TLDS).
fn urls(chars: &[(usize, char)]) -> Vec<Hit> {
    let mut hits = Vec::new();
    for start in 0..chars.len() {
        let after_word = start > 0 && !is_boundary(chars[start - 1].1);
        if after_word {
            continue;
        }
        let with_prefix = ["https://", "http://", "www."].iter().any(|prefix| {
            starts_with_ignoring_case(&chars[start..], prefix)
                && chars
                    .get(start + prefix.len())
                    .is_some_and(|&(_, c)| c.is_alphanumeric())
        });
        let end = if with_prefix {
            Some(url_end(chars, start))
        } else {
            bare_domain_end(chars, start)
        };
        if let Some(end) = end {
            hits.push(Hit {
                start,
                end,
                kind: FindingKind::Url,
            });
        }
    }
    hits
}

/// Whether a web address may start after `c`: not inside a word, a host or a path.
fn is_boundary(c: char) -> bool {
    !(c.is_alphanumeric() || ".-@/:_".contains(c))
}

fn starts_with_ignoring_case(chars: &[(usize, char)], prefix: &str) -> bool {
    let mut chars = chars.iter();
    prefix.chars().all(|p| {
        chars
            .next()
            .is_some_and(|&(_, c)| c.to_ascii_lowercase() == p)
    })
}

/// Where a web address that starts at `start` ends: at white space or a character that
/// cannot be in one, less the punctuation that ends a sentence or closes a bracket.
fn url_end(chars: &[(usize, char)], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && !chars[end].1.is_whitespace() && !"<>\"".contains(chars[end].1) {
        end += 1;
    }
    while end > start && ".,;:!?)]}'\"".contains(chars[end - 1].1) {
        end -= 1;
    }
    end
}

/// The end of `domain.tld` or `domain.tld/path` starting at `start`, if there is one.
fn bare_domain_end(chars: &[(usize, char)], start: usize) -> Option<usize> {
    let is_label = |c: char| c.is_alphanumeric() || c == '-';
    if !chars[start].1.is_alphanumeric() {
        return None;
    }
    let mut end = start;
    let tld_start = loop {
        let label_start = end;
        while end < chars.len() && is_label(chars[end].1) {
            end += 1;
        }
        let dot_then_label = chars.get(end).is_some_and(|&(_, c)| c == '.')
            && chars
                .get(end + 1)
                .is_some_and(|&(_, c)| c.is_alphanumeric());
        if !dot_then_label {
            break label_start;
        }
        end += 1;
    };
    let host: String = chars[start..end].iter().map(|&(_, c)| c).collect();
    let tld: String = chars[tld_start..end].iter().map(|&(_, c)| c).collect();
    if !is_host(&host) || !COMMON_TLDS.contains(&tld.as_str()) {
        return None;
    }
    match chars.get(end) {
        Some(&(_, '/')) => Some(url_end(chars, start)),
        Some(&(_, c)) if c.is_alphanumeric() || c == '@' => None,
        _ => Some(end),
    }
}

/// Eight digits or more, with an optional leading `+` and spaces, dashes and parentheses
/// between them: `+47 912 34 567`, `(+47) 22-85-50-50`. Years and dates are not phone
/// numbers: `2018 2019`, `2019-06-01`.
fn phones(chars: &[(usize, char)]) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let c = chars[start].1;
        let starts_run = (c.is_ascii_digit() || c == '+' || c == '(')
            && (start == 0 || !chars[start - 1].1.is_alphanumeric());
        if !starts_run {
            start += 1;
            continue;
        }
        let mut next = start + 1;
        while next < chars.len() && is_phone_char(chars[next].1, chars[next - 1].1) {
            next += 1;
        }
        let mut end = next;
        loop {
            while end > start && !chars[end - 1].1.is_ascii_digit() {
                end -= 1;
            }
            let whole_word = chars.get(end).is_none_or(|&(_, c)| !c.is_alphanumeric());
            if whole_word || end == start {
                break;
            }
            // The last group runs into a word ("912 34 567 2nd floor"): the number ends
            // before that word.
            while end > start && chars[end - 1].1.is_ascii_digit() {
                end -= 1;
            }
        }
        let digits = digit_groups(&chars[start..end]);
        let count: usize = digits.iter().map(|group| group.len()).sum();
        if end > start && count >= MIN_PHONE_DIGITS && !is_dates(&digits) {
            hits.push(Hit {
                start,
                end,
                kind: FindingKind::Phone,
            });
        }
        start = next;
    }
    hits
}

/// Whether `c`, after `previous`, continues a phone number. A `+` only opens one.
fn is_phone_char(c: char, previous: char) -> bool {
    c.is_ascii_digit() || " \u{a0}-()".contains(c) || (c == '+' && previous == '(')
}

/// The runs of digits in `chars`.
fn digit_groups(chars: &[(usize, char)]) -> Vec<String> {
    let text: String = chars.iter().map(|&(_, c)| c).collect();
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether digit groups read as dates rather than a phone number: a year first, then only
/// years or one- and two-digit months and days (`2019 06 01`, `2018-2020`).
fn is_dates(groups: &[String]) -> bool {
    let is_year = |group: &String| {
        group.len() == 4
            && group
                .parse::<u16>()
                .is_ok_and(|y| (1900..2100).contains(&y))
    };
    groups.first().is_some_and(is_year)
        && groups
            .iter()
            .all(|group| is_year(group) || group.len() <= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(FindingKind, String)> {
        Scanner::new(["Kari Nordmann", "Åse Ødegård"])
            .redact(text)
            .map(|(_, hits)| hits)
            .unwrap_or_default()
    }

    fn one(kind: FindingKind, text: &str) -> Vec<(FindingKind, String)> {
        vec![(kind, text.to_owned())]
    }

    #[test]
    fn each_hit_is_replaced_and_the_rest_kept() {
        let scanner = Scanner::new(["Kari Nordmann"]);
        let (text, hits) = scanner
            .redact("Mail kari@example.no or call +47 912 34 567 (Kari).")
            .expect("hits");
        assert_eq!(text, "Mail [removed] or call [removed] ([removed]).");
        assert_eq!(
            hits,
            vec![
                (FindingKind::Email, "kari@example.no".into()),
                (FindingKind::Phone, "+47 912 34 567".into()),
                (FindingKind::Name, "Kari".into()),
            ]
        );
        assert_eq!(scanner.redact("Ten years of Rust."), None, "nothing found");
    }

    #[test]
    fn email_addresses_are_found_inside_punctuation() {
        assert_eq!(
            found("(e-post:kari.n+jobs@mail.example.com)."),
            one(FindingKind::Email, "kari.n+jobs@mail.example.com")
        );
        assert_eq!(found("write to a@b.no."), one(FindingKind::Email, "a@b.no"));
        assert!(found("C# @ home, user@localhost").is_empty());
    }

    #[test]
    fn phone_numbers_have_eight_digits_or_more() {
        assert_eq!(
            found("Ring +47 912 34 567."),
            one(FindingKind::Phone, "+47 912 34 567")
        );
        assert_eq!(
            found("tlf. (+47) 22-85-50-50, kveld"),
            one(FindingKind::Phone, "(+47) 22-85-50-50")
        );
        assert_eq!(found("91234567"), one(FindingKind::Phone, "91234567"));
        for not_a_phone in [
            "1234567 users",
            "IN1000 and TDT4120",
            "graded 7.5 credits",
            "from 2019-06-01 to 2020-06-30",
            "2018 2019 2020",
            "(2015-2019)",
            "abc12345678",
        ] {
            assert!(found(not_a_phone).is_empty(), "{not_a_phone}");
        }
    }

    /// Found by the anonymous-view property: the digits ran on into the next word, and the
    /// whole number was let through.
    #[test]
    fn a_phone_number_before_a_word_that_starts_with_a_digit_is_found() {
        assert_eq!(
            found("Ring 912 34 567 2nd floor"),
            one(FindingKind::Phone, "912 34 567")
        );
        assert_eq!(
            found("jru(47000000  1bg"),
            one(FindingKind::Phone, "47000000")
        );
        assert!(found("call 2019 2nd").is_empty());
    }

    /// Found by the anonymous-view property: the model accepts e-mail addresses and phone
    /// numbers that no pattern takes, and the seeker's own were sent as written.
    #[test]
    fn the_seekers_own_email_and_phone_are_found_as_written() {
        let scanner = Scanner::new(["Kari"])
            .own("a@_.no", FindingKind::Email)
            .own("912.34.567", FindingKind::Phone)
            .own("", FindingKind::Email)
            .own("2019", FindingKind::Phone);
        let (text, hits) = scanner
            .redact("Mail A@_.NO or ring 912.34.567; not 1912.34.5678, in 2019.")
            .expect("hits");
        assert_eq!(
            text,
            "Mail [removed] or ring [removed]; not 1912.34.5678, in 2019."
        );
        assert_eq!(
            hits,
            vec![
                (FindingKind::Email, "A@_.NO".into()),
                (FindingKind::Phone, "912.34.567".into()),
            ]
        );
    }

    #[test]
    fn web_addresses_with_a_scheme_www_or_a_common_domain_are_found() {
        assert_eq!(
            found("see https://kari.example.no/cv?x=1."),
            one(FindingKind::Url, "https://kari.example.no/cv?x=1")
        );
        assert_eq!(
            found("(www.example.org)"),
            one(FindingKind::Url, "www.example.org")
        );
        assert_eq!(
            found("code at github.com/knordmann, blog on blog.example.dev"),
            vec![
                (FindingKind::Url, "github.com/knordmann".into()),
                (FindingKind::Url, "blog.example.dev".into()),
            ]
        );
        for not_a_url in [
            "Node.js and Vue.js",
            "ASP.NET",
            "e.g. this",
            "version 1.5/2",
        ] {
            assert!(found(not_a_url).is_empty(), "{not_a_url}");
        }
    }

    #[test]
    fn own_names_are_found_as_whole_words_in_any_case() {
        assert_eq!(
            found("KARI wrote this; Karina did not."),
            one(FindingKind::Name, "KARI")
        );
        assert_eq!(
            found("Ødegård and ÅSE, nordmann-style"),
            vec![
                (FindingKind::Name, "Ødegård".into()),
                (FindingKind::Name, "ÅSE".into()),
                (FindingKind::Name, "nordmann".into()),
            ]
        );
    }

    #[test]
    fn one_letter_initials_are_not_searched_for() {
        let scanner = Scanner::new(["K. O'Nordmann"]);
        assert_eq!(scanner.names, ["nordmann"]);
        assert_eq!(scanner.redact("K. O. wrote it"), None);
    }
}
