//! An activity file read into records: the columns by their names in Swedish or English,
//! each cell checked with the line and column of any problem, dates as stored days.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use chrono::{Datelike as _, NaiveDate, Utc};
use lofte_domain::followup::{
    ActivityFields, ActivityProblems, NewActivity, Performer, Started, Vocabulary,
};
use lofte_domain::{ActivityCatalogue, ActivityTypeCode, Problem};

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

/// Parses one CSV record; problems are named by column.
pub(crate) fn parse_record(
    record: &csv::StringRecord,
    index: &[Option<usize>; 9],
    words: &Vocabulary,
) -> std::result::Result<NewActivity, ActivityProblems> {
    // Columns in the order of [`COLUMNS`].
    let cell = |i: usize| -> &str { index[i].and_then(|col| record.get(col)).unwrap_or("") };
    ActivityFields {
        external_id: cell(0),
        activity_type: cell(1),
        performer: cell(2),
        started: Started::Local {
            date: cell(3),
            time: cell(4),
        },
        duration_minutes: cell(5),
        place: cell(6),
        participants: cell(7),
        note: cell(8),
    }
    .parse(words)
}

/// Rows per INSERT: well under SQLite's bind-parameter limit.
pub(crate) const BATCH: usize = 500;
