//! Logged activities: adding them (form, API), importing them from CSV, and reading them
//! back for the follow-up engine.
//!
//! Every way in is idempotent: an activity's dedup key (its external id, or else its
//! content) is unique per municipality, so sending the same thing twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::{Arc, LazyLock, OnceLock};

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{Datelike as _, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use lofte_domain::followup::{Activity, NewActivity, Performer};
use lofte_domain::{ActivityCatalogue, ActivityTypeCode, PlaceSlug, Problem, Text, YearSpan};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sea_orm::sqlx::{self, Arguments as _, AssertSqlSafe, Connection as _};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    RuntimeErr, Statement, Value,
};
use sea_query_sqlx::SqlxValues;

use crate::activity_types::TypeIds;
use crate::audit::Actor;
use crate::entity::activity;
use crate::tenant::Tenant;
use crate::{Error, Result};

/// A set or map keyed by text an import looks up for every row (places, interned
/// values): foldhash instead of the standard SipHash, which took a twentieth of the
/// reading thread's time on a large file (bench/notes/activity-import.md). Only values that passed the
/// checks are ever stored in one, so their keys are few and not chosen by the file.
pub(crate) type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

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
const REQUIRED: [&str; 3] = ["type", "performer", "date"];

/// Other names for [`COLUMNS`], as Swedish spreadsheets and other systems head them
/// (compared in lower case).
const COLUMN_ALIASES: [(&str, &[&str]); 9] = [
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
fn column_of(header: &str) -> Option<usize> {
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
struct Vocabulary {
    types: FastMap<String, ActivityTypeCode>,
    places: FastMap<String, PlaceSlug>,
}

impl Vocabulary {
    fn new(catalogue: &ActivityCatalogue, places: &[lofte_domain::Place]) -> Self {
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
    fn type_code(&self, raw: &str) -> Option<ActivityTypeCode> {
        self.types
            .get(raw)
            .or_else(|| self.types.get(&raw.to_lowercase()))
            .cloned()
    }

    /// The place a cell names: its slug (no allocation), or its name.
    fn place(&self, raw: &str) -> Option<PlaceSlug> {
        self.places
            .get(raw)
            .or_else(|| self.places.get(&raw.to_lowercase()))
            .cloned()
    }
}

/// Rows per INSERT: well under SQLite's bind-parameter limit.
const BATCH: usize = 500;

/// The columns [`Tenant::insert_activities`] writes, in order (all but the id).
const INSERT_COLUMNS: [activity::Column; 14] = [
    activity::Column::MunicipalityCode,
    activity::Column::ActivityTypeId,
    activity::Column::Performer,
    activity::Column::StartedAt,
    activity::Column::LocalDay,
    activity::Column::DurationMinutes,
    activity::Column::PlaceSlug,
    activity::Column::Participants,
    activity::Column::Note,
    activity::Column::DedupKey,
    activity::Column::Synthetic,
    activity::Column::AccountId,
    activity::Column::ApiTokenId,
    activity::Column::CreatedAt,
];

/// `INSERT INTO activity (…) VALUES (…), … ON CONFLICT (municipality_code, dedup_key)
/// DO NOTHING` for `rows` rows, with placeholders for the values.
fn insert_sql(backend: DbBackend, rows: usize) -> String {
    let mut insert = Query::insert();
    insert.into_table(activity::Entity).columns(INSERT_COLUMNS);
    for _ in 0..rows {
        insert.values_panic(INSERT_COLUMNS.map(|_| Expr::val(Value::Int(None))));
    }
    insert.on_conflict(
        OnConflict::columns([
            activity::Column::MunicipalityCode,
            activity::Column::DedupKey,
        ])
        .do_nothing()
        .to_owned(),
    );
    backend.build(&insert).sql
}

/// [`insert_sql`] for a full batch, written once per backend.
fn full_batch_sql(backend: DbBackend) -> &'static str {
    static SQLITE: OnceLock<String> = OnceLock::new();
    static POSTGRES: OnceLock<String> = OnceLock::new();
    let cell = match backend {
        DbBackend::Postgres => &POSTGRES,
        // lofte runs on SQLite and PostgreSQL only (`Db::connect`).
        _ => &SQLITE,
    };
    cell.get_or_init(|| insert_sql(backend, BATCH))
}

/// The columns whose value every row of one SQLite import shares (who added the rows,
/// when, whether they are made up, and the municipality): [`SharedValues`] binds them
/// once per statement instead of once per row.
const SHARED_COLUMNS: [activity::Column; 5] = [
    activity::Column::MunicipalityCode,
    activity::Column::Synthetic,
    activity::Column::AccountId,
    activity::Column::ApiTokenId,
    activity::Column::CreatedAt,
];

/// Values bound per row by a SQLite import: the columns that are not shared.
const ROW_VALUES: usize = INSERT_COLUMNS.len() - SHARED_COLUMNS.len();

/// The `INSERT` of a SQLite import: like [`insert_sql`], but the [`SHARED_COLUMNS`] are
/// bound once, after the rows, and each row binds only its own [`ROW_VALUES`] (in the
/// order of [`INSERT_COLUMNS`]), so SQLite's one writing thread binds and frees a third
/// fewer values. Every parameter is an anonymous `?`, bound in order: numbered ones would
/// make sqlx look up each parameter's name, which takes SQLite time in proportion to the
/// number of names.
///
/// `INSERT INTO activity (…) SELECT … FROM (VALUES (?, …), …) AS batch,
/// (SELECT ? AS municipality_code, …) AS shared WHERE true ON CONFLICT (…) DO NOTHING`
/// (`WHERE true` tells SQLite's parser that `ON CONFLICT` belongs to the `INSERT`).
fn sqlite_import_sql(rows: usize) -> String {
    use sea_orm::IdenStatic;
    let quoted = |column: &activity::Column| format!("\"{}\"", column.as_str());
    let is_shared = |column: &activity::Column| {
        SHARED_COLUMNS
            .iter()
            .any(|shared| shared.as_str() == column.as_str())
    };
    let columns = INSERT_COLUMNS.iter().map(quoted).collect::<Vec<_>>();
    let mut own = 0;
    let selected = INSERT_COLUMNS
        .iter()
        .map(|column| {
            if is_shared(column) {
                format!("shared.{}", quoted(column))
            } else {
                own += 1;
                format!("batch.column{own}")
            }
        })
        .collect::<Vec<_>>();
    let row = format!("({})", ["?"; ROW_VALUES].join(", "));
    let shared = SHARED_COLUMNS
        .iter()
        .map(|column| format!("? AS {}", quoted(column)))
        .collect::<Vec<_>>();
    format!(
        "INSERT INTO \"activity\" ({}) SELECT {} FROM (VALUES {}) AS batch, (SELECT {}) AS shared \
         WHERE true ON CONFLICT (\"municipality_code\", \"dedup_key\") DO NOTHING",
        columns.join(", "),
        selected.join(", "),
        vec![row; rows].join(", "),
        shared.join(", "),
    )
}

/// [`sqlite_import_sql`] for a full batch, written once per process.
fn full_sqlite_import_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| sqlite_import_sql(BATCH))
}

/// Inserts the rows whose values [`Tenant::row_values`] made (at most [`BATCH`]) with one
/// statement, skipping any already stored; returns how many were added.
async fn insert_rows(conn: &impl ConnectionTrait, values: Vec<Value>) -> Result<u64> {
    let backend = conn.get_database_backend();
    let rows = values.len() / INSERT_COLUMNS.len();
    let sql = if rows == BATCH {
        full_batch_sql(backend).to_owned()
    } else {
        insert_sql(backend, rows)
    };
    Ok(conn
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
        .rows_affected())
}

/// Page cache for an import's connection, in KiB.
const IMPORT_CACHE_KIB: u32 = 32 * 1024;

/// Page cache while an import rebuilds the progress index, in KiB (see `ProgressIndex`).
const REBUILD_CACHE_KIB: u32 = 8 * 1024;

/// At most this many problems are listed; an import with more is still refused whole.
pub const MAX_LISTED: usize = 200;

/// The `activity_progress` index during a CSV import on SQLite. Its key follows the
/// activities' dates, not the file's order, so inserting into it costs a random page per
/// row; building it in one sorted pass over the table is much cheaper when the import is
/// large next to what is stored (bench/notes/activity-import.md). So: once an import has added more
/// rows than the table held when it began, the index is dropped, and it is built again
/// from its own stored definition before the commit, in the same transaction (readers
/// keep seeing the old table and index until then; a refused or killed import rolls the
/// drop back with everything else). The rule never costs much more than the better of
/// the two choices, and a small import into a large table never rebuilds. Not on
/// PostgreSQL, where `DROP INDEX` would lock readers out until the commit.
struct ProgressIndex {
    /// `CREATE INDEX …` as SQLite stored it.
    definition: Option<String>,
    rows_at_start: u64,
    dropped: bool,
}

impl ProgressIndex {
    async fn at_start(conn: &mut SqliteConnection) -> Result<Self> {
        let definition: Option<String> = sqlx::query_scalar(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'activity_progress'",
        )
        .fetch_optional(&mut *conn)
        .await
        .map_err(sqlx_error)?;
        // Activities are only ever added, never deleted, so the largest id counts them
        // without a scan of the table.
        let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM activity")
            .fetch_one(&mut *conn)
            .await
            .map_err(sqlx_error)?;
        Ok(ProgressIndex {
            definition,
            rows_at_start: u64::try_from(max).unwrap_or(0),
            dropped: false,
        })
    }

    async fn after_batch(&mut self, conn: &mut SqliteConnection, added: u64) -> Result<()> {
        if !self.dropped && self.definition.is_some() && added > self.rows_at_start {
            execute(conn, "DROP INDEX activity_progress").await?;
            self.dropped = true;
        }
        Ok(())
    }

    async fn rebuild(self, conn: &mut SqliteConnection) -> Result<()> {
        if let (true, Some(definition)) = (self.dropped, self.definition) {
            // Building the index sorts every entry, in runs as large as the page cache
            // that spill to temporary files; with `temp_store = memory` (`Db::connect`)
            // those would stay in memory, which would then grow with the table. So sort
            // on disk, with smaller runs (the build writes its pages in order and needs
            // little cache; the import's dirty pages go to the WAL as at any commit).
            // One helper thread sorts alongside SQLite's own (a quarter less time, one
            // more run in memory: bench/notes/activity-import.md); more did not help on two cores.
            execute(conn, &format!("PRAGMA cache_size = -{REBUILD_CACHE_KIB}")).await?;
            execute(conn, "PRAGMA temp_store = file").await?;
            execute(conn, "PRAGMA threads = 1").await?;
            let built = execute(conn, &definition).await;
            execute(conn, "PRAGMA threads = 0").await?;
            execute(conn, "PRAGMA temp_store = memory").await?;
            built?;
        }
        Ok(())
    }
}

/// Runs one statement without parameters on a raw SQLite connection.
async fn execute(conn: &mut SqliteConnection, sql: &str) -> Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(conn)
        .await
        .map_err(sqlx_error)?;
    Ok(())
}

fn sqlx_error(e: sqlx::Error) -> Error {
    Error::Database(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e))))
}

/// An activity file's rows after its header.
struct CsvRows<R> {
    reader: csv::Reader<R>,
    /// Where each of [`COLUMNS`] is in the file, if it is there.
    index: [Option<usize>; 9],
    places: FastSet<String>,
    types: ActivityCatalogue,
    words: Vocabulary,
    /// The file's own name for each of [`COLUMNS`] ("Plats" for `place`), for its
    /// problems.
    headers: [String; 9],
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
    async fn send_batches<T>(
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

/// What every row of one SQLite import shares, encoded once and bound once per statement.
struct SharedValues {
    municipality: Arc<str>,
    synthetic: bool,
    account_id: Option<i32>,
    api_token_id: Option<i32>,
    /// As sqlx would write the `DateTime<Utc>` (RFC 3339, as many fractional digits as
    /// needed): the same text as every other way in stores.
    created_at: Arc<str>,
    types: TypeIds,
    /// Performers and places, each kept once: a file names few of them, so rows share
    /// one copy instead of each allocating its own (which SQLite's thread would then
    /// free).
    interned: FastMap<Box<str>, Arc<str>>,
}

impl SharedValues {
    fn new(
        municipality: &str,
        types: TypeIds,
        (actor, synthetic, created_at): (Actor, bool, chrono::DateTime<Utc>),
    ) -> Self {
        let (account_id, api_token_id) = actor.ids();
        SharedValues {
            municipality: municipality.into(),
            synthetic,
            account_id,
            api_token_id,
            created_at: created_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
                .into(),
            types,
            interned: FastMap::default(),
        }
    }

    fn interned(&mut self, text: &str) -> Arc<str> {
        if let Some(kept) = self.interned.get(text) {
            return kept.clone();
        }
        let kept: Arc<str> = text.into();
        self.interned.insert(text.into(), kept.clone());
        kept
    }

    /// The values of one [`sqlite_import_sql`] statement: each row's own, in the order
    /// of [`INSERT_COLUMNS`], then the [`SHARED_COLUMNS`] once (the same values as
    /// [`Tenant::row_values`] makes for SeaORM).
    fn arguments(&mut self, items: &[NewActivity]) -> SqliteArguments {
        let mut arguments = SqliteArguments::default();
        arguments.reserve(SHARED_COLUMNS.len() + items.len() * ROW_VALUES, 0);
        // Text, integers and dates always encode; a failure would be a bug in sqlx.
        let add = |result: std::result::Result<(), sqlx::error::BoxDynError>| {
            result.expect("text, integers and dates encode");
        };
        for a in items {
            // Every row's type passed `check_activity` against the catalogue these ids
            // were read with; were one missing, NULL would fail the insert, not store it.
            add(arguments.add(self.types.id(a.activity.activity_type.as_str())));
            add(arguments.add(self.interned(&a.activity.performer.as_text())));
            // Texts go in as `Arc<str>`, one allocation each (a `String` would be two),
            // since SQLite's thread frees them. The time as sqlx writes a `DateTime`.
            let started_at = a
                .started_at
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
            add(arguments.add(Arc::<str>::from(started_at)));
            add(arguments.add(stored_day(a.activity.date)));
            add(arguments.add(
                a.activity
                    .duration_minutes
                    .and_then(|d| i32::try_from(d).ok()),
            ));
            let place = a.activity.place.as_ref();
            add(arguments.add(place.map(|p| self.interned(p.as_str()))));
            add(arguments.add(a.activity.participants.and_then(|p| i32::try_from(p).ok())));
            add(arguments.add(a.note.as_ref().map(Text::as_str)));
            add(arguments.add(Arc::<str>::from(a.dedup_key())));
        }
        add(arguments.add(self.municipality.clone()));
        add(arguments.add(self.synthetic));
        add(arguments.add(self.account_id));
        add(arguments.add(self.api_token_id));
        add(arguments.add(self.created_at.clone()));
        arguments
    }
}

/// The years an activity's date may have: four digits, as the day is stored.
const STORABLE_YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// An activity's Swedish local date as stored (`activity.local_day`): the number
/// YYYYMMDD, e.g. 20210303. It orders as the dates do, for any year.
pub(crate) fn stored_day(date: NaiveDate) -> i32 {
    // Month and day are at most 12 and 31. Saturating keeps a far-off bound of a
    // period (never a stored date: `STORABLE_YEARS`) at the end of the range.
    let month_day = i32::try_from(date.month() * 100 + date.day()).unwrap_or(0);
    date.year().saturating_mul(10_000).saturating_add(month_day)
}

/// The date a stored `local_day` is, if it is one.
fn date_of_stored_day(day: i32) -> Option<NaiveDate> {
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

/// Parses one CSV record; problems are named by column.
fn parse_record(
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

impl Tenant {
    pub(crate) async fn place_slugs(&self) -> Result<FastSet<String>> {
        Ok(self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .map(|p| p.slug.to_string())
            .collect())
    }

    /// The values of the activities' rows for one `INSERT`, row after row, each in the
    /// order of [`INSERT_COLUMNS`].
    fn row_values(
        &self,
        types: &TypeIds,
        (actor, synthetic, created_at): (Actor, bool, chrono::DateTime<Utc>),
        items: &[NewActivity],
    ) -> Vec<Value> {
        let (account_id, api_token_id) = actor.ids();
        let mut values = Vec::with_capacity(items.len() * INSERT_COLUMNS.len());
        for a in items {
            values.extend([
                self.code().into(),
                // The callers checked the type against the catalogue these ids came
                // with (built-in types always exist); NULL would fail the insert.
                types.id(a.activity.activity_type.as_str()).into(),
                a.activity.performer.as_string().into(),
                a.started_at.into(),
                stored_day(a.activity.date).into(),
                a.activity
                    .duration_minutes
                    .and_then(|d| i32::try_from(d).ok())
                    .into(),
                a.activity.place.as_ref().map(ToString::to_string).into(),
                a.activity
                    .participants
                    .and_then(|p| i32::try_from(p).ok())
                    .into(),
                a.note.as_ref().map(ToString::to_string).into(),
                a.dedup_key().into(),
                synthetic.into(),
                account_id.into(),
                api_token_id.into(),
                created_at.into(),
            ]);
        }
        values
    }

    /// Inserts one activity inside the caller's transaction: the work a safety walk or a
    /// citizen dialogue is, logged together with it.
    pub(crate) async fn insert_activity(
        &self,
        conn: &impl ConnectionTrait,
        actor: Actor,
        activity: &NewActivity,
    ) -> Result<()> {
        self.insert_activities(
            conn,
            (actor, false, Utc::now()),
            std::slice::from_ref(activity),
        )
        .await?;
        Ok(())
    }

    /// Inserts activities inside the caller's transaction, skipping any already stored
    /// (the same municipality and dedup key); returns how many were added. The rows of
    /// one call share who added them, whether they are made up, and when.
    ///
    /// One multi-row `INSERT … ON CONFLICT DO NOTHING` per [`BATCH`] rows, with the SQL
    /// of a full batch written once per process and the values bound directly: a bulk
    /// import spends its time here, and building it through `InsertMany` cost about a
    /// fifth of the import's time in allocations (bench/notes/activity-import.md).
    pub(crate) async fn insert_activities(
        &self,
        conn: &impl ConnectionTrait,
        added_by: (Actor, bool, chrono::DateTime<Utc>),
        items: &[NewActivity],
    ) -> Result<u64> {
        let types = self.activity_types_and_ids(conn).await?.1;
        let mut added = 0;
        for chunk in items.chunks(BATCH) {
            added += insert_rows(conn, self.row_values(&types, added_by, chunk)).await?;
        }
        Ok(added)
    }

    /// Activities are only ever added, each carrying who added it; the audit log records
    /// each addition (form, API, import) with its counts.
    async fn audit_activities(
        &self,
        conn: &impl ConnectionTrait,
        actor: Actor,
        added: u64,
        already_there: u64,
    ) -> Result<()> {
        crate::audit::audit(conn, self.activities_audit(actor, added, already_there)).await
    }

    fn activities_audit(
        &self,
        actor: Actor,
        added: u64,
        already_there: u64,
    ) -> crate::audit::AuditRecord<'_> {
        crate::audit::AuditRecord {
            actor,
            municipality: self.code(),
            entity: "activities",
            entity_id: 0,
            promise_id: None,
            action: "add",
            before: None,
            after: Some(
                serde_json::json!({ "added": added, "already_there": already_there }).to_string(),
            ),
        }
    }

    /// Adds activities all or nothing; problems are named `[index].field`.
    pub async fn add_activities(
        &self,
        actor: Actor,
        items: &[NewActivity],
        synthetic: bool,
    ) -> Result<ImportSummary> {
        let places = self.place_slugs().await?;
        let types = self.activity_types().await?;
        let problems: Vec<lofte_domain::FieldError> = items
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                check_activity(a, &places, &types)
                    .into_iter()
                    .map(move |(field, p)| {
                        lofte_domain::FieldError::new(format!("[{i}].{field}"), p)
                    })
            })
            .collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let txn = self.db().begin_write().await?;
        let added = self
            .insert_activities(&txn, (actor, synthetic, Utc::now()), items)
            .await?;
        txn.commit().await?;
        Ok(ImportSummary {
            added,
            already_there: items.len() as u64 - added,
        })
    }

    /// Imports a CSV file of activities in one transaction, streaming: rows are checked
    /// and inserted in batches as they are read, so memory does not grow with the file.
    /// Any bad cell refuses the whole file; every problem (up to [`MAX_LISTED`]) is
    /// reported by line and column.
    pub async fn import_activities_csv(
        &self,
        actor: Actor,
        input: impl Read,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        self.import_activities_csv_adding_places(actor, input, &[])
            .await
    }

    /// [`Tenant::import_activities_csv`] that first adds places the file names and the
    /// municipality lacks, in the same transaction: refused rows add no place. The new
    /// places are refused (`Error::Invalid`, named `places[i].field`) when a slug is
    /// taken or `within` names no place.
    pub async fn import_activities_csv_adding_places(
        &self,
        actor: Actor,
        input: impl Read,
        new_places: &[lofte_domain::Place],
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let mut known_places = self.db().places(&self.municipality().code).await?;
        let problems = self.check_new_places(&known_places, new_places);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        known_places.extend_from_slice(new_places);
        let places: FastSet<String> = known_places.iter().map(|p| p.slug.to_string()).collect();
        let (types, ids) = self.activity_types_and_ids(self.db().conn()).await?;
        let words = Vocabulary::new(&types, &known_places);
        // Swedish spreadsheet programs save with semicolons: the header line says which.
        let mut input = std::io::BufReader::with_capacity(64 * 1024, input);
        let delimiter = std::io::BufRead::fill_buf(&mut input).map_or(b',', delimiter_of);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return Ok(Err(vec![CellError {
                    line: 1,
                    column: String::new(),
                    problem: Problem::Malformed {
                        detail: e.to_string(),
                    },
                }]));
            }
        };
        let mut errors = Vec::new();
        let mut index: [Option<usize>; 9] = [None; 9];
        for (col, name) in headers.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            match column_of(name) {
                Some(i) if index[i].is_some() => errors.push(CellError {
                    line: 1,
                    column: name.to_owned(),
                    problem: Problem::Duplicate {
                        value: COLUMNS[i].to_owned(),
                    },
                }),
                Some(i) => index[i] = Some(col),
                None => errors.push(CellError {
                    line: 1,
                    column: name.to_owned(),
                    problem: Problem::UnknownColumn {
                        expected: COLUMNS.join(", "),
                    },
                }),
            }
        }
        for required in REQUIRED {
            if index[COLUMNS.iter().position(|c| *c == required).expect("known")].is_none() {
                errors.push(CellError {
                    line: 1,
                    column: required.to_owned(),
                    problem: Problem::MissingColumn,
                });
            }
        }
        if !errors.is_empty() {
            errors.truncate(MAX_LISTED);
            return Ok(Err(errors));
        }
        let names: [String; 9] = std::array::from_fn(|i| {
            index[i]
                .and_then(|col| headers.get(col))
                .map(|h| h.trim().trim_start_matches('\u{feff}').trim().to_owned())
                .unwrap_or_else(|| COLUMNS[i].to_owned())
        });
        let rows = CsvRows {
            reader,
            index,
            places,
            types,
            words,
            headers: names,
        };
        let added_by = (actor, false, Utc::now());
        let backend = self.db().conn().get_database_backend();
        let places_first = self.new_place_statements(backend, actor, new_places);
        let outcome = if self.db().is_sqlite() {
            self.import_on_sqlite(added_by, ids, places_first, rows)
                .await?
        } else {
            self.import_through_orm(added_by, &ids, places_first, rows)
                .await?
        };
        Ok(outcome)
    }

    /// The import's writing on PostgreSQL: batches of values through SeaORM.
    async fn import_through_orm<R: Read>(
        &self,
        added_by: (Actor, bool, chrono::DateTime<Utc>),
        types: &TypeIds,
        places_first: Vec<Statement>,
        mut rows: CsvRows<R>,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let txn = self.db().begin_write().await?;
        for statement in places_first {
            txn.execute_raw(statement).await?;
        }
        let (batches, mut to_write) = tokio::sync::mpsc::channel::<Vec<Value>>(2);
        let read = rows.send_batches(batches, |items| self.row_values(types, added_by, items));
        let write = async {
            let mut added = 0;
            while let Some(values) = to_write.recv().await {
                added += insert_rows(&txn, values).await?;
            }
            Ok::<u64, Error>(added)
        };
        // The writer first: see `CsvRows::send_batches`.
        let (written, (errors, seen_rows)) = tokio::join!(biased; write, read);
        if !errors.is_empty() {
            txn.rollback().await?;
            return Ok(Err(errors));
        }
        let added = written?;
        let summary = ImportSummary {
            added,
            already_there: seen_rows - added,
        };
        self.audit_activities(&txn, added_by.0, summary.added, summary.already_there)
            .await?;
        txn.commit().await?;
        Ok(Ok(summary))
    }

    /// The import's writing on SQLite, where a large import is limited by SQLite's one
    /// writing thread: everything it needs is prepared on the reading side, and the
    /// writer only hands each batch to SQLite. So this goes to sqlx directly, on one
    /// pooled connection in `BEGIN IMMEDIATE`: through SeaORM every batch's 7,000 values
    /// were copied and encoded while SQLite waited (bench/notes/activity-import.md).
    async fn import_on_sqlite<R: Read>(
        &self,
        added_by: (Actor, bool, chrono::DateTime<Utc>),
        types: TypeIds,
        places_first: Vec<Statement>,
        rows: CsvRows<R>,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let pool = self.db().conn().get_sqlite_connection_pool();
        let mut conn = pool.acquire().await.map_err(sqlx_error)?;
        // An activity's foreign keys are its municipality and its type. Every row of an
        // import has the same municipality: `import_on_connection` checks it once, under
        // the write lock, instead of SQLite looking it up again for each row (a tenth of
        // the insert's time on a large file, bench/notes/activity-import.md). The type ids were read
        // from `activity_type` itself, and types are never deleted. The pragma can only
        // change outside a transaction; the reset below turns the check back on.
        //
        // The rebuild of the progress index switches `temp_store` inside the transaction
        // (`ProgressIndex::rebuild`), which SQLite refuses once the connection has opened
        // its temporary database (an `ALTER TABLE … RENAME`, as in migration 15, does).
        // Switching it away and back here, outside a transaction, closes that database;
        // setting it to the value it has would do nothing.
        let for_import = "PRAGMA foreign_keys = OFF; PRAGMA temp_store = file; \
                       PRAGMA temp_store = memory";
        let outcome = match execute(&mut conn, for_import).await {
            Ok(()) => {
                self.import_on_connection(&mut conn, added_by, types, places_first, rows)
                    .await
            }
            Err(e) => Err(e),
        };
        // Committed, refused or failed (sqlx rolls back a transaction it drops), the
        // connection goes back to the pool: hand back the import's page cache, sorting
        // and foreign key settings first, so pooled connections are as `Db::connect`
        // made them, or close it if that fails.
        let reset = "PRAGMA cache_size = -2000; PRAGMA temp_store = memory; PRAGMA threads = 0; \
                     PRAGMA foreign_keys = ON";
        if execute(&mut conn, reset).await.is_err() {
            conn.close_on_drop();
        }
        outcome
    }

    async fn import_on_connection<R: Read>(
        &self,
        conn: &mut SqliteConnection,
        added_by: (Actor, bool, chrono::DateTime<Utc>),
        types: TypeIds,
        places_first: Vec<Statement>,
        mut rows: CsvRows<R>,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let mut tx = conn
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(sqlx_error)?;
        for statement in places_first {
            execute_statement(&mut tx, statement).await?;
        }
        // The foreign key every row would check (`import_on_sqlite`), checked once: the
        // write lock held from here to the commit keeps the municipality in place.
        let municipality: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM municipality WHERE code = ?")
                .bind(self.code())
                .fetch_optional(&mut *tx)
                .await
                .map_err(sqlx_error)?;
        if municipality.is_none() {
            return Err(Error::NotFound);
        }
        // A large import touches index pages all over the file: give this connection a
        // bigger page cache while it runs (SQLite's default is 2 MiB; `import_on_sqlite`
        // hands it back).
        execute(&mut tx, &format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}")).await?;
        let mut progress_index = ProgressIndex::at_start(&mut tx).await?;
        let mut shared = SharedValues::new(self.code(), types, added_by);
        let (batches, mut to_write) = tokio::sync::mpsc::channel::<SqliteArguments>(2);
        let read = rows.send_batches(batches, |items| shared.arguments(items));
        let write = async {
            let mut added = 0;
            while let Some(arguments) = to_write.recv().await {
                let count = (arguments.len() - SHARED_COLUMNS.len()) / ROW_VALUES;
                let query = if count == BATCH {
                    sqlx::query_with(full_sqlite_import_sql(), arguments)
                } else {
                    sqlx::query_with(AssertSqlSafe(sqlite_import_sql(count)), arguments)
                };
                added += query
                    .execute(&mut *tx)
                    .await
                    .map_err(sqlx_error)?
                    .rows_affected();
                progress_index.after_batch(&mut tx, added).await?;
            }
            Ok::<u64, Error>(added)
        };
        // The writer first: see `CsvRows::send_batches`.
        let (written, (errors, seen_rows)) = tokio::join!(biased; write, read);
        if !errors.is_empty() {
            tx.rollback().await.map_err(sqlx_error)?; // the index too, if it was dropped
            return Ok(Err(errors));
        }
        let added = written?;
        progress_index.rebuild(&mut tx).await?;
        let summary = ImportSummary {
            added,
            already_there: seen_rows - added,
        };
        let audit = crate::audit::audit_statement(
            DbBackend::Sqlite,
            self.activities_audit(added_by.0, summary.added, summary.already_there),
        );
        execute_statement(&mut tx, audit).await?;
        tx.commit().await.map_err(sqlx_error)?;
        Ok(Ok(summary))
    }

    /// The municipality's activities in the period with what an export shows, oldest
    /// first. Notes are left out: they stay in the staff area.
    pub async fn activity_records(&self, period: YearSpan) -> Result<Vec<ActivityRecord>> {
        let (first, last) = (period.first_day(), period.last_day());
        let rows = activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(activity::Column::LocalDay.between(stored_day(first), stored_day(last)))
            .order_by_asc(activity::Column::StartedAt)
            .order_by_asc(activity::Column::Id)
            .all(self.db().conn())
            .await?;
        let types = self.activity_types_and_ids(self.db().conn()).await?.1;
        rows.into_iter()
            .map(|r| {
                let corrupt = || Error::Corrupt(format!("activity {}", r.id));
                Ok(ActivityRecord {
                    started_at: r.started_at,
                    activity_type: types
                        .code(r.activity_type_id)
                        .cloned()
                        .ok_or_else(corrupt)?,
                    performer: Performer::parse(&r.performer).map_err(|_| corrupt())?,
                    place: r.place_slug,
                    duration_minutes: r.duration_minutes.and_then(|d| u32::try_from(d).ok()),
                    participants: r.participants.and_then(|p| u32::try_from(p).ok()),
                    synthetic: r.synthetic,
                })
            })
            .collect()
    }

    /// Whether any activity in the period is synthetic demo data (for the label on pages
    /// that show figures frozen earlier).
    pub async fn has_synthetic_activities(&self, period: YearSpan) -> Result<bool> {
        let (first, last) = (period.first_day(), period.last_day());
        Ok(activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(activity::Column::Synthetic.eq(true))
            .filter(activity::Column::LocalDay.between(stored_day(first), stored_day(last)))
            .one(self.db().conn())
            .await?
            .is_some())
    }

    /// The municipality's activities of the given types in the period, for the engine,
    /// and whether any of them is synthetic demo data.
    pub async fn activities(
        &self,
        period: YearSpan,
        types: &[ActivityTypeCode],
    ) -> Result<(Vec<Activity>, bool)> {
        let (first, last) = (period.first_day(), period.last_day());
        let ids = self.activity_types_and_ids(self.db().conn()).await?.1;
        let rows = activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(
                activity::Column::ActivityTypeId
                    .is_in(types.iter().filter_map(|t| ids.id(t.as_str()))),
            )
            .filter(activity::Column::LocalDay.between(stored_day(first), stored_day(last)))
            .all(self.db().conn())
            .await?;
        let synthetic = rows.iter().any(|r| r.synthetic);
        let activities = rows
            .iter()
            .map(|r| activity_of(r, &ids))
            .collect::<Result<Vec<_>>>()?;
        Ok((activities, synthetic))
    }
}

/// A stored row as the engine's activity.
pub(crate) fn activity_of(r: &activity::Model, ids: &TypeIds) -> Result<Activity> {
    let corrupt = || Error::Corrupt(format!("activity {}", r.id));
    Ok(Activity {
        activity_type: ids.code(r.activity_type_id).cloned().ok_or_else(corrupt)?,
        performer: Performer::parse(&r.performer).map_err(|_| corrupt())?,
        date: date_of_stored_day(r.local_day).ok_or_else(corrupt)?,
        time: r
            .started_at
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .time(),
        duration_minutes: r.duration_minutes.and_then(|d| u32::try_from(d).ok()),
        participants: r.participants.and_then(|p| u32::try_from(p).ok()),
        place: r
            .place_slug
            .as_deref()
            .map(PlaceSlug::parse)
            .transpose()
            .map_err(|_| corrupt())?,
    })
}

/// The activity that a registered safety walk or citizen dialogue is: of built-in type
/// `kind`, at 18:00 local time that day (the time is not asked for), tied to its record
/// by `external_id` so that it is never counted twice.
pub(crate) fn linked_activity(
    kind: &str,
    performer: Performer,
    date: NaiveDate,
    place: Option<PlaceSlug>,
    participants: u32,
    external_id: String,
) -> NewActivity {
    NewActivity {
        activity: Activity {
            activity_type: ActivityTypeCode::parse(kind).expect("a built-in type"),
            performer,
            date,
            time: chrono::NaiveTime::from_hms_opt(18, 0, 0).expect("a valid time"),
            duration_minutes: None,
            place,
            participants: Some(participants),
        },
        started_at: stockholm_to_utc(date.and_hms_opt(18, 0, 0).expect("a valid time")),
        note: None,
        external_id: Some(external_id),
    }
}

/// Runs a statement SeaORM built on a SQLite connection of sqlx's own (the import's).
async fn execute_statement(conn: &mut SqliteConnection, statement: Statement) -> Result<()> {
    sqlx::query_with(
        AssertSqlSafe(statement.sql),
        SqlxValues(statement.values.unwrap_or(sea_orm::Values(Vec::new()))),
    )
    .execute(conn)
    .await
    .map_err(sqlx_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    // A stored day reads as the date it was made from, reads as YYYYMMDD, and orders as
    // the dates do: progress selects a period with `BETWEEN` on it. Every date of the
    // years an activity may have, plus the bounds of periods far beyond them.
    #[test]
    fn a_stored_day_is_the_date_as_yyyymmdd_and_orders_as_dates_do() {
        use super::{STORABLE_YEARS, date_of_stored_day, stored_day};
        let mut day = NaiveDate::from_ymd_opt(*STORABLE_YEARS.start(), 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(*STORABLE_YEARS.end(), 12, 31).unwrap();
        let mut previous = i32::MIN;
        while day <= last {
            let stored = stored_day(day);
            assert!(stored > previous, "{day}");
            assert_eq!(date_of_stored_day(stored), Some(day));
            previous = stored;
            day = day.succ_opt().unwrap();
        }
        assert_eq!(
            stored_day(NaiveDate::from_ymd_opt(2021, 3, 3).unwrap()),
            20210303
        );
        assert!(stored_day(NaiveDate::MIN) < stored_day(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()));
        assert!(stored_day(NaiveDate::MAX) > stored_day(last));
        for not_a_day in [0, 20210230, 20211301, 20210100, -1] {
            assert_eq!(date_of_stored_day(not_a_day), None, "{not_a_day}");
        }
    }

    // An activity's date must fit the stored form: four-digit years only, refused on the
    // date field as any other date that cannot be written YYYY-MM-DD.
    #[test]
    fn an_activity_dated_outside_four_digit_years_is_refused_on_its_date() {
        use super::{FastSet, check_activity};
        use lofte_domain::followup::{Activity, NewActivity, Performer};
        use lofte_domain::{ActivityCatalogue, ActivityTypeCode, Problem};
        let on = |date: NaiveDate| NewActivity {
            activity: Activity {
                activity_type: ActivityTypeCode::parse("traffic_control").unwrap(),
                performer: Performer::Police,
                date,
                time: chrono::NaiveTime::MIN,
                duration_minutes: Some(20),
                place: None,
                participants: None,
            },
            started_at: chrono::Utc::now(),
            note: None,
            external_id: None,
        };
        let types = ActivityCatalogue::builtin();
        let places = FastSet::default();
        for date in [
            NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(0, 12, 31).unwrap(),
            NaiveDate::MIN,
        ] {
            assert_eq!(
                check_activity(&on(date), &places, &types),
                vec![("date", Problem::Date)],
                "{date}"
            );
        }
        for date in [
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        ] {
            assert!(
                check_activity(&on(date), &places, &types).is_empty(),
                "{date}"
            );
        }
    }

    // The date and time cells are read with their formats' items prepared once: a cell
    // must be accepted or refused exactly as `parse_from_str` with the pattern would.
    #[test]
    fn date_and_time_cells_read_as_parse_from_str_reads_them() {
        use super::{DATE_FORMAT, Parsed, TIME_FORMAT, parse_with};
        use chrono::NaiveTime;
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
