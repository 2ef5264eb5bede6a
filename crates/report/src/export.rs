//! CSV and XLSX exports of plain rows.
//!
//! A row type says what its cells are ([`ExportRow::cells`]); the caller passes the
//! column headers, already in the reader's language. CSV dates are ISO 8601
//! (`YYYY-MM-DD`); XLSX dates are real date cells formatted `yyyy-mm-dd`, numbers are
//! numbers.
//!
//! Both formats guard against formula injection: a spreadsheet program would run a
//! text such as `=HYPERLINK(…)` typed into a form as a formula. In CSV every text that
//! could begin a cell or a row in *some* reading of the file gets a `'` before its `=`,
//! `+`, `-` or `@` (see [`guard`] for which readings and why); in XLSX every text is
//! written as a string cell, which Excel never evaluates.

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

/// Characters that make a spreadsheet cell a formula when the cell starts with them.
const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

/// Characters after which a spreadsheet program may start a new cell or row when it reads
/// the file otherwise than it was written (see [`guard`]).
const CELL_BREAK: [char; 5] = [';', ',', '\t', '\n', '\r'];

/// Makes a text cell harmless to a spreadsheet program: puts a `'` before every `=`,
/// `+`, `-` or `@` that could begin a cell, and before a text that starts with a tab or
/// a carriage return.
///
/// A cell "could begin" at the start of the text and after any `;`, `,`, tab, line feed
/// or carriage return in it, once spaces, tabs and double quotes are skipped. The file is
/// comma-separated with quoted fields, and a program that reads it so sees only the
/// start of the text, but not every program does (OWASP, "CSV Injection"):
///
/// - Excel set to Swedish (and other locales with a decimal comma) cuts each line into
///   cells at `;`, its list separator. Our quotes then stand in the middle of its cells,
///   where they mean nothing, so `abc;=HYPERLINK(…)` is read as two cells, the second
///   a formula. Import dialogs offer `,` and tab as separators as well.
/// - A program that cuts the file into rows at every line break, quotes or not, starts
///   a new row after a `\n` or `\r` inside a quoted field.
/// - Such a program sees the file's raw bytes, where a `"` in the text is written `""`
///   and a quoted field begins with `"`; some trim spaces before looking at a cell. Hence
///   quotes and spaces are skipped before the formula character.
///
/// Why a `'` and where: in every one of these readings the cell that would have been a
/// formula now starts with `'` (spaces and quotes before it aside), so it is text, and a
/// reader still sees the original words with one mark added. Only a formula character
/// at such a place gets one, so ordinary text (`Storgatan 3; bakom skolan - kväll`, a
/// date range `10-12`) is written as it is. A text such as `-5` is treated like any
/// other text (`'-5`); numbers that are numbers ([`Cell::Number`]) are never changed.
/// The `'` before a leading tab or carriage return keeps programs that trim those from
/// finding a formula character behind them.
fn guard(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if text.starts_with(['\t', '\r']) {
        out.push('\'');
    }
    // Whether the characters so far could be the start of a cell: nothing, or only
    // spaces, tabs and quotes, since the text's start or its last cell break.
    let mut cell_start = true;
    for c in text.chars() {
        if cell_start {
            if FORMULA_START.contains(&c) {
                out.push('\'');
                cell_start = false;
            } else if !matches!(c, ' ' | '\t' | '"') {
                cell_start = false;
            }
        }
        if CELL_BREAK.contains(&c) {
            cell_start = true;
        }
        out.push(c);
    }
    out
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
    fn guards_formulas_after_cell_breaks() {
        // Excel set to Swedish splits on `;`; other readings on `,` or tab.
        assert_eq!(guard("a;=1+1"), "a;'=1+1");
        assert_eq!(guard("a,=cmd"), "a,'=cmd");
        assert_eq!(guard("a\t+46"), "a\t'+46");
        // A line break inside the field starts a new row for a reader ignoring quotes.
        assert_eq!(
            guard("line1\n=HYPERLINK(\"x\")"),
            "line1\n'=HYPERLINK(\"x\")"
        );
        assert_eq!(guard("x\r\n@SUM(A1)"), "x\r\n'@SUM(A1)");
        assert_eq!(guard("x\r-1"), "x\r'-1");
        // Spaces, tabs and quotes before the formula character do not hide it.
        assert_eq!(guard("a; =1"), "a; '=1");
        assert_eq!(guard("a;  \t=1"), "a;  \t'=1");
        assert_eq!(guard(" =1"), " '=1");
        assert_eq!(guard("a;\"=1\""), "a;\"'=1\"");
        assert_eq!(guard("a\n\"@x"), "a\n\"'@x");
        // Every place, not just the first.
        assert_eq!(guard("=a;=b\n-c"), "'=a;'=b\n'-c");
        // Texts that merely look like numbers are texts.
        assert_eq!(guard("-5"), "'-5");
        assert_eq!(guard("a;-5"), "a;'-5");
        // Already harmless: nothing is added.
        assert_eq!(guard("a;'=1"), "a;'=1");
        assert_eq!(guard("'=1"), "'=1");
    }

    #[test]
    fn harmless_text_is_unchanged() {
        for text in [
            "Storgatan 3; bakom skolan - kväll",
            "10-12 deltagare, 2+2 poliser",
            "Rad ett\nrad två, med komma",
            "https://polisen.se/a\nhttps://polisen.se/b",
            "e-post: a@b.se; tel 0157-123 45",
            "Hälleforsnäs",
        ] {
            assert_eq!(guard(text), text);
        }
    }

    /// The ways a program might cut a CSV line into cells: (delimiter, honours quotes).
    const READINGS: [(u8, bool); 6] = [
        (b';', true),
        (b';', false),
        (b',', true),
        (b',', false),
        (b'\t', true),
        (b'\t', false),
    ];

    /// Every cell of `bytes` in every reading of [`READINGS`], cut again at line breaks
    /// (a reader that ignores quotes starts a row there), with leading spaces, tabs and
    /// quotes removed.
    fn cell_starts(bytes: &[u8]) -> Vec<String> {
        let mut starts = Vec::new();
        for (delimiter, quoting) in READINGS {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .quoting(quoting)
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            for record in reader.records() {
                for field in record.unwrap().iter() {
                    for line in field.split(['\n', '\r']) {
                        starts.push(line.trim_start_matches([' ', '\t', '"']).to_owned());
                    }
                }
            }
        }
        starts
    }

    #[test]
    fn no_reading_of_the_csv_finds_a_formula() {
        let rows = vec![ActivityRow {
            date: NaiveDate::from_ymd_opt(2021, 3, 4).unwrap(),
            time: "07:30".into(),
            activity: "a;=1+1".into(),
            performer: "a,=cmd".into(),
            place: Some("line1\n=HYPERLINK(\"http://x\";\"klicka\")\r\n@SUM(A1);  -2+3".into()),
            duration_minutes: Some(20),
            participants: None,
            synthetic: false,
        }];
        let headers = [
            "Datum",
            "Tid;=1",
            "Aktivitet",
            "Utförare",
            "Plats",
            "Minuter",
            "Deltagare",
            "Exempeldata",
        ];
        let csv = to_csv(&headers, &rows).unwrap();
        let starts = cell_starts(&csv[BOM.len()..]);
        assert!(starts.iter().any(|s| s.starts_with("'=HYPERLINK")));
        for start in &starts {
            assert!(
                !start.starts_with(FORMULA_START),
                "a cell starts with a formula: {start:?} in {:?}",
                String::from_utf8_lossy(&csv)
            );
        }

        // Read as written, every cell is the text with only the marks added.
        let mut reader = csv::ReaderBuilder::new().from_reader(&csv[BOM.len()..]);
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[2], "a;'=1+1");
        assert_eq!(&record[3], "a,'=cmd");
        assert_eq!(
            &record[4],
            "line1\n'=HYPERLINK(\"http://x\";\"klicka\")\r\n'@SUM(A1);  '-2+3"
        );
        assert_eq!(&record[5], "20");
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
