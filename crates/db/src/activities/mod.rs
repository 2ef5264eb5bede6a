//! Logged activities: adding them (form, API), importing them from CSV, and reading them
//! back for the follow-up engine.
//!
//! Every way in is idempotent: an activity's dedup key (its external id, or else its
//! content) is unique per municipality, so sending the same thing twice adds nothing.

mod rows;
pub(crate) mod statements;

use std::io::Read;

use chrono::{NaiveDate, Utc};
use lofte_domain::followup::{Activity, NewActivity, Performer, Vocabulary, stockholm_to_utc};
use lofte_domain::{ActivityTypeCode, PlaceSlug, Problem, YearSpan};
use sea_orm::sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sea_orm::sqlx::{self, Arguments as _, AssertSqlSafe, Connection as _};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Statement, Value,
};

use crate::activity_types::TypeIds;
use crate::audit::Actor;
use crate::entity::activity;
use crate::tenant::Tenant;
use crate::{Error, Result};

pub use rows::*;
pub(crate) use statements::IMPORT_CACHE_KIB;
use statements::*;

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

    /// The words that name this municipality's activity types and places, for
    /// [`lofte_domain::followup::ActivityFields::parse`].
    pub async fn activity_vocabulary(&self) -> Result<Vocabulary> {
        let types = self.activity_types().await?;
        let places = self.db().places(&self.municipality().code).await?;
        Ok(Vocabulary::new(&types, &places))
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
        // An activity's foreign keys are its municipality and its type. Every row of an
        // import has the same municipality: `import_on_connection` checks it once, under
        // the write lock, instead of SQLite looking it up again for each row (a tenth of
        // the insert's time on a large file, bench/notes/activity-import.md). The type ids
        // were read from `activity_type` itself, and types are never deleted.
        on_import_connection(self.db(), async |conn| {
            self.import_on_connection(conn, added_by, types, places_first, rows)
                .await
        })
        .await
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
        if !statements::municipality_exists(&mut tx, self.code()).await? {
            return Err(Error::NotFound);
        }
        // A large import touches index pages all over the file: give this connection a
        // bigger page cache while it runs (SQLite's default is 2 MiB; `import_on_sqlite`
        // hands it back).
        execute(&mut tx, &format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}")).await?;
        let mut progress_index =
            DeferredIndexes::at_start(&mut tx, "activity", &["activity_progress"]).await?;
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

    /// The activity types with at least one activity logged on the days `from` to `to`
    /// (the lint's "no one has logged this in a year").
    pub async fn logged_types(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<lofte_domain::ActivityTypeCode>> {
        use sea_orm::QuerySelect;
        let (_, ids) = self.activity_types_and_ids(self.db().conn()).await?;
        let used: Vec<i32> = activity::Entity::find()
            .select_only()
            .column(activity::Column::ActivityTypeId)
            .distinct()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .filter(activity::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .into_tuple()
            .all(self.db().conn())
            .await?;
        Ok(used
            .into_iter()
            .filter_map(|id| ids.code(id).cloned())
            .collect())
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
}
