//! What promises say about *when* work counts and *what* is counted, beyond the activity
//! type: "kontroller på torsdagar och söndagar i januari–april", "fredag–lördag
//! 20–02", "en trafiksäkerhetsdag varje år", "antal deltagare", "antal orter".
//!
//! The types parse from the exchange format's words (`"thu"`, `"20:00"`, `"year"`,
//! `"participants"`) and refuse anything else with a [`Problem`] that lists the allowed
//! words, so a month 13 or a weekday "fre" never reaches the engine.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::problem::Problem;

/// Weekdays as the exchange format writes them, Monday first.
pub const WEEKDAY_CODES: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

pub fn weekday_code(day: Weekday) -> &'static str {
    WEEKDAY_CODES[day.num_days_from_monday() as usize].0
}

pub fn parse_weekday(raw: &str) -> Result<Weekday, Problem> {
    one_of(&WEEKDAY_CODES, |(code, _)| code, raw).map(|(_, day)| day)
}

/// The value whose word is `raw`, or a problem that lists the words allowed.
fn one_of<T: Copy>(all: &[T], word: impl Fn(T) -> &'static str, raw: &str) -> Result<T, Problem> {
    all.iter()
        .copied()
        .find(|v| word(*v) == raw.trim())
        .ok_or_else(|| Problem::NotOneOf {
            value: raw.to_owned(),
            allowed: all.iter().map(|v| word(*v)).collect::<Vec<_>>().join(", "),
        })
}

/// Hours of the day in which work counts, from `from` (inclusive) to `to` (exclusive).
/// A window with `to` before `from` runs across midnight ("20:00–02:00") and belongs to
/// the day it starts: work at 01:00 on a Saturday is Friday night's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl Hours {
    pub fn new(from: NaiveTime, to: NaiveTime) -> Result<Self, Problem> {
        if from == to {
            return Err(Problem::EmptyHours);
        }
        Ok(Self { from, to })
    }

    /// Parses "HH:MM" (24:00 is not a time of day; a window ending at midnight ends at
    /// "00:00").
    pub fn parse_time(raw: &str) -> Result<NaiveTime, Problem> {
        let raw = raw.trim();
        let (h, m) = raw.split_once(':').ok_or(Problem::Time)?;
        let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || m.len() != 2 || !digits(m) {
            return Err(Problem::Time);
        }
        NaiveTime::from_hms_opt(
            h.parse().map_err(|_| Problem::Time)?,
            m.parse().map_err(|_| Problem::Time)?,
            0,
        )
        .ok_or(Problem::Time)
    }

    pub fn crosses_midnight(&self) -> bool {
        self.to < self.from
    }

    /// Whether a time of day falls in the window.
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.crosses_midnight() {
            time >= self.from || time < self.to
        } else {
            self.from <= time && time < self.to
        }
    }

    /// The day a moment's window started on: the day before for the small hours of a
    /// window across midnight.
    pub fn day_of(&self, at: NaiveDateTime) -> NaiveDate {
        if self.crosses_midnight() && at.time() < self.to {
            at.date() - Duration::days(1)
        } else {
            at.date()
        }
    }
}

/// A calendar window: months, weekdays and hours, each optional. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct When {
    /// Months 1–12, ascending, no repeats.
    pub months: Vec<u32>,
    /// Weekdays, Monday first, no repeats.
    pub weekdays: Vec<Weekday>,
    pub hours: Option<Hours>,
}

/// Which part of a calendar window a moment falls outside of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    Months,
    Weekdays,
    Hours,
}

impl When {
    pub fn is_always(&self) -> bool {
        self.months.is_empty() && self.weekdays.is_empty() && self.hours.is_none()
    }

    /// Whether work can count on `day` at all: its month and weekday are in the window
    /// (the hours are not a matter of days). The even pace runs over these days only.
    pub fn open_on(&self, day: chrono::NaiveDate) -> bool {
        use chrono::Datelike as _;
        (self.months.is_empty() || self.months.contains(&day.month()))
            && (self.weekdays.is_empty() || self.weekdays.contains(&day.weekday()))
    }

    /// Builds a window, sorting and de-duplicating months and weekdays.
    pub fn new(
        mut months: Vec<u32>,
        weekdays: Vec<Weekday>,
        hours: Option<Hours>,
    ) -> Result<Self, Problem> {
        if months.iter().any(|m| !(1..=12).contains(m)) {
            return Err(Problem::OutOfRange { min: 1, max: 12 });
        }
        months.sort_unstable();
        months.dedup();
        let mut weekdays = weekdays;
        weekdays.sort_by_key(Weekday::num_days_from_monday);
        weekdays.dedup();
        Ok(Self {
            months,
            weekdays,
            hours,
        })
    }

    /// Whether work that started at `at` (local time) falls in the window, and if not,
    /// the first part it misses. Months and weekdays are those of the day the hour
    /// window started on.
    pub fn check(&self, at: NaiveDateTime) -> Result<(), Outside> {
        let day = self.hours.map_or(at.date(), |h| h.day_of(at));
        if !self.months.is_empty() && !self.months.contains(&day.month()) {
            return Err(Outside::Months);
        }
        if !self.weekdays.is_empty() && !self.weekdays.contains(&day.weekday()) {
            return Err(Outside::Weekdays);
        }
        if let Some(h) = self.hours
            && !h.contains(at.time())
        {
            return Err(Outside::Hours);
        }
        Ok(())
    }
}

/// Whether the promised number is for the whole span or for each of its years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Per {
    #[default]
    Span,
    /// "Varje år": every year of the span must reach the number on its own.
    Year,
}

impl Per {
    pub const ALL: [Per; 2] = [Per::Span, Per::Year];

    pub fn code(self) -> &'static str {
        match self {
            Per::Span => "span",
            Per::Year => "year",
        }
    }

    pub fn parse(raw: &str) -> Result<Per, Problem> {
        one_of(&Self::ALL, Per::code, raw)
    }
}

/// What is counted of the activities that count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Measure {
    /// The number of activities.
    #[default]
    Count,
    /// The number of people who took part (a Trygg vuxen evening with 12 adults is 12).
    Participants,
    /// Minutes of work (presence promised as hours).
    Minutes,
    /// Distinct places with at least one counted activity ("insatser i fem orter").
    Places,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::Count,
        Measure::Participants,
        Measure::Minutes,
        Measure::Places,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Participants => "participants",
            Measure::Minutes => "minutes",
            Measure::Places => "places",
        }
    }

    pub fn parse(raw: &str) -> Result<Measure, Problem> {
        one_of(&Self::ALL, Measure::code, raw)
    }
}
