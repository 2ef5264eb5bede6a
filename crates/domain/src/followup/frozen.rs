//! The figures a published report froze, in their own stored format.
//!
//! A report says what it said: its figures are stored with it when it is published and
//! never counted again. They are stored in this format, not the API's, so that renaming a
//! field of the API cannot change what an old report says; the API and the pages map
//! from it. The format is strict (every field present, no unknown field) and carries a
//! number, so a row that is not this format is found, not half-read; migration m0022
//! rewrote the rows stored before it.

use serde::{Deserialize, Serialize};

use crate::problem::Problem;

/// The stored format's number, written in every row as `format`.
pub const FROZEN_FORMAT: u32 = 1;

/// One commitment's figures as a report froze them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenFigures {
    /// Always [`FROZEN_FORMAT`].
    pub format: u32,
    /// The commitment's position in the promise, from 0.
    pub commitment: usize,
    /// The activity types counted, at least one.
    pub activities: Vec<String>,
    /// [`crate::Measure::code`]: `count`, `participants`, `minutes` or `places`.
    pub measure: String,
    /// [`crate::Per::code`]: `span` or `year`.
    pub per: String,
    pub actual: u32,
    pub target: Option<u32>,
    /// The year `actual` and `target` are for, when a number is promised per year.
    pub year: Option<i32>,
    pub years: Vec<FrozenYear>,
    pub expected: Option<f64>,
    pub forecast: Option<f64>,
    /// A [`super::ProgressStatus`] or [`super::Verdict`] code, or `not-assessed`.
    pub status: String,
    pub in_emphasis: Option<u32>,
    pub by_year: Vec<FrozenCount<i32>>,
    /// Months as `YYYY-MM`.
    pub by_month: Vec<FrozenCount<String>>,
    /// Place slugs; `None` for activities without a place.
    pub by_place: Vec<FrozenCount<Option<String>>>,
    /// [`super::Exclusion::code`]s.
    pub excluded: Vec<FrozenCount<String>>,
    /// What the previous published report said and the same period counted when this
    /// one was published.
    pub revised: Option<FrozenRevision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenYear {
    pub year: i32,
    pub actual: u32,
    pub target: u32,
    pub status: String,
}

/// A number of counted activities (or of the measure) for one key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenCount<K> {
    pub key: K,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenRevision {
    pub year: i32,
    /// `t1`, `t2` or `t3`.
    pub period: String,
    pub was: u32,
    pub now: u32,
}

impl FrozenFigures {
    /// The stored text.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("figures serialise")
    }

    /// Reads stored figures; anything but this format whole is [`Problem::Malformed`].
    pub fn from_stored(stored: &str) -> Result<Self, Problem> {
        let figures: FrozenFigures =
            serde_json::from_str(stored).map_err(|e| Problem::Malformed {
                detail: e.to_string(),
            })?;
        if figures.format != FROZEN_FORMAT || figures.activities.is_empty() {
            return Err(Problem::Malformed {
                detail: format!("frozen figures of format {}", figures.format),
            });
        }
        Ok(figures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes_per_year() -> FrozenFigures {
        FrozenFigures {
            format: FROZEN_FORMAT,
            commitment: 2,
            activities: vec!["foot_patrol".into(), "bicycle_patrol".into()],
            measure: "minutes".into(),
            per: "year".into(),
            actual: 610,
            target: Some(1200),
            year: Some(2024),
            years: vec![FrozenYear {
                year: 2024,
                actual: 610,
                target: 1200,
                status: "at-risk".into(),
            }],
            expected: Some(700.5),
            forecast: Some(1010.0),
            status: "at-risk".into(),
            in_emphasis: None,
            by_year: vec![FrozenCount {
                key: 2024,
                count: 610,
            }],
            by_month: vec![FrozenCount {
                key: "2024-03".into(),
                count: 610,
            }],
            by_place: vec![FrozenCount {
                key: None,
                count: 610,
            }],
            excluded: vec![],
            revised: Some(FrozenRevision {
                year: 2024,
                period: "t1".into(),
                was: 400,
                now: 430,
            }),
        }
    }

    #[test]
    fn stored_figures_read_back_as_they_were() {
        let f = minutes_per_year();
        assert_eq!(FrozenFigures::from_stored(&f.to_stored()), Ok(f));
    }

    #[test]
    fn anything_but_the_whole_format_is_refused() {
        let stored: serde_json::Value =
            serde_json::from_str(&minutes_per_year().to_stored()).unwrap();
        let with = |change: &dyn Fn(&mut serde_json::Map<String, serde_json::Value>)| {
            let mut v = stored.clone();
            change(v.as_object_mut().unwrap());
            FrozenFigures::from_stored(&v.to_string())
        };
        // The API's shape before m0022: no format, `activity`, no `by_place`.
        assert!(
            with(&|m| {
                m.remove("format");
            })
            .is_err()
        );
        assert!(
            with(&|m| {
                m.insert("activity".into(), "foot_patrol".into());
            })
            .is_err()
        );
        assert!(
            with(&|m| {
                m.remove("by_place");
            })
            .is_err()
        );
        assert!(
            with(&|m| {
                m.insert("format".into(), 2.into());
            })
            .is_err()
        );
        assert!(
            with(&|m| {
                m.insert("activities".into(), serde_json::json!([]));
            })
            .is_err()
        );
    }
}
