//! Malformed and hostile ELMO input: each refused with its own error, before anything is
//! expanded, fetched or unpacked beyond the caps.

use std::io::Write;

use candor_formats::{
    import_elmo, read_elmo, ImportError, MAX_ELMO_INPUT_BYTES, MAX_ELMO_XML_BYTES,
};
use flate2::write::GzEncoder;
use flate2::Compression;

const LANGUAGES: &[&str] = &["nb", "en"];

fn oslo() -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/emrex/nor-emrex-1.0.xml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("fixture")
}

fn refused(input: &[u8]) -> ImportError {
    let error = import_elmo(input, LANGUAGES).expect_err("refused");
    assert!(
        !error.to_string().contains("7566490042"),
        "no message carries the national id: {error}"
    );
    error
}

#[test]
fn truncated_transcript_is_refused_as_cut_short() {
    let xml = oslo();
    let cut = String::from_utf8(xml).expect("utf-8");
    let at = cut
        .find("</learningOpportunitySpecification>")
        .expect("a course")
        + 200;
    let at = cut[..at].rfind('>').expect("a tag end") + 1;
    let error = refused(&cut.as_bytes()[..at]);
    assert!(
        matches!(error, ImportError::XmlTruncated { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("cut short"), "{error}");
}

#[test]
fn transcript_cut_inside_a_tag_is_refused_as_malformed() {
    let xml = oslo();
    let error = refused(&xml[..xml.len() / 2 + 3]);
    assert!(
        matches!(
            error,
            ImportError::MalformedXml { .. } | ImportError::XmlTruncated { .. }
        ),
        "{error:?}"
    );
}

#[test]
fn billion_laughs_is_refused_before_any_entity_expands() {
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let previous = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        bomb += &format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{previous};").repeat(10)
        );
    }
    bomb += "]>\n<elmo xmlns=\"https://github.com/emrex-eu/elmo-schemas/tree/v1\"><report>&lol9;</report></elmo>";
    assert_eq!(refused(bomb.as_bytes()), ImportError::DoctypeNotAllowed);
}

#[test]
fn external_entity_pointing_at_a_local_file_is_refused_and_never_read() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE elmo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1">
  <report><issuer><title>&xxe;</title></issuer></report>
</elmo>"#;
    let error = refused(xxe.as_bytes());
    assert_eq!(error, ImportError::DoctypeNotAllowed);
    assert!(
        !error.to_string().contains("root:"),
        "nothing of the file leaks"
    );
    assert_eq!(
        error.to_string(),
        "the XML file contains a document type declaration (<!DOCTYPE>), which ELMO transcripts never have and which can hide entity-expansion or file-reading attacks, so Candor refused it; fetch the transcript again from the issuer"
    );
}

#[test]
fn entity_used_without_a_doctype_is_refused_as_malformed() {
    let xml = r#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><report>&xxe;</report></elmo>"#;
    assert!(matches!(
        refused(xml.as_bytes()),
        ImportError::MalformedXml { .. }
    ));
}

#[test]
fn other_xml_is_not_elmo() {
    let rss =
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>"#;
    assert_eq!(refused(rss), ImportError::NotElmo { root: "rss".into() });
    assert_eq!(
        ImportError::NotElmo { root: "rss".into() }.to_string(),
        "this XML file is not an ELMO transcript (its top element is <rss>, not <elmo>); choose the transcript file from EMREX or your diploma registry"
    );
}

#[test]
fn elmo_of_an_unknown_version_or_without_reports_is_refused() {
    let future =
        br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v2"><report/></elmo>"#;
    assert!(matches!(
        refused(future),
        ImportError::UnsupportedElmoVersion { namespace } if namespace.ends_with("/v2")
    ));
    let empty =
        br#"<elmo xmlns="https://github.com/emrex-eu/elmo-schemas/tree/v1"><learner/></elmo>"#;
    assert_eq!(refused(empty), ImportError::NoReports);
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = vec![b' '; usize::try_from(MAX_ELMO_INPUT_BYTES).expect("fits") + 1];
    assert_eq!(
        refused(&huge),
        ImportError::InputTooLarge {
            limit: MAX_ELMO_INPUT_BYTES
        }
    );
    let error = read_elmo(huge.as_slice(), LANGUAGES).expect_err("too large");
    assert_eq!(
        error,
        ImportError::InputTooLarge {
            limit: MAX_ELMO_INPUT_BYTES
        }
    );
    // XML over its own cap, though under the cap for the transport form.
    let mut xml = b"<elmo>".to_vec();
    xml.resize(
        usize::try_from(MAX_ELMO_XML_BYTES).expect("fits") + 10,
        b' ',
    );
    assert_eq!(
        refused(&xml),
        ImportError::InputTooLarge {
            limit: MAX_ELMO_XML_BYTES
        }
    );
}

#[test]
fn gzip_bomb_in_transport_form_is_refused_at_the_unpacked_cap() {
    let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
    gzip.write_all(b"<elmo xmlns=\"https://github.com/emrex-eu/elmo-schemas/tree/v1\">")
        .expect("in memory");
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        gzip.write_all(&spaces).expect("in memory");
    }
    let compressed = gzip.finish().expect("in memory");
    assert!(
        compressed.len() < 1024 * 1024,
        "a small file that unpacks to 64 MiB"
    );
    let transport = data_encoding::BASE64.encode(&compressed);
    let error = refused(transport.as_bytes());
    assert_eq!(
        error,
        ImportError::DecompressedTooLarge {
            limit: MAX_ELMO_XML_BYTES
        }
    );
    assert!(error.to_string().contains("compression bomb"), "{error}");
}

#[test]
fn corrupt_transport_forms_are_refused_with_their_own_errors() {
    assert_eq!(
        refused(b"not base64 at all!"),
        ImportError::TransportNotBase64
    );
    let mut compressed = {
        let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
        gzip.write_all(&oslo()).expect("in memory");
        gzip.finish().expect("in memory")
    };
    compressed.truncate(compressed.len() / 2);
    let error = refused(data_encoding::BASE64.encode(&compressed).as_bytes());
    assert!(
        matches!(error, ImportError::TransportNotGzip { .. }),
        "{error:?}"
    );
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let latin1 = b"<elmo xmlns=\"https://github.com/emrex-eu/elmo-schemas/tree/v1\"><report><issuer><title>Troms\xF8</title></issuer></report></elmo>";
    assert_eq!(refused(latin1), ImportError::XmlNotUtf8);
}

#[test]
fn every_error_has_a_stable_code() {
    assert_eq!(ImportError::DoctypeNotAllowed.code(), "doctype_not_allowed");
    assert_eq!(
        ImportError::DecompressedTooLarge { limit: 1 }.code(),
        "decompressed_too_large"
    );
}
