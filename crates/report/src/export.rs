//! CSV and XLSX exports of plain rows.
//!
//! A row type says what its cells are ([`ExportRow::cells`]); the caller passes the
//! column headers, already in the reader's language. CSV dates are ISO 8601
//! (`YYYY-MM-DD`); XLSX dates are real date cells formatted `yyyy-mm-dd`, numbers are
//! numbers.
//!
//! Both formats guard against formula injection: a spreadsheet program would run a
//! text such as `=HYPERLINK(…)` typed into a form as a formula. In CSV a text cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; in
//! XLSX every text is written as a string cell, which Excel never evaluates.

use std::collections::HashSet;
use std::io::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::ReportError;

/// One cell of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as a string (guarded against formula injection in CSV).
    Text(String),
    /// A number.
    Number(f64),
    /// A calendar date.
    Date(NaiveDate),
    /// A yes/no value: `true`/`false` in CSV, a boolean cell in XLSX.
    Bool(bool),
    /// No value.
    Empty,
}

impl Cell {
    fn text(value: &str) -> Self {
        Cell::Text(value.to_owned())
    }

    fn opt_text(value: Option<&String>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::Text(v.clone()))
    }

    fn opt_number(value: Option<u32>) -> Self {
        value.map_or(Cell::Empty, |v| Cell::Number(v.into()))
    }
}

/// A row that can be exported: its cells, in the order of the caller's headers.
pub trait ExportRow {
    /// The row's cells.
    fn cells(&self) -> Vec<Cell>;
}

/// One logged activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRow {
    /// The local (Swedish) date.
    pub date: NaiveDate,
    /// The local time, `HH:MM`.
    pub time: String,
    /// The activity type's name.
    pub activity: String,
    /// Who did it (a party or an organisation).
    pub performer: String,
    /// Where, if a place was given.
    pub place: Option<String>,
    /// How long, in minutes.
    pub duration_minutes: Option<u32>,
    /// How many took part.
    pub participants: Option<u32>,
    /// Whether the activity is example data.
    pub synthetic: bool,
}

impl ExportRow for ActivityRow {
    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Date(self.date),
            Cell::text(&self.time),
            Cell::text(&self.activity),
            Cell::text(&self.performer),
            Cell::opt_text(self.place.as_ref()),
            Cell::opt_number(self.duration_minutes),
            Cell::opt_number(self.participants),
            Cell::Bool(self.synthetic),
        ]
    }
}

/// One commitment with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitmentRow {
    /// The promise's year.
    pub year: i32,
    /// The commitment's number within the promise.
    pub number: u32,
    /// The responsible party.
    pub party: String,
    /// The commitment's text.
    pub text: String,
    /// The target in words.
    pub target: Option<String>,
    /// The target's number, where one was promised.
    pub target_number: Option<u32>,
    /// The count so far.
    pub actual: Option<u32>,
    /// The status in words.
    pub status: String,
}

impl ExportRow for CommitmentRow {
    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Number(self.year.into()),
            Cell::Number(self.number.into()),
            Cell::text(&self.party),
            Cell::text(&self.text),
            Cell::opt_text(self.target.as_ref()),
            Cell::opt_number(self.target_number),
            Cell::opt_number(self.actual),
            Cell::text(&self.status),
        ]
    }
}

/// One commitment's entry in a published follow-up report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRow {
    /// The promise's year.
    pub year: i32,
    /// The report period in words ("Tertial 2", "Slutredovisning").
    pub period: String,
    /// When the report was published.
    pub published: Option<NaiveDate>,
    /// The commitment's number within the promise.
    pub number: u32,
    /// The responsible party.
    pub party: String,
    /// The commitment's text.
    pub text: String,
    /// The status in words.
    pub status: String,
    /// Why the status differs from the suggested one.
    pub reason: Option<String>,
    /// Staff's description.
    pub narrative: Option<String>,
    /// Evidence links, joined by the caller (e.g. one per line).
    pub evidence: String,
}

impl ExportRow for FollowUpRow {
    fn cells(&self) -> Vec<Cell> {
        vec![
            Cell::Number(self.year.into()),
            Cell::text(&self.period),
            self.published.map_or(Cell::Empty, Cell::Date),
            Cell::Number(self.number.into()),
            Cell::text(&self.party),
            Cell::text(&self.text),
            Cell::text(&self.status),
            Cell::opt_text(self.reason.as_ref()),
            Cell::opt_text(self.narrative.as_ref()),
            Cell::text(&self.evidence),
        ]
    }
}

/// One worksheet: a name, the column headers and the rows' cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The worksheet's name (made valid for Excel: at most 31 characters, none of
    /// `[]:*?/\`, unique within the workbook).
    pub name: String,
    /// Column headers, in the reader's language.
    pub headers: Vec<String>,
    /// The rows' cells.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table of `rows` under `headers`.
    pub fn new<R: ExportRow>(
        name: impl Into<String>,
        headers: &[impl AsRef<str>],
        rows: &[R],
    ) -> Self {
        Table {
            name: name.into(),
            headers: headers.iter().map(|h| h.as_ref().to_owned()).collect(),
            rows: rows.iter().map(ExportRow::cells).collect(),
        }
    }
}

/// The UTF-8 byte order mark. Excel opens a CSV file without it in the system's legacy
/// code page (Windows-1252 on Swedish Windows), which garbles å, ä and ö; with it, Excel
/// reads UTF-8. Other programs ignore it.
const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// The rows as CSV: UTF-8 with a byte order mark, comma-separated, a header line first.
pub fn to_csv<R: ExportRow>(
    headers: &[impl AsRef<str>],
    rows: &[R],
) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    write_csv(&mut out, headers, rows)?;
    Ok(out)
}

/// Writes the rows as CSV (see [`to_csv`]) to `out`, a row at a time, for exports too
/// large to hold in memory.
pub fn write_csv<'r, R: ExportRow + 'r, W: Write>(
    mut out: W,
    headers: &[impl AsRef<str>],
    rows: impl IntoIterator<Item = &'r R>,
) -> Result<(), ReportError> {
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(headers.iter().map(|h| guard(h.as_ref())))?;
    for row in rows {
        writer.write_record(row.cells().iter().map(csv_field))?;
    }
    writer.flush()?;
    Ok(())
}

/// A cell's CSV text.
fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => guard(text),
        Cell::Number(n) => number_text(*n),
        Cell::Date(date) => date.format("%Y-%m-%d").to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Empty => String::new(),
    }
}

/// Integers without a decimal point; other numbers as Rust prints them (a point as
/// decimal separator, as CSV readers expect).
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Prefixes a text that a spreadsheet would read as a formula with `'`.
fn guard(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The tables as an Excel workbook, one worksheet per table: a bold header row that
/// stays in view when scrolling (frozen) with filter buttons, dates as date cells,
/// numbers as numbers, and columns fitted to their content (at most about 60
/// characters wide).
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut used = HashSet::new();

    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&table.name, &mut used))?;
        for (col, title) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col_num(col)?, title, &header)?;
        }
        for (r, cells) in table.rows.iter().enumerate() {
            let row = u32::try_from(r + 1).map_err(|_| ReportError::TooLarge)?;
            for (c, cell) in cells.iter().enumerate() {
                let col = col_num(c)?;
                match cell {
                    // Always a string cell: text is never written as a formula.
                    Cell::Text(text) => sheet.write_string(row, col, text)?,
                    Cell::Number(n) => sheet.write_number(row, col, *n)?,
                    Cell::Date(d) => sheet.write_date_with_format(row, col, d, &date)?,
                    Cell::Bool(b) => sheet.write_boolean(row, col, *b)?,
                    Cell::Empty => sheet,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        let columns = table
            .headers
            .len()
            .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns > 0 {
            let last_row = u32::try_from(table.rows.len()).map_err(|_| ReportError::TooLarge)?;
            sheet.autofilter(0, 0, last_row, col_num(columns - 1)?)?;
        }
        sheet.set_autofit_max_width(420);
        sheet.autofit();
    }
    Ok(workbook.save_to_buffer()?)
}

fn col_num(index: usize) -> Result<u16, ReportError> {
    u16::try_from(index).map_err(|_| ReportError::TooLarge)
}

/// A valid, unique worksheet name: Excel refuses names longer than 31 characters, with
/// any of `[]:*?/\`, starting or ending with `'`, or blank.
fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let base: String = if cleaned.is_empty() {
        format!("{}", used.len() + 1)
    } else {
        cleaned.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    // Excel compares sheet names case-insensitively.
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    used.insert(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_formulas() {
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("+46"), "'+46");
        assert_eq!(guard("-x"), "'-x");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("\tx"), "'\tx");
        assert_eq!(guard("\rx"), "'\rx");
        assert_eq!(guard("Flen"), "Flen");
        assert_eq!(guard(""), "");
    }

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number_text(64.0), "64");
        assert_eq!(number_text(2.5), "2.5");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("Aktiviteter", &mut used), "Aktiviteter");
        assert_eq!(sheet_name("aktiviteter", &mut used), "aktiviteter (2)");
        assert_eq!(sheet_name("a/b:c", &mut used), "a-b-c");
        let long = sheet_name(&"x".repeat(40), &mut used);
        assert_eq!(long.chars().count(), 31);
        assert_eq!(sheet_name("''", &mut used), "5");
    }
}
