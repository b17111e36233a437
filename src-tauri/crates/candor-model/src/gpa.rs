//! Grade point average the Norwegian way (*karaktersnitt*).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::credits::Credits;
use crate::education::LearningOpportunity;
use crate::grade::{ects_rank, GradeScheme};

/// A grade point average: A = 5, B = 4, C = 3, D = 2, E = 1, weighted by credits.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gpa {
    /// The average × 100, rounded half up: 417 for 4.1666…. What is shown, and what the
    /// letter comes from, so the two always agree.
    pub hundredths: u32,
    /// The letter of the rounded average: ≥ 4.5 A, ≥ 3.5 B, ≥ 2.5 C, ≥ 1.5 D, else E.
    pub letter: char,
    /// The credits of the courses that counted.
    pub credits: Credits,
    /// How many courses counted (including any with 0 credits, which weigh nothing).
    pub courses: u32,
}

impl Gpa {
    /// The average, rounded to two decimals: 4.17.
    pub fn value(&self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }
}

impl fmt::Display for Gpa {
    /// `4.17 (B)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}.{:02} ({})",
            self.hundredths / 100,
            self.hundredths % 100,
            self.letter
        )
    }
}

/// The grade point average of the graded courses in the trees `courses`, or `None` when no
/// course with credits has an ECTS grade A–E.
///
/// Only leaves count: a node with children never counts its own grade, which is the
/// aggregate of theirs, so a module group's B is not counted on top of its courses'. A leaf
/// counts when it has credits and an ECTS letter A–E; F, FX, pass/fail, other schemes and
/// leaves without credits are skipped. A leaf with 0 credits counts with weight 0: it does
/// not move the average. The sum is exact, in integers; only the result is rounded.
pub fn gpa(courses: &[LearningOpportunity]) -> Option<Gpa> {
    let mut sum = Sum::default();
    for course in courses {
        sum.add_tree(course);
    }
    if sum.weight == 0 {
        return None;
    }
    // Average × 100, rounded half up: (points × 100 + weight / 2) / weight in integers.
    let hundredths = (sum.points * 100 + sum.weight / 2) / sum.weight;
    // The average is at most 5, so it is at most 500.
    let hundredths = u32::try_from(hundredths).expect("an average of at most 5.00");
    let letter = match hundredths {
        450.. => 'A',
        350.. => 'B',
        250.. => 'C',
        150.. => 'D',
        _ => 'E',
    };
    Some(Gpa {
        hundredths,
        letter,
        credits: sum.credits,
        courses: sum.courses,
    })
}

/// A course the average leaves out although it looks meant to count, and why: the live
/// average says so beside itself, instead of the course vanishing from it without a word.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LeftOut {
    /// The course's title, else its code.
    pub course: String,
    /// The grade as written.
    pub grade: String,
    pub reason: LeftOutReason,
}

/// Why a course is left out of the average.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOutReason {
    /// An ECTS grade that is not one of A–F and FX ("G", "5").
    NotAnEctsGrade,
    /// A grade A–E without credits, so it has no weight.
    NoCredits,
}

/// The courses (leaves, as [`gpa`] counts them) of `courses` that are left out although
/// they look meant to count. A pass/fail grade, another scheme or an F is not listed: those
/// never count, by the rule, and need no correcting.
pub fn gpa_left_out(courses: &[LearningOpportunity]) -> Vec<LeftOut> {
    fn walk(node: &LearningOpportunity, out: &mut Vec<LeftOut>) {
        if !node.children.is_empty() {
            node.children.iter().for_each(|child| walk(child, out));
            return;
        }
        let Some(grade) = &node.grade else { return };
        let reason = match (&grade.scheme, ects_rank(&grade.label), node.credits) {
            (GradeScheme::Ects, None, _) => LeftOutReason::NotAnEctsGrade,
            (GradeScheme::Ects, Some(1..), None) => LeftOutReason::NoCredits,
            _ => return,
        };
        let course = if node.title.trim().is_empty() {
            &node.code
        } else {
            &node.title
        };
        out.push(LeftOut {
            course: course.trim().to_owned(),
            grade: grade.label.trim().to_owned(),
            reason,
        });
    }
    let mut out = Vec::new();
    courses.iter().for_each(|course| walk(course, &mut out));
    out
}

#[derive(Default)]
struct Sum {
    /// Σ grade points × thousandths of credits.
    points: u64,
    /// Σ thousandths of credits.
    weight: u64,
    credits: Credits,
    courses: u32,
}

impl Sum {
    fn add_tree(&mut self, node: &LearningOpportunity) {
        if !node.children.is_empty() {
            for child in &node.children {
                self.add_tree(child);
            }
            return;
        }
        let (Some(credits), Some(points)) = (
            node.credits,
            node.grade.as_ref().and_then(|g| g.ects_points()),
        ) else {
            return;
        };
        let weight = u64::from(credits.thousandths());
        self.points += u64::from(points) * weight;
        self.weight += weight;
        self.credits = self.credits.saturating_add(credits);
        self.courses += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::Grade;

    fn course(title: &str, credits: &str, label: &str) -> LearningOpportunity {
        LearningOpportunity {
            title: title.into(),
            credits: Some(credits.parse().expect("valid credits")),
            grade: Some(Grade::guess(label)),
            ..Default::default()
        }
    }

    fn group(title: &str, label: &str, children: Vec<LearningOpportunity>) -> LearningOpportunity {
        LearningOpportunity {
            title: title.into(),
            credits: Some("60".parse().expect("valid credits")),
            grade: Some(Grade::guess(label)),
            children,
            ..Default::default()
        }
    }

    #[test]
    fn five_bs_and_one_a_of_ten_credits_average_4_17_b() {
        let courses: Vec<_> = ["B", "B", "A", "B", "B", "B"]
            .iter()
            .enumerate()
            .map(|(i, label)| course(&format!("course {i}"), "10", label))
            .collect();
        let gpa = gpa(&courses).expect("graded courses");
        assert_eq!(gpa.to_string(), "4.17 (B)");
        assert_eq!(gpa.value(), 4.17);
        assert_eq!(gpa.credits, "60".parse().expect("valid"));
        assert_eq!(gpa.courses, 6);
    }

    #[test]
    fn gpa_counts_only_graded_leaves_of_nested_trees() {
        // Degree → module group → course. The group's and the degree's own grades (E) must
        // not count: only the four courses below them do.
        let degree = group(
            "Master",
            "E",
            vec![
                group(
                    "Core",
                    "E",
                    vec![
                        course("Algorithms", "10", "A"),
                        course("Databases", "10", "C"),
                    ],
                ),
                group(
                    "Electives",
                    "E",
                    vec![
                        course("Security", "5", "B"),
                        course("Thesis prep", "5", "bestått"),
                    ],
                ),
            ],
        );
        let gpa = gpa(&[degree]).expect("graded courses");
        // (5×10 + 3×10 + 4×5) / 25 = 100 / 25 = 4.00
        assert_eq!(gpa.to_string(), "4.00 (B)");
        assert_eq!(gpa.courses, 3);
        assert_eq!(gpa.credits.to_string(), "25");
    }

    #[test]
    fn gpa_weighs_by_credits_exactly() {
        // (5×7.5 + 1×22.5) / 30 = 60 / 30 = 2.00 (D); an unweighted mean would say 3.00.
        let gpa =
            gpa(&[course("Small", "7.5", "A"), course("Large", "22.5", "E")]).expect("graded");
        assert_eq!(gpa.to_string(), "2.00 (D)");
        assert_eq!(gpa.letter, 'D');
    }

    #[test]
    fn gpa_skips_failed_pass_fail_other_schemes_and_courses_without_credits() {
        let mut no_credits = course("No credits", "0", "E");
        no_credits.credits = None;
        let courses = [
            course("Graded", "10", "C"),
            course("Failed", "10", "F"),
            course("Failed again", "10", "FX"),
            course("Pass", "10", "godkjent"),
            course("Finnish", "10", "5"),
            course("Transferred", "10", "innpasset"),
            LearningOpportunity {
                grade: Some(Grade {
                    scheme: GradeScheme::Other("Swiss".into()),
                    label: "A".into(),
                }),
                ..course("Other scheme", "10", "A")
            },
            no_credits,
        ];
        let gpa = gpa(&courses).expect("one graded course");
        assert_eq!(gpa.to_string(), "3.00 (C)");
        assert_eq!(gpa.courses, 1);
    }

    #[test]
    fn courses_with_zero_credits_do_not_move_the_average() {
        let gpa = gpa(&[course("Real", "10", "B"), course("Seminar", "0", "E")]).expect("graded");
        assert_eq!(gpa.to_string(), "4.00 (B)");
        assert_eq!(
            gpa.courses, 2,
            "the zero-credit course counted, with weight 0"
        );
    }

    #[test]
    fn no_graded_courses_have_no_gpa() {
        assert_eq!(gpa(&[]), None);
        assert_eq!(gpa(&[course("Pass", "10", "bestått")]), None);
        assert_eq!(
            gpa(&[course("Seminar", "0", "A")]),
            None,
            "nothing with weight"
        );
        let mut ungraded = course("Ongoing", "10", "A");
        ungraded.grade = None;
        assert_eq!(gpa(&[ungraded]), None);
    }

    #[test]
    fn letter_follows_the_rounded_average_at_each_boundary() {
        // Courses of equal weight, whose averages land exactly on each boundary.
        let cases = [
            (&["A", "B"][..], "4.50 (A)"),
            (&["B", "C"][..], "3.50 (B)"),
            (&["C", "D"][..], "2.50 (C)"),
            (&["D", "E"][..], "1.50 (D)"),
            (&["E"][..], "1.00 (E)"),
            (&["A", "A", "B"][..], "4.67 (A)"),
            (&["B", "C", "C"][..], "3.33 (C)"),
        ];
        for (labels, expected) in cases {
            let courses: Vec<_> = labels.iter().map(|l| course("x", "10", l)).collect();
            let shown = gpa(&courses).expect("graded").to_string();
            assert_eq!(shown, expected, "{labels:?}");
        }
    }

    #[test]
    fn letter_agrees_with_the_shown_average_when_rounding_reaches_a_boundary() {
        // 4.4995 shows as 4.50 and must then be an A: weights 1999 × A and 2001 × B thousandths
        // give (5×1999 + 4×2001) / 4000 = 4.49975.
        let courses = [course("x", "1.999", "A"), course("y", "2.001", "B")];
        assert_eq!(gpa(&courses).expect("graded").to_string(), "4.50 (A)");
    }

    #[test]
    fn gpa_round_trips_through_json() {
        let gpa = gpa(&[course("x", "7.5", "B")]).expect("graded");
        let json = serde_json::to_string(&gpa).expect("serializes");
        assert_eq!(
            json,
            r#"{"hundredths":400,"letter":"B","credits":"7.5","courses":1}"#
        );
        assert_eq!(serde_json::from_str::<Gpa>(&json).expect("reads"), gpa);
    }

    #[test]
    fn a_course_the_average_cannot_count_is_named_with_the_reason() {
        let mut no_credits = course("Statistics", "5", "C");
        no_credits.credits = None;
        let typo = LearningOpportunity {
            title: "Calculus".into(),
            credits: Some("10".parse().expect("credits")),
            grade: Some(Grade {
                scheme: GradeScheme::Ects,
                label: "G".into(),
            }),
            ..Default::default()
        };
        let group = LearningOpportunity {
            title: "Year 1".into(),
            children: vec![course("Algebra", "10", "B"), typo, no_credits],
            ..Default::default()
        };
        let courses = [
            group,
            course("Thesis", "30", "F"),
            course("Ex. phil.", "10", "bestått"),
        ];
        assert_eq!(
            gpa_left_out(&courses),
            [
                LeftOut {
                    course: "Calculus".into(),
                    grade: "G".into(),
                    reason: LeftOutReason::NotAnEctsGrade
                },
                LeftOut {
                    course: "Statistics".into(),
                    grade: "C".into(),
                    reason: LeftOutReason::NoCredits
                },
            ]
        );
        // What is named is exactly what the average did not count.
        assert_eq!(gpa(&courses).map(|g| g.courses), Some(1), "Algebra alone");
    }
}
