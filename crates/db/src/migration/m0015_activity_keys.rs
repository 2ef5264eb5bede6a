//! An activity refers to its type by the type's id, and keeps its Swedish local date as
//! the number YYYYMMDD, instead of the type's code and the date as text.
//!
//! Why: the `activity_progress` index (municipality, type, date) is what a large import
//! spends much of its time building, and on SQLite its entries were mostly text (a code
//! like `traffic_control` and `2021-03-03`). With an integer type and a number for the
//! day an entry takes less than half the bytes, and a million-row import builds the index
//! a third faster (bench/notes/activity-import.md). The number keeps the date readable in SQL
//! (`local_day BETWEEN 20210101 AND 20211231`); the foreign key to `activity_type` is
//! what the code never had: an activity of a type that does not exist cannot be stored.
//!
//! SQLite cannot change a column's type, so there the table is built again with the new
//! columns (the documented "make a new table, copy, drop, rename" way), in one
//! transaction; PostgreSQL alters it in place. On both, an activity whose code names no
//! type of its municipality stops the migration (the new column is NOT NULL) rather than
//! being dropped.

use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The type's id for an activity row `a`: built-in types have no municipality, and a
/// municipality's own codes never repeat a built-in one (`Tenant::add_activity_type`).
const TYPE_ID_OF_ROW: &str = "(SELECT t.id FROM activity_type t WHERE t.code = a.activity_type \
     AND (t.municipality_code IS NULL OR t.municipality_code = a.municipality_code))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        // All or nothing on SQLite too (sea-orm runs SQLite migrations without one).
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => on_postgres(manager).await,
            _ => on_sqlite(manager).await,
        }
    }
}

async fn on_sqlite(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // As m0003 made the table, with the two columns changed.
    manager
        .create_table(
            Table::create()
                .table(Activity::New)
                .col(big_pk_auto(Activity::Id))
                .col(string_len(Activity::MunicipalityCode, 4))
                .col(integer(Activity::ActivityTypeId))
                .col(string(Activity::Performer))
                .col(timestamp_with_time_zone(Activity::StartedAt))
                .col(integer(Activity::LocalDay))
                .col(integer_null(Activity::DurationMinutes))
                .col(string_null(Activity::PlaceSlug))
                .col(integer_null(Activity::Participants))
                .col(text_null(Activity::Note))
                .col(string(Activity::DedupKey))
                .col(boolean(Activity::Synthetic))
                .col(integer_null(Activity::AccountId))
                .col(integer_null(Activity::ApiTokenId))
                .col(timestamp_with_time_zone(Activity::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Activity::New, Activity::MunicipalityCode)
                        .to(Municipality::Table, Municipality::Code),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Activity::New, Activity::ActivityTypeId)
                        .to(ActivityType::Table, ActivityType::Id),
                )
                .to_owned(),
        )
        .await?;
    let conn = manager.get_connection();
    conn.execute_unprepared(&format!(
        "INSERT INTO activity_new (id, municipality_code, activity_type_id, performer, \
         started_at, local_day, duration_minutes, place_slug, participants, note, dedup_key, \
         synthetic, account_id, api_token_id, created_at) \
         SELECT a.id, a.municipality_code, {TYPE_ID_OF_ROW}, a.performer, a.started_at, \
         CAST(strftime('%Y%m%d', a.local_date) AS INTEGER), a.duration_minutes, a.place_slug, \
         a.participants, a.note, a.dedup_key, a.synthetic, a.account_id, a.api_token_id, \
         a.created_at FROM activity a ORDER BY a.id"
    ))
    .await?;
    // Nothing refers to an activity, so the old table can go; the rename carries the
    // AUTOINCREMENT counter along.
    conn.execute_unprepared("DROP TABLE activity").await?;
    conn.execute_unprepared("ALTER TABLE activity_new RENAME TO activity")
        .await?;
    create_dedup_index(manager).await?;
    create_progress_index(manager).await
}

async fn on_postgres(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    for sql in [
        "ALTER TABLE activity ADD COLUMN activity_type_id integer, ADD COLUMN local_day integer",
        &format!(
            "UPDATE activity a SET activity_type_id = {TYPE_ID_OF_ROW}, \
             local_day = CAST(to_char(a.local_date, 'YYYYMMDD') AS integer)"
        ),
        "ALTER TABLE activity ALTER COLUMN activity_type_id SET NOT NULL, \
         ALTER COLUMN local_day SET NOT NULL, \
         ADD FOREIGN KEY (activity_type_id) REFERENCES activity_type (id)",
        // Drops `activity_progress` with it.
        "ALTER TABLE activity DROP COLUMN activity_type, DROP COLUMN local_date",
    ] {
        conn.execute_unprepared(sql).await?;
    }
    create_progress_index(manager).await
}

/// m0003's dedup index again, on the rebuilt table.
async fn create_dedup_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Sending the same activity twice stores it once.
    manager
        .create_index(
            Index::create()
                .name("activity_dedup")
                .table(Activity::Table)
                .col(Activity::MunicipalityCode)
                .col(Activity::DedupKey)
                .unique()
                .to_owned(),
        )
        .await
}

/// m0003's progress index, on the new columns.
async fn create_progress_index(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // Progress reads one municipality's activities of a type over a period.
    manager
        .create_index(
            Index::create()
                .name("activity_progress")
                .table(Activity::Table)
                .col(Activity::MunicipalityCode)
                .col(Activity::ActivityTypeId)
                .col(Activity::LocalDay)
                .to_owned(),
        )
        .await
}

// Variant names are the table's column names.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Activity {
    Table,
    #[sea_orm(iden = "activity_new")]
    New,
    Id,
    MunicipalityCode,
    ActivityTypeId,
    Performer,
    StartedAt,
    LocalDay,
    DurationMinutes,
    PlaceSlug,
    Participants,
    Note,
    DedupKey,
    Synthetic,
    AccountId,
    ApiTokenId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum ActivityType {
    Table,
    Id,
}
