//! A response file's columns found by the codebook, and each response checked against it.

use std::collections::HashMap;

use crate::calendar::Year;
use crate::problem::Problem;
use crate::stats::Weight;

use super::*;

/// A response file's columns, as [`Codebook::layout`] found them.
#[derive(Debug, Clone)]
pub struct Layout {
    pub(crate) columns: usize,
    /// Column index of each of [`FIXED_COLUMNS`].
    pub(crate) fixed: [usize; 7],
    pub(crate) names: Vec<String>,
    /// (column, item position in the codebook), in file order.
    pub(crate) items: Vec<(usize, usize)>,
    pub(crate) scales: Vec<Scale>,
    /// Area, gender and age-band codes the codebook knows, indexed by code.
    pub(crate) groups: [Vec<bool>; 3],
    /// The groups' labels in lower case, for files that hold them ("Kvinna").
    pub(crate) group_labels: [HashMap<String, u16>; 3],
    pub(crate) allowed: [String; 3],
}

/// One response as checked: group codes 0 for unknown, answers encoded per
/// [`encode_answer`] in the order of [`Layout::item_codes`].
#[derive(Debug, Clone, PartialEq)]
pub struct Response<'a> {
    pub respondent_id: &'a str,
    pub year: Year,
    pub area: u16,
    pub gender: u16,
    pub age_band: u16,
    pub weight: Weight,
}

impl Layout {
    /// The codebook positions of the file's item columns, in file order: the order the
    /// answers of [`Layout::check`] come in.
    pub fn item_positions(&self) -> Vec<usize> {
        self.items.iter().map(|&(_, item)| item).collect()
    }

    /// Checks one row; on success writes the encoded answers into `answers` (one per item
    /// column). `municipality` is the code the file is imported into; `year`, if given,
    /// the only year the file may hold. Problems come with their column's name.
    pub fn check<'a>(
        &self,
        row: &'a [&'a str],
        municipality: &str,
        year: Option<Year>,
        answers: &mut Vec<u8>,
    ) -> Result<Response<'a>, Vec<(&str, Problem)>> {
        let mut problems: Vec<(&str, Problem)> = Vec::new();
        if row.len() != self.columns {
            problems.push((
                "",
                Problem::ColumnCount {
                    expected: self.columns,
                    found: row.len(),
                },
            ));
            return Err(problems);
        }
        let name = |col: usize| self.names[col].as_str();
        let cell = |i: usize| row[self.fixed[i]].trim();

        let id = cell(0);
        if id.is_empty() {
            problems.push((name(self.fixed[0]), Problem::Required));
        } else if id.chars().count() > MAX_ID_CHARS {
            problems.push((name(self.fixed[0]), Problem::TooLong { max: MAX_ID_CHARS }));
        }

        let parsed_year = match cell(1).parse::<i32>() {
            Ok(y) => match Year::new(y) {
                Ok(y) => match year {
                    Some(expected) if expected != y => {
                        problems.push((
                            name(self.fixed[1]),
                            Problem::OtherYear {
                                expected: expected.get(),
                            },
                        ));
                        None
                    }
                    _ => Some(y),
                },
                Err(p) => {
                    problems.push((name(self.fixed[1]), p));
                    None
                }
            },
            Err(_) => {
                problems.push((name(self.fixed[1]), Problem::Number));
                None
            }
        };

        if cell(2) != municipality {
            problems.push((
                name(self.fixed[2]),
                Problem::OtherMunicipality {
                    expected: municipality.to_owned(),
                },
            ));
        }

        let mut group = |i: usize, which: usize| -> u16 {
            let raw = cell(i);
            if raw.is_empty() {
                return 0;
            }
            let code = raw
                .parse::<u16>()
                .ok()
                .or_else(|| self.group_labels[which].get(&raw.to_lowercase()).copied());
            match code {
                Some(code)
                    if code >= 1
                        && self.groups[which].get(usize::from(code)).copied() == Some(true) =>
                {
                    code
                }
                _ => {
                    problems.push((
                        name(self.fixed[i]),
                        Problem::NotInCodebook {
                            value: raw.to_owned(),
                            allowed: self.allowed[which].clone(),
                        },
                    ));
                    0
                }
            }
        };
        let area = group(3, 0);
        let gender = group(4, 1);
        let age_band = group(5, 2);

        let weight = match cell(6) {
            "" => {
                problems.push((name(self.fixed[6]), Problem::Required));
                None
            }
            // Swedish spreadsheets write decimal commas ("1,25").
            raw => match raw
                .parse::<f64>()
                .or_else(|_| raw.replace(',', ".").parse::<f64>())
                .ok()
                .and_then(|w| Weight::new(w).ok())
            {
                Some(w) => Some(w),
                None => {
                    problems.push((
                        name(self.fixed[6]),
                        Problem::Weight {
                            value: raw.to_owned(),
                        },
                    ));
                    None
                }
            },
        };

        answers.clear();
        for (k, &(col, _)) in self.items.iter().enumerate() {
            let raw = row[col].trim();
            if raw.is_empty() {
                answers.push(0);
                continue;
            }
            let value = raw
                .parse::<u8>()
                .ok()
                .or_else(|| self.scales[k].labels.get(&raw.to_lowercase()).copied());
            match value {
                Some(v) if self.scales[k].known[usize::from(v)] => answers.push(v + 1),
                _ => {
                    answers.push(0);
                    problems.push((
                        name(col),
                        Problem::NotInCodebook {
                            value: raw.to_owned(),
                            allowed: self.scales[k].allowed.clone(),
                        },
                    ));
                }
            }
        }

        match (problems.is_empty(), parsed_year, weight) {
            (true, Some(year), Some(weight)) => Ok(Response {
                respondent_id: id,
                year,
                area,
                gender,
                age_band,
                weight,
            }),
            _ => Err(problems),
        }
    }
}

/// The breakdowns every indicator is computed for, within each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Breakdown {
    All,
    Area,
    Gender,
    AgeBand,
}

impl Breakdown {
    pub const ALL: [Breakdown; 4] = [
        Breakdown::All,
        Breakdown::Area,
        Breakdown::Gender,
        Breakdown::AgeBand,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Breakdown::All => "all",
            Breakdown::Area => "area",
            Breakdown::Gender => "gender",
            Breakdown::AgeBand => "age_band",
        }
    }

    pub(crate) fn plural(self) -> &'static str {
        match self {
            Breakdown::All => "all",
            Breakdown::Area => "areas",
            Breakdown::Gender => "genders",
            Breakdown::AgeBand => "age_bands",
        }
    }
}

/// Stored responses, a block of rows at a time, as columns.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub year: &'a [u16],
    pub area: &'a [u16],
    pub gender: &'a [u16],
    pub age_band: &'a [u16],
    pub weight: &'a [f64],
    /// One slice per item of `item_positions` (codebook positions), encoded answers.
    pub answers: &'a [&'a [u8]],
    pub item_positions: &'a [usize],
}

/// An indicator ready to evaluate on a block whose item columns are in a given order.
pub(crate) struct Compiled {
    /// Column within the block for each item the indicator uses (None: not in the file).
    pub(crate) columns: Vec<Option<usize>>,
    /// Per encoded answer byte: counts (valid, not missing) and, for a share, is "in".
    pub(crate) valid: Vec<[bool; 256]>,
    /// Per encoded answer byte: the value for a mean/index, 1.0/0.0 for a share.
    pub(crate) value: Vec<[f64; 256]>,
    pub(crate) min_answered: usize,
}

impl Compiled {
    pub(crate) fn new(
        codebook: &Codebook,
        indicator: &Indicator,
        item_positions: &[usize],
    ) -> Compiled {
        let items = indicator.kind.items();
        let mut valid = Vec::new();
        let mut value = Vec::new();
        for &item in &items {
            let mut v = [false; 256];
            let mut x = [0.0; 256];
            for a in codebook.items[item].answers.iter().filter(|a| !a.missing) {
                let byte = usize::from(encode_answer(Some(a.value)));
                v[byte] = true;
                x[byte] = match &indicator.kind {
                    IndicatorKind::Share { categories, .. } => {
                        f64::from(u8::from(categories.contains(&a.value)))
                    }
                    _ => f64::from(a.value),
                };
            }
            valid.push(v);
            value.push(x);
        }
        Compiled {
            columns: items
                .iter()
                .map(|item| item_positions.iter().position(|p| p == item))
                .collect(),
            valid,
            value,
            min_answered: match &indicator.kind {
                IndicatorKind::Index { min_answered, .. } => *min_answered,
                _ => 1,
            },
        }
    }

    pub(crate) fn is_measured(&self) -> bool {
        self.columns.iter().any(Option::is_some)
    }

    /// The respondent's value at `row`, or None if they do not count.
    #[inline]
    pub(crate) fn value(&self, answers: &[&[u8]], row: usize) -> Option<f64> {
        if self.columns.len() == 1 {
            let col = self.columns[0]?;
            let byte = usize::from(answers[col][row]);
            return self.valid[0][byte].then_some(self.value[0][byte]);
        }
        let (mut sum, mut count) = (0.0, 0usize);
        for (k, col) in self.columns.iter().enumerate() {
            let Some(col) = *col else { continue };
            let byte = usize::from(answers[col][row]);
            if self.valid[k][byte] {
                sum += self.value[k][byte];
                count += 1;
            }
        }
        (count >= self.min_answered && count > 0).then(|| sum / count as f64)
    }
}
