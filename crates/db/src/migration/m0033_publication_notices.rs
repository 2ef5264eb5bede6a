//! Followers hear of a promise published or changed after publication from its
//! `publication` rows, which every change to a public promise writes in its own
//! transaction. `announced_at` marks the rows already told (`Db::announce_publication`);
//! rows from before this migration count as told.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The tests of older migrations build their data with today's code, which writes
        // this column, so they add it early (db/tests/it/frozen.rs).
        if !manager.has_column("publication", "announced_at").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(Publication::Table)
                        .add_column(timestamp_with_time_zone_null(Publication::AnnouncedAt))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE publication SET announced_at = published_at WHERE announced_at IS NULL",
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Publication {
    Table,
    AnnouncedAt,
}
