//! Did the work go where the problems are: for each commitment with both a target (the
//! work) and an incident indicator (the problem), the domain's check
//! ([`lofte_domain::targeting`]) over the year up to a day, from the reports of the
//! indicator's categories anywhere and at any hour (the hot spots and hours are found in
//! the data, not taken from the indicator's own places and hours).

use chrono::{Datelike as _, NaiveDate};
use lofte_db::Tenant;
use lofte_domain::followup::{Activity, counting};
use lofte_domain::targeting::{Problems, Share, Targeting, targeting};
use lofte_domain::{Place, Promise};
use serde::Serialize;
use utoipa::ToSchema;

use crate::situation::{Audience, PUBLIC_THRESHOLD};

/// The check for every commitment of `promise` that has a target and an indicator, by
/// position, over 1 January of `as_of`'s year to `as_of`; `activities` are the logged
/// work of the targets' types.
pub async fn targeting_of(
    tenant: &Tenant,
    promise: &Promise,
    activities: &[Activity],
    places: &[Place],
    as_of: NaiveDate,
) -> lofte_db::Result<Vec<(usize, Targeting)>> {
    let aimed: Vec<usize> = promise
        .commitments
        .iter()
        .enumerate()
        .filter(|(_, c)| c.target.is_some() && c.indicator.is_some())
        .map(|(i, _)| i)
        .collect();
    if aimed.is_empty() {
        return Ok(Vec::new());
    }
    let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).expect("1 January exists");
    let days = tenant.incident_day_counts(from, as_of).await?;
    let wheres = tenant.incident_where_counts(from, as_of).await?;
    Ok(aimed
        .into_iter()
        .map(|i| {
            let c = &promise.commitments[i];
            let (target, indicator) = (
                c.target.as_ref().expect("filtered above"),
                c.indicator.as_ref().expect("filtered above"),
            );
            let problems = Problems {
                by_place: wheres
                    .iter()
                    .filter(|w| indicator.categories.contains(&w.category))
                    .filter_map(|w| Some((w.place.clone()?, w.n)))
                    .collect(),
                by_hour: days
                    .iter()
                    .filter(|d| indicator.categories.contains(&d.category))
                    .filter_map(|d| Some((d.day.weekday(), d.hour?, d.n)))
                    .collect(),
            };
            let counted = counting(
                target,
                &c.party,
                promise.years,
                activities,
                places,
                (from, as_of),
            );
            (i, targeting(&problems, &counted, places, &target.when))
        })
        .collect())
}

/// A share of the counted work as the API gives it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ShareJson {
    pub within: u32,
    pub of: u32,
    /// 95 % exact interval of the share `within / of`.
    pub lower: f64,
    pub upper: f64,
    /// The share an even spread would have given.
    pub expected: f64,
    /// `more-than-even`, `as-even`, `less-than-even` or `not-measurable`.
    pub aim: &'static str,
}

impl From<&Share> for ShareJson {
    fn from(s: &Share) -> Self {
        ShareJson {
            within: s.within,
            of: s.of,
            lower: s.lower,
            upper: s.upper,
            expected: s.expected,
            aim: s.aim().code(),
        }
    }
}

/// An hour of the week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct HourJson {
    /// 1 (Monday) to 7 (Sunday).
    pub weekday: u32,
    /// The hour's start, 0–23.
    pub hour: u32,
}

/// Did the work go where the problems are: the counted activities' shares at the hot
/// spots, in the hot hours and both, against an even spread.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TargetingJson {
    /// Position of the commitment in the promise, from 0.
    pub commitment: usize,
    /// The places that held at least half of the reports with a place, most first; for
    /// residents only those with at least `threshold` reports.
    pub hot_places: Vec<String>,
    /// How many hot spots are not named (held back below the threshold).
    pub hot_places_unnamed: usize,
    /// The hours of the week that held at least half of the reports with a time.
    pub hot_hours: Vec<HourJson>,
    /// Absent with too few reports with a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub places: Option<ShareJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<ShareJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub both: Option<ShareJson>,
    /// Counted work without a place, outside the places' share.
    pub without_place: u32,
}

impl TargetingJson {
    pub fn new(commitment: usize, t: &Targeting, audience: Audience) -> Self {
        let (named, unnamed) = named_hot_places(t, audience);
        TargetingJson {
            commitment,
            hot_places: named.iter().map(ToString::to_string).collect(),
            hot_places_unnamed: unnamed,
            hot_hours: t
                .hot
                .hours
                .iter()
                .map(|(day, hour)| HourJson {
                    weekday: day.number_from_monday(),
                    hour: *hour,
                })
                .collect(),
            places: t.places.as_ref().map(Into::into),
            hours: t.hours.as_ref().map(Into::into),
            both: t.both.as_ref().map(Into::into),
            without_place: t.without_place,
        }
    }
}

/// The hot spots `audience` may see named, and how many others there are: residents are
/// not told of a place with fewer than [`PUBLIC_THRESHOLD`] reports.
pub fn named_hot_places(
    t: &Targeting,
    audience: Audience,
) -> (Vec<&lofte_domain::PlaceSlug>, usize) {
    let named: Vec<_> = t
        .hot
        .places
        .iter()
        .filter(|(_, n)| audience == Audience::Staff || *n >= PUBLIC_THRESHOLD)
        .map(|(slug, _)| slug)
        .collect();
    let unnamed = t.hot.places.len() - named.len();
    (named, unnamed)
}
