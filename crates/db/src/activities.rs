//! Logged activities: adding them (form, API), importing them from CSV, and reading them
//! back for the follow-up engine.
//!
//! Every way in is idempotent: an activity's dedup key (its external id, or else its
//! content) is unique per municipality, so sending the same thing twice adds nothing.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use lofte_domain::followup::{Activity, NewActivity, Performer};
use lofte_domain::{ActivityCatalogue, ActivityTypeCode, PlaceSlug, Problem, Text, YearSpan};
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Statement, Value,
};

use crate::editing::Actor;
use crate::entity::activity;
use crate::promises::Tenant;
use crate::{Error, Result};

/// One bad cell of an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column's name as the header spells it, or empty for the whole row.
    pub column: String,
    pub problem: Problem,
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

/// Rows per INSERT: well under SQLite's bind-parameter limit.
const BATCH: usize = 500;

/// The columns [`Tenant::insert_activities`] writes, in order (all but the id).
const INSERT_COLUMNS: [activity::Column; 14] = [
    activity::Column::MunicipalityCode,
    activity::Column::ActivityType,
    activity::Column::Performer,
    activity::Column::StartedAt,
    activity::Column::LocalDate,
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

/// Page cache for an import's connection, in KiB.
const IMPORT_CACHE_KIB: u32 = 32 * 1024;

/// Page cache while an import rebuilds the progress index, in KiB (see `ProgressIndex`).
const REBUILD_CACHE_KIB: u32 = 8 * 1024;

/// At most this many problems are listed; an import with more is still refused whole.
pub const MAX_LISTED: usize = 200;

/// The `activity_progress` index during a CSV import on SQLite. Its key follows the
/// activities' dates, not the file's order, so inserting into it costs a random page per
/// row; building it in one sorted pass over the table is much cheaper when the import is
/// large next to what is stored (bench/README.md). So: once an import has added more
/// rows than the table held when it began, the index is dropped, and it is built again
/// from its own stored definition before the commit, in the same transaction (readers
/// keep seeing the old table and index until then; a refused or killed import rolls the
/// drop back with everything else). The rule never costs much more than the better of
/// the two choices, and a small import into a large table never rebuilds. Not on
/// PostgreSQL, where `DROP INDEX` would lock readers out until the commit.
struct ProgressIndex {
    /// `CREATE INDEX …` as SQLite stored it; `None` when this does not apply.
    definition: Option<String>,
    rows_at_start: u64,
    dropped: bool,
}

impl ProgressIndex {
    async fn at_start(conn: &impl ConnectionTrait, sqlite: bool) -> Result<Self> {
        let mut this = ProgressIndex {
            definition: None,
            rows_at_start: 0,
            dropped: false,
        };
        if !sqlite {
            return Ok(this);
        }
        let backend = DbBackend::Sqlite;
        this.definition = match conn
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'activity_progress'",
            ))
            .await?
        {
            Some(row) => Some(row.try_get_by_index(0)?),
            None => None,
        };
        // Activities are only ever added, never deleted, so the largest id counts them
        // without a scan of the table.
        if let Some(row) = conn
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT COALESCE(MAX(id), 0) FROM activity",
            ))
            .await?
        {
            let max: i64 = row.try_get_by_index(0)?;
            this.rows_at_start = u64::try_from(max).unwrap_or(0);
        }
        Ok(this)
    }

    async fn after_batch(&mut self, conn: &impl ConnectionTrait, added: u64) -> Result<()> {
        if !self.dropped && self.definition.is_some() && added > self.rows_at_start {
            conn.execute_unprepared("DROP INDEX activity_progress")
                .await?;
            self.dropped = true;
        }
        Ok(())
    }

    async fn rebuild(self, conn: &impl ConnectionTrait) -> Result<()> {
        if let (true, Some(definition)) = (self.dropped, self.definition) {
            // Building the index sorts every entry, in runs as large as the page cache
            // that spill to temporary files; with `temp_store = memory` (`Db::connect`)
            // those would stay in memory, which would then grow with the table. So sort
            // on disk, with smaller runs (the build writes its pages in order and needs
            // little cache; the import's dirty pages go to the WAL as at any commit).
            conn.execute_unprepared(&format!("PRAGMA cache_size = -{REBUILD_CACHE_KIB}"))
                .await?;
            conn.execute_unprepared("PRAGMA temp_store = file").await?;
            let built = conn.execute_unprepared(&definition).await;
            conn.execute_unprepared("PRAGMA temp_store = memory")
                .await?;
            built?;
        }
        Ok(())
    }
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
fn check_activity(
    a: &NewActivity,
    places: &HashSet<String>,
    types: &ActivityCatalogue,
) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
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
fn parse_record(
    record: &csv::StringRecord,
    index: &[Option<usize>; 9],
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
    let activity_type = raw_type.and_then(|t| match ActivityTypeCode::parse(t) {
        Ok(code) => Some(code),
        Err(p) => {
            problems.push(("type", p));
            None
        }
    });
    let performer = raw_performer.and_then(|p| match Performer::parse(p) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.push(("performer", e));
            None
        }
    });
    let date = raw_date.and_then(|d| match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(("date", Problem::Date));
            None
        }
    });
    let time = match cell("time") {
        "" => Some(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists")),
        t => match NaiveTime::parse_from_str(t, "%H:%M") {
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
        p => match PlaceSlug::parse(p) {
            Ok(slug) => Some(slug),
            Err(e) => {
                problems.push(("place", e));
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
                    duration_minutes: duration,
                    place,
                },
                started_at: stockholm_to_utc(date.and_time(time)),
                participants,
                note,
                external_id,
            })
        }
        _ => Err(problems),
    }
}

impl Tenant {
    async fn place_slugs(&self) -> Result<HashSet<String>> {
        Ok(self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .map(|p| p.slug.to_string())
            .collect())
    }

    /// The values of one activity's row, in the order of [`INSERT_COLUMNS`].
    fn push_row(
        &self,
        values: &mut Vec<Value>,
        (actor, synthetic, created_at): (Actor, bool, chrono::DateTime<Utc>),
        a: &NewActivity,
    ) {
        let (account_id, api_token_id) = match actor {
            Actor::Account(id) => (Some(id), None),
            Actor::ApiToken(id) => (None, Some(id)),
            Actor::System => (None, None),
        };
        values.extend([
            self.code().into(),
            a.activity.activity_type.to_string().into(),
            a.activity.performer.as_string().into(),
            a.started_at.into(),
            a.activity.date.into(),
            a.activity
                .duration_minutes
                .and_then(|d| i32::try_from(d).ok())
                .into(),
            a.activity.place.as_ref().map(ToString::to_string).into(),
            a.participants.and_then(|p| i32::try_from(p).ok()).into(),
            a.note.as_ref().map(ToString::to_string).into(),
            a.dedup_key().into(),
            synthetic.into(),
            account_id.into(),
            api_token_id.into(),
            created_at.into(),
        ]);
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
    /// fifth of the import's time in allocations (bench/README.md).
    pub(crate) async fn insert_activities(
        &self,
        conn: &impl ConnectionTrait,
        added_by: (Actor, bool, chrono::DateTime<Utc>),
        items: &[NewActivity],
    ) -> Result<u64> {
        let backend = conn.get_database_backend();
        let mut added = 0;
        for chunk in items.chunks(BATCH) {
            let mut values = Vec::with_capacity(chunk.len() * INSERT_COLUMNS.len());
            for a in chunk {
                self.push_row(&mut values, added_by, a);
            }
            let sql = if chunk.len() == BATCH {
                full_batch_sql(backend).to_owned()
            } else {
                insert_sql(backend, chunk.len())
            };
            added += conn
                .execute_raw(Statement::from_sql_and_values(backend, sql, values))
                .await?
                .rows_affected();
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
        crate::editing::audit(
            conn,
            crate::editing::AuditRecord {
                actor,
                municipality: self.code(),
                entity: "activities",
                entity_id: 0,
                promise_id: None,
                action: "add",
                before: None,
                after: Some(
                    serde_json::json!({ "added": added, "already_there": already_there })
                        .to_string(),
                ),
            },
        )
        .await
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
        let places = self.place_slugs().await?;
        let types = self.activity_types().await?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let mut errors: Vec<CellError> = Vec::new();
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
        let mut index: [Option<usize>; 9] = [None; 9];
        for (col, name) in headers.iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            match COLUMNS.iter().position(|c| *c == name) {
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

        let txn = self.db().begin_write().await?;
        // A large import touches index pages all over the file: give this connection a
        // bigger page cache while it runs (SQLite's default is 2 MiB), and hand it back
        // afterwards so pooled connections stay small.
        let sqlite = self.db().backend() == DbBackend::Sqlite;
        if sqlite {
            txn.execute_unprepared(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
                .await?;
        }
        let mut progress_index = ProgressIndex::at_start(&txn, sqlite).await?;
        let added_by = (actor, false, Utc::now());
        let mut summary = ImportSummary::default();
        let mut batch = Vec::with_capacity(BATCH);
        let mut seen_rows = 0u64;
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    // The listing stops at MAX_LISTED, this one included (found by fuzzing).
                    errors.truncate(MAX_LISTED - 1);
                    errors.push(CellError {
                        line,
                        column: String::new(),
                        problem: Problem::Malformed {
                            detail: e.to_string(),
                        },
                    });
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            seen_rows += 1;
            let parsed = parse_record(&record, &index).and_then(|a| {
                let problems = check_activity(&a, &places, &types);
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
                        summary.added += self.insert_activities(&txn, added_by, &batch).await?;
                        batch.clear();
                        progress_index.after_batch(&txn, summary.added).await?;
                    }
                }
                Ok(_) => {}
                Err(problems) => {
                    batch.clear();
                    for (column, problem) in problems {
                        if errors.len() < MAX_LISTED {
                            errors.push(CellError {
                                line,
                                column: column.to_owned(),
                                problem,
                            });
                        }
                    }
                }
            }
        }
        if !errors.is_empty() {
            if sqlite {
                txn.execute_unprepared("PRAGMA cache_size = -2000").await?;
            }
            txn.rollback().await?; // the index too, if it was dropped
            return Ok(Err(errors));
        }
        summary.added += self.insert_activities(&txn, added_by, &batch).await?;
        progress_index.rebuild(&txn).await?;
        if sqlite {
            txn.execute_unprepared("PRAGMA cache_size = -2000").await?;
        }
        summary.already_there = seen_rows - summary.added;
        self.audit_activities(&txn, actor, summary.added, summary.already_there)
            .await?;
        txn.commit().await?;
        Ok(Ok(summary))
    }

    /// The municipality's activities in the period with what an export shows, oldest
    /// first. Notes are left out: they stay in the staff area.
    pub async fn activity_records(&self, period: YearSpan) -> Result<Vec<ActivityRecord>> {
        let (first, last) = (period.first_day(), period.last_day());
        let rows = activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(activity::Column::LocalDate.between(first, last))
            .order_by_asc(activity::Column::StartedAt)
            .order_by_asc(activity::Column::Id)
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|r| {
                let corrupt = || Error::Corrupt(format!("activity {}", r.id));
                Ok(ActivityRecord {
                    started_at: r.started_at,
                    activity_type: ActivityTypeCode::parse(&r.activity_type)
                        .map_err(|_| corrupt())?,
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
            .filter(activity::Column::LocalDate.between(first, last))
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
        let rows = activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(activity::Column::ActivityType.is_in(types.iter().map(ToString::to_string)))
            .filter(activity::Column::LocalDate.between(first, last))
            .all(self.db().conn())
            .await?;
        let synthetic = rows.iter().any(|r| r.synthetic);
        let activities = rows
            .into_iter()
            .map(|r| {
                let corrupt = || Error::Corrupt(format!("activity {}", r.id));
                Ok(Activity {
                    activity_type: ActivityTypeCode::parse(&r.activity_type)
                        .map_err(|_| corrupt())?,
                    performer: Performer::parse(&r.performer).map_err(|_| corrupt())?,
                    date: r.local_date,
                    duration_minutes: r.duration_minutes.and_then(|d| u32::try_from(d).ok()),
                    place: r
                        .place_slug
                        .as_deref()
                        .map(PlaceSlug::parse)
                        .transpose()
                        .map_err(|_| corrupt())?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((activities, synthetic))
    }
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
            duration_minutes: None,
            place,
        },
        started_at: stockholm_to_utc(date.and_hms_opt(18, 0, 0).expect("a valid time")),
        participants: Some(participants),
        note: None,
        external_id: Some(external_id),
    }
}
