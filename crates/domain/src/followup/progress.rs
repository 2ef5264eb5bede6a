//! From the activities that count to figures: progress over the span or each year, the
//! even pace and forecast over the target's calendar window, and the suggested status.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{Year, YearSpan};
use crate::condition::{Measure, Per, When};
use crate::place::{Place, PlaceSlug};
use crate::promise::{Party, Target};

use super::*;

/// The counting activities of a target, with the spread residents and staff ask about.
/// Every amount is in the target's measure: activities, participants, minutes, or
/// distinct places (where a month holds the places first reached in it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// The measure over the whole period.
    pub actual: u32,
    /// The measure per calendar year (distinct places are counted within each year).
    pub by_year: BTreeMap<i32, u32>,
    /// The number of counting activities, whatever the measure.
    pub activities: u32,
    /// The measure per (year, month), months 1–12: toward the span's figure, or for a
    /// number promised each year toward its year's (distinct places counted again in
    /// each year), so that the months of a year add up to its figure.
    pub by_month: BTreeMap<(i32, u32), u32>,
    /// The measure per place slug (`None` for activities without a place); for the
    /// places measure, the counting activities per place.
    pub by_place: BTreeMap<Option<PlaceSlug>, u32>,
    /// Counting activities in the target's `emphasis` area (e.g. the outlying villages).
    pub in_emphasis: u32,
    /// Activities of the right type that do not count, by reason.
    pub excluded: BTreeMap<Exclusion, u32>,
}

impl Progress {
    /// Share of counting activities in the emphasis area, if there are any activities.
    pub fn emphasis_share(&self) -> Option<f64> {
        (self.actual > 0).then(|| f64::from(self.in_emphasis) / f64::from(self.actual))
    }

    /// The measure up to and including `date` (for a number promised each year, the sum
    /// of the years' figures).
    pub fn actual_until(&self, date: NaiveDate) -> u32 {
        self.by_month
            .iter()
            .filter(|((y, m), _)| (*y, *m) <= (date.year(), date.month()))
            .map(|(_, n)| n)
            .sum()
    }
}

/// The activities that count toward `target` and took place on the days `from` to `to`.
pub fn counting<'a>(
    target: &Target,
    party: &Party,
    period: YearSpan,
    activities: &'a [Activity],
    places: &[Place],
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<&'a Activity> {
    activities
        .iter()
        .filter(|a| (from..=to).contains(&a.date))
        .filter(|a| counts(target, party, period, a, places).is_ok())
        .collect()
}

/// Counts `activities` toward `target`, keeping only those up to `as_of` (inclusive).
pub fn progress(
    target: &Target,
    party: &Party,
    period: YearSpan,
    activities: &[Activity],
    places: &[Place],
    as_of: NaiveDate,
) -> Progress {
    let mut p = Progress::default();
    let mut counting: Vec<&Activity> = activities
        .iter()
        .filter(|a| a.date <= as_of)
        .filter(|a| match counts(target, party, period, a, places) {
            Ok(()) => true,
            Err(Exclusion::OtherType) => false,
            Err(reason) => {
                *p.excluded.entry(reason).or_default() += 1;
                false
            }
        })
        .collect();
    // In date order, so that a place is counted in the month it was first reached.
    counting.sort_by_key(|a| (a.date, a.time));
    let mut reached: std::collections::BTreeSet<(Option<i32>, &PlaceSlug)> = Default::default();
    for a in counting {
        p.activities += 1;
        let year = a.date.year();
        let (in_span, in_year) = match (target.measure, &a.place) {
            (Measure::Places, Some(slug)) => (
                u32::from(reached.insert((None, slug))),
                u32::from(reached.insert((Some(year), slug))),
            ),
            (measure, _) => (amount(measure, a), amount(measure, a)),
        };
        p.actual += in_span;
        *p.by_year.entry(year).or_default() += in_year;
        let in_month = match target.per {
            Per::Span => in_span,
            Per::Year => in_year,
        };
        *p.by_month.entry((year, a.date.month())).or_default() += in_month;
        *p.by_place.entry(a.place.clone()).or_default() += match target.measure {
            Measure::Places => 1,
            measure => amount(measure, a),
        };
        if let Some(emphasis) = &target.emphasis
            && in_scope(emphasis, a.place.as_ref(), places)
        {
            p.in_emphasis += in_span;
        }
    }
    p
}

/// How a year under way is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum ProgressStatus {
    NotStarted,
    OnTrack,
    AtRisk,
    Behind,
}

impl ProgressStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProgressStatus::NotStarted => "not-started",
            ProgressStatus::OnTrack => "on-track",
            ProgressStatus::AtRisk => "at-risk",
            ProgressStatus::Behind => "behind",
        }
    }
}

/// How a year that has ended went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Verdict {
    Kept,
    PartlyKept,
    NotKept,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Kept => "kept",
            Verdict::PartlyKept => "partly-kept",
            Verdict::NotKept => "not-kept",
        }
    }
}

/// The suggestion for one commitment at one point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    Progress(ProgressStatus),
    Verdict(Verdict),
    /// No number was promised, so no number can judge it: staff assess it in words.
    NotAssessed,
}

/// Figures for a numeric target at a point in the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub actual: u32,
    pub target: u32,
    /// What an even pace would have reached by now.
    pub expected: f64,
    /// Where the present pace leads by the end of the period.
    pub forecast: f64,
    pub suggestion: Suggestion,
}

/// Below this share of the target, a forecast means the commitment is behind; between it
/// and the target, at risk.
pub const AT_RISK_FLOOR: f64 = 0.8;
/// At the end of the period, at least this share of the target is "partly kept".
pub const PARTLY_KEPT_FLOOR: f64 = 0.5;

/// Figures for a target of `at_least` over `period`, counted up to `as_of`.
pub fn figures(at_least: u32, period: YearSpan, actual: u32, as_of: NaiveDate) -> Figures {
    figures_in(at_least, period, actual, as_of, &When::default())
}

/// [`figures`] for a target counted only in a calendar window: the even pace and the
/// forecast run over the days the window is open (a January–April target is due by the
/// end of April, not spread over the year). A window with no open day in the period
/// falls back to the calendar.
pub fn figures_in(
    at_least: u32,
    period: YearSpan,
    actual: u32,
    as_of: NaiveDate,
    window: &When,
) -> Figures {
    let (start, end) = (period.first_day(), period.last_day());
    let open = |from: NaiveDate, to: NaiveDate| -> f64 {
        if to < from {
            return 0.0;
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| window.open_on(*d))
            .count() as f64
    };
    let open_days = open(start, end);
    let (total_days, elapsed_days) = if open_days > 0.0 {
        (open_days, open(start, as_of.min(end)))
    } else {
        let total = (end - start).num_days() as f64 + 1.0;
        let elapsed = ((as_of.min(end) - start).num_days() as f64 + 1.0).clamp(0.0, total);
        (total, elapsed)
    };
    let elapsed = elapsed_days / total_days;
    let target = f64::from(at_least);
    let expected = target * elapsed;
    let forecast = if elapsed > 0.0 {
        f64::from(actual) / elapsed
    } else {
        0.0
    };
    let suggestion = if as_of >= end {
        Suggestion::Verdict(if actual >= at_least {
            Verdict::Kept
        } else if f64::from(actual) >= PARTLY_KEPT_FLOOR * target {
            Verdict::PartlyKept
        } else {
            Verdict::NotKept
        })
    } else if as_of < start {
        Suggestion::Progress(ProgressStatus::NotStarted)
    } else if actual >= at_least || forecast >= target {
        Suggestion::Progress(ProgressStatus::OnTrack)
    } else if actual == 0 && elapsed < 1.0 / 12.0 {
        // Nothing logged in the first month says little.
        Suggestion::Progress(ProgressStatus::NotStarted)
    } else if forecast >= AT_RISK_FLOOR * target {
        Suggestion::Progress(ProgressStatus::AtRisk)
    } else {
        Suggestion::Progress(ProgressStatus::Behind)
    };
    Figures {
        actual,
        target: at_least,
        expected,
        forecast,
        suggestion,
    }
}

/// How far from plan a status is, for taking the worst of several.
pub(crate) fn severity(status: ProgressStatus) -> u8 {
    match status {
        ProgressStatus::NotStarted | ProgressStatus::OnTrack => 0,
        ProgressStatus::AtRisk => 1,
        ProgressStatus::Behind => 2,
    }
}

/// One year's figures of a target promised for each year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearFigures {
    pub year: Year,
    pub figures: Figures,
}

/// The figures of a numeric target, whole or per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// For `per: span`, the whole period. For `per: year`, the year `as_of` falls in
    /// (the first year before the period, the last after it), except the suggestion,
    /// which judges every year: see [`assess`].
    pub figures: Figures,
    /// The year `figures` are for, for `per: year`.
    pub year: Option<Year>,
    /// Each year's figures for `per: year`; empty for `per: span`.
    pub years: Vec<YearFigures>,
}

/// Judges `progress` against a target of `at_least` as of `as_of`.
///
/// For a number promised for each year, every year is judged on its own: after the
/// period, the promise is kept only if every year was kept, not kept if no year was
/// even partly kept, and partly kept otherwise. During the period, a past year that was
/// not kept makes the commitment behind (partly kept: at risk), whatever the present
/// year's pace.
pub fn assess(
    at_least: u32,
    per: Per,
    period: YearSpan,
    progress: &Progress,
    as_of: NaiveDate,
) -> Assessment {
    assess_in(at_least, per, period, progress, as_of, &When::default())
}

/// [`assess`] for a target counted only in a calendar window (see [`figures_in`]).
pub fn assess_in(
    at_least: u32,
    per: Per,
    period: YearSpan,
    progress: &Progress,
    as_of: NaiveDate,
    window: &When,
) -> Assessment {
    if per == Per::Span {
        return Assessment {
            figures: figures_in(at_least, period, progress.actual, as_of, window),
            year: None,
            years: Vec::new(),
        };
    }
    let years: Vec<YearFigures> = period
        .years()
        .map(|year| YearFigures {
            year,
            figures: figures_in(
                at_least,
                YearSpan::single(year),
                progress.by_year.get(&year.get()).copied().unwrap_or(0),
                as_of,
                window,
            ),
        })
        .collect();
    let current = years
        .iter()
        .find(|y| Year::of(as_of) == Some(y.year))
        .or(if as_of < period.first_day() {
            years.first()
        } else {
            years.last()
        })
        .copied()
        .expect("a span has at least one year");
    let verdicts: Vec<Verdict> = years
        .iter()
        .filter_map(|y| match y.figures.suggestion {
            Suggestion::Verdict(v) => Some(v),
            _ => None,
        })
        .collect();
    let suggestion = if as_of >= period.last_day() {
        Suggestion::Verdict(if verdicts.iter().all(|v| *v == Verdict::Kept) {
            Verdict::Kept
        } else if verdicts.iter().all(|v| *v == Verdict::NotKept) {
            Verdict::NotKept
        } else {
            Verdict::PartlyKept
        })
    } else {
        let past = if verdicts.contains(&Verdict::NotKept) {
            ProgressStatus::Behind
        } else if verdicts.contains(&Verdict::PartlyKept) {
            ProgressStatus::AtRisk
        } else {
            ProgressStatus::OnTrack
        };
        match current.figures.suggestion {
            Suggestion::Progress(now) if severity(past) > severity(now) => {
                Suggestion::Progress(past)
            }
            // The last day of a year that is not the last: the year's verdict is in
            // `past`, and the period goes on.
            Suggestion::Verdict(_) => Suggestion::Progress(past),
            other => other,
        }
    };
    Assessment {
        figures: Figures {
            suggestion,
            ..current.figures
        },
        year: Some(current.year),
        years,
    }
}
