//! Reading a PDF back, for tests (feature `inspect`): its text and the facts `pdfinfo`
//! shows. In Rust rather than poppler's tools so that `cargo test` needs nothing from
//! the system; the browser suite checks the same PDFs with `pdftotext` too.

use lopdf::{Document, Object};

/// What `pdfinfo` would say about a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfInfo {
    /// The document information's Title.
    pub title: Option<String>,
    /// Whether the catalog marks the file as tagged (`/MarkInfo << /Marked true >>`)
    /// and it has a structure tree.
    pub tagged: bool,
    /// The catalog's `/Lang`.
    pub lang: Option<String>,
    pub pages: usize,
}

/// The PDF's text, every run of whitespace made one space (line breaks in the layout do
/// not matter to a test).
pub fn text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf)
        .expect("a PDF whose text can be read")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A PDF text string: UTF-16BE with a byte order mark, or PDFDocEncoding (read as
/// Latin-1, which covers what the reports use).
fn text_string(object: &Object) -> Option<String> {
    let bytes = object.as_str().ok()?;
    Some(match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    })
}

pub fn info(pdf: &[u8]) -> PdfInfo {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf can read");
    let catalog = doc.catalog().expect("a catalog");
    let deref = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
            other => other.clone(),
        }
    };
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .map(deref)
        .and_then(|m| {
            m.as_dict()
                .ok()
                .and_then(|d| d.get(b"Marked").ok().cloned())
        })
        .and_then(|m| m.as_bool().ok())
        .unwrap_or(false);
    let title = doc
        .trailer
        .get(b"Info")
        .ok()
        .map(deref)
        .and_then(|i| {
            i.as_dict()
                .ok()
                .and_then(|d| d.get(b"Title").ok().map(deref))
        })
        .and_then(|t| text_string(&t));
    PdfInfo {
        title,
        tagged: marked && catalog.get(b"StructTreeRoot").is_ok(),
        lang: catalog
            .get(b"Lang")
            .ok()
            .map(deref)
            .and_then(|l| text_string(&l)),
        pages: doc.get_pages().len(),
    }
}
