//! When and where the reported problems are: the last weeks against the same weeks a year
//! before, a time-of-week grid (weekday × hour), and the hot spots (places, and points
//! gathered into cells), for one category or all.
//!
//! Residents see the same aggregates with the picture's threshold: a cell or a week below
//! it is "fewer than 5", the grid in four-hour blocks so that counts can reach it, and no
//! hot spot below it at all (naming a place with two reports can point at a person), its
//! point the centre of a cell, never a report's own.

use chrono::{Datelike as _, Duration, NaiveDate};
use lofte_db::Tenant;
use lofte_db::incidents::{DayCount, WhereCount};
use lofte_domain::incident::IncidentCategory;
use lofte_domain::{Coordinates, Place, PlaceSlug};

use crate::situation::{Audience, PUBLIC_THRESHOLD, Shown};

/// How many weeks the picture lists.
pub const WEEKS: usize = 8;
/// How many hot spots it lists.
pub const HOT_SPOTS: usize = 10;

/// One ISO week against the same week number a year before.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekLine {
    pub year: i32,
    pub week: u32,
    /// The week's days within the period.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub now: Shown,
    pub before: Shown,
}

/// Reports by weekday (Monday first) and time of day.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Hours a column: 1 for staff, 4 for residents.
    pub hours_per_column: u32,
    /// Seven rows of `24 / hours_per_column` cells.
    pub rows: Vec<Vec<Shown>>,
    /// Reports that gave no time of day, so are not in the grid.
    pub without_time: u64,
    /// The largest count in a cell, for shading.
    pub max: u64,
}

/// A place (or a cell of points) with many reports.
#[derive(Debug, Clone, PartialEq)]
pub struct HotSpot {
    /// The place's slug; `None` for a cell of points.
    pub place: Option<PlaceSlug>,
    /// The place's point, or the cell's centre.
    pub point: Option<Coordinates>,
    pub n: u64,
}

/// When and where, for one category or all.
#[derive(Debug, Clone, PartialEq)]
pub struct WhenWhere {
    pub category: Option<IncidentCategory>,
    pub weeks: Vec<WeekLine>,
    pub grid: Grid,
    pub hot_spots: Vec<HotSpot>,
}

/// The picture's detail for the days `from` to `to` (the weeks compared with a year
/// before), for `category` or all.
pub async fn when_where(
    tenant: &Tenant,
    (from, to): (NaiveDate, NaiveDate),
    category: Option<IncidentCategory>,
    places: &[Place],
    audience: Audience,
) -> lofte_db::Result<WhenWhere> {
    let keep = |c: IncidentCategory| category.is_none_or(|k| k == c);
    let days: Vec<DayCount> = tenant
        .incident_day_counts(from, to)
        .await?
        .into_iter()
        .filter(|d| keep(d.category))
        .collect();
    let weeks = last_weeks(from, to);
    let (first, last) = (
        weeks.first().map_or(from, |w| w.0),
        weeks.last().map_or(to, |w| w.1),
    );
    let before: Vec<DayCount> = tenant
        .incident_day_counts(
            same_week_a_year_before(first),
            same_week_a_year_before(last) + Duration::days(6),
        )
        .await?
        .into_iter()
        .filter(|d| keep(d.category))
        .collect();
    let wheres: Vec<WhereCount> = tenant
        .incident_where_counts(from, to)
        .await?
        .into_iter()
        .filter(|w| keep(w.category))
        .collect();
    let shown = |n: u64| Shown::of(n, audience);
    Ok(WhenWhere {
        category,
        weeks: week_lines(&weeks, &days, &before, shown),
        grid: grid(&days, audience, shown),
        hot_spots: hot_spots(&wheres, places, audience),
    })
}

/// The Monday of `day`'s ISO week.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The same ISO week number's Monday in the ISO year before (week 53 becomes 52).
fn same_week_a_year_before(monday: NaiveDate) -> NaiveDate {
    let w = monday.iso_week();
    NaiveDate::from_isoywd_opt(w.year() - 1, w.week(), chrono::Weekday::Mon)
        .or_else(|| NaiveDate::from_isoywd_opt(w.year() - 1, 52, chrono::Weekday::Mon))
        .expect("week 52 exists in every ISO year")
}

/// The last [`WEEKS`] ISO weeks of the period, oldest first, each cut to the period.
fn last_weeks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut weeks = Vec::new();
    let mut start = monday(to);
    while weeks.len() < WEEKS && start + Duration::days(6) >= from {
        weeks.push((start.max(from), (start + Duration::days(6)).min(to)));
        start -= Duration::days(7);
    }
    weeks.reverse();
    weeks
}

fn week_lines(
    weeks: &[(NaiveDate, NaiveDate)],
    days: &[DayCount],
    before: &[DayCount],
    shown: impl Fn(u64) -> Shown,
) -> Vec<WeekLine> {
    let sum = |counts: &[DayCount], from: NaiveDate, to: NaiveDate| -> u64 {
        counts
            .iter()
            .filter(|d| (from..=to).contains(&d.day))
            .map(|d| d.n)
            .sum()
    };
    weeks
        .iter()
        .map(|&(from, to)| {
            let then = same_week_a_year_before(monday(from));
            // The same weekdays of that week as this week's days in the period.
            let offset = (from - monday(from), to - monday(from));
            let w = from.iso_week();
            WeekLine {
                year: w.year(),
                week: w.week(),
                from,
                to,
                now: shown(sum(days, from, to)),
                before: shown(sum(before, then + offset.0, then + offset.1)),
            }
        })
        .collect()
}

fn grid(days: &[DayCount], audience: Audience, shown: impl Fn(u64) -> Shown) -> Grid {
    let hours_per_column = match audience {
        Audience::Staff => 1,
        Audience::Public => 4,
    };
    let columns = (24 / hours_per_column) as usize;
    let mut counts = vec![vec![0_u64; columns]; 7];
    let mut without_time = 0;
    for d in days {
        match d.hour {
            Some(hour) if hour < 24 => {
                let row = d.day.weekday().num_days_from_monday() as usize;
                counts[row][(hour / hours_per_column) as usize] += d.n;
            }
            _ => without_time += d.n,
        }
    }
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    Grid {
        hours_per_column,
        rows: counts
            .into_iter()
            .map(|row| row.into_iter().map(&shown).collect())
            .collect(),
        without_time,
        max,
    }
}

fn hot_spots(wheres: &[WhereCount], places: &[Place], audience: Audience) -> Vec<HotSpot> {
    let mut spots: Vec<HotSpot> = Vec::new();
    let mut add = |place: Option<&PlaceSlug>, point: Option<Coordinates>, n: u64| match spots
        .iter_mut()
        .find(|s| s.place.as_ref() == place && s.point == point)
    {
        Some(spot) => spot.n += n,
        None => spots.push(HotSpot {
            place: place.cloned(),
            point,
            n,
        }),
    };
    for w in wheres {
        match (&w.place, w.point) {
            // A report at a place counts for the place, shown at the place's point.
            (Some(slug), _) => {
                let point = places
                    .iter()
                    .find(|p| &p.slug == slug)
                    .map(|p| p.coordinates);
                add(Some(slug), point, w.n);
            }
            // Points alone gather into cells of about 280 × 290 m.
            (None, Some(point)) => add(None, Some(point.coarsened()), w.n),
            (None, None) => {}
        }
    }
    spots.retain(|s| audience == Audience::Staff || s.n >= PUBLIC_THRESHOLD);
    spots.sort_by(|a, b| {
        b.n.cmp(&a.n).then_with(|| {
            a.place
                .as_ref()
                .map(PlaceSlug::as_str)
                .cmp(&b.place.as_ref().map(PlaceSlug::as_str))
        })
    });
    spots.truncate(HOT_SPOTS);
    spots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn count(day: NaiveDate, hour: Option<u32>, n: u64) -> DayCount {
        DayCount {
            day,
            hour,
            category: IncidentCategory::Graffiti,
            n,
        }
    }

    #[test]
    fn the_last_weeks_are_cut_to_the_period_and_compared_with_the_same_week_numbers() {
        // 2024-01-01 is a Monday; week 3 of 2024 against week 3 of 2023 (16–22 January).
        let weeks = last_weeks(d(2024, 1, 1), d(2024, 1, 17));
        assert_eq!(
            weeks,
            [
                (d(2024, 1, 1), d(2024, 1, 7)),
                (d(2024, 1, 8), d(2024, 1, 14)),
                (d(2024, 1, 15), d(2024, 1, 17))
            ]
        );
        assert_eq!(same_week_a_year_before(d(2024, 1, 15)), d(2023, 1, 16));
        // Week 53 of 2020 has no twin in 2019: week 52.
        assert_eq!(same_week_a_year_before(d(2020, 12, 28)), d(2019, 12, 23));
        let now = [
            count(d(2024, 1, 15), Some(22), 3),
            count(d(2024, 1, 17), None, 1),
        ];
        let before = [
            count(d(2023, 1, 16), Some(21), 2),
            // Thursday: later in the week than this week's part.
            count(d(2023, 1, 19), Some(21), 5),
        ];
        let lines = week_lines(&weeks, &now, &before, Shown::Count);
        assert_eq!(lines[2].week, 3);
        assert_eq!(
            (lines[2].now, lines[2].before),
            (Shown::Count(4), Shown::Count(2))
        );
    }

    #[test]
    fn the_grid_by_hour_for_staff_and_by_four_hours_for_residents() {
        let days = [
            count(d(2024, 5, 13), Some(22), 3), // Monday 22
            count(d(2024, 5, 20), Some(23), 3), // Monday 23
            count(d(2024, 5, 18), Some(1), 1),  // Saturday 01
            count(d(2024, 5, 18), None, 2),
        ];
        let staff = grid(&days, Audience::Staff, Shown::Count);
        assert_eq!(staff.rows[0][22], Shown::Count(3));
        assert_eq!(staff.rows[5][1], Shown::Count(1));
        assert_eq!((staff.without_time, staff.max), (2, 3));
        let held = |n: u64| {
            if n < 5 {
                Shown::FewerThan(5)
            } else {
                Shown::Count(n)
            }
        };
        let public = grid(&days, Audience::Public, held);
        assert_eq!(public.rows[0].len(), 6);
        assert_eq!(public.rows[0][5], Shown::Count(6), "20–24 on Mondays");
        assert_eq!(public.rows[5][0], Shown::FewerThan(5));
    }

    #[test]
    fn hot_spots_gather_points_and_residents_see_none_below_the_threshold() {
        let slug = PlaceSlug::parse("stationsomradet").unwrap();
        // A cell's centre, and a point a few metres from it in the same cell.
        let near = Coordinates::new(59.05, 17.31).unwrap().coarsened();
        let also_near = Coordinates::new(near.lat() + 0.0001, near.lon() + 0.0001).unwrap();
        let wheres = [
            WhereCount {
                place: Some(slug.clone()),
                point: None,
                category: IncidentCategory::Graffiti,
                n: 6,
            },
            WhereCount {
                place: None,
                point: Some(near),
                category: IncidentCategory::Graffiti,
                n: 2,
            },
            WhereCount {
                place: None,
                point: Some(also_near),
                category: IncidentCategory::Fire,
                n: 1,
            },
        ];
        let staff = hot_spots(&wheres, &[], Audience::Staff);
        assert_eq!(staff.len(), 2);
        assert_eq!((staff[0].place.as_ref(), staff[0].n), (Some(&slug), 6));
        assert_eq!(staff[1].n, 3, "two points in one cell");
        assert_eq!(staff[1].point, Some(near.coarsened()));
        let public = hot_spots(&wheres, &[], Audience::Public);
        assert_eq!(public.len(), 1);
    }
}
