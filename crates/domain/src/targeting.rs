//! Did the work go where the problems are? For a commitment measured by incident reports
//! and counted by logged work, the share of the counted activities that fell in the hot
//! spots and the hot hours of its categories' reports, against the share an even spread
//! would have given.
//!
//! The hot spots are the fewest places that together hold at least half of the reports
//! with a place (most first), and the hot hours the fewest hours of the week (weekday ×
//! hour) that hold at least half of the reports with a time. Work at a place within a hot
//! spot is in it. An even spread would put work at every place of the municipality alike
//! and in every hour the target counts alike; the expected share is the hot part of those.
//! The share has its exact interval, and is called above or below even only when the
//! whole interval is.

use chrono::{Datelike as _, NaiveDate, NaiveTime, Weekday};

use crate::condition::When;
use crate::followup::Activity;
use crate::place::{Place, PlaceSlug};
use crate::stats::{ConfidenceLevel, exact_share_interval};

/// Below this many reports with a place (or with a time) there are no hot spots (hours)
/// to speak of: half of a handful is chance.
pub const MIN_REPORTS: u64 = 20;

/// The reports of the indicator's categories over the period, as the check reads them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems {
    /// Reports per place, for reports that named one.
    pub by_place: Vec<(PlaceSlug, u64)>,
    /// Reports per weekday and starting hour (0–23), for reports with a time of day.
    pub by_hour: Vec<(Weekday, u32, u64)>,
}

/// Where and when the problems were greatest.
#[derive(Debug, Clone, PartialEq)]
pub struct Hot {
    /// With their reports, most first; empty with fewer than [`MIN_REPORTS`] reports
    /// with a place.
    pub places: Vec<(PlaceSlug, u64)>,
    /// Reports with a place, and how many of them at the hot spots.
    pub place_reports: u64,
    pub at_places: u64,
    /// (weekday, hour), most reports first; empty with fewer than [`MIN_REPORTS`].
    pub hours: Vec<(Weekday, u32)>,
    /// How many hours of the week the target counts (168 for every hour).
    pub week: usize,
    pub hour_reports: u64,
    pub in_hours: u64,
}

/// The fewest keys, most first, holding at least half of the total (ties by key order,
/// so the answer does not depend on the order the counts came in).
fn fewest_holding_half<K: Clone + Ord>(counts: &[(K, u64)]) -> (Vec<(K, u64)>, u64, u64) {
    let mut merged: std::collections::BTreeMap<K, u64> = Default::default();
    for (k, n) in counts {
        *merged.entry(k.clone()).or_default() += n;
    }
    let total: u64 = merged.values().sum();
    if total < MIN_REPORTS {
        return (Vec::new(), total, 0);
    }
    let mut sorted: Vec<(K, u64)> = merged.into_iter().filter(|(_, n)| *n > 0).collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let (mut hot, mut held) = (Vec::new(), 0);
    for (k, n) in sorted {
        if 2 * held >= total {
            break;
        }
        held += n;
        hot.push((k, n));
    }
    (hot, total, held)
}

impl Hot {
    fn of(problems: &Problems, week: usize) -> Hot {
        let (places, place_reports, at_places) = fewest_holding_half(&problems.by_place);
        let hours: Vec<((u32, u32), u64)> = problems
            .by_hour
            .iter()
            .map(|(day, hour, n)| ((day.num_days_from_monday(), *hour), *n))
            .collect();
        let (hours, hour_reports, in_hours) = fewest_holding_half(&hours);
        Hot {
            places,
            place_reports,
            at_places,
            hours: hours
                .into_iter()
                .map(|((day, hour), _)| (weekday(day), hour))
                .collect(),
            week,
            hour_reports,
            in_hours,
        }
    }

    /// Whether `slug` is a hot spot or lies within one.
    fn covers(&self, slug: &PlaceSlug, places: &[Place]) -> bool {
        let hot = |s: &PlaceSlug| self.places.iter().any(|(p, _)| p == s);
        hot(slug)
            || places
                .iter()
                .find(|p| &p.slug == slug)
                .and_then(|p| p.within.as_ref())
                .is_some_and(hot)
    }

    fn in_hot_hours(&self, day: NaiveDate, time: NaiveTime) -> bool {
        use chrono::Timelike as _;
        self.hours.contains(&(day.weekday(), time.hour()))
    }
}

fn weekday(from_monday: u32) -> Weekday {
    Weekday::try_from(u8::try_from(from_monday % 7).expect("below 7")).expect("a weekday")
}

/// The share of the counted work in the hot part, with its exact 95 % interval, and the
/// share an even spread would have given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share {
    pub within: u32,
    pub of: u32,
    pub lower: f64,
    pub upper: f64,
    pub expected: f64,
}

/// Whether the work went to the problems more than an even spread would have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aim {
    /// The whole interval above the even share.
    MoreThanEven,
    /// The interval holds the even share: no telling apart from an even spread.
    AsEven,
    /// The whole interval below it.
    LessThanEven,
    /// No work counted, or no hot part to compare with.
    NotMeasurable,
}

impl Aim {
    pub fn code(self) -> &'static str {
        match self {
            Aim::MoreThanEven => "more-than-even",
            Aim::AsEven => "as-even",
            Aim::LessThanEven => "less-than-even",
            Aim::NotMeasurable => "not-measurable",
        }
    }
}

impl Share {
    fn new(within: u32, of: u32, expected: f64) -> Share {
        let (lower, upper) =
            exact_share_interval(u64::from(within), u64::from(of), ConfidenceLevel::DEFAULT);
        Share {
            within,
            of,
            lower,
            upper,
            expected,
        }
    }

    pub fn share(&self) -> Option<f64> {
        (self.of > 0).then(|| f64::from(self.within) / f64::from(self.of))
    }

    pub fn aim(&self) -> Aim {
        if self.of == 0 || self.expected <= 0.0 || self.expected >= 1.0 {
            Aim::NotMeasurable
        } else if self.lower > self.expected {
            Aim::MoreThanEven
        } else if self.upper < self.expected {
            Aim::LessThanEven
        } else {
            Aim::AsEven
        }
    }
}

/// The check for one commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Targeting {
    pub hot: Hot,
    /// Counted work with a place, at the hot spots; `None` without hot spots.
    pub places: Option<Share>,
    /// Counted work in the hot hours; `None` without hot hours.
    pub hours: Option<Share>,
    /// Counted work at a hot spot in a hot hour; `None` without either.
    pub both: Option<Share>,
    /// Counted work without a place, outside the place share.
    pub without_place: u32,
}

/// The hours of the week (weekday, hour) whose work `window` can count, by the hour's
/// start; months are a matter of the year, not the week, and are left aside.
fn hours_of_week(window: &When) -> Vec<(Weekday, u32)> {
    let week = When {
        months: Vec::new(),
        ..window.clone()
    };
    // 1 January 2024 was a Monday.
    let monday = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    (0..7u32)
        .flat_map(|day| (0..24u32).map(move |hour| (day, hour)))
        .filter(|&(day, hour)| {
            let at = (monday + chrono::Duration::days(i64::from(day)))
                .and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("an hour"));
            week.check(at).is_ok()
        })
        .map(|(day, hour)| (weekday(day), hour))
        .collect()
}

/// The check of `counted` (the work that counts toward the target over the period) against
/// the period's `problems`; `window` is the target's calendar window, `places` the
/// municipality's.
pub fn targeting(
    problems: &Problems,
    counted: &[&Activity],
    places: &[Place],
    window: &When,
) -> Targeting {
    let week = hours_of_week(window);
    let hot = Hot::of(problems, week.len());
    let placed: Vec<&&Activity> = counted.iter().filter(|a| a.place.is_some()).collect();
    let at_hot_place = |a: &Activity| a.place.as_ref().is_some_and(|p| hot.covers(p, places));
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let place_expected = if places.is_empty() {
        0.0
    } else {
        places
            .iter()
            .filter(|p| hot.covers(&p.slug, places))
            .count() as f64
            / places.len() as f64
    };
    let hour_expected = if week.is_empty() {
        0.0
    } else {
        week.iter().filter(|h| hot.hours.contains(h)).count() as f64 / week.len() as f64
    };
    let places_share = (!hot.places.is_empty()).then(|| {
        Share::new(
            count(placed.iter().filter(|a| at_hot_place(a)).count()),
            count(placed.len()),
            place_expected,
        )
    });
    let hours_share = (!hot.hours.is_empty()).then(|| {
        Share::new(
            count(
                counted
                    .iter()
                    .filter(|a| hot.in_hot_hours(a.date, a.time))
                    .count(),
            ),
            count(counted.len()),
            hour_expected,
        )
    });
    let both = (!hot.places.is_empty() && !hot.hours.is_empty()).then(|| {
        Share::new(
            count(
                placed
                    .iter()
                    .filter(|a| at_hot_place(a) && hot.in_hot_hours(a.date, a.time))
                    .count(),
            ),
            count(placed.len()),
            place_expected * hour_expected,
        )
    });
    Targeting {
        places: places_share,
        hours: hours_share,
        both,
        without_place: count(counted.len() - placed.len()),
        hot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hot_part_is_the_fewest_holding_half() {
        let slug = |s: &str| PlaceSlug::parse(s).unwrap();
        let problems = Problems {
            by_place: vec![
                (slug("torget"), 12),
                (slug("stationen"), 9),
                (slug("parken"), 5),
                (slug("skolan"), 4),
            ],
            by_hour: vec![(Weekday::Fri, 22, 10), (Weekday::Sat, 23, 5)],
        };
        let hot = Hot::of(&problems, 168);
        // 12 of 30 is not half; 21 is.
        assert_eq!(hot.places, [(slug("torget"), 12), (slug("stationen"), 9)]);
        assert_eq!((hot.place_reports, hot.at_places), (30, 21));
        assert!(hot.hours.is_empty(), "15 reports with a time are too few");
    }

    #[test]
    fn the_even_share_counts_only_the_hours_the_target_counts() {
        let evenings = When::new(
            Vec::new(),
            vec![Weekday::Fri, Weekday::Sat],
            Some(
                crate::condition::Hours::new(
                    NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
                )
                .unwrap(),
            ),
        )
        .unwrap();
        let week = hours_of_week(&evenings);
        assert_eq!(week.len(), 12, "{week:?}");
        assert!(
            week.contains(&(Weekday::Sat, 1)),
            "Friday's night runs into Saturday"
        );
        assert!(!week.contains(&(Weekday::Fri, 1)));
    }
}
