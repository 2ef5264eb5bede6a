//! A published report's incident indicator: each entry keeps the indicator's counts,
//! change and verdict as computed when the report was published
//! ([`lofte_domain::followup::FrozenIndicator`]), beside its activity figures.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The tests of older migrations build their data with today's code, which writes
        // this column, so they add it early (db/tests/it/frozen.rs).
        if manager.has_column("follow_up_entry", "indicator").await? {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(FollowUpEntry::Table)
                    .add_column(text_null(FollowUpEntry::Indicator))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FollowUpEntry {
    Table,
    Indicator,
}
