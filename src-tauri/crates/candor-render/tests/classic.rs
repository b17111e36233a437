//! The CV as its recipient's tools read it: valid PDF, fonts embedded, every section in
//! order, nothing of an anonymous seeker's identity, the seeker's text printed as written
//! (in every template), and the same bytes every time.

mod common;

use candor_model::{Lang, Person, Profile, Skill, ViewKind};
use candor_render::{render_cv, Template};
use common::{assert_in_order, full_profile, options, render, view, Pdf};

#[test]
fn a_full_cv_is_valid_pdf_with_every_font_embedded_and_every_section_in_order() {
    let pdf = render(
        &view(&full_profile(), ViewKind::Full),
        &options(Template::Classic, Lang::En, "Kari Nordmann"),
    );

    pdf.qpdf_check().expect("qpdf finds no problem");
    assert_eq!(
        pdf.pages(),
        2,
        "40 courses, 10 jobs and 15 skills fill two pages"
    );
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
        &options(Template::Classic, Lang::Nb, "Kari Nordmann"),
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
    for template in Template::ALL {
        anonymous_cv_names_only_the_pseudonym(template);
    }
}

fn anonymous_cv_names_only_the_pseudonym(template: Template) {
    let profile = full_profile();
    let pdf_bytes = render_cv(
        &view(&profile, ViewKind::Anonymous),
        &options(template, Lang::En, "Candidate 7F3K"),
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
    for template in Template::ALL {
        hostile_text_prints_as_written(template);
    }
}

fn hostile_text_prints_as_written(template: Template) {
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
        &options(template, Lang::En, "#Kari* $Nordmann$"),
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
            "{markup:?} prints as written in {}:\n{text}",
            template.as_str()
        );
    }
    // The templates' side margins: 2.2 cm and 1.6 cm.
    let margin = match template {
        Template::Classic => 62.3,
        Template::Compact => 45.3,
    };
    for (right, page_width, word) in pdf.word_right_edges() {
        assert!(
            right <= page_width - margin,
            "{word:?} ends at {right}pt, inside the {margin}pt right margin of a {page_width}pt page"
        );
    }
    let long_word_printed: usize = text.matches('x').count();
    assert!(
        long_word_printed >= 300,
        "the whole 300-character word is printed, over several lines"
    );
}

#[test]
fn arabic_hebrew_and_emoji_print_in_embedded_fonts_rather_than_empty_boxes() {
    let written = "مرحبا بالعالم · שלום עולם · 🎉👍";
    let profile = Profile {
        person: Some(Person {
            name: "Kari Nordmann".into(),
            summary: written.into(),
            ..Person::default()
        }),
        ..Profile::default()
    };
    for template in Template::ALL {
        let pdf = render(
            &view(&profile, ViewKind::Full),
            &options(template, Lang::En, "Kari Nordmann"),
        );
        let fonts = pdf.fonts().join("\n");
        for face in ["LibertinusSerif", "NotoNaskhArabic", "NotoEmoji"] {
            assert!(
                fonts.contains(face),
                "{face} is embedded for the letters Libertinus lacks, in {}:\n{fonts}",
                template.as_str()
            );
        }
        let text = pdf.text();
        for word in ["שלום", "עולם", "🎉", "👍"] {
            assert!(text.contains(word), "{word:?} is printed in:\n{text}");
        }
        let arabic = text
            .chars()
            .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c));
        assert_eq!(
            arabic.count(),
            12,
            "every Arabic letter of the summary is printed, in {}:\n{text}",
            template.as_str()
        );
    }
}

#[test]
fn an_empty_view_renders_the_name_alone() {
    let pdf = render(
        &view(&Profile::default(), ViewKind::Full),
        &options(Template::Classic, Lang::Nb, "Kari Nordmann"),
    );
    let text = pdf.text();
    assert!(text.contains("Kari Nordmann"));
    assert!(!text.contains("Utdanning"), "no empty sections: {text}");
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let view = view(&full_profile(), ViewKind::Full);
    let options = options(Template::Classic, Lang::Nb, "Kari Nordmann");
    let first = render_cv(&view, &options).expect("renders");
    let second = render_cv(&view, &options).expect("renders again");
    assert!(first == second, "the two PDFs are byte for byte the same");
    let info = Pdf::new(&first).info();
    assert!(
        !info.contains("CreationDate") && !info.contains("ModDate"),
        "no date of making: {info}"
    );
}
