//! Grades as `{scheme, label}`: the label as the transcript writes it, the scheme that says
//! how to read it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::problem::Problem;
use crate::refusal::parse_str;

/// A grade scheme.
///
/// Serialized as a kebab-case string: `"ects"`, `"norwegian-pass-fail"`,
/// `"finnish-numeric"`, `"finnish-pass-fail"`, `"swedish-ug-vg"`, `"numeric"`,
/// `"credit-transfer"`. [`GradeScheme::Other`] is written `"other:NAME"` (for example
/// `"other:German 1.0–5.0"`), or just `"other"` when the name is empty; the prefix keeps
/// `Other("ects")` apart from `Ects`. Reading an unknown string without the prefix fails.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub enum GradeScheme {
    /// ECTS letters A–E (pass), FX and F (fail), as Norwegian universities give them.
    Ects,
    /// Norwegian pass/fail: "bestått"/"ikke bestått", "godkjent"/"ikke godkjent".
    NorwegianPassFail,
    /// Finnish 0–5.
    FinnishNumeric,
    /// Finnish pass/fail: "hyväksytty"/"hylätty", abbreviated "hyv"/"hyl".
    FinnishPassFail,
    /// Swedish U (fail), G (pass), VG (pass with distinction).
    SwedishUgVg,
    /// Some numeric scale not otherwise known; any label.
    Numeric,
    /// Credit transferred from elsewhere: "innpasset", "godskrevet", "transferred".
    CreditTransfer,
    /// Any other scheme, by name (may be empty when unknown); any label.
    Other(String),
}

const ECTS: &[&str] = &["A", "B", "C", "D", "E", "FX", "F"];
const NORWEGIAN_PASS_FAIL: &[&str] = &["bestått", "ikke bestått", "godkjent", "ikke godkjent"];
const FINNISH_NUMERIC: &[&str] = &["0", "1", "2", "3", "4", "5"];
const FINNISH_PASS_FAIL: &[&str] = &["hyväksytty", "hylätty", "hyv", "hyl"];
const SWEDISH: &[&str] = &["U", "G", "VG"];
const CREDIT_TRANSFER: &[&str] = &["innpasset", "godskrevet", "transferred"];
const OTHER_PREFIX: &str = "other:";

impl GradeScheme {
    /// The schemes a course can be given by name, in the order a picker lists them
    /// (`Other` is any further name).
    pub const KNOWN: [GradeScheme; 7] = [
        GradeScheme::Ects,
        GradeScheme::NorwegianPassFail,
        GradeScheme::FinnishNumeric,
        GradeScheme::FinnishPassFail,
        GradeScheme::SwedishUgVg,
        GradeScheme::Numeric,
        GradeScheme::CreditTransfer,
    ];

    /// The labels the scheme has, or `None` when it takes any label.
    pub fn labels(&self) -> Option<&'static [&'static str]> {
        match self {
            GradeScheme::Ects => Some(ECTS),
            GradeScheme::NorwegianPassFail => Some(NORWEGIAN_PASS_FAIL),
            GradeScheme::FinnishNumeric => Some(FINNISH_NUMERIC),
            GradeScheme::FinnishPassFail => Some(FINNISH_PASS_FAIL),
            GradeScheme::SwedishUgVg => Some(SWEDISH),
            GradeScheme::CreditTransfer => Some(CREDIT_TRANSFER),
            GradeScheme::Numeric | GradeScheme::Other(_) => None,
        }
    }

    /// A name for messages: "ECTS", "Norwegian pass/fail".
    pub fn title(&self) -> String {
        match self {
            GradeScheme::Ects => "ECTS".into(),
            GradeScheme::NorwegianPassFail => "Norwegian pass/fail".into(),
            GradeScheme::FinnishNumeric => "Finnish 0–5".into(),
            GradeScheme::FinnishPassFail => "Finnish pass/fail".into(),
            GradeScheme::SwedishUgVg => "Swedish U/G/VG".into(),
            GradeScheme::Numeric => "numeric".into(),
            GradeScheme::CreditTransfer => "credit transfer".into(),
            GradeScheme::Other(name) if name.is_empty() => "other".into(),
            GradeScheme::Other(name) => format!("\"{name}\""),
        }
    }

    /// The labels for a message: "A, B, C, D, E, FX, F".
    pub(crate) fn labels_hint(&self) -> String {
        match self.labels() {
            Some(labels) => labels.join(", "),
            None => "any non-empty label".into(),
        }
    }

    /// Whether letters are written in upper case (ECTS, Swedish).
    fn upper_case(&self) -> bool {
        matches!(self, GradeScheme::Ects | GradeScheme::SwedishUgVg)
    }
}

impl fmt::Display for GradeScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GradeScheme::Ects => f.write_str("ects"),
            GradeScheme::NorwegianPassFail => f.write_str("norwegian-pass-fail"),
            GradeScheme::FinnishNumeric => f.write_str("finnish-numeric"),
            GradeScheme::FinnishPassFail => f.write_str("finnish-pass-fail"),
            GradeScheme::SwedishUgVg => f.write_str("swedish-ug-vg"),
            GradeScheme::Numeric => f.write_str("numeric"),
            GradeScheme::CreditTransfer => f.write_str("credit-transfer"),
            GradeScheme::Other(name) if name.is_empty() => f.write_str("other"),
            GradeScheme::Other(name) => write!(f, "{OTHER_PREFIX}{name}"),
        }
    }
}

impl FromStr for GradeScheme {
    type Err = Problem;

    fn from_str(s: &str) -> Result<Self, Problem> {
        Ok(match s {
            "ects" => GradeScheme::Ects,
            "norwegian-pass-fail" => GradeScheme::NorwegianPassFail,
            "finnish-numeric" => GradeScheme::FinnishNumeric,
            "finnish-pass-fail" => GradeScheme::FinnishPassFail,
            "swedish-ug-vg" => GradeScheme::SwedishUgVg,
            "numeric" => GradeScheme::Numeric,
            "credit-transfer" => GradeScheme::CreditTransfer,
            "other" => GradeScheme::Other(String::new()),
            _ => match s.strip_prefix(OTHER_PREFIX) {
                Some(name) => GradeScheme::Other(name.to_owned()),
                None => {
                    return Err(Problem::NotOneOf {
                        value: s.to_owned(),
                        allowed: GradeScheme::KNOWN
                            .iter()
                            .map(GradeScheme::to_string)
                            .chain([format!("{OTHER_PREFIX}NAME")])
                            .collect(),
                    })
                }
            },
        })
    }
}

impl TryFrom<String> for GradeScheme {
    type Error = Problem;

    fn try_from(s: String) -> Result<Self, Problem> {
        s.parse()
    }
}

impl From<GradeScheme> for String {
    fn from(scheme: GradeScheme) -> String {
        scheme.to_string()
    }
}

impl<'de> Deserialize<'de> for GradeScheme {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer)
    }
}

/// A grade: the label as written, in a scheme.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Grade {
    pub scheme: GradeScheme,
    pub label: String,
}

impl Grade {
    /// A grade whose label belongs to the scheme, compared without regard to case. ECTS and
    /// Swedish letters are stored in upper case ("b" becomes "B"); other labels are kept as
    /// written, trimmed. [`GradeScheme::Numeric`] and [`GradeScheme::Other`] take any
    /// non-empty label.
    pub fn new(scheme: GradeScheme, label: &str) -> Result<Grade, Problem> {
        let label = label.trim();
        if label.is_empty() {
            return Err(Problem::Required);
        }
        if let Some(labels) = scheme.labels() {
            let lower = label.to_lowercase();
            if !labels.iter().any(|known| known.to_lowercase() == lower) {
                return Err(Problem::GradeNotInScheme {
                    label: label.to_owned(),
                    scheme,
                });
            }
        }
        let label = if scheme.upper_case() {
            label.to_uppercase()
        } else {
            label.to_owned()
        };
        Ok(Grade { scheme, label })
    }

    /// The grade a raw label most likely is, when a transcript does not say the scheme:
    /// A–F and FX are ECTS; "bestått", "godkjent" and their negations Norwegian pass/fail;
    /// "innpasset", "godskrevet", "transferred" credit transfer; "hyväksytty", "hylätty",
    /// "hyv", "hyl" Finnish pass/fail; U, G, VG Swedish; a number [`GradeScheme::Numeric`]
    /// (even 0–5: without knowing the institution, a Finnish 4 cannot be told from a 4 on
    /// some other scale, and calling it Finnish would claim more than is known); anything
    /// else [`GradeScheme::Other`] with an empty name.
    pub fn guess(label: &str) -> Grade {
        let schemes = [
            GradeScheme::Ects,
            GradeScheme::NorwegianPassFail,
            GradeScheme::CreditTransfer,
            GradeScheme::FinnishPassFail,
            GradeScheme::SwedishUgVg,
        ];
        for scheme in schemes {
            if let Ok(grade) = Grade::new(scheme, label) {
                return grade;
            }
        }
        let label = label.trim();
        let scheme = if is_number(label) {
            GradeScheme::Numeric
        } else {
            GradeScheme::Other(String::new())
        };
        Grade {
            scheme,
            label: label.to_owned(),
        }
    }

    /// Checks a grade that was read rather than made with [`Grade::new`].
    pub fn check(&self) -> Result<(), Problem> {
        Grade::new(self.scheme.clone(), &self.label).map(|_| ())
    }

    /// Grade points the Norwegian way: A = 5, B = 4, C = 3, D = 2, E = 1; `None` for F, FX
    /// and every other scheme.
    pub fn ects_points(&self) -> Option<u32> {
        match self.scheme {
            GradeScheme::Ects => match ects_rank(&self.label)? {
                0 => None,
                points => Some(points),
            },
            _ => None,
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Rank of an ECTS letter, any case: A = 5 … E = 1, F and FX = 0; `None` if not a letter.
pub(crate) fn ects_rank(label: &str) -> Option<u32> {
    match label.trim().to_uppercase().as_str() {
        "A" => Some(5),
        "B" => Some(4),
        "C" => Some(3),
        "D" => Some(2),
        "E" => Some(1),
        "F" | "FX" => Some(0),
        _ => None,
    }
}

/// Digits with at most one decimal point or comma: "4", "4.5", "17,25".
fn is_number(label: &str) -> bool {
    let mut parts = label.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_label_must_belong_to_its_scheme_ignoring_case() {
        assert_eq!(
            Grade::new(GradeScheme::Ects, " b ").map(|g| g.label),
            Ok("B".into())
        );
        assert_eq!(
            Grade::new(GradeScheme::Ects, "fx").map(|g| g.label),
            Ok("FX".into())
        );
        assert_eq!(
            Grade::new(GradeScheme::NorwegianPassFail, "Bestått").map(|g| g.label),
            Ok("Bestått".into()),
            "pass/fail labels keep their case"
        );
        assert!(Grade::new(GradeScheme::NorwegianPassFail, "IKKE GODKJENT").is_ok());
        assert!(Grade::new(GradeScheme::FinnishPassFail, "HYLÄTTY").is_ok());
        assert!(Grade::new(GradeScheme::FinnishNumeric, "0").is_ok());
        assert!(Grade::new(GradeScheme::SwedishUgVg, "vg").is_ok());
        assert!(Grade::new(GradeScheme::CreditTransfer, "Innpasset").is_ok());
        assert!(Grade::new(GradeScheme::Numeric, "17.5").is_ok());
        assert!(Grade::new(GradeScheme::Other("Swiss 1–6".into()), "5.5").is_ok());
    }

    #[test]
    fn grade_outside_its_scheme_is_refused_with_the_allowed_labels() {
        let problem = Grade::new(GradeScheme::Ects, "G").expect_err("G is Swedish");
        assert_eq!(
            problem,
            Problem::GradeNotInScheme {
                label: "G".into(),
                scheme: GradeScheme::Ects
            }
        );
        assert_eq!(
            problem.to_string(),
            "\"G\" is not a grade in the ECTS scheme; use one of A, B, C, D, E, FX, F"
        );
        assert!(Grade::new(GradeScheme::FinnishNumeric, "6").is_err());
        assert!(Grade::new(GradeScheme::NorwegianPassFail, "passed").is_err());
        assert_eq!(
            Grade::new(GradeScheme::Numeric, "  "),
            Err(Problem::Required)
        );
        assert_eq!(
            Grade::new(GradeScheme::Other(String::new()), ""),
            Err(Problem::Required)
        );
    }

    #[test]
    fn guess_infers_the_scheme_from_the_label() {
        let scheme = |label: &str| Grade::guess(label).scheme;
        assert_eq!(scheme("a"), GradeScheme::Ects);
        assert_eq!(scheme("F"), GradeScheme::Ects);
        assert_eq!(scheme("Fx"), GradeScheme::Ects);
        assert_eq!(scheme("Godkjent"), GradeScheme::NorwegianPassFail);
        assert_eq!(scheme("Bestått"), GradeScheme::NorwegianPassFail);
        assert_eq!(scheme("Innpasset"), GradeScheme::CreditTransfer);
        assert_eq!(scheme("Hyv"), GradeScheme::FinnishPassFail);
        assert_eq!(scheme("Hylätty"), GradeScheme::FinnishPassFail);
        assert_eq!(scheme("U"), GradeScheme::SwedishUgVg);
        assert_eq!(scheme("G"), GradeScheme::SwedishUgVg);
        assert_eq!(scheme("VG"), GradeScheme::SwedishUgVg);
        assert_eq!(
            scheme("4"),
            GradeScheme::Numeric,
            "0–5 could be Finnish or anything"
        );
        assert_eq!(scheme("5,5"), GradeScheme::Numeric);
        assert_eq!(scheme("sehr gut"), GradeScheme::Other(String::new()));
        assert_eq!(Grade::guess(" b ").label, "B");
    }

    #[test]
    fn ects_points_run_from_five_for_a_to_one_for_e() {
        let points = |label: &str| Grade::guess(label).ects_points();
        let all: Vec<_> = ["A", "B", "C", "D", "E", "F", "FX"].map(points).to_vec();
        assert_eq!(
            all,
            [Some(5), Some(4), Some(3), Some(2), Some(1), None, None]
        );
        assert_eq!(points("bestått"), None);
        assert_eq!(points("4"), None);
    }

    #[test]
    fn schemes_serialize_as_kebab_case_and_other_with_a_prefix() {
        let cases = [
            (GradeScheme::Ects, "ects"),
            (GradeScheme::NorwegianPassFail, "norwegian-pass-fail"),
            (GradeScheme::FinnishNumeric, "finnish-numeric"),
            (GradeScheme::FinnishPassFail, "finnish-pass-fail"),
            (GradeScheme::SwedishUgVg, "swedish-ug-vg"),
            (GradeScheme::Numeric, "numeric"),
            (GradeScheme::CreditTransfer, "credit-transfer"),
            (GradeScheme::Other(String::new()), "other"),
            (GradeScheme::Other("ects".into()), "other:ects"),
            (
                GradeScheme::Other("German 1.0–5.0".into()),
                "other:German 1.0–5.0",
            ),
        ];
        for (scheme, text) in cases {
            let json = serde_json::to_string(&scheme).expect("serializes");
            assert_eq!(json, format!("\"{text}\""));
            let back: GradeScheme = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, scheme);
        }
        assert!(serde_json::from_str::<GradeScheme>(r#""german""#).is_err());
    }

    #[test]
    fn grade_round_trips_through_json() {
        let grade = Grade::new(GradeScheme::Ects, "B").expect("valid");
        let json = serde_json::to_string(&grade).expect("serializes");
        assert_eq!(json, r#"{"scheme":"ects","label":"B"}"#);
        assert_eq!(serde_json::from_str::<Grade>(&json).expect("reads"), grade);
    }
}
