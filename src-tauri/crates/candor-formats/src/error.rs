//! [`ImportError`]: every way an import can fail, one variant per failure.

/// Why a file could not be imported. Each message says what happened and what to do.
///
/// No variant ever carries a national identity number or other content of the file beyond
/// element, column and file names: these messages reach logs and the UI.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The input could not be read (an I/O error of the reader handed in).
    #[error("the file could not be read ({reason}); check that it is still there and try again")]
    ReadFailed { reason: String },
    /// The input is larger than the importer reads at all.
    #[error("the file is larger than {} MB, the most Candor reads for this kind of file; check that you chose the right file", mb(*limit))]
    InputTooLarge { limit: u64 },
    /// Compressed data (the EMREX transport form) unpacks to more than the cap: a
    /// compression bomb, or not a transcript.
    #[error("the compressed transcript unpacks to more than {} MB, far more than any transcript (a compression bomb?), so Candor stopped reading it; fetch the transcript again from the issuer", mb(*limit))]
    DecompressedTooLarge { limit: u64 },
    /// Neither XML nor valid base64, so not the EMREX transport form either.
    #[error("the file is neither XML nor the EMREX transport form (base64 of gzip); choose the ELMO or EMREX file you downloaded")]
    TransportNotBase64,
    /// Valid base64, but what it decodes to is not gzip data.
    #[error("the EMREX data decodes from base64 but is not gzip-compressed ({reason}); fetch the transcript again from the issuer")]
    TransportNotGzip { reason: String },
    /// The XML is not UTF-8 text.
    #[error("the transcript is not UTF-8 text; export it again as UTF-8 or fetch it again from the issuer")]
    XmlNotUtf8,
    /// A `<!DOCTYPE>`: refused before anything is parsed, because document type
    /// declarations are what entity-expansion ("billion laughs") and external-entity (XXE)
    /// attacks need, and ELMO never uses one.
    #[error("the XML file contains a document type declaration (<!DOCTYPE>), which ELMO transcripts never have and which can hide entity-expansion or file-reading attacks, so Candor refused it; fetch the transcript again from the issuer")]
    DoctypeNotAllowed,
    /// The XML is not well-formed.
    #[error("the transcript is not well-formed XML (at byte {position}: {reason}); the file may be damaged, so fetch it again from the issuer")]
    MalformedXml { position: u64, reason: String },
    /// The XML ends while elements are still open: a file cut short.
    #[error("the transcript ends in the middle of <{inside}>, as a file cut short while downloading does; fetch it again from the issuer")]
    XmlTruncated { inside: String },
    /// Elements nested deeper than any transcript needs.
    #[error("the XML nests elements more than {limit} levels deep, far more than any transcript; Candor refused it, so check that you chose the right file")]
    XmlTooDeep { limit: usize },
    /// More elements than any transcript has.
    #[error("the XML has more than {limit} elements, far more than any transcript; Candor refused it, so check that you chose the right file")]
    XmlTooManyElements { limit: usize },
    /// Well-formed XML, but not an ELMO document.
    #[error("this XML file is not an ELMO transcript (its top element is <{root}>, not <elmo>); choose the transcript file from EMREX or your diploma registry")]
    NotElmo { root: String },
    /// An `<elmo>` document in a namespace this importer does not know.
    #[error("this ELMO transcript uses a version Candor does not read yet (namespace \"{namespace}\"); ask the issuer for ELMO 1.x or report the file to Candor")]
    UnsupportedElmoVersion { namespace: String },
    /// An ELMO document without any report, so without results.
    #[error("the ELMO transcript holds no report, so there are no results to import; fetch it again and check that you chose the results to share")]
    NoReports,

    /// Not JSON at all.
    #[error("the file is not valid JSON (line {line}, column {column}: {reason}); check that you chose a JSON Resume file")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not shaped like a JSON Resume (for example not an object at the top).
    #[error("the JSON is not a JSON Resume: {reason}; check that you chose a JSON Resume file")]
    NotJsonResume { reason: String },
    /// One field of a JSON Resume cannot be read.
    #[error("{field}: {reason}; correct it in the file and import again")]
    BadJsonResumeField { field: String, reason: String },

    /// Not a zip archive.
    #[error("the file is not a zip archive ({reason}); choose the zip that LinkedIn's \"Get a copy of your data\" sent you")]
    NotAZip { reason: String },
    /// One entry of the zip cannot be unpacked (encrypted, damaged, or packed with a method
    /// other than deflate).
    #[error(
        "{name} in the zip cannot be unpacked ({reason}); download the export from LinkedIn again"
    )]
    ZipEntryUnreadable { name: String, reason: String },
    /// More entries than any data export has.
    #[error("the zip holds more than {limit} files, far more than a LinkedIn data export; check that you chose the right file")]
    ZipTooManyEntries { limit: usize },
    /// One entry unpacks to more than the per-entry cap.
    #[error("{name} in the zip unpacks to more than {} MB, far more than a LinkedIn export file; check that you chose the right file", mb(*limit))]
    ZipEntryTooLarge { name: String, limit: u64 },
    /// The entries read together unpack to more than the total cap.
    #[error("the files read from the zip unpack to more than {} MB together, far more than a LinkedIn export; check that you chose the right file", mb(*limit))]
    ZipTooLarge { limit: u64 },
    /// An entry expands far more than real files do: a zip bomb.
    #[error("{name} in the zip expands more than {ratio} times its packed size, as zip bombs do, so Candor stopped reading it; download the export from LinkedIn again")]
    ZipBomb { name: String, ratio: u64 },
    /// A zip that holds none of the CSV files of a LinkedIn data export.
    #[error("the zip holds none of the CSV files of a LinkedIn data export (Profile.csv, Positions.csv, Education.csv, Skills.csv, …); choose the zip from LinkedIn's \"Get a copy of your data\"")]
    NotLinkedInExport,
    /// One CSV field larger than the cap.
    #[error("{file}, line {line}: a field is larger than {} KB, far more than any profile text; check the file or download the export again", *limit / 1024)]
    CsvFieldTooLarge { file: String, line: u32, limit: u64 },
    /// A CSV file that cannot be read.
    #[error("{file}, line {line}: the CSV cannot be read ({reason}); download the export from LinkedIn again")]
    BadCsv {
        file: String,
        line: u32,
        reason: String,
    },
}

impl ImportError {
    /// A stable code for the UI to branch on and translate: `"doctype_not_allowed"`.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::ReadFailed { .. } => "read_failed",
            ImportError::InputTooLarge { .. } => "input_too_large",
            ImportError::DecompressedTooLarge { .. } => "decompressed_too_large",
            ImportError::TransportNotBase64 => "transport_not_base64",
            ImportError::TransportNotGzip { .. } => "transport_not_gzip",
            ImportError::XmlNotUtf8 => "xml_not_utf8",
            ImportError::DoctypeNotAllowed => "doctype_not_allowed",
            ImportError::MalformedXml { .. } => "malformed_xml",
            ImportError::XmlTruncated { .. } => "xml_truncated",
            ImportError::XmlTooDeep { .. } => "xml_too_deep",
            ImportError::XmlTooManyElements { .. } => "xml_too_many_elements",
            ImportError::NotElmo { .. } => "not_elmo",
            ImportError::UnsupportedElmoVersion { .. } => "unsupported_elmo_version",
            ImportError::NoReports => "no_reports",
            ImportError::NotJson { .. } => "not_json",
            ImportError::NotJsonResume { .. } => "not_json_resume",
            ImportError::BadJsonResumeField { .. } => "bad_json_resume_field",
            ImportError::NotAZip { .. } => "not_a_zip",
            ImportError::ZipEntryUnreadable { .. } => "zip_entry_unreadable",
            ImportError::ZipTooManyEntries { .. } => "zip_too_many_entries",
            ImportError::ZipEntryTooLarge { .. } => "zip_entry_too_large",
            ImportError::ZipTooLarge { .. } => "zip_too_large",
            ImportError::ZipBomb { .. } => "zip_bomb",
            ImportError::NotLinkedInExport => "not_linkedin_export",
            ImportError::CsvFieldTooLarge { .. } => "csv_field_too_large",
            ImportError::BadCsv { .. } => "bad_csv",
        }
    }
}

/// Bytes as whole megabytes (MiB) for messages.
fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

/// Reads at most `limit` bytes from `reader`; more is [`ImportError::InputTooLarge`].
pub(crate) fn read_capped(reader: impl std::io::Read, limit: u64) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::ReadFailed {
            reason: e.to_string(),
        })?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::InputTooLarge { limit });
    }
    Ok(bytes)
}
