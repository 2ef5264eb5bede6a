//! A logged activity as it enters: the one parser that the staff form, the API and a
//! CSV import share, so that the same text means the same activity, or the same problem
//! on the same field, whichever way it arrives.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime, TimeZone as _, Utc};

use super::{Activity, Performer};
use crate::activity::{ActivityCatalogue, ActivityTypeCode, BUILTIN_TYPE_WORDS};
use crate::place::{Place, PlaceSlug};
use crate::problem::Problem;
use crate::text::{Text, has_control_character};

/// A logged activity as it is entered (form, API, CSV row), before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewActivity {
    pub activity: Activity,
    /// When it started, in UTC.
    pub started_at: DateTime<Utc>,
    pub note: Option<Text>,
    /// The sender's own id for the activity; the same id twice is the same activity.
    pub external_id: Option<String>,
}

impl NewActivity {
    pub const MAX_NOTE: usize = 500;
    pub const MAX_EXTERNAL_ID: usize = 100;
    pub const MAX_DURATION: u32 = 24 * 60;
    /// More people than any activity of a municipality gathers: a larger number is a
    /// typing or export mistake, not a crowd.
    pub const MAX_PARTICIPANTS: u32 = 100_000;

    /// The key that makes re-sending the same activity harmless: the external id if
    /// given, otherwise the activity's content.
    pub fn dedup_key(&self) -> String {
        match &self.external_id {
            Some(id) => format!("id:{id}"),
            None => {
                let a = &self.activity;
                format!(
                    "content:{}|{}|{}|{}|{}|{}|{}",
                    a.activity_type,
                    a.performer.as_text(),
                    self.started_at.to_rfc3339(),
                    a.duration_minutes
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    a.place.as_ref().map(PlaceSlug::as_str).unwrap_or_default(),
                    a.participants.map(|p| p.to_string()).unwrap_or_default(),
                    self.note.as_ref().map(|n| n.as_str()).unwrap_or_default(),
                )
            }
        }
    }
}

/// A map keyed by text that an import looks up for every row: foldhash instead of the
/// standard SipHash, which took a twentieth of the reading thread's time on a large file
/// (bench/notes/activity-import.md). Its keys are the municipality's own words, never
/// chosen by the file.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The words that name one municipality's activity types and places: codes and slugs,
/// the built-in types' Swedish and English words, the names of its own types, and its
/// places' names, all compared in lower case as well.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    types: FastMap<String, ActivityTypeCode>,
    places: FastMap<String, PlaceSlug>,
}

impl Vocabulary {
    pub fn new(catalogue: &ActivityCatalogue, places: &[Place]) -> Self {
        let mut types = FastMap::default();
        for (code, words) in BUILTIN_TYPE_WORDS {
            if let Some(t) = catalogue.get(code) {
                for word in words {
                    types.insert((*word).to_owned(), t.code.clone());
                }
            }
        }
        for t in catalogue.types() {
            types.insert(t.code.to_string(), t.code.clone());
            if let Some(names) = &t.names {
                for name in [
                    &names.sv_one,
                    &names.sv_other,
                    &names.en_one,
                    &names.en_other,
                ] {
                    types.insert(name.as_str().to_lowercase(), t.code.clone());
                }
            }
        }
        let places = places
            .iter()
            .flat_map(|p| {
                [
                    (p.slug.to_string(), p.slug.clone()),
                    (p.name.as_str().to_lowercase(), p.slug.clone()),
                ]
            })
            .collect();
        Vocabulary { types, places }
    }

    /// The type a text names: its code (no allocation), or a word for it.
    pub fn type_code(&self, raw: &str) -> Option<ActivityTypeCode> {
        self.types
            .get(raw)
            .or_else(|| self.types.get(&raw.to_lowercase()))
            .cloned()
    }

    /// The place a text names: its slug (no allocation), or its name.
    pub fn place(&self, raw: &str) -> Option<PlaceSlug> {
        self.places
            .get(raw)
            .or_else(|| self.places.get(&raw.to_lowercase()))
            .cloned()
    }
}

/// When an activity started, as its source says it.
#[derive(Debug, Clone, Copy)]
pub enum Started<'a> {
    /// Swedish local date and time as people write them ("2021-03-01", "07:30"); a
    /// blank time is noon, so that a day's activity counts on that day whatever the
    /// hour limits of a target.
    Local { date: &'a str, time: &'a str },
    /// An instant with its offset, as machine clients send it.
    At(DateTime<FixedOffset>),
}

/// The fields of one logged activity as text, whichever way it arrives. Blank means not
/// given. Problems are named by the field names here (`type`, `performer`, `date`,
/// `time`, `duration_minutes`, `place`, `participants`, `note`, `external_id`), which
/// are also the activity file's columns; a form renames them for its own inputs.
#[derive(Debug, Clone, Copy)]
pub struct ActivityFields<'a> {
    pub activity_type: &'a str,
    pub performer: &'a str,
    pub started: Started<'a>,
    pub duration_minutes: &'a str,
    pub place: &'a str,
    pub participants: &'a str,
    pub note: &'a str,
    pub external_id: &'a str,
}

/// Every problem of one activity, each on the field it concerns.
pub type ActivityProblems = Vec<(&'static str, Problem)>;

/// The formats of date and time fields, read once: `NaiveDate::parse_from_str` would
/// read its pattern again for every field (a tenth of the reading thread's time on a
/// large file, bench/notes/activity-import.md).
static DATE_FORMAT: LazyLock<Vec<Item<'static>>> =
    LazyLock::new(|| StrftimeItems::new("%Y-%m-%d").collect());
static TIME_FORMAT: LazyLock<Vec<Item<'static>>> =
    LazyLock::new(|| StrftimeItems::new("%H:%M").collect());

/// What `parse_from_str` does with a pattern, with the pattern's items read beforehand.
fn parse_with<T>(
    format: &[Item<'static>],
    text: &str,
    finish: fn(&Parsed) -> chrono::ParseResult<T>,
) -> chrono::ParseResult<T> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, format.iter())?;
    finish(&parsed)
}

/// `raw` trimmed; a blank one is a `Required` problem on `name`.
fn need<'r>(problems: &mut ActivityProblems, name: &'static str, raw: &'r str) -> &'r str {
    let raw = raw.trim();
    if raw.is_empty() {
        problems.push((name, Problem::Required));
    }
    raw
}

/// A date as people write it, `YYYY-MM-DD`.
pub fn parse_local_date(raw: &str) -> Result<chrono::NaiveDate, Problem> {
    parse_with(&DATE_FORMAT, raw, Parsed::to_naive_date).map_err(|_| Problem::Date)
}

/// A time of day as people write it, `HH:MM`.
pub fn parse_local_time(raw: &str) -> Result<NaiveTime, Problem> {
    parse_with(&TIME_FORMAT, raw, Parsed::to_naive_time).map_err(|_| Problem::Time)
}

/// Local (Swedish) date and time to UTC. A time that does not exist (the hour skipped
/// when summer time starts) is read as the hour after; an ambiguous one as the first.
pub fn stockholm_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let tz = chrono_tz::Europe::Stockholm;
    let resolved = tz
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .expect("an hour later always exists");
    resolved.with_timezone(&Utc)
}

impl ActivityFields<'_> {
    /// Parses the fields, every problem on its field; types and places are read through
    /// the municipality's `words`, so an unknown one is a problem here. What depends on
    /// more than one activity or on storage (a counts-only type's note, the stored
    /// date range) is the database's check.
    pub fn parse(&self, words: &Vocabulary) -> Result<NewActivity, ActivityProblems> {
        let mut problems: ActivityProblems = Vec::new();
        let raw_type = need(&mut problems, "type", self.activity_type);
        let raw_performer = need(&mut problems, "performer", self.performer);
        let activity_type = (!raw_type.is_empty())
            .then(|| words.type_code(raw_type))
            .flatten();
        if !raw_type.is_empty() && activity_type.is_none() {
            problems.push((
                "type",
                Problem::UnknownActivityType {
                    value: raw_type.to_owned(),
                },
            ));
        }
        let performer = if raw_performer.is_empty() {
            None
        } else {
            Performer::parse(raw_performer)
                .map_err(|e| problems.push(("performer", e)))
                .ok()
        };
        let local = match self.started {
            Started::Local { date, time } => {
                let date = match need(&mut problems, "date", date) {
                    "" => None,
                    d => parse_with(&DATE_FORMAT, d, Parsed::to_naive_date)
                        .map_err(|_| problems.push(("date", Problem::Date)))
                        .ok(),
                };
                let time = match time.trim() {
                    "" => Some(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists")),
                    t => parse_with(&TIME_FORMAT, t, Parsed::to_naive_time)
                        .map_err(|_| problems.push(("time", Problem::Time)))
                        .ok(),
                };
                date.zip(time)
                    .map(|(d, t)| (d.and_time(t), stockholm_to_utc(d.and_time(t))))
            }
            Started::At(instant) => {
                let utc = instant.with_timezone(&Utc);
                let local = utc.with_timezone(&chrono_tz::Europe::Stockholm);
                Some((local.naive_local(), utc))
            }
        };
        let mut number = |name: &'static str, raw: &str, min: u32, max: u32| -> Option<u32> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            match raw.parse::<i64>() {
                Ok(n) if (i64::from(min)..=i64::from(max)).contains(&n) => u32::try_from(n).ok(),
                Ok(_) => {
                    problems.push((
                        name,
                        Problem::OutOfRange {
                            min: min.into(),
                            max: max.into(),
                        },
                    ));
                    None
                }
                Err(_) => {
                    problems.push((name, Problem::Number));
                    None
                }
            }
        };
        let duration = number(
            "duration_minutes",
            self.duration_minutes,
            1,
            NewActivity::MAX_DURATION,
        );
        let participants = number(
            "participants",
            self.participants,
            0,
            NewActivity::MAX_PARTICIPANTS,
        );
        let place = match self.place.trim() {
            "" => None,
            p => {
                let slug = words.place(p);
                if slug.is_none() {
                    problems.push((
                        "place",
                        Problem::UnknownPlace {
                            value: p.to_owned(),
                        },
                    ));
                }
                slug
            }
        };
        let note = match self.note.trim() {
            "" => None,
            n => Text::parse(n, NewActivity::MAX_NOTE)
                .map_err(|e| problems.push(("note", e)))
                .ok(),
        };
        let external_id = match self.external_id.trim() {
            "" => None,
            id if id.chars().count() > NewActivity::MAX_EXTERNAL_ID => {
                problems.push((
                    "external_id",
                    Problem::TooLong {
                        max: NewActivity::MAX_EXTERNAL_ID,
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
        match (activity_type, performer, local) {
            (Some(activity_type), Some(performer), Some((local, started_at)))
                if problems.is_empty() =>
            {
                Ok(NewActivity {
                    activity: Activity {
                        activity_type,
                        performer,
                        date: local.date(),
                        time: local.time(),
                        duration_minutes: duration,
                        place,
                        participants,
                    },
                    started_at,
                    note,
                    external_id,
                })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::activity::{ActivityType, TypeNames};
    use crate::place::PlaceKind;

    /// Gnesta's words: a type of its own and a place whose name is not its slug.
    fn gnesta() -> Vocabulary {
        let name = |s: &str| Text::parse(s, TypeNames::MAX_CHARS).unwrap();
        let mut types = ActivityCatalogue::builtin().types().to_vec();
        types.push(ActivityType {
            code: ActivityTypeCode::parse("dog_patrol").unwrap(),
            names: Some(TypeNames {
                sv_one: name("hundpatrull"),
                sv_other: name("hundpatruller"),
                en_one: name("dog patrol"),
                en_other: name("dog patrols"),
            }),
            counts_only: false,
        });
        let place = Place {
            municipality: crate::MunicipalityCode::parse("0461").unwrap(),
            slug: PlaceSlug::parse("stationsomradet").unwrap(),
            name: Text::parse("Stationsområdet", 80).unwrap(),
            kind: PlaceKind::Station,
            coordinates: crate::Coordinates::new(59.05, 17.31).unwrap(),
            outlying: false,
            within: None,
            shape: None,
        };
        Vocabulary::new(&ActivityCatalogue::new(types), &[place])
    }

    fn fields<'a>(date: &'a str, time: &'a str) -> ActivityFields<'a> {
        ActivityFields {
            activity_type: "Hundpatruller",
            performer: "partner:Securitas",
            started: Started::Local { date, time },
            duration_minutes: "45",
            place: "stationsområdet",
            participants: "",
            note: "",
            external_id: "",
        }
    }

    #[test]
    fn words_other_systems_write_name_the_municipalitys_types_and_places() {
        let a = fields("2023-08-14", "21:30").parse(&gnesta()).unwrap();
        assert_eq!(a.activity.activity_type.as_str(), "dog_patrol");
        assert_eq!(a.activity.performer, Performer::Partner("Securitas".into()));
        assert_eq!(a.activity.place.unwrap().as_str(), "stationsomradet");
        assert_eq!(a.activity.duration_minutes, Some(45));
        // 21:30 in Swedish summer time is 19:30 UTC.
        assert_eq!(a.started_at.to_rfc3339(), "2023-08-14T19:30:00+00:00");
        let noon = fields("2023-01-10", " ").parse(&gnesta()).unwrap();
        assert_eq!(
            noon.activity.time,
            NaiveTime::from_hms_opt(12, 0, 0).unwrap()
        );
    }

    #[test]
    fn an_instant_is_dated_by_its_swedish_day() {
        let instant = DateTime::parse_from_rfc3339("2023-12-31T23:30:00Z").unwrap();
        let a = ActivityFields {
            activity_type: "foot_patrol",
            performer: "police",
            started: Started::At(instant),
            ..fields("", "")
        }
        .parse(&gnesta())
        .unwrap();
        assert_eq!(
            a.activity.date,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        );
        assert_eq!(a.started_at, instant.with_timezone(&Utc));
    }

    #[test]
    fn every_problem_is_named_by_its_field() {
        let problems = ActivityFields {
            activity_type: "kafferep",
            performer: "grannen",
            started: Started::Local {
                date: "2023-02-30",
                time: "25:00",
            },
            duration_minutes: "0",
            place: "Månen",
            participants: "många",
            note: "\u{7}",
            external_id: &"x".repeat(101),
        }
        .parse(&gnesta())
        .unwrap_err();
        let named: Vec<(&str, &str)> = problems.iter().map(|(f, p)| (*f, p.code())).collect();
        assert_eq!(
            named,
            [
                ("type", "unknown-activity-type"),
                ("performer", "not-one-of"),
                ("date", "date"),
                ("time", "time"),
                ("duration_minutes", "out-of-range"),
                ("participants", "number"),
                ("place", "unknown-place"),
                ("note", "control-character"),
                ("external_id", "too-long"),
            ]
        );
        let blank = ActivityFields {
            activity_type: " ",
            performer: "",
            ..fields("", "")
        }
        .parse(&gnesta())
        .unwrap_err();
        assert_eq!(
            blank,
            [
                ("type", Problem::Required),
                ("performer", Problem::Required),
                ("date", Problem::Required),
            ]
        );
        let crowd = ActivityFields {
            participants: "100001",
            ..fields("2023-05-01", "")
        }
        .parse(&gnesta())
        .unwrap_err();
        assert_eq!(
            crowd,
            [(
                "participants",
                Problem::OutOfRange {
                    min: 0,
                    max: 100_000
                }
            )]
        );
    }

    // The date and time fields are read with their formats' items prepared once: a field
    // must be accepted or refused exactly as `parse_from_str` with the pattern would.
    #[test]
    fn date_and_time_fields_read_as_parse_from_str_reads_them() {
        let dates = [
            "2021-03-03",
            "2021-3-3",
            "2020-02-29",
            "2021-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-04-31",
            "21-03-03",
            "+2021-03-03",
            "2021/03/03",
            "2021-03-03x",
            "2021- 03-03",
            " 2021-03-03",
            "20210303",
            "",
            "99999-01-01",
            "2021-03-03T10:00",
        ];
        for text in dates {
            assert_eq!(
                parse_with(&DATE_FORMAT, text, Parsed::to_naive_date).ok(),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text:?}"
            );
        }
        let times = [
            "13:30", "0:05", "00:00", "23:59", "24:00", "12:60", "12:5", "12.30", "12:30:00",
            "1230", "", " 12:30", "12:30 ",
        ];
        for text in times {
            assert_eq!(
                parse_with(&TIME_FORMAT, text, Parsed::to_naive_time).ok(),
                NaiveTime::parse_from_str(text, "%H:%M").ok(),
                "{text:?}"
            );
        }
    }
}
