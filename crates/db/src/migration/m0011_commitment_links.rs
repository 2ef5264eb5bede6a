//! Residents' inputs and safety-walk findings linked to the commitment they concern, so
//! the promise page can show per commitment what residents said and what was done.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CitizenInput::Table)
                    .add_column(integer_null(CitizenInput::CommitmentId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(WalkFinding::Table)
                    .add_column(integer_null(WalkFinding::CommitmentId))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum CitizenInput {
    Table,
    CommitmentId,
}

#[derive(DeriveIden)]
enum WalkFinding {
    Table,
    CommitmentId,
}
