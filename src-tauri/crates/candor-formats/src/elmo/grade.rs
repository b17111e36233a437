//! Which [`GradeScheme`] a transcript's result label is in: from the scheme the transcript
//! names where it names one, from the label otherwise ([`Grade::guess`]).

use candor_model::{Grade, GradeScheme};

/// Longest scheme name kept from a transcript's description of its grading scheme.
const MAX_SCHEME_NAME_CHARS: usize = 200;

/// What a transcript says about how a result is graded.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct SchemeHint<'a> {
    /// The draft ELMO's `result/@scheme` code: `NO30` (A–F), `NO08` (pass/fail), `FI`.
    pub code: Option<&'a str>,
    /// ELMO 1.x's description of the grading scheme (`gradingScheme/description`), or an
    /// inline `gradingScheme` text.
    pub description: Option<&'a str>,
    /// The issuer's country, ISO 3166-1 alpha-2.
    pub country: Option<&'a str>,
}

/// The grade `label` stands for, or `None` for an empty label.
pub(crate) fn grade(label: &str, hint: SchemeHint<'_>) -> Option<Grade> {
    let label = label.trim();
    if label.is_empty() {
        return None;
    }
    let guess = Grade::guess(label);
    let code = hint.code.map(|c| c.trim().to_uppercase());
    let finnish = code.as_deref() == Some("FI")
        || hint
            .country
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("FI"));
    let named = match code.as_deref() {
        Some("NO30") => Grade::new(GradeScheme::Ects, label).ok(),
        Some("NO08") => Grade::new(GradeScheme::NorwegianPassFail, label).ok(),
        _ => None,
    };
    if let Some(grade) = named {
        return Some(grade);
    }
    if finnish && guess.scheme == GradeScheme::Numeric {
        if let Ok(grade) = Grade::new(GradeScheme::FinnishNumeric, label) {
            return Some(grade);
        }
    }
    let Some(description) = hint.description.map(str::trim).filter(|d| !d.is_empty()) else {
        return Some(guess);
    };
    // Words (pass/fail, credit transfer) say what they are; letters and numbers mean
    // something only within their scale, so the transcript's own description wins unless
    // it names the scale the letter was guessed to be in.
    let keep_guess = match &guess.scheme {
        GradeScheme::NorwegianPassFail
        | GradeScheme::FinnishPassFail
        | GradeScheme::CreditTransfer => true,
        GradeScheme::Ects => description.to_lowercase().contains("ects"),
        GradeScheme::FinnishNumeric
        | GradeScheme::SwedishUgVg
        | GradeScheme::Numeric
        | GradeScheme::Other(_) => false,
    };
    if keep_guess {
        return Some(guess);
    }
    let name: String = description.chars().take(MAX_SCHEME_NAME_CHARS).collect();
    Some(Grade {
        scheme: GradeScheme::Other(name),
        label: label.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(label: &str, hint: SchemeHint<'_>) -> GradeScheme {
        grade(label, hint).expect("a grade").scheme
    }

    #[test]
    fn labels_without_a_named_scheme_are_guessed() {
        let none = SchemeHint::default();
        assert_eq!(scheme("B", none), GradeScheme::Ects);
        assert_eq!(scheme("Godkjent", none), GradeScheme::NorwegianPassFail);
        assert_eq!(scheme("Innpasset", none), GradeScheme::CreditTransfer);
        assert_eq!(scheme("Hyv", none), GradeScheme::FinnishPassFail);
        assert_eq!(scheme("Hylätty", none), GradeScheme::FinnishPassFail);
        assert_eq!(scheme("VG", none), GradeScheme::SwedishUgVg);
        assert_eq!(scheme("4", none), GradeScheme::Numeric);
        assert_eq!(grade("  ", none), None);
    }

    #[test]
    fn draft_scheme_codes_name_the_scheme() {
        let code = |code| SchemeHint {
            code: Some(code),
            ..Default::default()
        };
        assert_eq!(scheme("D", code("NO30")), GradeScheme::Ects);
        assert_eq!(
            scheme("Godkjent", code("NO08")),
            GradeScheme::NorwegianPassFail
        );
        assert_eq!(scheme("3", code("FI")), GradeScheme::FinnishNumeric);
        assert_eq!(scheme("Hyv", code("FI")), GradeScheme::FinnishPassFail);
    }

    #[test]
    fn finnish_issuers_grade_zero_to_five_on_the_finnish_scale() {
        let finland = SchemeHint {
            country: Some("FI"),
            ..Default::default()
        };
        assert_eq!(scheme("5", finland), GradeScheme::FinnishNumeric);
        assert_eq!(scheme("7", finland), GradeScheme::Numeric);
    }

    #[test]
    fn a_described_scheme_wins_over_a_guessed_letter_or_number() {
        let described = |description| SchemeHint {
            description: Some(description),
            ..Default::default()
        };
        assert_eq!(
            grade("C", described("American grading scale")),
            Some(Grade {
                scheme: GradeScheme::Other("American grading scale".into()),
                label: "C".into()
            })
        );
        assert_eq!(
            scheme("45.1", described("A number from 0.0 to 100.0")),
            GradeScheme::Other("A number from 0.0 to 100.0".into())
        );
        assert_eq!(
            scheme("B", described("ECTS grading scale")),
            GradeScheme::Ects
        );
        assert_eq!(
            scheme("bestått", described("Pass/Fail")),
            GradeScheme::NorwegianPassFail
        );
    }
}
