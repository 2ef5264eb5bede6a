//! Löfte's reports: a fully prepared, already-worded [`Report`] becomes SVG charts, an
//! accessible PDF (typst as a library) and CSV/XLSX exports.
//!
//! This crate depends on nothing else in the project: the web crate builds the model
//! from the domain's figures and its Fluent messages, and renders the same model as
//! HTML. The crate holds no user-facing words; every text comes in the model.
//!
//! - [`chart::cumulative_svg`]: the cumulative chart of a commitment as SVG.
//! - [`pdf::render_pdf`]: the report as a tagged PDF (PDF/UA-1 where typst allows);
//!   [`pdf::render_document_pdf`]: a plain [`Document`] likewise.
//! - [`export::to_csv`], [`export::to_xlsx`]: plain rows as CSV and Excel.

pub mod chart;
pub mod document;
pub mod export;
#[cfg(feature = "inspect")]
pub mod inspect;
pub mod model;
pub mod pdf;

pub use chart::{cumulative_svg, trend_svg};
pub use document::{Document, DocumentSection, DocumentTable};
pub use export::{
    ActivityRow, Cell, CommitmentRow, ExportRow, FollowUpRow, Table, to_csv, to_xlsx, write_csv,
};
pub use model::{
    Chart, CommitmentSection, Indicator, Labels, Measured, OutcomeSection, PlaceCount, Report,
    SummaryRow, TrendChart, TrendPoint, TrendSeries,
};
pub use pdf::{RenderedPdf, render_document_pdf, render_pdf, render_pdf_detailed};

/// What can go wrong while rendering or exporting.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// typst refused the document; one readable line per diagnostic, e.g.
    /// `error: unknown variable: foo (/report.typ:12:5)`.
    #[error("the PDF could not be made: {}", .0.join("; "))]
    Typst(Vec<String>),
    /// The model could not be written as JSON for the template.
    #[error("the report could not be serialised: {0}")]
    Json(#[from] serde_json::Error),
    /// The Excel writer refused the data (e.g. a text over Excel's 32,767 characters).
    #[error("the Excel file could not be made: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Writing CSV failed (only possible when writing to a failing writer).
    #[error("the CSV file could not be written: {0}")]
    Csv(#[from] csv::Error),
    /// Writing to the output failed.
    #[error("the export could not be written: {0}")]
    Io(#[from] std::io::Error),
    /// More rows or columns than a worksheet holds.
    #[error("too many rows or columns for a worksheet")]
    TooLarge,
}
