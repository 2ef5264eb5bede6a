//! Progress of a promise's commitments, computed by the domain's follow-up engine from
//! the logged activities. The public page and the API both call [`promise_progress`], so
//! they cannot show different numbers.

use chrono::NaiveDate;
use lofte_db::{StoredPromise, Tenant};
use lofte_domain::followup::{Suggestion, figures, progress};
use lofte_domain::{ActivityTypeCode, Place};
use serde::Serialize;
use utoipa::ToSchema;

/// One commitment's figures.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct CommitmentProgress {
    /// Position of the commitment in the promise, from 0.
    pub commitment: usize,
    /// Activity type counted, e.g. "traffic_control".
    pub activity: String,
    /// Counting activities so far.
    pub actual: u32,
    /// The promised number, if any.
    pub target: Option<u32>,
    /// What an even pace would have reached by `as_of`.
    pub expected: Option<f64>,
    /// Where the present pace leads by the end of the period.
    pub forecast: Option<f64>,
    /// "on-track", "at-risk", "behind", "not-started" during the period; "kept",
    /// "partly-kept", "not-kept" after it; "not-assessed" without a number.
    pub status: String,
    /// Counting activities in the target's emphasis area (e.g. the outlying villages).
    pub in_emphasis: Option<u32>,
    /// Counting activities per month, "YYYY-MM".
    pub by_month: Vec<MonthCount>,
    /// Counting activities per place, most first; reports frozen before this field
    /// existed have none.
    #[serde(default)]
    pub by_place: Vec<PlaceCount>,
    /// Activities of the type that do not count, by reason.
    pub excluded: Vec<ExclusionCount>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct MonthCount {
    pub month: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct PlaceCount {
    /// The place's slug, e.g. "malmkoping"; `null` for activities logged without a place.
    pub place: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct ExclusionCount {
    /// "outside-method-window", "no-duration", "outside-scope", "other-party", …
    pub reason: String,
    pub count: u32,
}

/// A promise's progress as of a date.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PromiseProgress {
    /// The date the figures are counted up to (the period's last day once it is over).
    pub as_of: NaiveDate,
    /// Whether any counted activity is synthetic demo data.
    pub synthetic: bool,
    pub commitments: Vec<CommitmentProgress>,
}

/// Today in Sweden.
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
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
        .filter_map(|c| c.target.as_ref().map(|t| t.activity.clone()))
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
            let f = target
                .at_least
                .map(|n| figures(n, p.years, pr.actual, today));
            let status = match f.map(|f| f.suggestion) {
                Some(Suggestion::Progress(s)) => s.code(),
                Some(Suggestion::Verdict(v)) => v.code(),
                Some(Suggestion::NotAssessed) | None => "not-assessed",
            };
            Some(CommitmentProgress {
                commitment: i,
                activity: target.activity.to_string(),
                actual: pr.actual,
                target: target.at_least,
                expected: f.map(|f| (f.expected * 10.0).round() / 10.0),
                forecast: f.map(|f| (f.forecast * 10.0).round() / 10.0),
                status: status.to_owned(),
                in_emphasis: target.emphasis.as_ref().map(|_| pr.in_emphasis),
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
            })
        })
        .collect();
    Ok(PromiseProgress {
        as_of,
        synthetic,
        commitments,
    })
}
