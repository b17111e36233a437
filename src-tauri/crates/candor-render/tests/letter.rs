//! The cover letter as its recipient reads it: from the seeker (or the pseudonym, with no
//! contact line), to the company and contact, dated in the language's form, the seeker's
//! paragraphs and bullets printed as written, set like the CV template it goes with.

mod common;

use candor_model::{CoverLetter, Day, Lang, ViewKind};
use candor_render::{render_letter, LetterFacts, Template};
use common::{assert_in_order, full_profile, options, view, Pdf};

fn facts() -> LetterFacts {
    LetterFacts {
        company: "Aker BP".into(),
        position: "Graduate engineer".into(),
        contact: Some("Ola Berg".into()),
        day: "2026-12-15".parse::<Day>().expect("a day"),
    }
}

fn letter() -> CoverLetter {
    CoverLetter::parse(
        "I have followed **Aker BP's** digital work for years.\n\n\
         What I bring:\n- databases at _scale_\n- Rust\n\nI look forward to hearing from you.",
    )
}

#[test]
fn a_letter_reads_from_sender_to_recipient_to_signature_in_bokmal() {
    for template in Template::ALL {
        let bytes = render_letter(
            &view(&full_profile(), ViewKind::Full),
            &letter(),
            &facts(),
            &options(template, Lang::Nb, "Kari Nordmann"),
        )
        .expect("the letter renders");
        let pdf = Pdf::new(&bytes);
        pdf.qpdf_check().expect("qpdf finds no problem");
        assert_eq!(pdf.pages(), 1);
        assert_in_order(
            &pdf.text(),
            &[
                "Kari Nordmann",
                "kari.nordmann@example.org",
                "Ola Berg",
                "Aker BP",
                "15. desember 2026",
                "Søknad på stillingen som Graduate engineer",
                "Hei Ola Berg,",
                "I have followed Aker BP's digital work for years.",
                "What I bring:",
                "databases at scale",
                "Rust",
                "I look forward to hearing from you.",
                "Med vennlig hilsen",
                "Kari Nordmann",
            ],
        );
        let fonts = pdf.fonts().join("\n");
        assert!(
            fonts.contains("Bold") && fonts.contains("Italic"),
            "the bold and the italic run are set in their faces: {fonts}"
        );
        assert!(
            pdf.info().contains("Søknadsbrev — Kari Nordmann"),
            "the title names the letter and its writer"
        );
    }
}

#[test]
fn an_anonymous_letter_is_signed_with_the_pseudonym_and_gives_no_contact() {
    let profile = full_profile();
    let bytes = render_letter(
        &view(&profile, ViewKind::Anonymous),
        &letter(),
        &facts(),
        &options(Template::Classic, Lang::En, "Candidate 7F3K"),
    )
    .expect("the letter renders");
    let pdf = Pdf::new(&bytes);
    let (text, info) = (pdf.text(), pdf.info());
    assert_in_order(
        &text,
        &[
            "Candidate 7F3K",
            "15 December 2026",
            "Dear Ola Berg,",
            "Yours sincerely,",
            "Candidate 7F3K",
        ],
    );
    for identifying in ["Kari", "Nordmann", "example.org", "912 34 567", "Oslo"] {
        assert!(!text.contains(identifying), "{identifying:?} in:\n{text}");
        assert!(!info.contains(identifying), "{identifying:?} in {info}");
    }
}

#[test]
fn markup_in_a_letter_prints_as_written_and_renders_the_same_bytes_twice() {
    let written = "#import \"x\" $E = mc^2$ <label> @ref back\\slash #set page(width: 1cm)";
    let mut letter = CoverLetter::parse(written);
    letter.salutation = "#Dear* [team]".into();
    let mut facts = facts();
    facts.company = "$Company$ #1".into();
    facts.contact = None;
    let view = view(&full_profile(), ViewKind::Full);
    let options = options(Template::Compact, Lang::En, "Kari Nordmann");
    let first = render_letter(&view, &letter, &facts, &options).expect("renders");
    let second = render_letter(&view, &letter, &facts, &options).expect("renders again");
    assert!(first == second, "the same letter gives the same bytes");
    let text = Pdf::new(&first).text();
    for literal in [written, "#Dear* [team]", "$Company$ #1"] {
        assert!(
            text.contains(literal),
            "{literal:?} prints as written:\n{text}"
        );
    }
}
