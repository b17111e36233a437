//! The order names sort in, the way a person reading the table expects: case and accents
//! do not matter, numbers go by value ("Company 9" before "Company 10"), and æ, ø and å
//! come after z, as in the Norwegian alphabet.
//!
//! The table used to sort in the page with the browser's `Intl.Collator`; it now sorts in
//! Rust, so that the page only receives the rows it shows. There is no ICU here, so this
//! is the small part of a collation that company names and job titles need.

/// A text prepared for comparison: compare keys, not the texts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey(Vec<Piece>);

/// A run of digits or of other characters. Digits sort before letters, as in `Intl`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Piece {
    /// A whole number, compared by value: the number of significant digits first, then
    /// the digits, so a number of any length compares without overflow.
    Number {
        digits: usize,
        value: String,
    },
    Text(Vec<Letter>),
}

/// A character's place: its base letter, then which of z, æ, ø, å it is, so that the
/// Norwegian letters fall between z and whatever comes after z.
type Letter = (char, u8);

impl CollationKey {
    pub fn new(text: &str) -> CollationKey {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(first) = rest.chars().next() {
            let is_digit = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != is_digit)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            pieces.push(if is_digit {
                number(run)
            } else {
                Piece::Text(run.chars().map(letter).collect())
            });
            rest = tail;
        }
        CollationKey(pieces)
    }
}

fn number(digits: &str) -> Piece {
    let value = digits.trim_start_matches('0');
    Piece::Number {
        digits: value.len(),
        value: value.to_owned(),
    }
}

/// Lower case, accents dropped (é as e, ü as u), and the Norwegian letters after z; ä and
/// ö sort with æ and ø, as Norwegian dictionaries sort them.
fn letter(c: char) -> Letter {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'æ' | 'ä' => ('z', 1),
        'ø' | 'ö' => ('z', 2),
        'å' => ('z', 3),
        'à' | 'á' | 'â' | 'ã' | 'ā' => ('a', 0),
        'ç' | 'č' => ('c', 0),
        'è' | 'é' | 'ê' | 'ë' | 'ē' => ('e', 0),
        'ì' | 'í' | 'î' | 'ï' => ('i', 0),
        'ñ' => ('n', 0),
        'ò' | 'ó' | 'ô' | 'õ' => ('o', 0),
        'š' => ('s', 0),
        'ù' | 'ú' | 'û' | 'ü' => ('u', 0),
        'ý' | 'ÿ' => ('y', 0),
        'ž' => ('z', 0),
        other => (other, 0),
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::*;

    fn compare(a: &str, b: &str) -> Ordering {
        CollationKey::new(a).cmp(&CollationKey::new(b))
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        names.sort_by(|a, b| compare(a, b));
        names
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(compare("equinor", "EQUINOR"), Ordering::Equal);
        assert_eq!(sorted(&["bekk", "Aker", "DNB"]), ["Aker", "bekk", "DNB"]);
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&["Company 10", "Company 9", "Company 100", "Company 09"]),
            ["Company 9", "Company 09", "Company 10", "Company 100"]
        );
        assert_eq!(
            sorted(&["x99999999999999999999999", "x100000000000000000000000"]),
            ["x99999999999999999999999", "x100000000000000000000000"],
            "numbers longer than any integer type still compare by value"
        );
    }

    #[test]
    fn digits_come_before_letters() {
        assert_eq!(sorted(&["Vy", "3Shape", "Aker"]), ["3Shape", "Aker", "Vy"]);
    }

    #[test]
    fn norwegian_letters_follow_z_in_alphabet_order() {
        assert_eq!(
            sorted(&["Åsane", "Ølen", "Ærfugl", "Zalando", "Aker"]),
            ["Aker", "Zalando", "Ærfugl", "Ølen", "Åsane"]
        );
    }

    #[test]
    fn accents_are_ignored() {
        assert_eq!(compare("École", "ecole"), Ordering::Equal);
        assert_eq!(
            sorted(&["Fjord", "Équinor", "Dnb"]),
            ["Dnb", "Équinor", "Fjord"]
        );
    }

    #[test]
    fn a_prefix_sorts_first() {
        assert_eq!(sorted(&["DNB Markets", "DNB"]), ["DNB", "DNB Markets"]);
        assert_eq!(compare("", "A"), Ordering::Less);
    }
}
