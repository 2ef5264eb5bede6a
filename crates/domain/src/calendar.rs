//! Years, spans of years, tertials and quarters: the calendar a promise is followed up in.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::problem::Problem;

/// A calendar year in the range a promise can concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year(i32);

impl Year {
    /// Medborgarlöften began with the 2015 police reform; earlier years allow for the
    /// cooperation agreements that preceded them.
    pub const MIN: i32 = 2010;
    pub const MAX: i32 = 2100;

    pub fn new(year: i32) -> Result<Self, Problem> {
        if (Self::MIN..=Self::MAX).contains(&year) {
            Ok(Self(year))
        } else {
            Err(Problem::OutOfRange {
                min: Self::MIN.into(),
                max: Self::MAX.into(),
            })
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }

    pub fn next(self) -> Option<Year> {
        Year::new(self.0 + 1).ok()
    }

    pub fn of(date: NaiveDate) -> Option<Year> {
        Year::new(date.year()).ok()
    }
}

impl std::str::FromStr for Year {
    type Err = Problem;

    /// A year as written in a URL or a form field, e.g. "2021".
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let year = raw.trim().parse::<i32>().map_err(|_| Problem::Number)?;
        Year::new(year)
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The years a promise runs: usually one, sometimes a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearSpan {
    first: Year,
    last: Year,
}

impl YearSpan {
    /// A promise is made for a short term and renewed; longer spans are agreements, not promises.
    pub const MAX_YEARS: i32 = 4;

    pub fn new(first: Year, last: Year) -> Result<Self, Problem> {
        if last < first {
            return Err(Problem::YearSpanBackwards {
                first: first.get(),
                last: last.get(),
            });
        }
        if last.get() - first.get() + 1 > Self::MAX_YEARS {
            return Err(Problem::YearSpanTooLong {
                max: Self::MAX_YEARS,
            });
        }
        Ok(Self { first, last })
    }

    pub fn single(year: Year) -> Self {
        Self {
            first: year,
            last: year,
        }
    }

    pub fn first(self) -> Year {
        self.first
    }

    pub fn last(self) -> Year {
        self.last
    }

    /// 1 January of the first year.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.first.get(), 1, 1).expect("1 January exists")
    }

    /// 31 December of the last year: the day the span's figures are final.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.last.get(), 12, 31).expect("31 December exists")
    }

    pub fn contains(self, year: Year) -> bool {
        self.first <= year && year <= self.last
    }

    pub fn overlaps(self, other: YearSpan) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    pub fn years(self) -> impl Iterator<Item = Year> {
        (self.first.get()..=self.last.get()).map(Year)
    }
}

impl fmt::Display for YearSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

/// A four-month period of internal follow-up: T1 January–April, T2 May–August,
/// T3 September–December.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tertial {
    T1,
    T2,
    T3,
}

impl Tertial {
    pub const ALL: [Tertial; 3] = [Tertial::T1, Tertial::T2, Tertial::T3];

    /// The tertial a local (Europe/Stockholm) calendar date falls in.
    pub fn of(date: NaiveDate) -> Tertial {
        match date.month() {
            1..=4 => Tertial::T1,
            5..=8 => Tertial::T2,
            _ => Tertial::T3,
        }
    }

    pub fn number(self) -> u8 {
        match self {
            Tertial::T1 => 1,
            Tertial::T2 => 2,
            Tertial::T3 => 3,
        }
    }

    /// First and last day of this tertial in `year`, both inclusive.
    pub fn dates(self, year: Year) -> (NaiveDate, NaiveDate) {
        let (first_month, last_month) = match self {
            Tertial::T1 => (1, 4),
            Tertial::T2 => (5, 8),
            Tertial::T3 => (9, 12),
        };
        let first = NaiveDate::from_ymd_opt(year.get(), first_month, 1)
            .expect("the first of a month exists in every year");
        let last = last_day_of_month(year.get(), last_month);
        (first, last)
    }
}

impl fmt::Display for Tertial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{}", self.number())
    }
}

/// A quarter of a year (the final report is due in the first quarter of the next year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter(u8);

impl Quarter {
    pub fn new(number: u8) -> Result<Self, Problem> {
        if (1..=4).contains(&number) {
            Ok(Self(number))
        } else {
            Err(Problem::OutOfRange { min: 1, max: 4 })
        }
    }

    pub fn number(self) -> u8 {
        self.0
    }
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .expect("the day before the first of a month exists")
}

/// The same day of the month in `year`: 28 February for 29 February. Comparisons "over
/// the same days" (the picture, an indicator against its baseline, a tertial's analysis)
/// all go through this.
pub fn same_day_in(day: NaiveDate, year: i32) -> NaiveDate {
    use chrono::Datelike as _;
    day.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
        .expect("the 28th exists in every month")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn year(y: i32) -> Year {
        Year::new(y).unwrap()
    }

    #[test]
    fn years_parse_from_text() {
        assert_eq!("2021".parse::<Year>(), Ok(year(2021)));
        assert_eq!("tjugo".parse::<Year>(), Err(Problem::Number));
        assert!("1999".parse::<Year>().is_err());
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        assert!(Year::new(2009).is_err());
        assert!(Year::new(2101).is_err());
        assert_eq!(year(2021).get(), 2021);
    }

    #[test]
    fn spans_run_forwards_and_are_short() {
        assert_eq!(
            YearSpan::new(year(2021), year(2020)),
            Err(Problem::YearSpanBackwards {
                first: 2021,
                last: 2020
            })
        );
        assert!(YearSpan::new(year(2020), year(2023)).is_ok());
        assert!(YearSpan::new(year(2020), year(2024)).is_err());
        assert_eq!(YearSpan::single(year(2021)).to_string(), "2021");
        assert_eq!(
            YearSpan::new(year(2020), year(2021)).unwrap().to_string(),
            "2020–2021"
        );
    }

    #[test]
    fn tertial_boundaries() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(Tertial::of(d(4, 30)), Tertial::T1);
        assert_eq!(Tertial::of(d(5, 1)), Tertial::T2);
        assert_eq!(Tertial::of(d(8, 31)), Tertial::T2);
        assert_eq!(Tertial::of(d(9, 1)), Tertial::T3);
        assert_eq!(Tertial::T1.dates(year(2024)), (d(1, 1), d(4, 30)));
        assert_eq!(Tertial::T3.dates(year(2024)), (d(9, 1), d(12, 31)));
    }

    proptest! {
        #[test]
        fn every_day_lies_in_exactly_the_tertial_that_contains_it(y in 2010i32..2100, ordinal in 1u32..=366) {
            let Some(date) = NaiveDate::from_yo_opt(y, ordinal) else { return Ok(()) };
            let containing: Vec<Tertial> = Tertial::ALL
                .into_iter()
                .filter(|t| { let (a, b) = t.dates(year(y)); a <= date && date <= b })
                .collect();
            prop_assert_eq!(containing, vec![Tertial::of(date)]);
        }

        #[test]
        fn overlap_is_symmetric_and_matches_shared_years(a in 2010i32..2090, la in 0i32..4, b in 2010i32..2090, lb in 0i32..4) {
            let s = YearSpan::new(year(a), year(a + la)).unwrap();
            let t = YearSpan::new(year(b), year(b + lb)).unwrap();
            let shared = s.years().any(|y| t.contains(y));
            prop_assert_eq!(s.overlaps(t), shared);
            prop_assert_eq!(t.overlaps(s), shared);
        }
    }
}
