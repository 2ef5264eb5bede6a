//! The report model: everything a reader sees, prepared and worded by the caller.
//!
//! The web crate builds a [`Report`] from the domain's figures and the Fluent messages;
//! this crate only lays it out (PDF, SVG) and the web crate renders the same value as
//! HTML. So every text here is final, already in the document's language: this crate
//! adds no words of its own, only numbers and punctuation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One follow-up report (a tertial's or the final one) of one promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Report {
    /// Document language as a BCP 47 primary tag, `"sv"` or `"en"`. Sets the PDF's
    /// language (typst `text(lang:)`), which screen readers use to pick a voice.
    pub lang: String,
    /// Document title, also the PDF's Title metadata, e.g. "Uppföljning tertial 2 2021
    /// – Medborgarlöfte Flen 2021".
    pub title: String,
    /// The municipality's official name, e.g. "Flens kommun"; shown on the cover and in
    /// every page header.
    pub municipality: String,
    /// The promise's (first) year.
    pub year: i32,
    /// The period the report covers, e.g. "Tertial 2 2021" or "Slutredovisning 2021";
    /// shown on the cover and in every page header.
    pub period_label: String,
    /// Whether this is the final report (slutredovisning) rather than a tertial's.
    pub is_final: bool,
    /// When the report was published, worded, e.g. "Publicerad 2021-09-10".
    pub published: String,
    /// The date the figures refer to, worded, e.g. "Siffrorna avser läget den 31 augusti
    /// 2021".
    pub as_of: String,
    /// Texts corrected after publishing, each worded with its date, e.g. "Rättad
    /// 2021-10-02: stavfel i åtagande 3."
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<String>,
    /// The document's date: typst's `today()` and the PDF's creation date. Passing it in
    /// (rather than reading the clock) makes the same data give the same bytes.
    pub date: NaiveDate,
    /// A warning that the report contains example data, e.g. "Exempeldata:
    /// aktiviteterna är påhittade …". When set, it is shown in a marked box on the cover
    /// and in the footer of every page.
    pub synthetic_note: Option<String>,
    /// The parties behind the promise, e.g. "Polisen, lokalpolisområde Katrineholm".
    pub parties: Vec<String>,
    /// The signatories, e.g. "Anna Andersson, kommunstyrelsens ordförande".
    pub signatories: Vec<String>,
    /// The promise's title, e.g. "Medborgarlöfte Flen 2021".
    pub promise_title: String,
    /// The language of `promise_title` when it is not the report's (`"sv"` in an English report
    /// where no English version was written), so that it is read and hyphenated as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<String>,
    /// The promise's aim (syfte), a paragraph shown on the cover.
    pub aim: String,
    /// The language of `aim` when it is not the report's (`"sv"` in an English report
    /// where no English version was written), so that it is read and hyphenated as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aim_lang: Option<String>,
    /// Said where some or all of the promise's texts are in Swedish in an English report,
    /// e.g. "Texts without an English version are shown in Swedish."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_note: Option<String>,
    /// Every fixed text of the document (headings, column headers, …).
    pub labels: Labels,
    /// One row per commitment for the summary table, in commitment order.
    pub summary: Vec<SummaryRow>,
    /// One section per commitment, in commitment order.
    pub commitments: Vec<CommitmentSection>,
    /// The outcome measurement (final report only).
    pub outcome: Option<OutcomeSection>,
    /// What the parties learned, free text (final report only).
    pub learned: Option<String>,
}

/// Every fixed text of the document, already in the document's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Labels {
    /// Heading of the parties list on the cover ("Parter").
    pub parties: String,
    /// Heading of the signatories list on the cover ("Undertecknat av").
    pub signatories: String,
    /// Heading of the summary table ("Sammanfattning").
    pub summary: String,
    /// The word before a commitment's number in headings ("Åtagande" → "Åtagande 3").
    pub commitment: String,
    /// Column header and label for the responsible party ("Part").
    pub party: String,
    /// Column header and label for the status ("Status").
    pub status: String,
    /// Column header and label for the headline figures ("Siffror").
    pub figures: String,
    /// Heading of the staff's narrative ("Beskrivning").
    pub narrative: String,
    /// Heading of the evidence links ("Underlag").
    pub evidence: String,
    /// Heading of the spread-by-place table ("Per plats").
    pub by_place: String,
    /// Heading above a chart ("Diagram").
    pub chart_title: String,
    /// Heading of the outcome section ("Utfall").
    pub outcome: String,
    /// Heading of the lessons-learned section ("Lärdomar").
    pub learned: String,
    /// Page numbering pattern with the placeholders `{page}` and `{pages}`, e.g.
    /// "Sida {page} av {pages}" → "Sida 3 av 9".
    pub page: String,
    /// Heading of the table of contents ("Innehåll").
    pub contents: String,
    /// Heading of the reason a status differs from the suggested one ("Skäl till
    /// bedömningen").
    pub status_reason: String,
    /// Shown where a commitment has no figures ("Inga siffror: bedöms i ord").
    pub no_figures: String,
    /// Column header of commitment numbers in the summary table ("Nr").
    pub number: String,
    /// Column header of commitment texts in the summary table ("Åtagande").
    pub text: String,
    /// Column header of place names ("Plats").
    pub place: String,
    /// Column header of counts per place ("Antal").
    pub count: String,
    /// Label before the promise's aim on the cover ("Syfte").
    pub aim: String,
    /// Label before the outcome goal ("Mål för utfallet").
    pub goal: String,
    /// Column header of indicator names ("Indikator").
    pub indicator: String,
    /// Column header of indicator values ("Värde").
    pub value: String,
    /// Column header of indicator notes ("Kommentar").
    pub note: String,
}

/// One commitment in the summary table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct SummaryRow {
    /// The commitment's number within the promise (1, 2, …).
    pub number: u32,
    /// The responsible party, e.g. "Polisen".
    pub party: String,
    /// The commitment's full text (never shortened).
    pub text: String,
    /// The language of `text` when it is not the report's (`"sv"` in an English report
    /// where no English version was written), so that it is read and hyphenated as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_lang: Option<String>,
    /// The status in words, e.g. "Enligt plan"; always shown beside the colour.
    pub status: String,
    /// The status as a key that picks the colour: one of `not-started`, `on-track`,
    /// `at-risk`, `behind`, `kept`, `partly-kept`, `not-kept`, `not-assessed`. An
    /// unknown key gets the neutral grey.
    pub status_key: String,
    /// The headline figure, e.g. "64 av 100 trafikkontroller".
    pub headline: Option<String>,
}

/// One commitment's section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct CommitmentSection {
    /// The commitment's number within the promise (1, 2, …).
    pub number: u32,
    /// The responsible party, e.g. "Polisen".
    pub party: String,
    /// The commitment's full text.
    pub text: String,
    /// The language of `text` when it is not the report's (`"sv"` in an English report
    /// where no English version was written), so that it is read and hyphenated as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_lang: Option<String>,
    /// The target as a sentence that names itself, e.g. "Mål: minst 100
    /// trafikkontroller enligt 20-minutersmetoden" (worded as on the public page).
    pub target: Option<String>,
    /// The status in words, e.g. "Enligt plan"; always shown beside the colour.
    pub status: String,
    /// The status as a key, see [`SummaryRow::status_key`].
    pub status_key: String,
    /// The headline figure, e.g. "64 av 100 trafikkontroller". `None` shows
    /// [`Labels::no_figures`].
    pub headline: Option<String>,
    /// Further sentences about the figures, e.g. "Jämn takt hade gett 67 hittills; med
    /// nuvarande takt blir det 96 vid årets slut."
    pub details: Vec<String>,
    /// The cumulative chart, where the commitment has a numeric target.
    pub chart: Option<Chart>,
    /// The counted activities' spread by place, largest first.
    pub places: Vec<PlaceCount>,
    /// The share in the target's emphasis area, e.g. "31 av 64 (48 %) i kransorterna".
    pub emphasis: Option<String>,
    /// Why staff chose another status than the suggested one.
    pub reason: Option<String>,
    /// Staff's description of the work, free text (paragraphs separated by blank
    /// lines).
    pub narrative: Option<String>,
    /// Evidence links (http or https), shown in full and clickable.
    pub evidence: Vec<String>,
    /// What the situation picture measured, for a commitment that names an incident
    /// indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
}

/// A commitment's incident indicator in the report: the verdict and the counts behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Measured {
    /// The verdict in words, e.g. "Förbättrat".
    pub verdict: String,
    /// `improved`, `no-detectable-change`, `worsened` or `not-measurable`.
    pub verdict_key: String,
    /// What was counted and the two periods' counts, in a sentence.
    pub headline: String,
    /// The change with its interval, and a note on demo data, each a sentence.
    pub details: Vec<String>,
}

/// A place and how many counted activities took place there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct PlaceCount {
    /// The place's name, e.g. "Hälleforsnäs".
    pub name: String,
    /// The number of counted activities there.
    pub count: u32,
}

/// A cumulative chart: the count so far by month against the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Chart {
    /// The chart's title, e.g. "Trafikkontroller per månad, sammanlagt"; the SVG's
    /// `<title>`.
    pub title: String,
    /// A full text alternative saying what the chart shows, e.g. "Kurvan når 64 i
    /// augusti; målet är 100 …". The PDF image's alt text and the SVG's `<desc>`.
    pub alt: String,
    /// One label per month of the promise's span, "jan" … "dec" (12 for one year; over
    /// several years some may be empty, and are then not written).
    pub months: Vec<String>,
    /// One cumulative count per month, at its end, as many as `months`; `None` for
    /// months after the figures' date (nothing is drawn there).
    pub cumulative: Vec<Option<u32>>,
    /// The target: a dashed horizontal line, and the even pace as a thin diagonal from
    /// 0 at the start of the span to the target at its end.
    pub target: Option<u32>,
    /// The y axis' label, e.g. "antal".
    pub axis_label: String,
    /// The legend's name of the cumulative line, e.g. "Utfört, sammanlagt".
    pub actual_label: String,
    /// The legend's name of the target line, e.g. "Mål".
    pub target_label: String,
    /// The legend's name of the even-pace line, e.g. "Jämn takt".
    pub pace_label: String,
    /// For a number promised for each year, charted over several: the count and the even
    /// pace start again from 0 every this many months (12), one curve per year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restarts_every: Option<usize>,
}

/// An indicator over the years, one line per group, each point with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct TrendChart {
    /// The SVG's `<title>`, e.g. the indicator's name.
    pub title: String,
    /// A full text alternative: every value with its interval, or a pointer to the
    /// table beside the chart that holds them.
    pub alt: String,
    /// Values are shares (0–1), drawn as percent.
    pub percent: bool,
    /// The y axis' label, e.g. "andel, %".
    pub axis_label: String,
    /// Drawn in order: the first series (all respondents) thickest.
    pub series: Vec<TrendSeries>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct TrendSeries {
    /// The legend's name, e.g. "Alla", "Kvinnor".
    pub label: String,
    /// Years with a figure; suppressed years are left out (a gap in the line).
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub year: i32,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The outcome measurement of a final report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct OutcomeSection {
    /// The outcome goal, e.g. "Fler invånare känner sig trygga i centrala Flen".
    pub goal: String,
    /// The language of `goal` when it is not the report's (`"sv"` in an English report
    /// where no English version was written), so that it is read and hyphenated as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal_lang: Option<String>,
    /// The parties' account of the outcome, free text.
    pub text: String,
    /// Measured indicators.
    pub indicators: Vec<Indicator>,
}

/// One measured outcome indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct Indicator {
    /// What was measured, e.g. "Andel som känner sig trygga ute sent en kväll".
    pub name: String,
    /// The value in words, e.g. "71 % (2020: 66 %)".
    pub value: String,
    /// A note on the source or comparability.
    pub note: Option<String>,
}
