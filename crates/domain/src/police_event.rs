//! The police's public events (the feed polisen.se publishes: "13 maj 22.40,
//! Skadegörelse, Gnesta"), kept beside the municipality's own reports in the situation
//! picture, long after the feed has let them go.
//!
//! A feed file is read as published: a JSON list of objects with `id`, `datetime`,
//! `name`, `summary`, `url`, `type` and `location { name, gps }`; fields the police add
//! later are ignored. A file that does not fit is refused whole, every problem with its
//! path (`[3].location.gps`). Each event is then assigned to a municipality, and the
//! assignment says how sure it is ([`Assigned`]).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;

use crate::municipality::MunicipalityCode;
use crate::place::Coordinates;
use crate::problem::{FieldError, Problem};
use crate::text::Text;

/// One event as the feed writes it.
#[derive(Debug, Deserialize)]
struct FeedEvent {
    id: u64,
    datetime: String,
    name: String,
    summary: String,
    url: String,
    #[serde(rename = "type")]
    kind: String,
    location: FeedLocation,
}

#[derive(Debug, Deserialize)]
struct FeedLocation {
    name: String,
    gps: String,
}

/// An event of the police's feed, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PoliceEvent {
    /// The feed's own id, which makes importing the same event again harmless.
    pub id: i64,
    pub at: DateTime<Utc>,
    /// The Swedish local time, for days and hours.
    pub local: NaiveDateTime,
    /// The title, "13 maj 22.40, Skadegörelse, Gnesta".
    pub name: Text,
    pub summary: Option<Text>,
    /// The event's page at polisen.se, always `https://polisen.se/…`.
    pub url: String,
    /// The police's own event type, "Skadegörelse", "Trafikolycka".
    pub kind: Text,
    /// The feed's place: a municipality's short name or a county.
    pub location_name: Text,
    /// The feed's point: the centre of the location, not where it happened.
    pub point: Option<Coordinates>,
}

/// How an event came to belong to a municipality, from surest to least sure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
pub enum Assigned {
    /// The feed's location is the municipality.
    LocationName,
    /// The feed's location is a county; the place at the end of the title is the
    /// municipality.
    Title,
    /// Neither names a municipality; the feed's point lies within one's boundary. The
    /// point is often the centre of a county, so this is the least sure.
    Point,
}

impl Assigned {
    pub fn code(self) -> &'static str {
        match self {
            Assigned::LocationName => "location",
            Assigned::Title => "title",
            Assigned::Point => "point",
        }
    }

    pub fn parse(raw: &str) -> Option<Assigned> {
        <Assigned as strum::IntoEnumIterator>::iter().find(|a| a.code() == raw)
    }
}

impl PoliceEvent {
    pub const MAX_NAME: usize = 300;
    pub const MAX_SUMMARY: usize = 2000;
    pub const MAX_KIND: usize = 100;

    /// The place at the end of the title: "Gnesta" in "13 maj 22.40, Skadegörelse, Gnesta".
    pub fn title_place(&self) -> Option<&str> {
        self.name
            .as_str()
            .rsplit_once(',')
            .map(|(_, place)| place.trim())
            .filter(|p| !p.is_empty())
    }

    /// The municipality this event belongs to and how sure that is: by the location's
    /// name, by the title's last place, or by the point within a boundary. `named` finds a
    /// municipality by its short name ("Gnesta", "Upplands Väsby"); `within` by a point.
    pub fn assign(
        &self,
        named: impl Fn(&str) -> Option<MunicipalityCode>,
        within: impl Fn(Coordinates) -> Option<MunicipalityCode>,
    ) -> Option<(MunicipalityCode, Assigned)> {
        if let Some(code) = named(self.location_name.as_str()) {
            return Some((code, Assigned::LocationName));
        }
        if let Some(code) = self.title_place().and_then(&named) {
            return Some((code, Assigned::Title));
        }
        self.point
            .and_then(within)
            .map(|code| (code, Assigned::Point))
    }
}

/// Reads a feed file: every event, or every problem with its path.
pub fn parse_feed(json: &str) -> Result<Vec<PoliceEvent>, Vec<FieldError>> {
    crate::lenient::parse::<Vec<FeedEvent>, _>(json, |events| {
        let mut problems = Vec::new();
        let mut checked = Vec::with_capacity(events.len());
        for (i, event) in events.into_iter().enumerate() {
            match check(event) {
                Ok(e) => checked.push(e),
                Err(found) => problems.extend(
                    found
                        .into_iter()
                        .map(|(field, p)| FieldError::new(format!("[{i}].{field}"), p)),
                ),
            }
        }
        if problems.is_empty() {
            Ok(checked)
        } else {
            Err(problems)
        }
    })
}

/// "2024-05-13 22:40:00 +02:00" as the feed writes it (the month and day sometimes
/// without a leading zero), or RFC 3339.
fn parse_datetime(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    DateTime::parse_from_str(raw, "%Y-%m-%d %H:%M:%S %:z")
        .or_else(|_| DateTime::parse_from_rfc3339(raw))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The event's page: a path on polisen.se or a link to it, never anything else (the
/// link is shown to residents).
fn police_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    if raw.starts_with('/') && !raw.starts_with("//") {
        return Some(format!("https://polisen.se{raw}"));
    }
    raw.starts_with("https://polisen.se/")
        .then(|| raw.to_owned())
}

/// "59.048,17.311"; an empty point is none.
fn parse_gps(raw: &str) -> Result<Option<Coordinates>, Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let (lat, lon) = raw.split_once(',').ok_or(Problem::Coordinates)?;
    let number = |s: &str| s.trim().parse::<f64>().map_err(|_| Problem::Coordinates);
    Coordinates::new(number(lat)?, number(lon)?).map(Some)
}

fn check(event: FeedEvent) -> Result<PoliceEvent, Vec<(&'static str, Problem)>> {
    let mut problems = Vec::new();
    let mut text = |field: &'static str, raw: &str, max: usize| {
        Text::parse(raw, max)
            .map_err(|p| problems.push((field, p)))
            .ok()
    };
    let name = text("name", &event.name, PoliceEvent::MAX_NAME);
    let kind = text("type", &event.kind, PoliceEvent::MAX_KIND);
    let location_name = text("location.name", &event.location.name, PoliceEvent::MAX_KIND);
    let summary = if event.summary.trim().is_empty() {
        Some(None)
    } else {
        text("summary", &event.summary, PoliceEvent::MAX_SUMMARY).map(Some)
    };
    let id = i64::try_from(event.id)
        .map_err(|_| problems.push(("id", Problem::TooLong { max: 19 })))
        .ok();
    let at = parse_datetime(&event.datetime);
    if at.is_none() {
        problems.push(("datetime", Problem::FeedDateTime));
    }
    let url = police_url(&event.url);
    if url.is_none() {
        problems.push(("url", Problem::PoliceLink));
    }
    let point = parse_gps(&event.location.gps)
        .map_err(|p| problems.push(("location.gps", p)))
        .ok();
    match (id, at, name, summary, url, kind, location_name, point) {
        (
            Some(id),
            Some(at),
            Some(name),
            Some(summary),
            Some(url),
            Some(kind),
            Some(location_name),
            Some(point),
        ) if problems.is_empty() => Ok(PoliceEvent {
            id,
            at,
            local: at
                .with_timezone(&chrono_tz::Europe::Stockholm)
                .naive_local(),
            name,
            summary,
            url,
            kind,
            location_name,
            point,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = r#"[
      {"id": 541001, "datetime": "2024-05-13 22:40:00 +02:00",
       "name": "13 maj 22.40, Skadegörelse, Gnesta",
       "summary": "Fönster krossat vid stationen.",
       "url": "/aktuellt/handelser/2024/maj/13/13-maj-22.40-skadegorelse-gnesta/",
       "type": "Skadegörelse",
       "location": {"name": "Gnesta", "gps": "59.048881,17.311627"}},
      {"id": 541002, "datetime": "2024-5-14 1:05:00 +02:00",
       "name": "14 maj 01.05, Brand, Gnesta",
       "summary": "",
       "url": "https://polisen.se/aktuellt/handelser/2024/maj/14/brand-gnesta/",
       "type": "Brand",
       "location": {"name": "Södermanlands län", "gps": "59.033,16.75"},
       "extra": "a field the police added later"},
      {"id": 541003, "datetime": "2024-05-14 08:00:00 +02:00",
       "name": "14 maj 08.00, Sammanfattning natt, Södermanlands län",
       "summary": "Lugn natt.", "url": "/aktuellt/handelser/2024/maj/14/sammanfattning/",
       "type": "Sammanfattning natt",
       "location": {"name": "Södermanlands län", "gps": "59.033,16.75"}}
    ]"#;

    fn gnesta() -> MunicipalityCode {
        MunicipalityCode::parse("0461").unwrap()
    }

    #[test]
    fn the_feed_is_read_as_published_and_each_event_assigned_with_how_sure() {
        let events = parse_feed(FEED).unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(
            events[0].local,
            chrono::NaiveDate::from_ymd_opt(2024, 5, 13)
                .unwrap()
                .and_hms_opt(22, 40, 0)
                .unwrap()
        );
        assert_eq!(
            events[0].url,
            "https://polisen.se/aktuellt/handelser/2024/maj/13/13-maj-22.40-skadegorelse-gnesta/"
        );
        assert_eq!(events[1].summary, None);
        assert_eq!(events[1].local.format("%H:%M").to_string(), "01:05");
        let named = |name: &str| (name == "Gnesta").then(gnesta);
        let nowhere = |_| None;
        assert_eq!(
            events[0].assign(named, nowhere),
            Some((gnesta(), Assigned::LocationName))
        );
        assert_eq!(
            events[1].assign(named, nowhere),
            Some((gnesta(), Assigned::Title))
        );
        assert_eq!(events[2].assign(named, nowhere), None, "a county's summary");
        let inside = |p: Coordinates| (p.lat() < 59.04).then(gnesta);
        assert_eq!(
            events[2].assign(named, inside),
            Some((gnesta(), Assigned::Point))
        );
    }

    #[test]
    fn a_file_of_another_shape_is_refused_with_every_path() {
        let bad = r#"[
          {"id": 1, "datetime": "2024-05-13 22:40:00 +02:00", "name": "13 maj, Brand, Gnesta",
           "summary": "", "url": "/a/", "type": "Brand", "location": {"name": "Gnesta", "gps": "59.0,17.3"}},
          {"id": 2, "datetime": "i går", "name": "x", "summary": "",
           "url": "javascript:alert(1)", "type": "Brand", "location": {"name": "Gnesta", "gps": "0,0"}},
          {"id": "tre", "datetime": "2024-05-13 22:40:00 +02:00", "name": "x", "summary": "",
           "url": "/a/", "type": "Brand", "location": {"name": "Gnesta"}}
        ]"#;
        let errors = parse_feed(bad).unwrap_err();
        let found: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.path.as_str(), e.problem.code()))
            .collect();
        assert_eq!(
            found,
            [
                ("[2].id", "wrong-type"),
                ("[2].location.gps", "required"),
                ("[1].datetime", "feed-date-time"),
                ("[1].url", "police-link"),
                ("[1].location.gps", "coordinates"),
            ]
        );
        assert_eq!(
            parse_feed(r#"{"id": 1}"#).unwrap_err()[0].path,
            "",
            "an object, not a list"
        );
    }

    #[test]
    fn only_links_to_polisen_se() {
        assert_eq!(
            police_url("/aktuellt/x/").as_deref(),
            Some("https://polisen.se/aktuellt/x/")
        );
        for bad in [
            "//evil.example/x",
            "https://polisen.se.evil.example/x",
            "http://polisen.se/x",
            "javascript:alert(1)",
            "/a b",
        ] {
            assert_eq!(police_url(bad), None, "{bad}");
        }
    }
}
