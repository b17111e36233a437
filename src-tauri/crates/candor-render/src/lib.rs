//! Typesets a [`View`] of the seeker's data as a PDF, with Typst as a library.
//!
//! - [`render_cv`]: a CV from a view, in English or bokmål, signed with the seeker's name or,
//!   for an anonymous view, the pseudonym the recipient knows them by.
//! - [`render_cv_pages`]: the same pages as PNG images, for a preview.
//! - The template is Candor's own (`templates/classic.typ`) and the fonts are built in
//!   (Libertinus Serif, with Noto Naskh Arabic and Noto Emoji to fall back to; all SIL Open
//!   Font License, `fonts/`): no system font, no
//!   package download, no clock. The same view and options give the same bytes on any
//!   machine, in any time zone or locale.
//! - The seeker's text reaches Typst only as JSON the template reads, never as markup: a
//!   course called `#import "x"` or `*bold*` prints as written.
//!
//! ```
//! use candor_model::{project, Lang, Person, Profile, ViewChoice, ViewKind};
//! use candor_render::{render_cv, CvOptions, Template};
//!
//! let profile = Profile {
//!     person: Some(Person { name: "Kari Nordmann".into(), ..Default::default() }),
//!     ..Default::default()
//! };
//! let view = project(&profile, &[], &ViewChoice::new(ViewKind::Full))?;
//! let options = CvOptions {
//!     template: Template::Classic,
//!     lang: Lang::En,
//!     signed_as: "Kari Nordmann".into(),
//! };
//! let pdf = render_cv(&view, &options)?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod data;
mod letter;
mod words;
mod world;

pub use letter::LetterFacts;

use candor_model::{CoverLetter, Lang, View};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Element, Selector};
use typst::introspection::Introspector;
use typst::model::HeadingElem;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::data::CvData;
use crate::letter::LetterData;
use crate::world::CvWorld;

/// A CV's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Template {
    /// One column, sections one after another, plain headings: what applicant tracking
    /// systems read best.
    #[default]
    Classic,
    /// Denser: headings in a narrow column beside their sections, a smaller type, skills
    /// and languages run together. More on a page, for a long profile.
    Compact,
}

impl Template {
    /// Every template.
    pub const ALL: [Template; 2] = [Template::Classic, Template::Compact];

    /// `"classic"`: the name the command line takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Classic => "classic",
            Template::Compact => "compact",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Template::Classic => include_str!("../templates/classic.typ"),
            Template::Compact => include_str!("../templates/compact.typ"),
        }
    }
}

impl std::str::FromStr for Template {
    type Err = UnknownTemplate;

    fn from_str(name: &str) -> Result<Self, UnknownTemplate> {
        Template::ALL
            .into_iter()
            .find(|template| template.as_str() == name)
            .ok_or_else(|| UnknownTemplate(name.to_owned()))
    }
}

/// A template name that is none of [`Template::ALL`].
#[derive(Debug, thiserror::Error)]
#[error("there is no CV template called \"{0}\"; choose classic or compact")]
pub struct UnknownTemplate(String);

/// The letter's template, which sets itself like the CV template it is given.
const LETTER: &str = include_str!("../templates/letter.typ");

/// How to render a CV.
#[derive(Debug, Clone)]
pub struct CvOptions {
    pub template: Template,
    /// The language of headings and dates.
    pub lang: Lang,
    /// Whose CV it says it is: the seeker's name, or for an anonymous view the pseudonym.
    /// It heads the first page and is the PDF's author.
    pub signed_as: String,
}

/// Why a CV could not be rendered. Any view should render; each of these is a fault in
/// Candor, and says so.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The view could not be written as the JSON the template reads.
    #[error("could not prepare the CV's data for the template: {0}; please report this as a bug")]
    Data(#[from] serde_json::Error),
    /// Typst could not typeset the template with this view's data.
    #[error("the {template} template could not typeset this document: {}; please report this as a bug", messages.join("; "))]
    Typeset {
        template: &'static str,
        messages: Vec<String>,
    },
    /// The typeset document could not be written as PDF.
    #[error("the typeset document could not be written as PDF: {}; please report this as a bug", messages.join("; "))]
    Pdf { messages: Vec<String> },
    /// A typeset page could not be written as a PNG image.
    #[error(
        "a page of the CV could not be drawn as an image: {message}; please report this as a bug"
    )]
    Image { message: String },
}

/// The CV of `view` as a PDF.
///
/// The PDF's title is "CV — {signed_as}" and its author `signed_as`; it carries no creation
/// date, so rendering the same view twice gives the same bytes.
pub fn render_cv(view: &View, options: &CvOptions) -> Result<Vec<u8>, RenderError> {
    to_pdf(&typeset_cv(view, options)?)
}

/// How many image pixels one typographic point becomes: an A4 page (595 pt) is 893 px
/// wide, sharp on a screen without making each page's PNG heavy.
pub const PREVIEW_PIXELS_PER_POINT: f64 = 1.5;

/// One page of a CV, drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CvPage {
    /// The page as a PNG image.
    pub png: Vec<u8>,
    /// The headings printed on the page, top to bottom, in the CV's language: the name
    /// above the first page's sections, then each section's heading. What the image's
    /// alternative text says.
    pub headings: Vec<String>,
}

/// The CV of `view` as one image per page, the same pages [`render_cv`] writes as PDF:
/// what a preview shows without a PDF viewer.
pub fn render_cv_pages(view: &View, options: &CvOptions) -> Result<Vec<CvPage>, RenderError> {
    let document = typeset_cv(view, options)?;
    let render_options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(PREVIEW_PIXELS_PER_POINT),
        render_bleed: false,
    };
    let mut pages: Vec<CvPage> = document
        .pages()
        .iter()
        .map(|page| {
            let png = typst_render::render(page, &render_options)
                .encode_png()
                .map_err(|error| RenderError::Image {
                    message: error.to_string(),
                })?;
            Ok(CvPage {
                png,
                headings: Vec::new(),
            })
        })
        .collect::<Result<_, RenderError>>()?;
    let introspector = document.introspector();
    let headings = Selector::Elem(Element::of::<HeadingElem>(), None);
    for heading in introspector.query(&headings) {
        let page = heading
            .location()
            .and_then(|location| introspector.page(location))
            .and_then(|number| pages.get_mut(number.get() - 1));
        if let (Some(page), Some(heading)) = (page, heading.to_packed::<HeadingElem>()) {
            page.headings.push(heading.body.plain_text().to_string());
        }
    }
    Ok(pages)
}

/// The view laid out as pages by the template: what the PDF and the images are made from.
fn typeset_cv(view: &View, options: &CvOptions) -> Result<PagedDocument, RenderError> {
    let data = serde_json::to_vec(&CvData::new(view, options))?;
    typeset(options.template.source(), options.template.as_str(), data)
}

/// A cover letter as a PDF, set like `options.template`'s CV: from the seeker (their name
/// and contact lines as far as `view` shares them; for an anonymous view, the pseudonym and
/// nothing else), to `facts.company`, dated `facts.day`.
///
/// Its title is "Cover letter — {signed_as}" ("Søknadsbrev — …") and its author
/// `signed_as`; like the CV it carries no creation date.
pub fn render_letter(
    view: &View,
    letter: &CoverLetter,
    facts: &LetterFacts,
    options: &CvOptions,
) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_vec(&LetterData::new(view, letter, facts, options))?;
    to_pdf(&typeset(LETTER, "letter", data)?)
}

/// A typeset document as PDF, with no creation date.
fn to_pdf(document: &PagedDocument) -> Result<Vec<u8>, RenderError> {
    let pdf_options = PdfOptions {
        timestamp: None,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &pdf_options).map_err(|errors| RenderError::Pdf {
        messages: messages(&errors),
    })
}

/// Typesets `source` with `data` as `/data.json`.
fn typeset(
    source: &'static str,
    name: &'static str,
    data: Vec<u8>,
) -> Result<PagedDocument, RenderError> {
    let world = CvWorld::new(source, data);
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| RenderError::Typeset {
            template: name,
            messages: messages(&errors),
        });
    // Typst memoizes across compilations; in a long-running app that cache only grows.
    // Keep what the last few renders used, so rendering the same CV again stays quick.
    typst::comemo::evict(EVICT_AFTER);
    document
}

/// How many renders a memoized result survives unused.
const EVICT_AFTER: usize = 10;

fn messages(errors: &[SourceDiagnostic]) -> Vec<String> {
    errors
        .iter()
        .map(|error| error.message.to_string())
        .collect()
}
