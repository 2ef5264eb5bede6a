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

mod document;
mod layout;
mod tally;

use std::collections::{HashMap, HashSet};

use crate::problem::{Errors, FieldError, Problem};
use crate::text::Text;

pub use document::*;
pub use layout::*;
pub use tally::*;

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
pub(crate) struct Scale {
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
