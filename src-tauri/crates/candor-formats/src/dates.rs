//! Dates as other programs write them: ISO 8601 (`2019`, `2019-05`, `2019-05-01`, with or
//! without a time), LinkedIn's `Jan 2022`, and day-first `18-07-1966` / `18.07.1966`.

use candor_model::{Day, PartialDate};

/// Month names and abbreviations, English and Norwegian, lower case, by month number.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("okt", 10),
    ("oktober", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("des", 12),
    ("desember", 12),
];

/// Reads a date in any of the forms above; `None` when it is none of them or does not exist.
pub(crate) fn parse_loose(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(date) = text.parse::<PartialDate>() {
        return Some(date);
    }
    // An ISO date-time: the date before the `T` or a space.
    if let Some((date, _time)) = text.split_once(['T', ' ']) {
        if date.len() == 10 {
            if let Ok(date) = date.parse::<PartialDate>() {
                return Some(date);
            }
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        // "Jan 2022", "January 2022", "jan. 2022"
        [month, year] => PartialDate::new(number(year)?, Some(month_named(month)?), None).ok(),
        // "Jan 5, 2022" or "5 Jan 2022"
        [a, b, year] => {
            let (month, day) = match month_named(a) {
                Some(month) => (month, number(b)?),
                None => (month_named(b)?, number(a.trim_end_matches('.'))?),
            };
            PartialDate::new(number(year)?, Some(month), Some(day)).ok()
        }
        _ => day_first(text),
    }
}

/// `dd-mm-yyyy`, `dd.mm.yyyy` or `dd/mm/yyyy`, and `mm/yyyy` or `mm.yyyy`.
fn day_first(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.split(['-', '.', '/']).collect();
    match parts.as_slice() {
        [day, month, year] if year.len() == 4 => {
            PartialDate::new(number(year)?, Some(number(month)?), Some(number(day)?)).ok()
        }
        [month, year] if year.len() == 4 && month.len() <= 2 => {
            PartialDate::new(number(year)?, Some(number(month)?), None).ok()
        }
        _ => None,
    }
}

/// Reads `text` by a Java-style pattern such as ELMO's `dtf="dd-MM-yyyy"` (`yyyy`, `MM` or
/// `mm`, `dd`), falling back to [`parse_loose`] when the text does not fit the pattern.
pub(crate) fn parse_with_pattern(text: &str, pattern: Option<&str>) -> Option<PartialDate> {
    let text = text.trim();
    pattern
        .and_then(|pattern| by_pattern(text, &pattern.to_lowercase()))
        .or_else(|| parse_loose(text))
}

fn by_pattern(text: &str, pattern: &str) -> Option<PartialDate> {
    if pattern.len() != text.len() || !text.is_ascii() {
        return None;
    }
    let field = |key: &str| {
        let at = pattern.find(key)?;
        text.get(at..at + key.len())
    };
    let (year, month, day) = (field("yyyy")?, field("mm")?, field("dd")?);
    PartialDate::new(number(year)?, Some(number(month)?), Some(number(day)?)).ok()
}

/// A full day from a date with year, month and day.
pub(crate) fn to_day(date: PartialDate) -> Option<Day> {
    Day::from_ymd(date.year(), date.month()?, date.day()?).ok()
}

fn month_named(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, month)| month)
}

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Option<String> {
        parse_loose(text).map(|d| d.to_string())
    }

    #[test]
    fn iso_dates_and_date_times_read_as_far_as_given() {
        assert_eq!(shown("2019"), Some("2019".into()));
        assert_eq!(shown(" 2019-05 "), Some("2019-05".into()));
        assert_eq!(shown("2019-05-01"), Some("2019-05-01".into()));
        assert_eq!(
            shown(" 2016-01-08T09:58:18.908+01:00 "),
            Some("2016-01-08".into())
        );
    }

    #[test]
    fn month_names_in_english_and_norwegian_read_as_months() {
        assert_eq!(shown("Jan 2022"), Some("2022-01".into()));
        assert_eq!(shown("September 2019"), Some("2019-09".into()));
        assert_eq!(shown("okt. 2020"), Some("2020-10".into()));
        assert_eq!(shown("Mar 5, 2021"), Some("2021-03-05".into()));
        assert_eq!(shown("5 mai 2021"), Some("2021-05-05".into()));
    }

    #[test]
    fn day_first_dates_read_with_any_separator() {
        assert_eq!(shown("18-07-1966"), Some("1966-07-18".into()));
        assert_eq!(shown("18.07.1966"), Some("1966-07-18".into()));
        assert_eq!(shown("07/2019"), Some("2019-07".into()));
    }

    #[test]
    fn words_and_impossible_dates_are_not_dates() {
        for text in ["", "2012 Syksy", "Present", "31.02.2020", "Jan", "13/2019"] {
            assert_eq!(shown(text), None, "{text:?}");
        }
    }

    #[test]
    fn patterns_say_which_digits_are_the_day() {
        let read = |text, pattern| parse_with_pattern(text, Some(pattern)).map(|d| d.to_string());
        assert_eq!(read("18-07-1966", "dd-MM-yyyy"), Some("1966-07-18".into()));
        assert_eq!(read("2012-07-15", "yyyy-mm-dd"), Some("2012-07-15".into()));
        assert_eq!(
            read("2012", "yyyy-MM-dd"),
            Some("2012".into()),
            "falls back when the text does not fit"
        );
    }
}
