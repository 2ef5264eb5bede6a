//! An activity file read into records: the columns by their names in Swedish or English,
//! each cell checked with the line and column of any problem, dates as stored days.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::LazyLock;

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use lofte_domain::followup::{Activity, NewActivity, Performer};
use lofte_domain::{ActivityCatalogue, ActivityTypeCode, PlaceSlug, Problem, Text};

/// A set or map keyed by text an import looks up for every row (places, interned
/// values): foldhash instead of the standard SipHash, which took a twentieth of the
/// reading thread's time on a large file (bench/notes/activity-import.md). Only values that passed the
/// checks are ever stored in one, so their keys are few and not chosen by the file.
pub(crate) type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// One bad cell of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column's name as the header spells it, or empty for the whole row.
    pub column: String,
    pub problem: Problem,
}

impl CellError {
    /// A row the CSV reader could not read, on its line.
    pub(crate) fn malformed(e: &csv::Error) -> CellError {
        CellError {
            line: e.position().map_or(0, |p| p.line()),
            column: String::new(),
            problem: Problem::Malformed {
                detail: e.to_string(),
            },
        }
    }
}

/// A stored activity as exports show it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRecord {
    pub started_at: chrono::DateTime<Utc>,
    pub activity_type: ActivityTypeCode,
    pub performer: Performer,
    /// The place's slug, if one was given.
    pub place: Option<String>,
    pub duration_minutes: Option<u32>,
    pub participants: Option<u32>,
    pub synthetic: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub added: u64,
    /// Rows that were already stored (the same external id or content).
    pub already_there: u64,
}

/// The columns an activity file may have; `type`, `performer` and `date` are required.
pub const COLUMNS: [&str; 9] = [
    "external_id",
    "type",
    "performer",
    "date",
    "time",
    "duration_minutes",
    "place",
    "participants",
    "note",
];
pub(crate) const REQUIRED: [&str; 3] = ["type", "performer", "date"];

/// Other names for [`COLUMNS`], as Swedish spreadsheets and other systems head them
/// (compared in lower case).
pub(crate) const COLUMN_ALIASES: [(&str, &[&str]); 9] = [
    (
        "external_id",
        &[
            "id",
            "externt id",
            "externt_id",
            "ärendenummer",
            "ärende-id",
        ],
    ),
    (
        "type",
        &[
            "typ",
            "aktivitet",
            "aktivitetstyp",
            "activity",
            "activity type",
        ],
    ),
    (
        "performer",
        &["utförare", "utförd av", "part", "genomförd av"],
    ),
    ("date", &["datum", "dag"]),
    ("time", &["tid", "klockslag", "starttid", "start"]),
    (
        "duration_minutes",
        &[
            "minuter",
            "längd",
            "längd (min)",
            "varaktighet",
            "tid (min)",
            "duration",
            "minutes",
        ],
    ),
    ("place", &["plats", "ort", "område"]),
    ("participants", &["deltagare", "antal deltagare", "antal"]),
    (
        "note",
        &["anteckning", "kommentar", "notering", "anmärkning"],
    ),
];

/// The separator a CSV file's header line uses: a semicolon where it has more of them
/// than commas (as Swedish spreadsheet programs save), a comma otherwise. `head` is the
/// start of the file.
pub(crate) fn delimiter_of(head: &[u8]) -> u8 {
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first_line.iter().filter(|b| **b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Which of [`COLUMNS`] a header names, by its own name or an alias.
pub(crate) fn column_of(header: &str) -> Option<usize> {
    let header = header.trim().trim_start_matches('\u{feff}').trim();
    COLUMNS.iter().position(|c| *c == header).or_else(|| {
        let lower = header.to_lowercase();
        COLUMNS.iter().position(|c| *c == lower).or_else(|| {
            COLUMN_ALIASES
                .iter()
                .find(|(_, aliases)| aliases.contains(&lower.as_str()))
                .and_then(|(c, _)| COLUMNS.iter().position(|x| x == c))
        })
    })
}

/// The words a file may use for the municipality's types and places besides their
/// codes: built-in types' Swedish and English words, the municipality's own types'
/// names, and places' names. Built once per import; codes are looked up without
/// allocating, words in lower case.
pub(crate) struct Vocabulary {
    pub(crate) types: FastMap<String, ActivityTypeCode>,
    pub(crate) places: FastMap<String, PlaceSlug>,
}

impl Vocabulary {
    pub(crate) fn new(catalogue: &ActivityCatalogue, places: &[lofte_domain::Place]) -> Self {
        let mut types = FastMap::default();
        for (code, words) in lofte_domain::activity::BUILTIN_TYPE_WORDS {
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

    /// The type a cell names: its code (no allocation), or a word for it.
    pub(crate) fn type_code(&self, raw: &str) -> Option<ActivityTypeCode> {
        self.types
            .get(raw)
            .or_else(|| self.types.get(&raw.to_lowercase()))
            .cloned()
    }

    /// The place a cell names: its slug (no allocation), or its name.
    pub(crate) fn place(&self, raw: &str) -> Option<PlaceSlug> {
        self.places
            .get(raw)
            .or_else(|| self.places.get(&raw.to_lowercase()))
            .cloned()
    }
}

/// At most this many problems are listed; an import with more is still refused whole.
pub const MAX_LISTED: usize = 200;

/// An activity file's rows after its header.
pub(crate) struct CsvRows<R> {
    pub(crate) reader: csv::Reader<R>,
    /// Where each of [`COLUMNS`] is in the file, if it is there.
    pub(crate) index: [Option<usize>; 9],
    pub(crate) places: FastSet<String>,
    pub(crate) types: ActivityCatalogue,
    pub(crate) words: Vocabulary,
    /// The file's own name for each of [`COLUMNS`] ("Plats" for `place`), for its
    /// problems.
    pub(crate) headers: [String; 9],
}

impl<R: Read> CsvRows<R> {
    /// Reads and checks every row, and sends the good rows to `batches` in batches of
    /// [`BATCH`], each made ready to insert by `prepare`; returns the problems found
    /// (once there is one, nothing more is sent) and how many rows were read.
    ///
    /// This and the writer that receives the batches run side by side (`tokio::join!`
    /// with the writer first): while SQLite stores one batch on its connection's own
    /// thread, the next is parsed and prepared here, and as soon as it is stored the
    /// writer hands SQLite the next. At most two batches wait in between, so memory
    /// stays bounded; the writer's first error ends its receiver, and with it the
    /// reading.
    pub(crate) async fn send_batches<T>(
        &mut self,
        batches: tokio::sync::mpsc::Sender<T>,
        mut prepare: impl FnMut(&[NewActivity]) -> T,
    ) -> (Vec<CellError>, u64) {
        let mut errors: Vec<CellError> = Vec::new();
        let mut seen_rows = 0u64;
        let mut batch = Vec::with_capacity(BATCH);
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    // The listing stops at MAX_LISTED, this one included (found by fuzzing).
                    errors.truncate(MAX_LISTED - 1);
                    errors.push(CellError::malformed(&e));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            seen_rows += 1;
            let parsed = parse_record(&record, &self.index, &self.words).and_then(|a| {
                let problems = check_activity(&a, &self.places, &self.types);
                if problems.is_empty() {
                    Ok(a)
                } else {
                    Err(problems)
                }
            });
            match parsed {
                Ok(a) if errors.is_empty() => {
                    batch.push(a);
                    if batch.len() == BATCH {
                        let prepared = prepare(&batch);
                        batch.clear();
                        if batches.send(prepared).await.is_err() {
                            break; // the writer failed, and reports why
                        }
                    }
                }
                Ok(_) => {}
                Err(problems) => {
                    batch.clear();
                    for (column, problem) in problems {
                        if errors.len() < MAX_LISTED {
                            let named = COLUMNS
                                .iter()
                                .position(|c| *c == column)
                                .map_or(column, |i| self.headers[i].as_str());
                            errors.push(CellError {
                                line,
                                column: named.to_owned(),
                                problem,
                            });
                        }
                    }
                }
            }
        }
        if errors.is_empty() && !batch.is_empty() {
            // A failed send means the writer failed, and reports why.
            let _ = batches.send(prepare(&batch)).await;
        }
        (errors, seen_rows)
    }
}

/// The years an activity's date may have: four digits, as the day is stored.
pub(crate) const STORABLE_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// An activity's Swedish local date as stored (`activity.local_day`): the number
/// YYYYMMDD, e.g. 20210303. It orders as the dates do, for any year.
pub(crate) fn stored_day(date: NaiveDate) -> i32 {
    // Month and day are at most 12 and 31. Saturating keeps a far-off bound of a
    // period (never a stored date: `STORABLE_YEARS`) at the end of the range.
    let month_day = i32::try_from(date.month() * 100 + date.day()).unwrap_or(0);
    date.year().saturating_mul(10_000).saturating_add(month_day)
}

/// The date a stored `local_day` is, if it is one.
pub(crate) fn date_of_stored_day(day: i32) -> Option<NaiveDate> {
    let month_day = u32::try_from(day.rem_euclid(10_000)).ok()?;
    NaiveDate::from_ymd_opt(day.div_euclid(10_000), month_day / 100, month_day % 100)
}

/// Local (Swedish) date and time to UTC. A time that does not exist (the hour skipped
/// when summer time starts) is read as the hour after; an ambiguous one as the first.
pub fn stockholm_to_utc(local: NaiveDateTime) -> chrono::DateTime<Utc> {
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

/// Checks what a single activity must satisfy wherever it comes from, beyond its cells'
/// form: the municipality has the type, a counts-only type has no note, the place exists.
pub(crate) fn check_activity(
    a: &NewActivity,
    places: &FastSet<String>,
    types: &ActivityCatalogue,
) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
    if !STORABLE_YEARS.contains(&a.activity.date.year()) {
        // Such a date cannot be written as YYYY-MM-DD, which is what Problem::Date asks.
        problems.push(("date", Problem::Date));
    }
    match types.get(a.activity.activity_type.as_str()) {
        None => problems.push((
            "type",
            Problem::UnknownActivityType {
                value: a.activity.activity_type.to_string(),
            },
        )),
        Some(t) if t.counts_only && a.note.is_some() => {
            problems.push(("note", Problem::CountsOnly));
        }
        Some(_) => {}
    }
    if let Some(place) = &a.activity.place
        && !places.contains(place.as_str())
    {
        problems.push((
            "place",
            Problem::UnknownPlace {
                value: place.to_string(),
            },
        ));
    }
    problems
}

/// The formats of the date and time cells, read once: `NaiveDate::parse_from_str` would
/// read its pattern again for every cell (a tenth of the reading thread's time on a large
/// file, bench/notes/activity-import.md).
pub(crate) static DATE_FORMAT: LazyLock<Vec<Item<'static>>> =
    LazyLock::new(|| StrftimeItems::new("%Y-%m-%d").collect());
pub(crate) static TIME_FORMAT: LazyLock<Vec<Item<'static>>> =
    LazyLock::new(|| StrftimeItems::new("%H:%M").collect());

/// What `parse_from_str` does with a pattern, with the pattern's items read beforehand.
pub(crate) fn parse_with<T>(
    format: &[Item<'static>],
    text: &str,
    finish: fn(&Parsed) -> chrono::ParseResult<T>,
) -> chrono::ParseResult<T> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, format.iter())?;
    finish(&parsed)
}

/// Parses one CSV record; problems are named by column.
pub(crate) fn parse_record(
    record: &csv::StringRecord,
    index: &[Option<usize>; 9],
    words: &Vocabulary,
) -> std::result::Result<NewActivity, Vec<(&'static str, Problem)>> {
    let cell = |name: &str| -> &str {
        let i = COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("known column");
        index[i]
            .and_then(|col| record.get(col))
            .unwrap_or("")
            .trim()
    };
    let mut problems = Vec::new();
    let mut required = |name: &'static str| {
        let v = cell(name);
        if v.is_empty() {
            problems.push((name, Problem::Required));
            None
        } else {
            Some(v)
        }
    };
    let (raw_type, raw_performer, raw_date) =
        (required("type"), required("performer"), required("date"));
    let activity_type = raw_type.and_then(|t| match words.type_code(t) {
        Some(code) => Some(code),
        None => match ActivityTypeCode::parse(t) {
            Ok(code) => Some(code),
            // Not a code's form either: a word no type has.
            Err(_) => {
                problems.push((
                    "type",
                    Problem::UnknownActivityType {
                        value: t.to_owned(),
                    },
                ));
                None
            }
        },
    });
    let performer = raw_performer.and_then(|p| match Performer::parse(p) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.push(("performer", e));
            None
        }
    });
    let date = raw_date.and_then(
        |d| match parse_with(&DATE_FORMAT, d, Parsed::to_naive_date) {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push(("date", Problem::Date));
                None
            }
        },
    );
    let time = match cell("time") {
        "" => Some(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists")),
        t => match parse_with(&TIME_FORMAT, t, Parsed::to_naive_time) {
            Ok(t) => Some(t),
            Err(_) => {
                problems.push(("time", Problem::Time));
                None
            }
        },
    };
    let mut number = |name: &'static str, min: i64, max: i64| -> Option<u32> {
        let raw = cell(name);
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => u32::try_from(n).ok(),
            Ok(_) => {
                problems.push((name, Problem::OutOfRange { min, max }));
                None
            }
            Err(_) => {
                problems.push((name, Problem::Number));
                None
            }
        }
    };
    let duration = number("duration_minutes", 1, i64::from(NewActivity::MAX_DURATION));
    let participants = number("participants", 0, 100_000);
    let place = match cell("place") {
        "" => None,
        p => match words.place(p) {
            Some(slug) => Some(slug),
            None => {
                problems.push((
                    "place",
                    Problem::UnknownPlace {
                        value: p.to_owned(),
                    },
                ));
                None
            }
        },
    };
    let note = match cell("note") {
        "" => None,
        n => match Text::parse(n, NewActivity::MAX_NOTE) {
            Ok(t) => Some(t),
            Err(e) => {
                problems.push(("note", e));
                None
            }
        },
    };
    let external_id = match cell("external_id") {
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
        id if lofte_domain::text::has_control_character(id) => {
            problems.push(("external_id", Problem::ControlCharacter));
            None
        }
        id => Some(id.to_owned()),
    };
    match (activity_type, performer, date, time) {
        (Some(activity_type), Some(performer), Some(date), Some(time)) if problems.is_empty() => {
            Ok(NewActivity {
                activity: Activity {
                    activity_type,
                    performer,
                    date,
                    time,
                    duration_minutes: duration,
                    place,
                    participants,
                },
                started_at: stockholm_to_utc(date.and_time(time)),
                note,
                external_id,
            })
        }
        _ => Err(problems),
    }
}

/// Rows per INSERT: well under SQLite's bind-parameter limit.
pub(crate) const BATCH: usize = 500;
