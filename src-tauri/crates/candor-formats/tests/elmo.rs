//! ELMO / EMREX import against the real transcripts in tests/fixtures/emrex (see
//! tests/fixtures/SOURCES.md).

use std::io::Write;

use candor_formats::{import_elmo, read_elmo, ElmoImport, ElmoVersion};
use candor_model::{gpa, GradeScheme, LearningOpportunity, Validate};
use flate2::write::GzEncoder;
use flate2::Compression;

const NORWEGIAN: &[&str] = &["nb", "no", "en"];

/// Each fixture and how many learning opportunities its whole tree holds.
const FIXTURES: &[(&str, usize)] = &[
    ("nor-emrex-1.0.xml", 6),
    ("Example-elmo-Norway.xml", 24),
    ("Example-elmo-Finland.xml", 18),
    ("swedish_1_elmo1.0.xml", 74),
    ("Example-elmo-complicated.xml", 8),
    ("elmo-schemas-example.xml", 6),
];

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/emrex/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn import(name: &str) -> ElmoImport {
    import_elmo(&fixture(name), NORWEGIAN).unwrap_or_else(|e| panic!("{name} imports: {e}"))
}

fn all_nodes(import: &ElmoImport) -> Vec<&LearningOpportunity> {
    fn walk<'a>(node: &'a LearningOpportunity, out: &mut Vec<&'a LearningOpportunity>) {
        out.push(node);
        for child in &node.children {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    for education in &import.educations {
        for course in &education.courses {
            walk(course, &mut out);
        }
    }
    out
}

fn transport_form(xml: &[u8]) -> String {
    let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
    gzip.write_all(xml).expect("gzip in memory");
    let compressed = gzip.finish().expect("gzip in memory");
    data_encoding::BASE64.encode(&compressed)
}

#[test]
fn every_fixture_imports_with_its_whole_tree() {
    for &(name, expected) in FIXTURES {
        let import = import(name);
        assert_eq!(
            all_nodes(&import).len(),
            expected,
            "{name} should hold {expected} learning opportunities"
        );
    }
}

#[test]
fn every_imported_education_is_valid() {
    for &(name, _) in FIXTURES {
        for education in import(name).educations {
            if let Err(errors) = education.validate() {
                panic!("{name}: {errors}");
            }
        }
    }
}

#[test]
fn every_grade_is_kept_with_its_scheme() {
    let schemes = |name: &str| -> Vec<(String, String)> {
        all_nodes(&import(name))
            .iter()
            .filter_map(|node| node.grade.as_ref())
            .map(|grade| {
                assert!(grade.check().is_ok(), "{name}: {grade:?} fits its scheme");
                (grade.scheme.to_string(), grade.label.clone())
            })
            .collect()
    };
    let count = |grades: &[(String, String)], scheme: &str| {
        grades.iter().filter(|(s, _)| s == scheme).count()
    };

    let nor = schemes("nor-emrex-1.0.xml");
    assert_eq!((nor.len(), count(&nor, "ects")), (6, 6));

    let norway = schemes("Example-elmo-Norway.xml");
    assert_eq!(count(&norway, "ects"), 19);
    assert_eq!(count(&norway, "norwegian-pass-fail"), 4, "Godkjent");
    assert!(norway.contains(&("norwegian-pass-fail".into(), "Godkjent".into())));

    let finland = schemes("Example-elmo-Finland.xml");
    assert_eq!(count(&finland, "finnish-numeric"), 9);
    assert_eq!(count(&finland, "finnish-pass-fail"), 8, "Hyv and Hylätty");
    assert!(finland.contains(&("finnish-pass-fail".into(), "Hylätty".into())));

    let sweden = schemes("swedish_1_elmo1.0.xml");
    assert_eq!(count(&sweden, "swedish-ug-vg"), 20, "G");
    assert_eq!(count(&sweden, "numeric"), 28, "3, 4 and 5");

    let example = schemes("elmo-schemas-example.xml");
    assert!(example.contains(&("credit-transfer".into(), "Innpasset".into())));
    assert!(example.contains(&("other:American grading scale".into(), "C".into())));
    assert!(example.contains(&(
        "other:A number of the scale from 0.0 to 100.0 (one digit of precision)".into(),
        "45.1".into()
    )));
}

#[test]
fn gpa_of_the_oslo_transcript_is_4_17_b() {
    let import = import("nor-emrex-1.0.xml");
    assert_eq!(import.educations.len(), 1);
    let courses = &import.educations[0].courses;
    assert!(courses
        .iter()
        .all(|c| c.credits.map(|c| c.to_string()) == Some("10".into())));
    let gpa = gpa(courses).expect("graded courses");
    assert_eq!(gpa.to_string(), "4.17 (B)");
    assert_eq!(gpa.courses, 6);
}

#[test]
fn transport_form_gives_the_same_import_as_the_raw_xml() {
    for &(name, _) in FIXTURES {
        let raw = import(name);
        let transported = import_elmo(transport_form(&fixture(name)).as_bytes(), NORWEGIAN)
            .expect("transport form imports");
        assert_eq!(transported, raw, "{name}");
    }
    // Line-wrapped base64, as it arrives in a form post or an e-mail.
    let wrapped: String = transport_form(&fixture("nor-emrex-1.0.xml"))
        .as_bytes()
        .chunks(76)
        .map(|line| format!("{}\r\n", String::from_utf8_lossy(line)))
        .collect();
    let import = import_elmo(wrapped.as_bytes(), NORWEGIAN).expect("wrapped base64 imports");
    assert_eq!(
        import.fingerprint,
        self::import("nor-emrex-1.0.xml").fingerprint
    );
}

#[test]
fn national_id_is_in_the_learner_and_nowhere_in_the_educations() {
    let import = import("nor-emrex-1.0.xml");
    let id = import.learner.national_id.as_ref().expect("a national id");
    assert_eq!(id.value(), "7566490042");
    assert_eq!(
        (id.kind(), id.country()),
        ("nationalIdentifier", Some("NO"))
    );
    let educations = serde_json::to_string(&import.educations).expect("serializes");
    assert!(!educations.contains("7566490042"));
    assert!(
        !format!("{import:?}").contains("7566490042"),
        "Debug redacts it"
    );
    for &(name, _) in FIXTURES {
        let import = self::import(name);
        let value = import
            .learner
            .national_id
            .as_ref()
            .expect("each has one")
            .value()
            .to_owned();
        let educations = serde_json::to_string(&import.educations).expect("serializes");
        assert!(!educations.contains(&value), "{name}");
        assert!(!format!("{import:?}").contains(&value), "{name}");
        assert!(
            import
                .warnings
                .iter()
                .all(|w| !w.text.contains(&value) && !w.params.values().any(|v| v.contains(&value))),
            "{name}"
        );
    }
}

#[test]
fn learner_name_birth_date_and_citizenship_are_read_from_either_format() {
    let oslo = import("nor-emrex-1.0.xml").learner;
    assert_eq!(oslo.name().as_deref(), Some("Anette Walaker Hansen"));
    assert_eq!(
        oslo.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1964-06-07")
    );
    assert_eq!(oslo.citizenship.as_deref(), Some("NO"));

    let draft = import("Example-elmo-Norway.xml").learner;
    assert_eq!(draft.name().as_deref(), Some("Beate TS-Svendsen"));
    assert_eq!(draft.gender.as_deref(), Some("female"));
    assert_eq!(
        draft.citizenship.as_deref(),
        Some("NO"),
        "from the nationality identifier"
    );

    let finland = import("Example-elmo-Finland.xml").learner;
    assert_eq!(
        finland.birth_date.map(|d| d.to_string()).as_deref(),
        Some("1966-07-18"),
        "dtf=\"dd-MM-yyyy\""
    );
    assert_eq!(finland.national_id.expect("SSN").kind(), "SSN");

    let sweden = import("swedish_1_elmo1.0.xml").learner;
    assert_eq!(
        sweden.name().as_deref(),
        Some("Thom Jönsson"),
        "the empty report learner adds nothing"
    );
}

#[test]
fn versions_signatures_and_attachments_are_reported() {
    let oslo = import("nor-emrex-1.0.xml");
    assert_eq!(oslo.version, ElmoVersion::V1);
    assert!(oslo.signed);
    assert_eq!(oslo.attachments.len(), 1);
    let pdf = &oslo.attachments[0];
    assert_eq!(pdf.title, "EMREX transcript");
    assert_eq!(pdf.media_type, "application/pdf");
    assert!(pdf.content.starts_with(b"%PDF"));

    let sweden = import("swedish_1_elmo1.0.xml");
    assert!(sweden.signed);
    assert_eq!(
        sweden.attachments[0].kind.as_deref(),
        Some("Transcript of Records")
    );

    let draft = import("Example-elmo-Norway.xml");
    assert_eq!(draft.version, ElmoVersion::Draft);
    assert!(!draft.signed);
    assert!(draft.attachments.is_empty());

    // The schema's example carries placeholder base64 ("iiNhz6QfDnnDybjHLBF2..."): each such
    // attachment is left out with a warning, and the import goes on.
    let example = import("elmo-schemas-example.xml");
    assert!(example.signed);
    assert!(example.attachments.is_empty());
    assert_eq!(
        example
            .warnings
            .iter()
            .filter(|w| w.text.contains("left out") && w.text.contains("attachment"))
            .count(),
        3
    );
    assert!(example
        .warnings
        .iter()
        .all(|w| w.code.starts_with("attachment_") && w.params.contains_key("title")));
}

/// An attachment without a title is named in a note by its place, so the app can say it in
/// the seeker's language ("Vedlegg 1"), not by an English stand-in.
#[test]
fn an_untitled_attachment_is_named_by_its_place() {
    let oslo = String::from_utf8(fixture("nor-emrex-1.0.xml")).expect("UTF-8");
    let start = oslo.find("<attachment>").expect("an attachment");
    let end = oslo[start..].find("</attachment>").expect("its end") + start;
    let untitled = format!(
        "{}<attachment><content>data:application/pdf;base64,%%%</content>{}",
        &oslo[..start],
        &oslo[end..]
    );
    let import = import_elmo(untitled.as_bytes(), NORWEGIAN).expect("imports");
    assert!(import.attachments.is_empty());
    let note = import
        .warnings
        .iter()
        .find(|w| w.code == "attachment_unreadable")
        .expect("a note");
    assert_eq!(note.params.get("number").map(String::as_str), Some("1"));
    assert!(!note.params.contains_key("title"));
    assert_eq!(
        note.text,
        "the attachment \"Attachment 1\" is not a base64 data URI that can be decoded; it \
         was left out"
    );
}

#[test]
fn titles_follow_the_preferred_languages_with_fallback() {
    let title = |languages: &[&str]| {
        let import = import_elmo(&fixture("nor-emrex-1.0.xml"), languages).expect("imports");
        (
            import.educations[0].institution.clone(),
            import.educations[0].courses[0].title.clone(),
        )
    };
    assert_eq!(
        title(NORWEGIAN),
        (
            "Universitetet i Oslo".into(),
            "Europa og EU: innføring".into()
        )
    );
    assert_eq!(
        title(&["en"]),
        (
            "University of Oslo".into(),
            "Europe and the EU: Introduction".into()
        )
    );
    assert_eq!(
        title(&["de"]).0,
        "Universitetet i Oslo",
        "the first title when none fits"
    );
    // Finnish titles in English are empty elements: the Finnish one is taken.
    let finland = import("Example-elmo-Finland.xml");
    assert_eq!(
        finland.educations[0].courses[0].title,
        "Viestinnän ja Median tutkimus"
    );
}

#[test]
fn course_details_are_mapped() {
    let oslo = import("nor-emrex-1.0.xml");
    let education = &oslo.educations[0];
    assert_eq!(education.url, "http://www.uio.no/");
    assert_eq!(
        education.start_date.map(|d| d.to_string()).as_deref(),
        Some("2010-12-31")
    );
    assert_eq!(
        education.end_date.map(|d| d.to_string()).as_deref(),
        Some("2011-12-31")
    );
    let first = &education.courses[0];
    assert_eq!(first.code, "EURO1000-1");
    assert_eq!(first.kind.as_deref(), Some("course"));
    assert_eq!(first.term.as_deref(), Some("2011 Høst"));
    assert_eq!(
        first.date.map(|d| d.to_string()).as_deref(),
        Some("2010-12-31")
    );
    assert_eq!(first.classifications[0].scheme, "NUS");
    assert_eq!(first.classifications[0].value, "613903");
    let distribution = first.distribution.as_ref().expect("a distribution");
    assert_eq!(distribution.entries.len(), 5);
    assert_eq!(
        (
            distribution.entries[0].label.as_str(),
            distribution.entries[0].count
        ),
        ("A", 18)
    );
    // B: C + D + E = 77 + 37 + 10 = 124 of 206 did worse.
    let below = distribution.share_below("B").expect("ECTS grades");
    assert!((below - 124.0 / 206.0).abs() < 1e-9);
    assert!(education.courses[2]
        .classifications
        .iter()
        .any(|c| c.scheme == "subject-area" && c.value == "08.3"));

    let example = import("elmo-schemas-example.xml");
    let compiler = &example.educations[0].courses[1];
    assert_eq!(compiler.title, "Compiler construction");
    assert_eq!(compiler.status.as_deref(), Some("passed"));
    assert_eq!(compiler.term.as_deref(), Some("Winter Semester of 2014"));
    assert!(compiler
        .classifications
        .iter()
        .any(|c| c.scheme == "ISCED-F" && c.value == "0612"));
    assert_eq!(compiler.children.len(), 2);
    let odd = &example.educations[0].courses[2];
    assert_eq!(
        odd.title, "The importance of <br> in HTML",
        "CDATA joined into the title"
    );
    let degree = &example.educations[0];
    assert_eq!(degree.programme, "Master i biologi");
    assert_eq!(degree.degree, "Master");
}

#[test]
fn credits_keep_decimals_and_zero() {
    let sweden = import("swedish_1_elmo1.0.xml");
    let programme = &sweden.educations[0].courses[0];
    assert_eq!(
        programme.credits.map(|c| c.to_string()).as_deref(),
        Some("180")
    );
    assert_eq!(
        programme.children[1]
            .credits
            .map(|c| c.to_string())
            .as_deref(),
        Some("7.5")
    );
    let finland = import("Example-elmo-Finland.xml");
    assert_eq!(
        finland.educations[0].courses[0]
            .credits
            .map(|c| c.to_string())
            .as_deref(),
        Some("0")
    );
    let comma = br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><report>
        <issuer><title>NTNU</title></issuer>
        <learningOpportunitySpecification><title>Lab</title><specifies><learningOpportunityInstance>
          <credit><scheme>ECTS</scheme><value>2,5</value></credit>
        </learningOpportunityInstance></specifies></learningOpportunitySpecification>
    </report></elmo>"#;
    let import = import_elmo(comma, NORWEGIAN).expect("imports");
    assert_eq!(
        import.educations[0].courses[0]
            .credits
            .map(|c| c.to_string())
            .as_deref(),
        Some("2.5")
    );
}

#[test]
fn each_issuer_in_a_report_becomes_its_own_education() {
    let import = import("Example-elmo-complicated.xml");
    let institutions: Vec<&str> = import
        .educations
        .iter()
        .map(|e| e.institution.as_str())
        .collect();
    assert_eq!(
        institutions,
        ["University of Tampere", "University of Helsinki"]
    );
    assert_eq!(import.educations[0].courses.len(), 2);
    assert_eq!(import.educations[1].courses[0].children.len(), 1);
}

#[test]
fn draft_terms_and_start_dates_are_kept() {
    let finland = import("Example-elmo-Finland.xml");
    let module = &finland.educations[0].courses[0].children[0];
    assert_eq!(
        module.term.as_deref(),
        Some("2012 Syksy"),
        "a term written as the start"
    );
    assert_eq!(module.code, "LTLY16");
    let norway = import("Example-elmo-Norway.xml");
    assert_eq!(norway.educations[0].programme, "Bachelor i biologi");
    assert_eq!(
        norway.educations[0]
            .start_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2011-01-15"),
        "the earliest start in the tree"
    );
}

#[test]
fn fingerprint_is_stable_and_differs_between_transcripts() {
    let a = import("nor-emrex-1.0.xml").fingerprint;
    assert_eq!(a, import("nor-emrex-1.0.xml").fingerprint);
    let crlf: Vec<u8> = String::from_utf8(fixture("nor-emrex-1.0.xml"))
        .expect("utf-8")
        .replace('\n', "\r\n")
        .into_bytes();
    assert_eq!(
        import_elmo(&crlf, NORWEGIAN).expect("imports").fingerprint,
        a
    );
    assert_ne!(a, import("swedish_1_elmo1.0.xml").fingerprint);
}

#[test]
fn reading_from_a_reader_gives_the_same_import() {
    let bytes = fixture("nor-emrex-1.0.xml");
    let import = read_elmo(bytes.as_slice(), NORWEGIAN).expect("imports");
    assert_eq!(import, self::import("nor-emrex-1.0.xml"));
    assert_eq!(import.xml, bytes, "the original is kept as received");
}

#[test]
fn scheme_of_other_transcripts_is_an_other_scheme_with_its_description() {
    let example = import("elmo-schemas-example.xml");
    let grades: Vec<_> = all_nodes(&example)
        .into_iter()
        .filter_map(|n| n.grade.clone())
        .collect();
    assert!(grades.iter().any(
        |g| matches!(&g.scheme, GradeScheme::Other(name) if name == "American grading scale")
    ));
}
