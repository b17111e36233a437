//! Attachments in a view: only when included, warned about, refused when they hold the identity.

use super::*;

#[test]
fn full_view_attaches_only_included_documents_and_warns_about_originals() {
    let view = view(
        ViewKind::Full,
        &["documents[transcript-1]", "documents[cv-1]"],
        &[],
    );
    assert_eq!(
        view.documents,
        ["cv-1", "transcript-1"],
        "in the order offered"
    );
    let tail = &view.fields[view.fields.len() - 2..];
    assert_eq!(tail, ["documents[cv-1]", "documents[transcript-1]"]);
    assert_eq!(
        view.warnings,
        [ViewWarning {
            path: "documents[transcript-1]".into(),
            kind: ViewWarningKind::IssuerOriginal,
            message: "\"Transcript.xml\" is an issuer's original: it carries your national identity number, name and birth date, and its signature would break if they were redacted, so it goes as it is".into(),
            reason: WarningReason::IssuerIdentity,
            file: "Transcript.xml".into(),
            found: vec![],
        }]
    );
    let signed = self::view(ViewKind::Full, &["documents[diploma-1]"], &[]);
    assert_eq!(
        signed.warnings.len(),
        1,
        "a signed document is warned about too"
    );
    assert!(
        signed.quasi_identifiers.is_empty(),
        "a full view lists none"
    );
}

#[test]
fn anonymous_view_refuses_a_document_that_holds_the_identity() {
    assert_eq!(
        refusal(ViewKind::Anonymous, &["documents[transcript-1]"], &[]),
        "document \"transcript-1\" holds your national identity number, name and birth date, so it never goes into an anonymous view; share it in a full view, or leave documents[transcript-1] out"
    );
}

#[test]
fn anonymous_attachments_are_listed_as_identifying() {
    let view = anonymous(&["documents[cv-1]", "documents[diploma-1]"]);
    assert_eq!(view.documents, ["cv-1", "diploma-1"]);
    let attachments: Vec<_> = quasi(&view)
        .into_iter()
        .filter(|(_, kind)| *kind == QuasiIdentifierKind::Attachment)
        .collect();
    assert_eq!(
        attachments,
        [
            ("documents[cv-1]", QuasiIdentifierKind::Attachment),
            ("documents[diploma-1]", QuasiIdentifierKind::Attachment),
        ]
    );
    let warned: Vec<_> = view.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(
        warned,
        ["documents[diploma-1]"],
        "its signature forbids redaction"
    );
}
