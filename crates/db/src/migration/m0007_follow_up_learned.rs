//! What the parties learned, written in the final report (slutredovisning).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FollowUp::Table)
                    .add_column(text_null(FollowUp::Learned))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Learned,
}
