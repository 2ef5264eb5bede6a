//! The PDF: typst as a library, with a minimal [`World`] of our own.
//!
//! The world holds three kinds of files, all virtual: the template (`/report.typ`,
//! compiled into the binary), the report as JSON (`/data.json`) and one SVG per chart
//! (`/charts/N.svg`). The template reads everything it shows from the JSON file, so no
//! text from the model is ever parsed as typst markup. Fonts are DejaVu Sans from the
//! `dejavu` crate, loaded once per process; nothing is read from disk or the network.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::Datelike;
use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::ReportError;
use crate::chart::cumulative_svg;
use crate::model::Report;

/// The templates, compiled into the binary: the follow-up report and the plain document.
const TEMPLATE: &str = include_str!("report.typ");
const DOCUMENT_TEMPLATE: &str = include_str!("document.typ");

/// How many compilations an unused cache entry survives (typst's memoisation cache);
/// keeps a long-running server's memory bounded while warm renders stay fast.
const CACHE_MAX_AGE: usize = 10;

/// The standard library, the fonts and the parsed template: built once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    report: Source,
    document: Source,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = [
        dejavu::sans::regular(),
        dejavu::sans::bold(),
        dejavu::sans::oblique(),
        dejavu::sans::bold_oblique(),
    ]
    .into_iter()
    .flat_map(|data| Font::iter(Bytes::new(data)))
    .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        report: Source::new(file_id("/report.typ"), TEMPLATE.to_owned()),
        document: Source::new(file_id("/document.typ"), DOCUMENT_TEMPLATE.to_owned()),
    }
});

/// The id of a virtual file in the project root. File ids are interned for the life of
/// the process, so only a fixed set of paths is ever used (`/charts/N.svg` by section
/// index), never one per render.
fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid absolute virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What the template reads from `/data.json`.
#[derive(Serialize)]
struct TemplateData<'a> {
    report: &'a Report,
    /// Per commitment section, the virtual path of its chart's SVG, if it has one.
    charts: Vec<Option<String>>,
}

/// What `document.typ` reads from `/data.json`.
#[derive(Serialize)]
struct DocumentData<'a> {
    document: &'a crate::document::Document,
}

/// One rendering's view of the files: its template and its data.
struct ReportWorld {
    main: &'static Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A rendered PDF and the standard it meets.
#[derive(Debug, Clone)]
pub struct RenderedPdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Whether the file was validated as PDF/UA-1. When it was not, it is still a
    /// tagged PDF, and `ua_problem` says why PDF/UA-1 was refused.
    pub pdf_ua: bool,
    /// typst's reasons for refusing PDF/UA-1, in readable form.
    pub ua_problem: Option<String>,
}

/// Renders the report as an accessible PDF (tagged, PDF/UA-1 where possible).
///
/// The same report gives the same bytes: the document's date comes from
/// [`Report::date`], never from the clock.
pub fn render_pdf(report: &Report) -> Result<Vec<u8>, ReportError> {
    render_pdf_detailed(report).map(|pdf| pdf.bytes)
}

/// Renders the report like [`render_pdf`] and says whether the PDF is PDF/UA-1.
///
/// PDF/UA-1 is tried first. typst's validator refuses it for some content the report
/// cannot control, notably a character none of the embedded fonts has (an emoji in a
/// narrative would be drawn as the `.notdef` glyph, which PDF/UA forbids). The report
/// is then exported again as a tagged PDF without the PDF/UA claim rather than not at
/// all, and the reason is returned.
pub fn render_pdf_detailed(report: &Report) -> Result<RenderedPdf, ReportError> {
    export(
        &world_for(report)?,
        &format!("lofte-report/{}", report.title),
        report.date,
    )
}

/// Renders a plain document (the tertial analysis) as an accessible PDF, like
/// [`render_pdf_detailed`]; the same document gives the same bytes.
pub fn render_document_pdf(
    document: &crate::document::Document,
) -> Result<RenderedPdf, ReportError> {
    let mut files = HashMap::new();
    let json = serde_json::to_vec(&DocumentData { document })?;
    files.insert(file_id("/data.json"), Bytes::new(json));
    let world = ReportWorld {
        main: &SHARED.document,
        files,
        today: Datetime::from_ymd(
            document.date.year(),
            document.date.month() as u8,
            document.date.day() as u8,
        ),
    };
    export(
        &world,
        &format!("lofte-document/{}", document.title),
        document.date,
    )
}

/// Compiles `world` and exports it, as PDF/UA-1 where typst allows (see
/// [`render_pdf_detailed`]).
fn export(
    world: &ReportWorld,
    ident: &str,
    date: chrono::NaiveDate,
) -> Result<RenderedPdf, ReportError> {
    let compiled = typst::compile::<PagedDocument>(world);
    let document = compiled
        .output
        .map_err(|errors| ReportError::Typst(describe(world, &errors)));
    typst::comemo::evict(CACHE_MAX_AGE);
    let document = document?;

    let timestamp = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .map(Timestamp::new_utc);
    let options = |standards: PdfStandards| PdfOptions {
        // A stable identifier derived from the title, so reruns give identical files.
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Auto,
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };

    let ua = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| ReportError::Typst(vec![e.message().to_string()]))?;
    match typst_pdf::pdf(&document, &options(ua)) {
        Ok(bytes) => Ok(RenderedPdf {
            bytes,
            pdf_ua: true,
            ua_problem: None,
        }),
        Err(errors) => {
            let problem = describe(world, &errors).join("\n");
            let bytes = typst_pdf::pdf(&document, &options(PdfStandards::default()))
                .map_err(|errors| ReportError::Typst(describe(world, &errors)))?;
            Ok(RenderedPdf {
                bytes,
                pdf_ua: false,
                ua_problem: Some(problem),
            })
        }
    }
}

fn world_for(report: &Report) -> Result<ReportWorld, ReportError> {
    let mut files = HashMap::new();
    let mut charts = Vec::with_capacity(report.commitments.len());
    for (i, section) in report.commitments.iter().enumerate() {
        charts.push(section.chart.as_ref().map(|chart| {
            let path = format!("/charts/{i}.svg");
            files.insert(file_id(&path), Bytes::from_string(cumulative_svg(chart)));
            path
        }));
    }
    let json = serde_json::to_vec(&TemplateData { report, charts })?;
    files.insert(file_id("/data.json"), Bytes::new(json));
    Ok(ReportWorld {
        main: &SHARED.report,
        files,
        today: Datetime::from_ymd(
            report.date.year(),
            report.date.month() as u8,
            report.date.day() as u8,
        ),
    })
}

/// typst's diagnostics as lines such as
/// `error: unknown variable: foo (/report.typ:12:5); hint: …`.
fn describe(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut line = format!("{severity}: {}", d.message);
            if let Some(at) = position(world, d) {
                line.push_str(&format!(" ({at})"));
            }
            for hint in &d.hints {
                line.push_str("; hint: ");
                line.push_str(&hint.v);
            }
            line
        })
        .collect()
}

/// `path:line:column` of a diagnostic, where it points into the template.
fn position(world: &ReportWorld, diagnostic: &SourceDiagnostic) -> Option<String> {
    use typst::WorldExt;
    let id = diagnostic.span.id()?;
    let path = id.vpath().get_with_slash().to_owned();
    let range = world.range(diagnostic.span)?;
    let source = world.source(id).ok()?;
    let (line, column) = source.lines().byte_to_line_column(range.start)?;
    Some(format!("{path}:{}:{}", line + 1, column + 1))
}
