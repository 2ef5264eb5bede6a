//! What measures a commitment in the situation picture.

use chrono::NaiveTime;

use crate::incident_category::IncidentCategory;
use crate::place::PlaceSlug;

/// What a commitment is measured by in the situation picture: the reports of some
/// categories, at some places (all when none are named) and hours, this year against a
/// baseline year over the same days, fewer (or more) counting as better.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentIndicator {
    /// Never empty, no repeats, in the categories' own order.
    pub categories: Vec<IncidentCategory>,
    /// The places whose reports count; all when empty.
    pub places: Vec<PlaceSlug>,
    /// The hours whose reports count (by the hour they began); all when `None`. Reports
    /// without a time of day count only when no hours are named.
    pub hours: Option<crate::condition::Hours>,
    pub baseline: crate::calendar::Year,
    pub better: crate::stats::Better,
}

impl IncidentIndicator {
    /// The local hours (0–23) whose reports count, by the hour's start.
    pub fn counted_hours(&self) -> Option<Vec<u32>> {
        self.hours.map(|h| {
            (0..24)
                .filter(|hour| {
                    h.contains(NaiveTime::from_hms_opt(*hour, 0, 0).expect("an hour of the day"))
                })
                .collect()
        })
    }
}
