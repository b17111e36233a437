//! LinkedIn data export import, from zips built here as LinkedIn lays them out (there is no
//! real sample to ship), and hostile zips.

use std::io::{Cursor, Write};

use candor_formats::{
    import_linkedin, read_linkedin, ImportError, LinkedInImport, MAX_COMPRESSION_RATIO,
    MAX_CSV_FIELD_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES,
};
use candor_model::{Fluency, InterestKind, Validate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const FOLDER: &str = "Basic_LinkedInDataExport_03-14-2024/";

fn zip_with(files: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .large_file(true);
    for (name, bytes) in files {
        writer.start_file(*name, options).expect("zip in memory");
        writer.write_all(bytes).expect("zip in memory");
    }
    writer.finish().expect("zip in memory").into_inner()
}

fn zip(files: &[(&str, &str)]) -> Vec<u8> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    zip_with(&files, CompressionMethod::Deflated)
}

/// An export in a sub-folder, with a BOM on Profile.csv, no Projects.csv, a multi-line
/// description, an extra column, and files Candor does not read.
fn realistic_export() -> Vec<u8> {
    let profile = "\u{FEFF}First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
        Kari,Nordmann,,Storgata 1,,Backend developer,\"Ten years of Rust.\nAnd some Go.\",Software Development,0155,\"Oslo, Oslo, Norway\",[kari_n],\"[PERSONAL:https://kari.example.no,COMPANY:https://firma.example.no]\",\n";
    let positions = "Company Name,Title,Description,Location,Started On,Finished On,Company Url\n\
        Kartverket,Senior developer,\"Maps for everyone.\n\n- Tile server in Rust\n- \"\"Fast\"\" search\",\"Oslo, Norway\",Jan 2022,,https://kartverket.example.no\n\
        Equinor,Developer,,Stavanger,Aug 2018,Dec 2021,\n";
    let education = "School Name,Start Date,End Date,Notes,Degree Name,Activities\n\
        Universitetet i Oslo,2015,2019-06-15,Thesis on maps,Master of Science - MS,Orchestra\n";
    let skills = "Name\nRust\nPostgreSQL\n\nGIS\n";
    let languages = "Name,Proficiency\nNorwegian,Native or bilingual proficiency\nEnglish,Full professional proficiency\nGerman,b1\n";
    let certifications = "Name,Url,Authority,Started On,Finished On,License Number\n\
        AWS Certified Developer,,Amazon Web Services,Nov 2021,Nov 2024,ABC-123\n";
    let emails = "Email Address,Confirmed,Primary,Updated On\n\
        old@example.no,Yes,No,1/2/20\nkari@example.no,Yes,Yes,3/4/22\n";
    let phones = "Extension,Number,Type\n,+47 912 34 567,Mobile\n";
    zip(&[
        (&format!("{FOLDER}Profile.csv"), profile),
        (&format!("{FOLDER}Positions.csv"), positions),
        (&format!("{FOLDER}Education.csv"), education),
        (&format!("{FOLDER}Skills.csv"), skills),
        (&format!("{FOLDER}Languages.csv"), languages),
        (&format!("{FOLDER}Certifications.csv"), certifications),
        (&format!("{FOLDER}Email Addresses.csv"), emails),
        (&format!("{FOLDER}PhoneNumbers.csv"), phones),
        (
            &format!("{FOLDER}Connections.csv"),
            "Notes:\n\"...\"\n\nFirst Name,Last Name\nOla,Nordmann\n",
        ),
        (
            &format!("{FOLDER}messages.csv"),
            "FROM,TO,CONTENT\na,b,private\n",
        ),
    ])
}

fn imported() -> LinkedInImport {
    import_linkedin(&realistic_export()).expect("the export imports")
}

fn not_imported(import: &LinkedInImport, column: &str) -> Vec<String> {
    import
        .not_imported
        .iter()
        .filter(|n| n.column == column)
        .map(|n| n.value.clone())
        .collect()
}

#[test]
fn export_in_a_sub_folder_with_a_bom_and_a_missing_file_imports() {
    let import = imported();
    let person = import.profile.person.as_ref().expect("a person");
    assert_eq!(person.name, "Kari Nordmann");
    assert_eq!(
        person.given_name.as_deref(),
        Some("Kari"),
        "the BOM is not part of the header"
    );
    assert_eq!(person.label, "Backend developer");
    assert_eq!(person.summary, "Ten years of Rust.\nAnd some Go.");
    assert_eq!(person.url, "https://kari.example.no");
    assert_eq!(person.profiles.len(), 2, "the company site and Twitter");
    assert_eq!(person.email, "kari@example.no", "the primary address");
    assert_eq!(person.phone, "+47 912 34 567");
    assert_eq!(person.addresses[0].city, "Oslo");
    assert_eq!(person.addresses[0].postal_code, "0155");
    assert_eq!(
        import.profile.interests[0].kind,
        Some(InterestKind::Industry),
        "the industry"
    );
    assert_eq!(import.preview.files_missing, ["Projects.csv"]);
    assert_eq!(import.preview.files_read.len(), 8);
    assert!(import
        .preview
        .files_read
        .iter()
        .all(|f| f.starts_with(FOLDER)));
    assert!(
        import.profile.validate().is_ok(),
        "{:?}",
        import.profile.validate()
    );
}

#[test]
fn positions_keep_multi_line_descriptions_and_an_empty_end_means_current() {
    let work = imported().profile.work;
    assert_eq!(work.len(), 2);
    assert_eq!(work[0].name, "Kartverket");
    assert_eq!(
        work[0].summary,
        "Maps for everyone.\n\n- Tile server in Rust\n- \"Fast\" search"
    );
    assert_eq!(work[0].location, "Oslo, Norway");
    assert_eq!(
        work[0].start_date.map(|d| d.to_string()).as_deref(),
        Some("2022-01")
    );
    assert_eq!(work[0].end_date, None, "still there");
    assert_eq!(
        work[1].end_date.map(|d| d.to_string()).as_deref(),
        Some("2021-12")
    );
}

#[test]
fn extra_columns_and_fields_without_a_place_are_listed_not_dropped() {
    let import = imported();
    assert_eq!(
        not_imported(&import, "Company Url"),
        ["https://kartverket.example.no"]
    );
    assert_eq!(not_imported(&import, "Notes"), ["Thesis on maps"]);
    assert_eq!(not_imported(&import, "Activities"), ["Orchestra"]);
    assert_eq!(not_imported(&import, "License Number"), ["ABC-123"]);
    assert_eq!(
        not_imported(&import, "Finished On"),
        ["Nov 2024"],
        "a certificate's expiry"
    );
    assert_eq!(not_imported(&import, "Email Address"), ["old@example.no"]);
    let note = import
        .not_imported
        .iter()
        .find(|n| n.column == "Notes")
        .expect("listed");
    assert_eq!(
        (note.file.as_str(), note.line),
        (&*format!("{FOLDER}Education.csv"), 2)
    );
    assert_eq!(import.preview.not_imported, 6);
}

/// Each kind of value left out says why in a code of its own, which the app words; a second
/// e-mail address is not "a field Candor lacks".
#[test]
fn each_reason_for_leaving_a_value_out_has_its_own_code() {
    let profile = "First Name,Last Name,Birth Date\nKari,Nordmann,Mar 14\n";
    let phones = "Extension,Number,Type\n,+47 912 34 567,Mobile\n,+47 22 33 44 55,Work\n";
    let emails = "Email Address,Confirmed,Primary,Updated On\n\
        old@example.no,Yes,No,1/2/20\nkari@example.no,Yes,Yes,3/4/22\n";
    let positions = "Company Name,Title,Started On,Company Url\n\
        Kartverket,Developer,last spring,https://kartverket.example.no\n";
    let import = import_linkedin(&zip(&[
        (&format!("{FOLDER}Profile.csv"), profile),
        (&format!("{FOLDER}PhoneNumbers.csv"), phones),
        (&format!("{FOLDER}Email Addresses.csv"), emails),
        (&format!("{FOLDER}Positions.csv"), positions),
    ]))
    .expect("the export imports");
    let mut reasons: Vec<(String, String, String)> = import
        .not_imported
        .iter()
        .map(|n| {
            let note = n.note();
            let param = |k: &str| note.params.get(k).cloned().unwrap_or_default();
            (param("entry"), param("column"), param("reason"))
        })
        .collect();
    reasons.sort();
    let expected = [
        ("email", "Email Address", "one_email"),
        ("phone", "Number", "one_phone"),
        ("position", "Company Url", "no_field"),
        ("position", "Started On", "not_a_date"),
        ("profile", "Birth Date", "whole_birth_date"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(reasons, expected);
    let phone = import
        .not_imported
        .iter()
        .find(|n| n.column == "Number")
        .expect("the second number")
        .note();
    assert_eq!(
        phone.text,
        "A phone number in the export: “Number” (+47 22 33 44 55) was not imported: Candor \
         keeps one phone number"
    );
}

#[test]
fn education_skills_languages_and_certificates_are_mapped() {
    let profile = imported().profile;
    let education = &profile.education[0];
    assert_eq!(education.institution, "Universitetet i Oslo");
    assert_eq!(education.degree, "Master of Science - MS");
    assert_eq!(
        education.start_date.map(|d| d.to_string()).as_deref(),
        Some("2015")
    );
    assert_eq!(
        education.end_date.map(|d| d.to_string()).as_deref(),
        Some("2019-06-15")
    );
    let skills: Vec<&str> = profile.skills.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(skills, ["Rust", "PostgreSQL", "GIS"]);
    assert_eq!(
        profile.languages[0].fluency,
        Fluency::Described("Native or bilingual proficiency".into())
    );
    assert_eq!(
        profile.languages[2].fluency,
        Fluency::Cefr(candor_model::CefrLevel::B1)
    );
    let certificate = &profile.certificates[0];
    assert_eq!(certificate.url, "", "an empty URL is simply absent");
    assert_eq!(certificate.issuer, "Amazon Web Services");
    assert_eq!(
        certificate.date.map(|d| d.to_string()).as_deref(),
        Some("2021-11")
    );
}

#[test]
fn preview_counts_every_section_before_anything_is_stored() {
    let preview = imported().preview;
    assert!(preview.person);
    assert_eq!(
        (
            preview.work,
            preview.education,
            preview.skills,
            preview.languages
        ),
        (2, 1, 3, 3)
    );
    assert_eq!(
        (preview.certificates, preview.projects, preview.interests),
        (1, 0, 1)
    );
    assert_eq!((preview.emails, preview.phones), (2, 1));
    let json = serde_json::to_value(&preview).expect("serializes");
    assert_eq!(json["filesMissing"], serde_json::json!(["Projects.csv"]));
}

#[test]
fn headers_match_whatever_their_case_spacing_and_order() {
    let export = zip(&[
        (
            "projects.CSV",
            "url , DESCRIPTION,title,started_on\n,A tool,Mapper,2019\n",
        ),
        ("Positions.csv", "title,company name\nDev,Acme\n"),
    ]);
    let import = import_linkedin(&export).expect("imports");
    let project = &import.profile.projects[0];
    assert_eq!(
        (project.name.as_str(), project.description.as_str()),
        ("Mapper", "A tool")
    );
    assert_eq!(
        project.start_date.map(|d| d.to_string()).as_deref(),
        Some("2019")
    );
    assert_eq!(
        import.profile.work[0].name, "Acme",
        "missing columns read as empty"
    );
    assert!(!import.preview.person, "no Profile.csv");
}

#[test]
fn dates_in_every_linkedin_form_are_read_and_others_listed() {
    let export = zip(&[(
        "Positions.csv",
        "Company Name,Title,Started On,Finished On\nA,x,Jan 2022,2023\nB,y,2019-05-01,okt. 2020\nC,z,sometime,\n",
    )]);
    let import = import_linkedin(&export).expect("imports");
    let dates: Vec<(Option<String>, Option<String>)> = import
        .profile
        .work
        .iter()
        .map(|w| {
            (
                w.start_date.map(|d| d.to_string()),
                w.end_date.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (Some("2022-01".into()), Some("2023".into())),
            (Some("2019-05-01".into()), Some("2020-10".into())),
            (None, None)
        ]
    );
    assert_eq!(not_imported(&import, "Started On"), ["sometime"]);
}

#[test]
fn duplicate_files_take_the_one_nearest_the_top() {
    let export = zip(&[
        ("old/backup/Skills.csv", "Name\nCobol\n"),
        ("export/Skills.csv", "Name\nRust\n"),
    ]);
    let import = import_linkedin(&export).expect("imports");
    assert_eq!(import.profile.skills[0].name, "Rust");
}

#[test]
fn zip_that_is_not_a_linkedin_export_is_refused_clearly() {
    let export = zip(&[
        ("README.txt", "hello"),
        ("Connections.csv", "First Name\nOla\n"),
    ]);
    let error = import_linkedin(&export).expect_err("not an export");
    assert_eq!(error, ImportError::NotLinkedInExport);
    assert!(
        error.to_string().contains("Get a copy of your data"),
        "{error}"
    );
}

#[test]
fn file_that_is_not_a_zip_is_refused() {
    let error = import_linkedin(b"First Name,Last Name\nKari,Nordmann\n").expect_err("a CSV");
    assert!(matches!(error, ImportError::NotAZip { .. }), "{error:?}");
    let reader = read_linkedin(Cursor::new(Vec::new())).expect_err("empty");
    assert!(matches!(reader, ImportError::NotAZip { .. }), "{reader:?}");
}

#[test]
fn zip_bomb_is_refused_by_its_compression_ratio() {
    let bomb = "Rust\n".repeat(1024 * 1024);
    let export = zip(&[("Skills.csv", &bomb)]);
    assert!(export.len() * 100 < bomb.len(), "deflates far beyond 100:1");
    let error = import_linkedin(&export).expect_err("a bomb");
    assert_eq!(
        error,
        ImportError::ZipBomb {
            name: "Skills.csv".into(),
            ratio: MAX_COMPRESSION_RATIO
        }
    );
}

#[test]
fn entry_over_the_size_cap_is_refused() {
    let big = vec![b'a'; usize::try_from(MAX_ZIP_ENTRY_BYTES).expect("fits") + 1];
    let export = zip_with(&[("Skills.csv", &big)], CompressionMethod::Stored);
    assert_eq!(
        import_linkedin(&export).expect_err("too big"),
        ImportError::ZipEntryTooLarge {
            name: "Skills.csv".into(),
            limit: MAX_ZIP_ENTRY_BYTES
        }
    );
}

#[test]
fn entries_over_the_total_cap_together_are_refused() {
    let part = vec![b'a'; usize::try_from(MAX_ZIP_ENTRY_BYTES).expect("fits") - 1];
    let names = [
        "Skills.csv",
        "Languages.csv",
        "Projects.csv",
        "Positions.csv",
        "Education.csv",
    ];
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (*n, part.as_slice())).collect();
    let export = zip_with(&files, CompressionMethod::Stored);
    assert_eq!(
        import_linkedin(&export).expect_err("too much"),
        ImportError::ZipTooLarge {
            limit: MAX_ZIP_TOTAL_BYTES
        }
    );
}

#[test]
fn csv_with_a_10_mb_field_is_refused_with_a_clear_error() {
    let mut csv = b"Company Name,Title,Description\nAcme,Dev,\"".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    csv.extend(b"\"\n");
    let export = zip_with(&[("Positions.csv", &csv)], CompressionMethod::Stored);
    let error = import_linkedin(&export).expect_err("a 10 MB field");
    assert_eq!(
        error,
        ImportError::CsvFieldTooLarge {
            file: "Positions.csv".into(),
            line: 2,
            limit: MAX_CSV_FIELD_BYTES
        }
    );
    assert_eq!(
        error.to_string(),
        "Positions.csv, line 2: a field is larger than 256 KB, far more than any profile text; check the file or download the export again"
    );
}

#[test]
fn zip_with_too_many_entries_is_refused() {
    let names: Vec<String> = (0..=MAX_ZIP_ENTRIES).map(|i| format!("f{i}.txt")).collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let export = zip_with(&files, CompressionMethod::Stored);
    assert_eq!(
        import_linkedin(&export).expect_err("too many"),
        ImportError::ZipTooManyEntries {
            limit: MAX_ZIP_ENTRIES
        }
    );
}
