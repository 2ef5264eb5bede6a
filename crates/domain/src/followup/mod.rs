//! The follow-up engine: from logged activities to figures and a suggested status, per
//! tertial and for the year. Pure functions over local (Europe/Stockholm) dates; the
//! callers convert timestamps at the edge.
//!
//! Two vocabularies are kept apart on purpose, because residents read "stalled" as
//! "broken" when they are mixed: a [`ProgressStatus`] describes a year under way, a
//! [`Verdict`] the year after it ended.

mod entry;
mod frozen;
mod progress;
mod report;

use chrono::{NaiveDate, NaiveTime};

use crate::activity::ActivityTypeCode;
use crate::calendar::{Year, YearSpan};
use crate::condition::{Measure, Outside};
use crate::place::{Place, PlaceSlug};
use crate::promise::{Party, PlaceScope, Target};

pub use entry::*;
pub use frozen::*;
pub use progress::*;
pub use report::*;

/// Who carried out a logged activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Performer {
    Police,
    Municipality,
    Partner(String),
}

/// One logged piece of work, as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub activity_type: ActivityTypeCode,
    pub performer: Performer,
    /// The local (Swedish) date it took place.
    pub date: NaiveDate,
    /// The local time it started, for targets that count only some hours.
    pub time: NaiveTime,
    pub duration_minutes: Option<u32>,
    pub place: Option<PlaceSlug>,
    /// How many people took part, where someone counted them.
    pub participants: Option<u32>,
}

/// Why an activity does not count toward a target; said to staff on the progress page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
pub enum Exclusion {
    OtherType,
    OtherParty,
    OutsidePeriod,
    /// In a month, on a weekday or at an hour the target does not count.
    OutsideMonths,
    OutsideWeekdays,
    OutsideHours,
    /// The target requires a method, or counts minutes, and the activity has no
    /// duration.
    NoDuration,
    /// Shorter or longer than the method's window.
    OutsideMethodWindow,
    OutsideScope,
    /// The target counts participants and none were recorded.
    NoParticipants,
    /// The target counts places and the activity has none.
    NoPlace,
}

impl Exclusion {
    pub fn code(self) -> &'static str {
        match self {
            Exclusion::OtherType => "other-type",
            Exclusion::OtherParty => "other-party",
            Exclusion::OutsidePeriod => "outside-period",
            Exclusion::OutsideMonths => "outside-months",
            Exclusion::OutsideWeekdays => "outside-weekdays",
            Exclusion::OutsideHours => "outside-hours",
            Exclusion::NoDuration => "no-duration",
            Exclusion::OutsideMethodWindow => "outside-method-window",
            Exclusion::OutsideScope => "outside-scope",
            Exclusion::NoParticipants => "no-participants",
            Exclusion::NoPlace => "no-place",
        }
    }
}

fn in_scope(scope: &PlaceScope, place: Option<&PlaceSlug>, places: &[Place]) -> bool {
    match scope {
        PlaceScope::Anywhere => true,
        PlaceScope::OutlyingVillages => place.is_some_and(|slug| is_outlying(slug, places)),
        PlaceScope::Places(slugs) => place.is_some_and(|slug| {
            slugs.contains(slug)
                || places
                    .iter()
                    .find(|p| &p.slug == slug)
                    .and_then(|p| p.within.as_ref())
                    .is_some_and(|parent| slugs.contains(parent))
        }),
    }
}

/// A place is in an outlying village if it is one, or lies within one.
fn is_outlying(slug: &PlaceSlug, places: &[Place]) -> bool {
    let Some(place) = places.iter().find(|p| &p.slug == slug) else {
        return false;
    };
    place.outlying
        || place
            .within
            .as_ref()
            .and_then(|w| places.iter().find(|p| &p.slug == w))
            .is_some_and(|p| p.outlying)
}

/// Whether `activity` counts toward `target` of a commitment made by `party` in
/// `period`, and if not, the first reason why. An activity counts iff it meets every
/// condition: type, party, period, calendar window, method, place, and has what the
/// measure measures.
pub fn counts(
    target: &Target,
    party: &Party,
    period: YearSpan,
    activity: &Activity,
    places: &[Place],
) -> Result<(), Exclusion> {
    if !target.counts_type(&activity.activity_type) {
        return Err(Exclusion::OtherType);
    }
    let party_matches = match (party, &activity.performer) {
        (Party::Together, _) => true,
        (Party::Police, Performer::Police) => true,
        (Party::Municipality, Performer::Municipality) => true,
        (Party::Partner(name), Performer::Partner(p)) => name.as_str() == p,
        _ => false,
    };
    if !party_matches {
        return Err(Exclusion::OtherParty);
    }
    if !Year::of(activity.date).is_some_and(|y| period.contains(y)) {
        return Err(Exclusion::OutsidePeriod);
    }
    target
        .when
        .check(activity.date.and_time(activity.time))
        .map_err(|outside| match outside {
            Outside::Months => Exclusion::OutsideMonths,
            Outside::Weekdays => Exclusion::OutsideWeekdays,
            Outside::Hours => Exclusion::OutsideHours,
        })?;
    if let Some(method) = &target.method {
        match activity.duration_minutes {
            None => return Err(Exclusion::NoDuration),
            Some(minutes) if !method.admits(minutes) => {
                return Err(Exclusion::OutsideMethodWindow);
            }
            Some(_) => {}
        }
    }
    if !in_scope(&target.scope, activity.place.as_ref(), places) {
        return Err(Exclusion::OutsideScope);
    }
    match target.measure {
        Measure::Count => {}
        Measure::Participants if activity.participants.is_none() => {
            return Err(Exclusion::NoParticipants);
        }
        Measure::Minutes if activity.duration_minutes.is_none() => {
            return Err(Exclusion::NoDuration);
        }
        Measure::Places if activity.place.is_none() => return Err(Exclusion::NoPlace),
        Measure::Participants | Measure::Minutes | Measure::Places => {}
    }
    Ok(())
}

/// What one counting activity adds to the target's measure (places are counted apart,
/// as distinct places).
fn amount(measure: Measure, activity: &Activity) -> u32 {
    match measure {
        Measure::Count | Measure::Places => 1,
        Measure::Participants => activity.participants.unwrap_or(0),
        Measure::Minutes => activity.duration_minutes.unwrap_or(0),
    }
}

impl Performer {
    /// Reads "police", "municipality" or "partner:NAME", and the words other systems
    /// write for them ("Polisen", "polis", "Kommunen", "kommun", "partner: NAME").
    pub fn parse(raw: &str) -> Result<Performer, crate::problem::Problem> {
        let trimmed = raw.trim();
        // The codes themselves without allocating: an import reads one per row.
        match trimmed {
            "police" => return Ok(Performer::Police),
            "municipality" => return Ok(Performer::Municipality),
            _ => {}
        }
        let word = trimmed.to_lowercase();
        match word.as_str() {
            "police" | "polisen" | "polis" => Ok(Performer::Police),
            "municipality" | "kommunen" | "kommun" => Ok(Performer::Municipality),
            _ => match trimmed.split_once(':') {
                Some((tag, name))
                    if matches!(
                        tag.trim().to_lowercase().as_str(),
                        "partner" | "samverkanspart"
                    ) && !name.trim().is_empty() =>
                {
                    Ok(Performer::Partner(name.trim().to_owned()))
                }
                _ => Err(crate::problem::Problem::NotOneOf {
                    value: raw.to_owned(),
                    allowed: "police (polisen), municipality (kommunen), partner:NAMN".to_owned(),
                }),
            },
        }
    }

    /// The form stored and exchanged ("police", "municipality", "partner:<name>"),
    /// without allocating for the two parties (an import writes it for every row).
    pub fn as_text(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Performer::Police => "police".into(),
            Performer::Municipality => "municipality".into(),
            Performer::Partner(p) => format!("partner:{p}").into(),
        }
    }

    pub fn as_string(&self) -> String {
        self.as_text().into_owned()
    }
}
