//! The words a CV prints around the seeker's own: headings, column names, dates and
//! numbers, in English or bokmål. Computed here rather than in the template, so every
//! template says the same thing and tests can pin it.

use candor_model::{Lang, PartialDate};
use serde::Serialize;

/// Headings and labels, in the order the classic template prints its sections.
#[derive(Debug, Serialize)]
pub(crate) struct Headings {
    pub summary: &'static str,
    pub contact: &'static str,
    pub education: &'static str,
    pub work: &'static str,
    pub projects: &'static str,
    pub skills: &'static str,
    pub languages: &'static str,
    pub certificates: &'static str,
    pub volunteer: &'static str,
    pub code: &'static str,
    pub course: &'static str,
    pub credits: &'static str,
    pub grade: &'static str,
    pub gpa: &'static str,
}

pub(crate) fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::En => Headings {
            summary: "Summary",
            contact: "Contact",
            education: "Education",
            work: "Work experience",
            projects: "Projects",
            skills: "Skills",
            languages: "Languages",
            certificates: "Certificates",
            volunteer: "Volunteering",
            code: "Code",
            course: "Course",
            credits: "Credits",
            grade: "Grade",
            gpa: "Grade point average",
        },
        Lang::Nb => Headings {
            summary: "Sammendrag",
            contact: "Kontakt",
            education: "Utdanning",
            work: "Arbeidserfaring",
            projects: "Prosjekter",
            skills: "Ferdigheter",
            languages: "Språk",
            certificates: "Sertifiseringer",
            volunteer: "Frivillig arbeid",
            code: "Emnekode",
            course: "Emne",
            credits: "Studiepoeng",
            grade: "Karakter",
            gpa: "Karaktersnitt",
        },
    }
}

/// `"en"` or `"nb"`: Typst's `lang`, which picks hyphenation patterns.
pub(crate) fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Nb => "nb",
    }
}

/// A date as a CV shows it: the month and the year ("March 2024", "mars 2024"), or the
/// year alone when that is all the seeker gave. A day, where given, is left out: a CV
/// counts months.
pub(crate) fn date(date: PartialDate, lang: Lang) -> String {
    match date.month().and_then(|month| lang.month_name(month)) {
        Some(month) => format!("{month} {}", date.year()),
        None => date.year().to_string(),
    }
}

/// A period: "March 2024 – June 2025"; "March 2024 – present" with no end; the end alone
/// with no start; empty with neither.
pub(crate) fn period(start: Option<PartialDate>, end: Option<PartialDate>, lang: Lang) -> String {
    let now = match lang {
        Lang::En => "present",
        Lang::Nb => "nå",
    };
    match (start, end) {
        (Some(start), Some(end)) => format!("{} – {}", date(start, lang), date(end, lang)),
        (Some(start), None) => format!("{} – {now}", date(start, lang)),
        (None, Some(end)) => date(end, lang),
        (None, None) => String::new(),
    }
}

/// A number written with the language's decimal sign: "7.5", "7,5".
pub(crate) fn decimal(number: &str, lang: Lang) -> String {
    match lang {
        Lang::En => number.to_owned(),
        Lang::Nb => number.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        text.parse().expect("a valid date")
    }

    #[test]
    fn dates_show_month_and_year_in_the_language() {
        assert_eq!(date(day("2024-03"), Lang::En), "March 2024");
        assert_eq!(date(day("2024-03-17"), Lang::Nb), "mars 2024");
        assert_eq!(date(day("2019"), Lang::Nb), "2019");
    }

    #[test]
    fn an_open_period_runs_to_the_present() {
        assert_eq!(
            period(Some(day("2024-03")), None, Lang::En),
            "March 2024 – present"
        );
        assert_eq!(
            period(Some(day("2020-08")), Some(day("2023-06")), Lang::Nb),
            "august 2020 – juni 2023"
        );
        assert_eq!(period(None, None, Lang::En), "");
    }

    #[test]
    fn bokmal_writes_a_decimal_comma() {
        assert_eq!(decimal("4.17 (B)", Lang::Nb), "4,17 (B)");
        assert_eq!(decimal("7.5", Lang::En), "7.5");
    }
}
