//! Storage of Löfte on SQLite (embedded default) or PostgreSQL (large deployments).
//!
//! The API boundary is domain types: callers hand in a `Promise` and get `Promise`s back;
//! SeaORM entities never leave this crate. Every promise query goes through a
//! [`Tenant`], which carries the municipality code and adds it to every query, so no
//! caller can read or write another municipality's promises by forgetting a filter.

mod accounts;
pub mod activities;
pub mod activity_corrections;
mod activity_types;
pub mod analyses;
mod audit;
pub mod backup;
pub mod citizen_inputs;
pub mod crime_stats;
mod csv_file;
pub mod dialogues;
mod editing;
mod entity;
mod follow_ups;
pub mod follows;
mod incident_import;
pub mod incidents;
pub mod input_cases;
pub mod links;
pub mod mail;
mod migration;
mod municipalities;
mod organisations;
mod password_resets;
mod places;
pub mod police_events;
mod promises;
pub mod publication_notices;
pub mod safety_walks;
mod sessions;
mod sign_in;
mod structure;
pub mod surveys;
mod tenant;
pub mod units;

pub mod demo;
pub mod national;
#[cfg(feature = "testing")]
pub mod testing;

use std::time::Duration;

use lofte_domain::FieldError;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use sea_orm_migration::MigratorTrait;

pub use accounts::{Account, AccountEvent, AccountSummary, OrganisationRef};
pub use audit::{Actor, AuditEntry, Conflict, Publication};
pub use follow_ups::{FollowUpReport, Frozen, ReportContent, StoredEntry};
pub use municipalities::{MapBoundary, MunicipalitySummary};
pub use promises::{PromiseSummary, StoredPromise, Visibility};
pub use sign_in::{SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_SECONDS, SignInKey, client_network};
pub use structure::{CommitmentLinks, Direction, LinkChoice, Refused};
pub use tenant::Tenant;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is well-formed but does not fit what is stored (unknown municipality or
    /// place, a promise that already exists); nothing was written.
    #[error("invalid input: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// The record does not exist within this municipality.
    #[error("not found")]
    NotFound,
    /// Stored data that no longer parses: a bug or a hand-edited database.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Page size of the SQLite database files `Db::connect` creates, in bytes.
pub const SQLITE_PAGE_SIZE: u32 = 16 * 1024;

/// A connection pool to the application's database.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc`, `sqlite::memory:` or `postgres://…`).
    /// SQLite files get WAL journaling and a busy timeout, so that readers never block
    /// the writer and a second writer waits instead of failing.
    pub async fn connect(url: &str) -> Result<Db> {
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false);
        if url.starts_with("sqlite:") {
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            // An in-memory database exists once per connection: keep exactly one.
            options.max_connections(if in_memory { 1 } else { 4 });
            options.min_connections(1);
            options.map_sqlx_sqlite_opts(move |o| {
                let o = o
                    // New database files get 16 KiB pages (SQLite's default is 4 KiB):
                    // a quarter as many pages to balance, write to the WAL and copy back
                    // at checkpoints, which made a large activity import's insert about
                    // a sixth faster (bench/notes/activity-import.md). An existing file keeps the page
                    // size it was made with: in WAL mode SQLite ignores the pragma.
                    .page_size(SQLITE_PAGE_SIZE)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    // Statement journals of multi-row INSERTs stay in memory instead of
                    // going through a temporary file (measured in bench/).
                    .pragma("temp_store", "memory");
                if in_memory {
                    o
                } else {
                    o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                }
            });
        } else {
            options.max_connections(16);
        }
        let conn = Database::connect(options).await?;
        Ok(Db { conn })
    }

    /// Brings the schema up to date and loads the reference data (all municipalities).
    /// Safe to run at every start and from several instances.
    pub async fn migrate(&self) -> Result<()> {
        migration::Migrator::up(&self.conn, None).await?;
        municipalities::seed_reference(&self.conn).await
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub fn is_sqlite(&self) -> bool {
        self.backend() == DbBackend::Sqlite
    }

    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// A transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// SQLITE_BUSY_SNAPSHOT when another writer got in between, whatever the busy timeout.
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction> {
        use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
        Ok(self
            .conn
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?)
    }

    /// Answers whether the database is reachable (for health checks).
    pub async fn ping(&self) -> Result<()> {
        Ok(self.conn.ping().await?)
    }
}
