//! What measures a commitment in the situation picture: the exchange format's
//! `incident_indicator` as JSON, beside its target.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The tests of older migrations build their data with today's code, which writes
        // this column, so they add it early (db/tests/it/frozen.rs).
        if manager
            .has_column("commitment", "incident_indicator")
            .await?
        {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Commitment::Table)
                    .add_column(text_null(Commitment::IncidentIndicator))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Commitment {
    Table,
    IncidentIndicator,
}
