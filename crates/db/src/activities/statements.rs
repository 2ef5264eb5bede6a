//! The SQL an import writes, and the SQLite connection it writes on: statements built once
//! per batch size, values shared across rows bound once, the progress index dropped and
//! rebuilt around a large import (decision 0003).

use std::sync::{Arc, OnceLock};

use chrono::Utc;
use lofte_domain::Text;
use lofte_domain::followup::NewActivity;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::sqlx::sqlite::{SqliteArguments, SqliteConnection};
use sea_orm::sqlx::{self, Arguments as _, AssertSqlSafe};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, RuntimeErr, Statement, Value};
use sea_query_sqlx::SqlxValues;

use crate::activity_types::TypeIds;
use crate::audit::Actor;
use crate::entity::activity;
use crate::{Error, Result};

use super::rows::*;

/// The columns [`Tenant::insert_activities`] writes, in order (all but the id).
pub(crate) const INSERT_COLUMNS: [activity::Column; 14] = [
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
pub(crate) fn insert_sql(backend: DbBackend, rows: usize) -> String {
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
pub(crate) fn full_batch_sql(backend: DbBackend) -> &'static str {
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
pub(crate) const SHARED_COLUMNS: [activity::Column; 5] = [
    activity::Column::MunicipalityCode,
    activity::Column::Synthetic,
    activity::Column::AccountId,
    activity::Column::ApiTokenId,
    activity::Column::CreatedAt,
];

/// Values bound per row by a SQLite import: the columns that are not shared.
pub(crate) const ROW_VALUES: usize = INSERT_COLUMNS.len() - SHARED_COLUMNS.len();

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
pub(crate) fn sqlite_import_sql(rows: usize) -> String {
    use sea_orm::IdenStatic;
    let names = |columns: &[activity::Column]| -> Vec<&'static str> {
        columns.iter().map(|c| c.as_str()).collect()
    };
    import_sql(
        "activity",
        &names(&INSERT_COLUMNS),
        &names(&SHARED_COLUMNS),
        rows,
    )
}

/// The `INSERT` of a SQLite import into `table` (see [`sqlite_import_sql`]): `columns`
/// in order, those in `shared` bound once after the rows, the rest per row; rows already
/// stored (by `(municipality_code, dedup_key)`) skipped.
pub(crate) fn import_sql(table: &str, columns: &[&str], shared: &[&str], rows: usize) -> String {
    let quoted = |column: &str| format!("\"{column}\"");
    let mut own = 0;
    let selected = columns
        .iter()
        .map(|column| {
            if shared.contains(column) {
                format!("shared.{}", quoted(column))
            } else {
                own += 1;
                format!("batch.column{own}")
            }
        })
        .collect::<Vec<_>>();
    let row = format!("({})", vec!["?"; own].join(", "));
    let shared = shared
        .iter()
        .map(|column| format!("? AS {}", quoted(column)))
        .collect::<Vec<_>>();
    format!(
        "INSERT INTO \"{table}\" ({}) SELECT {} FROM (VALUES {}) AS batch, (SELECT {}) AS shared \
         WHERE true ON CONFLICT (\"municipality_code\", \"dedup_key\") DO NOTHING",
        columns
            .iter()
            .map(|c| quoted(c))
            .collect::<Vec<_>>()
            .join(", "),
        selected.join(", "),
        vec![row; rows].join(", "),
        shared.join(", "),
    )
}

/// [`sqlite_import_sql`] for a full batch, written once per process.
pub(crate) fn full_sqlite_import_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| sqlite_import_sql(BATCH))
}

/// Inserts the rows whose values [`Tenant::row_values`] made (at most [`BATCH`]) with one
/// statement, skipping any already stored; returns how many were added.
pub(crate) async fn insert_rows(conn: &impl ConnectionTrait, values: Vec<Value>) -> Result<u64> {
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
pub(crate) const IMPORT_CACHE_KIB: u32 = 32 * 1024;

/// Page cache while an import rebuilds the progress index, in KiB (see `ProgressIndex`).
pub(crate) const REBUILD_CACHE_KIB: u32 = 8 * 1024;

/// Secondary indexes during a CSV import on SQLite (`activity_progress`; the incident
/// picture's). Their keys follow the rows' dates, not the file's order, so inserting
/// into them costs a random page per row; building them in one sorted pass over the
/// table is much cheaper when the import is large next to what is stored
/// (bench/notes/activity-import.md). So: once an import has added more rows than the
/// table held when it began, the indexes are dropped, and they are built again from
/// their own stored definitions before the commit, in the same transaction (readers keep
/// seeing the old table and indexes until then; a refused or killed import rolls the
/// drop back with everything else). The rule never costs much more than the better of
/// the two choices, and a small import into a large table never rebuilds. Not on
/// PostgreSQL, where `DROP INDEX` would lock readers out until the commit. The unique
/// dedup index stays: `ON CONFLICT` needs it.
pub(crate) struct DeferredIndexes {
    /// (name, `CREATE INDEX …` as SQLite stored it).
    pub(crate) definitions: Vec<(&'static str, String)>,
    pub(crate) rows_at_start: u64,
    pub(crate) dropped: bool,
}

impl DeferredIndexes {
    pub(crate) async fn at_start(
        conn: &mut SqliteConnection,
        table: &'static str,
        names: &[&'static str],
    ) -> Result<Self> {
        let mut definitions = Vec::new();
        for name in names {
            let definition: Option<String> = sqlx::query_scalar(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
            )
            .bind(*name)
            .fetch_optional(&mut *conn)
            .await
            .map_err(sqlx_error)?;
            definitions.extend(definition.map(|d| (*name, d)));
        }
        // Rows are seldom deleted, so the largest id counts them (near enough) without a
        // scan of the table.
        let max: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT COALESCE(MAX(id), 0) FROM \"{table}\""
        )))
        .fetch_one(&mut *conn)
        .await
        .map_err(sqlx_error)?;
        Ok(DeferredIndexes {
            definitions,
            rows_at_start: u64::try_from(max).unwrap_or(0),
            dropped: false,
        })
    }

    pub(crate) async fn after_batch(
        &mut self,
        conn: &mut SqliteConnection,
        added: u64,
    ) -> Result<()> {
        if !self.dropped && !self.definitions.is_empty() && added > self.rows_at_start {
            for (name, _) in &self.definitions {
                execute(conn, &format!("DROP INDEX \"{name}\"")).await?;
            }
            self.dropped = true;
        }
        Ok(())
    }

    pub(crate) async fn rebuild(self, conn: &mut SqliteConnection) -> Result<()> {
        if self.dropped {
            // Building an index sorts every entry, in runs as large as the page cache
            // that spill to temporary files; with `temp_store = memory` (`Db::connect`)
            // those would stay in memory, which would then grow with the table. So sort
            // on disk, with smaller runs (the build writes its pages in order and needs
            // little cache; the import's dirty pages go to the WAL as at any commit).
            // One helper thread sorts alongside SQLite's own (a quarter less time, one
            // more run in memory: bench/notes/activity-import.md); more did not help on two cores.
            execute(conn, &format!("PRAGMA cache_size = -{REBUILD_CACHE_KIB}")).await?;
            execute(conn, "PRAGMA temp_store = file").await?;
            execute(conn, "PRAGMA threads = 1").await?;
            let mut built = Ok(());
            for (_, definition) in &self.definitions {
                built = execute(conn, definition).await;
                if built.is_err() {
                    break;
                }
            }
            execute(conn, "PRAGMA threads = 0").await?;
            execute(conn, "PRAGMA temp_store = memory").await?;
            built?;
        }
        Ok(())
    }
}

/// Runs `import` on a pooled SQLite connection set for a large import: foreign keys off
/// (the importer checks the few that matter once, under the write lock) and temporary
/// storage reset (see below). Committed, refused or failed, the connection goes back to
/// the pool as `Db::connect` made it (page cache, sorting, foreign keys), or is closed if
/// that fails.
pub(crate) async fn on_import_connection<T>(
    db: &crate::Db,
    import: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>,
) -> Result<T> {
    let pool = db.conn().get_sqlite_connection_pool();
    let mut conn = pool.acquire().await.map_err(sqlx_error)?;
    // The rebuild of the deferred indexes switches `temp_store` inside the transaction
    // (`DeferredIndexes::rebuild`), which SQLite refuses once the connection has opened
    // its temporary database (an `ALTER TABLE … RENAME`, as in migration 15, does).
    // Switching it away and back here, outside a transaction, closes that database;
    // setting it to the value it has would do nothing. `foreign_keys` too can only
    // change outside a transaction.
    let for_import = "PRAGMA foreign_keys = OFF; PRAGMA temp_store = file; \
                      PRAGMA temp_store = memory";
    let outcome = match execute(&mut conn, for_import).await {
        Ok(()) => import(&mut conn).await,
        Err(e) => Err(e),
    };
    let reset = "PRAGMA cache_size = -2000; PRAGMA temp_store = memory; PRAGMA threads = 0; \
                 PRAGMA foreign_keys = ON";
    if execute(&mut conn, reset).await.is_err() {
        conn.close_on_drop();
    }
    outcome
}

/// Whether the municipality `code` exists, read under the import's write lock: the
/// foreign key every row would check, checked once (`on_import_connection` turns the
/// per-row check off), and kept in place by the lock until the commit.
pub(crate) async fn municipality_exists(conn: &mut SqliteConnection, code: &str) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM municipality WHERE code = ?")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await
        .map_err(sqlx_error)?;
    Ok(found.is_some())
}

/// Runs one statement without parameters on a raw SQLite connection.
pub(crate) async fn execute(conn: &mut SqliteConnection, sql: &str) -> Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql))
        .execute(conn)
        .await
        .map_err(sqlx_error)?;
    Ok(())
}

pub(crate) fn sqlx_error(e: sqlx::Error) -> Error {
    Error::Database(DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e))))
}

/// What every row of one SQLite import shares, encoded once and bound once per statement.
pub(crate) struct SharedValues {
    pub(crate) municipality: Arc<str>,
    pub(crate) synthetic: bool,
    pub(crate) account_id: Option<i32>,
    pub(crate) api_token_id: Option<i32>,
    /// As sqlx would write the `DateTime<Utc>` (RFC 3339, as many fractional digits as
    /// needed): the same text as every other way in stores.
    pub(crate) created_at: Arc<str>,
    pub(crate) types: TypeIds,
    /// Performers and places, each kept once: a file names few of them, so rows share
    /// one copy instead of each allocating its own (which SQLite's thread would then
    /// free).
    pub(crate) interned: FastMap<Box<str>, Arc<str>>,
}

impl SharedValues {
    pub(crate) fn new(
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

    pub(crate) fn interned(&mut self, text: &str) -> Arc<str> {
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
    pub(crate) fn arguments(&mut self, items: &[NewActivity]) -> SqliteArguments {
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

/// Runs a statement SeaORM built on a SQLite connection of sqlx's own (the import's).
pub(crate) async fn execute_statement(
    conn: &mut SqliteConnection,
    statement: Statement,
) -> Result<()> {
    sqlx::query_with(
        AssertSqlSafe(statement.sql),
        SqlxValues(statement.values.unwrap_or(sea_orm::Values(Vec::new()))),
    )
    .execute(conn)
    .await
    .map_err(sqlx_error)?;
    Ok(())
}
