//! A small, bounded element tree read with quick-xml, which does no DTD or external-entity
//! processing. A `<!DOCTYPE>` is refused outright, so an entity can only be one of the five
//! predefined ones or a character reference; depth and element count are capped.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use quick_xml::XmlVersion;

use crate::ImportError;

/// Deepest element nesting read; ELMO trees are a handful of levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most elements read; a large transcript has a few thousand.
pub const MAX_ELEMENTS: usize = 200_000;

/// An element: its local name (namespace prefix dropped), attributes by local name
/// (`xml:lang` is `lang`; namespace declarations are left out), children and text.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The text directly inside, CDATA included, entities resolved; not trimmed.
    pub text: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text, trimmed.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// The trimmed text of the first child `name` whose text is not empty.
    pub fn child_text<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.children_named(name)
            .map(Element::text)
            .find(|t| !t.is_empty())
    }
}

/// A parsed document: the root element and its namespace.
#[derive(Debug)]
pub(crate) struct Document {
    pub root: Element,
    pub namespace: Option<String>,
    /// Whether an element named `Signature` (XML-DSig) occurs anywhere.
    pub has_signature: bool,
}

/// Parses `xml` into a [`Document`], refusing DOCTYPEs, unknown entities, ill-formed or
/// truncated input, and input nested or sized beyond the caps.
pub(crate) fn parse(xml: &str) -> Result<Document, ImportError> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut namespace = None;
    let mut has_signature = false;
    let mut count = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| ImportError::MalformedXml {
            position: reader.error_position(),
            reason: e.to_string(),
        })?;
        let malformed = |reason: &str| ImportError::MalformedXml {
            position: reader.buffer_position(),
            reason: reason.to_owned(),
        };
        match event {
            Event::DocType(_) => return Err(ImportError::DoctypeNotAllowed),
            Event::Start(ref start) | Event::Empty(ref start) => {
                if root.is_some() {
                    return Err(malformed("a second element after the end of the document"));
                }
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(ImportError::XmlTooManyElements {
                        limit: MAX_ELEMENTS,
                    });
                }
                if stack.is_empty() {
                    if let (ResolveResult::Bound(ns), _) =
                        reader.resolver().resolve_element(start.name())
                    {
                        namespace = Some(ns.as_ref().to_owned());
                    }
                }
                let element = element(start).map_err(|reason| malformed(&reason))?;
                has_signature |= element.name == "Signature";
                if matches!(event, Event::Empty(_)) {
                    close(element, &mut stack, &mut root);
                } else {
                    if stack.len() >= MAX_DEPTH {
                        return Err(ImportError::XmlTooDeep { limit: MAX_DEPTH });
                    }
                    stack.push(element);
                }
            }
            Event::End(_) => match stack.pop() {
                Some(element) => close(element, &mut stack, &mut root),
                None => return Err(malformed("a closing tag without an opening one")),
            },
            Event::Text(text) => push_text(&mut stack, &text.xml10_content()),
            Event::CData(data) => push_text(&mut stack, &data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match predefined_entity(&reference) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(malformed(&format!(
                                "the entity &{}; is not defined",
                                short(&reference)
                            )))
                        }
                    },
                    Err(e) => return Err(malformed(&e.to_string())),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(ImportError::XmlTruncated {
            inside: open.name.clone(),
        });
    }
    let root = root.ok_or(ImportError::XmlTruncated {
        inside: "the document".into(),
    })?;
    Ok(Document {
        root,
        namespace,
        has_signature,
    })
}

/// Attaches a finished element to its parent, or makes it the root.
fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    // Text outside the root element is whitespace (anything else is a syntax error).
    if let Some(current) = stack.last_mut() {
        current.text.push_str(text);
    }
}

/// The element's local name and attributes.
fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = attr.key;
        let prefix = key.prefix().map(|p| p.as_ref().to_owned());
        if key.as_ref() == "xmlns" || prefix.as_deref() == Some("xmlns") {
            continue;
        }
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        attrs.push((key.local_name().as_ref().to_owned(), value.into_owned()));
    }
    Ok(Element {
        name: start.local_name().as_ref().to_owned(),
        attrs,
        ..Element::default()
    })
}

/// The five entities XML predefines; nothing else exists without a DTD.
fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

/// A name cut to 40 characters for a message.
fn short(name: &str) -> String {
    name.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_joins_cdata_and_predefined_entities() {
        let doc =
            parse("<a>The importance of &lt;b<![CDATA[r> in HTML]]>&#33;</a>").expect("parses");
        assert_eq!(doc.root.text(), "The importance of <br> in HTML!");
    }

    #[test]
    fn attributes_drop_prefixes_and_namespace_declarations() {
        let doc = parse(r#"<e:a xmlns:e="urn:x" xml:lang="no" type="local"/>"#).expect("parses");
        assert_eq!(doc.namespace.as_deref(), Some("urn:x"));
        assert_eq!(doc.root.name, "a");
        assert_eq!(
            doc.root.attrs,
            vec![
                ("lang".into(), "no".into()),
                ("type".into(), "local".into())
            ]
        );
    }

    #[test]
    fn undefined_entity_without_doctype_is_malformed() {
        let error = parse("<a>&xxe;</a>").expect_err("no such entity");
        assert!(
            matches!(&error, ImportError::MalformedXml { reason, .. } if reason.contains("&xxe;")),
            "{error:?}"
        );
    }

    #[test]
    fn nesting_beyond_the_cap_is_refused() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert_eq!(
            parse(&deep).expect_err("too deep"),
            ImportError::XmlTooDeep { limit: MAX_DEPTH }
        );
        let fine = "<a>".repeat(MAX_DEPTH) + &"</a>".repeat(MAX_DEPTH);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn too_many_elements_are_refused() {
        let many = format!("<a>{}</a>", "<b/>".repeat(MAX_ELEMENTS));
        assert_eq!(
            parse(&many).expect_err("too many"),
            ImportError::XmlTooManyElements {
                limit: MAX_ELEMENTS
            }
        );
    }

    #[test]
    fn empty_document_counts_as_truncated() {
        assert!(matches!(
            parse("   ").expect_err("nothing"),
            ImportError::XmlTruncated { .. }
        ));
    }
}
