//! ELMO / EMREX transcripts: the XML that Vitnemålsportalen and other EMREX contact points
//! send, as raw XML or in the EMREX transport form (gzip, then base64).
//!
//! Reads ELMO 1.x (`https://github.com/emrex-eu/elmo-schemas/tree/v1`) and the older draft
//! (`http://purl.org/net/elmo`: the learner inside the report, `<result>` instead of
//! `<resultLabel>`, credits on the specification). Each issuer becomes an [`Education`]
//! with its tree of learning opportunities; the learner goes into a separate [`Learner`].

mod grade;
mod learner;
mod map;
mod transport;
mod xml;

use std::fmt;
use std::io::Read;

use candor_model::{Education, ImportNote};

use crate::error::read_capped;
use crate::ImportError;
pub use learner::{EmbeddedAttachment, Learner, LearnerNationalId};
pub use xml::{MAX_DEPTH as MAX_ELMO_DEPTH, MAX_ELEMENTS as MAX_ELMO_ELEMENTS};

/// The namespace of ELMO 1.x.
pub const ELMO_V1_NAMESPACE: &str = "https://github.com/emrex-eu/elmo-schemas/tree/v1";
/// The namespace of the draft ELMO format that came before 1.0.
pub const ELMO_DRAFT_NAMESPACE: &str = "http://purl.org/net/elmo";
/// The largest ELMO XML read, after unpacking: 20 MiB (transcripts with an embedded PDF
/// are well under 1 MiB).
pub const MAX_ELMO_XML_BYTES: u64 = 20 * 1024 * 1024;
/// The largest input read in either form: room for the transport form of the largest XML
/// (base64 adds a third) when it barely compresses.
pub const MAX_ELMO_INPUT_BYTES: u64 = MAX_ELMO_XML_BYTES / 3 * 4 + 1024 * 1024;

/// Which ELMO format a transcript was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElmoVersion {
    /// ELMO 1.x.
    V1,
    /// The draft format before 1.0 (`http://purl.org/net/elmo`).
    Draft,
}

/// An imported transcript.
#[derive(Clone, PartialEq, Eq)]
pub struct ElmoImport {
    /// One per issuer, in document order; none of them holds anything about the learner.
    pub educations: Vec<Education>,
    /// Who the transcript is about: show once, store only if the seeker asks.
    pub learner: Learner,
    /// Whether the file carries an XML signature (`Signature` element). It is *not*
    /// verified: say so wherever this is shown.
    pub signed: bool,
    /// The documents embedded in the transcript (normally the issuer's PDF).
    pub attachments: Vec<EmbeddedAttachment>,
    /// SHA-256 (hex) of the canonical XML: the same for the same transcript in either form.
    pub fingerprint: String,
    /// The XML as received (unpacked from the transport form when it came in that form), to
    /// keep as the issuer-signed original. It holds the learner's identity.
    pub xml: Vec<u8>,
    pub version: ElmoVersion,
    /// What could not be read and was left out, one sentence each.
    pub warnings: Vec<ImportNote>,
}

impl fmt::Debug for ElmoImport {
    /// The XML is left out: it holds the learner's national identity number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ElmoImport")
            .field("educations", &self.educations)
            .field("learner", &self.learner)
            .field("signed", &self.signed)
            .field("attachments", &self.attachments)
            .field("fingerprint", &self.fingerprint)
            .field("xml", &format_args!("<{} bytes>", self.xml.len()))
            .field("version", &self.version)
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// Imports a transcript from its bytes: ELMO XML, a gzip file of it, or the EMREX transport
/// form. Titles are taken in the first of `languages` the transcript has (`&["nb", "no",
/// "en"]`; `"nb"` also matches `"nb-NO"`), else in the first language given.
///
/// ```
/// let xml = br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">
///   <report>
///     <issuer><title xml:lang="en">University of Oslo</title></issuer>
///     <learningOpportunitySpecification>
///       <title xml:lang="en">Algorithms</title>
///       <specifies><learningOpportunityInstance>
///         <resultLabel>B</resultLabel>
///         <credit><scheme>ECTS</scheme><value>7,5</value></credit>
///       </learningOpportunityInstance></specifies>
///     </learningOpportunitySpecification>
///   </report>
/// </elmo>"#;
/// let import = candor_formats::import_elmo(xml, &["nb", "en"])?;
/// let course = &import.educations[0].courses[0];
/// assert_eq!(import.educations[0].institution, "University of Oslo");
/// assert_eq!((course.title.as_str(), course.credits.map(|c| c.to_string())), ("Algorithms", Some("7.5".into())));
/// assert_eq!(course.grade.as_ref().map(|g| g.scheme.to_string()), Some("ects".into()));
/// # Ok::<(), candor_formats::ImportError>(())
/// ```
pub fn import_elmo(input: &[u8], languages: &[&str]) -> Result<ElmoImport, ImportError> {
    if input.len() as u64 > MAX_ELMO_INPUT_BYTES {
        return Err(ImportError::InputTooLarge {
            limit: MAX_ELMO_INPUT_BYTES,
        });
    }
    let xml = transport::xml_bytes(input)?;
    if xml.len() as u64 > MAX_ELMO_XML_BYTES {
        return Err(ImportError::InputTooLarge {
            limit: MAX_ELMO_XML_BYTES,
        });
    }
    let text = std::str::from_utf8(&xml).map_err(|_| ImportError::XmlNotUtf8)?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let document = xml::parse(text)?;
    let root = &document.root;
    if root.name != "elmo" {
        return Err(ImportError::NotElmo {
            root: root.name.chars().take(60).collect(),
        });
    }
    let version = match document.namespace.as_deref() {
        Some(ELMO_V1_NAMESPACE) => ElmoVersion::V1,
        Some(ELMO_DRAFT_NAMESPACE) => ElmoVersion::Draft,
        other => {
            return Err(ImportError::UnsupportedElmoVersion {
                namespace: other.unwrap_or("none").chars().take(200).collect(),
            })
        }
    };
    let reports: Vec<&xml::Element> = root.children_named("report").collect();
    if reports.is_empty() {
        return Err(ImportError::NoReports);
    }
    let mut mapper = Mapper::new(languages);
    let educations = reports
        .iter()
        .flat_map(|report| mapper.report(report))
        .collect();
    let learner = learner::learner(
        root.children_named("learner")
            .chain(reports.iter().flat_map(|r| r.children_named("learner"))),
    );
    let attachments = mapper.attachments(
        root.children_named("attachment")
            .chain(reports.iter().flat_map(|r| r.children_named("attachment"))),
    );
    Ok(ElmoImport {
        educations,
        learner,
        signed: document.has_signature,
        attachments,
        fingerprint: transport::fingerprint(&xml),
        xml: xml.into_owned(),
        version,
        warnings: mapper.warnings,
    })
}

/// [`import_elmo`] from a reader, reading at most [`MAX_ELMO_INPUT_BYTES`].
pub fn read_elmo(reader: impl Read, languages: &[&str]) -> Result<ElmoImport, ImportError> {
    let input = read_capped(reader, MAX_ELMO_INPUT_BYTES)?;
    import_elmo(&input, languages)
}

/// State while mapping one document: the preferred languages, the current report's grading
/// schemes and issuer country, and the warnings so far.
pub(crate) struct Mapper<'a> {
    languages: &'a [&'a str],
    /// `gradingScheme/@localId` → its description, for the current report.
    schemes: Vec<(String, String)>,
    /// The current issuer's country.
    country: Option<String>,
    warnings: Vec<ImportNote>,
}

impl<'a> Mapper<'a> {
    fn new(languages: &'a [&'a str]) -> Self {
        Self {
            languages,
            schemes: Vec::new(),
            country: None,
            warnings: Vec::new(),
        }
    }

    fn warn(&mut self, warning: ImportNote) {
        self.warnings.push(warning);
    }
}

/// The trimmed text of the element in the most preferred language (`xml:lang`, matched
/// case-insensitively and by primary subtag, so `nb` matches `nb-NO`), else the first
/// element with text; `None` when none has text.
pub(crate) fn pick_text<'e>(
    elements: impl Iterator<Item = &'e xml::Element>,
    languages: &[&str],
) -> Option<String> {
    let candidates: Vec<&xml::Element> = elements.filter(|e| !e.text().is_empty()).collect();
    let matches = |element: &xml::Element, wanted: &str| {
        element.attr("lang").is_some_and(|lang| {
            let primary = lang.split(['-', '_']).next().unwrap_or(lang);
            lang.eq_ignore_ascii_case(wanted) || primary.eq_ignore_ascii_case(wanted)
        })
    };
    languages
        .iter()
        .find_map(|wanted| candidates.iter().find(|e| matches(e, wanted)))
        .or_else(|| candidates.first())
        .map(|e| e.text().to_owned())
}
