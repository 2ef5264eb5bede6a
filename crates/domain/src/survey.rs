//! Safety surveys (trygghetsmätning): the codebook that says how to read a response file,
//! the check of each response against it, the indicators defined as data, and the tally
//! that turns stored responses into estimates per year and breakdown.
//!
//! A codebook names the survey's areas, gender and age-band codes, its items with their
//! answer scales (some answers, such as "vet ej", are valid but *missing*: they are kept
//! and never counted), and its indicators: a share of valid answers in some categories, the
//! mean of a scale, or an index as the mean of several items. Estimates come from
//! [`crate::stats`]; this module decides which respondents and values go into them.
//!
//! Answers are carried as one byte per item: 0 for no answer, the scale value + 1
//! otherwise ([`encode_answer`]), which is also how they are stored, so the tally reads
//! stored columns directly.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::problem::{Errors, FieldError, Problem};
use crate::stats::{Estimate, Rules, StatsError, Summary, Weight};
use crate::text::Text;

/// The fixed columns of a response file, in the order a file usually has them; item
/// columns (named by item code) follow in any order.
pub const FIXED_COLUMNS: [&str; 7] = [
    "respondent_id",
    "year",
    "municipality",
    "area",
    "gender",
    "age_band",
    "weight",
];

/// The longest respondent id kept in memory while checking for duplicates.
pub const MAX_ID_CHARS: usize = 64;

/// Scale values are small whole numbers; 255 is kept free so every value fits a byte
/// after the +1 of [`encode_answer`].
pub const MAX_SCALE_VALUE: u8 = 254;

/// Group codes (area, gender, age band) are 1..=MAX_GROUP_CODE; 0 stands for unknown.
pub const MAX_GROUP_CODE: u16 = 9999;

/// A stored answer byte: 0 = no answer, otherwise the value + 1.
pub fn encode_answer(value: Option<u8>) -> u8 {
    value.map_or(0, |v| v + 1)
}

/// A label in both languages of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub sv: Text,
    pub en: Text,
}

impl Label {
    pub fn in_lang(&self, english: bool) -> &str {
        if english {
            self.en.as_str()
        } else {
            self.sv.as_str()
        }
    }
}

/// An area, gender or age-band code with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCode {
    pub code: u16,
    pub label: Label,
}

/// One answer on an item's scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub value: u8,
    pub label: Label,
    /// Valid in the file but not an opinion ("vet ej"): left out of every estimate.
    pub missing: bool,
}

/// The code of an item or an indicator: lowercase letters, digits, `_` and `-`, starting
/// with a letter, at most 40 characters (it names a CSV column and a URL segment).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SurveyCode(String);

impl SurveyCode {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<SurveyCode, Problem> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_CHARS
            && raw.starts_with(|c: char| c.is_ascii_lowercase())
            && raw
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if ok {
            Ok(SurveyCode(raw.to_owned()))
        } else {
            Err(Problem::SurveyCode {
                value: raw.to_owned(),
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SurveyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A question of the survey and its answer scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub code: SurveyCode,
    pub question: Label,
    pub answers: Vec<Answer>,
}

impl Item {
    pub fn answer(&self, value: u8) -> Option<&Answer> {
        self.answers.iter().find(|a| a.value == value)
    }

    /// The smallest and largest value that counts (not missing).
    pub fn valid_range(&self) -> (u8, u8) {
        let valid = self.answers.iter().filter(|a| !a.missing).map(|a| a.value);
        (valid.clone().min().unwrap_or(0), valid.max().unwrap_or(0))
    }
}

/// How an indicator is computed from the items, by item position in the codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorKind {
    /// The share of valid answers to `item` that fall in `categories` (e.g. "ganska" or
    /// "mycket otrygg").
    Share { item: usize, categories: Vec<u8> },
    /// The mean of the valid answers to a scale item.
    Mean { item: usize },
    /// Each respondent's mean over the items they answered validly, if at least
    /// `min_answered`; then the mean of those.
    Index {
        items: Vec<usize>,
        min_answered: usize,
    },
}

impl IndicatorKind {
    pub fn code(&self) -> &'static str {
        match self {
            IndicatorKind::Share { .. } => "share",
            IndicatorKind::Mean { .. } => "mean",
            IndicatorKind::Index { .. } => "index",
        }
    }

    pub fn is_share(&self) -> bool {
        matches!(self, IndicatorKind::Share { .. })
    }

    fn items(&self) -> Vec<usize> {
        match self {
            IndicatorKind::Share { item, .. } | IndicatorKind::Mean { item } => vec![*item],
            IndicatorKind::Index { items, .. } => items.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub code: SurveyCode,
    pub name: Label,
    pub kind: IndicatorKind,
}

/// How to read a municipality's survey files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codebook {
    pub title: Label,
    pub areas: Vec<GroupCode>,
    pub genders: Vec<GroupCode>,
    pub age_bands: Vec<GroupCode>,
    pub items: Vec<Item>,
    pub indicators: Vec<Indicator>,
}

impl Codebook {
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code.as_str() == code)
    }

    pub fn item(&self, code: &str) -> Option<(usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .find(|(_, i)| i.code.as_str() == code)
    }

    pub fn groups(&self, breakdown: Breakdown) -> &[GroupCode] {
        match breakdown {
            Breakdown::All => &[],
            Breakdown::Area => &self.areas,
            Breakdown::Gender => &self.genders,
            Breakdown::AgeBand => &self.age_bands,
        }
    }

    /// The label of a group code, if the codebook has it.
    pub fn group_label(&self, breakdown: Breakdown, code: u16) -> Option<&Label> {
        self.groups(breakdown)
            .iter()
            .find(|g| g.code == code)
            .map(|g| &g.label)
    }

    /// Why `self` cannot replace `stored` while responses read with `stored` are kept:
    /// every item of those responses must keep its answer values, and every group code
    /// they use must still exist. Indicators and labels may change freely.
    pub fn incompatible_with(&self, stored: &Codebook, used_items: &[String]) -> Vec<FieldError> {
        let mut e = Errors::default();
        for code in used_items {
            let (Some((_, old)), new) = (stored.item(code), self.item(code)) else {
                continue;
            };
            let keeps = new.is_some_and(|(_, new)| {
                old.answers
                    .iter()
                    .all(|a| new.answer(a.value).is_some_and(|b| b.missing == a.missing))
            });
            if !keeps {
                e.push(
                    format!("items[{code}]"),
                    Problem::CodebookInUse {
                        value: code.clone(),
                    },
                );
            }
        }
        for breakdown in [Breakdown::Area, Breakdown::Gender, Breakdown::AgeBand] {
            for g in stored.groups(breakdown) {
                if self.group_label(breakdown, g.code).is_none() {
                    e.push(
                        format!("{}[{}]", breakdown.plural(), g.code),
                        Problem::CodebookInUse {
                            value: g.code.to_string(),
                        },
                    );
                }
            }
        }
        e.into_vec()
    }

    /// The header of a response file checked against this codebook: which column is
    /// which, every problem at once (line 1).
    pub fn layout(&self, header: &[&str]) -> Result<Layout, Vec<(String, Problem)>> {
        let mut fixed = [usize::MAX; 7];
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for (col, raw) in header.iter().enumerate() {
            let name = raw.trim().trim_start_matches('\u{feff}');
            if !seen.insert(name.to_owned()) {
                problems.push((
                    name.to_owned(),
                    Problem::Duplicate {
                        value: name.to_owned(),
                    },
                ));
            } else if let Some(i) = FIXED_COLUMNS.iter().position(|c| *c == name) {
                fixed[i] = col;
            } else if let Some((i, _)) = self.item(name) {
                items.push((col, i));
            } else {
                let expected = FIXED_COLUMNS
                    .iter()
                    .copied()
                    .chain(self.items.iter().map(|i| i.code.as_str()))
                    .collect::<Vec<_>>()
                    .join(", ");
                problems.push((name.to_owned(), Problem::UnknownColumn { expected }));
            }
        }
        for (i, name) in FIXED_COLUMNS.iter().enumerate() {
            if fixed[i] == usize::MAX {
                problems.push(((*name).to_owned(), Problem::MissingColumn));
            }
        }
        if items.is_empty() && problems.is_empty() {
            problems.push((String::new(), Problem::NoSurveyItems));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let scales = items
            .iter()
            .map(|&(_, item)| Scale::of(&self.items[item]))
            .collect();
        let groups = [&self.areas, &self.genders, &self.age_bands].map(|codes| {
            let mut known = vec![false; usize::from(MAX_GROUP_CODE) + 1];
            for g in codes.iter() {
                known[usize::from(g.code)] = true;
            }
            known
        });
        let group_labels = [&self.areas, &self.genders, &self.age_bands].map(|codes| {
            codes
                .iter()
                .flat_map(|g| {
                    [&g.label.sv, &g.label.en].map(|l| (l.as_str().to_lowercase(), g.code))
                })
                .collect()
        });
        Ok(Layout {
            columns: header.len(),
            group_labels,
            fixed,
            names: header
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
                .collect(),
            items,
            scales,
            groups,
            allowed: [&self.areas, &self.genders, &self.age_bands].map(|codes| {
                codes
                    .iter()
                    .map(|g| g.code.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        })
    }
}

/// Which answers of an item are valid, and how to say the allowed ones.
#[derive(Debug, Clone)]
struct Scale {
    /// By value: None = not on the scale.
    known: [bool; 256],
    allowed: String,
    /// The answers' Swedish and English labels in lower case, for files that hold the
    /// labels rather than the values ("Mycket otrygg").
    labels: HashMap<String, u8>,
}

impl Scale {
    fn of(item: &Item) -> Scale {
        let mut known = [false; 256];
        for a in &item.answers {
            known[usize::from(a.value)] = true;
        }
        Scale {
            known,
            allowed: item
                .answers
                .iter()
                .map(|a| a.value.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            labels: item
                .answers
                .iter()
                .flat_map(|a| {
                    [&a.label.sv, &a.label.en].map(|l| (l.as_str().to_lowercase(), a.value))
                })
                .collect(),
        }
    }
}

/// A response file's columns, as [`Codebook::layout`] found them.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: usize,
    /// Column index of each of [`FIXED_COLUMNS`].
    fixed: [usize; 7],
    names: Vec<String>,
    /// (column, item position in the codebook), in file order.
    items: Vec<(usize, usize)>,
    scales: Vec<Scale>,
    /// Area, gender and age-band codes the codebook knows, indexed by code.
    groups: [Vec<bool>; 3],
    /// The groups' labels in lower case, for files that hold them ("Kvinna").
    group_labels: [HashMap<String, u16>; 3],
    allowed: [String; 3],
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

    fn plural(self) -> &'static str {
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
struct Compiled {
    /// Column within the block for each item the indicator uses (None: not in the file).
    columns: Vec<Option<usize>>,
    /// Per encoded answer byte: counts (valid, not missing) and, for a share, is "in".
    valid: Vec<[bool; 256]>,
    /// Per encoded answer byte: the value for a mean/index, 1.0/0.0 for a share.
    value: Vec<[f64; 256]>,
    min_answered: usize,
}

impl Compiled {
    fn new(codebook: &Codebook, indicator: &Indicator, item_positions: &[usize]) -> Compiled {
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

    fn is_measured(&self) -> bool {
        self.columns.iter().any(Option::is_some)
    }

    /// The respondent's value at `row`, or None if they do not count.
    #[inline]
    fn value(&self, answers: &[&[u8]], row: usize) -> Option<f64> {
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

/// The key of one figure: indicator (position in the codebook), year, breakdown, group
/// code (0 for [`Breakdown::All`]).
pub type FigureKey = (usize, Year, Breakdown, u16);

/// Sums for every indicator × year × breakdown × group, built block by block.
///
/// Each row goes into the summary of its finest cell (year, area, gender, age band) once
/// per indicator; the breakdowns are merged from the cells at the end, which is what
/// makes the tally cheap: four breakdowns cost one push per row and indicator.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    cells: BTreeMap<(usize, i32, u16, u16, u16), Summary>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Adds a block of stored rows.
    pub fn add(&mut self, codebook: &Codebook, block: &Columns<'_>) -> Result<(), StatsError> {
        for (i, indicator) in codebook.indicators.iter().enumerate() {
            let compiled = Compiled::new(codebook, indicator, block.item_positions);
            if !compiled.is_measured() {
                continue;
            }
            // Rows come sorted by nothing in particular; a small map of the cells of this
            // block keeps the lookups off the big tree.
            let mut local: std::collections::HashMap<(u16, u16, u16, u16), Summary> =
                std::collections::HashMap::new();
            for row in 0..block.weight.len() {
                let Some(value) = compiled.value(block.answers, row) else {
                    continue;
                };
                let key = (
                    block.year[row],
                    block.area[row],
                    block.gender[row],
                    block.age_band[row],
                );
                local
                    .entry(key)
                    .or_default()
                    .push(value, Weight::new(block.weight[row])?)?;
            }
            for ((year, area, gender, age), summary) in local {
                self.cells
                    .entry((i, i32::from(year), area, gender, age))
                    .or_default()
                    .merge(&summary);
            }
        }
        Ok(())
    }

    /// Every figure's summary, merged from the cells.
    pub fn summaries(&self) -> BTreeMap<FigureKey, Summary> {
        let mut out: BTreeMap<FigureKey, Summary> = BTreeMap::new();
        for (&(i, year, area, gender, age), summary) in &self.cells {
            let Ok(year) = Year::new(year) else { continue };
            out.entry((i, year, Breakdown::All, 0))
                .or_default()
                .merge(summary);
            for (breakdown, code) in [
                (Breakdown::Area, area),
                (Breakdown::Gender, gender),
                (Breakdown::AgeBand, age),
            ] {
                if code != 0 {
                    out.entry((i, year, breakdown, code))
                        .or_default()
                        .merge(summary);
                }
            }
        }
        out
    }

    /// Every figure as it may be shown: estimates with intervals, or suppressed.
    pub fn figures(&self, codebook: &Codebook, rules: Rules) -> Vec<Figure> {
        self.summaries()
            .into_iter()
            .map(|((i, year, breakdown, group), summary)| {
                let indicator = &codebook.indicators[i];
                let estimate = if indicator.kind.is_share() {
                    summary
                        .share(rules)
                        .expect("a share indicator's values are 0 or 1")
                } else {
                    summary.mean(rules)
                };
                Figure {
                    indicator: indicator.code.clone(),
                    year,
                    breakdown,
                    group,
                    estimate,
                }
            })
            .collect()
    }
}

/// One figure of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub indicator: SurveyCode,
    pub year: Year,
    pub breakdown: Breakdown,
    /// The group's code; 0 for [`Breakdown::All`].
    pub group: u16,
    pub estimate: Estimate,
}

/// One figure as JSON, wherever it is written as JSON (the API, `lofte survey figures
/// --format json`): one set of names. A suppressed figure has its n and nothing else.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FigureRecord {
    pub year: i32,
    /// `all`, `area`, `gender` or `age_band`.
    pub breakdown: String,
    /// The group's code in its breakdown; absent for `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<u16>,
    /// Respondents with a valid answer.
    pub n: u64,
    /// Fewer respondents than the smallest group shown: no figures.
    pub suppressed: bool,
    /// A share (0–1) or a mean on the items' scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// The confidence interval (95 %).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standard_error: Option<f64>,
    /// Kish's effective sample size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_n: Option<f64>,
}

impl From<&Figure> for FigureRecord {
    fn from(f: &Figure) -> Self {
        let (n, value) = match f.estimate {
            Estimate::Suppressed { n } => (n, None),
            Estimate::Value {
                estimate,
                lower,
                upper,
                n,
                n_eff,
                se,
            } => (n, Some((estimate, lower, upper, se, n_eff))),
        };
        FigureRecord {
            year: f.year.get(),
            breakdown: f.breakdown.code().to_owned(),
            group: (f.breakdown != Breakdown::All).then_some(f.group),
            n,
            suppressed: value.is_none(),
            estimate: value.map(|v| v.0),
            lower: value.map(|v| v.1),
            upper: value.map(|v| v.2),
            standard_error: value.map(|v| v.3),
            effective_n: value.map(|v| v.4),
        }
    }
}

/// The figures as CSV: `indicator,year,breakdown,group,n,n_eff,estimate,se,lower,upper`
/// (the names other survey tools use); a suppressed figure has its n and nothing else.
/// Numbers are printed in full (shortest round-trip form), for comparison with other
/// tools. Every cell is a code or a number: no text a person typed.
pub fn figures_csv(figures: &[Figure]) -> String {
    let mut out = String::from("indicator,year,breakdown,group,n,n_eff,estimate,se,lower,upper\n");
    for f in figures {
        let group = if f.group == 0 {
            String::new()
        } else {
            f.group.to_string()
        };
        let values = match f.estimate {
            Estimate::Suppressed { n } => format!("{n},,,,,"),
            Estimate::Value {
                estimate,
                lower,
                upper,
                n,
                n_eff,
                se,
            } => format!("{n},{n_eff},{estimate},{se},{lower},{upper}"),
        };
        out.push_str(&format!(
            "{},{},{},{group},{values}\n",
            f.indicator,
            f.year,
            f.breakdown.code()
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------
// The codebook as a document (JSON), with every problem by path.

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LabelDocument {
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupDocument {
    pub code: u16,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerDocument {
    pub value: u8,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemDocument {
    pub code: String,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    pub answers: Vec<AnswerDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorDocument {
    pub code: String,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    #[serde(flatten)]
    pub kind: IndicatorKindDocument,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorKindDocument {
    Share {
        item: String,
        categories: Vec<u8>,
    },
    Mean {
        item: String,
    },
    Index {
        items: Vec<String>,
        min_answered: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodebookDocument {
    pub title: LabelDocument,
    pub areas: Vec<GroupDocument>,
    pub genders: Vec<GroupDocument>,
    pub age_bands: Vec<GroupDocument>,
    pub items: Vec<ItemDocument>,
    pub indicators: Vec<IndicatorDocument>,
}

/// Parses a codebook from JSON, every problem with its path.
pub fn parse_codebook_json(json: &str) -> Result<Codebook, Vec<FieldError>> {
    crate::lenient::parse(json, CodebookDocument::into_codebook)
}

/// A label; English is optional, and the Swedish stands in for it when left out.
fn label(e: &mut Errors, path: &str, sv: &str, en: &str) -> Option<Label> {
    let sv = e.take(format!("{path}.sv"), Text::parse(sv, Text::SHORT));
    let en = match en.trim() {
        "" => sv.clone(),
        en => e.take(format!("{path}.en"), Text::parse(en, Text::SHORT)),
    };
    Some(Label { sv: sv?, en: en? })
}

impl CodebookDocument {
    pub const MAX_ITEMS: usize = 200;
    pub const MAX_GROUPS: usize = 500;

    pub fn into_codebook(self) -> Result<Codebook, Vec<FieldError>> {
        let mut e = Errors::default();
        let title = label(&mut e, "title", &self.title.sv, &self.title.en);
        let groups = |e: &mut Errors, name: &str, docs: &[GroupDocument]| {
            if docs.len() > Self::MAX_GROUPS {
                e.push(
                    name,
                    Problem::TooMany {
                        max: Self::MAX_GROUPS,
                    },
                );
            }
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for (i, g) in docs.iter().enumerate() {
                let path = format!("{name}[{i}]");
                if g.code == 0 || g.code > MAX_GROUP_CODE {
                    e.push(
                        format!("{path}.code"),
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(MAX_GROUP_CODE),
                        },
                    );
                } else if !seen.insert(g.code) {
                    e.push(
                        format!("{path}.code"),
                        Problem::Duplicate {
                            value: g.code.to_string(),
                        },
                    );
                }
                if let Some(label) = label(e, &path, &g.sv, &g.en) {
                    out.push(GroupCode {
                        code: g.code,
                        label,
                    });
                }
            }
            out
        };
        let areas = groups(&mut e, "areas", &self.areas);
        let genders = groups(&mut e, "genders", &self.genders);
        let age_bands = groups(&mut e, "age_bands", &self.age_bands);

        if self.items.is_empty() {
            e.push("items", Problem::Required);
        } else if self.items.len() > Self::MAX_ITEMS {
            e.push(
                "items",
                Problem::TooMany {
                    max: Self::MAX_ITEMS,
                },
            );
        }
        let mut items = Vec::new();
        let mut item_codes = HashSet::new();
        for (i, doc) in self.items.iter().enumerate() {
            let path = format!("items[{i}]");
            let code = e.take(format!("{path}.code"), SurveyCode::parse(&doc.code));
            if let Some(code) = &code
                && (FIXED_COLUMNS.contains(&code.as_str()) || !item_codes.insert(code.clone()))
            {
                e.push(
                    format!("{path}.code"),
                    Problem::Duplicate {
                        value: code.to_string(),
                    },
                );
            }
            let question = label(&mut e, &path, &doc.sv, &doc.en);
            let mut answers = Vec::new();
            let mut values = HashSet::new();
            if doc.answers.iter().all(|a| a.missing) {
                e.push(format!("{path}.answers"), Problem::Required);
            }
            for (j, a) in doc.answers.iter().enumerate() {
                let apath = format!("{path}.answers[{j}]");
                if a.value > MAX_SCALE_VALUE {
                    e.push(
                        format!("{apath}.value"),
                        Problem::OutOfRange {
                            min: 0,
                            max: i64::from(MAX_SCALE_VALUE),
                        },
                    );
                } else if !values.insert(a.value) {
                    e.push(
                        format!("{apath}.value"),
                        Problem::Duplicate {
                            value: a.value.to_string(),
                        },
                    );
                }
                if let Some(label) = label(&mut e, &apath, &a.sv, &a.en) {
                    answers.push(Answer {
                        value: a.value,
                        label,
                        missing: a.missing,
                    });
                }
            }
            if let (Some(code), Some(question)) = (code, question) {
                items.push(Item {
                    code,
                    question,
                    answers,
                });
            }
        }

        let position = |e: &mut Errors, path: String, code: &str| -> Option<usize> {
            let found = self.items.iter().position(|i| i.code == code);
            if found.is_none() {
                e.push(
                    path,
                    Problem::UnknownSurveyItem {
                        value: code.to_owned(),
                    },
                );
            }
            found
        };
        let mut indicators = Vec::new();
        let mut indicator_codes = HashSet::new();
        for (i, doc) in self.indicators.iter().enumerate() {
            let path = format!("indicators[{i}]");
            let code = e.take(format!("{path}.code"), SurveyCode::parse(&doc.code));
            if let Some(code) = &code
                && !indicator_codes.insert(code.clone())
            {
                e.push(
                    format!("{path}.code"),
                    Problem::Duplicate {
                        value: code.to_string(),
                    },
                );
            }
            let name = label(&mut e, &path, &doc.sv, &doc.en);
            let kind = match &doc.kind {
                IndicatorKindDocument::Share { item, categories } => {
                    let item = position(&mut e, format!("{path}.item"), item);
                    if categories.is_empty() {
                        e.push(format!("{path}.categories"), Problem::Required);
                    }
                    if let Some(item) = item {
                        let doc = &self.items[item];
                        for (j, c) in categories.iter().enumerate() {
                            if !doc.answers.iter().any(|a| a.value == *c && !a.missing) {
                                e.push(
                                    format!("{path}.categories[{j}]"),
                                    Problem::NotInCodebook {
                                        value: c.to_string(),
                                        allowed: doc
                                            .answers
                                            .iter()
                                            .filter(|a| !a.missing)
                                            .map(|a| a.value.to_string())
                                            .collect::<Vec<_>>()
                                            .join(", "),
                                    },
                                );
                            }
                        }
                    }
                    item.map(|item| IndicatorKind::Share {
                        item,
                        categories: categories.clone(),
                    })
                }
                IndicatorKindDocument::Mean { item } => {
                    position(&mut e, format!("{path}.item"), item)
                        .map(|item| IndicatorKind::Mean { item })
                }
                IndicatorKindDocument::Index {
                    items: codes,
                    min_answered,
                } => {
                    if codes.len() < 2 {
                        e.push(format!("{path}.items"), Problem::TooFew { min: 2 });
                    }
                    let found: Vec<Option<usize>> = codes
                        .iter()
                        .enumerate()
                        .map(|(j, c)| position(&mut e, format!("{path}.items[{j}]"), c))
                        .collect();
                    if *min_answered == 0 || *min_answered > codes.len() {
                        e.push(
                            format!("{path}.min_answered"),
                            Problem::OutOfRange {
                                min: 1,
                                max: codes.len() as i64,
                            },
                        );
                    }
                    found.into_iter().collect::<Option<Vec<_>>>().map(|items| {
                        IndicatorKind::Index {
                            items,
                            min_answered: *min_answered,
                        }
                    })
                }
            };
            if let (Some(code), Some(name), Some(kind)) = (code, name, kind) {
                indicators.push(Indicator { code, name, kind });
            }
        }
        match (e.is_empty(), title) {
            (true, Some(title)) => Ok(Codebook {
                title,
                areas,
                genders,
                age_bands,
                items,
                indicators,
            }),
            _ => Err(e.into_vec()),
        }
    }
}

impl Codebook {
    /// The document this codebook was parsed from (for storage and the API).
    pub fn to_document(&self) -> CodebookDocument {
        let label = |l: &Label| LabelDocument {
            sv: l.sv.to_string(),
            en: l.en.to_string(),
        };
        let groups = |g: &[GroupCode]| {
            g.iter()
                .map(|g| GroupDocument {
                    code: g.code,
                    sv: g.label.sv.to_string(),
                    en: g.label.en.to_string(),
                })
                .collect()
        };
        let code = |i: usize| self.items[i].code.to_string();
        CodebookDocument {
            title: label(&self.title),
            areas: groups(&self.areas),
            genders: groups(&self.genders),
            age_bands: groups(&self.age_bands),
            items: self
                .items
                .iter()
                .map(|i| ItemDocument {
                    code: i.code.to_string(),
                    sv: i.question.sv.to_string(),
                    en: i.question.en.to_string(),
                    answers: i
                        .answers
                        .iter()
                        .map(|a| AnswerDocument {
                            value: a.value,
                            sv: a.label.sv.to_string(),
                            en: a.label.en.to_string(),
                            missing: a.missing,
                        })
                        .collect(),
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|i| IndicatorDocument {
                    code: i.code.to_string(),
                    sv: i.name.sv.to_string(),
                    en: i.name.en.to_string(),
                    kind: match &i.kind {
                        IndicatorKind::Share { item, categories } => IndicatorKindDocument::Share {
                            item: code(*item),
                            categories: categories.clone(),
                        },
                        IndicatorKind::Mean { item } => {
                            IndicatorKindDocument::Mean { item: code(*item) }
                        }
                        IndicatorKind::Index {
                            items,
                            min_answered,
                        } => IndicatorKindDocument::Index {
                            items: items.iter().map(|i| code(*i)).collect(),
                            min_answered: *min_answered,
                        },
                    },
                })
                .collect(),
        }
    }
}
