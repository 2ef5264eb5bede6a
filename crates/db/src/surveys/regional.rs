//! One response file for several municipalities, as an analyst of a local police area or
//! a region has it: split by the `municipality` column, each part checked against its own
//! municipality's codebook, and stored only when every part passes.
//!
//! Each municipality's part is stored in a transaction of its own (`import_survey_csv`),
//! after a first pass that checks every part and stores nothing. So a file with a bad
//! cell for any municipality stores nothing for any; only a change made by someone else
//! between the two passes (another import of the same year) could leave a part out, and
//! that part's problem is then reported.

use std::collections::BTreeMap;

use lofte_domain::{MunicipalityCode, Problem};

use super::{SurveyFile, SurveyImported};
use crate::activities::{CellError, MAX_LISTED};
use crate::audit::Actor;
use crate::{Db, Result};

/// What a file for several municipalities did: each municipality's import.
pub type RegionalImport = Vec<(MunicipalityCode, SurveyImported)>;

/// A municipality's rows: the header and its records, and the file's line of each.
struct Part {
    csv: csv::Writer<Vec<u8>>,
    lines: Vec<u64>,
}

impl Db {
    /// Imports a response file that may hold several municipalities' rows. `may` says
    /// which municipalities the person may import into; a row for another is refused
    /// with its line, as is a municipality without a codebook. Problems name the file's
    /// own lines.
    pub async fn import_regional_survey_csv(
        &self,
        actor: Actor,
        bytes: &[u8],
        file: SurveyFile,
        may: impl Fn(&MunicipalityCode) -> bool,
    ) -> Result<std::result::Result<RegionalImport, Vec<CellError>>> {
        let whole_file = |problem| {
            Ok(Err(vec![CellError {
                line: 1,
                column: String::new(),
                problem,
            }]))
        };
        let delimiter = crate::activities::delimiter_of(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return whole_file(Problem::Malformed {
                    detail: e.to_string(),
                });
            }
        };
        let Some(column) = header
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}').trim() == "municipality")
        else {
            return Ok(Err(vec![CellError {
                line: 1,
                column: "municipality".into(),
                problem: Problem::MissingColumn,
            }]));
        };
        let mut parts: BTreeMap<String, Part> = BTreeMap::new();
        // Each code is looked up once, not once per row.
        let mut verdicts: BTreeMap<String, Option<Problem>> = BTreeMap::new();
        let mut errors = Vec::new();
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    errors.push(CellError::malformed(&e));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let raw = record.get(column).unwrap_or_default().trim();
            if !verdicts.contains_key(raw) {
                let verdict = match MunicipalityCode::parse(raw) {
                    Err(p) => Some(p),
                    Ok(code) if self.municipality(&code).await?.is_none() => {
                        Some(Problem::UnknownMunicipality {
                            code: raw.to_owned(),
                        })
                    }
                    Ok(code) if !may(&code) => Some(Problem::NotYours {
                        municipality: raw.to_owned(),
                    }),
                    Ok(_) => None,
                };
                verdicts.insert(raw.to_owned(), verdict);
            }
            let problem = verdicts[raw].clone();
            if let Some(problem) = problem {
                if errors.len() < MAX_LISTED {
                    errors.push(CellError {
                        line,
                        column: header.get(column).unwrap_or("municipality").to_owned(),
                        problem,
                    });
                }
                continue;
            }
            let part = match parts.get_mut(raw) {
                Some(part) => part,
                None => {
                    let mut csv = csv::WriterBuilder::new().from_writer(Vec::new());
                    csv.write_record(&header).map_err(csv_error)?;
                    parts.entry(raw.to_owned()).or_insert(Part {
                        csv,
                        lines: Vec::new(),
                    })
                }
            };
            part.csv.write_record(&record).map_err(csv_error)?;
            part.lines.push(line);
        }
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        if parts.is_empty() {
            return whole_file(Problem::Empty);
        }
        let mut split = Vec::new();
        for (code, part) in parts {
            let code = MunicipalityCode::parse(&code).expect("checked above");
            let tenant = self.tenant(&code).await?.expect("checked above");
            let bytes = part
                .csv
                .into_inner()
                .map_err(|e| csv_error(e.into_error()))?;
            split.push((code, tenant, bytes, part.lines));
        }
        // The first pass stores nothing; the second stores every part.
        for check_only in [true, false] {
            let mut done = Vec::new();
            for (code, tenant, bytes, lines) in &split {
                let part_file = SurveyFile {
                    check_only,
                    ..file.clone()
                };
                match tenant
                    .import_survey_csv(actor, bytes.as_slice(), part_file, &mut |_| {})
                    .await?
                {
                    Ok(imported) => done.push((code.clone(), imported)),
                    // The part's own lines are the header and then its records in order.
                    Err(part_errors) => errors.extend(part_errors.into_iter().map(|mut e| {
                        e.line = match e.line {
                            0 | 1 => e.line,
                            n => lines.get(n as usize - 2).copied().unwrap_or(n),
                        };
                        e
                    })),
                }
            }
            if !errors.is_empty() {
                errors.sort_by_key(|e| e.line);
                errors.truncate(MAX_LISTED);
                return Ok(Err(errors));
            }
            if !check_only {
                return Ok(Ok(done));
            }
        }
        unreachable!("the second pass returns")
    }
}

fn csv_error(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Corrupt(format!("writing a survey part: {e}"))
}

/// Whether `bytes` are a zip archive, as an XLSX file is.
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first sheet of an XLSX file as CSV text, so that a spreadsheet goes through the
/// same checks as a CSV file. Whole numbers come out without a decimal part ("2", not
/// "2.0"), so answer and group codes read as codes.
pub fn xlsx_to_csv(bytes: &[u8]) -> std::result::Result<Vec<u8>, Problem> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| Problem::NotASpreadsheet)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(Problem::NotASpreadsheet)?
        .map_err(|_| Problem::NotASpreadsheet)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let cells = row.iter().map(|cell| match cell {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            other => other.to_string(),
        });
        out.write_record(cells)
            .map_err(|_| Problem::NotASpreadsheet)?;
    }
    out.into_inner().map_err(|_| Problem::NotASpreadsheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    // A sheet as a spreadsheet program saves it: numbers as numbers (2.0, 1.25), labels
    // as text, empty cells; it reads as the CSV the import checks.
    #[test]
    fn a_spreadsheets_first_sheet_reads_as_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let header = [
            "respondent_id",
            "year",
            "municipality",
            "weight",
            "otrygg_kvall",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "R1").unwrap();
        sheet.write_number(1, 1, 2024.0).unwrap();
        sheet.write_string(1, 2, "0482").unwrap();
        sheet.write_number(1, 3, 1.25).unwrap();
        sheet.write_string(1, 4, "Mycket otrygg").unwrap();
        sheet.write_string(2, 0, "R2").unwrap();
        sheet.write_number(2, 1, 2024.0).unwrap();
        sheet.write_string(2, 2, "0482").unwrap();
        sheet.write_number(2, 3, 2.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(is_xlsx(&bytes));
        let csv = String::from_utf8(xlsx_to_csv(&bytes).unwrap()).unwrap();
        assert_eq!(
            csv,
            "respondent_id,year,municipality,weight,otrygg_kvall\nR1,2024,0482,1.25,Mycket otrygg\nR2,2024,0482,2,\n"
        );
        assert_eq!(
            xlsx_to_csv(b"PK\x03\x04 not a workbook"),
            Err(Problem::NotASpreadsheet)
        );
    }
}
