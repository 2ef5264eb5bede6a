//! Reported crime (the national crime statistics) and population (Statistics Sweden), so
//! that the situation picture can show crimes per 100,000 residents beside the
//! municipality's own reports.
//!
//! The cells are read as the two sources' exports write them: a period as `2024`,
//! `2024H1`, `2024 halvår 1`, `2024Q3`, `2024K3` or `2024 kvartal 3` (or a year column
//! with a quarter or half-year column beside it); a count with spaces between thousands;
//! `..` for a figure the source does not publish; a region as `0482`, `0482 Flen`, `Flen`
//! or `Flens kommun`; sex as `män`, `kvinnor`, `1`, `2` or a total.

use crate::problem::Problem;

/// A part of a year that a count covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PeriodPart {
    Year,
    /// 1 or 2.
    Half(u8),
    /// 1 to 4.
    Quarter(u8),
}

/// The period a count covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatPeriod {
    pub year: i32,
    pub part: PeriodPart,
}

impl StatPeriod {
    /// `year`, `half`, `quarter`: how the period is stored.
    pub fn kind(self) -> &'static str {
        match self.part {
            PeriodPart::Year => "year",
            PeriodPart::Half(_) => "half",
            PeriodPart::Quarter(_) => "quarter",
        }
    }

    /// 0 for a year, else the half or quarter.
    pub fn number(self) -> u8 {
        match self.part {
            PeriodPart::Year => 0,
            PeriodPart::Half(n) | PeriodPart::Quarter(n) => n,
        }
    }

    pub fn from_stored(year: i32, kind: &str, number: u8) -> Option<StatPeriod> {
        let part = match (kind, number) {
            ("year", 0) => PeriodPart::Year,
            ("half", 1..=2) => PeriodPart::Half(number),
            ("quarter", 1..=4) => PeriodPart::Quarter(number),
            _ => return None,
        };
        Some(StatPeriod { year, part })
    }

    /// A period cell: `2024`, `2024H1`, `2024 halvår 1`, `2024Q3`, `2024K3`,
    /// `2024 kvartal 3`, `2024-Q3`.
    pub fn parse(raw: &str) -> Result<StatPeriod, Problem> {
        let bad = || Problem::NotOneOf {
            value: raw.to_owned(),
            allowed: "2024, 2024H1, 2024Q3, 2024K3, 2024 kvartal 3, 2024 halvår 1".to_owned(),
        };
        let lower = raw.trim().to_lowercase();
        let digits = lower.chars().take_while(char::is_ascii_digit).count();
        if digits != 4 {
            return Err(bad());
        }
        let year: i32 = lower[..4].parse().map_err(|_| bad())?;
        if !(1950..=2100).contains(&year) {
            return Err(bad());
        }
        let rest = lower[4..].trim_start_matches(['-', ' ']).trim();
        if rest.is_empty() {
            return Ok(StatPeriod {
                year,
                part: PeriodPart::Year,
            });
        }
        let part = Self::parse_part(rest, true).ok_or_else(bad)?;
        Ok(StatPeriod { year, part })
    }

    /// A quarter or half-year written apart from its year: `Q3`, `K3`, `kvartal 3`, `3`
    /// (a quarter column), `H1`, `halvår 1`, `1` (a half-year column).
    pub fn with_part(year: i32, raw: &str, quarter_column: bool) -> Result<StatPeriod, Problem> {
        let lower = raw.trim().to_lowercase();
        let part = match lower.parse::<u8>() {
            Ok(n) if quarter_column && (1..=4).contains(&n) => Some(PeriodPart::Quarter(n)),
            Ok(n) if !quarter_column && (1..=2).contains(&n) => Some(PeriodPart::Half(n)),
            Ok(_) => None,
            Err(_) => Self::parse_part(&lower, quarter_column),
        };
        part.map(|part| StatPeriod { year, part })
            .ok_or_else(|| Problem::NotOneOf {
                value: raw.to_owned(),
                allowed: if quarter_column {
                    "1–4, Q1–Q4, K1–K4, kvartal 1–4"
                } else {
                    "1–2, H1–H2, halvår 1–2"
                }
                .to_owned(),
            })
    }

    fn parse_part(lower: &str, quarter_allowed: bool) -> Option<PeriodPart> {
        let (word, number) = lower
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| (lower[..i].trim(), lower[i..].trim()))?;
        let n: u8 = number.parse().ok()?;
        match word {
            "q" | "k" | "kvartal" | "quarter" if quarter_allowed && (1..=4).contains(&n) => {
                Some(PeriodPart::Quarter(n))
            }
            "h" | "halvår" | "half" | "halvar" if (1..=2).contains(&n) => {
                Some(PeriodPart::Half(n))
            }
            _ => None,
        }
    }
}

/// A count as the sources write it: `1 234`, `1234`; `None` for `..`, a figure the
/// source does not publish.
pub fn parse_count(raw: &str) -> Result<Option<u64>, Problem> {
    let trimmed = raw.trim();
    if trimmed == ".." || trimmed == "…" {
        return Ok(None);
    }
    let digits: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if digits.is_empty() {
        return Err(Problem::Required);
    }
    digits
        .parse::<u64>()
        .map(Some)
        .map_err(|_| Problem::NotOneOf {
            value: raw.to_owned(),
            allowed: "0, 12, 1 234, ..".to_owned(),
        })
}

/// Whether a figure is preliminary: `preliminär`, `prel`, `p`, `preliminary`; final
/// for `slutlig`, `final`, `s` or nothing.
pub fn parse_preliminary(raw: &str) -> Result<bool, Problem> {
    match raw.trim().to_lowercase().as_str() {
        "" | "slutlig" | "slutliga" | "final" | "s" => Ok(false),
        "preliminär" | "preliminära" | "preliminar" | "prel" | "prel." | "p" | "preliminary" => {
            Ok(true)
        }
        _ => Err(Problem::NotOneOf {
            value: raw.to_owned(),
            allowed: "preliminär, slutlig".to_owned(),
        }),
    }
}

/// The code in a region cell: `0482` of `0482 Flen`; `None` if it starts with no code.
pub fn region_code(raw: &str) -> Option<&str> {
    let raw = raw.trim();
    let code = raw.split_whitespace().next()?;
    (code.len() == 4 && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

/// Sex as Statistics Sweden writes it; `""` for the total.
pub fn parse_sex(raw: &str) -> Result<&'static str, Problem> {
    match raw.trim().to_lowercase().as_str() {
        "" | "totalt" | "män och kvinnor" | "kvinnor och män" | "båda könen" | "total" | "1+2" => {
            Ok("")
        }
        "män" | "man" | "1" | "men" => Ok("men"),
        "kvinnor" | "kvinna" | "2" | "women" => Ok("women"),
        _ => Err(Problem::NotOneOf {
            value: raw.to_owned(),
            allowed: "män, kvinnor, totalt".to_owned(),
        }),
    }
}

/// An age band as Statistics Sweden writes it (`0-15 år`, `65+ år`, `totalt ålder`);
/// `""` for the total. Kept as written otherwise, trimmed.
pub fn age_band(raw: &str) -> String {
    let trimmed = raw.trim();
    match trimmed.to_lowercase().as_str() {
        "" | "totalt" | "totalt ålder" | "total" | "alla åldrar" | "tot" => String::new(),
        _ => trimmed.to_owned(),
    }
}

/// Whether a header is a year column of a wide export (`2023`, `2023 Folkmängd`,
/// `Folkmängd 2023`), and which year.
pub fn year_column(header: &str) -> Option<i32> {
    let words: Vec<&str> = header.split_whitespace().collect();
    let mut year = None;
    for word in &words {
        let w = word.trim_matches('"');
        if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
            if year.is_some() {
                return None;
            }
            year = w.parse().ok();
        } else if !matches!(
            w.to_lowercase().as_str(),
            "folkmängd" | "invånare" | "antal" | "befolkning"
        ) {
            return None;
        }
    }
    year.filter(|y| (1950..=2100).contains(y))
}

/// Crimes per 100,000 residents.
pub fn per_100k(count: u64, residents: u64) -> Option<f64> {
    (residents > 0).then(|| count as f64 * 100_000.0 / residents as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(year: i32, part: PeriodPart) -> StatPeriod {
        StatPeriod { year, part }
    }

    #[test]
    fn periods_as_the_exports_write_them() {
        for (raw, want) in [
            ("2024", period(2024, PeriodPart::Year)),
            ("2024H1", period(2024, PeriodPart::Half(1))),
            ("2024 halvår 2", period(2024, PeriodPart::Half(2))),
            ("2024Q3", period(2024, PeriodPart::Quarter(3))),
            ("2024K3", period(2024, PeriodPart::Quarter(3))),
            ("2024 kvartal 4", period(2024, PeriodPart::Quarter(4))),
            ("2024-Q1", period(2024, PeriodPart::Quarter(1))),
        ] {
            assert_eq!(StatPeriod::parse(raw), Ok(want), "{raw}");
        }
        for bad in ["24", "2024Q5", "2024 halvår 3", "år 2024", "2024X1", ""] {
            assert!(StatPeriod::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            StatPeriod::with_part(2024, "K2", true),
            Ok(period(2024, PeriodPart::Quarter(2)))
        );
        assert_eq!(
            StatPeriod::with_part(2024, "2", false),
            Ok(period(2024, PeriodPart::Half(2)))
        );
        assert!(StatPeriod::with_part(2024, "3", false).is_err());
        let p = period(2024, PeriodPart::Quarter(3));
        assert_eq!(StatPeriod::from_stored(2024, p.kind(), p.number()), Some(p));
    }

    #[test]
    fn counts_regions_and_the_rest() {
        assert_eq!(parse_count("1 234"), Ok(Some(1234)));
        assert_eq!(parse_count("1\u{a0}234"), Ok(Some(1234)));
        assert_eq!(parse_count(".."), Ok(None));
        assert_eq!(parse_count(""), Err(Problem::Required));
        assert!(parse_count("-3").is_err());
        assert!(parse_count("12,5").is_err());
        assert_eq!(parse_preliminary("Preliminär"), Ok(true));
        assert_eq!(parse_preliminary(""), Ok(false));
        assert!(parse_preliminary("kanske").is_err());
        assert_eq!(region_code("0482 Flen"), Some("0482"));
        assert_eq!(region_code("Flen"), None);
        assert_eq!(parse_sex("män och kvinnor"), Ok(""));
        assert_eq!(parse_sex("2"), Ok("women"));
        assert_eq!(age_band("totalt ålder"), "");
        assert_eq!(age_band(" 65+ år "), "65+ år");
        assert_eq!(year_column("2023"), Some(2023));
        assert_eq!(year_column("Folkmängd 2023"), Some(2023));
        assert_eq!(year_column("region"), None);
        assert_eq!(year_column("2022 2023"), None);
        assert_eq!(per_100k(33, 13_200).map(|r| r.round()), Some(250.0));
        assert_eq!(per_100k(3, 0), None);
    }
}
