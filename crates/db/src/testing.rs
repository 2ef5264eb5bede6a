//! A fresh, migrated database for each test: SQLite in a temporary directory by default,
//! or a new database on the PostgreSQL server that `TEST_DATABASE_URL` names.

use sea_orm::{ConnectionTrait, Database};

use crate::Db;

/// Keeps the test database alive (the SQLite file's directory) for the test's duration.
pub struct TestDatabase {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

pub async fn fresh_database() -> TestDatabase {
    let t = empty_database().await;
    t.db.migrate().await.expect("migrate the test database");
    t
}

/// A fresh, migrated SQLite database whatever `TEST_DATABASE_URL` says: for what only
/// SQLite has (the file copy), so that such a test runs, and can fail, in every run.
pub async fn fresh_sqlite_database() -> TestDatabase {
    let t = sqlite_database().await;
    t.db.migrate().await.expect("migrate the test database");
    t
}

/// A fresh database with only the first `migrations` migrations and the reference data
/// (municipalities), as a database made by an older lofte: for tests of what a later
/// migration does to rows stored before it. `Db::migrate` brings it up to date.
pub async fn fresh_database_before(migrations: u32) -> TestDatabase {
    use sea_orm_migration::MigratorTrait;
    let t = empty_database().await;
    crate::migration::Migrator::up(t.db.conn(), Some(migrations))
        .await
        .expect("migrate the test database part of the way");
    crate::municipalities::seed_reference(t.db.conn())
        .await
        .expect("load the reference data");
    t
}

/// How many migrations the database has had.
pub async fn applied_migrations(db: &Db) -> usize {
    use sea_orm_migration::MigratorTrait;
    crate::migration::Migrator::get_applied_migrations(db.conn())
        .await
        .expect("read the applied migrations")
        .len()
}

async fn empty_database() -> TestDatabase {
    let (url, dir) = match std::env::var("TEST_DATABASE_URL") {
        Ok(server) if server.starts_with("postgres") => {
            (create_postgres_database(&server).await, None)
        }
        _ => return sqlite_database().await,
    };
    let db = Db::connect(&url)
        .await
        .expect("connect to the test database");
    TestDatabase { db, url, _dir: dir }
}

async fn sqlite_database() -> TestDatabase {
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("test.sqlite").display()
    );
    let db = Db::connect(&url)
        .await
        .expect("connect to the test database");
    TestDatabase {
        db,
        url,
        _dir: Some(dir),
    }
}

/// Creates `lofte_test_<uuid>` on the server and returns its URL. Test databases are not
/// dropped: CI runs on a throwaway cluster.
async fn create_postgres_database(server_url: &str) -> String {
    let name = format!("lofte_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(server_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    admin.close().await.ok();
    let (base, _) = server_url
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL ends in /database");
    format!("{base}/{name}")
}

/// Every value of every table as text, one per line: for tests that must show something
/// (e.g. a client's network address) is stored nowhere.
pub async fn dump_as_text(db: &Db) -> String {
    use sea_orm::{DbBackend, Statement};
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let columns_sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS t, column_name AS c FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m \
             JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"
        }
    };
    let columns = conn
        .query_all_raw(Statement::from_string(backend, columns_sql))
        .await
        .expect("list the columns");
    let mut out = String::new();
    for row in columns {
        let table: String = row.try_get("", "t").expect("table name");
        let column: String = row.try_get("", "c").expect("column name");
        // Blobs as hex, so that they are compared too (they are not text).
        let sql = match backend {
            DbBackend::Postgres => {
                format!("SELECT CAST(\"{column}\" AS TEXT) AS v FROM \"{table}\"")
            }
            _ => format!(
                "SELECT CASE WHEN typeof(\"{column}\") = 'blob' THEN hex(\"{column}\") \
                 ELSE CAST(\"{column}\" AS TEXT) END AS v FROM \"{table}\""
            ),
        };
        for value in conn
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .expect("read a column")
        {
            if let Ok(Some(v)) = value.try_get::<Option<String>>("", "v") {
                out.push_str(&format!("{table}.{column}: {v}\n"));
            }
        }
    }
    out
}

/// Every connection of a SQLite pool, all held at once so that each is a different one;
/// `None` on PostgreSQL.
async fn every_sqlite_connection(
    db: &Db,
) -> Option<Vec<sea_orm::sqlx::pool::PoolConnection<sea_orm::sqlx::Sqlite>>> {
    if !db.is_sqlite() {
        return None;
    }
    let pool = db.conn().get_sqlite_connection_pool();
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        held.push(pool.acquire().await.expect("a pooled connection"));
    }
    Some(held)
}

/// `PRAGMA name` on every connection of a SQLite pool; `None` on PostgreSQL. For tests
/// that a connection goes back to the pool as `Db::connect` made it, whatever a caller
/// set on it for a while.
pub async fn sqlite_pragma_on_every_connection(db: &Db, name: &str) -> Option<Vec<i64>> {
    use sea_orm::sqlx::{self, AssertSqlSafe};
    let mut held = every_sqlite_connection(db).await?;
    let mut values = Vec::new();
    for conn in &mut held {
        let value: i64 = sqlx::query_scalar(AssertSqlSafe(format!("PRAGMA {name}")))
            .fetch_one(&mut **conn)
            .await
            .expect("read the pragma");
        values.push(value);
    }
    Some(values)
}

/// Runs `sql` on every connection of a SQLite pool (nothing on PostgreSQL): for tests
/// that whatever one connection did before, the next user of it still works.
pub async fn sqlite_on_every_connection(db: &Db, sql: &str) {
    use sea_orm::sqlx::{self, AssertSqlSafe};
    for mut conn in every_sqlite_connection(db).await.unwrap_or_default() {
        sqlx::raw_sql(AssertSqlSafe(sql.to_owned()))
            .execute(&mut *conn)
            .await
            .expect("run the statements");
    }
}

/// Moves a citizen input's arrival back in time, for tests of what happens to old inputs.
pub async fn backdate_input(db: &Db, id: i32, received_at: chrono::DateTime<chrono::Utc>) {
    use sea_orm::{ActiveValue::Set, EntityTrait};
    crate::entity::citizen_input::Entity::update(crate::entity::citizen_input::ActiveModel {
        id: Set(id),
        received_at: Set(received_at),
        ..Default::default()
    })
    .exec(db.conn())
    .await
    .expect("backdate the input");
}

/// Runs raw SQL on the test database over a connection of its own: for tests that set up
/// rows as an older version of lofte stored them.
pub async fn run_sql(t: &TestDatabase, statements: &[&str]) {
    let conn = Database::connect(&t.url)
        .await
        .expect("connect to the test database");
    for sql in statements {
        conn.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    conn.close().await.expect("close the connection");
}
