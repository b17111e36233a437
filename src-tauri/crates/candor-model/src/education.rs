//! Education: a programme at an institution, and its learning opportunities as a tree
//! (degree → module group → course), shaped after ELMO/EMREX transcripts.

use serde::{Deserialize, Serialize};

use crate::credits::Credits;
use crate::date::PartialDate;
use crate::grade::{ects_rank, Grade};
use crate::validate::{Check, Validate, ValidationErrors};

/// One programme of study. Maps to a JSON Resume `education` entry: `programme` is `area`
/// and `degree` is `studyType`; `courses` is a tree rather than JSON Resume's list of names.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Education {
    /// The university or school. Required.
    pub institution: String,
    /// The field of study, e.g. "Informatics: Programming and System Architecture".
    #[serde(default, rename = "area", skip_serializing_if = "String::is_empty")]
    pub programme: String,
    /// The kind of degree, e.g. "Master", "Bachelor".
    #[serde(
        default,
        rename = "studyType",
        skip_serializing_if = "String::is_empty"
    )]
    pub degree: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// An overall score as the institution states it, e.g. "4.2" or "B"; see [`crate::gpa`]
    /// for one computed from the courses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub score: String,
    /// The learning opportunities at the top of the tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courses: Vec<LearningOpportunity>,
}

/// A degree, module group or course: a node in the tree of what was studied.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LearningOpportunity {
    /// The institution's code, e.g. "INF1000".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// The title. Required.
    pub title: String,
    /// What kind of node: "degree", "module group", "course", …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<Credits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// E.g. "passed", "ongoing".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When it was completed or graded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// E.g. "2019 spring", "Høst 2020".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classifications: Vec<Classification>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<GradeDistribution>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<LearningOpportunity>,
}

/// A subject code in some classification: `{scheme: "ISCED-F", value: "0613"}`,
/// `{scheme: "NUS", value: "…"}`, `{scheme: "subject-area", value: "…"}`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Classification {
    pub scheme: String,
    pub value: String,
}

/// How the class was graded: how many got each grade.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeDistribution {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<DistributionEntry>,
}

/// How many in the class got `label`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DistributionEntry {
    pub label: String,
    pub count: u32,
}

impl GradeDistribution {
    /// The share of the class (0.0–1.0) with a strictly worse ECTS grade than `label`, for
    /// "better than 72 % of the class". ECTS grades rank A > B > C > D > E > F = FX; the class
    /// is everyone with an ECTS grade (entries with other labels are left out). `None` when
    /// `label` is not an ECTS letter or nobody in the class has one.
    pub fn share_below(&self, label: &str) -> Option<f64> {
        let rank = ects_rank(label)?;
        let (mut below, mut total) = (0u64, 0u64);
        for entry in &self.entries {
            if let Some(entry_rank) = ects_rank(&entry.label) {
                total += u64::from(entry.count);
                if entry_rank < rank {
                    below += u64::from(entry.count);
                }
            }
        }
        // Counts are u32s, far below 2^53, so the division is exact enough.
        (total > 0).then(|| below as f64 / total as f64)
    }
}

impl Validate for Education {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("institution", &self.institution);
        check.line("area", &self.programme);
        check.line("studyType", &self.degree);
        check.date_order(self.start_date, self.end_date);
        check.line("url", &self.url);
        check.line("score", &self.score);
        check.each("courses", &self.courses);
        check.finish()
    }
}

impl Validate for LearningOpportunity {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.line("code", &self.code);
        check.required("title", &self.title);
        check.line("kind", &self.kind);
        if let Some(grade) = &self.grade {
            if let Err(problem) = grade.check() {
                check.problem("grade", problem);
            }
        }
        check.line("status", &self.status);
        check.line("term", &self.term);
        check.each("classifications", &self.classifications);
        if let Some(distribution) = &self.distribution {
            check.nested("distribution", distribution);
        }
        check.each("children", &self.children);
        check.finish()
    }
}

impl Validate for Classification {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("scheme", &self.scheme);
        check.required("value", &self.value);
        check.finish()
    }
}

impl Validate for GradeDistribution {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        for (i, entry) in self.entries.iter().enumerate() {
            check.required(&format!("entries[{i}].label"), &entry.label);
        }
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::GradeScheme;
    use crate::problem::Problem;
    use crate::validate::ValidationError;

    fn distribution(pairs: &[(&str, u32)]) -> GradeDistribution {
        GradeDistribution {
            entries: pairs
                .iter()
                .map(|&(label, count)| DistributionEntry {
                    label: label.into(),
                    count,
                })
                .collect(),
        }
    }

    #[test]
    fn share_below_counts_only_strictly_worse_ects_grades() {
        let class = distribution(&[
            ("A", 5),
            ("B", 20),
            ("C", 40),
            ("D", 20),
            ("E", 5),
            ("F", 8),
            ("FX", 2),
        ]);
        // A B: 40 + 20 + 5 + 8 + 2 = 75 of 100 did worse.
        assert_eq!(class.share_below("B"), Some(0.75));
        assert_eq!(class.share_below("a"), Some(0.95));
        assert_eq!(class.share_below("E"), Some(0.10), "F and FX are below E");
        assert_eq!(class.share_below("F"), Some(0.0), "F and FX rank the same");
        assert_eq!(class.share_below("FX"), Some(0.0));
    }

    #[test]
    fn share_below_leaves_out_non_ects_entries_and_unknown_labels() {
        let class = distribution(&[("A", 1), ("B", 1), ("bestått", 100)]);
        assert_eq!(class.share_below("A"), Some(0.5));
        assert_eq!(class.share_below("bestått"), None);
        assert_eq!(distribution(&[]).share_below("A"), None, "nobody graded");
        assert_eq!(distribution(&[("A", 0)]).share_below("A"), None);
    }

    #[test]
    fn education_without_institution_or_with_bad_course_reports_each_path() {
        let education = Education {
            start_date: Some("2020-08".parse().expect("valid")),
            end_date: Some("2019".parse().expect("valid")),
            courses: vec![LearningOpportunity {
                title: "Master's degree".into(),
                children: vec![
                    LearningOpportunity {
                        title: "Algorithms".into(),
                        ..Default::default()
                    },
                    LearningOpportunity {
                        title: String::new(),
                        grade: Some(Grade {
                            scheme: GradeScheme::Ects,
                            label: "G".into(),
                        }),
                        distribution: Some(distribution(&[("", 3)])),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let errors = education.validate().expect_err("several problems");
        assert_eq!(
            errors.0,
            vec![
                ValidationError::new("institution", Problem::Required),
                ValidationError::new("endDate", Problem::DateOrder),
                ValidationError::new("courses[0].children[1].title", Problem::Required),
                ValidationError::new(
                    "courses[0].children[1].grade",
                    Problem::GradeNotInScheme {
                        label: "G".into(),
                        scheme: GradeScheme::Ects
                    }
                ),
                ValidationError::new(
                    "courses[0].children[1].distribution.entries[0].label",
                    Problem::Required
                ),
            ]
        );
    }

    #[test]
    fn education_uses_json_resume_names_and_omits_empty_fields() {
        let education = Education {
            institution: "Universitetet i Oslo".into(),
            programme: "Informatics".into(),
            degree: "Master".into(),
            start_date: Some("2018-08".parse().expect("valid")),
            courses: vec![LearningOpportunity {
                code: "IN1000".into(),
                title: "Introduction to programming".into(),
                credits: Some("10".parse().expect("valid")),
                grade: Some(Grade::new(GradeScheme::Ects, "B").expect("valid")),
                ..Default::default()
            }],
            ..Default::default()
        };
        let json = serde_json::to_string(&education).expect("serializes");
        assert_eq!(
            json,
            r#"{"institution":"Universitetet i Oslo","area":"Informatics","studyType":"Master","startDate":"2018-08","courses":[{"code":"IN1000","title":"Introduction to programming","credits":"10","grade":{"scheme":"ects","label":"B"}}]}"#
        );
        assert_eq!(
            serde_json::from_str::<Education>(&json).expect("reads"),
            education
        );
        assert!(education.validate().is_ok());
    }

    #[test]
    fn learning_opportunity_with_every_field_round_trips() {
        let course = LearningOpportunity {
            code: "TDT4120".into(),
            title: "Algoritmer og datastrukturer".into(),
            kind: Some("course".into()),
            credits: Some("7.5".parse().expect("valid")),
            grade: Some(Grade::new(GradeScheme::Ects, "A").expect("valid")),
            status: Some("passed".into()),
            date: Some("2019-12-13".parse().expect("valid")),
            term: Some("Høst 2019".into()),
            classifications: vec![Classification {
                scheme: "ISCED-F".into(),
                value: "0613".into(),
            }],
            distribution: Some(distribution(&[("A", 10), ("B", 30)])),
            children: vec![LearningOpportunity {
                title: "Lab".into(),
                ..Default::default()
            }],
        };
        let json = serde_json::to_string(&course).expect("serializes");
        assert_eq!(
            serde_json::from_str::<LearningOpportunity>(&json).expect("reads"),
            course
        );
        assert!(course.validate().is_ok());
    }
}
