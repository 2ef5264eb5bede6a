//! Reading a CSV file that another system exported: comma or semicolon (the header line
//! decides), a byte-order mark or not, and columns named as we name them or as Swedish
//! exports head them, in any order, case not mattering.

use std::io::{BufRead as _, BufReader, Read};

use csv::StringRecord;
use lofte_domain::Problem;

use crate::activities::CellError;

/// A known column: our name and the names exports give it (lower case).
pub(crate) type Column = (&'static str, &'static [&'static str]);

/// A reader over the file's rows, its header read.
pub(crate) struct CsvFile<R: Read> {
    pub reader: csv::Reader<BufReader<R>>,
    pub headers: StringRecord,
}

impl<R: Read> CsvFile<R> {
    pub fn open(input: R) -> Result<Self, CellError> {
        let mut input = BufReader::with_capacity(64 * 1024, input);
        let delimiter = input
            .fill_buf()
            .map_or(b',', crate::activities::delimiter_of);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let headers = reader
            .headers()
            .map_err(|e| CellError::malformed(&e))?
            .clone();
        Ok(CsvFile { reader, headers })
    }

    /// The header's name of column `i` as the file spells it.
    pub fn header(&self, i: usize) -> &str {
        self.headers
            .get(i)
            .unwrap_or_default()
            .trim_start_matches('\u{feff}')
    }

    /// Which file column holds each of `known` (by position in `known`). A header that is
    /// none of them is refused unless `also` accepts it (a wide export's year columns); a
    /// column named twice is refused; a missing `required` one is named.
    pub fn columns(
        &self,
        known: &[Column],
        required: &[&str],
        also: impl Fn(&str) -> bool,
    ) -> Result<Vec<Option<usize>>, Vec<CellError>> {
        let mut index = vec![None; known.len()];
        let mut errors = Vec::new();
        for (col, raw) in self.headers.iter().enumerate() {
            let name = raw.trim().trim_start_matches('\u{feff}').trim();
            let lower = name.to_lowercase();
            let found = known
                .iter()
                .position(|(ours, aliases)| *ours == lower || aliases.contains(&lower.as_str()));
            match found {
                Some(i) if index[i].is_none() => index[i] = Some(col),
                Some(_) => errors.push(CellError {
                    line: 1,
                    column: name.to_owned(),
                    problem: Problem::Duplicate {
                        value: name.to_owned(),
                    },
                }),
                None if also(name) => {}
                None => errors.push(CellError {
                    line: 1,
                    column: name.to_owned(),
                    problem: Problem::UnknownColumn {
                        expected: known
                            .iter()
                            .map(|(ours, _)| *ours)
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                }),
            }
        }
        for required in required {
            let i = known
                .iter()
                .position(|(ours, _)| ours == required)
                .expect("a required column is known");
            if index[i].is_none() {
                errors.push(CellError {
                    line: 1,
                    column: (*required).to_owned(),
                    problem: Problem::MissingColumn,
                });
            }
        }
        if errors.is_empty() {
            Ok(index)
        } else {
            Err(errors)
        }
    }
}
