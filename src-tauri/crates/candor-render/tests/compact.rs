//! The compact CV: the same sections as the classic one in the same order, on no more
//! pages, valid and with its fonts embedded.

mod common;

use candor_model::{Lang, ViewKind};
use candor_render::Template;
use common::{assert_in_order, full_profile, options, render, view};

#[test]
fn a_compact_cv_keeps_every_section_in_order_in_a_quarter_fewer_lines_than_the_classic() {
    let view = view(&full_profile(), ViewKind::Full);
    let compact = render(
        &view,
        &options(Template::Compact, Lang::Nb, "Kari Nordmann"),
    );
    let classic = render(
        &view,
        &options(Template::Classic, Lang::Nb, "Kari Nordmann"),
    );

    compact.qpdf_check().expect("qpdf finds no problem");
    assert!(compact.pages() <= classic.pages());
    let lines = |text: String| text.lines().filter(|l| !l.trim().is_empty()).count();
    let (dense, plain) = (lines(compact.text()), lines(classic.text()));
    assert!(
        dense * 4 < plain * 3,
        "compact sets {dense} lines where classic sets {plain}: a quarter fewer at least"
    );
    for font in compact.fonts() {
        let columns: Vec<&str> = font.split_whitespace().collect();
        assert_eq!(columns[columns.len() - 5], "yes", "embedded: {font}");
    }
    assert_in_order(
        &compact.text(),
        &[
            "Kari Nordmann",
            "Backend developer",
            "kari.nordmann@example.org",
            "Sammendrag",
            "Utdanning",
            "Bachelor, Informatikk",
            "Karaktersnitt: 3,05 (C)",
            "IN1000",
            "Emne 40",
            "Arbeidserfaring",
            "Developer 01",
            "mars 2011 – februar 2012",
            "Developer 10",
            "Prosjekter",
            "Metering pipeline",
            "Ferdigheter",
            "Rust: Advanced, async, serde",
            "Skill 15",
            "Språk",
            "English: C1",
            "Sertifiseringer",
            "AWS Solutions Architect: Amazon, mai 2023",
            "Frivillig arbeid",
            "Kodeklubben",
        ],
    );
}

#[test]
fn template_names_read_back_and_an_unknown_one_says_which_exist() {
    for template in Template::ALL {
        assert_eq!(template.as_str().parse::<Template>().ok(), Some(template));
    }
    let error = "fancy".parse::<Template>().expect_err("no such template");
    assert_eq!(
        error.to_string(),
        "there is no CV template called \"fancy\"; choose classic or compact"
    );
}
