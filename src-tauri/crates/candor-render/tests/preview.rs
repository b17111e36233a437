//! The preview of a CV: the same pages as the PDF, drawn as images, with the headings each
//! page shows, in the CV's language.

mod common;

use candor_model::{Lang, ViewKind};
use candor_render::{render_cv_pages, Template};
use common::{full_profile, options, render, view};

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
    let options = options(Template::Classic, Lang::En, "Kari Nordmann");
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
    let english = render_cv_pages(
        &view,
        &options(Template::Classic, Lang::En, "Kari Nordmann"),
    )
    .expect("renders");
    let bokmal = render_cv_pages(
        &view,
        &options(Template::Classic, Lang::Nb, "Kari Nordmann"),
    )
    .expect("renders");
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
        later.iter().any(|heading| *heading == "Prosjekter"),
        "a later page's headings are its own: {later:?}"
    );
}
