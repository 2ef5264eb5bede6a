//! Progress of a promise's commitments, computed by the domain's follow-up engine from
//! the logged activities. The public page and the API both call [`promise_progress`], so
//! they cannot show different numbers.

use chrono::NaiveDate;
use lofte_db::{StoredPromise, Tenant};
use lofte_domain::followup::{
    FROZEN_FORMAT, FrozenCount, FrozenFigures, FrozenIndicator, FrozenRevision, FrozenYear,
    Suggestion, assess_in, progress,
};
use lofte_domain::{ActivityTypeCode, Place};
use serde::Serialize;
use utoipa::ToSchema;

use crate::situation::{
    Audience, ChangeJson, CountJson, PUBLIC_THRESHOLD, ShownIndicator, indicator_changes,
};

/// One commitment's figures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommitmentProgress {
    /// Position of the commitment in the promise, from 0.
    pub commitment: usize,
    /// Activity type counted, e.g. "traffic_control" (the first, where several count).
    pub activity: String,
    /// Every activity type counted.
    pub activities: Vec<String>,
    /// What is counted: "count" (activities), "participants", "minutes" or "places".
    pub measure: String,
    /// "span": the number is for the whole period; "year": for each year of it, and
    /// `actual`, `target`, `expected` and `forecast` are then the current year's (the
    /// last year's once the period is over), with every year in `years`.
    pub per: String,
    /// The measure so far.
    pub actual: u32,
    /// The promised number, if any.
    pub target: Option<u32>,
    /// The year `actual` and `target` are for, for a number promised for each year.
    pub year: Option<i32>,
    /// Each year's figures, for a number promised for each year.
    pub years: Vec<YearProgress>,
    /// What an even pace would have reached by `as_of`.
    pub expected: Option<f64>,
    /// Where the present pace leads by the end of the period.
    pub forecast: Option<f64>,
    /// "on-track", "at-risk", "behind", "not-started" during the period; "kept",
    /// "partly-kept", "not-kept" after it; "not-assessed" without a number.
    pub status: String,
    /// Counting activities in the target's emphasis area (e.g. the outlying villages).
    pub in_emphasis: Option<u32>,
    /// The measure per year of the promise's span (every year, zeros included); for a
    /// number promised for the whole span, how it was reached year by year.
    pub by_year: Vec<YearCount>,
    /// Counting activities per month, "YYYY-MM".
    pub by_month: Vec<MonthCount>,
    /// Counting activities per place, most first; reports published before places were
    /// counted have none.
    pub by_place: Vec<PlaceCount>,
    /// Activities of the type that do not count, by reason.
    pub excluded: Vec<ExclusionCount>,
    /// In a follow-up: the previous published report's figure, which work logged,
    /// corrected or deleted afterwards has changed (that report keeps what it said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<Revision>,
}

/// What a published report said for its period, and what the same period counts now.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Revision {
    pub year: i32,
    /// `t1`, `t2` or `t3`.
    pub period: String,
    pub was: u32,
    pub now: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearProgress {
    pub year: i32,
    pub actual: u32,
    pub target: u32,
    /// As the commitment's `status`, for this year alone.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearCount {
    pub year: i32,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthCount {
    pub month: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlaceCount {
    /// The place's slug, e.g. "malmkoping"; `null` for activities logged without a place.
    pub place: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExclusionCount {
    /// "outside-method-window", "no-duration", "outside-scope", "other-party", …
    pub reason: String,
    pub count: u32,
}

/// What a report freezes when it is published: the figures in their stored format.
impl From<&CommitmentProgress> for FrozenFigures {
    fn from(p: &CommitmentProgress) -> Self {
        let counts = |pairs: &[MonthCount]| {
            pairs
                .iter()
                .map(|m| FrozenCount {
                    key: m.month.clone(),
                    count: m.count,
                })
                .collect()
        };
        FrozenFigures {
            format: FROZEN_FORMAT,
            commitment: p.commitment,
            activities: p.activities.clone(),
            measure: p.measure.clone(),
            per: p.per.clone(),
            actual: p.actual,
            target: p.target,
            year: p.year,
            years: p
                .years
                .iter()
                .map(|y| FrozenYear {
                    year: y.year,
                    actual: y.actual,
                    target: y.target,
                    status: y.status.clone(),
                })
                .collect(),
            expected: p.expected,
            forecast: p.forecast,
            status: p.status.clone(),
            in_emphasis: p.in_emphasis,
            by_year: p
                .by_year
                .iter()
                .map(|y| FrozenCount {
                    key: y.year,
                    count: y.count,
                })
                .collect(),
            by_month: counts(&p.by_month),
            by_place: p
                .by_place
                .iter()
                .map(|c| FrozenCount {
                    key: c.place.clone(),
                    count: c.count,
                })
                .collect(),
            excluded: p
                .excluded
                .iter()
                .map(|e| FrozenCount {
                    key: e.reason.clone(),
                    count: e.count,
                })
                .collect(),
            revised: p.revised.as_ref().map(|r| FrozenRevision {
                year: r.year,
                period: r.period.clone(),
                was: r.was,
                now: r.now,
            }),
        }
    }
}

/// A published report's figures as the API and the pages show them.
impl From<&FrozenFigures> for CommitmentProgress {
    fn from(f: &FrozenFigures) -> Self {
        CommitmentProgress {
            commitment: f.commitment,
            activity: f.activities.first().cloned().unwrap_or_default(),
            activities: f.activities.clone(),
            measure: f.measure.clone(),
            per: f.per.clone(),
            actual: f.actual,
            target: f.target,
            year: f.year,
            years: f
                .years
                .iter()
                .map(|y| YearProgress {
                    year: y.year,
                    actual: y.actual,
                    target: y.target,
                    status: y.status.clone(),
                })
                .collect(),
            expected: f.expected,
            forecast: f.forecast,
            status: f.status.clone(),
            in_emphasis: f.in_emphasis,
            by_year: f
                .by_year
                .iter()
                .map(|c| YearCount {
                    year: c.key,
                    count: c.count,
                })
                .collect(),
            by_month: f
                .by_month
                .iter()
                .map(|c| MonthCount {
                    month: c.key.clone(),
                    count: c.count,
                })
                .collect(),
            by_place: f
                .by_place
                .iter()
                .map(|c| PlaceCount {
                    place: c.key.clone(),
                    count: c.count,
                })
                .collect(),
            excluded: f
                .excluded
                .iter()
                .map(|c| ExclusionCount {
                    reason: c.key.clone(),
                    count: c.count,
                })
                .collect(),
            revised: f.revised.as_ref().map(|r| Revision {
                year: r.year,
                period: r.period.clone(),
                was: r.was,
                now: r.now,
            }),
        }
    }
}

/// A promise's progress as of a date.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PromiseProgress {
    /// The date the figures are counted up to (the period's last day once it is over).
    pub as_of: NaiveDate,
    /// Whether any counted activity is synthetic demo data.
    pub synthetic: bool,
    pub commitments: Vec<CommitmentProgress>,
    /// The commitments measured by the situation picture, as residents may see them.
    pub indicators: Vec<IndicatorProgress>,
    /// The same, with every count (for staff, and for a report to freeze); by position.
    #[serde(skip)]
    pub measured: Vec<(usize, FrozenIndicator)>,
    /// For each commitment with a target and an indicator: did the work go where the
    /// problems are (the year of `as_of` up to it), as residents may see it.
    pub targeting: Vec<crate::targeting::TargetingJson>,
    /// The same, whole; by position.
    #[serde(skip)]
    pub aimed: Vec<(usize, lofte_domain::targeting::Targeting)>,
}

/// A commitment's incident indicator: the reports counted in the year up to `to`
/// against the baseline year's same days, the change with its 95 % interval and the
/// verdict. Residents are not told a count below `threshold`, nor then the interval.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct IndicatorProgress {
    /// Position of the commitment in the promise, from 0.
    pub commitment: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    pub threshold: u64,
    pub now: CountJson,
    pub before: CountJson,
    /// Absent where a count is held back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeJson>,
    /// `improved`, `no-detectable-change`, `worsened` or `not-measurable`.
    pub verdict: &'static str,
    /// Some reports counted are made-up demo data.
    pub synthetic: bool,
}

impl IndicatorProgress {
    /// The indicator as residents may see it.
    pub fn public(commitment: usize, frozen: &FrozenIndicator) -> Self {
        let shown = ShownIndicator::new(frozen, Audience::Public);
        IndicatorProgress {
            commitment,
            from: shown.from,
            to: shown.to,
            before_from: shown.before_from,
            before_to: shown.before_to,
            threshold: PUBLIC_THRESHOLD,
            now: shown.now.into(),
            before: shown.before.into(),
            change: shown.change.map(|c| ChangeJson::of(&(c, shown.verdict))),
            verdict: shown.verdict.code(),
            synthetic: shown.synthetic,
        }
    }
}

/// What publishing a report freezes, by commitment id: each target's figures and each
/// indicator, whole.
pub fn frozen(
    commitment_ids: &[i32],
    figures: &[CommitmentProgress],
    measured: &[(usize, FrozenIndicator)],
) -> lofte_db::Frozen {
    lofte_db::Frozen {
        figures: figures
            .iter()
            .map(|f| (commitment_ids[f.commitment], f.into()))
            .collect(),
        indicators: measured
            .iter()
            .map(|(i, m)| (commitment_ids[*i], m.clone()))
            .collect(),
        announcements: Vec::new(),
    }
}

/// Today in Sweden.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
}

fn status_code(s: Suggestion) -> &'static str {
    match s {
        Suggestion::Progress(s) => s.code(),
        Suggestion::Verdict(v) => v.code(),
        Suggestion::NotAssessed => "not-assessed",
    }
}

pub async fn promise_progress(
    tenant: &Tenant,
    stored: &StoredPromise,
    places: &[Place],
    today: NaiveDate,
) -> lofte_db::Result<PromiseProgress> {
    let p = &stored.promise;
    let period_end = p.years.last_day();
    let as_of = today.min(period_end);
    let mut types: Vec<ActivityTypeCode> = p
        .commitments
        .iter()
        .filter_map(|c| c.target.as_ref())
        .flat_map(|t| t.activities.iter().cloned())
        .collect();
    types.sort();
    types.dedup();
    let (activities, synthetic) = if types.is_empty() {
        (Vec::new(), false)
    } else {
        tenant.activities(p.years, &types).await?
    };
    let commitments = p
        .commitments
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            // Every numeric target has figures, from nothing logged on: "0 av 100" with the
            // engine's status is the truth, and hiding it read as if nothing was promised.
            let target = c.target.as_ref()?;
            let pr = progress(target, &c.party, p.years, &activities, places, as_of);
            // After the period, judge on the whole period; `today` decides the verdict.
            let assessment = target
                .at_least
                .map(|n| assess_in(n, target.per, p.years, &pr, today, &target.when));
            let f = assessment.as_ref().map(|a| a.figures);
            let status = f.map_or("not-assessed", |f| status_code(f.suggestion));
            Some(CommitmentProgress {
                commitment: i,
                activity: target.activities[0].to_string(),
                activities: target.activities.iter().map(ToString::to_string).collect(),
                measure: target.measure.code().to_owned(),
                per: target.per.code().to_owned(),
                actual: f.map_or(pr.actual, |f| f.actual),
                target: target.at_least,
                year: assessment.as_ref().and_then(|a| a.year).map(|y| y.get()),
                years: assessment
                    .iter()
                    .flat_map(|a| &a.years)
                    .map(|y| YearProgress {
                        year: y.year.get(),
                        actual: y.figures.actual,
                        target: y.figures.target,
                        status: status_code(y.figures.suggestion).to_owned(),
                    })
                    .collect(),
                expected: f.map(|f| (f.expected * 10.0).round() / 10.0),
                forecast: f.map(|f| (f.forecast * 10.0).round() / 10.0),
                status: status.to_owned(),
                in_emphasis: target.emphasis.as_ref().map(|_| pr.in_emphasis),
                by_year: p
                    .years
                    .years()
                    .map(|y| YearCount {
                        year: y.get(),
                        count: pr.by_year.get(&y.get()).copied().unwrap_or(0),
                    })
                    .collect(),
                by_month: pr
                    .by_month
                    .iter()
                    .map(|((y, m), n)| MonthCount {
                        month: format!("{y}-{m:02}"),
                        count: *n,
                    })
                    .collect(),
                by_place: {
                    let mut places: Vec<PlaceCount> = pr
                        .by_place
                        .iter()
                        .map(|(slug, n)| PlaceCount {
                            place: slug.as_ref().map(ToString::to_string),
                            count: *n,
                        })
                        .collect();
                    // Most first; ties in the order of the slugs (stable sort).
                    places.sort_by_key(|p| std::cmp::Reverse(p.count));
                    places
                },
                excluded: pr
                    .excluded
                    .iter()
                    .map(|(reason, n)| ExclusionCount {
                        reason: reason.code().to_owned(),
                        count: *n,
                    })
                    .collect(),
                revised: None,
            })
        })
        .collect();
    let measured = indicator_changes(tenant, p, as_of).await?;
    let aimed = crate::targeting::targeting_of(tenant, p, &activities, places, as_of).await?;
    Ok(PromiseProgress {
        targeting: aimed
            .iter()
            .map(|(i, t)| crate::targeting::TargetingJson::new(*i, t, Audience::Public))
            .collect(),
        aimed,
        as_of,
        synthetic,
        commitments,
        indicators: measured
            .iter()
            .map(|(i, frozen)| IndicatorProgress::public(*i, frozen))
            .collect(),
        measured,
    })
}
