//! Importers and exporters for the data a job seeker already holds elsewhere. Pure parsing
//! and writing: every function takes bytes, text or a reader and returns model values or an
//! [`ImportError`]; where a file came from and what is stored is the caller's business.
//!
//! - [`import_elmo`]: ELMO / EMREX transcripts (raw XML or the EMREX transport form) →
//!   [`Education`](candor_model::Education)s with their trees of learning opportunities,
//!   and the [`Learner`] apart from them.
//! - [`import_json_resume`] / [`export_json_resume`]: JSON Resume ↔
//!   [`Profile`](candor_model::Profile), losing nothing: what the model cannot hold comes back
//!   as [`JsonResumeImport::kept`], and grades travel in the [`GRADES_EXTENSION`] field.
//! - [`import_linkedin`]: LinkedIn's data export (a zip of CSV files) → a
//!   [`Profile`](candor_model::Profile) and a [`LinkedInPreview`] of what would be added.
//! - [`profile_html`]: a profile (a view's, as sent) as one self-contained HTML page to read.
//! - [`clean_pdf`] / [`pdf_text`]: a PDF attachment of an anonymous share written anew
//!   without the metadata that names its author, and its text for the identity scan.
//! - [`calendar_ics`]: whole-day events as an iCalendar file, each with a stable UID.
//!
//! Every reader is capped (input size, unpacked size, nesting, counts) and refuses what
//! could attack it — an XML `<!DOCTYPE>`, a compression bomb — with its own error.

#![forbid(unsafe_code)]

mod dates;
mod elmo;
mod error;
mod html;
mod ics;
mod jsonresume;
mod linkedin;
mod pdf;

pub use elmo::{
    import_elmo, read_elmo, ElmoImport, ElmoVersion, EmbeddedAttachment, Learner,
    LearnerNationalId, ELMO_DRAFT_NAMESPACE, ELMO_V1_NAMESPACE, MAX_ELMO_DEPTH, MAX_ELMO_ELEMENTS,
    MAX_ELMO_INPUT_BYTES, MAX_ELMO_XML_BYTES,
};
pub use error::ImportError;
pub use html::profile_html;
pub use ics::{calendar_ics, CalendarEvent};
pub use jsonresume::{
    export_json_resume, export_json_resume_string, import_json_resume, read_json_resume,
    JsonResumeImport, ADDRESSES_EXTENSION, GRADES_EXTENSION, MAX_JSON_RESUME_BYTES,
};
pub use linkedin::{
    import_linkedin, read_linkedin, LinkedInImport, LinkedInPreview, NotImported,
    MAX_COMPRESSION_RATIO, MAX_CSV_FIELD_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES,
    MAX_ZIP_TOTAL_BYTES, RATIO_CHECK_FROM_BYTES,
};
pub use pdf::{clean_pdf, is_pdf, pdf_text, PdfCleaning, PdfError, PdfMetadata, MAX_PDF_BYTES};
