//! `lofte incident import`: a CSV file of incident reports, whole or not at all, every bad
//! cell by line and column (the file's own header names it), streaming so that memory
//! stays flat however long the file.
//!
//! On SQLite the rows go to sqlx directly on one connection, as the activity import's do
//! (decision 0003): the values every row shares bound once per statement, the picture's
//! index dropped and built again around a large import. On PostgreSQL they go
//! through SeaORM, as every other way in does.

use std::io::Read;

use chrono::{Timelike as _, Utc};
use lofte_domain::Text;
use lofte_domain::incident::{IncidentContext, IncidentFields, NewIncident};
use sea_orm::DbBackend;
use sea_orm::sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sea_orm::sqlx::{self, Arguments as _, AssertSqlSafe, Connection as _};

use crate::activities::statements::{
    DeferredIndexes, IMPORT_CACHE_KIB, execute, execute_statement, import_sql, municipality_exists,
    on_import_connection, sqlx_error,
};
use crate::activities::{CellError, ImportSummary, MAX_LISTED, stored_day};
use crate::audit::Actor;
use crate::incidents::{BATCH, COLUMN_ALIASES, INCIDENT_COLUMNS};
use crate::tenant::Tenant;
use crate::{Error, Result};

/// The columns a SQLite import writes, in order (all but the id and the review).
const INSERT_COLUMNS: [&str; 17] = [
    "municipality_code",
    "category",
    "started_at",
    "ended_at",
    "local_day",
    "local_hour",
    "place_slug",
    "lat",
    "lon",
    "text",
    "reporter",
    "dedup_key",
    "synthetic",
    "account_id",
    "api_token_id",
    "created_at",
    "organisation_id",
];

/// The columns every row of one import shares, bound once per statement.
const SHARED_COLUMNS: [&str; 6] = [
    "municipality_code",
    "synthetic",
    "account_id",
    "api_token_id",
    "created_at",
    "organisation_id",
];

const ROW_VALUES: usize = INSERT_COLUMNS.len() - SHARED_COLUMNS.len();

/// The index only the picture reads: built again after a large import rather than kept
/// up row by row. (`incident_organisation` holds only reports made for an organisation,
/// which a file's are not: an import adds nothing to it.)
const DEFERRED_INDEXES: [&str; 1] = ["incident_picture"];

fn full_batch_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| import_sql("incident", &INSERT_COLUMNS, &SHARED_COLUMNS, BATCH))
}

/// A file's rows, parsed a batch at a time. At the first bad row storing stops; reading
/// goes on to list the file's problems (up to [`MAX_LISTED`]).
struct IncidentRows<'a, R: Read> {
    file: crate::csv_file::CsvFile<R>,
    /// The file's column for each of [`INCIDENT_COLUMNS`].
    index: Vec<Option<usize>>,
    /// Each of [`INCIDENT_COLUMNS`] as the file heads it.
    headers: Vec<String>,
    context: IncidentContext<'a>,
    confirmed: bool,
    record: csv::StringRecord,
    errors: Vec<CellError>,
    /// Rows read, good or bad.
    seen: u64,
    done: bool,
}

impl<R: Read> IncidentRows<'_, R> {
    /// The next batch of good rows, empty once the file is read or a row was bad.
    fn next_batch(&mut self) -> Vec<NewIncident> {
        let mut batch = Vec::with_capacity(BATCH);
        while !self.done && batch.len() < BATCH {
            match self.file.reader.read_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Ok(true) => {}
                Err(e) => {
                    self.errors.truncate(MAX_LISTED - 1);
                    self.errors.push(CellError::malformed(&e));
                    self.done = true;
                    break;
                }
            }
            self.seen += 1;
            let line = self.record.position().map_or(0, |p| p.line());
            let (index, record) = (&self.index, &self.record);
            let cell = |i: usize| index[i].and_then(|col| record.get(col)).unwrap_or("");
            let fields = IncidentFields {
                external_id: cell(0),
                category: cell(1),
                date: cell(2),
                time: cell(3),
                end_date: cell(4),
                end_time: cell(5),
                place: cell(6),
                lat: cell(7),
                lon: cell(8),
                text: cell(9),
                reporter: cell(10),
                confirmed: self.confirmed,
            };
            match fields.parse(&self.context) {
                Ok(report) if self.errors.is_empty() => batch.push(report),
                Ok(_) => {}
                Err(problems) => {
                    for (field, problem) in problems {
                        if self.errors.len() < MAX_LISTED {
                            let i = INCIDENT_COLUMNS
                                .iter()
                                .position(|c| *c == field)
                                .expect("fields are columns");
                            self.errors.push(CellError {
                                line,
                                column: self.headers[i].clone(),
                                problem,
                            });
                        }
                    }
                }
            }
        }
        if self.errors.is_empty() {
            batch
        } else {
            Vec::new()
        }
    }
}

/// Who adds an import's rows, the same for every row.
struct Shared {
    municipality: std::sync::Arc<str>,
    synthetic: bool,
    account_id: Option<i32>,
    api_token_id: Option<i32>,
    created_at: std::sync::Arc<str>,
    organisation_id: Option<i32>,
    /// A partner's reports carry its name, whatever the file says.
    partner_name: Option<Text>,
}

impl Shared {
    /// The values of one statement: each row's own, in the order of [`INSERT_COLUMNS`],
    /// then the [`SHARED_COLUMNS`] once (the same values as SeaORM writes for the API).
    fn arguments(&self, items: &[NewIncident]) -> SqliteArguments {
        use std::sync::Arc;
        let mut arguments = SqliteArguments::default();
        arguments.reserve(SHARED_COLUMNS.len() + items.len() * ROW_VALUES, 0);
        let add = |result: std::result::Result<(), sqlx::error::BoxDynError>| {
            result.expect("text, numbers and dates encode");
        };
        // As sqlx writes a `DateTime<Utc>`, the text every other way in stores.
        let time =
            |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
        for i in items {
            add(arguments.add(i.category.code()));
            add(arguments.add(Arc::<str>::from(time(i.started_at))));
            add(arguments.add(
                i.occurred
                    .until
                    .map(|u| Arc::<str>::from(time(lofte_domain::followup::stockholm_to_utc(u)))),
            ));
            add(arguments.add(stored_day(i.occurred.from.date())));
            add(arguments.add(i.occurred.timed.then(|| i.occurred.from.hour() as i32)));
            add(arguments.add(i.place.as_ref().map(|p| Arc::<str>::from(p.as_str()))));
            add(arguments.add(i.point.map(|p| p.lat())));
            add(arguments.add(i.point.map(|p| p.lon())));
            add(arguments.add(i.text.as_ref().map(|t| Arc::<str>::from(t.as_str()))));
            let reporter = self.partner_name.as_ref().unwrap_or(&i.reporter);
            add(arguments.add(Arc::<str>::from(reporter.as_str())));
            add(arguments.add(Arc::<str>::from(i.dedup_key())));
        }
        add(arguments.add(self.municipality.clone()));
        add(arguments.add(self.synthetic));
        add(arguments.add(self.account_id));
        add(arguments.add(self.api_token_id));
        add(arguments.add(self.created_at.clone()));
        add(arguments.add(self.organisation_id));
        arguments
    }
}

impl Tenant {
    /// Imports a CSV file of reports in one transaction: the whole file or nothing, every
    /// bad cell by line and column. `confirmed`: the importer has checked that what looks
    /// like personal data in the texts is not.
    pub async fn import_incidents_csv(
        &self,
        actor: Actor,
        input: impl Read + Send,
        confirmed: bool,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let file = match crate::csv_file::CsvFile::open(input) {
            Ok(f) => f,
            Err(e) => return Ok(Err(vec![e])),
        };
        let index = match file.columns(&COLUMN_ALIASES, &["category", "date", "reporter"], |_| {
            false
        }) {
            Ok(i) => i,
            Err(errors) => return Ok(Err(errors)),
        };
        let headers: Vec<String> = (0..INCIDENT_COLUMNS.len())
            .map(|i| {
                index[i]
                    .map_or(INCIDENT_COLUMNS[i], |col| file.header(col))
                    .to_owned()
            })
            .collect();
        let words = self.activity_vocabulary().await?;
        let map = self.db().boundary(&self.municipality().code).await?;
        let place = |raw: &str| words.place(raw);
        let rows = IncidentRows {
            file,
            index,
            headers,
            context: IncidentContext {
                place: &place,
                boundary: map.as_ref().map(|m| &m.boundary),
                municipality: self.municipality().official_name.as_str(),
                now: Utc::now(),
            },
            confirmed,
            record: csv::StringRecord::new(),
            errors: Vec::new(),
            seen: 0,
            done: false,
        };
        if self.db().is_sqlite() {
            let (organisation_id, partner_name) = self.reporting_as(actor).await?;
            let (account_id, api_token_id) = actor.ids();
            let shared = Shared {
                municipality: self.code().into(),
                synthetic: false,
                account_id,
                api_token_id,
                created_at: Utc::now()
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
                    .into(),
                partner_name,
                organisation_id,
            };
            on_import_connection(self.db(), async |conn| {
                self.write_incidents_on_sqlite(conn, actor, &shared, rows)
                    .await
            })
            .await
        } else {
            self.write_incidents_through_seaorm(actor, rows).await
        }
    }

    async fn write_incidents_through_seaorm<R: Read>(
        &self,
        actor: Actor,
        mut rows: IncidentRows<'_, R>,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let mut writer = self.incident_writer(actor, false).await?;
        while !rows.done {
            let batch = rows.next_batch();
            if !batch.is_empty() {
                writer.add(self, batch).await?;
            }
        }
        if !rows.errors.is_empty() {
            // Dropping the writer rolls its transaction back.
            return Ok(Err(rows.errors));
        }
        Ok(Ok(writer.finish(self).await?))
    }

    async fn write_incidents_on_sqlite<R: Read>(
        &self,
        conn: &mut SqliteConnection,
        actor: Actor,
        shared: &Shared,
        mut rows: IncidentRows<'_, R>,
    ) -> Result<std::result::Result<ImportSummary, Vec<CellError>>> {
        let mut tx = conn
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(sqlx_error)?;
        // The foreign keys every row would check, checked once under the write lock:
        // the municipality, and the organisation the reports are made for.
        if !municipality_exists(&mut tx, self.code()).await? {
            return Err(Error::NotFound);
        }
        if let Some(id) = shared.organisation_id {
            let organisation: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM organisation WHERE id = ?")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(sqlx_error)?;
            if organisation.is_none() {
                return Err(Error::NotFound);
            }
        }
        execute(&mut tx, &format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}")).await?;
        let mut indexes = DeferredIndexes::at_start(&mut tx, "incident", &DEFERRED_INDEXES).await?;
        // Reading and writing side by side, as the activity import does: while SQLite
        // stores one batch on its connection's own thread, the next is parsed and its
        // values prepared here. At most two batches wait in between; the writer's first
        // error ends its receiver, and with it the reading.
        let (batches, mut to_write) = tokio::sync::mpsc::channel::<(usize, SqliteArguments)>(2);
        let read = async {
            while !rows.done {
                let batch = rows.next_batch();
                if batch.is_empty() {
                    continue;
                }
                if batches
                    .send((batch.len(), shared.arguments(&batch)))
                    .await
                    .is_err()
                {
                    break; // the writer failed, and says why
                }
            }
            drop(batches);
        };
        let write = async {
            let mut added = 0;
            while let Some((count, arguments)) = to_write.recv().await {
                let query = if count == BATCH {
                    sqlx::query_with(full_batch_sql(), arguments)
                } else {
                    sqlx::query_with(
                        AssertSqlSafe(import_sql(
                            "incident",
                            &INSERT_COLUMNS,
                            &SHARED_COLUMNS,
                            count,
                        )),
                        arguments,
                    )
                };
                added += query
                    .execute(&mut *tx)
                    .await
                    .map_err(sqlx_error)?
                    .rows_affected();
                indexes.after_batch(&mut tx, added).await?;
            }
            Ok::<u64, Error>(added)
        };
        let (written, ()) = tokio::join!(biased; write, read);
        if !rows.errors.is_empty() {
            tx.rollback().await.map_err(sqlx_error)?; // the indexes too, if dropped
            return Ok(Err(rows.errors));
        }
        let added = written?;
        indexes.rebuild(&mut tx).await?;
        let summary = ImportSummary {
            added,
            already_there: rows.seen - added,
        };
        let audit = crate::audit::audit_statement(
            DbBackend::Sqlite,
            self.incidents_audit(actor, summary.added, summary.already_there),
        );
        execute_statement(&mut tx, audit).await?;
        tx.commit().await.map_err(sqlx_error)?;
        Ok(Ok(summary))
    }
}
