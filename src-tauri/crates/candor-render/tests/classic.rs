//! The classic CV as its recipient's tools read it: valid PDF, fonts embedded, every section
//! in order, nothing of an anonymous seeker's identity, the seeker's text printed as
//! written, the same bytes every time, and a preview of the same pages as images.

mod common;

use candor_model::{
    project, CefrLevel, Certificate, Fluency, Lang, Language, PartialDate, Profile, Project, Skill,
    View, ViewChoice, ViewKind, Volunteer, Work,
};
use candor_render::{render_cv, render_cv_pages, CvOptions, Template};
use common::{assert_in_order, Pdf};

fn date(text: &str) -> Option<PartialDate> {
    Some(text.parse().expect("a valid date"))
}

/// Kari with 40 courses, 10 jobs and one of everything else.
fn full_profile() -> Profile {
    let work = (1..=10)
        .map(|n| Work {
            name: format!("Employer {n:02}"),
            position: format!("Developer {n:02}"),
            start_date: date(&format!("{}-03", 2010 + n)),
            end_date: (n < 10)
                .then(|| date(&format!("{}-02", 2011 + n)))
                .flatten(),
            summary: format!("Built system number {n}."),
            highlights: vec![format!("Shipped release {n}")],
            ..candor_testkit::work()
        })
        .collect();
    Profile {
        person: Some(candor_testkit::person().build()),
        education: vec![candor_testkit::education_with_courses(40)],
        work,
        projects: vec![Project {
            name: "Metering pipeline".into(),
            description: "Streams meter readings into SQLite.".into(),
            keywords: vec!["Rust".into(), "SQLite".into()],
            start_date: date("2022-01"),
            ..Project::default()
        }],
        skills: vec![Skill {
            name: "Rust".into(),
            level: "Advanced".into(),
            keywords: vec!["async".into(), "serde".into()],
            ..Skill::default()
        }],
        languages: vec![
            Language {
                language: "Norwegian".into(),
                fluency: Fluency::Described("Native speaker".into()),
            },
            Language {
                language: "English".into(),
                fluency: Fluency::Cefr(CefrLevel::C1),
            },
        ],
        certificates: vec![Certificate {
            name: "AWS Solutions Architect".into(),
            issuer: "Amazon".into(),
            date: date("2023-05"),
            ..Certificate::default()
        }],
        volunteer: vec![Volunteer {
            organization: "Kodeklubben".into(),
            position: "Mentor".into(),
            start_date: date("2019-09"),
            ..Volunteer::default()
        }],
        ..Profile::default()
    }
}

fn view(profile: &Profile, kind: ViewKind) -> View {
    project(profile, &[], &ViewChoice::new(kind)).expect("a view")
}

fn options(lang: Lang, signed_as: &str) -> CvOptions {
    CvOptions {
        template: Template::Classic,
        lang,
        signed_as: signed_as.into(),
    }
}

fn render(view: &View, options: &CvOptions) -> Pdf {
    Pdf::new(&render_cv(view, options).expect("the CV renders"))
}

#[test]
fn a_full_cv_is_valid_pdf_with_every_font_embedded_and_every_section_in_order() {
    let pdf = render(
        &view(&full_profile(), ViewKind::Full),
        &options(Lang::En, "Kari Nordmann"),
    );

    pdf.qpdf_check().expect("qpdf finds no problem");
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty(), "the PDF names its fonts");
    for font in &fonts {
        let columns: Vec<&str> = font.split_whitespace().collect();
        // name, type (one or two words), encoding, emb, sub, uni, object, id.
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "every font is embedded: {font}");
    }

    let text = pdf.text();
    assert_in_order(
        &text,
        &[
            "Kari Nordmann",
            "Backend developer",
            "Contact",
            "kari.nordmann@example.org",
            "+47 912 34 567",
            "Oslo, NO",
            "GitHub: kari",
            "Summary",
            "Backend developer who likes databases.",
            "Education",
            "Bachelor, Informatikk",
            "Universitetet i Oslo",
            "IN1000",
            "Introduksjon til programmering",
            "Emne 3",
            "Emne 39",
            "Emne 40",
            "Grade point average: 3.05 (C)",
            "Work experience",
            "Developer 01",
            "Employer 01",
            "March 2011 – February 2012",
            "Built system number 1.",
            "Shipped release 1",
            "Developer 10",
            "March 2020 – present",
            "Projects",
            "Metering pipeline",
            "Rust, SQLite",
            "Skills",
            "Rust: Advanced, async, serde",
            "Languages",
            "Norwegian: Native speaker",
            "English: C1",
            "Certificates",
            "AWS Solutions Architect: Amazon, May 2023",
            "Volunteering",
            "Mentor",
            "Kodeklubben",
        ],
    );
}

#[test]
fn a_bokmal_cv_has_norwegian_headings_months_and_decimal_comma() {
    let pdf = render(
        &view(&full_profile(), ViewKind::Full),
        &options(Lang::Nb, "Kari Nordmann"),
    );
    assert_in_order(
        &pdf.text(),
        &[
            "Kontakt",
            "Sammendrag",
            "Utdanning",
            "Emnekode",
            "Studiepoeng",
            "Karaktersnitt: 3,05 (C)",
            "Arbeidserfaring",
            "mars 2011 – februar 2012",
            "mars 2020 – nå",
            "Prosjekter",
            "Ferdigheter",
            "Språk",
            "Sertifiseringer",
            "mai 2023",
            "Frivillig arbeid",
        ],
    );
}

#[test]
fn an_anonymous_cv_shows_the_pseudonym_and_nothing_that_names_the_seeker() {
    let profile = full_profile();
    let pdf_bytes = render_cv(
        &view(&profile, ViewKind::Anonymous),
        &options(Lang::En, "Candidate 7F3K"),
    )
    .expect("the CV renders");
    let pdf = Pdf::new(&pdf_bytes);
    let text = pdf.text();
    let info = pdf.info();

    assert!(
        text.contains("Candidate 7F3K"),
        "the pseudonym heads the CV"
    );
    assert!(
        info.contains("CV — Candidate 7F3K"),
        "the title names the pseudonym: {info}"
    );
    assert!(
        info.lines()
            .any(|line| line.starts_with("Author:") && line.contains("Candidate 7F3K")),
        "the author is the pseudonym: {info}"
    );
    for identifying in [
        "Kari",
        "Nordmann",
        "example.org",
        "912 34 567",
        "Employer 0",
        "Oslo",
        "Storgata",
        "Universitetet i Oslo",
        "Kodeklubben",
    ] {
        assert!(
            !text.contains(identifying),
            "{identifying:?} is not in the text:\n{text}"
        );
        assert!(
            !info.contains(identifying),
            "{identifying:?} is not in {info}"
        );
        assert!(
            !contains(&pdf_bytes, identifying.as_bytes()),
            "{identifying:?} is nowhere in the file's bytes"
        );
    }
    assert!(
        text.contains("Energy"),
        "the employer's industry stands in for its name"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Text a seeker may type that means something to Typst or to a typesetter.
const MARKUP: [&str; 8] = [
    "#import \"x\"",
    "$E = mc^2$",
    "*not bold*",
    "_not emphasised_",
    "<not-a-label>",
    "@not-a-reference",
    "back\\slash",
    "#set page(width: 1cm)",
];

#[test]
fn hostile_text_renders_literally_and_long_words_stay_inside_the_margin() {
    let long_word = "x".repeat(300);
    let mut profile = full_profile();
    if let Some(person) = profile.person.as_mut() {
        person.summary = format!(
            "{} {long_word} مرحبا بالعالم שלום עולם 🎉👩‍💻 {}",
            MARKUP.join(" "),
            "lorem ipsum dolor sit amet ".repeat(370)
        );
        assert!(person.summary.chars().count() > 10_000);
    }
    let courses = &mut profile.education[0].courses;
    for (course, markup) in courses.iter_mut().zip(MARKUP) {
        course.title = markup.into();
    }
    profile.skills = MARKUP
        .iter()
        .map(|markup| Skill {
            name: (*markup).into(),
            ..Skill::default()
        })
        .collect();

    let pdf = render(
        &view(&profile, ViewKind::Full),
        &options(Lang::En, "#Kari* $Nordmann$"),
    );
    pdf.qpdf_check().expect("qpdf finds no problem");
    let text = pdf.text();
    assert!(
        text.contains("#Kari* $Nordmann$"),
        "the name prints as written"
    );
    for markup in MARKUP {
        assert!(
            text.contains(&format!("{markup}: ")) || text.contains(markup),
            "{markup:?} prints as written:\n{text}"
        );
    }
    for (right, page_width, word) in pdf.word_right_edges() {
        assert!(
            right <= page_width - 50.0,
            "{word:?} ends at {right}pt, inside the right margin of a {page_width}pt page"
        );
    }
    let long_word_printed: usize = text.matches('x').count();
    assert!(
        long_word_printed >= 300,
        "the whole 300-character word is printed, over several lines"
    );
}

#[test]
fn an_empty_view_renders_the_name_alone() {
    let pdf = render(
        &view(&Profile::default(), ViewKind::Full),
        &options(Lang::Nb, "Kari Nordmann"),
    );
    let text = pdf.text();
    assert!(text.contains("Kari Nordmann"));
    assert!(!text.contains("Utdanning"), "no empty sections: {text}");
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let view = view(&full_profile(), ViewKind::Full);
    let options = options(Lang::Nb, "Kari Nordmann");
    let first = render_cv(&view, &options).expect("renders");
    let second = render_cv(&view, &options).expect("renders again");
    assert!(first == second, "the two PDFs are byte for byte the same");
    let info = Pdf::new(&first).info();
    assert!(
        !info.contains("CreationDate") && !info.contains("ModDate"),
        "no date of making: {info}"
    );
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The width in pixels a PNG's header declares.
fn png_width(png: &[u8]) -> u32 {
    // The signature, then the IHDR chunk: length (4), type (4), width (4, big-endian).
    let width: [u8; 4] = png[16..20].try_into().expect("a PNG header");
    u32::from_be_bytes(width)
}

#[test]
fn the_preview_draws_each_page_of_the_pdf_as_a_screen_wide_png() {
    let view = view(&full_profile(), ViewKind::Full);
    let options = options(Lang::En, "Kari Nordmann");
    let pages = render_cv_pages(&view, &options).expect("the pages render");
    let pdf = render(&view, &options);

    assert_eq!(pages.len(), 2, "a full profile fills two pages");
    assert!(
        pdf.info().contains("Pages:           2"),
        "the PDF has the same two pages: {}",
        pdf.info()
    );
    for page in &pages {
        assert!(
            page.png.starts_with(PNG_SIGNATURE),
            "each page is a PNG image"
        );
        let width = png_width(&page.png);
        assert!(
            (800..=1000).contains(&width),
            "an A4 page is drawn 800 to 1000 pixels wide, not {width}"
        );
    }
}

#[test]
fn the_preview_and_its_headings_follow_the_language() {
    let view = view(&full_profile(), ViewKind::Full);
    let english = render_cv_pages(&view, &options(Lang::En, "Kari Nordmann")).expect("renders");
    let bokmal = render_cv_pages(&view, &options(Lang::Nb, "Kari Nordmann")).expect("renders");
    assert!(
        english[0].png != bokmal[0].png,
        "English and bokmål headings draw different first pages"
    );
    assert_eq!(
        english[0].headings[..4],
        ["Kari Nordmann", "Contact", "Summary", "Education"],
        "the first page's headings, in English"
    );
    assert_eq!(
        bokmal[0].headings[..4],
        ["Kari Nordmann", "Kontakt", "Sammendrag", "Utdanning"],
        "the first page's headings, in bokmål"
    );
    let later: Vec<&String> = bokmal[1..].iter().flat_map(|page| &page.headings).collect();
    assert!(
        later.iter().any(|heading| *heading == "Arbeidserfaring"),
        "a later page's headings are its own: {later:?}"
    );
}
