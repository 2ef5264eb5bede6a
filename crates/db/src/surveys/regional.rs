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
use crate::editing::Actor;
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
        let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
        let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
        let delimiter = if count(b';') > count(b',') {
            b';'
        } else {
            b','
        };
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
