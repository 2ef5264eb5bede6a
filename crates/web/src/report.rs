//! The report's editions that are HTML: the PDF cache of the public pages, the sections
//! with their charts drawn for the page, and the standalone HTML file (`lofte report
//! --format html`). The model itself is built by `lofte_app::report`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use askama::Template;
use lofte_i18n::Lang;
use lofte_report::{CommitmentSection, Report};
use sha2::{Digest, Sha256};

/// Rendered PDFs by the digest of the model they were made from: a report whose data
/// has not changed is served from here, one whose data changed (a corrected promise
/// text, a renamed place) gets a new digest and is rendered again. Bounded, so a crawler
/// walking every report cannot grow it without end.
#[derive(Clone, Default)]
pub struct PdfCache {
    // `Bytes`: handing a cached PDF to a response is a reference count, not a copy.
    inner: Arc<Mutex<HashMap<Digest32, axum::body::Bytes>>>,
}

/// A SHA-256 digest.
pub type Digest32 = [u8; 32];

impl PdfCache {
    const MAX_ENTRIES: usize = 64;

    /// The model's digest: the cache key and the response's ETag.
    pub fn digest(report: &Report) -> Digest32 {
        let json = serde_json::to_vec(report).expect("a report serialises");
        Sha256::digest(&json).into()
    }

    /// The PDF for `report`, whose digest is `key` ([`PdfCache::digest`], computed once
    /// by the caller for the ETag too), rendered off the async threads only if it is not
    /// cached.
    pub async fn pdf(&self, key: Digest32, report: Report) -> Result<axum::body::Bytes, String> {
        if let Some(hit) = self.inner.lock().expect("not poisoned").get(&key) {
            return Ok(hit.clone());
        }
        let bytes = tokio::task::spawn_blocking(move || lofte_report::render_pdf(&report))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
        let bytes = axum::body::Bytes::from(bytes);
        let mut cache = self.inner.lock().expect("not poisoned");
        if cache.len() >= Self::MAX_ENTRIES {
            // Any entry will do: reports are cheap to render again and rarely asked for.
            if let Some(evict) = cache.keys().next().copied() {
                cache.remove(&evict);
            }
        }
        cache.insert(key, bytes.clone());
        Ok(bytes)
    }
}

/// One commitment of a report page: the model's section and its chart as inline SVG.
pub struct SectionView {
    pub section: CommitmentSection,
    pub chart_svg: Option<String>,
}

/// The report's sections with their charts drawn, for the HTML editions.
pub fn section_views(report: &Report) -> Vec<SectionView> {
    report
        .commitments
        .iter()
        .map(|c| SectionView {
            chart_svg: c.chart.as_ref().map(lofte_report::cumulative_svg),
            section: c.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "report_standalone.html")]
struct StandaloneReport<'a> {
    chrome: crate::views::Chrome,
    report: &'a Report,
    sections: Vec<SectionView>,
    downloads: Vec<(String, String, &'static str)>,
    css: &'static str,
}

/// The report as one self-contained HTML file (styles inline, charts as inline SVG),
/// the same markup as the public page's: for `lofte report --format html`, printing and
/// archiving.
pub fn standalone_html(report: &Report, lang: Lang) -> String {
    StandaloneReport {
        chrome: crate::views::Chrome::new(lang, "/", report.title.clone()),
        report,
        sections: section_views(report),
        downloads: Vec::new(),
        css: include_str!("../static/style.css"),
    }
    .render()
    .expect("the report template renders")
}
