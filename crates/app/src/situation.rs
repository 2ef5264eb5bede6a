//! The situation picture (lägesbild): the municipality's incident reports of this year so
//! far, category by category, against the same days a year before, each change with its
//! exact interval and a verdict in the survey outcome's words.
//!
//! Residents see aggregates only, and no count below [`PUBLIC_THRESHOLD`]: a small count
//! of a rare category in a small place can point at a person. Staff see every count.

use chrono::{Datelike as _, NaiveDate};
use lofte_db::Tenant;
use lofte_db::crime_stats::CrimeCount;
use lofte_domain::crime::PeriodPart;
use lofte_domain::incident::IncidentCategory;
use lofte_domain::stats::{Better, ConfidenceLevel, CountChange, OutcomeVerdict};

/// Counts below this are shown to the public as "fewer than 5".
pub const PUBLIC_THRESHOLD: u64 = 5;

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Public,
    Staff,
}

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    /// Fewer than [`PUBLIC_THRESHOLD`] (and maybe none): the public sees no more.
    FewerThan(u64),
}

impl Shown {
    /// A count as `audience` may see it.
    pub fn of(n: u64, audience: Audience) -> Shown {
        match audience {
            Audience::Public if n < PUBLIC_THRESHOLD => Shown::FewerThan(PUBLIC_THRESHOLD),
            _ => Shown::Count(n),
        }
    }
}

/// One category's line.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryLine {
    pub category: IncidentCategory,
    pub now: Shown,
    pub before: Shown,
    /// The change and its verdict; `None` where a count is held back.
    pub change: Option<(CountChange, OutcomeVerdict)>,
}

/// One type of the police's events.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLine {
    /// The police's own type, "Skadegörelse".
    pub kind: String,
    pub now: Shown,
    pub before: Shown,
}

/// The police's public events assigned to the municipality, over the same two periods.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PoliceEvents {
    /// Most in the period first.
    pub lines: Vec<EventLine>,
    /// How many of both periods' events were assigned by the title or the point only.
    pub less_sure: u64,
    pub synthetic: bool,
}

/// Which parts of the year the crime statistics cover, the same in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    Year,
    /// These quarters of each year.
    Quarters(Vec<u8>),
    /// These half-years of each year.
    Halves(Vec<u8>),
}

/// One category of reported crime.
#[derive(Debug, Clone, PartialEq)]
pub struct CrimeLine {
    /// The source's own category, "Skadegörelsebrott".
    pub category: String,
    pub now: Shown,
    /// `None` when the year before has no figures for the same parts of the year.
    pub before: Option<Shown>,
    /// Per 100,000 residents, where the count and the population are shown.
    pub rate_now: Option<f64>,
    pub rate_before: Option<f64>,
    /// The change in the rate, with its interval, and the verdict.
    pub change: Option<(CountChange, OutcomeVerdict)>,
    /// Whether either year's figure is still preliminary.
    pub preliminary: bool,
}

/// Reported crime in the shown year against the year before, per 100,000 residents.
#[derive(Debug, Clone, PartialEq)]
pub struct CrimeRates {
    pub year: i32,
    pub basis: Basis,
    pub lines: Vec<CrimeLine>,
    /// The population the rates use: (its year, residents), for each year.
    pub residents_now: Option<(i32, u64)>,
    pub residents_before: Option<(i32, u64)>,
    pub synthetic: bool,
}

/// The picture of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// This year's days counted, and the same days a year before.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    pub lines: Vec<CategoryLine>,
    /// Whether any report counted is made-up demo data.
    pub synthetic: bool,
    /// The police's events beside the reports.
    pub police: PoliceEvents,
    /// Reported crime per 100,000 residents, if statistics are imported for the year.
    pub crime: Option<CrimeRates>,
}

impl Picture {
    /// Whether any report was counted in either period.
    pub fn is_empty(&self) -> bool {
        self.lines
            .iter()
            .all(|l| l.now == Shown::Count(0) && l.before == Shown::Count(0))
    }
}

/// The same day a year before (28 February for 29 February).
fn a_year_before(day: NaiveDate) -> NaiveDate {
    lofte_domain::calendar::same_day_in(day, day.year() - 1)
}

/// The picture of `year`: up to `today` for this year, the whole year for an earlier one.
pub async fn picture_of_year(
    tenant: &Tenant,
    year: i32,
    today: NaiveDate,
    audience: Audience,
) -> lofte_db::Result<Picture> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    picture(tenant, end.min(today), audience).await
}

/// The picture from 1 January of `as_of`'s year to `as_of`.
pub async fn picture(
    tenant: &Tenant,
    as_of: NaiveDate,
    audience: Audience,
) -> lofte_db::Result<Picture> {
    let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).expect("1 January exists");
    let (before_from, before_to) = (a_year_before(from), a_year_before(as_of));
    let (now, synthetic_now) = tenant.incident_counts(from, as_of).await?;
    let (before, synthetic_before) = tenant.incident_counts(before_from, before_to).await?;
    let count = |counts: &[(IncidentCategory, u64)], c: IncidentCategory| {
        counts.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| *n)
    };
    let shown = |n: u64| Shown::of(n, audience);
    let lines = IncidentCategory::all()
        .map(|category| {
            let (n_now, n_before) = (count(&now, category), count(&before, category));
            let (now, before) = (shown(n_now), shown(n_before));
            let held_back =
                matches!(now, Shown::FewerThan(_)) || matches!(before, Shown::FewerThan(_));
            let change = (!held_back).then(|| {
                let change = CountChange::between(n_before, n_now, ConfidenceLevel::DEFAULT);
                (change, change.verdict(Better::Lower))
            });
            CategoryLine {
                category,
                now,
                before,
                change,
            }
        })
        .collect();
    let police = police_events(tenant, (from, as_of), (before_from, before_to), shown).await?;
    let crime = crime_rates(tenant, as_of.year(), shown).await?;
    Ok(Picture {
        from,
        to: as_of,
        before_from,
        before_to,
        lines,
        synthetic: synthetic_now || synthetic_before,
        police,
        crime,
    })
}

/// The parts of `year` that have figures: the whole year if any, else its quarters, else
/// its half-years.
fn basis_of(counts: &[CrimeCount], year: i32) -> Option<Basis> {
    let of_year: Vec<_> = counts.iter().filter(|c| c.period.year == year).collect();
    if of_year.iter().any(|c| c.period.part == PeriodPart::Year) {
        return Some(Basis::Year);
    }
    let parts = |quarter: bool| -> Vec<u8> {
        let set: std::collections::BTreeSet<u8> = of_year
            .iter()
            .filter_map(|c| match c.period.part {
                PeriodPart::Quarter(n) if quarter => Some(n),
                PeriodPart::Half(n) if !quarter => Some(n),
                _ => None,
            })
            .collect();
        set.into_iter().collect()
    };
    let quarters = parts(true);
    if !quarters.is_empty() {
        return Some(Basis::Quarters(quarters));
    }
    let halves = parts(false);
    (!halves.is_empty()).then_some(Basis::Halves(halves))
}

fn in_basis(basis: &Basis, part: PeriodPart) -> bool {
    match (basis, part) {
        (Basis::Year, PeriodPart::Year) => true,
        (Basis::Quarters(q), PeriodPart::Quarter(n)) => q.contains(&n),
        (Basis::Halves(h), PeriodPart::Half(n)) => h.contains(&n),
        _ => false,
    }
}

/// Reported crime of `year` against the year before, over the same parts of the year, per
/// 100,000 residents; `None` without statistics for `year`.
async fn crime_rates(
    tenant: &Tenant,
    year: i32,
    shown: impl Fn(u64) -> Shown,
) -> lofte_db::Result<Option<CrimeRates>> {
    let counts = tenant.crime_counts(year - 1, year).await?;
    let Some(basis) = basis_of(&counts, year) else {
        return Ok(None);
    };
    let residents_now = tenant.residents(year).await?;
    let residents_before = tenant.residents(year - 1).await?;
    let in_period = |c: &&CrimeCount, y: i32| c.period.year == y && in_basis(&basis, c.period.part);
    let has_before = counts.iter().any(|c| in_period(&c, year - 1));
    let categories: std::collections::BTreeSet<&str> = counts
        .iter()
        .filter(|c| in_period(c, year))
        .map(|c| c.category.as_str())
        .collect();
    let sum = |category: &str, y: i32| -> (u64, bool) {
        counts
            .iter()
            .filter(|c| c.category == category && in_period(c, y))
            .fold((0, false), |(n, p), c| (n + c.count, p || c.preliminary))
    };
    let rate = |n: u64, residents: Option<(i32, u64, bool)>, shown: Shown| match shown {
        Shown::Count(_) => residents.and_then(|(_, r, _)| lofte_domain::crime::per_100k(n, r)),
        Shown::FewerThan(_) => None,
    };
    let mut lines: Vec<(u64, CrimeLine)> = categories
        .into_iter()
        .map(|category| {
            let (n_now, p_now) = sum(category, year);
            let (n_before, p_before) = sum(category, year - 1);
            let now = shown(n_now);
            let before = has_before.then(|| shown(n_before));
            let change = match (now, before, residents_now, residents_before) {
                (Shown::Count(_), Some(Shown::Count(_)), Some(rn), Some(rb)) => {
                    let change = CountChange::between(n_before, n_now, ConfidenceLevel::DEFAULT)
                        .per_exposure(rb.1, rn.1);
                    Some((change, change.verdict(Better::Lower)))
                }
                _ => None,
            };
            let line = CrimeLine {
                category: category.to_owned(),
                now,
                rate_now: rate(n_now, residents_now, now),
                rate_before: before.and_then(|b| rate(n_before, residents_before, b)),
                before,
                change,
                preliminary: p_now || (has_before && p_before),
            };
            (n_now, line)
        })
        .collect();
    lines.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.category.cmp(&b.1.category)));
    Ok(Some(CrimeRates {
        year,
        basis,
        lines: lines.into_iter().map(|(_, l)| l).collect(),
        residents_now: residents_now.map(|(y, r, _)| (y, r)),
        residents_before: residents_before.map(|(y, r, _)| (y, r)),
        synthetic: counts.iter().any(|c| c.synthetic) || residents_now.is_some_and(|(_, _, s)| s),
    }))
}

/// The police's events of both periods by type, counts shown as to the audience.
pub(crate) async fn police_events(
    tenant: &Tenant,
    now: (NaiveDate, NaiveDate),
    before: (NaiveDate, NaiveDate),
    shown: impl Fn(u64) -> Shown,
) -> lofte_db::Result<PoliceEvents> {
    let now = tenant.police_event_counts(now.0, now.1).await?;
    let before = tenant.police_event_counts(before.0, before.1).await?;
    let count = |counts: &lofte_db::police_events::EventCounts, kind: &str| {
        counts
            .by_kind
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(0, |(_, n)| *n)
    };
    let mut kinds: Vec<(&str, u64, u64)> = now
        .by_kind
        .iter()
        .chain(&before.by_kind)
        .map(|(kind, _)| kind.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|kind| (kind, count(&now, kind), count(&before, kind)))
        .collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    Ok(PoliceEvents {
        lines: kinds
            .into_iter()
            .map(|(kind, n_now, n_before)| EventLine {
                kind: kind.to_owned(),
                now: shown(n_now),
                before: shown(n_before),
            })
            .collect(),
        less_sure: now.less_sure + before.less_sure,
        synthetic: now.synthetic || before.synthetic,
    })
}

/// A commitment's incident indicator over a year so far against its baseline year over
/// the same days.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    pub change: CountChange,
    pub verdict: OutcomeVerdict,
    pub synthetic: bool,
}

/// The indicator in `year` (to `today` if the year is still running) against its
/// baseline year over the same days; `None` for a year that has not begun.
pub async fn indicator_change(
    tenant: &Tenant,
    indicator: &lofte_domain::incident::IncidentIndicator,
    year: i32,
    today: NaiveDate,
) -> lofte_db::Result<Option<IndicatorChange>> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists");
    if from > today {
        return Ok(None);
    }
    let to = NaiveDate::from_ymd_opt(year, 12, 31)
        .expect("31 December exists")
        .min(today);
    let baseline = indicator.baseline.get();
    let (before_from, before_to) = (
        lofte_domain::calendar::same_day_in(from, baseline),
        lofte_domain::calendar::same_day_in(to, baseline),
    );
    let (now, synthetic_now) = tenant.indicator_count(from, to, indicator).await?;
    let (before, synthetic_before) = tenant
        .indicator_count(before_from, before_to, indicator)
        .await?;
    let change = CountChange::between(before, now, ConfidenceLevel::DEFAULT);
    Ok(Some(IndicatorChange {
        from,
        to,
        before_from,
        before_to,
        verdict: change.verdict(indicator.better),
        change,
        synthetic: synthetic_now || synthetic_before,
    }))
}

impl From<&IndicatorChange> for lofte_domain::followup::FrozenIndicator {
    fn from(c: &IndicatorChange) -> Self {
        lofte_domain::followup::FrozenIndicator {
            format: lofte_domain::followup::FROZEN_INDICATOR_FORMAT,
            from: c.from,
            to: c.to,
            before_from: c.before_from,
            before_to: c.before_to,
            before: c.change.before,
            now: c.change.now,
            ratio: c.change.ratio,
            lower: c.change.lower,
            upper: c.change.upper.is_finite().then_some(c.change.upper),
            verdict: c.verdict.code().to_owned(),
            synthetic: c.synthetic,
        }
    }
}

/// Every commitment of `promise` measured by the picture, by its position: its
/// indicator over the year of `as_of` up to `as_of` against the baseline's same days.
pub async fn indicator_changes(
    tenant: &Tenant,
    promise: &lofte_domain::Promise,
    as_of: NaiveDate,
) -> lofte_db::Result<Vec<(usize, lofte_domain::followup::FrozenIndicator)>> {
    let mut measured = Vec::new();
    for (i, c) in promise.commitments.iter().enumerate() {
        let Some(indicator) = &c.indicator else {
            continue;
        };
        if let Some(change) = indicator_change(tenant, indicator, as_of.year(), as_of).await? {
            measured.push((i, (&change).into()));
        }
    }
    Ok(measured)
}

/// A commitment's indicator as `audience` may see it: for residents, a count below the
/// threshold is held back, and with it the change's interval (which would give the count
/// away); the verdict stays, as it says no more than "fewer than 5" does.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownIndicator {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    pub now: Shown,
    pub before: Shown,
    pub change: Option<CountChange>,
    pub verdict: OutcomeVerdict,
    pub synthetic: bool,
}

impl ShownIndicator {
    pub fn new(frozen: &lofte_domain::followup::FrozenIndicator, audience: Audience) -> Self {
        let shown = |n: u64| Shown::of(n, audience);
        let (now, before) = (shown(frozen.now), shown(frozen.before));
        let held_back = matches!(now, Shown::FewerThan(_)) || matches!(before, Shown::FewerThan(_));
        ShownIndicator {
            from: frozen.from,
            to: frozen.to,
            before_from: frozen.before_from,
            before_to: frozen.before_to,
            now,
            before,
            change: (!held_back).then(|| frozen.change()),
            verdict: OutcomeVerdict::from_code(&frozen.verdict)
                .unwrap_or(OutcomeVerdict::NotMeasurable),
            synthetic: frozen.synthetic,
        }
    }
}

/// A count as the API gives it: the number, or only that it is below the threshold.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountJson {
    Count(u64),
    /// Fewer than this many: residents are not told how many.
    FewerThan(u64),
}

impl From<Shown> for CountJson {
    fn from(shown: Shown) -> Self {
        match shown {
            Shown::Count(n) => CountJson::Count(n),
            Shown::FewerThan(n) => CountJson::FewerThan(n),
        }
    }
}

/// A change between two periods: the ratio now / before with its exact 95 % interval.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct ChangeJson {
    /// Absent when there were none before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    pub lower: f64,
    /// Absent (infinite) when there were none before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// `improved`, `no-detectable-change`, `worsened` or `not-measurable`.
    pub verdict: &'static str,
}

impl ChangeJson {
    pub fn of((change, verdict): &(CountChange, OutcomeVerdict)) -> Self {
        ChangeJson {
            ratio: change.ratio,
            lower: change.lower,
            upper: change.upper.is_finite().then_some(change.upper),
            verdict: verdict.code(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CategoryJson {
    /// `vandalism`, `graffiti`, … (`IncidentCategory::code`).
    pub category: &'static str,
    pub now: CountJson,
    pub before: CountJson,
    /// Absent where a count is held back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeJson>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct EventKindJson {
    /// The police's own type, "Skadegörelse".
    pub kind: String,
    pub now: CountJson,
    pub before: CountJson,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct CrimeJson {
    /// The category as the crime statistics name it.
    pub category: String,
    pub now: CountJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<CountJson>,
    /// Per 100,000 residents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_now: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_before: Option<f64>,
    pub preliminary: bool,
    /// The change in the rate per resident.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeJson>,
}

/// The situation picture of a period as open data: aggregates only, every count below
/// the threshold held back, never a report's text or point.
#[derive(Debug, Clone, PartialEq, serde::Serialize, utoipa::ToSchema)]
pub struct SituationJson {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    /// Counts below this are given as `fewer_than`.
    pub threshold: u64,
    /// Some reports counted are made-up demo data.
    pub synthetic: bool,
    pub categories: Vec<CategoryJson>,
    pub police_events: Vec<EventKindJson>,
    /// Police events assigned by the title or the point only.
    pub police_events_less_sure: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub crime: Vec<CrimeJson>,
}

impl From<&Picture> for SituationJson {
    fn from(p: &Picture) -> Self {
        SituationJson {
            from: p.from,
            to: p.to,
            before_from: p.before_from,
            before_to: p.before_to,
            threshold: PUBLIC_THRESHOLD,
            synthetic: p.synthetic || p.police.synthetic,
            categories: p
                .lines
                .iter()
                .map(|l| CategoryJson {
                    category: l.category.code(),
                    now: l.now.into(),
                    before: l.before.into(),
                    change: l.change.as_ref().map(ChangeJson::of),
                })
                .collect(),
            police_events: p
                .police
                .lines
                .iter()
                .map(|l| EventKindJson {
                    kind: l.kind.clone(),
                    now: l.now.into(),
                    before: l.before.into(),
                })
                .collect(),
            police_events_less_sure: p.police.less_sure,
            crime: p
                .crime
                .iter()
                .flat_map(|c| &c.lines)
                .map(|l| CrimeJson {
                    category: l.category.clone(),
                    now: l.now.into(),
                    before: l.before.map(Into::into),
                    rate_now: l.rate_now,
                    rate_before: l.rate_before,
                    preliminary: l.preliminary,
                    change: l.change.as_ref().map(ChangeJson::of),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_days_a_year_before() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(a_year_before(d(2024, 2, 29)), d(2023, 2, 28));
        assert_eq!(a_year_before(d(2024, 5, 17)), d(2023, 5, 17));
    }
}
