//! Small PDF files written by hand, with correct cross-reference tables, for the tests of
//! PDF cleaning here and in candor-vault (which includes this file by path).

#![allow(dead_code)]

/// A PDF file from its objects (numbered from 1 in order), with a correct cross-reference
/// table; `trailer` goes into the trailer dictionary beside /Size and /Root 1 0 R.
pub fn pdf(objects: &[&str], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// `base` with an incremental update appended: object `number` replaced by `object`, and
/// the trailer's extra entries `trailer`.
pub fn updated(base: &[u8], size: usize, number: usize, object: &str, trailer: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(base);
    let previous: usize = text
        .rsplit("startxref\n")
        .next()
        .and_then(|rest| rest.lines().next())
        .and_then(|n| n.trim().parse().ok())
        .expect("startxref");
    let mut out = base.to_vec();
    let offset = out.len();
    out.extend_from_slice(format!("{number} 0 obj\n{object}\nendobj\n").as_bytes());
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset:010} 00000 n \n\
             trailer\n<< /Size {size} /Root 1 0 R /Prev {previous} {trailer} >>\n\
             startxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

pub const XMP: &str = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>Kari Nordmann</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";

/// A one-page CV whose page says "Curriculum vitae" and whose metadata names Kari Nordmann:
/// the information dictionary (object 6), an XMP packet on the catalog (object 7) and a
/// program's private data on the page.
pub fn cv() -> Vec<u8> {
    cv_saying("Curriculum vitae")
}

/// [`cv`] with `text` on its page (PDF string syntax: no unbalanced parentheses).
pub fn cv_saying(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 24 Tf 72 720 Td ({text}) Tj ET");
    pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> /PieceInfo << /Illustrator << /Private (Kari Nordmann's laptop) >> >> >>",
            &format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Author (Kari Nordmann) /Title (CV - Kari Nordmann) /Creator (Writer) >>",
            &format!(
                "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{XMP}\nendstream",
                XMP.len()
            ),
        ],
        "/Info 6 0 R /ID [<0011223344> <0011223344>]",
    )
}

/// A one-page PDF with a signature field and signature dictionary, its author the
/// issuer: a diploma as a registry would sign it.
pub fn signed() -> Vec<u8> {
    pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            "<< /FT /Sig /T (Signature1) /V 5 0 R >>",
            "<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 10 20 30] /Contents <00> >>",
            "<< /Author (Universitetet i Oslo) >>",
        ],
        "/Info 6 0 R",
    )
}
