//! Backups: a consistent copy of a SQLite database taken while it is in use, and a
//! portable dump (JSON lines, one row per line) that any backend can write and read, so
//! a PostgreSQL database can be backed up without PostgreSQL's own tools, and data can
//! move between SQLite and PostgreSQL.
//!
//! A dump starts with a header line naming the schema (the last migration applied) and
//! then holds every table's rows in foreign-key order. Loading replaces everything in the
//! target in one transaction: a restore is either complete or not there at all.
//!
//! Neither kind of backup holds an e-mail address a resident gave: not the addresses
//! left to be asked "Blev det gjort?" (`input_contact`, promised gone within three
//! months), nor followers' addresses and what they follow (`follower`, `follow`,
//! promised gone the moment they unsubscribe), nor the mail on its way or sent
//! (`mail_outbox`, `mail_content`, which name receivers), nor password-reset links. A
//! backup kept for a month would otherwise break those promises. The dump leaves these
//! tables out ([`LEFT_OUT`]); the file copy has their rows overwritten. A restored
//! system has no followers and no mail queue: residents follow again, and staff ask for
//! a new reset link.

use std::io::{BufRead, Write};

use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde_json::Value;

use lofte_domain::{FieldError, Problem};

use crate::entity::*;
use crate::{Db, Error, Result};

/// The format version written in a dump's header.
const FORMAT: u64 = 1;

/// Rows read or written at a time.
const PAGE: u64 = 1000;

/// What a backup or restore moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Copied {
    pub tables: usize,
    pub rows: u64,
}

/// The tables no backup holds (see the module's note), children before parents. A
/// restore empties them too, so it leaves none of the replaced system's rows.
pub const LEFT_OUT: &[&str] = &[
    "mail_outbox",
    "mail_content",
    "follow",
    "follower",
    "password_reset",
    "input_contact",
];

/// Every table, parents before children, with the integer key that orders its rows (and
/// whose sequence PostgreSQL must move past the restored rows), if it has one.
macro_rules! tables {
    ($($module:ident: $key:expr),* $(,)?) => {
        const TABLES: &[(&str, Option<&str>)] = &[$((stringify!($module), $key)),*];

        async fn read_page(
            conn: &impl ConnectionTrait,
            table: &str,
            key: Option<&str>,
            after: Option<i64>,
        ) -> Result<Vec<Value>> {
            match table {
                $(stringify!($module) => page::<$module::Entity>(conn, key, after).await,)*
                other => Err(Error::Corrupt(format!("no table {other}"))),
            }
        }

        async fn insert_rows(
            conn: &impl ConnectionTrait,
            table: &str,
            rows: Vec<Value>,
        ) -> Result<()> {
            match table {
                $(stringify!($module) => insert::<$module::Entity>(conn, rows).await,)*
                other => Err(Error::Corrupt(format!("the dump names a table this version does not have: {other}"))),
            }
        }

        async fn delete_table(conn: &impl ConnectionTrait, table: &str) -> Result<()> {
            match table {
                $(stringify!($module) => {
                    $module::Entity::delete_many().exec(conn).await?;
                })*
                other => return Err(Error::Corrupt(format!("no table {other}"))),
            }
            Ok(())
        }
    };
}

tables! {
    local_police_area: Some("id"),
    municipality: None,
    place: Some("id"),
    promise: Some("id"),
    commitment: Some("id"),
    organisation: Some("id"),
    account: Some("id"),
    account_identity: Some("id"),
    membership: None,
    api_token: Some("id"),
    publication: Some("id"),
    account_event: Some("id"),
    session: None,
    login_throttle: None,
    activity_type: Some("id"),
    activity: Some("id"),
    incident: Some("id"),
    police_event: Some("id"),
    crime_stat: Some("id"),
    population: Some("id"),
    situation_analysis: Some("id"),
    unit: Some("id"),
    notice: Some("id"),
    installation_key: None,
    follow_up: Some("id"),
    follow_up_entry: Some("id"),
    audit_log: Some("id"),
    survey_codebook: None,
    survey_import: Some("id"),
    survey_year: None,
    survey_chunk: Some("id"),
    dialogue: Some("id"),
    citizen_input: Some("id"),
    safety_walk: Some("id"),
    walk_finding: Some("id"),
    finding_photo: Some("finding_id"),
}

/// Empties every table, the ones left out of backups included, children before parents.
async fn delete_all(conn: &impl ConnectionTrait) -> Result<()> {
    for table in LEFT_OUT {
        conn.execute_unprepared(&format!("DELETE FROM {table}"))
            .await?;
    }
    for (table, _) in TABLES.iter().rev() {
        delete_table(conn, table).await?;
    }
    Ok(())
}

/// One page of a table's rows as JSON, after the key `after` (tables with a key), or the
/// whole table (the few small tables without one).
/// Rows go through the typed models (not SeaORM's untyped JSON, which reads a SQLite
/// `double` as a 32-bit float), so every value comes back exactly.
async fn page<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    key: Option<&str>,
    after: Option<i64>,
) -> Result<Vec<Value>>
where
    E::Model: serde::Serialize,
{
    let models = match key {
        None if after.is_some() => Vec::new(),
        None => E::find().all(conn).await?,
        Some(key) => {
            let mut query = E::find();
            if let Some(after) = after {
                query = query.filter(sea_orm::sea_query::ExprTrait::gt(
                    Expr::col(Alias::new(key)),
                    after,
                ));
            }
            query
                .order_by_asc(Expr::col(Alias::new(key)))
                .limit(PAGE)
                .all(conn)
                .await?
        }
    };
    models
        .iter()
        .map(|m| serde_json::to_value(m).map_err(|e| Error::Corrupt(format!("a row as JSON: {e}"))))
        .collect()
}

async fn insert<E: EntityTrait>(conn: &impl ConnectionTrait, rows: Vec<Value>) -> Result<()>
where
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel> + serde::de::DeserializeOwned,
{
    if rows.is_empty() {
        return Ok(());
    }
    let models = rows
        .into_iter()
        .map(|row| {
            let model: E::Model = serde_json::from_value(row)
                .map_err(|e| Error::Corrupt(format!("a row does not fit the table: {e}")))?;
            // Every column is written, the key included.
            Ok(sea_orm::IntoActiveModel::into_active_model(model).reset_all())
        })
        .collect::<Result<Vec<_>>>()?;
    // Bound parameters per statement stay well under SQLite's and PostgreSQL's limits.
    let per_statement = (30_000 / E::Column::iter().count().max(1)).clamp(1, PAGE as usize);
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let chunk: Vec<_> = models.by_ref().take(per_statement).collect();
        E::insert_many(chunk).exec_without_returning(conn).await?;
    }
    Ok(())
}

use sea_orm::Iterable;

/// Calls `sink` with every table's rows, a page at a time, parents before children.
async fn each_page(
    conn: &impl ConnectionTrait,
    mut sink: impl AsyncFnMut(&'static str, Vec<Value>) -> Result<()>,
) -> Result<()> {
    for (table, key) in TABLES {
        let mut after = None;
        loop {
            let rows = read_page(conn, table, *key, after).await?;
            let last = key.and_then(|k| rows.last().and_then(|r| r[k].as_i64()));
            let full = key.is_some() && rows.len() as u64 == PAGE;
            if !rows.is_empty() {
                sink(table, rows).await?;
            }
            match (full, last) {
                (true, Some(last)) => after = Some(last),
                _ => break,
            }
        }
    }
    Ok(())
}

/// The last migration applied: a dump can only be loaded into the same schema.
async fn schema(conn: &impl ConnectionTrait) -> Result<String> {
    let backend = conn.get_database_backend();
    let row = conn
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT MAX(version) AS v FROM seaql_migrations",
        ))
        .await?
        .ok_or_else(|| Error::Corrupt("no migrations applied".into()))?;
    Ok(row.try_get::<String>("", "v")?)
}

impl Db {
    /// Opens a SQLite backup file to read from, changing nothing in it (no WAL switch).
    pub async fn open_sqlite_backup(path: &std::path::Path) -> Result<Db> {
        let options = sea_orm::sqlx::sqlite::SqliteConnectOptions::new()
            .filename(path)
            .read_only(true);
        let pool = sea_orm::sqlx::SqlitePool::connect_with(options)
            .await
            .map_err(|e| {
                Error::Corrupt(format!("cannot open {} as a database: {e}", path.display()))
            })?;
        Ok(Db {
            conn: sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
        })
    }

    /// Checks the database's own consistency: SQLite's `integrity_check` (every page,
    /// index and constraint) and `foreign_key_check`; on PostgreSQL, which checks as it
    /// writes, every table is read through. Returns the problems found (none: healthy).
    pub async fn check(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut problems = Vec::new();
        match self.backend() {
            DbBackend::Sqlite => {
                for row in conn
                    .query_all_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA integrity_check",
                    ))
                    .await?
                {
                    let line: String = row.try_get_by_index(0)?;
                    if line != "ok" {
                        problems.push(line);
                    }
                }
                for row in conn
                    .query_all_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "PRAGMA foreign_key_check",
                    ))
                    .await?
                {
                    let table: String = row.try_get_by_index(0)?;
                    let parent: String = row.try_get_by_index(2)?;
                    problems.push(format!("{table}: a row points at a missing {parent}"));
                }
            }
            _ => {
                for (table, _) in TABLES {
                    conn.query_one_raw(Statement::from_string(
                        DbBackend::Postgres,
                        format!("SELECT COUNT(*) FROM \"{table}\""),
                    ))
                    .await?;
                }
            }
        }
        Ok(problems)
    }

    /// Whether anything people entered is here (promises, accounts, activities, inputs,
    /// surveys); the reference list of municipalities does not count.
    pub async fn holds_data(&self) -> Result<bool> {
        use sea_orm::PaginatorTrait;
        Ok(promise::Entity::find().count(self.conn()).await? > 0
            || account::Entity::find().count(self.conn()).await? > 0
            || activity::Entity::find().count(self.conn()).await? > 0
            || citizen_input::Entity::find().count(self.conn()).await? > 0
            || survey_import::Entity::find().count(self.conn()).await? > 0)
    }

    /// Copies the whole SQLite database into a new file at `path`, consistent as of one
    /// moment, while the server keeps reading and writing (SQLite's `VACUUM INTO`).
    pub async fn backup_sqlite_file(&self, path: &std::path::Path) -> Result<()> {
        if self.backend() != DbBackend::Sqlite {
            return Err(Error::Corrupt(
                "a file copy needs SQLite; use the portable dump".into(),
            ));
        }
        self.conn()
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "VACUUM INTO ?",
                [path.display().to_string().into()],
            ))
            .await?;
        // Out of the copy, with the freed pages zeroed (see the module's note).
        let options = sea_orm::sqlx::sqlite::SqliteConnectOptions::new().filename(path);
        let pool = sea_orm::sqlx::SqlitePool::connect_with(options)
            .await
            .map_err(|e| Error::Corrupt(format!("cannot open the copy {}: {e}", path.display())))?;
        let copy = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
        let left_out: String = LEFT_OUT
            .iter()
            .map(|table| format!("DELETE FROM {table};"))
            .collect();
        copy.execute_unprepared(&format!("PRAGMA secure_delete = ON; {left_out}"))
            .await?;
        copy.close().await?;
        Ok(())
    }

    /// Writes every row of every table as JSON lines after a header line. Reads inside
    /// one transaction, so the dump is consistent as of one moment.
    pub async fn dump(&self, out: &mut impl Write) -> Result<Copied> {
        use sea_orm::TransactionTrait;
        let txn = self.conn().begin().await?;
        let header = serde_json::json!({
            "lofte_dump": FORMAT,
            "schema": schema(&txn).await?,
            "backend": format!("{:?}", self.backend()),
        });
        let io = |e: std::io::Error| Error::Corrupt(format!("writing the dump: {e}"));
        writeln!(out, "{header}").map_err(io)?;
        let mut copied = Copied::default();
        let mut last_table = "";
        each_page(&txn, async |table, rows| {
            if table != last_table {
                copied.tables += 1;
                last_table = table;
            }
            for row in rows {
                let line = serde_json::json!({ "table": table, "row": row });
                writeln!(out, "{line}").map_err(io)?;
                copied.rows += 1;
            }
            Ok(())
        })
        .await?;
        txn.commit().await?;
        // The last line says how many rows came before it, so a dump cut off exactly at
        // a line's end is still known to be incomplete.
        writeln!(
            out,
            "{}",
            serde_json::json!({ "lofte_dump_end": copied.rows })
        )
        .map_err(io)?;
        out.flush().map_err(io)?;
        Ok(copied)
    }

    /// Replaces everything in this (migrated) database with a dump, in one transaction.
    /// Refused, with nothing changed, if the dump is of another schema or damaged.
    pub async fn load_dump(&self, input: impl BufRead) -> Result<Copied> {
        let mut lines = input.lines().enumerate();
        let refused = |problem: Problem| Error::Invalid(vec![FieldError::new("", problem)]);
        let damaged = |line: usize| {
            refused(Problem::BackupDamaged {
                line: line as u64 + 1,
            })
        };
        let header: Option<Value> = lines
            .next()
            .and_then(|(_, h)| h.ok())
            .and_then(|h| serde_json::from_str(&h).ok());
        let Some(header) = header.filter(|h| h["lofte_dump"].as_u64() == Some(FORMAT)) else {
            return Err(refused(Problem::NotABackup));
        };
        let txn = self.begin_write().await?;
        let here = schema(&txn).await?;
        if header["schema"].as_str() != Some(here.as_str()) {
            return Err(refused(Problem::BackupSchema {
                found: header["schema"].as_str().unwrap_or("?").to_owned(),
                expected: here,
            }));
        }
        delete_all(&txn).await?;
        let mut copied = Copied::default();
        let mut table = String::new();
        let mut batch = Vec::new();
        let mut complete = false;
        let mut last = 0;
        for (n, line) in lines {
            last = n + 1;
            let line = line.map_err(|_| damaged(n))?;
            let mut value: Value = serde_json::from_str(&line).map_err(|_| damaged(n))?;
            if complete {
                return Err(damaged(n));
            }
            if let Some(rows) = value["lofte_dump_end"].as_u64() {
                if rows != copied.rows {
                    return Err(damaged(n));
                }
                complete = true;
                continue;
            }
            let name = value["table"]
                .as_str()
                .ok_or_else(|| damaged(n))?
                .to_owned();
            if (name != table || batch.len() as u64 >= PAGE) && !batch.is_empty() {
                insert_rows(&txn, &table, std::mem::take(&mut batch)).await?;
            }
            if name != table {
                copied.tables += 1;
                table = name;
            }
            batch.push(value["row"].take());
            copied.rows += 1;
        }
        if !complete {
            return Err(damaged(last));
        }
        if !batch.is_empty() {
            insert_rows(&txn, &table, batch).await?;
        }
        self.move_sequences(&txn).await?;
        txn.commit().await?;
        Ok(copied)
    }

    /// Copies everything from another database (e.g. a SQLite backup file) into this
    /// one, replacing what is here, in one transaction.
    pub async fn copy_from(&self, source: &Db) -> Result<Copied> {
        let txn = self.begin_write().await?;
        let (theirs, ours) = (schema(source.conn()).await?, schema(&txn).await?);
        if theirs != ours {
            return Err(Error::Invalid(vec![FieldError::new(
                "",
                Problem::BackupSchema {
                    found: theirs,
                    expected: ours,
                },
            )]));
        }
        delete_all(&txn).await?;
        let mut copied = Copied::default();
        let mut last_table = "";
        each_page(source.conn(), async |table, rows| {
            if table != last_table {
                copied.tables += 1;
                last_table = table;
            }
            copied.rows += rows.len() as u64;
            insert_rows(&txn, table, rows).await
        })
        .await?;
        self.move_sequences(&txn).await?;
        txn.commit().await?;
        Ok(copied)
    }

    /// PostgreSQL hands out ids from sequences, which restored rows did not use: move
    /// each past the largest id now in its table. (SQLite takes the next rowid itself.)
    async fn move_sequences(&self, conn: &impl ConnectionTrait) -> Result<()> {
        if self.backend() != DbBackend::Postgres {
            return Ok(());
        }
        for (table, key) in TABLES {
            if *key != Some("id") {
                continue;
            }
            conn.execute_raw(Statement::from_string(
                DbBackend::Postgres,
                format!(
                    "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), \
                     COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)"
                ),
            ))
            .await?;
        }
        Ok(())
    }
}
