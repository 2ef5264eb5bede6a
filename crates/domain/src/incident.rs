//! Incident reports (EST-style weekly reporting): what the municipality's units, housing
//! companies, security firms and the police saw, for the situation picture (lägesbild)
//! that a promise's commitments are chosen from and measured by.
//!
//! A report says when (a time, or a period), where (a place of the municipality, a point,
//! or both), what (a category), and who reported it (the reporter's organisation); its
//! short text must not hold personal data. Every way in (the staff form, the API, a CSV
//! file) parses with [`IncidentFields::parse`], so the same text is the same report, or
//! the same problem on the same field.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};

use crate::followup::{parse_local_date, parse_local_time, stockholm_to_utc};
use crate::place::{Boundary, Coordinates, PlaceSlug};
use crate::problem::Problem;
use crate::text::{Text, has_control_character};

pub use crate::incident_category::IncidentCategory;
pub use crate::indicator::IncidentIndicator;

/// When an incident happened: from a local (Swedish) time, and until one for a period. A
/// report without a time of day is for the whole day, and has no hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurred {
    pub from: NaiveDateTime,
    pub until: Option<NaiveDateTime>,
    /// Whether the report gave a time of day (the time-of-week grid counts only those).
    pub timed: bool,
}

/// Which personal data a text seems to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    /// A Swedish personal identity number (personnummer), checked by its control digit.
    IdentityNumber,
    PhoneNumber,
}

impl PersonalData {
    pub fn code(self) -> &'static str {
        match self {
            PersonalData::IdentityNumber => "identity-number",
            PersonalData::PhoneNumber => "phone-number",
        }
    }

    /// The first personal data `text` seems to hold. Reports are about places and events,
    /// never people: a personal identity number or a phone number in one is almost
    /// always a mistake, but can be a false alarm (a case number), so the reporter
    /// confirms rather than being refused.
    pub fn find(text: &str) -> Option<PersonalData> {
        // Numbers as people type them: digits, with single separators between them
        // ("070-123 45 67", "19811218-9876"), and whether a "+" came first.
        let chars: Vec<char> = text.chars().collect();
        let mut runs: Vec<(String, bool)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let plus = i > 0 && chars[i - 1] == '+';
            let mut digits = String::new();
            let mut j = i;
            while j < chars.len() {
                let c = chars[j];
                let between_digits = matches!(c, '-' | ' ')
                    && chars[j - 1].is_ascii_digit()
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit);
                if c.is_ascii_digit() {
                    digits.push(c);
                } else if !between_digits {
                    break;
                }
                j += 1;
            }
            runs.push((digits, plus));
            i = j;
        }
        for (digits, plus) in &runs {
            if is_identity_number(digits) {
                return Some(PersonalData::IdentityNumber);
            }
            let national = if *plus {
                digits.strip_prefix("46").map(|d| format!("0{d}"))
            } else {
                Some(digits.clone())
            };
            if national.is_some_and(|d| d.starts_with('0') && (8..=11).contains(&d.len())) {
                return Some(PersonalData::PhoneNumber);
            }
        }
        None
    }
}

/// Whether ten or twelve digits are a personal identity number: a real date (or a
/// co-ordination number's day plus 60) and a right control digit (Luhn).
fn is_identity_number(digits: &str) -> bool {
    let ten = match digits.len() {
        10 => digits,
        12 if digits.starts_with("19") || digits.starts_with("20") => &digits[2..],
        _ => return false,
    };
    let n: Vec<u32> = ten.chars().filter_map(|c| c.to_digit(10)).collect();
    let (month, day) = (n[2] * 10 + n[3], n[4] * 10 + n[5]);
    let day = if day > 60 { day - 60 } else { day };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let sum: u32 = n[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = if i % 2 == 0 { d * 2 } else { *d };
            v / 10 + v % 10
        })
        .sum();
    (10 - sum % 10) % 10 == n[9]
}

/// An incident report as it is entered, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    pub category: IncidentCategory,
    pub occurred: Occurred,
    /// When it began, in UTC.
    pub started_at: DateTime<Utc>,
    pub place: Option<PlaceSlug>,
    pub point: Option<Coordinates>,
    pub text: Option<Text>,
    /// The reporting organisation, as it names itself ("Flenbostäder", "Securitas").
    pub reporter: Text,
    /// The sender's own id; the same id twice is the same report.
    pub external_id: Option<String>,
}

impl NewIncident {
    pub const MAX_TEXT: usize = 500;
    pub const MAX_REPORTER: usize = 100;
    pub const MAX_EXTERNAL_ID: usize = 100;

    /// The key that makes sending the same report again harmless: the external id if
    /// given, otherwise the report's content.
    pub fn dedup_key(&self) -> String {
        match &self.external_id {
            Some(id) => format!("id:{id}"),
            None => format!(
                "content:{}|{}|{}|{}|{}|{}",
                self.category.code(),
                self.started_at.to_rfc3339(),
                self.place
                    .as_ref()
                    .map(PlaceSlug::as_str)
                    .unwrap_or_default(),
                self.point
                    .map(|p| format!("{:.6},{:.6}", p.lat(), p.lon()))
                    .unwrap_or_default(),
                self.reporter.as_str(),
                self.text.as_ref().map(Text::as_str).unwrap_or_default(),
            ),
        }
    }
}

/// What a report is checked against: the municipality's places (by slug or name), its
/// boundary if known, and the present moment.
pub struct IncidentContext<'a> {
    /// The place a text names, or `None` (the activity vocabulary's `place`).
    pub place: &'a dyn Fn(&str) -> Option<PlaceSlug>,
    pub boundary: Option<&'a Boundary>,
    /// The municipality's official name, for a point outside it.
    pub municipality: &'a str,
    pub now: DateTime<Utc>,
}

/// The fields of one report as text, whichever way it arrives; blank means not given.
/// Problems are named by these names, which are also the file's columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct IncidentFields<'a> {
    pub category: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// `HH:MM`; blank: some time that day.
    pub time: &'a str,
    /// For a period: its last day and time.
    pub end_date: &'a str,
    pub end_time: &'a str,
    pub place: &'a str,
    pub lat: &'a str,
    pub lon: &'a str,
    pub text: &'a str,
    pub reporter: &'a str,
    pub external_id: &'a str,
    /// The reporter confirmed that what looks like personal data in the text is not.
    pub confirmed: bool,
}

/// Every problem of one report, each on the field it concerns.
pub type IncidentProblems = Vec<(&'static str, Problem)>;

impl IncidentFields<'_> {
    /// Parses the fields, every problem on its field: an unknown category, a time in the
    /// future, a point outside the municipality and an unknown place are refused; what
    /// looks like personal data in the text is refused until the reporter confirms.
    pub fn parse(&self, context: &IncidentContext<'_>) -> Result<NewIncident, IncidentProblems> {
        let mut problems: IncidentProblems = Vec::new();
        let category = match self.category.trim() {
            "" => {
                problems.push(("category", Problem::Required));
                None
            }
            raw => IncidentCategory::parse(raw)
                .map_err(|p| problems.push(("category", p)))
                .ok(),
        };
        let date = match self.date.trim() {
            "" => {
                problems.push(("date", Problem::Required));
                None
            }
            raw => parse_local_date(raw)
                .map_err(|p| problems.push(("date", p)))
                .ok(),
        };
        let time = match self.time.trim() {
            "" => None,
            raw => parse_local_time(raw)
                .map_err(|p| problems.push(("time", p)))
                .ok(),
        };
        let end = match (self.end_date.trim(), self.end_time.trim()) {
            ("", "") => None,
            ("", _) => {
                problems.push(("end_date", Problem::Required));
                None
            }
            (raw_date, raw_time) => {
                let end_date = parse_local_date(raw_date)
                    .map_err(|p| problems.push(("end_date", p)))
                    .ok();
                let end_time = match raw_time {
                    "" => Some(NaiveTime::from_hms_opt(23, 59, 0).expect("a valid time")),
                    raw => parse_local_time(raw)
                        .map_err(|p| problems.push(("end_time", p)))
                        .ok(),
                };
                end_date.zip(end_time).map(|(d, t)| d.and_time(t))
            }
        };
        let from = date.map(|d| d.and_time(time.unwrap_or(NaiveTime::MIN)));
        if let (Some(from), Some(until)) = (from, end)
            && until < from
        {
            problems.push(("end_date", Problem::EndsBeforeStart));
        }
        let started_at = from.map(stockholm_to_utc);
        if let Some(at) = started_at
            && at > context.now
        {
            problems.push(("date", Problem::InFuture));
        }
        let place = match self.place.trim() {
            "" => None,
            raw => {
                let slug = (context.place)(raw);
                if slug.is_none() {
                    problems.push((
                        "place",
                        Problem::UnknownPlace {
                            value: raw.to_owned(),
                        },
                    ));
                }
                slug
            }
        };
        let point = match (self.lat.trim(), self.lon.trim()) {
            ("", "") => None,
            (lat, lon) => match (lat.parse::<f64>(), lon.parse::<f64>()) {
                (Ok(lat), Ok(lon)) => match Coordinates::new(lat, lon) {
                    Ok(point) if context.boundary.is_some_and(|b| !b.contains(point)) => {
                        problems.push((
                            "lat",
                            Problem::OutsideMunicipality {
                                municipality: context.municipality.to_owned(),
                            },
                        ));
                        None
                    }
                    Ok(point) => Some(point),
                    Err(p) => {
                        problems.push(("lat", p));
                        None
                    }
                },
                _ => {
                    problems.push(("lat", Problem::Coordinates));
                    None
                }
            },
        };
        if [self.place, self.lat, self.lon]
            .iter()
            .all(|raw| raw.trim().is_empty())
        {
            problems.push(("place", Problem::Required));
        }
        let text = match self.text.trim() {
            "" => None,
            raw => match Text::parse(raw, NewIncident::MAX_TEXT) {
                Ok(text) => match PersonalData::find(text.as_str()) {
                    Some(kind) if !self.confirmed => {
                        problems.push((
                            "text",
                            Problem::PersonalData {
                                kind: kind.code().to_owned(),
                            },
                        ));
                        None
                    }
                    _ => Some(text),
                },
                Err(p) => {
                    problems.push(("text", p));
                    None
                }
            },
        };
        let reporter = match self.reporter.trim() {
            "" => {
                problems.push(("reporter", Problem::Required));
                None
            }
            raw => Text::parse(raw, NewIncident::MAX_REPORTER)
                .map_err(|p| problems.push(("reporter", p)))
                .ok(),
        };
        let external_id = match self.external_id.trim() {
            "" => None,
            id if id.chars().count() > NewIncident::MAX_EXTERNAL_ID => {
                problems.push((
                    "external_id",
                    Problem::TooLong {
                        max: NewIncident::MAX_EXTERNAL_ID,
                    },
                ));
                None
            }
            id if has_control_character(id) => {
                problems.push(("external_id", Problem::ControlCharacter));
                None
            }
            id => Some(id.to_owned()),
        };
        match (category, from, started_at, reporter) {
            (Some(category), Some(from), Some(started_at), Some(reporter))
                if problems.is_empty() =>
            {
                Ok(NewIncident {
                    category,
                    occurred: Occurred {
                        from,
                        until: end,
                        timed: time.is_some(),
                    },
                    started_at,
                    place,
                    point,
                    text,
                    reporter,
                    external_id,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context<'a>(
        place: &'a dyn Fn(&str) -> Option<PlaceSlug>,
        boundary: Option<&'a Boundary>,
    ) -> IncidentContext<'a> {
        IncidentContext {
            place,
            boundary,
            municipality: "Gnesta kommun",
            now: DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
        }
    }

    /// Gnesta's places: the station area by slug or name.
    fn gnesta(raw: &str) -> Option<PlaceSlug> {
        ["stationsomradet", "stationsområdet"]
            .contains(&raw.to_lowercase().as_str())
            .then(|| PlaceSlug::parse("stationsomradet").unwrap())
    }

    #[test]
    fn a_housing_companys_row_reads_with_swedish_words() {
        let report = IncidentFields {
            category: "Störning från motorfordon",
            date: "2024-05-17",
            time: "22:40",
            end_date: "2024-05-17",
            end_time: "23:30",
            place: "Stationsområdet",
            text: "Mopeder kör i cirklar på parkeringen.",
            reporter: "Gnestahem",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap();
        assert_eq!(report.category, IncidentCategory::MotorVehicles);
        assert_eq!(report.place.unwrap().as_str(), "stationsomradet");
        assert!(report.occurred.timed);
        // 22:40 in Swedish summer time.
        assert_eq!(report.started_at.to_rfc3339(), "2024-05-17T20:40:00+00:00");
        assert_eq!(
            report.occurred.until.unwrap().to_string(),
            "2024-05-17 23:30:00"
        );
        let untimed = IncidentFields {
            category: "klotter",
            date: "2024-05-20",
            lat: "59.0489",
            lon: "17.3110",
            reporter: "Gnesta kommun, gatuenheten",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap();
        assert!(!untimed.occurred.timed, "a day without a time of day");
        assert_eq!(untimed.category.code(), "graffiti");
    }

    #[test]
    fn bad_reports_are_refused_on_their_fields() {
        let problems = IncidentFields {
            category: "ufo",
            date: "2024-05-02",
            time: "25:00",
            place: "Månen",
            lat: "59.0",
            lon: "öster",
            text: "Ring mig på 070-123 45 67",
            reporter: "",
            external_id: "a\u{1b}b",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap_err();
        let named: Vec<(&str, &str)> = problems.iter().map(|(f, p)| (*f, p.code())).collect();
        assert_eq!(
            named,
            [
                ("category", "not-one-of"),
                ("time", "time"),
                ("place", "unknown-place"),
                ("lat", "coordinates"),
                ("text", "personal-data"),
                ("reporter", "required"),
                ("external_id", "control-character"),
            ]
        );
        let future = IncidentFields {
            category: "brand",
            date: "2024-06-01",
            time: "15:00",
            place: "stationsomradet",
            reporter: "Räddningstjänsten",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap_err();
        assert_eq!(future, [("date", Problem::InFuture)]);
        let backwards = IncidentFields {
            category: "brand",
            date: "2024-05-10",
            end_date: "2024-05-09",
            place: "stationsomradet",
            reporter: "Räddningstjänsten",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap_err();
        assert_eq!(backwards, [("end_date", Problem::EndsBeforeStart)]);
        let nowhere = IncidentFields {
            category: "brand",
            date: "2024-05-10",
            reporter: "Räddningstjänsten",
            ..Default::default()
        }
        .parse(&context(&gnesta, None))
        .unwrap_err();
        assert_eq!(nowhere, [("place", Problem::Required)]);
    }

    #[test]
    fn a_point_outside_the_municipality_is_refused() {
        let square = Boundary::from_geojson(&serde_json::json!({
            "type": "Polygon",
            "coordinates": [[[17.2, 59.0], [17.4, 59.0], [17.4, 59.1], [17.2, 59.1], [17.2, 59.0]]]
        }))
        .unwrap();
        let at = |lat: &'static str, lon: &'static str| IncidentFields {
            category: "skadegörelse",
            date: "2024-05-10",
            lat,
            lon,
            reporter: "Securitas",
            ..Default::default()
        };
        assert!(
            at("59.05", "17.3")
                .parse(&context(&gnesta, Some(&square)))
                .is_ok()
        );
        assert_eq!(
            at("59.33", "18.07")
                .parse(&context(&gnesta, Some(&square)))
                .unwrap_err(),
            [(
                "lat",
                Problem::OutsideMunicipality {
                    municipality: "Gnesta kommun".into()
                }
            )]
        );
    }

    #[test]
    fn personal_data_is_found_and_a_confirmation_lets_the_text_through() {
        for (text, found) in [
            (
                "Ring 070-123 45 67 om det händer igen",
                Some(PersonalData::PhoneNumber),
            ),
            ("tel +46 70 123 45 67", Some(PersonalData::PhoneNumber)),
            (
                "Personen 19811218-9876 var där",
                Some(PersonalData::IdentityNumber),
            ),
            ("811218-9876", Some(PersonalData::IdentityNumber)),
            // A wrong control digit is not a personal identity number, nor a phone number.
            ("Ärende 811218-9875", None),
            ("Tre mopeder, klockan 22 30, 2024-05-17", None),
            ("Ärendenummer 4711", None),
        ] {
            assert_eq!(PersonalData::find(text), found, "{text}");
        }
        let fields = IncidentFields {
            category: "annat ordningsstörande",
            date: "2024-05-10",
            place: "stationsomradet",
            text: "Anmälan 070-1234567 hos polisen",
            reporter: "Securitas",
            ..Default::default()
        };
        assert!(fields.parse(&context(&gnesta, None)).is_err());
        let confirmed = IncidentFields {
            confirmed: true,
            ..fields
        }
        .parse(&context(&gnesta, None))
        .unwrap();
        assert_eq!(
            confirmed.text.unwrap().as_str(),
            "Anmälan 070-1234567 hos polisen"
        );
    }

    #[test]
    fn every_category_reads_back_from_its_code_and_its_swedish_word() {
        use strum::IntoEnumIterator;
        for c in IncidentCategory::iter() {
            assert_eq!(IncidentCategory::parse(c.code()), Ok(c));
            let word = IncidentCategory::WORDS
                .iter()
                .find(|(k, _, _)| *k == c)
                .unwrap()
                .2[0];
            assert_eq!(IncidentCategory::parse(&word.to_uppercase()), Ok(c));
        }
    }
}
