//! A plain document: a title, a few lines about it, and sections of paragraphs and
//! tables, already worded. The situation picture's tertial analysis is one; the same
//! model is the PDF (`document.typ`) and the HTML page, so they cannot differ.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The language tag, "sv" or "en".
    pub lang: String,
    /// The municipality, over the title on the first page and in every footer.
    pub municipality: String,
    /// E.g. "Lägesbild tertial 2 2021".
    pub title: String,
    /// Lines under the title: the period, when it was published.
    pub meta: Vec<String>,
    /// The date the document carries (its publication), for the PDF's metadata; never
    /// the clock, so the same document gives the same bytes.
    pub date: NaiveDate,
    /// Said on the first page and in every footer when the figures are demo data.
    pub synthetic_note: Option<String>,
    pub sections: Vec<DocumentSection>,
    /// "Sida {page} av {pages}".
    pub page_label: String,
}

/// A heading with paragraphs (free text, blank lines between them) and tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<DocumentTable>,
}

/// A table with a caption and a header row; columns marked numeric are right-aligned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentTable {
    pub caption: String,
    pub header: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}
