//! The tertial analysis of the situation picture: what the coordinator writes about a
//! tertial's reports, published with the figures it was written about. Like a published
//! follow-up it says what it said: the figures are frozen in their own stored format
//! when it is published, every count whole; each surface holds back from residents what
//! they may not see.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Tertial, Year};
use crate::problem::Problem;

/// The stored format's number, written in every row as `format`.
pub const FROZEN_PICTURE_FORMAT: u32 = 1;

/// The longest text of an analysis, in characters.
pub const MAX_TEXT: usize = 10_000;

/// A tertial's figures as an analysis froze them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenPicture {
    pub format: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    /// Every category, by [`crate::incident::IncidentCategory::code`].
    pub categories: Vec<FrozenLine>,
    /// The police's events by their own type.
    pub police: Vec<FrozenLine>,
    /// Police events assigned by the title or the point only.
    pub police_less_sure: u64,
    /// The places with the most reports in the tertial, most first.
    pub hot_places: Vec<FrozenPlace>,
    /// Whether any report or event counted was made-up demo data.
    pub synthetic: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenLine {
    pub key: String,
    pub now: u64,
    pub before: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenPlace {
    pub slug: String,
    pub n: u64,
}

impl FrozenPicture {
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a picture serialises")
    }

    /// Reads a stored picture; anything but this format whole is [`Problem::Malformed`].
    pub fn from_stored(stored: &str) -> Result<Self, Problem> {
        let frozen: FrozenPicture =
            serde_json::from_str(stored).map_err(|e| Problem::Malformed {
                detail: e.to_string(),
            })?;
        if frozen.format != FROZEN_PICTURE_FORMAT {
            return Err(Problem::Malformed {
                detail: format!("a frozen picture of format {}", frozen.format),
            });
        }
        Ok(frozen)
    }
}

/// What the coordinator wrote: the analysis (empty only in a draft) and, if any, what
/// the parties will do next.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub analysis: Option<crate::Text>,
    pub next_steps: Option<crate::Text>,
}

impl Texts {
    /// Reads the form's two texts; publishing needs an analysis. Every problem is named
    /// by its field, `analysis` or `next_steps`.
    pub fn parse(
        analysis: &str,
        next_steps: &str,
        publishing: bool,
    ) -> Result<Texts, Vec<crate::FieldError>> {
        let mut errors = Vec::new();
        let mut read = |field: &str, raw: &str, required: bool| {
            if raw.trim().is_empty() {
                if required {
                    errors.push(crate::FieldError::new(field, Problem::Required));
                }
                return None;
            }
            crate::Text::parse(raw, MAX_TEXT)
                .map_err(|p| errors.push(crate::FieldError::new(field, p)))
                .ok()
        };
        let texts = Texts {
            analysis: read("analysis", analysis, publishing),
            next_steps: read("next_steps", next_steps, false),
        };
        if errors.is_empty() {
            Ok(texts)
        } else {
            Err(errors)
        }
    }
}

/// The days a tertial's analysis covers: the tertial, up to `today` while it runs; and
/// the same days a year before. `None` for a tertial that has not begun.
pub fn period(
    year: Year,
    tertial: Tertial,
    today: NaiveDate,
) -> Option<((NaiveDate, NaiveDate), (NaiveDate, NaiveDate))> {
    let (from, last) = tertial.dates(year);
    if from > today {
        return None;
    }
    let to = last.min(today);
    let before = |d: NaiveDate| crate::calendar::same_day_in(d, chrono::Datelike::year(&d) - 1);
    Some(((from, to), (before(from), before(to))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tertial_runs_to_today_and_compares_with_the_same_days() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let y2024 = Year::new(2024).unwrap();
        assert_eq!(
            period(y2024, Tertial::T1, day(2024, 2, 29)),
            Some((
                (day(2024, 1, 1), day(2024, 2, 29)),
                (day(2023, 1, 1), day(2023, 2, 28))
            ))
        );
        assert_eq!(
            period(y2024, Tertial::T2, day(2025, 1, 10)),
            Some((
                (day(2024, 5, 1), day(2024, 8, 31)),
                (day(2023, 5, 1), day(2023, 8, 31))
            ))
        );
        assert_eq!(period(y2024, Tertial::T3, day(2024, 8, 31)), None);
    }

    #[test]
    fn only_the_whole_format_is_read() {
        let frozen = FrozenPicture {
            format: FROZEN_PICTURE_FORMAT,
            from: NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2024, 8, 31).unwrap(),
            before_from: NaiveDate::from_ymd_opt(2023, 5, 1).unwrap(),
            before_to: NaiveDate::from_ymd_opt(2023, 8, 31).unwrap(),
            categories: vec![FrozenLine {
                key: "graffiti".into(),
                now: 3,
                before: 12,
            }],
            police: vec![],
            police_less_sure: 0,
            hot_places: vec![FrozenPlace {
                slug: "torget".into(),
                n: 9,
            }],
            synthetic: false,
        };
        assert_eq!(
            FrozenPicture::from_stored(&frozen.to_stored()),
            Ok(frozen.clone())
        );
        let other = frozen.to_stored().replace("\"format\":1", "\"format\":2");
        assert!(FrozenPicture::from_stored(&other).is_err());
        assert!(FrozenPicture::from_stored("{\"format\":1}").is_err());
    }
}
