//! Stored responses tallied into estimates per indicator, year, breakdown and group, and
//! the figures written as JSON and CSV.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::calendar::Year;
use crate::stats::{Estimate, Rules, StatsError, Summary, Weight};

use super::*;

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
    pub(crate) cells: BTreeMap<(usize, i32, u16, u16, u16), Summary>,
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
