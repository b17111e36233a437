//! The profile's sections from the command line: education with courses and grades, the
//! GPA, skills and experience, each with the exact text it prints.

mod common;

use common::{added_id, assert_refused, Sandbox, UNLOCK};
use serde_json::json;

#[test]
fn courses_with_grades_give_a_gpa_per_education_and_overall() {
    let (sandbox, _) = Sandbox::with_vault();
    assert_eq!(
        sandbox.ok(&["education", "list"]),
        "No education yet; add one with `candor education add --institution NAME`.\n"
    );
    assert_eq!(
        sandbox.ok(&["gpa"]),
        "No graded courses yet: the GPA counts courses with an ECTS grade A–E and credits.\n"
    );

    let ntnu = added_id(
        &sandbox.ok(&[
            "education",
            "add",
            "--institution",
            "NTNU",
            "--programme",
            "Informatics",
            "--degree",
            "Master",
            "--start",
            "2018-08",
            "--end",
            "2020-06",
        ]),
        "education",
    );
    let uio = added_id(
        &sandbox.ok(&[
            "education",
            "add",
            "--institution",
            "UiO",
            "--start",
            "2015",
        ]),
        "education",
    );
    let course = |education: &str, code: &str, title: &str, credits: &str, grade: &str| {
        sandbox.ok(&[
            "education",
            "course",
            "add",
            education,
            "--code",
            code,
            "--title",
            title,
            "--credits",
            credits,
            "--grade",
            grade,
        ])
    };
    assert_eq!(
        course(&ntnu, "TDT4120", "Algorithms", "7.5", "A"),
        "Course added. GPA now 5.00 (A).\n"
    );
    assert_eq!(
        course(&ntnu, "TDT4145", "Databases", "7.5", "C"),
        "Course added. GPA now 4.00 (B).\n"
    );
    // A pass/fail course has credits but no place in the average.
    assert_eq!(
        course(&ntnu, "EXPH0300", "Examen philosophicum", "7,5", "bestått"),
        "Course added. GPA now 4.00 (B).\n"
    );
    // Four characters of the id are enough.
    assert_eq!(
        course(&uio[..4], "INF1000", "Programming", "10", "B"),
        "Course added. GPA now 4.00 (B).\n"
    );
    let ungraded = sandbox.ok(&[
        "education",
        "course",
        "add",
        &uio,
        "--title",
        "Thesis seminar",
    ]);
    assert_eq!(ungraded, "Course added. GPA now 4.00 (B).\n");

    assert_eq!(
        sandbox.ok(&["education", "list"]),
        format!(
            "{ntnu}  NTNU — Master, Informatics (2018-08–2020-06)  GPA 4.00 (B)\n\
             \x20 TDT4120  Algorithms  7.5 credits  A\n\
             \x20 TDT4145  Databases  7.5 credits  C\n\
             \x20 EXPH0300  Examen philosophicum  7.5 credits  bestått\n\
             {uio}  UiO (2015–)  GPA 4.00 (B)\n\
             \x20 INF1000  Programming  10 credits  B\n\
             \x20 -  Thesis seminar\n"
        )
    );
    // (5 × 7.5 + 3 × 7.5 + 4 × 10) / 25 = 4.00.
    assert_eq!(
        sandbox.ok(&["gpa"]),
        "GPA 4.00 (B) over 25 credits in 3 courses\n  NTNU: 4.00 (B)\n  UiO: 4.00 (B)\n"
    );
    assert_eq!(
        sandbox.json(&["gpa"]),
        json!({
            "gpa": 4.0,
            "letter": "B",
            "credits": "25",
            "educations": [
                { "id": ntnu, "institution": "NTNU", "gpa": 4.0, "letter": "B", "credits": "15" },
                { "id": uio, "institution": "UiO", "gpa": 4.0, "letter": "B", "credits": "10" },
            ],
        })
    );
}

#[test]
fn one_graded_course_is_counted_as_one_course() {
    let (sandbox, _) = Sandbox::with_vault();
    let uio = sandbox.add(&["education", "add", "--institution", "UiO"]);
    sandbox.ok(&[
        "education",
        "course",
        "add",
        &uio,
        "--title",
        "Algorithms",
        "--credits",
        "10",
        "--grade",
        "A",
    ]);
    assert_eq!(
        sandbox.ok(&["gpa"]),
        "GPA 5.00 (A) over 10 credits in 1 course\n"
    );
}

#[test]
fn a_grade_outside_its_scheme_is_refused() {
    let (sandbox, _) = Sandbox::with_vault();
    let uio = sandbox.add(&["education", "add", "--institution", "UiO"]);
    let out = sandbox.run(
        &[
            "education",
            "course",
            "add",
            &uio,
            "--title",
            "Algorithms",
            "--grade",
            "Q",
            "--scheme",
            "ects",
        ],
        &UNLOCK,
        None,
    );
    assert_refused(
        &out,
        "grade: \"Q\" is not a grade in the ECTS scheme; use one of A, B, C, D, E, FX, F",
    );
    assert_eq!(
        sandbox.profile()["education"][0].get("courses"),
        None,
        "no course was added"
    );
}

#[test]
fn skills_and_experience_are_listed_as_tables_in_the_order_added() {
    let (sandbox, _) = Sandbox::with_vault();
    assert_eq!(
        sandbox.ok(&["experience", "list"]),
        "No experience yet; add some with `candor experience add --company NAME`.\n"
    );

    let rust = added_id(
        &sandbox.ok(&[
            "skill",
            "add",
            "Rust",
            "--category",
            "Programming",
            "--level",
            "Expert",
        ]),
        "skill",
    );
    let sql = added_id(&sandbox.ok(&["skill", "add", "SQL"]), "skill");
    assert_eq!(
        sandbox.ok(&["skill", "list"]),
        format!(
            "ID                SKILL  CATEGORY     LEVEL\n\
             {rust}  Rust   Programming  Expert\n\
             {sql}  SQL\n"
        )
    );

    let equinor = added_id(
        &sandbox.ok(&[
            "experience",
            "add",
            "--company",
            "Equinor",
            "--position",
            "Data engineer",
            "--start",
            "2019",
            "--end",
            "2021-05",
            "--summary",
            "Pipelines",
            "--industry",
            "Energy",
        ]),
        "experience",
    );
    let kongsberg = added_id(
        &sandbox.ok(&[
            "experience",
            "add",
            "--company",
            "Kongsberg",
            "--start",
            "2021-06",
        ]),
        "experience",
    );
    let freelance = added_id(
        &sandbox.ok(&["experience", "add", "--company", "Freelance"]),
        "experience",
    );
    assert_eq!(
        sandbox.ok(&["experience", "list"]),
        format!(
            "ID                COMPANY    POSITION       WHEN\n\
             {equinor}  Equinor    Data engineer  2019–2021-05\n\
             {kongsberg}  Kongsberg                 2021-06–\n\
             {freelance}  Freelance\n"
        )
    );

    assert_eq!(
        sandbox.ok(&["skill", "rm", &sql]),
        format!("Removed skill {sql}.\n")
    );
    assert_eq!(
        sandbox.json(&["skill", "list"]).as_array().map(Vec::len),
        Some(1)
    );
}
