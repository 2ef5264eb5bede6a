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

/// The stored format's number of [`FrozenIndicator`], written in every row as `format`.
pub const FROZEN_INDICATOR_FORMAT: u32 = 1;

/// A commitment's incident indicator as a report froze it: the two periods' counts, the
/// change with its interval and the verdict, as computed when it was published. Every
/// count is kept whole; the surfaces hold back what residents may not see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenIndicator {
    /// Always [`FROZEN_INDICATOR_FORMAT`].
    pub format: u32,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub before_from: chrono::NaiveDate,
    pub before_to: chrono::NaiveDate,
    pub before: u64,
    pub now: u64,
    /// `now / before`; `None` when there were none before.
    pub ratio: Option<f64>,
    pub lower: f64,
    /// `None` (infinite) when there were none before.
    pub upper: Option<f64>,
    /// A [`crate::stats::OutcomeVerdict::code`].
    pub verdict: String,
    /// Whether any report counted was made-up demo data.
    pub synthetic: bool,
}

impl FrozenIndicator {
    /// The stored text.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("an indicator serialises")
    }

    /// Reads a stored indicator; anything but this format whole is [`Problem::Malformed`].
    pub fn from_stored(stored: &str) -> Result<Self, Problem> {
        let frozen: FrozenIndicator =
            serde_json::from_str(stored).map_err(|e| Problem::Malformed {
                detail: e.to_string(),
            })?;
        if frozen.format != FROZEN_INDICATOR_FORMAT {
            return Err(Problem::Malformed {
                detail: format!("a frozen indicator of format {}", frozen.format),
            });
        }
        Ok(frozen)
    }

    /// The change as computed when it was frozen.
    pub fn change(&self) -> crate::stats::CountChange {
        crate::stats::CountChange {
            before: self.before,
            now: self.now,
            ratio: self.ratio,
            lower: self.lower,
            upper: self.upper.unwrap_or(f64::INFINITY),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike as _;

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

    #[test]
    fn a_frozen_indicator_reads_back_with_its_infinite_bound() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2021, m, d).unwrap();
        let frozen = FrozenIndicator {
            format: FROZEN_INDICATOR_FORMAT,
            from: day(1, 1),
            to: day(8, 31),
            before_from: day(1, 1).with_year(2020).unwrap(),
            before_to: day(8, 31).with_year(2020).unwrap(),
            before: 0,
            now: 7,
            ratio: None,
            lower: 1.6,
            upper: None,
            verdict: "worsened".into(),
            synthetic: false,
        };
        let read = FrozenIndicator::from_stored(&frozen.to_stored()).unwrap();
        assert_eq!(read, frozen);
        assert!(read.change().upper.is_infinite());
        let other = frozen.to_stored().replace("\"format\":1", "\"format\":2");
        assert!(FrozenIndicator::from_stored(&other).is_err());
        assert!(FrozenIndicator::from_stored(r#"{"format":1}"#).is_err());
    }
}
